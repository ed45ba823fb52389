"""The schema, as ordered migrations.

The number of migrations applied is also written to ``PRAGMA user_version``: it is the
schema generation, so a file written by a newer signapp can be recognised and refused.
Add new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

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


def m004_review_queue(db: Database) -> None:
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


MIGRATION_STEPS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_import_memory,
    m003_local_name_order,
    m004_review_queue,
)
SCHEMA_VERSION = len(MIGRATION_STEPS)


def migration_set(steps: Sequence[Callable[[Database], None]] = MIGRATION_STEPS) -> Migrations:
    """The sqlite-utils migration set for ``steps``, in order."""
    migrations = Migrations("signapp")
    for step in steps:
        migrations(name=step.__name__)(step)
    return migrations
