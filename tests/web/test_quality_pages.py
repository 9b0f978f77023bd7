"""The plan quality pages: auditors see only the plans assigned to them and audit them
one section a page (no JavaScript needed; save and return); every view of a plan's
audit is recorded; the dashboard is disclosure-controlled for aggregate roles; analysts
sample, assign, moderate and record follow-ups."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sendassure.core.models import AuditEvent
from sendassure.quality.framework import default
from sendassure.quality.models import Assignment, Audit, FollowUp, Moderation

from ..quality.conftest import children  # noqa: F401  (the fixture)
from ..support.dates import date_fields, error_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor(make_user, children):  # noqa: F811
    from sendassure.casework.models import Person

    user = make_user("auditor")
    person = Person.objects.get(identity__upn=children[1])
    Assignment.objects.create(la="886", person=person, auditor=user,
                              assigned_on=date(2024, 1, 20))
    return user


def _events(action="view"):
    return AuditEvent.objects.filter(action=action).count()


def test_an_auditor_sees_only_the_plans_assigned_to_them(client, auditor, children):  # noqa: F811
    client.force_login(auditor)
    html = client.get(reverse("quality-audits")).content.decode()
    assert children[1] in html and children[2] not in html
    start = client.get(reverse("quality-start")).content.decode()
    assert children[1] in start and children[2] not in start
    from sendassure.casework.models import Person

    other = Person.objects.get(identity__upn=children[2])
    refused = client.post(reverse("quality-start"), {"case": other.pk, "agency": "health"})
    assert refused.status_code == 400 and Audit.objects.count() == 0
    assert "Choose one of the plans you may audit" in refused.content.decode()
    theirs = Audit.objects.create(la="886", reference="X", person=other,
                                  framework_id=_framework(), audit_date=date(2024, 1, 1),
                                  auditor="Someone", agency="health", overall_grade="good")
    assert client.get(reverse("quality-audit", args=[theirs.pk])).status_code == 403


def _framework():
    from sendassure.quality.frameworks import framework_version

    return framework_version().pk


def test_an_audit_one_section_a_page_then_check_and_submit(client, auditor, children):  # noqa: F811
    client.force_login(auditor)
    from sendassure.casework.models import Person

    person = Person.objects.get(identity__upn=children[1])
    response = client.post(reverse("quality-start"), {"case": person.pk, "agency": "health",
                                                      "school_year": "10"})
    audit = Audit.objects.get()
    assert response["Location"] == reverse("quality-section", args=[audit.pk, "A"])
    assert (audit.status, audit.agency, audit.school_year, audit.auditor_user) == (
        "draft", "health", 10, auditor)
    framework = default()
    # a section posted without answers: every problem beside its field, nothing saved
    before = _events()
    empty = client.post(reverse("quality-section", args=[audit.pk, "A"]), {})
    text = empty.content.decode()
    assert empty.status_code == 400 and "Choose whether criterion A1 is met" in text
    assert "Choose a grade for section A" in text and 'href="#grade"' in text
    page = client.get(reverse("quality-section", args=[audit.pk, "A"])).content.decode()
    assert _events() == before + 1  # each view of the audit is recorded
    assert "A4. From Year 9" in page  # year 10: preparing for adulthood applies
    grades = {"A": "outstanding", "B": "good", "E": "good", "F": "requires_improvement"}
    for i, section in enumerate(framework.sections):
        answers = {f"mark-{c.id}": "met" for c in section.criteria}
        answers["grade"] = grades.get(section.code, "good")
        if i == 2:
            answers["save_and_return"] = "1"
        response = client.post(reverse("quality-section", args=[audit.pk, section.code]),
                               answers)
        assert response.status_code == 302, (section.code, response.content[:500])
        if i == 2:
            assert response["Location"] == reverse("quality-audits")
    assert response["Location"] == reverse("quality-check", args=[audit.pk])
    check = client.get(reverse("quality-check", args=[audit.pk])).content.decode()
    # weights A1 B2 C1 D1 E2 F2 G1 H1 1 H2 1 I1 J0.5 K0.5: scores A4, F2, the rest 3:
    # (4 + 2x3 + 3 + 3 + 2x3 + 2x2 + 3 + 3 + 3 + 3 + 1.5 + 1.5) / 15 = 44/15 = 2.93 -> good
    assert "<strong>Good</strong>" in check
    submitted = client.post(reverse("quality-check", args=[audit.pk]))
    assert submitted.status_code == 302
    audit.refresh_from_db()
    assert (audit.status, audit.overall_grade) == ("submitted", "good")
    assert audit.marks.count() == sum(len(s.criteria) for s in framework.sections)
    # submitted: no more changes
    again = client.post(reverse("quality-section", args=[audit.pk, "A"]),
                        {"mark-A1": "not_met", "grade": "inadequate"})
    assert again.status_code == 404
    assert audit.sections.get(section="A").grade == "outstanding"


def test_a_weak_audit_gets_follow_ups_an_analyst_records_as_done(client, make_user,
                                                                 children):  # noqa: F811
    from sendassure.casework.models import Person

    person = Person.objects.get(identity__upn=children[3])
    audit = Audit.objects.create(la="886", reference="W", person=person,
                                 framework_id=_framework(), audit_date=date(2024, 1, 10),
                                 auditor="A", agency="education",
                                 overall_grade="inadequate")
    from sendassure.quality.loop import ensure_follow_ups

    ensure_follow_ups(audit)
    client.force_login(make_user("analyst"))
    page = client.get(reverse("quality-audit", args=[audit.pk])).content.decode()
    assert "Amend the plan" in page and "Re-audit the plan" in page
    follow_up = FollowUp.objects.get(audit=audit, kind="amend_plan")
    bad = client.post(reverse("quality-audit", args=[audit.pk]),
                      {"follow_up": follow_up.pk, **date_fields("done_on", "2023-01-01")})
    assert bad.status_code == 400 and FollowUp.objects.get(pk=follow_up.pk).done_on is None
    # the error is on that follow-up's date, linked from the summary; the typed date kept
    html = bad.content.decode()
    assert error_on(html, f"done-{follow_up.pk}", "A follow-up cannot be done before the audit")
    assert html.count('value="2023"') == 1
    unreal = client.post(reverse("quality-audit", args=[audit.pk]),
                         {"follow_up": follow_up.pk, "done_on-day": "",
                          "done_on-month": "", "done_on-year": ""}).content.decode()
    assert error_on(unreal, f"done-{follow_up.pk}", "Enter the date it was done")
    client.post(reverse("quality-audit", args=[audit.pk]),
                {"follow_up": follow_up.pk, **date_fields("done_on", "2024-02-01")})
    assert FollowUp.objects.get(pk=follow_up.pk).done_on == date(2024, 2, 1)


def _audits(children, rows):  # noqa: F811
    from sendassure.casework.models import Person
    from sendassure.core import versions

    framework = _framework()
    for ref, child, day, auditor, grade in rows:
        person = Person.objects.get(identity__upn=children[child])
        audit = Audit.objects.create(la="886", reference=ref, person=person,
                                     framework_id=framework, audit_date=day, auditor=auditor,
                                     agency="education", overall_grade=grade)
        audit.sections.create(section="B", grade=grade)
    versions.changed(["quality"], ["886"])


ROWS = [("A1", 1, date(2024, 1, 10), "Ann", "good"), ("A2", 1, date(2024, 1, 20), "Bob", "good"),
        ("A3", 2, date(2024, 2, 1), "Ann", "requires_improvement"),
        ("A4", 2, date(2024, 2, 5), "Bob", "good"), ("A5", 3, date(2024, 2, 10), "Ann", "good"),
        ("A6", 4, date(2024, 3, 10), "Cat", "good"), ("A7", 5, date(2024, 3, 12), "Cat", "good"),
        ("A8", 6, date(2024, 3, 14), "Cat", "outstanding")]


def test_the_dashboard_for_a_board_member_is_controlled(client_as, children):  # noqa: F811
    _audits(children, ROWS)
    html = client_as("board").get(reverse("quality")).content.decode()
    assert "Audits from 1 Apr 2023 to 14 Mar 2024" in html  # 12 months to the latest
    grid = html[html.index('id="section-grades"'):]
    grid = grid[:grid.index("</table>")]
    # section B: good 6, requires improvement 1, outstanding 1, total 8: the 1s are c
    assert ">c<" in grid and ">1<" not in grid
    assert "By auditor" not in html  # staff-level detail is for analysts
    agreement = html[html.index('id="agreement"'):]
    assert "Whole period" in agreement and ">c<" in agreement  # 2 pairs: too few
    csv = client_as("forum").get(reverse("quality"), {"figure": "grades-by-quarter",
                                                      "format": "csv"})
    assert csv.status_code == 200 and b"Quarter" in csv.content


def test_the_dashboard_for_an_analyst_shows_counts_and_auditors(client_as, children):  # noqa: F811
    _audits(children, ROWS)
    html = client_as("analyst").get(reverse("quality")).content.decode()
    assert 'id="auditors"' in html and "Cat" in html
    agreement = html[html.index('id="agreement"'):]
    row = agreement[agreement.index("Whole period"):]
    row = row[:row.index("</tr>")]
    # pairs (good, good), (requires improvement, good): 1 of 2 agree = 50.0%
    assert ">2<" in row and ">50.0<" in row


def test_sample_assign_and_moderate(client_as, make_user, children):  # noqa: F811
    auditor = make_user("auditor", "auditor-two")
    client = client_as("analyst")
    page = client.get(reverse("quality-sample"), {"size": "3", "seed": "5",
                                                  "by": ["primary_need"]})
    html = page.content.decode()
    assert page.status_code == 200 and "3 of 6 active plans on 18 Jan 2024" in html
    assert 'id="representativeness"' in html
    shown = [upn for upn in children.values() if upn in html]
    assert len(shown) == 3
    from sendassure.casework.models import PersonIdentity

    ids = [PersonIdentity.objects.get(upn=u).person_id for u in shown]
    client.post(reverse("quality-sample"), {"auditor": auditor.pk, "case": ids})
    assert set(Assignment.objects.filter(auditor=auditor).values_list(
        "person_id", flat=True)) == set(ids)
    bad = client.get(reverse("quality-sample"), {"seed": "x"})
    assert bad.status_code == 400 and "Enter a sample size or a margin of error" in \
        bad.content.decode()
    _audits(children, ROWS)
    first, second = Audit.objects.get(reference="A3"), Audit.objects.get(reference="A4")
    moderation = client.get(reverse("quality-moderation")).content.decode()
    assert "A3 and A4 (the auditors disagreed)" in moderation
    key = f"{first.pk}-{second.pk}"
    client.post(reverse("quality-moderation"), {"pair": key, f"agreed-{key}": "good"})
    assert Moderation.objects.get().agreed_grade == "good"


def test_re_audits_and_section_agreement_on_the_dashboard(client_as, children):  # noqa: F811
    _audits(children, ROWS + [("A9", 2, date(2024, 5, 1), "Ann", "good")])
    html = client_as("analyst").get(reverse("quality")).content.decode()
    # plan 2: requires improvement (A3, 1 Feb) then good (A4, 5 Feb): better
    assert "were audited again: 1 better, 0 the same and 0 worse" in " ".join(html.split())
    section = html[html.index('id="section-agreement"'):]
    row = section[section.index(">B<"):]
    row = row[:row.index("</tr>")]
    assert ">2<" in row and ">50.0<" in row  # section B graded as the overall grade
    board = client_as("board").get(reverse("quality")).content.decode()
    assert "were audited again: c better" in " ".join(board.split())


def test_criteria_met_from_form_audits(client_as, children):  # noqa: F811
    from sendassure.casework.models import Person
    from sendassure.quality.models import CriterionMark

    framework = _framework()
    for n, (child, mark) in enumerate([(1, "met"), (2, "met"), (3, "partly"), (4, "met"),
                                       (5, "not_met"), (6, "not_applicable")], start=1):
        audit = Audit.objects.create(la="886", reference=f"F{n}",
                                     person=Person.objects.get(identity__upn=children[child]),
                                     framework_id=framework, audit_date=date(2024, 2, n),
                                     auditor="Ann", agency="health", overall_grade="good")
        CriterionMark.objects.create(audit=audit, criterion="B2", mark=mark)
    html = client_as("analyst").get(reverse("quality")).content.decode()
    row = html[html.index(">B2. Golden thread"):]
    row = row[:row.index("</tr>")]
    # 5 answered where it applied (n/a left out): met 3, partly 1, not met 1 -> 60.0%
    assert [c.split("<")[0] for c in row.split('numeric">')[1:]] == ["3", "1", "1", "60.0"]
    board = client_as("board").get(reverse("quality")).content.decode()
    row = board[board.index(">B2. Golden thread"):]
    row = row[:row.index("</tr>")]
    assert [c.split("<")[0] for c in row.split('numeric">')[1:]] == ["c", "c", "c", "c"]


def _mix(html: str) -> tuple[str, list[str]]:
    text = " ".join(html.split())
    intro = text[text.index("Is the audited sample representative?"):]
    intro = intro[:intro.index("</p>")]
    table = html[html.index('id="representativeness"'):] if 'id="representativeness"' in \
        html else ""
    table = table[:table.index("</table>")] if table else ""
    rows = [r.split("</th>")[0].split(">")[-1] for r in table.split('<th scope="row"')[1:]]
    return intro, rows


def test_the_audited_plans_mix_beside_the_results(client_as, children):  # noqa: F811
    _audits(children, ROWS)  # 8 audits of all 6 plans, all still active
    intro, rows = _mix(client_as("analyst").get(reverse("quality")).content.decode())
    assert "The 6 plans audited in the period that are still active" in intro
    assert "(of 6 plans audited)" in intro
    assert rows == ["primary need", "phase", "setting", "locality"]
    # a board member: primary need has groups of 1 (MLD, SEMH, SLCN) and 3 (ASD) audited
    # plans, which its shares and gap would give away; the others are one group of 6
    html = client_as("board").get(reverse("quality")).content.decode()
    intro, rows = _mix(html)
    assert rows == ["phase", "setting", "locality"]
    assert "Not shown (a group of 1 to 4 audited plans could be worked out from it): " \
           "primary need." in " ".join(html.split())


def test_fewer_than_5_audited_plans_are_not_compared_for_aggregate_roles(
        client_as, children):  # noqa: F811
    _audits(children, ROWS[:4])  # plans 1 and 2 only
    intro, rows = _mix(client_as("board").get(reverse("quality")).content.decode())
    assert "The c plans audited" in intro and "(of c plans audited)" in intro
    assert rows == []
    intro, rows = _mix(client_as("analyst").get(reverse("quality")).content.decode())
    assert "The 2 plans audited" in intro and len(rows) == 4


def test_a_sample_sized_by_its_margin_of_error(client_as, children):  # noqa: F811
    client = client_as("analyst")
    page = client.get(reverse("quality-sample"), {"margin": "0.05", "seed": "5",
                                                  "by": ["primary_need", "phase"]})
    html = " ".join(page.content.decode().split())
    # 6 plans: n0 = 1.96^2 x 0.25 / 0.05^2 = 384.1; 384.1 / (1 + 383.1 / 6) = 5.9 -> 6
    assert page.status_code == 200 and "6 of 6 active plans on 18 Jan 2024" in html
    assert 'id="representativeness"' in html
    bad = client.get(reverse("quality-sample"), {"margin": "5", "seed": "5"})
    assert bad.status_code == 400
    assert "Enter the margin of error as a fraction, e.g. 0.05" in bad.content.decode()


def test_a_moderation_settles_the_agreed_grade_of_a_double_audit_only(client_as,
                                                                     children):  # noqa: F811
    _audits(children, ROWS)
    client = client_as("analyst")
    a1, a3 = Audit.objects.get(reference="A1"), Audit.objects.get(reference="A3")
    first, second = a3, Audit.objects.get(reference="A4")
    # A1 and A3 are audits of two different plans: not a double audit
    bad = client.post(reverse("quality-moderation"), {"pair": f"{a1.pk}-{a3.pk}",
                                                      f"agreed-{a1.pk}-{a3.pk}": "good"})
    assert bad.status_code == 400 and "Choose a double-audited plan" in bad.content.decode()
    key = f"{first.pk}-{second.pk}"
    missing = client.post(reverse("quality-moderation"), {"pair": key})
    assert missing.status_code == 400 and "Choose the agreed grade" in missing.content.decode()
    assert Moderation.objects.count() == 0
    client.post(reverse("quality-moderation"), {"pair": key, f"agreed-{key}": "good",
                                                f"rationale-{key}": "Outcomes are SMART"})
    # settled again: the same record, with the new grade
    client.post(reverse("quality-moderation"), {"pair": key,
                                                f"agreed-{key}": "requires_improvement"})
    settled = Moderation.objects.get()
    assert (settled.first, settled.second, settled.agreed_grade) == (
        first, second, "requires_improvement")
    page = " ".join(client.get(reverse("quality-moderation")).content.decode().split())
    assert "Agreed: <strong>Requires improvement</strong>" in page


def test_good_or_better_by_quarter_as_an_spc_chart(client_as, children):  # noqa: F811
    # 5 audits a quarter over 2023 (from 1 Feb to 5 Nov), good or better 5, 4, 3, 5 of 5;
    # the audits' data covers only part of Q1 and Q4, so the chart has Q2 80% and Q3 60%
    rows, n = [], 0
    for quarter, good in enumerate((5, 4, 3, 5)):
        for k in range(5):
            n += 1
            rows.append((f"S{n}", k % 6 + 1, date(2023, 3 * quarter + 2, k + 1), "Ann",
                         "good" if k < good else "requires_improvement"))
    _audits(children, rows)
    client = client_as("analyst")
    html = client.get(reverse("quality"), {"from": "2023-01-01",
                                           "to": "2023-12-31"}).content.decode()
    assert 'id="good-or-better-spc"' in html
    chart = html[html.index('id="good-or-better-spc"'):]
    chart = " ".join(chart[:chart.index("</figure>")].split())
    assert "process limits" in chart and "not shown: the data covers only part" in chart
    csv = client.get(reverse("quality"), {
        "figure": "good-or-better-spc", "format": "csv", "from": "2023-01-01",
        "to": "2023-12-31"})
    assert csv.status_code == 200
    lines = csv.content.decode().splitlines()
    # value, good or better, audits, and the XmR centre line: the mean of 80 and 60 = 70
    assert [line.split(",")[1:5] for line in lines[1:] if line.startswith("2023")] == [
        ["80", "4", "5", "70"], ["60", "3", "5", "70"]], lines
