import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Quiz
from quizzes.services import attempt_start
from tests.factories import LessonFactory, QuestionFactory, QuizFactory

pytestmark = pytest.mark.django_db


def quiz_post(**overrides):
    data = {
        "title": "Midterm",
        "published": "on",
        "selection": "hand_picked",
        "feedback_timing": "after_submit",
        "display": "all",
        "pass_mark": 70,
        "grading_method": "highest",
        "attempts_allowed": "",
        "time_limit_minutes": "",
        "opens_at": "",
        "closes_at": "",
        "draw_count": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("enrolled", 403),
        ("instructor", 200),
        ("other_instructor", 403),
        ("admin", 200),
    ],
)
def test_composition_permissions_for_every_role(client_for, user_for_role, course, role, expected):
    quiz = QuizFactory(course=course, questions=[QuestionFactory(lesson__course=course)])
    client = client_for(user_for_role(role))
    assert client.get(reverse("quiz_list", args=[course.slug])).status_code == expected
    assert client.get(reverse("quiz_create", args=[course.slug])).status_code == expected
    assert client.get(reverse("quiz_edit", args=[quiz.pk])).status_code == expected
    created = client.post(
        reverse("quiz_create", args=[course.slug]),
        quiz_post(picked_questions=[quiz.questions.get().pk]),
    )
    assert created.status_code == (302 if expected == 200 else expected)
    assert Quiz.objects.filter(title="Midterm").exists() == (expected == 200)


def test_hand_picked_quiz_from_several_lessons(client_for, instructor, enrolled_student, course):
    first, second = LessonFactory(course=course), LessonFactory(course=course)
    a, b = QuestionFactory(lesson=first), QuestionFactory(lesson=second)
    QuestionFactory(lesson=first, status="rejected", prompt="Rejected?")
    client = client_for(instructor)
    form_page = client.get(reverse("quiz_create", args=[course.slug]))
    assert "Rejected?" not in form_page.text  # only approved and draft questions can be picked
    response = client.post(
        reverse("quiz_create", args=[course.slug]),
        quiz_post(picked_questions=[a.pk, b.pk], attempts_allowed=2, time_limit_minutes=15),
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get(title="Midterm")
    assert quiz.kind == "composed" and quiz.created_by == instructor
    assert set(quiz.questions.all()) == {a, b}
    assert (quiz.attempts_allowed, quiz.time_limit_minutes, quiz.pass_mark) == (2, 15, 70)
    assert list(Quiz.objects.open_for_student(enrolled_student, timezone.now())) == [quiz]
    assert "Midterm" in client.get(reverse("quiz_list", args=[course.slug])).text


def test_random_quiz_draws_from_chosen_lessons(client_for, instructor, enrolled_student, course):
    chosen, other = LessonFactory(course=course), LessonFactory(course=course)
    pool = {QuestionFactory(lesson=chosen).pk for _ in range(6)}
    QuestionFactory(lesson=other)
    response = client_for(instructor).post(
        reverse("quiz_create", args=[course.slug]),
        quiz_post(selection="random", draw_lessons=[chosen.pk], draw_count=3),
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get()
    attempt = attempt_start(quiz=quiz, student=enrolled_student, at=timezone.now())
    assert len(attempt.question_ids) == 3 and set(attempt.question_ids) <= pool


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"selection": "random", "draw_count": 3}, "draw_lessons"),
        ({"selection": "random"}, "draw_count"),
        ({}, "picked_questions"),
        ({"opens_at": "2030-01-02T10:00", "closes_at": "2030-01-01T10:00"}, "closes_at"),
        ({"pass_mark": 120}, "pass_mark"),
        ({"title": ""}, "title"),
    ],
)
def test_quiz_settings_are_validated(client_for, instructor, course, overrides, field):
    response = client_for(instructor).post(
        reverse("quiz_create", args=[course.slug]), quiz_post(**overrides)
    )
    assert response.status_code == 422
    assert field in response.context["form"].errors
    assert not Quiz.objects.exists()


def test_editing_a_quiz_replaces_its_questions(client_for, instructor, course):
    a, b, c = (QuestionFactory(lesson__course=course) for _ in range(3))
    quiz = QuizFactory(course=course, questions=[a, b], title="Weekly")
    client = client_for(instructor)
    page = client.get(reverse("quiz_edit", args=[quiz.pk]))
    assert page.context["form"]["picked_questions"].initial == [a.pk, b.pk]
    response = client.post(
        reverse("quiz_edit", args=[quiz.pk]),
        quiz_post(title="Weekly", picked_questions=[b.pk, c.pk], grading_method="mean"),
    )
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert set(quiz.questions.all()) == {b, c} and quiz.grading_method == "mean"
    practice = Quiz.practice_for(a.lesson)
    assert client.get(reverse("quiz_edit", args=[practice.pk])).status_code == 404


