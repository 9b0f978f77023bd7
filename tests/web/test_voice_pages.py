"""Families' voice pages: complaints (from the figures service, by stage, themes year on
year, remedies, the Ombudsman, lessons learned linked to plan actions) and surveys (%
agree on Wilson intervals, change from a baseline, tag counts only); worked by hand for
analysts, disclosure-controlled for aggregate roles; forms without JavaScript, CSRF and
role checks; every view of the complaint records and the comments audited."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.voice.importing import import_complaints
from sendassure.voice.models import CommentTag, Complaint, LessonLearned, SurveyComment
from sendassure.voice.surveys import import_survey

from ..core.test_url_roles import sample_plan
from ..support.dates import date_fields, error_on

pytestmark = pytest.mark.django_db
COMPLAINTS = """complaint_ref,la_code,received_on,stage,themes,responded_on,outcome,remedies
C1,886,2024-03-28,1,assessment;communication,2024-04-15,upheld,apology
C2,886,28/03/2024,1,decision,2024-04-16,not_upheld,
C3,886,2024-05-03,2,communication;decision,2024-05-31,partly_upheld,apology;service_improvement
C4,886,2024-05-24,1,communication,,withdrawn,
C5,886,2024-06-10,1,delay,,,
C6,886,2024-07-01,1,assessment,2024-07-02,upheld,
O1,886,2024-08-01,ombudsman,decision,2024-09-30,upheld,financial;apology
X1,886,2023-02-01,1,placement,2023-02-10,not_upheld,
X2,886,2023-03-01,1,placement;transport,2023-03-05,upheld,
"""
S1 = "I feel listened to"


@pytest.fixture
def complaints(tmp_path):
    path = tmp_path / "complaints.csv"
    path.write_text(COMPLAINTS)
    import_complaints(path)


def _survey(tmp_path):
    """Wave 2024: parents 12 (7 agree, 5 disagree), young people 6 (5 agree, 1
    disagree); baseline 2023: parents 20 (6 agree, 14 disagree)."""
    lines = ["respondent_id,wave,respondent_group,completed_on,"
             f"{S1},Comment: What would help?"]
    for n in range(12):
        lines.append(f"p{n},2024,parent_carer,2024-06-01,{'agree' if n < 7 else 'disagree'},"
                     + ("Nobody rang back" if n < 3 else ""))
    for n in range(6):
        lines.append(f"y{n},2024,young_person,2024-06-02,{'Strongly agree' if n < 5 else 'disagree'},"
                     + ("Mrs Smith was great" if n == 0 else ""))
    for n in range(20):
        lines.append(f"b{n},2023,parent_carer,2023-06-01,{'agree' if n < 6 else 'disagree'},")
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(lines) + "\n")
    import_survey(path, "886")


def _table(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in
             re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def test_no_data_pages_say_so(client, make_user):
    client.force_login(make_user("board"))
    assert "No complaints have been imported yet" in client.get(reverse("complaints")) \
        .content.decode()
    assert "No survey responses have been imported yet" in client.get(reverse("surveys")) \
        .content.decode()


def test_the_complaints_page_for_an_analyst_by_hand(client, make_user, complaints):
    client.force_login(make_user("analyst"))
    html = client.get(reverse("complaints")).content.decode()
    # the figures service, every stage: 2023 X1 X2 both on time (due 15 Feb, 15 Mar), X2
    # upheld; 2024: 7 received, 5 responded (C4 withdrawn, C5 open), on time C1 C3 C6 (O1
    # due 30 Aug after the bank holiday, answered 30 Sep), upheld C1 C3 C6 O1
    assert _table(html, "by-year")[1:] == [
        ["2023 (partial)", "2", "2", "2", "100.0", "1", "50.0"],
        ["2024 (partial)", "7", "5", "3", "60.0", "4", "80.0"]]  # data: Feb 2023 to Sep 2024
    assert _table(html, "by-stage")[1:] == [
        ["Stage 1", "5", "3", "2", "66.7", "2", "66.7"],
        ["Stage 2", "1", "1", "1", "100.0", "1", "100.0"],
        ["Ombudsman", "1", "1", "0", "0.0", "1", "100.0"],
        ["All stages", "7", "5", "3", "60.0", "4", "80.0"]]
    themes = _table(html, "themes")
    assert themes[1][:3] == ["2023", "School or setting placement (2)",
                             "Home to school transport (1)"]
    assert themes[2][1:5] == ["Failure to communicate (3)", "Disagreement with a decision (3)",
                              "Issues with the EHC needs assessment (2)",
                              "Delay (assessment, plan or review) (1)"]
    assert dict(r for r in _table(html, "remedies")[1:]) == {
        "Apology": "3", "Financial remedy": "1", "Service improvement": "1",
        "Decision or assessment reconsidered": "0", "Provision put in place": "0",
        "Other": "0"}
    assert _table(html, "ombudsman")[1:] == [
        ["Not yet decided", "0"], ["Withdrawn", "0"], ["Upheld", "1"],
        ["Partly upheld", "0"], ["Not upheld", "0"], ["Decided, outcome not recorded", "0"],
        ["Total", "1"]]
    assert dict(_table(html, "ombudsman-remedies")[1:])["Financial remedy"] == "1"
    older = client.get(reverse("complaints"), {"year": "2023"}).content.decode()
    assert _table(older, "by-stage")[1] == ["Stage 1", "2", "2", "2", "100.0", "1", "50.0"]
    download = client.get(reverse("complaints"), {"table": "by-stage", "format": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(download.content.decode())))[4] == [
        "All stages", "7", "5", "3", "60.0", "4", "80.0"]
    assert client.get(reverse("complaints"), {"table": "nope", "format": "csv"}) \
        .status_code == 404


def _numbers(rows: list[list[str]]) -> list[str]:
    return [c for r in rows for c in r[1:] if re.fullmatch(r"[\d,]+", c)]


def test_aggregate_roles_see_no_count_from_1_to_4(client, make_user, complaints):
    client.force_login(make_user("board"))
    html = client.get(reverse("complaints")).content.decode()
    for table in ("by-year", "by-stage", "remedies", "ombudsman", "ombudsman-remedies"):
        assert not any(1 <= int(c.replace(",", "")) <= 4 for c in _numbers(_table(html, table)))
    stage = _table(html, "by-stage")
    # stage 2 and the Ombudsman had one complaint each: nothing about them is shown but
    # a zero (none of the Ombudsman's was answered on time)
    assert stage[2][1:] == ["c"] * 6 and stage[3][1:] == ["c", "c", "0", "c", "c", "c"]
    # the total is the figures service's (7 shown), so stage 1 (5) would give away the
    # other stages together (2): hidden too
    assert stage[4][1] == "7" and stage[1][1] == "c"
    # apology: 3 in all, 1 at the Ombudsman: both c (else 2 others by subtraction)
    assert dict(_table(html, "remedies")[1:])["Apology"] == "c"
    assert dict(_table(html, "ombudsman-remedies")[1:])["Apology"] == "c"
    # the Ombudsman's decisions total is its row of the table by stage
    assert _table(html, "ombudsman")[-1] == ["Total", "c"]
    themes = _table(html, "themes")
    assert "Failure to communicate (c)" in themes[2] and "(3)" not in " ".join(themes[2])
    assert "Counts of 1 to 4" in html
    assert "Stage 1 10, Stage 2 20, Ombudsman 20" in html


def test_analysts_record_remedies_and_lessons_linked_to_plan_actions(make_user, complaints):
    plan = sample_plan()
    action = plan.areas.get().actions.get()
    complaint = Complaint.objects.get(reference="C2")
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("analyst"))
    url = reverse("complaint", args=[complaint.pk])
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert client.post(url, {"remedies": ["apology"]}).status_code == 403  # no CSRF token
    saved = client.post(url, {"csrfmiddlewaretoken": token, "remedies": ["apology", "other"],
                              "remedy_detail": "Mr Jones apologised to the family"})
    assert saved.status_code == 302
    complaint.refresh_from_db()
    assert complaint.remedy_codes == ["apology", "other"]
    assert complaint.remedy_detail == "[name] apologised to the family"
    bad = client.post(url, {"csrfmiddlewaretoken": token, "lesson": "", "action": "99999"})
    assert bad.status_code == 400
    assert "Enter the lesson learned" in bad.content.decode()
    assert "Choose one of the area&#39;s plan actions" in bad.content.decode()
    undated = client.post(url, {"csrfmiddlewaretoken": token, "lesson": "Explain decisions",
                                "learned_on-day": "1", "learned_on-month": "13",
                                "learned_on-year": "2024"})
    assert undated.status_code == 400 and not LessonLearned.objects.exists()
    assert error_on(undated.content.decode(), "learned_on",
                    "The date learned must be a real date, like 27 3 2024")
    added = client.post(url, {"csrfmiddlewaretoken": token, "lesson": "Explain decisions "
                              "in writing", **date_fields("learned_on", "2024-05-01"),
                              "action": action.pk})
    assert added.status_code == 302
    lesson = LessonLearned.objects.get()
    assert (lesson.action, lesson.recorded_by, lesson.recorded_on) == (
        action, "analyst-user", date(2024, 5, 1))
    area_page = client.get(reverse("plan-area", args=[action.area.pk])).content.decode()
    assert "Lessons from complaints" in area_page and "Explain decisions in writing" in area_page
    shown = client.get(reverse("complaints")).content.decode()
    assert "Explain decisions in writing" in shown and "Action 6.1" in shown
    assert AuditEvent.objects.filter(action="change", object_type="Complaint").count() == 2


def test_casework_reads_complaints_but_cannot_change_them(client, make_user, complaints):
    complaint = Complaint.objects.get(reference="C1")
    client.force_login(make_user("casework"))
    before = AuditEvent.objects.count()
    assert client.get(reverse("complaint-list")).status_code == 200
    page = client.get(reverse("complaint", args=[complaint.pk])).content.decode()
    assert AuditEvent.objects.count() == before + 2
    assert "Add a lesson learned" not in page
    assert client.post(reverse("complaint", args=[complaint.pk]),
                       {"lesson": "x"}).status_code == 403
    assert not LessonLearned.objects.exists()


def test_the_surveys_page_for_an_analyst_by_hand(client, make_user, tmp_path):
    from scipy.stats import binomtest

    _survey(tmp_path)
    client.force_login(make_user("analyst"))
    html = client.get(reverse("surveys"), {"wave": "2024", "baseline": "2023",
                                           "group": "parent_carer"}).content.decode()
    # parents 2024: 7 of 12 = 58.3%; baseline 6 of 20 = 30.0%; change 28.3 points;
    # pooled p = 13/32, se = sqrt(p(1-p)(1/12 + 1/20)) = 0.1794, z = 1.579, p = 0.114
    ci = binomtest(7, 12).proportion_ci(method="wilson")
    base = binomtest(6, 20).proportion_ci(method="wilson")
    rows = _table(html, "agree")
    assert rows[1] == [f"S1: {S1}", "58.3", f"{ci.low * 100:.1f}", f"{ci.high * 100:.1f}", "12",
                       "30.0", f"{base.low * 100:.1f}", f"{base.high * 100:.1f}", "28.3", "0.114"]
    # by hand: centre (7/12 + z²/24) / (1 + z²/12) = 0.5631, half-width
    # z sqrt(p(1-p)/12 + z²/576) / (1 + z²/12) = 0.2436: 32.0 to 80.7
    assert rows[1][2:4] == ["32.0", "80.7"]
    everyone = client.get(reverse("surveys"), {"wave": "2024"}).content.decode()
    assert _table(everyone, "agree")[1][:5] == [f"S1: {S1}", "66.7", "43.7", "83.7", "18"]
    assert "Wave 2024: 18 respondents" in everyone
    download = client.get(reverse("surveys"), {"wave": "2024", "figure": "agree",
                                               "format": "csv"}).content.decode()
    assert download.splitlines()[1] == f"S1: {S1},66.7,43.7,83.7,18"
    # the chart draws intervals: a rule from low to high for each statement
    assert "95% interval" in everyone and "Show the data for this chart" in everyone


def test_aggregate_survey_figures_give_no_small_count_away(client, make_user, tmp_path):
    _survey(tmp_path)
    client.force_login(make_user("board"))
    young = _table(client.get(reverse("surveys"), {"wave": "2024", "group": "young_person"})
                   .content.decode(), "agree")
    assert young[1][1:5] == ["c", "c", "c", "c"]  # 1 young person disagreed
    parents = _table(client.get(reverse("surveys"), {"wave": "2024", "group": "parent_carer"})
                     .content.decode(), "agree")
    everyone = _table(client.get(reverse("surveys"), {"wave": "2024"}).content.decode(),
                      "agree")
    # young people = everyone - parents: both cannot be shown
    assert "c" in (parents[1][1], everyone[1][1])


def test_comments_are_tagged_by_analysts_and_published_as_counts_only(client, make_user,
                                                                       tmp_path, settings):
    _survey(tmp_path)
    analyst = make_user("analyst")
    client.force_login(analyst)
    page = client.get(reverse("survey-comments"), {"wave": "2024"})
    text = page.content.decode()
    assert "Nobody rang back" in text and "[name] was great" in text and "Smith" not in text
    assert AuditEvent.objects.filter(object_type="SurveyComment", action="view").count() == 1
    url = reverse("survey-comments") + "?wave=2024"
    assert client.post(url, {"label": "Mr Jones"}).status_code == 400  # a name as a tag
    assert client.post(url, {"label": "near ME14 1XX"}).status_code == 400
    assert client.post(url, {"label": "  communication  "}).status_code == 302
    assert client.post(url, {"label": "Waiting times"}).status_code == 302
    tag = CommentTag.objects.get(label="communication")
    comments = list(SurveyComment.objects.order_by("pk"))
    for comment in comments:
        assert client.post(url, {"comment": comment.pk, "tag": tag.pk}).status_code == 302
    assert client.post(url, {"comment": comments[0].pk, "tag": tag.pk, "remove": "1"}) \
        .status_code == 302
    assert tag.comments.count() == 3
    published = client.get(reverse("surveys"), {"wave": "2024"}).content.decode()
    assert "Nobody rang back" not in published and "was great" not in published
    assert _table(published, "tags")[1] == ["communication", "c"]  # 3 < 10
    assert "Respondents who wrote a comment: c" in published
    settings.SURVEY_TAG_THRESHOLD = 3
    lowered = client.get(reverse("surveys"), {"wave": "2024"}).content.decode()
    assert _table(lowered, "tags")[1] == ["communication", "3"]
    client.force_login(make_user("casework"))
    assert "Nobody rang back" in client.get(reverse("survey-comments")).content.decode()
    assert client.post(url, {"comment": comments[0].pk, "tag": tag.pk}).status_code == 403
    client.force_login(make_user("board"))
    assert client.get(reverse("survey-comments")).status_code == 403


def test_the_ombudsman_remedies_cannot_be_subtracted_from_all_remedies():
    from sendassure.web.presenters.complaints import ALL, hidden_cells

    stage = {"received": 10, "responded": 10, "on_time": 10, "upheld": 5}
    summaries = {s: dict(stage) for s in ("1", "2", "ombudsman")}
    summaries[ALL] = {k: 3 * v for k, v in stage.items()}
    decisions = {"open": 0, "withdrawn": 0, "upheld": 5, "partly_upheld": 0,
                 "not_upheld": 5, "no_outcome": 0}
    found = {"all": {"apology": 6, "financial": 10}, "ombudsman": {"apology": 5,
                                                                   "financial": 5}}
    for code in ("service_improvement", "decision_reconsidered", "provision", "other"):
        found["all"][code] = found["ombudsman"][code] = 0
    hidden = hidden_cells(summaries, decisions, found, {})
    # 6 apologies, 5 of them at the Ombudsman: the other stages' 1 would be given away
    assert ("remedy", "apology") in hidden or ("omb_remedy", "apology") in hidden
    assert ("remedy", "financial") not in hidden and ("omb_remedy", "financial") not in hidden
    assert not any(k[0] in ("1", "2", "ombudsman", ALL) for k in hidden)


def test_a_groups_tag_count_cannot_be_subtracted_from_everyones(client, make_user, tmp_path):
    """12 parents and 2 young people tagged 'waits': everyone's 14 less the parents' 12
    would give the young people's 2 away, so one of them is c too."""
    lines = ["respondent_id,wave,respondent_group,completed_on,Comment: Why?"]
    lines += [f"p{n},2024,parent_carer,2024-06-01,Too long" for n in range(12)]
    lines += [f"y{n},2024,young_person,2024-06-01,Too long" for n in range(2)]
    path = tmp_path / "s.csv"
    path.write_text("\n".join(lines) + "\n")
    import_survey(path, "886")
    tag = CommentTag.objects.create(la="886", label="waits")
    for comment in SurveyComment.objects.all():
        comment.tags.add(tag)
    client.force_login(make_user("analyst"))
    shown = {group: _table(client.get(reverse("surveys"), {"wave": "2024", "group": group})
                           .content.decode(), "tags")[1][1]
             for group in ("", "parent_carer", "young_person")}
    assert shown["young_person"] == "c" and "c" in (shown[""], shown["parent_carer"])
    assert {shown[""], shown["parent_carer"]} <= {"c", "14", "12"}
