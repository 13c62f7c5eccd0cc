"""Results tables as CSV rows with stable columns (written by tutor.spreadsheet)."""

from collections.abc import Iterable

from lessons.models import Course
from quizzes.models import Response

from .analysis import CourseAnalysis, analysed_attempts

RESPONSE_COLUMNS = [
    "attempt_id",
    "student_id",
    "quiz_id",
    "question_id",
    "mark",
    "max_mark",
    "first_attempt",
]
ITEM_COLUMNS = [
    "quiz_id",
    "quiz",
    "question_id",
    "type",
    "n",
    "facility",
    "sd",
    "discrimination",
    "flags",
    "quiz_attempts",
    "quiz_mean",
    "quiz_median",
    "quiz_sd",
    "quiz_alpha",
]


def response_rows(course: Course) -> Iterable[list]:
    """One row per scored response in the course's finished attempts (RESPONSE_COLUMNS)."""
    firsts = set(analysed_attempts(course, all_attempts=False))
    responses = (
        Response.objects.filter(attempt__quiz__course=course, attempt__submitted_at__isnull=False)
        .order_by("attempt_id", "pk")
        .values_list("attempt_id", "attempt__student_id", "attempt__quiz_id", "question_id", "mark")
    )
    for attempt_id, student_id, quiz_id, question_id, mark in responses.iterator(chunk_size=5000):
        yield [
            attempt_id,
            student_id,
            quiz_id,
            question_id,
            mark,
            1,
            "yes" if attempt_id in firsts else "no",
        ]


def item_rows(analysis: CourseAnalysis) -> Iterable[list]:
    """One row per quiz item (ITEM_COLUMNS), the quiz's own figures repeated on each."""
    for quiz_analysis in analysis.quizzes:
        quiz, test = quiz_analysis.quiz, quiz_analysis.test
        for row in quiz_analysis.items:
            item = row.stats
            yield [
                quiz.pk,
                quiz.title,
                row.question.pk,
                row.question.type,
                item.n,
                item.facility,
                item.sd,
                item.discrimination,
                " ".join(row.flags),
                test.n,
                test.mean,
                test.median,
                test.sd,
                test.alpha,
            ]


QUESTION_COLUMNS = [
    "question_id",
    "lesson",
    "type",
    "origin",
    "practice_n",
    "practice_facility",
    "review_n",
    "review_facility",
    "all_n",
    "all_facility",
    "flags",
]


def question_rows(analysis: CourseAnalysis) -> Iterable[list]:
    for row in analysis.questions:
        yield [
            row.question.pk,
            row.question.lesson.title,
            row.question.type,
            row.question.origin,
            row.practice_n,
            row.practice_facility,
            row.review_n,
            row.review_facility,
            row.all_n,
            row.all_facility,
            " ".join(row.flags),
        ]
