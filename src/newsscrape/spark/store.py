"""Where a Spark job writes: whole files per unit of work (one WARC, one URL partition).

::

    OUTPUT/records/<unit>.parquet|.jsonl   the records: ``newsscrape extract``'s schema
                                           (+ warc_path, warc_record_id, warc_date)
    OUTPUT/errors/<unit>.parquet|.jsonl    one row per failure: url, source, kind,
                                           message, status (+ the same WARC columns)
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

import json
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from types import TracebackType
from typing import IO, Any

from newsscrape.output import error_row, record_row, to_jsonl
from newsscrape.record import Outcome, Record
from newsscrape.schema import ERROR_SCHEMA, PROVENANCE, RECORD_FIELDS
from newsscrape.spark.sources import local_path, scheme_of

FORMATS = ("parquet", "jsonl")
WARC_FIELDS = ("warc_path", "warc_record_id", "warc_date")
ROW_GROUP = 1000
"""Rows buffered before a Parquet row group is written."""

Columns = list[tuple[str, str]]
"""(name, Arrow type) of each column of a file."""


def record_columns(*, provenance: bool, extra: tuple[str, ...] = ()) -> Columns:
    """The record columns: the published record schema's keys in ``to_dict()``'s order
    (``schema.RECORD_FIELDS``), ``provenance`` only when records carry it, then ``extra``
    string columns."""
    fields = {**RECORD_FIELDS, **({"provenance": PROVENANCE} if provenance else {})}
    return [(name, _arrow_type(shape)) for name, shape in fields.items()] + \
        [(name, "string") for name in extra]


def error_columns(extra: tuple[str, ...] = ()) -> Columns:
    """The error columns: an ``--errors`` line's values, flat (``output.error_row``),
    then ``extra`` string columns."""
    line = ERROR_SCHEMA["properties"]
    fields = {"url": line["url"], "source": line["source"],
              **line["error"]["properties"]}
    return [(name, _arrow_type(shape)) for name, shape in fields.items()] + \
        [(name, "string") for name in extra]


def _arrow_type(shape: dict[str, Any]) -> str:
    """The column type of a JSON Schema field (a new shape must be added here)."""
    given = shape["type"]
    kinds = {given} if isinstance(given, str) else set(given) - {"null"}
    if kinds == {"array"} and shape["items"] == {"type": "string"}:
        return "list<string>"
    if kinds == {"object"}:  # provenance: field -> {"source": ..., "raw": ...}
        return "map<string, map<string, string>>"
    return {frozenset({"string"}): "string", frozenset({"integer"}): "int64"}[frozenset(kinds)]


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

    def unit(self, name: str, records: Columns, errors: Columns) -> Unit:
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

    def __init__(self, path: str, format: str, columns: Columns) -> None:
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


def _arrow_schema(columns: Columns) -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string()),
             "map<string, map<string, string>>": pa.map_(pa.string(),
                                                         pa.map_(pa.string(), pa.string()))}
    return pa.schema([(name, types[kind]) for name, kind in columns])


class Unit:
    """The records and errors of one unit, staged locally until ``commit``."""

    def __init__(self, store: Store, name: str, records: Columns, errors: Columns) -> None:
        self.store = store
        self.name = name
        ext = "parquet" if store.format == "parquet" else "jsonl"
        self.file = f"{name}.{ext}"
        self.records = _Rows(store._staged(f"records-{self.file}"), store.format, records)
        self.errors = _Rows(store._staged(f"errors-{self.file}"), store.format, errors)

    def write(self, outcome: Outcome, extra: dict[str, Any] | None = None) -> None:
        """One outcome as a row: a record to the records, a failure to the errors, each
        with the ``extra`` columns."""
        if isinstance(outcome, Record):
            self.records.write({**record_row(outcome), **(extra or {})})
        else:
            self.errors.write({**error_row(outcome), **(extra or {})})

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
