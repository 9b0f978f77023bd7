"""The import report: what happened to a file, and every issue found in it."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .rules.registry import Issue


@dataclass
class ImportReport:
    file: str
    status: str = "stored"  # stored | rejected | unchanged
    message: str = ""
    la: str | None = None
    collection_year: str | None = None
    reference_date: str | None = None
    file_hash: str | None = None
    variants: list[str] = field(default_factory=list)
    stored: Counter = field(default_factory=Counter)
    quarantined: Counter = field(default_factory=Counter)
    excluded: Counter = field(default_factory=Counter)  # requests barred, by section
    barred: int = 0  # requests stored with at least one section barred
    changes: Counter = field(default_factory=Counter)
    issues: list[Issue] = field(default_factory=list)

    def reject(self, message: str) -> None:
        """Nothing was stored after all: the file is rejected with ``message``."""
        self.status, self.message = "rejected", message
        for counts in (self.stored, self.quarantined, self.excluded, self.changes):
            counts.clear()
        self.barred = 0

    @property
    def errors(self) -> int:
        return sum(1 for i in self.issues if i.severity == "error")

    def by_rule(self) -> dict[str, dict]:
        counts: dict[str, dict] = {}
        for issue in self.issues:
            entry = counts.setdefault(issue.code, {"severity": issue.severity, "count": 0})
            entry["count"] += 1
        return dict(sorted(counts.items()))

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "status": self.status,
            "message": self.message,
            "la": self.la,
            "collection_year": self.collection_year,
            "reference_date": self.reference_date,
            "file_hash": self.file_hash,
            "variants": sorted(self.variants),
            "stored": dict(sorted(self.stored.items())),
            "quarantined": dict(sorted(self.quarantined.items())),
            "excluded": dict(sorted(self.excluded.items())),
            "changes": dict(sorted(self.changes.items())),
            "issues": [
                {
                    "code": i.code,
                    "severity": i.severity,
                    "location": i.location,
                    "field": i.field,
                    "value": i.value,
                    "message": i.message,
                    "excluded_from": list(i.excluded_from),
                }
                for i in self.issues
            ],
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n")

    def write_xlsx(self, path: Path) -> None:
        import xlsxwriter

        book = xlsxwriter.Workbook(str(path))
        bold = book.add_format({"bold": True})
        summary = book.add_worksheet("Summary")
        rows = [
            ("File", self.file),
            ("Status", self.status),
            ("Message", self.message),
            ("LA", self.la or ""),
            ("Reference date", self.reference_date or ""),
        ]
        rows += [(f"Stored: {k}", v) for k, v in sorted(self.stored.items())]
        rows += [(f"Quarantined: {k}", v) for k, v in sorted(self.quarantined.items())]
        rows += [(f"Requests left out of: {k}", v) for k, v in sorted(self.excluded.items())]
        for r, (label, value) in enumerate(rows):
            summary.write(r, 0, label, bold)
            summary.write(r, 1, value)
        summary.set_column(0, 0, 28)
        summary.set_column(1, 1, 60)
        sheet = book.add_worksheet("Issues")
        headers = ["code", "severity", "location", "field", "value", "message", "excluded_from"]
        for c, name in enumerate(headers):
            sheet.write(0, c, name, bold)
        for r, i in enumerate(self.issues, start=1):
            for c, value in enumerate(
                (i.code, i.severity, i.location, i.field, i.value or "", i.message,
                 ", ".join(i.excluded_from))
            ):
                sheet.write_string(r, c, str(value))
        sheet.autofilter(0, 0, max(len(self.issues), 1), len(headers) - 1)
        sheet.freeze_panes(1, 0)
        book.close()
