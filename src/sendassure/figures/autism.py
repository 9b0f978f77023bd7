"""NHS Autism Statistics in the figures service: for the ICB an area falls in, month by
month, patients with a suspected-autism referral open at least 13 weeks (ASD16c: aged 0
to 17) and the proportion of them who had a first appointment within 13 weeks (ASD19,
all ages; ASD19c, aged 0 to 17), so plan area 8 ("ASD and ADHD assessment") links to
them like any other measure.

NHS England publishes these by sub-ICB location; an ICB's figure is summed from its
locations' published counts and its proportions worked out from those sums
(``sendassure.autism.icbs``). Published statistics (Open Government Licence), shown as
published to every audience. A stock taken at a month's end; one area at a time, and
only an area inside one ICB, as for the CHS sitreps (``figures.health``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.periods import MONTH, month_end
from sendassure.kpis.results import Result

from .health import _icb
from .registry import STOCK, DataCurrency, Family, Measure, Stream, register, register_stream

STREAM = "autism_statistics"


def _inputs(areas: Sequence[str]) -> list[dict]:
    from sendassure.autism.icbs import by_month

    icb = _icb(areas)
    if icb is None:
        return []
    return [{"month": month, **{metric: f.value for metric, f in found.items()}}
            for month, found in by_month(icb).items()]


def _currency(areas: Sequence[str]) -> DataCurrency:
    from django.db.models import Max, Min

    from sendassure.autism.models import AutismCell

    icb = _icb(areas)
    if icb is None:
        return DataCurrency(None, None)
    found = AutismCell.objects.filter(icb_code=icb).aggregate(
        first=Min("month"), last=Max("month"), loaded=Max("release__loaded_at"))
    if found["last"] is None:
        return DataCurrency(None, None)
    return DataCurrency(found["first"], month_end(found["last"]),
                        "NHS England Autism Statistics", found["loaded"])


def _version(areas: Sequence[str]) -> str:
    from sendassure.autism.store import VERSION_KEY
    from sendassure.core.versions import current

    return current([VERSION_KEY])


def _areas() -> list[str]:
    from sendassure.autism.icbs import held_icbs
    from sendassure.core.models import Area

    held = set(held_icbs())
    return sorted(code for code in Area.objects.values_list("code", flat=True)
                  if _icb([code]) in held)


register_stream(Stream(STREAM, "NHS Autism Statistics (ICB)", _inputs, _currency,
                       _version, _areas))


@dataclass(frozen=True)
class AutismWaits(Result):
    asd16a: int | None
    asd18: int | None
    asd19: Decimal | None
    asd16c: int | None
    asd18c: int | None
    asd19c: Decimal | None


def population(inputs: list[dict], on) -> list[dict]:
    """The ICB's figures for the latest month ended by ``on``."""
    ended = [r for r in inputs if month_end(r["month"]) <= on]
    return [max(ended, key=lambda r: r["month"])] if ended else []


def summarise(rows: list[dict]) -> AutismWaits:
    row = rows[0] if rows else {}
    return AutismWaits(*(row.get(m) for m in ("ASD16a", "ASD18", "ASD19", "ASD16c",
                                               "ASD18c", "ASD19c")))


def _published(metric: str) -> str:
    from sendassure.autism.metrics import DEFINITIONS

    return f"{metric}: {DEFINITIONS[metric]} (NHS England's definition)."


SUMMED = (" The ICB's figure is the sum of its sub-ICB locations' published counts (each "
          "rounded to the nearest 5); suppressed ones are left out of the sum.")
RATIO = (" Worked out for the ICB from the summed counts, not averaged, as a percentage by "
         "the project's rule.")

register(Family(
    name="autism_waits", title="Suspected autism referrals open 13 weeks or more (ICB)",
    stream=STREAM, kind=STOCK, period_kind=MONTH,
    definition=("NHS England's Autism Statistics (Mental Health Services Data Set) for the "
                "area's integrated care board in a month: patients with a suspected-autism "
                "referral open at least 13 weeks, and the proportion of them who had a first "
                "appointment within 13 weeks. Published by sub-ICB location; an ICB's counts "
                "are the sums of its locations' published counts (rounded to 5), its "
                "proportions worked out from those sums. On a date, the latest month that "
                "had ended by then."),
    population=population, summarise=summarise, result=AutismWaits, rules=Rules(),
    statutory_section=False, published=True,
    exclusions=("Areas spanning more than one ICB (no value); suppressed ('*') sub-ICB "
                "counts are left out of the ICB's sums; age-group breakdowns."),
    measures=(
        Measure("asd16a", "Patients with a suspected-autism referral open 13 weeks or more",
                "count", "down", _published("ASD16a") + SUMMED),
        Measure("asd18", "Of those, first appointment within 13 weeks", "count", "up",
                _published("ASD18") + SUMMED),
        Measure("asd19", "% with a suspected-autism referral open 13 weeks or more who had "
                "a first appointment within 13 weeks", "percent", "up",
                _published("ASD19") + RATIO, "asd18", "asd16a"),
        Measure("asd16c", "Children (0 to 17) with a suspected-autism referral open 13 "
                "weeks or more", "count", "down", _published("ASD16c") + SUMMED),
        Measure("asd18c", "Of those children, first appointment within 13 weeks", "count",
                "up", _published("ASD18c") + SUMMED),
        Measure("asd19c", "% of children (0 to 17) with a suspected-autism referral open 13 "
                "weeks or more who had a first appointment within 13 weeks", "percent", "up",
                _published("ASD19c") + RATIO, "asd18c", "asd16c"),
    ),
))
