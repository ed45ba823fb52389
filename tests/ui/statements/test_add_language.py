"""Only a known language code opens a tab; anything else is explained under the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core.errors import ValidationError
from signapp.ui.statements.editor import AddLanguageDialog
from signapp.ui.statements.view import StatementsView


def test_a_made_up_language_is_refused_in_the_dialog_and_a_real_one_opens_a_tab(
    qtbot: QtBot, db: Database, statements_view: StatementsView, shown_errors: list[str]
) -> None:
    view = statements_view
    assert view.create_statement("Rivers") is not None
    seen: dict[str, object] = {}

    def type_codes() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AddLanguageDialog)
        try:
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.keyClicks(dialog.field, "klingon!!")
            ok.click()
            seen["still open"] = dialog.isVisible()
            seen["error"] = dialog.error.text() if dialog.error.isVisible() else None
            dialog.field.clear()
            seen["error after editing"] = dialog.error.isVisible()
            qtbot.keyClicks(dialog.field, "KM")
            ok.click()
        except Exception:
            dialog.reject()
            raise

    QTimer.singleShot(0, type_codes)
    view.editor.add_language_button.click()

    assert seen == {
        "still open": True,
        "error": "'klingon!!' is not an ISO 639 language code such as en, km, fil or pt-BR",
        "error after editing": False,
    }
    assert view.editor.languages() == ["en", "km"]
    assert view.editor.tabs.tabText(1) == "km – Khmer"
    assert shown_errors == []


def test_add_language_refuses_an_unknown_code(
    db: Database, statements_view: StatementsView
) -> None:
    view = statements_view
    assert view.create_statement("Rivers") is not None
    with pytest.raises(ValidationError, match="'xx' is not an ISO 639 language code"):
        view.editor.add_language("xx")
    assert view.editor.languages() == ["en"]
    view.editor.add_language("khm")
    assert view.editor.languages() == ["en", "km"]
