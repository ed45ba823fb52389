"""The schema, as ordered migrations.

The number of migrations applied is also written to ``PRAGMA user_version``: it is the
schema generation, so a file written by a newer signapp can be recognised and refused.
Add new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sqlite_utils import Database, Migrations

from signapp.core.text import sort_key


def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE signapp_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO signapp_meta (key, value) VALUES ('application', 'signapp');

        CREATE TABLE organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            local_name TEXT,
            acronym TEXT,
            kind TEXT NOT NULL DEFAULT 'other',
            country TEXT,
            website TEXT,
            notes TEXT,
            name_sort BLOB NOT NULL DEFAULT x'',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX organisations_name_sort ON organisations (name_sort);
        CREATE INDEX organisations_country ON organisations (country);

        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            role TEXT,
            email TEXT,
            phone TEXT,
            is_primary INTEGER NOT NULL DEFAULT 0,
            notes TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX contacts_organisation ON contacts (organisation_id);
        CREATE INDEX contacts_email ON contacts (email COLLATE NOCASE);

        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'drafting',
            deadline TEXT,
            notes TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL DEFAULT 1
        );

        CREATE TABLE statement_versions (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            note TEXT,
            issued_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (statement_id, number)
        );

        CREATE TABLE version_texts (
            version_id INTEGER NOT NULL REFERENCES statement_versions (id) ON DELETE CASCADE,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (version_id, language)
        );

        CREATE TABLE signons (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
            organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            version_number INTEGER,
            is_public INTEGER NOT NULL DEFAULT 1,
            printed_name TEXT,
            authorised_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
            channel TEXT,
            received_at TEXT,
            notes TEXT,
            raw_source TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (statement_id, organisation_id)
        );
        CREATE INDEX signons_organisation ON signons (organisation_id);
        CREATE INDEX signons_authorised_by ON signons (authorised_by);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER,
            before TEXT,
            after TEXT
        );
        CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

        CREATE VIRTUAL TABLE organisation_search USING fts5 (
            text, tokenize = 'trigram'
        );
        """
    )


def m002_import_memory(db: Database) -> None:
    """Per-statement column mapping and the rows already imported, so a re-import adds
    only new rows."""
    db.executescript(
        """
        CREATE TABLE import_mappings (
            statement_id INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
            mapping TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE imported_rows (
            statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
            fingerprint TEXT NOT NULL,
            signon_id INTEGER REFERENCES signons (id) ON DELETE SET NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (statement_id, fingerprint)
        );
        """
    )


def m003_local_name_order(db: Database) -> None:
    """Own-script names get a sort key, as names have, so they sort by their script's
    collation; the names already stored get theirs here."""
    db.execute("ALTER TABLE organisations ADD COLUMN local_name_sort BLOB")
    stored = db.execute(
        "SELECT id, local_name FROM organisations WHERE coalesce(local_name, '') != ''"
    ).fetchall()
    db.conn.executemany(
        "UPDATE organisations SET local_name_sort = ? WHERE id = ?",
        [(sort_key(local_name), org_id) for org_id, local_name in stored],
    )


# A confirmation of version V is kept in the sign-on's history; a change that confirms
# an earlier version (an undo, a correction) drops the history above it.
_CONFIRMATION_TRIGGERS = """
    CREATE TRIGGER signon_confirmed_on_insert AFTER INSERT ON signons
    WHEN NEW.status = 'confirmed' AND NEW.version_number IS NOT NULL
    BEGIN
        INSERT OR IGNORE INTO signon_confirmations (signon_id, version_number, confirmed_at)
        VALUES (NEW.id, NEW.version_number, coalesce(NEW.received_at, NEW.updated_at));
    END;
    CREATE TRIGGER signon_confirmed_on_update AFTER UPDATE OF status, version_number ON signons
    WHEN NEW.status = 'confirmed' AND NEW.version_number IS NOT NULL
    BEGIN
        DELETE FROM signon_confirmations
        WHERE signon_id = NEW.id AND version_number > NEW.version_number;
        INSERT OR IGNORE INTO signon_confirmations (signon_id, version_number, confirmed_at)
        VALUES (NEW.id, NEW.version_number, NEW.updated_at);
    END;
"""


