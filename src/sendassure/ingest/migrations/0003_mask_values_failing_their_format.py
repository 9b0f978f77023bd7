"""Issue values and quarantined content stored before values failing their field's
format were masked (issue 14): keep only the shape of such a value, as the importer now
does (``privacy.reduce_value``). What the importer of the time had already reduced (a
name removed, a postcode district, a birth month, an identifier's ends) stays as it is.
Messages lose the raw value of their own field; other fields' values were not named in
them by the rules that can meet a value in the wrong field."""

from __future__ import annotations

import re

from django.db import migrations

from sendassure.ingest import privacy

_DISTRICT = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?")
_MONTH = re.compile(r"\d{4}-\d{2}")
# The ends of a valid UPN or ULN (an invalid one starred kept letters of whatever it was).
_STARRED = {"UPN": re.compile(r"[A-Z]\*{9}\d\d[\dA-Z]"),
            "UniqueLearnerNumber": re.compile(r"\d\*{6}\d{3}")}
_KEPT = ("(removed)", "(unreadable date removed)")


def _already_reduced(field: str, value: str) -> bool:
    if value.startswith("[shape ") or value in _KEPT:
        return True
    if field == "PostCode":
        return bool(_DISTRICT.fullmatch(value))
    if field == "PersonBirthDate":
        return bool(_MONTH.fullmatch(value))
    starred = _STARRED.get(field)
    return bool(starred and starred.fullmatch(value))


def _masked(field: str, value):
    if not isinstance(value, str) or _already_reduced(field, value):
        return value
    return privacy.reduce_value(field, value)


def _content(node):
    """A quarantined record's content with every field value masked."""
    if isinstance(node, list):
        return [_content(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("fields", "person") and isinstance(value, dict):
            out[key] = {name: _masked(name, v) for name, v in value.items()}
        else:
            out[key] = _content(value)
    return out


def mask(apps, schema_editor) -> None:
    ImportIssue = apps.get_model("ingest", "ImportIssue")
    QuarantinedRecord = apps.get_model("ingest", "QuarantinedRecord")
    changed = []
    for issue in ImportIssue.objects.exclude(value=None).iterator(chunk_size=2000):
        value = _masked(issue.field, issue.value)
        if value != issue.value:
            issue.message = privacy.reduce_text(issue.message, [(issue.field, issue.value)])[:500]
            issue.value = value[:200]
            changed.append(issue)
        if len(changed) >= 1000:
            ImportIssue.objects.bulk_update(changed, ["value", "message"])
            changed = []
    ImportIssue.objects.bulk_update(changed, ["value", "message"])
    records = []
    for record in QuarantinedRecord.objects.iterator(chunk_size=500):
        content = _content(record.content)
        if content != record.content:
            record.content = content
            records.append(record)
        if len(records) >= 500:
            QuarantinedRecord.objects.bulk_update(records, ["content"])
            records = []
    QuarantinedRecord.objects.bulk_update(records, ["content"])


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_exclusions")]

    operations = [migrations.RunPython(mask, migrations.RunPython.noop)]
