"""What every dashboard page shares: who is looking at which areas and year, the figure
set every number comes from, and the rows of a summary list.

Aggregate roles (board, forum, reviewer, health, auditor) get disclosure-controlled
figures; casework, analysts and administrators get exact ones. Either way the figures
service computes them and controls them; a presenter only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sendassure.figures.service import Figure, FigureSet
from sendassure.kpis import periods as P


@dataclass
class View:
    """Who is looking, at which areas and year, and the figures they may see."""

    areas: list[str]
    aggregate: bool
    year: int
    figures: FigureSet
    names: dict[str, str] = field(default_factory=dict)
    breakdown: str = ""  # a dimension to break the year's figures down by
    # the areas' plan targets by measure: (value, date), the first link's (``targets_of``)
    targets: dict = field(default_factory=dict)

    def target(self, measure: str, default: float | None = None) -> float | None:
        """The plan's target for ``measure``, else ``default`` (a page's usual target)."""
        found = self.targets.get(measure)
        return float(found[0]) if found else default

    @property
    def as_of(self) -> date:
        return self.figures.as_of

    @property
    def area_label(self) -> str:
        if not self.areas:
            return "no area"
        return ", ".join(self.names.get(code) or code for code in self.areas)

    def year_period(self, year: int | None = None) -> P.Period:
        return P.calendar_year(self.year if year is None else year)

    def stock_period(self, year: int | None = None) -> P.Period:
        """The date a stock is shown at for a year: its 31 December, or the as-of date."""
        end = P.calendar_year(self.year if year is None else year).end
        return P.point(min(end, self.as_of))


def targets_of(areas: list[str]) -> dict[str, tuple[Decimal, date | None]]:
    """The areas' plans' targets by measure: (value, date); where several links set one,
    the first made."""
    from django.db.models import Q

    from sendassure.plan.models import MeasureLink

    if not areas:
        return {}
    links = MeasureLink.objects.filter(
        Q(area__plan__la__in=areas) | Q(action__area__plan__la__in=areas),
        target_value__isnull=False).order_by("id").values_list(
            "kpi", "target_value", "target_date")
    found: dict[str, tuple[Decimal, date | None]] = {}
    for kpi, value, by in links:
        found.setdefault(kpi, (value, by))
    return found


def status_note(figure: Figure) -> str:
    """"" for a final figure; otherwise what the data covers."""
    if figure.status == "partial":
        data_to = figure.data_to
        known = min(figure.period.end, figure.as_of, data_to) if data_to else figure.as_of
        return (f"partial: the data covers {P.long_date(max(figure.period.start, known))}"
                if figure.period.is_point else
                f"partial: the data covers {figure.period.label} only to {P.long_date(known)}")
    if figure.status == "no_data":
        return "no data for this period"
    return ""


def heading(text: str, figure: Figure | None) -> str:
    note = status_note(figure) if figure else ""
    return f"{text} ({note})" if note else text


def summary(figures: dict[str, Figure]) -> list[dict]:
    """Rows (label, value with its unit, DfE name) for a summary list."""
    return [{"name": name, "label": f.measure.label, "value": f.display,
             "unit": f.measure.unit} for name, f in figures.items()]


def count_columns(by_x: dict[str, Figure], denominator: bool = True
                  ) -> list[tuple[str, dict[str, str]]]:
    """The counts behind a percentage at each x (e.g. year): its numerator's and (with
    ``denominator``) its denominator's texts as the figures service gives them (so as
    controlled for an aggregate audience), titled by their measures' labels."""
    from sendassure.figures.registry import measure

    first = next(iter(by_x.values()), None)
    if first is None or not first.measure.numerator or not first.measure.denominator:
        return []
    columns = [(measure(first.measure.numerator).label,
                {x: f.numerator_text for x, f in by_x.items()})]
    if denominator:
        columns.append((measure(first.measure.denominator).label,
                        {x: f.denominator_text for x, f in by_x.items()}))
    return columns


def breakdown_table(view: View, family) -> dict:
    """Every measure of ``family`` for the view's year (flows) or date (stocks), group by
    group of ``view.breakdown``, with the total last: {id, caption, columns, rows}."""
    from sendassure.figures.registry import FLOW
    from sendassure.kpis.breakdowns import DIMENSION_LABELS

    period = view.year_period() if family.kind == FLOW else view.stock_period()
    table = view.figures.table(family.name, period, view.breakdown)
    total = table.pop("")
    names = [m.name for m in family.measures]
    rows = [[group, *(figures[name].display for name in names)]
            for group, figures in table.items()]
    rows.append(["Total", *(total[name].display for name in names)])
    label = DIMENSION_LABELS.get(view.breakdown, view.breakdown)
    first = total[names[0]]
    return {
        "id": f"breakdown-{family.name}",
        "caption": f"{heading(f'{family.title}, {period.label}', first)}, by "
                   f"{label.lower()}, {view.area_label}",
        "columns": [label, *(m.label for m in family.measures)],
        "names": names,
        "rows": rows,
    }
