"""Line and bar charts of a long ("tidy") polars frame: one row per x value and series.

Missing values (null) are not drawn; the table shows them as "" unless the optional
``suppressed`` column marks them. That column is either Boolean (true = suppressed,
shown as "x") or text holding the Government Statistical Service symbol to show (``c``
confidential, ``x`` unavailable, ``z`` not applicable, ``low``). A marked value is never
drawn even if present, so a suppressed number cannot leak through the SVG.

The table is wide, as ONS tables are: one row per x value (in the frame's order), one
column per series (in order of first appearance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import altair as alt
import polars as pl

from .figure import (
    HEIGHT,
    SERIES_COLOURS,
    WIDTH,
    Figure,
    display,
    header,
    is_missing,
    raw,
    render,
    with_unit,
)

SUPPRESSED = "x"
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down",
          "triangle-right", "triangle-left")


@dataclass(frozen=True)
class _Cell:
    value: object  # None when missing or suppressed
    symbol: str  # "" or the suppression symbol


@dataclass(frozen=True)
class _Table:
    xs: list[str]  # x labels in order
    series: list[str]  # series names in order ([""] without series)
    cells: dict[tuple[str, str], _Cell]


def _label(value: object) -> str:
    """An x or series value as a label: years without separators, dates in words."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return display(value)
    return "" if is_missing(value) else str(value)


def _symbol(flag: object) -> str:
    if flag is True:
        return SUPPRESSED
    if isinstance(flag, str):
        return flag.strip()
    return ""


def _table(frame: pl.DataFrame, x: str, y: str, series: str | None,
           suppressed: str | None) -> _Table:
    if suppressed is not None and frame.schema[suppressed] not in (pl.Boolean, pl.String):
        raise TypeError(f"suppressed column {suppressed!r} must be Boolean or String")
    xs: list[str] = []
    names: list[str] = []
    cells: dict[tuple[str, str], _Cell] = {}
    for row in frame.iter_rows(named=True):
        key = (_label(row[x]), _label(row[series]) if series else "")
        if key in cells:
            raise ValueError(f"more than one row for {x}={key[0]!r}, {series}={key[1]!r}")
        symbol = _symbol(row[suppressed]) if suppressed else ""
        value = None if symbol or is_missing(row[y]) else row[y]
        cells[key] = _Cell(value, symbol)
        if key[0] not in xs:
            xs.append(key[0])
        if key[1] not in names:
            names.append(key[1])
    return _Table(xs, names, cells)


def _body(table: _Table, decimals: int) -> tuple[list[list[str]], list[list[str]]]:
    rows, csv_rows = [], []
    for x_label in table.xs:
        shown, written = [x_label], [x_label]
        for name in table.series:
            cell = table.cells.get((x_label, name), _Cell(None, ""))
            shown.append(cell.symbol or display(cell.value, decimals))
            written.append(cell.symbol or raw(cell.value))
        rows.append(shown)
        csv_rows.append(written)
    return rows, csv_rows


def _columns(table: _Table, x_title: str, y_title: str, unit: str) -> list[str]:
    if table.series == [""]:
        return [x_title, header(y_title, unit)]
    return [x_title, *(header(name, unit) for name in table.series)]


def _data(table: _Table, keep_missing: bool = True) -> alt.Data:
    """Rows for the chart; a line keeps missing values (nulls), which break it."""
    return alt.Data(values=[
        {"x": x_label, "series": name, "order": n, "y": _number(table.cells[(x_label, name)].value)}
        for x_label in table.xs for n, name in enumerate(table.series)
        if (x_label, name) in table.cells
        and (keep_missing or table.cells[(x_label, name)].value is not None)
    ])


def _number(value: object) -> object:
    """Decimals (``kpis.percent``'s values) as floats for the chart's JSON."""
    return float(value) if isinstance(value, Decimal) else value


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _at(table: _Table, x_label: str, decimals: int, unit: str) -> list[str]:
    """"Kent 52.1%" for each series with a value at ``x_label``."""
    found = []
    for name in table.series:
        cell = table.cells.get((x_label, name))
        if cell is not None and cell.value is not None:
            value = with_unit(display(cell.value, decimals), unit)
            found.append(f"{name} {value}" if name else value)
    return found


def _colour(table: _Table, title: str | None) -> dict:
    if table.series == [""]:
        return {}
    domain = table.series
    palette = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(len(domain))]
    return {"color": alt.Color("series:N", title=title, sort=domain,
                               scale=alt.Scale(domain=domain, range=palette))}


def _figure(id: str, caption: str, table: _Table, chart: alt.Chart, alt_text: str,
            x_title: str, y_title: str, unit: str, decimals: int,
            notes: list[str], counts: Sequence[tuple[str, dict[str, str]]] = ()) -> Figure:
    rows, csv_rows = _body(table, decimals)
    for shown, written, x_label in zip(rows, csv_rows, table.xs, strict=True):
        for _, texts in counts:
            text = texts.get(x_label, "")
            shown.append(text)
            written.append(text.replace(",", ""))
    if not table.xs:
        notes = [*notes, "There is no data for this chart."]
    if any(cell.symbol for cell in table.cells.values()):
        notes = [*notes, "Suppressed values are not shown in the chart; the table marks "
                         "them with a symbol (c confidential, x unavailable)."]
    return Figure(
        id=id,
        caption=caption,
        svg=render(chart.properties(width=WIDTH, height=HEIGHT)),
        alt=alt_text,
        columns=[*_columns(table, x_title, y_title, unit), *(title for title, _ in counts)],
        rows=rows,
        notes=notes,
        csv_rows=csv_rows,
        numeric=(False, *(True for _ in table.series), *(True for _ in counts)),
    )


