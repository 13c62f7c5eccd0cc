"""`/healthz` for load balancers: the database answers, and the cache when one is shared."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
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


logger = logging.getLogger(__name__)


def _checks() -> dict:
    checks = {"database": _database}
    if settings.REDIS_URL:
        checks["cache"] = _cache
    return checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with each check's "ok", or 503 naming what failed (never the error's details)."""
    results, healthy = {}, True
    for name, check in _checks().items():
        try:
            results[name] = check()
        except Exception:  # any failure of a dependency makes the instance unhealthy
            logger.exception("healthz: %s check failed", name)
            results[name] = "failing"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "failing", **results}, status=200 if healthy else 503
    )
