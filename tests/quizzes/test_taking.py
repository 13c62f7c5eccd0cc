import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Quiz, Response
from tests.factories import EnrollmentFactory, QuestionFactory, QuizFactory, StudentFactory
from tests.quizzes.conftest import make_question

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def start(client, quiz) -> Attempt:
    response = client.post(reverse("quiz_start", args=[quiz.pk]))
    assert response.status_code == 302, response
    return Attempt.objects.filter(quiz=quiz).latest("number")


def question_url(attempt, position):
    return reverse("attempt_question", args=[attempt.pk, position])


def right_answer_post(question):
    """Form data answering ``question`` fully right, as the page's inputs would send it."""
    prefix = f"q{question.pk}-"
    choices = question.ordered_choices()
    if question.type in {"single_choice", "true_false"}:
        return {f"{prefix}answer": next(c.pk for c in choices if c.weight == 1)}
    if question.type == "multiple_response":
        return {f"{prefix}answer": [c.pk for c in choices if c.weight > 0]}
    if question.type == "short_answer":
        return {f"{prefix}answer": choices[0].text.upper() + "  "}
    if question.type == "cloze":
        return {f"{prefix}answer": [c.text for c in sorted(choices, key=lambda c: c.blank)]}
    if question.type == "numerical":
        return {f"{prefix}answer": str(choices[0].numeric_value + choices[0].tolerance / 2)}
    return {f"{prefix}match-{c.pk}": c.match_text for c in choices}


def test_practice_link_leads_to_the_first_question(client_for, enrolled_student, lesson):
    QuestionFactory(lesson=lesson)
    client = client_for(enrolled_student)
    response = client.get(reverse("lesson_practice", args=[lesson.course.slug, lesson.slug]))
    quiz = Quiz.practice_for(lesson)
    assert response.url == quiz.get_absolute_url()
    assert "Start" in client.get(response.url).text
    attempt = start(client, quiz)
    response = client.get(attempt.get_absolute_url())
    assert response.url == question_url(attempt, 1)


def test_every_type_answered_right_without_js(
    client_for, enrolled_student, questions_of_every_type
):
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(questions_of_every_type[0].lesson))
    for position, question in enumerate(questions_of_every_type, start=1):
        page = client.get(question_url(attempt, position))
        assert page.status_code == 200 and question.prompt.split("_")[0] in page.text
        response = client.post(question_url(attempt, position), right_answer_post(question))
        assert response.status_code == 302 and response.url == question_url(attempt, position)
        feedback = client.get(response.url).text
        assert "Right" in feedback and "Read again." in feedback
    marks = list(Response.objects.filter(attempt=attempt).values_list("mark", flat=True))
    assert marks == [1.0] * 7
    finished = client.post(reverse("attempt_finish", args=[attempt.pk]))
    result = client.get(finished.url)
    assert "100%" in result.text and "Passed" in result.text


def test_htmx_answer_returns_the_feedback_partial(client_for, enrolled_student, lesson):
    question = make_question(
        lesson,
        "single_choice",
        "Where do rivers start?",
        [
            {"text": "Springs", "weight": 1},
            {"text": "Deltas", "weight": 0, "feedback": "Deltas are where rivers end."},
        ],
        general_feedback="Most rivers begin at springs.",
        source_sentence="Rivers usually begin at a spring high in the hills.",
    )
    QuestionFactory(lesson=lesson, order=5)
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(lesson))
    page = client.get(question_url(attempt, 1)).text
    # Nothing before answering gives the answer away.
    for secret in ["Most rivers begin", "Rivers usually begin", "Deltas are where", "weight"]:
        assert secret not in page
    wrong = next(c.pk for c in question.ordered_choices() if c.text == "Deltas")
    response = client.post(
        question_url(attempt, 1), {f"q{question.pk}-answer": wrong}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html and html.lstrip().startswith("<section")
    assert "Not quite" in html and "Springs" in html
    assert "Deltas are where rivers end." in html
    assert "Most rivers begin at springs." in html
    assert "Rivers usually begin at a spring" in html
    assert question_url(attempt, 2) in html  # the Next link


def test_empty_answer_shows_an_error_and_records_nothing(client_for, enrolled_student, lesson):
    QuestionFactory(lesson=lesson)
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(lesson))
    for headers in ({}, HTMX):
        response = client.post(question_url(attempt, 1), {}, headers=headers)
        assert response.status_code == 200 and "Choose an answer." in response.text
    assert not Response.objects.exists()


def test_double_submit_over_http_records_once(client_for, enrolled_student, lesson):
    question = QuestionFactory(lesson=lesson)
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(lesson))
    data = right_answer_post(question)
    client.post(question_url(attempt, 1), data, headers=HTMX)
    client.post(question_url(attempt, 1), data, headers=HTMX)
    client.post(question_url(attempt, 1), data)
    assert Response.objects.filter(attempt=attempt).count() == 1


def option_order(html):
    return re.findall(r'type="radio" name="q\d+-answer" value="(\d+)"', html)


