from django.contrib import admin
from django.utils import timezone

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
    fields = ("order", "text", "weight", "feedback", "match_text", "numeric_value", "tolerance",
              "blank")  # fmt: skip


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


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("student", "quiz", "number", "started_at", "submitted_at", "score")
    list_filter = ("quiz__course", "submitted_at")
    search_fields = ("student__username", "quiz__title")
    list_select_related = ("student", "quiz")
    raw_id_fields = ("student", "quiz")
    inlines = [ResponseInline]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("attempt", "question", "question_version", "mark", "answered_at")
    list_filter = ("attempt__quiz__course",)
    search_fields = ("attempt__student__username", "question__prompt")
    list_select_related = ("attempt", "question")
    raw_id_fields = ("attempt", "question")
