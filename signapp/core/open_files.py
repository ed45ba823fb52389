"""The database files this process has SQLite connections to, and what is known of them.

Closing any descriptor of a file drops every POSIX advisory lock the process holds on
it, SQLite's included (SQLite's "How To Corrupt An SQLite Database File", 2.2). A
process that reads a database's header with ``open()`` and ``close()`` while it has a
connection to the file therefore loses its locks, and the next process to close the
file deletes the write-ahead log under it. So a file is read outside SQLite only while
this process has no open connection to it; while it has one, whether the file is
protected is known from that connection, recorded when it was made.

Files are told apart by device and inode, not by path: a path renamed over (as a
change of passphrase does) is another file, and an inode cannot be reused while a
connection holds it open.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FileIdentity = tuple[int, int]


class TrackedConnection(sqlite3.Connection):
    """A standard sqlite3 connection that can be referred to weakly."""


@dataclass
class _OpenFile:
    protected: bool
    connections: weakref.WeakSet[Any] = field(default_factory=weakref.WeakSet)


_OPEN: dict[FileIdentity, _OpenFile] = {}
_LOCK = threading.Lock()


def _identity(path: Path) -> FileIdentity | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _is_open(connection: Any) -> bool:
    try:
        connection.total_changes  # noqa: B018 - raises once the connection is closed
    except Exception:  # each SQLite library has its own ProgrammingError
        return False
    return True


def remember(path: Path, connection: Any, *, protected: bool) -> None:
    """Note that ``connection`` is open on the file at ``path``, protected or not."""
    identity = _identity(path)
    if identity is None:
        return
    with _LOCK:
        entry = _OPEN.get(identity)
        if entry is None or not any(_is_open(other) for other in entry.connections):
            entry = _OPEN[identity] = _OpenFile(protected)
        entry.connections.add(connection)


def known_protection(path: Path) -> bool | None:
    """Whether the file at ``path`` is protected, as known from a connection this
    process has open to it; None when it has none (the file may then be read)."""
    identity = _identity(path)
    if identity is None:
        return None
    with _LOCK:
        entry = _OPEN.get(identity)
        if entry is None:
            return None
        if any(_is_open(connection) for connection in entry.connections):
            return entry.protected
        del _OPEN[identity]
        return None


def has_open_connection(path: Path) -> bool:
    """Whether this process holds an open SQLite connection to the file at ``path``."""
    return known_protection(path) is not None
