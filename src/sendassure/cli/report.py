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
    if report.excluded:
        console.print("Stored requests left out of some measures: " + ", ".join(
            f"{section} {n}" for section, n in sorted(report.excluded.items())))
    by_rule = report.by_rule()
    if by_rule:
        from sendassure.ingest.rules.catalogue import scope_text
        from sendassure.ingest.rules.registry import all_rules

        rules = {r.code: r for r in all_rules()}
        issues = Table(title="Issues by rule")
        for column in ("rule", "severity", "count", "left out of", "rule says"):
            issues.add_column(column, justify="right" if column == "count" else "left")
        for code, entry in by_rule.items():
            found = rules.get(code)
            issues.add_row(code, entry["severity"], str(entry["count"]),
                           scope_text(found).replace("`", "") if found else "",
                           found.message if found else "")
        console.print(issues)
