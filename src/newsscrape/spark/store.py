"""Where a Spark job writes: whole files per unit of work (one WARC, one URL partition).

::

    OUTPUT/records/<unit>.parquet|.jsonl   the records: ``newsscrape extract``'s schema
                                           (+ warc_path, warc_record_id, warc_date)
    OUTPUT/errors/<unit>.parquet|.jsonl    one row per failure: url, kind, message,
                                           status (+ the same WARC columns)
    OUTPUT/_done/<unit>.json               written last: the unit is complete (not for a
                                           WARC that could not be read whole)

A task writes its unit's files in a local temporary folder (``--local-temp-dir``),
then publishes each under a temporary name and renames it into place, and only then
writes the marker. A rerun skips the units that have a marker; a unit cut short by a
crash has none and is done again, its files replaced whole. ``spark.read.parquet(
"OUTPUT/records")`` (or ``read.json``) reads a finished job as one table.

OUTPUT is a local (or shared) path, or any URI pyarrow's file systems open
(``s3://``/``s3a://``, ``gs://``, ``hdfs://``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from types import TracebackType
from typing import IO, Any

from newsscrape.output import to_jsonl
from newsscrape.record import Record
from newsscrape.spark.sources import local_path, scheme_of

FORMATS = ("parquet", "jsonl")
ERROR_FIELDS = ("url", "kind", "message", "status")
WARC_FIELDS = ("warc_path", "warc_record_id", "warc_date")
ROW_GROUP = 1000
"""Rows buffered before a Parquet row group is written."""

_ARROW_TYPES = {
    "str": "string", "str | None": "string", "int": "int64", "int | None": "int64",
    "tuple[str, ...]": "list<string>",
    "dict[str, dict[str, str]] | None": "map<string, map<string, string>>",
}
"""``Record`` field annotations -> column types (a new annotation must be added here)."""


def record_columns(*, provenance: bool, extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(name, type) of each record column: ``Record.to_dict()``'s keys in order, then
    ``extra`` string columns. ``provenance`` only when records carry it."""
    columns = [(f.name, _ARROW_TYPES[str(f.type)]) for f in dataclasses.fields(Record)
               if provenance or f.name != "provenance"]
    return columns + [(name, "string") for name in extra]


def error_columns(extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(name, type) of each error column."""
    return [("url", "string"), ("kind", "string"), ("message", "string"),
            ("status", "int64"), *((name, "string") for name in extra)]


def error_row(url: str, error: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """An error row: the input, the error's kind, message and status, then ``extra``."""
    return {"url": url, "kind": error.get("kind"), "message": error.get("message"),
            "status": error.get("status"), **extra}


@dataclass(frozen=True, slots=True)
class Store:
    """An output folder of a job (picklable: it travels to the tasks)."""

    root: str
    format: str = "parquet"
    temp_dir: str | None = None

    def done(self) -> set[str]:
        """The units already complete (their markers exist)."""
        filesystem, base = self._fs()
        from pyarrow import fs

        infos = filesystem.get_file_info(fs.FileSelector(f"{base}/_done", allow_not_found=True))
        return {os.path.basename(i.path)[:-5] for i in infos if i.path.endswith(".json")}

    def unit(self, name: str, records: list[tuple[str, str]],
             errors: list[tuple[str, str]]) -> Unit:
        """A writer for one unit's records and errors."""
        return Unit(self, name, records, errors)

    def _fs(self) -> tuple[Any, str]:
        from pyarrow import fs

        path = local_path(self.root)
        if path is not None:
            return fs.LocalFileSystem(), os.path.abspath(path).rstrip("/")
        uri = "s3" + self.root[3:] if scheme_of(self.root) == "s3a" else self.root
        filesystem, base = fs.FileSystem.from_uri(uri)
        return filesystem, base.rstrip("/")

    def publish(self, staged: str, folder: str, name: str) -> None:
        """Put the local file ``staged`` at ``folder/name``, whole or not at all."""
        filesystem, base = self._fs()
        target = f"{base}/{folder}/{name}"
        part = f"{target}.part-{uuid.uuid4().hex[:12]}"
        filesystem.create_dir(f"{base}/{folder}", recursive=True)
        if local_path(self.root) is not None:
            shutil.move(staged, part)  # a rename when on the same file system
        else:
            from pyarrow import fs

            fs.copy_files(staged, part, source_filesystem=fs.LocalFileSystem(),
                          destination_filesystem=filesystem)
            os.unlink(staged)
        filesystem.move(part, target)

    def mark_done(self, name: str, summary: dict[str, Any]) -> None:
        """Write the unit's marker (after its files are in place)."""
        staged = self._staged(f"{name}.json")
        with open(staged, "w", encoding="utf-8") as stream:
            json.dump(summary, stream)
        self.publish(staged, "_done", f"{name}.json")

    def _staged(self, name: str) -> str:
        folder = self.temp_dir or tempfile.gettempdir()
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"newsscrape-{uuid.uuid4().hex[:12]}-{name}")


class _Rows:
    """One local staging file of rows, JSON lines or Parquet (written in row groups)."""

    def __init__(self, path: str, format: str, columns: list[tuple[str, str]]) -> None:
        self.path = path
        self.count = 0
        self._columns = columns
        self._buffer: list[dict[str, Any]] = []
        self._text: IO[str] | None = None
        self._parquet: Any = None
        if format == "jsonl":
            self._text = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
        else:
            import pyarrow.parquet as pq

            self._parquet = pq.ParquetWriter(path, _arrow_schema(columns))

    def write(self, row: dict[str, Any]) -> None:
        self.count += 1
        if self._text is not None:
            self._text.write(to_jsonl(row) + "\n")
            return
        self._buffer.append(row)
        if len(self._buffer) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._buffer:
            table = pa.Table.from_pylist(self._buffer, schema=self._parquet.schema)
            self._parquet.write_table(table)
            self._buffer = []

    def close(self) -> None:
        if self._text is not None:
            self._text.close()
        else:
            self._flush()
            self._parquet.close()


def _arrow_schema(columns: list[tuple[str, str]]) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string()),
             "map<string, map<string, string>>": pa.map_(pa.string(),
                                                         pa.map_(pa.string(), pa.string()))}
    return pa.schema([(name, types[kind]) for name, kind in columns])


class Unit:
    """The records and errors of one unit, staged locally until ``commit``."""

    def __init__(self, store: Store, name: str, records: list[tuple[str, str]],
                 errors: list[tuple[str, str]]) -> None:
        self.store = store
        self.name = name
        ext = "parquet" if store.format == "parquet" else "jsonl"
        self.file = f"{name}.{ext}"
        self.records = _Rows(store._staged(f"records-{self.file}"), store.format, records)
        self.errors = _Rows(store._staged(f"errors-{self.file}"), store.format, errors)

    def commit(self, summary: dict[str, Any], *, done: bool = True) -> None:
        """Publish both files, then (when ``done``) the marker."""
        for rows, folder in ((self.records, "records"), (self.errors, "errors")):
            rows.close()
            self.store.publish(rows.path, folder, self.file)
        if done:
            self.store.mark_done(self.name, summary)

    def discard(self) -> None:
        """Drop the staged files (the task failed; a rerun does the unit again)."""
        for rows in (self.records, self.errors):
            rows.close()
            if os.path.exists(rows.path):
                os.unlink(rows.path)

    def __enter__(self) -> Unit:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None:
            self.discard()
