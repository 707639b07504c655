"""Bytes to text: the HTTP header's charset, then ``<meta charset>``, then detection.

Labels are mapped the way browsers map them (WHATWG Encoding Standard), so a page
that says ``iso-8859-1`` is read as windows-1252 and ``gb2312`` as GB18030, which
are the supersets servers really send. Labels browsers do not know (``bogus``, but
also Python-only codecs such as ``rot13`` or ``undefined``) are ignored.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from newsscrape.record import Page

# WHATWG labels that Python does not know, or knows as a different encoding.
_ALIASES = {
    "unicode-1-1-utf-8": "utf-8",
    "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "utf8": "utf-8",
    "dos-874": "cp874",
    "windows-874": "cp874",
    "iso885911": "cp874",
    "iso-8859-8-i": "iso8859-8",
    "csiso88598i": "iso8859-8",
    "logical": "iso8859-8",
    "visual": "iso8859-8",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "mac": "mac-roman",
    "x-mac-roman": "mac-roman",
    "csmacintosh": "mac-roman",
    "ansi_x3.4-1968": "cp1252",
    "iso88591": "cp1252",
    "iso_8859-1:1987": "cp1252",
    "x-gbk": "gb18030",
    "chinese": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-ir-58": "gb18030",
    "csgb2312": "gb18030",
    "csiso58gb231280": "gb18030",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-949": "cp949",
    "korean": "cp949",
    "ksc5601": "cp949",
    "ksc_5601": "cp949",
    "cseuckr": "cp949",
    "csksc56011987": "cp949",
    "iso-ir-149": "cp949",
    "ks_c_5601-1989": "cp949",
    "utf-16": "utf-16-le",
    "unicode": "utf-16-le",
    "unicodefeff": "utf-16-le",
    "csunicode": "utf-16-le",
    "ucs-2": "utf-16-le",
    "iso-10646-ucs-2": "utf-16-le",
    "unicodefffe": "utf-16-be",
    **{f"x-cp125{n}": f"cp125{n}" for n in range(9)},
}

# Python codec names that browsers read as a superset encoding.
_SUPERSETS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}

# The encodings of the WHATWG Encoding Standard, as Python codec names.
_WEB_ENCODINGS = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "cp866", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6",
        "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15",
        "iso8859-16", "koi8-r", "koi8-u", "mac-roman", "cp874", "cp1250", "cp1251", "cp1252",
        "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "mac-cyrillic",
        "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
        "utf-16-le", "utf-16-be",
    )
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE
)
_PREFIX_BYTES = 4096
_C1_PASSTHROUGH = "newsscrape-c1"


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes windows-1252 leaves undefined (0x81, 0x8D, ...) as U+0081..., as browsers do."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(b) for b in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(_C1_PASSTHROUGH, _c1_passthrough)


def normalize_label(label: str | None) -> str | None:
    """The Python codec name for a web encoding label, or None when browsers do not know it."""
    if not label:
        return None
    label = label.strip().strip("\"'").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = _SUPERSETS.get(name, name)
    return name if name in _WEB_ENCODINGS else None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if it names a known encoding."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return normalize_label(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    """The encoding a ``<meta charset>`` or ``http-equiv`` tag declares near the top."""
    match = _META_CHARSET.search(body[:_PREFIX_BYTES])
    if not match:
        return None
    label = normalize_label(match.group(1).decode("ascii", "replace"))
    # A document that could be read to find this tag is not UTF-16 in practice.
    return None if label in {"utf-16-le", "utf-16-be"} else label


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is None:
        return None
    label = normalize_label(best.encoding)
    # Without a byte-order mark, markup is never UTF-16; such a guess is noise.
    return None if label is None or label.startswith("utf-16") else label


def _bom(body: bytes) -> str | None:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return name
    return None


def _decode(body: bytes, encoding: str) -> str:
    """Decode strictly, except that windows-1252 passes its five unmapped bytes through."""
    return body.decode(encoding, _C1_PASSTHROUGH if encoding == "cp1252" else "strict")


def decoded(page: Page) -> Page:
    """``page`` with its undecoded ``body`` decoded into ``html`` by ``decode_html``
    (the page itself when it is decoded already)."""
    if page.body is None:
        return page
    html, encoding = decode_html(page.body, page.headers.get("content-type"))
    return replace(page, html=html, encoding=encoding, body=None)


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML body; returns (text, encoding used).

    Order: byte-order mark; UTF-8 when the bytes are valid UTF-8 with multibyte
    sequences in them, whatever is declared (a legacy page is practically never valid
    UTF-8 once it holds non-ASCII text, while templates often keep an old Latin-1
    declaration over UTF-8 text); the HTTP header; ``<meta charset>``; UTF-8 if it
    decodes cleanly; charset-normalizer's guess. A declared encoding that fails to
    decode the bytes is skipped rather than trusted, except that mostly-UTF-8 bytes
    with a few stray invalid ones (an old comment pasted in as Latin-1) stay UTF-8,
    with those bytes replaced: any legacy reading would garble every other character.
    """
    bom = _bom(body)
    if bom:  # the mark names the encoding; a stray invalid byte after it is replaced
        return body.decode(bom, errors="replace"), bom
    declared = [label for label in (charset_from_content_type(content_type),
                                    charset_from_meta(body))
                if label is not None and not _misdeclared_utf16(label, body)]
    utf8 = _as_utf8(body)
    if utf8 is not None and not body.isascii() and \
            not any(label.startswith("utf-16") for label in declared):
        return utf8, "utf-8"
    for encoding in declared:
        try:
            return _decode(body, encoding), encoding
        except UnicodeError:
            continue
    if utf8 is not None:
        return utf8, "utf-8"
    if _mostly_utf8(body):
        return body.decode("utf-8", errors="replace"), "utf-8"
    detected = _western_default(body, _detect(body) or "cp1252")
    return body.decode(detected, errors="replace"), detected


