"""The client address that log-in throttling (django-axes) counts failures against."""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind a trusted proxy (DJANGO_BEHIND_PROXY) the last X-Forwarded-For
    entry: the one the proxy itself appended, which a client cannot forge."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The page a locked-out log-in gets (429): what happened and when to try again."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


def client_username(request, credentials=None) -> str:
    """The username a log-in names, as axes stores it: cut to a username's length (a longer one
    names nobody, and axes' column holds 255 characters) and without null characters, which
    PostgreSQL refuses (either was a 500 there)."""
    source = credentials or getattr(request, "POST", None) or {}
    return str(source.get("username") or "").replace("\x00", "")[:150]
