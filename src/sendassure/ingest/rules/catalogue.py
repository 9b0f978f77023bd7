"""The rule catalogue as Markdown: ``docs/rules.md`` is generated from the code by
``render_markdown()`` (``sendassure rules --markdown > docs/rules.md``), and a test
keeps the two equal."""

from __future__ import annotations

from sendassure.ingest.rules.registry import all_rules
from sendassure.kpis.exclusions import SECTIONS

_INTRO = """# SEN2 validation rules

Generated from `src/sendassure/ingest/rules/` by
`sendassure.ingest.rules.catalogue.render_markdown()`; do not edit by hand.

Severity `error`: the record cannot be used for what "excluded from" names. A list of
measure sections: the request (with everything below it; for a person-level rule,
every request of the person) is stored, and each of those sections leaves it out while
every other measure counts it, as DfE counts a record it treats as "not available".
`all`: no measure can use it, so the importer quarantines it whole (the person for a
person-level rule, else the request and everything below it). Where the sections depend
on the field, each field is named. Severity `query`: the record is plausible and is
loaded, but is worth a look; it is left out of nothing.
In messages, `{field}` and `{value}` stand for the field and the value found. A value
that fails its field's format (a code not in its list, a date that does not parse, an
identifier of the wrong shape) may be a name or a postcode sent in the wrong field, so it
is shown and stored only by its shape, never as given: `Smithsons` in `Sex` becomes
`[shape Aaaaaaaaa, 9 characters]` (capital letters `A`, other letters `a`, digits `9`).

The measure sections:

{sections}

| code | severity | module | fields | excluded from | message |
|---|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def scope_text(rule) -> str:
    """What an error of ``rule`` bars its record from, in words ("" for a query)."""
    if rule.severity != "error":
        return ""
    parts = []
    for field_name, sections in rule.scopes().items():
        names = ", ".join(f"`{s}`" for s in sections)
        parts.append(names if field_name == "*" else f"{field_name}: {names}")
    return "; ".join(parts)


def render_markdown() -> str:
    sections = "\n".join(f"- `{name}`: {text}" for name, text in SECTIONS.items())
    rows = [
        f"| {r.code} | {r.severity} | {r.module} | {_cell(', '.join(r.fields))} "
        f"| {_cell(scope_text(r))} | {_cell(r.message)} |"
        for r in all_rules()
    ]
    return _INTRO.replace("{sections}", sections) + "\n".join(rows) + "\n"
