"""``python -m newsscrape.spark spark-warc ...``; also the file to give ``spark-submit``."""

from newsscrape.spark.commands import spark_cli

if __name__ == "__main__":
    spark_cli(prog_name="newsscrape.spark")
