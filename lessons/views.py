"""Pages: the course list, a lesson, importing a document and editing the lesson tree.

The course page and the dashboard show review progress, so they live in review (layers only
point down)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from accounts.roles import is_instructor
from tutor.http import HtmxHttpRequest

from . import services
from .access import readable_course, taught_course, visible_course
from .formats import FORMAT_NAMES
from .forms import DocumentImportForm, LessonEditForm
from .models import (
    Course,
    CourseTask,
    Lesson,
    LessonProgress,
    outline,
    outline_lessons,
    outline_version,
)
from .parsing import (
    REFERENCE,
    TEXT_FORMATS,
    DocumentError,
    ParsedDocument,
    document_from_data,
    document_to_data,
)
from .services import (
    OutlineError,
    body_blocks,
    course_import_dry_run,
    lesson_merge_next,
    lesson_move,
    lesson_rename,
    lesson_split,
)
from .tasks import course_import_task


@require_GET
def home(request: HtmxHttpRequest):
    courses = Course.objects.visible_to(request.user).prefetch_related("instructors")
    enrolled_ids = set()
    if request.user.is_authenticated:
        enrolled_ids = set(Course.objects.enrolled(request.user).values_list("pk", flat=True))
    return render(
        request, "lessons/course_list.html", {"courses": courses, "enrolled_ids": enrolled_ids}
    )


@require_POST
@login_required
def course_enrol(request: HtmxHttpRequest, slug: str):
    course = visible_course(request.user, slug=slug)
    if not course.published:
        raise PermissionDenied("This course is not open for enrolment.")
    course.enrol(request.user)
    messages.success(request, f"You are enrolled in {course.title}.")
    return redirect(course)


@require_GET
@login_required
def lesson_detail(request: HtmxHttpRequest, course_slug: str, slug: str):
    course = readable_course(
        request.user, "Enrol in this course to read its lessons.", slug=course_slug
    )
    # One query gives the lesson (unless archived), the sidebar outline, the lessons before and
    # after this one and, unless it was archived, its parent (the breadcrumb links to it). The
    # lesson's body is read only when its rendered HTML is not cached yet.
    lessons = outline_lessons(course)
    lesson = next((other for other in lessons if other.slug == slug), None)
    if lesson is None:  # archived, or no such lesson
        lesson = get_object_or_404(Lesson, course=course, slug=slug)
        lesson.course = course
        if lesson.archived and not course.is_taught_by(request.user):
            raise Http404("This lesson was removed from the course.")
    progress = None
    if course.is_enrolled(request.user):
        progress = LessonProgress.record_open(
            student=request.user, lesson=lesson, at=timezone.now()
        )
    # The pager steps from study lesson to study lesson: back matter (references, links) stays
    # in the outline but is not the "next lesson", so it never stands before the course's end.
    study = [other for other in lessons if not other.is_reference]
    previous = next((other for other in reversed(study) if other.order < lesson.order), None)
    following = next((other for other in study if other.order > lesson.order), None)
    parent = next((other for other in lessons if other.pk == lesson.parent_id), None)
    if parent is None and lesson.parent_id is not None:
        parent = lesson.parent
        parent.course = course
    context = {
        "course": course,
        "lesson": lesson,
        "parent": parent,
        "outline": outline(lessons),
        "outline_version": outline_version(lessons),
        "previous": previous,
        "next": following,
        "progress": progress,
        "generating": CourseTask.generating_for(course),
    }
    return render(request, "lessons/lesson_detail.html", context)


@require_POST
@login_required
def lesson_mark_read(request: HtmxHttpRequest, course_slug: str, slug: str):
    course = visible_course(request.user, slug=course_slug)
    if not (course.published and course.is_enrolled(request.user)):
        raise PermissionDenied("Enrol in this course to track your reading.")
    lesson = get_object_or_404(Lesson.objects.active(), course=course, slug=slug)
    progress = LessonProgress.record_open(student=request.user, lesson=lesson, at=timezone.now())
    progress.mark_read(timezone.now())
    if request.htmx:
        return render(
            request,
            "lessons/lesson_detail.html#mark-read",
            {"course": course, "lesson": lesson, "progress": progress},
        )
    messages.success(request, f"Marked “{lesson.title}” as read.")
    return redirect(lesson)


# --- Importing a document and editing the lesson tree (instructors) ---------------------------

IMPORT_SALT = "lessons.import-preview"


def _preview_nodes(document: ParsedDocument) -> list[dict]:
    """The document's tree for the preview: each section, whether the import will make it a
    reference lesson (back matter), and its children."""
    kinds = {
        id(section): kind for section, kind in zip(document.flat(), document.kinds(), strict=True)
    }

    def nodes(sections) -> list[dict]:
        return [
            {
                "section": section,
                "reference": kinds[id(section)] == REFERENCE,
                "children": nodes(section.children),
            }
            for section in sections
        ]

    return nodes(document.sections)


def import_token(payload: dict, user) -> str:
    """What a preview read, signed for the confirm step. The salt names the user, so the token
    is good for the user who made it only: another user's token fails as if altered."""
    return signing.dumps(payload, salt=f"{IMPORT_SALT}:{user.pk}", compress=True)


def _read_import_token(token: str, user) -> dict:
    return signing.loads(token, salt=f"{IMPORT_SALT}:{user.pk}", max_age=IMPORT_TOKEN_MAX_AGE)


IMPORT_TOKEN_MAX_AGE = 6 * 3600


def _require_instructor(request: HtmxHttpRequest) -> None:
    if not is_instructor(request.user):
        raise PermissionDenied("Only instructors can import documents.")


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def course_import(request: HtmxHttpRequest):
    """Upload or paste → preview of the lesson tree (nothing saved) → confirm → import."""
    _require_instructor(request)
    template = "lessons/course_import.html"
    if request.htmx:
        template += "#import-area"
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request, template)
    # "Import a new version" links pass ?course=<slug> so the address is filled in.
    initial = {"slug": request.GET.get("course", "")} if request.method == "GET" else None
    form = DocumentImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        document = form.document
        context["preview"] = _preview_nodes(document)
        context["section_count"] = len(document.flat())
        context["detected_format"] = FORMAT_NAMES.get(document.format, document.format)
        context["notes"] = document.notes
        context["document_title"] = document.title
        existing = Course.objects.filter(slug=data["slug"]).first()
        context["existing"] = existing
        if existing is not None:
            # Show how the course would change; the dry run is rolled back.
            context["changes"] = course_import_dry_run(
                slug=existing.slug, text=form.source or None, document=document
            )
        context["course_title"] = (
            data["title"] or (existing and existing.title) or document.title or data["slug"]
        )
        payload = {"slug": data["slug"], "title": data["title"], "format": data["format"]}
        if document.format in TEXT_FORMATS:
            payload["text"] = form.source
        else:
            # Word, PDF, HTML and EPUB travel as what was read from them, not as the file.
            payload["document"] = document_to_data(document)
        context["token"] = import_token(payload, request.user)
    return render(request, template, context)


def _import_confirm(request: HtmxHttpRequest, template: str):
    try:
        payload = _read_import_token(request.POST["token"], request.user)
    except signing.BadSignature:
        messages.error(request, "The preview expired or was altered; please import again.")
        return redirect("course_import")
    read = document_from_data(payload["document"]) if "document" in payload else None
    # A large document is imported by the worker; the page follows its progress.
    size = len((payload["text"] if read is None else read.markdown()).encode())
    large = size > settings.TUTOR_TASK_IMPORT_BYTES
    form = DocumentImportForm(
        {k: payload[k] for k in ("slug", "title", "format")} | {"text": payload.get("text", "")},
        user=request.user,
        parse=not large,
        document=read,
    )
    if not form.is_valid():
        return render(request, template, {"form": form})
    if large:
        existing = Course.objects.filter(slug=payload["slug"]).first()
        CourseTask.enqueue(
            course_import_task,
            kind=CourseTask.Kind.IMPORT,
            course=existing,
            course_slug=payload["slug"],
            # Text travels as text (the worker parses it); a Word/PDF/HTML/EPUB file as what
            # its preview read from it.
            arguments={
                k: payload[k]
                for k in ("slug", "title", "format", "text", "document")
                if k in payload
            },
            created_by=request.user,
        )
        messages.success(request, "The document is being imported; this page shows how far.")
        response = redirect("course_tasks", slug=payload["slug"])
        if request.htmx:
            return HttpResponseClientRedirect(response.url)
        return response
    try:
        summary = services.course_import(
            slug=payload["slug"],
            text=payload.get("text"),
            title=payload["title"] or None,
            format=payload["format"],
            document=form.document,
            instructor=request.user,
        )
    except DocumentError as exc:
        form.add_error(None, exc.message)
        return render(request, template, {"form": form})
    messages.success(request, f"Imported “{summary.course.title}”: lessons {summary}.")
    response = redirect("course_outline", slug=summary.course.slug)
    if request.htmx:
        return HttpResponseClientRedirect(response.url)
    return response


OUTLINE_ACTIONS = ("rename", "merge", "split", "up", "down", "in", "out")
OUTLINE_BUTTONS = [
    ("up", "Move up"),
    ("down", "Move down"),
    ("in", "Indent"),
    ("out", "Outdent"),
    ("merge", "Merge with next"),
]


def _taught_course(request: HtmxHttpRequest, slug: str) -> Course:
    return taught_course(
        request.user, "Only this course's instructors can edit its lessons.", slug=slug
    )


@require_POST
@login_required
def course_publish(request: HtmxHttpRequest, slug: str):
    """Open a course to students (they can find and enrol in it) or hide it again."""
    course = _taught_course(request, slug)
    course.published = request.POST.get("published") == "1"
    course.save(update_fields=["published"])
    if course.published:
        messages.success(request, f"“{course.title}” is published: students can enrol.")
    else:
        messages.success(request, f"“{course.title}” is a draft again: students no longer see it.")
    return redirect(course)


TASKS_TEACHERS_ONLY = "Only this course's instructors see its tasks."


def _tasks_context(course_slug: str, course: Course | None) -> dict:
    tasks = list(CourseTask.objects.filter(course_slug=course_slug).recent()[:5])
    return {
        "course_slug": course_slug,
        "tasks": tasks,
        "tasks_pending": any(not task.finished for task in tasks),
    }


def _visible_tasks(request: HtmxHttpRequest, slug: str) -> Course | None:
    """The course whose tasks these are (None while an import is creating it): its instructors
    see them, and so does whoever queued an import of a course not yet made; else 404."""
    course = Course.objects.filter(slug=slug).first()
    if course is not None:
        return taught_course(request.user, TASKS_TEACHERS_ONLY, slug=slug)
    if not CourseTask.objects.filter(course_slug=slug, created_by=request.user).exists():
        raise Http404("No such course.")
    return None


@require_GET
@login_required
@vary_on_headers("HX-Request")
def course_tasks(request: HtmxHttpRequest, slug: str):
    """The course's recent slow work (import, question generation): htmx polls it until done."""
    course = _visible_tasks(request, slug)
    template = "lessons/coursetask_list.html"
    if request.htmx:
        template += "#course-tasks"
    return render(request, template, {"course": course, **_tasks_context(slug, course)})


@require_POST
@login_required
def course_task_retry(request: HtmxHttpRequest, pk: int):
    """Queue a failed task again; what it had done is kept, and it picks up from there."""
    task = get_object_or_404(CourseTask, pk=pk)
    _visible_tasks(request, task.course_slug)
    if task.state == CourseTask.State.FAILED:
        task.retry()
        messages.success(request, f"{task.get_kind_display()} queued again.")
    return redirect("course_tasks", slug=task.course_slug)


def _allowed_moves(lessons: list[Lesson]) -> list[set[str]]:
    """Which of the outline buttons apply to each lesson, by the rules lesson_move and
    lesson_merge_next enforce (a button that cannot apply is shown disabled)."""
    allowed = []
    for i, lesson in enumerate(lessons):
        siblings = [other.pk for other in lessons if other.parent_id == lesson.parent_id]
        at = siblings.index(lesson.pk)
        moves = {"merge"} if i + 1 < len(lessons) else set()
        if at > 0:
            moves |= {"up", "in"}
        if at + 1 < len(siblings):
            moves.add("down")
        if lesson.level > 1:
            moves.add("out")
        allowed.append(moves)
    return allowed


def _outline_context(course: Course) -> dict:
    lessons = list(Lesson.objects.for_course(course).active().in_order())
    for lesson, moves in zip(lessons, _allowed_moves(lessons), strict=True):
        lesson.blocks = body_blocks(lesson.body)
        lesson.actions = [(action, label, action in moves) for action, label in OUTLINE_BUTTONS]
    return {
        "course": course,
        "lessons": lessons,
        "archived": Lesson.objects.for_course(course).archived().in_order(),
        **_tasks_context(course.slug, course),
    }


@require_GET
@login_required
def course_outline(request: HtmxHttpRequest, slug: str):
    course = _taught_course(request, slug)
    return render(request, "lessons/course_outline.html", _outline_context(course))


def _form_error(form) -> str:
    return " ".join(message for messages_ in form.errors.values() for message in messages_)


@require_POST
@login_required
def lesson_edit(request: HtmxHttpRequest, slug: str, pk: int, action: str):
    """One small, atomic change to the lesson tree; htmx gets the new tree, others a redirect."""
    course = _taught_course(request, slug)
    lesson = get_object_or_404(Lesson.objects.active(), course=course, pk=pk)
    if action not in OUTLINE_ACTIONS:
        raise Http404("Unknown edit.")
    error = None
    posted = LessonEditForm(request.POST)
    try:
        if not posted.is_valid():
            raise OutlineError(_form_error(posted))
        title = posted.cleaned_data["title"]
        if action == "rename":
            lesson_rename(lesson=lesson, title=title)
        elif action == "merge":
            lesson_merge_next(lesson=lesson)
        elif action == "split":
            at = posted.cleaned_data["at"]
            if at is None:
                raise OutlineError("Choose the paragraph to split at.")
            lesson_split(lesson=lesson, at=at, title=title)
        else:
            lesson_move(lesson=lesson, direction=action)
    except OutlineError as exc:
        error = exc.message
    if request.htmx:
        context = _outline_context(course) | {"error": error}
        return render(request, "lessons/course_outline.html#tree", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Lesson tree updated.")
    return redirect("course_outline", slug=course.slug)
