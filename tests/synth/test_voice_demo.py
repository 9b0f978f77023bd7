"""The demo's synthetic families' voice: seeded (the same files twice), loaded whole by
the real importers (nothing refused), no names in any free text, and the story the
figures service then tells: parents' confidence about 30% in 2019 and about 62% in
2020; complaints' top theme moving from the assessment to decisions; the hub's
enquiries answered mostly on time; the "you said, we did" log on the plan."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from sendassure.cli import demo
from sendassure.core.scrub import scrub
from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from sendassure.kpis.complaints import themes_by_year
from sendassure.plan.models import CoProduction
from sendassure.plan.template import import_file
from sendassure.synth import voice as synthetic
from sendassure.voice.models import SurveyComment
from sendassure.voice.queries import complaint_rows

pytestmark = pytest.mark.django_db


def test_the_files_are_seeded(tmp_path):
    for n in (1, 2):
        synthetic.enquiries("886", date(2023, 1, 9), date(2023, 3, 31), 7, tmp_path / f"e{n}")
        synthetic.survey(7, tmp_path / f"s{n}")
    assert (tmp_path / "e1").read_bytes() == (tmp_path / "e2").read_bytes()
    assert (tmp_path / "s1").read_bytes() == (tmp_path / "s2").read_bytes()


def test_the_demo_loads_every_stream(tmp_path, settings):
    settings.SENDASSURE_OUT = str(tmp_path)
    plan = import_file(demo.KENT_PLAN)
    demo._voice(Console(file=open("/dev/null", "w")), plan)  # noqa: SIM115
    survey = figures_for(["886"], stream="surveys")
    confidence = {year: survey.figure("pc_survey_confidence_agree", P.calendar_year(year))
                  for year in (2019, 2020)}
    assert 25 <= confidence[2019].value <= 36 and 55 <= confidence[2020].value <= 69
    themes = themes_by_year(complaint_rows(["886"]), [2020, 2024])
    assert themes[2020][0][0] == "assessment" and themes[2024][0][0] == "decision"
    hub = figures_for(["886"], stream="enquiries").figure("pc_enquiries_on_time",
                                                          P.calendar_year(2024))
    assert 50 <= hub.value <= 90
    assert all(scrub(c.text) == c.text for c in SurveyComment.objects.all())
    assert CoProduction.objects.filter(plan=plan, action__reference="1.1").count() == 2
    demo._voice(Console(file=open("/dev/null", "w")), plan)  # noqa: SIM115  (done once)
    assert CoProduction.objects.filter(plan=plan).count() == len(synthetic.COPRODUCTION)
