"""How the pipeline dates a page: which source wins, what a careful reader would take."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsscrape

PARAS = "".join(
    f"<p>Paragraph {i} of the story carries enough words to be taken for article prose by "
    f"any extractor that looks at text density and link density across the page.</p>"
    for i in range(6)
)


@pytest.fixture
def own_dates_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No second opinion: what the page's own dates say (None when nothing)."""
    import newsscrape.pipeline

    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", lambda html, **_: None)


def page(head: str = "", body_top: str = "", lang: str = "en", after: str = "") -> str:
    """A small article page with the given head tags and markup above the paragraphs."""
    return (f"<html lang='{lang}'><head><title>Story title | Site</title>{head}</head><body>"
            f"<article><h1>Story title</h1>{body_top}{PARAS}</article>{after}</body></html>")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/2024/02/22/story/", "2024-02-22"),
    ("https://example.com/news/2024-02-22-story", "2024-02-22"),
    ("https://example.com/20240222/story", "2024-02-22"),
    ("https://example.org/media-news/meldungen/29-10-2021", "2021-10-29"),
    ("https://example.org/presse/detail/~02-01-2022-land-zahlte-praemie", "2022-01-02"),
    ("https://example.org/aktuelles/08112021-online-fachtag", "2021-11-08"),
    ("https://example.com/p/12345678/story", None),  # an id, not a day
    ("https://example.com/story?date=2024/01/01", None),  # the query is not the path
    ("https://example.com/2024/02/31/story/", None),  # no such day
])
def test_url_dates(url: str, expected: str | None, own_dates_only: None) -> None:
    assert newsscrape.extract(page(), url=url).published == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("<div class='story-meta'><a href='/autor/brauckmann'>Lena Brauckmann</a> / 14.09.2022 / "
     "16:45 / <a href='#fuss'>Foto: Imago</a></div>", "2022-09-14T16:45:00"),
    ("<p class='byline__author'>VON <a href='/autoren/a'>HEDWIG ALTENKIRCH</a> am "
     "9. März 2021</p>", "2021-03-09"),
    ("<p class='text-caption'> 15. Februar 2022 | Mobilität </p>", "2022-02-15"),
    ("<p class='page-intro__meta'>Volleyball Nordwest&nbsp;&bull;&nbsp;23.02.2022</p>",
     "2022-02-23"),
    ("<div class='date'> Kultur, 7.12.22 </div>", "2022-12-07"),
    ("<h3 class='teaser-meta'>04.03.2022</h3>", "2022-03-04"),
    ("<div class='info'><span class='label'>Datum:</span> 26.10.2021 <br>"
     "<span class='label'>Autor:</span> Ruedi Achermann</div>", "2021-10-26"),
    ("<div class='subline'><span>18 | 05 | 2022 </span><span>Region | Gesundheit</span></div>",
     "2022-05-18"),
    ("<p class='r'>14 Mar 2015 - 30 Sep 2018</p>", None),  # a span of days
])
def test_date_in_a_meta_line(line: str, expected: str | None, own_dates_only: None) -> None:
    assert newsscrape.extract(page(body_top=line, lang="de")).published == expected


def test_long_meta_line_sentence() -> None:
    line = ("<p class='postmetadata'><small>Dieser Beitrag wurde am Dienstag, 14. Februar 2012 "
            "um 09:25 Uhr veröffentlicht und unter <a href='/c/n'>News</a> abgelegt. Sie können "
            "die Kommentare zu diesem Eintrag durch den RSS 2.0 Feed verfolgen. Kommentare und "
            "Pings sind derzeit nicht erlaubt.</small></p>")
    assert newsscrape.extract(page(after=line, lang="de")).published == "2012-02-14T09:25:00"


