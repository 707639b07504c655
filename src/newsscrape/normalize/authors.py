"""Choose a page's authors among what the extractors found.

Sources, best first: structured names (JSON-LD, meta, microdata); then the first visible
byline that names someone; then the page's author links, all of them; then a JSON-LD
author typed as an organization (it never blocks a byline). Names are read in
normal form by ``normalize.bylines``. On top of that order:

* a site's own name (or its host name) is no author, unless the page's byline or an
  author link shows it as one (a one-person blog named after its writer, a press office);
* a handle or initials standing for a name shown in full ("jonas.behrend",
  "TK" beside "Till Kampmann") give way to the full name;
* structured names get the co-authors a visible byline adds to them;
* a structured name the page never shows (in its text, bylines or author links) is
  the account that uploaded the story: a byline element that names someone wins;
* a structured name given with another site's address ("Studio X - https://studio-x.example")
  is the template's or the web agency's credit, not the writer's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsscrape.lexicon.bylinewords import NAME_JOINERS
from newsscrape.lexicon.names import without_marker
from newsscrape.lexicon.terms import alternation
from newsscrape.normalize.bylines import clean_author, parse_byline
from newsscrape.normalize.titles import comparison_key
from newsscrape.record import Candidates, Found

# What may join two names in a byline, in any language of the lexicon: only a cheap
# gate before parsing (a false hit costs a parse). Not for deciding that a structured
# author value holds several names: "Joan i Pons" is one Catalan name
# (``_structured_names`` keeps to English joiners and punctuation).
_JOINER = re.compile(rf"[,&;、，/]|\b(?:{alternation(NAME_JOINERS)})\b|\s[|·]\s", re.IGNORECASE)
_SEVERAL = re.compile(r",|\b(?i:and)\b|&|;|、|，")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_BIO_DASH = re.compile(r"\s[-–—]\s")
# A web address in an author value ("https://host", "www.host"; a mail address is as often
# a writer's own at a mail provider), and the labels of a host name that tell no site.
_ADDRESS = re.compile(r"(?:https?://|www\.)((?:[\w-]+\.)+[^\W\d_]{2,})", re.IGNORECASE)
_GENERIC_LABELS = frozenset({"www", "co", "com", "org", "net"})


@dataclass(frozen=True, slots=True)
class Authors:
    """The names chosen, and the found value they came from (for provenance)."""

    names: tuple[str, ...] = ()
    source: Found | None = None


def choose_authors(article: Candidates, site_names: Iterable[str],
                   host: str | None = None) -> Authors:
    """The page's authors (see the module docstring for the order of sources);
    ``host``: the page's host name, a site name too ("lupe-magazin.example")."""
    sites = {_squashed(s) for s in (*site_names, *_host_names(host))} - {""}
    if host:
        kept = tuple(f for f in article.authors if not _signed_by_another_site(f.value, host))
        if len(kept) < len(article.authors):
            article = replace(article, authors=kept)
    chosen = _from_sources(article, sites)
    if chosen.names or not sites:
        return chosen
    shown = sites & {_squashed(n) for n in _bylined(article)}
    return _from_sources(article, sites - shown) if shown else chosen


def _host_names(host: str | None) -> tuple[str, ...]:
    """"www.annasblog.at" -> ("annasblog.at", "annasblog"): how a site's own name may read."""
    if not host:
        return ()
    name = host.casefold().removeprefix("www.")
    return (name, name.rsplit(".", 1)[0])


def _signed_by_another_site(value: str, host: str) -> bool:
    """An author value naming another site's address than the page's: a theme's maker or
    a web agency signing the template ("Studio X - www.studio-x.example"); the page's own
    address ("Lupe Magazin (www.lupe-magazin.example)" on that host) names its owner."""
    own = _site_labels(host)
    return any(not own & _site_labels(address) for address in _ADDRESS.findall(value))


def _site_labels(host: str) -> set[str]:
    """The labels that name a site: "www.news.example.co.uk" -> {"news", "example"}."""
    return set(host.casefold().split(".")[:-1]) - _GENERIC_LABELS


def _from_sources(article: Candidates, sites: set[str]) -> Authors:
    structured = _structured(article.authors, sites)
    if structured.names and not all(_is_initials(n) for n in structured.names):
        if not _shown(structured.names, article):
            visible = _visible(article, sites)  # the uploader's account in the metadata,
            if visible.source is not None and visible.source.source == "html":
                return visible  # the writer in the byline's markup
        names = _completed(list(structured.names), article.bylines, sites)
        return Authors(_without_short_forms(names, article.bylines), structured.source)
    visible = _visible(article, sites)
    if visible.names:
        return visible
    return structured if structured.names else _structured(article.organization_authors, sites)


def _structured(found: Iterable[Found], sites: set[str]) -> Authors:
    names: list[str] = []
    source = None
    for item in found:
        names += [n for n in _structured_names(item.value)
                  if _squashed(n) not in sites and n not in names]
        source = source or (item if names else None)
    return Authors(tuple(names), source)


def _visible(article: Candidates, sites: set[str]) -> Authors:
    """The first visible byline that names someone (later ones are often comments,
    related stories or a byline's own container repeated with a city added); else the
    lone author links, all of them (a byline split into one link per name)."""
    lone: Authors | None = None
    for item in _innermost(article.bylines):
        names = [n for n in _byline_names(item) if _squashed(n) not in sites]
        if names and (all(_is_initials(n) for n in names) or (
                item.source == "text" and _lone_name_line(item.value))):
            # initials ("JF") or a CMS account ("Gespeichert von human"): a later byline
            # may name the writer in full
            lone = lone or Authors(tuple(names), item)
            continue
        if names:
            return Authors(tuple(dict.fromkeys(names)), item)
    if lone is not None:
        return lone
    names = [n for item in article.author_links for n in _structured_names(item.value)
             if _squashed(n) not in sites]
    names = list(_without_short_forms(list(dict.fromkeys(names)), ()))
    return Authors(tuple(names), article.author_links[0] if names else None)


