"""Puts the user's role in every template, for role-based navigation."""

from .roles import role_of


def roles(request):
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else "anonymous"
    return {"role": role, "is_instructor": role in {"instructor", "admin"}}
