"""Every public page type (tests/e2e/portal_pages.py) of the demo coalition, served as in
production, in English, Dari and Khmer:

- it answers 200 with the language and direction on <html> (rtl for Dari);
- axe-core finds no accessibility violation of serious or critical impact;
- a full-page screenshot is saved under SCREENSHOTS for a person to look at;
- its first load is at most 100 KB compressed, everything included, and a repeat visit
  costs next to nothing (static files from the cache, the page itself revalidated).

Load times under the slow line are measured but never asserted (the machine is shared):
bench/pages.py prints them against a baseline."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.page_weight import first_and_repeat
from tests.e2e.portal_pages import PAGE_NAMES, page_path

pytestmark = pytest.mark.e2e

LANGUAGES = [("en", "ltr"), ("fa", "rtl"), ("km", "ltr")]
FIRST_LOAD_LIMIT = 100 * 1024  # issue 5: at most 100 KB compressed on first load
REPEAT_LIMIT = 5 * 1024
# A revalidated page costs its response headers only (a 304).
REVALIDATED_LIMIT = 1024
BLOCKING = {"serious", "critical"}

# Pages sent again in full on every visit, with the reason; reported on issue 5. Remove a
# line when the page answers a repeat visit with 304 (the test then passes unexpectedly).
NOT_REVALIDATED = {
    "apply": "the form carries a fresh CSRF token in every response, so its ETag never "
    "matches, and it sends no Cache-Control",
    "login": "the form carries a fresh CSRF token in every response, so its ETag never "
    "matches, and it sends no Cache-Control",
}

# Violations known and not yet fixed: page name -> axe rule ids. They are left out of the
# check; the test fails when one of them is no longer found, so that its line goes with
# the fix. (Empty: linked maps were role="img", hiding their links; now role="group".)
KNOWN_VIOLATIONS: dict[str, set[str]] = {}

AXE_RUN = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ")),
    }));
}"""


def url(site, name, lang):
    return f"{site.url}/{lang}{page_path(site, name)}"


@pytest.mark.parametrize("lang,direction", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_answers_in_its_language_without_serious_axe_violations(
    axe_source, demo_site, browser, name, lang, direction
):
    # The site's CSP allows no inline script; axe is injected as one, so the check runs in
    # a context that bypasses the CSP (test_the_csp_refuses_inline_scripts shows it holds).
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
    try:
        page = context.new_page()
        response = page.goto(url(demo_site, name, lang))
        assert response.status == 200, f"{response.url} answered {response.status}"
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == (lang, direction)

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"portal-{name}-{lang}.png"), full_page=True)

        page.add_script_tag(content=axe_source)
        assert page.evaluate("typeof window.axe?.run") == "function", "axe-core not injected"
        found = [v for v in page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
        known = KNOWN_VIOLATIONS.get(name, set())
        violations = [v for v in found if v["id"] not in known]
        assert not violations, "\n".join(
            f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'][:5])}"
            for v in violations
        )
        fixed = known - {v["id"] for v in found}
        assert not fixed, f"{sorted(fixed)} no longer found: remove from KNOWN_VIOLATIONS"
    finally:
        context.close()


def test_the_csp_refuses_inline_scripts(demo_site, browser):
    """Without bypass_csp the injected script does not run: the page's CSP is strict, and
    the axe checks above would otherwise have checked nothing."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{demo_site.url}/en/")
        with pytest.raises(PlaywrightError, match="Content Security Policy"):
            page.add_script_tag(content="window.injected = true;")
        assert page.evaluate("window.injected === undefined")
    finally:
        context.close()


@pytest.fixture(scope="session")
def visits(demo_site, browser):
    """visits(name, lang) -> first and repeat visit of that page on the slow line,
    measured once per session (each takes a few seconds)."""
    measured = {}

    def visit(name, lang):
        key = (name, lang)
        if key not in measured:
            measured[key] = first_and_repeat(browser, url(demo_site, name, lang))
        return measured[key]

    return visit


@pytest.mark.parametrize("lang", [lang for lang, _ in LANGUAGES])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_first_load_is_at_most_100_kb_compressed(visits, name, lang):
    first = visits(name, lang).first
    assert first.status == 200
    broken = [r for r in first.responses.values() if not 200 <= r[1] < 400]
    assert not broken and not first.failed, f"{broken} {first.failed}\n{first.table()}"
    kinds = {r[0].rsplit(".", 1)[-1] for r in first.responses.values()}
    assert {"css", "svg"} <= kinds, f"stylesheet or favicon not counted\n{first.table()}"
    assert first.bytes <= FIRST_LOAD_LIMIT, (
        f"{first.url}: {first.bytes} bytes on first load\n{first.table()}"
    )


@pytest.mark.parametrize("lang", [lang for lang, _ in LANGUAGES])
@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_REVALIDATED[name]))
        if name in NOT_REVALIDATED
        else name
        for name in PAGE_NAMES
    ],
)
def test_repeat_visit_is_near_free(visits, name, lang):
    visit = visits(name, lang)
    repeat = visit.repeat
    document = next(r for r in repeat.responses.values() if r[0] == repeat.url)
    assert repeat.bytes < REPEAT_LIMIT, f"{repeat.bytes} bytes\n{repeat.table()}"
    assert document[2] < REVALIDATED_LIMIT, (
        f"{repeat.url} was sent again in full ({document[2]} bytes), not revalidated\n"
        f"{repeat.table()}"
    )


# The active element, described: its tag, href (links), and the visible focus ring.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {tag: el.tagName.toLowerCase(), href: el.getAttribute("href") || "",
            text: (el.textContent || "").trim(), outline: style.outlineStyle,
            width: parseFloat(style.outlineWidth)};
}"""


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_indicator_page_works_from_the_keyboard(demo_site, browser, lang):
    """Tab first reaches the skip link, which leads into <main>; every province of the map
    is a link reached by Tab with a visible focus ring; the chart's data table opens with
    Enter."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url(demo_site, "indicator", lang))
        page.keyboard.press("Tab")
        skip = page.evaluate(FOCUSED)
        assert skip["href"] == "#main"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#main"

        provinces = page.locator("svg.map a").count()
        assert provinces > 20
        reached, summaries = set(), []
        for _ in range(400):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused["tag"] == "body":
                break  # past the last focusable element
            assert focused["outline"] != "none" and focused["width"] > 0, focused
            if "/provinces/" in focused["href"] and page.evaluate(
                "!!document.activeElement.closest('svg.map')"
            ):
                reached.add(focused["href"])
            if focused["tag"] == "summary":
                summaries.append(focused["text"])
        assert len(reached) == provinces
        assert len(summaries) >= 2  # the chart's and the map's data tables

        chart_table = page.locator("details").first
        chart_table.locator("summary").focus()
        page.keyboard.press("Enter")
        assert chart_table.evaluate("d => d.open")
        assert chart_table.locator("table").is_visible()
    finally:
        context.close()