def test_other_work_date_comes_last() -> None:
    how_to = ('<script type="application/ld+json">{"@type": "HowTo", "name": "Blumenkasten", '
              '"datePublished": "2021-09-27T14:51:37:219Z"}</script>')
    assert newsscrape.extract(page(how_to)).published == "2021-09-27T14:51:37+00:00"
    shown = "<p class='date'>Veröffentlicht am 28.09.2021</p>"
    assert newsscrape.extract(page(how_to, shown, lang="de")).published == "2021-09-28"


def test_comment_dates_are_not_the_article_date() -> None:
    comments = "".join(
        f"<div id='kommentar_{i}' class='comment-item'><div class='comment-date'>"
        f"<small>1{i}.09.2019 20:41</small></div><p>Sehr lecker, danke!</p></div>"
        for i in range(3))
    meta = "<small class='recipe-meta'><span class='recipe-date'>14.06.2007</span></small>"
    record = newsscrape.extract(page(body_top=meta + comments, lang="de"))
    assert record.published == "2007-06-14"


def test_a_comment_time_element_is_not_the_article_date() -> None:
    line = "<p class='entry-meta'>Veröffentlicht am 21.05.2019</p>"
    comment = ("<ol class='comment-list'><li class='comment'><footer class='comment-meta'>"
               "<time datetime='2019-05-29T22:14:05+02:00'>29. Mai 2019</time></footer>"
               "<p>Toller Podcast!</p></li></ol>")
    record = newsscrape.extract(page(body_top=line, after=comment, lang="de"))
    assert record.published == "2019-05-21"


def test_dates_down_a_teaser_list_come_after_the_article_date() -> None:
    teasers = "".join(
        f"<div class='teaser-box cat-{cat}'><div class='date'>{cat}, {day}.11.22</div>"
        f"<a href='/{cat}'>Another story</a></div>"
        for cat, day in (("sport", 20), ("reise", 23), ("kultur", 15)))
    own = "<div class='date'> Szene, 14.11.23 </div>"
    record = newsscrape.extract(page(body_top=teasers + own, lang="de"))
    assert record.published == "2023-11-14"


def test_todays_date_in_the_navigation_bar_is_not_the_article_date() -> None:
    masthead = ("<header class='container'><div id='topnav'><div class='topnav-bar'>"
                "<span class='today'><time datetime='2023-03-15T10:12:44+01:00'>"
                "Mittwoch, 15. März 2023</time></span></div></div></header>")
    html = page(body_top="<p class='date'>13. März 2023.</p>", lang="de")
    html = html.replace("<body>", "<body>" + masthead)
    assert newsscrape.extract(html).published == "2023-03-13"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en-GB", "2024-04-03"), ("en-US", "2024-03-04"), ("de", "2024-04-03"),
    ("en", "2024-03-04"),  # no region: month first unless impossible
])
def test_numeric_dates_in_the_page_locale_order(lang: str, expected: str) -> None:
    line = "<span class='time'>03/04/2024</span>"
    assert newsscrape.extract(page(body_top=line, lang=lang)).published == expected


def test_a_declared_language_the_text_contradicts_loses_to_the_text() -> None:
    arabic = "".join(f"<p>هذه فقرة رقم {i} من المقال وفيها كلمات كافية ليعدها المستخرج نصا "
                     f"للمقال وليست قائمة روابط أو عناصر من تصميم الموقع.</p>" for i in range(6))
    html = (f"<html lang='en'><head><title>خبر</title></head><body><article><h1>خبر</h1>"
            f"<span class='date'>03/04/2024</span>{arabic}</article></body></html>")
    assert newsscrape.extract(html).published == "2024-04-03"


@pytest.mark.parametrize("line", ["<span class='date'>3 hours ago</span>",
                                  "<span class='date'>昨天 10:30</span>",
                                  "<span class='date'>Posted March 5</span>"])
def test_relative_dates_of_a_bare_file_are_null(line: str, own_dates_only: None) -> None:
    assert newsscrape.extract(page(body_top=line)).published is None


