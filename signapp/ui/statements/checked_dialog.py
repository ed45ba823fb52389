"""A dialog whose OK first reads its fields, and stays open on a refused value."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from signapp.core.errors import SignappError
from signapp.ui.tasks import show_error


def accept_when_valid(
    dialog: QDialog, buttons: QDialogButtonBox, read_fields: Callable[[], object]
) -> None:
    """Make ``buttons``' OK accept ``dialog`` only when ``read_fields()`` raises nothing.

    A refused value is shown to the user and the dialog stays open with what was typed.
    """

    def accept_if_valid() -> None:
        try:
            read_fields()
        except SignappError as error:
            show_error(dialog, error)
            return
        dialog.accept()

    buttons.accepted.connect(accept_if_valid)
    buttons.rejected.connect(dialog.reject)
