"""Courses, their lessons (nested by section), and who teaches or studies them."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accounts.roles import is_instructor


class CourseQuerySet(models.QuerySet):
    """The one access rule. Views fetch a course through these with ``get_object_or_404``, so
    a course a user may not see is a 404 everywhere; seeing but not changing it is a 403."""

    def published(self):
        return self.filter(published=True)

    def taught_by(self, user):
        """Courses the user may change: all for admins, their own for instructors."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        if not is_instructor(user):
            return self.none()
        return self.filter(instructors=user)

    def visible_to(self, user):
        """Courses whose page the user may see: published ones and the ones they teach."""
        if user.is_authenticated and user.is_staff:
            return self
        if is_instructor(user):
            return self.filter(Q(published=True) | Q(pk__in=self.taught_by(user).values("pk")))
        return self.published()

    def readable_by(self, user):
        """Courses whose lessons and questions the user may study: taught, or published and
        enrolled in."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        enrolled = Q(published=True, enrollments__student=user)
        if is_instructor(user):
            return self.filter(enrolled | Q(pk__in=self.taught_by(user).values("pk"))).distinct()
        return self.filter(enrolled)

    def enrolled(self, user):
        return self.filter(enrollments__student=user)


class Course(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    source_text = models.TextField(blank=True, help_text="The document the course was built from.")
    published = models.BooleanField(default=False)
    auto_approve_generated = models.BooleanField(
        default=True,
        help_text="Approve generated questions scoring at least the threshold, so the course "
        "is practisable at once. Switch off to vet every question yourself.",
    )
    auto_approve_threshold = models.FloatField(
        default=0.5, help_text="Quality score (0–1) a generated question needs to be approved."
    )
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teaching_courses", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(auto_approve_threshold__gte=0, auto_approve_threshold__lte=1),
                name="course_auto_approve_threshold_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("course_detail", kwargs={"slug": self.slug})

    def is_taught_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        return is_instructor(user) and self.instructors.filter(pk=user.pk).exists()

    def is_enrolled(self, user) -> bool:
        return user.is_authenticated and self.enrollments.filter(student=user).exists()

    def is_visible_to(self, user) -> bool:
        return self.published or self.is_taught_by(user)

    def can_read_lessons(self, user) -> bool:
        return self.is_taught_by(user) or (self.published and self.is_enrolled(user))

    def enrol(self, user) -> "Enrollment":
        enrollment, _ = Enrollment.objects.get_or_create(course=self, student=user)
        return enrollment


class LessonQuerySet(models.QuerySet):
    def for_course(self, course):
        return self.filter(course=course)

    def in_order(self):
        return self.order_by("order")

    def active(self):
        """Lessons students see: archived ones keep their history but leave the course."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    order = models.PositiveIntegerField(help_text="Position in the course's reading order.")
    body = models.TextField(blank=True, help_text="Lesson text in Markdown.")
    level = models.PositiveSmallIntegerField(default=1, help_text="Depth in the outline, 1 = top.")
    content_hash = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 of title and body, to spot changes on re-import.",
    )
    archived_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a re-import or merge removed the lesson."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["course", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "slug"], name="lesson_unique_slug_per_course"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="lesson_not_own_parent"
            ),
            models.CheckConstraint(condition=Q(level__gte=1), name="lesson_level_positive"),
        ]
        indexes = [models.Index(fields=["course", "order"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Keep the derived hash in sync with what it summarises.
        self.content_hash = self.hash_content(self.title, self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "content_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("lesson_detail", kwargs={"course_slug": self.course.slug, "slug": self.slug})

    @property
    def body_html(self) -> str:
        from .rendering import render_markdown

        return render_markdown(self.body)

    @property
    def text(self) -> str:
        """The body as plain text (for export and question generation)."""
        from .rendering import markdown_to_text

        return markdown_to_text(self.body)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @staticmethod
    def hash_content(title: str, body: str) -> str:
        return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()

    def neighbours(self) -> tuple["Lesson | None", "Lesson | None"]:
        siblings = Lesson.objects.for_course(self.course_id).active()
        previous = siblings.filter(order__lt=self.order).order_by("-order").first()
        following = siblings.filter(order__gt=self.order).order_by("order").first()
        return previous, following


def outline(lessons: list[Lesson]) -> list[dict]:
    """Nest lessons under their parents, keeping reading order at every level."""
    nodes = {lesson.pk: {"lesson": lesson, "children": []} for lesson in lessons}
    roots = []
    for lesson in lessons:
        parent = nodes.get(lesson.parent_id)
        (parent["children"] if parent else roots).append(nodes[lesson.pk])
    return roots


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["course", "student"], name="enrollment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.course}"


class LessonProgressQuerySet(models.QuerySet):
    def for_student(self, user):
        return self.filter(student=user)


class LessonProgress(models.Model):
    """A student's reading of one lesson: kept across re-imports because the lesson row is kept."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    first_opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True, help_text="When marked as read.")

    objects = LessonProgressQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [
            models.UniqueConstraint(fields=["student", "lesson"], name="progress_unique")
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.lesson}"

    @classmethod
    def record_open(cls, *, student, lesson, at) -> "LessonProgress":
        progress, created = cls.objects.get_or_create(
            student=student, lesson=lesson, defaults={"first_opened_at": at, "last_opened_at": at}
        )
        if not created:
            cls.objects.filter(pk=progress.pk).update(last_opened_at=at)
            progress.last_opened_at = at
        return progress

    def mark_read(self, at) -> None:
        if self.read_at is None:
            self.read_at = at
            self.save(update_fields=["read_at"])
