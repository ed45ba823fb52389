"""Writing an import plan: everything in one transaction, or nothing.

Organisations, contacts and sign-ons go in with bulk inserts. A stored organisation
only has its gaps (or garbled values) filled; its stored sign-on keeps the more private
listing answer; re-imported rows are recognised by their fingerprint and skipped.
The report and the rejected rows CSV are written after the transaction commits, each
whole or not at all: a killed import leaves no report of rows it never imported.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from signapp.core import import_store
from signapp.core.backups import backup_before_import
from signapp.core.collector import cycle_collection_paused
from signapp.core.db import transaction, utc_now
from signapp.core.errors import Cancelled, SignappError, ValidationError
from signapp.core.fields import (
    NewContact,
    NewPerson,
    NewSignOn,
    OrganisationFields,
    PersonFields,
    SignOnFields,
)
from signapp.core.model import Channel, SignOnStatus
from signapp.core.organisations import reindex_organisations, update_organisation
from signapp.core.people import update_person
from signapp.core.private_files import make_private_folder
from signapp.core.signons import closed_statement_note, update_signon
from signapp.core.text import fold_for_match
from signapp.i18n import _
from signapp.importing.mapping import (
    ColumnMapping,
    apply_overrides,
    guess_mapping,
    mapping_from_titles,
)
from signapp.importing.plan import (
    Directory,
    DirectoryOrganisation,
    DirectoryPerson,
    ImportPlan,
    PlannedOrganisation,
    build_plan,
)
from signapp.importing.reading import Table, read_table
from signapp.importing.report import (
    ImportResult,
    report_body,
    report_paths,
    report_text,
    writable_report_paths,
    write_rejected_csv,
)
from signapp.importing.rows import ImportRow
from signapp.importing.signatory_kind import SignatoryKind
from signapp.importing.versions import IssuedVersions, later, moment

log = logging.getLogger("signapp.importing")

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def load_directory(db: Database, statement_id: int) -> Directory:
    """What the store holds that an import of ``statement_id`` must match against."""
    return Directory(
        organisations={
            row["id"]: DirectoryOrganisation(**row) for row in import_store.directory_rows(db)
        },
        imported_fingerprints=import_store.imported_fingerprints(db, statement_id),
        people={row["id"]: DirectoryPerson(**row) for row in import_store.people_rows(db)},
    )


def initial_mapping(db: Database, statement_id: int, table: Table) -> ColumnMapping:
    """The mapping remembered for this statement applied to ``table``, else a guess."""
    remembered = import_store.load_mapping(db, statement_id)
    sample = [row.values for row in table.rows[:200]]
    if remembered:
        return mapping_from_titles(table.header, remembered, sample)
    return guess_mapping(table.header, sample)


def plan_import(
    db: Database,
    table: Table,
    mapping: ColumnMapping,
    statement_id: int,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    signing_as: SignatoryKind | None = None,
) -> ImportPlan:
    """Read the directory and work out the plan; nothing is written."""
    if import_store.latest_issued_version(db, statement_id) is None:
        raise ValidationError(
            "statement",
            _(
                "statement {statement_id} has no issued version yet; issue it before importing confirmed sign-ons"
            ).format(statement_id=statement_id),
        )
    with cycle_collection_paused():
        return build_plan(
            table,
            mapping,
            statement_id,
            load_directory(db, statement_id),
            progress=progress,
            cancel=cancel,
            signing_as=signing_as,
        )


def apply_plan(
    db: Database,
    plan: ImportPlan,
    *,
    report_path: Path | None = None,
    rejected_path: Path | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportResult:
    """Write the plan in one transaction; the report (and rejected rows) beside it.

    Raises:
        SignappError: nothing was written (bad value, database busy, report not writable).
        Cancelled: ``cancel`` returned True; nothing was written.
    """
    backup_before_import(db)  # outside the transaction: a protected file cannot be copied in one
    total = 6
    step = 0

    def advance() -> None:
        nonlocal step
        if cancel is not None and cancel():
            raise Cancelled()
        step += 1
        if progress:
            progress(step, total)

    _check_report_folder(report_path, rejected_path)
    result = _write_plan(db, plan, report_path, rejected_path, advance)
    # Only now that the import is committed may a report say what it did.
    result = _write_report_files(plan, result)
    log.info("imported %s: %s", plan.source, result.summary_line())
    return result


def _write_plan(
    db: Database,
    plan: ImportPlan,
    report_path: Path | None,
    rejected_path: Path | None,
    advance: Callable[[], None],
) -> ImportResult:
    with cycle_collection_paused(), import_store.larger_page_cache(db), transaction(db):
        versions = IssuedVersions.from_rows(import_store.issued_versions(db, plan.statement_id))
        if versions.latest is None:
            raise ValidationError("statement", _("the statement has no issued version yet"))
        org_ids = _write_organisations(db, plan.organisations)
        advance()
        contact_ids = _write_contacts(db, plan.organisations, org_ids)
        advance()
        notes = _write_signons(db, plan, plan.organisations, org_ids, contact_ids, versions)
        person_ids = _write_people(db, plan.people)
        notes += _write_signons(
            db, plan, plan.people, person_ids, [{} for _ in person_ids], versions, people=True
        )
        closed = closed_statement_note(db, plan.statement_id)
        if closed:
            notes.insert(0, closed[0].upper() + closed[1:])
        advance()
        _reindex(db, plan.organisations, org_ids)
        advance()
        import_store.save_mapping(db, plan.statement_id, _mapping_titles(plan))
        advance()
        written_rejected = rejected_path if plan.rejected and rejected_path else None
        result = ImportResult.from_plan(
            plan, report_path=report_path, rejected_path=written_rejected, notes=notes
        )
        advance()
    return result


def _mapping_titles(plan: ImportPlan) -> dict[str, str]:
    return plan.mapping.by_title(plan.header)


def _check_report_folder(*paths: Path | None) -> None:
    """Refuse before writing anything when a report could not be written."""
    for path in paths:
        if path is not None and not os.access(path.parent, os.W_OK):
            raise SignappError(
                _(
                    "the import report cannot be written to {parent} (not a folder that can be written to); nothing was imported. Choose another folder for the report."
                ).format(parent=path.parent)
            )


def _write_report_files(plan: ImportPlan, result: ImportResult) -> ImportResult:
    """Write the report and the rejected rows, each whole or not at all (a temporary
    file renamed over the final name). The import is committed already: a file that
    cannot be written is said in the result, not a reason to undo it."""
    written_rejected, written_report = result.rejected_path, result.report_path
    notes = list(result.notes)
    if written_rejected is not None:
        try:
            _write_atomically(written_rejected, lambda path: write_rejected_csv(plan, path))
        except OSError as error:
            notes.append(
                _(
                    "the rejected rows could not be written to {path} ({reason}); they are "
                    "listed in the report"
                ).format(path=written_rejected, reason=error.strerror)
            )
            written_rejected = None
    result = replace(result, rejected_path=written_rejected, notes=tuple(notes))
    if written_report is not None:
        text = report_text(plan, result)
        try:
            _write_atomically(written_report, lambda path: path.write_text(text, encoding="utf-8"))
        except OSError as error:
            log.warning("import report not written to %s: %s", written_report, error)
            notes.append(
                _(
                    "the import was done, but its report could not be written to {path} ({reason})"
                ).format(path=written_report, reason=error.strerror)
            )
            result = replace(result, report_path=None, notes=tuple(notes))
    return result


def _write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` through a temporary file beside it, renamed over it when whole."""
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_organisations(db: Database, organisations: Sequence[PlannedOrganisation]) -> list[int]:
    """Insert new organisations, fill gaps in stored ones; ids in plan order."""
    return _write_signatories(
        organisations,
        # The plan's values are organisation fields, checked when it was made.
        lambda values: import_store.insert_organisations(
            db, cast(list[OrganisationFields], values)
        ),
        lambda org_id, changes: update_organisation(db, org_id, cast(OrganisationFields, changes)),
    )


