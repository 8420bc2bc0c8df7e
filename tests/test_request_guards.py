"""Requests no page can answer: a NUL in the address, a method other than reading, a preview without the right."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from tests.factories import make_event, make_organ, make_person, make_source, make_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    make_state(code="KZ")
    make_organ(slug="permanent-council")
    make_person(slug="miklos-haraszti")
    make_event(slug="astana-summit")
    make_source(slug="essay")
    return [
        "/en/",
        "/en/organs/",
        "/en/organs/permanent-council/",
        "/en/people/miklos-haraszti/",
        "/en/timeline/",
        "/en/states/KZ/",
        "/en/sources/essay/",
        "/en/structure/",
        "/en/as-of/2010-06-01/",
        "/en/as-of/",
        "/en/search/",
    ]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_nul_in_the_path_is_answered_with_the_400_page_in_the_address_language(client, pages, lang):
    response = client.get(f"/{lang}/states/%00/")
    assert response.status_code == 400
    assert response["Content-Language"] == lang
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert {"kk": "Қате сұрау", "ru": "Неверный запрос", "en": "Bad request"}[lang] in html


@pytest.mark.parametrize("query", ["q=%00", "q=Astana%00", "%00=1", "page=%00", "preview=%00", "sort=name&sort=%00"])
def test_a_nul_in_a_parameter_name_or_value_is_answered_with_the_400_page(client, pages, query):
    response = client.get(f"/en/people/?{query}")
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.content.decode()


def test_a_nul_in_an_admin_address_is_a_400_too(admin_client):
    assert admin_client.get("/admin/timeline/event/?q=%00").status_code == 400


@pytest.mark.parametrize("path", ["/en/", "/admin/"])
def test_a_session_cookie_with_a_nul_counts_as_no_session(client, pages, path):
    response = client.get(path, HTTP_COOKIE='sessionid="abcdefgh\\000ijklmnop"')
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_a_public_page_answers_405_to_any_method_but_reading(pages, method):
    # A real browser's POST carries no CSRF token for these pages: the answer must still be 405, not 403.
    client = Client(enforce_csrf_checks=True)
    for path in pages:
        response = client.generic(method.upper(), path)
        assert response.status_code == 405, path
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_public_page_answers_head_and_options(client, pages):
    for path in pages:
        assert client.head(path).status_code in (200, 302), path
        response = client.options(path)
        assert response.status_code == 200, path
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_the_admin_login_still_accepts_a_post():
    User.objects.create_user("editor", password="not-a-real-password", is_staff=True)
    client = Client(enforce_csrf_checks=False)
    response = client.post("/admin/login/", {"username": "editor", "password": "not-a-real-password"})
    assert response.status_code == 302


def test_the_language_switch_still_accepts_a_post(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "ru"


def staff_with(*codenames):
    user = User.objects.create_user("staff", password="not-a-real-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    ("codenames", "status"),
    [
        ([], 404),
        (["view_person", "change_person"], 404),
        (["view_event"], 404),
        (["change_event"], 200),
    ],
)
def test_only_staff_who_may_change_such_records_can_preview_a_draft(client, codenames, status):
    draft = make_event(is_published=False)
    client.force_login(staff_with(*codenames))
    assert client.get(f"/en/timeline/{draft.slug}/?preview=1").status_code == status
