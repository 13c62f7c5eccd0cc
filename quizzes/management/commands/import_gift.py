"""Imports GIFT questions into a course or one of its lessons."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course, Lesson
from quizzes.exchange import gift_import


class Command(BaseCommand):
    help = "Import questions from a Moodle GIFT file into a course (by $CATEGORY) or a lesson."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--course", required=True, help="Course slug.")
        parser.add_argument(
            "--lesson",
            help=(
                "Lesson slug; without it $CATEGORY names the lesson, and questions without "
                "$CATEGORY go to the course's first lesson."
            ),
        )
        parser.add_argument("--draft", action="store_true", help="Import as drafts to review.")

    def handle(self, *args, path, course, lesson=None, draft=False, **options):
        try:
            course_obj = Course.objects.get(slug=course)
        except Course.DoesNotExist:
            raise CommandError(f"No course with slug “{course}”.") from None
        lesson_obj = None
        if lesson:
            try:
                lesson_obj = Lesson.objects.get(course=course_obj, slug=lesson)
            except Lesson.DoesNotExist:
                raise CommandError(f"No lesson “{lesson}” in {course_obj.title}.") from None
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.") from None
        report = gift_import(course=course_obj, lesson=lesson_obj, text=text, approve=not draft)
        for error in report.errors:
            self.stderr.write(f"{path}:{error.line}: {error.message}")
        for item in report.already_there:
            self.stderr.write(f"{path}:{item.line}: not imported again: {item.message}")
        self.stdout.write(report.summary)
        if not report.created and report.errors:
            raise CommandError("No question could be imported.")
