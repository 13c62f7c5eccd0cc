from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from tutor.spreadsheet import admin_csv_action

from .models import CourseReviewSettings, ReviewCard, ReviewLog, StudentReviewSettings


def _link(obj, label):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label)


@admin.register(ReviewCard)
class ReviewCardAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "student_link",
        "question_link",
        "lesson",
        "state",
        "due",
        "stability",
        "reps",
        "lapses",
        "is_leech",
    )
    list_filter = ("lesson__course", "lesson", "state", "is_leech", "due")
    date_hierarchy = "due"
    search_fields = ("student__username", "question__prompt")
    list_select_related = ("student", "question", "lesson")
    raw_id_fields = ("student", "question")
    show_full_result_count = False
    actions = [
        admin_csv_action(
            [
                "id",
                "student_id",
                "student__username",
                "question_id",
                "lesson_id",
                "state",
                "due",
                "stability",
                "difficulty",
                "reps",
                "lapses",
                "is_leech",
                "last_review",
            ]
        )
    ]

    @admin.display(description="Student", ordering="student__username")
    def student_link(self, card):
        return _link(card.student, card.student.get_username())

    @admin.display(description="Question", ordering="question")
    def question_link(self, card):
        return _link(card.question, str(card.question)[:80])


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    """Review logs record what happened: staff view them, never add or edit them."""

    list_display = (
        "id",
        "student_link",
        "card_link",
        "rating",
        "mark_percent",
        "reviewed_at",
        "source",
        "auto_rated",
    )
    list_filter = ("card__lesson__course", "card__lesson", "rating", "source", "reviewed_at")
    date_hierarchy = "reviewed_at"
    search_fields = ("student__username", "card__question__prompt")
    list_select_related = ("student", "card__question", "card__student")
    show_full_result_count = False
    actions = [
        admin_csv_action(
            [
                "id",
                "card_id",
                "student_id",
                "student__username",
                "card__question_id",
                "rating",
                "mark",
                "reviewed_at",
                "duration_ms",
                "source",
                "auto_rated",
                "stability_after",
                "due_after",
            ]
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Student", ordering="student__username")
    def student_link(self, log):
        return _link(log.student, log.student.get_username())

    @admin.display(description="Card", ordering="card")
    def card_link(self, log):
        return _link(log.card, str(log.card.question)[:80])

    @admin.display(description="Mark", ordering="mark")
    def mark_percent(self, log):
        return "–" if log.mark is None else f"{log.mark:.0%}"


admin.site.register(CourseReviewSettings)
admin.site.register(StudentReviewSettings)
