"""The library surface and the choices the normalizer makes between sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

import newsscrape
from newsscrape.errors import ExtractError

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SEED = PAGES / "seed-wordpress.html"

PARAS = "".join(
    f"<p>Paragraph {i} of the story carries enough words to be taken for article prose by "
    f"any extractor that looks at text density and link density across the page.</p>"
    for i in range(6)
)


def page(head: str = "", body_top: str = "", lang: str = "en") -> str:
    """A small article page with the given head tags and markup above the paragraphs."""
    return (f"<html lang='{lang}'><head><title>Story title | Site</title>{head}</head><body>"
            f"<article><h1>Story title</h1>{body_top}{PARAS}</article></body></html>")


def test_extract_returns_a_record_whose_dict_has_every_key() -> None:
    record = newsscrape.extract(SEED.read_bytes())
    assert set(record.to_dict()) == {
        "url", "source", "final_url", "canonical_url", "status", "fetched_at", "title",
        "authors", "publisher", "published", "published_utc", "modified", "modified_utc",
        "language", "section", "tags", "description", "image", "text", "word_count"}
    assert 700 < record.word_count < 900  # 6 paragraphs of the seed article


def test_record_is_frozen() -> None:
    record = newsscrape.extract(SEED.read_bytes())
    with pytest.raises(AttributeError):
        record.title = "changed"  # type: ignore[misc]


def test_str_and_bytes_give_the_same_record() -> None:
    data = SEED.read_bytes()
    assert newsscrape.extract(data) == newsscrape.extract(data.decode("utf-8"))


def test_provenance_names_source_and_raw_value() -> None:
    record = newsscrape.extract(SEED.read_bytes(), provenance=True)
    prov = record.to_dict()["provenance"]
    assert prov["published"] == {"source": "text", "raw": "2024-02-22 09:26:21"}
    assert prov["title"]["source"] == "html"
    assert prov["section"]["raw"].startswith("today > News")


PROVENANCE_FIELDS = ("canonical_url", "title", "authors", "publisher", "published", "modified",
                     "language", "section", "tags", "description", "image")


@pytest.mark.parametrize("name", ["seed-wordpress", "seed-wordpress-entry-footer",
                                  "intl-de-politik-graph", "en-hashtags-cop29-grid"])
def test_provenance_covers_every_field_found(name: str) -> None:
    """Issue 9: --provenance covers every field, tags included."""
    html = (PAGES / f"{name}.html").read_bytes()
    record = newsscrape.extract(html, provenance=True).to_dict()
    found = {f for f in PROVENANCE_FIELDS if record[f] not in (None, [])}
    assert "tags" in found
    assert found <= set(record["provenance"]), found - set(record["provenance"])


def test_tags_provenance_names_the_hashtag_line() -> None:
    html = (PAGES / "seed-wordpress-entry-footer.html").read_bytes()
    prov = newsscrape.extract(html, provenance=True).to_dict()["provenance"]
    assert prov["tags"] == {"source": "text", "raw": "BeijingTianjinHebei"}


def test_no_provenance_key_by_default() -> None:
    assert "provenance" not in newsscrape.extract(SEED.read_bytes()).to_dict()


def test_tz_option_localises_naive_times() -> None:
    record = newsscrape.extract(SEED.read_bytes(), tz="Asia/Shanghai")
    assert record.published == "2024-02-22T09:26:21+08:00"


def test_modified_is_never_reported_as_published() -> None:
    head = "<meta property='article:modified_time' content='2024-03-06T10:00:00+00:00'>"
    record = newsscrape.extract(page(head))
    assert record.published is None
    assert record.modified == "2024-03-06T10:00:00+00:00"


def test_modified_before_published_is_dropped() -> None:
    head = ("<meta property='article:published_time' content='2024-03-06T10:00:00+00:00'>"
            "<meta property='article:modified_time' content='2024-03-01T10:00:00+00:00'>")
    record = newsscrape.extract(page(head))
    assert record.published == "2024-03-06T10:00:00+00:00"
    assert record.modified is None


def test_date_only_source_gives_a_date_not_midnight() -> None:
    head = "<meta property='article:published_time' content='2024-03-06'>"
    assert newsscrape.extract(page(head)).published == "2024-03-06"


def test_url_date_is_weak_evidence() -> None:
    record = newsscrape.extract(page(), url="https://example.com/2024/02/22/story/")
    assert record.published == "2024-02-22"


def test_own_tags_beat_site_keywords() -> None:
    head = ("<meta name='keywords' content='news, breaking news, world'>"
            "<meta property='article:tag' content='Elections'>"
            "<meta property='article:tag' content='elections'>")
    assert newsscrape.extract(page(head)).tags == ("Elections",)


def test_site_keywords_split_when_nothing_else() -> None:
    head = "<meta name='keywords' content='春运，返程；铁路、客流'>"
    assert newsscrape.extract(page(head)).tags == ("春运", "返程", "铁路", "客流")


def test_language_detected_from_text_when_undeclared() -> None:
    german = "".join(
        f"<p>Der Stadtrat hat am Dienstag nach einer langen Debatte beschlossen, das alte "
        f"Hallenbad abzureißen und an derselben Stelle ein neues Bad zu bauen ({i}).</p>"
        for i in range(6))
    html = f"<html><head><title>Hallenbad</title></head><body><article>{german}</article>"
    assert newsscrape.extract(html).language == "de"


def test_declared_language_wins() -> None:
    assert newsscrape.extract(page(lang="fr-CA")).language == "fr"


def test_byline_from_json_ld_beats_comment_authors() -> None:
    head = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
            "\"author\": {\"@type\": \"Person\", \"name\": \"Jane Doe\"}}</script>")
    comments = ("<div id='comments'><p class='byline'>By Spam Bot</p>"
                "<p>Great post, visit my site for cheap watches and more offers.</p></div>")
    record = newsscrape.extract(page(head).replace("</article>", f"</article>{comments}"))
    assert record.authors == ("Jane Doe",)
    assert "cheap watches" not in record.text


def test_page_without_text_raises_no_article() -> None:
    with pytest.raises(ExtractError) as info:
        newsscrape.extract("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert info.value.kind == "no_article"


def test_cli_extract_reads_stdin_and_takes_url() -> None:
    url = "https://www.world-today-news.com/x/"
    result = invoke("extract", "-", "--url", url, input=SEED.read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["url"] == url


def test_cli_extract_missing_file_is_an_input_error(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    missing = str(tmp_path / "missing.html")
    result = invoke("extract", str(SEED), missing, "--errors", str(errors))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    line = json.loads(errors.read_text(encoding="utf-8"))
    assert line["url"] == missing
    assert line["error"]["kind"] == "input"


def test_cli_extract_url_with_several_files_is_a_usage_error() -> None:
    result = invoke("extract", str(SEED), str(SEED), "--url", "https://x.y/")
    assert result.exit_code == 2


def test_cli_bad_tz_is_a_usage_error() -> None:
    result = invoke("extract", str(SEED), "--tz", "Mars/Olympus")
    assert result.exit_code == 2


@pytest.mark.parametrize("url", [None, "https://example.com/story"])
def test_broken_link_in_metadata_does_not_cost_the_record(url: str | None) -> None:
    """A canonical or image URL that cannot be parsed is dropped; the next candidate and
    the rest of the record stay."""
    head = ("<link rel='canonical' href='http://[::1/x'>"
            "<meta property='og:image' content='http://[bad/img.jpg'>"
            "<meta name='twitter:image' content='/img/good.jpg'>")
    record = newsscrape.extract(page(head), url=url)
    assert record.title == "Story title"
    assert record.canonical_url is None
    assert record.image == ("https://example.com/img/good.jpg" if url else "/img/good.jpg")


def test_keywords_naming_the_site_are_not_the_articles_tags() -> None:
    head = ("<meta property='og:site_name' content='GlobeWire'>"
            "<meta name='keywords' content='press release, newswire, GlobeWire'>")
    assert newsscrape.extract(page(head)).tags == ()
    head = "<meta name='keywords' content='bridge, Lahn, cycling'>"
    assert newsscrape.extract(page(head)).tags == ("bridge", "Lahn", "cycling")


@pytest.mark.parametrize(
    "markup",
    [
        "<div class='temas'><span>Temas relacionados:</span> <a href='/t/1'>León</a>"
        " <a href='/t/2'>Transporte</a></div>",
        "<div class='x'><span>Schlagworte:</span><ul><li><a href='/t/1'>León</a></li>"
        "<li><a href='/t/2'>Transporte</a></li></ul></div>",
        "<div class='kw'><h3>関連キーワード</h3><ul><li><a href='/t/1'>León</a></li>"
        "<li><a href='/t/2'>Transporte</a></li></ul></div>",
        "<div class='kw'>关键词：<a href='/t/1'>León</a> <a href='/t/2'>Transporte</a></div>",
    ],
)
def test_labelled_tag_lists(markup: str) -> None:
    """Tag links after a label, in several languages, with the label as an element or as
    the container's own leading text; site-wide keywords lose to them."""
    html = page("<meta name='keywords' content='news, sport, weather'>").replace(
        "</article>", markup + "</article>")
    assert newsscrape.extract(html).tags == ("León", "Transporte")


