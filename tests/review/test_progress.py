import datetime as dt

import pytest
from django.utils import timezone

from lessons.models import Enrollment, LessonProgress
from review.models import ReviewCard, StudentReviewSettings
from review.progress import MASTERED, NOT_STARTED, PRACTISED, READ, lesson_states, lesson_status
from tests.factories import CourseFactory, LessonFactory, QuestionFactory, ReviewCardFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "opened,approved,cards,mean_r,min_s,expected",
    [
        (False, 2, 0, None, None, NOT_STARTED),
        (True, 2, 0, None, None, READ),
        (True, 2, 1, 0.99, 50, PRACTISED),  # not every question has a card
        (False, 2, 2, 0.95, 30, MASTERED),
        (True, 2, 2, 0.89, 30, PRACTISED),  # retrievability below desired retention
        (True, 2, 2, 0.95, 20.9, PRACTISED),  # one card not yet stable for 21 days
        (True, 0, 0, None, None, READ),  # a lesson with no questions cannot be mastered
    ],
)
def test_mastery_rule(opened, approved, cards, mean_r, min_s, expected):
    assert (
        lesson_status(
            opened=opened,
            approved=approved,
            cards=cards,
            mean_retrievability=mean_r,
            min_stability=min_s,
            desired_retention=0.9,
        )
        == expected
    )


def test_lesson_states_from_the_database(learner, course_questions, t0):
    lesson_one, lesson_two = course_questions[0].lesson, course_questions[2].lesson
    states = lesson_states(learner, [lesson_one, lesson_two], t0)
    assert [s.status for s in states.values()] == [NOT_STARTED, NOT_STARTED]

    LessonProgress.record_open(student=learner, lesson=lesson_two, at=t0)
    for question in course_questions[:2]:
        ReviewCardFactory(
            student=learner,
            question=question,
            stability=30.0,
            last_review=t0 - dt.timedelta(days=5),
        )
    states = lesson_states(learner, [lesson_one, lesson_two], t0)
    assert states[lesson_one.pk].status == MASTERED
    assert states[lesson_one.pk].approved == 2 and states[lesson_one.pk].cards == 2
    assert states[lesson_two.pk].status == READ  # its draft question does not count

    # The student's own desired retention raises the bar: 5 days into a 30-day stability
    # retrievability is about 0.98, below 0.99.
    StudentReviewSettings.objects.create(student=learner, desired_retention=0.99)
    assert lesson_states(learner, [lesson_one], t0)[lesson_one.pk].status == PRACTISED


def test_a_new_approved_question_unmasters_the_lesson(learner, course_questions, t0):
    lesson = course_questions[0].lesson
    for question in course_questions[:2]:
        ReviewCardFactory(student=learner, question=question, stability=40.0, last_review=t0)
    assert lesson_states(learner, [lesson], t0)[lesson.pk].status == MASTERED
    QuestionFactory(lesson=lesson)
    assert lesson_states(learner, [lesson], t0)[lesson.pk].status == PRACTISED


def test_course_outline_shows_statuses_to_enrolled_students(client_for, learner, course_questions):
    LessonProgress.record_open(
        student=learner, lesson=course_questions[2].lesson, at=dt.datetime.now(dt.UTC)
    )
    ReviewCardFactory(student=learner, question=course_questions[0])
    page = client_for(learner).get(course_questions[0].lesson.course.get_absolute_url()).text
    assert 'status-practised">Practised' in page and 'status-read">Read' in page


@pytest.mark.parametrize("role", ["student", "instructor"])
def test_course_page_counts_the_reviews_a_session_serves(client_for, student, instructor, role):
    """The course page's due count (plain SQL for a student) is the session's: due cards of
    approved questions in active lessons of the courses the user studies, in every course."""
    user = {"student": student, "instructor": instructor}[role]
    now = timezone.now()
    page, other, unpublished, not_enrolled = (CourseFactory() for _ in range(4))
    unpublished.published = False
    unpublished.save(update_fields=["published"])
    unpublished.instructors.add(instructor)  # taught: an instructor studies it when enrolled
    for course in (page, other, unpublished):
        Enrollment.objects.create(course=course, student=user)
    lesson, archived = LessonFactory(course=page), LessonFactory(course=page)
    archived.archived_at = now
    archived.save(update_fields=["archived_at"])

    def card(lesson, status="approved", due=now - dt.timedelta(hours=1)):
        question = QuestionFactory(lesson=lesson, status=status)
        ReviewCardFactory(student=user, question=question, due=due)

    card(lesson)  # counted
    card(lesson, due=now + dt.timedelta(days=2))  # not due
    card(lesson, status="retired")
    card(archived)
    card(LessonFactory(course=other))  # counted: another course studied
    card(LessonFactory(course=unpublished))  # counted for the instructor who teaches it
    card(LessonFactory(course=not_enrolled))

    expected = 3 if role == "instructor" else 2
    assert ReviewCard.objects.served_to(user).due(now).count() == expected
    response = client_for(user).get(page.get_absolute_url())
    assert response.context["study_now"].label == f"Review {expected} due"
