"""A review session never shows two questions drawn from the same sentence: once one is reviewed
today, its siblings wait until tomorrow."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.timesince import timeuntil

from lessons.models import LessonProgress
from quizzes.models import Question
from review.models import ReviewCard
from review.services import ReviewQueue, day_start, review_next
from tests.conftest import sentence_groups
from tests.factories import ReviewCardFactory

pytestmark = pytest.mark.django_db
SESSION = reverse("review_session")


def review_everything(client, lesson=None, steps=20) -> list[Question]:
    """Answer whatever the session serves until it says it is done (or ``steps`` answers, as
    practising a lesson goes on with early reviews); return the questions shown."""
    query = {"lesson": lesson.pk} if lesson else {}
    shown = []
    for _ in range(steps):
        page = client.get(SESSION, query).text
        found = re.search(r'name="question" value="(\d+)"', page)
        if found is None:
            assert "Nothing left" in page or "All done" in page
            return shown
        question = Question.objects.get(pk=int(found.group(1)))
        shown.append(question)
        right = next(c for c in question.ordered_choices() if c.weight == 1)
        client.post(
            reverse("review_answer"), {"question": question.pk, "answer": right.pk, **query}
        )
        client.post(reverse("review_continue"), query)
    assert lesson is not None, "the daily session never ended"
    return shown


def assert_no_two_siblings(shown, questions):
    ids = [q.pk for q in shown]
    for group in sentence_groups(questions):
        assert len(group & set(ids)) <= 1, [q.prompt for q in shown]


def test_daily_session_serves_one_new_question_per_sentence(
    client_for, enrolled_student, sibling_questions
):
    lesson = sibling_questions[0].lesson
    now = timezone.now()
    LessonProgress.record_open(student=enrolled_student, lesson=lesson, at=now)
    shown = review_everything(client_for(enrolled_student))
    assert_no_two_siblings(shown, sibling_questions)
    assert len(shown) == len({q.pk for q in shown}) == len(sentence_groups(sibling_questions))


def test_practising_one_lesson_keeps_siblings_apart_too(
    client_for, enrolled_student, sibling_questions
):
    shown = review_everything(client_for(enrolled_student), sibling_questions[0].lesson, 12)
    assert len(shown) == 12
    assert_no_two_siblings(shown, sibling_questions)
    # A question without siblings is served early again once nothing is new; siblings never.
    assert len({q.pk for q in shown}) == len(sentence_groups(sibling_questions))


def test_a_due_sibling_waits_until_tomorrow(enrolled_student, sibling_questions):
    now = timezone.now()
    first, second = sibling_questions[0], sibling_questions[1]
    ReviewCardFactory(
        student=enrolled_student, question=first, last_review=now, due=now + dt.timedelta(days=3)
    )
    waiting = ReviewCardFactory(
        student=enrolled_student, question=second, due=now - dt.timedelta(hours=1)
    )
    LessonProgress.record_open(student=enrolled_student, lesson=first.lesson, at=now)
    served_today = review_next(student=enrolled_student, now=now)
    assert served_today.question not in {first, second}
    tomorrow = now + dt.timedelta(days=1)
    assert review_next(student=enrolled_student, now=tomorrow).card == waiting


def test_done_page_says_when_a_waiting_sibling_comes_back(
    client_for, enrolled_student, sibling_questions
):
    now = timezone.now()
    first, second = sibling_questions[3], sibling_questions[4]
    ReviewCardFactory(
        student=enrolled_student, question=first, last_review=now, due=now + dt.timedelta(days=3)
    )
    ReviewCardFactory(student=enrolled_student, question=second, due=now - dt.timedelta(hours=1))
    page = client_for(enrolled_student).get(SESSION).text
    assert "All done for now" in page
    tomorrow = day_start(now) + dt.timedelta(days=1)
    # The page counts from its own clock, which may have passed a minute boundary since ``now``.
    waits = {timeuntil(tomorrow, at) for at in (now, timezone.now())}
    assert any(f"Your next card is due {wait}" in page for wait in waits)
    assert formats.date_format(timezone.localtime(tomorrow), "DATETIME_FORMAT") in page
    assert ReviewCard.objects.filter(student=enrolled_student).count() == 2


def test_a_students_due_queue_is_what_served_to_serves(enrolled_student, sibling_questions):
    """A student's due cards are read in plain SQL; they are the cards ``served_to`` serves, due,
    apart from today's siblings, most overdue first."""
    from tests.factories import CourseFactory, EnrollmentFactory, LessonFactory, QuestionFactory

    now = timezone.now()
    first, second, third, other, *rest = sibling_questions
    ReviewCardFactory(student=enrolled_student, question=first, last_review=now, due=now)
    for hours, question in enumerate([second, third, other, *rest], start=1):
        ReviewCardFactory(
            student=enrolled_student, question=question, due=now - dt.timedelta(hours=hours)
        )
    retired = QuestionFactory(lesson=first.lesson, status="retired")
    archived = QuestionFactory(
        lesson=LessonFactory(course=first.lesson.course, archived_at=now, slug="gone")
    )
    draft_course = CourseFactory(slug="draft", published=False)
    EnrollmentFactory(course=draft_course, student=enrolled_student)
    unpublished = QuestionFactory(lesson=LessonFactory(course=draft_course))
    not_enrolled = QuestionFactory(lesson=LessonFactory(course=CourseFactory(slug="other")))
    for question in (retired, archived, unpublished, not_enrolled):
        ReviewCardFactory(student=enrolled_student, question=question, due=now - dt.timedelta(9))
    since = day_start(now)
    queue = ReviewQueue(student=enrolled_student, now=now)
    expected = list(
        ReviewCard.objects.served_to(enrolled_student)
        .apart_from_siblings(queue.waiting_keys, since)
        .due(now)
        .most_overdue_first()
        .values_list("pk", flat=True)
    )
    assert queue.waiting_keys == [first.sibling_key]
    assert queue.due_ids == expected
    served = {card.question for card in ReviewCard.objects.filter(pk__in=expected)}
    assert served == {first, other, *rest}  # second and third wait: siblings of first
    assert ReviewQueue(student=enrolled_student, now=now, due_cap=2).due_ids == expected[:2]
