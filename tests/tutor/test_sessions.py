"""tutor.sessions: a session saved in plain SQL is the row Django's database backend writes."""

import pytest
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session

from tutor.sessions import SessionStore

pytestmark = pytest.mark.django_db


def row(key: str) -> tuple:
    session = Session.objects.get(session_key=key)
    return session.session_data, session.expire_date


def test_an_update_writes_what_the_orm_backend_writes():
    ours = SessionStore()
    ours["served"] = {"question": 1, "at": "2026-12-01T10:00:00+00:00"}
    ours.create()  # a new session: Django's own insert
    ours.save()
    key = ours.session_key

    ours["served"] = {"question": 2, "at": "2026-12-01T10:01:00+00:00"}
    ours.set_expiry(600)
    ours.save()
    written = row(key)
    django = db.SessionStore(key)
    django.load()
    django.set_expiry(600)
    django.save()

    assert SessionStore(key).load()["served"]["question"] == 2
    assert row(key)[0] == written[0]
    # Each save dates the expiry from its own now.
    assert abs((row(key)[1] - written[1]).total_seconds()) < 5


def test_an_update_of_a_session_deleted_meanwhile_fails_as_the_orms_does():
    ours = SessionStore()
    ours["x"] = 1
    ours.create()
    Session.objects.filter(session_key=ours.session_key).delete()
    ours["x"] = 2
    with pytest.raises(UpdateError):
        ours.save()


def test_the_site_uses_it(settings):
    assert settings.SESSION_ENGINE == "tutor.sessions"
