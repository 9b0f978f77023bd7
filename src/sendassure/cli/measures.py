"""``sendassure measures``: the measure registry."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from .django_setup import setup


def measures(markdown: bool = typer.Option(False, "--markdown",
                                           help="Print docs/measures.md.")) -> None:
    """List every registered measure: name, family, unit, which way is better, label."""
    setup()
    from sendassure.figures.registry import FAMILIES

    if markdown:
        from sendassure.figures.docs import render_markdown

        print(render_markdown(), end="")
        return
    table = Table(title="Registered measures")
    for column in ("name", "family", "unit", "better when", "label"):
        table.add_column(column)
    for family in FAMILIES.values():
        for m in family.measures:
            table.add_row(m.name, family.name, m.unit, m.polarity, m.label)
    Console(width=160).print(table)
