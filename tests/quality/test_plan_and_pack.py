"""Plan area 6 links to the plan quality measures and the review pack shows them, quarter
by quarter, from the same figures-service family the dashboard reads."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.plan.models import MeasureLink

from ..core.test_url_roles import sample_plan

runner = CliRunner()
HEAD = "audit_ref,plan_ref,audit_date,auditor,agency,overall_grade"
# The pack is for a board, so it is disclosure-controlled: counts of 5 or more here.
# Q3 2023: 10 good, 5 requires improvement: 10 of 15 = 66.7%
# Q4 2023: 15 good, 5 inadequate: 15 of 20 = 75.0%
ROWS = ([(f"Q3-{n}", n % 6 + 1, f"2023-08-{n + 1:02}", "good") for n in range(10)]
        + [(f"Q3-W{n}", n % 6 + 1, "2023-09-30", "requires_improvement") for n in range(5)]
        + [(f"Q4-{n}", n % 6 + 1, f"2023-10-{n + 1:02}", "good") for n in range(15)]
        + [(f"Q4-W{n}", n % 6 + 1, "2023-12-31", "inadequate") for n in range(5)])


def test_an_area_6_action_links_to_pc_good_or_better_and_the_pack_shows_it(tmp_path,
                                                                            children):
    path = tmp_path / "audits.csv"
    path.write_text("\n".join([HEAD] + [f"{r},{children[c]},{d},Ann,education,{g}"
                                        for r, c, d, g in ROWS]) + "\n")
    assert runner.invoke(app, ["audits", "import", str(path)]).exit_code == 0
    plan = sample_plan()
    area = plan.areas.get(number=6)
    action = area.actions.get(reference="6.1")
    MeasureLink.objects.create(area=area, action=action, section="plan_quality",
                               kpi="pc_good_or_better", direction="up", target_value=80)
    plan.reviews.create(date=date(2024, 1, 15), label="Second progress review")
    out = tmp_path / "pack.html"
    result = runner.invoke(app, ["pack", "review", "--review", "2024-01-15", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    html = " ".join(out.read_text().split())
    assert "% of audited plans good or better: quarter by quarter" in html
    block = html[html.index("% of audited plans good or better: quarter by quarter"):]
    block = block[:block.index("</table>")]
    q3 = block[block.index("2023 Q3"):block.index("2023 Q4")]
    q4 = block[block.index("2023 Q4"):block.index("2024 Q1")]
    assert "<td>66.7%</td><td>10</td><td>15</td>" in q3
    assert "<td>75.0%</td><td>15</td><td>20</td><td>final" in q4