def test_choice_order_is_stable_within_an_attempt_and_varies_across(
    client_for, enrolled_student, lesson
):
    QuestionFactory(
        lesson=lesson, choices=[("Right", 1.0)] + [(f"Wrong {i}", 0.0) for i in range(7)]
    )
    client = client_for(enrolled_student)
    quiz = Quiz.practice_for(lesson)
    orders = set()
    for _ in range(4):
        attempt = start(client, quiz)
        first = option_order(client.get(question_url(attempt, 1)).text)
        assert len(first) == 8
        assert option_order(client.get(question_url(attempt, 1)).text) == first
        orders.add(tuple(first))
        client.post(reverse("attempt_finish", args=[attempt.pk]))
    assert len(orders) > 1


def test_feedback_after_submission_hides_results_until_submitted(
    client_for, enrolled_student, course
):
    question = QuestionFactory(lesson__course=course, general_feedback="Explained.")
    quiz = QuizFactory(course=course, questions=[question], feedback_timing="after_submit")
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    wrong = next(c.pk for c in question.ordered_choices() if c.weight == 0)
    html = client.post(
        question_url(attempt, 1), {f"q{question.pk}-answer": wrong}, headers=HTMX
    ).text
    assert "Answer saved" in html
    assert "Not quite" not in html and "Explained." not in html and "Correct answer" not in html
    result = client.get(client.post(reverse("attempt_finish", args=[attempt.pk])).url).text
    assert "Not quite" in result and "Correct answer" in result and "Right" in result
    assert "Explained." in result and "0%" in result and "Not passed" in result


def test_all_at_once_page_records_answers_on_submit(
    client_for, enrolled_student, course, questions_of_every_type
):
    quiz = QuizFactory(course=course, questions=questions_of_every_type, display="all")
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    page = client.get(attempt.get_absolute_url())
    assert page.status_code == 200 and page.text.count('class="card question-card"') == 7
    data = {}
    for question in questions_of_every_type[:5]:
        data.update(right_answer_post(question))
    result = client.post(reverse("attempt_finish", args=[attempt.pk]), data)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == pytest.approx(5 / 7)
    assert Response.objects.filter(attempt=attempt).count() == 5
    review = client.get(result.url).text
    assert "To review" in review and "Not answered" in review and "Africa" in review


def test_all_at_once_check_button_works_without_js(client_for, enrolled_student, course):
    first, second = QuestionFactory(lesson__course=course), QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[first, second], display="all")
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    data = {**right_answer_post(first), **right_answer_post(second)}
    response = client.post(question_url(attempt, 2), data)
    assert response.url == f"{attempt.get_absolute_url()}#q2"
    assert list(Response.objects.values_list("question_id", flat=True)) == [second.pk]
    html = client.post(question_url(attempt, 1), data, headers=HTMX).text
    assert "Right" in html and "<html" not in html


def test_time_limit_is_enforced_by_the_server(client_for, enrolled_student, course):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question], time_limit_minutes=5)
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = client.post(question_url(attempt, 1), right_answer_post(question))
    assert response.url == attempt.get_absolute_url()
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0 and not Response.objects.exists()
    htmx = client.post(question_url(attempt, 1), right_answer_post(question), headers=HTMX)
    assert htmx.headers["HX-Redirect"] == attempt.get_absolute_url()


def test_timed_question_page_has_a_heading_and_a_live_countdown(
    client_for, enrolled_student, course
):
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(
        course=course, title="Deltas test", questions=[question], time_limit_minutes=5
    )
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    html = client.get(question_url(attempt, 1)).text
    assert "<h1>Deltas test</h1>" in html
    left = int(re.search(r'data-seconds-left="(\d+)"', html).group(1))
    assert 295 <= left <= 300
    assert f'data-finish-url="{reverse("attempt_finish", args=[attempt.pk])}"' in html
    assert "js/countdown.js" in html and "data-answer-form" in html


def test_answers_sent_to_finish_when_time_runs_out_are_kept(client_for, enrolled_student, course):
    """What the countdown does at zero: the question's own form goes to "finish"."""
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question], time_limit_minutes=5)
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    response = client.post(
        reverse("attempt_finish", args=[attempt.pk]), right_answer_post(question)
    )
    assert response.url == attempt.get_absolute_url()
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 1


@pytest.mark.parametrize("late_by,kept", [(5, True), (30, False)])
def test_answers_sent_to_finish_just_after_the_deadline_still_count(
    client_for, enrolled_student, course, late_by, kept
):
    """The countdown's request may reach the server a moment late; long after, it is refused."""
    question = QuestionFactory(lesson__course=course)
    quiz = QuizFactory(course=course, questions=[question], time_limit_minutes=5)
    client = client_for(enrolled_student)
    attempt = start(client, quiz)
    deadline = timezone.now() - timedelta(seconds=late_by)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    client.post(reverse("attempt_finish", args=[attempt.pk]), right_answer_post(question))
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == (1 if kept else 0)
    if kept:
        assert Response.objects.get().answered_at == deadline


