"""Who may work on a course's questions and quizzes: its instructors and admins, nobody else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lessons.models import Course
from tutor.http import HtmxHttpRequest


def taught_course(
    request: HtmxHttpRequest,
    course: Course,
    reason: str = "Only this course's instructors may do this.",
) -> Course:
    """``course`` if the user teaches it; 404 where they cannot even see it, else 403 (``reason``
    is what the 403 page tells them)."""
    if not course.is_taught_by(request.user):
        if not course.is_visible_to(request.user):
            raise Http404("No such course.")
        raise PermissionDenied(reason)
    return course
