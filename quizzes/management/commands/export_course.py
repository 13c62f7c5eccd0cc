"""Prints a course as JSON on stdout, in the format documented in the README."""

import json

from django.core.management.base import BaseCommand, CommandError

from lessons.export import course_export
from lessons.models import Course
from quizzes.exchange import questions_for_export


class Command(BaseCommand):
    help = "Print course SLUG as JSON (format_version 1, see README)."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        course = Course.objects.filter(slug=slug).first()
        if course is None:
            raise CommandError(f"No course with slug '{slug}'.")
        self.stdout.write(
            json.dumps(course_export(course, questions_for_export), ensure_ascii=False, indent=2)
        )
