"""URLs for taking quizzes, authoring questions and composing quizzes."""

from django.urls import path

from .views import authoring, composing, exchange, generation, taking

lesson = "courses/<slug:course_slug>/lessons/<slug:slug>/"

urlpatterns = [
    # Taking
    path(f"{lesson}practice/", taking.lesson_practice, name="lesson_practice"),
    path("quizzes/<int:pk>/", taking.quiz_detail, name="quiz_detail"),
    path("quizzes/<int:pk>/start/", taking.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", taking.attempt_detail, name="attempt_detail"),
    path(
        "attempts/<int:pk>/questions/<int:position>/",
        taking.attempt_question,
        name="attempt_question",
    ),
    path("attempts/<int:pk>/finish/", taking.attempt_finish, name="attempt_finish"),
    # Authoring a lesson's questions
    path(f"{lesson}questions/", authoring.question_list, name="question_list"),
    path(f"{lesson}questions/new/", authoring.question_create, name="question_create"),
    path(f"{lesson}questions/approve/", authoring.questions_approve, name="questions_approve"),
    path("questions/<int:pk>/edit/", authoring.question_edit, name="question_edit"),
    path(f"{lesson}questions/preview/", authoring.question_preview, name="question_preview"),
    path("questions/<int:pk>/status/", authoring.question_status, name="question_status"),
    path("questions/<int:pk>/move/", authoring.question_move, name="question_move"),
    # Composing quizzes
    path("courses/<slug:course_slug>/quizzes/", composing.quiz_list, name="quiz_list"),
    path("courses/<slug:course_slug>/quizzes/new/", composing.quiz_create, name="quiz_create"),
    path("quizzes/<int:pk>/edit/", composing.quiz_edit, name="quiz_edit"),
    # Generated questions
    path(
        "courses/<slug:course_slug>/questions/generate/",
        generation.course_questions_generate,
        name="questions_generate",
    ),
    path(
        "courses/<slug:course_slug>/questions/generation/",
        generation.course_generation,
        name="course_generation",
    ),
    path(
        "courses/<slug:course_slug>/questions/settings/",
        generation.course_generation_settings,
        name="generation_settings",
    ),
    # GIFT exchange
    path("courses/<slug:course_slug>/gift/import/", exchange.gift_import_page, name="gift_import"),
    path(
        "courses/<slug:course_slug>/gift/export/", exchange.gift_export_download, name="gift_export"
    ),
]
