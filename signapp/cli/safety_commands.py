"""Command-line commands that keep the data safe: backups, passphrase, erasure.

:func:`register` adds them to the ``signapp`` command. ``backups`` and ``restore``
also work on a database that does not open (damaged, missing, of another program):
that is when they are needed; their ``without_database`` handler takes its path.
:func:`passphrase_from` gives the passphrase that opens a protected database
(``--passphrase-file`` or the ``SIGNAPP_PASSPHRASE`` variable).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from signapp.core import backups, encryption, erase
from signapp.core.db import backup_database, database_path, is_encrypted
from signapp.core.errors import SignappError, field_name
from signapp.i18n import _, ngettext

PASSPHRASE_VARIABLE = "SIGNAPP_PASSPHRASE"
EXIT_NOT_CONFIRMED = 1


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options every command needs to open a protected database."""
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=_("file holding the passphrase of a protected database (or set {variable})").format(
            variable=PASSPHRASE_VARIABLE
        ),
    )


def read_passphrase_file(path: str | Path) -> str:
    """The passphrase in ``path``: its text without the final line break."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SignappError(_("{path}: no such passphrase file").format(path=path)) from None
    except UnicodeDecodeError:
        raise SignappError(
            _("{path}: the passphrase file is not UTF-8 text").format(path=path)
        ) from None
    except OSError as error:
        raise SignappError(
            _("{path}: cannot be read ({strerror})").format(path=path, strerror=error.strerror)
        ) from None
    passphrase = text.removesuffix("\n").removesuffix("\r")
    if not passphrase:
        raise SignappError(_("{path}: the passphrase file is empty").format(path=path))
    return passphrase


def passphrase_from(
    args_or_env: argparse.Namespace | Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """The passphrase given on the command line, else in the environment, else None.

    Args:
        args_or_env: parsed arguments (``passphrase_file``), or an environment mapping.
        environ: the environment to read ``SIGNAPP_PASSPHRASE`` from; ``os.environ``
            unless given (or passed as ``args_or_env``).
    """
    if isinstance(args_or_env, argparse.Namespace):
        path = getattr(args_or_env, "passphrase_file", None)
        if path:
            return read_passphrase_file(path)
    elif args_or_env is not None:
        environ = args_or_env
    value = (os.environ if environ is None else environ).get(PASSPHRASE_VARIABLE)
    return value or None


def _db_file(db: Database) -> Path:
    path = database_path(db)
    if path is None:
        raise SignappError(_("This command needs a database file"))
    return path


def _describe_counts(counts: backups.BackupCounts) -> str:
    return (
        f"organisations={counts.organisations} contacts={counts.contacts} "
        f"statements={counts.statements} sign-ons={counts.signons}"
    )


def _cmd_backup(args: argparse.Namespace, db: Database) -> int:
    if args.out:
        target = Path(args.out)
        if target.exists() and target.resolve() == _db_file(db).resolve():
            raise SignappError(
                _("{target} is the database itself; choose another file").format(target=target)
            )
        written = backup_database(db, target)
    else:
        written = backups.make_backup(db, backups.BackupKind.MANUAL)
    if is_encrypted(db):
        print(_("{path} (protected with the database's passphrase)").format(path=written))
    else:
        print(written)
    return 0


def _cmd_backups(args: argparse.Namespace, db: Database) -> int:
    return _list_backups(args, _db_file(db))


def _list_backups(args: argparse.Namespace, db_path: Path) -> int:
    for info in backups.list_backups(db_path, passphrase_from(args)):
        described = _describe_counts(info.counts) if info.counts else f"unreadable: {info.problem}"
        print(
            f"{info.created_at:%Y-%m-%d %H:%M}\t{info.kind.value}\t{info.size_bytes}"
            f"\t{described}\t{info.path}"
        )
    return 0


def _cmd_restore(args: argparse.Namespace, db: Database) -> int:
    source = Path(args.file)
    counts = backups.read_counts(source, passphrase_from(args))
    saved = backups.restore_backup(db, source, passphrase=passphrase_from(args))
    print(_("restored {source} ({counts})").format(source=source, counts=_describe_counts(counts)))
    print(_("the previous contents were saved as {path}").format(path=saved))
    return 0


def _restore_in_place(args: argparse.Namespace, db_path: Path) -> int:
    source = Path(args.file)
    counts = backups.read_counts(source, passphrase_from(args))
    aside = backups.restore_in_place_of(db_path, source, passphrase=passphrase_from(args))
    print(_("restored {source} ({counts})").format(source=source, counts=_describe_counts(counts)))
    if aside is not None:
        print(_("the file that did not open was moved to {path}").format(path=aside))
    return 0


def _report_rewrite(change: encryption.ProtectionChange) -> None:
    rewritten = len(change.backups_rewritten)
    if change.protected:
        text = _("{path} is protected with the new passphrase; {count} backups rewritten")
    else:
        text = _("{path} is no longer protected; {count} backups rewritten")
    print(text.format(path=change.database, count=rewritten))
    for backup in change.backups_not_opened:
        print(
            _("warning: backup {path} did not open with the old passphrase; left as it was").format(
                path=backup
            )
        )


def _cmd_protect(args: argparse.Namespace, db: Database) -> int:
    path = _db_file(db)
    new_passphrase = read_passphrase_file(args.new_passphrase_file)
    db.close()  # the file is rewritten and renamed: this connection must not hold it
    _report_rewrite(
        encryption.protect_database(path, new_passphrase, current=passphrase_from(args))
    )
    return 0


def _cmd_unprotect(args: argparse.Namespace, db: Database) -> int:
    path = _db_file(db)
    if not is_encrypted(db):
        raise SignappError(
            _("{path} is not protected with a passphrase; nothing to remove").format(path=path)
        )
    current = passphrase_from(args)
    if current is None:
        raise SignappError(_("give the current passphrase with --passphrase-file"))
    db.close()
    _report_rewrite(encryption.unprotect_database(path, current))
    return 0


def _cmd_erase_org(args: argparse.Namespace, db: Database) -> int:
    return _erase(args, db, erase.erasure_plan(db, args.id), erase.erase_organisation)


def _cmd_erase_person(args: argparse.Namespace, db: Database) -> int:
    return _erase(args, db, erase.person_erasure_plan(db, args.id), erase.erase_person)


def _erase(
    args: argparse.Namespace,
    db: Database,
    plan: erase.ErasurePlan,
    erase_record: Callable[..., erase.ErasureReport],
) -> int:
    keep = args.keep_anonymous_count
    signons = ngettext("{count:,} sign-on", "{count:,} sign-ons", plan.signons).format(
        count=plan.signons
    )
    if keep:
        signons = _("{signons} kept only as an anonymous count").format(signons=signons)
    parts = []
    if plan.kind == "organisation":
        parts.append(
            ngettext("{count:,} contact", "{count:,} contacts", plan.contacts).format(
                count=plan.contacts
            )
        )
    parts.append(_("its {signons}").format(signons=signons))
    if plan.replies:
        parts.append(
            ngettext("{count:,} email reply", "{count:,} email replies", plan.replies).format(
                count=plan.replies
            )
        )
    parts.append(
        ngettext(
            "{count:,} audit log entry", "{count:,} audit log entries", plan.audit_entries
        ).format(count=plan.audit_entries)
    )
    summary = _("{kind} {id} ({name}): {parts}, in the database and its {backups}").format(
        kind=field_name(plan.kind),
        id=plan.record_id,
        name=plan.name,
        parts=", ".join(parts),
        backups=ngettext("{count:,} backup", "{count:,} backups", plan.backups).format(
            count=plan.backups
        ),
    )
    if not args.yes:
        print(_("would erase {summary}:").format(summary=summary))
        for line in plan.describe():
            print(f"  {line}")
        _warn_of_files_set_aside(plan)
        print(_("nothing was erased; add --yes to erase (this cannot be undone)"))
        return EXIT_NOT_CONFIRMED
    report = erase_record(db, args.id, keep_anonymous_count=keep, passphrase=passphrase_from(args))
    print(_("erased {summary}").format(summary=summary))
    for removed in report.backups_removed:
        print(_("deleted backup {path}: it could not be cleaned").format(path=removed))
    for removed in report.partial_copies_removed:
        print(_("removed half-written copy {path}").format(path=removed))
    _warn_of_files_set_aside(plan)
    return 0


def _warn_of_files_set_aside(plan: erase.ErasurePlan) -> None:
    for aside in plan.files_set_aside:
        print(
            _(
                "warning: {path} (set aside by a restore because it did not open) is not "
                "cleaned; delete it if it may hold this {kind}"
            ).format(path=aside, kind=field_name(plan.kind)),
            file=sys.stderr,
        )


def register(commands: argparse._SubParsersAction[Any]) -> None:
    """Add the backup, restore, passphrase and erasure commands."""
    backup = commands.add_parser("backup", help=_("copy the database now (backups folder or FILE)"))
    backup.add_argument("--out", metavar="FILE", help=_("write the copy to FILE instead"))
    backup.set_defaults(handler=_cmd_backup)

    listing = commands.add_parser("backups", help=_("list backups: date, kind, size, counts"))
    listing.set_defaults(handler=_cmd_backups, without_database=_list_backups)

    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup (the current state is saved first)")
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=_cmd_restore, without_database=_restore_in_place)

    protect = commands.add_parser(
        "protect", help=_("encrypt the database with a passphrase, or change the passphrase")
    )
    protect.add_argument("--new-passphrase-file", metavar="FILE", required=True)
    protect.set_defaults(handler=_cmd_protect)

    unprotect = commands.add_parser("unprotect", help=_("remove the passphrase (decrypt)"))
    unprotect.set_defaults(handler=_cmd_unprotect)

    erase_org = commands.add_parser(
        "erase-org", help=_("erase an organisation's contacts and personal data everywhere")
    )
    erase_org.add_argument("id", type=int, help=_("organisation id"))
    erase_org.add_argument(
        "--keep-anonymous-count",
        action="store_true",
        help=_("keep its sign-ons as an anonymous count, naming nothing"),
    )
    erase_org.add_argument(
        "--yes", action="store_true", help=_("really erase (without: only say what)")
    )
    erase_org.set_defaults(handler=_cmd_erase_org)
    erase_person = commands.add_parser(
        "erase-person", help=_("erase a person's record, details and replies everywhere")
    )
    erase_person.add_argument("id", type=int, help=_("person id"))
    erase_person.add_argument(
        "--keep-anonymous-count",
        action="store_true",
        help=_("keep their sign-ons as an anonymous count, naming nothing"),
    )
    erase_person.add_argument(
        "--yes", action="store_true", help=_("really erase (without: only say what)")
    )
    erase_person.set_defaults(handler=_cmd_erase_person)
