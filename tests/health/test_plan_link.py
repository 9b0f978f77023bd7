"""Kent's example plan links area 8's actions to the health_waits measures: action 8.2
(speech and language therapy) reads Kent and Medway ICB's % of children waiting over 18
weeks from the latest sitrep the figures service holds; and to the SEND x health
measures: action 8.3 reads the % of wheelchair equipment within 18 weeks from the
referral extracts, 8.1 the % of autism first appointments within 13 weeks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sendassure.cli import demo
from sendassure.figures.service import figures_for
from sendassure.health.store import load_sitrep
from sendassure.plan import actuals
from sendassure.plan.template import import_file
from tests.support.shared import DATA

pytestmark = pytest.mark.django_db


def test_action_8_2_reads_the_icbs_salt_waits():
    plan = import_file(demo.KENT_PLAN)
    load_sitrep(DATA / "nhs" / "community_health_sitrep" / "community_health_2023-08-01.xlsx")
    links = {link.kpi: link for area in plan.areas.filter(number=8)
             for action in area.actions.all() for link in action.measures.all()}
    assert set(links) == {"pc_salt_waiting_over_18_weeks",
                          "pc_paediatrics_waiting_over_18_weeks",
                          "pc_autism_first_appointment_within_13_weeks",
                          "pc_wheelchair_within_18_weeks"}
    figure = actuals.now(links["pc_salt_waiting_over_18_weeks"],
                         figures_for([plan.la], stream="health_waits"))
    # June 2023, Kent and Medway: (Table 4f!AU34 325 + Table 4g!AU34 0) / Table 4!AU34 1396
    assert figure.value == Decimal("23.3")


def test_action_8_3_reads_wheelchair_equipment_within_18_weeks(tmp_path):
    from sendassure.health.referrals.store import load_extract

    from .referrals.extracts import write_extract
    from .send_health.cases import REFERRALS

    plan = import_file(demo.KENT_PLAN)
    load_extract(write_extract(tmp_path / "rxy.csv", REFERRALS), "886")
    links = {link.kpi: link for action in plan.areas.get(number=8).actions.all()
             for link in action.measures.all()}
    figures = figures_for([plan.la], stream="send_health")
    wheelchair = actuals.now(links["pc_wheelchair_within_18_weeks"], figures)
    # on 2024-07-05 (the extracts' latest date): 126 days within, 127 not, 122 within
    assert (wheelchair.value, wheelchair.numerator, wheelchair.denominator) == (
        Decimal("66.7"), 2, 3)
    assert links["pc_wheelchair_within_18_weeks"].action.reference == "8.3"
    autism = actuals.now(links["pc_autism_first_appointment_within_13_weeks"], figures)
    assert (autism.numerator, autism.denominator) == (2, 3)  # 91, 92 and 91 days
