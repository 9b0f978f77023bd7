"""Published outcomes as measures of the figures service: a plan area links to them and
every audience reads the published value (not controlled again), dated by the period."""

from datetime import date

import pytest

from sendassure.figures.outcomes import period_end
from sendassure.figures.registry import FAMILIES, MEASURES
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P

KS2 = (
    "time_period,geographic_level,region_name,la_name,characteristic,"
    "pt_rwm_met_expected_standard,t_rwm_met_expected_standard,t_rwm_eligible_pupils,"
    "academic_year\n"
    "202122,Local authority,South East,Kent,EHC plan,8,93,1096,2021/22\n"
    "202223,Local authority,South East,Kent,EHC plan,3,3,100,2022/23\n"
)


@pytest.fixture
def ks2(db, tmp_path):
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    path = tmp_path / "ks2.csv"
    path.write_text(KS2)
    load_outcomes([path])


def test_every_series_is_a_family_with_a_measure_per_characteristic():
    family = FAMILIES["ks2_rwm_expected"]
    assert family.published and family.stream == "outcomes"
    assert {"ks2_rwm_expected_ehc_plan", "ks2_rwm_expected_ehc_plan_num",
            "ks2_rwm_expected_ehc_plan_den", "ks2_rwm_expected_no_sen"} <= set(MEASURES)
    assert MEASURES["ks2_rwm_expected_ehc_plan"].numerator == "ks2_rwm_expected_ehc_plan_num"


@pytest.mark.parametrize("period, end", [
    ("2022/23", date(2023, 8, 31)), ("2021-22", date(2022, 3, 31)),
    ("2022", date(2022, 12, 31)), ("2025-02-04", date(2025, 2, 4)), ("soon", None)])
def test_period_ends(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("on, value, numerator", [
    (date(2023, 8, 30), 8, 93),  # 2022/23 has not ended: the 2021/22 value
    (date(2023, 8, 31), 3, 3),
    (date(2026, 1, 1), 3, 3),
])
def test_on_a_date_the_latest_period_that_had_ended(ks2, on, value, numerator):
    figure = figures_for(["886"], on).figure("ks2_rwm_expected_ehc_plan", P.point(on))
    assert (figure.value, figure.numerator, figure.denominator) == (
        value, numerator, 100 if value == 3 else 1096)
    assert figure.status == "final" and figure.display == f"{value}%"


def test_published_counts_are_shown_as_published_to_a_board(ks2):
    on = date(2024, 1, 1)
    figure = figures_for(["886"], on, controlled=True).figure(
        "ks2_rwm_expected_ehc_plan_num", P.point(on))
    assert figure.text == "3"  # DfE's published count, not ours to control


def test_before_anything_was_published_there_is_no_value(ks2):
    on = date(2020, 1, 1)
    figure = figures_for(["886"], on).figure("ks2_rwm_expected_ehc_plan", P.point(on))
    assert figure.value is None and figure.status == "no_data"


def test_a_plan_measure_reads_it_through_the_service(ks2):
    from sendassure.plan import actuals
    from sendassure.plan import models as m

    plan = m.Plan.objects.create(la="886", title="Outcomes", plan_type="app",
                                 start_date=date(2023, 1, 1))
    area = plan.areas.create(number=5, title="Standards and progress")
    link = m.MeasureLink.objects.create(area=area, section="ks2_rwm_expected",
                                        kpi="ks2_rwm_expected_ehc_plan", direction="up",
                                        baseline_value=8, baseline_period="2022-08-31")
    on = date(2024, 11, 15)
    figures = figures_for(["886"], on)
    assert actuals.now(link, figures).value == 3
    assert actuals.baseline(link, figures).value == 8
    assert actuals.baseline_check(link, actuals.baseline(link, figures)) == ""


def test_reloading_is_seen_at_once(ks2, tmp_path):
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    on = date(2024, 1, 1)
    assert figures_for(["886"], on).figure("ks2_rwm_expected_ehc_plan", P.point(on)).value == 3
    path = tmp_path / "revised.csv"
    path.write_text(KS2.replace("EHC plan,3,3,100", "EHC plan,4,4,100"))
    load_outcomes([path])
    assert figures_for(["886"], on).figure("ks2_rwm_expected_ehc_plan", P.point(on)).value == 4


def test_the_kent_example_areas_5_and_9_read_the_published_outcomes(db):
    """The demo's plan: areas 5 and 9 link to published outcomes, and after the demo's load
    each link's "now" is the latest published value held for Kent."""
    from sendassure.benchmarks.models import PublishedOutcome
    from sendassure.benchmarks.outcomes.loading import load_outcomes
    from sendassure.figures.outcomes import latest_period, published_as
    from sendassure.plan import actuals
    from sendassure.plan.models import MeasureLink
    from sendassure.plan.template import import_file
    from tests.plan.conftest import KENT

    load_outcomes()
    import_file(KENT)
    links = [link for link in MeasureLink.objects.select_related("area")
             if published_as(link.kpi)]
    assert {5, 9} <= {link.area.number for link in links}
    on = date(2024, 11, 15)
    figures = figures_for(["886"], on)
    for link in links:
        series, characteristic = published_as(link.kpi)
        held = PublishedOutcome.objects.filter(series=series, la_code="886",
                                               characteristic=characteristic)
        period = latest_period({r.period for r in held}, on)
        expected = held.get(period=period).value
        assert float(actuals.now(link, figures).value) == expected, link.kpi
