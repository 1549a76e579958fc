"""Where datasets live and how they are described.

    <COALITION_DATA_DIR>/datasets/<name>/<table>.parquet
    <COALITION_DATA_DIR>/datasets/<name>/manifest.json   (provenance)

The manifest makes every figure traceable: which rows went in, from which submissions and
form versions, when, and a content hash that names this version of the dataset.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from coalition.warehouse.adapter import write_parquet
from coalition.warehouse.signals import dataset_written


def dataset_dir(name: str) -> Path:
    return Path(settings.DATA_DIR) / "datasets" / name


@dataclass
class TableSpec:
    name: str
    columns: list[tuple[str, str]]
    rows: list[dict] = field(default_factory=list)


@dataclass
class Manifest:
    dataset: str
    version: str
    written_at: str
    source: dict
    tables: dict[str, dict]


def write_dataset(name: str, tables: list[TableSpec], *, source: dict) -> Manifest:
    """Write every table of a dataset and its manifest. Tables are written one by one,
    each atomically; the manifest last, so it never names a table not yet written."""
    folder = dataset_dir(name)
    digest = hashlib.sha256()
    described = {}
    for table in tables:
        path = folder / f"{table.name}.parquet"
        count = write_parquet(path, table.columns, table.rows)
        file_hash = hashlib.sha256(path.read_bytes())
        digest.update(table.name.encode() + file_hash.digest())
        described[table.name] = {
            "file": path.name,
            "rows": count,
            "columns": [list(c) for c in table.columns],
            "sha256": file_hash.hexdigest(),
        }
    manifest = Manifest(
        dataset=name,
        version=digest.hexdigest()[:16],
        written_at=timezone.now().isoformat(),
        source=source,
        tables=described,
    )
    temporary = folder / "manifest.json.tmp"
    temporary.write_text(json.dumps(asdict(manifest), indent=2, ensure_ascii=False))
    temporary.replace(folder / "manifest.json")
    dataset_written.send(sender=None, name=name, manifest=manifest)
    return manifest


def read_manifest(name: str) -> dict | None:
    path = dataset_dir(name) / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else None
