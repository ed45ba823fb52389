"""How widgets with a role look: error lines, page and detail titles, warning boxes,
the sidebar.

A style sheet set on the whole application makes Qt draw every widget through its
style-sheet style: building the main window took four times as long with one. So each
widget with a role is given its look here, on its own: a font or a palette, and a style
sheet only on the two widgets whose look a palette cannot give (rounded boxes).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QListWidget

from signapp.bundled import resource_path
from signapp.ui.palette import readable

ERROR_COLOUR = QColor("#b03a2e")
PAGE_TITLE_POINTS = 20.0
DETAIL_TITLE_POINTS = 15.0


@cache
def style_sheet() -> str:
    """The rules of ``resources/style.qss``: the sidebar's items and the warning box."""
    return resource_path("style.qss").read_text(encoding="utf-8")


def show_as_error(label: QLabel) -> None:
    """Red text that reads on the label's background, light or dark."""
    palette = label.palette()
    ground = palette.color(QPalette.ColorRole.Window)
    palette.setColor(QPalette.ColorRole.WindowText, readable(ERROR_COLOUR, ground))
    label.setPalette(palette)


def _sized(label: QLabel, points: float, weight: QFont.Weight) -> None:
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setWeight(weight)
    label.setFont(font)


def show_as_page_title(label: QLabel) -> None:
    _sized(label, PAGE_TITLE_POINTS, QFont.Weight.Normal)


def show_as_detail_title(label: QLabel) -> None:
    _sized(label, DETAIL_TITLE_POINTS, QFont.Weight.DemiBold)


def show_as_warning(frame: QFrame) -> None:
    """A tinted box with rounded corners, its text in a dark brown."""
    frame.setObjectName("warning")
    frame.setStyleSheet(style_sheet())


def show_as_sidebar(sidebar: QListWidget) -> None:
    """A list that reads as navigation: no frame, rounded highlighted items."""
    sidebar.setObjectName("sidebar")
    sidebar.setStyleSheet(style_sheet())
