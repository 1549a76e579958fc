"""Benchmark: exporting a large form to CSV through the export code (typed values, repeats,
formula neutralising, streaming), against a baseline measured in the same run: a plain
single scan that writes the same rows' raw JSON with csv.writer.

    .venv/bin/python bench/export.py [--submissions 20000] [--fields 0] [--xlsx]

--fields adds that many integer questions to the form (the issue's large form is 100,000
submissions x 500 fields); --xlsx also times the Excel export the task worker writes.
Peak memory is printed: exports stream, so it must not grow with the submissions.
"""

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--submissions", type=int, default=20000)
    parser.add_argument("--fields", type=int, default=0)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args()
    os.environ["COALITION_DATA_DIR"] = tempfile.mkdtemp(prefix="coalition-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.test_settings")
    # As in production: with DEBUG on, Django keeps every SQL statement it ran, and the
    # bulk inserts alone would make the peak memory meaningless.
    os.environ["COALITION_DEBUG"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    from coalition.accounts.models import Role
    from coalition.accounts.services import ensure_role
    from coalition.collect import exports
    from coalition.collect.models import Submission
    from coalition.collect.services import publish_form
    from coalition.collect.tests.factories import SCHOOL_VISIT, xlsform_bytes

    call_command("migrate", verbosity=0)
    staff = ensure_role(
        email="s@bench.test", full_name="S", role=Role.SECRETARIAT_STAFF, actor=None
    )
    extra = [f"q{n}" for n in range(args.fields)]
    survey = [*SCHOOL_VISIT["survey"], *(["integer", q, q, "", ""] for q in extra)]
    version = publish_form(
        content=xlsform_bytes(survey, SCHOOL_VISIT["choices"], SCHOOL_VISIT["settings"]),
        filename="school_visit.xlsx",
        actor=staff,
    )

    # Rows are inserted directly, a batch at a time: this measures exporting, not
    # receiving, and the peak memory printed at the end must be the export's.
    def submission(i):
        return Submission(
            form=version.form,
            form_version=version,
            instance_id=f"uuid:{uuid.uuid4()}",
            data={
                "school": f"School {i}",
                "province": "AF-KAB",
                "girls": i % 400,
                "distance_km": 2.5,
                "services": ["water", "electricity"],
                "teacher": [{"teacher_name": "A"}, {"teacher_name": "B"}],
                **{q: (i + n) % 97 for n, q in enumerate(extra)},
            },
        )

    for first in range(0, args.submissions, 2000):
        batch = range(first, min(first + 2000, args.submissions))
        Submission.objects.bulk_create([submission(i) for i in batch])
    queryset = Submission.objects.filter(form=version.form).order_by("pk")

    class Sink:  # counts what is written and keeps none of it, like a streamed response
        size = 0

        def write(self, text):
            self.size += len(text)

    start = time.perf_counter()
    writer = csv.writer(Sink())
    for pk, data in queryset.values_list("pk", "data").iterator(chunk_size=2000):
        writer.writerow([pk, json.dumps(data)])
    baseline = time.perf_counter() - start

    tables = exports.tables_of(version.schema)
    timings = {}
    for table in tables:
        start = time.perf_counter()
        size = sum(
            len(line)
            for line in exports.stream_csv(
                table,
                queryset.select_related("organisation", "area").iterator(chunk_size=2000),
                None,
            )
        )
        timings[f"CSV {table.name}"] = (time.perf_counter() - start, size)
    start = time.perf_counter()
    labels = exports.labels_of(version.xform, "fa")
    size = sum(
        len(line)
        for line in exports.stream_csv(
            tables[0],
            queryset.select_related("organisation", "area").iterator(chunk_size=2000),
            labels,
        )
    )
    timings["CSV data, Dari labels"] = (time.perf_counter() - start, size)

    if args.xlsx:
        start = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            exports.xlsx(
                tables,
                exports.Rescan(queryset.select_related("organisation", "area")),
                None,
                target=out,
            )
            size = out.tell()
        timings["Excel, all sheets"] = (time.perf_counter() - start, size)

    print(f"{args.submissions} submissions x {len(version.schema['types'])} fields")
    print(f"baseline (single scan, raw JSON): {baseline:6.2f} s")
    for name, (seconds, size) in timings.items():
        print(
            f"{name:<24} {seconds:6.2f} s  {size / 1e6:6.1f} MB  "
            f"ratio {seconds / baseline:4.1f}x baseline  "
            f"{args.submissions / seconds:8.0f} submissions/s"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the whole run: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