def test_byline_completes_a_meta_author_with_coauthors() -> None:
    """``meta author`` holds the first name, the byline both; a related story's byline,
    which does not name the article's author, adds nobody."""
    head = "<meta name='author' content='Mariana López'>"
    top = ("<div class='nota-autor'>Por <strong>Mariana López</strong> y "
           "<strong>Jorge Ruiz</strong></div>")
    related = ("<section class='related-news'><div class='item'><a href='/x'>Otra nota</a>"
               "<span class='author'>Laura Méndez</span></div></section>")
    html = page(head, top).replace("</article>", "</article>" + related)
    assert newsscrape.extract(html).authors == ("Mariana López", "Jorge Ruiz")
    html = page(head).replace("</article>", "</article>" + related)
    assert newsscrape.extract(html).authors == ("Mariana López",)


def test_author_box_completes_a_structured_first_name() -> None:
    """A CMS account shown by its first name ("Jonas") gives way to the full name the
    article's column line or author box shows; another first name does not."""
    head = "<meta name='author' content='Jonas'>"
    column = "<p class='column-line'>Eine Kolumne von Jonas Wendling</p>"
    assert newsscrape.extract(page(head, column)).authors == ("Jonas Wendling",)
    box = ("<div class='author-box'><a href='/autor/bertram/'>Bertram</a> "
           "<span class='author-name'>Bertram Kühl - Elektroingenieur, Bergsteiger und "
           "Teamleiter. Seit 2005 mit dem Rennrad unterwegs.</span></div>")
    html = page("<meta name='author' content='Bertram'>", box)
    assert newsscrape.extract(html).authors == ("Bertram Kühl",)
    other = "<p class='column-line'>Eine Kolumne von Nina Wendling</p>"
    assert newsscrape.extract(page(head, other)).authors == ("Jonas",)


