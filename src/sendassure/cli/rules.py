"""``sendassure rules``: the validation rule catalogue."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def rules(markdown: bool = typer.Option(False, "--markdown", help="Print docs/rules.md.")) -> None:
    """List the SEN2 validation rules: code, severity, module, fields, message."""
    from sendassure.ingest.rules.registry import all_rules

    console = Console(width=200)
    if markdown:
        from sendassure.ingest.rules.catalogue import render_markdown

        print(render_markdown(), end="")
        return
    table = Table(title="SEN2 validation rules")
    for column in ("code", "severity", "module", "fields", "message"):
        table.add_column(column)
    for rule in all_rules():
        table.add_row(rule.code, rule.severity, rule.module, ", ".join(rule.fields), rule.message)
    console.print(table)
