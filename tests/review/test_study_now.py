"""Study now and honest figures: answers given wrong show as weak until answered right, and the
dashboard and course page lead with the next best activity and say why."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz
from review.models import ReviewCard
from review.progress import dashboard_figures

from .conftest import right_choice, wrong_choice

pytestmark = pytest.mark.django_db


def practise(client, lesson, answers):
    """Answer a lesson's practice quiz through the pages: ``answers`` gives each question's
    chosen choice."""
    quiz = Quiz.practice_for(lesson)
    client.post(reverse("quiz_start", args=[quiz.pk]))
    attempt = Attempt.objects.filter(quiz=quiz).latest("number")
    for position, question_id in enumerate(attempt.question_ids, start=1):
        choice = answers[question_id]
        url = reverse("attempt_question", args=[attempt.pk, position])
        assert client.post(url, {f"q{question_id}-answer": choice}).status_code == 302


def study_now(html):
    section = html[html.index('id="study-now-heading"') :]
    label = re.search(r'class="button study-now-action" href="([^"]+)">([^<]+)</a>', section)
    reason = re.search(r'<span class="study-now-reason">([^<]+)</span>', section)
    return label.group(1), label.group(2), reason.group(1)


def test_wrong_answers_show_as_weak_until_answered_right(client_for, learner, course_questions):
    first, second = course_questions[:2]  # the two questions of "Sources"
    lesson = first.lesson
    client = client_for(learner)
    practise(client, lesson, {first.pk: right_choice(first), second.pk: wrong_choice(second)})

    figures = dashboard_figures(learner)
    assert figures["cards_total"] == 2
    assert figures["known"] == pytest.approx(1.0)  # the wrong one is not known, though just seen
    sources = figures["states"][lesson.pk]
    assert (sources.cards, sources.wrong, sources.percent_retrievability) == (2, 1, 50)
    assert [state.lesson for state in figures["weakest"]] == [lesson]

    page = client.get(reverse("dashboard")).text
    assert 'data-figure="known">1<' in page
    url, label, reason = study_now(page)
    assert label == "Practice Sources" and reason == "Sources is weak: 1 of 2 right"
    assert url == f"{reverse('review_session')}?lesson={lesson.pk}"

    # The lesson's review serves the card again; answered right, it is no longer weak.
    client.get(url)
    served = ReviewCard.objects.get(question=second)
    client.post(
        reverse("review_answer"),
        {"question": second.pk, "answer": right_choice(second), "lesson": lesson.pk},
    )
    served.refresh_from_db()
    assert served.last_rating > 1
    figures = dashboard_figures(learner)
    assert figures["known"] == pytest.approx(2.0)
    assert figures["states"][lesson.pk].wrong == 0


def test_study_now_picks_due_reviews_then_unread_lessons_then_untried_questions(
    client_for, learner, course, course_questions
):
    client = client_for(learner)
    sources, deltas = course_questions[0].lesson, course_questions[2].lesson

    url, label, reason = study_now(client.get(reverse("dashboard")).text)
    assert (url, label, reason) == (
        sources.get_absolute_url(),
        "Read Sources",
        f"Next lesson of {course.title}",
    )
    # One click from the dashboard reaches it.
    assert client.get(url).status_code == 200

    url, label, reason = study_now(client.get(reverse("dashboard")).text)
    assert label == "Read Deltas" and url == deltas.get_absolute_url()
    client.get(url)
    url, label, reason = study_now(client.get(course.get_absolute_url()).text)
    assert label == "Practice Sources" and reason == "2 questions not tried yet"
    assert url == reverse("lesson_practice", args=[course.slug, sources.slug])

    first, second = course_questions[:2]
    practise(client, sources, {first.pk: right_choice(first), second.pk: right_choice(second)})
    ReviewCard.objects.filter(student=learner).update(due=timezone.now() - dt.timedelta(hours=1))
    for page in (reverse("dashboard"), course.get_absolute_url()):
        url, label, reason = study_now(client.get(page).text)
        assert (url, label, reason) == (reverse("review_session"), "Review 2 due", "2 reviews due")
