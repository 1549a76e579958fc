import datetime as dt

import pytest

from coalition.warehouse.adapter import read_parquet, write_parquet
from coalition.warehouse.datasets import TableSpec, read_manifest, write_dataset

COLUMNS = [
    ("id", "integer"),
    ("name", "text"),
    ("share", "decimal"),
    ("tags", "list"),
    ("seen_at", "timestamp"),
]


def test_types_and_values_round_trip(tmp_path):
    path = tmp_path / "t.parquet"
    rows = [
        {
            "id": 1,
            "name": "کابل",
            "share": 0.5,
            "tags": ["a", "b"],
            "seen_at": "2026-11-22T10:00:00+00:00",
        },
        {"id": 2, "name": None, "share": None, "tags": None, "seen_at": None},
    ]
    assert write_parquet(path, COLUMNS, rows) == 2
    got = read_parquet(
        path, "SELECT id, name, share, tags, epoch(seen_at) FROM dataset ORDER BY id"
    )
    assert got[0][:4] == (1, "کابل", 0.5, ["a", "b"])
    assert got[0][4] == dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC).timestamp()
    assert got[1] == (2, None, None, None, None)
    types = read_parquet(path, "SELECT column_name, column_type FROM (DESCRIBE dataset)")
    assert dict(types) == {
        "id": "BIGINT",
        "name": "VARCHAR",
        "share": "DOUBLE",
        "tags": "VARCHAR[]",
        "seen_at": "TIMESTAMP WITH TIME ZONE",
    }


def test_an_empty_table_still_has_its_columns(tmp_path):
    path = tmp_path / "empty.parquet"
    assert write_parquet(path, COLUMNS, []) == 0
    assert read_parquet(path, "SELECT count(*) FROM dataset") == [(0,)]
    assert len(read_parquet(path, "DESCRIBE dataset")) == 5


def test_unsafe_column_names_are_refused(tmp_path):
    with pytest.raises(ValueError):
        write_parquet(tmp_path / "x.parquet", [("a'; DROP", "text")], [{"a'; DROP": "x"}])


@pytest.mark.django_db  # layers above listen to dataset_written and look up their datasets
def test_dataset_manifest_names_a_content_version(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    spec = TableSpec("data", [("id", "integer")], [{"id": 1}])
    first = write_dataset("demo", [spec], source={"note": "test"})
    again = write_dataset(
        "demo", [TableSpec("data", [("id", "integer")], [{"id": 1}])], source={"note": "test"}
    )
    changed = write_dataset(
        "demo", [TableSpec("data", [("id", "integer")], [{"id": 2}])], source={"note": "test"}
    )
    assert first.version == again.version != changed.version
    manifest = read_manifest("demo")
    assert manifest["tables"]["data"]["rows"] == 1 and manifest["source"] == {"note": "test"}
    assert not list((tmp_path / "datasets" / "demo").glob("*.tmp"))


@pytest.mark.django_db
def test_writing_a_dataset_announces_it(settings, tmp_path):
    from coalition.warehouse.signals import dataset_written

    settings.DATA_DIR = tmp_path
    heard = []

    def listen(sender, name, manifest, **kwargs):
        heard.append((name, manifest.version))

    dataset_written.connect(listen)
    try:
        manifest = write_dataset("demo", [TableSpec("data", [("id", "integer")], [])], source={})
    finally:
        dataset_written.disconnect(listen)
    assert heard == [("demo", manifest.version)]
