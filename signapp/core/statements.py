"""Statements and their versions.

A version is immutable once issued: edits go to the draft, which becomes the next
version when issued. A translation may be added to an issued version, but a text already
issued never changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlite_utils import Database

from signapp.core import audit, records
from signapp.core.db import transaction, utc_now
from signapp.core.errors import NotFound, StatementLocked, ValidationError
from signapp.core.fields import StatementFields
from signapp.core.languages import clean_language_code
from signapp.core.model import (
    SignOnStatus,
    Statement,
    StatementStatus,
    StatementSummary,
    StatementVersion,
    VersionKind,
)
from signapp.core.validation import clean_text, require_text
from signapp.i18n import _

STATEMENT_FIELDS = ("title", "status", "deadline", "notes")


def _statement(row: Mapping[str, Any]) -> Statement:
    return Statement(
        id=row["id"],
        title=row["title"],
        status=StatementStatus(row["status"]),
        deadline=row["deadline"],
        notes=row["notes"],
        row_version=row["row_version"],
    )


def _clean_deadline(value: str | None) -> str | None:
    cleaned = clean_text(value)
    if cleaned is None:
        return None
    try:
        return date.fromisoformat(cleaned).isoformat()
    except ValueError:
        raise ValidationError(
            "deadline", _("{cleaned!r} is not a date (YYYY-MM-DD)").format(cleaned=cleaned)
        ) from None


def _clean_statement_fields(values: StatementFields) -> dict[str, Any]:
    unknown = set(values) - set(STATEMENT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], _("is not a field of a statement"))
    cleaned: dict[str, Any] = {}
    given: Iterable[tuple[str, Any]] = values.items()  # each value is checked below
    for key, value in given:
        if key == "title":
            cleaned["title"] = require_text("title", value)
        elif key == "status":
            try:
                cleaned["status"] = StatementStatus(value).value
            except ValueError:
                choices = ", ".join(status.value for status in StatementStatus)
                raise ValidationError(
                    "status",
                    _("{value!r} is not one of {choices}").format(value=value, choices=choices),
                ) from None
        elif key == "deadline":
            cleaned["deadline"] = _clean_deadline(value)
        else:
            cleaned[key] = clean_text(value)
    return cleaned


def create_statement(
    db: Database, title: str, *, deadline: str | None = None, notes: str | None = None
) -> int:
    """A new statement in drafting, with an empty draft of version 1."""
    values = _clean_statement_fields({"title": title, "deadline": deadline, "notes": notes})
    with transaction(db):
        statement_id = records.insert(
            db, "statements", {**values, "status": StatementStatus.DRAFTING.value}, "statement"
        )
        _new_draft(db, statement_id, 1)
    return statement_id


def create_issued_statement(
    db: Database,
    title: str,
    text: str,
    *,
    language: str = "en",
    deadline: str | None = None,
    notes: str | None = None,
) -> int:
    """A new statement whose version 1 is issued at once, ready to collect sign-ons."""
    with transaction(db):
        statement_id = create_statement(db, title, deadline=deadline, notes=notes)
        save_draft_text(db, statement_id, language, text)
        issue_version(db, statement_id, VersionKind.INITIAL)
    return statement_id


def get_statement(db: Database, statement_id: int) -> Statement:
    return _statement(records.fetch(db, "statements", statement_id, "statement"))


def update_statement(
    db: Database,
    statement_id: int,
    changes: StatementFields,
    *,
    expected_row_version: int | None = None,
) -> Statement:
    values = _clean_statement_fields(changes)
    with transaction(db):
        row = records.update(
            db,
            "statements",
            statement_id,
            values,
            "statement",
            expected_row_version=expected_row_version,
        )
    return _statement(row)


def set_statement_status(
    db: Database, statement_id: int, status: str | StatementStatus
) -> Statement:
    return update_statement(db, statement_id, {"status": status})


def delete_statement(db: Database, statement_id: int) -> None:
    """Delete a statement with its versions and sign-ons (each logged)."""
    with transaction(db):
        for row in db.execute(
            "SELECT id FROM signons WHERE statement_id = ?", [statement_id]
        ).fetchall():
            records.delete(db, "signons", row[0], "sign-on")
        records.delete(db, "statements", statement_id, "statement")


def list_statements(db: Database) -> list[StatementSummary]:
    """Every statement, newest first, with its sign-on counts per status."""
    from signapp.core.signons import count_needing_reconfirmation

    statements = records.fetch_all(db, "SELECT * FROM statements ORDER BY created_at DESC, id DESC")
    counts: dict[int, dict[SignOnStatus, int]] = {}
    for statement_id, status, number in db.execute(
        "SELECT statement_id, status, count(*) FROM signons GROUP BY statement_id, status"
    ):
        counts.setdefault(statement_id, {})[SignOnStatus(status)] = number
    latest = dict(
        db.execute(
            "SELECT statement_id, max(number) FROM statement_versions "
            "WHERE issued_at IS NOT NULL GROUP BY statement_id"
        ).fetchall()
    )
    return [
        StatementSummary(
            statement=_statement(row),
            counts={status: counts.get(row["id"], {}).get(status, 0) for status in SignOnStatus},
            latest_version=latest.get(row["id"]),
            needs_reconfirmation=count_needing_reconfirmation(db, row["id"]),
        )
        for row in statements
    ]


def _version_row(db: Database, statement_id: int, number: int | None) -> dict[str, Any]:
    if number is None:
        rows = records.fetch_all(
            db,
            "SELECT * FROM statement_versions WHERE statement_id = ? AND issued_at IS NOT NULL "
            "ORDER BY number DESC LIMIT 1",
            [statement_id],
        )
        if not rows:
            records.fetch(db, "statements", statement_id, "statement")
            raise NotFound(
                _("statement {statement_id} has no issued version yet").format(
                    statement_id=statement_id
                )
            )
        return rows[0]
    rows = records.fetch_all(
        db,
        "SELECT * FROM statement_versions WHERE statement_id = ? AND number = ?",
        [statement_id, number],
    )
    if not rows:
        raise NotFound(
            _("statement {statement_id} has no version {number}").format(
                statement_id=statement_id, number=number
            )
        )
    return rows[0]


def _texts(db: Database, version_id: int) -> dict[str, str]:
    return dict(
        db.execute(
            "SELECT language, text FROM version_texts WHERE version_id = ? ORDER BY added_at, language",
            [version_id],
        ).fetchall()
    )


def _version(db: Database, row: Mapping[str, Any]) -> StatementVersion:
    return StatementVersion(
        statement_id=row["statement_id"],
        number=row["number"],
        kind=VersionKind(row["kind"]),
        note=row["note"],
        issued_at=row["issued_at"],
        texts=_texts(db, row["id"]),
    )


def get_version(db: Database, statement_id: int, number: int | None = None) -> StatementVersion:
    """Version ``number``, or the latest issued one when ``number`` is None."""
    return _version(db, _version_row(db, statement_id, number))


def list_versions(db: Database, statement_id: int) -> list[StatementVersion]:
    """Issued versions in order, then the draft if there is one."""
    rows = records.fetch_all(
        db,
        "SELECT * FROM statement_versions WHERE statement_id = ? ORDER BY number",
        [statement_id],
    )
    return [_version(db, row) for row in rows]


def _draft_row(db: Database, statement_id: int) -> dict[str, Any] | None:
    rows = records.fetch_all(
        db,
        "SELECT * FROM statement_versions WHERE statement_id = ? AND issued_at IS NULL",
        [statement_id],
    )
    return rows[0] if rows else None


def get_draft(db: Database, statement_id: int) -> StatementVersion | None:
    row = _draft_row(db, statement_id)
    return _version(db, row) if row else None


def _new_draft(db: Database, statement_id: int, number: int) -> int:
    return records.insert(
        db,
        "statement_versions",
        {"statement_id": statement_id, "number": number, "kind": VersionKind.EDITORIAL.value},
        "statement version",
    )


def _require_unlocked(db: Database, statement_id: int) -> None:
    statement = get_statement(db, statement_id)
    if statement.status.text_is_locked:
        raise StatementLocked(
            _("Statement {statement_id} is {status}: its text can no longer change.").format(
                statement_id=statement_id, status=statement.status.label
            )
        )


def save_draft_text(db: Database, statement_id: int, language: str, text: str) -> StatementVersion:
    """Write the draft's text in ``language``; a draft is started from the latest text."""
    language = clean_language_code(language)
    with transaction(db):
        _require_unlocked(db, statement_id)
        draft = _draft_row(db, statement_id) or _start_draft(db, statement_id)
        before = db.execute(
            "SELECT text FROM version_texts WHERE version_id = ? AND language = ?",
            [draft["id"], language],
        ).fetchone()
        if before is not None and before[0] == text:
            return _version(db, draft)
        db.execute(
            "INSERT INTO version_texts (version_id, language, text, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (version_id, language) DO UPDATE SET text = excluded.text",
            [draft["id"], language, text, utc_now()],
        )
        audit.record(
            db,
            "edit draft",
            "statement version",
            draft["id"],
            {"language": language, "text": before[0]} if before else None,
            {"language": language, "text": text},
        )
        return _version(db, draft)


