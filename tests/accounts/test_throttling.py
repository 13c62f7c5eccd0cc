"""Log-in throttling (django-axes) on the site and the admin log-in: repeated wrong passwords lock
that username from that address out for a while, with a page that says so, and the lock-out
expires."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, AdminFactory, StudentFactory

pytestmark = pytest.mark.django_db


def _age_attempts(by: timedelta) -> None:
    """As if the failed attempts were made ``by`` earlier (the cool-off is counted from them)."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= by
        attempt.save(update_fields=["attempt_time"])


@pytest.mark.parametrize(
    ("login_url", "make_user"),
    [(reverse("login"), StudentFactory), (reverse("admin:login"), AdminFactory)],
    ids=["site", "admin"],
)
def test_fifty_wrong_passwords_lock_the_right_one_out_until_the_cool_off_ends(
    client, login_url, make_user
):
    user = make_user(username="bob")
    for n in range(50):
        response = client.post(login_url, {"username": "bob", "password": f"guess-{n}"})
        assert response.status_code in (200, 429)
        assert "_auth_user_id" not in client.session

    response = client.post(login_url, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "Too many failed log-ins" in page
    assert "paused for 15 minutes" in page

    _age_attempts(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
    response = client.post(login_url, {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lock_out_starts_at_the_fifth_failure_and_is_per_username_and_address(client):
    StudentFactory(username="bob")
    StudentFactory(username="eve")
    login_url = reverse("login")
    for n in range(4):
        assert client.post(login_url, {"username": "bob", "password": f"x{n}"}).status_code == 200
    assert client.post(login_url, {"username": "bob", "password": "x4"}).status_code == 429
    # Another account from the same address, and the same account from another address, log in.
    assert client.post(login_url, {"username": "eve", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    response = client.post(
        login_url, {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302


def test_a_successful_log_in_forgets_earlier_failures(client):
    StudentFactory(username="bob")
    login_url = reverse("login")
    for n in range(4):
        client.post(login_url, {"username": "bob", "password": f"x{n}"})
    assert client.post(login_url, {"username": "bob", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    for n in range(4):
        assert client.post(login_url, {"username": "bob", "password": f"y{n}"}).status_code == 200


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    StudentFactory(username="bob")
    login_url = reverse("login")
    for n in range(5):
        client.post(
            login_url,
            {"username": "bob", "password": f"x{n}"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.9",  # a forged first entry each time
        )
    response = client.post(
        login_url,
        {"username": "bob", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 429
    response = client.post(
        login_url,
        {"username": "bob", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.10",
    )
    assert response.status_code == 302
