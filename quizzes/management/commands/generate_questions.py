"""(Re)generates a course's questions, keeping instructors' rejections and edits."""

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course, Lesson
from quizzes.services import questions_generate


class Command(BaseCommand):
    help = "Generate questions for every live lesson of a course, or for one lesson."

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, metavar="SLUG")
        parser.add_argument("--lesson", metavar="SLUG")

    def handle(self, *args, course, lesson=None, **options):
        course_obj = Course.objects.filter(slug=course).first()
        if course_obj is None:
            raise CommandError(f"No course with slug “{course}”.")
        lessons = None
        if lesson:
            lesson_obj = Lesson.objects.active().filter(course=course_obj, slug=lesson).first()
            if lesson_obj is None:
                raise CommandError(f"No live lesson “{lesson}” in {course_obj.title}.")
            lessons = [lesson_obj]
        summary = questions_generate(course=course_obj, lessons=lessons)
        self.stdout.write(self.style.SUCCESS(str(summary)))
