"""Finding the messages in what the coordinator gives: an mbox, .eml or .msg files, or a
folder of them.

Messages are produced one at a time, so a mailbox of any size is read in bounded
memory; anything that cannot be read becomes a :class:`Skipped` with a reason and never
stops the rest.
"""

from __future__ import annotations

import mailbox
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_MESSAGE_BYTES = 25 * 1024 * 1024
MAIL_SUFFIXES = (".mbox", ".eml", ".msg")


@dataclass(frozen=True)
class RawMessage:
    """One message's bytes (an RFC 5322 message) and where it was found."""

    source: str
    data: bytes


@dataclass(frozen=True)
class OutlookFile:
    """An Outlook .msg file, read by :mod:`signapp.intake.outlook`."""

    source: str
    path: Path


@dataclass(frozen=True)
class Skipped:
    source: str
    reason: str


Found = RawMessage | OutlookFile | Skipped


def find_messages(path: Path) -> Iterator[Found]:
    """Every message under ``path`` (a file or a folder), in a stable order."""
    if path.is_dir():
        for entry in sorted(path.rglob("*")):
            if entry.name.startswith(".") or entry.is_dir():
                continue
            yield from _from_file(entry, in_folder=True)
        return
    yield from _from_file(path, in_folder=False)


def _regular_file_problem(path: Path) -> str | None:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied)"
    return None


def _from_file(path: Path, *, in_folder: bool) -> Iterator[Found]:
    source = str(path)
    problem = _regular_file_problem(path)
    if problem:
        yield Skipped(source, problem)
        return
    suffix = path.suffix.casefold()
    if suffix == ".msg":
        yield OutlookFile(source, path)
    elif suffix == ".eml":
        yield _single(path)
    elif suffix == ".mbox" or _starts_like_mbox(path):
        yield from _mbox(path)
    elif in_folder or suffix not in ("", ".txt"):
        yield Skipped(source, "not a mail file (.mbox, .eml or .msg)")
    else:
        yield _single(path)


def _starts_like_mbox(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(5) == b"From "


def _single(path: Path) -> Found:
    size = path.stat().st_size
    if size > MAX_MESSAGE_BYTES:
        return Skipped(str(path), f"larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if not data.strip():
        return Skipped(str(path), "empty file")
    return RawMessage(str(path), data)


def _mbox(path: Path) -> Iterator[Found]:
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            source = f"{path} message {number}"
            with box.get_file(key) as file:
                data = file.read(MAX_MESSAGE_BYTES + 1)
            if len(data) > MAX_MESSAGE_BYTES:
                yield Skipped(source, f"larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB")
                continue
            yield RawMessage(source, data)
    finally:
        box.close()
