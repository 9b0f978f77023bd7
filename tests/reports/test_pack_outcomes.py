"""The pack's published outcomes: a plan area linked to a published outcome shows it over
the published periods that had ended by the review, beside region, England and the
statistical neighbours (median and range), with the gap to no SEN and the direction of
travel, the same in PDF, HTML and XLSX. Every expected number is worked by hand from the
file below."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.plan.models import MeasureLink

from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db
runner = CliRunner()

HEAD = ("time_period,geographic_level,region_name,la_name,characteristic,"
        "pt_rwm_met_expected_standard,t_rwm_met_expected_standard,t_rwm_eligible_pupils,"
        "academic_year\n")
ROWS = [
    # Kent: EHC plan 6 -> 8 (improving), No SEN 70 and 71
    ("202122", "Local authority", "South East", "Kent", "EHC plan", "6", "60", "1000"),
    ("202223", "Local authority", "South East", "Kent", "EHC plan", "8", "94", "1154"),
    ("202324", "Local authority", "South East", "Kent", "EHC plan", "11", "130", "1200"),
    ("202122", "Local authority", "South East", "Kent", "No SEN", "70", "700", "1000"),
    ("202223", "Local authority", "South East", "Kent", "No SEN", "71", "710", "1000"),
    # three of Kent's neighbours (Essex 881, East Sussex 845, Devon 878), 2022/23
    ("202223", "Local authority", "East of England", "Essex", "EHC plan", "5", "", ""),
    ("202223", "Local authority", "South East", "East Sussex", "EHC plan", "9", "", ""),
    ("202223", "Local authority", "South West", "Devon", "EHC plan", "12", "", ""),
    # Medway is in the South East but not one of Kent's neighbours
    ("202223", "Local authority", "South East", "Medway", "EHC plan", "40", "", ""),
    ("202223", "Regional", "South East", "", "EHC plan", "9", "", ""),
    ("202223", "National", "", "", "EHC plan", "7", "", ""),
    ("202223", "National", "", "", "No SEN", "72", "", ""),
]


@pytest.fixture
def plan_with_outcomes(tmp_path):
    from sendassure.benchmarks.outcomes.loading import load_outcomes

    path = tmp_path / "ks2.csv"
    path.write_text(HEAD + "".join(
        ",".join(r) + f",{r[0][:4]}/{r[0][4:]}\n" for r in ROWS))
    load_outcomes([path])
    plan = sample_plan()
    plan.reviews.create(date=date(2024, 5, 15), label="Second progress review")
    MeasureLink.objects.create(area=plan.areas.get(), section="ks2_rwm_expected",
                               kpi="ks2_rwm_expected_ehc_plan", direction="up",
                               baseline_value=6, baseline_period="2022-08-31",
                               target_value=10)
    return plan


def _build(tmp_path, suffix: str, review: str = "2024-05-15"):
    out = tmp_path / f"pack{suffix}"
    result = runner.invoke(app, ["pack", "review", "--review", review, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_pdf_shows_each_published_period_beside_its_benchmarks(tmp_path,
                                                                   plan_with_outcomes):
    pdf = _build(tmp_path, ".pdf")
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(
        BytesIO(pdf.read_bytes())).pages).split())
    assert "as published, beside South East, England and Kent's statistical neighbours" in text
    # 2022/23: Kent 8, region 9, England 7; neighbours 5, 9, 12 -> median 9, range 5 to 12
    # (3 of 10; Medway's 40 is not a neighbour); gap 8 - 71 = -63, England 7 - 72 = -65
    assert "2022/23 8% 9% 7% 9% 5% to 12% (3 of 10) -63 -65 94 1,154" in text
    # 2021/22: Kent only; gap 6 - 70 = -64
    assert "2021/22 6% -64 60 1,000" in text
    # 2023/24 ends on 31 Aug 2024, after the review: not yet known
    assert "2023/24" not in text and "11%" not in text
    assert ("Kent 8% in 2022/23 (South East 9%, England 7%, neighbours' median 9%). "
            "Direction of travel: improving.") in text
    # "now" is the published period, and the baseline (31 Aug 2022) the 2021/22 one
    assert ("EHC plan: 8% for 2022/23 (baseline 6.0 for 2021/22); target 10.0. "
            "Direction of travel: improving.") in text
    assert "Published outcomes (attainment" in text


def test_an_earlier_review_shows_only_what_was_published_by_then(tmp_path,
                                                                  plan_with_outcomes):
    html = _build(tmp_path, ".html", "2023-11-15").read_text()
    assert "2022/23" in html and "2023/24" not in html
    later = _build(tmp_path, "-later.html", "2024-05-15").read_text()
    assert 'data-series="ks2_rwm_expected" data-characteristic="EHC plan"' in later
    assert "<figcaption>Figure: Pupils meeting the expected standard in reading, writing " \
           "and maths (KS2), EHC plan, Kent</figcaption>" in later


def test_the_xlsx_outcomes_sheet_holds_numbers(tmp_path, plan_with_outcomes):
    sheet = load_workbook(_build(tmp_path, ".xlsx"))["Outcomes"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    got = {r[header.index("period")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(got) == {"2021/22", "2022/23"}
    latest = got["2022/23"]
    assert (latest["value"], latest["numerator"], latest["denominator"], latest["region"],
            latest["England"], latest["neighbours (median)"], latest["neighbours (lowest)"],
            latest["neighbours (highest)"], latest["neighbours published"],
            latest["gap to no SEN"], latest["England gap to no SEN"],
            latest["direction of travel"]) == (8, 94, 1154, 9, 7, 9, 5, 12, 3, -63, -65,
                                               "improving")
    assert got["2021/22"]["region"] is None and got["2021/22"]["gap to no SEN"] == -64


def test_a_statutory_measure_keeps_its_quarters_and_has_no_outcome_block(
        tmp_path, plan_with_outcomes):
    html = _build(tmp_path, ".html").read_text()
    assert "% issued within 20 weeks: quarter by quarter" in html
    assert "Pupils meeting the expected standard in reading, writing and maths (KS2): " \
           "EHC plan: quarter by quarter" not in html
