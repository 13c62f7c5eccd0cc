"""Logging in by username and password, as Django's ModelBackend, with the user's role loaded
alongside: every page shows role-based navigation, and this saves it a query."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef


class RoleAwareBackend(ModelBackend):
    def get_user(self, user_id):
        instructors = Group.objects.filter(user=OuterRef("pk"), name=settings.INSTRUCTORS_GROUP)
        user = (
            get_user_model()
            ._default_manager.annotate(in_instructors_group=Exists(instructors))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
