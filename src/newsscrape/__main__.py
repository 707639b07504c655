"""``python -m newsscrape`` and the ``newsscrape`` console script.

A Ctrl-C that arrives while the program is still loading (before the command has
opened any file) exits 130 at once, without a traceback; ``cli.main`` takes SIGINT
over from there.
"""

from __future__ import annotations

import os
import signal


def _interrupted_while_loading(signum: int, frame: object) -> None:
    os._exit(130)


def run() -> None:
    """Entry point: guard the start-up against Ctrl-C, then run the command line."""
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _interrupted_while_loading)
    except ValueError:  # not the main thread
        pass
    from newsscrape.cli import main

    main()


if __name__ == "__main__":
    run()
