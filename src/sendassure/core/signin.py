"""What a sign-in and a sign-out write besides the session (ADR 0011).

Failed sign-ins are counted at once, as django-axes does (a lockout must not lag
behind); the bookkeeping of a successful sign-in or a sign-out (the user's last
sign-in time, axes' access log, clearing the failures) goes through
``bookkeeping.soon`` so that it never holds a sign-in up behind a long writer.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.contrib.auth.models import update_last_login

from . import bookkeeping


class SignInHandler(AxesDatabaseHandler):
    def user_logged_in(self, sender, request, user, **kwargs):
        parent = super().user_logged_in
        bookkeeping.soon(lambda: parent(sender, request=request, user=user, **kwargs),
                         "sign-in record")

    def user_logged_out(self, sender, request, user, **kwargs):
        parent = super().user_logged_out
        bookkeeping.soon(lambda: parent(sender, request=request, user=user, **kwargs),
                         "sign-out record")


def last_login_soon(sender, user, **kwargs):
    bookkeeping.soon(lambda: update_last_login(sender, user, **kwargs), "last sign-in time")
