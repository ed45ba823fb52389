"""The Replies tab: a mailbox read in the background, proposals decided from the
keyboard, and every decision undoable."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import signons
from signapp.core.review_queue import ReviewAction
from signapp.ui.statements.view import REPLIES_TAB, StatementsView
from signapp.ui.undo import UndoStack
from tests.intake.conftest import Campaign, make_campaign
from tests.intake.mail import message, write_mbox


@pytest.fixture
def campaign(db: Database) -> Campaign:
    return make_campaign(db)


def _view(qtbot: QtBot, db: Database) -> StatementsView:
    view = StatementsView(db, UndoStack())
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def _mailbox(tmp_path: Path) -> Path:
    return write_mbox(
        tmp_path / "replies.mbox",
        [
            message("Dara Sok <dara@ccrd.example.org>", "CCRD is happy to sign the statement."),
            message(
                "Someone <someone@gmail.com>",
                "យើងខ្ញុំយល់ព្រមចុះហត្ថលេខា ប៉ុន្តែសូមកុំដាក់ឈ្មោះអង្គការយើងខ្ញុំ។",
            ),
            message("Vanna Keo <vanna@pptu.example.org>", "We cannot sign this statement."),
        ],
    )


def _read(qtbot: QtBot, view: StatementsView, path: Path) -> None:
    view.read_replies(path)
    qtbot.waitUntil(lambda: view.replies.model.rowCount() == 3, timeout=20000)


def test_replies_are_read_decided_and_undone(qtbot, db, campaign, tmp_path):
    view = _view(qtbot, db)
    view.select_statement(campaign.statement_id)
    _read(qtbot, view, _mailbox(tmp_path))
    assert view.tabs.currentIndex() == REPLIES_TAB
    assert view.tabs.tabText(REPLIES_TAB) == "Replies (3)"
    assert signons.list_signons(db, campaign.statement_id) == []
    replies = view.replies
    first = replies.model.item(0)
    assert "CCRD is happy to sign" in replies.message_text.toPlainText()
    assert replies.action_box.currentData() == ReviewAction.SIGN
    assert replies.organisation_edit.text() == "Cambodian Centre for Rights Defence"

    replies.table.setFocus()
    qtbot.keyClick(replies.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    (row,) = signons.list_signons(db, campaign.statement_id)
    assert row.signon.organisation_id == campaign.rights_centre
    assert replies.model.rowCount() == 2 and replies.model.row_of(first.id) is None

    # The Khmer reply from a personal mailbox: choose its organisation by typing it.
    khmer = replies.model.item(replies.table.currentIndex().row())
    assert khmer.sender == "someone@gmail.com" and not khmer.is_public
    replies.organisation_edit.setText("Community Peace Network Battambang")
    qtbot.keyClick(replies.organisation_edit, Qt.Key.Key_Return)
    assert replies.model.item(replies.table.currentIndex().row()).organisation_id == (
        campaign.peace_network
    )
    replies.table.setFocus()
    qtbot.keyClick(replies.table, Qt.Key.Key_Delete)
    assert replies.model.rowCount() == 1

    view._undo_stack.undo()  # the rejection
    assert replies.model.rowCount() == 2
    view._undo_stack.undo()  # the correction
    view._undo_stack.undo()  # the acceptance
    assert signons.list_signons(db, campaign.statement_id) == []
    assert replies.model.rowCount() == 3
    assert replies.model.item(1).organisation_id is None


def test_reading_the_same_mailbox_again_adds_nothing(qtbot, db, campaign, tmp_path):
    view = _view(qtbot, db)
    view.select_statement(campaign.statement_id)
    path = _mailbox(tmp_path)
    _read(qtbot, view, path)
    messages: list[str] = []
    view.message.connect(messages.append)
    view.read_replies(path)
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert messages[-1] == "0 new replies to decide; 3 read before."
    assert view.replies.model.rowCount() == 3


def test_a_mailbox_dropped_on_the_window_is_read_into_the_chosen_statement(
    qtbot, db, campaign, tmp_path, stack, settings
):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from signapp.ui.app import build_main_window

    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    view = window.statements
    assert isinstance(view, StatementsView)
    view.select_statement(campaign.statement_id)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(_mailbox(tmp_path)))])
    no_buttons = (Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with warnings.catch_warnings():  # PySide6 marks the only constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, *no_buttons)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, *no_buttons)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: view.replies.model.rowCount() == 3, timeout=20000)
    assert view.tabs.currentIndex() == REPLIES_TAB
    assert signons.list_signons(db, campaign.statement_id) == []


def test_the_replies_model_is_a_valid_qt_model(qtmodeltester, db, campaign, tmp_path):
    from signapp.intake.run import intake_mail
    from signapp.ui.statements.replies_model import RepliesModel

    intake_mail(db, _mailbox(tmp_path), campaign.statement_id)
    model = RepliesModel(db)
    model.set_statement(campaign.statement_id)
    model.refresh()
    assert model.rowCount() == 3
    qtmodeltester.check(model)
