"""Browser tests: Playwright drives the system Chromium (installed by
scripts/install-system-deps, never downloaded by Playwright) against a live server."""

import os
from pathlib import Path

import pytest

from tests.e2e.page_weight import CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("COALITION_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("COALITION_SCREENSHOTS", "var/screenshots"))
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/install-system-deps")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def demo_site():
    """The demo coalition (`coalition demo --country AF`) under gunicorn, with its own data
    directory and database, served with the production settings (static files collected,
    hashed and compressed; GZip for pages): see LiveCoalition.env. Loading it takes about
    20 s, so every test of the session shares it; tests must not change its data."""
    from tests.live_server import LiveCoalition

    with LiveCoalition(workers=2, demo=True, production=True) as site:
        yield site


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, installed from npm by `make install-axe` (part of
    `make test`) from tests/e2e/axe/package-lock.json."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make install-axe`")
    return AXE.read_text(encoding="utf-8")
