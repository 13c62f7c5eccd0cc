"""Item analysis against figures computed by hand, each flag rule, and the commands' CSV."""

import csv
import datetime as dt
import math
import statistics as pystats
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from quizzes.services import attempt_start, attempt_submit, response_record
from results import statistics as stats
from tests.factories import EnrollmentFactory, QuestionFactory, QuizFactory, StudentFactory

pytestmark = pytest.mark.django_db

# Five students' first attempts at three one-mark questions (1 = right, 0 = wrong).
FIRST_ATTEMPTS = [(1, 1, 1), (1, 1, 0), (1, 0, 1), (0, 1, 0), (0, 0, 0)]


def sit(quiz, student, pattern, at):
    attempt = attempt_start(quiz=quiz, student=student, at=at)
    for question, right in zip(quiz.questions.order_by("quiz_items__order"), pattern, strict=True):
        choices = question.ordered_choices()
        pick = choices[0] if right else choices[1]  # factory: first choice right, second wrong
        response_record(attempt=attempt, question=question, answer=str(pick.pk), at=at)
    return attempt_submit(attempt=attempt, at=at)


@pytest.fixture
def sat_quiz(course, lessons):
    questions = [QuestionFactory(lesson=lessons[0], prompt=f"Q{i}?") for i in (1, 2, 3)]
    quiz = QuizFactory(course=course, title="Test one", questions=questions)
    at = timezone.now() - dt.timedelta(days=1)
    students = []
    for index, pattern in enumerate(FIRST_ATTEMPTS):
        student = StudentFactory(username=f"s{index + 1}")
        EnrollmentFactory(course=course, student=student)
        sit(quiz, student, pattern, at + dt.timedelta(minutes=index))
        students.append(student)
    # s5 tries again and gets everything right: only "all attempts" sees it.
    sit(quiz, students[4], (1, 1, 1), at + dt.timedelta(hours=1))
    return quiz, questions


def analysis_csv(course, *extra):
    out = StringIO()
    call_command("item_analysis", "--course", course.slug, *extra, stdout=out)
    return list(csv.DictReader(StringIO(out.getvalue())))


def test_facility_sd_discrimination_and_alpha_match_hand_computation(course, sat_quiz):
    quiz, (q1, q2, q3) = sat_quiz
    rows = {int(r["question_id"]): r for r in analysis_csv(course)}

    # Q1 marks x = 1,1,1,0,0 (mean 0.6); the rest of each attempt (Q2 + Q3) r = 2,1,1,1,0
    # (mean 1). Deviations dx = .4,.4,.4,-.6,-.6 and dr = 1,0,0,0,-1:
    # sum dx*dr = .4 + .6 = 1.0, sum dx^2 = 3*.16 + 2*.36 = 1.2, sum dr^2 = 2,
    # so r = 1.0 / sqrt(1.2 * 2) = 0.645497; SD = sqrt(1.2 / 4) = 0.547723.
    assert float(rows[q1.pk]["facility"]) == pytest.approx(0.6)
    assert float(rows[q1.pk]["sd"]) == pytest.approx(math.sqrt(1.2 / 4), abs=1e-5)
    assert float(rows[q1.pk]["discrimination"]) == pytest.approx(1.0 / math.sqrt(2.4), abs=1e-5)
    # Q2 x = 1,1,0,1,0, rest = 2,1,2,0,0: dx = .4,.4,-.6,.4,-.6, dr = 1,0,1,-1,-1,
    # sum dx*dr = .4 + 0 - .6 - .4 + .6 = 0, so r = 0.
    assert float(rows[q2.pk]["discrimination"]) == pytest.approx(0.0, abs=1e-9)
    # Q3 x = 1,0,1,0,0 (mean .4), rest = 2,2,1,1,0 (mean 1.2): dx = .6,-.4,.6,-.4,-.4,
    # dr = .8,.8,-.2,-.2,-1.2; sum dx*dr = .48 - .32 - .12 + .08 + .48 = .6,
    # sum dx^2 = 1.2, sum dr^2 = 2.8, r = .6 / sqrt(3.36) = 0.327327.
    assert float(rows[q3.pk]["facility"]) == pytest.approx(0.4)
    assert float(rows[q3.pk]["discrimination"]) == pytest.approx(0.6 / math.sqrt(3.36), abs=1e-5)
    # Totals 3,2,2,1,0: mean 1.6, squared deviations 1.96+.16+.16+.36+2.56 = 5.2, variance 1.3;
    # each item's variance is 1.2/4 = .3, so alpha = 3/2 * (1 - .9/1.3) = 0.461538.
    alpha = float(rows[q1.pk]["quiz_alpha"])
    assert alpha == pytest.approx(1.5 * (1 - 0.9 / 1.3), abs=1e-5)
    # Scores 1, 2/3, 2/3, 1/3, 0: mean 8/15, median 2/3.
    assert float(rows[q1.pk]["quiz_mean"]) == pytest.approx(8 / 15, abs=1e-5)
    assert float(rows[q1.pk]["quiz_median"]) == pytest.approx(2 / 3, abs=1e-5)
    assert rows[q1.pk]["quiz_attempts"] == "5"


