"""The rule decorator, the catalogue it fills, and what a rule sees and says.

A rule is a generator function ``(record, context) -> Iterator[Issue]`` in a file of its
own, decorated with ``@rule(code=..., severity=..., module=..., fields=..., message=...)``.
``message`` is a template formatted by ``Context.issue`` with ``field``, ``value`` and
any keywords the rule passes, so the catalogue shows the same sentence users see.

Severity: ``error`` means the record cannot be used for what the rule's ``excluded_from``
names: measure sections (``kpis.exclusions.SECTIONS``), one tuple for every field or a
mapping from field to tuple, or ``"all"`` (no measure can use it: the importer
quarantines the person or the request whole, according to ``Issue.scope``). A record
barred only from some sections is stored with them and counts everywhere else.
``query`` means plausible but worth a look (the record is loaded and the query
reported; it bars nothing).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sendassure.ingest import privacy
from sendassure.ingest.records import Header, Person, Record, Request
from sendassure.kpis.exclusions import ALL, SECTIONS
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
    value: str | None  # what may be shown of it (privacy.reduce_value), never raw
    message: str
    scope: Literal["person", "request"]
    request_index: int | None = None
    excluded_from: tuple[str, ...] = ()  # sections; ("all",) = quarantined whole

    @property
    def whole(self) -> bool:
        return self.excluded_from == (ALL,)


RuleCheck = Callable[[Any, "Context"], Iterator[Issue]]
Exclusions = str | tuple[str, ...] | Mapping[str, "str | tuple[str, ...]"]


def _check_exclusions(code: str, severity: str, fields: tuple[str, ...],
                      excluded_from: Exclusions | None) -> Exclusions:
    if severity == "query":
        if excluded_from:
            raise ValueError(f"{code}: a query bars nothing; excluded_from is for errors")
        return ()
    if excluded_from is None or excluded_from == ():
        raise ValueError(f"{code}: an error must say what it bars the record from "
                         f"(excluded_from: sections of {sorted(SECTIONS)}, or 'all')")
    scopes = excluded_from.values() if isinstance(excluded_from, Mapping) else [excluded_from]
    if isinstance(excluded_from, Mapping):
        strays = set(excluded_from) - set(fields)
        if strays:
            raise ValueError(f"{code}: excluded_from names fields the rule does not: {strays}")
    for scope in scopes:
        if scope == ALL:
            continue
        unknown = [s for s in scope if s not in SECTIONS]
        if isinstance(scope, str) or unknown or not scope:
            raise ValueError(f"{code}: unknown measure section(s) in {scope!r}; "
                             f"one of {sorted(SECTIONS)} or 'all'")
    return excluded_from


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    module: str
    fields: tuple[str, ...]
    message: str
    check: RuleCheck = field(repr=False, compare=False)
    excluded_from: Exclusions = ()

    def excluded_for(self, field_name: str) -> tuple[str, ...]:
        """The sections an error in ``field_name`` bars its record from."""
        scope = self.excluded_from
        if isinstance(scope, Mapping):
            scope = scope.get(field_name, ())
        return (ALL,) if scope == ALL else tuple(scope)

    def scopes(self) -> dict[str, tuple[str, ...]]:
        """Field -> sections, for the catalogue (every field alike: key ``"*"``)."""
        if isinstance(self.excluded_from, Mapping):
            return {f: self.excluded_for(f) for f in self.excluded_from}
        return {"*": self.excluded_for("*")}

    def __call__(self, record: Record, context: Context) -> Iterator[Issue]:
        context.rule = self
        yield from self.check(record, context)


_RULES: dict[str, Rule] = {}

_MISSING: Any = object()


def rule(
    *, code: str, severity: Severity, module: str, fields: tuple[str, ...], message: str,
    excluded_from: Exclusions | None = None,
) -> Callable[[RuleCheck], Rule]:
    """Register a rule in the catalogue under its (unique, stable) code."""
    if severity not in ("error", "query"):
        raise ValueError(f"{code}: severity must be 'error' or 'query', not {severity!r}")
    if module not in MODULES:
        raise ValueError(f"{code}: unknown module {module!r}")
    scope = _check_exclusions(code, severity, tuple(fields), excluded_from)

    def register(check: RuleCheck) -> Rule:
        made = Rule(code, severity, module, tuple(fields), message, check, scope)
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
        value_field: str | None = None,
        message: str | None = None,
        **details: object,
    ) -> Issue:
        """An Issue from the running rule about ``record``'s field; the message is the
        rule's template filled with ``field``, ``value`` and ``details``.

        ``value`` (by default the field's raw text) is reduced here, before anything
        sees it (``privacy.reduce_value``): a value that fails its field's format keeps
        only its shape, a name nothing. ``value_field`` names the field whose format
        judges ``value`` when it is not ``field_name``'s own. A detail taken from
        another field goes through ``shown`` first."""
        assert self.rule is not None, "Context.issue called outside a rule"
        if value is _MISSING:
            value = record.get(field_name)
        value = privacy.reduce_value(value_field or field_name, value)
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
            excluded_from=self.rule.excluded_for(field_name),
        )

    def shown(self, record: Record, field_name: str) -> str | None:
        """What may be shown of another field's value in a message (see ``issue``)."""
        return privacy.reduce_value(field_name, record.get(field_name))

    def date(self, record: Record, field_name: str) -> date | None:
        return parse_date(record.get(field_name))


def catalogue_version() -> str:
    """Changes whenever a rule is added or removed or what one bars changes, so that a
    file imported under another catalogue is judged again (not "unchanged")."""
    import hashlib

    text = "|".join(f"{r.code}:{r.severity}:{sorted(r.scopes().items())}" for r in all_rules())
    return hashlib.sha256(text.encode()).hexdigest()[:16]
