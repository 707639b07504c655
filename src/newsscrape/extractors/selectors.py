"""CSS selectors as data: one named tuple per kind of page furniture.

Adding a site pattern is a one-line change here (with a fixture page beside it in
``tests/fixtures/pages``). Selectors are matched by selectolax (Lexbor), which
supports CSS Selectors Level 4 including ``:is()`` and attribute substrings.
"""

from __future__ import annotations

from typing import NamedTuple

from newsscrape.lexicon.furniture import COMMENT_SECTIONS, COMMENT_STEMS


class ChromeSelectors(NamedTuple):
    """Page furniture removed before the body is extracted, one group per kind."""

    inert: tuple[str, ...]
    """Never rendered as text (the body is extracted without images); removed first so
    that every later selector, and trafilatura's parser, scan less."""
    breadcrumbs: tuple[str, ...]
    headlines: tuple[str, ...]
    comments: tuple[str, ...]
    headers_footers: tuple[str, ...]
    share_bars: tuple[str, ...]
    related: tuple[str, ...]
    newsletter_cookie: tuple[str, ...]
    hidden: tuple[str, ...]
    noise: tuple[str, ...]


CHROME = ChromeSelectors(
    inert=(
        "head > *", "script", "style", "template", "iframe", "svg", "object",
        "embed", "canvas", "img", "picture", "source", "video", "audio", "link", "meta",
    ),
    breadcrumbs=(
        "nav[aria-label*='breadcrumb' i]",
        "[class*='crumb' i]",  # breadcrumb(s), crumbs, crumb-trail
        "[id*='breadcrumb' i]",
        # Spanish templates' "migas (de pan)". (Each selector here costs a page-wide match
        # twice a page, so other languages' names wait for pages that need them.)
        "[class*='migas' i]",
        "[itemtype*='BreadcrumbList']",
        "[typeof='BreadcrumbList']",
    ),
    # The headline is metadata (read before stripping), never part of the body text.
    headlines=("h1",),
    comments=(
        "#comments", "#respond", ".comments-area", ".comment-respond", "#disqus_thread",
        ".fb-comments", "[class*='comment-list']", "ol.commentlist", ".comments",
        "[id^='comments-']", "[class~='comment-form']", "form#commentform",
        "[class*='akismet']", "[class*='comments-section']", "section#comments",
        "[data-component='comments']", ".post-comments", "#comment-section",
        "[class~='comments-block']",
        # the same boxes under other languages' names (lexicon: comment words)
        *(selector for name in COMMENT_SECTIONS
          for selector in (f"[class~='{name}']", f"#{name}")),
    ),
    headers_footers=(
        "body > header", "body > footer", "#masthead", "#colophon", ".site-header",
        ".site-footer", "[role='banner']", "[role='contentinfo']", "footer.footer",
        "#footer", "#header",
    ),
    share_bars=(
        "[class*='share-bar' i]", "[class*='sharedaddy']", "[class*='social-share' i]",
        "[class*='share-buttons' i]", "[class*='sharing' i]", ".addthis_toolbox",
        "[class*='shareaholic']", "[class~='share']", "[class*='social-links' i]",
    ),
    related=(
        "[class*='related' i]", "[id*='related' i]", "[class*='read-more' i]",
        "[class*='recommended' i]", "[class*='more-stories' i]", "[class*='jp-relatedposts']",
        "[class*='yarpp']", "[class*='post-navigation']", "nav.navigation",
        "[class*='outbrain' i]", "[class*='taboola' i]",
    ),
    newsletter_cookie=(
        "[class*='newsletter' i]", "[id*='newsletter' i]", "[class*='cookie' i]",
        "[id*='cookie' i]", "[class*='consent' i]", "[id*='consent' i]", "[class*='gdpr' i]",
        "[class*='subscribe' i]", "[class*='signup' i]", "[class*='paywall' i]",
    ),
    hidden=(
        # (<noscript> is guarded: an unclosed tag inside one can carry the whole page)
        "noscript", "[hidden]", "[aria-hidden='true']", "[style*='display:none' i]",
        "[style*='display: none' i]", "[style*='visibility:hidden' i]",
        "[style*='visibility: hidden' i]",
    ),
    noise=(
        "form", "button",
        "select", "input", "textarea", "aside", "nav", "[role='navigation']",
        "[role='complementary']", "[class*='sidebar' i]", "[id*='sidebar' i]",
        "[class*='widget' i]", "[class*='advert' i]", "[class~='ad']", "[class*='ad-slot']",
        "[class*='tags-links']", "[class~='tags']", "[class*='post-tags']", "[rel='tag']",
        "[class*='author-box' i]", "[class*='author-bio' i]", "[class*='byline' i]",
        "[class*='entry-meta']", "[class*='post-meta']", "[class*='article-meta']",
        "[class*='entry-footer']", "[class*='cat-links']", "[class*='screen-reader-text']",
    ),
)


