"""The import report: one summary line, a text report, and the rejected rows as CSV."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from signapp.core.private_files import make_private_folder
from signapp.i18n import _, ngettext
from signapp.importing.matching import MatchResult, ReviewPair
from signapp.importing.plan import (
    Decision,
    ImportPlan,
    PlannedOrganisation,
    decided_people_totals,
    decided_totals,
)
from signapp.importing.rows import ImportRow

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    rows_read: int
    new_organisations: int
    matched_existing: int
    duplicates_within_file: int
    signons_recorded: int
    rows_rejected: int
    pairs_left: int
    already_imported: int
    lines_skipped: int = 0
    new_people: int = 0
    matched_people: int = 0
    people_pairs_left: int = 0
    dry_run: bool = False
    report_path: Path | None = None
    rejected_path: Path | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    # For a dry run: what the report would say below its summary line.
    details: str = ""

    @classmethod
    def from_plan(
        cls,
        plan: ImportPlan,
        *,
        dry_run: bool = False,
        report_path: Path | None = None,
        rejected_path: Path | None = None,
        notes: Sequence[str] = (),
    ) -> ImportResult:
        return cls(
            rows_read=plan.rows_read,
            new_organisations=plan.new_organisations,
            matched_existing=plan.matched_existing,
            duplicates_within_file=plan.duplicates_within_file,
            signons_recorded=plan.signons,
            rows_rejected=len(plan.rejected),
            pairs_left=plan.pairs_left,
            already_imported=len(plan.already_imported),
            lines_skipped=_skipped_count(plan),
            new_people=plan.new_people,
            matched_people=plan.matched_people,
            people_pairs_left=_people_pairs_left(plan, plan.person_decisions),
            dry_run=dry_run,
            report_path=report_path,
            rejected_path=rejected_path,
            notes=tuple(notes),
        )

    @classmethod
    def preview(
        cls,
        plan: ImportPlan,
        decisions: Mapping[int, Decision],
        person_decisions: Mapping[int, Decision] | None = None,
    ) -> ImportResult:
        """What importing ``plan`` with ``decisions`` (and ``person_decisions`` about
        pairs of people) would do: the counts of ``from_plan(apply_decisions(plan,
        decisions, person_decisions), dry_run=True)``, without planning every
        organisation again (the wizard shows them after each answer)."""
        organisations, matched = decided_totals(plan, decisions)
        if person_decisions is None:
            person_decisions = plan.person_decisions
        people, matched_people = decided_people_totals(plan, person_decisions)
        return cls(
            rows_read=plan.rows_read,
            new_organisations=organisations - matched,
            matched_existing=matched,
            duplicates_within_file=(
                len(plan.rows)
                - organisations
                + len(plan.repeated_rows)
                + len(plan.person_rows)
                - people
            ),
            signons_recorded=organisations + people,
            rows_rejected=len(plan.rejected),
            pairs_left=sum(1 for index in range(len(plan.pairs)) if index not in decisions),
            already_imported=len(plan.already_imported),
            lines_skipped=_skipped_count(plan),
            new_people=people - matched_people,
            matched_people=matched_people,
            people_pairs_left=_people_pairs_left(plan, person_decisions),
            dry_run=True,
        )

    def summary_line(self) -> str:
        """The one line the command line prints."""
        line = self._counts()
        if self.pairs_left:
            line += _("; pairs left for review were kept as separate organisations")
        if self.dry_run:
            line = _("dry run, nothing written: {counts}").format(counts=line)
        return line

    def preview_line(self) -> str:
        """The same counts for a plan not written yet, as the import wizard shows it."""
        line = _("If imported now: {counts}").format(counts=self._counts())
        if self.pairs_left:
            line += _("; pairs left undecided will be kept as separate organisations")
        return line

    def _counts(self) -> str:
        parts = [
            _("rows read {count}").format(count=self.rows_read),
            _("new organisations {count}").format(count=self.new_organisations),
            _("matched existing {count}").format(count=self.matched_existing),
            _("duplicates within the file {count}").format(count=self.duplicates_within_file),
            _("sign-ons recorded {count}").format(count=self.signons_recorded),
            _("rows rejected {count}").format(count=self.rows_rejected),
            _("pairs left for review {count}").format(count=self.pairs_left),
        ]
        if self.new_people or self.matched_people or self.people_pairs_left:
            parts[2:2] = [
                _("new people {count}").format(count=self.new_people),
                _("people matched existing {count}").format(count=self.matched_people),
            ]
            parts.append(
                _("pairs of people left for review {count}").format(count=self.people_pairs_left)
            )
        line = ", ".join(parts)
        if self.already_imported:
            line += _(" (already imported before, skipped: {count})").format(
                count=self.already_imported
            )
        if self.lines_skipped:
            line += _("; lines not taken as names {count} (listed in the report)").format(
                count=self.lines_skipped
            )
        return line


def _people_pairs_left(plan: ImportPlan, answered: Mapping[int, Decision]) -> int:
    return sum(1 for index in range(len(plan.people_pairs)) if index not in answered)


def _skipped_count(plan: ImportPlan) -> int:
    return sum(run.last - run.first + 1 for run in plan.skipped_lines)


def report_paths(source: Path, folder: Path | None = None) -> tuple[Path, Path]:
    """Where the report and the rejected rows of importing ``source`` go by default."""
    base = (folder or source.parent) / source.stem
    return (
        base.with_name(base.name + ".import-report.txt"),
        base.with_name(base.name + ".import-rejected.csv"),
    )


def writable_report_paths(source: Path) -> tuple[Path, Path]:
    """Report paths beside ``source``; when the folder of ``source`` cannot be written
    to (a read-only share, a CD), in the user's documents folder, or where that does
    not exist, in an ``import-reports`` folder of signapp's own data folder."""
    if _writable(source.parent):
        return report_paths(source)
    documents = Path(platformdirs.user_documents_dir())
    if documents.is_dir() and _writable(documents):
        return report_paths(source, documents)
    own = Path(platformdirs.user_data_dir("signapp", appauthor=False)) / "import-reports"
    try:
        make_private_folder(own)
    except OSError:
        return report_paths(source)  # nowhere to write: the import says so, naming it
    return report_paths(source, own)


