"""Unit tests for ``newsscrape.document.decode``: labels, declarations, fallbacks."""

from __future__ import annotations

import codecs

import pytest

from newsscrape.document.decode import (
    charset_from_content_type,
    charset_from_meta,
    decode_html,
    normalize_label,
)

CHINESE = ("<html><head><title>新闻</title></head><body>"
           "<p>北京今天发布了一条重要新闻。</p></body></html>")
JAPANESE_TEXT = "東京で新しい図書館が開館しました。多くの市民が訪れています。"
SMART = "“Smart quotes” — it’s a café… €5"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf-8", "utf-8"),
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        (" 'utf-8' ", "utf-8"),
        ('"utf-8"', "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"),
        # Browsers read Latin-1 and ASCII labels as windows-1252.
        ("iso-8859-1", "cp1252"),
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("l1", "cp1252"),
        ("iso8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("ascii", "cp1252"),
        ("windows-1252", "cp1252"),
        ("x-cp1252", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("windows-1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("iso-8859-15", "iso8859-15"),
        ("tis-620", "cp874"),
        ("windows-874", "cp874"),
        ("iso-8859-8-i", "iso8859-8"),
        ("macintosh", "mac-roman"),
        ("x-mac-cyrillic", "mac-cyrillic"),
        # CJK labels map to the superset encodings servers really send.
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("big5", "big5hkscs"),
        ("Shift_JIS", "cp932"),
        ("shift-jis", "cp932"),
        ("sjis", "cp932"),
        ("windows-31j", "cp932"),
        ("x-sjis", "cp932"),
        ("euc-jp", "euc_jp"),
        ("iso-2022-jp", "iso2022_jp"),
        ("euc-kr", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("utf-16", "utf-16-le"),
        ("utf-16be", "utf-16-be"),
    ],
)
def test_normalize_label_maps_like_browsers(label: str, codec: str) -> None:
    """WHATWG labels give the Python codec a browser would use."""
    assert normalize_label(label) == codec


@pytest.mark.parametrize(
    "label",
    [None, "", "   ", "bogus", "utf-9", "x-unknown",
     # Python codecs that are not web encodings must not be obeyed.
     "undefined", "rot13", "base64", "hex", "zlib", "unicode_escape", "idna", "punycode",
     "utf-7", "utf-32", "cp037"],
)
def test_normalize_label_unknown(label: str | None) -> None:
    """Unknown labels, and Python-only codecs, give None."""
    assert normalize_label(label) is None


def test_charset_from_content_type() -> None:
    """The charset parameter is read case-insensitively, quoted or not."""
    assert charset_from_content_type("text/html; charset=UTF-8") == "utf-8"
    assert charset_from_content_type('text/html; Charset="iso-8859-1"') == "cp1252"
    assert charset_from_content_type("text/html;charset = gbk") == "gb18030"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type("text/html; charset=bogus") is None
    assert charset_from_content_type(None) is None
    assert charset_from_content_type("") is None


def test_charset_from_meta() -> None:
    """Both ``<meta charset>`` and the ``http-equiv`` form are found near the top."""
    assert charset_from_meta(b'<html><head><meta charset="shift_jis">') == "cp932"
    assert charset_from_meta(b"<meta charset=utf-8>") == "utf-8"
    assert charset_from_meta(
        b'<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">'
    ) == "cp1251"
    assert charset_from_meta(b"<html><head><title>x</title></head>") is None
    assert charset_from_meta(b"<meta charset='bogus'>") is None
    # A meta tag claiming UTF-16 in an ASCII-readable document is ignored.
    assert charset_from_meta(b'<meta charset="utf-16">') is None
    # Only the start of the document is searched.
    assert charset_from_meta(b" " * 10_000 + b'<meta charset="koi8-r">') is None


def test_decode_utf8_default() -> None:
    """Undeclared UTF-8 decodes as UTF-8."""
    text = "<p>Grüße aus Köln — 東京</p>"
    assert decode_html(text.encode("utf-8")) == (text, "utf-8")


def test_decode_header_charset() -> None:
    """The HTTP header's charset decodes the body."""
    assert decode_html(CHINESE.encode("gbk"), "text/html; charset=gbk") == (CHINESE, "gb18030")


def test_decode_meta_charset_only() -> None:
    """Without a header charset, ``<meta charset>`` decides."""
    html = (f'<html><head><meta charset="Shift_JIS"><title>ニュース</title></head>'
            f"<p>{JAPANESE_TEXT}</p>")
    text, encoding = decode_html(html.encode("shift_jis"), "text/html")
    assert (text, encoding) == (html, "cp932")


def test_decode_header_beats_meta() -> None:
    """When both are present the header wins (it is what browsers do)."""
    html = '<meta charset="iso-8859-5"><p>Привет</p>'
    text, encoding = decode_html(html.encode("koi8-r"), "text/html; charset=koi8-r")
    assert (text, encoding) == (html, "koi8-r")


def test_decode_latin1_label_is_windows_1252() -> None:
    """``iso-8859-1`` is read as windows-1252, so smart quotes come out right."""
    html = f"<p>{SMART}</p>"
    text, encoding = decode_html(html.encode("cp1252"), "text/html; charset=ISO-8859-1")
    assert encoding == "cp1252"
    assert text == html
    assert "\x93" not in text and "\x94" not in text


def test_decode_windows_1252_unmapped_bytes_pass_through() -> None:
    """Bytes windows-1252 leaves unmapped (0x81, 0x8D...) become C1 controls, as in browsers."""
    body = "<p>“quoted”</p>".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d"
    text, encoding = decode_html(body, "text/html; charset=iso-8859-1")
    assert encoding == "cp1252"
    assert text == "<p>“quoted”</p>\x81\x8d\x8f\x90\x9d"


def test_decode_bogus_header_label_falls_back() -> None:
    """An unknown header label is ignored; UTF-8 bytes still decode as UTF-8."""
    html = "<p>Café “Zürich” 東京</p>"
    assert decode_html(html.encode("utf-8"), "text/html; charset=bogus") == (html, "utf-8")


@pytest.mark.parametrize("label", ["undefined", "rot13", "base64", "unicode_escape", "utf-7"])
def test_decode_python_only_codec_label_is_ignored(label: str) -> None:
    """A header naming a Python-only codec cannot crash or scramble the decode."""
    html = "<p>a\\u0041 +AGEAYgBj- Café</p>"
    assert decode_html(html.encode("utf-8"), f"text/html; charset={label}") == (html, "utf-8")


def test_decode_wrong_utf8_declaration_falls_back() -> None:
    """A header saying UTF-8 over windows-1252 bytes does not crash and keeps the text."""
    html = ("<html><body>" + "<p>Le café était très animé ce matin-là, déjà plein.</p>" * 20
            + "</body></html>")
    body = html.encode("cp1252")
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert encoding != "utf-8"
    assert "Le caf" in text and "</body></html>" in text
    assert len(text) == len(html)  # single-byte fallback: nothing dropped


def test_decode_garbage_never_raises() -> None:
    """Arbitrary bytes always decode to some text."""
    body = bytes(range(256)) * 4
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert isinstance(text, str) and text
    assert codecs.lookup(encoding)


def test_decode_bom_wins() -> None:
    """A byte-order mark beats any declaration, and is removed."""
    html = "<p>naïve</p>"
    assert decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), "text/html; charset=iso-8859-1") \
        == (html, "utf-8-sig")
    text, encoding = decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"))
    assert (text, encoding) == (html, "utf-16")


