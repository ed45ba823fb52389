"""Windows and dialogs sized for the screen they open on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_on_screen(window: QWidget, size: tuple[int, int]) -> None:
    """Resize to ``size``, but no larger than the screen's free area (at a scale factor
    of 1.5 the default size of 1280×800 is 1920×1200 pixels), and keep it on screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*size)
        return
    free = screen.availableGeometry()
    width = min(size[0], free.width())
    height = min(size[1], free.height())
    window.resize(width, height)
    frame = window.frameGeometry()
    # Inside the free area; its top left corner at least (a window that cannot be made
    # small enough keeps its title bar and menus on screen).
    left = max(free.left(), min(frame.left(), free.right() + 1 - frame.width()))
    top = max(free.top(), min(frame.top(), free.bottom() + 1 - frame.height()))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)
