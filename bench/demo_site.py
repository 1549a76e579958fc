"""The demo coalition in a fresh data directory, for benchmarks that measure on it."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_demo(country: str = "AF") -> None:
    """Set up Django on a new SQLite database in a temporary data directory (never the
    developer's own, never PostgreSQL), migrate it and load the demo coalition."""
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ["COALITION_DATA_DIR"] = tempfile.mkdtemp(prefix="coalition-bench-")
    os.environ["COALITION_COUNTRY"] = country
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.settings")
    os.environ["COALITION_DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    print(f"Loading the demo coalition ({country})...", flush=True)
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", country=country, stdout=quiet)
