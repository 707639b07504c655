"""Reading person names out of bylines and author fields, in the scripts news pages use.

This is the reader under ``normalize.bylines`` (which documents the normal form) and
the extractors' question "does this short line name someone?": it finds the names,
validates them against the word tables of ``bylinewords`` and writes them in normal
form. When in doubt a candidate is dropped: fewer names rather than wrong ones.
"""

from __future__ import annotations

import re
import unicodedata

from newsscrape.lexicon.bylinewords import (
    BYLINE_CUT,
    BYLINE_DATE,
    BYLINE_START,
    CASELESS_EDGE_WORDS,
    CASELESS_NON_NAMES,
    CJK_COMPOUND_SURNAMES,
    CJK_CONJUNCTIONS,
    CJK_MARKER,
    CJK_NON_NAME_END_RE,
    CJK_NON_NAMES,
    CJK_SUFFIX,
    CJK_SURNAMES,
    CONJUNCTIONS,
    DESK_WORDS,
    DETERMINER_WORDS,
    FILLERS,
    HONORIFIC_WORDS,
    JA_BU_SURNAMES,
    JA_BUREAU_RE,
    KO_NON_NAME_END_RE,
    KO_NON_NAMES,
    KO_ROLE_WORDS,
    MARKER_RES,
    NAME_LIKE_MARKER_LANGS,
    NON_NAME_WORDS,
    PARTICLE_WORDS,
    PLACE_NAMES,
    REPORTER_MARKER,
    ROLE_PHRASE,
    ROLE_WORDS,
    ROMAN_NUMERALS,
    SINGLE_NOT_NAMES,
    UNGLUE,
    WEEKDAYS,
)
from newsscrape.lexicon.shapes import EMAIL, HAN, HANGUL, KANA
from newsscrape.lexicon.terms import alternation, first_spellings

__all__ = ["MAX_BYLINE_CHARS", "author_name", "byline_names", "is_marker", "lead_names",
           "sign_off", "without_marker"]

_EDGE_WORDS = ROLE_WORDS | HONORIFIC_WORDS | WEEKDAYS
_IGNORABLE_WORDS = (ROLE_WORDS | NON_NAME_WORDS | FILLERS | DETERMINER_WORDS | HONORIFIC_WORDS
                    | WEEKDAYS)
_REJECT_WORDS = NON_NAME_WORDS | DETERMINER_WORDS
_SINGLE_REJECT = _IGNORABLE_WORDS | _REJECT_WORDS | PARTICLE_WORDS | SINGLE_NOT_NAMES

# --- patterns -------------------------------------------------------------------------

_HAN_RE = re.compile(f"[{HAN}]")
_CJK_RE = re.compile(f"[{HAN}{KANA}]")
_KANA_RE = re.compile(f"[{KANA}]")
_HIRAGANA_RE = re.compile("[\u3040-\u309f]")
_NAME_DOT_RE = re.compile("[·・]")
_HAN_RUN_RE = re.compile(f"[{HAN}{KANA}]{{9,}}")
_HANGUL_RE = re.compile(f"[{HANGUL}]")
_HANGUL_NAME_RE = re.compile(f"[{HANGUL}]{{2,4}}")
_KO_SPLIT_RE = re.compile(r"[\s·,]+")
# Korean wire dateline: "(서울=연합뉴스) 김민지 기자 = 정부는 ..."
_KO_LEAD_RE = re.compile(
    r"^(?:[(\[][^()\[\]\n]{1,30}[)\]])?\s*(?P<body>[^=\n]{2,60}?(?:기자|특파원))\s*(?:=|\n|$)"
)
_CASELESS_RE = re.compile("[\u0620-\u064a\u066e-\u06d3\u0750-\u077f\u05d0-\u05ea]")
_CASELESS_WORD_RE = re.compile(
    "[\u0620-\u065f\u0670-\u06d3\u06d5\u0750-\u077f]+"  # Arabic letters, harakat
    "|[\u05d0-\u05ea\u0591-\u05c7][\u05d0-\u05ea\u0591-\u05c7\u05f3'\"-]*"  # Hebrew
)
_JA_BUREAU_LEAD_RE = re.compile(rf"^(?P<bureau>{JA_BUREAU_RE.pattern})\s+")
_SPACE_RE = re.compile(r"[ \t\r\f\v]+")
_EMAIL_RE = re.compile(EMAIL)
_HANDLE_RE = re.compile(r"(?<![\w.])@\w+")
_URL_RE = re.compile(
    r"(?<!\S)(?:\S*(?:://|www\.)\S*"
    r"|\S+\.(?:com|org|net|edu|gov|io|co|uk|de|fr|cn|ru|info|tv|at|ch|it|es|nl|eu|be|pl"
    r"|se|dk|no|fi|cz|pt|br|mx|ar|cl|au|ca|in|jp|kr|me|biz|blog|news)\b\S*)",
    re.IGNORECASE,
)
_CJK_MARKER_RE = re.compile(CJK_MARKER)
_CJK_SPLIT_RE = re.compile(rf"\s+|{CJK_MARKER}")
_CJK_CONJ_RE = re.compile(alternation(CJK_CONJUNCTIONS))
_PAREN_RE = re.compile(
    rf"\(\s*(?P<marker>{REPORTER_MARKER})\s*:?\s*(?P<body>[^()]{{1,80}})\)", re.IGNORECASE)
