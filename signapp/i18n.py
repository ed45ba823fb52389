"""Messages in the reader's language: one gettext catalogue for every layer.

The interface, the command line, error messages and the PDF's labels all read the
``signapp`` catalogue in ``resources/locale/<language>/LC_MESSAGES/signapp.po``. A
compiled ``signapp.mo`` beside it is used when it is at least as new as the ``.po``;
otherwise the ``.po`` is compiled in memory with Babel the first time the language is
asked for (a source checkout, or a build that shipped only the sources).

Two uses:

* ``_``, ``ngettext`` and ``pgettext`` speak the interface language, chosen with
  :func:`set_language` (the app's preference or ``--language``) and otherwise taken from
  the system (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
* :func:`translations` gives the catalogue of any language, for text that follows the
  document rather than the person: the PDF's labels are written in the statement's
  language whatever the interface speaks.

Strings defined at import time (tables of labels, column headers) are marked with
:func:`N_` so that extraction finds them, and translated with ``_`` where they are shown.
"""

from __future__ import annotations

import gettext
import io
import itertools
import logging
import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

import icu
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from signapp.bundled import resources_folder
from signapp.cache_files import cache_folder, keep

log = logging.getLogger("signapp.i18n")

DOMAIN = "signapp"
SOURCE_LANGUAGE = "en"
"""The language the messages are written in; it needs no catalogue."""

_SYSTEM_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_folder() -> Path:
    """``resources/locale``: one folder per language, each with ``LC_MESSAGES/signapp.po``."""
    return resources_folder() / "locale"


def catalogue_path(language: str) -> Path:
    """The ``.po`` source of ``language``'s catalogue (which may not exist)."""
    return locale_folder() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> list[str]:
    """The source language and every language with a catalogue, as language codes."""
    folder = locale_folder()
    found = (
        sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())
        if folder.is_dir()
        else []
    )
    return [SOURCE_LANGUAGE, *found]


def language_name(language: str) -> str:
    """The language's own name for itself ("ខ្មែរ", "English"), or the code if unknown."""
    try:
        name = Locale.parse(language).get_display_name(language)
    except (ValueError, UnknownLocaleError):
        return language
    return name or language


def _candidates(language: str) -> Iterator[str]:
    """``km_KH.UTF-8@x`` -> ``km_KH``, ``km``: the catalogue folders to try, best first."""
    code = language.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    if not code:
        return
    yield code
    if "_" in code:
        yield code.split("_", 1)[0]


def catalogue_language(language: str) -> str:
    """The language whose catalogue ``language`` reads: itself, its base, or the source."""
    for candidate in _candidates(language):
        if candidate == SOURCE_LANGUAGE or catalogue_path(candidate).is_file():
            return candidate
    return SOURCE_LANGUAGE


def catalogue_cache_folder() -> Path:
    """Where catalogues compiled at first use are kept (the user's cache folder)."""
    return cache_folder() / "locale"


