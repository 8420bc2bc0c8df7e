"""Secure by default: the CSP and Permissions-Policy headers, the admin login lockout, ADMIN_PATH, passwords,
expiring sessions and security.txt."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password-1975"


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, password, username="editor"):
    return client.post(reverse("admin:login"), {"username": username, "password": password})


@pytest.mark.parametrize("address", ["/en/", "/kk/organs/", "/admin/login/"])
def test_public_and_admin_pages_carry_a_strict_content_security_policy(client, db, address):
    policy = client.get(address)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"].startswith("'self'")
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy


def test_every_answer_carries_a_permissions_policy(client, db):
    policy = client.get("/en/")["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy


def test_sign_in_is_locked_after_the_failure_limit_even_with_the_right_password(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "a-wrong-guess").status_code == 200
    assert sign_in(client, "a-wrong-guess").status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_fewer_failures_than_the_limit_do_not_lock_sign_in(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "a-wrong-guess")
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_lockout_of_one_user_name_leaves_the_others_free(client, editor, settings):
    User.objects.create_user("chief", password=PASSWORD, is_staff=True)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "a-wrong-guess")
    assert sign_in(client, PASSWORD, username="chief").status_code == 302


@pytest.mark.parametrize(
    ("language", "title", "message"),
    [
        ("kk", "Кіру бұғатталды", "5 рет қате құпия сөз енгізілгеннен кейін бұғатталды"),
        ("ru", "Вход заблокирован", "заблокирован после 5 неверных паролей"),
        ("en", "Sign-in locked", "is locked after 5 wrong passwords"),
    ],
)
def test_the_lockout_page_is_in_the_editors_language(client, editor, settings, language, title, message):
    settings.AXES_FAILURE_LIMIT = 5
    client.cookies["django_language"] = language
    for _attempt in range(5):
        response = sign_in(client, "a-wrong-guess")
    html = response.content.decode()
    assert response.status_code == 429
    assert f"<h1>{title}</h1>" in html
    assert message in html


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ADMIN_PATH"}}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)


ADMIN_ADDRESSES = """
import django
django.setup()
from django.urls import Resolver404, resolve, reverse
print(reverse("admin:index"), reverse("admin:login"), reverse("translation-report"))
try:
    resolve("/admin/")
    print("/admin/ still answers")
except Resolver404:
    print("/admin/ is gone")
"""


def test_admin_path_moves_the_admin_and_nothing_is_left_at_admin():
    result = run_python(ADMIN_ADDRESSES, ADMIN_PATH="editors-desk/", DJANGO_SETTINGS_MODULE="osce_kb.settings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == [
        "/editors-desk/ /editors-desk/login/ /editors-desk/translations/",
        "/admin/ is gone",
    ]


@pytest.mark.parametrize("value", ["kk/", "/", "static/"])
def test_an_admin_path_that_is_a_language_or_a_site_path_is_refused(value):
    result = run_python("import osce_kb.settings", ADMIN_PATH=value)
    assert "ADMIN_PATH must be a path of its own" in result.stderr


def test_a_password_shorter_than_twelve_characters_is_refused(db):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Zq8#vL2!mR4")
    validate_password("Zq8#vL2!mR4w")


def test_an_editors_session_ends_with_the_browser_and_after_a_working_day_at_most(editor):
    client = Client()
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response.cookies["sessionid"]["max-age"] == ""
    session = Session.objects.get(session_key=response.cookies["sessionid"].value)
    assert session.expire_date <= timezone.now() + datetime.timedelta(hours=8)


def test_security_txt_names_the_contact_and_expires_as_rfc_9116_asks(client, settings):
    settings.SECURITY_CONTACT = ["security@example.org", "https://example.org/report"]
    settings.SECURITY_TXT_EXPIRES = datetime.datetime(2027, 6, 30, tzinfo=datetime.UTC)
    settings.SECURITY_TXT_POLICY = "https://example.org/disclosure"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:security@example.org",
        "Contact: https://example.org/report",
        "Expires: 2027-06-30T00:00:00Z",
        "Policy: https://example.org/disclosure",
        "Preferred-Languages: kk, ru, en",
        "Canonical: http://testserver/.well-known/security.txt",
    ]


def test_security_txt_without_an_expires_of_the_operators_expires_within_a_year(client, settings):
    settings.SECURITY_CONTACT = ["security@example.org"]
    settings.SECURITY_TXT_EXPIRES = None
    lines = client.get("/.well-known/security.txt").content.decode().splitlines()
    expires = datetime.datetime.fromisoformat(next(line for line in lines if line.startswith("Expires: "))[9:])
    assert timezone.now() < expires < timezone.now() + datetime.timedelta(days=365)


def test_there_is_no_security_txt_without_a_contact(client, settings):
    settings.SECURITY_CONTACT = []
    assert client.get("/.well-known/security.txt").status_code == 404