def _write_people(db: Database, people: Sequence[PlannedOrganisation]) -> list[int]:
    """Insert new people, fill gaps of stored ones; ids in plan order."""
    return _write_signatories(
        people,
        # The plan's values are a person's fields, with the name (checked when it was made).
        lambda values: import_store.insert_people(db, cast(list[NewPerson], values)),
        lambda person_id, changes: update_person(db, person_id, cast(PersonFields, changes)),
    )


def _write_signatories(
    planned: Sequence[PlannedOrganisation],
    insert: Callable[[list[Mapping[str, str | None]]], list[int]],
    update: Callable[[int, dict[str, str | None]], object],
) -> list[int]:
    new_ids = iter(insert([item.values for item in planned if item.existing_id is None]))
    ids: list[int] = []
    for item in planned:
        if item.existing_id is None:
            ids.append(next(new_ids))
            continue
        if item.values:
            update(item.existing_id, dict(item.values))
        ids.append(item.existing_id)
    return ids


def _reindex(
    db: Database, organisations: Sequence[PlannedOrganisation], org_ids: Sequence[int]
) -> None:
    """Rebuild the search text of every organisation the import touched."""
    stored = {
        org_id
        for org, org_id in zip(organisations, org_ids, strict=True)
        if org.existing_id is not None
    }
    reindex_organisations(db, sorted(stored))
    import_store.index_new_organisations(db, [org_id for org_id in org_ids if org_id not in stored])


