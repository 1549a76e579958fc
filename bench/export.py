"""Benchmark: exporting a large form to CSV through the export code (typed values, repeats,
formula neutralising, streaming), against a baseline measured in the same run: a plain
single scan that writes the same rows' raw JSON with csv.writer.

    .venv/bin/python bench/export.py [--submissions 20000]
"""

import argparse
import csv
import io
import json
import os
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
    args = parser.parse_args()
    os.environ["COALITION_DATA_DIR"] = tempfile.mkdtemp(prefix="coalition-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command

    from coalition.accounts.models import Role
    from coalition.accounts.services import ensure_role
    from coalition.collect import exports
    from coalition.collect.models import Submission
    from coalition.collect.tests.factories import publish_school_visit

    call_command("migrate", verbosity=0)
    staff = ensure_role(
        email="s@bench.test", full_name="S", role=Role.SECRETARIAT_STAFF, actor=None
    )
    version = publish_school_visit(staff)
    # Rows are inserted directly: this measures exporting, not receiving.
    Submission.objects.bulk_create(
        [
            Submission(
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
                },
            )
            for i in range(args.submissions)
        ],
        batch_size=2000,
    )
    queryset = Submission.objects.filter(form=version.form).order_by("pk")

    start = time.perf_counter()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
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

    print(f"{args.submissions} submissions")
    print(f"baseline (single scan, raw JSON): {baseline:6.2f} s")
    for name, (seconds, size) in timings.items():
        print(
            f"{name:<24} {seconds:6.2f} s  {size / 1e6:6.1f} MB  "
            f"ratio {seconds / baseline:4.1f}x baseline  "
            f"{args.submissions / seconds:8.0f} submissions/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