def _span(table: _Table) -> str:
    if not table.xs:
        return ": there is no data"
    if len(table.xs) == 1:
        return f" for {table.xs[0]}"
    return f" from {table.xs[0]} to {table.xs[-1]}"


def line_figure(
    id: str,
    caption: str,
    frame: pl.DataFrame,
    x: str,
    y: str,
    series: str | None,
    y_title: str,
    unit: str = "",
    *,
    x_title: str | None = None,
    series_title: str | None = None,
    suppressed: str | None = None,
    decimals: int = 1,
    notes: tuple[str, ...] = (),
    counts: Sequence[tuple[str, dict[str, str]]] = (),
) -> Figure:
    """One line per series (e.g. the area, England, its region, its statistical
    neighbours' average) over ``x`` (e.g. year), in the frame's order. ``counts``:
    (column title, {x label: count as shown}) columns after the series, e.g. the
    numerator and denominator behind a percentage (in the table and the CSV only)."""
    table = _table(frame, x, y, series, suppressed)
    x_title = x_title or x
    axis_x = alt.X("x:O", sort=table.xs, title=x_title, axis=alt.Axis(labelAngle=0))
    encoding = _colour(table, series_title)
    if encoding:
        encoding["shape"] = alt.Shape("series:N", title=series_title, sort=table.series,
                                      scale=alt.Scale(domain=table.series,
                                                      range=list(SHAPES)))
    chart = (
        alt.Chart(_data(table))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=50), strokeWidth=2.5,
                   **({} if encoding else {"color": SERIES_COLOURS[0]}))
        .encode(x=axis_x, y=alt.Y("y:Q", title=header(y_title, unit)),
                detail="series:N", **encoding)
    )
    what = f"Line chart of {y_title} by {x_title}"
    if table.series != [""]:
        what += f" for {_join(table.series)}"
    latest = _at(table, table.xs[-1], decimals, unit) if table.xs else []
    alt_text = what + _span(table) + (
        f"; in {table.xs[-1]}: {', '.join(latest)}." if latest else ".")
    return _figure(id, caption, table, chart, alt_text, x_title, y_title, unit, decimals,
                   list(notes), counts)


def bar_figure(
    id: str,
    caption: str,
    frame: pl.DataFrame,
    x: str,
    y: str,
    series: str | None = None,
    stacked: bool = False,
    y_title: str = "",
    unit: str = "",
    *,
    x_title: str | None = None,
    series_title: str | None = None,
    suppressed: str | None = None,
    decimals: int = 1,
    notes: tuple[str, ...] = (),
) -> Figure:
    """Bars of ``y`` by ``x``; with ``series``, stacked (e.g. open cases by age band over
    time) or side by side (e.g. placements by type, this year against last)."""
    table = _table(frame, x, y, series, suppressed)
    x_title = x_title or x
    y_title = y_title or y
    axis_x = alt.X("x:N", sort=table.xs, title=x_title,
                   axis=alt.Axis(labelAngle=-45 if len(table.xs) > 8 else 0, labelLimit=180))
    encoding = _colour(table, series_title)
    if encoding and not stacked:
        encoding["xOffset"] = alt.XOffset("series:N", sort=table.series)
    if encoding and stacked:
        encoding["order"] = alt.Order("order:Q")  # the first series at the bottom
    chart = (
        alt.Chart(_data(table, keep_missing=False))
        .mark_bar(**({} if encoding else {"color": SERIES_COLOURS[0]}))
        .encode(x=axis_x,
                y=alt.Y("y:Q", title=header(y_title, unit), stack="zero" if stacked else None,
                         scale=alt.Scale(zero=True, nice=True)),
                **encoding)
    )
    kind = "Stacked bar chart" if stacked and encoding else "Bar chart"
    what = f"{kind} of {y_title} by {x_title}"
    if encoding:
        what += f" and {series_title or series}"
    if not table.xs:
        alt_text = what + _span(table) + "."
    elif encoding:
        latest = _at(table, table.xs[-1], decimals, unit)
        alt_text = what + _span(table) + (
            f"; in {table.xs[-1]}: {', '.join(latest)}." if latest else ".")
    else:
        present = [(c.value, x_label) for (x_label, _), c in table.cells.items()
                   if c.value is not None]
        top = max(present, key=lambda p: p[0]) if present else None
        alt_text = what + _span(table) + (
            f"; the highest is {top[1]} at {with_unit(display(top[0], decimals), unit)}."
            if top else ".")
    return _figure(id, caption, table, chart, alt_text, x_title, y_title, unit, decimals,
                   list(notes))
