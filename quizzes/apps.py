from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Questions and quizzes"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
