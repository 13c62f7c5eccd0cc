"""Sign-up form: students register themselves with a username, e-mail and password."""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.core.mail import send_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=True, help_text="Used only to reset your password.", max_length=254
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    # An address already registered is not refused: saying so would tell anyone which addresses
    # have accounts (password reset hides it too). The address is for password reset only, and
    # its owner hears of every account made with it through the welcome e-mail.
    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def send_welcome(self, user, *, login_url: str) -> None:
        """One e-mail per sign-up, to the address given: the same work whether or not the
        address was known. Its owner learns of the new account and of any earlier ones."""
        earlier = list(
            get_user_model()
            .objects.filter(email__iexact=user.email)
            .exclude(pk=user.pk)
            .values_list("username", flat=True)
        )
        body = render_to_string(
            "accounts/welcome_email.txt",
            {"user": user, "earlier": earlier, "login_url": login_url},
        )
        try:
            send_mail("Your Tutor account", body, None, [user.email])
        except Exception as error:  # a mail server down must not stop the sign-up
            logger.warning("The welcome e-mail to user %s was not sent: %s", user.pk, error)
