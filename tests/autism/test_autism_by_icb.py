"""ASD16c and ASD19 by ICB and England, from the published sub-ICB cells of the real
file, worked out by hand; and the figures service's autism_waits family for an area's
ICB (Kent, 886: Kent and Medway ICB, QKS, one sub-ICB location, 91Q)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sendassure.autism.icbs import by_month
from sendassure.autism.store import load_autism_statistics
from sendassure.core.models import Area
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
REAL = DATA / "nhs" / "autism_statistics" / "AutismStatsDec22_subICB.csv.gz"
JULY = date(2022, 7, 1)


@pytest.fixture
def loaded():
    load_autism_statistics(REAL)


def test_an_icbs_counts_are_its_locations_published_counts_summed(loaded):
    # Mid and South Essex (QH8): 06Q, 07G, 99E, 99F, 99G, July 2022
    july = by_month("QH8")[JULY]
    # ASD16a 280 + 60 + 80 + 65 + 90
    assert (july["ASD16a"].value, july["ASD16a"].left_out) == (575, 0)
    # ASD16c 15 + * + 5 + 5 + 10: 07G's '*' left out, not read as 0
    assert (july["ASD16c"].value, july["ASD16c"].left_out) == (35, 1)
    # ASD18 * + 10 + 30 + 10 + 15; ASD19 = 65 / 575 = 11.30...% -> 11.3
    assert (july["ASD18"].value, july["ASD18"].left_out) == (65, 1)
    assert (july["ASD19"].value, july["ASD19"].left_out) == (Decimal("11.3"), 1)
    # ASD18c is '*' in every location: missing, and so is ASD19c
    assert (july["ASD18c"].value, july["ASD18c"].missing) == (None, "suppressed")
    assert july["ASD19c"].value is None


def test_a_one_location_icb_and_its_proportions_from_the_counts(loaded):
    sept = by_month("QKS")[date(2022, 9, 1)]
    # 91Q, September 2022: ASD16c 10395, ASD16a 10690, ASD18 145 (ASD19 published '*')
    assert sept["ASD16c"].value == 10395 and sept["ASD16a"].value == 10690
    assert sept["ASD19"].value == Decimal("1.4")   # 145 / 10690 = 1.356...%
    assert list(by_month("QKS")) == [date(2022, 7, 1), date(2022, 8, 1), date(2022, 9, 1)]


def test_england_is_every_location_summed(loaded):
    july = by_month("england")[JULY]
    assert july["ASD16a"].value == 105595 and july["ASD16a"].left_out == 0
    assert july["ASD16c"].left_out >= 1 and july["ASD16c"].value > 9840


def test_an_area_reads_its_icbs_autism_figures_dated_by_the_data(loaded):
    Area.objects.get_or_create(code="886")
    figures = figures_for(["886"], stream="autism_statistics")
    assert figures.as_of == date(2022, 9, 30)   # the file's last month, not today
    sept = figures.family("autism_waits", P.month(2022, 9))
    assert sept["asd16c"].value == 10395 and sept["asd19"].value == Decimal("1.4")
    july = figures.family("autism_waits", P.month(2022, 7))
    # 91Q July: ASD18c 125 of ASD16c 9840 = 1.27...% -> 1.3
    assert (july["asd16c"].value, july["asd19c"].value) == (9840, Decimal("1.3"))


def test_an_area_across_several_icbs_has_none(loaded):
    Area.objects.get_or_create(code="881")   # Essex: three ICBs
    figures = figures_for(["881"], stream="autism_statistics")
    assert not figures.currency.has_data