class MetadataSelectors(NamedTuple):
    """Where visible metadata lives on the page (read before the chrome is removed)."""

    headline: tuple[str, ...]
    byline: tuple[str, ...]
    """Containers of a visible byline ("By <a>A</a> and <a>B</a> | Staff Writer")."""
    author_links: tuple[str, ...]
    """Single author links: used together, and only when no byline container names anyone."""
    credit_labels: tuple[str, ...]
    """Labels of a credit whose value is the next element ("<dt>Auteur</dt><dd>…</dd>")."""
    article_root: tuple[str, ...]
    tag_links: tuple[str, ...]
    """Tag links (``rel=tag``) and tag lists, whose links are the article's tags (tag
    clouds in sidebars are not)."""
    tag_archives: tuple[str, ...]
    """Paths of tag archive pages: a list of links to them is a tag list."""
    category_archives: tuple[str, ...]
    """Paths of category archive pages: a link to one names a section, not a tag."""


METADATA = MetadataSelectors(
    headline=(
        "article h1", "main h1", "h1[class*='title' i]", "h1[itemprop='headline']", "h1",
    ),
    byline=(
        "[itemprop='author'] [itemprop='name']", "[itemprop='author']",
        "[class*='byline' i]", "[class*='author' i]", "[id*='author' i]", "byline",
        "[class*='autor' i]",  # autor, autore, autores, autorin
        "[class*='reporter' i]", "[class*='writer' i]",
    ),
    author_links=("a[rel~='author']", "a[href*='/author/']", "a[href*='/authors/']",
                  "a[href*='/autor/']", "a[href*='/autoren/']", "a[href*='/auteur/']",
                  "a[href*='/autore/']"),
    credit_labels=("dt", "[class*='credit' i] > [class*='label' i]"),
    article_root=(
        "[itemprop='articleBody']", "article .entry-content", ".entry-content",
        "article .post-content", ".post-content", ".article-body", "[class*='article-body']",
        "[class*='article__body']", "[class*='story-body']", "[class*='article-content']",
        "[class*='article__content']", "article", "main", "[role='main']",
    ),
    tag_links=(
        "a[rel~='tag']:not([rel~='category'])", "[class~='tags']", "[class*='post-tags']",
        "[class*='article-tags']", "[class*='entry-tags']", "[class~='tags-links']",
        "[class*='tag-list']", "[class*='taglist']", "[class*='story-tags']",
        "[class~='tag-links']",
    ),
    tag_archives=("/tag/", "/tags/", "/tagged/", "/schlagwort/", "/schlagworte/",
                  "/stichwort/", "/etiqueta/", "/etiquetas/", "/mot-cle/", "/tema/"),
    category_archives=("/category/", "/categories/", "/kategorie/", "/kategorien/",
                       "/categorie/", "/categoria/", "/categoría/", "/rubrik/", "/rubrique/"),
)


class TagPlaces(NamedTuple):
    """Where links are never the article's tags: clouds, sidebars, menus."""

    tags: frozenset[str]
    roles: frozenset[str]
    names: tuple[str, ...]
    """Parts of class names, between non-letters (a regex each)."""


TAG_PLACES = TagPlaces(
    tags=frozenset({"aside", "nav", "header"}),
    roles=frozenset({"navigation", "complementary", "menu", "menubar", "banner"}),
    names=("tag-?cloud", "wp-tag-cloud", "widget", "sidebar", "menu", "navbar", "nav",
           "navigation", "megamenu", "share", "sharing", "social"),
)

# Bars above the site header that show today's date (not the article's).
TOP_BARS = ("[class*='top-bar' i]", "[class*='topbar' i]")

# Class names of the site's motto set as a heading in its banner (``<h2
# class="site-description">``): no headline, whole names or hyphenated parts of one.
TAGLINE_NAMES = ("site-description", "blog-description", "tagline", "slogan", "motto")

# Class or id names of containers holding other stories' or other people's bylines:
# related-story lists and comment threads (the name-level twin of CHROME.related and
# CHROME.comments, for testing a few elements' ancestors rather than the whole page).
OTHER_STORY_NAMES = (
    r"related|recommend|more-stories|read-more|also-read|outbrain|taboola|yarpp|disqus|"
    + "|".join(COMMENT_STEMS)
)
# Names of overlays: dialogs, pop-ups, cookie and consent boxes. However much text one
# holds, it is never the article (a cookie policy's tabs outweigh a short story).
OVERLAY_NAMES = r"modal|dialog|popup|overlay|cookie|consent|gdpr"
# Names of elements that are never the article, whatever selector matched them: the
# above, and a login or registration form marked up as an <article>.
NOT_ARTICLE_NAMES = OTHER_STORY_NAMES + "|" + OVERLAY_NAMES + r"|login|registration"


