"""Sign in and sign out (GOV.UK-styled; django-axes locks out repeated failures)."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.db import OperationalError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from sendassure.core.permissions import PUBLIC, requires


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@requires(PUBLIC)
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request):
    form = AuthenticationForm(request, data=request.POST or None)
    try:
        if request.method == "POST" and form.is_valid():
            login(request, form.get_user())
            return redirect(_next(request))
    except OperationalError:
        # A failed sign-in must be counted before it is answered (lockout); if the
        # database cannot take that write in time, say so rather than fail (ADR 0011).
        return render(request, "sign-in.html", {
            "title": "Sign in", "form": AuthenticationForm(request), "next": _next(request),
            "errors": [{"text": "The service is busy. Try again in a minute.",
                        "href": "#username"}],
        }, status=503)
    errors = []
    if request.method == "POST":
        errors = [{"text": e, "href": "#username"} for e in form.non_field_errors()]
        for name, label in (("username", "Enter your user name"), ("password", "Enter your password")):
            if form.errors.get(name):
                errors.append({"text": label, "href": f"#{name}"})
    return render(
        request,
        "sign-in.html",
        {"title": "Sign in", "form": form, "errors": errors, "next": _next(request)},
        status=200,
    )


@requires(PUBLIC)
@csrf_protect
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("public")
    return render(request, "sign-out.html", {"title": "Sign out"})
