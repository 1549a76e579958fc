"""A real deployment in miniature for tests and benchmarks that need separate processes:
a fresh data directory (and, when DATABASE_URL names PostgreSQL, a fresh database),
migrations, one form and one device user, served by gunicorn with several workers.

    with LiveCoalition(workers=2) as site:
        client = OpenRosaHTTP(site.url, site.email, site.token)

For the public pages' browser checks and their weight, the same site can instead hold the
demo coalition (`coalition demo`, about 15 s) and serve its static files as production does:

    with LiveCoalition(demo=True, production=True) as site:
        slug = site.query("...")
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

SETUP = """
from coalition.accounts.models import Role
from coalition.accounts.services import create_app_token, ensure_role
from coalition.collect.tests.factories import publish_school_visit
from coalition.network.models import Organisation
from coalition.geo.models import Area

kabul = Area.objects.get(code="AF-KAB")
org = Organisation.objects.create(
    name_en="Live Test Org", slug="live-test-org", kind="national_ngo", relationship="member",
    membership_status="active", headquarters=kabul)
staff = ensure_role(email="staff@live.test", full_name="Staff", role=Role.SECRETARIAT_STAFF,
                    actor=None)
user = ensure_role(email="device@live.test", full_name="Device", role=Role.FOCAL_POINT,
                   organisation_id=org.pk, actor=None)
user.set_password("live-test-password")  # for browser tests that log in
user.save(update_fields=["password"])
version = publish_school_visit(staff)
_token, secret = create_app_token(user=user, name="bench", actor=user)
print(secret)
print(version.xform.replace(chr(10), " "))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveCoalition:
    def __init__(
        self,
        workers: int = 2,
        database_url: str | None = None,
        settings_module: str = "",
        python_path: tuple[Path, ...] = (),
        demo: bool = False,
        production: bool = False,
    ):
        self.workers = workers
        # demo: load `coalition demo` (organisations, forms, statistics, computed results)
        # instead of SETUP's one form and device user; token and xform are then None.
        self.demo = demo
        # production: COALITION_ENV=production after collectstatic (see env()).
        self.production = production
        self.secret_key = secrets.token_urlsafe(50)
        # A benchmark may serve the site with extra settings (bench/site/null_settings.py).
        self.settings_module = settings_module
        self.python_path = python_path
        self.base_database_url = (
            database_url if database_url is not None else os.environ.get("DATABASE_URL", "")
        )
        self.data_dir = Path(tempfile.mkdtemp(prefix="coalition-live-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.database_name = None
        self.email = "device@live.test"
        self.password = "live-test-password"

    @property
    def is_postgres(self) -> bool:
        return self.base_database_url.startswith(("postgres://", "postgresql://"))

    def env(self) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        env.update(
            COALITION_DATA_DIR=str(self.data_dir),
            COALITION_COUNTRY="AF",
            COALITION_TASK_BACKEND="django_tasks.backends.dummy.DummyBackend",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PYTHONPATH=os.pathsep.join(str(p) for p in (ROOT / "src", *self.python_path)),
        )
        if self.settings_module:
            env["DJANGO_SETTINGS_MODULE"] = self.settings_module
        if self.production:
            # The production settings, so pages are served as a deployment serves them:
            # DEBUG off, static files collected into CompressedManifestStaticFilesStorage
            # (hashed names, cached for ever, gzip from whitenoise), the file-based page
            # cache. One difference, and only through the setting production already reads
            # from the environment: no redirect to HTTPS, because this server speaks plain
            # http on 127.0.0.1 (in a deployment nginx terminates TLS in front of it).
            # HSTS is only ever sent on secure requests, so it needs no change; cookies
            # stay Secure (Chromium keeps Secure cookies from http://127.0.0.1, and the
            # public pages need none).
            env.update(
                COALITION_ENV="production",
                SECRET_KEY=self.secret_key,
                ALLOWED_HOSTS="127.0.0.1,localhost",
                CSRF_TRUSTED_ORIGINS=self.url,
                COALITION_BASE_URL=self.url,
                SECURE_SSL_REDIRECT="0",
            )
        env.pop("DATABASE_URL", None)
        if self.is_postgres:
            base, _, _name = self.base_database_url.rpartition("/")
            env["DATABASE_URL"] = f"{base}/{self.database_name}"
        return env

    def _admin_sql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.base_database_url, autocommit=True) as connection:
            connection.execute(sql)

    def __enter__(self):
        if self.is_postgres:
            self.database_name = f"coalition_live_{secrets.token_hex(4)}"
            self._admin_sql(f'CREATE DATABASE "{self.database_name}"')
        try:
            self._prepare()
            self.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _manage(self, *args: str) -> str:
        """Run a `coalition` command on this site; its output, or an error that shows it."""
        result = subprocess.run(
            [str(BIN / "coalition"), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"coalition {' '.join(args)[:80]} failed:\n{result.stdout[-2000:]}"
                f"{result.stderr[-4000:]}"
            )
        return result.stdout

    def _prepare(self):
        self._manage("migrate", "-v0")
        if self.production:
            self._manage("collectstatic", "--noinput", "-v0")
        if self.demo:
            self._manage("demo", "--country", "AF")
            self.token = self.xform = None
            return
        lines = [line for line in self._manage("shell", "-c", SETUP).splitlines() if line.strip()]
        self.token, self.xform = lines[-2].strip(), lines[-1]

    def start(self):
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "coalition.config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            env=self.env(),
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)  # noqa: S310
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def kill(self):
        """SIGKILL the whole server: master and workers, no chance to clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def query(self, code: str) -> str:
        """Run Python in the site's Django and return what it prints."""
        return subprocess.run(
            [str(BIN / "coalition"), "shell", "-c", code],
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        if self.database_name:
            self._admin_sql(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)')