def _start_draft(db: Database, statement_id: int) -> dict[str, Any]:
    """A new draft numbered after the latest version, holding its texts to edit."""
    latest = db.execute(
        "SELECT id, number FROM statement_versions WHERE statement_id = ? ORDER BY number DESC LIMIT 1",
        [statement_id],
    ).fetchone()
    number = latest[1] + 1 if latest else 1
    draft_id = _new_draft(db, statement_id, number)
    if latest:
        db.execute(
            "INSERT INTO version_texts (version_id, language, text, added_at) "
            "SELECT ?, language, text, ? FROM version_texts WHERE version_id = ?",
            [draft_id, utc_now(), latest[0]],
        )
    return records.fetch(db, "statement_versions", draft_id, "statement version")


def issue_version(
    db: Database,
    statement_id: int,
    kind: str | VersionKind,
    note: str | None = None,
) -> int:
    """Issue the draft as the next version; returns its number.

    Version 1 is always ``initial``; later ones are editorial (signatures carry over) or
    substantive (earlier confirmations must be renewed).
    """
    with transaction(db):
        _require_unlocked(db, statement_id)
        draft = _draft_row(db, statement_id)
        if draft is None or not _texts(db, draft["id"]):
            raise ValidationError("text", _("the draft has no text to issue"))
        texts = _texts(db, draft["id"])
        if not any(text.strip() for text in texts.values()):
            raise ValidationError("text", _("the draft has no text to issue"))
        try:
            version_kind = VersionKind(kind)
        except ValueError:
            raise ValidationError(
                "kind", _("{kind!r} is not editorial or substantive").format(kind=kind)
            ) from None
        if draft["number"] == 1:
            version_kind = VersionKind.INITIAL
        elif version_kind is VersionKind.INITIAL:
            raise ValidationError("kind", _("a revision is either editorial or substantive"))
        records.update(
            db,
            "statement_versions",
            draft["id"],
            {"kind": version_kind.value, "note": clean_text(note), "issued_at": utc_now()},
            "statement version",
            action="issue",
        )
        statement = get_statement(db, statement_id)
        if statement.status is StatementStatus.DRAFTING:
            records.update(
                db,
                "statements",
                statement_id,
                {"status": StatementStatus.COLLECTING.value},
                "statement",
            )
    return int(draft["number"])


