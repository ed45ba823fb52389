"""Real Khmer prose (a VOA article, ../shared/realdata) through the editor and the diff."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.model import VersionKind
from signapp.core.textdiff import DiffOp, diff_words
from signapp.ui.statements.view import VERSIONS_TAB, StatementsView
from tests.typing_helpers import commit_text
from tests.ui.statements.conftest import save_shot

pytestmark = pytest.mark.realdata

ARTICLE = "khmer-english-voa-sample/2018-07-19_civil-society_{}.md"
# Legacy coeng-RO order in the source (ស្រ្ត), as people type it; never rewritten.
OLD_PHRASE = "សង្គម\u200bស៊ីវិល"
NEW_PHRASE = "អង្គការ\u200bមិនមែន\u200bរដ្ឋាភិបាល"


def _body(realdata: Path, language: str) -> str:
    text = (realdata / ARTICLE.format(language)).read_text(encoding="utf-8")
    return text.split("---", 2)[2].strip()


def test_real_khmer_text_is_kept_exactly_and_its_revision_compared(
    qtbot: QtBot, db: Database, statements_view: StatementsView, realdata: Path
) -> None:
    khmer = _body(realdata, "km")
    assert khmer.count("\u200b") > 500  # words separated by zero width spaces
    view = statements_view
    statement_id = view.create_statement("Civil society report")
    assert statement_id is not None
    view.editor.pane("en").source.setPlainText(_body(realdata, "en"))
    pane = view.editor.add_language("km")
    pane.source.setFocus()
    commit_text(pane.source, khmer)
    assert view.save_unsaved_text()
    assert statements.get_draft(db, statement_id).texts["km"] == khmer  # byte for byte
    save_shot(view, "2b-editor-khmer-real")
    assert view.editor.issue(VersionKind.INITIAL, "as published") == 1

    revised = khmer.replace(OLD_PHRASE, NEW_PHRASE, 2)
    view.editor.pane("km").source.setPlainText(revised)
    assert view.editor.issue(VersionKind.EDITORIAL, "two terms changed") == 2

    start = time.perf_counter()
    segments = diff_words(khmer, revised)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert "".join(s.text for s in segments if s.op is not DiffOp.INSERT) == khmer
    assert "".join(s.text for s in segments if s.op is not DiffOp.DELETE) == revised
    inserted = [s.text for s in segments if s.op is DiffOp.INSERT]
    assert 1 <= len(inserted) <= 4  # two local changes, not the whole article

    view.tabs.setCurrentIndex(VERSIONS_TAB)
    view.versions.compare(1, 2, "km")
    assert view.versions.diff_view.toHtml().count("#c9f2d0") == len(inserted)
    save_shot(view, "3c-diff-khmer-real")
