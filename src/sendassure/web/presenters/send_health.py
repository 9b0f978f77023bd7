"""The SEND x health page's tables, every cell from the figures service (families
``send_health`` and ``send_health_waits``, stream ``send_health``) on one date: exact for
an audience that may see them, controlled (``c``: fewer than 5, or a figure that would
give one away) for every other one. No child is listed."""

from __future__ import annotations

from decimal import Decimal

from sendassure.figures.send_health_waits import BANDS, OTHER, SERVICES, band_of, total_of
from sendassure.figures.service import FigureSet
from sendassure.kpis import periods as P

from .complaints import Table

CHILDREN = ("send_children", "send_children_linked", "send_children_waiting",
            "send_children_waiting_ehc_plan", "send_children_waiting_open_assessment",
            "send_children_waiting_over_18_weeks", "pc_send_children_waiting_over_18_weeks",
            "send_children_waiting_over_52_weeks", "pc_send_children_waiting_over_52_weeks")
ADVICE = ("ehc_health_advice_requested", "ehc_health_advice_within_6_weeks",
          "ehc_health_advice_returned_later", "ehc_health_advice_overdue",
          "ehc_health_advice_decided", "pc_ehc_health_advice_within_6_weeks")
STANDARDS = (("Wheelchair equipment within 18 weeks", "wheelchair_clock_stops",
              "wheelchair_within_18_weeks", "pc_wheelchair_within_18_weeks", "92.0"),
             ("Autism assessment first appointment within 13 weeks",
              "autism_first_appointments", "autism_first_appointment_within_13_weeks",
              "pc_autism_first_appointment_within_13_weeks", None))
CONTROLLED_NOTE = ("c: fewer than 5, or a figure that would give one away (counts of "
                   "children are controlled for this audience).")


def _figures_table(id_: str, caption: str, found: dict, names, notes) -> Table:
    return Table(id_, caption, ["Figure", "Value"],
                 [[found[n].measure.label, found[n].display] for n in names], (False, True),
                 notes)


def _by_service(found: dict, caption: str, notes) -> Table:
    rows = []
    for code, name in SERVICES.items():
        total = found[total_of(code)]
        if code == OTHER and total.text == "0":
            continue
        rows.append([name, total.display,
                     *(found[band_of(code, long)].display for _, long, _ in BANDS)])
    return Table("by-service", caption, ["Service", "Waiting", "Up to 18 weeks",
                 "18 to 52 weeks", "Over 52 weeks"], rows, (False, True, True, True, True),
                 notes)


def _meets(figure, standard: str | None) -> str:
    if standard is None:
        return "No national standard"
    if not figure.shown or figure.value is None:
        return "Not known"
    return "Yes" if figure.value >= Decimal(standard) else "No"


def _standards(found: dict, caption: str, notes) -> Table:
    rows = [[label, found[den].display, found[num].display, found[pc].display,
             f"{standard}%" if standard else "None", _meets(found[pc], standard)]
            for label, den, num, pc, standard in STANDARDS]
    return Table("standards", caption, ["Standard", "Completed", "Within the standard's "
                 "weeks", "% within", "Standard", "Meets the standard"], rows,
                 (False, True, True, True, True, False), notes)


def tables(figures: FigureSet) -> list[Table]:
    """The page's tables as the figure set's audience sees them, on its date."""
    on = P.point(figures.knowledge.known or figures.as_of)
    found = {**figures.family("send_health", on), **figures.family("send_health_waits", on)}
    when = P.long_date(on.end)
    notes = [figures.currency.describe()]
    if figures.controlled:
        notes.append(CONTROLLED_NOTE)
    linked = found["send_children"].text not in ("z", "x")  # no value: no identifiers file
    out = []
    if linked:
        out += [_figures_table("children", f"Children with an EHC plan or open assessment "
                               f"waiting for health services, {when}", found, CHILDREN, notes),
                _by_service(found, f"Children with an EHC plan or open assessment waiting, "
                            f"by service and the band of their longest wait, {when}", notes)]
    out += [_figures_table("ehc-advice", f"Health advice for EHC needs assessments "
                           f"(regulation 8: within 6 weeks), {when}", found, ADVICE, notes),
            _standards(found, f"Wheelchair and autism assessment standards, {when}", notes)]
    return out
