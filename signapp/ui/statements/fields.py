"""Reading form fields the same way in every dialog of the statement views."""

from __future__ import annotations

from datetime import date

from signapp.core.errors import ValidationError
from signapp.core.validation import clean_text
from signapp.i18n import _


def optional_iso_date(field: str, text: str) -> str | None:
    """``text`` as an ISO date, None when blank.

    Raises:
        ValidationError: naming ``field``, when the text is not a date.
    """
    cleaned = clean_text(text)
    if cleaned is None:
        return None
    try:
        return date.fromisoformat(cleaned).isoformat()
    except ValueError:
        raise ValidationError(
            field, _("{text!r} is not a date (YYYY-MM-DD)").format(text=cleaned)
        ) from None
