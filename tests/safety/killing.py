"""Running a signapp command in a subprocess and killing it (SIGKILL) part way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from signapp.core import organisations
from signapp.core.db import open_database, transaction

REPO_ROOT = Path(__file__).resolve().parents[2]


def signapp_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "signapp", *argv]


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("SIGNAPP_PASSPHRASE", None)
    env.update(extra)
    return env


def timed_run(command: list[str], env: dict[str, str]) -> float:
    """Run ``command`` to the end (it must succeed) and return how long it took."""
    started = time.perf_counter()
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    return time.perf_counter() - started


def run_and_kill(command: list[str], env: dict[str, str], after: float) -> bool:
    """Start ``command``, SIGKILL it ``after`` seconds; True if it was still running."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    return False


def kill_during_runs(duration: float, count: int, attempt: Callable[[int, float], bool]) -> int:
    """Call ``attempt(number, delay)`` (run on a fresh copy, kill after ``delay``, check
    the copy; True if the run was killed while still going) at ``count`` moments of a
    run that took ``duration``; returns how many runs were killed while going.

    A run that ended before its moment (the machine was busier when it was timed) is
    tried again, with this and every later moment made earlier, so that a quieter
    machine still has the runs killed part way.
    """
    scale = 1.0
    interrupted = number = 0
    for step in range(count):
        for _ in range(3):
            killed = attempt(number, duration * scale * (0.35 + 0.65 * step / count))
            number += 1
            if killed:
                interrupted += 1
                break
            scale *= 0.7
    return interrupted


def fill_large(db: Database, organisation_count: int) -> None:
    """Enough organisations, with long notes, that copying the file takes a while."""
    filler = "Field notes from the coordination meeting. " * 20
    with transaction(db):
        for number in range(organisation_count):
            organisations.add_organisation(
                db, f"Harbour Association {number:05d}", notes=f"{number} {filler}"
            )


def make_large_database(path: Path, organisation_count: int, passphrase: str | None = None) -> None:
    db = open_database(path, passphrase=passphrase)
    fill_large(db, organisation_count)
    db.close()
