"""Children's community health waits in the figures service: an area reads its ICB's
sitrep figures month by month, dated by the sitrep data (Kent, 886, is in Kent and
Medway ICB, QKS); an area across several ICBs has none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sendassure.core.models import Area
from sendassure.figures.service import figures_for
from sendassure.health.store import load_sitrep
from sendassure.health.waits import waits
from sendassure.kpis import periods as P
from sendassure.kpis.percent import percent
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db
SITREPS = DATA / "nhs" / "community_health_sitrep"


@pytest.fixture
def may_and_june():
    for code in ("886", "881"):
        Area.objects.get_or_create(code=code)
    load_sitrep(SITREPS / "community_health_2023-07-01.xlsx")   # May 2023
    load_sitrep(SITREPS / "community_health_2023-08-01.xlsx")   # June 2023


def test_an_area_reads_its_icbs_waits_for_each_month(may_and_june):
    figures = figures_for(["886"], stream="health_waits")
    assert figures.as_of == date(2023, 6, 30)   # the latest sitrep month, not today
    june = figures.family("health_waits", P.month(2023, 6))
    # community_health_2023-08-01.xlsx Table 4!AU34 1396, 4f!AU34 325, 4g!AU34 0
    assert (june["salt_waiting"].value, june["salt_waiting_over_18_weeks"].value) == (1396, 325)
    assert june["pc_salt_waiting_over_18_weeks"].value == Decimal("23.3")
    may = figures.family("health_waits", P.month(2023, 5))
    # community_health_2023-07-01.xlsx Table 4!AV35 1331, 4f!AV35 255, 4g!AV35 0
    assert (may["salt_waiting"].value, may["salt_waiting_over_18_weeks"].value) == (1331, 255)
    # all children's lines with both figures published, as the waits contract gives them
    lines = [row for name, row in waits("QKS", date(2023, 6, 1))["services"].items()
             if name.startswith("(CYP)") and row["total"] is not None
             and row["over_18_weeks"] is not None]
    total, over = sum(r["total"] for r in lines), sum(r["over_18_weeks"] for r in lines)
    assert june["cyp_health_waiting"].value == total
    assert june["cyp_health_waiting_over_18_weeks"].value == over
    assert june["pc_cyp_health_waiting_over_18_weeks"].value == percent(over, total)


def test_a_month_before_the_first_sitrep_has_no_figure(may_and_june):
    april = figures_for(["886"], stream="health_waits").family("health_waits",
                                                                P.month(2023, 4))
    assert april["salt_waiting"].value is None


def test_an_area_across_several_icbs_has_no_figure(may_and_june):
    essex = figures_for(["881"], stream="health_waits")
    assert not essex.currency.has_data