def _contact_key(name: str | None, email: str | None) -> str:
    return f"email:{email.casefold()}" if email else f"name:{fold_for_match(name)}"


def _write_contacts(
    db: Database, organisations: Sequence[PlannedOrganisation], org_ids: Sequence[int]
) -> list[dict[int, int]]:
    """Add each row's contact unless the organisation has it already.

    Returns, per planned organisation, row number -> the contact id that row gave.
    """
    stored = import_store.contacts_of(
        db, [org.existing_id for org in organisations if org.existing_id is not None]
    )
    pending: list[NewContact] = []
    pending_rows: list[tuple[int, list[int]]] = []  # (organisation index, row numbers)
    result: list[dict[int, int]] = [{} for _ in organisations]
    for index, (org, org_id) in enumerate(zip(organisations, org_ids, strict=True)):
        known: dict[str, int | None] = {}
        for contact in stored.get(org_id, []):
            known[_contact_key(contact["name"], contact["email"])] = contact["id"]
            if contact["email"]:
                known[_contact_key(contact["name"], None)] = contact["id"]
        has_primary = any(contact["is_primary"] for contact in stored.get(org_id, []))
        local: dict[str, int] = {}
        for row in org.rows:
            if not row.contact_name:
                continue
            key = _contact_key(row.contact_name, row.email)
            if key in known and known[key] is not None:
                result[index][row.number] = known[key]  # type: ignore[assignment]
                continue
            if key in local:
                pending_rows[local[key]][1].append(row.number)
                continue
            local[key] = len(pending)
            pending.append(
                {
                    "organisation_id": org_id,
                    "name": row.contact_name,
                    "role": row.contact_role,
                    "email": row.email,
                    "phone": row.phone,
                    "is_primary": not has_primary,
                }
            )
            has_primary = True
            pending_rows.append((index, [row.number]))
    for contact_id, (index, numbers) in zip(
        import_store.insert_contacts(db, pending), pending_rows, strict=True
    ):
        for number in numbers:
            result[index][number] = contact_id
    return result


def _raw_source(plan: ImportPlan, rows: Sequence[ImportRow], imported_at: str) -> dict[str, Any]:
    return {
        "file": plan.source.name,
        "imported_at": imported_at,
        "rows": [
            {"row": row.number, "fingerprint": row.fingerprint, "values": row.raw} for row in rows
        ],
    }


