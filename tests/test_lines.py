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
