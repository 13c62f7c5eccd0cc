from django.urls import path

from . import views

urlpatterns = [
    path("", views.review_session, name="review_session"),
    path("answer/", views.review_answer, name="review_answer"),
    path("rate/", views.review_rate, name="review_rate"),
    path("continue/", views.review_continue, name="review_continue"),
    path("settings/", views.review_settings, name="review_settings"),
    path("courses/<slug:slug>/", views.course_review, name="review_course"),
    path("export/progress.csv", views.export_progress_csv, name="review_export_progress_csv"),
    path("export/history.csv", views.export_history_csv, name="review_export_history_csv"),
    path("export/progress.json", views.export_json, name="review_export_json"),
]
