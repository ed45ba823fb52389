"""The background helper: results, errors, progress and cancel arrive on the GUI thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.errors import Cancelled, SignappError, ValidationError
from signapp.ui.tasks import (
    error_message,
    run_database_task,
    run_task,
    worker_database_opener,
)


def test_the_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    worker_threads: list[threading.Thread] = []
    delivered_on: list[threading.Thread] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        worker_threads.append(threading.current_thread())
        return 6 * 7

    handle = run_task(work)
    handle.succeeded.connect(lambda _: delivered_on.append(threading.current_thread()))
    with qtbot.waitSignal(handle.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert worker_threads[0] is not threading.main_thread()
    assert delivered_on == [threading.main_thread()]
    assert not handle.is_running


def test_progress_is_reported_and_an_error_goes_to_failed(qtbot: QtBot) -> None:
    seen: list[tuple[int, int]] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        for done in range(1, 4):
            progress(done, 3)
        raise ValidationError("languages", "choose at least one language")

    handle = run_task(work)
    handle.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, SignappError)
    assert error_message(error) == "languages: choose at least one language"
    assert seen[-1] == (3, 3)


def test_a_bug_in_a_task_gives_a_general_message_not_a_traceback(qtbot: QtBot) -> None:
    def work(progress, cancel):  # type: ignore[no-untyped-def]
        raise KeyError("internal")

    handle = run_task(work)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    message = error_message(blocker.args[0])
    assert "KeyError" in message and "internal" not in message


def test_cancel_stops_the_work_at_its_next_check(qtbot: QtBot) -> None:
    started = threading.Event()
    steps_done: list[int] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        for step in range(500):
            if cancel():
                raise Cancelled()
            steps_done.append(step)
            time.sleep(0.01)
        return "finished"

    handle = run_task(work)
    assert started.wait(5)
    handle.cancel()
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        pass
    assert len(steps_done) < 500


def test_database_work_gets_a_connection_of_its_own(
    qtbot: QtBot, db: Database, db_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Seen from the worker", "Text.")
    connections: list[object] = []

    def work(worker_db: Database, progress, cancel):  # type: ignore[no-untyped-def]
        connections.append(worker_db.conn)
        return statements.get_statement(worker_db, statement_id).title

    handle = run_database_task(worker_database_opener(db), work)
    with qtbot.waitSignal(handle.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == ["Seen from the worker"]
    assert connections and connections[0] is not db.conn


def test_an_in_memory_database_cannot_be_opened_by_a_worker() -> None:
    with pytest.raises(SignappError, match="only in memory"):
        worker_database_opener(Database(memory=True))


def test_a_task_whose_window_closed_delivers_nothing(qtbot: QtBot) -> None:
    window = QObject()
    release = threading.Event()
    finished = threading.Event()
    delivered: list[object] = []

    def work(progress, cancel):  # type: ignore[no-untyped-def]
        release.wait(5)
        finished.set()
        return "late result"

    handle = run_task(work, parent=window)
    handle.succeeded.connect(delivered.append)
    window.deleteLater()
    qtbot.waitUntil(lambda: not _is_alive(handle))
    release.set()
    assert finished.wait(5)
    qtbot.wait(50)
    assert delivered == []


def _is_alive(obj: object) -> bool:
    return bool(Shiboken.isValid(obj))