_LEAD_PAREN_RE = re.compile(rf"^[^()\n]{{0,40}}?{_PAREN_RE.pattern}", re.IGNORECASE)
_OTHERS_RE = re.compile(r"(?:,\s*)?(?:\band\b|&|\+)\s*\d+\s+(?:others?|more)\b", re.I)
_SUFFIX_COMMA_RE = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)(?=$|[\s,;|])")
# What follows a name and is not one: "Jane Doe for Newsnet", "in Berlin"; in a
# Title-Cased byline "For"/"From"/"Via" too ("Priya Nandra For The Evening Courier"),
# never "In"/"On"/"At", which are parts of romanised names ("Lee In Young").
_GLUE_TAIL_RE = re.compile(r"\s+(?:in|for|at|from|with|on|via|under|For|From|Via)\s.*$")
# A pseudonym or user handle: letters first, then letters, digits, "_", "." or "-" inside
# ("knurrhahn", "ma.brenz", "Frau_Klee", "seaglass1979").
_HANDLE_RE_ = re.compile(r"[^\W\d_](?:[\w.-]*[^\W_])?")
_NAME_TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019.-](?=[^\W\d_]))*\.?")
_LOWER_PREFIX_RE = re.compile(r"(?:al|el|ad|ar|as|at|az|d|l)['\u2019-]")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[,;|•\u2013—/،]|\s-\s)\s*")
_LEAD_END_RE = re.compile(r"[:—\u2013()]|\s-\s")
_LEAD_END_CJK_RE = re.compile(r"[:,、。;()\d]")
# Longer strings are page text, not bylines (and not worth scanning per page).
MAX_BYLINE_CHARS = 600
_EDGE_PUNCT = " \t\n\"'“”\u2018\u2019„«»‹›→「」『』()[]{}<>,;:!?*~|"
_TRIM = " \t\n\"'“”\u2018\u2019„«»‹›→「」『』{}<>,;:!?*~|-\u2013—·•"
_DIGIT_RE = re.compile(r"\d")
_BRACKETS_RE = re.compile(r"[()\[\]]")