def m004_confirmations_per_version(db: Database) -> None:
    """Each version a sign-on confirmed, so the list of any issued version can be printed
    again exactly (a sign-on row holds only its latest confirmation).

    Confirmations made before this step are replayed from the audit log, which holds
    every sign-on as it was after each write, then completed from the sign-ons as they
    stand (an entry erased from the log leaves at least the latest confirmation).
    """
    db.executescript(
        """
        CREATE TABLE signon_confirmations (
            signon_id INTEGER NOT NULL REFERENCES signons (id) ON DELETE CASCADE,
            version_number INTEGER NOT NULL,
            confirmed_at TEXT,
            PRIMARY KEY (signon_id, version_number)
        ) WITHOUT ROWID;
        """
    )
    history: dict[int, dict[int, str | None]] = {}
    logged = db.execute(
        "SELECT entity_id, action, json_extract(after, '$.status'), "
        "json_extract(after, '$.version_number'), at FROM audit_log "
        "WHERE entity = 'sign-on' AND entity_id IS NOT NULL ORDER BY id"
    )
    for signon_id, action, status, version, at in logged:
        if action == "delete":
            history.pop(signon_id, None)
        elif status == "confirmed" and isinstance(version, int):
            _confirm(history.setdefault(signon_id, {}), version, at)
    current = db.execute(
        "SELECT id, version_number, coalesce(received_at, updated_at) FROM signons "
        "WHERE status = 'confirmed' AND version_number IS NOT NULL"
    ).fetchall()
    rows: list[tuple[int, int, str | None]] = []
    for signon_id, version, at in current:
        confirmed = history.get(signon_id, {})
        _confirm(confirmed, version, at)
        rows.extend((signon_id, number, when) for number, when in confirmed.items())
    db.conn.executemany(
        "INSERT INTO signon_confirmations (signon_id, version_number, confirmed_at) "
        "VALUES (?, ?, ?)",
        rows,
    )
    db.executescript(_CONFIRMATION_TRIGGERS)


def _confirm(confirmed: dict[int, str | None], version: int, at: str | None) -> None:
    """What the triggers do, for replaying history: keep ``version``, drop any above it."""
    for later in [number for number in confirmed if number > version]:
        del confirmed[later]
    confirmed.setdefault(version, at)


def m005_review_queue(db: Database) -> None:
    """Replies received by email, each a proposal the coordinator accepts or rejects.

    Nothing here is public: an item changes a statement only when it is accepted, and
    then through an ordinary sign-on that names the item as its evidence.
    """
    db.executescript(
        """
        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
            message_key TEXT NOT NULL,
            received_at TEXT,
            sender TEXT,
            sender_name TEXT,
            subject TEXT,
            answer_text TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL,
            attachments TEXT,
            source TEXT,
            action TEXT NOT NULL,
            organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
            new_organisation TEXT,
            is_public INTEGER NOT NULL DEFAULT 1,
            version_number INTEGER,
            reason TEXT,
            state TEXT NOT NULL DEFAULT 'pending',
            signon_id INTEGER REFERENCES signons (id) ON DELETE SET NULL,
            decided_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (statement_id, message_key)
        );
        CREATE INDEX review_items_statement ON review_items (statement_id, state);
        CREATE INDEX review_items_organisation ON review_items (organisation_id);
        """
    )


# Tables whose ids the audit log, erasure and undo refer to.
_TABLES_WITH_LASTING_IDS = (
    ("organisations", "organisation"),
    ("contacts", "contact"),
    ("statements", "statement"),
    ("statement_versions", "version"),
    ("signons", "sign-on"),
    ("audit_log", None),
)


def m006_ids_never_reused(db: Database) -> None:
    """Ids are never given again: SQLite otherwise reuses the highest id freed, so an id
    in the audit log (a merged duplicate, a deleted contact) could come to name
    another organisation or person.

    Each table is rebuilt with AUTOINCREMENT, keeping every row, id, index and
    trigger; foreign keys are off during the step (see ``db.migrate``) and checked
    after it. The next id is set above every id the table or the audit log ever held.
    """
    for table, entity in _TABLES_WITH_LASTING_IDS:
        _rebuild_with_autoincrement(db, table)
        highest = db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        if entity is not None:
            logged = db.execute(
                "SELECT coalesce(max(entity_id), 0) FROM audit_log WHERE entity = ?", [entity]
            ).fetchone()[0]
            highest = max(highest, logged)
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", [table])
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", [table, highest])


