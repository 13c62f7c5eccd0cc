"""Hostile values in every form field, query parameter and htmx endpoint never get a 5xx nor
leave a partial record (issue 13). The forms are found by rendering the pages each role sees;
each request is rolled back, so every one starts from the same seed."""

import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import Attempt, Question, Response
from review.models import ReviewLog
from tests.walk import clients, fill, seed, undone, url_names

pytestmark = pytest.mark.django_db

# Every field of every form gets each of these; the random test draws from the rest too.
HOSTILE = ["²", "\x00", "9" * 30, "-9223372036854775809", "", "1e308", "NaN", "x" * 1_000_000]
MORE_HOSTILE = [
    "٣",
    "a\x00b",
    "-1",
    "0",
    " ",
    "🙂" * 300,
    "\u202e\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "2**64",
    "1" * 5000,
]
hostile_values = st.one_of(
    st.sampled_from(HOSTILE + MORE_HOSTILE),
    st.text(max_size=50),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.lists(st.sampled_from(HOSTILE[:7] + MORE_HOSTILE), min_size=2, max_size=3),
)

# Pages each role renders to find its forms; the query parameters that pages read.
PAGES = {
    "anonymous": ["signup", "login", "password_reset", "home"],
    "outsider": ["course_detail"],
    "enrolled": [
        "course_detail",
        "lesson_detail",
        "quiz_detail",
        "attempt_question",
        "review_session",
        "review_settings",
        "dashboard",
    ],
    "instructor": [
        "course_detail",
        "course_outline",
        "question_list",
        "question_create",
        "question_edit",
        "quiz_list",
        "quiz_create",
        "quiz_edit",
        "gift_import",
        "course_import",
        "review_course",
        "results_gradebook",
        "course_tasks",
        "quiz_detail",
        "lesson_detail",
        "password_change",
    ],
}
QUERY_PARAMETERS = {
    ("enrolled", "review_session"): ["lesson"],
    ("instructor", "results_gradebook"): ["q", "status", "sort"],
    ("instructor", "results_gradebook_csv"): ["q", "status", "sort"],
    ("instructor", "results_items"): ["attempts"],
    ("instructor", "gift_export"): ["lesson"],
    ("instructor", "gift_import"): ["lesson"],
    ("instructor", "course_import"): ["course"],
    ("instructor", "question_create"): ["type"],
    ("instructor", "question_list"): ["type", "origin", "status"],
}
# htmx endpoints no form names as its action, and a form shown only after answering, with the
# fields they read (a page's hx-post live preview; self-rating after an answer).
HTMX_FORMS = {
    ("instructor", "question_preview"): lambda s: {
        "question": [str(s.question.pk)],
        "type": ["single_choice"],
        "prompt": ["Where?"],
        "title": [""],
        "form-TOTAL_FORMS": ["1"],
        "form-INITIAL_FORMS": ["0"],
        "form-0-text": ["Here"],
        "form-0-weight": ["1"],
    },
    ("enrolled", "review_rate"): lambda s: {"rating": ["3"], "lesson": [str(s.lesson.pk)]},
    # The all-at-once page's finish button sends the answers on screen.
    ("enrolled", "attempt_finish"): lambda s: {
        f"q{s.question.pk}-answer": [str(s.question.choices.first().pk)]
    },
}
# URLs that read nothing from a request but their path (or only the session and user).
NO_INPUT = {
    "course_enrol",
    "quiz_start",
    "favicon.ico",
    "healthz",
    "home",
    "dashboard",
    "course_detail",
    "course_outline",
    "course_tasks",
    "lesson_detail",
    "lesson_practice",
    "quiz_detail",
    "attempt_detail",
    "quiz_list",
    "course_generation",
    "logout",
    "password_change_done",
    "password_reset_done",
    "password_reset_complete",
    "password_reset_confirm",
    "review_export_progress_csv",
    "review_export_history_csv",
    "review_export_json",
    "results_lessons_csv",
    "results_student",
    "results_student_csv",
    "results_items_csv",
    "results_questions_csv",
    "results_responses_csv",
    "course_task_retry",
    "review_continue",
    "lesson_mark_read",
}


@dataclass
class Form:
    role: str
    method: str
    url: str
    name: str
    fields: dict[str, list[str]] = field(default_factory=dict)


