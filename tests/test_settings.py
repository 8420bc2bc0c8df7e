"""Settings come from the environment and refuse bad values with a message naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def load_settings(show="s.DATABASES['default']['ENGINE'], s.DEBUG", **env):
    """Import the settings in a fresh interpreter with exactly these variables set, and print `show`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "REDIS_URL", "ALLOWED_HOSTS", "PAGE_CACHE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import osce_kb.settings as s; print({show})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_the_web_server_refuses_to_start_with_debug_off_and_no_secret_key():
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", "import osce_kb.wsgi"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_web_server_starts_with_a_secret_key():
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment["SECRET_KEY"] = "a-key-for-this-test-only"
    result = subprocess.run(
        [sys.executable, "-c", "import osce_kb.wsgi"], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_debug_value_that_is_not_a_boolean_is_refused():
    result = load_settings(DEBUG="maybe", SECRET_KEY="x")
    assert "DEBUG must be one of" in result.stderr


def test_a_number_setting_that_is_not_a_number_is_refused():
    result = load_settings(DEBUG="1", SECURE_HSTS_SECONDS="a year")
    assert "SECURE_HSTS_SECONDS must be a whole number" in result.stderr


def test_an_unknown_database_scheme_is_refused():
    result = load_settings(DEBUG="1", DATABASE_URL="mongodb://localhost/kb")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_a_redis_url_of_the_wrong_kind_is_refused():
    result = load_settings(DEBUG="1", REDIS_URL="http://127.0.0.1:6379")
    assert "REDIS_URL must start with" in result.stderr


def test_the_page_cache_is_on_by_default_with_redis_shared_by_every_app_process():
    assert load_settings("s.PAGE_CACHE", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0").stdout.strip() == "True"


def test_the_page_cache_is_off_by_default_with_the_per_process_memory_cache():
    assert load_settings("s.PAGE_CACHE", DEBUG="1").stdout.strip() == "False"


def test_the_page_cache_can_be_turned_off_with_redis():
    result = load_settings("s.PAGE_CACHE", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0", PAGE_CACHE="0")
    assert result.stdout.strip() == "False"


def test_a_page_cache_lifetime_under_a_second_is_refused():
    result = load_settings(DEBUG="1", PAGE_CACHE_SECONDS="0")
    assert "PAGE_CACHE_SECONDS must be 1 or more" in result.stderr


def test_an_api_rate_that_drf_cannot_read_is_refused():
    result = load_settings(DEBUG="1", API_ANON_RATE="lots")
    assert "API_ANON_RATE must be N/second, N/minute, N/hour or N/day" in result.stderr
    assert load_settings("s.API_ANON_RATE", DEBUG="1", API_ANON_RATE="20/second").stdout.strip() == "20/second"


def test_the_default_database_is_sqlite_and_debug_is_off():
    result = load_settings(SECRET_KEY="x")
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_postgresql_is_used_when_database_url_says_so():
    result = load_settings(SECRET_KEY="x", DATABASE_URL="postgres://postgres@127.0.0.1:5432/osce_kb")
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_the_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def manage_py(*args, **env):
    """Run manage.py in a fresh interpreter with none of the suite's settings, plus these variables."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_manage_py_with_debug_on_works_in_a_fresh_clone():
    result = manage_py("makemigrations", "--check", "--dry-run", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_manage_py_does_not_turn_debug_on_by_itself():
    result = manage_py("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W009" in result.stderr  # the missing key is reported: production is what is checked
    assert "security.W018" not in result.stderr  # W018 is "DEBUG set to True in deployment"


def test_makemigrations_check_works_in_a_fresh_clone_without_any_environment():
    result = manage_py("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def print_settings(expression, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "ADMINS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import osce_kb.settings as s; print({expression})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_admins_come_from_the_environment_and_are_mailed_server_errors():
    result = print_settings(
        "s.ADMINS, s.LOGGING['loggers']['django.request']['handlers']",
        ADMINS="Aigerim Bekova <aigerim@example.org>, ops@example.org",
    )
    assert result.stdout.strip() == (
        "[('Aigerim Bekova', 'aigerim@example.org'), ('ops@example.org', 'ops@example.org')] ['stderr', 'mail_admins']"
    )


def test_without_admins_server_errors_go_to_stderr_only():
    result = print_settings("s.ADMINS, s.LOGGING['loggers']['django.request']['handlers']")
    assert result.stdout.strip() == "[] ['stderr']"


def test_an_admins_entry_without_an_address_is_refused():
    assert "ADMINS must be e-mail addresses" in print_settings("s.ADMINS", ADMINS="Aigerim").stderr


def test_log_format_json_selects_the_json_formatter_and_anything_else_is_refused():
    assert print_settings("s.LOGGING['handlers']['stderr']['formatter']", LOG_FORMAT="json").stdout.strip() == "json"
    assert "LOG_FORMAT must be text or json" in print_settings("1", LOG_FORMAT="yaml").stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "s.SECURE_HSTS_INCLUDE_SUBDOMAINS"),
        ("SECURE_HSTS_PRELOAD", "s.SECURE_HSTS_PRELOAD"),
        ("SECURE_SSL_REDIRECT", "s.SECURE_SSL_REDIRECT"),
        ("BEHIND_HTTPS_PROXY", "s.SECURE_PROXY_SSL_HEADER == ('HTTP_X_FORWARDED_PROTO', 'https')"),
    ],
)
def test_each_https_knob_is_turned_on_by_the_environment(variable, value):
    assert print_settings(value, **{variable: "1"}).stdout.strip() == "True"


def test_with_debug_on_the_content_security_policy_only_reports():
    expression = "hasattr(s, 'CONTENT_SECURITY_POLICY'), hasattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY')"
    assert print_settings(expression, DEBUG="1").stdout.split() == ["False", "True"]
    assert print_settings(expression, DEBUG="0").stdout.split() == ["True", "False"]


def setting(expression, **env):
    """The value of a Python expression over the settings `s`, imported in a fresh interpreter with `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DB_", "REDIS_", "DEBUG", "SECRET_KEY"))
    }
    environment.update(SECRET_KEY="x", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import osce_kb.settings as s; print(repr(({expression})))"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout)  # noqa: S307 (our own repr of plain values)


POSTGRES = "postgres://postgres@127.0.0.1:5432/osce_kb"


def test_postgresql_connections_have_connect_statement_and_lock_timeouts_by_default():
    options = setting("s.DATABASES['default']['OPTIONS']", DATABASE_URL=POSTGRES)
    assert options == {"connect_timeout": 3, "options": "-c statement_timeout=10000 -c lock_timeout=5000 -c jit=off"}


def test_the_database_timeouts_are_set_from_the_environment():
    options = setting(
        "s.DATABASES['default']['OPTIONS']",
        DATABASE_URL=POSTGRES,
        DB_CONNECT_TIMEOUT="1",
        DB_STATEMENT_TIMEOUT_MS="0",
        DB_LOCK_TIMEOUT_MS="250",
    )
    assert options == {"connect_timeout": 1, "options": "-c statement_timeout=0 -c lock_timeout=250 -c jit=off"}


def test_kept_database_connections_are_checked_before_reuse():
    assert setting("s.DATABASES['default']['CONN_HEALTH_CHECKS']", DATABASE_URL=POSTGRES) is True


def test_with_redis_the_cache_forgives_an_unreachable_server_and_sessions_are_kept_in_the_database_too():
    env = {"REDIS_URL": "redis://127.0.0.1:6379/0", "REDIS_TIMEOUT_MS": "100"}
    assert setting("s.CACHES['default']['BACKEND'], s.SESSION_ENGINE", **env) == (
        "osce_kb.cache.ForgivingRedisCache",
        "django.contrib.sessions.backends.cached_db",
    )
    assert setting("s.CACHES['default']['OPTIONS']", **env) == {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}


def test_a_replica_url_adds_the_replica_and_its_router():
    env = {"DATABASE_URL": POSTGRES, "DATABASE_REPLICA_URL": "postgres://reader@127.0.0.1:5432/replica"}
    assert setting("s.DATABASES['replica']['NAME'], s.DATABASE_ROUTERS", **env) == (
        "replica",
        ["osce_kb.routers.PrimaryReplicaRouter"],
    )


def test_without_a_replica_url_there_is_one_database_and_no_router():
    expression = "sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', [])"
    assert setting(expression, DATABASE_URL=POSTGRES) == (["default"], [])
