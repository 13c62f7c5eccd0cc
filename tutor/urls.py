"""Root URL configuration: each app owns its own URLs."""

from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("review/", include("review.urls")),
    path("", include("lessons.urls")),
    path("", include("quizzes.urls")),
]
