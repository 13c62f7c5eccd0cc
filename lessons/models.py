"""Courses, their lessons (nested by section), and who teaches or studies them."""

import datetime as dt
import functools
import hashlib

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse

from accounts.roles import is_instructor
from tutor.rows import concrete_fields, instances, one

from . import parsing


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

    def studied_by(self, user):
        """Courses whose questions the user reviews and whose progress their dashboard shows:
        readable by them and enrolled in (for a student, published and enrolled in)."""
        readable = self.readable_by(user)
        if user.is_authenticated and not user.is_staff and not is_instructor(user):
            # A student reads only courses they are enrolled in: no second enrolment join, in
            # the SQL or in compiling it (every due count goes through this).
            return readable
        return readable.enrolled(user)

    def with_enrolment_of(self, user):
        """Each course knows, without another query, whether ``user`` is enrolled in it."""
        if not user.is_authenticated:
            return self
        return self.annotate(
            user_enrolled=models.Exists(
                Enrollment.objects.filter(course=models.OuterRef("pk"), student=user)
            )
        )


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

    @classmethod
    def studied(cls, student, slug: str) -> "Course | None":
        """``Course.objects.readable_by(student).defer("source_text").get(slug=slug)`` for a
        student (a published course they are enrolled in, known to be), or None, in plain SQL:
        compiling the ORM's join cost more than running it, on every lesson page."""
        quote = connection.ops.quote_name
        fields = concrete_fields(cls, "source_text")
        sql = (
            f"SELECT {', '.join(f'c.{quote(field)}' for field in fields)}"
            f" FROM {quote(cls._meta.db_table)} c"
            f" INNER JOIN {quote(Enrollment._meta.db_table)} e ON e.course_id = c.id"
            " WHERE c.published = %s AND c.slug = %s AND e.student_id = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [True, slug, student.pk])
            row = cursor.fetchone()
        if row is None:
            return None
        (course,) = instances(cls, fields, [row])
        course.found_enrolled(student)
        return course

    def is_taught_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_staff:
            return True
        return is_instructor(user) and self.instructors.filter(pk=user.pk).exists()

    def found_enrolled(self, user) -> None:
        """Note that ``user`` is enrolled, for a course fetched through their enrolment (a
        student's ``readable_by``): ``is_enrolled`` then needs no query."""
        self.__dict__.setdefault("_enrolled", {})[user.pk] = True

    def is_enrolled(self, user) -> bool:
        if not user.is_authenticated:
            return False
        # A page asks more than once (the access check, then the page): one query per instance,
        # none when the course was fetched ``with_enrolment_of`` the user.
        known = self.__dict__.setdefault("_enrolled", {})
        if user.pk not in known and "user_enrolled" in self.__dict__:
            known[user.pk] = self.user_enrolled
        if user.pk not in known:
            known[user.pk] = self.enrollments.filter(student=user).exists()
        return known[user.pk]

    def is_visible_to(self, user) -> bool:
        return self.published or self.is_taught_by(user)

    def can_read_lessons(self, user) -> bool:
        return self.is_taught_by(user) or (self.published and self.is_enrolled(user))

    def enrol(self, user) -> "Enrollment":
        enrollment, _ = Enrollment.objects.get_or_create(course=self, student=user)
        self.__dict__.setdefault("_enrolled", {})[user.pk] = True
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

    def for_study(self):
        """Lessons that are studied: not the document's back matter (its references, notes,
        links), which the course keeps in its tree but never counts in progress."""
        return self.filter(kind=Lesson.Kind.STUDY)

    def without_body(self):
        """Lessons for lists and outlines: everything but the Markdown body, which can be long
        and which a list never shows."""
        return self.defer("body")

    def for_outline(self):
        """Lessons for outlines and pagers: only what a link to them needs, and the content hash
        their rendered body is cached under (the lesson page takes its lesson from its outline)."""
        return self.only("parent", "title", "slug", "order", "content_hash", "kind")


class Lesson(models.Model):
    class Kind(models.TextChoices):
        # The import decides (lessons.parsing.is_back_matter): one rule for it and the bench.
        STUDY = parsing.STUDY, "Lesson"
        REFERENCE = parsing.REFERENCE, "Reference"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    order = models.PositiveIntegerField(help_text="Position in the course's reading order.")
    body = models.TextField(blank=True, help_text="Lesson text in Markdown.")
    level = models.PositiveSmallIntegerField(default=1, help_text="Depth in the outline, 1 = top.")
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.STUDY,
        help_text="Reference: the document's back matter (references, notes, links), kept in "
        "the course but with no questions and not counted in progress.",
    )
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
        return lesson_url(self.course.slug, self.slug)

    @property
    def body_html(self) -> str:
        from .rendering import render_lesson_cached, render_markdown_cached

        if self.content_hash and "body" in self.get_deferred_fields():
            # Fetched without its body (for_outline): the body is read only to render it once.
            return render_lesson_cached(self.content_hash, lambda: self.body)
        return render_markdown_cached(self.body)

    @property
    def text(self) -> str:
        """The body as plain text (for export and question generation)."""
        from .rendering import markdown_to_text

        return markdown_to_text(self.body)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_reference(self) -> bool:
        return self.kind == self.Kind.REFERENCE

    @staticmethod
    def hash_content(title: str, body: str) -> str:
        return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def lesson_url(course_slug: str, slug: str) -> str:
    """The URL of the lesson ``slug`` of the course ``course_slug`` (``Lesson.get_absolute_url``
    without the lesson), remembered per process: it is the same for every student, and reversing
    it for each lesson of an outline or a dashboard was a tenth of those pages."""
    return _lesson_url(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, course_slug, slug)


