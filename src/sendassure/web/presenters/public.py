"""The public page: the partnership's headline measures (disclosure-controlled, as any
aggregate audience sees them, each with the period it is for and when its data ends),
"you said, we did" entries marked public, and the next progress review after the data's
end. Each figure comes from the figures service, from its own stream."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sendassure.figures.registry import measure as registered
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P

# (stream, measure, kind of period): the headline measures, in the order shown
HEADLINES = (
    ("sen2", "pc_plans_issued_within_20_weeks", P.ROLLING_12),
    ("sen2", "open_over_52_weeks", P.POINT_IN_TIME),
    ("sen2", "pc_decided_within_6_weeks", P.ROLLING_12),
    ("quality", "pc_good_or_better", P.QUARTER),
    ("complaints", "pc_complaints_on_time", P.ROLLING_12),
    ("enquiries", "pc_enquiries_on_time", P.ROLLING_12),
    # a survey wave is read whole: the calendar year holding the latest answers
    ("surveys", "pc_survey_confidence_agree", P.CALENDAR_YEAR),
)
# a share from a survey is shown with its 95% interval, never bare
INTERVALS = {"pc_survey_confidence_agree": ("survey_confidence_ci_low",
                                            "survey_confidence_ci_high")}


@dataclass(frozen=True)
class Headline:
    label: str
    text: str
    period: str
    data: str  # "Data to 16 Jan 2025, ..."


def headlines(la: str) -> tuple[list[Headline], date | None]:
    """The headline figures and the date the case records end (None without data)."""
    out, ends = [], None
    sets = {}
    for stream, name, kind in HEADLINES:
        if stream not in sets:
            sets[stream] = figures_for([la], controlled=True, stream=stream)
        figures = sets[stream]
        known = figures.currency.data_to
        if stream == "sen2":
            ends = known
        if known is None:
            continue
        if kind == P.POINT_IN_TIME:
            period = P.point(figures.as_of)
        elif name in INTERVALS:
            period = P.containing(kind, figures.as_of)
        else:
            period = P.latest_complete(kind, figures.as_of)
        figure = figures.figure(name, period)
        text = figure.display
        if name in INTERVALS and figure.shown:
            low, high = (figures.figure(n, period) for n in INTERVALS[name])
            text += f" (95% interval {low.display} to {high.display})"
        out.append(Headline(registered(name).label, text, period.label,
                            figures.currency.describe()))
    return out, ends


def next_review(la: str, after: date | None) -> date | None:
    from sendassure.plan.models import ReviewDate

    if after is None:
        return None
    found = ReviewDate.objects.filter(plan__la=la, date__gt=after).order_by("date").first()
    return found.date if found else None


def said_and_did(la: str, limit: int = 10) -> list:
    from sendassure.plan.models import CoProduction

    return list(CoProduction.objects.filter(plan__la=la, public=True)
                .order_by("-said_on", "-id")[:limit])
