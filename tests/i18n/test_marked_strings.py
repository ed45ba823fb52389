"""No text is handed to a widget without going through the catalogue.

Extraction finds only marked messages; a literal given straight to a Qt text call would
stay English in every language. This reads the interface's source and lists them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "signapp"
UI_SOURCES = SOURCES / "ui"

# Calls that put their text arguments in front of a person.
TEXT_CALLS = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setTitle",
        "setLabelText",
        "setInformativeText",
        "setDetailedText",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "addTab",
        "insertTab",
        "setTabText",
        "setTabToolTip",
        "addMenu",
        "addRow",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "showMessage",
        "setAccessibleName",
        "setAccessibleDescription",
        "setSubTitle",
        "setButtonText",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "QListWidgetItem",
        "addButton",
        "getOpenFileName",
        "getSaveFileName",
        "QMessageBox",
        "QCommandLinkButton",
        "setCancelButtonText",
        "addItem",
        "addItems",
        "setName",
        "QBarSet",
    }
)
# Texts that are the same in every language.
NOT_WORDS = re.compile(r"^(signapp|[^A-Za-z]*|[A-Z]{2,5}|\w+ \(\*\.\w+\))$")


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return call.func.id if isinstance(call.func, ast.Name) else None


def _literals(node: ast.AST) -> list[ast.AST]:
    """String literals that ``node`` shows as they are (not through ``_`` and its kin)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if not NOT_WORDS.match(node.value) else []
    if isinstance(node, ast.JoinedStr):
        words = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [node] if re.search(r"[A-Za-z]{2}", words) else []
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [found for element in node.elts for found in _literals(element)]
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    return []


# Errors whose message reaches a person as it is (ValidationError: after the field name).
ERRORS = frozenset(
    {
        "SignappError",
        "NotFound",
        "StatementLocked",
        "StaleEdit",
        "DatabaseBusy",
        "DatabaseOpenError",
        "NotASignappDatabase",
        "SchemaTooNew",
        "CorruptDatabase",
        "WrongPassphrase",
        "MissingDatabase",
        "Cancelled",
        "ReadOnlyDatabase",
    }
)
HELP_CALLS = frozenset({"add_argument", "add_parser", "ArgumentParser", "_Parser"})


def _shown_arguments(call: ast.Call, *, all_layers: bool) -> list[ast.AST]:
    """The arguments of ``call`` that a person reads."""
    name = _call_name(call)
    if not all_layers and name in TEXT_CALLS:
        return list(call.args)
    if all_layers and name in ERRORS:
        return list(call.args)
    if all_layers and name == "ValidationError":
        return list(call.args[1:])
    if all_layers and name in HELP_CALLS:
        return [k.value for k in call.keywords if k.arg in ("help", "description")]
    return []


def unmarked_texts(source: str, filename: str, *, all_layers: bool = False) -> list[str]:
    """Literal texts given to widgets (or, with ``all_layers``, to user-facing errors and
    command-line help) without going through the catalogue."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            for argument in _shown_arguments(node, all_layers=all_layers):
                for literal in _literals(argument):
                    text = ast.get_source_segment(source, literal) or ""
                    found.append(f"{filename}:{literal.lineno}: {text[:80]}")
    return found


def test_the_check_finds_an_unmarked_text() -> None:
    source = 'button = QPushButton("Save changes")\nlabel.setText(_("Saved"))\n'
    assert unmarked_texts(source, "example.py") == ['example.py:1: "Save changes"']


def test_every_text_given_to_a_widget_is_marked_for_translation() -> None:
    found = [
        line
        for path in sorted(UI_SOURCES.rglob("*.py"))
        for line in unmarked_texts(path.read_text(encoding="utf-8"), str(path.name))
    ]
    assert not found, "texts shown without _() (wrap them and translate them):\n" + "\n".join(found)


def test_every_error_message_and_command_line_help_is_marked_for_translation() -> None:
    found = [
        line
        for path in sorted(SOURCES.rglob("*.py"))
        for line in unmarked_texts(
            path.read_text(encoding="utf-8"), str(path.relative_to(SOURCES)), all_layers=True
        )
    ]
    assert not found, "messages shown without _() (wrap them and translate them):\n" + "\n".join(
        found
    )
