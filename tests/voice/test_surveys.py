"""``sendassure surveys``: import a survey tool's export, and the share who agree with a
Wilson 95% interval and the change from a baseline, worked by hand and checked against
scipy; bad files named, nothing stored; the respondent id never stored as given."""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

from sendassure.cli import app
from sendassure.kpis.surveys import two_proportion_p, wilson
from sendassure.voice.models import SurveyAnswer, SurveyResponse

runner = CliRunner()
pytestmark = pytest.mark.django_db
S1 = "I am confident that my child's needs will be met"
S2 = "I know who to contact"
HEAD = f'respondent_id,wave,respondent_group,completed_on,"{S1}",{S2}'


def _write(tmp_path, lines, name="survey.csv"):
    path = tmp_path / name
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return path


def _waves(tmp_path):
    # 2020-12: S1 answered 3 strongly agree, 3 agree, 1 neither, 1 disagree, 1 don't
    # know, 1 blank: 8 responses, 6 agree
    answers = ["Strongly agree"] * 3 + ["agree"] * 3 + ["Neither agree nor disagree",
                                                        "Disagree", "Don\u2019t know", ""]
    late = [f"p{n}@example.org,2020-12,parent_carer,2020-12-0{1 + n % 9},{a},dont_know"
            for n, a in enumerate(answers)]
    # 2019: 20 responses, 6 agree
    early = [f"r{n},2019,parent_carer,15/06/2019,{'agree' if n < 6 else 'disagree'},agree"
             for n in range(20)]
    return _write(tmp_path, late + early)


def test_import_and_the_summary_by_hand(tmp_path, make_user):
    make_user("analyst")  # one area held: 886
    result = runner.invoke(app, ["surveys", "import", str(_waves(tmp_path))])
    assert result.exit_code == 0 and "30 response(s) added" in result.output, result.output
    stored = [r.respondent_key for r in SurveyResponse.objects.all()]
    assert not any("@" in k or k.startswith("p0") for k in stored)  # keyed hashes only
    out = runner.invoke(app, ["surveys", "summary", "--wave", "2020-12", "--baseline",
                              "2019"])
    found = json.loads(out.output)
    assert (found["wave"], found["baseline"], found["respondents"]) == ("2020-12", "2019", 10)
    # 6 of 8 = 75.0%; Wilson (z 1.96): centre (0.75 + z^2/16) / (1 + z^2/8) = 0.6689,
    # half-width 0.2596: 40.9 to 92.9. Baseline 6 of 20 = 30.0%; change 45.0 points;
    # pooled p = 12/28, se = sqrt(p(1-p)(1/8 + 1/20)) = 0.2070, z = 2.174, p = 0.030
    assert found["statements"][S1] == {
        "responses": 8, "agree": 6, "pc_agree": 75.0, "ci_low": 40.9, "ci_high": 92.9,
        "baseline_pc_agree": 30.0, "change_pp": 45.0, "p_value": 0.03}
    # S2: all don't know in 2020-12: no responses, nothing to compare
    assert found["statements"][S2] == {
        "responses": 0, "agree": 0, "pc_agree": None, "ci_low": None, "ci_high": None,
        "baseline_pc_agree": 100.0, "change_pp": None, "p_value": None}
    alone = json.loads(runner.invoke(app, ["surveys", "summary", "--wave", "2019"]).output)
    assert "p_value" not in alone["statements"][S1]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(runner.invoke(
        app, ["surveys", "summary", "--wave", "2020-12", "--format", "csv"]).output)))
    assert rows[0] == ["wave", "statement", "responses", "agree", "pc_agree", "ci_low",
                       "ci_high"]
    assert rows[1] == ["2020-12", S1, "8", "6", "75.0", "40.9", "92.9"]


def test_the_statistics_agree_with_scipy():
    from scipy.stats import binomtest, chi2_contingency

    for agree, n in ((6, 8), (0, 5), (5, 5), (31, 100), (620, 1000)):
        ours = wilson(agree, n)
        theirs = binomtest(agree, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert math.isclose(ours[0], theirs.low, abs_tol=1e-9)
        assert math.isclose(ours[1], theirs.high, abs_tol=1e-9)
    for x1, n1, x2, n2 in ((6, 8, 6, 20), (62, 100, 30, 99), (10, 40, 12, 41)):
        p = chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)[1]
        assert math.isclose(two_proportion_p(x1, n1, x2, n2), p, rel_tol=1e-9)
    assert two_proportion_p(5, 5, 3, 3) is None and wilson(0, 0) is None


def test_importing_again_changes_nothing(tmp_path, make_user):
    make_user("analyst")
    path = _waves(tmp_path)
    runner.invoke(app, ["surveys", "import", str(path)])
    before = (list(SurveyResponse.objects.values()), list(SurveyAnswer.objects.values()))
    again = runner.invoke(app, ["surveys", "import", str(path)])
    assert "0 response(s) added, 0 updated, 30 unchanged" in again.output
    assert (list(SurveyResponse.objects.values()), list(SurveyAnswer.objects.values())) == \
        before


@pytest.mark.parametrize("line, column, reason", [
    (",w,parent_carer,2020-01-01,agree,agree", "respondent_id", "is required"),
    ("r1,w,grandparent,2020-01-01,agree,agree", "respondent_group", "is not one of"),
    ("r1,w,parent_carer,2020-13-01,agree,agree", "completed_on", "is not a date"),
    ("r1,w,parent_carer,2020-01-01,maybe,agree", S1, "is not an answer on the scale"),
    ("r0,w,parent_carer,2020-01-02,agree,agree", "respondent_id", "answers wave 'w' again"),
])
def test_each_bad_cell_is_named_and_nothing_is_stored(tmp_path, make_user, line, column,
                                                      reason):
    make_user("analyst")
    path = _write(tmp_path, ["r0,w,parent_carer,2020-01-01,agree,agree", line])
    result = runner.invoke(app, ["surveys", "import", str(path)])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "nothing was stored" in text
    assert f"row 3, {column}:" in text and reason in text
    assert SurveyResponse.objects.count() == 0
