"""The committed ODK Web Forms bundle is the one web/package-lock.json describes."""

import json
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[4]


def locked_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    return {
        path.removeprefix("node_modules/"): info["version"]
        for path, info in lock["packages"].items()
        if path.startswith("node_modules/") and not info.get("dev")
    }


def bundled_versions() -> dict[str, str]:
    notices = Path(finders.find("collect/webform/NOTICES.txt")).read_text()
    rows = [line.split(" ") for line in notices.splitlines()[3:] if line]
    return {row[0]: row[1] for row in rows}


def test_the_bundle_was_built_from_the_locked_packages():
    # `make webform` rebuilds the bundle and NOTICES.txt together; a lock file changed
    # without a rebuild shows up here.
    assert bundled_versions() == locked_versions()
    assert locked_versions()["@getodk/web-forms"] == "0.22.0"


def test_the_bundle_carries_the_locked_engine():
    # Web Forms prints its version under the form ("v0.22.0"): the locked one must be in
    # the committed chunks, and the entry module must be there to load them.
    folder = Path(finders.find("collect/webform/webform.js")).parent
    version = locked_versions()["@getodk/web-forms"]
    assert any(f'"v{version}"' in chunk.read_text() for chunk in folder.glob("*.js"))