@pytest.mark.parametrize("size", [5, 50])
def test_composition_pages_run_a_bounded_number_of_queries(
    client_for, instructor, course, size, django_assert_max_num_queries
):
    questions = [QuestionFactory(lesson__course=course) for _ in range(size)]
    for _ in range(3):
        QuizFactory(course=course, questions=questions[:3])
    client = client_for(instructor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("quiz_create", args=[course.slug])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("quiz_list", args=[course.slug])).status_code == 200


def test_edit_form_shows_dates_in_the_datetime_local_format(client_for, instructor, course):
    from datetime import datetime

    opens = timezone.make_aware(datetime(2030, 1, 2, 9, 30))
    quiz = QuizFactory(
        course=course, questions=[QuestionFactory(lesson__course=course)], opens_at=opens
    )
    page = client_for(instructor).get(reverse("quiz_edit", args=[quiz.pk]))
    assert 'value="2030-01-02T09:30"' in page.text


def test_quiz_admin_pages_still_work(client_for, admin_user, course, enrolled_student):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question])
    from quizzes.services import attempt_start, response_record

    attempt = attempt_start(quiz=quiz, student=enrolled_student, at=timezone.now())
    response_record(
        attempt=attempt,
        question=question,
        answer=question.ordered_choices()[0].pk,
        at=timezone.now(),
    )
    client = client_for(admin_user)
    for name in ["question", "questionversion", "quiz", "attempt", "response"]:
        assert client.get(reverse(f"admin:quizzes_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:quizzes_attempt_change", args=[attempt.pk])).status_code == 200
    assert (
        client.get(reverse("admin:quizzes_question_change", args=[question.pk])).status_code == 200
    )


def test_quiz_list_page_title_is_plain_text(client_for, instructor, course):
    html = client_for(instructor).get(reverse("quiz_list", args=[course.slug])).text
    title = html[html.index("<title>") : html.index("</title>")]
    assert title == f"<title>Quizzes · {course.title} · Tutor"
    assert html.count('id="generation-heading"') == 1


def test_composer_groups_questions_by_lesson_with_whole_prompts(client_for, instructor, course):
    first = LessonFactory(course=course, title="Sources", order=1)
    second = LessonFactory(course=course, title="Deltas", order=2)
    long_prompt = (
        "Which river, " + "flowing through many lands and past many cities, " * 3 + "is it?"
    )
    a = QuestionFactory(lesson=second, prompt=long_prompt, choices=[("Danube", 1.0), ("Po", 0.0)])
    QuestionFactory(lesson=first, prompt="Where do rivers start?")
    QuestionFactory(lesson=first, prompt="Drafted?", status="draft")
    client = client_for(instructor)
    page = client.get(reverse("quiz_create", args=[course.slug]))
    form = page.context["form"]
    assert not form["published"].value()  # a new quiz is a draft until published
    groups = form.picked_groups()
    assert [group["lesson"].title for group in groups] == ["Sources", "Deltas"]
    assert [len(group["options"]) for group in groups] == [2, 1]
    html = page.text
    assert long_prompt in html and "Answer: Danube" in html
    assert '<span class="badge">Draft</span>' in html
    assert 'data-section="hand_picked"' in html and 'data-section="random"' in html
    assert "js/composer.js" in html and "data-select-all hidden" in html

    quiz = QuizFactory(course=course, title="Deltas only", questions=[a])
    edit = client.get(reverse("quiz_edit", args=[quiz.pk]))
    picked = {
        group["lesson"].title: group["picked"] for group in edit.context["form"].picked_groups()
    }
    assert picked == {"Sources": 0, "Deltas": 1}
    assert "1 of 1 picked" in edit.text


def test_a_picked_draft_joins_the_quiz_once_approved(
    client_for, instructor, enrolled_student, course
):
    lesson = LessonFactory(course=course)
    approved = QuestionFactory(lesson=lesson)
    draft = QuestionFactory(lesson=lesson, status="draft")
    response = client_for(instructor).post(
        reverse("quiz_create", args=[course.slug]),
        quiz_post(picked_questions=[approved.pk, draft.pk]),
    )
    assert response.status_code == 302
    quiz = Quiz.objects.get(title="Midterm")
    assert quiz.draw_question_ids(seed=1) == [approved.pk]
    draft.status = "approved"
    draft.save()
    assert quiz.draw_question_ids(seed=1) == [approved.pk, draft.pk]
