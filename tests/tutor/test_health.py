import socket

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db


def _redis(settings, url):
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }


def _redis_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_task_queue_no_worker_takes_from(client, settings, worker):
    from tests.worker_tasks import hold

    with worker(run=False):
        hold.enqueue("/nonexistent")
    assert client.get("/healthz").json()["queue"] == "ok"  # just queued
    settings.TUTOR_HEALTHZ_QUEUE_WAIT_S = -1  # it has waited too long
    response = client.get("/healthz")
    # Still 200: a load balancer must not take the app servers out for the worker's sake.
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "queue": "stalled"}


def test_healthz_refuses_other_methods(client):
    assert client.post("/healthz").status_code == 405


def test_healthz_fails_when_the_shared_cache_is_down(client, settings):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _redis(settings, f"redis://127.0.0.1:{port}/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "failing", "database": "ok", "cache": "failing"}


@pytest.mark.skipif(not _redis_running(), reason="no Redis on 127.0.0.1:6379")
def test_healthz_checks_a_running_redis_and_sessions_live_there(client, settings, student):
    _redis(settings, "redis://127.0.0.1:6379/14")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}
    client.force_login(student)
    key = client.cookies["sessionid"].value
    assert caches["default"].get(f"django.contrib.sessions.cache{key}") is not None
    assert client.get("/dashboard/").status_code == 200
    caches["default"].delete(f"django.contrib.sessions.cache{key}")
