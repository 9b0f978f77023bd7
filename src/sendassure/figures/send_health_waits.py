"""SEND x health by service: children with an EHC plan or open assessment waiting for
each service on a date, in the band of their longest open wait there (0-18, 18-52, over
52 weeks), as ``health send-health`` and the SEND x health page show them. One measure
per service of the shipped referral vocabulary (``health/data/referral_services.csv``);
services an area adds to its own vocabulary count under "other services".

Disclosure-controlled for aggregate audiences like the rest of the stream: each
service's bands add up to its total. A child waiting for two services counts in each,
so services do not add up to the children waiting (``send_children_waiting``)."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from sendassure.kpis.disclosure import Rules
from sendassure.kpis.periods import MONTH
from sendassure.kpis.results import Result

from .registry import STOCK, Family, Measure, register
from .send_health import STREAM, Snapshot, population

SHIPPED = (Path(__file__).resolve().parents[1] / "health" / "data"
           / "referral_services.csv")
OTHER = "other"
BANDS = (("0_18_weeks", "weeks_0_18", "up to 18 weeks"),
         ("18_52_weeks", "weeks_18_52", "over 18 and up to 52 weeks"),
         ("over_52_weeks", "weeks_over_52", "over 52 weeks"))


def _services() -> dict[str, str]:
    """The shipped vocabulary, code -> name, and "other"."""
    with SHIPPED.open(encoding="utf-8-sig", newline="") as handle:
        found = {row["code"].strip().lower(): row["name"].strip()
                 for row in csv.DictReader(handle)}
    return {**found, OTHER: "Other services"}


SERVICES = _services()


def total_of(service: str) -> str:
    return f"send_waiting_{service}"


def band_of(service: str, band: str) -> str:
    """The measure of ``service``'s wait band (a ``health.send_health.figures.BANDS``
    name, e.g. "weeks_18_52")."""
    suffix = next(short for short, long, _ in BANDS if long == band)
    return f"send_waiting_{service}_{suffix}"


FIELDS = [name for code in SERVICES for name in
          (total_of(code), *(band_of(code, long) for _, long, _ in BANDS))]
SendHealthWaits = dataclasses.make_dataclass(
    "SendHealthWaits", [(name, int | None) for name in FIELDS], bases=(Result,), frozen=True)


def summarise(rows: list[Snapshot]) -> Result:
    held = [r.figures.waiting for r in rows if r.figures.waiting is not None]
    if not held:
        return SendHealthWaits(*[None] * len(FIELDS))
    counts = dict.fromkeys(FIELDS, 0)
    for found in held:
        for service, shown in found["services"].items():
            code = service if service in SERVICES else OTHER
            counts[total_of(code)] += shown["total"]
            for _, long, _ in BANDS:
                counts[band_of(code, long)] += shown[long]
    return SendHealthWaits(**counts)


def _name(service: str) -> str:
    """"Speech and language therapy" -> "speech and language therapy"; "ADHD ..." kept."""
    name = SERVICES[service]
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _measures(service: str) -> tuple[Measure, ...]:
    what = _name(service)
    label = f"Children with an EHC plan or open assessment waiting for {what}"
    first = Measure(total_of(service), label, "count", "down",
                    f"Children with an EHC plan or open assessment linked to a referral to "
                    f"{what} open on the date, each counted once"
                    + (" (services not in the shipped vocabulary)." if service == OTHER
                       else f" (service code '{service}')."))
    return (first, *(Measure(band_of(service, long), f"{label}, {words}", "count", "down",
                             f"Of those, children whose longest open wait for it is "
                             f"{words}.") for _, long, words in BANDS))


register(Family(
    name="send_health_waits",
    title="SEND x health: children with plans or open assessments waiting, by service",
    stream=STREAM, kind=STOCK, period_kind=MONTH,
    definition=("On a date, children with an EHC plan active or an EHC needs assessment open "
                "(SEN2 records) linked through the identifiers file to referrals open on "
                "the date, by service: each child once per service, in the band of their "
                "longest open wait for it (up to 18 weeks: 126 days or fewer; 18-52: 127 to "
                "364 days; over 52: 365 or more)."),
    population=population, summarise=summarise, result=SendHealthWaits,
    rules=Rules(lines=tuple(((tuple(band_of(s, long) for _, long, _ in BANDS)), total_of(s))
                            for s in SERVICES)),
    statutory_section=False,
    exclusions=("Children not in the identifiers file; with no identifiers file held, no "
                "value."),
    measures=tuple(m for s in SERVICES for m in _measures(s)),
))