@pytest.mark.parametrize(("line", "expected"), [
    ("<span class='date'>3 hours ago</span>", "2024-03-10T09:00:00"),
    ("<span class='date'>昨天 10:30</span>", "2024-03-09T10:30:00"),
    ("<span class='date'>Posted March 5</span>", "2024-03-05"),
])
def test_relative_dates_count_from_now_with_no_offset(line: str, expected: str) -> None:
    record = newsscrape.extract(page(body_top=line), now="2024-03-10T12:00:00+00:00")
    assert record.published == expected


def test_relative_dates_count_from_the_fetch_time() -> None:
    from newsscrape.options import ExtractOptions
    from newsscrape.pipeline import extract_page
    from newsscrape.record import Page

    html = page(body_top="<span class='date'>2 days ago</span>")
    fetched = Page(url="https://example.com/a", html=html, fetched_at="2023-01-05T08:00:00+00:00")
    assert extract_page(fetched, ExtractOptions()).published == "2023-01-03"


def test_modified_is_never_later_than_the_fetch() -> None:
    from newsscrape.options import ExtractOptions
    from newsscrape.pipeline import extract_page
    from newsscrape.record import Page

    head = ("<meta property='article:published_time' content='2024-03-05T08:00:00+00:00'>"
            "<meta property='article:modified_time' content='2024-03-12T08:00:00+00:00'>")
    html = page(head)
    fetched = Page(url="https://example.com/a", html=html, fetched_at="2024-03-10T12:00:00+00:00")
    record = extract_page(fetched, ExtractOptions())
    assert (record.published, record.modified) == ("2024-03-05T08:00:00+00:00", None)
    later = Page(url="https://example.com/a", html=html, fetched_at="2024-03-13T12:00:00+00:00")
    assert extract_page(later, ExtractOptions()).modified == "2024-03-12T08:00:00+00:00"


def test_a_utc_stamp_is_restated_in_the_offset_the_page_shows() -> None:
    head = "<meta property='article:published_time' content='2023-02-16T04:12:31+00:00'>"
    line = "<div class='time'>PUBLISHED: February 15, 2023 at 10:12 p.m.</div>"
    record = newsscrape.extract(page(head, line, lang="en-US"))
    assert record.published == "2023-02-15T22:12:31-06:00"


def test_an_update_clock_shows_the_page_offset() -> None:
    head = ("<meta property='article:published_time' content='2023-02-20T23:14:00Z'>"
            "<meta property='article:modified_time' content='2023-02-21T16:42:37Z'>")
    line = "<span class='date'>Aggiornato alle 17:42</span>"
    record = newsscrape.extract(page(head, line, lang="it"))
    # 23:14Z is 00:14 on the 21st there: the day the page shows; 16:42Z is on the same day
    assert (record.published, record.modified) == ("2023-02-21T00:14:00+01:00",
                                                   "2023-02-21T16:42:37+00:00")


def test_an_unrelated_wall_clock_states_no_offset() -> None:
    head = "<meta property='article:published_time' content='2023-02-16T04:12:31+00:00'>"
    line = "<div class='time'>February 15, 2023 at 9:47 p.m.</div>"
    assert newsscrape.extract(page(head, line)).published == "2023-02-16T04:12:31+00:00"


def test_htmldate_is_the_second_opinion_when_the_page_dates_nothing() -> None:
    script = ('<script>var page = {"published_at":"2018-10-23T07:41:52+02:00", '
              '"vendor": "Kaffeerösterei Maibach"};</script>')
    record = newsscrape.extract(page(after=script), provenance=True)
    assert record.published == "2018-10-23"  # a day stays a day
    assert record.provenance is not None
    assert record.provenance["published"] == {"source": "htmldate", "raw": "2018-10-23"}


COPYRIGHT_FOOTER = ("<footer><p>© 2016 Schmidt Bau GmbH · <a href='/impressum'>Impressum</a> · "
                    "<a href='/datenschutz'>Datenschutz</a></p></footer>")
