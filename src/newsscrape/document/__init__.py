"""Bytes to a document, whatever their origin (a fetch, a saved file, a WARC record).

``decode`` (charset), ``content_type`` (which media types are pages), ``sniff`` (is a
decoded document an HTML page at all), ``language`` (language tags and detection) and
``warc`` (reading WARC files). No network and no HTTP stack: extracting saved files
loads this package, never ``newsscrape.fetcher`` or httpx.
"""
