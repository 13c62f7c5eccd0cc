"""URLs for tests/tutor/test_logs.py: the site's, plus a view that fails with what was posted
in its error message (as a database error quoting a value would)."""

import logging

from django.http import HttpResponse
from django.urls import path

from tutor.urls import urlpatterns as site_urlpatterns


def fail(request):
    logging.getLogger("quizzes").warning("Grading %s for %s", request.POST.get("answer"), "stu")
    raise ValueError(
        f"could not store {request.POST.get('answer')!r} / {request.POST.get('password')}"
    )


def fine(request):
    return HttpResponse("ok")


urlpatterns = [path("fail/", fail), path("fine/", fine), *site_urlpatterns]