def _comments(rows: Sequence[ImportRow]) -> str | None:
    parts = [f"row {row.number}: {row.comments}" for row in rows if row.comments]
    return "\n".join(parts) or None


def _dated(rows: Sequence[ImportRow]) -> list[tuple[datetime, str]]:
    """(moment, as written) of each row's date, for the rows that have one."""
    return [
        (at, row.received_at)
        for row in rows
        if row.received_at and (at := moment(row.received_at)) is not None
    ]


def _earliest(rows: Sequence[ImportRow]) -> str | None:
    dated = _dated(rows)
    return min(dated)[1] if dated else None


def _latest(rows: Sequence[ImportRow]) -> str | None:
    """The date of the latest answer, or None when any answer is undated (taken as
    given now, at the import)."""
    dated = _dated(rows)
    return max(dated)[1] if dated and len(dated) == len(rows) else None


def _first_contact(rows: Sequence[ImportRow], contacts: Mapping[int, int]) -> int | None:
    """The contact of the first row that named one: who authorised the sign-on."""
    for row in rows:
        if row.number in contacts:
            return contacts[row.number]
    return None


def _write_signons(
    db: Database,
    plan: ImportPlan,
    signatories: Sequence[PlannedOrganisation],
    org_ids: Sequence[int],
    contact_ids: Sequence[Mapping[int, int]],
    versions: IssuedVersions,
    *,
    people: bool = False,
) -> list[str]:
    """One confirmed sign-on per organisation (or, with ``people``, per person);
    stored sign-ons are updated, not replaced.

    Each confirms the version in force when its latest answer was given (an undated
    answer: now), so an answer given before a substantive revision needs reconfirming.
    """
    stored = import_store.signons_of(
        db,
        plan.statement_id,
        [org.existing_id for org in signatories if org.existing_id],
        people=people,
    )
    notes: list[str] = []
    new_signons: list[NewSignOn] = []
    new_rows: list[PlannedOrganisation] = []
    fingerprints: list[tuple[str, int | None]] = []
    imported_at = utc_now()
    confirmed, form = SignOnStatus.CONFIRMED.value, Channel.FORM.value
    for org, org_id, contacts in zip(signatories, org_ids, contact_ids, strict=True):
        authorised_by = _first_contact(org.rows, contacts)
        existing = stored.get(org_id)
        if existing is None:
            new_rows.append(org)
            new_signons.append(
                {
                    "statement_id": plan.statement_id,
                    "organisation_id": None if people else org_id,
                    "person_id": org_id if people else None,
                    "status": confirmed,
                    "version_number": versions.in_force_at(_latest(org.rows)),
                    "is_public": org.is_public,
                    "authorised_by": authorised_by,
                    "channel": form,
                    "received_at": _earliest(org.rows) or imported_at,
                    "notes": _comments(org.rows),
                    "raw_source": _raw_source(plan, org.rows, imported_at),
                }
            )
            continue
        notes.extend(
            _update_stored_signon(db, plan, org, existing, authorised_by, imported_at, versions)
        )
        fingerprints.extend((row.fingerprint, existing["id"]) for row in org.rows)
    for signon_id, org in zip(import_store.insert_signons(db, new_signons), new_rows, strict=True):
        fingerprints.extend((row.fingerprint, signon_id) for row in org.rows)
    import_store.record_imported_rows(db, plan.statement_id, fingerprints)
    return notes


def _merged_raw_source(stored: str | None, addition: dict[str, Any]) -> dict[str, Any]:
    if not stored:
        return addition
    try:
        earlier = json.loads(stored)
    except ValueError:
        earlier = None
    if isinstance(earlier, dict) and isinstance(earlier.get("rows"), list):
        earlier_imports = earlier.get("earlier_imports", [])
        return {
            **addition,
            "rows": [*earlier["rows"], *addition["rows"]],
            "earlier_imports": [*earlier_imports, earlier.get("file")],
        }
    return {**addition, "earlier": stored}