@functools.lru_cache(maxsize=4096)
def _lesson_url(prefix: str, urlconf, root_urlconf: str, course_slug: str, slug: str) -> str:
    # The key holds all that reverse() reads besides the slugs (script prefix, URLconf), so the
    # URL is the one reverse() would give.
    return reverse("lesson_detail", urlconf, kwargs={"course_slug": course_slug, "slug": slug})


# What outline_lessons loads (attnames, in the model's field order); the rest is deferred.
OUTLINE_FIELDS = ["id", "course_id", "parent_id", "title", "slug", "order", "kind", "content_hash"]


def outline_lessons(course: Course) -> list[Lesson]:
    """``Lesson.objects.for_course(course).active().in_order().for_outline()``, each lesson
    given its course (no query per link), in plain SQL: on the lesson page, compiling that query
    cost more than running it."""
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {', '.join(quote(field) for field in OUTLINE_FIELDS)}"
        f" FROM {quote(Lesson._meta.db_table)} WHERE course_id = %s AND archived_at IS NULL"
        f" ORDER BY {quote('order')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [course.pk])
        lessons = instances(Lesson, OUTLINE_FIELDS, cursor.fetchall())
    for lesson in lessons:
        lesson.course = course
    return lessons


def outline(lessons: list[Lesson]) -> list[dict]:
    """Nest lessons under their parents, keeping reading order at every level."""
    nodes = {lesson.pk: {"lesson": lesson, "children": []} for lesson in lessons}
    roots = []
    for lesson in lessons:
        parent = nodes.get(lesson.parent_id)
        (parent["children"] if parent else roots).append(nodes[lesson.pk])
    return roots


def outline_version(lessons: list[Lesson]) -> str:
    """A digest of what an outline shows of these lessons (nesting, order, titles, addresses),
    to key its rendered HTML by: a rename, move, split, merge or archive gives a new digest, so
    a cached outline never needs invalidating in any process."""
    shown = [
        (lesson.pk, lesson.parent_id, lesson.title, lesson.slug, lesson.kind) for lesson in lessons
    ]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


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


# Reopening a lesson moves last_opened_at only when it is older than this, so reading a lesson
# writes once per visit rather than on every page view.
PROGRESS_TOUCH_INTERVAL = dt.timedelta(minutes=5)


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
        # The row, when there is one (most lesson views), read in plain SQL: compiling the
        # ORM's get() cost more than the rest of the view's queries. A first opening creates
        # it as get_or_create would, settling a race with another request the same way.
        progress = one(cls, student_id=student.pk, lesson_id=lesson.pk)
        if progress is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(
                        student=student, lesson=lesson, first_opened_at=at, last_opened_at=at
                    )
            except IntegrityError:  # another request created it meanwhile
                progress = cls.objects.get(student=student, lesson=lesson)
        if at - progress.last_opened_at >= PROGRESS_TOUCH_INTERVAL:
            cls.objects.filter(pk=progress.pk).update(last_opened_at=at)
            progress.last_opened_at = at
        return progress

    def mark_read(self, at) -> None:
        if self.read_at is None:
            self.read_at = at
            self.save(update_fields=["read_at"])


class CourseTaskQuerySet(models.QuerySet):
    def for_course(self, course):
        return self.filter(course=course)

    def pending(self):
        """Queued or running: not finished either way."""
        return self.filter(state__in=[CourseTask.State.QUEUED, CourseTask.State.RUNNING])

    def generating(self):
        return self.pending().filter(kind=CourseTask.Kind.GENERATE)

    def recent(self):
        return self.order_by("-created_at", "-pk")

    def unsent(self, *, before):
        """Queued, but never handed to the worker, and last touched before ``before``: the
        process that committed them died before its on-commit hook ran."""
        return self.filter(state=CourseTask.State.QUEUED, result_id="", updated_at__lt=before)


