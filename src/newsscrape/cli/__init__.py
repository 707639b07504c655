"""The command line: ``commands`` (the click commands), ``files`` (the files a run writes),
``inputs`` (URL lists), ``progress`` (the live progress line)."""

from newsscrape.cli.commands import cli, main

__all__ = ["cli", "main"]
