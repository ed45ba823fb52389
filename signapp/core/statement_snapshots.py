"""Deleting a statement so that it can be put back exactly, for undo.

A statement's versions, texts and import memory go with it (the schema cascades); the
snapshot keeps every row so that :func:`restore_statement` brings back the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from signapp.core import audit, records
from signapp.core.db import transaction
from signapp.core.statements import delete_statement

# Tables whose rows belong to one statement and are restored verbatim, in this order.
_DEPENDENT_TABLES = ("import_mappings", "imported_rows")


@dataclass(frozen=True)
class StatementSnapshot:
    statement: dict[str, Any]
    versions: list[dict[str, Any]]
    version_texts: list[dict[str, Any]]
    signons: list[dict[str, Any]]
    dependents: dict[str, list[dict[str, Any]]]


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return records.fetch_all(db, sql, params)


def delete_statement_keeping_snapshot(db: Database, statement_id: int) -> StatementSnapshot:
    """Delete the statement and everything of it; returns what is needed to restore it."""
    with transaction(db):
        snapshot = StatementSnapshot(
            statement=records.fetch(db, "statements", statement_id, "statement"),
            versions=_rows(
                db,
                "SELECT * FROM statement_versions WHERE statement_id = ? ORDER BY number",
                [statement_id],
            ),
            version_texts=_rows(
                db,
                "SELECT t.* FROM version_texts t JOIN statement_versions v ON v.id = t.version_id "
                "WHERE v.statement_id = ? ORDER BY v.number, t.added_at, t.language",
                [statement_id],
            ),
            signons=_rows(
                db, "SELECT * FROM signons WHERE statement_id = ? ORDER BY id", [statement_id]
            ),
            dependents={
                table: _rows(db, f"SELECT * FROM {table} WHERE statement_id = ?", [statement_id])
                for table in _DEPENDENT_TABLES
            },
        )
        delete_statement(db, statement_id)
    return snapshot


def _insert_verbatim(db: Database, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def restore_statement(db: Database, snapshot: StatementSnapshot) -> None:
    """Undo :func:`delete_statement_keeping_snapshot`; every row comes back with its id."""
    with transaction(db):
        records.reinsert(db, "statements", snapshot.statement, "statement")
        for version in snapshot.versions:
            records.reinsert(db, "statement_versions", version, "statement version")
        for text in snapshot.version_texts:
            _insert_verbatim(db, "version_texts", text)
            audit.record(
                db,
                "restore",
                "statement version",
                text["version_id"],
                None,
                {"language": text["language"], "text": text["text"]},
            )
        for signon in snapshot.signons:
            records.reinsert(db, "signons", signon, "sign-on")
        for table in _DEPENDENT_TABLES:
            for row in snapshot.dependents.get(table, []):
                _insert_verbatim(db, table, row)