class _Forms(HTMLParser):
    """The forms of a page: action, method and each field's first value."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, dict]] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append((a.get("action") or "", (a.get("method") or "get").lower(), {}))
        elif not self.forms:
            return
        fields = self.forms[-1][2]
        name = a.get("name")
        if tag in {"input", "textarea", "button"} and name:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                fields.setdefault(name, [])
            elif kind not in {"submit", "file"} or tag == "button":
                fields.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and not self.forms[-1][2][self._select]:
            fields[self._select].append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _discover(s, by_role) -> list[Form]:
    found: dict[tuple, Form] = {}
    for role, names in PAGES.items():
        for page in names:
            url = fill(page, s)
            response = by_role[role].get(url, follow=True)
            assert response.status_code == 200, (role, page, response.status_code)
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, method, fields in parser.forms:
                target = action or response.request["PATH_INFO"]
                try:
                    name = resolve(urlsplit(target).path).url_name
                except Resolver404:
                    continue
                fields.pop("csrfmiddlewaretoken", None)
                if name in {"logout", "login"} and role != "anonymous" or not fields:
                    continue  # logging out would end the walk's session; no field, no input
                key = (role, method, name, tuple(sorted(fields)))
                found.setdefault(key, Form(role, method, target, name, fields))
    for (role, name), fields in HTMX_FORMS.items():
        found[(role, "post", name, ())] = Form(role, "post", fill(name, s), name, fields(s))
    for (role, name), params in QUERY_PARAMETERS.items():
        found[(role, "get", name, tuple(params))] = Form(
            role, "get", fill(name, s), name, {p: [""] for p in params}
        )
    return list(found.values())


def _partial_records() -> list[str]:
    problems = []
    if Question.objects.filter(choices__isnull=True).exists():
        problems.append("a question without choices")
    if ReviewLog.objects.count() > 1:
        problems.append("more than one review log from one request")
    for attempt in Attempt.objects.all():
        if Response.objects.filter(attempt=attempt).count() > len(attempt.question_ids):
            problems.append("more responses than questions")
    return problems


def _send(client, form: Form, data: dict) -> tuple[int, list[str]]:
    def send():
        if form.method == "post":
            response = client.post(form.url, data)
        else:
            response = client.get(form.url, data)
        return response.status_code, _partial_records()

    return undone(send)


@pytest.fixture
def world():
    s = seed()
    by_role = clients(s)
    logging.disable(logging.CRITICAL)  # every refusal would log
    yield s, by_role, _discover(s, by_role)
    logging.disable(logging.NOTSET)


def test_every_url_that_reads_input_has_a_form_or_query_parameters_here(world):
    _, _, forms = world
    covered = {form.name for form in forms} | {"logout", "login"}
    assert {name for name, _ in url_names()} - NO_INPUT - covered == set()


def _failures(by_role, form: Form, data: dict, what: str) -> list[str]:
    status, problems = _send(by_role[form.role], form, data)
    found = [f"{what}: {problem}" for problem in problems]
    if status >= 500:
        found.append(f"{what}: {status}")
    return found


def test_each_hostile_value_in_every_field_of_every_form(world):
    """Every field of every form gets every hostile value: request i of a form puts value
    (i + j) in its field j, so each request is hostile in all fields and, over len(HOSTILE)
    requests, each field has had each value."""
    _, by_role, forms = world
    failures = []
    for form in forms:
        names = list(form.fields)
        for i in range(len(HOSTILE)):
            data = {name: HOSTILE[(i + j) % len(HOSTILE)] for j, name in enumerate(names)}
            what = f"{form.role} {form.method} {form.name} {data!r:.300}"
            failures += _failures(by_role, form, data, what)
    assert failures == []


@settings(
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_hostile_values_in_random_fields(world, data):
    """Each example sends every form once, with a random subset of its fields hostile."""
    _, by_role, forms = world
    failures = []
    for form in forms:
        names = list(form.fields)
        if not names:
            continue
        chosen = data.draw(st.sets(st.sampled_from(names), min_size=1, max_size=3))
        values = {name: data.draw(hostile_values) for name in sorted(chosen)}
        posted = {n: v for n, v in form.fields.items() if v} | values
        failures += _failures(by_role, form, posted, f"{form.role} {form.name} {values!r:.200}")
    assert failures == []
