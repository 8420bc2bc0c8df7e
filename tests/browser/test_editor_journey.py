"""An editor's day, in a real browser: edit a Russian title, see it published, revert it from the history."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from osce_kb.roles import EDITORS, setup_roles
from tests.factories import make_event

PASSWORD = "a-long-test-password-1975"


@pytest.fixture
def editor(transactional_db):
    setup_roles()
    user = User.objects.create_user("aigerim", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def event(transactional_db):
    # As load_kb does for the bundled content, the record's first state is in the history.
    with reversion.create_revision():
        reversion.set_comment("Loaded from the bundled fixtures (load_kb).")
        return make_event(
            slug="helsinki-final-act",
            title_kk="Хельсинки қорытынды актісі",
            title_ru="Хельсинкский заключительный акт",
            title_en="Helsinki Final Act",
            start=(1975, 8, 1),
        )


def test_an_editor_edits_the_russian_title_then_reverts_it_from_the_history(page, editor, event):
    page.goto("/admin/login/")
    page.fill("#id_username", "aigerim")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))

    page.goto(f"/admin/timeline/event/{event.pk}/change/")
    # The language tabs come from jQuery UI served by the project itself.
    page.get_by_role("tab", name=re.compile("ru", re.I)).first.click()
    title_ru = page.locator("#id_title_ru")
    expect(title_ru).to_be_visible()
    title_ru.fill("Заключительный акт СБСЕ")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto("/ru/timeline/helsinki-final-act/")
    expect(page.locator("h1")).to_have_text("Заключительный акт СБСЕ")

    page.goto(f"/admin/timeline/event/{event.pk}/history/")
    # The version from before the edit is the one load_kb stored.
    page.locator("tr", has_text="load_kb").locator("a[href*='/history/']").first.click()
    expect(page.locator("#id_title_ru")).to_have_value("Хельсинкский заключительный акт")
    page.locator("input[name=_save]").first.click()

    page.goto("/ru/timeline/helsinki-final-act/")
    expect(page.locator("h1")).to_have_text("Хельсинкский заключительный акт")
