"""Logs: every line of a request carries its id (sent back as X-Request-ID), and neither log
lines nor error reports contain what was posted (answers, passwords, tokens) or a URL's token."""

import io
import logging
import re
import sys

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.tutor.failing_urls")]

ANSWER = "the Danube flows into the Black Sea"
PASSWORD = "correct-horse-battery-staple-77"


@pytest.fixture
def log_output():
    """What the site's console handler writes (the one LOGGING configures on the root)."""
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    try:
        yield buffer
    finally:
        handler.setStream(previous)


def test_every_response_carries_a_request_id(client):
    first = client.get("/fine/")["X-Request-ID"]
    second = client.get("/fine/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    # One from the proxy in front is kept; one that could forge a log line is replaced.
    kept = client.get("/fine/", headers={"X-Request-ID": "lb-7f3a2c9e-0001"})
    assert kept["X-Request-ID"] == "lb-7f3a2c9e-0001"
    forged = client.get("/fine/", headers={"X-Request-ID": "x\n[admin] logged in"})
    assert re.fullmatch(r"[0-9a-f]{32}", forged["X-Request-ID"])


def test_an_error_is_logged_with_its_request_id_and_without_what_was_posted(client, log_output):
    client.raise_request_exception = False
    response = client.post(
        "/fail/",
        {"answer": ANSWER, "password": PASSWORD, "csrfmiddlewaretoken": "t0ken-abcdef"},
    )
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    logged = log_output.getvalue()
    assert f"[{request_id}] quizzes: Grading [redacted] for stu" in logged
    assert f"[{request_id}] django.request: Internal Server Error: /fail/" in logged
    assert "ValueError: could not store '[redacted]' / [redacted]" in logged
    assert ANSWER not in logged and PASSWORD not in logged and "t0ken-abcdef" not in logged


def test_a_password_reset_token_in_a_url_is_not_logged(client, log_output):
    client.get("/accounts/reset/MQ/cz8k3n-4f1e0b9c2d7a6e5f/nothing-here/")
    logging.getLogger("lessons").warning("Sent on to %s", "/fine/?token=secret-value-123&page=2")
    logged = log_output.getvalue()
    assert "Not Found: /accounts/reset/MQ/[redacted]" in logged
    assert "cz8k3n-4f1e0b9c2d7a6e5f" not in logged
    assert (
        "[-] lessons: Sent on to /fine/?token=[redacted]&page=2" in logged
        and "secret-value-123" not in logged
    )


def test_an_error_report_hides_every_posted_value_and_local(settings):
    settings.DEBUG = False
    request = RequestFactory().post("/fail/", {"answer": ANSWER, "password": PASSWORD})
    try:
        answer = request.POST["answer"]  # noqa: F841 - a local the report would show
        raise ValueError("grading failed")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "answer" in report and "grading failed" in report
    assert ANSWER not in report and PASSWORD not in report
