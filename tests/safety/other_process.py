"""A second signapp process for tests: opens the database and obeys commands on stdin.

Commands, one per line: ``hold`` (take the write lock and keep it), ``release``,
``rename ORG_ID NAME`` (update through core), ``quit``. Each answers one line on
stdout, so the test knows when it has happened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import sys
from signapp.core import organisations
from signapp.core.db import open_database
db = open_database(sys.argv[1], passphrase=sys.argv[2] or None, daily_backup=False)
print("ready", flush=True)
for line in sys.stdin:
    command, *rest = line.split(maxsplit=2)
    if command == "hold":
        db.conn.execute("BEGIN IMMEDIATE")
    elif command == "release":
        db.conn.execute("COMMIT")
    elif command == "rename":
        organisations.update_organisation(db, int(rest[0]), {"name": rest[1].strip()})
    elif command == "quit":
        break
    print("done", command, flush=True)
db.close()
"""


class OtherProcess:
    """A running second process with the database open."""

    def __init__(self, db_path: Path, passphrase: str | None = None) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SCRIPT, str(db_path), passphrase or ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self._expect("ready")

    def _expect(self, answer: str) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == answer, f"other process said {line!r}, expected {answer!r}"

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        self._expect(f"done {command.split()[0]}")

    def close(self) -> None:
        """Ask the process to quit and wait for it; its pipes are closed either way."""
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.process.stdin, self.process.stdout:
            if self.process.poll() is None:
                self.process.stdin.write("quit\n")
                self.process.stdin.flush()
                self.process.wait(timeout=30)

    def __enter__(self) -> OtherProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