def _update_stored_signon(
    db: Database,
    plan: ImportPlan,
    org: PlannedOrganisation,
    existing: Mapping[str, Any],
    authorised_by: int | None,
    imported_at: str,
    versions: IssuedVersions,
) -> list[str]:
    notes: list[str] = []
    addition = _raw_source(plan, org.rows, imported_at)
    changes: SignOnFields = {
        "is_public": bool(existing["is_public"]) and org.is_public,
        "raw_source": _merged_raw_source(existing["raw_source"], addition),
    }
    if existing["is_public"] and not org.is_public:
        notes.append(
            _("{name}: now asks not to be named; recorded as anonymous").format(
                name=org.display_name
            )
        )
    answered_at = _latest(org.rows)
    answered_version = versions.in_force_at(answered_at)
    answered_at = answered_at or imported_at
    if existing["authorised_by"] is None and authorised_by is not None:
        changes["authorised_by"] = authorised_by
    comments = _comments(org.rows)
    if comments:
        changes["notes"] = "\n".join(part for part in (existing["notes"], comments) if part)
    status = existing["status"]
    confirms_newer = status == SignOnStatus.CONFIRMED.value and (
        existing["version_number"] is None or (answered_version or 0) > existing["version_number"]
    )
    if status in (SignOnStatus.INVITED.value, SignOnStatus.PENDING.value) or confirms_newer:
        changes["status"] = SignOnStatus.CONFIRMED.value
        changes["version_number"] = answered_version
        # The answer's date, unless the one stored is later: dates never move back.
        changes["received_at"] = later(existing["received_at"], answered_at)
    elif not existing["received_at"]:
        changes["received_at"] = _earliest(org.rows) or imported_at
    elif status in (SignOnStatus.DECLINED.value, SignOnStatus.WITHDRAWN.value):
        rows = ", ".join(str(row.number) for row in org.rows)
        notes.append(
            _(
                "{name}: its sign-on is {status}; the form answer (rows {rows}) was kept as "
                "evidence but the status was not changed; check with them"
            ).format(name=org.display_name, status=SignOnStatus(status).label, rows=rows)
        )
    update_signon(db, existing["id"], changes)
    return notes


def import_file(
    db: Database,
    path: str | Path,
    statement_id: int,
    *,
    dry_run: bool = False,
    report_folder: Path | None = None,
    sheet: str | None = None,
    mapping_overrides: Sequence[str] = (),
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    signing_as: SignatoryKind | None = None,
) -> ImportResult:
    """Read, plan and write an import with the remembered or guessed mapping, changed
    by ``mapping_overrides`` (``"COLUMN=FIELD"``, see :func:`apply_overrides`).

    Review pairs are left undecided, so likely duplicates stay separate organisations.
    A dry run writes nothing and returns the report's text in ``details``.
    """
    source = Path(path)
    # One pause from reading to writing: between the steps, the rows read and the plan
    # are alive, and a collector pass there would scan them all.
    with cycle_collection_paused():
        table = read_table(source, sheet=sheet)
        mapping = apply_overrides(
            initial_mapping(db, statement_id, table), table.header, mapping_overrides
        )
        plan = plan_import(
            db,
            table,
            mapping,
            statement_id,
            progress=progress,
            cancel=cancel,
            signing_as=signing_as,
        )
        if dry_run:
            result = ImportResult.from_plan(plan, dry_run=True)
            return replace(result, details="\n".join(report_body(plan, result)))
        if report_folder is None:
            report_path, rejected_path = writable_report_paths(source)
        else:
            _make_folder(report_folder)
            report_path, rejected_path = report_paths(source, report_folder)
        return apply_plan(
            db, plan, report_path=report_path, rejected_path=rejected_path, cancel=cancel
        )


def _make_folder(folder: Path) -> None:
    """Create the report folder the user named, if it is not there yet."""
    try:
        make_private_folder(folder)
    except OSError as error:
        raise SignappError(
            _(
                "the report folder {folder} cannot be created ({strerror}); nothing was imported"
            ).format(folder=folder, strerror=error.strerror)
        ) from None
