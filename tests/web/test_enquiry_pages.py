"""The enquiries hub's pages: the queue (unassigned or overdue first, urgent flagged,
judged on the latest data held), recording and updating an enquiry through the forms
(names and postcodes scrubbed, a case linked by UPN), escalations, one audit event per
GET of child-level pages, no-store caching, and the response measures controlled for
aggregate roles."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from sendassure.casework.models import Person, PersonIdentity
from sendassure.core import versions
from sendassure.core.models import AuditEvent
from sendassure.enquiries.models import Enquiry
from sendassure.enquiries.promises import promised
from sendassure.enquiries.vocabulary import vocabulary
from sendassure.ingest.models import ImportRun

from ..support.dates import date_fields, error_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(make_user):
    made = {}

    def sign_in(role: str) -> Client:
        if role not in made:
            made[role] = make_user(role)
        client = Client()
        client.force_login(made[role])
        return client

    return sign_in


def _enquiry(ref, received, category="transport", assigned="", replied=None):
    return Enquiry.objects.create(la="886", reference=ref, received_on=received,
                                  channel="phone", category=category, assigned_to=assigned,
                                  replied_on=replied,
                                  **promised(received, category, vocabulary()))


@pytest.fixture
def held():
    # data to 2 Jun 2025 (E4's received date)
    held = {
        # routine, due 19 May, not replied, assigned: overdue on 2 Jun
        "late": _enquiry("E1", date(2025, 5, 2), assigned="Team A"),
        # urgent, due 3 Jun 2025, assigned, not overdue
        "urgent": _enquiry("E2", date(2025, 6, 2), "out_of_education", assigned="Team B"),
        # routine, assigned, replied on time: last
        "fine": _enquiry("E3", date(2025, 5, 30), assigned="Team C",
                         replied=date(2025, 6, 2)),
        # routine, unassigned, due 16 Jun: needs attention (nobody has it)
        "nobody": _enquiry("E4", date(2025, 6, 2)),
    }
    versions.changed(["enquiries"], ["886"])  # stored here without a loader
    return held


def test_the_queue_puts_unassigned_and_overdue_first_and_is_audited(client_for, held):
    client = client_for("casework")
    before = AuditEvent.objects.count()
    page = client.get("/enquiries/?area=886")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store, private"
    assert AuditEvent.objects.count() == before + 1
    text = page.content.decode()
    # E1 (overdue) and E4 (unassigned) first, by their promised dates (19 May, 16 Jun);
    # then the urgent E2, then E3
    order = [text.index(f">{r}</a>") for r in ("E1", "E4", "E2", "E3")]
    assert order == sorted(order)
    assert len(re.findall(r">\s*Overdue\s*<", text)) == 1 and "judged on 2 Jun 2025" in text


def test_recording_an_enquiry_scrubs_and_links_the_case(client_for, held):
    run = ImportRun.objects.create(la="886", file_name="r.xml", file_hash="x" * 64,
                                   file_format="xml", reference_date="2025-01-16",
                                   status="stored")
    person = Person.objects.create(la="886", import_run=run, reference_date="2025-01-16",
                                   match_key="k1")
    PersonIdentity.objects.create(person=person, upn="A123456789012")
    client = client_for("casework")
    bad = client.post("/enquiries/new/?area=886", {
        "reference": "E1", "received_on-day": "x", "received_on-month": "12",
        "received_on-year": "2025", "channel": "fax", "upn": "Z1"})
    assert bad.status_code == 400 and not Enquiry.objects.filter(reference="").exists()
    for message in ("already held", "Choose how", "Choose what", "No child with this UPN"):
        assert message in bad.content.decode()
    assert error_on(bad.content.decode(), "received_on",
                    "The date received must be a real date, like 27 3 2024")
    assert 'name="received_on-month" type="text" value="12"' in bad.content.decode()
    blank = client.post("/enquiries/new/?area=886", {"reference": "E2"}).content.decode()
    assert error_on(blank, "received_on", "Enter the date received")
    done = client.post("/enquiries/new/?area=886", {
        "reference": "E9", **date_fields("received_on", "2025-12-24"), "channel": "email",
        "category": "placement_breakdown", "upn": "a123456789012",
        "summary": "Mrs Smith of ME14 1XX says the placement has ended"})
    enquiry = Enquiry.objects.get(reference="E9")
    assert done.status_code == 302 and enquiry.person == person and enquiry.urgent
    assert (enquiry.reply_by, enquiry.update_by) == (date(2025, 12, 29), date(2026, 1, 5))
    assert enquiry.summary == "[name] of ME14 says the placement has ended"


def test_updating_and_escalating(client_for, held):
    client = client_for("casework")
    pk = held["nobody"].pk
    before = AuditEvent.objects.count()
    page = client.get(f"/enquiries/{pk}/")
    assert page.status_code == 200 and AuditEvent.objects.count() == before + 1
    assert page["Cache-Control"] == "no-store, private"
    wrong = client.post(f"/enquiries/{pk}/", date_fields("replied_on", "2025-05-01"))
    assert wrong.status_code == 400
    assert error_on(wrong.content.decode(), "replied_on",
                    "The date replied cannot be before the enquiry was received")
    late = client.post(f"/enquiries/{pk}/", {"escalated_to": "Head of SEN",
                                             "escalated_on-day": "30", "escalated_on-month": "2",
                                             "escalated_on-year": "2025", "reason": "Asked"})
    assert late.status_code == 400 and error_on(late.content.decode(), "escalated_on",
                                                "The date escalated must be a real date")
    client.post(f"/enquiries/{pk}/", {"assigned_to": "Team D",
                                      **date_fields("replied_on", "2025-06-05")})
    client.post(f"/enquiries/{pk}/", {"escalated_to": "Head of SEN",
                                      **date_fields("escalated_on", "2025-06-04"),
                                      "reason": "Dr Who asked twice"})
    enquiry = Enquiry.objects.get(pk=pk)
    assert (enquiry.assigned_to, enquiry.replied_on) == ("Team D", date(2025, 6, 5))
    x = enquiry.escalations.get()
    assert (x.escalated_to, x.reason, x.recorded_by) == ("Head of SEN", "[name] asked twice",
                                                         "casework-user")


def test_aggregate_roles_see_the_measures_controlled(client_for, held):
    board = client_for("board").get("/enquiries/measures/?area=886").content.decode()
    # four enquiries in 2025 Q2: every count is 1 to 4, so each is c
    assert "2025 Q2" in board and "by channel" not in board
    row = board[board.index("2025 Q2"):board.index("</tr>", board.index("2025 Q2"))]
    assert ">4<" not in row and row.count(">c<") >= 4
    analyst = client_for("analyst").get("/enquiries/measures/?area=886").content.decode()
    assert "Enquiries by channel" in analyst
    row = analyst[analyst.index("2025 Q2"):analyst.index("</tr>", analyst.index("2025 Q2"))]
    assert ">4<" in row  # received
    csv = client_for("analyst").get("/enquiries/measures/?area=886&format=csv&table=by-urgency")
    assert csv.content.decode().splitlines()[1].startswith("Routine,3,1,1,100.0")
