"""Sign-up; the other account pages are Django's own auth views."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from tutor.http import HtmxHttpRequest

from .forms import SignUpForm


@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignUpForm(request.POST or None)
    # A visitor who signs up from a course page goes back there to enrol; only local addresses.
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        user = form.save()
        form.send_welcome(user, login_url=request.build_absolute_uri(reverse("login")))
        login(request, user, backend="accounts.backends.RoleAwareBackend")
        if next_url:
            messages.success(request, f"Welcome, {user.username}!")
            return redirect(next_url)
        messages.success(request, f"Welcome, {user.username}! Pick a course to enrol in.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})