def _splitters(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = sorted({f for w in ("and", *words) for f in (w, w.capitalize(), w.upper())})
    alts = "|".join(map(re.escape, forms))
    split = re.compile(rf"\s*(?:[,;|、،/•\u2013—&\n]|\s[-·]\s|\s(?:{alts})\s)\s*")
    return split, re.compile(rf"^(?:{alts}|&)\s+")


_SPLIT_RES = {lang: _splitters(words) for lang, words in CONJUNCTIONS.items()}

# --- helpers --------------------------------------------------------------------------


def _key(token: str) -> str:
    return token.strip(_EDGE_PUNCT + ".").casefold()


def _prepare(text: str) -> str:
    """NFKC, drop e-mails/URLs/handles, collapse spaces, trim punctuation, and part
    byline words the markup glued to a name ("VonIrmela Schwab", "undPeter Meier")."""
    text = UNGLUE.sub(r"\1 ", unicodedata.normalize("NFKC", text))
    text = _URL_RE.sub(" ", _EMAIL_RE.sub(" ", text))
    text = _HANDLE_RE.sub(" ", text)
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip(_TRIM)


def _clean_segment(segment: str) -> str:
    """Cut "Updated ..." tails and remove dates, agencies, "and N others", parentheses."""
    cut = BYLINE_CUT.search(segment)
    if cut:
        segment = segment[: cut.start()]
    segment = ROLE_PHRASE.sub(",", segment)
    segment = _OTHERS_RE.sub("", BYLINE_DATE.sub(" ", segment))
    segment = _SUFFIX_COMMA_RE.sub(r" \1", segment)
    return _BRACKETS_RE.sub(",", segment)


def _is_name_token(token: str) -> bool:
    if token.casefold() in PARTICLE_WORDS and token.islower():
        return True
    if _NAME_TOKEN_RE.fullmatch(token) is None:
        return False
    if token[0].isupper():
        return True
    prefix = _LOWER_PREFIX_RE.match(token)
    return prefix is not None and token[prefix.end() :][:1].isupper()


def _is_edge_word(token: str) -> bool:
    """A role or title, also as the last part of a compound ("FOCUS-Online-Experte")."""
    key = _key(token)
    return key in _EDGE_WORDS or ("-" in key and key.rsplit("-", 1)[1] in _EDGE_WORDS)


def _strip_edges(tokens: list[str]) -> list[str]:
    start, end = 0, len(tokens)
    while start < end and _is_edge_word(tokens[start]):
        start += 1
    while end > start and _is_edge_word(tokens[end - 1]):
        end -= 1
    return tokens[start:end]


def _drop_dateline(tokens: list[str]) -> list[str]:
    """Drop trailing all-caps words after a mixed-case name ("John Smith WASHINGTON")."""
    while (
        len(tokens) > 2
        and tokens[-1].isupper()
        and len(tokens[-1]) >= 3
        and tokens[-1] not in ROMAN_NUMERALS
        and sum(not t.isupper() for t in tokens[:-1]) >= 2
    ):
        tokens = tokens[:-1]
    return tokens


def _finish_name(tokens: list[str]) -> str:
    if " ".join(tokens).isupper() and any(len(t) > 2 for t in tokens):
        tokens = [t if t in ROMAN_NUMERALS else t.title() for t in tokens]
    last = tokens[-1]
    if last.endswith(".") and len(last.rstrip(".")) > 2:
        tokens = [*tokens[:-1], last.rstrip(".")]
    return " ".join(tokens)


def _latin_name(tokens: list[str]) -> str | None:
    """Validate a Latin/Cyrillic name; return it in normal form or None."""
    tokens = _drop_dateline(tokens)
    proper = [t for t in tokens if not (t.islower() and t in PARTICLE_WORDS)]
    if not 2 <= len(proper) <= 5 or len(tokens) > 7:
        return None
    if tokens[0] not in proper or tokens[-1] not in proper:
        return None
    if any(_key(t) in _REJECT_WORDS or not _is_name_token(t) for t in tokens):
        return None
    name = _finish_name(tokens)
    return None if name.casefold() in PLACE_NAMES else name


def _single_name(token: str) -> str | None:
    """A one-word name (a first name, a pseudonym, a user handle), or None.

    Only where the source vouches for it (structured metadata, an author link, a
    byline's name element): in free text one capitalised word is as often a place,
    a section or the first word of a sentence.
    """
    if not 2 <= len(token) <= 30 or _HANDLE_RE_.fullmatch(token) is None:
        return None
    if sum(c.isalpha() for c in token) < 2 or _key(token) in _SINGLE_REJECT:
        return None
    # lower-case two or three letters are an editor's initials ("det/dpa", "red")
    return None if token.islower() and len(token) < 4 else token


_COMPOUND_RE = re.compile(r"[-_.]")


def _is_desk(tokens: list[str]) -> bool:
    """A newsroom desk, not a person: a desk word ends the name ("Sentinel Staff",
    "Zoobund-Team") or opens it other than in a role ("Redaktion Verkehrsmelder Bayern",
    not "Staff Writer Jane Doe")."""
    if not tokens:
        return False
    last = _key(tokens[-1])
    if last in DESK_WORDS or _COMPOUND_RE.split(last)[-1] in DESK_WORDS:
        return True
    return len(tokens) > 2 and _key(tokens[0]) in DESK_WORDS \
        and _key(tokens[1]) not in _EDGE_WORDS


def _latin_piece(piece: str, single: bool = False) -> list[str] | None:
    words = _GLUE_TAIL_RE.sub("", piece).split()
    label = max((i + 1 for i, w in enumerate(words[:-1]) if w.endswith(":")), default=0)
    words = words[label:]  # drop a label such as "Texto:"
    tokens = [t for t in (w.strip(_EDGE_PUNCT) for w in words) if t]
    if _is_desk(tokens):
        return []
    if single and len(_strip_edges(tokens)) == 1 and not _is_edge_word(tokens[-1]):
        # one word, perhaps after a role ("Autor Tine"); one before a desk word is the
        # desk's name ("Sentinel Staff")
        name = _single_name(tokens[-1])
        if name is not None:
            return [name]
    digit = next((i for i, t in enumerate(tokens) if any(c.isdigit() for c in t)), None)
    tokens = _strip_edges(tokens[:digit])
    if all(_key(t) in _IGNORABLE_WORDS for t in tokens):
        return []
    name = _latin_name(tokens)
    return None if name is None else [name]


def _is_cjk_non_name(token: str) -> bool:
    if token in CJK_NON_NAMES:
        return True
    if token in JA_BU_SURNAMES:  # "阿部" ends like a desk but is a surname
        return False
    return CJK_NON_NAME_END_RE.search(token) is not None


def _loose_cjk_name(token: str, trusted: bool) -> str | None:
    """2-6 kanji/kana; in free text (after a Japanese desk) 3-6, not opening in hiragana."""
    if not all(_CJK_RE.match(c) for c in token):
        return None
    if not trusted and (len(token) < 3 or _HIRAGANA_RE.match(token)):
        return None  # "文化部 召开 会议", "社会部 によると"
    return token if 2 <= len(token) <= 6 else None


def _cjk_name(token: str, lang: str = "", trusted: bool = False) -> str | None:
    token = CJK_SUFFIX.sub("", token.strip(_EDGE_PUNCT)).replace("•", "·")
    if not _KANA_RE.search(token):  # katakana names keep "・" ("ドナルド・トランプ")
        token = token.replace("・", "·")
    if _is_cjk_non_name(token) or not _CJK_RE.match(token):
        return None
    parts = _NAME_DOT_RE.split(token)
    if len(parts) > 1:
        ok = all(1 <= len(p) <= 8 and all(_CJK_RE.match(c) for c in p) for p in parts)
        return token if ok else None
    if trusted or lang == "ja":
        return _loose_cjk_name(token, trusted)
    if not 2 <= len(token) <= 4 or not all(_HAN_RE.match(c) for c in token):
        return None
    if token[:2] in CJK_COMPOUND_SURNAMES and len(token) >= 3:
        return token
    return token if token[0] in CJK_SURNAMES and len(token) <= 3 else None


def _strip_place_tail(token: str) -> str:
    """Cut a place glued after a name: "陳小明台北" -> "陳小明" (before "22日電")."""
    for size in (3, 2):
        if len(token) - size >= 2 and token[-size:] in CJK_NON_NAMES:
            return token[:-size]
    return token


def _is_full_chinese_name(token: str) -> bool:
    return _cjk_name(token) is not None


def _joinable(first: str, second: str) -> bool:
    pair = first + second
    if not first or not second or len(pair) > 6 or not all(_CJK_RE.match(c) for c in pair):
        return False
    if _is_cjk_non_name(first) or _is_cjk_non_name(second):
        return False
    return not (_is_full_chinese_name(first) and _is_full_chinese_name(second))


def _join_split_names(tokens: list[str]) -> list[str]:
    """Japanese "山田 花子" -> "山田花子", unless both halves are Chinese full names."""
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        pair = tokens[index : index + 2]
        if len(pair) == 2 and _joinable(*pair):
            joined.append("".join(pair))
            index += 2
        else:
            joined.append(tokens[index])
            index += 1
    return joined


def _cjk_piece(piece: str, lang: str, trusted: bool) -> list[str] | None:
    tokens: list[str] = []
    for token in _CJK_SPLIT_RE.split(piece):
        token = _DIGIT_RE.split(token, maxsplit=1)[0] if token else ""
        token = _strip_place_tail(CJK_SUFFIX.sub("", token))
        tokens.extend(_CJK_CONJ_RE.split(token) if len(token) > 4 else [token])
    if trusted:  # in free text "文化部 召开 会议" would join into a "name"
        tokens = _join_split_names(tokens)
    names = [name for t in tokens if (name := _cjk_name(t, lang, trusted))]
    if not names and any(_HAN_RUN_RE.search(t) for t in tokens):
        return None
    return names


def _is_ko_non_name(token: str) -> bool:
    return token in KO_NON_NAMES or KO_NON_NAME_END_RE.search(token) is not None


def _hangul_name(token: str) -> str | None:
    if _is_ko_non_name(token):
        return None
    return token if _HANGUL_NAME_RE.fullmatch(token) else None


def _hangul_piece(piece: str, trusted: bool) -> list[str] | None:
    """Korean names: "김민지 기자"; without a role word only from metadata."""
    words = _KO_SPLIT_RE.split(piece)
    tokens = [t for t in (w.strip(_EDGE_PUNCT + ".=") for w in words) if t]
    names = [t for t in tokens if t not in KO_ROLE_WORDS]
    if len(names) < len(tokens):  # "연합뉴스 김민지 기자": outlets/desks beside a role
        names = [t for t in names if not _is_ko_non_name(t)]
    elif not trusted:
        return None
    if not names:
        return []
    checked = [_hangul_name(t) for t in names]
    return [n for n in checked if n] if all(checked) else None


def _caseless_piece(piece: str, lang: str, trusted: bool) -> list[str] | None:
    """Arabic/Hebrew names: 2-4 words after a marker ("بقلم:"), or from metadata."""
    words = [t for t in (w.strip(_EDGE_PUNCT + ".") for w in piece.split()) if t]
    digit = next((i for i, w in enumerate(words) if any(c.isdigit() for c in w)), None)
    words = words[:digit]
    while words and words[0] in CASELESS_EDGE_WORDS:
        words = words[1:]
    while words and words[-1] in CASELESS_EDGE_WORDS:
        words = words[:-1]
    if not words:
        return []
    if not (trusted or lang in ("ar", "he")) or not 2 <= len(words) <= 4:
        return None
    if any(w in CASELESS_NON_NAMES or not _CASELESS_WORD_RE.fullmatch(w) for w in words):
        return None
    return [" ".join(words)]


def _piece_names(piece: str, lang: str = "", trusted: bool = False,
                 single: bool = False) -> list[str] | None:
    """Names in one piece: [] if it is only roles/noise, None if it is not a name;
    ``single``: a one-word name will do (see ``_single_name``)."""
    if _HANGUL_RE.search(piece):
        return _hangul_piece(piece, trusted)
    if _CASELESS_RE.search(piece):
        return _caseless_piece(piece, lang, trusted)
    if _CJK_RE.search(piece):
        return _cjk_piece(piece, lang, trusted)
    return _latin_piece(piece, single)


def _is_sentence_like(piece: str) -> bool:
    words = piece.split()
    if len(words) > 8 or _HAN_RUN_RE.search(piece):
        return True
    return any(
        w[:1].islower() and w.isalpha() and w not in PARTICLE_WORDS
        and _key(w) not in _IGNORABLE_WORDS for w in words
    )


def _segment_names(segment: str, lang: str, strict: bool, single: bool = False) -> list[str]:
    """Names in a byline segment; in strict mode a sentence-like piece voids it all."""
    split_re, lead_conj_re = _SPLIT_RES.get(lang, _SPLIT_RES[""])
    names: list[str] = []
    for raw in split_re.split(_clean_segment(segment)):
        piece = lead_conj_re.sub("", raw.strip(_EDGE_PUNCT))
        found = _piece_names(piece, lang, single=single) if piece else []
        if found is None:
            if strict and _is_sentence_like(piece):
                return []
            continue
        names.extend(found)
    return names


def _start_marker(text: str) -> tuple[str, str] | None:
    """(text after a byline marker, language) when text starts with a marker."""
    for marker_re, lang in MARKER_RES:
        match = marker_re.match(text)
        if match and match.end() < len(text):
            return text[match.end() :], lang
    match = _JA_BUREAU_LEAD_RE.match(text)
    if match and match.group("bureau") not in JA_BU_SURNAMES:
        return text[match.end() :], "ja"
    match = _CJK_MARKER_RE.search(text[:16])
    if match:
        return text[match.end() :], "zh"
    return None


def _paren_segments(text: str) -> list[tuple[str, str]]:
    segments = []
    for match in _PAREN_RE.finditer(text):
        lang = "zh" if _HAN_RE.search(match.group("marker")) else "en"
        segments.append((match.group("body"), lang))
    return segments


# --- public API -----------------------------------------------------------------------


def is_marker(text: str) -> bool:
    """Whether ``text`` is a byline marker alone ("von", "By:", "Autorin:")."""
    return without_marker(f"{text} x") == "x"


def without_marker(text: str) -> str:
    """``text`` without a byline marker at its start ("by Aaron Whitcombe" -> "Aaron
    Whitcombe", "VonIrmela Schwab" -> "Irmela Schwab"); unchanged when it has none."""
    text = UNGLUE.sub(r"\1 ", text)
    for marker_re, _ in MARKER_RES:
        match = marker_re.match(text)
        if match and match.end() < len(text):
            return text[match.end() :]
    return text



def byline_names(text: str, *, single: bool = False) -> list[str]:
    """Return the person names in a byline string, deduplicated, in normal form;
    ``single``: the string comes from a byline's markup, where one word may be a
    name ("von kaffeekatze")."""
    text = _prepare(text) if len(text) <= MAX_BYLINE_CHARS else ""
    if not text:
        return []
    segments = _paren_segments(text)
    if segments:
        return first_spellings(
            n for seg, lang in segments for n in _segment_names(seg, lang, False))
    marked = _start_marker(text)
    if marked is None:
        names = _segment_names(text, "", True, single) if len(text) <= 160 else []
        return first_spellings(_without_places(names) if single else names)
    names = _segment_names(*marked, strict=False, single=single)
    if not names and marked[1] in NAME_LIKE_MARKER_LANGS:
        names = _segment_names(text, "", True)  # "Di Wang", "Von der Leyen"
    return first_spellings(_without_places(names) if single else names)


def _without_places(names: list[str]) -> list[str]:
    """Beside a full name, one capitalised word is the dateline's place, not a second
    writer ("Von Petra Kandler, Hamburg"); a lone one is a pseudonym ("von Ulrike"), and
    capitals are initials ("Wirtschaftsdienst /KL")."""
    if not any(" " in n for n in names):
        return names
    return [n for n in names if " " in n or not n[:1].isupper() or n.isupper()]


def author_name(name: str) -> str | None:
    """Return one author name from structured metadata in normal form, or None."""
    text = _prepare(name) if len(name) <= MAX_BYLINE_CHARS else ""
    marked = _start_marker(text) if text else None
    candidates = [text] if marked is None else [marked[0]]
    if marked is not None and marked[1] in NAME_LIKE_MARKER_LANGS:
        candidates.append(text)
    for single in (False, True):  # "Di Wang" is a name before "Wang" is one
        for candidate in candidates:
            for part in _AUTHOR_SPLIT_RE.split(_clean_segment(candidate)):
                found = _piece_names(part.strip(_EDGE_PUNCT), trusted=True, single=single)
                if found:
                    return found[0]
    return None


def _lead_segment(head: str) -> tuple[str, str] | None:
    """The byline part of a paragraph that starts with a byline marker."""
    line, newline, _ = head.partition("\n")
    marked = _start_marker(line)
    if marked is None:
        return None
    rest, lang = marked
    end = (_LEAD_END_CJK_RE if lang in ("zh", "ja") else _LEAD_END_RE).search(rest[:80])
    if end:
        return rest[: end.start()], lang
    if len(line) <= 100 and (newline or len(line) == len(head)):
        return rest, lang  # the byline is a line (or the whole paragraph) of its own
    return None


def lead_names(paragraph: str) -> list[str]:
    """Return names from a byline/dateline at the very start of a paragraph."""
    head = unicodedata.normalize("NFKC", paragraph[:240]).lstrip()
    paren = _LEAD_PAREN_RE.match(head)
    if paren:
        lang = "zh" if _HAN_RE.search(paren.group("marker")) else "en"
        return first_spellings(_segment_names(paren.group("body"), lang, strict=True))
    korean = _KO_LEAD_RE.match(head)
    if korean:
        return first_spellings(_segment_names(korean.group("body"), "ko", strict=True))
    segment = _lead_segment(head)
    if segment is None:
        return []
    return first_spellings(_segment_names(_prepare(segment[0]), segment[1], strict=True))


_SIGN_OFF_MAX = 80  # a sign-off is a marker and a name or two, not a sentence
_MARKER_MAX = 20


def sign_off(text: str) -> str | None:
    """The byline that closes an article's text (paragraphs joined by a blank line), if
    its last paragraph is one: a byline marker and a name ("Autorin: Rechtsanwältin
    Jana Oberholz"), or a marker alone on the paragraph before the name ("Von:",
    then "Malte Brückner")."""
    paragraphs = text.rsplit("\n\n", 2)[-2:]
    last = paragraphs[-1].strip()
    if len(paragraphs) > 1 and len(paragraphs[0]) <= _MARKER_MAX and is_marker(paragraphs[0]):
        last = f"{paragraphs[0].strip()} {last}"
    return last if len(last) <= _SIGN_OFF_MAX and BYLINE_START.match(last) else None
