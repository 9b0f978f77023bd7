"""An organisation's waits for one service month by month (``health.waits_over_time``),
worked by hand from two tiny editions written here: April and June 2023 held, May not
(a gap); in June Kent and Medway's speech and language 18-52 weeks band is suppressed
and one of its providers did not submit (Table 1)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from sendassure.health.store import load_sitrep
from sendassure.health.waits_over_time import (
    NO_SITREP,
    NOT_PUBLISHED,
    NOT_SUBMITTED,
    SUPPRESSED,
    over_time,
    services,
)

from .sitrep_files import write_sitrep

pytestmark = pytest.mark.django_db
SALT = "(CYP) Therapy interventions: Speech and language"
OLD_SALT = "(CYP) Therapy interventions: speech and language"  # 2023's capitals
ICB, REGION, ENGLAND = 2, 1, 0  # organisation rows of sitrep_files.ORGANISATIONS
TOTAL, WEEKS_18_52, OVER_52 = 0, 6, 7  # band tables


def _cells(org: int, total, weeks_18_52, over_52) -> dict:
    return {(TOTAL, org, 1): total, (WEEKS_18_52, org, 1): weeks_18_52,
            (OVER_52, org, 1): over_52}


@pytest.fixture
def april_and_june(tmp_path):
    load_sitrep(write_sitrep(
        tmp_path / "april.xlsx", month="April 2023", published=datetime(2023, 6, 8),
        services=("(A) Audiology", OLD_SALT), non_submitters=((0, 0, 0), (0, 0, 0)),
        cells={**_cells(ICB, 200, 30, 10), **_cells(ENGLAND, 1000, 300, 100),
               **_cells(REGION, 400, 40, 0)}))
    load_sitrep(write_sitrep(
        tmp_path / "june.xlsx", month="June 2023", published=datetime(2023, 8, 10),
        non_submitters=((0, 0, 3), (0, 0, 1), (0, 0, 1)),
        cells={**_cells(ICB, 250, "*", 5), **_cells(ENGLAND, 900, 270, None),
               **_cells(REGION, 0, 0, 0)}))


def test_every_month_from_first_to_last_held_with_a_gap_kept(april_and_june):
    found = over_time("QKS", SALT)
    assert [p.month for p in found] == [date(2023, 4, 1), date(2023, 5, 1), date(2023, 6, 1)]
    april, may, june = found
    # April: 30 + 10 = 40 over 18 weeks of 200 waiting: 20.0%
    assert (april.total, april.over_18_weeks, april.pc_over_18_weeks, april.missing) == \
        (200, 40, Decimal("20.0"), "")
    assert (may.total, may.pc_over_18_weeks, may.missing) == (None, None, NO_SITREP)
    assert not april.incomplete and not may.incomplete


def test_suppressed_and_not_submitted_are_missing_never_zero(april_and_june):
    june = over_time("QKS", OLD_SALT)[-1]   # the service whatever its capitals
    assert (june.total, june.over_18_weeks, june.pc_over_18_weeks) == (250, None, None)
    assert june.missing == SUPPRESSED
    england = over_time("england", SALT)[-1]
    assert (england.total, england.pc_over_18_weeks, england.missing) == \
        (900, None, NOT_SUBMITTED)


def test_a_month_with_providers_not_submitting_is_incomplete(april_and_june):
    june = over_time("QKS", SALT)[-1]
    assert june.incomplete and june.not_submitted == 1
    assert over_time("england", SALT)[-1].not_submitted == 3
    assert over_time("Y59", SALT)[-1].not_submitted == 1


def test_no_one_waiting_is_no_percentage_and_an_unknown_service_not_published(
        april_and_june):
    region = over_time("Y59", SALT)
    assert region[0].pc_over_18_weeks == Decimal("10.0")   # 40 of 400
    assert (region[-1].total, region[-1].pc_over_18_weeks) == (0, None)
    assert region[-1].missing == "no one waiting"
    assert {p.missing for p in over_time("QKS", "(CYP) Vision screening")} == \
        {NOT_PUBLISHED, NO_SITREP}
    assert over_time("QKK", SALT)[0].missing == NOT_PUBLISHED   # not in these editions


def test_services_are_named_as_the_latest_edition_names_them(april_and_june):
    assert services("(CYP)") == [SALT]
    assert services("(A)") == ["(A) Audiology"]


def test_nothing_held_is_no_months():
    assert over_time("QKS", SALT) == []


def test_a_series_is_kept_until_an_edition_is_loaded_then_made_again(april_and_june,
                                                                     tmp_path):
    """Loading May fills the gap at once: the kept series is for the editions held."""
    assert over_time("QKS", SALT)[1].missing == NO_SITREP
    assert over_time("QKS", SALT) == over_time("QKS", SALT)  # kept, and the same
    load_sitrep(write_sitrep(
        tmp_path / "may.xlsx", month="May 2023", published=datetime(2023, 7, 13),
        cells={**_cells(ICB, 220, 33, 11), **_cells(ENGLAND, 950, 280, 90),
               **_cells(REGION, 410, 41, 0)}))
    may = over_time("QKS", SALT)[1]
    # 33 + 11 = 44 over 18 weeks of 220 waiting: 20.0%
    assert (may.month, may.total, may.over_18_weeks, may.pc_over_18_weeks, may.missing) == \
        (date(2023, 5, 1), 220, 44, Decimal("20.0"), "")
