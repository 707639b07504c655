"""The content sniff: documents that are not HTML pages fail as ``not_html``, pages pass."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

import newsscrape
from newsscrape.document.decode import decode_html
from newsscrape.document.sniff import not_html_reason
from newsscrape.errors import ExtractError, NotHTMLError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
RSS = (b"<?xml version='1.0' encoding='UTF-8'?>\n<?xml-stylesheet href='rss.xsl'?>\n"
       b"<rss version='2.0'><channel><title>Feed</title><item><title>One</title>"
       b"<description>&lt;p&gt;A story&lt;/p&gt;</description></item></channel></rss>")


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG + _random_bytes(4000, 1), "binary"),
        (gzip.compress(b"<html><body><p>gzipped twice</p></body></html>" * 50), "binary"),
        (_random_bytes(4096, 2), "binary"),
        (_random_bytes(4096, 3), "binary"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" * 20, "no HTML markup"),
        (b"Just a plain text note, with no markup at all.\n" * 40, "no HTML markup"),
        (RSS, "feed"),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>x</title>"
         b"</feed>", "feed"),
    ],
)
def test_documents_that_are_not_pages_fail_as_not_html(data: bytes, reason: str) -> None:
    with pytest.raises(NotHTMLError, match=reason):
        newsscrape.extract(data, url="https://example.com/x")


def test_every_fixture_page_passes_the_sniff() -> None:
    pages = sorted(FIXTURES.glob("*/*.html"))
    assert len(pages) > 50
    for path in pages:
        assert not_html_reason(decode_html(path.read_bytes())[0]) is None, path
        # the same page decoded in the wrong charset is garbled, and still a page
        assert not_html_reason(path.read_text(encoding="utf-8", errors="replace")) is None, path


@pytest.mark.parametrize(
    "html",
    [
        "<p>A fragment with a single paragraph of markup.</p>",
        "<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
        "\ufeff<!DOCTYPE html><title>t</title>",
        "<p>one stray NUL \x00 in a page</p>" + "text " * 100,
    ],
)
def test_html_passes(html: str) -> None:
    assert not_html_reason(html) is None


def test_empty_document_is_no_article_not_a_wrong_type() -> None:
    with pytest.raises(ExtractError):
        newsscrape.extract(b"   \n")


def test_prolog_scan_is_linear() -> None:
    """A page opening with many comments (an ASCII-art banner) or processing
    instructions: a regular expression with a repeated lazy group backtracked
    exponentially here (26 comments: minutes). Run in a subprocess so a regression
    fails on its timeout instead of hanging the suite."""
    import subprocess
    import sys

    code = (
        "from newsscrape.document.sniff import not_html_reason\n"
        "from newsscrape.document.content_type import root_element\n"
        "banner = '<!-- ##### -->\\n' * 60\n"
        "assert not_html_reason(banner + '<!DOCTYPE html><html><body><p>x</p>') is None\n"
        "assert not_html_reason(banner + '<rss><channel/></rss>') is not None\n"
        "assert root_element(b'<?x?>' * 60 + b'<html/>') == 'html'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
