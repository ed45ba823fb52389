"""Reading and changing single rows, with row versions and the audit log.

Every table edited by people carries ``row_version``: an update that names the version
it was based on fails with :class:`StaleEdit` when someone else changed the row since.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from signapp.core import audit
from signapp.core.db import utc_now
from signapp.core.errors import NotFound, StaleEdit, field_name
from signapp.i18n import _

EDITABLE_TABLES = frozenset(
    {"organisations", "contacts", "people", "statements", "signons", "statement_versions"}
)


def fetch(db: Database, table: str, row_id: int, what: str) -> dict[str, Any]:
    """The row as a dict, or :class:`NotFound` naming ``what`` was looked for."""
    _check_table(table)
    cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFound(
            _("{what} {row_id} does not exist").format(what=field_name(what), row_id=row_id)
        )
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def fetch_all(
    db: Database, sql: str, params: list[Any] | tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def insert(db: Database, table: str, values: Mapping[str, Any], what: str) -> int:
    """Insert a row stamped with creation times, log it, and return its id."""
    _check_table(table)
    now = utc_now()
    row = {**values}
    row.setdefault("created_at", now)
    if table != "statement_versions":
        row.setdefault("updated_at", now)
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    row_id = int(cursor.lastrowid or 0)
    audit.record(db, "create", what, row_id, None, fetch(db, table, row_id, what))
    return row_id


def update(
    db: Database,
    table: str,
    row_id: int,
    changes: Mapping[str, Any],
    what: str,
    *,
    expected_row_version: int | None = None,
    action: str = "update",
) -> dict[str, Any]:
    """Apply ``changes`` to one row and log before and after; returns the new row."""
    before = fetch(db, table, row_id, what)
    if expected_row_version is not None and before.get("row_version") != expected_row_version:
        raise StaleEdit(
            _(
                "This {what} was changed elsewhere since you opened it; its current values are shown. Review them and apply your change again."
            ).format(what=field_name(what)),
            before,
        )
    real_changes = {key: value for key, value in changes.items() if before.get(key) != value}
    if not real_changes:
        return before
    assignments = [f"{column} = ?" for column in real_changes]
    params = list(real_changes.values())
    if "row_version" in before:
        assignments.append("row_version = row_version + 1")
    if "updated_at" in before:
        assignments.append("updated_at = ?")
        params.append(utc_now())
    db.execute(f"UPDATE {table} SET {', '.join(assignments)} WHERE id = ?", [*params, row_id])
    after = fetch(db, table, row_id, what)
    audit.record(db, action, what, row_id, before, after)
    return after


def delete(db: Database, table: str, row_id: int, what: str) -> dict[str, Any]:
    """Delete one row, log it, and return what it held."""
    before = fetch(db, table, row_id, what)
    db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
    audit.record(db, "delete", what, row_id, before, None)
    return before


def reinsert(db: Database, table: str, row: Mapping[str, Any], what: str) -> None:
    """Put back a row exactly as it was (same id), for undo."""
    _check_table(table)
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    audit.record(db, "restore", what, int(row["id"]), None, dict(row))


def _check_table(table: str) -> None:
    if table not in EDITABLE_TABLES:
        raise ValueError(f"not an editable table: {table}")
