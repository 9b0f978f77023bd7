"""A hand-worked SEND x health fixture for area 886 (no real child: UPNs made up with
their check letters worked by hand, NHS numbers of the never-issued 999 range).

UPN check letters, e.g. J886000000001: 8*2 + 8*3 + 6*4 + 1*13 = 77, 77 mod 23 = 8,
the alphabet A-Z without I, O, S at 8 is J. NHS numbers past tests/health/referrals'
CHILD_A-D, e.g. 9990000050: 9*10 + 9*9 + 9*8 + 5*2 = 253, 253 mod 11 = 0, check 11 -> 0.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sendassure.casework.models import ActivePlan, Assessment, NamedPlan, Person, Request
from sendassure.core import versions
from sendassure.ingest.models import ImportRun

from ..referrals.extracts import CHILD_A, CHILD_B, CHILD_C, CHILD_D, row

CHILD_E, CHILD_F, CHILD_G, CHILD_H = "9990000050", "9990000069", "9990000077", "9990000085"
UPN_1, UPN_2, UPN_3, UPN_4, UPN_5, UPN_6 = ("J886000000001", "Y886000000002",
                                            "M886000000003", "B886000000004",
                                            "Q886000000005", "E886000000006")
AS_OF = date(2024, 6, 30)


def write_identifiers(path: Path, rows: list[tuple[str, str]],
                      header=("upn", "nhs_number")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# the identifiers file: children 1-5 (child 6 has a plan but is not in the file)
PAIRS = [(UPN_1, CHILD_A), (UPN_2, CHILD_B), (UPN_3, CHILD_C), (UPN_4, CHILD_D),
         (UPN_5, CHILD_E)]


def make_cases() -> None:
    """1 plan since 2022; 2 assessment open (received 2024-03-01, decided to assess
    2024-04-01, no outcome); 3 request refused 2023-07-01 (neither); 4 plan ceased
    2024-05-01 (neither on 2024-06-30); 5 plan; 6 plan, not in the identifiers file."""
    run = ImportRun.objects.create(la="886", file_name="r.xml", file_hash="x" * 64,
                                   file_format="xml", reference_date="2024-07-18",
                                   status="stored")

    def person(upn: str) -> Person:
        from sendassure.core.identity import identity_key
        from sendassure.health.send_health.identifiers import upn_key

        return Person.objects.create(la="886", import_run=run, reference_date="2024-07-18",
                                     match_key=upn_key(upn, identity_key()))

    def request(who: Person, received: str, outcome: str, decided: str | None) -> Request:
        return Request.objects.create(la="886", import_run=run, reference_date="2024-07-18",
                                      person=who, digest="d", received_date=received,
                                      match_date=received, request_outcome=outcome,
                                      request_outcome_date=decided)

    def plan(upn: str, cease: str | None = None) -> None:
        made = request(person(upn), "2022-06-01", "Y", "2022-07-01")
        assessed = Assessment.objects.create(request=made, assessment_outcome="Y",
                                             assessment_outcome_date="2022-10-01")
        NamedPlan.objects.create(assessment=assessed, start_date="2022-10-01",
                                 cease_date=cease)
        ActivePlan.objects.create(request=made)

    plan(UPN_1)
    Assessment.objects.create(request=request(person(UPN_2), "2024-03-01", "Y", "2024-04-01"))
    request(person(UPN_3), "2023-06-01", "N", "2023-07-01")
    plan(UPN_4, cease="2024-05-01")
    plan(UPN_5)
    plan(UPN_6)
    # as an import does: what was built from the area's records before is out of date
    versions.changed([versions.records_key("886")], ["886"])


def stopped(on: str) -> dict:
    return {"clock_stop_date": on, "clock_stop_reason": "seen"}


# referral rows; days are counted to 2024-06-30 (2024 is a leap year)
REFERRALS = [
    # (a) waiting
    row(nhs_number=CHILD_A, service="salt", referral_date="2024-02-25"),  # 126 days: 0-18
    row(nhs_number=CHILD_B, service="salt", referral_date="2024-02-24"),  # 127: 18-52
    row(nhs_number=CHILD_C, service="salt", referral_date="2023-01-01"),  # neither
    row(nhs_number=CHILD_D, service="salt", referral_date="2024-01-01"),  # plan ceased
    row(nhs_number=CHILD_E, service="camhs", provider_code="RAT",
        referral_date="2023-07-01"),  # 365 days: over 52
    row(nhs_number=CHILD_E, service="camhs", provider_code="RXX",
        referral_date="2023-07-02"),  # 364: the same child, counted once by the longer
    row(nhs_number=CHILD_A, service="ot", referral_date="2024-05-01",
        first_contact_date="2024-06-30", **stopped("2024-06-30")),  # stopped on as_of
    row(nhs_number=CHILD_A, service="physio", referral_date="2024-06-01",
        first_contact_date="2024-07-05", **stopped("2024-07-05")),  # 29 days, stops later
    row(nhs_number=CHILD_A, service="audiology", referral_date="2024-07-02"),  # after
    # (b) EHC advice (regulation 8): on children who are not linked
    row(nhs_number=CHILD_F, service="paediatrics", referral_date="2024-02-01",
        ehc_advice_requested="2024-03-01", ehc_advice_returned="2024-04-12"),  # 42: within
    row(nhs_number=CHILD_F, service="salt", referral_date="2024-02-01",
        ehc_advice_requested="2024-03-01", ehc_advice_returned="2024-04-13"),  # 43: later
    row(nhs_number=CHILD_F, service="ot", referral_date="2024-02-01",
        ehc_advice_requested="2024-05-19"),  # 42 days waiting: not yet overdue
    row(nhs_number=CHILD_F, service="physio", referral_date="2024-02-01",
        ehc_advice_requested="2024-05-18"),  # 43 days waiting: overdue
    row(nhs_number=CHILD_F, service="dietetics", referral_date="2024-02-01",
        ehc_advice_requested="2024-06-01",
        ehc_advice_returned="2024-07-03"),  # returned after as_of: not yet on it
    row(nhs_number=CHILD_F, service="audiology", referral_date="2024-02-01",
        ehc_advice_requested="2024-07-01"),  # requested after as_of
    # (c) wheelchair: referral to clock stop
    row(nhs_number=CHILD_G, service="wheelchair", referral_date="2024-01-01",
        **stopped("2024-05-06")),  # 126 days: within 18 weeks
    row(nhs_number=CHILD_H, service="wheelchair", referral_date="2024-01-01",
        **stopped("2024-05-07")),  # 127: not
    row(nhs_number=CHILD_G, service="wheelchair", referral_date="2024-03-01"),  # open
    row(nhs_number=CHILD_H, service="wheelchair", referral_date="2024-03-01",
        **stopped("2024-07-01")),  # stops after as_of
    # (c) autism: referral to first contact
    row(nhs_number=CHILD_G, service="asd", referral_date="2024-01-01",
        first_contact_date="2024-04-01"),  # 91 days: within 13 weeks
    row(nhs_number=CHILD_H, service="asd", referral_date="2024-01-01",
        first_contact_date="2024-04-02"),  # 92: not
    row(nhs_number=CHILD_F, service="asd", referral_date="2024-01-02",
        first_contact_date="2024-04-02"),  # 91: within
]
