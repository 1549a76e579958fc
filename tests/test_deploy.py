"""The production settings pass Django's deployment checklist and refuse to start unsafe."""

import os
import subprocess
import sys


def run(env_overrides, *args):
    # A clean environment as on a server: no test settings, no browser-test async escape.
    dropped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "coalition.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "COALITION_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-with-more-than-fifty-characters-0123",
    "ALLOWED_HOSTS": "coalition.example.org",
}


def test_check_deploy_is_clean(tmp_path):
    result = run(
        {**PRODUCTION, "COALITION_DATA_DIR": str(tmp_path)},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": "", "COALITION_DATA_DIR": str(tmp_path)}
    result = run(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
