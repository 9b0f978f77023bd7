"""The web shell in a real browser: keyboard sign-in and sign-out, axe on every page,
reading without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


DOWNLOADS = ("quarantine-export", "plan-pack", "evidence-download",
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
    for extra in ("/no-such-page/", "/outcomes/?series=ks2_rwm_expected"):
        visit.goto(extra)
        if violations := visit.axe_violations():
            problems[extra] = violations
    assert problems == {}
    assert visit.console_errors == [] or all("404" in e for e in visit.console_errors)


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
