"""Whether a row of an import is an organisation or a person signing in their own name.

A form decides it by its columns (a full-name column and no organisation column asks
people), or row by row through a "signing as: organisation / individual" question; a
list of names by the shape of its lines ("Name (affiliation)", "Name, affiliation");
the coordinator's ``--as`` choice overrides all of these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from signapp.core.text import fold_for_match
from signapp.importing.mapping import ColumnMapping, Field
from signapp.importing.matching import split_acronym


class SignatoryKind(StrEnum):
    """Who signs: an organisation, or a person in their own name."""

    ORGANISATION = "organisations"
    PERSON = "people"


_PERSON_ANSWERS = (
    "individual",
    "individually",
    "individuel",
    "individuelle",
    "individuo",
    "individual capacity",
    "person",
    "personal",
    "personally",
    "myself",
    "in my own name",
    "in a personal capacity",
    "a titre personnel",
    "a titre individuel",
    "persona",
    "a titulo personal",
    "a titulo individual",
    "pessoa",
    "pessoal",
    "ឯកត្តជន",
    "បុគ្គល",
)
_ORGANISATION_ANSWERS = (
    "organisation",
    "organization",
    "on behalf",
    "group",
    "institution",
    "association",
    "ngo",
    "network",
    "union",
    "organisme",
    "organizacion",
    "organizacao",
    "entidad",
    "អង្គការ",
    "ស្ថាប័ន",
)


def read_signing_as(answer: str) -> SignatoryKind | None:
    """The kind a "signing as" answer names, or None when it names neither."""
    folded = fold_for_match(answer).strip(" .:;-")
    if not folded:
        return None
    person = any(_starts_with_word(folded, word) for word in _PERSON_ANSWERS)
    organisation = any(word in folded for word in _ORGANISATION_ANSWERS)
    if person and not organisation:
        return SignatoryKind.PERSON
    if organisation and not person:
        return SignatoryKind.ORGANISATION
    if person:  # "individual member of an organisation": the first word decides
        first = folded.split()[0]
        return (
            SignatoryKind.ORGANISATION if first in _ORGANISATION_ANSWERS else SignatoryKind.PERSON
        )
    return None


def _starts_with_word(folded: str, word: str) -> bool:
    if not word.isascii():
        return word in folded
    return re.search(rf"(?:^|\W){re.escape(word)}(?:\W|$)", folded) is not None


# Words that make a name an organisation's, not a person's.
_ORGANISATION_WORDS = frozenset(
    {"association", "network", "union", "institute", "institut", "instituto", "university",
     "universite", "universidad", "foundation", "fondation", "fundacion", "centre", "center",
     "centro", "council", "committee", "coalition", "alliance", "federation", "society",
     "group", "league", "movement", "forum", "organisation", "organization", "ngo", "trust",
     "project", "initiative", "collective", "cooperative", "church", "ministry", "school",
     "college", "club", "party", "company", "inc", "ltd", "llc", "gmbh", "team", "lab",
     "labs", "syndicat", "sindicato", "red", "reseau", "rede", "campaign",
     "watch", "rights", "action", "solidarity", "international", "youth", "women",
     "friends", "people", "peoples", "workers", "communities", "community"}
)  # fmt: skip
_PARENTHESISED = re.compile(
    r"^(?P<name>[^()]+?)\s*\((?P<affiliation>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$"
)
_COMMA_SPLIT = re.compile(r"^(?P<name>[^,]+?)\s*[,;–—]\s*(?P<affiliation>\S.*)$")
_DASH_SPLIT = re.compile(r"^(?P<name>[^,]+?)\s+[-–—]\s+(?P<affiliation>\S.*)$")
_MOST_WORDS_IN_A_NAME = 5
# The share of a list's lines that must read as "person, affiliation" for the list
# to be taken as a list of people.
PEOPLE_LIST_SHARE = 0.6


def split_person(text: str) -> tuple[str, str | None]:
    """A person's name and the affiliation written with it: "Sok Dara (Royal University
    of Phnom Penh)", "Sok Dara, Professor, RUPP" and "Sok Dara - RUPP" give
    ("Sok Dara", the rest); a name alone gives (name, None)."""
    text = " ".join(text.split())
    for pattern in (_PARENTHESISED, _COMMA_SPLIT, _DASH_SPLIT):
        found = pattern.match(text)
        if found and found.group("name").strip() and found.group("affiliation").strip():
            name = found.group("name").strip()
            if len(name.split()) <= _MOST_WORDS_IN_A_NAME:
                return name, found.group("affiliation").strip(" ,;")
    return text, None


def looks_like_person(name: str) -> bool:
    """Whether ``name`` has the shape of a person's name: one to five words, none of
    them a word organisations use in their names, no digits."""
    words = fold_for_match(name).replace(".", " ").split()
    if not 1 <= len(words) <= _MOST_WORDS_IN_A_NAME:
        return False
    if any(char.isdigit() for char in name):
        return False
    return not any(word.strip("'’\"") in _ORGANISATION_WORDS for word in words)


def lines_are_people(names: Sequence[str]) -> bool:
    """Whether a list's lines are mostly people with an affiliation."""
    if not names:
        return False
    shaped = 0
    for line in names:
        name, affiliation = split_person(line)
        if (
            affiliation
            and len(name.split()) >= 2
            and looks_like_person(name)
            and split_acronym(line)[1] is None  # "Catholic Relief Services (CRS)"
        ):
            shaped += 1
    return shaped >= PEOPLE_LIST_SHARE * len(names)


def file_kind(
    mapping: ColumnMapping, names: Sequence[str], chosen: SignatoryKind | None
) -> SignatoryKind:
    """The kind of signatory a row is when nothing on the row says otherwise.

    ``names`` are the lines of a list of names (or the answers of a file's only, plainly
    titled name column): people when most read as "person, affiliation".
    """
    if chosen is not None:
        return chosen
    if (
        mapping.column(Field.ORGANISATION) is None
        and mapping.column(Field.CONTACT_NAME) is not None
    ):
        return SignatoryKind.PERSON
    if mapping.column(Field.CONTACT_NAME) is None and lines_are_people(names):
        return SignatoryKind.PERSON
    return SignatoryKind.ORGANISATION
