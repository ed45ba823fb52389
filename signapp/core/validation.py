"""Validation and normalisation of the values people type into fields.

The email, phone and country libraries are imported when first used: together they
take a noticeable part of the app's start-up, and the first window needs none of them.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from babel import Locale

from signapp.core.errors import ValidationError
from signapp.i18n import _, available_languages


def clean_text(value: str | None) -> str | None:
    """Strip surrounding space; an empty value becomes None."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def require_text(field: str, value: str | None) -> str:
    cleaned = clean_text(value)
    if cleaned is None:
        raise ValidationError(field, _("must not be empty"))
    return cleaned


def normalise_email(value: str | None, field: str = "email") -> str | None:
    """Return the address in normal form, or raise naming what is wrong with it."""
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    import email_validator

    try:
        result = email_validator.validate_email(cleaned, check_deliverability=False)
    except email_validator.EmailNotValidError as error:
        raise ValidationError(
            field,
            _("{cleaned!r} is not a valid email address ({error})").format(
                cleaned=cleaned, error=error
            ),
        ) from None
    return str(result.normalized)


def normalise_phone(
    value: str | None, default_region: str | None = None, field: str = "phone"
) -> str | None:
    """Return the number in international (E.164) form.

    A number written without a country prefix is read as a number of
    ``default_region`` (usually the organisation's country).
    """
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(cleaned, default_region)
    except phonenumbers.NumberParseException:
        problem = (
            _("{cleaned!r} is not a phone number")
            if default_region
            else _(
                "{cleaned!r} is not a phone number (write it with its country prefix, e.g. +855)"
            )
        )
        raise ValidationError(field, problem.format(cleaned=cleaned)) from None
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(
            field, _("{cleaned!r} is not a possible phone number").format(cleaned=cleaned)
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@cache
def _country_lookup() -> dict[str, str]:
    import pycountry

    lookup: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = [country.alpha_2, country.alpha_3, country.name]
        names += [getattr(country, attr, "") for attr in ("common_name", "official_name")]
        for name in names:
            if name:
                lookup[name.casefold()] = code
    # The names shown in the other interface languages are accepted back.
    for language in available_languages()[1:]:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                lookup.setdefault(name.casefold(), code)
    return lookup


def normalise_country(value: str | None, field: str = "country") -> str | None:
    """Return the ISO 3166 alpha-2 code for a code, or a country name in English or in
    a language of the interface."""
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    code = _country_lookup().get(cleaned.casefold())
    if code is None:
        raise ValidationError(
            field, _("{cleaned!r} is not a known country name or ISO code").format(cleaned=cleaned)
        )
    return code


def country_name(code: str | None) -> str:
    """The English short name of a country code, or the code itself if unknown."""
    if not code:
        return ""
    return _country_names().get(code, code)


@cache
def _country_names() -> dict[str, str]:
    import pycountry

    return {
        country.alpha_2: str(getattr(country, "common_name", None) or country.name)
        for country in pycountry.countries
    }


def normalise_website(value: str | None, field: str = "website") -> str | None:
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    if any(char.isspace() for char in cleaned) or "." not in cleaned:
        raise ValidationError(
            field, _("{cleaned!r} does not look like a web address").format(cleaned=cleaned)
        )
    if not cleaned.lower().startswith(("http://", "https://")):
        cleaned = "https://" + cleaned
    return cleaned


# Real names need few combining marks on one letter: Vietnamese typed decomposed, Thai,
# Khmer, Burmese and vowelled Arabic need at most four or five. More only stack up over
# the lines above and below ("Zalgo" text).
MAX_MARKS_PER_LETTER = 6
_SHOWN_CATEGORIES = frozenset("LNSP")
_JOINERS = frozenset("\u200c\u200d\u034f")


def printable_name_problem(text: str) -> str | None:
    """Why a name cannot be printed as it is, in words for the person who typed it;
    None when it can. The name itself is never changed."""
    problem = _unprintable(text)
    if problem is None:
        return None
    if problem == _INVISIBLE:
        return _("is made only of invisible characters (nothing a reader could see)")
    return _(
        "has more than {count} accents or marks on one letter; they would print "
        "over the names above and below"
    ).format(count=MAX_MARKS_PER_LETTER)


_INVISIBLE, _STACKED = "invisible", "stacked"


@lru_cache(maxsize=65_536)
def _unprintable(text: str) -> str | None:
    """The kind of problem of ``text`` (remembered: an import checks each name as a row
    is read and again as its organisation is stored)."""
    if text.isascii():
        return (
            None if any(char.isprintable() and not char.isspace() for char in text) else _INVISIBLE
        )
    shown = False
    marks = 0
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if category[0] == "M" or (marks and char in _JOINERS):
            marks += 1
            if marks > MAX_MARKS_PER_LETTER:
                return _STACKED
            continue
        marks = 0
        shown = shown or category[0] in _SHOWN_CATEGORIES
    return None if shown else _INVISIBLE


def check_printable_name(field: str, value: str | None) -> str | None:
    """``value`` as it is, after :func:`printable_name_problem` found nothing wrong.

    Raises:
        ValidationError: naming the field and the problem.
    """
    if value is not None:
        problem = printable_name_problem(value)
        if problem is not None:
            raise ValidationError(field, problem)
    return value
