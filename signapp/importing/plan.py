"""What an import will do, worked out before anything is written.

:func:`build_plan` reads every row of a :class:`~signapp.importing.reading.Table`
through a column mapping, rejects the rows that cannot be imported (with the reason),
groups the rest into organisations and matches them against the directory. The plan
is plain data: the coordinator reviews its pairs, :func:`apply_decisions` folds the
answers in, and :mod:`signapp.importing.apply` writes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from signapp.core.errors import Cancelled, ValidationError
from signapp.core.model import OrgKind
from signapp.i18n import _
from signapp.importing.mapping import ColumnMapping, Field
from signapp.importing.matching import MatchRecord, MatchResult, ReviewPair, match_rows
from signapp.importing.name_lists import SkippedLines
from signapp.importing.people_matching import PersonRecord, match_people
from signapp.importing.reading import Table
from signapp.importing.rows import ImportRow, RejectedRow, RowNote, RowReader
from signapp.importing.signatory_kind import SignatoryKind, file_kind
from signapp.importing.values import is_garbled, same_text

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

ORGANISATION_VALUE_FIELDS = ("name", "local_name", "acronym", "country", "kind", "website")
PERSON_VALUE_FIELDS = ("name", "local_name", "affiliation", "country", "email", "phone")


class Decision(StrEnum):
    """The coordinator's answer about a review pair."""

    SAME = "same"
    DIFFERENT = "different"


@dataclass(frozen=True)
class DirectoryOrganisation:
    """An organisation already stored, as far as an import needs to know it."""

    id: int
    name: str
    local_name: str | None = None
    acronym: str | None = None
    kind: str = OrgKind.OTHER.value
    country: str | None = None
    website: str | None = None
    emails: frozenset[str] = frozenset()

    def match_record(self) -> MatchRecord:
        return MatchRecord(
            self.name, self.local_name, self.acronym, self.country, self.emails, self.website
        )


@dataclass(frozen=True)
class DirectoryPerson:
    """A person already stored, as far as an import needs to know them."""

    id: int
    name: str
    local_name: str | None = None
    affiliation: str | None = None
    country: str | None = None
    email: str | None = None
    phone: str | None = None

    def match_record(self) -> PersonRecord:
        return PersonRecord(self.name, self.local_name, self.affiliation, self.country, self.email)


@dataclass(frozen=True)
class Directory:
    """What is stored already: organisations, people, rows imported before for this
    statement."""

    organisations: Mapping[int, DirectoryOrganisation] = field(default_factory=dict)
    imported_fingerprints: frozenset[str] = frozenset()
    people: Mapping[int, DirectoryPerson] = field(default_factory=dict)


