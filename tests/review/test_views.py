import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Choice, Quiz, Response
from review.models import ReviewCard, ReviewLog, StudentReviewSettings
from tests.factories import (
    CourseFactory,
    InstructorFactory,
    LessonFactory,
    QuestionFactory,
    ReviewCardFactory,
    ReviewLogFactory,
    StudentFactory,
)

from .conftest import right_choice, wrong_choice

pytestmark = pytest.mark.django_db
SESSION = reverse("review_session")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def due_card(learner, course_questions):
    return ReviewCardFactory(
        student=learner, question=course_questions[0], due=timezone.now() - dt.timedelta(days=1)
    )


def test_session_needs_login(client):
    for name in ["review_session", "review_settings", "review_export_json"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response.url


def test_answer_reveal_continue_without_javascript(client_for, learner, due_card):
    client = client_for(learner)
    page = client.get(SESSION)
    assert due_card.question.prompt in page.text
    response = client.post(
        reverse("review_answer"),
        {"question": due_card.question.pk, "answer": right_choice(due_card.question)},
    )
    assert response.status_code == 302 and response.url == SESSION
    reveal = client.get(SESSION).text
    assert "Right" in reveal and "Correct answer" in reveal and "Rated <strong>Good" in reveal
    log = ReviewLog.objects.get()
    assert (log.card, log.rating, log.source, log.auto_rated) == (due_card, 3, "session", True)
    assert log.duration_ms is not None
    client.post(reverse("review_continue"))
    assert "All done for now" in client.get(SESSION).text


def test_key_help_is_hidden_until_the_key_script_shows_it(client_for, learner, due_card):
    html = client_for(learner).get(SESSION).text
    assert "js/review-keys.js" in html
    assert re.search(r"<span data-key-help hidden>· Keys: ", html)
    kbds = re.findall(r"<kbd[^>]*>\d</kbd>", html[html.index('id="review-pane"') :])
    assert kbds and all("data-key-help hidden" in kbd for kbd in kbds)


def test_answer_with_htmx_returns_the_pane(client_for, learner, due_card):
    client = client_for(learner)
    client.get(SESSION)
    response = client.post(
        reverse("review_answer"),
        {"question": due_card.question.pk, "answer": wrong_choice(due_card.question)},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="review-pane"' in response.text
    assert "Not quite" in response.text and "Rated <strong>Again" in response.text
    assert ReviewLog.objects.get().rating == 1
    after = client.post(reverse("review_continue"), headers=HTMX)
    assert "<html" not in after.text and "All done" in after.text


def test_double_submit_reviews_once(client_for, learner, due_card):
    client = client_for(learner)
    client.get(SESSION)
    data = {"question": due_card.question.pk, "answer": right_choice(due_card.question)}
    client.post(reverse("review_answer"), data)
    client.post(reverse("review_answer"), data)
    assert ReviewLog.objects.count() == 1


def test_self_rating(client_for, learner, due_card):
    StudentReviewSettings.objects.create(student=learner, self_rating=True)
    client = client_for(learner)
    client.get(SESSION)
    client.post(
        reverse("review_answer"),
        {"question": due_card.question.pk, "answer": right_choice(due_card.question)},
    )
    assert not ReviewLog.objects.exists()
    page = client.get(SESSION).text
    assert "How well did you remember it?" in page and 'value="4"' in page
    assert client.post(reverse("review_rate"), {"rating": "9"}).status_code == 302
    assert not ReviewLog.objects.exists()
    response = client.post(reverse("review_rate"), {"rating": "4"}, headers=HTMX)
    assert "<html" not in response.text
    log = ReviewLog.objects.get()
    assert (log.rating, log.auto_rated, log.mark) == (4, False, 1.0)


def test_invalid_answer_rerenders_and_records_nothing(client_for, learner, due_card):
    client = client_for(learner)
    response = client.post(reverse("review_answer"), {"question": due_card.question.pk})
    assert response.status_code == 200
    assert "Choose an answer" in response.text
    assert not ReviewLog.objects.exists()


def test_session_can_be_left_and_resumed(client_for, learner, course_questions):
    now = timezone.now()
    for offset, question in enumerate(course_questions[:2]):
        ReviewCardFactory(
            student=learner, question=question, due=now - dt.timedelta(days=2 - offset)
        )
    client = client_for(learner)
    first = course_questions[0]
    client.get(SESSION)
    client.post(reverse("review_answer"), {"question": first.pk, "answer": right_choice(first)})
    client.post(reverse("review_continue"))
    client.logout()
    client.force_login(learner)  # a new browser session: the queue lives in the database
    assert course_questions[1].prompt in client.get(SESSION).text


@pytest.mark.parametrize(
    "kind,prompt,choices,right,wrong",
    [
        (
            "short_answer",
            "Longest river?",
            [{"text": "Nile", "weight": 1}],
            {"answer": "nile"},
            {"answer": "Amazon"},
        ),
        (
            "numerical",
            "Rivers in the list?",
            [{"text": "", "numeric_value": 12, "weight": 1}],
            {"answer": "12"},
            {"answer": "13"},
        ),
        (
            "cloze",
            "The _____ flows into the _____.",
            [
                {"text": "Nile", "weight": 1, "blank": 0},
                {"text": "Mediterranean", "weight": 1, "blank": 1},
            ],
            {"answer": ["Nile", "mediterranean"]},
            {"answer": ["Amazon", "Red Sea"]},
        ),
        (
            "multiple_response",
            "Which are rivers?",
            [
                {"text": "Nile", "weight": 0.5},
                {"text": "Rhine", "weight": 0.5},
                {"text": "Alps", "weight": -1},
            ],
            "multi-right",
            "multi-wrong",
        ),
        (
            "matching",
            "Match river and country.",
            [{"text": "Nile", "match_text": "Egypt"}, {"text": "Rhine", "match_text": "Germany"}],
            "match-right",
            "match-wrong",
        ),
        (
            "true_false",
            "The Nile is in Africa.",
            [{"text": "True", "weight": 1}, {"text": "False", "weight": 0}],
            "tf-right",
            "tf-wrong",
        ),
    ],
)
def test_every_question_type_renders_and_grades(
    client_for, learner, course, kind, prompt, choices, right, wrong
):
    lesson = LessonFactory(course=course)
    question = QuestionFactory(lesson=lesson, type=kind, prompt=prompt, choices=[])
    made = [
        Choice.objects.create(question=question, order=i, **spec) for i, spec in enumerate(choices)
    ]
    ids = {c.text: c.pk for c in made}

    def form(spec):
        if isinstance(spec, dict):
            return spec
        return {
            "multi-right": lambda: {"answer": [ids["Nile"], ids["Rhine"]]},
            "multi-wrong": lambda: {"answer": [ids["Alps"]]},
            "match-right": lambda: {
                f"match-{ids['Nile']}": "Egypt",
                f"match-{ids['Rhine']}": "Germany",
            },
            "match-wrong": lambda: {
                f"match-{ids['Nile']}": "Germany",
                f"match-{ids['Rhine']}": "Egypt",
            },
            "tf-right": lambda: {"answer": ids["True"]},
            "tf-wrong": lambda: {"answer": ids["False"]},
        }[spec]()

    ReviewCardFactory(student=learner, question=question, due=timezone.now())
    client = client_for(learner)
    page = client.get(SESSION).text
    assert f'name="question" value="{question.pk}"' in page
    if kind == "cloze":
        assert page.count('class="blank" name="answer"') == 2
    for payload, expected_rating in [(form(right), 3), (form(wrong), 1)]:
        data = {"question": question.pk, **payload}
        client.post(reverse("review_answer"), data)
        client.post(reverse("review_continue"))
        assert ReviewLog.objects.order_by("-pk").first().rating == expected_rating
        ReviewCard.objects.filter(question=question).update(due=timezone.now())
        client.get(SESSION)


def test_cannot_answer_questions_of_courses_not_taken(client_for, learner):
    elsewhere = QuestionFactory(lesson=LessonFactory(course=CourseFactory()))
    response = client_for(learner).post(
        reverse("review_answer"), {"question": elsewhere.pk, "answer": right_choice(elsewhere)}
    )
    assert response.status_code == 404
    assert not ReviewCard.objects.exists()


def test_nobody_sees_another_students_cards(client_for, learner, due_card):
    other = StudentFactory(username="other")
    page = client_for(other).get(SESSION).text
    assert due_card.question.prompt not in page
    response = client_for(other).post(
        reverse("review_answer"),
        {"question": due_card.question.pk, "answer": right_choice(due_card.question)},
    )
    assert response.status_code == 404
    data = json.loads(client_for(other).get(reverse("review_export_json")).content)
    assert data["history"] == [] and data["progress"] == []


def test_practise_link_needs_access_to_the_lesson(client_for, learner, course_questions):
    foreign = LessonFactory(course=CourseFactory())
    client = client_for(learner)
    assert client.get(SESSION, {"lesson": foreign.pk}).status_code == 403
    assert client.get(SESSION, {"lesson": "x"}).status_code == 404
    lesson = course_questions[0].lesson
    page = client.get(SESSION, {"lesson": lesson.pk}).text
    assert course_questions[0].prompt in page and f'name="lesson" value="{lesson.pk}"' in page


@pytest.mark.parametrize(
    "who,status", [("teacher", 200), ("admin", 200), ("other_teacher", 403), ("learner", 403)]
)
def test_instructors_see_only_their_courses_leeches(
    client_for, course, instructor, admin_user, learner, course_questions, who, status
):
    ReviewCardFactory(student=learner, question=course_questions[0], lapses=9, is_leech=True)
    user = {
        "teacher": instructor,
        "admin": admin_user,
        "learner": learner,
        "other_teacher": InstructorFactory(username="elsewhere"),
    }[who]
    response = client_for(user).get(reverse("review_course", args=[course.slug]))
    assert response.status_code == status
    if status == 200:
        assert course_questions[0].prompt in response.text and learner.username in response.text


def test_instructor_saves_course_settings_and_bad_values_rerender(client_for, course, instructor):
    client = client_for(instructor)
    url = reverse("review_course", args=[course.slug])
    bad = client.post(
        url,
        {
            "desired_retention": "1.5",
            "maximum_interval": "0",
            "learning_steps": "soon",
            "relearning_steps": "10",
        },
    )
    assert bad.status_code == 200 and "errorlist" in bad.text
    assert not course.__class__.objects.get(pk=course.pk).__dict__.get("review_settings")
    good = client.post(
        url,
        {
            "desired_retention": "0.85",
            "maximum_interval": "365",
            "learning_steps": "1, 10",
            "relearning_steps": "10",
        },
    )
    assert good.status_code == 302
    assert course.review_settings.desired_retention == 0.85


def test_student_settings_form(client_for, learner):
    client = client_for(learner)
    bad = client.post(
        reverse("review_settings"), {"new_cards_per_day": "9999", "reviews_per_day": "0"}
    )
    assert bad.status_code == 200 and "errorlist" in bad.text
    assert not StudentReviewSettings.objects.exists()
    good = client.post(
        reverse("review_settings"),
        {
            "self_rating": "on",
            "new_cards_per_day": "5",
            "reviews_per_day": "50",
            "desired_retention": "0.92",
        },
    )
    assert good.status_code == 302
    prefs = StudentReviewSettings.objects.get(student=learner)
    assert (prefs.self_rating, prefs.new_cards_per_day, prefs.desired_retention) == (True, 5, 0.92)


def test_exports_hold_own_progress_and_history(client_for, learner, course_questions, t0):
    card = ReviewCardFactory(student=learner, question=course_questions[0])
    ReviewLogFactory(card=card, rating=2, reviewed_at=t0, mark=0.5)
    ReviewLogFactory(card=ReviewCardFactory(question=course_questions[1]))  # someone else's
    client = client_for(learner)
    history = client.get(reverse("review_export_history_csv"))
    assert history["Content-Disposition"].endswith('tutor-review-history.csv"')
    lines = b"".join(history.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("reviewed_at,course,lesson,question_id")
    assert len(lines) == 2 and ",Hard," in lines[1] and course_questions[0].prompt in lines[1]
    progress = client.get(reverse("review_export_progress_csv")).content.decode().splitlines()
    assert progress[0].startswith("course,lesson,status") and len(progress) == 3
    assert "Rivers,Sources,practised" in progress[1] and "Rivers,Deltas,not_started" in progress[2]
    data = json.loads(client.get(reverse("review_export_json")).content)
    assert [row["rating"] for row in data["history"]] == ["Hard"]
    assert data["history"][0]["reviewed_at"] == t0.isoformat()
    assert {row["status"] for row in data["progress"]} == {"practised", "not_started"}


@pytest.mark.parametrize("extra_cards", [0, 60])
def test_next_card_query_count_does_not_grow(
    client_for, learner, course_questions, django_assert_max_num_queries, extra_cards
):
    now = timezone.now()
    ReviewCardFactory(student=learner, question=course_questions[0], due=now - dt.timedelta(days=5))
    lesson = course_questions[0].lesson
    for _ in range(extra_cards):
        ReviewCardFactory(
            student=learner, question=QuestionFactory(lesson=lesson), due=now - dt.timedelta(days=1)
        )
    client = client_for(learner)
    with django_assert_max_num_queries(13):
        page = client.get(SESSION)
    assert course_questions[0].prompt in page.text


@pytest.mark.parametrize("answer", ["", "   "])
def test_an_empty_short_answer_is_refused_alike_in_review_and_quiz(
    client_for, learner, course, answer
):
    """Review and quizzes share one answering path: nothing typed is no answer, not 'Again'."""
    lesson = LessonFactory(course=course)
    question = QuestionFactory(
        lesson=lesson, type="short_answer", prompt="Longest river?", choices=[("Nile", 1.0)]
    )
    ReviewCardFactory(student=learner, question=question, due=timezone.now())
    client = client_for(learner)
    client.get(SESSION)
    page = client.post(reverse("review_answer"), {"question": question.pk, "answer": answer}).text
    assert "Type an answer." in page
    assert not ReviewLog.objects.filter(card__question=question).exists()
    assert f'name="question" value="{question.pk}"' in page

    quiz = Quiz.practice_for(lesson)
    client.post(reverse("quiz_start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz, student=learner)
    url = reverse("attempt_question", args=[attempt.pk, 1])
    page = client.post(url, {f"q{question.pk}-answer": answer}).text
    assert "Type an answer." in page
    assert not Response.objects.filter(question=question).exists()
