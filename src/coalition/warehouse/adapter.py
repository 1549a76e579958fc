"""The only module that imports duckdb (an import-linter contract checks it).

Rows reach DuckDB as newline-delimited JSON with an explicit column list, so no
dataframe library is needed and types are exactly the ones declared.
"""

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

# Column types a dataset may declare.
TYPES = {
    "integer": "BIGINT",
    "decimal": "DOUBLE",
    "text": "VARCHAR",
    "list": "VARCHAR[]",
    "timestamp": "TIMESTAMPTZ",
    "date": "DATE",
}


def _connect():
    connection = duckdb.connect(":memory:")
    # No extension may be downloaded at run time: sites have no internet.
    connection.execute("SET autoinstall_known_extensions = false")
    connection.execute("SET autoload_known_extensions = false")
    return connection


def _quote(name: str) -> str:
    if '"' in name or "'" in name:
        raise ValueError(f"unsafe column name {name!r}")
    return name


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(path: Path, columns: list[tuple[str, str]], rows: Iterable[dict]) -> int:
    """Write `rows` (dicts keyed by column name) to a Parquet file, atomically: readers see
    the old file or the new one, never half of one. Returns the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        source = Path(folder) / "rows.ndjson"
        with open(source, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                count += 1
        target = Path(folder) / "out.parquet"
        spec = ", ".join(f"'{_quote(name)}': '{TYPES[kind]}'" for name, kind in columns)
        select = ", ".join(f'"{name}"' for name, _kind in columns)
        connection = _connect()
        try:
            # Column names come from form schemas, paths from the data directory: neither
            # from a request. Both are quoted.
            if count:
                query = (
                    f"SELECT {select} FROM read_json({_literal(source)}, "  # noqa: S608
                    f"format='newline_delimited', columns={{{spec}}})"
                )
            else:
                query = (
                    "SELECT "
                    + ", ".join(
                        f'CAST(NULL AS {TYPES[kind]}) AS "{name}"' for name, kind in columns
                    )
                    + " LIMIT 0"
                )
            connection.execute(f"COPY ({query}) TO {_literal(target)} (FORMAT parquet)")
        finally:
            connection.close()
        os.replace(target, path)
    return count


def read_parquet(path: Path, sql: str = "SELECT * FROM dataset") -> list[tuple]:
    """Query a Parquet file as the table `dataset` (for tests, checks and the engine)."""
    connection = _connect()
    try:
        view = f"CREATE VIEW dataset AS SELECT * FROM read_parquet({_literal(path)})"  # noqa: S608
        connection.execute(view)
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def query(
    sql: str, params: list | None = None, *, tables: dict[str, Path]
) -> tuple[list[str], list[tuple]]:
    """Run `sql` with each Parquet file of `tables` visible as a view of that name.
    Returns the column names and the rows. Table names and paths are the caller's, never
    a request's; values travel as parameters."""
    connection = _connect()
    try:
        for name, path in tables.items():
            view = f"CREATE VIEW {_quote(name)} AS SELECT * FROM read_parquet({_literal(path)})"  # noqa: S608
            connection.execute(view)
        result = connection.execute(sql, params or [])
        columns = [d[0] for d in result.description]
        return columns, result.fetchall()
    finally:
        connection.close()
