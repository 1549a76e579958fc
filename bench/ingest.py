"""Benchmark: sustained concurrent OpenRosa submissions against the app under gunicorn
(2 workers), on SQLite and on PostgreSQL, next to null endpoints of the same stack
measured in the same run. Prints submissions/s, p50 and p99, and checks that every
acknowledged submission is stored.

Two baselines, both served by the same gunicorn, settings and middleware:
- the null exchange: HEAD then the same multipart POST, with the same Digest headers, to
  /null/submission, which reads the body and answers 201 without authenticating,
  parsing or storing (bench/site/null_urls.py). A submission is this exchange plus our
  work, so the targets are judged against it.
- /healthz, one bodyless GET, printed for reference: a submission is two requests with a
  body, so it cannot come near this one.

    .venv/bin/python bench/ingest.py [--seconds 10] [--clients 8] [--rounds 5]
    .venv/bin/python bench/ingest.py --postgres postgres://postgres@127.0.0.1:5432/test

Targets (issue #3): at least half the null endpoint's throughput, p99 under 300 ms, zero lost.
"""

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.test_settings")

from tests.live_server import LiveCoalition  # noqa: E402
from tests.openrosa_http import OpenRosaHTTP  # noqa: E402

from coalition.collect.tests.odk_client import fill  # noqa: E402


def run_load(seconds: float, clients: int, one_request) -> tuple[list[float], list]:
    latencies: list[float] = []
    results: list = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        state = one_request.setup()
        while time.monotonic() < stop:
            start = time.perf_counter()
            outcome = one_request.send(state)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, results


class NullEndpoint:
    def __init__(self, site):
        self.site = site

    def setup(self):
        return OpenRosaHTTP(self.site.url, "", "")

    def send(self, client):
        status, _ = client.request("GET", "/healthz")
        return status


TEMPLATE_ID = "uuid:00000000-0000-0000-0000-000000000000"


class Submission:
    path = "/collect/submission"

    def __init__(self, site):
        self.site = site
        # One filled form as a template; each request only swaps the instanceID, so the
        # load generator spends its CPU (shared with the server here) on sending.
        self.template = fill(
            site.xform,
            {"school": "Bench", "province": "AF-KAB", "girls": "5"},
            instance_id=TEMPLATE_ID,
        )

    def setup(self):
        client = OpenRosaHTTP(self.site.url, self.site.email, self.site.token)
        client.request("HEAD", self.path)
        return client

    def send(self, client):
        instance = f"uuid:{uuid.uuid4()}"
        xml = self.template.replace(TEMPLATE_ID.encode(), instance.encode())
        return client.submit(xml, path=self.path), instance


class NullExchange(Submission):
    """The same requests, headers included: the device's Digest answers are computed
    and sent as for a submission (the null endpoint ignores them), so the load
    generator, which shares this machine's cores, does the same work for both."""

    path = "/null/submission"

    def setup(self):
        client = super().setup()
        # The challenge of the real endpoint: /null/submission never asks for one.
        client.request("HEAD", Submission.path)
        return client


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rate_and_latency(latencies, count, seconds):
    return (
        count / seconds,
        statistics.median(latencies) * 1000,
        percentile(latencies, 0.99) * 1000,
    )


def interleaved(rounds, seconds, clients, loads):
    """Run each load for `seconds` in all, in `rounds` alternating slices: this machine's
    speed drifts (it is shared), and slices put the same drift on every load."""
    totals = [([], []) for _ in loads]
    for _ in range(rounds):
        for load, (latencies, results) in zip(loads, totals, strict=True):
            more_latencies, more_results = run_load(seconds / rounds, clients, load)
            latencies += more_latencies
            results += more_results
    return totals


def measure(label, database_url, seconds, clients, rounds):
    with LiveCoalition(
        workers=2,
        database_url=database_url,
        settings_module="null_settings",
        python_path=(ROOT / "bench" / "site",),
    ) as site:
        run_load(1, clients, NullEndpoint(site))  # warm up
        run_load(1, clients, NullExchange(site))
        run_load(1, clients, Submission(site))
        (health_lat, _), (null_lat, null_res), (sub_lat, sub_res) = interleaved(
            rounds,
            seconds,
            clients,
            [NullEndpoint(site), NullExchange(site), Submission(site)],
        )
        stored = set(
            site.query(
                "from coalition.collect.models import SubmissionVersion as V; "
                "print('\\n'.join(V.objects.values_list('instance_id', flat=True)))"
            ).split()
        )
    acknowledged = [instance for status, instance in sub_res if status == 201]
    lost = len(set(acknowledged) - stored)
    failed = sum(1 for status, _ in sub_res if status != 201)
    null_ok = sum(1 for status, _ in null_res if status == 201)
    health_rate, health_p50, health_p99 = rate_and_latency(health_lat, len(health_lat), seconds)
    null_rate, null_p50, null_p99 = rate_and_latency(null_lat, null_ok, seconds)
    sub_rate, p50, p99 = rate_and_latency(sub_lat, len(acknowledged), seconds)
    rows = [
        ("GET /healthz", "req/s", health_rate, health_p50, health_p99),
        ("null exchange", "sub/s", null_rate, null_p50, null_p99),
        ("submissions", "sub/s", sub_rate, p50, p99),
    ]
    for name, unit, rate, r50, r99 in rows:
        print(f"[{label}] {name:14} {rate:7.1f} {unit}  p50 {r50:6.1f} ms  p99 {r99:6.1f} ms")
    print(
        f"[{label}] ratio to the null exchange: {sub_rate / null_rate:.2f}   "
        f"(to /healthz: {sub_rate / health_rate:.2f})   failed: {failed}   lost: {lost}"
    )
    ok = sub_rate >= null_rate / 2 and p99 < 300 and lost == 0
    print(
        f"[{label}] targets (>= 0.5x the null exchange, p99 < 300 ms, 0 lost): "
        f"{'met' if ok else 'NOT met'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    measure("SQLite", "", args.seconds, args.clients, args.rounds)
    try:
        measure("PostgreSQL", args.postgres, args.seconds, args.clients, args.rounds)
    except Exception as error:
        print(f"[PostgreSQL] skipped: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
