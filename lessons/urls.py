from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("import/", views.course_import, name="course_import"),
    path("courses/<slug:slug>/tasks/", views.course_tasks, name="course_tasks"),
    path("tasks/<int:pk>/retry/", views.course_task_retry, name="course_task_retry"),
    path("courses/<slug:slug>/outline/", views.course_outline, name="course_outline"),
    path(
        "courses/<slug:slug>/outline/<int:pk>/<str:action>/",
        views.lesson_edit,
        name="lesson_edit",
    ),
    path("courses/<slug:slug>/enrol/", views.course_enrol, name="course_enrol"),
    path("courses/<slug:slug>/publish/", views.course_publish, name="course_publish"),
    path(
        "courses/<slug:course_slug>/lessons/<slug:slug>/",
        views.lesson_detail,
        name="lesson_detail",
    ),
    path(
        "courses/<slug:course_slug>/lessons/<slug:slug>/read/",
        views.lesson_mark_read,
        name="lesson_mark_read",
    ),
]
