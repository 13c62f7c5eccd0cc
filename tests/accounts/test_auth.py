import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, StudentFactory

pytestmark = pytest.mark.django_db


def test_signup_creates_student_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "ada",
            "email": "ada@example.com",
            "password1": "an-unusual-passphrase-42",
            "password2": "an-unusual-passphrase-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ada")
    assert not user.is_staff
    assert not user.groups.exists()
    assert client.get(reverse("dashboard")).status_code == 200


def test_signup_rerenders_with_errors_and_creates_nothing(client):
    StudentFactory(username="taken", email="taken@example.com")
    response = client.post(
        reverse("signup"),
        {"username": "taken", "email": "TAKEN@example.com", "password1": "x", "password2": "y"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "username" in form.errors
    assert "email" not in form.errors  # a registered address is not revealed (below)
    assert "password2" in form.errors
    assert get_user_model().objects.count() == 1


def test_login_and_logout(client):
    StudentFactory(username="bob")
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_with_wrong_password_shows_error(client):
    StudentFactory(username="bob")
    response = client.post(reverse("login"), {"username": "bob", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_password_change(client):
    user = StudentFactory(username="carol")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase-7",
            "new_password2": "a-brand-new-passphrase-7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")


def test_password_reset_sends_email_with_working_link(client):
    user = StudentFactory(username="dan", email="dan@example.com")
    response = client.post(reverse("password_reset"), {"email": "dan@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "reset-passphrase-998", "new_password2": "reset-passphrase-998"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("reset-passphrase-998")


@pytest.mark.parametrize(
    "name", ["login", "signup", "password_reset", "password_reset_done", "password_reset_complete"]
)
def test_public_account_pages_render(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_password_change_requires_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert reverse("login") in response.url


SIGNUP = {
    "username": "ada",
    "email": "ada@example.com",
    "password1": "an-unusual-passphrase-42",
    "password2": "an-unusual-passphrase-42",
}


def test_signup_from_a_course_page_returns_there(client):
    page = client.get(reverse("signup") + "?next=/courses/rivers/").text
    assert 'name="next" value="/courses/rivers/"' in page
    response = client.post(reverse("signup"), {**SIGNUP, "next": "/courses/rivers/"})
    assert response.status_code == 302 and response.url == "/courses/rivers/"


def test_signup_ignores_a_next_address_on_another_site(client):
    response = client.post(reverse("signup"), {**SIGNUP, "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("home")


def _sign_up(client, username, email):
    response = client.post(reverse("signup"), {**SIGNUP, "username": username, "email": email})
    page = client.get(response.url).content.decode().replace(username, "NAME")
    client.post(reverse("logout"))
    return response.status_code, response.url, re.findall(r'class="message[^>]*>(.*?)<', page)


def test_signup_does_not_reveal_whether_an_email_is_registered(client):
    StudentFactory(username="first", email="known@example.com")
    known = _sign_up(client, "second", "Known@example.com")
    new = _sign_up(client, "third", "new@example.com")
    # Same response and the same next step (logged in, welcomed) either way.
    assert known == new
    assert known[0] == 302 and known[2] == ["Welcome, NAME! Pick a course to enrol in."]
    assert get_user_model().objects.filter(email="known@example.com").count() == 2
    # One e-mail to the address given, each time; the owner of a known address hears of the
    # earlier account there (the person signing up sees none of it).
    assert [message.to for message in mail.outbox] == [
        ["known@example.com"],
        ["new@example.com"],
    ]
    assert "second" in mail.outbox[0].body and "first" in mail.outbox[0].body
    assert "earlier" not in mail.outbox[1].body


def test_signup_goes_on_when_the_welcome_email_cannot_be_sent(client, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": "tests.accounts.broken_mail.Backend"}}
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="ada").exists()
    assert "welcome e-mail" in caplog.text


def test_site_hashes_new_passwords_with_argon2_and_upgrades_pbkdf2_at_log_in(client, settings):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tutor import settings as site_settings

    # The suite hashes with MD5 (conftest); this test puts back the site's own list.
    settings.PASSWORD_HASHERS = site_settings.PASSWORD_HASHERS
    response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302
    assert get_user_model().objects.get(username="ada").password.startswith("argon2$argon2id$")

    # A password hashed before the switch still logs in, and is re-hashed with Argon2.
    older = StudentFactory(username="bob")
    hasher = PBKDF2PasswordHasher()
    older.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)  # fast to check
    older.save(update_fields=["password"])
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    older.refresh_from_db()
    assert older.password.startswith("argon2$argon2id$")
    assert older.check_password(PASSWORD)
