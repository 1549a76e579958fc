"""The only module that imports duckdb (an import-linter contract checks it).

Rows reach DuckDB as newline-delimited JSON with an explicit column list, so no
dataframe library is needed and types are exactly the ones declared.
"""

import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
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
    with reading(tables) as reader:
        return reader.rows(sql, params)


class Reader:
    """Several queries on one connection over the same files (see `reading`): a job of
    many steps opens the connection and reads the files' metadata once, and its temporary
    tables last from one step to the next."""

    def __init__(self, connection):
        self._connection = connection

    def rows(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        result = self._execute(sql, params)
        return [d[0] for d in result.description], result.fetchall()

    def arrays(self, sql: str, params: list | None = None) -> dict:
        return self._execute(sql, params).fetchnumpy()

    def run(self, sql: str, params: list | None = None) -> None:
        self._execute(sql, params)

    def _execute(self, sql, params):
        # An expression or a column a person typed (`coalition indicators estimate`) may
        # not fit the file: DuckDB's own first line says what, without a traceback.
        try:
            return self._connection.execute(sql, params or [])
        except duckdb.Error as error:
            raise WarehouseError(str(error).splitlines()[0]) from error


@contextmanager
def reading(tables: dict[str, Path]):
    """A `Reader` with each Parquet file of `tables` visible as a view of that name."""
    connection = _connect()
    reader = Reader(connection)
    try:
        for name, path in tables.items():
            view = f"CREATE VIEW {_quote(name)} AS SELECT * FROM read_parquet({_literal(path)})"  # noqa: S608
            reader.run(view)
        yield reader
    finally:
        connection.close()


class WarehouseError(Exception):
    """DuckDB could not read or run something: the message says what."""


class Session:
    """One DuckDB connection for a multi-step job (an import): load sources as tables,
    query them, write Parquet. Close it (it is a context manager)."""

    def __init__(self):
        self.connection = _connect()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.connection.close()

    def load_csv(self, name: str, path: Path) -> None:
        """Every cell as text, numbered rows (`__row`, 1 for the first data row)."""
        try:
            self._load_csv(name, path)
        except duckdb.Error as error:
            # The first line is generic ("CSV Error on Line: 2"); the reason follows.
            raise WarehouseError(" ".join(str(error).split())) from error

    def _load_csv(self, name: str, path: Path) -> None:
        self.connection.execute(
            f"CREATE TABLE {_quote(name)} AS SELECT row_number() OVER () AS __row, * "  # noqa: S608
            f"FROM read_csv({_literal(path)}, all_varchar = true, header = true, "
            "auto_detect = true, encoding = 'utf-8', strict_mode = false)"
        )

    def load_parquet(self, name: str, path: Path) -> None:
        """As text like every other source, whole floating-point numbers without their
        ".0" (codes are often stored as doubles)."""
        try:
            source = f"read_parquet({_literal(path)})"
            described = self.connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()  # noqa: S608
            columns = []
            for column, kind, *_rest in described:
                quoted = '"' + column.replace('"', '""') + '"'
                if kind in ("DOUBLE", "FLOAT") or kind.startswith("DECIMAL"):
                    text = (
                        f"CASE WHEN {quoted} = floor({quoted}) "
                        f"THEN CAST(CAST({quoted} AS BIGINT) AS VARCHAR) "
                        f"ELSE CAST({quoted} AS VARCHAR) END"
                    )
                else:
                    text = f"CAST({quoted} AS VARCHAR)"
                columns.append(f"{text} AS {quoted}")
            self.connection.execute(
                f"CREATE TABLE {_quote(name)} AS SELECT row_number() OVER () AS __row, "  # noqa: S608
                f"{', '.join(columns)} FROM {source}"
            )
        except duckdb.Error as error:
            raise WarehouseError(" ".join(str(error).split())) from error

    def append_frame(self, name: str, frame) -> None:
        """A pandas DataFrame of text columns, numbered on arrival (fast: DuckDB reads
        the frame's arrays directly)."""
        self.connection.register("__frame", frame)
        try:
            exists = self.connection.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", [name]
            ).fetchone()[0]
            if not exists:
                # Text columns declared, not guessed: a column empty in the first chunk
                # would otherwise get a type the next chunk's text does not fit.
                columns = ", ".join(f'"{_quote(str(c))}" VARCHAR' for c in frame.columns)
                self.connection.execute(f"CREATE TABLE {_quote(name)} (__row BIGINT, {columns})")
            start = self.connection.execute(
                f"SELECT COALESCE(MAX(__row), 0) FROM {_quote(name)}"  # noqa: S608
            ).fetchone()[0]
            self.connection.execute(
                f"INSERT INTO {_quote(name)} SELECT {start} + row_number() OVER () , * "  # noqa: S608
                "FROM __frame"
            )
        finally:
            self.connection.unregister("__frame")

    def columns(self, name: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [name],
        ).fetchall()
        return [r[0] for r in rows if r[0] != "__row"]

    def execute(self, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
        try:
            result = self.connection.execute(sql, params or [])
            return [d[0] for d in result.description], result.fetchall()
        except duckdb.Error as error:
            raise WarehouseError(str(error).splitlines()[0]) from error

    def write_parquet(self, sql: str, target: Path) -> None:
        """The rows of `sql` into a Parquet file, atomically."""
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        self.connection.execute(f"COPY ({sql}) TO {_literal(partial)} (FORMAT parquet)")
        os.replace(partial, target)


def filled_columns(path: Path, columns: list[str]) -> set[str]:
    """Which of these columns hold at least one value in the Parquet file."""
    counts = ", ".join(f'COUNT("{_quote(c)}")' for c in columns)
    _names, [row] = query(f"SELECT {counts} FROM dataset", tables={"dataset": path})  # noqa: S608
    return {c for c, n in zip(columns, row, strict=True) if n}


def csv_to_parquet(source: Path, target: Path) -> None:
    """A CSV with its column types detected (and R's NA as missing) as a Parquet file."""
    connection = _connect()
    try:
        connection.execute(
            f"COPY (SELECT * FROM read_csv({_literal(source)}, header = true, "  # noqa: S608
            f"nullstr = ['NA', ''])) TO {_literal(target)} (FORMAT parquet)"
        )
    except duckdb.Error as error:
        raise WarehouseError(" ".join(str(error).split())) from error
    finally:
        connection.close()
