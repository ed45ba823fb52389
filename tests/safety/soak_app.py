"""The desktop app, offscreen, working on a database while other processes use it.

Run as a script: ``soak_app.py DB FORM_CSV STATEMENT_ID SECONDS SETTINGS_FILE``. It opens
the database and its main window as ``main.py`` does, makes the day's backup on a
worker, imports the form export and exports a CSV (each on a worker connection, as the
import wizard and the export dialog do), prints ``ready``, then for SECONDS adds one
organisation every few milliseconds on the window's connection (printing ``added ID
NAME`` for each) and exports again on a worker now and then. It ends with ``done``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer

from signapp.core import organisations
from signapp.core.db import close_database, open_database
from signapp.core.errors import DatabaseBusy
from signapp.export.csv import export_statement_csv
from signapp.importing.apply import import_file
from signapp.ui.app import application, build_main_window
from signapp.ui.settings import Settings
from signapp.ui.tasks import run_database_task, worker_database_opener
from signapp.ui.undo import UndoStack

WRITE_INTERVAL_MS = 20
EXPORT_EVERY_WRITES = 15


def main() -> int:
    db_path, form, statement_arg, seconds_arg, settings_file = sys.argv[1:6]
    statement_id = int(statement_arg)
    out_folder = Path(settings_file).parent
    app = application(["soak_app"])
    db = open_database(db_path, daily_backup=False)
    window = build_main_window(db, UndoStack(), Settings.from_file(settings_file))
    window.show()
    window.start()
    window.back_up_for_the_day()
    opener = worker_database_opener(db)
    written = 0

    def export(number: int) -> None:
        target = out_folder / f"export-{number}.csv"
        run_database_task(
            opener,
            lambda worker, _progress, _cancel: export_statement_csv(worker, statement_id, target),
        ).failed.connect(lambda error: print("export failed", error, flush=True))

    def write_one() -> None:
        nonlocal written
        name = f"Window Writers {written:04d}"
        try:
            org_id = organisations.add_organisation(db, name)
        except DatabaseBusy:
            print("busy", flush=True)
            return
        print(f"added {org_id} {name}", flush=True)
        written += 1
        if written % EXPORT_EVERY_WRITES == 0:
            export(written)

    def finish() -> None:
        writer.stop()
        print("done", flush=True)
        window.closing.disconnect()
        window.close()
        app.quit()

    writer = QTimer()
    writer.setInterval(WRITE_INTERVAL_MS)
    writer.timeout.connect(write_one)

    def start_writing(_result: object) -> None:
        export(0)
        print("ready", flush=True)
        writer.start()
        QTimer.singleShot(int(float(seconds_arg) * 1000), finish)

    def failed(error: object) -> None:
        print("import failed", error, flush=True)
        app.exit(3)

    imported = run_database_task(
        opener,
        lambda worker, _progress, cancel: import_file(
            worker, form, statement_id, report_folder=out_folder, cancel=cancel
        ),
    )
    imported.succeeded.connect(start_writing)
    imported.failed.connect(failed)
    try:
        return app.exec()
    finally:
        close_database(db)


if __name__ == "__main__":
    sys.exit(main())
