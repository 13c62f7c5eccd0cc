from django.contrib import admin

from .models import CourseReviewSettings, ReviewCard, ReviewLog, StudentReviewSettings


@admin.register(ReviewCard)
class ReviewCardAdmin(admin.ModelAdmin):
    list_display = (
        "student",
        "question",
        "state",
        "due",
        "stability",
        "reps",
        "lapses",
        "is_leech",
    )
    list_filter = ("state", "is_leech")
    raw_id_fields = ("student", "question")


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ("student", "card", "rating", "reviewed_at", "source", "auto_rated")
    list_filter = ("rating", "source")
    raw_id_fields = ("card", "student")


admin.site.register(CourseReviewSettings)
admin.site.register(StudentReviewSettings)