def _rebuild_with_autoincrement(db: Database, table: str) -> None:
    create_sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()[0]
    if "AUTOINCREMENT" not in create_sql.upper():
        rebuild_table(db, table, _with_autoincrement)


def _with_autoincrement(create_sql: str) -> str:
    new_sql, replaced = re.subn(
        r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b", "id INTEGER PRIMARY KEY AUTOINCREMENT", create_sql
    )
    if replaced != 1:
        raise ValueError("no single integer id column to rebuild")
    return new_sql


def m007_people(db: Database) -> None:
    """People sign too: a table of people, and sign-ons that are either an
    organisation's or a person's (never both), each at most once per statement."""
    db.executescript(
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            local_name TEXT,
            affiliation TEXT,
            country TEXT,
            email TEXT,
            phone TEXT,
            contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
            notes TEXT,
            name_sort BLOB NOT NULL DEFAULT x'',
            local_name_sort BLOB,
            search_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX people_name_sort ON people (name_sort);
        CREATE INDEX people_email ON people (email COLLATE NOCASE);
        CREATE INDEX people_contact ON people (contact_id);
        """
    )
    rebuild_table(db, "signons", _signons_of_people_too)
    db.execute("CREATE INDEX signons_person ON signons (person_id)")


def _signons_of_people_too(create_sql: str) -> str:
    with_person, found = re.subn(
        r"organisation_id\s+INTEGER\s+NOT\s+NULL\s+(REFERENCES\s+organisations\s*\(id\)"
        r"\s+ON\s+DELETE\s+CASCADE)\s*,",
        r"organisation_id INTEGER \1,\n"
        "            person_id INTEGER REFERENCES people (id) ON DELETE CASCADE,",
        create_sql,
    )
    with_person, unique = re.subn(
        r"UNIQUE\s*\(\s*statement_id\s*,\s*organisation_id\s*\)",
        "UNIQUE (statement_id, organisation_id),\n"
        "            UNIQUE (statement_id, person_id),\n"
        "            CHECK ((organisation_id IS NULL) <> (person_id IS NULL))",
        with_person,
    )
    if found != 1 or unique != 1:
        raise ValueError("signons: the organisation column is not as expected")
    return with_person


def rebuild_table(db: Database, table: str, new_definition: Callable[[str], str]) -> None:
    """Rebuild ``table`` from ``new_definition(its CREATE TABLE statement)``, keeping
    every row and id, its indexes and triggers, and its place in ``sqlite_sequence``.

    SQLite cannot change a column's constraints in place. Foreign keys must be off
    (see ``db.migrate``): dropping the old table would otherwise reach the rows that
    refer to it.
    """
    create_sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
    ).fetchone()[0]
    rebuilt = f"{table}_rebuilt"
    new_sql = re.sub(
        r'^\s*CREATE\s+TABLE\s+("?)' + re.escape(table) + r"\1",
        f"CREATE TABLE {rebuilt}",
        new_definition(create_sql),
    )
    dependents = [
        row[0]
        for row in db.execute(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND tbl_name = ? AND sql IS NOT NULL ORDER BY type",
            [table],
        )
    ]
    sequence = (
        db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", [table]).fetchone()
        if _has_sequence_table(db)
        else None
    )
    columns = ", ".join(f'"{row[1]}"' for row in db.execute(f"PRAGMA table_info({table})"))
    db.execute(new_sql)
    db.execute(f"INSERT INTO {rebuilt} ({columns}) SELECT {columns} FROM {table}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {rebuilt} RENAME TO {table}")
    for sql in dependents:
        db.execute(sql)
    if sequence is not None:
        db.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", [sequence[0], table]
        )


def _has_sequence_table(db: Database) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        ).fetchone()
        is not None
    )


MIGRATION_STEPS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_import_memory,
    m003_local_name_order,
    m004_confirmations_per_version,
    m005_review_queue,
    m006_ids_never_reused,
    m007_people,
)
SCHEMA_VERSION = len(MIGRATION_STEPS)


def migration_set(steps: Sequence[Callable[[Database], None]] = MIGRATION_STEPS) -> Migrations:
    """The sqlite-utils migration set for ``steps``, in order."""
    migrations = Migrations("signapp")
    for step in steps:
        migrations(name=step.__name__)(step)
    return migrations
