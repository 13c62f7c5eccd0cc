"""`make serve` from the repository as it stands: DEBUG off, collectstatic, gunicorn, /healthz."""

import contextlib
import gzip
import http.client
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

SECRET = "serve-smoke-test-" + "x" * 40


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, **headers) -> http.client.HTTPResponse:
    # As the TLS-terminating proxy in front of the site would send it.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https", **headers})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@contextlib.contextmanager
def _make_serve(tmp_path, **env):
    """`make serve` on a free port over a new SQLite database; its port, stopped on leaving."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_BEHIND_PROXY": "1",
        "WEB_CONCURRENCY": "2",
        **env,
    }
    env.pop("DJANGO_DEBUG", None)  # make serve switches it off
    env.pop("REDIS_URL", None)
    log = open(tmp_path / "serve.log", "w+")  # noqa: SIM115 - read back after the test
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"make serve exited with {process.returncode}:\n{log.read()}")
            try:
                if _get(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"make serve did not answer /healthz in time:\n{log.read()}")
            time.sleep(0.5)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve` as it is by default; stopped after this module."""
    with _make_serve(tmp_path_factory.mktemp("serve")) as port:
        yield port


def test_make_serve_runs_with_debug_off(served):
    health = _get(served, "/healthz")
    assert health.status == 200
    assert health.body == b'{"status": "ok", "database": "ok", "queue": "ok"}'

    home = _get(served, "/")
    assert home.status == 200
    assert b"Tutor" in home.body
    stylesheet = next(
        part.split(b'"')[0] for part in home.body.split(b'href="')[1:] if b".css" in part[:80]
    ).decode()
    # collectstatic ran: the stylesheet has a hashed name, served compressed and cached for long.
    assert stylesheet.startswith("/static/css/tutor.") and stylesheet != "/static/css/tutor.css"
    css = _get(served, stylesheet, **{"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.getheader("Content-Encoding") == "gzip"
    assert b"{" in gzip.decompress(css.body)
    assert "immutable" in css.getheader("Cache-Control")
    assert "max-age=315360000" in css.getheader("Cache-Control")

    # DEBUG is off: a missing page is the site's own 404, not Django's technical page.
    missing = _get(served, "/no-such-page/")
    assert missing.status == 404
    assert b"URLconf" not in missing.body

    # Production hardening is on: plain HTTP (no proxy header) is redirected to HTTPS ...
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    connection.request("GET", "/")
    assert connection.getresponse().status == 301
    connection.close()
    # ... except the health check, which load balancers call on the instance's own address.
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    connection.request("GET", "/healthz")
    assert connection.getresponse().status == 200
    connection.close()


def _half_request(port: int) -> socket.socket:
    """A connection that sends half a request and then waits, as a slow client does."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return sock


def test_threaded_workers_serve_beside_a_held_request(tmp_path):
    """With TUTOR_WEB_THREADS, as many held requests as workers (a slow client here, a log-in's
    password hash under load) leave the site answering; with sync workers this request waits
    for the held ones to time out."""
    with _make_serve(tmp_path, TUTOR_WEB_THREADS="4") as port:
        held = [_half_request(port) for _ in range(2)]  # WEB_CONCURRENCY=2
        try:
            health = _get(port, "/healthz")
            assert health.status == 200
            # No keep-alive: a connection is never reused just as the server drops it.
            assert health.getheader("Connection") == "close"
        finally:
            for sock in held:
                sock.close()


def test_production_sends_the_security_headers(served):
    """What a browser is told by the site as `make serve` runs it behind its TLS proxy."""
    page = _get(served, "/accounts/login/")
    assert page.status == 200
    assert page.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("Referrer-Policy") == "same-origin"
    assert page.getheader("X-Frame-Options") == "DENY"
    assert page.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert len(page.getheader("X-Request-ID")) == 32
    policy = page.getheader("Content-Security-Policy")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    # The CSRF cookie the log-in form sets goes over HTTPS only; so does the session cookie
    # (checked on the settings: a session needs a log-in first).
    csrf_cookie = page.getheader("Set-Cookie")
    assert csrf_cookie.startswith("csrftoken=") and "Secure" in csrf_cookie
    assert "SameSite=Lax" in csrf_cookie
    shown = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE)",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.stdout.split() == ["True", "True", "True"], shown.stderr
