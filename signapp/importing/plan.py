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
from signapp.importing.reading import Table
from signapp.importing.rows import ImportRow, RejectedRow, RowNote, RowReader
from signapp.importing.values import is_garbled, same_text

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

ORGANISATION_VALUE_FIELDS = ("name", "local_name", "acronym", "country", "kind", "website")


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
class Directory:
    """What is stored already: organisations, rows imported before for this statement."""

    organisations: Mapping[int, DirectoryOrganisation] = field(default_factory=dict)
    imported_fingerprints: frozenset[str] = frozenset()


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
    def duplicates_within_file(self) -> int:
        return len(self.rows) - len(self.organisations) + len(self.repeated_rows)

    @property
    def signons(self) -> int:
        return len(self.organisations)

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
) -> ImportPlan:
    """Work out what importing ``table`` into ``statement_id`` does.

    Raises:
        ValidationError: the mapping gives no column for the organisation name.
    """
    if mapping.column(Field.ORGANISATION) is None and mapping.column(Field.LOCAL_NAME) is None:
        raise ValidationError("mapping", _("choose the column that holds the organisation's name"))
    total = 3 * len(table.rows) + 1
    reader = RowReader(table, mapping)
    rows: list[ImportRow] = []
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
            rows.append(outcome)

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
    )
    plan = apply_decisions(plan, {})
    if progress:
        progress(total, total)
    return plan


def apply_decisions(plan: ImportPlan, decisions: Mapping[int, Decision]) -> ImportPlan:
    """The plan with the coordinator's answers about review pairs (by pair index).

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
    return replace(plan, decisions=dict(decisions), organisations=organisations, notes=tuple(notes))


def decided_totals(plan: ImportPlan, decisions: Mapping[int, Decision]) -> tuple[int, int]:
    """How many organisations the file gives with these answers, and how many of them
    are already in the directory: what :func:`apply_decisions` would give, without
    planning every organisation again (a preview after each answer)."""
    members, targets, _ = _join_decided(plan, decisions)
    return len(members), sum(1 for root in members if root in targets)


def _join_decided(
    plan: ImportPlan, decisions: Mapping[int, Decision]
) -> tuple[dict[int, list[int]], dict[int, int], list[RowNote]]:
    """The groups the answers join: row indices by root group, the directory
    organisation of each root that has one, and the notes (answers not followed)."""
    groups = plan.match.groups
    parent = list(range(len(groups)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    target: dict[int, int] = dict(plan.match.existing)
    notes = [note for note in plan.notes if not note.message.startswith("review:")]
    by_existing: dict[int, int] = {}
    for group, org_id in plan.match.existing.items():
        if org_id in by_existing:
            parent[find(group)] = find(by_existing[org_id])
        else:
            by_existing[org_id] = group
    for index, decision in sorted(decisions.items()):
        if decision is not Decision.SAME or not 0 <= index < len(plan.pairs):
            continue
        pair = plan.pairs[index]
        root = find(pair.group)
        if pair.organisation_id is not None:
            current = target.get(root)
            if current is not None and current != pair.organisation_id:
                notes.append(_cannot_join(plan, pair))
                continue
            target[root] = pair.organisation_id
            continue
        assert pair.other_group is not None
        other_root = find(pair.other_group)
        left, right = target.get(root), target.get(other_root)
        if left is not None and right is not None and left != right:
            notes.append(_cannot_join(plan, pair))
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


def _plan_organisation(
    rows: Sequence[ImportRow], existing_id: int | None, directory: Directory
) -> PlannedOrganisation:
    differences: list[str] = []
    if len(rows) == 1 and existing_id is None:
        return PlannedOrganisation(tuple(rows), None, _row_values(rows[0]), rows[0].is_public, ())
    chosen: dict[str, str | None] = {}
    given = [_row_values(row) for row in rows]
    for name in ORGANISATION_VALUE_FIELDS:
        candidates = [(row.number, values[name]) for row, values in zip(rows, given, strict=True)]
        value, disagreements = choose_value(name, candidates)
        chosen[name] = value
        differences.extend(disagreements)
    is_public = all(row.is_public for row in rows)
    if existing_id is None:
        return PlannedOrganisation(tuple(rows), None, chosen, is_public, tuple(differences))
    stored = directory.organisations[existing_id]
    fills: dict[str, str | None] = {}
    for name in ORGANISATION_VALUE_FIELDS:
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