class CourseTask(models.Model):
    """Slow work for a course that the task worker runs (importing a large document, generating
    questions, importing a large GIFT file): its arguments, how far it got and how it ended, so
    pages can show it and an instructor can retry one that failed."""

    class Kind(models.TextChoices):
        IMPORT = "import", "Document import"
        GENERATE = "generate", "Question generation"
        GIFT_IMPORT = "gift_import", "GIFT import"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="tasks", null=True, blank=True
    )
    # An import may create its course, so the task names it by slug until then.
    course_slug = models.SlugField(max_length=80)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    task_path = models.CharField(max_length=200, help_text="The django.tasks task that runs it.")
    arguments = models.JSONField(default=dict, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True, help_text="What it did, once done.")
    error = models.TextField(blank=True, help_text="Why it failed, for the instructor.")
    attempts = models.PositiveSmallIntegerField(default=0)
    result_id = models.CharField(
        max_length=64, blank=True, help_text="The task backend's id, once handed to the worker."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseTaskQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["course", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.course_slug}: {self.get_state_display()}"

    @classmethod
    def generating_for(cls, course: Course) -> bool:
        """``CourseTask.objects.for_course(course).generating().exists()`` in plain SQL (every
        lesson page asks, and compiling the query cost more than running it)."""
        quote = connection.ops.quote_name
        sql = (
            f"SELECT 1 FROM {quote(cls._meta.db_table)}"
            " WHERE course_id = %s AND state IN (%s, %s) AND kind = %s LIMIT 1"
        )
        params = [course.pk, cls.State.QUEUED, cls.State.RUNNING, cls.Kind.GENERATE]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    @classmethod
    def enqueue(cls, task, *, kind, course_slug, course=None, arguments=None, created_by=None):
        """Record the work, and hand it to the worker once the current transaction commits (so
        the worker never sees a row, or lessons, that might still roll back)."""
        job = cls.objects.create(
            kind=kind,
            course=course,
            course_slug=course_slug,
            task_path=task.module_path,
            arguments=arguments or {},
            created_by=created_by,
        )
        job._send_on_commit(task)
        return job

    def _send_on_commit(self, task) -> None:
        from django.db import transaction

        transaction.on_commit(lambda: self._send(task))

    def _send(self, task) -> None:
        result = task.enqueue(self.pk)
        self.result_id = str(result.id)
        CourseTask.objects.filter(pk=self.pk).update(result_id=self.result_id)

    @classmethod
    def send_unsent(cls, *, grace: dt.timedelta = dt.timedelta(minutes=1)) -> int:
        """Hand the worker the tasks whose on-commit hook never ran (the web process died
        between its commit and the hook). The worker calls this as it starts and while it
        polls; ``grace`` leaves time for a live process's hook. Returns how many."""
        from django.utils import timezone
        from django.utils.module_loading import import_string

        stale = list(cls.objects.unsent(before=timezone.now() - grace))
        for job in stale:
            job._send(import_string(job.task_path))
        return len(stale)

    def retry(self) -> None:
        """Queue a failed task again with the same arguments."""
        from django.utils.module_loading import import_string

        CourseTask.objects.filter(pk=self.pk).update(
            state=self.State.QUEUED, error="", done=0, total=0, result_id=""
        )
        self.state, self.error, self.result_id = self.State.QUEUED, "", ""
        self._send_on_commit(import_string(self.task_path))

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.total else None

    def report(self, done: int, total: int) -> None:
        """Progress, written at once so a polling page sees it."""
        CourseTask.objects.filter(pk=self.pk).update(done=done, total=total)
        self.done, self.total = done, total

    def run(self, work):
        """Run ``work(self)`` as this task: running, then done with its summary, or failed with
        the error (and the exception raised again, so the worker records it too). A task already
        done or failed is not run again (it was sent twice)."""
        claimed = CourseTask.objects.filter(
            pk=self.pk, state__in=[self.State.QUEUED, self.State.RUNNING]
        ).update(state=self.State.RUNNING, attempts=models.F("attempts") + 1, error="")
        if not claimed:
            return "already run"
        try:
            summary = work(self)
        except Exception as exc:
            message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
            CourseTask.objects.filter(pk=self.pk).update(state=self.State.FAILED, error=message)
            raise
        CourseTask.objects.filter(pk=self.pk).update(
            state=self.State.DONE, summary=str(summary or "")
        )
        return str(summary or "")