@pytest.mark.parametrize(("lang", "link"), [
    ("de", "Alle Artikel"), ("en", "View all posts"), ("fr", "Tous les articles »"),
])
def test_an_author_boxs_all_articles_link_is_no_name(lang: str, link: str) -> None:
    """An author box beside the story holds the writer's name and a link to the rest of
    their stories: the name is the box's text, not the link's label."""
    box = ("<aside class='author-box'><div class='author'>Wiebke Ostrander "
           f"<a href='/autoren/wiebke-ostrander/'>{link}</a></div></aside>")
    html = page(lang=lang).replace("<article>", box + "<article>")
    assert newsscrape.extract(html).authors == ("Wiebke Ostrander",)


@pytest.mark.parametrize(("closing", "expected"), [
    ("<p><strong>Henrike Salvatori</strong></p>", ("Henrike Salvatori",)),
    ("<p><strong><a href='/rezensionen/'>Henrike Salvatori</a></strong></p>", ()),
    ("<p><em>Henrike Salvatori</em></p>", ("Henrike Salvatori",)),
    ("<p>Henrike Salvatori</p>", ()),
    ("<p><strong>Mehr Rezensionen</strong></p>", ()),
    ("<p>Henrike<br /> 14. März 2021</p>", ("Henrike",)),
    ("<p>Henrike Salvatori<br>14.03.2021</p>", ("Henrike Salvatori",)),
    ("<p>Stand:<br>14.03.2021</p>", ()),
    ("<p>Henrike<br>Hamburg</p>", ()),
])
def test_a_name_closing_the_story_is_its_writer(closing: str,
                                                expected: tuple[str, ...]) -> None:
    """A review signed with the writer's name in bold on the last line, a post signed
    with a name above the day it was written; a linked or plain last line, or one word
    above anything but a date, is as often a "more" link, a place or the person the
    story is about."""
    html = page(lang="de").replace("</article>", closing + "</article>")
    assert newsscrape.extract(html).authors == expected


