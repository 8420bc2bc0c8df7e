"""Addresses for machines rather than readers: the load balancer's health checks and security.txt.

None has a language prefix, none is cached, none is in the sitemap.
"""

import datetime
import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """The process is alive and answers. It asks nothing of the database or the cache."""
    return JsonResponse({"status": "ok"})


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def check_cache():
    """A value written to the cache is read back: a cache that quietly forgets is not answering."""
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, key, timeout=10)
    try:
        return cache.get(key) == key
    finally:
        cache.delete(key)


def answers_within(check, timeout):
    """True if check() returns true within timeout seconds. A check that hangs is left to finish in its own
    thread (closing its database connection), so that the load balancer is answered in time."""
    outcome = {}

    def run():
        try:
            outcome["ok"] = bool(check())
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", and is reported as such
            outcome["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True, name=f"readyz-{check.__name__}")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, f"no answer within {timeout:g} s"
    if "error" in outcome:
        return False, outcome["error"]
    return outcome.get("ok", False), "" if outcome.get("ok") else "wrong answer"


@never_cache
@require_safe
def readyz(request):
    """Ready for traffic: the database and the cache both answer within READINESS_TIMEOUT; else 503."""
    checks = {"database": check_database, "cache": check_cache}
    body = {"status": "ok", "checks": {}}
    for name, check in checks.items():
        ok, problem = answers_within(check, settings.READINESS_TIMEOUT)
        body["checks"][name] = "ok" if ok else problem
        if not ok:
            body["status"] = "unavailable"
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


def contact_uri(value):
    return value if ":" in value else f"mailto:{value}"


@never_cache
@require_safe
def security_txt(request):
    """/.well-known/security.txt (RFC 9116) from settings; 404 while no SECURITY_CONTACT is set."""
    if not settings.SECURITY_CONTACT:
        raise Http404("No SECURITY_CONTACT is set.")
    expires = settings.SECURITY_TXT_EXPIRES or (timezone.now() + datetime.timedelta(days=settings.SECURITY_TXT_DAYS))
    lines = [f"Contact: {contact_uri(contact)}" for contact in settings.SECURITY_CONTACT]
    lines.append(f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    for field, value in (
        ("Encryption", settings.SECURITY_TXT_ENCRYPTION),
        ("Acknowledgments", settings.SECURITY_TXT_ACKNOWLEDGMENTS),
        ("Policy", settings.SECURITY_TXT_POLICY),
    ):
        if value:
            lines.append(f"{field}: {value}")
    lines.append("Preferred-Languages: " + ", ".join(code for code, _name in settings.LANGUAGES))
    lines.append(f"Canonical: {request.build_absolute_uri(request.path)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
