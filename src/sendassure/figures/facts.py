"""The fact table: refreshing it, and reading it back.

``refresh(la)`` computes every figure of the area's default view (as known on the data's
end) exactly and as an aggregate audience sees it, and replaces the area's rows. It runs
in the same transaction as whatever changed the inputs (``core.versions.data_changed``),
and from ``sendassure figures rebuild``. Stored facts are used only while they match
both the inputs' version and the code that computes them (``COMPUTED_BY``, a digest of
the measure code): after a change to either, figures are computed afresh until the next
refresh, never read stale.

Stored: every flow family for every month, quarter, calendar year and rolling 12 months
the data covers (what pages, plans and packs show by default; financial and academic
years and rolling 3 months are computed when asked); every stock family at each month
end and on the data's end; and every breakdown of the two latest complete calendar years
(flows) and of the two latest year ends and the data's end (stocks), except by locality
(tens of postcode districts). Anything else is computed when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import transaction

from sendassure.kpis import periods as P

from .compute import NO_DATA, Knowledge
from .control import TOTAL
from .models import Fact, FactsRefresh
from .registry import FAMILIES, FLOW, STREAMS, Family
from .stored import COMPUTED_BY, fresh, stored

ON_DEMAND = ("locality",)  # breakdowns not stored
STORED_KINDS = (P.MONTH, P.QUARTER, P.CALENDAR_YEAR, P.ROLLING_12)
BREAKDOWN_YEARS = 2


def flow_periods(knowledge: Knowledge) -> list[P.Period]:
    known, start = knowledge.known, knowledge.currency.data_from
    found = []
    for kind in STORED_KINDS:
        found += [p for p in P.between(kind, start or known, known)
                  if knowledge.status(p) != NO_DATA]
    return found


def stock_dates(knowledge: Knowledge) -> list[P.Period]:
    known, start = knowledge.known, knowledge.currency.data_from
    return P.between(P.POINT_IN_TIME, start or known, known)


def periods_of(family: Family, knowledge: Knowledge) -> list[P.Period]:
    return flow_periods(knowledge) if family.kind == FLOW else stock_dates(knowledge)


def breakdown_periods(family: Family, knowledge: Knowledge) -> list[P.Period]:
    """The periods breakdowns are stored for: the two latest complete calendar years
    (flows), or the two latest year ends and the data's end (stocks)."""
    if family.kind == FLOW:
        years = [p for p in flow_periods(knowledge)
                 if p.kind == P.CALENDAR_YEAR and knowledge.status(p) == P.FINAL]
        return years[-BREAKDOWN_YEARS:]
    dates = stock_dates(knowledge)
    ends = [p for p in dates if (p.end.month, p.end.day) == (12, 31)][-BREAKDOWN_YEARS:]
    return ends + [p for p in dates[-1:] if p not in ends]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _rows(la, family: Family, period, breakdown, knowledge, values: dict, texts: dict):
    status = knowledge.status(period)
    by_name = {m.name: m for m in family.measures}
    for name, value in values.items():
        m = by_name.get(name)
        yield Fact(
            la=la, family=family.name, measure=name, period=period.key,
            period_kind=period.kind, period_start=period.start, period_end=period.end,
            breakdown=breakdown, as_of=knowledge.as_of, status=status, value=_decimal(value),
            numerator=values.get(m.numerator) if m and m.numerator else None,
            denominator=values.get(m.denominator) if m and m.denominator else None,
            shown=texts.get(name, "x")[:24], computed_by=COMPUTED_BY,
        )


def compute_facts(la: str, progress: Callable[[int, int], None] | None = None) -> list[Fact]:
    from .service import figures_for

    exact = figures_for([la])
    controlled = figures_for([la], controlled=True)
    knowledge = exact.knowledge
    if knowledge.known is None:
        return []
    rows: list[Fact] = []
    families = [f for f in FAMILIES.values() if f.stream == "sen2"]
    for done, family in enumerate(families, start=1):
        for period in periods_of(family, knowledge):
            values = exact.result(family, period).as_dict()
            rows += _rows(la, family, period, "", knowledge, values,
                          controlled._texts(family, period))
        for period in breakdown_periods(family, knowledge):
            for dimension in [d for d in family.breakdowns if d not in ON_DEMAND]:
                for group, result in exact.groups(family, period, dimension).items():
                    breakdown = f"{dimension}={group}"
                    rows += _rows(la, family, period, breakdown, knowledge, result.as_dict(),
                                  controlled._texts(family, period, breakdown))
        if progress:
            progress(done, len(families))
    return rows


def refresh(la: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Replace the area's facts; returns the rows stored. Call inside a transaction."""
    rows = compute_facts(la, progress)
    stream = STREAMS["sen2"]
    Fact.objects.filter(la=la).delete()
    Fact.objects.bulk_create(rows, batch_size=2000)
    currency = stream.currency([la])
    FactsRefresh.objects.update_or_create(la=la, defaults={
        "inputs": stream.version([la]), "computed_by": COMPUTED_BY,
        "as_of": currency.data_to, "rows": len(rows)})
    return len(rows)


def rebuild(areas: Iterable[str] | None = None,
            progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Refresh every area with data (or ``areas``), each in its own transaction; areas
    that no longer have data lose their facts."""
    with_data = set(STREAMS["sen2"].areas())
    chosen = sorted(set(areas) if areas else with_data | set(
        FactsRefresh.objects.values_list("la", flat=True)))
    done = {}
    for la in chosen:
        with transaction.atomic():
            done[la] = refresh(la, (lambda d, t, la=la: progress(la, d, t)) if progress
                               else None)
    return done


def on_data_changed(sender, keys, areas, **kwargs) -> None:
    """Receiver of ``core.versions.data_changed``: refresh the areas it names (all areas
    with facts when it names none), in the sender's transaction."""
    from django.conf import settings

    if not getattr(settings, "FIGURES_FACTS", True):
        return
    targets = areas if areas is not None else list(
        FactsRefresh.objects.values_list("la", flat=True))
    for la in targets:
        refresh(la)


__all__ = ["COMPUTED_BY", "TOTAL", "compute_facts", "fresh", "on_data_changed", "rebuild",
           "refresh", "stored"]
