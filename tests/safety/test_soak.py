"""The app open on a file while commands write to it and an outside reader reads it.

A process that opens and closes the database file outside SQLite drops every lock
SQLite holds on it; the next process to close then deletes the write-ahead log under
the app, whose later writes are lost. This runs the real app (offscreen) beside
command-line writers and the ``sqlite3`` shell for a few seconds and checks that the
app never holds a deleted log, that every write is there afterwards, and that the
file passes ``check``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.safety.killing import environment, signapp_command

SOAK_SECONDS = 4.0
APP_SCRIPT = Path(__file__).with_name("soak_app.py")


def _form_export(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Name of your organisation", "Country", "Email address"])
        for number in range(rows):
            writer.writerow(
                [
                    f"2024-03-05 10:{number % 60:02d}:00",
                    f"Harbour Fishers Network {number:03d}",
                    "Cambodia",
                    f"desk{number}@harbour{number}.org",
                ]
            )
    return path


def _run_cli(db_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*signapp_command(), "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )


def _deleted_database_files(pid: int, db_path: Path) -> list[str]:
    """The app's descriptors that point at a removed file of the database."""
    found = []
    folder = Path(f"/proc/{pid}/fd")
    for entry in folder.iterdir() if folder.exists() else []:
        try:
            target = os.readlink(entry)
        except OSError:
            continue  # closed meanwhile
        if target.startswith(str(db_path)) and target.endswith("(deleted)"):
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_app_keeps_its_log_and_every_write_beside_commands_and_readers(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "signapp.sqlite"
    text = tmp_path / "statement.md"
    text.write_text("We stand with the fishers of the Tonle Sap.\n", encoding="utf-8")
    assert _run_cli(db_path, "init").returncode == 0
    added = _run_cli(db_path, "statement", "add", "--title", "Fishers", "--text-file", str(text))
    statement_id = added.stdout.strip()
    form = _form_export(tmp_path / "form.csv", 40)
    app = subprocess.Popen(
        [
            sys.executable,
            str(APP_SCRIPT),
            str(db_path),
            str(form),
            statement_id,
            str(SOAK_SECONDS),
            str(tmp_path / "settings.ini"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    assert app.stdout is not None
    try:
        first = app.stdout.readline().strip()
        assert first == "ready", (
            f"the app said {first!r}: {app.stderr.read() if first == '' else ''}"
        )
        cli_names: dict[str, str] = {}
        deleted: list[str] = []
        reads = 0
        number = 0
        sqlite3_shell = shutil.which("sqlite3")
        while app.poll() is None:
            deleted += _deleted_database_files(app.pid, db_path)
            name = f"Command Line Writers {number:03d}"
            result = _run_cli(db_path, "org", "add", "--name", name)
            if result.returncode == 0:
                cli_names[result.stdout.strip()] = name
            else:
                assert "busy" in result.stderr, result.stderr
            number += 1
            deleted += _deleted_database_files(app.pid, db_path)
            if sqlite3_shell:
                read = subprocess.run(
                    [
                        sqlite3_shell,
                        "-readonly",
                        str(db_path),
                        "SELECT count(*) FROM organisations",
                    ],
                    capture_output=True,
                    text=True,
                    timeout=30,
                )
                reads += read.returncode == 0
            deleted += _deleted_database_files(app.pid, db_path)
            time.sleep(0.05)
        output, errors = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, errors
    assert deleted == []
    app_names = {
        line.split(maxsplit=2)[1]: line.split(maxsplit=2)[2]
        for line in output.splitlines()
        if line.startswith("added ")
    }
    assert "done" in output.splitlines()
    assert len(app_names) > 20 and len(cli_names) >= 2
    assert not sqlite3_shell or reads >= 2
    checked = _run_cli(db_path, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = _run_cli(db_path, "org", "list")
    stored = {line.split("\t")[0]: line.split("\t")[1] for line in listed.stdout.splitlines()}
    missing = {
        org_id: name
        for org_id, name in {**app_names, **cli_names}.items()
        if stored.get(org_id) != name
    }
    assert missing == {}
    assert sum(name.startswith("Harbour Fishers Network") for name in stored.values()) == 40
