"""The Markdown editor of a statement's draft: one tab per language, with a live preview.

Typing is saved to the draft after a short pause (each save is in the audit log); the
editor's own undo covers typing. Issuing turns the draft into the next version and
cannot be undone, so it is confirmed first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core import ops_statements
from signapp.core.errors import NotFound, SignappError, ValidationError
from signapp.core.languages import clean_language_code
from signapp.core.model import VersionKind
from signapp.core.signons import list_signons
from signapp.core.stale_translations import StaleTranslations, draft_stale_translations
from signapp.core.statements import (
    get_draft,
    get_statement,
    get_version,
    save_draft_text,
)
from signapp.i18n import _, language_in_interface, ngettext
from signapp.ui.roles import show_as_error
from signapp.ui.statements.messages import WarningBox
from signapp.ui.tasks import show_error

SAVE_DELAY_MS = 600
READING_POINT_SIZE = 12.0
DIALOG_WIDTH = 480


def language_label(code: str) -> str:
    name = language_in_interface(code)
    return f"{code} – {name}" if name != code else code


class LanguagePane(QSplitter):
    """Markdown source on the left, its rendering on the right."""

    edited = Signal(str)

    def __init__(self, language: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.language = language
        self.source = QPlainTextEdit()
        self.source.setPlainText(text)
        self.source.setTabChangesFocus(False)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        # Khmer, Thai and Myanmar stack marks above and below: small sizes blur them.
        font = self.source.font()
        font.setPointSizeF(max(font.pointSizeF(), READING_POINT_SIZE))
        self.source.setFont(font)
        self.preview.document().setDefaultFont(font)
        name = language_label(language)
        self.source.setAccessibleName(_("Text in {language}").format(language=name))
        self.preview.setAccessibleName(_("Preview in {language}").format(language=name))
        self.addWidget(self.source)
        self.addWidget(self.preview)
        self.render_preview()
        self.source.textChanged.connect(self._on_text_changed)

    def text(self) -> str:
        return self.source.toPlainText()

    def render_preview(self) -> None:
        """Show the text rendered, at the place the reader had scrolled to (the top first).

        The browser's cursor is put back at the start: left at the end of the new
        document, it would scroll the preview down to keep itself in view.
        """
        scroll = self.preview.verticalScrollBar()
        position = scroll.value()
        # The PDF's own Markdown dialect; raw HTML in the text is escaped, shown as typed.
        # Loaded when a preview is first drawn: the module brings the PDF writer with
        # it, a third of the start-up.
        from signapp.export.markdown import markdown_html

        self.preview.setHtml(markdown_html(self.text()))
        self.preview.moveCursor(QTextCursor.MoveOperation.Start)
        scroll.setValue(position)

    def _on_text_changed(self) -> None:
        self.render_preview()
        self.edited.emit(self.language)

    def set_read_only(self, read_only: bool) -> None:
        self.source.setReadOnly(read_only)


class IssueVersionDialog(QDialog):
    """Asks for the kind of revision and its change note, and says what issuing implies."""

    def __init__(
        self,
        number: int,
        confirmations_affected: int,
        parent: QWidget | None = None,
        *,
        stale: StaleTranslations | None = None,
    ) -> None:
        """``stale`` names the translations left as they were while another text changed:
        the dialog warns, and its buttons become "Issue anyway" and "Go back"."""
        super().__init__(parent)
        self.setWindowTitle(_("Issue version {number}").format(number=number))
        self.kind = QComboBox()
        if number == 1:
            self.kind.addItem(VersionKind.INITIAL.label, VersionKind.INITIAL)
            self.kind.setEnabled(False)
        else:
            # No kind is chosen for the person: carrying confirmations over a change of
            # substance would publish names under a text they did not sign.
            self.kind.addItem(_("Choose the kind of change…"), None)
            self.kind.addItem(_("editorial – confirmations carry over"), VersionKind.EDITORIAL)
            self.kind.addItem(
                _("substantive – confirmations must be renewed"), VersionKind.SUBSTANTIVE
            )
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What changed, for the version history"))
        self.consequence = QLabel()
        self.consequence.setWordWrap(True)
        self.consequence.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_warning = WarningBox()
        if stale is not None:
            self.stale_warning.set_text(
                "⚠ "
                + stale.message()
                + "\n\n"
                + _("Go back to update the translation, or issue the version as it is.")
            )
        self._affected = confirmations_affected
        self.kind.currentIndexChanged.connect(self._explain)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.issue_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.issue_button.setText(_("Issue anyway") if stale else _("Issue"))
        self.back_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if stale is not None:
            self.back_button.setText(_("Go back"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.kind.setToolTip(
            _(
                "Editorial: wording, spelling, layout; confirmations stay valid.\n"
                "Substantive: the meaning changed; organisations that confirmed are asked again."
            )
        )
        self.kind.setAccessibleName(_("Kind of change"))
        self.note.setAccessibleName(_("Change note"))
        self.setMinimumWidth(DIALOG_WIDTH)
        form = QFormLayout(self)
        form.addRow(_("Kind:"), self.kind)
        form.addRow(_("Change note:"), self.note)
        form.addRow(self.stale_warning)
        form.addRow(self.consequence)
        form.addRow(buttons)
        if stale is not None:  # Enter goes back rather than issue an outdated text
            self.issue_button.setAutoDefault(False)
            self.back_button.setDefault(True)
        self._explain()

    def chosen_kind(self) -> VersionKind | None:
        """The kind chosen; None while the person has not chosen one yet."""
        data = self.kind.currentData()
        return None if data is None else VersionKind(data)

    def _explain(self) -> None:
        kind = self.chosen_kind()
        self.issue_button.setEnabled(kind is not None)
        text = _("An issued version cannot be changed or taken back.")
        if kind is None:
            text = _("Choose whether the change is editorial or substantive.") + " " + text
        elif kind is VersionKind.SUBSTANTIVE:
            text += " " + ngettext(
                "{count:,} confirmation of earlier versions will be marked “needs "
                "reconfirmation” and left out of the published list until renewed.",
                "{count:,} confirmations of earlier versions will be marked “needs "
                "reconfirmation” and left out of the published list until renewed.",
                self._affected,
            ).format(count=self._affected)
        self.consequence.setText(text)
        self.adjustSize()  # the longer text wraps onto more lines


class AddLanguageDialog(QDialog):
    """Asks for a language code; a code that is not one is explained under the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add language"))
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("km, th, fr, fil, pt-BR…"))
        self.error = QLabel()
        show_as_error(self.error)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        self.field.textChanged.connect(self.error.hide)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Language code:"), self.field)
        form.addRow("", self.error)
        form.addRow(buttons)

    def code(self) -> str:
        """The code as stored.

        Raises:
            ValidationError: the text typed is not a language code.
        """
        return clean_language_code(self.field.text())

    def accept(self) -> None:
        """Closes only on a known code; otherwise says why under the field."""
        try:
            self.code()
        except ValidationError as error:
            self.error.setText(error.reason)
            self.error.show()
            self.field.setFocus()
            return
        super().accept()


