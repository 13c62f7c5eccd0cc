"""Export instructors' decisions on a course's generated questions as labelled examples."""

import json

from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course
from quizzes.generation import calibration
from quizzes.models import QuestionDecision
from tutor.spreadsheet import csv_lines

FIELDS = [
    "question",
    "generator",
    "type",
    "quality_score",
    "accepted",
    "decision",
    "reason",
    "decided_at",
]


class Command(BaseCommand):
    help = (
        "Print one labelled example per generated question an instructor judged (its quality "
        "score, generator, whether it was kept as generated, and the reason), as CSV or JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="the course's slug")
        parser.add_argument(
            "--format", dest="output_format", choices=["csv", "json"], default="csv"
        )
        parser.add_argument(
            "--suggest",
            action="store_true",
            help="also fit the course's auto-approve threshold on these verdicts (once there "
            f"are {calibration.MIN_DECISIONS}) and print it on stderr",
        )

    def handle(self, *args, course, output_format, suggest=False, **options):
        found = Course.objects.filter(slug=course).first()
        if found is None:
            raise CommandError(f"No course with the slug {course!r}.")
        examples = QuestionDecision.objects.for_course(found).of_generated().labelled_examples()
        if output_format == "json":
            self.stdout.write(json.dumps(examples, indent=2))
        else:
            rows = ([example.get(f) for f in FIELDS] for example in examples)
            for line in csv_lines(FIELDS, rows):
                self.stdout.write(line, ending="")
        accepted = sum(example["accepted"] for example in examples)
        self.stderr.write(f"{len(examples)} judged questions, {accepted} kept as generated.")
        if suggest:
            self.stderr.write(self._suggestion(found, examples))

    def _suggestion(self, course, examples) -> str:
        fit = calibration.suggested_threshold(examples)
        if fit is None:
            return (
                f"Too few verdicts to calibrate: {len(examples)} of the "
                f"{calibration.MIN_DECISIONS} needed; the threshold stays "
                f"{course.auto_approve_threshold:g}."
            )
        if not fit.reached:
            return (
                f"No threshold reaches {calibration.TARGET_PRECISION:.0%} of questions kept as "
                "generated on these verdicts; consider switching auto-approval off."
            )
        return (
            f"Suggested auto-approve threshold: {fit.cut:.2f} ({fit.approved} of {fit.total} "
            f"judged questions at or above it, {fit.precision[0]:.0%} kept as generated); "
            f"the course's is {course.auto_approve_threshold:g}."
        )
