"""What a user-level change reports: which data it changed, and what takes it back.

Every change a person makes (add sign-ons, merge two organisations, delete a statement,
...) is one function in :mod:`signapp.core.ops_statements` or
:mod:`signapp.core.ops_directory`. Each runs in one transaction and returns a
:class:`Done`: the :class:`Changes` it made, which views use to re-read only what
they show, and the operation that undoes it, whose own :class:`Done` undoes the undo.
An undo stack therefore needs nothing but these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlite_utils import Database


class Data(StrEnum):
    """The kinds of stored data a change can touch (what views are made of)."""

    STATEMENTS = "statements"  # a statement's title, deadline, status; statements list
    VERSIONS = "versions"  # a statement's texts and issued versions
    SIGNONS = "signons"
    ORGANISATIONS = "organisations"
    CONTACTS = "contacts"
    PEOPLE = "people"
    REPLIES = "replies"  # a statement's queue of email replies to decide


@dataclass(frozen=True)
class Changes:
    """The data one change touched.

    ``statement_ids`` are the statements whose own row, versions or sign-ons changed;
    ``organisation_ids`` the organisations whose row, contacts or sign-ons changed.
    ``everything`` marks a change too wide to list (a restored backup, an import of
    unknown reach): every view re-reads.
    """

    data: frozenset[Data] = frozenset()
    statement_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def of(
        cls,
        *data: Data,
        statements: Iterable[int] = (),
        organisations: Iterable[int] = (),
    ) -> Changes:
        return cls(frozenset(data), frozenset(statements), frozenset(organisations))

    @classmethod
    def all(cls) -> Changes:
        return cls(frozenset(Data), everything=True)

    def touches(self, *data: Data) -> bool:
        """Whether any of ``data`` changed."""
        return self.everything or not self.data.isdisjoint(data)

    def touches_statement(self, statement_id: int | None, *data: Data) -> bool:
        """Whether ``data`` of ``statement_id`` changed."""
        if statement_id is None or not self.touches(*data):
            return False
        return self.everything or statement_id in self.statement_ids

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.data | other.data,
            self.statement_ids | other.statement_ids,
            self.organisation_ids | other.organisation_ids,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return self.everything or bool(self.data)


Undo = Callable[[Database], "Done"]


@dataclass(frozen=True)
class Done:
    """A change made: what it touched, what takes it back, and the ids it created.

    ``undo`` is None for a change that is never taken back (an issued version, an
    erasure, an import).
    """

    changes: Changes
    undo: Undo | None
    created_ids: tuple[int, ...] = field(default=())


def cannot_undo(changes: Changes, created_ids: Iterable[int] = ()) -> Done:
    return Done(changes, None, tuple(created_ids))


def imported(statement_id: int) -> Changes:
    """What an import into ``statement_id`` changes: its sign-ons, and organisations,
    contacts and people it created or completed."""
    return Changes.of(
        Data.ORGANISATIONS, Data.CONTACTS, Data.PEOPLE, Data.SIGNONS, statements=[statement_id]
    )
