"""Creating accounts (used by the CLI and the demo)."""

from __future__ import annotations

import re

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Area, User
from .roles import Role


class AccountError(Exception):
    pass


def create_user(name: str, role: str, areas: list[str], password: str) -> User:
    if role not in Role.values:
        raise AccountError(f"Unknown role {role!r}: choose one of {', '.join(Role.values)}.")
    bad = [code for code in areas if not re.fullmatch(r"\d{3}", code)]
    if bad:
        raise AccountError(f"Area {bad[0]!r} is not a 3-digit LA code (e.g. 886 for Kent).")
    if User.objects.filter(username=name).exists():
        raise AccountError(f"A user called {name!r} already exists.")
    user = User(username=name, role=role, is_staff=role == Role.ADMINISTRATOR)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise AccountError(" ".join(error.messages)) from error
    with transaction.atomic():
        user.set_password(password)
        user.save()
        for code in areas:
            user.areas.add(Area.objects.get_or_create(code=code)[0])
    return user
