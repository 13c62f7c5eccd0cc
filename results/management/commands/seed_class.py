"""Seeds a course with a simulated class for demos, benchmarks and tests."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lessons.models import Course
from results.services import ClassExists, class_seed, simulated_students


class Command(BaseCommand):
    help = (
        "Enrol N simulated students in course COURSE and play D days of reading, practice, "
        "quizzes and reviews through the real grading and FSRS scheduling (same seed, same class)."
    )

    def add_arguments(self, parser):
        parser.add_argument("course", metavar="COURSE", help="Course slug.")
        parser.add_argument("--students", type=int, default=30, help="Default: 30.")
        parser.add_argument("--days", type=int, default=14, help="Default: 14.")
        parser.add_argument("--seed", type=int, default=1, help="Default: 1.")
        parser.add_argument(
            "--until",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="Last simulated day is the day before this date (default: today).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete this course's earlier simulated students (and their answers) first.",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Do nothing if the course already has a simulated class (for make run).",
        )

    def handle(self, *args, course, students, days, seed, until, replace, keep, **options):
        found = Course.objects.filter(slug=course).first()
        if found is None:
            raise CommandError(f"No course with slug {course!r}.")
        if students < 1 or days < 1:
            raise CommandError("--students and --days must be at least 1.")
        if keep and simulated_students(found).exists():
            self.stdout.write(f"{found.slug}: keeping its simulated class.")
            return
        end = None
        if until is not None:
            end = timezone.make_aware(dt.datetime.combine(until, dt.time(12)))
        try:
            summary = class_seed(
                course=found, students=students, days=days, seed=seed, until=end, replace=replace
            )
        except ClassExists as exc:
            raise CommandError(f"{exc} Use --replace to start again.") from None
        self.stdout.write(self.style.SUCCESS(f"{found.slug}: {summary}."))
