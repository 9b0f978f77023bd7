"""The rule decorator, the catalogue it fills, and what a rule sees and says.

A rule is a generator function ``(record, context) -> Iterator[Issue]`` in a file of its
own, decorated with ``@rule(code=..., severity=..., module=..., fields=..., message=...)``.
``message`` is a template formatted by ``Context.issue`` with ``field``, ``value`` and
any keywords the rule passes, so the catalogue shows the same sentence users see.

Severity: ``error`` means the record cannot be used (the importer quarantines the
person or the request, according to ``Issue.scope``); ``query`` means plausible but
worth a look (the record is loaded and the query reported).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sendassure.ingest.records import Header, Person, Record, Request
from sendassure.sen2.values import parse_date

Severity = Literal["error", "query"]
MODULES = (
    "person", "request", "assessment", "named_plan", "plan_detail", "active_plan",
    "placement", "sen_need",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one field of one record.

    ``scope`` says what the finding makes unusable when ``severity`` is ``error``:
    ``"person"`` (the whole person) or ``"request"`` (only the request at
    ``request_index``, 0-based within the person's requests, and everything below it).
    """

    code: str
    severity: Severity
    location: str
    field: str
    value: str | None
    message: str
    scope: Literal["person", "request"]
    request_index: int | None = None


RuleCheck = Callable[[Any, "Context"], Iterator[Issue]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    module: str
    fields: tuple[str, ...]
    message: str
    check: RuleCheck = field(repr=False, compare=False)

    def __call__(self, record: Record, context: Context) -> Iterator[Issue]:
        context.rule = self
        yield from self.check(record, context)


_RULES: dict[str, Rule] = {}

_MISSING: Any = object()


def rule(
    *, code: str, severity: Severity, module: str, fields: tuple[str, ...], message: str
) -> Callable[[RuleCheck], Rule]:
    """Register a rule in the catalogue under its (unique, stable) code."""
    if severity not in ("error", "query"):
        raise ValueError(f"{code}: severity must be 'error' or 'query', not {severity!r}")
    if module not in MODULES:
        raise ValueError(f"{code}: unknown module {module!r}")

    def register(check: RuleCheck) -> Rule:
        made = Rule(code, severity, module, tuple(fields), message, check)
        existing = _RULES.get(code)
        if existing is not None and existing.check.__qualname__ != check.__qualname__:
            raise ValueError(f"rule code {code} is used twice")
        _RULES[code] = made
        return made

    return register


def all_rules() -> list[Rule]:
    """Every rule of the catalogue (each ``rNNNN_*.py`` module here), sorted by code."""
    package = importlib.import_module("sendassure.ingest.rules")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name[:1] == "r" and module.name[1:5].isdigit():
            importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(_RULES.values(), key=lambda r: r.code)


@dataclass(slots=True)
class Context:
    """What a rule may look at besides its own record."""

    header: Header
    person: Person
    state: dict[str, Any]  # shared across the persons of one return (Checker)
    request: Request | None = None
    request_index: int | None = None
    rule: Rule | None = None
    reference_date: date | None = field(init=False)
    birth_date: date | None = field(init=False)

    def __post_init__(self) -> None:
        self.reference_date = parse_date(self.header.get("ReferenceDate"))
        self.birth_date = parse_date(self.person.get("PersonBirthDate"))

    @property
    def year(self) -> str | None:
        return self.header.get("Year")

    @property
    def lea(self) -> str | None:
        return self.header.get("LEA")

    def issue(
        self,
        record: Record,
        field_name: str,
        *,
        value: str | None = _MISSING,
        message: str | None = None,
        **details: object,
    ) -> Issue:
        """An Issue from the running rule about ``record``'s field; the message is the
        rule's template filled with ``field``, ``value`` and ``details``."""
        assert self.rule is not None, "Context.issue called outside a rule"
        if value is _MISSING:
            value = record.get(field_name)
        template = message if message is not None else self.rule.message
        text = template.format(field=field_name, value=value, **details)
        person_level = self.rule.module == "person"
        return Issue(
            code=self.rule.code,
            severity=self.rule.severity,
            location=record.field_location(field_name),
            field=field_name,
            value=value,
            message=text,
            scope="person" if person_level else "request",
            request_index=None if person_level else self.request_index,
        )

    def date(self, record: Record, field_name: str) -> date | None:
        return parse_date(record.get(field_name))
