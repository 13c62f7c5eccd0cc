"""The site's URLs plus bench/load.py's baseline: a logged-in view doing nothing, through the
same middleware (session, authentication, CSRF, security headers) as every page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from tutor.urls import urlpatterns as site_urlpatterns


@login_required
def baseline(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [path("bench/baseline/", baseline, name="bench_baseline"), *site_urlpatterns]
