"""Closed stays closed while a quiz is under way: a quiz's close time ends the attempts already
started, an archived lesson is no longer practised, an unpublished course's attempts are
gone, and the database holds one unfinished attempt per student and quiz (issue 13)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz, Response
from quizzes.services import attempt_start, attempt_submit
from tests.factories import QuestionFactory, QuizFactory
from tests.quizzes.test_taking import HTMX, question_url, right_answer_post, start

pytestmark = pytest.mark.django_db


def _close(quiz):
    """The quiz closed a minute ago, during the attempts started an hour ago."""
    now = timezone.now()
    Quiz.objects.filter(pk=quiz.pk).update(
        opens_at=now - timedelta(days=1), closes_at=now - timedelta(minutes=1)
    )
    Attempt.objects.filter(quiz=quiz).update(started_at=now - timedelta(hours=1))


def test_a_closed_quiz_refuses_answers_to_an_attempt_already_started(
    client_for, enrolled_student, course
):
    first, second = QuestionFactory(lesson__course=course), QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[first, second])
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    client.post(question_url(attempt, 1), right_answer_post(first))
    _close(quiz)

    response = client.post(question_url(attempt, 2), right_answer_post(second), follow=True)
    assert response.status_code == 200
    assert "This quiz has closed." in response.text
    attempt.refresh_from_db()
    # What was answered before the close is graded; the late answer is not recorded.
    assert attempt.is_finished and attempt.score == 0.5
    assert list(Response.objects.values_list("question_id", flat=True)) == [first.pk]
    htmx = client.post(question_url(attempt, 2), right_answer_post(second), headers=HTMX)
    assert htmx.headers["HX-Redirect"] == attempt.get_absolute_url()
    assert Response.objects.count() == 1


def test_finishing_after_the_close_grades_only_what_was_answered_in_time(
    client_for, enrolled_student, course
):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question], display="all")
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    _close(quiz)
    response = client.post(
        reverse("attempt_finish", args=[attempt.pk]), right_answer_post(question)
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0 and not Response.objects.exists()


def test_an_attempt_under_way_counts_down_to_the_close(client_for, enrolled_student, course):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(
        course=course, questions=[question], closes_at=timezone.now() + timedelta(minutes=3)
    )
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    html = client.get(question_url(attempt, 1)).text
    assert "data-countdown" in html and "Submit by" in html
    assert Attempt.objects.get().ends_at == quiz.closes_at


def test_an_instructors_preview_of_a_closed_quiz_is_not_ended_by_the_close(
    client_for, instructor, course
):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question])
    _close(quiz)
    client = client_for(instructor)
    attempt = start(client, quiz)
    client.post(question_url(attempt, 1), right_answer_post(question))
    assert Response.objects.filter(attempt=attempt).count() == 1


def test_the_database_keeps_one_unfinished_attempt_per_student_and_quiz(enrolled_student, course):
    quiz = QuizFactory(course=course, questions=[QuestionFactory(lesson__course=course)])
    now = timezone.now()
    first = attempt_start(quiz=quiz, student=enrolled_student, at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            quiz=quiz, student=enrolled_student, number=2, seed=1, question_ids=[], started_at=now
        )
    attempt_submit(attempt=first, at=now)
    second = attempt_start(quiz=quiz, student=enrolled_student, at=now)
    assert second.number == 2 and not second.is_finished


def test_a_start_that_loses_the_race_resumes_the_attempt_under_way(
    enrolled_student, course, monkeypatch
):
    """Two starts at once: the second read "no attempt yet" before the first committed."""
    from quizzes.models import AttemptQuerySet

    quiz = QuizFactory(course=course, questions=[QuestionFactory(lesson__course=course)])
    now = timezone.now()
    first = attempt_start(quiz=quiz, student=enrolled_student, at=now)
    calls = []
    real = AttemptQuerySet.in_progress

    def unseen_once(self):
        calls.append(1)
        return self.none() if len(calls) == 1 else real(self)

    monkeypatch.setattr(AttemptQuerySet, "in_progress", unseen_once)
    monkeypatch.setattr(AttemptQuerySet, "count", lambda self: 1)  # saw the first one committed
    assert attempt_start(quiz=quiz, student=enrolled_student, at=now) == first
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_an_archived_lessons_practice_is_closed(client_for, enrolled_student, instructor, lesson):
    QuestionFactory(lesson=lesson)
    client = client_for(enrolled_student)
    quiz = Quiz.practice_for(lesson)
    attempt = start(client, quiz)
    lesson.archived_at = timezone.now()
    lesson.save(update_fields=["archived_at"])

    practice = reverse("lesson_practice", args=[lesson.course.slug, lesson.slug])
    assert client.get(practice).status_code == 404
    assert client.get(quiz.get_absolute_url()).status_code == 404
    assert client.post(reverse("quiz_start", args=[quiz.pk])).status_code == 404
    assert client.get(attempt.get_absolute_url()).status_code == 404
    assert client.post(question_url(attempt, 1), {}).status_code == 404
    assert client.post(reverse("attempt_finish", args=[attempt.pk])).status_code == 404
    mark_read = reverse("lesson_mark_read", args=[lesson.course.slug, lesson.slug])
    assert client.post(mark_read).status_code == 404
    # Its instructors still see it (the lesson page shows them archived lessons too).
    assert client_for(instructor).get(practice).status_code == 302


def test_an_unpublished_courses_attempts_are_gone(client_for, enrolled_student, course):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question])
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    course.published = False
    course.save(update_fields=["published"])
    assert client.get(attempt.get_absolute_url()).status_code == 404
    assert client.post(question_url(attempt, 1), right_answer_post(question)).status_code == 404
    assert client.post(reverse("attempt_finish", args=[attempt.pk])).status_code == 404
    assert not Response.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_migration_submits_extra_unfinished_attempts_keeping_the_latest():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "quizzes"]
    before = [*others, ("quizzes", "0005_sibling_key_by_sentence_start")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User = old.get_model("auth", "User")
    Course, Lesson = old.get_model("lessons", "Course"), old.get_model("lessons", "Lesson")
    Question, Quiz = old.get_model("quizzes", "Question"), old.get_model("quizzes", "Quiz")
    OldAttempt, OldResponse = (
        old.get_model("quizzes", "Attempt"),
        old.get_model("quizzes", "Response"),
    )
    student = User.objects.create(username="double-clicker")
    course = Course.objects.create(title="Old", slug="old")
    lesson = Lesson.objects.create(course=course, title="L", slug="l", order=1, content_hash="")
    question = Question.objects.create(lesson=lesson, type="true_false", prompt="Q?")
    quiz = Quiz.objects.create(course=course, title="Q")
    at = timezone.now()
    older, newer = (
        OldAttempt.objects.create(
            quiz=quiz,
            student=student,
            number=number,
            seed=1,
            question_ids=[question.pk, 999],
            started_at=at + timedelta(seconds=number),
        )
        for number in (1, 2)
    )
    OldResponse.objects.create(
        attempt=older, question=question, question_version=1, answer="t", mark=1.0, answered_at=at
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    finished = Attempt.objects.get(pk=older.pk)
    assert finished.is_finished and finished.score == 0.5
    assert not Attempt.objects.get(pk=newer.pk).is_finished
