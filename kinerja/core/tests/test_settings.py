"""Production mode refuses to start without its required settings and turns on the secure defaults."""

import json
import os
import subprocess
import sys

from django.conf import settings

SNIPPET = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in "
    "['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'ALLOWED_HOSTS']}))"
)


# A key as `secrets.token_urlsafe(50)` makes one: long and varied enough for production.
STRONG_KEY = "q7Xr2-Lp9vKd4TnW8sHy3bZm6Fc1Gj5Qa0Ue7Ri2Oo4Pt9Sk3Dl8Mw6Nx1Ez5Cv"
# The audit chain's key, which production requires as it does SECRET_KEY.
CHAIN_KEY = "Hb4-Nq8Tz1Wc6Yk3Pm0Rv5Xd2Lf7Gs9Ja4Eu1Io6"


def run_settings(*command, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "KINERJA_ENV", "DEBUG", "BEHIND_HTTPS_PROXY", "SITE_URL"}
        and not k.startswith(("SECURE_", "SESSION_COOKIE_", "AUDIT_CHAIN_KEY"))
    }
    if env.get("KINERJA_ENV") == "production":
        env.setdefault("SITE_URL", "https://kinerja.example.go.id")
    clean.update({k: v for k, v in env.items() if v is not None}, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, *(command or ("-c", SNIPPET))],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = run_settings(KINERJA_ENV="production", ALLOWED_HOSTS="kinerja.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY wajib diisi" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = run_settings(KINERJA_ENV="production", SECRET_KEY=STRONG_KEY, AUDIT_CHAIN_KEY=CHAIN_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS wajib diisi" in result.stderr


def test_production_turns_debug_off_and_cookies_secure():
    result = run_settings(
        KINERJA_ENV="production",
        SECRET_KEY=STRONG_KEY,
        AUDIT_CHAIN_KEY=CHAIN_KEY,
        ALLOWED_HOSTS="kinerja.example.go.id",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["ALLOWED_HOSTS"] == ["kinerja.example.go.id"]


def test_development_needs_no_environment_at_all():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["DEBUG"] is True


def test_production_with_a_short_secret_key_refuses_to_start():
    result = run_settings(KINERJA_ENV="production", SECRET_KEY="rahas", ALLOWED_HOSTS="kinerja.example.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY terlalu lemah" in result.stderr


def test_production_with_a_long_key_of_one_repeated_character_refuses_to_start():
    result = run_settings(
        KINERJA_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="kinerja.example.go.id"
    )
    assert result.returncode != 0
    assert "SECRET_KEY terlalu lemah" in result.stderr


def test_production_passes_the_deploy_check_without_a_warning():
    result = run_settings(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        KINERJA_ENV="production",
        SECRET_KEY=STRONG_KEY,
        AUDIT_CHAIN_KEY=CHAIN_KEY,
        ALLOWED_HOSTS="kinerja.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_an_audit_chain_key_refuses_to_start():
    result = run_settings(
        KINERJA_ENV="production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="kinerja.example.go.id"
    )
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEY (atau AUDIT_CHAIN_KEYS / AUDIT_CHAIN_KEY_FILE) wajib diisi" in result.stderr


def test_production_with_a_short_audit_chain_key_refuses_to_start():
    result = run_settings(
        KINERJA_ENV="production",
        SECRET_KEY=STRONG_KEY,
        AUDIT_CHAIN_KEY="rahasia",
        ALLOWED_HOSTS="kinerja.example.go.id",
    )
    assert result.returncode != 0
    assert "terlalu pendek" in result.stderr


KEYS_SNIPPET = (
    "import json, django; from django.conf import settings; django.setup(); "
    "from kinerja.core.audit import signing_key_id; "
    "print(json.dumps([settings.AUDIT_CHAIN_KEYS, signing_key_id()]))"
)


def test_audit_chain_keys_are_read_from_pairs_or_a_file_and_the_last_signs(tmp_path):
    result = run_settings("-c", KEYS_SNIPPET, AUDIT_CHAIN_KEYS="1=lama-abc, 2=baru-def")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [{"1": "lama-abc", "2": "baru-def"}, "2"]

    keys = tmp_path / "audit-chain.keys"
    keys.write_text("# oldest first\n2024=lama-abc\n\n2026=baru-def\n")
    result = run_settings("-c", KEYS_SNIPPET, AUDIT_CHAIN_KEY_FILE=str(keys))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        {"2024": "lama-abc", "2026": "baru-def"},
        "2026",
    ]

    result = run_settings("-c", KEYS_SNIPPET, AUDIT_CHAIN_KEY="satu-kunci")
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [{"1": "satu-kunci"}, "1"]


def test_production_without_a_public_address_for_the_qr_codes_refuses_to_start():
    for site_url in (None, "kinerja.example.go.id", "javascript:alert(1)"):
        result = run_settings(
            KINERJA_ENV="production",
            SECRET_KEY=STRONG_KEY,
            AUDIT_CHAIN_KEY=CHAIN_KEY,
            ALLOWED_HOSTS="kinerja.example.go.id",
            SITE_URL=site_url,
        )
        assert result.returncode != 0, site_url
        assert "SITE_URL wajib diisi" in result.stderr
