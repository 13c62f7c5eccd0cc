"""A seeded course and the URL walk shared by the role walk and the hostile-input tests: every
URL pattern of the project, its path filled from the seed, requested as each role."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from lessons.models import CourseTask
from quizzes.models import Quiz
from quizzes.services import attempt_start
from tests.factories import (
    AdminFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorFactory,
    LessonFactory,
    QuestionFactory,
    QuizFactory,
    StudentFactory,
)

# Who asks, in the order the expectation table lists them.
ROLES = ("anonymous", "outsider", "enrolled", "other_instructor", "instructor", "admin")


def url_names(patterns=None, prefix=""):
    """(name, route) of every URL pattern outside the Django admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from url_names(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield pattern.name or prefix + str(pattern.pattern), prefix + str(pattern.pattern)


@dataclass
class Seed:
    users: dict
    course: object
    lesson: object
    question: object
    quiz: object
    attempt: object
    task: object


def seed() -> Seed:
    """One published course with a lesson, an approved question, a quiz, an enrolled student's
    attempt in progress and a failed task; its instructor, another course's instructor, a
    student not enrolled and an admin."""
    instructor = InstructorFactory(username="teach")
    other = InstructorFactory(username="elsewhere")
    CourseFactory(slug="theirs", published=True).instructors.add(other)
    enrolled = StudentFactory(username="stu")
    users = {
        "anonymous": None,
        "outsider": StudentFactory(username="outsider"),
        "enrolled": enrolled,
        "other_instructor": other,
        "instructor": instructor,
        "admin": AdminFactory(username="boss"),
    }
    course = CourseFactory(slug="rivers", title="Rivers", published=True)
    course.instructors.add(instructor)
    EnrollmentFactory(course=course, student=enrolled)
    lesson = LessonFactory(
        course=course, slug="sources", title="Sources", body="One.\n\nTwo.\n\nThree.", order=1
    )
    LessonFactory(course=course, slug="deltas", title="Deltas", order=2)
    question = QuestionFactory(lesson=lesson)
    quiz = QuizFactory(course=course, questions=[question], published=True)
    attempt = attempt_start(quiz=quiz, student=enrolled, at=timezone.now())
    Quiz.practice_for(lesson)
    task = CourseTask.objects.create(
        kind=CourseTask.Kind.GENERATE,
        course=course,
        course_slug=course.slug,
        task_path="quizzes.tasks.questions_generate_task",
        state=CourseTask.State.FAILED,
        created_by=instructor,
    )
    return Seed(users, course, lesson, question, quiz, attempt, task)


def fill(name: str, s: Seed) -> str:
    """The URL of pattern ``name`` with its path parameters taken from the seed."""
    c, lesson = s.course.slug, s.lesson.slug
    by_course = [c]
    by_lesson = [c, lesson]
    args = {
        "favicon.ico": None,
        "password_reset_confirm": ["MQ", "set-password"],
        "course_task_retry": [s.task.pk],
        "lesson_edit": [c, s.lesson.pk, "rename"],
        "quiz_detail": [s.quiz.pk],
        "quiz_start": [s.quiz.pk],
        "quiz_edit": [s.quiz.pk],
        "attempt_detail": [s.attempt.pk],
        "attempt_question": [s.attempt.pk, 1],
        "attempt_finish": [s.attempt.pk],
        "question_edit": [s.question.pk],
        "question_status": [s.question.pk],
        "question_move": [s.question.pk],
        "results_student": [c, s.users["enrolled"].pk],
        "results_student_csv": [c, s.users["enrolled"].pk],
    }
    if name == "favicon.ico":
        return "/favicon.ico"
    if name in args:
        return reverse(name, args=args[name])
    route = dict(url_names())[name]
    if "<slug:course_slug>/lessons/<slug:slug>" in route:
        return reverse(name, args=by_lesson)
    if "<slug:" in route:
        return reverse(name, args=by_course)
    return reverse(name)


def clients(s: Seed) -> dict[str, Client]:
    made = {}
    for role, user in s.users.items():
        made[role] = Client(raise_request_exception=False)
        if user is not None:
            made[role].force_login(user)
    return made


def relogin(client: Client, user) -> None:
    if user is not None:
        client.force_login(user)


class Rollback(Exception):
    pass


def undone(request):
    """Send ``request()`` inside a savepoint that is rolled back: each request of a walk starts
    from the same seed, whatever the one before it changed. Returns what it returned."""
    result = None
    try:
        with transaction.atomic():
            result = request()
            raise Rollback
    except Rollback:
        pass
    return result


def database_rows() -> dict[str, list]:
    """Every row of every project table but sessions and log-in records, to compare."""
    tables = sorted(
        t
        for t in connection.introspection.table_names()
        if not t.startswith(("django_session", "axes_", "django_migrations"))
    )
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows
