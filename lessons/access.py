"""The one access rule for pages: a course a user may not see is a 404, one they may see but not
change (or not study) is a 403. Every view reaches its course, or an object inside one, through
``Course.objects.visible_to`` and these checks."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import role_of

from .models import Course


def visible_course(user, **lookup) -> Course:
    """The course matching ``lookup`` if ``user`` may see it, else 404. It knows whether the user
    is enrolled; its source document, which pages never show, is left in the database."""
    courses = Course.objects.visible_to(user).with_enrolment_of(user).defer("source_text")
    return get_object_or_404(courses, **lookup)


def require_teaches(user, course: Course, reason: str) -> Course:
    """``course`` (already known visible) if ``user`` teaches it, else 403 saying ``reason``."""
    if not course.is_taught_by(user):
        raise PermissionDenied(reason)
    return course


def require_reads(user, course: Course, reason: str) -> Course:
    """``course`` (already known visible) if ``user`` may study it, else 403 saying ``reason``."""
    if not course.can_read_lessons(user):
        raise PermissionDenied(reason)
    return course


def taught_course(user, reason: str, **lookup) -> Course:
    """The course if ``user`` teaches it; 404 where they cannot see it, else 403 (``reason``)."""
    return require_teaches(user, visible_course(user, **lookup), reason)


def readable_course(user, reason: str, **lookup) -> Course:
    """The course if ``user`` may study its lessons; 404 where they cannot see it, else 403."""
    if role_of(user) == "student" and list(lookup) == ["slug"]:
        # A student studies the published courses they are enrolled in: found through that
        # enrolment, one join, rather than compiling visible_course's enrolment subquery (the
        # lesson page's costliest query). Only a course they may not study takes the slow path,
        # which tells a 404 from a 403.
        course = Course.studied(user, lookup["slug"])
        if course is not None:
            return course
    return require_reads(user, visible_course(user, **lookup), reason)