def test_a_signature_above_a_date_never_beats_the_metadatas_author() -> None:
    """A place above the day closes many posts too: with an author in the metadata, the
    paragraph names no writer."""
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"author": {"@type": "Person", "name": "Maria Keller"}}</script>')
    html = page(lang="de").replace("</head>", head + "</head>").replace(
        "</article>", "<p>Berlin<br>14.03.2021</p></article>")
    assert newsscrape.extract(html).authors == ("Maria Keller",)


def test_title_cased_structured_byline_gives_each_name() -> None:
    """A JSON-LD author holding a whole Title-Cased byline ("A And B For The Outlet")
    gives both names, never one name with "And" inside."""
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Person", "name": "By Tom Haskell And Priya Nandra For The Evening '
            'Courier"}}</script>')
    assert newsscrape.extract(page(head)).authors == ("Tom Haskell", "Priya Nandra")


def test_related_story_byline_is_not_the_author() -> None:
    top = "<div class='news-author'>Автор: <a href='/authors/olga/'>Ольга Смирнова</a></div>"
    related = ("<section class='related-news'><div class='item'><a href='/x'>Другая новость</a>"
               " <span class='author'>Дмитрий Ковалёв</span></div></section>")
    html = page("", top, lang="ru").replace("<article>", related + "<article>")
    assert newsscrape.extract(html).authors == ("Ольга Смирнова",)


def test_a_definition_lists_author_term_credits_its_value() -> None:
    """"<dt>Auteur</dt><dd>NAME</dd>": the label vouches for the value; a term that
    credits no writer credits no one."""
    meta = ("<dl class='post-meta'><dt>Auteur</dt> <dd><a href='/staff/ld/'>Léa Dumont</a>"
            "</dd><dt>Photo</dt><dd>Marc Olivier</dd></dl>")
    assert newsscrape.extract(page("", meta, lang="fr")).authors == ("Léa Dumont",)
    cover = "<dl class='post-meta'><dt>Cover</dt><dd>Marc Olivier</dd></dl>"
    assert newsscrape.extract(page("", cover, lang="fr")).authors == ()


@pytest.mark.parametrize(
    "meta",
    [
        "<dl class='facts'><dt>Interview</dt><dd>Olaf Brandner</dd></dl>",
        "<dl class='facts'><dt>Autor</dt><dd>Mit Bürgermeister Hans Meier</dd></dl>",
        "<div class='credits'><div class='credit'><span class='label'>Interview</span>"
        "<span class='value'>mit Bürgermeister Hans Meier</span></div></div>",
        "<dl class='facts'><dt>Autor</dt><span>Jana Ruckert</span></dl>",
    ],
)
def test_a_credit_that_names_the_person_spoken_with_credits_no_writer(meta: str) -> None:
    """A definition list's term "Interview" heads the interviewee, not the writer; a
    credit's value opening with "mit" names the person spoken with; a term's value is
    its <dd>."""
    assert newsscrape.extract(page("", meta, lang="de")).authors == ()


@pytest.mark.parametrize(("meta", "lang", "expected"), [
    # "Con" is "with" in Spanish and Italian, and an Irish first name
    ("<dl class='facts'><dt>Author</dt><dd>Con Hurley</dd></dl>", "en", ("Con Hurley",)),
    ("<div class='credits'><div class='credit'><span class='label'>Text</span>"
     "<span class='value'>Con Hurley</span></div></div>", "de", ("Con Hurley",)),
    ("<dl class='facts'><dt>Author</dt><dd>with Mayor Ruth Calder</dd></dl>", "en", ()),
    ("<dl class='facts'><dt>Author</dt><dd>With Mayor Ruth Calder</dd></dl>", "en", ()),
    ("<div class='credits'><div class='credit'><span class='label'>Interview</span>"
     "<span class='value'>Con Hurley</span></div></div>", "en", ()),
])
def test_a_with_word_opens_no_name_under_an_interview_credit_or_in_the_pages_language(
        meta: str, lang: str, expected: tuple[str, ...]) -> None:
    """Under "Interview" a value opening with a with-word of any language names the person
    spoken with; under a writer's label only a lower-case one or the page's own language's
    does: "Author: Con Hurley" is a name."""
    assert newsscrape.extract(page("", meta, lang=lang)).authors == expected


