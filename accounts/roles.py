"""Who a user is in Tutor: student, instructor (a group) or admin (staff)."""

from django.conf import settings
from django.contrib.auth.models import Group


def is_instructor(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    # Loaded with the user by accounts.backends.RoleAwareBackend, else asked once and kept.
    cached = getattr(user, "in_instructors_group", None)
    if cached is None:
        cached = getattr(user, "_tutor_is_instructor", None)
    if cached is None:
        cached = user.groups.filter(name=settings.INSTRUCTORS_GROUP).exists()
        user._tutor_is_instructor = cached
    return cached


def instructors_group() -> Group:
    group, _ = Group.objects.get_or_create(name=settings.INSTRUCTORS_GROUP)
    return group


def role_of(user) -> str:
    if not user.is_authenticated:
        return "anonymous"
    if user.is_staff:
        return "admin"
    if is_instructor(user):
        return "instructor"
    return "student"