def test_all_attempts_option_counts_retakes(course, sat_quiz):
    quiz, (q1, _, _) = sat_quiz
    rows = {int(r["question_id"]): r for r in analysis_csv(course, "--all-attempts")}
    # Six attempts: Q1 right in four of them.
    assert rows[q1.pk]["n"] == "6"
    assert float(rows[q1.pk]["facility"]) == pytest.approx(4 / 6, abs=1e-5)


def test_item_analysis_refuses_an_unknown_course_or_quiz(course, sat_quiz):
    with pytest.raises(CommandError, match="No course with slug 'nope'"):
        analysis_csv(type("C", (), {"slug": "nope"}))
    with pytest.raises(CommandError, match="has no quiz 999999"):
        analysis_csv(course, "--quiz", "999999")
    quiz, _ = sat_quiz
    assert {r["quiz_id"] for r in analysis_csv(course, "--quiz", str(quiz.pk))} == {str(quiz.pk)}


# Flags --------------------------------------------------------------------------------------


def item(facility, discrimination=0.5, n=10):
    return stats.ItemStats(
        question_id=1, n=n, facility=facility, sd=0.3, discrimination=discrimination
    )


def test_facility_flags_below_20_and_above_95_percent():
    assert stats.item_flags(item(0.19)) == [stats.TOO_HARD]
    assert stats.item_flags(item(0.20)) == []
    assert stats.item_flags(item(0.95)) == []
    assert stats.item_flags(item(0.96)) == [stats.TOO_EASY]


def test_discrimination_flag_needs_ten_attempts():
    assert stats.item_flags(item(0.5, discrimination=0.19)) == [stats.LOW_DISCRIMINATING]
    assert stats.item_flags(item(0.5, discrimination=0.2)) == []
    assert stats.item_flags(item(0.5, discrimination=0.19, n=9)) == []
    assert stats.item_flags(item(0.5, discrimination=None)) == []


def test_unpicked_distractor_flag():
    assert stats.item_flags(item(0.5), {"Thames": 3, "Seine": 0}) == [stats.UNUSED_DISTRACTOR]
    assert stats.item_flags(item(0.5), {"Thames": 3, "Seine": 1}) == []


def test_generated_question_failing_far_more_than_its_siblings():
    siblings = [(0.8, 20), (0.7, 20), (0.1, 3)]  # the last has too few answers to count
    # Siblings' mean facility is .75; .44 is more than .30 below it, .46 is not.
    assert stats.fails_more_than_siblings(0.44, 12, siblings)
    assert not stats.fails_more_than_siblings(0.46, 12, siblings)
    assert not stats.fails_more_than_siblings(0.1, 9, siblings)  # too few answers of its own
    assert not stats.fails_more_than_siblings(0.1, 12, siblings[:1])  # one sibling is not enough


# Agreement with an independent computation from export_responses ----------------------------


def test_item_analysis_agrees_with_an_independent_computation_from_export_responses(
    mixed_course,
):
    call_command(
        "seed_class",
        mixed_course.slug,
        "--students",
        "40",
        "--days",
        "5",
        "--until",
        "2026-11-20",
        stdout=StringIO(),
    )
    out = StringIO()
    call_command("export_responses", "--course", mixed_course.slug, stdout=out)
    exported = list(csv.DictReader(StringIO(out.getvalue())))
    assert list(exported[0]) == [
        "attempt_id",
        "student_id",
        "quiz_id",
        "question_id",
        "mark",
        "max_mark",
        "first_attempt",
    ]
    # Rebuild each quiz's first-attempt matrix from the export alone, with the standard library.
    attempts = defaultdict(dict)
    quiz_of = {}
    for row in exported:
        if row["first_attempt"] == "yes":
            attempts[row["attempt_id"]][row["question_id"]] = float(row["mark"]) / float(
                row["max_mark"]
            )
            quiz_of[row["attempt_id"]] = row["quiz_id"]
    by_quiz = defaultdict(list)
    for attempt_id, marks in attempts.items():
        by_quiz[quiz_of[attempt_id]].append(marks)

    rows = analysis_csv(mixed_course)
    assert rows
    checked = 0
    for row in rows:
        quiz_attempts = by_quiz[row["quiz_id"]]
        holding = [a for a in quiz_attempts if row["question_id"] in a]
        x = [a[row["question_id"]] for a in holding]
        rest = [sum(a.values()) - a[row["question_id"]] for a in holding]
        assert int(row["n"]) == len(holding)
        assert float(row["facility"]) == pytest.approx(pystats.fmean(x), abs=1e-5)
        if row["discrimination"]:
            assert float(row["discrimination"]) == pytest.approx(
                pystats.correlation(x, rest), abs=1e-5
            )
            checked += 1
        items = sorted(set().union(*quiz_attempts))
        totals = [sum(a[q] for q in items) for a in quiz_attempts]
        if row["quiz_alpha"]:
            k = len(items)
            item_variance = sum(pystats.variance([a[q] for a in quiz_attempts]) for q in items)
            expected = k / (k - 1) * (1 - item_variance / pystats.variance(totals))
            assert float(row["quiz_alpha"]) == pytest.approx(expected, abs=1e-5)
    assert checked >= 3
