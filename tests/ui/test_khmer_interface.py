"""The interface in Khmer: chosen by preference or --language, menus, Qt's own words, dates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWizard
from sqlite_utils import Database

from signapp import i18n
from signapp.core.sample import load_sample_campaign
from signapp.ui.app import build_main_window, chosen_language, parse_arguments
from signapp.ui.guide import GuideDialog, guide_topics
from signapp.ui.language import (
    install_qt_words,
    put_interface_script_first,
    use_interface_language,
)
from signapp.ui.main_window import STATEMENTS
from signapp.ui.preferences import PreferencesDialog
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.settings import Settings
from signapp.ui.statements.fields import OptionalDateField
from signapp.ui.undo import UndoStack

REPO_ROOT = Path(__file__).resolve().parents[2]
KHMER = re.compile("[\u1780-\u17ff]")


@pytest.fixture
def khmer(qapp: QApplication) -> Iterator[None]:
    """The interface in Khmer for one test; English (the tests' language) after it."""
    words = install_qt_words(qapp)
    use_interface_language("km")
    yield
    use_interface_language("en")
    qapp.removeTranslator(words)


def _menu_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    texts = []
    for menu_action in window.menuBar().actions():
        texts.append(menu_action.text())
        texts.extend(a.text() for a in menu_action.menu().actions() if not a.isSeparator())
    return texts


def test_a_window_started_in_khmer_has_khmer_menus_views_and_buttons(
    qtbot, db: Database, settings: Settings, khmer: None
) -> None:  # type: ignore[no-untyped-def]
    load_sample_campaign(db, SAMPLE_CAMPAIGN)
    stack = UndoStack()
    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    texts = _menu_texts(window)
    assert texts[0] == "ឯកសារ (&F)"
    untranslated = [text for text in texts if text and not KHMER.search(text)]
    assert untranslated == []
    window.show_view(STATEMENTS)
    headers = window.statements.list_model
    titles = [
        headers.headerData(c, Qt.Orientation.Horizontal) for c in range(headers.columnCount())
    ]
    assert all(KHMER.search(title) for title in titles), titles
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert KHMER.search(cancel), cancel  # Qt's own word, from signapp's catalogue
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert KHMER.search(wizard.buttonText(QWizard.WizardButton.NextButton))
    stack.clear()


def test_dates_are_picked_from_a_calendar_that_speaks_khmer(qtbot, khmer: None) -> None:  # type: ignore[no-untyped-def]
    field = OptionalDateField("2026-03-08", "deadline")
    qtbot.addWidget(field)
    assert field.date_edit.calendarPopup()
    assert QLocale().language() == QLocale.Language.Khmer
    assert KHMER.search(QLocale().monthName(3))
    assert field.iso_date() == "2026-03-08"
    field.date_edit.setDate(QDate(2026, 4, 1))
    assert field.iso_date() == "2026-04-01"
    assert "មីនា" in i18n.format_date(QDate(2026, 3, 8).toPython(), style="long")


def test_the_language_preference_is_offered_and_kept(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    offered = [dialog.language_field.itemData(i) for i in range(dialog.language_field.count())]
    assert offered[0] == "" and "km" in offered and "en" in offered
    assert "ខ្មែរ" in [dialog.language_field.itemText(i) for i in range(len(offered))]
    dialog.language_field.setCurrentIndex(offered.index("km"))
    dialog.accept()
    assert settings.interface_language == "km"
    settings.store.setValue("interface/language", "xx")  # a language with no catalogue
    assert settings.interface_language == ""


@pytest.mark.parametrize(
    ("arguments", "preference", "expected"),
    [
        (["--language", "km"], "", "km"),
        ([], "km", "km"),
        (["--language", "en"], "km", "en"),
        ([], "", None),  # the system's
    ],
)
def test_language_comes_from_the_option_then_the_preference_then_the_system(
    settings: Settings, arguments: list[str], preference: str, expected: str | None
) -> None:
    settings.interface_language = preference
    options, _qt_arguments = parse_arguments(["signapp", *arguments])
    assert chosen_language(options, settings) == expected


def test_the_app_started_with_language_km_speaks_khmer(tmp_path: Path) -> None:
    """The whole start-up, in its own process as a person starts it."""
    script = (
        "import sys\n"
        "from signapp import i18n\n"
        "from signapp.ui import app\n"
        "from signapp.ui.settings import Settings\n"
        f"settings = Settings.from_file({str(tmp_path / 'settings.ini')!r})\n"
        "status = app.main(['signapp', '--language', 'km', '--quit-after-load', '--db',"
        f" {str(tmp_path / 's.sqlite')!r}], settings=settings)\n"
        "print(status, i18n.interface_language(), i18n._('&File'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.stdout.split() == ["0", "km", "ឯកសារ", "(&F)"], result.stderr


def test_qt_words_outside_the_catalogue_keep_their_own_text(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    from signapp.ui.language import install_qt_words

    words = install_qt_words(qapp)
    try:
        wizard = QWizard()
        assert wizard.buttonText(QWizard.WizardButton.NextButton).endswith(">")
        assert wizard.buttonText(QWizard.WizardButton.BackButton)
    finally:
        qapp.removeTranslator(words)


def test_in_khmer_text_is_measured_with_the_khmer_font(qapp: QApplication, khmer: None) -> None:
    before = QFont(qapp.font())
    try:
        put_interface_script_first(qapp)
        assert "Khmer" in qapp.font().families()[0]
        assert set(qapp.font().families()) == set(before.families())  # same fallbacks
    finally:
        qapp.setFont(before)


def test_the_guide_is_written_in_khmer_with_a_topic_for_each_english_one(
    qtbot, khmer: None
) -> None:  # type: ignore[no-untyped-def]
    english = {topic.key for topic in guide_topics("en")}
    khmer_topics = guide_topics("km")
    assert {topic.key for topic in khmer_topics} == english
    assert all(KHMER.search(topic.title) for topic in khmer_topics)
    guide = GuideDialog("Sign-ons")
    qtbot.addWidget(guide)
    assert guide.current_topic() == "Sign-ons"
    assert guide.topic_list.currentItem().text() == "ការចុះហត្ថលេខា"
    assert KHMER.search(guide.text.toPlainText())


def test_long_khmer_phrases_wrap_in_labels(qtbot, khmer: None) -> None:  # type: ignore[no-untyped-def]
    """Qt wraps only at spaces: the interface's Khmer carries a zero width space wherever
    ICU's dictionary allows a line break, so a long phrase wraps instead of running out."""
    text = i18n._("Possibly the same as")  # "ប្រហែលជាដូចគ្នានឹង": one phrase, no space
    assert "\u200b" in text and text.replace("\u200b", "") == "ប្រហែលជាដូចគ្នានឹង"
    label = QLabel(i18n._("Delete “{name}”?"))
    label.setWordWrap(True)
    qtbot.addWidget(label)
    assert label.heightForWidth(40) > label.fontMetrics().lineSpacing()  # more than one line
    assert "\u200b" not in i18n.translations("km").gettext("Possibly the same as")  # PDF, CLI
