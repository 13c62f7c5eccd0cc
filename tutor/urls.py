"""Root URL configuration: each app owns its own URLs."""

from django.contrib import admin
from django.urls import include, path

from tutor.views import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("review/", include("review.urls")),
    path("", include("lessons.urls")),
    path("", include("quizzes.urls")),
]