def test_students_cannot_see_other_students_attempts(client_for, enrolled_student, lesson):
    QuestionFactory(lesson=lesson)
    attempt = start(client_for(enrolled_student), Quiz.practice_for(lesson))
    other = StudentFactory()
    EnrollmentFactory(course=lesson.course, student=other)
    client = client_for(other)
    assert client.get(attempt.get_absolute_url()).status_code == 404
    assert client.get(question_url(attempt, 1)).status_code == 404
    assert client.post(reverse("attempt_finish", args=[attempt.pk])).status_code == 404


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("enrolled", 200),
        ("instructor", 200),
        ("other_instructor", 403),
        ("admin", 200),
    ],
)
def test_who_may_open_a_quiz(client_for, user_for_role, lesson, role, expected):
    QuestionFactory(lesson=lesson)
    quiz = Quiz.practice_for(lesson)
    client = client_for(user_for_role(role))
    assert client.get(quiz.get_absolute_url()).status_code == expected
    started = client.post(reverse("quiz_start", args=[quiz.pk]))
    assert (started.status_code == 302 and "/attempts/" in started.url) == (expected == 200)


def test_unpublished_quiz_is_hidden_from_students(client_for, enrolled_student, instructor, course):
    quiz = QuizFactory(
        course=course, questions=[QuestionFactory(lesson__course=course)], published=False
    )
    assert client_for(enrolled_student).get(quiz.get_absolute_url()).status_code == 404
    assert client_for(instructor).get(quiz.get_absolute_url()).status_code == 200


def test_drafts_never_reach_students(client_for, enrolled_student, lesson):
    QuestionFactory(lesson=lesson, prompt="Approved one?")
    QuestionFactory(lesson=lesson, prompt="Secret draft?", status="draft")
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(lesson))
    assert len(attempt.question_ids) == 1
    assert "Secret draft" not in client.get(question_url(attempt, 1)).text
    assert client.get(question_url(attempt, 2)).status_code == 404


def test_closed_quiz_and_used_up_attempts_are_refused(client_for, enrolled_student, course):
    now = timezone.now()
    question = QuestionFactory(lesson__course=course)
    closed = QuizFactory(
        course=course,
        questions=[question],
        closes_at=now - timedelta(hours=1),
        opens_at=now - timedelta(days=1),
    )
    client = client_for(enrolled_student)
    response = client.post(reverse("quiz_start", args=[closed.pk]), follow=True)
    assert "not open" in response.text and not Attempt.objects.exists()
    once = QuizFactory(course=course, questions=[question], attempts_allowed=1)
    attempt = start(client, once)
    client.post(reverse("attempt_finish", args=[attempt.pk]))
    response = client.post(reverse("quiz_start", args=[once.pk]), follow=True)
    assert "all the attempts" in response.text
    assert Attempt.objects.filter(quiz=once).count() == 1


def test_open_quizzes_for_the_dashboard(enrolled_student, course):
    now = timezone.now()
    open_quiz = QuizFactory(course=course)
    QuizFactory(course=course, opens_at=now + timedelta(days=1))
    QuizFactory(course=course, published=False)
    QuizFactory()  # a course the student is not in
    assert list(Quiz.objects.open_for_student(enrolled_student, now)) == [open_quiz]


@pytest.fixture
def sized_quiz(course, enrolled_student):
    def make(size, display="one"):
        questions = [
            QuestionFactory(
                lesson__course=course,
                choices=[("Right", 1.0)] + [(f"W{i}", 0.0) for i in range(size)],
            )
            for _ in range(size)
        ]
        return QuizFactory(course=course, questions=questions, display=display)

    return make


@pytest.mark.parametrize("size", [5, 50])
def test_quiz_pages_run_a_bounded_number_of_queries(
    client_for, enrolled_student, sized_quiz, size, django_assert_max_num_queries
):
    client = client_for(enrolled_student)
    one = sized_quiz(size)
    attempt = start(client, one)
    for position in (1, 2):
        client.post(
            question_url(attempt, position),
            right_answer_post(one.questions.get(pk=attempt.question_ids[position - 1])),
        )
    with django_assert_max_num_queries(12):
        assert client.get(question_url(attempt, 3)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(one.get_absolute_url()).status_code == 200
    client.post(reverse("attempt_finish", args=[attempt.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(attempt.get_absolute_url()).status_code == 200
    every = sized_quiz(size, display="all")
    attempt = start(client, every)
    with django_assert_max_num_queries(12):
        assert client.get(attempt.get_absolute_url()).status_code == 200


def test_attempt_pages_lead_back_to_the_course_and_lesson(client_for, enrolled_student, lesson):
    QuestionFactory(lesson=lesson)
    client = client_for(enrolled_student)
    attempt = start(client, Quiz.practice_for(lesson))
    course_url = lesson.course.get_absolute_url()
    question_page = client.get(question_url(attempt, 1)).text
    client.post(reverse("attempt_finish", args=[attempt.pk]))
    result_page = client.get(attempt.get_absolute_url()).text
    for page in (question_page, result_page):
        crumbs = page[
            page.index('class="breadcrumb"') : page.index("</nav>", page.index("breadcrumb"))
        ]
        assert f'href="{course_url}"' in crumbs
        assert f'href="{lesson.get_absolute_url()}"' in crumbs
