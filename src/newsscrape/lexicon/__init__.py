"""The lexicon: what news pages say, per language, beneath the stages.

Tables of rows, each row one term with its language, compiled once (at import) into
the patterns and sets the stages use, and the recognisers built on them. The
extractors ask "is this line a date, a byline, a hashtag line, a comment notice?" here,
and the normalizers read dates and names with the same tables; this package imports
no stage. Adding a language is adding rows.

- ``terms`` — the row type and the helpers that compile tables.
- ``shapes`` — what is the same in every language: e-mail and web addresses, scripts.
- ``datewords`` — months, weekdays, relative days, units, published/updated labels,
  zone abbreviations, CJK date signs; ``dates`` — reading date expressions with them
  (``read_date``, ``within_news_range``, ``is_date``, ``is_timestamp_line``,
  ``update_clock``, ``date_line_parts``).
- ``bylinewords`` — byline markers, roles, agencies, desks, conjunctions, non-names;
  ``names`` — reading person names out of bylines and author fields.
- ``hashtags`` — what a hashtag is (``hashtags``, ``is_hashtag_line``).
- ``furniture`` — comment, teaser, home, tag-list, source, copyright and contact words,
  and the line and block recognisers built from them.
"""
