"""What a page costs a visitor on a slow line, measured in Chromium through the DevTools
protocol: the compressed bytes of every response (HTML, CSS, JS, SVG, fonts, favicon) and
the time until the load event, under network emulation of a provincial 2G/3G line.

Used by tests/e2e/test_portal_pages.py (which asserts on bytes only) and bench/pages.py
(which prints bytes and times against a baseline page measured in the same run)."""

import time
from dataclasses import dataclass, field

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# The line of issue 5: 256 kbit/s down, 400 ms round trips. CDP takes bytes per second.
SLOW_LINE = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 256_000 / 8,
    "uploadThroughput": 256_000 / 8,
}
NO_THROTTLE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
# After the load event, a load is over once no request is in flight and none has started
# or ended for this long (Chromium asks for the favicon just after the load event).
QUIET_SECONDS = 0.3


@dataclass
class Load:
    url: str
    status: int = 0
    load_ms: float = 0.0
    # request id -> (url, status, compressed bytes on the wire incl. headers, from cache)
    responses: dict = field(default_factory=dict)
    failed: list = field(default_factory=list)

    @property
    def bytes(self) -> int:
        return sum(r[2] for r in self.responses.values())

    def table(self) -> str:
        rows = sorted(self.responses.values(), key=lambda r: -r[2])
        return "\n".join(
            f"  {size:>8} B  {status}  {'cache ' if cached else ''}{url}"
            for url, status, size, cached in rows
        )


class Meter:
    """One page's CDP session: throttling, cache switch, and a record of each load."""

    def __init__(self, page):
        self.page = page
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.current: Load | None = None
        self.pending: set[str] = set()
        self.last_event = time.monotonic()
        self.session.on("Network.requestWillBeSent", self._sent)
        self.session.on("Network.responseReceived", self._received)
        self.session.on("Network.requestServedFromCache", self._from_cache)
        self.session.on("Network.loadingFinished", self._finished)
        self.session.on("Network.loadingFailed", self._failed)

    def throttle(self, conditions: dict) -> None:
        self.session.send("Network.emulateNetworkConditions", conditions)

    def cache(self, *, enabled: bool) -> None:
        self.session.send("Network.setCacheDisabled", {"cacheDisabled": not enabled})

    def load(self, url: str, *, reload: bool = False, timeout_ms: float = 120_000) -> Load:
        """Navigate to url (or reload it); return once the load event fired and no request
        is in flight (the favicon, for one, is asked for after the load event)."""
        self.current = Load(url)
        self.pending = set()
        if reload:
            response = self.page.reload(wait_until="load", timeout=timeout_ms)
        else:
            response = self.page.goto(url, wait_until="load", timeout=timeout_ms)
        self.current.status = response.status if response else 0
        self.current.load_ms = self.page.evaluate(
            "performance.getEntriesByType('navigation')[0].loadEventStart"
        )
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline and (
            self.pending or time.monotonic() - self.last_event < QUIET_SECONDS
        ):
            self.page.wait_for_timeout(50)
        load, self.current = self.current, None
        return load

    def _sent(self, event):
        self.last_event = time.monotonic()
        if self.current is not None and event["request"]["url"].startswith("http"):
            self.pending.add(event["requestId"])
            self.current.responses[event["requestId"]] = (event["request"]["url"], 0, 0, False)

    def _update(self, request_id, **changes):
        if self.current is None or request_id not in self.current.responses:
            return
        url, status, size, cached = self.current.responses[request_id]
        self.current.responses[request_id] = (
            url,
            changes.get("status", status),
            changes.get("size", size),
            changes.get("cached", cached),
        )

    def _received(self, event):
        self._update(event["requestId"], status=event["response"]["status"])

    def _from_cache(self, event):
        self._update(event["requestId"], cached=True)

    def _finished(self, event):
        self.last_event = time.monotonic()
        self._update(event["requestId"], size=int(event["encodedDataLength"]))
        self.pending.discard(event["requestId"])

    def _failed(self, event):
        self.last_event = time.monotonic()
        if self.current is not None and event["requestId"] in self.current.responses:
            self.current.failed.append(
                (self.current.responses[event["requestId"]][0], event.get("errorText", ""))
            )
        self.pending.discard(event["requestId"])


@dataclass
class Visit:
    first: Load
    repeat: Load


def first_and_repeat(browser, url: str, *, line: dict = SLOW_LINE) -> Visit:
    """A first visit (fresh context, cache disabled) and a repeat visit, both on `line`.

    The repeat visit is the later one, after the page's own max-age: a reload, for which
    Chromium asks for the page again with its ETag (a 304 if nothing changed) and takes
    the static files (hashed names, cached for ever) from its cache. The visit in between
    that fills the cache runs unthrottled and is not measured."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        meter = Meter(page)
        meter.throttle(line)
        meter.cache(enabled=False)
        first = meter.load(url)
        meter.throttle(NO_THROTTLE)
        meter.cache(enabled=True)
        meter.load(url)
        meter.throttle(line)
        repeat = meter.load(url, reload=True)
        return Visit(first, repeat)
    finally:
        context.close()
