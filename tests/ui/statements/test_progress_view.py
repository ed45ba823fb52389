"""The progress tab: the curve of confirmations up to the deadline, status and country."""

from __future__ import annotations

import random
from datetime import date, timedelta

from PySide6.QtCharts import QLineSeries
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.model import SignOnStatus
from signapp.ui.statements.progress import ProgressView
from tests.ui.statements.conftest import save_shot

COUNTRIES = ("KH", "KH", "KH", "TH", "TH", "LA", "VN", "MM", "DE", "GB", "PH", "ID", "MY", "NP")


def _collecting_statement(db: Database) -> int:
    statement_id = statements.create_issued_statement(db, "Stop the dam evictions", "Text.")
    statements.update_statement(db, statement_id, {"deadline": "2026-11-28"})
    rng = random.Random(11)
    start = date(2026, 11, 2)
    for number in range(80):
        org_id = organisations.add_organisation(
            db, f"Organisation {number}", country=rng.choice(COUNTRIES)
        )
        status = rng.choice(("confirmed",) * 5 + ("pending", "invited", "declined"))
        received = start + timedelta(days=int(rng.triangular(0, 21, 18)))
        signons.record_signon(
            db,
            statement_id,
            org_id,
            status=status,
            received_at=received.isoformat() if status in ("confirmed", "declined") else None,
        )
    return statement_id


def test_the_curve_climbs_to_the_number_confirmed_and_the_deadline_is_drawn(
    qtbot: QtBot, db: Database
) -> None:
    statement_id = _collecting_statement(db)
    view = ProgressView(db)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    view.set_statement(statement_id)
    view.refresh(today=date(2026, 11, 20))
    progress = view.progress
    assert progress is not None
    confirmed = progress.by_status[SignOnStatus.CONFIRMED]
    lines = [s for s in view.over_time.chart().series() if isinstance(s, QLineSeries)]
    curve, deadline = lines
    heights = [point.y() for point in curve.points()]
    assert heights[0] == 0 and heights[-1] == confirmed
    assert heights == sorted(heights)  # cumulative: it never goes down
    assert {point.x() for point in deadline.points()} == {deadline.points()[0].x()}
    assert deadline.name() == "Deadline Nov 28, 2026"
    assert "(8 days left)" in view.summary.text()
    bars = view.by_country.chart().series()[0].barSets()
    assert sum(bars[0].at(i) for i in range(bars[0].count())) <= confirmed
    save_shot(view, "5-progress")
