from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from tutor.spreadsheet import admin_csv_action

from .models import (
    Attempt,
    Choice,
    Question,
    QuestionDecision,
    QuestionVersion,
    Quiz,
    QuizItem,
    Response,
)
from .services import questions_bulk_approve


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = (
        "order",
        "text",
        "weight",
        "feedback",
        "match_text",
        "numeric_value",
        "tolerance",
        "blank",
    )


class QuestionDecisionInline(admin.TabularInline):
    model = QuestionDecision
    extra = 0
    fields = ("decided_at", "kind", "reason", "note", "quality_score", "decided_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "lesson", "type", "origin", "status", "quality_score", "version")
    list_filter = ("status", "origin", "type", "lesson__course")
    search_fields = ("prompt", "title", "source_sentence", "lesson__title")
    list_select_related = ("lesson",)
    raw_id_fields = ("lesson", "author")
    inlines = [ChoiceInline, QuestionDecisionInline]
    actions = ["approve"]

    @admin.action(description="Approve selected questions")
    def approve(self, request, queryset):
        questions_bulk_approve(questions=queryset, by=request.user, at=timezone.now())


@admin.register(QuestionDecision)
class QuestionDecisionAdmin(admin.ModelAdmin):
    list_display = ("question", "kind", "reason", "quality_score", "decided_by", "decided_at")
    list_filter = ("kind", "reason", "question__generator", "question__lesson__course")
    search_fields = ("question__prompt", "note")
    list_select_related = ("question", "decided_by")
    raw_id_fields = ("question", "decided_by")
    date_hierarchy = "decided_at"


@admin.register(QuestionVersion)
class QuestionVersionAdmin(admin.ModelAdmin):
    list_display = ("question", "number", "created_at")
    raw_id_fields = ("question",)


class QuizItemInline(admin.TabularInline):
    model = QuizItem
    extra = 0
    raw_id_fields = ("question",)


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "kind", "selection", "published", "opens_at", "closes_at")
    list_filter = ("kind", "selection", "published", "course")
    search_fields = ("title", "course__title")
    raw_id_fields = ("lesson", "created_by")
    filter_horizontal = ("draw_lessons",)
    inlines = [QuizItemInline]


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    fields = ("question", "question_version", "normalised_answer", "mark", "time_taken_ms")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """Answers and attempts are records of what happened: staff view them, never edit them."""

    show_full_result_count = False  # a second COUNT(*) over tens of thousands of rows

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _link(obj, label=None):
    if obj is None:
        return "–"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


def _percent(fraction):
    return "–" if fraction is None else f"{fraction:.0%}"


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyRecordAdmin):
    list_display = (
        "id",
        "student_link",
        "quiz_link",
        "course",
        "number",
        "started_at",
        "submitted_at",
        "score_percent",
    )
    list_filter = (
        "quiz__course",
        "quiz__kind",
        "quiz__lesson",
        ("submitted_at", admin.EmptyFieldListFilter),
        "started_at",
    )
    date_hierarchy = "started_at"
    search_fields = ("student__username", "quiz__title")
    list_select_related = ("student", "quiz__course")
    inlines = [ResponseInline]
    actions = [
        admin_csv_action(
            [
                "id",
                "student_id",
                "student__username",
                "quiz_id",
                "quiz__title",
                "number",
                "started_at",
                "submitted_at",
                "score",
            ]
        )
    ]

    @admin.display(description="Student", ordering="student__username")
    def student_link(self, attempt):
        return _link(attempt.student, attempt.student.get_username())

    @admin.display(description="Quiz", ordering="quiz__title")
    def quiz_link(self, attempt):
        return _link(attempt.quiz, attempt.quiz.title)

    @admin.display(description="Course", ordering="quiz__course__title")
    def course(self, attempt):
        return attempt.quiz.course.title

    @admin.display(description="Score", ordering="score")
    def score_percent(self, attempt):
        return _percent(attempt.score)


@admin.register(Response)
class ResponseAdmin(ReadOnlyRecordAdmin):
    list_display = (
        "id",
        "attempt_link",
        "student",
        "question_link",
        "question_version",
        "mark_percent",
        "answered_at",
    )
    list_filter = ("attempt__quiz__course", "question__lesson", "question__type", "answered_at")
    date_hierarchy = "answered_at"
    search_fields = ("attempt__student__username", "question__prompt", "normalised_answer")
    list_select_related = ("attempt__student", "attempt__quiz", "question")
    actions = [
        admin_csv_action(
            [
                "id",
                "attempt_id",
                "attempt__student_id",
                "attempt__student__username",
                "attempt__quiz_id",
                "question_id",
                "question_version",
                "normalised_answer",
                "mark",
                "time_taken_ms",
                "answered_at",
            ]
        )
    ]

    @admin.display(description="Attempt", ordering="attempt")
    def attempt_link(self, response):
        attempt = response.attempt
        return _link(attempt, f"{attempt.quiz.title} #{attempt.number}")

    @admin.display(description="Student", ordering="attempt__student__username")
    def student(self, response):
        return _link(response.attempt.student, response.attempt.student.get_username())

    @admin.display(description="Question", ordering="question")
    def question_link(self, response):
        return _link(response.question, str(response.question)[:80])

    @admin.display(description="Mark", ordering="mark")
    def mark_percent(self, response):
        return _percent(response.mark)
