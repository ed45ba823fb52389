"""Language codes of statement texts: checked against ISO 639, and named for people.

A code is an ISO 639-1 code (``km``) or, for languages without one, ISO 639-3 (``fil``),
optionally followed by a region (``pt-BR``, ``es-419``). Codes are stored in lower case
and in their shortest form (``khm`` becomes ``km``), so one language never gets two texts.
"""

from __future__ import annotations

from typing import Any

from signapp.core.errors import ValidationError
from signapp.i18n import _

EXAMPLES = "such as en, km, fil or pt-BR"


def _language(code: str) -> Any:
    import pycountry

    if len(code) == 2 and code.isascii() and code.isalpha():
        return pycountry.languages.get(alpha_2=code)
    if len(code) == 3 and code.isascii() and code.isalpha():
        return pycountry.languages.get(alpha_3=code)
    return None


def _region(code: str) -> Any:
    import pycountry

    if len(code) == 2 and code.isascii() and code.isalpha():
        return pycountry.countries.get(alpha_2=code.upper())
    return None


def _is_region(code: str) -> bool:
    """A country code, or a UN M.49 area number such as 419 (Latin America)."""
    return _region(code) is not None or (len(code) == 3 and code.isascii() and code.isdigit())


def clean_language_code(value: str | None, field: str = "language") -> str:
    """``value`` as a stored language code.

    Raises:
        ValidationError: naming ``field`` and the value, when it is not a known code.
    """
    cleaned = (value or "").strip().replace("_", "-")
    if not cleaned:
        raise ValidationError(field, _("give a language code {examples}").format(examples=EXAMPLES))
    parts = cleaned.lower().split("-")
    language = _language(parts[0]) if len(parts) <= 2 else None
    if language is None:
        raise ValidationError(
            field,
            _("{cleaned!r} is not an ISO 639 language code {examples}").format(
                cleaned=cleaned, examples=EXAMPLES
            ),
        )
    code = getattr(language, "alpha_2", None) or language.alpha_3
    if len(parts) == 1:
        return str(code)
    if not _is_region(parts[1]):
        raise ValidationError(
            field,
            _("{cleaned!r}: {country!r} is not a country code {examples}").format(
                cleaned=cleaned, country=parts[1], examples=EXAMPLES
            ),
        )
    return f"{code}-{parts[1]}"


def language_name(code: str) -> str:
    """The English name of the language of ``code`` ("Portuguese (Brazil)"), else the code."""
    parts = code.lower().split("-")
    language = _language(parts[0]) if len(parts) <= 2 else None
    if language is None:
        return code
    name = str(language.name)
    if len(parts) == 2:
        region = _region(parts[1])
        area = (getattr(region, "common_name", None) or region.name) if region else parts[1]
        name += f" ({area})"
    return name