@dataclass(frozen=True)
class PlannedOrganisation:
    """One organisation of the file, with the sign-on it gives.

    Attributes:
        rows: the rows that are this organisation, in file order.
        existing_id: the directory organisation it is, or None for a new one.
        values: the organisation's fields as they will be stored (new), or the fields
            that will fill gaps of the stored one (existing).
        is_public: False when any row (or the stored sign-on) asks not to be named;
            the stored sign-on is checked again when the plan is written.
        differences: disagreements between rows, or with the directory, for the report.
    """

    rows: tuple[ImportRow, ...]
    existing_id: int | None
    values: Mapping[str, str | None]
    is_public: bool
    differences: tuple[str, ...]

    @property
    def display_name(self) -> str:
        return self.values.get("name") or self.rows[0].name


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import will do; nothing of it is written yet."""

    statement_id: int
    source: Path
    header: tuple[str, ...]
    mapping: ColumnMapping
    rows_read: int
    rows: tuple[ImportRow, ...]
    already_imported: tuple[int, ...]
    repeated_rows: tuple[int, ...]
    rejected: tuple[RejectedRow, ...]
    notes: tuple[RowNote, ...]
    directory: Directory
    match: MatchResult
    decisions: Mapping[int, Decision]
    organisations: tuple[PlannedOrganisation, ...]
    skipped_lines: tuple[SkippedLines, ...] = ()
    # People signing in their own name: their rows, grouping, answers and plan (a
    # ``PlannedOrganisation`` whose values are a person's fields, existing_id a person's).
    person_rows: tuple[ImportRow, ...] = ()
    people_match: MatchResult = field(default_factory=lambda: MatchResult([], {}, []))
    person_decisions: Mapping[int, Decision] = field(default_factory=dict)
    people: tuple[PlannedOrganisation, ...] = ()

    @property
    def pairs(self) -> list[ReviewPair]:
        return self.match.pairs

    @property
    def new_organisations(self) -> int:
        return sum(1 for org in self.organisations if org.existing_id is None)

    @property
    def matched_existing(self) -> int:
        return sum(1 for org in self.organisations if org.existing_id is not None)

    @property
    def new_people(self) -> int:
        return sum(1 for person in self.people if person.existing_id is None)

    @property
    def matched_people(self) -> int:
        return sum(1 for person in self.people if person.existing_id is not None)

    @property
    def duplicates_within_file(self) -> int:
        return (
            len(self.rows)
            - len(self.organisations)
            + len(self.person_rows)
            - len(self.people)
            + len(self.repeated_rows)
        )

    @property
    def signons(self) -> int:
        return len(self.organisations) + len(self.people)

    @property
    def people_pairs(self) -> list[ReviewPair]:
        return self.people_match.pairs

    def person_pair_names(self, pair: ReviewPair) -> tuple[str, str]:
        """The two people a review pair of people shows, each with their affiliation."""
        left = _person_label(self.person_rows[self.people_match.groups[pair.group][0]])
        if pair.organisation_id is not None:
            stored = self.directory.people[pair.organisation_id]
            return left, _person_label(stored)
        assert pair.other_group is not None
        return left, _person_label(self.person_rows[self.people_match.groups[pair.other_group][0]])

    def person_pair_rows(self, pair: ReviewPair) -> tuple[list[int], list[int]]:
        """Row numbers on each side of a pair of people (none on a stored side)."""
        groups = self.people_match.groups
        left = [self.person_rows[i].number for i in groups[pair.group]]
        if pair.other_group is None:
            return left, []
        return left, [self.person_rows[i].number for i in groups[pair.other_group]]

    @property
    def pairs_left(self) -> int:
        return sum(1 for index in range(len(self.pairs)) if index not in self.decisions)

    def pair_names(self, pair: ReviewPair) -> tuple[str, str]:
        """The two names a review pair shows: the file's, and the file's or directory's."""
        left = self.rows[self.match.groups[pair.group][0]].name
        if pair.organisation_id is not None:
            return left, self.directory.organisations[pair.organisation_id].name
        assert pair.other_group is not None
        return left, self.rows[self.match.groups[pair.other_group][0]].name

    def pair_rows(self, pair: ReviewPair) -> tuple[list[int], list[int]]:
        """Row numbers on each side of a pair (none on a directory side)."""
        left = [self.rows[i].number for i in self.match.groups[pair.group]]
        if pair.other_group is None:
            return left, []
        return left, [self.rows[i].number for i in self.match.groups[pair.other_group]]


def _person_label(person: ImportRow | DirectoryPerson) -> str:
    return f"{person.name} ({person.affiliation})" if person.affiliation else person.name


