"""The audit log: when, what, before, after, for every write."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from signapp.core.db import utc_now

# Derived columns that say nothing to a reader of the log.
UNLOGGED_COLUMNS = frozenset({"name_sort", "local_name_sort"})


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _encode(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    kept = {key: value for key, value in values.items() if key not in UNLOGGED_COLUMNS}
    return json.dumps(kept, ensure_ascii=False, default=str, sort_keys=True)


def record(
    db: Database,
    action: str,
    entity: str,
    entity_id: int | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Append one entry; call it inside the transaction of the write it describes."""
    db.execute(
        "INSERT INTO audit_log (at, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [utc_now(), action, entity, entity_id, _encode(before), _encode(after)],
    )


def entries(
    db: Database, *, entity: str | None = None, entity_id: int | None = None, limit: int = 200
) -> list[AuditEntry]:
    """The newest entries first, optionally only those about one record."""
    where: list[str] = []
    params: list[Any] = []
    if entity is not None:
        where.append("entity = ?")
        params.append(entity)
    if entity_id is not None:
        where.append("entity_id = ?")
        params.append(entity_id)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = db.execute(
        f"SELECT id, at, action, entity, entity_id, before, after FROM audit_log {clause} "
        "ORDER BY id DESC LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [
        AuditEntry(
            id=row[0],
            at=row[1],
            action=row[2],
            entity=row[3],
            entity_id=row[4],
            before=json.loads(row[5]) if row[5] else None,
            after=json.loads(row[6]) if row[6] else None,
        )
        for row in rows
    ]
