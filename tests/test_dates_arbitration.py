"""When the metadata's published date loses to another date the page states: a second
published claim the page shows, a scheduled post's shown day, a bare metadata day
against the page's ``<time>``, a URL set days before, a description's one date."""

from __future__ import annotations

import json

import pytest

import newsscrape
from tests.test_dates_pipeline import page


@pytest.fixture
def second_opinion(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """htmldate's day for the page: set ``second_opinion[0]``."""
    import newsscrape.pipeline

    day: list[str | None] = [None]
    monkeypatch.setattr(newsscrape.pipeline, "htmldate_day", lambda html, **_: day[0])
    return day


def ld(**fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **fields}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def meta(prop: str, content: str) -> str:
    return f"<meta property='{prop}' content='{content}'>"


@pytest.mark.parametrize(("og_published", "expected"), [
    ("2022-03-15T09:00:00+01:00", "2022-03-15T09:00:00+01:00"),  # a second claim: taken
    (None, "2021-03-02T10:00:00+01:00"),  # the shown day is only the modified day
])
def test_a_shown_day_another_published_claim_names_wins(
        second_opinion: list[str | None], og_published: str | None, expected: str) -> None:
    second_opinion[0] = "2022-03-15"
    head = ld(datePublished="2021-03-02T10:00:00+01:00",
              dateModified="2022-03-15T09:00:00+01:00")
    if og_published:
        head += meta("article:published_time", og_published)
    line = "<p class='date'>15.03.2022</p>"
    assert newsscrape.extract(page(head, line, lang="de")).published == expected


@pytest.mark.parametrize("hidden", [
    "", "<span class='entry-date'>2023-05-09T21:10:00+02:00</span>"])
def test_a_local_stamp_and_the_next_day_shown_are_different_days(
        second_opinion: list[str | None], hidden: str) -> None:
    """21:10 at +02:00 on the 9th is not the 10th anywhere the page says; a machine
    stamp written as text is not the date the page shows a reader."""
    second_opinion[0] = "2023-05-10"
    head = meta("article:published_time", "2023-05-09T21:10:00+02:00")
    line = f"{hidden}<p class='date'>Lindau, 10.05.2023</p>"
    assert newsscrape.extract(page(head, line, lang="de")).published == "2023-05-10"


def test_a_utc_stamp_may_still_be_the_next_day_shown(second_opinion: list[str | None]) -> None:
    second_opinion[0] = "2023-05-10"
    head = meta("article:published_time", "2023-05-09T23:10:00+00:00")
    line = "<p class='date'>10.05.2023</p>"
    # the shown day may be the same moment in the page's own zone: the stamp stays
    assert newsscrape.extract(page(head, line, lang="de")).published == "2023-05-09T23:10:00+00:00"


@pytest.mark.parametrize(("modified", "published", "saved"), [
    ("2020-11-16T16:05:00+01:00", "2020-11-17", None),  # saved before it went out
    ("2020-11-16T21:40:00+01:00", "2020-11-16T19:00:00+01:00", "2020-11-16T21:40:00+01:00"),
])
def test_a_scheduled_post_is_dated_as_the_page_shows(
        second_opinion: list[str | None], modified: str, published: str,
        saved: str | None) -> None:
    second_opinion[0] = "2020-11-16"
    head = (meta("article:published_time", "2020-11-16T19:00:00+01:00")
            + meta("article:modified_time", modified))
    line = "<p class='date'>17.11.2020</p>"
    record = newsscrape.extract(page(head, line, lang="fr"), provenance=True)
    assert (record.published, record.modified) == (published, saved)
    assert record.provenance is not None
    assert record.provenance["published"].get("arbiter") == ("schedule" if saved is None
                                                             else None)


@pytest.mark.parametrize(("shown", "expected"), [
    ("<time datetime='2021-02-16'>16.02.2021</time>", "2021-02-16"),
    ("<p class='date'>16.02.2021</p>", "2021-02-06"),  # a line: htmldate is asked
])
def test_a_bare_metadata_day_loses_to_the_pages_time_element(
        second_opinion: list[str | None], shown: str, expected: str) -> None:
    second_opinion[0] = "2021-02-06"
    head = "<meta name='og:article:published_time' content='2021-02-06'>"
    assert newsscrape.extract(page(head, shown, lang="de")).published == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://blog.example.net/home/2016/5/3/am-ende-der-welt", "2016-05-03"),
    ("https://blog.example.net/home/2018/9/20/am-ende-der-welt", "2018-09-21T08:15:00+02:00"),
    ("https://blog.example.net/home/2018/9/24/am-ende-der-welt", "2018-09-21T08:15:00+02:00"),
])
def test_a_url_set_days_before_the_metadata_keeps_the_first_day(
        second_opinion: list[str | None], url: str, expected: str) -> None:
    head = meta("article:published_time", "2018-09-21T08:15:00+02:00")
    assert newsscrape.extract(page(head, lang="de"), url=url).published == expected


@pytest.mark.parametrize(("description", "expected"), [
    ("Nuovo orario estivo per la biblioteca comunale (Comunicato del 3 Giugno 2021)", "2021-06-03"),
    ("Lavori sul sentiero dal 3 Marzo 2020 al 5 Marzo 2021", None),  # a span
])
def test_a_descriptions_one_date_when_the_page_names_none(
        second_opinion: list[str | None], description: str, expected: str | None) -> None:
    head = f"<meta name='description' content='{description}'>"
    assert newsscrape.extract(page(head, lang="it")).published == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Mercato contadino in piazza ogni sabato (Avviso del 9 Aprile 2022)", "9 Aprile 2022"),
    ("[Eingestellt: 2019-04-11 09:40] Der Stadtrat beschließt den Haushalt", "2019-04-11 09:40"),
    ("Lavori sul sentiero dal 3 Marzo 2020 al 5 Marzo 2021", None),  # a span
    ("Gültig ab 01.04.2025 für alle Tarife", None),  # a bound
    ("Aktualisiert am 06.03.2024: neue Zahlen", None),  # an update
    ("Termine: 05.03.2024 und 12.03.2024", None),  # several
    ("Das Jahr 2019 war ein Rekordjahr", None),  # a year is not a date
])
def test_sole_date(line: str, expected: str | None) -> None:
    from newsscrape.lexicon.dates import sole_date

    assert sole_date(line) == expected
