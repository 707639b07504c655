"""The published shape of the output: ``newsscrape schema`` prints JSON Schemas that real
record and error lines satisfy, the record schema names exactly ``Record.to_dict()``'s
keys, every line is valid UTF-8 JSON, and the README's DuckDB and pandas recipes load a
real output file with instants typed as instants."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import article_page, invoke, run_batch
from httpserver import Server, respond
from jsonschema import Draft202012Validator, FormatChecker

from newsscrape.output import error_object
from newsscrape.record import Record
from newsscrape.schema import RECORD_FIELDS

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "tests/fixtures/pages").glob("*.html"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _schema(shape: str) -> dict[str, Any]:
    result = invoke("schema", shape)
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return schema


def _validator(shape: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(shape), format_checker=FormatChecker())


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture page through ``extract`` (provenance on), as a JSONL file."""
    out = tmp_path_factory.mktemp("schema") / "records.jsonl"
    result = invoke("extract", *PAGES, "--provenance", "--tz", "Europe/Berlin", "-o", out,
                    "--jobs", "0")
    assert result.exit_code == 0, result.output
    return out


def test_the_record_schema_names_the_record_s_keys() -> None:
    keys = set(Record(url="x").to_dict())
    assert set(RECORD_FIELDS) == keys
    assert set(_schema("record")["required"]) == keys
    assert set(_schema("record")["properties"]) == keys | {"provenance"}


def test_real_records_satisfy_the_schema(extracted: Path) -> None:
    validator = _validator("record")
    lines = extracted.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(PAGES)
    for line in lines:
        validator.validate(json.loads(line))
    with Server({"/a": respond(article_page("Fetched"), content_type="text/html")}) as srv:
        fetched = run_batch([srv.url("/a")])
    validator.validate(fetched.records[0].to_dict())
    assert fetched.records[0].source == srv.url("/a")


def test_real_error_lines_satisfy_the_schema(tmp_path: Path) -> None:
    """Error lines of several kinds, one with undecodable bytes in its input."""
    validator = _validator("error")
    listing = tmp_path / "list.txt"
    with Server({"/gone": respond("no", status=410)}) as srv:
        listing.write_bytes(b"not a url\nhttp://127.0.0.1/caf\xe9\n" + srv.url("/gone").encode()
                            + b"\n")
        errors = tmp_path / "errors.jsonl"
        result = invoke("fetch", "-i", listing, "--errors", errors, "--ignore-robots",
                        "--jobs", "0")
    assert result.exit_code == 1
    raw = errors.read_bytes()
    raw.decode("utf-8")  # strict: no lone surrogates anywhere
    lines = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert {line["error"]["kind"] for line in lines} == {"invalid_url", "http_status"}
    assert "http://127.0.0.1/caf\\xe9" in {line["url"] for line in lines}
    for line in lines:
        validator.validate(line)
    missing = invoke("extract", tmp_path / "missing.html", "--errors", tmp_path / "e2.jsonl")
    assert missing.exit_code == 1
    [line] = (tmp_path / "e2.jsonl").read_text(encoding="utf-8").splitlines()
    validator.validate(json.loads(line))


def test_the_error_line_shape_is_the_schema_s() -> None:
    from newsscrape.record import Failure

    line = error_object(Failure(input="a", kind="input", message="m", source="a"))
    assert set(line) == set(_schema("error")["required"])


def _recipe(language: str) -> str:
    """The README's code block in ``language`` under 'Loading into DuckDB and pandas'."""
    section = README.split("### Loading into DuckDB and pandas")[1].split("\n## ")[0]
    match = re.search(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)
    assert match, language
    return match.group(1)


def test_the_readme_duckdb_recipe_types_instants(extracted: Path, tmp_path: Path) -> None:
    import duckdb

    (tmp_path / "records.jsonl").write_bytes(extracted.read_bytes())
    connection = duckdb.connect()
    statements = [s for s in _recipe("sql").split(";") if s.strip()]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)  # the recipe names records.jsonl
        for statement in statements[:-1]:
            connection.execute(statement)
        rows = connection.execute(statements[-1]).fetchall()
    types = dict(connection.execute("SELECT column_name, data_type FROM "
                                    "information_schema.columns WHERE table_name = 'records'"
                                    ).fetchall())
    assert types["published_utc"] == types["fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["published"] == "VARCHAR"
    assert len(rows) == len(PAGES)
    assert rows[0][1] is not None and rows[0][1].utcoffset() is not None


def test_the_readme_pandas_recipe_types_instants(extracted: Path, tmp_path: Path) -> None:
    import pandas as pd

    (tmp_path / "records.jsonl").write_bytes(extracted.read_bytes())
    scope: dict[str, Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        exec(_recipe("python"), scope)
    frame = scope["df"]
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(PAGES)
    assert str(frame["published_utc"].dtype).startswith("datetime64")
    assert str(frame["published_utc"].dtype).endswith("UTC]")
    assert frame["published"].map(type).eq(str).sum() > 0  # the page's forms stay text
    assert frame["published_utc"].notna().sum() > len(PAGES) / 2
