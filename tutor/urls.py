"""Root URL configuration: each app owns its own URLs."""

from django.contrib import admin
from django.urls import include, path

from review import views as review_views

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("review/", include("review.urls")),
    # Pages that show review progress beside lessons and quizzes live in review.
    path("dashboard/", review_views.dashboard, name="dashboard"),
    path("courses/<slug:slug>/", review_views.course_detail, name="course_detail"),
    path("", include("lessons.urls")),
    path("", include("quizzes.urls")),
    path("", include("results.urls")),
]
