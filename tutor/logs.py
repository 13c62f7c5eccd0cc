"""What the logs say about a request: the request id on every line and in the X-Request-ID
header, and no answers, passwords or tokens (scrubbed from log lines and error reports)."""

import contextvars
import logging
import re
import uuid

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

# The request being served, for the logging filters (a context variable: one per thread or
# task, so concurrent requests never see each other's).
_current: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "tutor_request", default=None
)
# A request id from the proxy in front is kept when it looks like one (nothing that could
# forge a log line); otherwise a new one is made.
_GIVEN_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
REDACTED = "[redacted]"
# POST values shorter than this stay (choice ids, "on", ratings): replacing "1" everywhere would
# garble the log and hide nothing.
_SHORTEST_SECRET = 3
# Secrets that travel in a URL: password-reset links and token-like query parameters.
_URL_SECRETS = [
    (re.compile(r"(/reset/[^/\s]+/)[^/\s]+"), r"\1" + REDACTED),
    (
        re.compile(r"([?&](?:token|key|password|secret|code|answer)[^=&\s]*=)[^&\s]*", re.I),
        r"\1" + REDACTED,
    ),
]


class RequestIdMiddleware:
    """First in MIDDLEWARE: gives the request its id (request.request_id), makes it and the
    request known to the logging filters, and answers with X-Request-ID."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
        token = _current.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None) or _current.get()
        record.request_id = getattr(request, "request_id", "-")
        return True


class ScrubSecretsFilter(logging.Filter):
    """Removes the request's POST values (answers, passwords, pasted documents, tokens) and the
    secrets in URLs from a record's message and traceback text."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None) or _current.get()
        secrets = _posted_values(request)
        try:
            message = _scrub(record.getMessage(), secrets)
        except Exception:  # a malformed record: let the handler report it as logging does
            return True
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _scrub(record.exc_text, secrets)
        record.msg, record.args = message, None
        return True


def _posted_values(request) -> list[str]:
    if request is None or request.method != "POST":
        return []
    try:
        values = {v for key in request.POST for v in request.POST.getlist(key)}
    except Exception:  # an unreadable body: nothing to scrub, and the log must go on
        return []
    # Longest first, so a value containing another is replaced whole.
    return sorted((v for v in values if len(v) >= _SHORTEST_SECRET), key=len, reverse=True)


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
        escaped = repr(secret)[1:-1]  # as it appears inside a repr() in a traceback
        if escaped != secret:
            text = text.replace(escaped, REDACTED)
    for pattern, replacement in _URL_SECRETS:
        text = pattern.sub(replacement, text)
    return text


class ErrorReportFilter(SafeExceptionReporterFilter):
    """Error reports (the e-mail to ADMINS, any handler that renders one) with DEBUG off show
    where an error happened, not what was sent: every POST value and every local variable of
    the traceback is hidden, not only those marked with sensitive_post_parameters."""

    def get_post_parameters(self, request):
        if request is not None and self.is_active(request):
            return self._cleanse_multivaluedict(request.POST, "__ALL__")
        return super().get_post_parameters(request)

    def get_cleansed_multivaluedict(self, request, multivaluedict):
        if self.is_active(request):
            return self._cleanse_multivaluedict(multivaluedict, "__ALL__")
        return super().get_cleansed_multivaluedict(request, multivaluedict)

    def get_traceback_frame_variables(self, request, tb_frame):
        if self.is_active(request):
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)
