"""newsscrape on Spark (the ``spark`` extra): ``spark-warc`` extracts web archives,
``spark-fetch`` fetches live URL lists, both with the records ``newsscrape`` prints.

A library: the command line is ``cli/spark.py`` (and ``__main__.py`` here, for
``spark-submit``).

::

    job.py         driver: plan the partitions, run them, add up the counters
    manifest.py    the WARC list: paths/URIs, warc.paths.gz, --since/--until
    sources.py     opening paths and URIs (file, http(s), s3a, hdfs...) as streams
    warc_task.py   one task: one WARC through ``extract``'s reader and worker pool
    fetch_task.py  one task: ``fetch``'s batch fetcher over one partition's sites
    store.py       per-unit output files (Parquet or JSONL) and done markers
"""
