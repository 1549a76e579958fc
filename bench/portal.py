"""Benchmark: rendering the public indicator pages from the demo coalition's results, against
a baseline measured in the same run: the sources page, which renders the same page frame
(header, languages, footer) with no figures.

Each page is timed cold (the fragment cache emptied: every query, chart and map made anew,
as after a recomputation) and warm (the fragments cached, as for every later visitor).

    .venv/bin/python bench/portal.py [--country AF] [--indicators 10] [--repeat 3]
"""

import argparse
import statistics
import sys
import time

from demo_site import load_demo


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--country", default="AF")
    parser.add_argument("--indicators", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_demo(args.country)
    from django.core.cache import cache
    from django.test import Client

    from coalition.indicators.models import Result

    codes = list(
        Result.objects.current()
        .filter(cell="", measure="value")
        .values_list("indicator", flat=True)
        .distinct()
        .order_by("indicator")
    )[: args.indicators]
    province = f"{args.country}-{'KAB' if args.country == 'AF' else '12'}"
    pages = {
        "home": ["/en/"],
        "catalogue": ["/en/indicators/"],
        "indicator": [f"/en/indicators/{c}/" for c in codes],
        "comparison": [f"/en/indicators/{c}/provinces/" for c in codes],
        "province": [f"/en/provinces/{province}/"],
        "open data": ["/en/data/"],
    }
    client = Client()

    def seconds(paths, *, cold):
        times = []
        for _ in range(args.repeat):
            for path in paths:
                if cold:
                    cache.clear()
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
        return statistics.median(times)

    seconds(["/en/sources/", *pages["indicator"][:1]], cold=True)  # imports, first queries
    baseline = seconds(["/en/sources/"], cold=False)
    print(f"\nbaseline (sources page, same frame): {baseline * 1000:.1f} ms\n")
    header = ("page", "pages", "cold ms", "warm ms", "cold/base", "warm/base")
    print("{:<12} {:>5} {:>9} {:>9} {:>10} {:>10}".format(*header))
    for name, paths in pages.items():
        cold = seconds(paths, cold=True)
        warm = seconds(paths, cold=False)
        print(
            f"{name:<12} {len(paths):>5} {cold * 1000:>9.1f} {warm * 1000:>9.1f} "
            f"{cold / baseline:>10.1f} {warm / baseline:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
