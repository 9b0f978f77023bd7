"""A chart as the ONS / Analysis Function present one: a captioned figure, a static SVG,
a one-sentence text alternative, notes, and the data behind it as a table and as CSV.

SVGs come from Altair specs rendered on the server by ``vl_convert`` (no browser, no
network); the same spec always gives the same bytes. Pages show them with
``<img src="data:...">`` because the Content-Security-Policy forbids the inline styles a
Vega SVG carries, while ``img-src`` allows ``data:``.
"""

from __future__ import annotations

import base64
import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

import altair as alt
import vl_convert

WIDTH = 640
HEIGHT = 300
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"  # Liberation Sans: Arial's metrics
VEGA_LITE_VERSION = "6.4"  # the schema Altair 6.3 writes

# GOV.UK Frontend palette
BLUE = "#1d70b8"
RED = "#d4351c"
ORANGE = "#f47738"
GREEN = "#00703c"
GREY = "#505a5f"
PURPLE = "#4c2c92"
BLACK = "#0b0c0c"
LIGHT_BLUE = "#5694ca"
PINK = "#d53880"
# series colours in order; distinct to most colour-vision types when few are used
SERIES_COLOURS = (BLUE, ORANGE, GREEN, GREY, PURPLE, RED, LIGHT_BLUE, PINK)

Cell = str | int | float | Decimal | None


@dataclass(frozen=True)
class Figure:
    id: str  # slug, unique on the page: ?figure=<id>&format=csv
    caption: str  # "Figure: EHC plans issued within 20 weeks, by month of issue, Kent"
    svg: str  # SVG markup from vl_convert
    alt: str  # one-sentence text alternative
    columns: list[str]  # data table header
    rows: list[list[str]]  # data table body, formatted for display
    notes: list[str]
    # CSV body with raw values (full precision, no thousands separators); rows if empty
    csv_rows: list[list[str]] = field(default_factory=list)
    # which columns hold numbers (right-aligned in the table)
    numeric: tuple[bool, ...] = ()

    @property
    def table_caption(self) -> str:
        """The caption of the data table: "Table: ..." for "Figure: ..."."""
        if self.caption.startswith("Figure: "):
            return "Table: " + self.caption.removeprefix("Figure: ")
        return "Table: " + self.caption

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.csv_rows or self.rows)
        return out.getvalue()

    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode("utf-8")).decode("ascii")
        return "data:image/svg+xml;base64," + encoded


def render(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG: fixed size, GOV.UK colours and type, deterministic."""
    spec = chart.to_dict()
    spec.setdefault("config", {}).update(
        {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 13, "titleFontSize": 14, "labelColor": BLACK,
                     "titleColor": BLACK, "gridColor": "#e5e6e7", "domainColor": GREY,
                     "tickColor": GREY},
            "legend": {"labelFontSize": 13, "titleFontSize": 14, "labelColor": BLACK,
                       "titleColor": BLACK, "orient": "bottom", "direction": "horizontal",
                       "labelLimit": 300},
        }
    )
    return vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION)


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def rounded(value: float | Decimal, decimals: int = 1) -> Decimal:
    """The exact decimal value rounded half up, as DfE rounds (``kpis.percent``)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def display(value: Cell | date, decimals: int = 1) -> str:
    """A value for the table: counts with thousands separators, rates to ``decimals``
    places rounded half up (45.25 -> 45.3)."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float | Decimal):
        return f"{rounded(value, decimals):,.{decimals}f}"
    if isinstance(value, datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return str(value)


def raw(value: Cell | date) -> str:
    """A value for the CSV: full precision (to 6 decimal places), ISO dates, no separators."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        short = round(value, 6)
        return str(int(short)) if short.is_integer() else repr(short)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 41.30 -> 41.3, 1E+2 -> 100
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def with_unit(value: str, unit: str) -> str:
    """``41.3`` + ``%`` -> ``41.3%``; other units after a space (``12 weeks``)."""
    if not value or not unit:
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def header(title: str, unit: str) -> str:
    return f"{title} ({unit})" if unit else title