def test_decode_bom_with_stray_bytes_never_raises() -> None:
    """A byte-order mark names the encoding; a stray invalid byte after it, or a UTF-16
    body cut short, is replaced instead of failing the page."""
    text, encoding = decode_html(codecs.BOM_UTF8 + b"<html><p>abc \xff def</p></html>")
    assert (text, encoding) == ("<html><p>abc \ufffd def</p></html>", "utf-8-sig")
    cut = codecs.BOM_UTF16_LE + "<p>Zürich</p>".encode("utf-16-le")[:-1]
    text, encoding = decode_html(cut)
    assert encoding == "utf-16" and text.startswith("<p>Zürich</p")


def test_decode_utf16_label_on_ascii_body_is_ignored() -> None:
    """A header claiming UTF-16 over a plain ASCII/UTF-8 body would give CJK garbage: ignored."""
    html = "<html><p>hello world</p></html>"
    assert decode_html(html.encode("utf-8"), "text/html; charset=utf-16") == (html, "utf-8")


def test_decode_real_utf16_body_with_label() -> None:
    """A genuinely UTF-16 body (NUL bytes) declared in the header is decoded."""
    html = "<html><p>hello</p></html>"
    assert decode_html(html.encode("utf-16-le"), "text/html; charset=utf-16le") \
        == (html, "utf-16-le")


