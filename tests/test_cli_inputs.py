"""What the command line refuses before touching anything, and the small traps of issue 12:
an unusable --cache is a usage error with -o intact, nothing on a non-terminal stdin
is an error, a URL without a scheme gets a hint, sizes take units, a BOM starting a
list is ignored, help texts say what is true of each command, and a proxy variable
we cannot use is a usage error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import article_page, cli_env, invoke, newsscrape_argv, run_cli, run_cli_raw
from httpserver import Server, respond

from newsscrape.cli.params import parse_size

KEEP = "".join(json.dumps({"url": f"http://a/{i}"}) + "\n" for i in range(17))


@pytest.mark.parametrize("cache", ["/proc/nope", "FILE/cache"])
def test_unusable_cache_is_a_usage_error_and_empties_nothing(cache: str,
                                                             tmp_path: Path) -> None:
    keep = tmp_path / "keep.jsonl"
    keep.write_text(KEEP, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    errors.write_text("old\n", encoding="utf-8")
    if cache.startswith("FILE"):
        (tmp_path / "FILE").write_text("a file, not a directory", encoding="utf-8")
        cache = str(tmp_path / cache)
    result = run_cli_raw("fetch", "-o", keep, "--errors", errors, "--cache", cache,
                         "http://127.0.0.1:9/story")
    assert result.returncode == 2, result.stderr
    assert cache.encode() in result.stderr and b"Traceback" not in result.stderr
    assert keep.read_text(encoding="utf-8") == KEEP
    assert errors.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("stdin", ["/dev/null", "empty pipe"])
def test_nothing_on_stdin_is_a_usage_error(stdin: str, tmp_path: Path) -> None:
    """``fetch < /dev/null`` read nothing and said "0 ok" with status 0."""
    out = tmp_path / "out.jsonl"
    if stdin == "empty pipe":
        result = run_cli_raw("fetch", "-o", out)
    else:
        with open(stdin, "rb") as empty:
            result = subprocess.run(newsscrape_argv("fetch", "-o", out), stdin=empty,
                                    capture_output=True, env=cli_env(), timeout=60,
                                    check=False)
    assert result.returncode == 2, result.stderr
    assert b"no URL given: stdin is empty" in result.stderr
    assert not out.exists()


def test_missing_scheme_gets_a_hint(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run_cli("fetch", "example.com/story", "--errors", errors)
    assert result.returncode == 1
    assert ("newsscrape: example.com/story: no scheme; did you mean "
            "https://example.com/story?") in result.stderr
    [line] = errors.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["error"]["kind"] == "invalid_url"


@pytest.mark.parametrize(("text", "size"), [
    ("4096", 4096), ("512k", 512 * 1024), ("512K", 512 * 1024), ("10MB", 10_000_000),
    ("10mb", 10_000_000), ("10MiB", 10 * 1024**2), ("10M", 10 * 1024**2),
    ("1GiB", 1024**3), ("1.5M", int(1.5 * 1024**2)), ("2 kB", 2000),
    ("10 bytes", None), ("KiB", None), ("1e6", None), ("-1", None), ("", None),
])
def test_sizes_take_units(text: str, size: int | None) -> None:
    assert parse_size(text) == size


def test_max_bytes_with_a_unit_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_page("Sized", "Words on a page. " * 2000), encoding="utf-8")
    assert invoke("extract", page, "--max-bytes", "1MB", "--jobs", "0").exit_code == 0
    small = invoke("extract", page, "--max-bytes", "2k", "--jobs", "0")
    assert small.exit_code == 1 and small.stdout == ""
    assert "exceeds the 2048-byte cap" in small.stderr
    bad = invoke("extract", page, "--max-bytes", "ten")
    assert bad.exit_code == 2 and "is not a size" in bad.output


@pytest.mark.parametrize("shape", ["url", "discover line"])
def test_a_byte_order_mark_starting_a_list_is_ignored(shape: str, tmp_path: Path) -> None:
    """A BOM before the first line, whether a URL or ``newsscrape discover``'s JSON line
    (whose feed title then stands in for the page's missing one)."""
    page = article_page("Bom").replace("<title>Bom</title>", "").replace("<h1>Bom</h1>", "")
    with Server({"/a": respond(page, content_type="text/html")}) as srv:
        first = srv.url("/a") if shape == "url" else json.dumps(
            {"url": srv.url("/a"), "source": "rss", "via": srv.url("/rss"),
             "title": "From the feed"})
        listing = tmp_path / "list.txt"
        listing.write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\n")
        result = run_cli("fetch", "-i", listing, "--ignore-robots", "--jobs", "0")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["url"] == srv.url("/a")
    assert record["title"] == (None if shape == "url" else "From the feed")


def test_undecodable_bytes_in_a_discover_line_fail_as_that_url(tmp_path: Path) -> None:
    """A JSON line whose url holds bytes that are not UTF-8 fails as ``invalid_url``
    under that url, its bytes escaped, the error line valid UTF-8."""
    listing = tmp_path / "list.txt"
    listing.write_bytes(b'{"url": "http://127.0.0.1/caf\xe9", "source": "rss"}\n')
    errors = tmp_path / "errors.jsonl"
    result = run_cli("fetch", "-i", listing, "--errors", errors, "--ignore-robots",
                     "--jobs", "0")
    assert result.returncode == 1
    [line] = [json.loads(x) for x in errors.read_bytes().decode("utf-8").splitlines()]
    assert line["url"] == "http://127.0.0.1/caf\\xe9"
    assert line["error"]["kind"] == "invalid_url"
    assert "not UTF-8" in line["error"]["message"]


def test_extract_reads_file_names_from_stdin(tmp_path: Path) -> None:
    """``find ... | newsscrape extract -i -``: no argument limit."""
    names = []
    for i in range(3):
        path = tmp_path / f"p{i}.html"
        path.write_text(article_page(f"Listed {i}"), encoding="utf-8")
        names.append(str(path))
    result = run_cli("extract", "-i", "-", "--jobs", "0", input="\n".join(names) + "\n")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Listed 0", "Listed 1", "Listed 2"]
    assert result.stderr.startswith("newsscrape: done: 3 ok, 0 failed, in ")


def test_help_says_what_is_true_of_each_command() -> None:
    fetch = invoke("fetch", "--help").output
    extract = invoke("extract", "--help").output
    top = invoke("--help").output
    assert "saved file" not in fetch and "body" in fetch.split("--max-bytes")[1][:120]
    assert "saved file" in extract.split("--max-bytes")[1][:120]
    assert "--page-timeout" in fetch and "--page-timeout" in extract
    assert "--warc" not in extract and "--url" not in fetch
    for text in (fetch, extract, top):
        assert "``" not in text and "Aborted" not in text


def test_an_unusable_proxy_variable_is_a_usage_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    keep = tmp_path / "keep.jsonl"
    keep.write_text(KEEP, encoding="utf-8")
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    result = invoke("fetch", "-o", keep, "http://127.0.0.1:9/")
    assert result.exit_code == 2 and "ALL_PROXY: socks5:// proxies are not supported" \
        in result.output
    assert keep.read_text(encoding="utf-8") == KEEP
