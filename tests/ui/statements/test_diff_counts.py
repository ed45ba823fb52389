"""The word diff: added text shows as added only, counts agree with what is marked, and
the language compared by default is one that changed."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.model import VersionKind
from signapp.core.textdiff import DiffOp, diff_stats, diff_words
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.statements.diff import VersionsView

TEXTS = json.loads(SAMPLE_CAMPAIGN.read_text(encoding="utf-8"))["statement"]["texts"]


def test_a_sentence_added_after_the_last_word_is_only_an_insertion() -> None:
    english = TEXTS["en"].rstrip()
    for added in (" We ask for an answer.", "\nWe ask for an answer."):
        segments = diff_words(english, english + added)
        assert [s.op for s in segments if s.op is not DiffOp.EQUAL] == [DiffOp.INSERT]
        assert segments[-1].text.strip() == "We ask for an answer."
        assert "".join(s.text for s in segments) == english + added


def test_khmer_counts_match_what_is_marked() -> None:
    khmer = TEXTS["km"].rstrip()
    segments = diff_words(khmer, khmer + " យើងខ្ញុំសូមអរគុណ")
    changed = [s for s in segments if s.op is not DiffOp.EQUAL]
    assert [s.op for s in changed] == [DiffOp.INSERT]
    stats = diff_stats(segments)
    assert stats.words_deleted == 0 and stats.words_inserted > 0


def test_the_language_that_changed_is_compared_and_counted_in_syllables(
    qtbot: QtBot, db: Database
) -> None:
    statement_id = statements.create_issued_statement(db, "Rivers", TEXTS["en"])
    statements.add_translation(db, statement_id, "km", TEXTS["km"])
    statements.save_draft_text(db, statement_id, "km", TEXTS["km"].replace("ទន្លេ", "ស្ទឹង", 1))
    statements.issue_version(db, statement_id, VersionKind.EDITORIAL, "Khmer wording")
    view = VersionsView(db)
    qtbot.addWidget(view)
    view.show()
    view.set_statement(statement_id)
    assert view.language.currentText() == "km"
    assert view.summary.text() == "2 syllables inserted, 2 syllables deleted."
    rendered = view.diff_view.toHtml()
    assert rendered.count("#c9f2d0") == 1 and rendered.count("#ffd2d2") == 1
    view.language.setCurrentText("en")  # the person's choice stands
    assert view.language.currentText() == "en"
    assert view.summary.text() == "No words changed in this language."