def test_decode_empty_body() -> None:
    """An empty body is an empty string."""
    assert decode_html(b"", None) == ("", "utf-8")


@pytest.mark.parametrize(
    ("html", "codec", "expected"),
    [
        # undeclared Western text that a detector takes for a Central European code page
        ("<html><body><p>Café naïve déjà vu</p></body></html>", "cp1252", "cp1252"),
        ("<html><head><meta charset=utf-8></head><body><p>Le café est très bon. Où est la "
         "bibliothèque? Ça va très bien, merci. Élève naïve.</p></body></html>", "latin-1",
         "cp1252"),
        # ...while Czech and Polish pages keep their code page, by lang or by their text
        ("<html lang=cs><body><p>Příliš žluťoučký kůň úpěl ďábelské ódy</p></body></html>",
         "cp1250", "cp1250"),
        ("<html><body><p>Zażółć gęślą jaźń. Warszawa jest stolicą Polski i największym "
         "miastem kraju.</p></body></html>", "cp1250", "cp1250"),
    ],
)
def test_undeclared_latin_text_prefers_windows_1252(html: str, codec: str,
                                                     expected: str) -> None:
    text, used = decode_html(html.encode(codec))
    assert used == expected
    assert text == html


GERMAN_UTF8_PAGE = (
    '<html lang="de"><head><meta charset="UTF-8"><title>Schafe für Anfänger</title></head>'
    "<body><article><h1>Schafe für Anfänger</h1>"
    + "<p>Die Standardausführung ist weiß, die größeren Tiere grünen Weiden gewöhnt.</p>" * 12
    + "</article>"
)


def test_declared_utf8_with_a_stray_latin1_byte_stays_utf8() -> None:
    """A UTF-8 page with one Latin-1 byte pasted into a script comment is still UTF-8:
    the stray byte is replaced, every other character stays as written."""
    stray = b'<script>/* M\xe4scot Breit */ google_ad_slot = "3699";</script></body></html>'
    body = GERMAN_UTF8_PAGE.encode("utf-8") + stray
    text, encoding = decode_html(body)
    assert encoding == "utf-8"
    assert text.startswith(GERMAN_UTF8_PAGE)
    assert "M\ufffdscot Breit" in text
    assert "Ã" not in text


def test_mostly_utf8_header_declaration_keeps_utf8_too() -> None:
    """The same with the charset in the HTTP header and three stray bytes in alt texts."""
    stray = b'<p><img alt="K\xfcchenblogs"> <img alt="Hosting f\xfcr Profit" title="f\xfcr"></p>'
    body = GERMAN_UTF8_PAGE.encode("utf-8") + stray
    text, encoding = decode_html(body, "text/html; charset=utf-8")
    assert encoding == "utf-8"
    assert "Standardausführung ist weiß" in text and "K\ufffdchenblogs" in text


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "euc-kr"])
def test_valid_multibyte_utf8_beats_a_legacy_declaration(label: str) -> None:
    """A template declaring a legacy charset over UTF-8 bytes: the bytes win."""
    html = (f'<html><head><meta http-equiv="content-type" content="text/html; charset={label}">'
            "</head><body><p>Forstærket håb løfter, men målet er fået på plads.</p>"
            "<p>España: Andrés soñó con un Mundial mágico en Sudáfrica.</p></body></html>")
    text, encoding = decode_html(html.encode("utf-8"))
    assert (text, encoding) == (html, "utf-8")


def test_legacy_declaration_over_plain_ascii_is_kept() -> None:
    """Pure ASCII bytes are valid UTF-8 too, but say nothing: the declaration stands."""
    html = '<meta charset="iso-8859-1"><p>plain words only</p>'
    assert decode_html(html.encode("ascii")) == (html, "cp1252")


def test_undeclared_utf8_with_stray_byte_is_not_sent_to_the_detector() -> None:
    """No declaration, UTF-8 text with one invalid byte: UTF-8 with a replacement."""
    body = "<p>Ça commence très tôt à l'aéroport, déjà à cinq heures.</p>".encode() * 5 + b"\xe9"
    text, encoding = decode_html(body)
    assert encoding == "utf-8"
    assert text.count("très tôt") == 5 and text.endswith("\ufffd")
