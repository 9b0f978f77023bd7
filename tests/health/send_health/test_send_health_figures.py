"""SEND x health in the figures service (families ``send_health`` and
``send_health_waits``): the same figures as ``health send-health`` (both are
``health.send_health.figures`` on a date), dated by the referral extracts, exact for
casework roles and disclosure-controlled for aggregate audiences. Every count is worked
by hand in ``cases.py``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from sendassure.figures.registry import FAMILIES
from sendassure.figures.send_health_waits import FIELDS
from sendassure.figures.service import figures_for
from sendassure.health.referrals.store import load_extract
from sendassure.health.send_health.identifiers import load_identifiers
from sendassure.kpis import periods as P

from ..referrals.extracts import row, write_extract
from .cases import AS_OF, PAIRS, REFERRALS, make_cases, write_identifiers

pytestmark = pytest.mark.django_db
ON = P.point(AS_OF)


@pytest.fixture
def loaded(tmp_path):
    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    load_identifiers(write_identifiers(tmp_path / "ids.csv", PAIRS), "886")


def _values(name: str, controlled: bool = False, period=ON) -> dict:
    figures = figures_for(["886"], AS_OF, controlled=controlled, stream="send_health")
    return {k: f.value for k, f in figures.family(name, period).items()}


def _texts(name: str, controlled: bool, as_of: date | None = AS_OF) -> dict:
    """As shown on ``as_of`` (None: the data's end)."""
    figures = figures_for(["886"], as_of, controlled=controlled, stream="send_health")
    on = P.point(figures.as_of)
    return {k: f.text for k, f in figures.family(name, on).items()}


def test_the_data_dates_the_figures_never_today(loaded):
    figures = figures_for(["886"], stream="send_health")
    # the latest date in the extracts: CHILD_A's physio clock stop; the first referral 2023-01-01
    assert (figures.currency.data_from, figures.currency.data_to, figures.as_of) == (
        date(2023, 1, 1), date(2024, 7, 5), date(2024, 7, 5))
    assert figures.currency.describe().startswith("Data to 5 Jul 2024, from providers' "
                                                  "referral extracts")


def test_children_waiting_advice_and_standards_as_worked_by_hand(loaded):
    assert _values("send_health") == {
        # on 2024-06-30: plans 1, 5, 6 and assessment 2 (4 ceased, 3 refused); 6 not in
        # the identifiers file, so 3 linked; A (plan), B (assessment), E (plan) waiting
        "send_children": 4, "send_children_linked": 3, "send_children_waiting": 3,
        "send_children_waiting_ehc_plan": 2, "send_children_waiting_open_assessment": 1,
        # longest waits: A 126 days (salt; physio 29), B 127, E 365
        "send_children_waiting_over_18_weeks": 2,  # B, E
        "pc_send_children_waiting_over_18_weeks": Decimal("66.7"),  # 2 / 3
        "send_children_waiting_over_52_weeks": 1,  # E
        "pc_send_children_waiting_over_52_weeks": Decimal("33.3"),  # 1 / 3
        # regulation 8: 5 requested by 2024-06-30; 42 days (within), 43 (later), one 43
        # days waiting (overdue): 3 decided
        "ehc_health_advice_requested": 5, "ehc_health_advice_within_6_weeks": 1,
        "ehc_health_advice_returned_later": 1, "ehc_health_advice_overdue": 1,
        "ehc_health_advice_decided": 3, "pc_ehc_health_advice_within_6_weeks": Decimal("33.3"),
        # wheelchair: 126 days within, 127 not
        "wheelchair_clock_stops": 2, "wheelchair_within_18_weeks": 1,
        "pc_wheelchair_within_18_weeks": Decimal("50.0"),
        # autism: 91, 92 and 91 days
        "autism_first_appointments": 3, "autism_first_appointment_within_13_weeks": 2,
        "pc_autism_first_appointment_within_13_weeks": Decimal("66.7")}


def test_by_service_each_child_once_in_the_band_of_their_longest_wait(loaded):
    found = _values("send_health_waits")
    shown = {k: v for k, v in found.items() if v}
    assert shown == {
        "send_waiting_salt": 2, "send_waiting_salt_0_18_weeks": 1,  # A, 126 days
        "send_waiting_salt_18_52_weeks": 1,  # B, 127 days
        "send_waiting_camhs": 1, "send_waiting_camhs_over_52_weeks": 1,  # E at two providers
        "send_waiting_physio": 1, "send_waiting_physio_0_18_weeks": 1}  # A, 29 days
    assert set(found) == set(FIELDS) and found["send_waiting_ot"] == 0


def test_the_command_and_the_figures_service_agree(loaded):
    from sendassure.health.send_health.figures import send_health

    cli = send_health("886", AS_OF)
    found = _values("send_health")
    assert found["ehc_health_advice_decided"] == cli.ehc_advice["denominator"]
    assert found["send_children_linked"] == cli.waiting["linked"]
    waits = _values("send_health_waits")
    for service, counts in cli.waiting["services"].items():
        assert waits[f"send_waiting_{service}"] == counts["total"]
        assert waits[f"send_waiting_{service}_18_52_weeks"] == counts["weeks_18_52"]


def test_a_later_date_knows_more(loaded):
    # on 2024-07-05 A's physio referral has stopped; the 2024-07-01 advice request is due
    # on 2024-08-12, so it is requested but not decided
    figures = figures_for(["886"], stream="send_health")
    later = P.point(date(2024, 7, 5))
    found = {k: f.value for k, f in figures.family("send_health", later).items()}
    assert (found["ehc_health_advice_requested"], found["wheelchair_clock_stops"]) == (6, 3)
    assert figures.figure("send_waiting_physio", later).value == 0


def test_without_an_identifiers_file_the_childrens_counts_have_no_value(tmp_path):
    make_cases()
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    found = _values("send_health")
    assert found["send_children"] is None and found["send_children_waiting"] is None
    assert found["ehc_health_advice_requested"] == 5
    assert set(_values("send_health_waits").values()) == {None}


def test_aggregate_audiences_see_counts_of_1_to_4_suppressed(loaded):
    texts = _texts("send_health", controlled=True)
    assert texts["ehc_health_advice_requested"] == "5"  # 5 is shown
    for name in ("send_children_waiting", "ehc_health_advice_within_6_weeks",
                 "wheelchair_within_18_weeks", "pc_wheelchair_within_18_weeks"):
        assert texts[name] == "c"
    waits = _texts("send_health_waits", controlled=True)
    assert waits["send_waiting_salt"] == "c" and waits["send_waiting_ot"] == "0"
    assert _texts("send_health", controlled=False)["send_children_waiting"] == "3"
    # what is not shown is not handed on
    figures = figures_for(["886"], AS_OF, controlled=True, stream="send_health")
    assert figures.figure("send_children_waiting", ON).value is None


def _nhs(n: int) -> str:
    """A valid NHS number of the 999 range: 99900, four digits from ``n`` and its
    Modulus 11 check digit (skipping a stem whose check would be 10)."""
    for tail in range(10 * n, 10 * n + 10):
        stem = f"99900{tail:04d}"
        check = 11 - sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            return stem + str(check % 11)
    raise AssertionError(n)


def test_no_differencing_a_count_of_1_to_4_from_its_total(tmp_path):
    # 7 wheelchair referrals completed by 2024-06-30, 6 within 18 weeks (100 days) and 1
    # after (150 days): 7 - 6 would give the 1 away, so the 6 is hidden too; 10 autism
    # first appointments, 5 within 13 weeks (60 days), 5 after (100 days): all shown
    # (a child each, by ``_nhs``, so no row repeats another)
    def referred(day: int, wait: int) -> dict:
        start = date(2024, 1, day)
        return {"referral_date": start.isoformat(),
                "nhs_number": _nhs(day), "ended": (start + timedelta(wait)).isoformat()}

    rows = [row(service="wheelchair", clock_stop_reason="seen", **r, clock_stop_date=r.pop(
        "ended")) for r in [referred(d, 100) for d in range(1, 7)] + [referred(7, 150)]]
    rows += [row(service="asd", **r, first_contact_date=r.pop("ended"))
             for r in [referred(d, 60) for d in range(1, 6)]
             + [referred(d, 100) for d in range(6, 11)]]
    load_extract(write_extract(tmp_path / "rxy.csv", rows), "886")
    texts = _texts("send_health", controlled=True, as_of=None)  # 2024-06-05, the data's end
    assert (texts["wheelchair_clock_stops"], texts["wheelchair_within_18_weeks"],
            texts["pc_wheelchair_within_18_weeks"]) == ("7", "c", "c")
    assert (texts["autism_first_appointments"],
            texts["autism_first_appointment_within_13_weeks"],
            texts["pc_autism_first_appointment_within_13_weeks"]) == ("10", "5", "50.0")
    exact = _texts("send_health", controlled=False, as_of=None)
    assert exact["pc_wheelchair_within_18_weeks"] == "85.7"  # 6 / 7 = 85.71...


def test_the_families_are_case_data_not_published():
    for name in ("send_health", "send_health_waits"):
        assert not FAMILIES[name].published and not FAMILIES[name].statutory_section