def _misdeclared_utf16(label: str, body: bytes) -> bool:
    """A UTF-16 label on a body without NUL bytes is a misconfiguration."""
    return label.startswith("utf-16-") and b"\0" not in body[:1024]


_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Invalid bytes allowed per valid multibyte sequence for a page to stay UTF-8.
_STRAY_SHARE = 0.1


def _as_utf8(body: bytes) -> str | None:
    """The bytes read as UTF-8, or None when they are not valid UTF-8."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(body: bytes) -> bool:
    """Invalid UTF-8 only in a few stray bytes among many valid multibyte sequences.

    Legacy single-byte text is almost never valid UTF-8 byte pair by byte pair ("é" is one
    byte followed by ASCII), so it has next to no valid sequences and many invalid bytes.
    """
    valid = len(_UTF8_MULTIBYTE.findall(body))
    if not valid:
        return False
    stray = body.decode("utf-8", errors="replace").count("\ufffd")
    return stray <= _STRAY_SHARE * valid


# Single-byte Latin code pages a detector confuses with windows-1252 on short or accented
# Western text ("naïve" read as cp1250 "naďve"), and the languages each is really for.
_LATIN_SIBLINGS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("cp1250", "iso8859-2"), frozenset(
        {"cs", "sk", "pl", "hu", "sl", "hr", "bs", "sr", "ro", "sq"})),
    **dict.fromkeys(("cp1257", "iso8859-4", "iso8859-13"), frozenset({"lt", "lv", "et"})),
    **dict.fromkeys(("cp1254", "iso8859-9"), frozenset({"tr", "az"})),
    **dict.fromkeys(("iso8859-3",), frozenset({"mt", "eo"})),
    **dict.fromkeys(("iso8859-15", "mac-roman"), frozenset()),
}
_LANG_ATTR = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([a-zA-Z]{2,3})", re.IGNORECASE)


def _western_default(body: bytes, detected: str) -> str:
    """windows-1252 instead of a sibling Latin code page, unless the page is in a
    language that code page is for (by ``<html lang>``, else by reading the text as
    decoded): a detector's pick among close code pages is a coin toss on accented
    Western text, and browsers in Western locales fall back to windows-1252 too."""
    languages = _LATIN_SIBLINGS.get(detected)
    if languages is None:
        return detected
    match = _LANG_ATTR.search(body[:4096])
    if match:
        lang: str | None = match.group(1).decode("ascii").lower()
    else:
        from newsscrape.document.language import detect_language

        text = _TAGS.sub(" ", body[:20_000].decode(detected, errors="replace"))
        lang = detect_language(text)
    return detected if lang in languages else "cp1252"


_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.DOTALL | re.IGNORECASE)
