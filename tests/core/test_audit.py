"""The audit log: written by the service, listed and filtered by administrators,
never changed or deleted through the application."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sendassure.core import audit
from sendassure.core.models import AuditEvent


def test_record_from_a_request_keeps_who_what_and_where(rf, make_user):
    user = make_user("casework")
    request = rf.get("/anything", REMOTE_ADDR="10.1.2.3")
    request.user = user
    event = audit.record(request, "view", "Person", 42, "Viewed a case")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.username, stored.role, stored.action) == ("casework-user", "casework", "view")
    assert (stored.object_type, stored.object_id) == ("Person", "42")
    assert stored.summary == "Viewed a case"
    assert stored.client_address == "10.1.2.3"
    assert stored.at is not None


def test_record_from_the_command_line_has_no_address(make_user):
    event = audit.record(make_user("analyst"), "export", "Worklist", "", "CSV")
    assert event.client_address is None and event.username == "analyst-user"


def test_events_cannot_be_edited_or_deleted(make_user):
    event = audit.record(make_user("analyst"), "view", "Person", 1)
    event.summary = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(summary="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_administrators_list_and_filter_the_log(client, make_user):
    admin = make_user("administrator")
    analyst = make_user("analyst")
    audit.record(analyst, "view", "Person", 7, "looked at person 7")
    audit.record(analyst, "export", "Worklist", "", "worklist csv")
    client.force_login(admin)
    page = client.get(reverse("audit-log")).content.decode()
    assert "looked at person 7" in page and "worklist csv" in page
    filtered = client.get(reverse("audit-log"), {"action": "export"}).content.decode()
    assert "worklist csv" in filtered and "looked at person 7" not in filtered
    by_user = client.get(reverse("audit-log"), {"username": "nobody"}).content.decode()
    assert "worklist csv" not in by_user


def test_the_log_page_offers_no_way_to_change_events(client, make_user):
    client.force_login(make_user("administrator"))
    response = client.post(reverse("audit-log"), {"action": "delete"})
    # GET-only page: a POST is refused by CSRF or ignored, never acted on.
    assert response.status_code in (200, 403, 405)
    page = client.get(reverse("audit-log")).content.decode()
    assert "method=\"post\"" not in page.lower()


def test_an_administrator_reads_only_the_events_of_their_areas(client, make_user):
    kent = make_user("analyst", username="analyst-886", areas=("886",))
    audit.record(kent, "view", "QuarantinedRecord", 7, "/Message/Persons/Person[2]")
    audit.record(None, "import", "SEN2 return", "abc", "kent-2025.xml: stored", areas=["886"])
    audit.record(None, "change", "Setting", "", "a system event about no area")
    client.force_login(make_user("administrator", username="admin-887", areas=("887",)))
    page = client.get(reverse("audit-log")).content.decode()
    assert "analyst-886" not in page and "kent-2025.xml" not in page
    assert "Person[2]" not in page and "a system event about no area" in page
    client.force_login(make_user("administrator", username="admin-886", areas=("886",)))
    page = client.get(reverse("audit-log")).content.decode()
    assert "analyst-886" in page and "kent-2025.xml" in page and "Person[2]" in page
