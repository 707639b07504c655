"""Stage 1 online: downloading pages with httpx (``client``), politely and safely.

``client`` (one page: redirects, deadline, size cap), ``transports``/``safety``/``backend``
(the address policy on the connected address), ``retry``, ``robots``, ``cache`` (RFC 9111)
and ``archive`` (the ``--warc`` writer). Bytes become text in ``newsscrape.document``,
which this package uses and which never imports it back. Kept free of imports itself.
"""
