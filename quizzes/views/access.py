"""Who may work on a course's questions and quizzes: its instructors and admins, nobody else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from lessons.models import Course
from tutor.http import HtmxHttpRequest


def taught_course(request: HtmxHttpRequest, course: Course) -> Course:
    """``course`` if the user teaches it; 404 where they cannot even see it, else 403."""
    if not course.is_taught_by(request.user):
        if not course.is_visible_to(request.user):
            raise Http404("No such course.")
        raise PermissionDenied("Only this course's instructors may do this.")
    return course
