"""Parents' confidence as the figures service's ``parent_survey`` family: per headline
statement and calendar year of completion, responses, agree, % agree and the Wilson
interval (checked against scipy), only parents and carers counted; aggregate roles see
counts of 1 to 4 and what gives them away as c."""

from __future__ import annotations

from decimal import Decimal

import pytest
from scipy.stats import binomtest

from sendassure.figures.service import figures_for
from sendassure.kpis import periods as P
from sendassure.voice.surveys import import_survey

pytestmark = pytest.mark.django_db
S = "I feel listened to"


@pytest.fixture
def survey(tmp_path):
    """2024: 12 parents (7 agree, 4 disagree, 1 don't know... see rows), 6 young people
    (all agree, left out); 2023: 3 parents (2 agree)."""
    lines = [f"respondent_id,wave,respondent_group,completed_on,{S}"]
    answers = ["agree"] * 5 + ["Strongly agree"] * 2 + ["disagree"] * 4 + ["Don't know"]
    lines += [f"p{n},2024,parent_carer,2024-06-01,{a}" for n, a in enumerate(answers)]
    lines += [f"y{n},2024,young_person,2024-06-02,agree" for n in range(6)]
    lines += [f"b{n},2023,parent_carer,2023-06-01,{a}"
              for n, a in enumerate(["agree", "agree", "disagree"])]
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_survey(path, "886")


def test_by_hand_against_scipy(survey):
    found = figures_for(["886"], stream="surveys").family("parent_survey",
                                                          P.calendar_year(2024))
    # 12 parents; 11 answered (don't know left out); 7 agree: 63.6%
    assert found["parent_respondents"].value == 12
    assert found["survey_listened_to_responses"].value == 11
    assert found["survey_listened_to_agree"].value == 7
    assert found["pc_survey_listened_to_agree"].value == Decimal("63.6")
    ci = binomtest(7, 11).proportion_ci(0.95, method="wilson")
    assert found["survey_listened_to_ci_low"].value == Decimal(f"{ci.low * 100:.1f}")
    assert found["survey_listened_to_ci_high"].value == Decimal(f"{ci.high * 100:.1f}")
    # a headline statement not asked: nothing answered, no percentage
    assert found["survey_confidence_responses"].value == 0
    assert found["pc_survey_confidence_agree"].text == "z"


def test_aggregate_roles_see_small_counts_controlled(survey):
    figures = figures_for(["886"], stream="surveys", controlled=True)
    small = figures.family("parent_survey", P.calendar_year(2023))
    # 3 parents, 2 agree: every count and the share are c
    assert {small[m].text for m in ("parent_respondents", "survey_listened_to_agree",
                                    "pc_survey_listened_to_agree",
                                    "survey_listened_to_ci_low")} == {"c"}
    big = figures.family("parent_survey", P.calendar_year(2024))
    # 11 answered, 7 agree, 4 not: 4 would show, so agree (7) goes with it... and the
    # share and the interval with the hidden count; 12 - 11 = 1 no answer: 11 or 12 hides
    shown = {m: big[m].text for m in ("parent_respondents", "survey_listened_to_responses",
                                      "survey_listened_to_agree",
                                      "pc_survey_listened_to_agree",
                                      "survey_listened_to_ci_low")}
    assert shown["survey_listened_to_agree"] == "c"
    assert shown["pc_survey_listened_to_agree"] == "c" and shown["survey_listened_to_ci_low"] == "c"
    assert "c" in (shown["parent_respondents"], shown["survey_listened_to_responses"])