class BlockNames(NamedTuple):
    """Class and id names of elements inside a kept article root that hold no body text.

    The body fast path (``blocks.py``) skips such elements while it reads the root; the
    strippers have removed most chrome already, these are what is left inside bodies:
    captions and credits, galleries, share and rating widgets, meta lines, hidden blocks.
    """

    parts: tuple[str, ...]
    """Matched as a whole part of a name, between non-alphanumerics (``post-meta``)."""
    exact: tuple[str, ...]
    """Matched only as a whole class name (``hidden``, not ``hidden-xs``)."""


BLOCK_NAMES = BlockNames(
    parts=(
        "caption", "captions", "credit", "credits", "gallery", "slideshow", "slider", "carousel",
        "share", "sharing", "newsletter", "subscribe", "promo", "related", "byline",
        "author", "breadcrumb", "breadcrumbs", "footer", "comments", "sidebar", "widget",
        "toolbar", "modal", "overlay", "popup", "tooltip", "nav", "navbar", "navigation",
        "menu", "ad", "ads", "advert", "advertisement", "sponsored", "meta", "tags", "icon",
        "btn", "button", "rating", "timestamp", "sr-only", "screen-reader-text",
        "visually-hidden", "visuallyhidden", "print-only",
    ),
    exact=("hidden", "hide", "invisible", "d-none"),
)

LEAD_NAMES = (
    "lead", "lede", "leader", "intro", "introduction", "vorspann", "chapo",
    "chapeau", "bajada", "entradilla", "sommario",
)
"""Parts of class and id names of the paragraph that opens an article, set apart by its
markup (English, German "Vorspann", French "chapô", Spanish "bajada"/"entradilla",
Italian "sommario"). Not a "dek", "standfirst", "subtitle" or "strapline": those are
display lines that belong to the headline, not the article's first paragraph. Not an
"excerpt" either: a blog engine's excerpt (WordPress, Ghost) is the post's summary,
written apart from it or cut from it and shown as its meta description, a dek again."""
LEAD_MEDIA_NAMES = (
    "media", "image", "img", "photo", "picture", "video", "figure", "gallery", "visual",
)
"""Name parts that make a "lead" the lead picture or video, not the lead paragraph."""


class HeadlineNames(NamedTuple):
    """Class names around ``<h1>`` elements that are not the article's headline words."""

    hidden: tuple[str, ...]
    """Whole class names of hidden headings (for screen readers only)."""
    kicker: tuple[str, ...]
    """Parts of the class name of a kicker set inside the ``<h1>`` before the headline."""
    subtitle: tuple[str, ...]
    """Parts of the class name of a subtitle set inside the ``<h1>`` after the headline."""
    named: tuple[str, ...]
    """Parts of the class name of an element set as the headline on a page with no
    ``<h1>`` (``<div class="article-headline">``, ``<span class="post-title">``)."""
    trail: tuple[str, ...]
    """Parts of the class, id, label or item type of a breadcrumb trail (a second list
    of ``CHROME.breadcrumbs``' names, tested on each ancestor of an ``<h1>``: a name
    added there belongs here too): an ``<h1>`` set as the trail's last item names the
    page, and the story's own headline may sit below it."""
    chrome: tuple[str, ...]
    """Tags a headline so named never sits in: links, menus, side boxes, page header
    and footer, list items (teasers)."""
    masthead: tuple[str, ...]
    """Class or id names of an ``<h1>`` that shows the site's name or logo (WordPress's
    ``site-title``, a theme's ``logo``), not the headline: whole names or their first or
    last dash/underscore-separated part (``logo-main``, ``header__logo``), camelCase
    humps split first (``headerLogo``, ``siteTitle``)."""
    marked: tuple[str, ...]
    """Elements inside a heading that may be no part of its words (hidden, a date line
    set as ``<time>``, a kicker holding one)."""


HEADLINE_NAMES = HeadlineNames(
    hidden=("hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
            "element-invisible", "element-hidden", "d-none", "invisible", "hide", "offscreen",
            "aural"),
    kicker=("kicker", "overline", "subtitle", "dachzeile", "topline", "eyebrow", "roofline",
            "pretitle", "supertitle", "rubri[ck]", "label", "flag", "badge"),
    subtitle=("subtitle", "subheadline", "deck", "standfirst"),
    named=("headline", "entry-title", "post-title", "article-title"),
    trail=("crumb", "migas"),
    chrome=("a", "nav", "aside", "footer", "header", "li"),
    marked=("[class]", "[style]", "[aria-hidden]", "time"),
    masthead=("logo", "logotype", "site-title", "site-name", "sitename", "blog-title",
              "site-branding"),
)
