"""Walking a window's widgets the way a screen reader meets them."""

from __future__ import annotations

import itertools

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
    QAbstractSlider,
)


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads, by Qt's own rules (a button's text, a form
    label's buddy, the accessible name set ...)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _is_part_of_another_widget(widget: QWidget) -> bool:
    """Scroll bars, a combo box's own line edit, a table's corner button ... are parts
    read with the widget they belong to."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        if isinstance(parent, QAbstractItemView) and widget is not parent:
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(widget, QAbstractSlider)


def nameless_widgets(root: QWidget) -> list[str]:
    """Visible interactive widgets under ``root`` without an accessible name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if _is_part_of_another_widget(widget):
            continue
        if not accessible_name(widget):
            tooltip = widget.toolTip()
            found.append(
                f"{type(widget).__name__} {widget.objectName() or ''} "
                f"in {type(widget.parentWidget()).__name__}"
                + (f" (tooltip {tooltip!r})" if tooltip else "")
            )
    return found


def tab_order_problems(root: QWidget) -> list[str]:
    """Places where Tab jumps against the reading order: to a widget above the one
    before it on the same column, or back to the left on the same row.

    Tab is followed from the dialog's first widget once round; a widget in another
    column (a side pane) may start higher.
    """
    chain = _focus_chain(root)
    problems = []
    for before, after in itertools.pairwise(chain):
        a = before.mapTo(root, before.rect().center())
        b = after.mapTo(root, after.rect().center())
        same_row = abs(a.y() - b.y()) < min(before.height(), after.height()) / 2
        overlapping_columns = not (
            before.mapTo(root, before.rect().topRight()).x()
            < after.mapTo(root, after.rect().topLeft()).x()
            or after.mapTo(root, after.rect().topRight()).x()
            < before.mapTo(root, before.rect().topLeft()).x()
        )
        if same_row and b.x() < a.x() - 4:
            problems.append(f"{_label(before)} → {_label(after)} goes back left")
        elif not same_row and overlapping_columns and b.y() < a.y():
            problems.append(f"{_label(before)} → {_label(after)} goes back up")
    return problems


def _focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits, once round, from the one that has the focus when the
    dialog opens (the first after ``root`` if none)."""
    from PySide6.QtCore import Qt

    chain: list[QWidget] = []
    first = root.focusWidget() or root.nextInFocusChain()
    widget = first
    while widget is not None and widget not in chain:
        if (
            root.isAncestorOf(widget)
            and widget.isVisibleTo(root)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not _is_part_of_another_widget(widget)
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first:
            break
    return chain


def _label(widget: QWidget) -> str:
    return accessible_name(widget) or type(widget).__name__
