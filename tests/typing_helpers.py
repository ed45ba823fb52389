"""Typing non-ASCII text into Qt widgets in tests.

``qtbot.keyClicks`` aborts the test process on non-ASCII characters with PySide6 6.12, so
text is sent as one key event per character, as a keyboard would.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send ``text`` to ``widget`` one character at a time."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QCoreApplication.sendEvent(widget, event)


def commit_text(widget: QWidget, text: str) -> None:
    """Send ``text`` as an input method commit, as a Khmer or Thai keyboard does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)
