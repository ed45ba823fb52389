"""signapp's one log file, in the data folder, rotating, with personal data left out.

The log is for finding bugs: what failed, where, and in which step. It never needs
what a person typed, and must not keep it (a log file is sent along with a bug report
and outlives the erasure of an organisation). So every line is redacted as it is
written: e-mail addresses, phone numbers and any text quoted the way signapp quotes
user text (“…”) become placeholders. Passphrases are never passed to a logger.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

LOG_FILENAME = "signapp.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_EMAIL = re.compile(r"[^\s@<>“”\"']+@[^\s@<>“”\"']+\.[^\s@<>“”\"']+")
_PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")
_QUOTED = re.compile(r"“[^”]*”")
_SINGLE_QUOTED_VALUE = re.compile(r"(?<=[\s(=:])'[^'\n]{1,200}'")


def default_log_path() -> Path:
    """``signapp.log`` in the data folder (beside the default database)."""
    return Path(platformdirs.user_data_dir("signapp", appauthor=False)) / LOG_FILENAME


def redact(text: str) -> str:
    """``text`` without e-mail addresses, phone numbers or quoted user text."""
    text = _QUOTED.sub("“…”", text)
    text = _EMAIL.sub("<email>", text)
    text = _SINGLE_QUOTED_VALUE.sub("'…'", text)
    return _PHONE.sub("<number>", text)


class RedactingFormatter(logging.Formatter):
    """Formats a record as usual (traceback included), then redacts the whole text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class SignappLogHandler(RotatingFileHandler):
    """The handler of signapp's log file (a type of its own, to be found again)."""


def start_logging(path: Path | None = None, *, level: int = logging.WARNING) -> Path:
    """Write warnings and errors of every logger (Qt's messages included, routed to
    ``qt.*`` loggers, and uncaught errors) to ``path``; the loggers' own levels are
    left alone. Calling it again moves the log; returns the file's path.
    """
    log_path = path or default_log_path()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    stop_logging()
    handler = SignappLogHandler(
        log_path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(RedactingFormatter(LINE_FORMAT))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)
    return log_path


def stop_logging() -> None:
    """Close the log file, if one is open."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, SignappLogHandler):
            root.removeHandler(handler)
            handler.close()


def active_log_path() -> Path | None:
    """The log file being written, if any."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, SignappLogHandler):
            return Path(handler.baseFilename)
    return None
