"""The Jinja2 environment: project templates plus the govuk-frontend-jinja macros."""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from sendassure.kpis.periods import long_date

from .navigation import navigation_for


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    loader = options.pop("loader", None)
    options.setdefault("autoescape", True)
    env = Environment(**options)
    env.loader = ChoiceLoader(
        [
            loader,
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env.globals.update(
        url=url,
        static=static,
        service_name=settings.SERVICE_NAME,
        partnership_name=settings.PARTNERSHIP_NAME,
        navigation_for=navigation_for,
        get_messages=get_messages,
    )
    env.filters["long_date"] = long_date
    env.filters["counted"] = counted
    return env


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """``1 event``, ``2 events``, ``1,204 evidence requests``: a count with its noun."""
    noun = singular if number == 1 else (plural or f"{singular}s")
    return f"{number:,} {noun}"
