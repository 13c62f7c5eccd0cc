"""Prints a course's (or lesson's) questions as GIFT."""

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course, Lesson
from quizzes.exchange import GiftExportError, gift_export


class Command(BaseCommand):
    help = "Export a course's questions (or one lesson's) as Moodle GIFT on standard output."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="Course slug.")
        parser.add_argument("--lesson", help="Lesson slug.")

    def handle(self, *args, course, lesson=None, **options):
        try:
            course_obj = Course.objects.get(slug=course)
        except Course.DoesNotExist:
            raise CommandError(f"No course with slug “{course}”.") from None
        lesson_obj = None
        if lesson:
            lesson_obj = Lesson.objects.filter(course=course_obj, slug=lesson).first()
            if lesson_obj is None:
                raise CommandError(f"No lesson “{lesson}” in {course_obj.title}.")
        try:
            self.stdout.write(gift_export(course=course_obj, lesson=lesson_obj), ending="")
        except GiftExportError as exc:
            raise CommandError(str(exc)) from None