def _writable(folder: Path) -> bool:
    # The write bits too: an administrator may write anywhere, but a folder made
    # read-only is meant to stay as it is.
    return os.access(folder, os.W_OK) and bool(folder.stat().st_mode & 0o222)


def safe_cell(value: str) -> str:
    """A cell value that a spreadsheet program shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def write_rejected_csv(plan: ImportPlan, path: Path) -> None:
    """Write the rejected rows, with row number and reason before the original columns."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "reason", *plan.header])
        for rejected in plan.rejected:
            writer.writerow(
                [
                    rejected.number,
                    rejected.reason,
                    *(safe_cell(rejected.raw.get(title, "")) for title in plan.header),
                ]
            )


def row_list(numbers: Sequence[int]) -> str:
    """ "row 4", or "rows 2-9, 11, 13-20 (17 rows)": runs of row numbers written short."""
    if len(numbers) == 1:
        return ngettext("row {numbers}", "rows {numbers}", 1).format(numbers=numbers[0])
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return _("rows {text} ({count} rows)").format(text=text, count=len(ordered))


def report_text(plan: ImportPlan, result: ImportResult) -> str:
    """The full report: summary, columns read, rejected rows, every automatic merge,
    notes, differences, review pairs."""
    lines = [
        _("Import of {name} into statement {statement_id}").format(
            name=plan.source.name, statement_id=plan.statement_id
        ),
        "",
    ]
    lines += [result.summary_line(), ""]
    lines += report_body(plan, result)
    return "\n".join(lines)


def mapping_lines(plan: ImportPlan) -> list[str]:
    """Which column each field was read from, in the order of the columns."""
    read = sorted(plan.mapping.columns.items(), key=lambda item: item[1])
    lines = [_("Columns read:")]
    lines += [f"  {field.label} <- {plan.header[column]!r}" for field, column in read]
    unread = [
        title
        for index, title in enumerate(plan.header)
        if index not in plan.mapping.columns.values()
    ]
    if unread:
        lines.append("  " + _("not read: ") + ", ".join(repr(title) for title in unread))
    return [*lines, ""]


def merge_lines(plan: ImportPlan) -> list[str]:
    """Every organisation made of several rows, or found in the directory: which rows
    went into it, and by which signal."""
    lines = _joins(
        plan.organisations,
        plan.rows,
        plan.match,
        lambda org_id: _("{name!r} (directory #{org_id})").format(
            name=plan.directory.organisations[org_id].name, org_id=org_id
        ),
        found=_("found in the directory"),
        answer=_("“same organisation”"),
    )
    if plan.repeated_rows:
        lines.append(
            "  "
            + _("{row_list}: the same answers as an earlier row, skipped").format(
                row_list=row_list(list(plan.repeated_rows))
            )
        )
    if not lines:
        return []
    return [_("Merged automatically (rows -> organisation: why):"), *lines, ""]


def people_merge_lines(plan: ImportPlan) -> list[str]:
    """Every person made of several rows, or found among the people stored: which rows
    went into them, and by which signal."""
    lines = _joins(
        plan.people,
        plan.person_rows,
        plan.people_match,
        lambda person_id: _("{name!r} (person #{person_id})").format(
            name=plan.directory.people[person_id].name, person_id=person_id
        ),
        found=_("found among the people stored"),
        answer=_("“same person”"),
    )
    if not lines:
        return []
    return [_("People merged automatically (rows -> person: why):"), *lines, ""]


