"""`/healthz` for load balancers: the database answers, and the cache when one is shared; and, for
monitoring, whether the task worker is taking tasks from its queue."""

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("the cache did not return what was stored")
    return "ok"


def _queue() -> str:
    """ "stalled" when a task has waited longer than TUTOR_HEALTHZ_QUEUE_WAIT_S for the worker."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    if oldest is None:
        return "ok"
    now = timezone.now()
    # run_after is far in the future for a task with no delay (ready() still takes it).
    since = (
        oldest.enqueued_at if oldest.run_after > now else max(oldest.enqueued_at, oldest.run_after)
    )
    waited = now - since
    limit = dt.timedelta(seconds=settings.TUTOR_HEALTHZ_QUEUE_WAIT_S)
    return "stalled" if waited > limit else "ok"


def _queued_on_database() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


logger = logging.getLogger(__name__)


def _checks() -> dict:
    checks = {"database": _database}
    if settings.REDIS_URL:
        checks["cache"] = _cache
    return checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with each check's "ok", or 503 naming what failed (never the error's details).
    A stalled task queue is reported ("queue": "stalled", status "degraded") but keeps the 200:
    the worker runs elsewhere, and taking every app server out of the load balancer because of
    it would stop the site, not the stall."""
    results, healthy = {}, True
    for name, check in _checks().items():
        try:
            results[name] = check()
        except Exception:  # any failure of a dependency makes the instance unhealthy
            logger.exception("healthz: %s check failed", name)
            results[name] = "failing"
            healthy = False
    status = "ok" if healthy else "failing"
    if healthy and _queued_on_database():
        results["queue"] = _queue()
        if results["queue"] != "ok":
            logger.warning("healthz: the task queue is stalled (is a worker running?)")
            status = "degraded"
    return JsonResponse({"status": status, **results}, status=200 if healthy else 503)