class StatementEditor(QWidget):
    """Edits the draft of one statement.

    Signals:
        version_issued(int): the number of a version just issued.
        data_changed(Changes): what issuing it changed, for the other views.
    """

    version_issued = Signal(int)
    data_changed = Signal(object)
    draft_saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._statement_id: int | None = None
        self._unsaved: set[str] = set()
        self._panes: dict[str, LanguagePane] = {}
        self._shown: tuple[bool, int] | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

        self.state = QLabel()
        self.state.setWordWrap(True)
        self.tabs = QTabWidget()
        self.add_language_button = QPushButton(_("Add language…"))
        self.add_language_button.setToolTip(_("Add the text in another language"))
        self.add_language_button.clicked.connect(self._ask_language)
        self.issue_button = QPushButton(_("Issue version…"))
        self.issue_button.setToolTip(
            _("Turn the draft into the next numbered version; an issued version cannot be changed")
        )
        self.issue_button.clicked.connect(self.ask_issue_version)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.add_language_button)
        top.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)

    def set_statement(self, statement_id: int | None) -> None:
        self.save_now()
        self._statement_id = statement_id
        self.reload()

    def _texts_to_edit(self) -> tuple[dict[str, str], int]:
        """The draft's texts, or the latest issued ones a draft will start from."""
        assert self._statement_id is not None
        draft = get_draft(self._db, self._statement_id)
        if draft is not None:
            return dict(draft.texts), draft.number
        try:
            latest = get_version(self._db, self._statement_id)
        except NotFound:
            return {}, 1
        return dict(latest.texts), latest.number + 1

    def sync(self) -> None:
        """Reload only if the stored draft, version or lock differ from what is shown,
        so that changes elsewhere (an undo, a status change) do not move the cursor."""
        if self._statement_id is None or not self.save_now():
            return
        texts, number = self._texts_to_edit()
        locked = get_statement(self._db, self._statement_id).status.text_is_locked
        shown = {language: pane.text() for language, pane in self._panes.items()}
        if (
            (locked, number) != self._shown
            or not set(texts) <= set(shown)
            or any(shown[language] != text for language, text in texts.items())
        ):
            self.reload()

    def reload(self) -> None:
        self._save_timer.stop()
        self._unsaved.clear()
        self.tabs.clear()
        for pane in self._panes.values():
            pane.deleteLater()
        self._panes.clear()
        if self._statement_id is None:
            self.state.setText(_("Choose a statement."))
            self.setEnabled(False)
            return
        self.setEnabled(True)
        texts, number = self._texts_to_edit()
        for language, text in (texts or {"en": ""}).items():
            self._add_pane(language, text)
        locked = get_statement(self._db, self._statement_id).status.text_is_locked
        self._shown = (locked, number)
        for pane in self._panes.values():
            pane.set_read_only(locked)
        self.add_language_button.setEnabled(not locked)
        self.issue_button.setEnabled(not locked)
        if locked:
            self.state.setText(
                _("This statement is closed or published: its text can no longer change.")
            )
        else:
            self.state.setText(
                _("Draft of version {number}. Changes are saved as you type.").format(number=number)
            )

    def _add_pane(self, language: str, text: str) -> LanguagePane:
        pane = LanguagePane(language, text)
        pane.edited.connect(self._on_edited)
        self._panes[language] = pane
        self.tabs.addTab(pane, language_label(language))
        return pane

    def pane(self, language: str) -> LanguagePane:
        return self._panes[language]

    def languages(self) -> list[str]:
        return list(self._panes)

    def add_language(self, language: str) -> LanguagePane:
        """Open a tab for ``language`` (a code such as km), or switch to it.

        Raises:
            ValidationError: ``language`` is not a known language code.
        """
        code = clean_language_code(language)
        if code not in self._panes:
            self._add_pane(code, "")
        pane = self._panes[code]
        self.tabs.setCurrentWidget(pane)
        return pane

    def _ask_language(self) -> None:
        dialog = AddLanguageDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_language(dialog.code())

    def _on_edited(self, language: str) -> None:
        self._unsaved.add(language)
        self._save_timer.start()

    def save_now(self) -> bool:
        """Write unsaved texts to the draft; False (and the error shown) if core refused."""
        self._save_timer.stop()
        if self._statement_id is None or not self._unsaved:
            return True
        try:
            for language in sorted(self._unsaved):
                save_draft_text(
                    self._db, self._statement_id, language, self._panes[language].text()
                )
                self._unsaved.discard(language)
        except SignappError as error:
            show_error(self, error)
            return False
        self.draft_saved.emit()
        return True

    def ask_issue_version(self) -> None:
        if self._statement_id is None or not self.save_now():
            return
        number = self._texts_to_edit()[1]
        if get_draft(self._db, self._statement_id) is None:
            QMessageBox.information(
                self,
                _("Nothing to issue"),
                _(
                    "The text has not changed since version {previous}. Edit it to start version {number}."
                ).format(previous=number - 1, number=number),
            )
            return
        affected = sum(
            1
            for row in list_signons(self._db, self._statement_id)
            if row.signon.status.value == "confirmed" and not row.needs_reconfirmation
        )
        stale = draft_stale_translations(self._db, self._statement_id)
        dialog = IssueVersionDialog(number, affected, self, stale=stale)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            if stale is not None:  # back to the first text that may need updating
                self.tabs.setCurrentWidget(self._panes[stale.unchanged[0]])
            return
        kind = dialog.chosen_kind()
        if kind is not None:
            self.issue(kind, dialog.note.text())

    def issue(self, kind: VersionKind, note: str | None) -> int | None:
        """Issue the draft as the next version; returns its number, None if refused."""
        if self._statement_id is None or not self.save_now():
            return None
        try:
            done = ops_statements.issue_version(self._db, self._statement_id, kind, note)
        except SignappError as error:
            show_error(self, error)
            return None
        number = done.created_ids[0]
        self.reload()
        self.data_changed.emit(done.changes)
        self.version_issued.emit(number)
        return number
