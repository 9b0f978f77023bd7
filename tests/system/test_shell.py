"""The web shell in a real browser: keyboard sign-in and sign-out, axe on every page,
reading without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


DOWNLOADS = ("quarantine-export", "pack-job-file", "evidence-download",
             "evidence-version-download", "evidence-preview")  # CSV, not pages


def _html_pages():
    """(name, needs arguments) for every URL pattern that answers with a page."""

    def walk(resolver):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry)
            elif (isinstance(entry, URLPattern) and entry.name not in DOWNLOADS
                  and not getattr(entry.callback, "json_api", False)):  # JSON, not a page
                yield entry.name, bool(entry.pattern.converters)

    return sorted(set(walk(get_resolver())))


def _sample_data(tmp_path) -> dict[str, dict]:
    from django.conf import settings

    from sendassure.benchmarks.outcomes.loading import load_outcomes

    from ..core.test_url_roles import sample_url_kwargs

    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_outcomes()  # the outcomes page with every series and one series' charts
    return sample_url_kwargs(tmp_path)


def test_keyboard_user_signs_in_moves_around_and_signs_out(visit, make_user):
    make_user("analyst")
    page = visit.page
    visit.goto("/public/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"
    # Reach the sign-in link with the keyboard alone.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Sign in":
            break
    else:
        raise AssertionError("the Sign in link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/**")
    page.focus("#username")
    page.keyboard.type("analyst-user")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You are signed in as analyst-user" in page.content()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Sign out":
            break
    else:
        raise AssertionError("the Sign out link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-out/")
    page.get_by_role("button", name="Sign out").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You have signed out" in page.content()
    assert visit.console_errors == []


def test_axe_finds_no_violations_on_any_page(visit, make_user, tmp_path):
    make_user("administrator")
    kwargs = _sample_data(tmp_path)
    visit.sign_in("administrator-user", PASSWORD)
    problems = {}
    for name, needs_arguments in _html_pages():
        if name == "sign-in":
            continue  # checked signed out below, with and without errors
        if needs_arguments:
            assert name in kwargs, f"add sample arguments for {name} so axe can check it"
        visit.goto(reverse(name, kwargs=kwargs.get(name)))
        if violations := visit.axe_violations():
            problems[name] = violations
    for extra in ("/no-such-page/", "/outcomes/?series=ks2_rwm_expected",
                  "/quality/sample/?size=2&seed=1&by=primary_need", "/quality/sample/?seed=x",
                  "/quality/audits/?upn=A000000000000"):
        visit.goto(extra)
        if violations := visit.axe_violations():
            problems[extra] = violations
    assert problems == {}
    # the not-found page and the sample form with errors (400) are visited on purpose
    assert all("404" in e or "400" in e for e in visit.console_errors)


def test_axe_on_health_waits_over_time_and_a_referral_quarantine(visit, make_user, tmp_path):
    from sendassure.health.compact import SHIPPED
    from sendassure.health.store import load_sitrep

    from ..core.test_url_roles import sample_referral_extract

    for path in sorted(SHIPPED.glob("*.xlsx")):
        load_sitrep(path)
    extract = sample_referral_extract(tmp_path)
    make_user("health")
    visit.sign_in("health-user", PASSWORD)
    problems = {}
    for path in ("/health/waits/", "/health/waits/?org=QKS&services=adults",
                 "/health/waits/?org=QKS&service=nonsense", "/health/referrals/",
                 f"/health/referrals/{extract.pk}/"):
        visit.goto(path)
        if violations := visit.axe_violations():
            problems[path] = violations
        if path == "/health/waits/":  # the charts are there to be checked
            assert visit.page.locator("#waits-spc, #waits-trend").count() == 2
    assert problems == {}


def test_axe_on_signed_out_pages_and_sign_in_errors(visit):
    problems = {}
    for path in ("/public/", "/sign-in/", "/accessibility/", "/privacy/"):
        visit.goto(path)
        if violations := visit.axe_violations():
            problems[path] = violations
    visit.goto("/sign-in/")
    with visit.page.expect_navigation():
        visit.page.get_by_role("button", name="Sign in").click()
    assert "There is a problem" in visit.page.content()
    if violations := visit.axe_violations():
        problems["sign-in with errors"] = violations
    assert problems == {}


def test_a_refused_page_passes_axe(visit, make_user):
    make_user("board")
    visit.sign_in("board-user", PASSWORD)
    response = visit.goto(reverse("audit-log"))
    assert response.status == 403
    assert visit.axe_violations() == []


def test_pages_read_without_javascript(visit_without_js, make_user):
    make_user("administrator")
    visit = visit_without_js
    visit.goto("/public/")
    assert visit.page.locator("h1").inner_text() == "Improving SEND services in this area"
    visit.sign_in("administrator-user", PASSWORD)
    assert "You are signed in as administrator-user" in visit.page.content()
    visit.goto(reverse("audit-log"))
    assert visit.page.locator("h1").inner_text() == "Audit log"
    assert visit.page.locator("table").count() == 1


def test_an_auditor_audits_a_plan_without_javascript(visit_without_js, make_user, tmp_path):
    """One section a page, radios and buttons only: the audit form needs no JavaScript."""
    from datetime import date

    from sendassure.casework.models import Person
    from sendassure.quality.models import Assignment, Audit

    _sample_data(tmp_path)
    auditor = make_user("auditor")
    person = Person.objects.filter(la="886").order_by("-id").first()
    Assignment.objects.create(la="886", person=person, auditor=auditor,
                              assigned_on=date(2024, 1, 20))
    visit = visit_without_js
    visit.sign_in("auditor-user", PASSWORD)
    visit.goto(reverse("quality-start"))
    page = visit.page
    page.get_by_label("Health").check()
    page.locator("input[name=case]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start the audit").click()
    assert "Section A" in page.locator("h1").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()
    assert "There is a problem" in page.content()  # nothing chosen: errors, not a crash
    for radio in page.locator("input[type=radio][value=met]").all():
        radio.check()
    page.locator("#grade-good").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    assert "Section A saved" in page.content()
    audit = Audit.objects.get(person=person)
    assert audit.status == "draft" and audit.sections.get().grade == "good"