def revise_statement(
    db: Database,
    statement_id: int,
    text: str,
    *,
    language: str = "en",
    kind: str | VersionKind,
    note: str | None = None,
) -> int:
    """Write ``text`` into the draft and issue it; returns the new version number."""
    with transaction(db):
        save_draft_text(db, statement_id, language, text)
        return issue_version(db, statement_id, kind, note)


def add_translation(
    db: Database,
    statement_id: int,
    language: str,
    text: str,
    *,
    version_number: int | None = None,
) -> int:
    """Add the text in another language to an issued version; returns its number."""
    language = clean_language_code(language)
    if not text.strip():
        raise ValidationError("text", _("the translation is empty"))
    with transaction(db):
        _require_unlocked(db, statement_id)
        row = _version_row(db, statement_id, version_number)
        if row["issued_at"] is None:
            raise ValidationError("version", _("translations are added to issued versions"))
        if language in _texts(db, row["id"]):
            raise ValidationError(
                "language",
                _(
                    "version {number} already has a {language} text; issued texts never change (revise the statement instead)"
                ).format(number=row["number"], language=language),
            )
        db.execute(
            "INSERT INTO version_texts (version_id, language, text, added_at) VALUES (?, ?, ?, ?)",
            [row["id"], language, text, utc_now()],
        )
        audit.record(
            db,
            "translate",
            "statement version",
            row["id"],
            None,
            {"language": language, "text": text},
        )
        draft = _draft_row(db, statement_id)
        if draft is not None and language not in _texts(db, draft["id"]):
            db.execute(
                "INSERT INTO version_texts (version_id, language, text, added_at) VALUES (?, ?, ?, ?)",
                [draft["id"], language, text, utc_now()],
            )
        return int(row["number"])
