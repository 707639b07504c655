"""newsscrape on Spark (the ``spark`` extra): ``spark-warc`` extracts web archives,
``spark-fetch`` fetches live URL lists, both with the records ``newsscrape`` prints.

::

    commands.py    the click commands (spark-warc, spark-fetch)
    job.py         driver: plan the partitions, run them, add up the counters
    manifest.py    the WARC list: paths/URIs, warc.paths.gz, --since/--until
    sources.py     opening paths and URIs (file, http(s), s3a, hdfs...) as streams
    warc_task.py   one task: stream one WARC through ``extract``'s own loop
    fetch_task.py  one task: ``fetch``'s batch fetcher over one partition's sites
    deadline.py    the per-page time limit (a child process, killed on overrun)
    store.py       per-unit output files (Parquet or JSONL) and done markers
"""
