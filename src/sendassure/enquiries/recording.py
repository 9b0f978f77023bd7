"""Recording an enquiry and what happens to it, from the hub's forms: each function
checks what it is given, returns the problems as (field, message) and saves nothing
unless there are none. Free text is scrubbed of names and full postcodes; a case is
found by its UPN among the area's children, and only the link is kept."""

from __future__ import annotations

from datetime import date

from sendassure.core import versions
from sendassure.core.scrub import scrub
from sendassure.kpis.periods import date_input

from .importing import VERSION_KEY
from .models import Enquiry, Escalation
from .promises import promised
from .vocabulary import vocabulary

Problems = list[tuple[str, str]]
EARLIEST = date(2014, 9, 1)


def _day(data, field: str, what: str) -> tuple[date | None, str]:
    """A date from the form's GOV.UK date input ``FIELD-day``, ``-month``, ``-year``."""
    return date_input(data, field, what, earliest=EARLIEST)


def _person(la: str, upn: str):
    from sendassure.casework.models import PersonIdentity

    found = PersonIdentity.objects.filter(person__la=la, upn=upn.strip().upper()).first()
    return found.person if found else None


def record(la: str, data) -> tuple[Enquiry | None, Problems]:
    """A new enquiry from the form's ``reference``, ``received_on`` (day, month, year), ``channel``,
    ``category``, optional ``upn`` and ``summary``."""
    words = vocabulary()
    problems: Problems = []
    reference = (data.get("reference") or "").strip()
    if not reference or len(reference) > 40:
        problems.append(("reference", "Enter a reference of 40 characters or fewer"))
    elif Enquiry.objects.filter(la=la, reference=reference).exists():
        problems.append(("reference", "An enquiry with this reference is already held"))
    received, problem = _day(data, "received_on", "The date received")
    if received is None:
        problems.append(("received_on-day", problem or "Enter the date received"))
    channel, category = data.get("channel", ""), data.get("category", "")
    if channel not in words.channels:
        problems.append(("channel", "Choose how the enquiry came in"))
    if category not in words.categories:
        problems.append(("category", "Choose what the enquiry is about"))
    person = None
    if (data.get("upn") or "").strip():
        person = _person(la, data["upn"])
        if person is None:
            problems.append(("upn", "No child with this UPN is held for the area"))
    summary = scrub(data.get("summary") or "")
    if len(summary) > 4000:
        problems.append(("summary", "Describe the enquiry in 4,000 characters or fewer"))
    if problems:
        return None, problems
    enquiry = Enquiry.objects.create(la=la, reference=reference, received_on=received,
                                     channel=channel, category=category, person=person,
                                     summary=summary, source="recorded in the hub",
                                     **promised(received, category, words))
    versions.changed([VERSION_KEY], [la])  # the figures service counts it from now
    return enquiry, []


def update(enquiry: Enquiry, data) -> Problems:
    """Who has it (``assigned_to``), and the dates of the reply, the latest update and
    closure (each a day, month and year; all blank: not yet)."""
    problems: Problems = []
    assigned = " ".join((data.get("assigned_to") or "").split())
    if len(assigned) > 150:
        problems.append(("assigned_to", "Enter 150 characters or fewer"))
    dates = {}
    for field, what in (("replied_on", "The date replied"),
                        ("updated_on", "The date of the latest update"),
                        ("closed_on", "The date closed")):
        dates[field], problem = _day(data, field, what)
        if problem:
            problems.append((f"{field}-day", problem))
        elif dates[field] and dates[field] < enquiry.received_on:
            problems.append((f"{field}-day",
                             f"{what} cannot be before the enquiry was received"))
    if problems:
        return problems
    enquiry.assigned_to = assigned
    for field, value in dates.items():
        setattr(enquiry, field, value)
    enquiry.save(update_fields=["assigned_to", *dates])
    versions.changed([VERSION_KEY], [enquiry.la])
    return []


def escalate(enquiry: Enquiry, data, recorded_by: str) -> Problems:
    """Who it went to (a role or team), when and why."""
    problems: Problems = []
    to = scrub(" ".join((data.get("escalated_to") or "").split()))
    if not to or len(to) > 150:
        problems.append(("escalated_to", "Enter the role or team, 150 characters or fewer"))
    on, problem = _day(data, "escalated_on", "The date escalated")
    if on is None:
        problems.append(("escalated_on-day", problem or "Enter the date escalated"))
    elif on < enquiry.received_on:
        problems.append(("escalated_on-day",
                         "The date escalated cannot be before the enquiry was received"))
    reason = scrub(data.get("reason") or "")
    if not reason or len(reason) > 2000:
        problems.append(("reason", "Enter why, in 2,000 characters or fewer"))
    if problems:
        return problems
    Escalation.objects.create(enquiry=enquiry, escalated_on=on, escalated_to=to,
                              reason=reason, recorded_by=recorded_by)
    versions.changed([VERSION_KEY], [enquiry.la])
    return []
