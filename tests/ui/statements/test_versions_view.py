"""The versions tab: history, and the word diff of any two versions, Khmer included."""

from __future__ import annotations

import html

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.model import VersionKind
from signapp.core.textdiff import DiffOp, DiffSegment
from signapp.ui.statements.diff import VersionsView, diff_html
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import KHMER_V1, build_sample

KHMER_V2 = KHMER_V1.replace("ទាំងប្រាំនាក់", "ទាំងអស់ភ្លាមៗ")


def test_user_text_in_a_diff_is_escaped_never_markup() -> None:
    rendered = diff_html(
        [
            DiffSegment(DiffOp.EQUAL, "<b>Union</b> & "),
            DiffSegment(DiffOp.DELETE, '<img src="x" onerror="alert(1)">'),
            DiffSegment(DiffOp.INSERT, "line one\nline two"),
        ]
    )
    assert "<b>Union</b>" not in rendered and "&lt;b&gt;Union&lt;/b&gt; &amp; " in rendered
    assert "<img" not in rendered and html.escape('<img src="x"') in rendered
    assert "line one<br>line two" in rendered


def test_khmer_versions_are_compared_and_the_draft_too(qtbot: QtBot, db: Database) -> None:
    sample = build_sample(db)
    statements.save_draft_text(db, sample.statement_id, "km", KHMER_V2)
    statements.issue_version(db, sample.statement_id, VersionKind.EDITORIAL, "wording")
    statements.save_draft_text(db, sample.statement_id, "en", "A draft not yet issued.")
    view = VersionsView(db)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    view.set_statement(sample.statement_id)

    assert view.history.rowCount() == 3
    assert [view.history.item(row, 0).text() for row in range(3)] == ["1", "2", "draft"]
    assert view.history.item(1, 4).text() == "wording"
    # By default the last two issued versions are compared.
    assert view.old_version.currentText() == "Version 1 (initial)"
    assert view.new_version.currentText() == "Version 2 (editorial)"

    view.compare(1, 2, "km")
    shown = view.diff_view.toPlainText()
    # The shared cluster ទាំង stays plain; only the changed clusters are marked.
    assert "ទាំងប្រាំនាក់អស់ភ្លាមៗ" in shown
    rendered = view.diff_view.toHtml()
    assert rendered.count("#c9f2d0") == 1 and rendered.count("#ffd2d2") == 1
    save_shot(view, "3b-diff-khmer")

    view.compare(2, 3, "en")
    assert "A draft not yet issued." in view.diff_view.toPlainText()
    assert view.new_version.currentText() == "Draft (will be version 3)"
    view.history.selectRow(1)  # choosing version 2 shows what it changed
    assert (view.old_version.currentIndex(), view.new_version.currentIndex()) == (0, 1)
    view.compare(1, 2, "fr")
    assert view.language.currentText() != "fr"  # no French text: not offered