def _byline_names(item: Found) -> list[str]:
    """A byline's names; one word is a name in a byline's markup, or alone after a
    marker on a line of its own ("von Ulrike", "Gespeichert von rasos")."""
    single = item.source == "html" or _lone_name_line(item.value)
    return parse_byline(item.value, single=single)


def _lone_name_line(text: str) -> bool:
    """A marker and one word, not an acronym ("von Ulrike", not "von PSPP")."""
    rest = without_marker(text)
    if rest == text or len(rest.split()) != 1 or (rest.isupper() and len(rest) > 3):
        return False
    return rest[:1].isupper() or len(text) - len(rest) > len("von ")


def _bylined(article: Candidates) -> list[str]:
    """Names the page's bylines and author links show."""
    names = [n for item in article.author_links for n in _structured_names(item.value)]
    return names + [n for item in article.bylines for n in _byline_names(item)]


def _completed(names: list[str], bylines: Iterable[Found], sites: set[str]) -> list[str]:
    """Structured names, with the co-authors a visible byline adds to them.

    A ``meta author`` often holds only the first of several names the byline shows
    ("Por Mariana López y Jorge Ruiz"). A byline is trusted for this only when it names
    every structured author too, and only the first that does.
    """
    wanted = {comparison_key(n) for n in names}
    firsts = [n.split()[0].casefold() for n in names if n.split()]
    for item in bylines:
        if not _JOINER.search(item.value) or \
                not all(first in item.value.casefold() for first in firsts):
            continue  # cheap tests before parsing: several names, all of ours among them
        shown = [n for n in parse_byline(item.value) if _squashed(n) not in sites]
        keys = [comparison_key(n) for n in shown]
        if wanted <= set(keys):  # the first byline naming them all decides: a later
            # one naming more is a related story's by the same writers and others
            return names + [n for n, k in zip(shown, keys, strict=True) if k not in wanted]
    return names


def _without_short_forms(names: Sequence[str], bylines: Iterable[Found]) -> tuple[str, ...]:
    """Names without handles and initials that stand for another name of the list, and
    a lone handle replaced by the full name a byline shows ("lottewiesenthal")."""
    full = [n for n in names if " " in n]
    kept = [n for n in names if " " in n or not any(_abbreviates(n, f) for f in full)]
    if len(kept) == 1 and " " not in kept[0]:
        for item in bylines:
            head = _BIO_DASH.split(item.value, maxsplit=1)[0]  # "Name - bio" of an author box
            texts = (item.value,) if head == item.value else (item.value, head)
            shown = [n for n in map(_unrepeated, (name for t in texts for name in parse_byline(t)))
                     if _abbreviates(kept[0], n) or _first_name_of(kept[0], n)]
            if shown:
                return (shown[0],)
    return tuple(kept)


def _first_name_of(short: str, name: str) -> bool:
    """``short`` is the first name of ``name`` ("Jonas" of "Jonas Wendling"): a CMS
    account's display name, the byline's full name shown beside it."""
    parts = name.split()
    return len(parts) > 1 and _squashed(short) == _squashed(parts[0])


def _unrepeated(name: str) -> str:
    """A name without its first word doubled ("Matthias Matthias Reuter": an author
    link's text run into the author box's full name)."""
    parts = name.split()
    return " ".join(parts[1:]) if len(parts) > 2 and parts[0] == parts[1] else name


def _abbreviates(short: str, name: str) -> bool:
    """``short`` is a handle or the initials of ``name`` ("jonas.behrend", "TK")."""
    key = _squashed(short)
    parts = name.split()
    return key == _squashed(name) or (
        len(parts) > 1 and key == "".join(_squashed(p)[:1] for p in parts))


def _squashed(text: str) -> str:
    """Letters and digits only, casefolded, without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _is_initials(name: str) -> bool:
    """Two or three capitals ("LN", "TK"): an editor's or outlet's initials, weaker than
    a byline that names someone."""
    return 2 <= len(name) <= 3 and name.isalpha() and name.isupper()


def _innermost(bylines: tuple[Found, ...]) -> list[Found]:
    """Bylines without those that merely extend another ("By A and B Madrid" after "By A
    and B"); a bare label ("Auteur:") is no byline to extend."""
    texts = [b.value for b in bylines if len(_WORDS.findall(b.value)) > 1]
    return [b for b in bylines
            if not any(t != b.value and b.value.startswith(t) for t in texts)]


def _structured_names(value: str) -> list[str]:
    """One structured author value: a single name, or several joined ("A and B")."""
    if _SEVERAL.search(value):
        return parse_byline(value, single=True)
    name = clean_author(value)
    return [name] if name else []


def _shown(names: Sequence[str], article: Candidates) -> bool:
    """Whether the page shows one of ``names`` (its last word, in any case) in its text,
    a byline or an author link: a name it never shows is a CMS account's."""
    found = (*article.bylines, *article.author_links)
    shown = " ".join((article.text, *(f.value for f in found))).casefold()
    return any(n.split()[-1].casefold() in shown for n in names if n.split())
