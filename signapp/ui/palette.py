"""Colours that stay readable on the palette in use, light or dark.

Status colours were picked for a white table: on a dark one, "declined" red had a
contrast of about 2.2:1. :func:`readable` lightens or darkens a colour until it reaches
the WCAG AA ratio for text (4.5:1) against the background it is drawn on.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette

TEXT_CONTRAST = 4.5


def _luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def background(palette: QPalette | None = None) -> QColor:
    """The colour tables and text fields are drawn on."""
    return (palette or QGuiApplication.palette()).color(QPalette.ColorRole.Base)


def is_dark(palette: QPalette | None = None) -> bool:
    return background(palette).lightnessF() < 0.5


def readable(colour: QColor, on: QColor | None = None, minimum: float = TEXT_CONTRAST) -> QColor:
    """``colour``, lightened on a dark background or darkened on a light one, until its
    contrast with ``on`` (the palette's base colour if None) is at least ``minimum``."""
    ground = on if on is not None else background()
    return QColor.fromRgba(_readable_rgba(colour.rgba(), ground.rgba(), minimum))


@cache
def _readable_rgba(colour_rgba: int, ground_rgba: int, minimum: float) -> int:
    """Worked out once per colour and background: table cells ask on every repaint."""
    colour, ground = QColor.fromRgba(colour_rgba), QColor.fromRgba(ground_rgba)
    towards_light = ground.lightnessF() < 0.5
    hue, saturation, lightness, alpha = (
        colour.hslHueF(),
        colour.hslSaturationF(),
        colour.lightnessF(),
        colour.alphaF(),
    )
    adjusted = QColor(colour)
    step = 0.0
    while contrast_ratio(adjusted, ground) < minimum and step < 1.0:
        step += 0.02
        shifted = lightness + step if towards_light else lightness - step
        adjusted = QColor.fromHslF(hue, saturation, min(max(shifted, 0.0), 1.0), alpha)
    return adjusted.rgba()
