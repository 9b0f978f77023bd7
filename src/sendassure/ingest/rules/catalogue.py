"""The rule catalogue as Markdown: ``docs/rules.md`` is generated from the code by
``render_markdown()`` (``sendassure rules --markdown > docs/rules.md``), and a test
keeps the two equal."""

from __future__ import annotations

from sendassure.ingest.rules.registry import all_rules

_INTRO = """# SEN2 validation rules

Generated from `src/sendassure/ingest/rules/` by
`sendassure.ingest.rules.catalogue.render_markdown()`; do not edit by hand.

Severity `error`: the record cannot be used, so the importer quarantines the person
(person-level rules) or the request and everything below it (all other modules).
Severity `query`: the record is plausible and is loaded, but is worth a look.
In messages, `{field}` and `{value}` stand for the field and the value found.

| code | severity | module | fields | message |
|---|---|---|---|---|
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown() -> str:
    rows = [
        f"| {r.code} | {r.severity} | {r.module} | {_cell(', '.join(r.fields))} "
        f"| {_cell(r.message)} |"
        for r in all_rules()
    ]
    return _INTRO + "\n".join(rows) + "\n"
