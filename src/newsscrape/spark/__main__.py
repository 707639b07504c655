"""``python -m newsscrape.spark spark-warc ...``; also the file to give ``spark-submit``.

Command-line code (``cli.spark``), like the package's own ``__main__``."""

from newsscrape.cli.spark import spark_cli

if __name__ == "__main__":
    spark_cli(prog_name="newsscrape.spark")
