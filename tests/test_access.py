"""The one access rule: a draft course is a 404 at every URL for anyone who may not see it."""

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from lessons.models import CourseTask
from quizzes.services import attempt_start
from tests.factories import (
    CourseFactory,
    EnrollmentFactory,
    InstructorFactory,
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

# Every URL that reaches one course (by its slug, a lesson, question, quiz or attempt), with the
# methods it answers and any form data that names the course's objects.
GET, POST, BOTH = ("get",), ("post",), ("get", "post")
COURSE_URLS = {
    "course_detail": (GET, lambda d: reverse("course_detail", args=[d["course"].slug])),
    "course_enrol": (POST, lambda d: reverse("course_enrol", args=[d["course"].slug])),
    "course_publish": (POST, lambda d: reverse("course_publish", args=[d["course"].slug])),
    "course_outline": (GET, lambda d: reverse("course_outline", args=[d["course"].slug])),
    "lesson_edit": (
        POST,
        lambda d: reverse("lesson_edit", args=[d["course"].slug, d["lesson"].pk, "rename"]),
    ),
    "lesson_detail": (GET, lambda d: d["lesson"].get_absolute_url()),
    "lesson_mark_read": (
        POST,
        lambda d: reverse("lesson_mark_read", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "lesson_practice": (
        GET,
        lambda d: reverse("lesson_practice", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "quiz_detail": (GET, lambda d: reverse("quiz_detail", args=[d["quiz"].pk])),
    "quiz_start": (POST, lambda d: reverse("quiz_start", args=[d["quiz"].pk])),
    "attempt_detail": (GET, lambda d: reverse("attempt_detail", args=[d["attempt"].pk])),
    "attempt_question": (
        BOTH,
        lambda d: reverse("attempt_question", args=[d["attempt"].pk, 1]),
    ),
    "attempt_finish": (POST, lambda d: reverse("attempt_finish", args=[d["attempt"].pk])),
    "question_list": (
        GET,
        lambda d: reverse("question_list", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "question_create": (
        BOTH,
        lambda d: reverse("question_create", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "questions_approve": (
        POST,
        lambda d: reverse("questions_approve", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "question_edit": (BOTH, lambda d: reverse("question_edit", args=[d["question"].pk])),
    "question_preview": (
        POST,
        lambda d: reverse("question_preview", args=[d["course"].slug, d["lesson"].slug]),
    ),
    "question_status": (POST, lambda d: reverse("question_status", args=[d["question"].pk])),
    "question_move": (POST, lambda d: reverse("question_move", args=[d["question"].pk])),
    "quiz_list": (GET, lambda d: reverse("quiz_list", args=[d["course"].slug])),
    "quiz_create": (BOTH, lambda d: reverse("quiz_create", args=[d["course"].slug])),
    "quiz_edit": (BOTH, lambda d: reverse("quiz_edit", args=[d["quiz"].pk])),
    "questions_generate": (
        POST,
        lambda d: reverse("questions_generate", args=[d["course"].slug]),
    ),
    "course_generation": (GET, lambda d: reverse("course_generation", args=[d["course"].slug])),
    "generation_settings": (
        POST,
        lambda d: reverse("generation_settings", args=[d["course"].slug]),
    ),
    "gift_import": (BOTH, lambda d: reverse("gift_import", args=[d["course"].slug])),
    "gift_export": (GET, lambda d: reverse("gift_export", args=[d["course"].slug])),
    "review_course": (BOTH, lambda d: reverse("review_course", args=[d["course"].slug])),
    **{
        name: (GET, lambda d, name=name: reverse(name, args=[d["course"].slug]))
        for name in [
            "results_gradebook",
            "results_gradebook_csv",
            "results_lessons_csv",
            "results_items",
            "results_items_csv",
            "results_questions_csv",
            "results_responses_csv",
        ]
    },
    **{
        name: (
            GET,
            lambda d, name=name: reverse(name, args=[d["course"].slug, d["attempt"].student_id]),
        )
        for name in ["results_student", "results_student_csv"]
    },
    "course_tasks": (GET, lambda d: reverse("course_tasks", args=[d["course"].slug])),
    "course_task_retry": (POST, lambda d: reverse("course_task_retry", args=[d["task"].pk])),
}
# Review URLs name the course's lesson and question in their query or form data.
REVIEW_URLS = {
    "review_session": GET,
    "review_answer": POST,
    "review_rate": POST,
    "review_continue": POST,
}
# Keyword arguments that name a course or something inside one.
COURSE_KWARGS = {"slug", "course_slug", "pk"}


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            if pattern.namespace != "admin":
                yield from _url_names(pattern.url_patterns)
        elif set(pattern.pattern.regex.groupindex) & COURSE_KWARGS:
            yield pattern.name


@pytest.fixture
def draft():
    """A draft course with a lesson, a question, a quiz and its instructor's preview attempt."""
    teacher = InstructorFactory(username="drafter")
    course = CourseFactory(slug="secret", published=False)
    course.instructors.add(teacher)
    lesson = LessonFactory(course=course, slug="hidden")
    question = QuestionFactory(lesson=lesson)
    quiz = QuizFactory(course=course, questions=[question], published=True)
    attempt = attempt_start(quiz=quiz, student=teacher, at=timezone.now(), preview=True)
    task = CourseTask.objects.create(
        kind=CourseTask.Kind.GENERATE,
        course=course,
        course_slug=course.slug,
        task_path="quizzes.tasks.questions_generate_task",
        state=CourseTask.State.FAILED,
        created_by=teacher,
    )
    return {
        "task": task,
        "course": course,
        "lesson": lesson,
        "question": question,
        "quiz": quiz,
        "attempt": attempt,
    }


def test_every_url_reaching_a_course_is_walked():
    """A new view that takes a course, lesson, question, quiz or attempt must join the walk."""
    assert set(_url_names(get_resolver().url_patterns)) == set(COURSE_URLS)


@pytest.fixture(params=["outsider", "enrolled_before_unpublishing", "other_instructor"])
def non_member(request, draft):
    if request.param == "outsider":
        return StudentFactory(username="outsider")
    if request.param == "other_instructor":
        other = InstructorFactory(username="elsewhere")
        CourseFactory(slug="theirs", published=False).instructors.add(other)
        return other
    # An enrolment kept from before the course went back to draft opens nothing.
    early = StudentFactory(username="early")
    EnrollmentFactory(course=draft["course"], student=early)
    return early


def test_draft_course_is_404_at_every_url_for_a_non_member(client, draft, non_member):
    client.force_login(non_member)
    answers = {}
    for name, (methods, url) in COURSE_URLS.items():
        for method in methods:
            answers[f"{method.upper()} {name}"] = getattr(client, method)(url(draft)).status_code
    ids = {"lesson": draft["lesson"].pk, "question": draft["question"].pk, "rating": 3}
    for name, methods in REVIEW_URLS.items():
        for method in methods:
            response = getattr(client, method)(reverse(name), ids)
            answers[f"{method.upper()} {name}"] = response.status_code
    assert answers == dict.fromkeys(answers, 404)
    assert len(answers) == 51


def test_its_instructor_sees_the_draft(client, draft):
    client.force_login(draft["course"].instructors.get())
    seen = ["course_detail", "course_outline", "lesson_detail", "quiz_list", "question_list"]
    seen += ["review_course", "quiz_detail", "gift_import", "attempt_question"]
    for name in seen:
        _, url = COURSE_URLS[name]
        assert client.get(url(draft)).status_code == 200, name


def test_a_published_course_is_403_where_a_student_may_see_but_not_change(client, course, lessons):
    client.force_login(StudentFactory(username="visitor"))
    assert client.get(reverse("course_detail", args=[course.slug])).status_code == 200
    assert client.get(reverse("course_outline", args=[course.slug])).status_code == 403
    assert client.get(reverse("review_course", args=[course.slug])).status_code == 403
    assert client.get(reverse("quiz_list", args=[course.slug])).status_code == 403
    assert client.get(lessons[0].get_absolute_url()).status_code == 403
    assert client.get(reverse("review_session"), {"lesson": lessons[0].pk}).status_code == 403
