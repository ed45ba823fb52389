"""Forms whose fields show their validation message right next to them.

A form reads and shows the fields of any record (organisation, contact, person ...):
its values are plain ``dict[str, Any]`` read from the editors; the dialog or view that
knows which record it edits gives them that record's type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from signapp.core.errors import ValidationError
from signapp.ui.roles import show_as_error

Fields = TypeVar("Fields", bound=Mapping[str, object])


def field_errors(clean: Callable[[Fields], object], values: Fields) -> dict[str, str]:
    """Run ``clean`` on each field alone, so every field gets its own message."""
    errors: dict[str, str] = {}
    for field, value in values.items():
        try:
            clean(cast(Fields, {field: value}))  # one field of the same record
        except ValidationError as error:
            errors[error.field] = error.reason
    return errors


def changed_fields(before: Fields, after: Fields) -> tuple[Fields, Fields]:
    """The fields ``after`` gives another value (a blank is no value), as (before, after)."""
    changed = [field for field in after if (after[field] or None) != before[field]]
    return (
        cast(Fields, {field: before[field] for field in changed}),
        cast(Fields, {field: after[field] for field in changed}),
    )


Editor = QLineEdit | QComboBox | QPlainTextEdit | QCheckBox


class _CompletionsOnFirstUse(QObject):
    """Gives a line's completer its words when the line is first focused or typed in.

    A long list (every country's name in the interface language) took longer to build
    than the rest of the window's first view, and most forms are only looked at.
    """

    def __init__(
        self, editor: QLineEdit, model: QStringListModel, words: Callable[[], Sequence[str]]
    ) -> None:
        super().__init__(editor)
        self._model = model
        self._words = words
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.KeyPress):
            self._model.setStringList(list(self._words()))
            watched.removeEventFilter(self)
        return False


class ValidatedForm(QWidget):
    """A form layout of editors, each with a message label under it.

    Signals:
        edited(): the user changed a value.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._editors: dict[str, Editor] = {}
        self._errors: dict[str, QLabel] = {}

    def _add_row(self, field: str, label: str, editor: Editor) -> None:
        error = QLabel()
        show_as_error(error)
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(editor)
        # The label is not in the editor's own parent, where Qt looks for a buddy's
        # label to name the field for screen readers: the name is given here.
        editor.setAccessibleName(label.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        self._layout.addRow(caption, cell)
        editor.setObjectName(field)
        self._editors[field] = editor
        self._errors[field] = error

    def add_line(
        self,
        field: str,
        label: str,
        *,
        placeholder: str = "",
        completions: Callable[[], Sequence[str]] | None = None,
    ) -> QLineEdit:
        """A one-line field; ``completions`` gives the words it offers as one types."""
        editor = QLineEdit()
        editor.setPlaceholderText(placeholder)
        editor.setClearButtonEnabled(True)
        if completions is not None:
            model = QStringListModel(editor)
            _CompletionsOnFirstUse(editor, model, completions)
            completer = QCompleter(model, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        editor.textEdited.connect(lambda _text: self._user_edited(field))
        self._add_row(field, label, editor)
        return editor

    def add_choice(self, field: str, label: str, choices: Sequence[tuple[str, str]]) -> QComboBox:
        """A drop-down of (shown text, stored value) pairs."""
        editor = QComboBox()
        for text, value in choices:
            editor.addItem(text, value)
        editor.activated.connect(lambda _index: self._user_edited(field))
        self._add_row(field, label, editor)
        return editor

    def add_text(self, field: str, label: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
        editor.textChanged.connect(lambda: self._user_edited(field))
        self._add_row(field, label, editor)
        return editor

    def add_check(self, field: str, label: str) -> QCheckBox:
        editor = QCheckBox()
        editor.checkStateChanged.connect(lambda _state: self._user_edited(field))
        self._add_row(field, label, editor)
        return editor

    def editor(self, field: str) -> Editor:
        return self._editors[field]

    def values(self) -> dict[str, Any]:
        return {field: _read(editor) for field, editor in self._editors.items()}

    def set_values(self, values: Mapping[str, object]) -> None:
        for field, value in values.items():
            editor = self._editors[field]
            editor.blockSignals(True)
            _write(editor, value)
            editor.blockSignals(False)
        self.clear_errors()

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show each message next to its field; the first field in error gets focus."""
        first = None
        for field, label in self._errors.items():
            message = errors.get(field)
            label.setText(message or "")
            label.setVisible(bool(message))
            self._editors[field].setAccessibleDescription(message or "")  # read with the field
            if message and first is None:
                first = self._editors[field]
        if first is not None:
            first.setFocus()

    def clear_errors(self) -> None:
        self.show_errors({})

    def error_text(self, field: str) -> str:
        label = self._errors[field]
        return label.text() if not label.isHidden() else ""

    def _user_edited(self, field: str) -> None:
        self._errors[field].hide()
        self.edited.emit()


def _read(editor: Editor) -> Any:
    if isinstance(editor, QLineEdit):
        return editor.text()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    return editor.toPlainText()


def _write(editor: Editor, value: Any) -> None:
    if isinstance(editor, QLineEdit):
        editor.setText(value or "")
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    else:
        editor.setPlainText(value or "")
