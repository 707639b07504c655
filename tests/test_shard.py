"""``--shard K/N``: shards are disjoint and complete; a site lives in one shard; two
worker processes over one list keep per-site politeness."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import cli_env, invoke, newsscrape_argv
from hypothesis import assume, given
from hypothesis import strategies as st
from sites import assert_spaced, sites

from newsscrape.batch.shard import Shard, site_shard, url_site
from newsscrape.errors import ArgumentError
from newsscrape.record import HintedURL, Hints

PAGES = Path(__file__).parent / "fixtures" / "pages"

labels = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
hosts = st.one_of(
    st.builds(lambda a, b, tld: f"{a}.{b}.{tld}", labels, labels,
              st.sampled_from(["com", "co.uk", "de", "com.au", "org"])),
    st.builds(lambda a, tld: f"{a}.{tld}", labels, st.sampled_from(["com", "co.uk", "fr"])),
    st.builds(lambda *n: ".".join(map(str, n)), *[st.integers(0, 255)] * 4),
    st.sampled_from(["localhost", "[::1]", "bücher.de", "xn--bcher-kva.de"]),
)
urls = st.one_of(
    st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}",
              st.sampled_from(["http", "https"]), hosts, labels),
    st.text(max_size=20),  # anything a list may hold: it must still land in one shard
)


@given(st.lists(urls, max_size=40), st.integers(1, 9))
def test_url_shards_are_disjoint_and_complete(items: list[str], count: int) -> None:
    parts = [list(Shard(k, count).urls(items)) for k in range(count)]
    assert sorted(u for part in parts for u in part) == sorted(items)
    for k, part in enumerate(parts):  # each URL in exactly the shard its site hashes to
        assert all(site_shard(u, count) == k for u in part)


@given(st.lists(st.text(min_size=1, max_size=15), max_size=40), st.integers(1, 9))
def test_file_shards_are_disjoint_and_complete(names: list[str], count: int) -> None:
    parts = [Shard(k, count).files(names) for k in range(count)]
    assert sorted(n for part in parts for n in part) == sorted(names)
    assert sum(len(part) for part in parts) == len(names)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1  # balanced


@given(labels, st.sampled_from(["com", "co.uk", "com.au"]), st.integers(2, 64))
def test_www_and_mobile_hosts_share_a_shard(name: str, suffix: str, count: int) -> None:
    from tld import get_tld

    # "uk.com", "us.com" are public suffixes themselves: "www.uk.com" is a site of its own
    assume(get_tld(f"{name}.{suffix}", fix_protocol=True, fail_silently=True) == suffix)
    shards = {site_shard(f"https://{sub}{name}.{suffix}/a", count)
              for sub in ("", "www.", "m.", "WWW.")}
    assert len(shards) == 1


@pytest.mark.parametrize(("url", "site"), [
    ("https://www.bbc.co.uk/news/1", "bbc.co.uk"),
    ("http://m.example.com:8080/x", "example.com"),
    ("https://WWW.Example.COM./x", "example.com"),
    ("http://127.0.0.1:8000/a", "127.0.0.1"),
    ("http://[::1]:80/a", "::1"),
    ("http://localhost/a", "localhost"),
    ("http://intranet/a", "intranet"),
    ("https://bücher.de/a", "xn--bcher-kva.de"),
    ("https://shop.xn--bcher-kva.de/a", "xn--bcher-kva.de"),
    ("not a url", "not a url"),
    ("  http://www.lemonde.fr/a  ", "lemonde.fr"),
])
def test_url_site(url: str, site: str) -> None:
    assert url_site(url) == site


def test_a_discover_line_lands_where_its_url_does() -> None:
    hinted = HintedURL("https://www.example.com/a", Hints(source="feed", title="A"))
    assert [list(Shard(k, 3).urls([hinted])) for k in range(3)].count([hinted]) == 1
    assert site_shard(hinted, 7) == site_shard("https://m.example.com/b", 7)


@pytest.mark.parametrize("text", ["4/4", "1", "a/b", "-1/2", "1/0", "", "1/2/3"])
def test_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(ArgumentError):
        Shard.parse(text)


def test_extract_shards_cover_every_file_once(tmp_path: Path) -> None:
    files = sorted(str(p) for p in PAGES.glob("en-*.html"))[:5]
    listing = tmp_path / "files.txt"
    listing.write_text("\n".join(reversed(files[2:])) + "\n")  # names from a list too
    outputs = []
    for k in range(2):
        out = tmp_path / f"{k}.jsonl"
        result = invoke("extract", "--shard", f"{k}/2", "-o", out, "--jobs", "0",
                        *files[:2], "-i", listing)
        assert result.exit_code == 0, result.output
        outputs.append([json.loads(line)["title"] for line in out.read_text().splitlines()])
    whole = tmp_path / "all.jsonl"
    assert invoke("extract", "-o", whole, "--jobs", "0", *files).exit_code == 0
    titles = [json.loads(line)["title"] for line in whole.read_text().splitlines()]
    assert outputs[0] == titles[0::2] and outputs[1] == titles[1::2]


def test_extract_shard_refuses_stdin() -> None:
    result = invoke("extract", "--shard", "0/2", "-")
    assert result.exit_code == 2
    assert "--shard cannot split stdin" in result.output


def test_two_fetch_processes_split_the_sites(tmp_path: Path) -> None:
    """Two processes, one shard each, over one two-site list: each site is fetched by
    one process only, with its --delay spacing, and every URL ends once."""
    delay = 0.3
    with sites("127.0.0.1", "127.0.0.4") as (one, two):
        assert site_shard(one.url(), 2) != site_shard(two.url(), 2)
        listing = tmp_path / "urls.txt"
        urls = one.urls() + two.urls()
        listing.write_text("\n".join(urls) + "\n")
        workers = [subprocess.Popen(
            newsscrape_argv("fetch", "--shard", f"{k}/2", "-i", listing, "--delay", str(delay),
                            "--retries", "0", "--jobs", "0", "--user-agent", f"worker{k}",
                            "-o", tmp_path / f"{k}.jsonl", "--errors", tmp_path / f"{k}.err"),
            stderr=subprocess.PIPE, env=cli_env()) for k in range(2)]
        for worker in workers:
            _, err = worker.communicate(timeout=60)
            assert worker.returncode == 1, err  # the 404s
        for site in (one, two):
            assert_spaced(site, delay)
            agents = {seen.headers.get("User-Agent") for seen in site.requests}
            assert len(agents) == 1, agents  # one worker per site
    ended = []
    for k in range(2):
        for name in (f"{k}.jsonl", f"{k}.err"):
            lines = (tmp_path / name).read_text().splitlines()
            ended += [json.loads(line)["url"] for line in lines]
    assert sorted(ended) == sorted(urls)
