"""Benchmark: the public member directory (filters, province counts, map) with the demo
coalition loaded, against a baseline measured in the same run: the data-sources page,
which goes through the same middleware, template frame and database session but does no
directory work. Prints the ratio; absolute times on shared machines mean little.

    .venv/bin/python bench/directory.py [--repeat 30]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    os.environ["COALITION_DATA_DIR"] = tempfile.mkdtemp(prefix="coalition-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()

    def timed(url):
        samples = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(samples)

    timed("/en/members/")  # warm caches (projected map shapes, templates)
    baseline = timed("/en/sources/")
    cases = {
        "directory": "/en/members/",
        "directory, filtered": "/en/members/?kind=womens_group",
        "directory, Dari": "/fa/members/",
        "home with map": "/en/",
        "API list (50)": "/api/v1/organisations/",
    }
    print(f"baseline /en/sources/: {baseline * 1000:.1f} ms (median of {args.repeat})")
    for name, url in cases.items():
        median = timed(url)
        print(f"{name:<22} {median * 1000:7.1f} ms   ratio {median / baseline:5.1f}x baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
