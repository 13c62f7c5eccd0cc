"""Writes the item analysis of a course's quizzes as CSV on stdout."""

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course
from results.analysis import course_analysis
from results.exports import ITEM_COLUMNS, item_rows
from tutor.spreadsheet import csv_lines


class Command(BaseCommand):
    help = (
        "Per quiz item: question id, type, n, facility, SD, discrimination (corrected "
        "item-total correlation), flags, and the quiz's attempts, mean, median, SD and "
        "Cronbach's alpha; from each student's first attempt unless --all-attempts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, metavar="SLUG", help="Course slug.")
        parser.add_argument("--quiz", type=int, metavar="ID", help="Only this quiz.")
        parser.add_argument("--all-attempts", action="store_true", help="Every finished attempt.")

    def handle(self, *args, course, quiz, all_attempts, **options):
        found = Course.objects.filter(slug=course).first()
        if found is None:
            raise CommandError(f"No course with slug {course!r}.")
        if quiz is not None and not found.quizzes.filter(pk=quiz).exists():
            raise CommandError(f"Course {course!r} has no quiz {quiz}.")
        analysis = course_analysis(found, all_attempts=all_attempts)
        if quiz is not None:
            analysis.quizzes = [q for q in analysis.quizzes if q.quiz.pk == quiz]
        for line in csv_lines(ITEM_COLUMNS, item_rows(analysis)):
            self.stdout.write(line, ending="")
