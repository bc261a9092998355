"""Production settings pass Django's deployment checks and refuse a weak SECRET_KEY at start-up."""

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3J9-vQz_8wLm2Rt5yXa7Pb1Nc4Ud6Fe0Gh_Sj2Vk5Wl8Zo3Qp6Ti9Ry1Ex4Cz7"  # 63 characters, made up for this test


def _run(code_or_args, **environ):
    base = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "gmg.settings",
        "DEBUG": "0",
        "SECRET_KEY": STRONG_KEY,
        "ALLOWED_HOSTS": "gmg.example.org",
        "MEDIA_ROOT": "/var/lib/gmg-registry/media",
        "DATABASE_URL": "sqlite:////tmp/gmg-security-check.sqlite3",
    }
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], env=base | environ, capture_output=True, text=True, cwd=PROJECT, timeout=120
    )


def test_check_deploy_passes_with_production_settings_and_no_warning_at_all():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_uploads_are_stored_inside_the_code():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], MEDIA_ROOT=str(PROJECT / "media"))
    assert result.returncode != 0
    assert "registry.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "key, message",
    [
        ("abcde", "SECRET_KEY is 5 characters long"),
        ("x" * 60, "repeats too few characters"),
        ("django-insecure-" + "a1b2c3d4e5" * 5, "published default"),
        ("insecure-local-development-key-do-not-use-in-production", "published default"),
        ("changeme-" + "q8w7e6r5t4y3u2i1o0p9" * 3, "published default"),
    ],
)
def test_production_refuses_to_start_with_a_weak_or_known_secret_key(key, message):
    result = _run("import gmg.settings", SECRET_KEY=key)
    assert result.returncode != 0
    assert message in result.stderr


def test_local_development_keeps_its_fixed_key_and_plain_http():
    result = _run(
        "import gmg.settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_NAME, s.SECURE_HSTS_SECONDS)",
        DEBUG="1",
        SECRET_KEY="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "sessionid", "0"]


def test_production_cookies_are_secure_host_only_and_https_is_enforced():
    code = (
        "import gmg.settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid", "__Host-csrftoken", "True", "True", "True", "31536000", "True", "None",
    ]  # fmt: skip


def test_behind_a_tls_proxy_the_forwarded_protocol_header_is_trusted():
    result = _run("import gmg.settings as s; print(s.SECURE_PROXY_SSL_HEADER)", BEHIND_TLS_PROXY="1")
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