def _check(cancel: CancelCheck | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


def build_plan(
    table: Table,
    mapping: ColumnMapping,
    statement_id: int,
    directory: Directory,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    signing_as: SignatoryKind | None = None,
) -> ImportPlan:
    """Work out what importing ``table`` into ``statement_id`` does.

    ``signing_as`` (the coordinator's choice) makes every row an organisation's or a
    person's; without it the columns, a "signing as" answer or a list's lines decide.

    Raises:
        ValidationError: the mapping gives no column for the organisation name.
    """
    named = mapping.column(Field.ORGANISATION)
    if signing_as is SignatoryKind.ORGANISATION and named is None:
        contact = mapping.column(Field.CONTACT_NAME)
        if contact is not None:
            mapping = mapping.with_column(Field.ORGANISATION, contact)
    if (
        mapping.column(Field.ORGANISATION) is None
        and mapping.column(Field.LOCAL_NAME) is None
        and mapping.column(Field.CONTACT_NAME) is None
    ):
        raise ValidationError("mapping", _("choose the column that holds the organisation's name"))
    total = 3 * len(table.rows) + 1
    kind = file_kind(mapping, _list_lines(table, mapping), signing_as)
    reader = RowReader(table, mapping, kind, kind_chosen=signing_as is not None)
    rows: list[ImportRow] = []
    person_rows: list[ImportRow] = []
    rejected: list[RejectedRow] = []
    notes: list[RowNote] = []
    already: list[int] = []
    repeated: list[int] = []
    seen: set[str] = set()
    for position, table_row in enumerate(table.rows):
        if position % 500 == 0:
            _check(cancel)
            if progress:
                progress(position, total)
        outcome = reader.read(table_row, notes)
        if isinstance(outcome, RejectedRow):
            rejected.append(outcome)
        elif outcome.fingerprint in directory.imported_fingerprints:
            already.append(outcome.number)
        elif outcome.fingerprint in seen:
            repeated.append(outcome.number)
        else:
            seen.add(outcome.fingerprint)
            (person_rows if outcome.is_person else rows).append(outcome)

    def match_progress(done: int, of: int) -> None:
        if progress:
            progress(len(table.rows) + done * 2 * len(table.rows) // max(of, 1), total)

    match = match_rows(
        [row.match_record() for row in rows],
        {org_id: org.match_record() for org_id, org in directory.organisations.items()},
        progress=match_progress,
        cancel=cancel,
    )
    plan = ImportPlan(
        statement_id=statement_id,
        source=table.source,
        header=table.header,
        mapping=mapping,
        rows_read=len(table.rows),
        rows=tuple(rows),
        already_imported=tuple(already),
        repeated_rows=tuple(repeated),
        rejected=tuple(rejected),
        notes=tuple(notes),
        directory=directory,
        match=match,
        decisions={},
        organisations=(),
        skipped_lines=table.skipped,
        person_rows=tuple(person_rows),
        people_match=match_people(
            [row.person_record() for row in person_rows],
            {person_id: person.match_record() for person_id, person in directory.people.items()},
        ),
    )
    plan = apply_decisions(plan, {})
    if progress:
        progress(total, total)
    return plan


def apply_decisions(
    plan: ImportPlan,
    decisions: Mapping[int, Decision],
    person_decisions: Mapping[int, Decision] | None = None,
) -> ImportPlan:
    """The plan with the coordinator's answers about review pairs (by pair index), of
    organisations and of people (``person_decisions``; None keeps those given before).

    "Same" joins the two sides; "different" and no answer keep them apart. A "same"
    between two organisations that are both already in the directory cannot be settled
    by an import (merge them in the directory); it is noted and left apart.
    """
    members, targets, notes = _join_decided(plan, decisions)
    organisations = tuple(
        _plan_organisation(
            [plan.rows[i] for i in sorted(row_indices)], targets.get(root), plan.directory
        )
        for root, row_indices in sorted(members.items(), key=lambda item: min(item[1]))
    )
    if person_decisions is None:
        person_decisions = plan.person_decisions
    person_members, person_targets, person_notes = _join_groups(
        plan.people_match, person_decisions, lambda pair: _cannot_join_people(plan, pair)
    )
    people = tuple(
        _plan_organisation(
            [plan.person_rows[i] for i in sorted(row_indices)],
            person_targets.get(root),
            plan.directory,
            person=True,
        )
        for root, row_indices in sorted(person_members.items(), key=lambda item: min(item[1]))
    )
    return replace(
        plan,
        decisions=dict(decisions),
        organisations=organisations,
        notes=(*notes, *person_notes),
        person_decisions=dict(person_decisions),
        people=people,
    )


def decided_totals(plan: ImportPlan, decisions: Mapping[int, Decision]) -> tuple[int, int]:
    """How many organisations the file gives with these answers, and how many of them
    are already in the directory: what :func:`apply_decisions` would give, without
    planning every organisation again (a preview after each answer)."""
    members, targets, _ = _join_decided(plan, decisions)
    return len(members), sum(1 for root in members if root in targets)


def decided_people_totals(
    plan: ImportPlan, person_decisions: Mapping[int, Decision]
) -> tuple[int, int]:
    """How many people the file gives with these answers about pairs of people, and how
    many of them are stored already (as :func:`decided_totals` for organisations)."""
    members, targets, _ = _join_groups(plan.people_match, person_decisions, _no_note)
    return len(members), sum(1 for root in members if root in targets)


def _no_note(pair: ReviewPair) -> RowNote:
    return RowNote(0, "")


def _join_decided(
    plan: ImportPlan, decisions: Mapping[int, Decision]
) -> tuple[dict[int, list[int]], dict[int, int], list[RowNote]]:
    """The groups the answers join: row indices by root group, the directory
    organisation of each root that has one, and the notes (answers not followed)."""
    notes = [note for note in plan.notes if not note.message.startswith("review:")]
    members, targets, refused = _join_groups(
        plan.match, decisions, lambda pair: _cannot_join(plan, pair)
    )
    return members, targets, notes + refused


def _join_groups(
    match: MatchResult,
    decisions: Mapping[int, Decision],
    cannot_join: Callable[[ReviewPair], RowNote],
) -> tuple[dict[int, list[int]], dict[int, int], list[RowNote]]:
    """The groups of ``match`` joined by the "same" answers (by pair index)."""
    groups = match.groups
    pairs = match.pairs
    parent = list(range(len(groups)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    target: dict[int, int] = dict(match.existing)
    notes: list[RowNote] = []
    by_existing: dict[int, int] = {}
    for group, org_id in match.existing.items():
        if org_id in by_existing:
            parent[find(group)] = find(by_existing[org_id])
        else:
            by_existing[org_id] = group
    for index, decision in sorted(decisions.items()):
        if decision is not Decision.SAME or not 0 <= index < len(pairs):
            continue
        pair = pairs[index]
        root = find(pair.group)
        if pair.organisation_id is not None:
            current = target.get(root)
            if current is not None and current != pair.organisation_id:
                notes.append(cannot_join(pair))
                continue
            target[root] = pair.organisation_id
            continue
        assert pair.other_group is not None
        other_root = find(pair.other_group)
        left, right = target.get(root), target.get(other_root)
        if left is not None and right is not None and left != right:
            notes.append(cannot_join(pair))
            continue
        parent[max(root, other_root)] = min(root, other_root)
        joined = left if left is not None else right
        if joined is not None:
            target[min(root, other_root)] = joined
    members: dict[int, list[int]] = {}
    for group in range(len(groups)):
        members.setdefault(find(group), []).extend(groups[group])
    root_target: dict[int, int] = {}
    for group, org_id in target.items():
        root_target.setdefault(find(group), org_id)
    return members, root_target, notes


def _cannot_join(plan: ImportPlan, pair: ReviewPair) -> RowNote:
    left, right = plan.pair_names(pair)
    return RowNote(
        plan.rows[plan.match.groups[pair.group][0]].number,
        f"review: {left!r} and {right!r} are already two organisations in the directory; "
        "merge them there if they are one",
    )


def _cannot_join_people(plan: ImportPlan, pair: ReviewPair) -> RowNote:
    left, right = plan.person_pair_names(pair)
    return RowNote(
        plan.person_rows[plan.people_match.groups[pair.group][0]].number,
        f"review: {left!r} and {right!r} are already two people in the directory; "
        "merge them there if they are one",
    )


def _plan_organisation(
    rows: Sequence[ImportRow],
    existing_id: int | None,
    directory: Directory,
    *,
    person: bool = False,
) -> PlannedOrganisation:
    """One organisation (or, with ``person``, one person) of the file: the values its
    rows give, or the gaps they fill in the stored one."""
    differences: list[str] = []
    fields = PERSON_VALUE_FIELDS if person else ORGANISATION_VALUE_FIELDS
    values_of = _person_values if person else _row_values
    if len(rows) == 1 and existing_id is None:
        return PlannedOrganisation(tuple(rows), None, values_of(rows[0]), rows[0].is_public, ())
    chosen: dict[str, str | None] = {}
    given = [values_of(row) for row in rows]
    for name in fields:
        candidates = [(row.number, values[name]) for row, values in zip(rows, given, strict=True)]
        value, disagreements = choose_value(name, candidates)
        chosen[name] = value
        differences.extend(disagreements)
    is_public = all(row.is_public for row in rows)
    if existing_id is None:
        return PlannedOrganisation(tuple(rows), None, chosen, is_public, tuple(differences))
    stored: DirectoryOrganisation | DirectoryPerson = (
        directory.people[existing_id] if person else directory.organisations[existing_id]
    )
    fills: dict[str, str | None] = {}
    for name in fields:
        new, old = chosen[name], getattr(stored, name)
        if name == "kind" and old == OrgKind.OTHER.value:
            old = None
        outcome = compare_with_stored(old, new)
        if outcome == "fill":
            fills[name] = new
        elif outcome == "differs":
            differences.append(
                f"{stored.name}: {name} in the file is {new!r}, the directory keeps {old!r}"
            )
    return PlannedOrganisation(tuple(rows), existing_id, fills, is_public, tuple(differences))


def _row_values(row: ImportRow) -> dict[str, str | None]:
    """The organisation fields one row gives (``ORGANISATION_VALUE_FIELDS``)."""
    return {
        "name": row.name,
        "local_name": row.local_name,
        "acronym": row.acronym,
        "country": row.country,
        "kind": row.kind.value if row.kind is not None else None,
        "website": row.website,
    }


def _person_values(row: ImportRow) -> dict[str, str | None]:
    """The person fields one row gives (``PERSON_VALUE_FIELDS``)."""
    return {
        "name": row.name,
        "local_name": row.local_name,
        "affiliation": row.affiliation,
        "country": row.country,
        "email": row.email,
        "phone": row.phone,
    }


def _good(value: str | None) -> bool:
    return bool(value) and not is_garbled(value)


def choose_value(
    name: str, candidates: Iterable[tuple[int, str | None]]
) -> tuple[str | None, list[str]]:
    """The value rows of one organisation give a field, and where they disagree.

    The first readable value wins; an empty or garbled value never replaces it.
    Differing names are expected (that is why rows were grouped) and not reported.
    """
    listed = [(number, value) for number, value in candidates if value]
    good = [(number, value) for number, value in listed if _good(value)]
    if not good:
        return (listed[0][1] if listed else None), []
    first_number, first = good[0]
    if name == "name":
        return first, []
    disagreements = [
        f"row {number}: {name} {value!r} differs from {first!r} (row {first_number}), kept "
        f"{first!r}"
        for number, value in good[1:]
        if not same_text(value, first)
    ]
    return first, disagreements


def compare_with_stored(stored: str | None, new: str | None) -> str:
    """ "fill" when the new value should fill a gap or replace a garbled stored value,
    "differs" when both are good and differ, "keep" otherwise.

    What is known is never overwritten by less: an empty, shorter or garbled value
    does not replace a good one.
    """
    if not _good(new):
        return "keep"
    if not stored or is_garbled(stored):
        return "fill"
    return "keep" if same_text(stored, new or "") else "differs"


# Titles of a column that may hold people's names as well as organisations'.
_PLAIN_NAME_TITLES = frozenset({"name", "names", "signatory", "signatories", "signature", "signed"})
_LINES_SAMPLED = 500


def _list_lines(table: Table, mapping: ColumnMapping) -> list[str]:
    """The names of a list of names (or of a file's only, plainly titled name column),
    whose shape may say they are people; none for any other file."""
    column = mapping.column(Field.ORGANISATION)
    if column is None:
        return []
    title = table.header[column].strip().casefold()
    if table.source.suffix.casefold() not in (".md", ".markdown", ".txt") and (
        title not in _PLAIN_NAME_TITLES
    ):
        return []
    return [row.get(column) for row in table.rows[:_LINES_SAMPLED]]
