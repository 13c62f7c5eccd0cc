"""Writes a course's scored responses as CSV on stdout."""

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course
from results.exports import RESPONSE_COLUMNS, response_rows
from tutor.spreadsheet import csv_lines


class Command(BaseCommand):
    help = (
        "One CSV row per scored response of the course's finished attempts: attempt id, "
        "student id, quiz id, question id, mark, max mark, first attempt (yes/no)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, metavar="SLUG", help="Course slug.")

    def handle(self, *args, course, **options):
        found = Course.objects.filter(slug=course).first()
        if found is None:
            raise CommandError(f"No course with slug {course!r}.")
        for line in csv_lines(RESPONSE_COLUMNS, response_rows(found)):
            self.stdout.write(line, ending="")
