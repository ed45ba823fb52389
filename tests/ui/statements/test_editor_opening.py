"""The preview opens at the top of the text; issuing a revision asks for its kind."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from signapp.core.model import VersionKind
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.statements.editor import IssueVersionDialog, LanguagePane


def test_preview_opens_at_the_heading_and_stays_put_while_typing(qtbot: QtBot) -> None:
    text = json.loads(SAMPLE_CAMPAIGN.read_text(encoding="utf-8"))["statement"]["texts"]["en"]
    pane = LanguagePane("en", text)
    qtbot.addWidget(pane)
    pane.resize(900, 300)
    pane.show()
    QApplication.processEvents()
    scroll = pane.preview.verticalScrollBar()
    assert scroll.maximum() > 0  # the text is longer than the preview
    assert scroll.value() == 0
    middle = scroll.maximum() // 2
    scroll.setValue(middle)
    pane.source.appendPlainText("One more line.")
    QApplication.processEvents()
    assert scroll.value() == middle


def test_a_revision_has_no_kind_until_the_person_chooses_one(qtbot: QtBot) -> None:
    dialog = IssueVersionDialog(2, confirmations_affected=26)
    qtbot.addWidget(dialog)
    assert dialog.chosen_kind() is None
    assert not dialog.issue_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData(VersionKind.SUBSTANTIVE))
    assert dialog.issue_button.isEnabled()
    assert "26 confirmations" in dialog.consequence.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(VersionKind.EDITORIAL))
    assert dialog.chosen_kind() is VersionKind.EDITORIAL


def test_the_first_version_needs_no_choice(qtbot: QtBot) -> None:
    dialog = IssueVersionDialog(1, confirmations_affected=0)
    qtbot.addWidget(dialog)
    assert dialog.chosen_kind() is VersionKind.INITIAL
    assert dialog.issue_button.isEnabled()