ARCHIVE_LINKS = ("<aside><h3>Archiv</h3><ul><li><a href='/blog/2022/10/'>Oktober 2022</a></li>"
                 "<li><a href='/blog/2022/09/'>September 2022</a></li></ul></aside>")


@pytest.mark.parametrize(("after", "htmldates"), [
    (COPYRIGHT_FOOTER, "2016-01-01"),  # its last resort: the copyright year
    (ARCHIVE_LINKS, "2022-09-01"),  # a month from an archive link
])
def test_htmldate_filling_in_a_year_or_month_gives_no_day(after: str, htmldates: str) -> None:
    from htmldate import find_date

    html = page(after=after, lang="de")
    assert find_date(html, extensive_search=True, original_date=True) == htmldates
    record = newsscrape.extract(html, provenance=True)
    assert record.published is None
    assert record.provenance is not None and "published" not in record.provenance


def test_htmldate_on_the_first_of_a_month_the_page_writes_is_a_day() -> None:
    script = ('<script>var page = {"published_at":"2019-01-01T07:41:52+01:00", '
              '"vendor": "Kaffeerösterei Maibach"};</script>')
    record = newsscrape.extract(page(after=script + COPYRIGHT_FOOTER), provenance=True)
    assert record.published == "2019-01-01"
    assert record.provenance is not None
    assert record.provenance["published"] == {"source": "htmldate", "raw": "2019-01-01"}


@pytest.mark.parametrize(("html", "shown"), [
    ("<p>Posted on <b>January 1, 2019</b> by admin</p>", True),
    ("<p class='date'>01.01.2019 | 10:00</p>", True),
    ("<span>1er janvier 2019</span>", True),
    ("<p>2019年1月1日 10:00</p>", True),
    ("<time datetime='2019-01-01T10:00:00+01:00'>Neujahr</time>", True),
    ("<p>© 2019 Example Corp. All rights reserved.</p>", False),
    ("<a href='/2019/01/'>January 2019</a>", False),
    ("<p>December 31, 2019</p><p>© 2019</p>", False),
])
def test_shows_day(html: str, shown: bool) -> None:
    from datetime import date

    from newsscrape.extractors.second_opinion import shows_day

    assert shows_day(html, date(2019, 1, 1)) is shown