def test_a_credits_blocks_interview_label_credits_the_interviewer() -> None:
    meta = ("<div class='credits'><div class='credit'><span class='label'>Interview</span>"
            "<span class='value'>Jana Ruckert</span></div></div>")
    assert newsscrape.extract(page("", meta, lang="de")).authors == ("Jana Ruckert",)


def test_a_structured_author_the_page_never_shows_gives_way_to_the_byline() -> None:
    """The metadata names the account that uploaded the story, the byline the writer;
    a structured author the page shows keeps its rank."""
    head = "<meta name='author' content='Paul Girard'>"
    byline = "<div class='byline'>Par Léa Dumont</div>"
    assert newsscrape.extract(page(head, byline, lang="fr")).authors == ("Léa Dumont",)
    shown = byline + ("<p>Les documents du conseil municipal ont été réunis par Paul Girard"
                      " et sont consultables en mairie jusqu'à la fin du mois de mars.</p>")
    assert newsscrape.extract(page(head, shown, lang="fr")).authors == ("Paul Girard",)
    assert newsscrape.extract(page(head, "", lang="fr")).authors == ("Paul Girard",)


@pytest.mark.parametrize(
    "trail",
    [
        "<nav class='crumbs'><a href='/'>Home</a> › <a href='/national'>National</a> › "
        "<a href='/national/nsw'>NSW</a></nav>",
        "<ol class='migas'><li><a href='/'>Inicio</a></li> / <li><a href='/n'>National</a></li>"
        " / <li><a href='/n/nsw'>NSW</a></li></ol>",
    ],
)
def test_breadcrumb_trails_by_other_class_names(trail: str) -> None:
    html = page("<meta property='article:section' content='NSW'>").replace(
        "<article>", trail + "<article>")
    record = newsscrape.extract(html)
    assert record.section == ("National", "NSW")
    assert "National" not in (record.text or "")


def test_utc_time_restated_in_the_pages_own_offset() -> None:
    """The same instant in UTC (metadata) and local time (the visible line): local wins;
    a different instant is not taken for it."""
    head = "<meta property='article:published_time' content='2023-11-02T12:14:37+00:00'>"
    local = "<time class='entry-date published' datetime='2023-11-02T08:14:37-04:00'>Nov 2</time>"
    assert newsscrape.extract(page(head, local)).published == "2023-11-02T08:14:37-04:00"
    other = "<time class='entry-date published' datetime='2023-11-02T09:14:37-04:00'>Nov 2</time>"
    assert newsscrape.extract(page(head, other)).published == "2023-11-02T12:14:37+00:00"


def test_modified_before_published_across_offsets_is_dropped() -> None:
    """09:40 UTC is before 09:05 EDT (13:05 UTC), though it sorts after it as text."""
    head = ("<meta property='article:published_time' content='2024-08-14T09:05:00-04:00'>"
            "<meta property='article:modified_time' content='2024-08-14T09:40:00+00:00'>")
    record = newsscrape.extract(page(head))
    assert record.published == "2024-08-14T09:05:00-04:00"
    assert record.modified is None


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("<span class='date'>Aug 14, 2024 · 9:05 AM EDT</span>", "2024-08-14T09:05:00-04:00"),
        ("<span class='date'>Aug 14, 2024 | 9:05 AM EDT</span>", "2024-08-14T09:05:00-04:00"),
        ("<div class='artikel-info'>Door Pieter de Vries | dinsdag 9 april 2024</div>",
         "2024-04-09"),
    ],
)
def test_visible_date_lines_with_separators(line: str, published: str) -> None:
    assert newsscrape.extract(page("", line)).published == published


