"""Imports the demo course and creates one demo user per role; safe to run again."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.roles import instructors_group
from lessons.services import course_import
from quizzes.services import questions_generate

DEMO_DOCUMENT = Path(settings.BASE_DIR) / "fixtures" / "military_alliances.txt"
DEMO_SLUG = "military-alliances"
DEMO_TITLE = "Military Alliances and International Relations"
DEMO_USERS = (
    ("demo-student", "student"),
    ("demo-instructor", "instructor"),
    ("demo-admin", "admin"),
)


class Command(BaseCommand):
    help = "Import the demo course and create demo student, instructor and admin accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give existing demo users new random passwords and print them.",
        )

    @transaction.atomic
    def handle(self, *args, reset_passwords=False, **options):
        text = DEMO_DOCUMENT.read_text(encoding="utf-8")
        summary = course_import(
            slug=DEMO_SLUG, text=text, title=DEMO_TITLE, generate_questions=False
        )
        # A command may take its time: it generates at once rather than queue.
        result = questions_generate(course=summary.course, lessons=summary.content_changed)
        summary.questions_generated = result.created + result.updated
        course = summary.course
        if not course.published:
            course.published = True
            course.save(update_fields=["published"])
        self.stdout.write(
            f"Demo course '{course.title}': {course.lessons.count()} lessons "
            f"({summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.archived} archived; "
            f"{summary.questions_generated} questions generated or updated)."
        )

        User = get_user_model()
        lines = []
        for username, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            if role == "admin":
                user.is_staff = user.is_superuser = True
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                lines.append(f"  {role:<10} {username:<16} {password}")
            else:
                lines.append(f"  {role:<10} {username:<16} (exists; password unchanged)")
            user.save()
            if role == "instructor":
                user.groups.add(instructors_group())
                course.instructors.add(user)
            if role == "student":
                course.enrol(user)

        self.stdout.write("Demo accounts (passwords are shown only when set):")
        for line in lines:
            self.stdout.write(line)
        if any("unchanged" in line for line in lines):
            self.stdout.write("Run 'manage.py seed_demo --reset-passwords' to set new ones.")
