"""The pack's statutory measures beside England, the region and statistical neighbours:
DfE's latest year published by the date the figures are known on, from the shipped
extract of the 2025 EHC plans release. Expected values are read by hand from the
extract's rows (Kent 886, South East; neighbours 881 845 878 303 935 926 891 938 822
933, from local_authorities.csv)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sendassure.benchmarks.extract import shipped
from sendassure.benchmarks.loading import load_benchmarks
from sendassure.plan.models import MeasureLink
from sendassure.reports.output import render_html, write_pdf, write_xlsx
from sendassure.reports.review_pack import build_pack

from ..core.test_url_roles import sample_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    for name in ("timeliness_20_week.csv", "caseload.csv"):
        load_benchmarks(shipped(name))
    plan = sample_plan()  # area 6 links pc_plans_issued_within_20_weeks
    area = plan.areas.get()
    MeasureLink.objects.create(area=area, section="caseload", kpi="mainstream_total_pc",
                               target_value=45)
    MeasureLink.objects.create(area=area, section="open_assessments",
                               kpi="open_over_52_weeks")
    MeasureLink.objects.create(area=area, section="timeliness",
                               kpi="pc_plans_issued_within_20_weeks", breakdown="sex=F")
    for day, label in ((date(2024, 5, 15), "Second"), (date(2024, 11, 15), "Third")):
        plan.reviews.create(date=day, label=f"{label} progress review")
    return plan


def _by_kpi(pack):
    return {(m.kpi, m.breakdown): m for m in pack.areas[0].measures}


def test_each_measure_has_the_latest_year_published_by_the_review(plan):
    measures = _by_kpi(build_pack(plan, date(2024, 11, 15)))
    # calendar year 2023, published June 2024. Neighbours' % within 20 weeks, sorted:
    # 0.9 3.6 3.9 4.9 32.3 | 42.0 42.2 81.9 87.4 88.7: median (32.3 + 42.0) / 2 = 37.15
    b = measures[("pc_plans_issued_within_20_weeks", "")].benchmark
    assert (b.year, b.time_identifier, b.area, b.region_name, b.region, b.england) == (
        "2023", "Calendar year", 18.0, "South East", 45.3, 49.1)
    assert (b.neighbours_median, b.neighbours_low, b.neighbours_high, b.neighbours_count,
            b.neighbours_of) == (37.15, 0.9, 88.7, 10, 10)
    # the January 2024 census (2023/24): % of plans in mainstream, neighbours sorted
    # 30.4 31.4 37.4 37.7 38.3 | 42.6 43.0 46.0 46.9 51.8: median (38.3 + 42.6) / 2 = 40.45
    c = measures[("mainstream_total_pc", "")].benchmark
    assert (c.year, c.area, c.region, c.england) == ("2023/24", 34.8, 41.7, 43.3)
    assert (c.neighbours_median, c.neighbours_low, c.neighbours_high) == (40.45, 30.4, 51.8)
    # DfE publishes no backlog figure; a breakdown has no like-for-like comparator
    assert measures[("open_over_52_weeks", "")].benchmark is None
    assert measures[("open_over_52_weeks", "")].benchmark_note == "No published comparator"
    assert measures[("pc_plans_issued_within_20_weeks", "sex=F")].benchmark_note == (
        "No published comparator for this breakdown")


def test_a_pack_for_an_earlier_review_shows_what_was_then_published(plan):
    # at 15 May 2024 the 2023 figures were not yet out (June 2024): 2022 is the latest
    b = _by_kpi(build_pack(plan, date(2024, 5, 15)))[
        ("pc_plans_issued_within_20_weeks", "")].benchmark
    assert (b.year, b.area, b.region, b.england) == ("2022", 40.9, 44.8, 47.7)
    # Norfolk (926) is published as x (unavailable): 9 neighbours, sorted 4.5 10.7 11.8
    # 16.5 | 22.7 | 69.5 77.2 82.6 87.6: the median is the fifth, 22.7
    assert (b.neighbours_median, b.neighbours_low, b.neighbours_high, b.neighbours_count,
            b.neighbours_of) == (22.7, 4.5, 87.6, 9, 10)


def test_html_pdf_and_xlsx_show_the_benchmarks(plan):
    pack = build_pack(plan, date(2024, 11, 15))
    html = " ".join(render_html(pack).split())
    assert ("<th scope=\"row\">% issued within 20 weeks</th><td>2023</td><td>18%</td>"
            "<td>45.3% (South East)</td><td>49.1%</td><td>37.15%</td>"
            "<td>0.9% to 88.7% (10 of 10)</td>") in html
    assert "<td>2023/24</td><td>34.8%</td><td>41.7% (South East)</td><td>43.3%</td>" in html
    assert '<th scope="row">Open over 52 weeks</th><td colspan="6">No published comparator' \
           in html
    # the draft narrative states the comparison too
    assert "In 2023 (DfE published): South East 45.3%, England 49.1%, statistical " \
           "neighbours' median 37.15%." in pack.areas[0].positioning
    pdf = BytesIO()
    write_pdf(pack, pdf)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.getvalue()))
                              .pages).split())
    assert "Linked measures beside England, the region and statistical neighbours" in text
    assert "0.9% to 88.7% (10 of 10)" in text and "No published comparator" in text
    xlsx = BytesIO()
    write_xlsx(pack, xlsx)
    rows = list(load_workbook(BytesIO(xlsx.getvalue()))["Benchmarks"].iter_rows(
        values_only=True))
    header = rows[0]
    found = {(r[2], r[1]): dict(zip(header, r, strict=True)) for r in rows[1:]}
    row = found[("pc_plans_issued_within_20_weeks", "% issued within 20 weeks")]
    assert (row["year"], row["area (as published)"], row["region"], row["region value"],
            row["England"], row["neighbours (median)"], row["neighbours (lowest)"],
            row["neighbours (highest)"], row["neighbours published"]) == (
        "2023", 18, "South East", 45.3, 49.1, 37.15, 0.9, 88.7, 10)
    for name in ("area (as published)", "region value", "England", "neighbours (median)"):
        assert isinstance(row[name], int | float), name  # numbers, not text
    assert found[("open_over_52_weeks", "Open over 52 weeks")]["note"] == \
        "No published comparator"


def test_quarters_carry_their_counts_in_every_format(db, tmp_path):
    """The quarterly (3-month) series shows numerator and denominator beside each value.
    Requests received 5 Jan 2023: 7 plans issued 1 May (116 days: within 20 weeks) and 5
    on 20 Jun (166 days): Q2 2023 is 7 of 12 = 58.3%; no count is 1 to 4, so nothing is
    suppressed."""
    from sendassure.ingest.importer import import_sen2

    from ..casework.sen2_builder import person, plan_issued, request, write

    issued = ["2023-05-01"] * 7 + ["2023-06-20"] * 5
    import_sen2([write(tmp_path, "area.xml", [
        person(n, [request(received="2023-01-05", outcome_date="2023-02-01",
                           assessment=plan_issued(date=day, start=day))])
        for n, day in enumerate(issued, start=1)], year="2024", reference_date="2024-01-18")])
    pack = build_pack(sample_plan(), date(2023, 11, 15))
    quarter = "2023 Q2 (Apr 2023 to Jun 2023)"
    q = next(q for q in pack.areas[0].measures[0].quarters if q.label == quarter)
    assert (q.value, q.numerator, q.denominator) == ("58.3%", "7", "12")
    html = " ".join(render_html(pack).split())
    assert (f'<th scope="row">{quarter}</th><td>58.3%</td><td>7</td><td>12</td>') in html
    pdf = BytesIO()
    write_pdf(pack, pdf)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.getvalue()))
                              .pages).split())
    assert f"{quarter} 58.3% 7 12" in text
    xlsx = BytesIO()
    write_xlsx(pack, xlsx)
    rows = list(load_workbook(BytesIO(xlsx.getvalue()))["Quarters"].iter_rows(
        values_only=True))
    assert rows[0][3:6] == ("value", "numerator", "denominator")
    row = next(r for r in rows if r[2] == quarter)
    assert row[3:6] == (58.3, 7, 12)  # typed numbers