@pytest.mark.parametrize("page_class", ["single-post comments-open", "with-recommendations"])
def test_page_level_classes_do_not_hide_the_byline(page_class: str) -> None:
    """Names like 'comments-open' on <body> or <article> describe the page, not a
    comment thread around the byline."""
    top = "<div class='meta'><span class='byline-name'>Jane Smith</span></div>"
    html = page("", top).replace("<body>", f"<body class='{page_class}'>").replace(
        "<article>", f"<article class='{page_class}'>")
    assert newsscrape.extract(html).authors == ("Jane Smith",)


def test_authors_of_comments_and_teasers_are_not_the_articles() -> None:
    """Issue 9: no names from comment widgets or other stories' teasers."""
    comment = ('<section class="comments"><div itemprop="comment" itemscope '
               'itemtype="https://schema.org/Comment"><span itemprop="author" itemscope '
               'itemtype="https://schema.org/Person">Herr <span itemprop="name">Henning Marbach'
               '</span></span><p itemprop="text">Unfassbar.</p></div></section>')
    teasers = "".join(
        f'<article class="card"><h2><a href="/story-{i}/">Another story number {i}</a></h2>'
        f'<span class="author">By {name}</span></article>'
        for i, name in enumerate(("Jane Roe", "Max Mustermann", "Ada Byron")))
    html = (f"<html><head><title>Story title | Site</title></head><body><article>"
            f"<h1>Story title</h1><p class='byline'>By Ann Lee</p>{PARAS}</article>"
            f"{comment}<section class='more'>{teasers}</section></body></html>")
    assert newsscrape.extract(html).authors == ("Ann Lee",)
    no_byline = html.replace("<p class='byline'>By Ann Lee</p>", "")
    assert newsscrape.extract(no_byline).authors == ()


def test_a_meta_author_with_another_sites_address_is_the_templates_maker() -> None:
    """A theme or a web agency signs the template's ``meta author`` with its own address;
    a name given with the page's own address is the site owner's."""
    agency = '<meta name="author" content="Pixelhaus Design - https://www.pixelhaus-design.de">'
    url = "https://www.gartenfreunde-lahntal.de/2023/05/tomaten-vorziehen/"
    assert newsscrape.extract(page(agency), url=url).authors == ()
    owner = '<meta name="author" content="Marta Kühn - www.gartenfreunde-lahntal.de">'
    assert newsscrape.extract(page(owner), url=url).authors == ("Marta Kühn",)


def test_a_related_lists_bylines_are_not_the_authors() -> None:
    """Items of a "more on this" list each link to another story and name its writer
    beside the link; the list's first writer is not the page's."""
    items = "".join(
        f"<li><a href='/2023/05/{slug}/'>{title}</a>"
        f"<span class='meta'>von {name}</span></li>"
        for slug, title, name in (("mieten", "Mieten deckeln", "Jana Albers"),
                                  ("renten", "Renten sichern", "Tobias Reiner"),
                                  ("pflege", "Pflege stärken", "Jana Albers")))
    related = f"<h2>Mehr zum Thema</h2><ul class='items'>{items}</ul>"
    html = page(lang="de").replace("</article>", "</article>" + related)
    assert newsscrape.extract(html).authors == ()
    # links to the writers' own pages, one an item, are the page's credits
    credits = "".join(f"<li><a rel='author' href='/autor/{n.lower().replace(' ', '-')}/'>{n}</a>"
                      "</li>" for n in ("Jana Albers", "Ute Kern", "Tim Ohm"))
    html = page("", f"<ul class='autoren'>{credits}</ul>", lang="de")
    assert newsscrape.extract(html).authors == ("Jana Albers", "Ute Kern", "Tim Ohm")


def test_by_and_the_handle_in_elements_of_their_own_are_one_byline() -> None:
    """"by" alone in its element, the writer's handle in the next, linked to the
    writer's page; a lone "Di" before a weekday (Italian "di" marks bylines) is none."""
    top = ("<div class='story-head'><a href='/stories/8812-lichtjahre'><h2>Lichtjahre</h2>"
           "</a><span>by</span><!-- author --> <a href='/users/40917/'>mirrorfox</a></div>")
    assert newsscrape.extract(page("", top)).authors == ("mirrorfox",)
    hours = ("<table><tr><th><span class='short'>Di</span><span class='long'>Dienstag</span>"
             "</th><td>14.30 - 16.00 Uhr</td></tr></table>")
    assert newsscrape.extract(page("", hours, lang="de")).authors == ()