def test_htmldate_is_not_asked_when_the_page_has_a_date(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import newsscrape.pipeline

    asked: list[str] = []

    def count(html: str, **_: object) -> None:
        asked.append(html)

    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", count)
    head = "<meta property='article:published_time' content='2024-03-05'>"
    assert newsscrape.extract(page(head)).published == "2024-03-05"
    assert asked == []
    assert newsscrape.extract(page()).published is None
    assert len(asked) == 1


def test_a_second_opinion_on_the_modified_day_is_not_published() -> None:
    line = "<p class='info'>Aktualisiert: 17.10.2017</p>"
    record = newsscrape.extract(page(after=line, lang="de"))
    assert (record.published, record.modified) == (None, "2017-10-17")


@pytest.mark.parametrize(("second", "expected"), [
    ("2022-03-10", "2022-03-10T10:47:00"),  # sides with the page: its date, with its time
    ("2022-03-08", "2022-03-08T09:47:00+00:00"),  # sides with the metadata
    (None, "2022-03-08T09:47:00+00:00"),
])
def test_a_second_opinion_settles_metadata_against_the_shown_date(
        monkeypatch: pytest.MonkeyPatch, second: str | None, expected: str) -> None:
    import newsscrape.pipeline

    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", lambda html, **_: second)
    head = "<meta property='article:published_time' content='2022-03-08T09:47:00.000Z'>"
    line = "<p class='date'>10.03.2022, 10:47 Uhr</p>"
    record = newsscrape.extract(page(head, line, lang="de"), provenance=True)
    assert record.published == expected
    assert record.provenance is not None
    arbiter = record.provenance["published"].get("arbiter")
    assert arbiter == ("htmldate" if second == "2022-03-10" else None)


def test_a_persian_page_declared_english_has_its_dates_read_in_its_calendar() -> None:
    persian = "".join(f"<p>این بند شماره {i} از متن خبر است و به اندازه کافی واژه دارد تا "
                      f"استخراج‌کننده آن را متن مقاله بداند و نه فهرستی از پیوندها.</p>"
                      for i in range(6))
    html = (f"<html lang='en'><head><title>خبر</title></head><body><article><h1>خبر</h1>"
            f"<span class='date'>۱۳۹۹/۰۴/۰۲ - ۱۰:۳۰</span>{persian}</article></body></html>")
    assert newsscrape.extract(html).published == "2020-06-22T10:30:00"


def test_the_date_line_used_for_metadata_leaves_the_body_text() -> None:
    line = "<p class='text-caption'>15. Februar 2022 | Mobilität</p>"
    record = newsscrape.extract(page(body_top=line, lang="de"))
    assert record.published == "2022-02-15"
    assert "15. Februar 2022" not in record.text
    assert record.text.startswith("Paragraph 0")


@pytest.mark.parametrize("prose", [
    "<p>李克强同志因突发心脏病，于2023年10月27日0时10分在上海逝世。</p>",
    "<h3>Die neuen Parkgebühren ab 01.04.2024</h3>",
])
def test_prose_or_a_bound_that_mentions_a_date_stays_in_the_text(
        prose: str, own_dates_only: None) -> None:
    record = newsscrape.extract(page(body_top=prose))
    assert record.published is None
    assert prose.split(">")[1].split("<")[0] in record.text


@pytest.mark.parametrize(("line", "lang", "published", "modified", "publisher"), [
    ("<div class='meta'>Veröffentlicht am 5. März 2024, 08:10 Uhr | Aktualisiert am "
     "6. März 2024, 12:30 Uhr</div>", "de", "2024-03-05T08:10:00", "2024-03-06T12:30:00",
     "Site"),  # the <title>'s site name: no source on the line
    ("<p class='data'>Pubblicato il 5/3/2024 alle 8:10 – Ultimo aggiornamento 6/3/2024 12:30"
     "</p>", "it", "2024-03-05T08:10:00", "2024-03-06T12:30:00", "Site"),
    ("<div class='info'>2024-06-30 10:15:23 来源：新华网 作者：王小明</div>", "zh",
     "2024-06-30T10:15:23", None, "新华网"),
])
def test_one_line_with_both_stamps_or_a_source(line: str, lang: str, published: str,
                                               modified: str | None,
                                               publisher: str | None) -> None:
    record = newsscrape.extract(page(body_top=line, lang=lang))
    assert (record.published, record.modified, record.publisher) == (
        published, modified, publisher)


def test_time_elements_down_a_list_come_after_the_dates_the_page_shows(
        own_dates_only: None) -> None:
    sidebar = "<aside><ul>" + "".join(
        f"<li><a href='/b/{i}'>Billet {i}</a> <span class='author'>par X, "
        f"<time datetime='2019-10-0{i}'>{i} octobre</time></span></li>" for i in range(1, 4)
    ) + "</ul></aside>"
    record = newsscrape.extract(page(body_top="<p class='date'>12 septembre 2019</p>", lang="fr",
                                     after=sidebar), provenance=True)
    assert record.published == "2019-09-12"
    assert record.provenance is not None and record.provenance["published"]["source"] == "text"


def test_cli_extract_now_says_when_a_saved_page_was_read(tmp_path: Path) -> None:
    from conftest import invoke

    saved = tmp_path / "page.html"
    saved.write_text(page(body_top="<span class='date'>vor 2 Tagen</span>", lang="de"),
                     encoding="utf-8")
    bare = invoke("extract", saved)
    assert bare.exit_code == 0 and json.loads(bare.stdout)["published"] is None
    dated = invoke("extract", saved, "--now", "2024-03-10T12:00:00+01:00")
    assert dated.exit_code == 0 and json.loads(dated.stdout)["published"] == "2024-03-08"
    wrong = invoke("extract", saved, "--now", "last tuesday")
    assert wrong.exit_code == 2 and "--now" in wrong.output


@pytest.mark.parametrize(("lead", "expected"), [
    ("Freiburg, (09.03.2022). Zum Frühjahrsbeginn laden die Gemeinden der Region wieder "
     "zu offenen Gartentagen in ihre Pfarrhöfe ein.", "2022-03-09"),
    ("<strong>03.05.2022</strong> „Der Wohnungsbau ist schwach in das Frühjahr gestartet“, "
     "sagte die Verbandssprecherin.", "2022-05-03"),
    ("(3. März 2024) Die Stadtwerke senken zum Frühjahr die Abschläge für Strom und Gas "
     "in allen Tarifen.", "2024-03-03"),
    ("Der Rat (3. März 2024) hat den Haushalt für das kommende Jahr beschlossen, mit "
     "großer Mehrheit.", None),  # a bracketed date inside the sentence is no dateline
    ("Am 5. März 2024 hat der Rat den Haushalt für das kommende Jahr beschlossen, mit "
     "großer Mehrheit.", None),  # a sentence that mentions a date, no dateline
])
def test_a_dateline_opening_the_lead(lead: str, expected: str | None,
                                     own_dates_only: None) -> None:
    record = newsscrape.extract(page(body_top=f"<p>{lead}</p>", lang="de"))
    assert record.published == expected
    assert record.text.startswith(lead.replace("<strong>", "").replace("</strong>", "")[:20])


def test_the_date_by_the_headline_beats_todays_date_in_a_masthead(own_dates_only: None) -> None:
    """No article container: the date line in the headline's box is the story's, not the
    weekday-and-date clock in the site's banner above it."""
    html = ("<html lang='en'><head><title>Bridge repairs to start in spring</title></head>"
            "<body><div id='page'><div id='top'><a href='/'><img alt='Home' "
            "src='/img/brand.svg'></a><span class='clock'>Wednesday, 9 October 2019</span>"
            "</div><div class='main'><div class='col-8'><div class='card'>"
            "<div class='card-body'><div class='card-meta'><span>7 October 2019</span> | "
            "<a href='/local'>Local</a></div><h1>Bridge repairs to start in spring</h1>"
            f"<div class='copy'>{PARAS}</div></div></div></div>"
            "<div class='col-4'><p>Tides: high water 06:12</p></div></div></div></body></html>")
    assert newsscrape.extract(html).published == "2019-10-07"


def test_a_related_story_list_taken_for_the_root_leaves_the_headline_date_first(
        own_dates_only: None) -> None:
    """The only ``<article>`` elements are the related stories under the story; the date
    line beside the story's own headline comes before theirs."""
    related = "".join(
        f"<article class='card'><span class='date'>{day} juillet 2018</span>"
        f"<h3><a href='/actu/{day}'>Une autre nouvelle de la commune, racontée ici</a></h3>"
        f"<p>{'Quelques phrases de présentation de cette autre nouvelle. ' * 6}</p></article>"
        for day in (5, 6))
    html = ("<html lang='fr'><head><title>Horaires d'été de la piscine</title></head><body>"
            "<div class='node node--article'><div class='region'><div class='column'>"
            "<div class='page-header'><h1 class='page-title'>Horaires d'été de la piscine</h1>"
            "</div><div class='tools'><div class='posted'>03.07.2018</div></div>"
            f"<div class='text'>{PARAS}</div></div>"
            f"<div class='column'><div class='related'>{related}</div></div></div></div>"
            "</body></html>")
    assert newsscrape.extract(html).published == "2018-07-03"


@pytest.mark.parametrize(("name", "shown", "expected"), [
    ("date", "<span class='entry-date'>14.06.2019</span>", "2019-06-14"),
    ("DC.Date", "<p class='meta'>Pressemitteilung | 27.05.2019</p>", "2019-05-27"),
    ("date", "", "2019-06-21"),  # nothing shown: the page's date it is
])
def test_a_page_date_of_no_stated_kind_comes_after_the_date_the_story_shows(
        name: str, shown: str, expected: str, own_dates_only: None) -> None:
    """``<meta name=date>`` is often the record's last change (a CMS's page date); a story
    that shows its own date is dated by it."""
    html = page(head=f"<meta name='{name}' content='2019-06-21'>", body_top=shown, lang="de")
    assert newsscrape.extract(html).published == expected


@pytest.mark.parametrize("logo", [
    "<div class='logo'><a href='/'><img src='/img/brand.png' alt='Valley Courier'></a></div>",
    "<h1 class='site-title'><a href='/'>Valley Courier</a></h1>",  # a logo is no headline
    # the theme's hidden menu heading, in the banner's <nav>
    "<h1 class='site-title'><a href='/'>Valley Courier</a></h1><nav class='primary'>"
    "<h2 class='screen-reader-text'>Main menu</h2><ul><li><a href='/sport'>Sport</a></li>"
    "</ul></nav>",
    "<h1 class='site-title'><a href='/'>Valley Courier</a></h1>"
    "<h2 class='site-description'>Stories from both banks of the river</h2>",  # the motto
    "<h1 class='site-title'><a href='/'>Valley Courier</a></h1>"
    "<p class='tagline'><span>Since 1911</span></p><h2 class='tagline'>Read by the valley</h2>",
    "<h1><img src='/img/brand.png' alt='Valley Courier'></h1>",  # a logo without a link
    "<h1 class='site-title'><a href='/'>Valley Courier</a></h1>"
    "<h2 style='display:none'>Latest</h2>",  # a hidden heading
])
def test_todays_date_in_a_site_banner_header_is_not_the_article_date(
        logo: str, own_dates_only: None) -> None:
    """A ``<header>`` in no ``<article>`` and without a headline (logo, today's date) is the
    site's banner even when it is not the body's child."""
    banner = (f"<div class='page'><header><div class='inner'>{logo}"
              "<div class='today'><span class='date'>Wed, 4 Aug 2021</span></div></div>"
              "</header><nav><ul><li><a href='/'>Home</a></li><li><a href='/local'>Local</a>"
              "</li></ul></nav>")
    story = ("<div class='inner'><div class='row'><div class='col'><h2>Library reopens after "
             f"flood repairs</h2></div></div><div class='story-text'>{PARAS}</div></div>"
             "<div class='meta'><p>Posted 2 Aug 2021</p></div></div>")
    html = (f"<html lang='en'><head><title>Library reopens after flood repairs</title></head>"
            f"<body>{banner}{story}</body></html>")
    assert newsscrape.extract(html).published == "2021-08-02"


@pytest.mark.parametrize("heading", [
    "<h1>Library reopens after flood repairs</h1>",
    "<h1 class='entry-title'><img src='/img/icon.png' alt=''> Library reopens after flood "
    "repairs</h1>",  # an image and words: a headline, not a logo
])
def test_a_body_level_header_holding_the_headline_is_the_storys(
        heading: str, own_dates_only: None) -> None:
    """A ``<header>`` with a headline (words, not only an image) heads the story: its
    date line is the article's."""
    html = ("<html lang='en'><head><title>Library reopens after flood repairs</title></head>"
            f"<body><div class='page'><header>{heading}<p class='byline'>Posted 2 Aug 2021"
            f"</p></header><div class='story-text'>{PARAS}</div>"
            "<div class='side'><p>Archive: 4 Aug 2021</p></div></div></body></html>")
    assert newsscrape.extract(html).published == "2021-08-02"


@pytest.mark.parametrize(("extra", "expected"), [
    ("", "2022-05-10T08:40:00"),  # the stamp is the last save; the page shows the first day
    ("<p class='updated'>May 11, 2022</p>", "2022-05-11T09:03:27+00:00"),  # shown too
])
def test_metadata_published_and_modified_alike_is_the_last_save(
        extra: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CMS that writes one time as both published and modified states when the page
    was last saved: an earlier day the page shows is the publication (whatever a second
    opinion reading the same metadata says), unless the page also shows the stamp's day."""
    import newsscrape.pipeline

    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", lambda html, **_: "2022-05-11")
    head = ("<meta property='og:article:published_time' content='2022-05-11T09:03:27+0000'>"
            "<meta property='og:article:modified_time' content='2022-05-11T09:03:27+0000'>")
    line = f"<div class='story-meta__date'>May 10, 2022 / 8:40 AM</div>{extra}"
    record = newsscrape.extract(page(head, line), provenance=True)
    assert record.published == expected


def test_a_shown_clock_no_whole_quarter_hour_from_the_stamp_is_another_moment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"7th, 9:50 PM" is within a day of 02:17 UTC on the 8th but no zone's offset away
    (4:27 behind): the second opinion is asked and settles it (here for the page's date)."""
    import newsscrape.pipeline

    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", lambda html, **_: "2021-03-07")
    head = "<meta property='article:published_time' content='2021-03-08T02:17:45Z'>"
    line = "<p class='date'>March 7, 2021 / 9:50 PM</p>"
    assert newsscrape.extract(page(head, line)).published == "2021-03-07T21:50:00"


@pytest.mark.parametrize(("stamp", "shown", "same"), [
    ("2024-02-14T03:12:41+00:00", "2024-02-13T21:12:41", True),  # -06:00, to the second
    ("2024-02-14T03:12:41+00:00", "2024-02-13T21:12:00", True),  # a clock without seconds
    ("2024-02-14T03:12:41+00:00", "2024-02-13T21:20:00", False),  # no zone is 5:52 behind
    ("2022-05-11T09:03:27+00:00", "2022-05-10T08:40:00", False),  # a day and more behind
    ("2022-05-11T09:03:27+00:00", "2022-05-10", True),  # a day: 19:03 at -14:00
])
def test_a_shown_clock_is_the_stamp_in_another_zone_only_whole_quarter_hours_away(
        stamp: str, shown: str, same: bool) -> None:
    from newsscrape.normalize.dating import _same_moment_possible

    assert _same_moment_possible(stamp, shown) is same


def test_lines_away_from_the_story_give_a_byline_only(own_dates_only: None) -> None:
    """With an article root and a headline found, a line outside the block holding them
    (a sidebar's date, a topics bar's hashtags) is no date or tag of the story's; a
    byline there still counts (an info box beside the text)."""
    html = ("<html lang='en'><head><title>Story title | Site</title></head><body>"
            "<div class='topics'><ul><li>#Election2024 #CityNews</li></ul></div>"
            f"<div class='wrap'><div class='main'><article><h1>Story title</h1>{PARAS}"
            "</article></div><div class='side'><ul><li>By Hanna Oberreit</li>"
            "<li>March 3, 2024</li></ul></div></div></body></html>")
    record = newsscrape.extract(html)
    assert (record.published, record.tags, record.authors) == (None, (), ("Hanna Oberreit",))
    shown = html.replace("<h1>Story title</h1>", "<h1>Story title</h1><p>March 5, 2024</p>")
    assert newsscrape.extract(shown).published == "2024-03-05"


def test_a_last_change_label_marks_the_modified_date(own_dates_only: None) -> None:
    """"Letzte Änderung" labels the last edit: never the publication."""
    record = newsscrape.extract(page(
        body_top="<p class='info'>Letzte Änderung: 22.06.2020, 10:15 Uhr</p>", lang="de"))
    assert (record.published, record.modified) == (None, "2020-06-22T10:15:00")
