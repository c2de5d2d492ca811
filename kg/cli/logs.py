"""Where the library's log records go when `kg` runs: stderr, errors only unless --verbose.

The library logs what it recovers from (an extractor that failed on one sentence, a file a folder walk skipped)
through ``logging`` under the ``kg`` logger and never prints. Records are still created at WARNING without
--verbose, so the ingest summary can count them; only the handler decides what reaches the terminal.
"""
from __future__ import annotations

import logging
import os
import sys

#: Set (to anything) to print the traceback of an unexpected error instead of its one line.
DEBUG_ENV = "KG_DEBUG"

_HANDLER_NAME = "kg-cli"


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (a test runner swaps it per command)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # noqa: BLE001 - logging must never take the command down
            self.handleError(record)


def setup_logging(verbose: bool = False) -> None:
    """Send the ``kg`` loggers to stderr: DEBUG and up with ``verbose`` (tracebacks included), else ERROR only."""
    logger = logging.getLogger("kg")
    handler = next((h for h in logger.handlers if h.get_name() == _HANDLER_NAME), None)
    if handler is None:
        handler = _StderrHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("kg: %(levelname)s: %(name)s: %(message)s"))
        logger.addHandler(handler)  # with a handler here, Python's last-resort one no longer prints warnings
    handler.setLevel(logging.DEBUG if verbose else logging.ERROR)
    logger.setLevel(logging.DEBUG if verbose else logging.NOTSET)


def debugging() -> bool:
    return bool(os.environ.get(DEBUG_ENV))
