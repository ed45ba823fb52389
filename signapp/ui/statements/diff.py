"""Version history of a statement and the word-by-word difference between two versions."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.model import StatementVersion
from signapp.core.stale_translations import compare_texts
from signapp.core.statements import list_versions
from signapp.core.textdiff import (
    DiffOp,
    DiffSegment,
    DiffStats,
    diff_stats,
    diff_words,
    written_without_spaces,
)
from signapp.i18n import N_, _, format_iso_date, ngettext
from signapp.ui.statements.editor import READING_POINT_SIZE

INSERT_STYLE = "background-color:#c9f2d0;color:#0b4f1c;text-decoration:underline;"
DELETE_STYLE = "background-color:#ffd2d2;color:#7d1010;text-decoration:line-through;"


def diff_html(segments: list[DiffSegment]) -> str:
    """The diff as HTML; every piece of text is escaped, line breaks are kept."""
    parts: list[str] = []
    for segment in segments:
        text = html.escape(segment.text).replace("\n", "<br>")
        if segment.op is DiffOp.INSERT:
            parts.append(f'<span style="{INSERT_STYLE}">{text}</span>')
        elif segment.op is DiffOp.DELETE:
            parts.append(f'<span style="{DELETE_STYLE}">{text}</span>')
        else:
            parts.append(text)
    return '<div style="white-space:pre-wrap;">' + "".join(parts) + "</div>"


def change_summary(stats: DiffStats, by_syllable: bool) -> str:
    """What changed, counted in words, or in syllables for scripts without spaces."""
    inserted, deleted = stats.words_inserted, stats.words_deleted
    if not inserted and not deleted:
        return _("No words changed in this language.")
    if by_syllable:
        parts = (
            ngettext("{count:,} syllable inserted", "{count:,} syllables inserted", inserted),
            ngettext("{count:,} syllable deleted", "{count:,} syllables deleted", deleted),
        )
    else:
        parts = (
            ngettext("{count:,} word inserted", "{count:,} words inserted", inserted),
            ngettext("{count:,} word deleted", "{count:,} words deleted", deleted),
        )
    return _("{inserted}, {deleted}.").format(
        inserted=parts[0].format(count=inserted), deleted=parts[1].format(count=deleted)
    )


def version_label(version: StatementVersion) -> str:
    if version.is_draft:
        return _("Draft (will be version {number})").format(number=version.number)
    return _("Version {number} ({kind})").format(number=version.number, kind=version.kind.label)


_HISTORY_HEADERS = (N_("Version"), N_("Kind"), N_("Issued"), N_("Languages"), N_("Change note"))
LANGUAGES_COLUMN = 3


class VersionsView(QWidget):
    """The list of versions above, the difference of any two below."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._statement_id: int | None = None
        self._versions: list[StatementVersion] = []

        self.history = QTableWidget(0, len(_HISTORY_HEADERS))
        self.history.setHorizontalHeaderLabels([_(header) for header in _HISTORY_HEADERS])
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.history.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.history.itemSelectionChanged.connect(self._compare_selected_with_previous)

        self.old_version = QComboBox()
        self.new_version = QComboBox()
        self.language = QComboBox()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.diff_view = QTextBrowser()
        self.diff_view.setOpenLinks(False)
        font = self.diff_view.font()
        font.setPointSizeF(max(font.pointSizeF(), READING_POINT_SIZE))
        self.diff_view.document().setDefaultFont(font)
        for combo in (self.old_version, self.new_version, self.language):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.old_version.currentIndexChanged.connect(self._versions_chosen)
        self.new_version.currentIndexChanged.connect(self._versions_chosen)
        self.language.currentIndexChanged.connect(self.show_diff)
        self.old_version.setAccessibleName(_("Older version"))
        self.new_version.setAccessibleName(_("Newer version"))
        self.language.setAccessibleName(_("Language compared"))
        self.history.setAccessibleName(_("Version history"))
        self.diff_view.setAccessibleName(_("Differences between the two versions"))

        choices = QFormLayout()
        pickers = QHBoxLayout()
        pickers.addWidget(self.old_version)
        pickers.addWidget(QLabel("→"))
        pickers.addWidget(self.new_version)
        pickers.addWidget(QLabel(_("Language:")))
        pickers.addWidget(self.language)
        pickers.addStretch()
        choices.addRow(_("Compare:"), pickers)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(choices)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.diff_view)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("versionsSplitter")  # its position is remembered
        splitter.addWidget(self.history)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_statement(self, statement_id: int | None) -> None:
        self._statement_id = statement_id
        self.refresh()

    def refresh(self) -> None:
        self._versions = list_versions(self._db, self._statement_id) if self._statement_id else []
        self.history.setRowCount(len(self._versions))
        for row, version in enumerate(self._versions):
            stale = self._unchanged_translations(row)
            cells = (
                "draft" if version.is_draft else str(version.number),
                "" if version.is_draft else version.kind.label,
                _issued_text(version.issued_at),
                _("{languages} (⚠ {stale} unchanged)").format(
                    languages=", ".join(version.texts), stale=", ".join(stale)
                )
                if stale
                else ", ".join(version.texts),
                version.note or "",
            )
            cell_items = [QTableWidgetItem(text) for text in cells]
            for column, item in enumerate(cell_items):
                self.history.setItem(row, column, item)
            if stale:
                cell_items[LANGUAGES_COLUMN].setToolTip(
                    _(
                        "Unchanged from the version before while another language changed: {languages} may be out of date."
                    ).format(languages=", ".join(stale))
                )
        self.history.resizeColumnsToContents()
        languages = sorted({lang for version in self._versions for lang in version.texts})
        for combo, items in (
            (self.old_version, [version_label(v) for v in self._versions]),
            (self.new_version, [version_label(v) for v in self._versions]),
            (self.language, languages),
        ):
            previous = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(items)
            if previous in items:
                combo.setCurrentText(previous)
            combo.blockSignals(False)
        issued = [i for i, version in enumerate(self._versions) if not version.is_draft]
        if len(issued) >= 2 and self.old_version.currentIndex() == self.new_version.currentIndex():
            self.old_version.blockSignals(True)
            self.old_version.setCurrentIndex(issued[-2])
            self.old_version.blockSignals(False)
            self.new_version.setCurrentIndex(issued[-1])
        self._versions_chosen()

    def _versions_chosen(self) -> None:
        """A new pair of versions shows a language whose text changed between them
        (English unchanged while the Khmer text changed showed "0 words")."""
        old_index = self.old_version.currentIndex()
        new_index = self.new_version.currentIndex()
        if old_index >= 0 and new_index >= 0:
            old_texts = self._versions[old_index].texts
            new_texts = self._versions[new_index].texts
            language = self.language.currentText()
            if old_texts.get(language) == new_texts.get(language):
                changed = [
                    self.language.itemText(i)
                    for i in range(self.language.count())
                    if old_texts.get(self.language.itemText(i))
                    != new_texts.get(self.language.itemText(i))
                ]
                if changed:
                    self.language.blockSignals(True)
                    self.language.setCurrentText(changed[0])
                    self.language.blockSignals(False)
        self.show_diff()

    def _unchanged_translations(self, row: int) -> tuple[str, ...]:
        """Languages of the version in ``row`` left as in the one before while another
        language changed (see :mod:`signapp.core.stale_translations`)."""
        if row == 0:
            return ()
        unchanged, _ = compare_texts(self._versions[row - 1].texts, self._versions[row].texts)
        return unchanged

    def _compare_selected_with_previous(self) -> None:
        """Choosing a version in the history shows what it changed."""
        rows = self.history.selectionModel().selectedRows()
        if rows and rows[0].row() > 0:
            self.old_version.setCurrentIndex(rows[0].row() - 1)
            self.new_version.setCurrentIndex(rows[0].row())

    def compare(self, old_number: int, new_number: int, language: str) -> None:
        """Show the difference between two version numbers in ``language``."""
        numbers = [version.number for version in self._versions]
        self.old_version.setCurrentIndex(numbers.index(old_number))
        self.new_version.setCurrentIndex(numbers.index(new_number))
        self.language.setCurrentText(language)
        self.show_diff()

    def show_diff(self) -> None:
        old_index = self.old_version.currentIndex()
        new_index = self.new_version.currentIndex()
        language = self.language.currentText()
        if old_index < 0 or new_index < 0 or not language:
            self.summary.setText(_("Issue a version to compare texts."))
            self.diff_view.clear()
            return
        old = self._versions[old_index].texts.get(language)
        new = self._versions[new_index].texts.get(language)
        if old is None or new is None:
            missing = self._versions[old_index if old is None else new_index]
            self.summary.setText(
                _("{version_label} has no {language} text.").format(
                    version_label=version_label(missing), language=language
                )
            )
            self.diff_view.clear()
            return
        segments = diff_words(old, new)
        self.summary.setText(change_summary(diff_stats(segments), written_without_spaces(new)))
        self.diff_view.setHtml(diff_html(segments))


def _issued_text(issued_at: str | None) -> str:
    """When a version was issued, as the interface language writes dates, with the time."""
    if not issued_at:
        return ""
    return f"{format_iso_date(issued_at)} {issued_at[11:16]}".strip()