def _joins(
    planned: Sequence[PlannedOrganisation],
    rows: Sequence[ImportRow],
    match: MatchResult,
    stored_target: Callable[[int], str],
    *,
    found: str,
    answer: str,
) -> list[str]:
    """One line per signatory made of several rows or found stored: its rows and why."""
    index_of = {row.number: index for index, row in enumerate(rows)}
    group_of = {row: group for group, members in enumerate(match.groups) for row in members}
    joined_by = {merge.row: merge for merge in match.merges}
    lines: list[str] = []
    for signatory in planned:
        if len(signatory.rows) == 1 and signatory.existing_id is None:
            continue
        numbers = [row.number for row in signatory.rows]
        if signatory.existing_id is not None:
            target = stored_target(signatory.existing_id)
        else:
            target = _("{display_name!r} (new)").format(display_name=signatory.display_name)
        reasons: list[str] = []
        groups = sorted({group_of[index_of[number]] for number in numbers})
        for group in groups:
            signal = match.existing_signals.get(group)
            if signal is not None and signatory.existing_id == match.existing.get(group):
                first = rows[match.groups[group][0]].number
                reasons.append(
                    _("row {first} {found} ({signal})").format(
                        first=first, found=found, signal=signal
                    )
                )
        for number in numbers[1:]:
            merge = joined_by.get(index_of[number])
            if merge is not None:
                joined = rows[merge.joined].number
                reasons.append(
                    _("row {number} joined row {joined} ({signal})").format(
                        number=number, joined=joined, signal=merge.signal
                    )
                )
        if len(groups) > 1:
            reasons.append(_("groups joined by your answer {answer}").format(answer=answer))
        lines.append(f"  {row_list(numbers)} -> {target}: " + "; ".join(reasons))
    return lines


def people_pair_lines(plan: ImportPlan) -> list[str]:
    """The pairs of people that may be one, and the answer given about each."""
    if not plan.people_pairs:
        return []
    lines = [_("Possible duplicates among people (never merged without your answer):")]
    lines += _pair_lines(
        plan.people_pairs,
        plan.person_pair_names,
        plan.person_pair_rows,
        plan.person_decisions,
        stored="person",
        undecided=_("not decided: kept apart"),
    )
    return [*lines, ""]


def _pair_lines(
    pairs: Sequence[ReviewPair],
    names: Callable[[ReviewPair], tuple[str, str]],
    rows: Callable[[ReviewPair], tuple[list[int], list[int]]],
    decisions: Mapping[int, Decision],
    *,
    stored: str,
    undecided: str,
) -> list[str]:
    """One line per review pair: score, both sides with their rows, why, the answer."""
    lines: list[str] = []
    for index, pair in enumerate(pairs):
        left, right = names(pair)
        left_rows, right_rows = rows(pair)
        where = (
            f"{stored} #{pair.organisation_id}"
            if pair.organisation_id is not None
            else _("rows {numbers}").format(numbers=", ".join(map(str, right_rows)))
        )
        decision = decisions.get(index)
        verdict = decision.value if decision else undecided
        lines.append(
            f"  {pair.score:3d}  "
            + _("{left!r} (rows {rows}) / {right!r} ({where}): {reason} -> {verdict}").format(
                left=left,
                rows=", ".join(map(str, left_rows)),
                right=right,
                where=where,
                reason=pair.reason,
                verdict=verdict,
            )
        )
    return lines


def report_body(plan: ImportPlan, result: ImportResult) -> list[str]:
    """Everything of the report below its summary line."""
    lines = mapping_lines(plan)
    if plan.rejected:
        where = (
            _(" (also in {name})").format(name=result.rejected_path.name)
            if result.rejected_path
            else ""
        )
        lines.append(_("Rows rejected{where}:").format(where=where))
        lines += [
            "  " + _("row {number}: {reason}").format(number=row.number, reason=row.reason)
            for row in plan.rejected
        ]
        lines.append("")
    if plan.skipped_lines:
        lines.append(_("Lines not taken as names:"))
        lines += [f"  {run.describe()}" for run in plan.skipped_lines]
        lines.append("")
    if plan.already_imported:
        lines += [
            _("Imported before and skipped: {row_list}").format(
                row_list=row_list(list(plan.already_imported))
            ),
            "",
        ]
    lines += merge_lines(plan)
    lines += people_merge_lines(plan)
    rows_by_message: dict[str, list[int]] = {}
    for note in plan.notes:
        rows_by_message.setdefault(note.message, []).append(note.number)
    notes = [f"  {row_list(numbers)}: {message}" for message, numbers in rows_by_message.items()]
    notes += [f"  {note}" for note in result.notes]
    if notes:
        lines += [_("Notes:"), *notes, ""]
    differences = [text for org in (*plan.organisations, *plan.people) for text in org.differences]
    if differences:
        lines.append(_("Differences (the value already known was kept):"))
        lines += [f"  {text}" for text in differences]
        lines.append("")
    if plan.pairs:
        lines.append(_("Possible duplicates:"))
        lines += _pair_lines(
            plan.pairs,
            plan.pair_names,
            plan.pair_rows,
            plan.decisions,
            stored="directory",
            undecided=_("not decided: kept separate"),
        )
        lines.append("")
    lines += people_pair_lines(plan)
    return lines
