"""Chrome strippers and body fix-ups on small snippets: what goes, what stays."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsscrape.extractors.body import trim_promo_tail
from newsscrape.extractors.merge import merge_split_body
from newsscrape.extractors.strip import (
    ROOT_MARK,
    find_article_root,
    find_body_root,
    find_headline_blocks,
    find_link_teasers,
    find_teaser_cards,
    find_teaser_labels,
    grouped,
    prune_to_root,
    strip_chrome,
    text_mass,
)

PROSE = "This sentence is long enough to count as a paragraph of the article body. "


def _page(body: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<html><body>{body}</body></html>")


def _text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return " ".join(body.text(separator=" ").split()) if body is not None else ""


# --------------------------------------------------------------------------- queries

_CHROME_SAMPLE = [
    "<div class='Site-Sidebar'><p>a</p></div>", "<div id='footer'>b</div>",
    "<div class='share'>c</div>", "<div class='shared'>d</div>", "<nav role='navigation'>e</nav>",
    "<p style='display: none'>f</p>", "<span id='cookie-notice' class='x'>g</span>",
    "<form><input></form>", "<div>h</div>", "<p class='lead'>i</p>",
]


@pytest.mark.parametrize("selectors", [
    ("[class*='sidebar' i]", "#footer", ".share", "form", "[role='navigation']"),
    ("[style*='display: none' i]", "[id*='COOKIE' i]", "[class~='share']", "div.x", "p"),
    ("[class*='lead']",),
    ("[class*='SIDE' i]", "[class*='bar' i]", "[id*='foot' i]", "#cookie-notice", ".shared"),
])
@pytest.mark.parametrize("run", [2, 3])
def test_grouped_query_matches_the_same_elements(selectors: tuple[str, ...], run: int) -> None:
    tree = _page("".join(_CHROME_SAMPLE))
    plain = {node.mem_id for node in tree.css(", ".join(selectors))}
    assert plain
    assert {node.mem_id for node in tree.css(grouped(selectors, run))} == plain


@pytest.mark.parametrize(("selectors", "query"), [
    (("form", ".a", "[class*='b' i]", "#c", "[role='d']"),
     "form, [class]:is(.a, [class*='b' i]), #c, [role='d']"),
    (("[class*='sharing' i]", ".Share-Bar", "[class*='widget' i]"),
     "[class]:is([class*='sha' i]:is([class*='sharing' i], .Share-Bar), [class*='widget' i])"),
    (("[style*='display:none' i]", "[style*='display: none' i]"),
     "[style*='dis' i]:is([style*='display:none' i], [style*='display: none' i])"),
])
def test_grouped_query_nests_tests_by_attribute_and_shared_run(
        selectors: tuple[str, ...], query: str) -> None:
    assert grouped(selectors) == query


def test_shorter_runs_group_more_tests() -> None:
    selectors = ("[class*='sharing' i]", ".Share-Bar", "[class*='sidebar' i]")
    assert grouped(selectors) == (
        "[class]:is([class*='sha' i]:is([class*='sharing' i], .Share-Bar), [class*='sidebar' i])")
    assert grouped(selectors, run=2) == (
        "[class*='ar' i]:is([class*='sharing' i], .Share-Bar, [class*='sidebar' i])")
    assert grouped(("[class*='sharing' i]", "[class*='widget' i]"), run=2) == (
        "[class]:is([class*='sharing' i], [class*='widget' i])")


# --------------------------------------------------------------------------- headline


def test_headline_text_goes_but_an_empty_h1_stays() -> None:
    tree = _page(f"<article><h1>The headline</h1><p>{PROSE}</p></article>")
    strip_chrome(tree)
    assert "The headline" not in _text(tree)
    assert tree.css_first("article h1") is not None  # trafilatura's article landmark


def test_article_header_with_standfirst_goes() -> None:
    tree = _page(
        "<article><header><h1>The headline</h1><h2 class='sub-head'>A standfirst.</h2>"
        f"</header><div class='body'><p>{PROSE}</p></div></article>"
    )
    strip_chrome(tree)
    assert "standfirst" not in _text(tree)
    assert PROSE.strip() in _text(tree)


def test_head_classed_wrapper_counts_as_headline_block() -> None:
    tree = _page(
        "<article><div class='article-head'><h1>T</h1><h2>Dek line.</h2></div>"
        f"<p>{PROSE}</p></article>"
    )
    blocks = find_headline_blocks(tree)
    assert [b.attributes.get("class") for b in blocks] == ["article-head"]


def test_long_header_is_not_a_headline_block() -> None:
    tree = _page(f"<div><header><h1>T</h1><p>{PROSE * 10}</p></header></div>")
    assert [b.tag for b in find_headline_blocks(tree)] == ["h1"]


def test_page_header_is_not_a_headline_block() -> None:
    tree = _page("<header><h1>Site name</h1><nav>Menu</nav></header>")
    assert [b.tag for b in find_headline_blocks(tree)] == ["h1"]


# --------------------------------------------------------------------------- teasers


@pytest.mark.parametrize(
    "html",
    [
        "<p><strong>Read more:</strong> <a href='/x'>Port operator weighs second terminal</a></p>",
        "<p><b>[Related: <a href='/y'>Panel: Ferries, Fares And Frustration</a>]</b></p>",
        "<p><strong><a href='/z'>MAYOR HOLLIS WINS THE BAKING CONTEST FINAL</a></strong></p>",
    ],
)
def test_link_teaser_paragraphs_go(html: str) -> None:
    assert len(find_link_teasers(_page(html))) == 1


@pytest.mark.parametrize(
    "html",
    [
        "<p><a href='/p'>Trailmix Pro Recovery Blend</a></p>",  # a short product name
        "<p><a href='http://amzn.to/3kP'>http://amzn.to/3kPq7Zw</a></p>",  # a bare URL
        f"<p>{PROSE}<a href='/a'>a link</a> inside a sentence.</p>",
    ],
)
def test_link_paragraphs_that_are_text_stay(html: str) -> None:
    assert find_link_teasers(_page(html)) == []


@pytest.mark.parametrize("label", ["You may also like...", "DON'T MISS", "More:", "Related"])
def test_teaser_labels_go(label: str) -> None:
    assert len(find_teaser_labels(_page(f"<p>{label}</p>"))) == 1


def test_sentence_starting_with_a_label_word_stays() -> None:
    assert find_teaser_labels(_page("<p>More than 300 people attended.</p>")) == []


def test_short_link_cards_go_and_the_story_stays() -> None:
    tree = _page(
        f"<main><article class='story'><p>{PROSE * 3}</p></article>"
        "<article class='card'><a href='/a'>Another story entirely, with a headline</a>"
        "<span>2h</span></article></main>"
    )
    assert [c.attributes.get("class") for c in find_teaser_cards(tree)] == ["card"]


# --------------------------------------------------------------------------- article root


def test_page_is_pruned_to_a_root_holding_nearly_all_prose() -> None:
    tree = _page(
        f"<div class='wrap'><div class='promo'>Buy our mugs</div>"
        f"<div class='entry-content'><p>{PROSE * 3}</p></div></div>"
    )
    assert prune_to_root(tree, find_article_root(tree)) > 0
    assert "mugs" not in _text(tree)
    assert tree.css_first(".entry-content h1") is not None  # landmark for trafilatura


def test_no_pruning_when_prose_lives_outside_the_root() -> None:
    tree = _page(
        f"<div class='entry-content'><p>{PROSE}</p></div><div class='more'><p>{PROSE}</p></div>"
    )
    assert prune_to_root(tree, find_article_root(tree)) == 0
    assert _text(tree).count("This sentence") == 2


LINE = "A line of the recipe tip, set between line breaks rather than in paragraphs."


def test_a_box_with_little_of_the_text_is_neither_kept_alone_nor_marked() -> None:
    """The only <p> of a page that sets its text with <br> is a comment prompt: the page
    is not pruned to it, and trafilatura reads the whole page."""
    tree = _page(
        f"<div class='tip-text'>{'<br>'.join([LINE] * 8)}</div>"
        "<div id='comments-add'><p>To comment on this tip you need to be logged in "
        "to your account first.</p></div>"
    )
    root = find_body_root(tree, find_article_root(tree))
    assert root is not None and root.attributes.get("id") == "comments-add"
    assert prune_to_root(tree, root) == 0
    assert tree.css_first(f"[{ROOT_MARK}]") is None
    assert _text(tree).count("A line of the recipe tip") == 8


def test_the_licence_paragraph_under_a_body_without_paragraphs_is_not_the_root() -> None:
    tree = _page(
        f"<div class='detail' itemprop='articleBody'><div class='frame'>{LINE * 3}</div>"
        f"<div class='frame'>{LINE * 3}</div></div>"
        "<div class='licence'><p>All rights reserved. Further distribution only with the "
        "publisher's consent.</p></div>"
    )
    root = find_body_root(tree, find_article_root(tree))
    assert root is not None and root.attributes.get("class") == "detail"


def test_a_teaser_root_gives_way_to_the_paragraphs_of_the_story() -> None:
    tree = _page(
        "<div class='post-content'><p>A teaser for another story, one line long enough "
        "to count as prose.</p></div>"
        f"<div class='story-text'><p>{PROSE * 2}</p><p>{PROSE * 2}</p></div>"
    )
    root = find_body_root(tree, find_article_root(tree))
    assert root is not None and root.attributes.get("class") == "story-text"


@pytest.mark.parametrize(
    "wrapper",
    ["<div class='widget Blog' id='Blog1'>", "<div class='elementor-widget-container'>"],
)
def test_a_widget_holding_the_text_of_a_page_without_paragraphs_stays(wrapper: str) -> None:
    """Blog engines and page builders call every box a widget, the post's too; the post's
    text is in <div> and <br>, so paragraph counts cannot tell it from a sidebar."""
    tree = _page(
        f"{wrapper}<div class='post-body'>{'<br>'.join([LINE] * 6)}</div></div>"
        f"<div class='widget HTML'><div>{LINE}</div></div>"
    )
    strip_chrome(tree)
    assert _text(tree).count("A line of the recipe tip") == 6


def test_the_guard_measures_the_page_without_its_comments() -> None:
    """A comment thread five times the article's length is removed first; the article's
    container, named like a paywall, then holds all the prose left and stays."""
    comments = "".join(f"<li><p>{PROSE}</p></li>" for _ in range(10))
    tree = _page(
        f"<article id='post-1'><div class='entry__content steady-paywall-container'>"
        f"<p>{PROSE}</p><p>{PROSE}</p></div></article>"
        f"<div id='comments'><ol class='comment-list'>{comments}</ol></div>"
    )
    strip_chrome(tree, root=None)
    assert _text(tree).count("This sentence") == 2


def test_a_noscript_swallowing_the_page_is_kept_and_a_small_one_goes() -> None:
    """``<noscript><div id="nojs"></noscript>``: the unclosed <div> puts the rest of the
    page inside the <noscript> element, as lexbor (and browsers without scripts) parse it."""
    tree = LexborHTMLParser(
        "<html><body><noscript><img src='pixel.gif'>Please enable JavaScript.</noscript>"
        f"<noscript><div id='nojava'></noscript><div id='main'><p>{PROSE}</p>"
        f"<p>{PROSE}</p></div></body></html>")
    strip_chrome(tree)
    assert _text(tree).count("This sentence") == 2
    assert "enable JavaScript" not in _text(tree)


def test_a_run_of_sibling_widgets_holding_the_article_stays() -> None:
    """A page builder names every block a widget: the article is several sibling matches,
    each too small for the guard, together most of the page."""
    blocks = "".join(
        f"<div class='elementor-element elementor-widget elementor-widget-text-editor'>"
        f"<div class='elementor-widget-container'><p>{PROSE}</p></div></div>" for _ in range(4))
    tree = _page(f"<section><div class='elementor-widget-wrap'>{blocks}</div></section>"
                 f"<aside><div class='widget'><p>{PROSE}</p></div></aside>")
    strip_chrome(tree)
    assert _text(tree).count("This sentence") == 4


@pytest.mark.parametrize(
    "other",
    [
        "<article class='ds-box recipe-comments' id='recipe-comments'>",
        "<article class='registration-modal dark-modal' id='logindialog-registration'>",
        "<article class='related-posts'>",
    ],
)
def test_an_article_named_as_something_else_is_not_the_root(other: str) -> None:
    """Comment threads, dialogs and story lists marked up as <article> are longer than
    a short recipe or video page, but are not its article."""
    tree = _page(
        f"<article class='ds-box recipe-show'><p>{PROSE}</p></article>"
        f"{other}<p>{PROSE * 4}</p></article>"
    )
    root = find_article_root(tree)
    assert root is not None and "recipe-show" in (root.attributes.get("class") or "")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<p>{LINE}</p>", len(LINE)),
        (f"<div>{LINE}<br>{LINE}</div>", 2 * len(LINE)),
        (f"<td>{LINE}</td>", len(LINE)),
        (f"<p><a href='/x'>{LINE}</a></p>", 0),  # link text is not the page's prose
        ("<p>Too short to count.</p>", 0),
    ],
)
def test_text_mass_counts_runs_of_text_wherever_they_sit(html: str, expected: int) -> None:
    body = _page(html).body
    assert body is not None and text_mass(body) == expected


# --------------------------------------------------------------------------- split body


def test_body_split_across_sibling_chunks_is_joined_in_order() -> None:
    tree = _page(
        "<article><div class='grid'><div class='body'><p>First " + PROSE + "</p></div></div>"
        "<div class='grid'><figure>Photo</figure><div class='body'><p>Second " + PROSE
        + "</p></div></div></article>"
    )
    assert merge_split_body(tree) == 1
    first = tree.css_first("div.body")
    assert first is not None
    text = " ".join(first.text(separator=" ").split())
    assert text.index("First") < text.index("Photo") < text.index("Second")


def test_chunks_of_another_article_are_not_joined() -> None:
    tree = _page(
        f"<article><div class='body'><p>One {PROSE}</p></div></article>"
        f"<article><div class='body'><p>Two {PROSE}</p></div></article>"
    )
    assert merge_split_body(tree) == 0


def test_repeated_quotes_are_not_chunks() -> None:
    tree = _page(
        f"<article><blockquote class='q'><p>{PROSE}</p></blockquote><p>{PROSE}</p>"
        f"<blockquote class='q'><p>{PROSE}</p></blockquote></article>"
    )
    assert merge_split_body(tree) == 0


# --------------------------------------------------------------------------- promo tail


@pytest.mark.parametrize(
    "tail",
    [
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Have the morning headlines in your inbox. Subscribe to our newsletters.",
        "Enjoyed this piece? Share it with a neighbour!",
        "When you shop via links in this guide, we may get a share of the sale.",
    ],
)
def test_promotional_closing_lines_go(tail: str) -> None:
    text = f"First paragraph.\nSecond paragraph.\n{tail}\nListen live at 12:45."
    assert trim_promo_tail(text) == "First paragraph.\nSecond paragraph."


def test_promotional_words_early_in_the_body_stay() -> None:
    text = "Readers can subscribe to the newsletter for $5.\nSecond.\nThird.\nFourth."
    assert trim_promo_tail(text) == text


def test_a_body_of_one_line_is_kept() -> None:
    assert trim_promo_tail("Sign up for our newsletter.") == "Sign up for our newsletter."


# --------------------------------------------------------------------------- comments


def test_counted_comment_heading_in_any_language_takes_the_thread_with_it() -> None:
    tree = _page(
        f"<div class='body'><p>{PROSE}</p></div><div class='hilo'><h3>Comentarios (86)</h3>"
        "<div class='c'><span>pepe</span><p>Con 1.200 euros, a ver quién se emancipa.</p></div>"
        "</div>"
    )
    strip_chrome(tree)
    assert "emancipa" not in _text(tree)
    assert PROSE.strip() in _text(tree)


def test_comment_sections_nested_in_one_another_go_whole() -> None:
    """Unguarded matches inside other matches (a form in a reply box in the thread, a
    script in a form) are all removed, and the rest of the page is left whole."""
    tree = _page(
        f"<article><p>{PROSE}</p></article><div id='comments'><ol class='commentlist'>"
        "<li>First!</li></ol><div class='comment-respond'><form id='commentform'>"
        f"<script>track()</script><textarea></textarea></form></div></div><p>{PROSE}</p>"
    )
    strip_chrome(tree)  # (the article holds half of the prose: nothing is pruned)
    assert _text(tree) == f"{PROSE.strip()} {PROSE.strip()}"
    assert "commentform" not in (tree.html or "")


def test_comment_notice_paragraph_goes() -> None:
    tree = _page(f"<article><p>{PROSE}</p><p>Leave a Reply</p></article>")
    strip_chrome(tree)
    assert "Leave a Reply" not in _text(tree)


def test_live_blog_feed_of_like_entries_is_the_root() -> None:
    """Each update of a live blog is its own <article>: the feed holding them is the
    article, not the longest entry; stories appended by infinite scroll (each with an
    <h1>) are not joined."""
    import newsscrape

    def entry(i: int, h: str = "h2") -> str:
        return (f"<article class='post'><{h}>Update {i}</{h}><p>Update number {i} of the "
                f"live coverage brings news that takes a full sentence or two to tell, with "
                f"enough words to count as prose.{' More.' * i}</p></article>")

    feed = "".join(entry(i) for i in range(5, 0, -1))
    html = f"<html><body><h1>Live: a storm</h1><div class='feed'>{feed}</div></body></html>"
    text = newsscrape.extract(html).text
    assert text is not None
    for i in range(1, 6):
        assert f"Update number {i} of" in text
    assert _root_tag(html) == "div"
    scrolled = "".join(entry(i, "h1") for i in range(3, 0, -1))
    assert _root_tag(f"<html><body><div class='feed'>{scrolled}</div></body></html>") == "article"
    two = "".join(entry(i) for i in range(2, 0, -1))
    assert _root_tag(f"<html><body><div class='feed'>{two}</div></body></html>") == "article"


def _root_tag(html: str) -> str | None:
    from newsscrape.extractors.strip import find_article_root

    root = find_article_root(LexborHTMLParser(html))
    return root.tag if root is not None else None


# --------------------------------------------------------------------------- closing lines


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        ("<저작권자 © 한빛일보, 무단전재 및 재배포 금지>\n"
         "김민수 기자 minsu.kim@hanbitilbo.co.kr", ""),
        ("About Acme\nAcme makes anvils.\nMedia Contact:\nJane Roe\npress@acme.example\n"
         "+1 555 000 0000\nSOURCE Acme Corp", "\n\nAbout Acme\n\nAcme makes anvils."),
        ("Pressekontakt\nMax Muster\n+49 30 000000", ""),
        # an event listing's box-office number is part of the text
        ("Tickets\nInquiry\n02-751-1500", "\n\nTickets\n\nInquiry\n\n02-751-1500"),
    ],
)
def test_closing_boilerplate_goes(tail: str, kept: str) -> None:
    from newsscrape.extractors.lines import clean_lines

    body = "First paragraph of the story.\nSecond paragraph of the story."
    text = clean_lines(f"{body}\n{tail}").text
    assert text == "First paragraph of the story.\n\nSecond paragraph of the story." + kept
