"""Every page works under the Content-Security-Policy in a real browser: no violation, public pages or admin."""

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse

from tests.admin_pages import change_url, changelist_url
from tests.factories import make_event, make_organ, make_person, make_tenure

PASSWORD = "a-long-test-password-1975"

# Collected in the page itself, so that a violation from a script, a style or an attribute is seen however the
# browser reports it to the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, and the list of CSP violations its console and its documents report."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return page, violations


def visit(page, violations, address):
    response = page.goto(address)
    assert response.status < 400, address
    assert "script-src 'self'" in response.headers["content-security-policy"], address
    page.wait_for_load_state("load")
    violations.extend(page.evaluate("window.__cspViolations"))


@pytest.fixture
def records(transactional_db):
    organ = make_organ(slug="permanent-council")
    person = make_person(slug="kanat-saudabayev")
    make_tenure(person=person)
    with reversion.create_revision():
        event = make_event(slug="astana-summit", title_en="Astana Summit", start=(2010, 12, 1))
    with reversion.create_revision():
        event.title_en = "Astana Summit of the OSCE"
        event.save()
    return {"organ": organ, "person": person, "event": event}


def test_the_public_pages_raise_no_csp_violation(watched, records):
    page, violations = watched
    for address in [
        "/en/",
        "/kk/",
        "/en/structure/",
        "/en/organs/",
        "/en/organs/permanent-council/",
        "/en/people/",
        "/en/people/kanat-saudabayev/",
        "/en/timeline/",
        "/en/timeline/astana-summit/",
        "/en/states/",
        "/en/sources/",
        "/en/search/?q=Astana",
        "/en/as-of/2010-12-01/",
    ]:
        visit(page, violations, address)
    assert violations == []


def test_the_admin_raises_no_csp_violation(watched, records):
    page, violations = watched
    User.objects.create_superuser("chief", password=PASSWORD)
    visit(page, violations, reverse("admin:login"))
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(reverse("admin:index"))
    event = records["event"]
    versions = reversion.models.Version.objects.get_for_object(event)
    for address in [
        reverse("admin:index"),
        changelist_url(type(event)),
        changelist_url(type(event)) + "?q=Astana",
        reverse("admin:timeline_event_add"),
        change_url(records["organ"]),
        change_url(records["person"]),
        change_url(event),
        reverse("admin:timeline_event_history", args=[event.pk]),
        reverse("admin:timeline_event_compare", args=[event.pk])
        + f"?version_id1={versions[1].pk}&version_id2={versions[0].pk}",
        reverse("translation-report"),
        reverse("admin:password_change"),
    ]:
        visit(page, violations, address)
    # The language tabs (jQuery UI) and the admin's own scripts run when used.
    visit(page, violations, change_url(event))
    page.get_by_role("tab", name="ru").first.click()
    page.locator("a[id^=calendarlink]").first.click()
    page.locator(".calendarbox").first.wait_for()
    violations.extend(page.evaluate("window.__cspViolations"))
    assert violations == []


def test_the_lockout_page_raises_no_csp_violation(watched, settings, transactional_db):
    page, violations = watched
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.goto(reverse("admin:login"))
        page.fill("#id_username", "editor")
        page.fill("#id_password", "a-wrong-guess")
        page.locator("input[type=submit]").click()
    assert page.locator("h1").inner_text() == "Sign-in locked"
    violations.extend(page.evaluate("window.__cspViolations"))
    assert violations == []


def test_the_api_documentation_shows_every_endpoint_with_no_csp_violation(watched, records):
    page, violations = watched
    visit(page, violations, "/api/v1/docs/")
    page.locator(".opblock").first.wait_for()
    shown = page.locator(".opblock-summary-path").all_inner_texts()
    for endpoint in ("organizations", "persons", "posts", "memberships", "events", "states", "sources"):
        assert f"/api/v1/{endpoint}/" in shown
    assert violations == []
