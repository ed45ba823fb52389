"""Translations left behind by a revision.

A draft starts from the texts of the latest version in every language. When only some
of them are edited, the others are issued unchanged: a Khmer text that says what the
English text said before a new demand was added. These functions find such texts, for
the draft about to be issued or for an issued version, so the coordinator can be told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from signapp.core.errors import NotFound
from signapp.core.statements import get_draft, get_version
from signapp.i18n import _, language_in_interface, ngettext


@dataclass(frozen=True)
class StaleTranslations:
    """Texts of version ``number`` unchanged from ``previous_number`` while others changed.

    Attributes:
        number: the version checked (the number the draft will get, for a draft).
        previous_number: the version it is compared with.
        issued: False when ``number`` is the draft.
        unchanged: codes of the languages whose text is the same as before (stale).
        changed: codes of the languages whose text changed.
    """

    number: int
    previous_number: int
    issued: bool
    unchanged: tuple[str, ...]
    changed: tuple[str, ...]

    def message(self) -> str:
        """One sentence naming the languages, for a warning."""
        count = len(self.unchanged)
        changed = ngettext(
            "the {languages} text changed", "the {languages} texts changed", len(self.changed)
        ).format(languages=_names(self.changed))
        if self.issued:
            sentence = ngettext(
                "The {unchanged} text of version {number} is the same as in version "
                "{previous} while {changed}: it may be out of date.",
                "The {unchanged} texts of version {number} are the same as in version "
                "{previous} while {changed}: they may be out of date.",
                count,
            )
        else:
            sentence = ngettext(
                "The {unchanged} text is the same as in version {previous} while "
                "{changed}: it may be out of date.",
                "The {unchanged} texts are the same as in version {previous} while "
                "{changed}: they may be out of date.",
                count,
            )
        return sentence.format(
            unchanged=_names(self.unchanged),
            number=self.number,
            previous=self.previous_number,
            changed=changed,
        )


def _names(codes: tuple[str, ...]) -> str:
    names = [language_in_interface(code) for code in codes]
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def compare_texts(
    previous: Mapping[str, str], current: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The languages unchanged and changed between two sets of texts.

    Only languages with a text in both count; a language whose text changed makes every
    unchanged one suspect, and without a change nothing is stale. Blank texts are ignored.
    """
    shared = [
        language
        for language in current
        if language in previous and current[language].strip() and previous[language].strip()
    ]
    changed = tuple(lang for lang in shared if current[lang].strip() != previous[lang].strip())
    if not changed:
        return (), ()
    unchanged = tuple(lang for lang in shared if lang not in changed)
    return unchanged, changed


def _stale(
    number: int,
    previous_number: int,
    issued: bool,
    previous: Mapping[str, str],
    current: Mapping[str, str],
) -> StaleTranslations | None:
    unchanged, changed = compare_texts(previous, current)
    if not unchanged:
        return None
    return StaleTranslations(number, previous_number, issued, unchanged, changed)


def draft_stale_translations(db: Database, statement_id: int) -> StaleTranslations | None:
    """The draft's texts left as in the latest issued version while another changed;
    None when there is no draft, nothing issued before it, or nothing stale."""
    draft = get_draft(db, statement_id)
    if draft is None:
        return None
    try:
        previous = get_version(db, statement_id)
    except NotFound:
        return None
    return _stale(draft.number, previous.number, False, previous.texts, draft.texts)


def version_stale_translations(
    db: Database, statement_id: int, number: int
) -> StaleTranslations | None:
    """The texts of issued version ``number`` unchanged from the version before it while
    another changed; None for version 1 or when nothing is stale.

    Raises:
        NotFound: the statement has no version ``number``.
    """
    version = get_version(db, statement_id, number)
    if number <= 1:
        return None
    previous = get_version(db, statement_id, number - 1)
    return _stale(number, previous.number, not version.is_draft, previous.texts, version.texts)
