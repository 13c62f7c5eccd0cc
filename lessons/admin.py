from django.contrib import admin

from .models import Course, Enrollment, Lesson, LessonProgress


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ("order", "level", "title", "slug", "kind", "parent", "archived_at")
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "published", "lesson_count", "updated_at")
    list_filter = ("published", "created_at")
    search_fields = ("title", "slug", "description")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("instructors",)
    inlines = [LessonInline]

    @admin.display(description="Lessons")
    def lesson_count(self, course):
        return course.lessons.count()


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "course",
        "order",
        "level",
        "kind",
        "parent",
        "archived_at",
        "updated_at",
    )
    list_filter = ("course", "kind", ("archived_at", admin.EmptyFieldListFilter))
    readonly_fields = ("content_hash",)
    search_fields = ("title", "slug", "body")
    list_select_related = ("course", "parent")
    raw_id_fields = ("parent",)


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("student", "course", "created_at")
    list_filter = ("course", "created_at")
    search_fields = ("student__username", "student__email", "course__title")
    list_select_related = ("student", "course")
    raw_id_fields = ("student",)


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("student", "lesson", "first_opened_at", "last_opened_at", "read_at")
    list_filter = ("lesson__course", "read_at")
    search_fields = ("student__username", "lesson__title")
    list_select_related = ("student", "lesson")
    raw_id_fields = ("student", "lesson")
