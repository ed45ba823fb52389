"""The interface language on the Qt side: signapp's messages, Qt's own words, dates.

gettext (:mod:`signapp.i18n`) carries signapp's messages. Qt has words of its own (the
OK and Cancel of every dialog, a text field's context menu) that it translates with
its ``.qm`` files, and it ships none for Khmer; :class:`QtWords` answers those from
signapp's catalogue instead. Dates in date fields, calendars and charts follow the
default :class:`QLocale`, set to the same language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from signapp.i18n import N_, _, interface_language, set_language

# Qt's own words, as Qt writes them (QPlatformTheme: standard buttons; QLineEdit and
# QWidgetTextControl: the context menu of a text field; QWizard: its buttons).
QT_WORDS = frozenset(
    {
        N_("OK"),
        N_("Cancel"),
        N_("Close"),
        N_("Save"),
        N_("Open"),
        N_("Apply"),
        N_("Reset"),
        N_("Help"),
        N_("Discard"),
        N_("Don't Save"),
        N_("Close without Saving"),
        N_("Save All"),
        N_("Restore Defaults"),
        N_("Abort"),
        N_("Retry"),
        N_("Ignore"),
        N_("&Yes"),
        N_("&No"),
        N_("Yes to &All"),
        N_("N&o to All"),
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
        N_("Copy &Link Location"),
        N_("< &Back"),
        N_("&Next >"),
        N_("&Finish"),
        N_("&Help"),
        N_("Go Back"),
        N_("Continue"),
        N_("Commit"),
        N_("Done"),
    }
)
QT_CONTEXTS = frozenset(
    {"QPlatformTheme", "QLineEdit", "QWidgetTextControl", "QDialogButtonBox", "QWizard"}
)


class QtWords(QTranslator):
    """Qt's standard words from signapp's catalogue, in the interface language."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if context in QT_CONTEXTS and source_text in QT_WORDS:
            return _(source_text)
        # None, not "": an empty string is a translation, and Qt showed it (the import
        # wizard's Next and Back buttons had no text).
        return None

    def isEmpty(self) -> bool:
        return False


def use_interface_language(language: str | None) -> str:
    """Speak ``language`` (None or "": the system's) in messages, dates and numbers.

    Call before the widgets are built: they take their words when they are made.
    Returns the language code used.
    """
    chosen = set_language(language, line_breaks=True)
    QLocale.setDefault(QLocale(chosen))
    return chosen


# The script of an interface language whose letters are taller than Latin: its font goes
# first in the application font, so that labels and rows are measured for its lines.
INTERFACE_SCRIPTS = {"km": "khmer"}


def put_interface_script_first(app: QApplication) -> None:
    """Measure text with the interface language's own font (see INTERFACE_SCRIPTS).

    Widgets size themselves from the first family of their font; with a Latin font first,
    a label of Khmer text wraps onto lines taller than it measured and is cut off.
    """
    script = INTERFACE_SCRIPTS.get(interface_language())
    if script is None:
        return
    font = QFont(app.font())
    families = font.families()
    own = next((family for family in families if script in family.lower()), None)
    if own is None:
        return
    font.setFamilies([own, *(family for family in families if family != own)])
    app.setFont(font)


def install_qt_words(app: QCoreApplication) -> QtWords:
    """Give Qt's own words from the catalogue; the translator lives as long as ``app``."""
    words = QtWords(app if isinstance(app, QObject) else None)
    app.installTranslator(words)
    return words
