from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    verbose_name = "Spaced-repetition review"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
