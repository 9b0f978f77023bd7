"""The review pack shows the families' voice measures areas 1 and 3 of the Kent plan
link: parents' confidence from the survey (12 of 20 agree in 2023: 60.0%) and enquiries replied
to on time, each as the figures service gives them."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.core import versions
from sendassure.enquiries.models import Enquiry
from sendassure.ingest.importer import import_sen2
from sendassure.plan.template import import_file
from sendassure.voice.surveys import import_survey

from ..casework.sen2_builder import person, plan_issued, request, write
from ..plan.conftest import KENT

pytestmark = pytest.mark.django_db
runner = CliRunner()
S = "I am confident that the SEND system in my area meets my child's needs"


def test_area_1_shows_confidence_and_enquiries(tmp_path):
    # case records to January 2025, so the pack at 15 Nov 2024 knows the year before it
    people = [person(1, [request(received="2024-01-05", outcome_date="2024-02-01",
                                 assessment=plan_issued(date="2024-05-01",
                                                        start="2024-05-01"))])]
    import_sen2([write(tmp_path, "area.xml", people, year="2025",
                       reference_date="2025-01-16")])
    import_file(KENT)
    # the plan reads a survey by calendar year: the pack at 15 Nov 2024 shows 2023's
    rows = [f"p{n},2023,parent_carer,2023-06-01,{'agree' if n < 12 else 'disagree'}"
            for n in range(20)]
    rows += [f"q{n},2024,parent_carer,2024-06-01,agree" for n in range(10)]
    survey = tmp_path / "s.csv"
    survey.write_text("\n".join([f'respondent_id,wave,respondent_group,completed_on,"{S}"',
                                 *rows]) + "\n", encoding="utf-8")
    import_survey(survey, "886")
    # five enquiries on the 1st of each month from Nov 2023 to Nov 2024, each replied to
    # the day after (on time): the hub's data covers the 12 months to Oct 2024
    for n in range(65):
        received = date(2023 + (10 + n // 5) // 12, (10 + n // 5) % 12 + 1, 1)
        Enquiry.objects.create(la="886", reference=f"E{n}", received_on=received,
                               channel="phone", category="transport",
                               reply_by=date(2025, 1, 1), update_by=date(2025, 1, 1),
                               replied_on=date.fromordinal(received.toordinal() + 1))
    versions.changed(["enquiries"], ["886"])
    out = tmp_path / "pack.html"
    result = runner.invoke(app, ["pack", "review", "--review", "2024-11-15", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    html = " ".join(out.read_text().split())
    area = html[html.index("% of parents agreeing"):]
    assert "60.0" in area[:area.index("</tr>")]
    hub = html[html.index("% of enquiries replied to on time"):]
    assert "100.0" in hub[:hub.index("</tr>")]
