"""The log file keeps what went wrong, not who was involved."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from signapp.core import logfile
from signapp.core.db import close_database, open_database
from signapp.core.errors import WrongPassphrase
from signapp.core.logfile import (
    BACKUP_COUNT,
    active_log_path,
    redact,
    start_logging,
    stop_logging,
)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = start_logging(tmp_path / "data" / "signapp.log")
    yield path
    stop_logging()


def test_personal_data_is_left_out_of_log_lines() -> None:
    line = redact(
        "Add contact “Sok Dara” refused: email 'dara@example.org' or +855 12 345 678 "
        "(see dara.sok@mail.example.kh)"
    )
    assert "Sok Dara" not in line and "dara" not in line.lower()
    assert "345" not in line
    assert line.startswith("Add contact “…” refused")


def test_warnings_and_tracebacks_are_written_redacted(log_file: Path) -> None:
    log = logging.getLogger("signapp.test")
    log.info("not kept: below the file's level")
    try:
        raise ValueError("bad value “Lake Keepers” for nok@example.org")
    except ValueError:
        log.exception("saving failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "saving failed" in text and "Traceback" in text and "ValueError" in text
    assert "Lake Keepers" not in text and "nok@example.org" not in text
    assert "not kept" not in text
    assert active_log_path() == log_file


def test_the_log_rotates_and_keeps_a_few_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    path = start_logging(tmp_path / "signapp.log")
    try:
        for number in range(400):
            logging.getLogger("signapp.test").warning("line %d of a long session", number)
    finally:
        stop_logging()
    kept = sorted(p.name for p in tmp_path.glob("signapp.log*"))
    assert kept == ["signapp.log", *(f"signapp.log.{n}" for n in range(1, BACKUP_COUNT + 1))]
    assert path.stat().st_size <= 2_000
    assert "line 399" in path.read_text(encoding="utf-8")


def test_a_passphrase_never_reaches_the_log(log_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "protected.sqlite"
    close_database(open_database(path, passphrase="correct horse battery"))
    with pytest.raises(WrongPassphrase):
        open_database(path, passphrase="wrong staple 42")
    logging.getLogger("signapp").warning("after the attempts")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "after the attempts" in text
    assert "horse" not in text and "staple" not in text
