"""Benchmark: what every public page costs on a provincial line. The demo coalition is
served by gunicorn with the production settings (tests/live_server.py: static files
collected, hashed and compressed, GZip for pages); Chromium loads each page type of
tests/e2e/portal_pages.py in each language under DevTools network emulation (256 kbit/s,
400 ms round trips) and prints:

- first load: compressed bytes of every response (HTML, CSS, JS, SVG, fonts, favicon) in a
  fresh browser context with the cache disabled, and the time until the load event;
- repeat visit: a reload after the cache was filled (the page revalidated with its ETag,
  static files from the cache): bytes and time;
- the same for a baseline measured in the same run on the same line: /healthz, one
  bodyless response through the same stack, and the ratio of each page's time to it.

    .venv/bin/python bench/pages.py [--languages en,fa,ps,km] [--rounds 3]   (about 8 minutes)
    .venv/bin/python bench/pages.py --postgres postgres://postgres@127.0.0.1:5432/test

Targets (issue 5): at most 100 KB compressed on first load; usable within 5 s.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.e2e.page_weight import CHROMIUM_ARGS, first_and_repeat  # noqa: E402
from tests.e2e.portal_pages import portal_pages  # noqa: E402
from tests.live_server import LiveCoalition  # noqa: E402

LIMIT = 100 * 1024


def measure(browser, url: str, rounds: int) -> tuple[int, int, float, float]:
    """Bytes of the first visit and of the repeat (the same every round), median times."""
    visits = [first_and_repeat(browser, url) for _ in range(rounds)]
    for visit in visits:
        if visit.first.status != 200:
            raise SystemExit(f"{url} answered {visit.first.status}")
    return (
        max(v.first.bytes for v in visits),
        max(v.repeat.bytes for v in visits),
        statistics.median(v.first.load_ms for v in visits),
        statistics.median(v.repeat.load_ms for v in visits),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--languages", default="en,fa,ps,km")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (default SQLite)")
    args = parser.parse_args()
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    chromium = os.environ.get("COALITION_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        raise SystemExit(f"Chromium not found at {chromium}: run scripts/install-system-deps")
    from playwright.sync_api import sync_playwright

    print("Loading the demo coalition and collecting static files...", flush=True)
    with (
        LiveCoalition(workers=2, demo=True, production=True, database_url=args.postgres) as site,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        measure(browser, f"{site.url}/en/", 1)  # first requests of each worker, imports
        base = measure(browser, f"{site.url}/healthz", args.rounds)
        print(
            f"\nline: 256 kbit/s, 400 ms round trips; {args.rounds} rounds, median times\n"
            f"baseline /healthz: first {base[0]} B in {base[2]:.0f} ms, "
            f"repeat {base[1]} B in {base[3]:.0f} ms\n"
        )
        header = ("page", "lang", "first KB", "repeat B", "first ms", "repeat ms", "first/base")
        print("{:<12} {:<4} {:>9} {:>9} {:>9} {:>10} {:>11}".format(*header))
        heaviest = 0
        for name, path in portal_pages(site):
            for lang in languages:
                first, repeat, first_ms, repeat_ms = measure(
                    browser, f"{site.url}/{lang}{path}", args.rounds
                )
                heaviest = max(heaviest, first)
                flag = "  over 100 KB" if first > LIMIT else ""
                print(
                    f"{name:<12} {lang:<4} {first / 1024:>9.1f} {repeat:>9} {first_ms:>9.0f} "
                    f"{repeat_ms:>10.0f} {first_ms / base[2]:>11.1f}{flag}",
                    flush=True,
                )
        browser.close()
    print(f"\nheaviest first load: {heaviest / 1024:.1f} KB (limit {LIMIT // 1024} KB)")
    return 1 if heaviest > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