def _compiled(po_path: Path) -> bytes:
    """The ``.mo`` bytes of a catalogue: the shipped one if current, else the one compiled
    at an earlier start, else compiled now (about 50 ms) and kept for the next start."""
    mo_path = po_path.with_suffix(".mo")
    try:
        if mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            return mo_path.read_bytes()
    except OSError:
        pass
    source_state = po_path.stat()
    language = po_path.parent.parent.name
    cached = catalogue_cache_folder() / (
        f"{language}-{source_state.st_size}-{source_state.st_mtime_ns}.mo"
    )
    try:
        return cached.read_bytes()
    except OSError:
        pass
    with po_path.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    keep(cached, compiled.getvalue(), replacing=f"{language}-*.mo")
    return compiled.getvalue()


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The messages of ``language``; the source (English) strings where it has none.

    The returned object has ``gettext``, ``ngettext`` and ``pgettext``.
    """
    chosen = catalogue_language(language)
    if chosen == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po_path = catalogue_path(chosen)
    try:
        return gettext.GNUTranslations(io.BytesIO(_compiled(po_path)))
    except (OSError, ValueError) as error:
        log.error("the %s catalogue %s cannot be read: %s", chosen, po_path, error)
        return gettext.NullTranslations()


def system_language() -> str:
    """The language the system asks for, as gettext reads it; the source language if none.

    ``LANGUAGE`` may list several (``km:fr``): the first one with a catalogue wins.
    """
    for variable in _SYSTEM_VARIABLES:
        value = os.environ.get(variable, "")
        for entry in value.split(":"):
            if not entry or entry in ("C", "POSIX") or entry.startswith(("C.", "POSIX.")):
                continue
            chosen = catalogue_language(entry)
            if chosen != SOURCE_LANGUAGE or entry.startswith(SOURCE_LANGUAGE):
                return chosen
        if value and variable != "LANGUAGE":
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


class _Interface:
    """The interface language and its catalogue (one per process)."""

    language: str = SOURCE_LANGUAGE
    messages: gettext.NullTranslations = gettext.NullTranslations()
    line_breaks: bool = False


# Scripts written without spaces between words, and the language whose dictionary finds
# the places a line may break in them.
_UNSPACED_RUNS = {"km": re.compile("[\u1780-\u17ff]{2,}")}


def set_language(language: str | None, *, line_breaks: bool = False) -> str:
    """Speak ``language`` from now on (``None`` or ``""``: the system's); returns the code used.

    ``line_breaks`` (for widgets): messages in a script written without spaces get a zero
    width space wherever ICU's dictionary allows a line break, because Qt wraps such text
    only at spaces and a long Khmer phrase would otherwise run out of its label.
    """
    chosen = catalogue_language(language) if language else system_language()
    _Interface.language = chosen
    _Interface.messages = translations(chosen)
    _Interface.line_breaks = line_breaks and chosen in _UNSPACED_RUNS
    return chosen


@lru_cache(maxsize=4096)
def _breakable(text: str, language: str) -> str:
    """``text`` with a zero width space at each line break opportunity inside its runs of
    ``language``'s script."""
    breaker = icu.BreakIterator.createLineInstance(icu.Locale(language))

    def with_breaks(run: re.Match[str]) -> str:
        letters = run.group(0)
        breaker.setText(letters)
        cuts = [0, *breaker]
        return "\u200b".join(letters[start:end] for start, end in itertools.pairwise(cuts))

    return _UNSPACED_RUNS[language].sub(with_breaks, text)


def _shown(text: str) -> str:
    return _breakable(text, _Interface.language) if _Interface.line_breaks else text


def interface_language() -> str:
    """The code of the language the interface speaks (``"km"``, ``"en"`` ...)."""
    return _Interface.language


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _shown(_Interface.messages.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for ``n`` things, in the interface language."""
    return _shown(_Interface.messages.ngettext(singular, plural, n))


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context`` (a word with two senses), in the interface language."""
    return _shown(_Interface.messages.pgettext(context, message))


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it yet (tables built at import)."""
    return message


def _babel_locale(language: str | None) -> Locale:
    try:
        return Locale.parse(language or interface_language())
    except (ValueError, UnknownLocaleError):
        return Locale.parse(SOURCE_LANGUAGE)


def format_date(value: date, *, style: str = "medium", language: str | None = None) -> str:
    """A date as the language writes it (default: the interface language)."""
    return babel_dates.format_date(value, format=style, locale=_babel_locale(language))


def format_iso_date(text: str | None, *, language: str | None = None) -> str:
    """The date at the start of an ISO date or timestamp as the language writes it.

    Empty for ``None``; text that does not start with a date is shown as it is.
    """
    if not text:
        return ""
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return format_date(day, language=language)


def format_datetime(value: datetime, *, style: str = "medium", language: str | None = None) -> str:
    """A date and time as the language writes it (default: the interface language)."""
    return babel_dates.format_datetime(value, format=style, locale=_babel_locale(language))


def language_in_interface(code: str) -> str:
    """The name of the language ``code`` as the interface language calls it.

    The source language keeps the English names the rest of signapp uses ("Portuguese
    (Brazil)"); others take theirs from the CLDR data in Babel.
    """
    chosen = interface_language()
    if chosen != SOURCE_LANGUAGE:
        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(chosen)
        except (ValueError, UnknownLocaleError):
            name = None
        if name:
            return str(name)
    from signapp.core.languages import language_name as english_language_name

    return english_language_name(code)


def country_name(code: str | None, *, language: str | None = None) -> str:
    """A country's name in the language (default: the interface language).

    The source language keeps the names the rest of signapp stores and searches; other
    languages take their names from the CLDR data in Babel (the code if it has none).
    """
    if not code:
        return ""
    chosen = language or interface_language()
    if chosen != SOURCE_LANGUAGE:
        name = _babel_locale(chosen).territories.get(code.upper())
        if name:
            return str(name)
    from signapp.core.validation import country_name as source_country_name

    return source_country_name(code)


def format_number(value: float, *, language: str | None = None) -> str:
    """A number with the language's grouping and decimal signs (default: the interface's)."""
    return babel_numbers.format_decimal(value, locale=_babel_locale(language))


set_language(None)
