"""The command line: a thin shell over :mod:`signapp.core` for batch work and checks.

Every command prints its result on stdout; errors are one line on stderr with exit code
2 for bad input, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from signapp import __version__
from signapp.cli import (
    export_commands,
    import_commands,
    intake_commands,
    people_commands,
    safety_commands,
)
from signapp.cli.output import one_line
from signapp.core import contacts, organisations, signons, statements
from signapp.core.db import (
    DATABASE_ERRORS,
    check_database,
    close_database,
    database_path,
    default_database_path,
    open_database,
    read_only_error,
)
from signapp.core.errors import DatabaseOpenError, SignappError, WrongPassphrase
from signapp.core.fields import SignOnDetails
from signapp.core.languages import clean_language_code
from signapp.core.model import SignOnStatus
from signapp.core.stale_translations import version_stale_translations
from signapp.i18n import _, ngettext

log = logging.getLogger("signapp.cli")

EXIT_BAD_INPUT = 2
EXIT_PROBLEM_FOUND = 1
EXIT_INTERNAL_ERROR = 70
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command ended by SIGPIPE

Handler = Callable[[argparse.Namespace, Database], int]


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line and exit code 2, like every other bad input."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            EXIT_BAD_INPUT, _("signapp: {message} (see --help)").format(message=message) + "\n"
        )


def _read_text_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SignappError(_("{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError:
        raise SignappError(
            _("{path}: not UTF-8 text; save it as UTF-8 and try again").format(path=path)
        ) from None
    except OSError as error:
        raise SignappError(
            _("{path}: cannot be read ({strerror})").format(path=path, strerror=error.strerror)
        ) from None


def _cmd_init(args: argparse.Namespace, db: Database) -> int:
    print(database_path(db))
    return 0


def _cmd_check(args: argparse.Namespace, db: Database) -> int:
    problems = check_database(db)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_PROBLEM_FOUND
    print(f"ok: {database_path(db)}")
    return 0


def _cmd_statement_add(args: argparse.Namespace, db: Database) -> int:
    text = _read_text_file(args.text_file)
    statement_id = statements.create_issued_statement(
        db, args.title, text, language=args.language, deadline=args.deadline
    )
    print(statement_id)
    return 0


def _cmd_statement_revise(args: argparse.Namespace, db: Database) -> int:
    text = _read_text_file(args.text_file)
    kind = "editorial" if args.editorial else "substantive"
    number = statements.revise_statement(
        db, args.id, text, language=args.language, kind=kind, note=args.note
    )
    print(number)
    stale = version_stale_translations(db, args.id, number)
    if stale is not None:
        print(_("signapp: warning: {message}").format(message=stale.message()), file=sys.stderr)
    return 0


def _cmd_statement_translate(args: argparse.Namespace, db: Database) -> int:
    text = _read_text_file(args.text_file)
    number = statements.add_translation(
        db, args.id, args.language, text, version_number=args.version
    )
    print(
        _("added {language} to version {number}").format(
            language=clean_language_code(args.language), number=number
        )
    )
    return 0


def _cmd_statement_list(args: argparse.Namespace, db: Database) -> int:
    for summary in statements.list_statements(db):
        statement = summary.statement
        counts = " ".join(f"{status.value}={summary.counts[status]}" for status in SignOnStatus)
        version = f"v{summary.latest_version}" if summary.latest_version else "no version"
        print(
            f"{statement.id}\t{statement.title}\t{statement.status.value}\t{version}\t{counts}"
            f"\tneeds-reconfirmation={summary.needs_reconfirmation}"
        )
    return 0


def _cmd_statement_status(args: argparse.Namespace, db: Database) -> int:
    statement = statements.set_statement_status(db, args.id, args.status)
    print(_("statement {id} is {status}").format(id=statement.id, status=statement.status.label))
    return 0


def _cmd_org_add(args: argparse.Namespace, db: Database) -> int:
    same = organisations.organisations_named(db, args.name)
    org_id = organisations.add_organisation(
        db,
        args.name,
        local_name=args.local_name,
        acronym=args.acronym,
        kind=args.kind,
        country=args.country,
        website=args.website,
    )
    print(org_id)
    if same:
        ids = ", ".join(str(other) for other in same)
        print(
            _(
                "note: the directory already has an organisation of that name (id {ids}); "
                "if it is the same, merge them in the app"
            ).format(ids=ids),
            file=sys.stderr,
        )
    return 0


def _contacts_and_signons(impact: organisations.DeletionImpact) -> str:
    contacts_text = ngettext("{count:,} contact", "{count:,} contacts", impact.contacts)
    signons_text = ngettext("{count:,} sign-on", "{count:,} sign-ons", impact.signons)
    return _("{contacts} and {signons}").format(
        contacts=contacts_text.format(count=impact.contacts),
        signons=signons_text.format(count=impact.signons),
    )


def _cmd_org_merge(args: argparse.Namespace, db: Database) -> int:
    if args.keep == args.drop:
        raise SignappError(_("an organisation cannot be merged with itself; give two ids"))
    keep = organisations.get_organisation(db, args.keep)
    drop = organisations.get_organisation(db, args.drop)
    moving = organisations.deletion_impact(db, drop.id)
    what = _(
        "organisation {dropped} ({dropped_name}) into {kept} ({kept_name}): its "
        "{contacts_and_signons} move to {kept}"
    ).format(
        dropped=drop.id,
        dropped_name=drop.name,
        kept=keep.id,
        kept_name=keep.name,
        contacts_and_signons=_contacts_and_signons(moving),
    )
    if not args.yes:
        print(
            _("would merge {what}; details {kept} lacks are filled in from {dropped}.").format(
                what=what, kept=keep.id, dropped=drop.id
            )
        )
        print(
            _(
                "Where both answered the same statement, the stronger answer and the more "
                "private listing choice are kept."
            )
        )
        print(_("nothing was merged; add --yes to merge"))
        return safety_commands.EXIT_NOT_CONFIRMED
    organisations.merge_organisations(db, keep.id, drop.id)
    print(_("merged {what}").format(what=what))
    return 0


def _cmd_org_delete(args: argparse.Namespace, db: Database) -> int:
    organisation = organisations.get_organisation(db, args.id)
    impact = organisations.deletion_impact(db, organisation.id)
    what = _("organisation {id} ({name}) with its {contacts_and_signons}").format(
        id=organisation.id,
        name=organisation.name,
        contacts_and_signons=_contacts_and_signons(impact),
    )
    if not args.yes:
        print(_("would delete {what}").format(what=what))
        print(_("nothing was deleted; add --yes to delete"))
        return safety_commands.EXIT_NOT_CONFIRMED
    organisations.delete_organisation(db, organisation.id)
    print(_("deleted {what}").format(what=what))
    print(
        _(
            "note: the audit log and the backups still hold it; erase-org {id} removes it "
            "from them too"
        ).format(id=organisation.id),
        file=sys.stderr,
    )
    return 0


def _cmd_org_list(args: argparse.Namespace, db: Database) -> int:
    rows = organisations.list_organisations(
        db, search=args.search, country=args.country, kind=args.kind
    )
    for row in rows:
        fields = [str(row.id), row.name, row.local_name or "", row.acronym or "", row.country or ""]
        print("\t".join(one_line(field) for field in fields))
    return 0


def _cmd_contact_add(args: argparse.Namespace, db: Database) -> int:
    contact_id = contacts.add_contact(
        db,
        args.org,
        args.name,
        role=args.role,
        email=args.email,
        phone=args.phone,
        is_primary=args.primary,
    )
    print(contact_id)
    return 0


def _cmd_sign(args: argparse.Namespace, db: Database) -> int:
    fields: SignOnDetails = {}
    if args.anonymous:
        fields["is_public"] = False
    if args.public:
        fields["is_public"] = True
    if args.contact is not None:
        fields["authorised_by"] = args.contact
    if args.printed_name is not None:
        fields["printed_name"] = args.printed_name
    if args.channel is not None:
        fields["channel"] = args.channel
    if args.received_at is not None:
        fields["received_at"] = args.received_at
    if args.notes is not None:
        fields["notes"] = args.notes
    if args.version is not None:
        fields["version_number"] = args.version
    if args.person is not None:
        if "authorised_by" in fields:
            raise SignappError(
                _("--contact is for an organisation's sign-on; a person signs alone")
            )
        signon_id = signons.record_person_signon(
            db, args.id, args.person, status=args.status, **fields
        )
    else:
        signon_id = signons.record_signon(db, args.id, args.org, status=args.status, **fields)
    signon = signons.get_signon(db, signon_id)
    # The version a confirmation is for; declining declines the statement as a whole.
    confirmed = signon.status is SignOnStatus.CONFIRMED and signon.version_number
    print(
        _("sign-on {id}: {status} on version {number}").format(
            id=signon_id, status=signon.status.label, number=signon.version_number
        )
        if confirmed
        else _("sign-on {id}: {status}").format(id=signon_id, status=signon.status.label)
    )
    note = signons.closed_statement_note(db, args.id)
    if note:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    return 0


def _cmd_signatories(args: argparse.Namespace, db: Database) -> int:
    statements.get_statement(db, args.id)
    for row in signons.list_signons(db, args.id):
        signon = row.signon
        parts = [
            str(signon.organisation_id),
            one_line(row.display_name),
            signon.status.value,
            f"v{signon.version_number}" if signon.version_number else "-",
            "listed" if signon.is_public else "anonymous",
        ]
        if row.needs_reconfirmation:
            parts.append("needs reconfirmation")
        print("\t".join([*parts, "organisation"]))
    for person in signons.list_person_signons(db, args.id):
        parts = [
            str(person.person_id),
            one_line(person.display_name),
            person.status.value,
            f"v{person.version_number}" if person.version_number else "-",
            "listed" if person.is_public else "anonymous",
        ]
        if person.needs_reconfirmation:
            parts.append("needs reconfirmation")
        print("\t".join([*parts, "person"]))
    return 0


def _add_statement_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    statement = commands.add_parser("statement", help=_("statements and their versions"))
    actions = statement.add_subparsers(dest="action", required=True, parser_class=_Parser)

    add = actions.add_parser("add", help=_("create a statement with version 1 issued"))
    add.add_argument("--title", required=True)
    add.add_argument("--text-file", required=True, help=_("Markdown text of version 1"))
    add.add_argument("--language", default="en")
    add.add_argument("--deadline", help=_("sign-on deadline, YYYY-MM-DD"))
    add.set_defaults(handler=_cmd_statement_add)

    revise = actions.add_parser("revise", help=_("issue the next version"))
    revise.add_argument("id", type=int)
    revise.add_argument("--text-file", required=True)
    revise.add_argument("--language", default="en")
    kind = revise.add_mutually_exclusive_group(required=True)
    kind.add_argument("--editorial", action="store_true", help=_("typos; signatures carry over"))
    kind.add_argument(
        "--substantive", action="store_true", help=_("earlier confirmations must be renewed")
    )
    revise.add_argument("--note", help=_("what changed"))
    revise.set_defaults(handler=_cmd_statement_revise)

    translate = actions.add_parser("translate", help=_("add the text in another language"))
    translate.add_argument("id", type=int)
    translate.add_argument("--language", required=True)
    translate.add_argument("--text-file", required=True)
    translate.add_argument("--version", type=int, help=_("version number (default: latest)"))
    translate.set_defaults(handler=_cmd_statement_translate)

    listing = actions.add_parser("list", help=_("statements with sign-on counts"))
    listing.set_defaults(handler=_cmd_statement_list)

    status = actions.add_parser("status", help=_("change a statement's status"))
    status.add_argument("id", type=int)
    status.add_argument("status", choices=["drafting", "collecting", "closed", "published"])
    status.set_defaults(handler=_cmd_statement_status)


def _add_directory_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    org = commands.add_parser("org", help=_("organisations"))
    actions = org.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = actions.add_parser("add", help=_("add an organisation; prints its id"))
    add.add_argument("--name", required=True)
    add.add_argument("--acronym")
    add.add_argument("--country", help=_("ISO 3166 code or English name"))
    add.add_argument("--local-name", help=_("the name in its own script"))
    add.add_argument("--kind", default="other")
    add.add_argument("--website")
    add.set_defaults(handler=_cmd_org_add)
    listing = actions.add_parser("list", help=_("id, name, own-script name, acronym, country"))
    listing.add_argument("--search")
    listing.add_argument("--country")
    listing.add_argument("--kind")
    listing.set_defaults(handler=_cmd_org_list)
    merge = actions.add_parser(
        "merge", help=_("fold organisation DROP into KEEP (without --yes: only say what)")
    )
    merge.add_argument("keep", type=int, metavar="KEEP")
    merge.add_argument("drop", type=int, metavar="DROP")
    merge.add_argument("--yes", action="store_true", help=_("really merge"))
    merge.set_defaults(handler=_cmd_org_merge)
    delete = actions.add_parser(
        "delete", help=_("delete an organisation with its contacts and sign-ons")
    )
    delete.add_argument("id", type=int)
    delete.add_argument(
        "--yes", action="store_true", help=_("really delete (without: only say what)")
    )
    delete.set_defaults(handler=_cmd_org_delete)

    contact = commands.add_parser("contact", help=_("contacts of organisations"))
    contact_actions = contact.add_subparsers(dest="action", required=True, parser_class=_Parser)
    contact_add = contact_actions.add_parser("add", help=_("add a contact; prints its id"))
    contact_add.add_argument("--org", type=int, required=True)
    contact_add.add_argument("--name", required=True)
    contact_add.add_argument("--role")
    contact_add.add_argument("--email")
    contact_add.add_argument("--phone")
    contact_add.add_argument("--primary", action="store_true")
    contact_add.set_defaults(handler=_cmd_contact_add)


def _add_signon_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    sign = commands.add_parser("sign", help=_("record or update a sign-on"))
    sign.add_argument("id", type=int, help=_("statement id"))
    who = sign.add_mutually_exclusive_group(required=True)
    who.add_argument("--org", type=int, help=_("organisation id"))
    who.add_argument("--person", type=int, help=_("person id (signing in their own name)"))
    sign.add_argument("--status", default="confirmed", choices=[s.value for s in SignOnStatus])
    listing = sign.add_mutually_exclusive_group()
    listing.add_argument("--anonymous", action="store_true", help=_("count, but never name"))
    listing.add_argument("--public", action="store_true", help=_("may be listed by name"))
    sign.add_argument("--contact", type=int, help=_("id of the contact who authorised it"))
    sign.add_argument("--printed-name", help=_("name to print if not the organisation's"))
    sign.add_argument("--channel", choices=["email", "form", "phone", "meeting", "other"])
    sign.add_argument("--received-at", help=_("when the answer came, ISO date"))
    sign.add_argument("--notes")
    sign.add_argument("--version", type=int, help=_("version confirmed (default: latest)"))
    sign.set_defaults(handler=_cmd_sign)

    signatories = commands.add_parser(
        "signatories",
        help=_("the sign-ons of a statement; the last column says organisation or person"),
    )
    signatories.add_argument("id", type=int)
    signatories.set_defaults(handler=_cmd_signatories)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="signapp", description=_("Coordinate joint statements and sign-ons."))
    parser.add_argument("--version", action="version", version=f"signapp {__version__}")
    parser.add_argument("--db", help=_("database file (default: in your user data folder)"))
    safety_commands.add_global_options(parser)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("init", help=_("create or upgrade the database")).set_defaults(
        handler=_cmd_init
    )
    commands.add_parser(
        "check", help=_("integrity check; non-zero exit on a problem")
    ).set_defaults(handler=_cmd_check)
    _add_statement_commands(commands)
    _add_directory_commands(commands)
    _add_signon_commands(commands)
    export_commands.register(commands)
    import_commands.register(commands)
    people_commands.register(commands)
    intake_commands.register(commands)
    safety_commands.register(commands)
    return parser


def _opens_without_database(error: SignappError) -> bool:
    """Whether a command that can work on a file that does not open may go on: not
    when the passphrase is missing or wrong, which would let it replace a sound file."""
    return isinstance(error, DatabaseOpenError) and not isinstance(error, WrongPassphrase)


def _run_without_database(
    handler: Callable[[argparse.Namespace, Path], int], args: argparse.Namespace
) -> int:
    """Run the form of a command (``backups``, ``restore``) that takes the database's
    path, for a database that does not open."""
    db_path = Path(args.db) if args.db else default_database_path()
    try:
        return handler(args, db_path)
    except SignappError as error:
        print(f"signapp: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("SIGNAPP_LOG", "WARNING"))
    try:
        db = open_database(
            args.db,
            passphrase=safety_commands.passphrase_from(args),
            create=args.handler is _cmd_init,
        )
    except SignappError as error:
        without_database = getattr(args, "without_database", None)
        if without_database is not None and _opens_without_database(error):
            return _run_without_database(without_database, args)
        print(f"signapp: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        handler: Handler = args.handler
        status = handler(args, db)
        sys.stdout.flush()  # here, so that a reader gone early is handled below
        return status
    except BrokenPipeError:
        # The reader stopped early (``| head``), as a pipe allows: end quietly, as
        # command-line tools do, without a second error when Python flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except SignappError as error:
        print(f"signapp: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(_("signapp: interrupted; nothing half-written was kept"), file=sys.stderr)
        return 130
    except DATABASE_ERRORS as error:
        if "readonly database" not in str(error):
            return _internal_error(error)
        print(f"signapp: {read_only_error(db).message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug: say so in one line, keep the details in the log
        return _internal_error(error)
    finally:
        close_database(db)


def _internal_error(error: Exception) -> int:
    """A bug: said in one line, the details kept in the log."""
    log.debug("unexpected error", exc_info=(type(error), error, error.__traceback__))
    print(
        _(
            "signapp: internal error ({kind}: {error}); run with SIGNAPP_LOG=DEBUG for details"
        ).format(kind=type(error).__name__, error=error),
        file=sys.stderr,
    )
    return EXIT_INTERNAL_ERROR
