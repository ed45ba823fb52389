"""Timings of the statement views on a large statement.

Run from the repository root: ``python -m bench.statement_views [SIGN_ONS]``. Builds a
throw-away database with one statement and SIGN_ONS sign-ons (default 5000) in several
scripts and countries, then times what a coordinator waits for: loading the sign-on
table, searching, sorting, the progress figures, the reminder list and a word diff.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from PySide6.QtWidgets import QApplication

from signapp.core import contacts, organisations, signons, statements
from signapp.core.db import open_database, transaction
from signapp.core.model import SignOnStatus
from signapp.core.progress import collection_progress
from signapp.core.reminders import ReminderGroup, reminder_recipients
from signapp.core.textdiff import diff_words
from signapp.ui.statements.signons_model import (
    ORGANISATION,
    SignOnFilterModel,
    SignOnTableModel,
)
from signapp.ui.statements.signons_view import SignOnsView
from signapp.ui.undo import UndoStack

WORDS = [
    "rights",
    "river",
    "land",
    "defenders",
    "release",
    "community",
    "water",
    "forest",
    "justice",
    "union",
]
KHMER_NAMES = ("សមាគម", "បណ្តាញ", "សហគមន៍", "អង្គការ")
STATUSES = ("confirmed", "confirmed", "confirmed", "pending", "invited", "declined", "withdrawn")
COUNTRIES = ("KH", "TH", "LA", "VN", "MM", "DE", "GB", "PH", "ID", "MY")


def _timed(label: str, work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<48} {best * 1000:8.1f} ms")
    return best


def _build(folder: Path, count: int) -> tuple[object, int]:
    db = open_database(folder / "bench.sqlite")
    rng = random.Random(7)
    statement_id = statements.create_issued_statement(db, "Bench statement", "Version one text.")
    with transaction(db):
        for number in range(count):
            name = (
                f"{rng.choice(KHMER_NAMES)} {number}"
                if number % 4 == 0
                else f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} Network {number}"
            )
            org_id = organisations.add_organisation(db, name, country=rng.choice(COUNTRIES))
            contacts.add_contact(
                db, org_id, "Focal point", email=f"org{number}@example.org", is_primary=True
            )
            signons.record_signon(
                db,
                statement_id,
                org_id,
                status=rng.choice(STATUSES),
                is_public=rng.random() > 0.1,
                received_at=f"2026-11-{rng.randint(1, 28):02d}",
            )
    statements.revise_statement(db, statement_id, "Version two.", kind="substantive", note="b")
    return db, statement_id


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        db, statement_id = _build(Path(folder), count)
        print(f"built {count} sign-ons in {time.perf_counter() - start:.1f} s")
        model = SignOnTableModel(db)
        _timed("sign-on table: load", lambda: model.set_statement(statement_id))
        proxy = SignOnFilterModel()
        proxy.setSourceModel(model)
        _timed(
            "search 'river network'",
            lambda: (proxy.set_search("river network"), proxy.set_search("")),
        )
        _timed(
            "filter confirmed + KH",
            lambda: (
                proxy.set_status_filter("confirmed"),
                proxy.set_country_filter("KH"),
                proxy.set_status_filter(None),
                proxy.set_country_filter(None),
            ),
        )
        _timed(
            "sort by organisation (collation)", lambda: (proxy.sort(ORGANISATION), proxy.sort(-1))
        )
        _timed("progress figures", lambda: collection_progress(db, statement_id))
        _timed(
            "reminder list (both groups)",
            lambda: reminder_recipients(db, statement_id, list(ReminderGroup)),
        )
        stack = UndoStack()
        view = SignOnsView(db, stack)
        _timed("sign-ons tab: open the statement", lambda: view.set_statement(statement_id))
        hundred = {model.signon_row(row).signon.id for row in range(100)}
        view.select_signons(hundred)

        def set_status_and_undo() -> None:
            view.set_status_for_selection(SignOnStatus.DECLINED)
            stack.undo()

        _timed("set status of 100 sign-ons, refresh, undo, refresh", set_status_and_undo)
        rng = random.Random(3)
        vocabulary = [f"{word}{n}" for word in WORDS for n in range(40)] + ["the", "of", "and"] * 40
        paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(100)) for _ in range(30)]
        old = "\n\n".join(paragraphs)
        for index in rng.sample(range(30), 12):
            words = paragraphs[index].split()
            for _ in range(5):
                words[rng.randrange(len(words))] = "CHANGED"
            paragraphs[index] = " ".join(words)
        _timed(
            "word diff, 3000 words, 60 changes in 12 paragraphs",
            lambda: diff_words(old, "\n\n".join(paragraphs)),
        )
        single_line = " ".join(rng.choice(vocabulary) for _ in range(3000))
        changed = single_line.replace("river1 ", "RIVER ", 30)
        _timed("word diff, one 3000-word paragraph", lambda: diff_words(single_line, changed))
        stack.blockSignals(True)  # the views must not re-read a closed database
        db.close()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
