"""Shared fixtures: one user per role and a small published course."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command

from tests.browser.chromium import (  # noqa: F401  (hooks: skip or fail browser tests)
    pytest_configure,
    pytest_runtest_setup,
    pytest_terminal_summary,
)
from tests.factories import (
    AdminFactory,
    CourseFactory,
    EnrollmentFactory,
    InstructorFactory,
    LessonFactory,
    StudentFactory,
)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as the site's is, not shared memory: each thread
    of a live server (browser tests, tests/test_concurrency.py) then opens its own connection
    and concurrent writers queue for the lock under the site's settings (WAL, busy timeout,
    IMMEDIATE transactions) instead of sharing the test's one connection."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture
def student(db):
    return StudentFactory(username="stu")


@pytest.fixture
def instructor(db):
    return InstructorFactory(username="teach")


@pytest.fixture
def admin_user(db):
    return AdminFactory(username="boss")


@pytest.fixture
def course(db, instructor):
    course = CourseFactory(title="Rivers", slug="rivers")
    course.instructors.add(instructor)
    return course


@pytest.fixture
def lessons(course):
    first = LessonFactory(course=course, title="Sources", slug="sources", order=1)
    second = LessonFactory(course=course, title="Deltas", slug="deltas", order=2)
    child = LessonFactory(
        course=course, title="Mud Flats", slug="mud-flats", order=3, parent=second
    )
    return [first, second, child]


@pytest.fixture
def enrolled_student(student, course):
    EnrollmentFactory(course=course, student=student)
    return student


@pytest.fixture
def user_for_role(enrolled_student, instructor, admin_user):
    """A user by role name: anonymous (None), outsider (a student not enrolled in ``course``),
    enrolled, instructor (teaches ``course``), other_instructor (teaches nothing here), admin."""

    def make(role):
        return {
            "anonymous": None,
            "outsider": StudentFactory(username="outsider"),
            "enrolled": enrolled_student,
            "instructor": instructor,
            "other_instructor": InstructorFactory(username="elsewhere"),
            "admin": admin_user,
        }[role]

    return make


@pytest.fixture
def client_for(client):
    """Log the test client in as ``user`` (or stay anonymous for None)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness buys nothing in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat between tests, so cached figures would."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def worker(django_capture_on_commit_callbacks, monkeypatch):
    """The real task path inside a test: ``with worker():`` runs the block, queues what it
    queued on commit, then the task worker (``run_worker --batch``: django-tasks-db's
    db_worker) runs the queue, and again for what those tasks queue in turn."""
    from django_tasks_db.management.commands import db_worker

    # The worker drops stale connections between tasks; inside a test's transaction that
    # would drop the test's own.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    @contextmanager
    def tasks(run: bool = True):
        with django_capture_on_commit_callbacks(execute=True):
            yield
        while run:
            with django_capture_on_commit_callbacks(execute=True) as queued:
                call_command("run_worker", batch=True, worker_id="test-worker", verbosity=0)
            run = bool(queued)

    return tasks


# Two sentences with several questions each (siblings), and two questions of their own. Each
# sibling's prompt or source sentence holds the others' answers.
NILE = "The Nile flows north into the Mediterranean Sea."
AMAZON = "The Amazon carries more water than any other river."
SIBLING_SPECS = [
    (NILE, "Which river flows north into the Mediterranean Sea?", "Nile", "Amazon"),
    (NILE, "Into which sea does the Nile flow?", "Mediterranean", "Red"),
    (
        " the nile flows  NORTH into the Mediterranean Sea. ",
        "Which way does the Nile flow?",
        "North",
        "South",
    ),
    (AMAZON, "Which river carries more water than any other?", "Amazon", "Congo"),
    (AMAZON, "What does the Amazon carry more of than any other river?", "Water", "Sand"),
    ("", "Where do rivers start?", "Springs", "Deltas"),
    ("Rivers end in deltas or estuaries.", "Where does a river end?", "Estuary", "Spring"),
]


@pytest.fixture
def sibling_questions(course):
    """Seven approved questions of one lesson: three from one sentence, two from another (its
    case and spacing varied in one of them), and two without siblings."""
    from tests.factories import QuestionFactory

    lesson = LessonFactory(course=course, title="Great Rivers", slug="great-rivers", order=1)
    return [
        QuestionFactory(
            lesson=lesson,
            prompt=prompt,
            source_sentence=sentence,
            order=order,
            choices=[(right, 1.0), (wrong, 0.0)],
        )
        for order, (sentence, prompt, right, wrong) in enumerate(SIBLING_SPECS)
    ]


def sentence_groups(questions) -> list[set[int]]:
    """The ids of ``questions`` grouped by the sentence they were drawn from."""
    groups: dict[str, set[int]] = {}
    for question in questions:
        sentence = " ".join(question.source_sentence.split()).casefold()
        groups.setdefault(sentence or f"own-{question.pk}", set()).add(question.pk)
    return list(groups.values())
