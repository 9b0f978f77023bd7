"""An import report as the command line shows it (``import sen2`` and the demo)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_report(report, console: Console) -> None:
    """An import report on the terminal: its outcome, records by module, issues by rule."""
    colour = {"stored": "green", "unchanged": "yellow", "rejected": "red"}[report.status]
    console.print(f"[bold {colour}]{report.status.upper()}[/]: {report.message}")
    if report.variants:
        console.print(f"Spelling variants used: {', '.join(report.variants)}")
    if report.status != "stored":
        return
    modules = sorted(set(report.stored) | set(report.quarantined))
    table = Table(title="Records by module")
    table.add_column("module")
    table.add_column("stored", justify="right")
    table.add_column("quarantined", justify="right")
    for module in modules:
        table.add_row(module, str(report.stored.get(module, 0)),
                      str(report.quarantined.get(module, 0)))
    console.print(table)
    by_rule = report.by_rule()
    if by_rule:
        from sendassure.ingest.rules.registry import all_rules

        messages = {r.code: r.message for r in all_rules()}
        issues = Table(title="Issues by rule")
        for column in ("rule", "severity", "count", "rule says"):
            issues.add_column(column, justify="right" if column == "count" else "left")
        for code, entry in by_rule.items():
            issues.add_row(code, entry["severity"], str(entry["count"]), messages.get(code, ""))
        console.print(issues)
