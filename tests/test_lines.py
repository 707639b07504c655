"""Line-level clean-up of the body text (``extractors.lines.clean_lines``)."""

from __future__ import annotations

import pytest

from newsscrape.extractors.lines import clean_lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # German typesetting hyphenates long words with soft hyphens for narrow columns
        ("Im Mit\u00adtel\u00adal\u00adter war die Stadt ein Zen\u00adtrum des "
         "Wein\u00adhan\u00addels.",
         "Im Mittelalter war die Stadt ein Zentrum des Weinhandels."),
        # a zero-width space as a line-break hint in a long address, a word joiner
        ("Siehe https://example.org/\u200bberichte/\u200b2024 und Ver\u2060fahren.",
         "Siehe https://example.org/berichte/2024 und Verfahren."),
        # a byte-order mark left inside pasted text
        ("\ufeffThe council met on Tuesday evening.", "The council met on Tuesday evening."),
        # zero-width (non-)joiners shape Persian words and emoji sequences: they stay
        ("می\u200cخواهم به خانه بروم", "می\u200cخواهم به خانه بروم"),
        ("A family \U0001F468\u200d\U0001F469\u200d\U0001F467 emoji.",
         "A family \U0001F468\u200d\U0001F469\u200d\U0001F467 emoji."),
    ],
)
def test_invisible_word_break_hints_are_removed(line: str, expected: str) -> None:
    text = clean_lines(f"First paragraph of the story, long enough to be prose.\n{line}").text
    assert text.split("\n\n")[1] == expected


FIRST = "First paragraph of the story, long enough to be prose."
LAST = "Last paragraph of the story, also long enough to be prose."


@pytest.mark.parametrize(
    "line",
    [
        # picture credits and caption labels
        "Foto: dpa/Bernd Weißbrod",
        "Titelbild: Morten Ahlgren/ABACA/picture-alliance",
        "Crédits photos : Bestimage",
        "Image illustrative : Lots of Lego Minifigures by Ninja Brick, en licence Creative Commons",
        "Abbildung 3: typischer Bodenaufbau im Querschnitt.",
        "© Tamsin Everard/Getty Images",
        "Lena Thalmann, Langläuferin aus Graubünden. © AFP / PIERRE DUCLOS",
        # ad labels and disclosures
        "Anzeige",
        "REKLAMA",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Modemarke.",
        "Letzte Aktualisierung am 14.09.2023 / Bei den Verlinkungen handelt es sich um "
        "Affiliate Links / Bilder von der Amazon Product Advertising API",
        # invitations to subscribe, join, log in, use the app, write in
        "To view the full story, please subscribe to The Harbour Times.",
        "If you’re seeing this message but you’re already a subscriber, you can log in.",
        "HAZTE SOCIO Y ACCEDE A BENEFICIOS EXCLUSIVOS",
        "Pour accéder en illimité à nos articles, abonnez-vous.",
        "Have our morning briefing sent straight to your phone with the Island Courier app.",
        "Submit your letter to the editor via this form.",
        "Pressebereich - alle Meldungen | Newsletter abonnieren",
        "Sie sind aktuell nicht eingeloggt.",
        # headings of story lists, pointers and interface strings
        "Das könnte Sie auch interessieren",
        "Weitere Artikel zum Thema",
        "| Weitere Artikel zum Thema |",
        "Czytaj także",
        "Inhaltsverzeichnis",
        "Diese Seite teilen",
        "(Noch keine Bewertungen)",
        # wire agency slugs on a line of their own
        "(dpa)",
        "(AFP/Reuters)",
        "dpa/lnw",
        "dpa-infocom, dpa:240305-99-123456/3",
        "Reuters",
    ],
)
def test_in_body_furniture_lines_go(line: str) -> None:
    assert clean_lines(f"{FIRST}\n{line}\n{LAST}").text == f"{FIRST}\n\n{LAST}"


@pytest.mark.parametrize(
    "line",
    [
        "Advertising revenue fell by four percent in the third quarter, the company said.",
        "Die Fotos wurden am Montag im Rathaus gezeigt.",
        "Weitere Gespräche sind für März geplant.",
        "The streaming service lost 200,000 subscribers in the quarter.",
        "Werbung ist für viele Vereine die wichtigste Einnahmequelle.",
        "Search for the missing hikers resumed on Sunday morning.",
        "Bild und Ton fielen am Abend für zwei Stunden aus.",
        "AP and Reuters reported the same figures.",
        "(Reuters reported the same figures.)",
    ],
)
def test_article_sentences_with_those_words_stay(line: str) -> None:
    assert clean_lines(f"{FIRST}\n{line}\n{LAST}").text == f"{FIRST}\n\n{line}\n\n{LAST}"


@pytest.mark.parametrize("line", ["Ora 18:30", "Heure 20h30"])
def test_a_clock_in_a_programme_stays(line: str) -> None:
    # dateparser would read it as today at that time; a body line gets only the fast
    # date readers unless it holds a relative word ("vor", "ago", "yesterday")
    found = clean_lines(f"{FIRST}\n{line}\n{LAST}")
    assert (found.text, found.published) == (f"{FIRST}\n\n{line}\n\n{LAST}", [])


def test_a_relative_date_line_in_the_body_goes_to_the_dates() -> None:
    found = clean_lines(f"{FIRST}\nvor 2 Tagen\n{LAST}")
    assert (found.text, [f.value for f in found.published]) == (
        f"{FIRST}\n\n{LAST}", ["vor 2 Tagen"])
