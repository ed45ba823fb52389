"""The ``person`` commands of the command line: people who sign in their own name."""

from __future__ import annotations

import argparse
from typing import TypeVar

from sqlite_utils import Database

from signapp.cli.output import one_line
from signapp.core import people
from signapp.i18n import _

ParserT = TypeVar("ParserT", bound=argparse.ArgumentParser)


def register(commands: argparse._SubParsersAction[ParserT]) -> None:
    """Add ``person add``, ``person list`` and ``person merge``."""
    person = commands.add_parser("person", help=_("people who sign in their own name"))
    actions = person.add_subparsers(dest="person_action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help=_("add a person; prints the id last"))
    add.add_argument("--name", required=True, help=_("the name as it should be printed"))
    add.add_argument("--own-script-name", help=_("the name in the person's own script"))
    add.add_argument(
        "--affiliation", help=_('as the person writes it, e.g. "Professor, Royal University"')
    )
    add.add_argument("--country", help=_("ISO code or English name"))
    add.add_argument("--email", help=_("private: never printed"))
    add.add_argument("--phone", help=_("private: never printed"))
    add.set_defaults(handler=handle_add)
    listing = actions.add_parser(
        "list", help=_("id, name, own-script name, affiliation, country (tab-separated)")
    )
    listing.add_argument("--search", help=_("words of a name, affiliation, country or email"))
    listing.set_defaults(handler=handle_list)
    merge = actions.add_parser("merge", help=_("fold a duplicate record into the one kept"))
    merge.add_argument("keep", type=int)
    merge.add_argument("drop", type=int)
    merge.set_defaults(handler=handle_merge)


def handle_add(args: argparse.Namespace, db: Database) -> int:
    person_id = people.add_person(
        db,
        args.name,
        local_name=args.own_script_name,
        affiliation=args.affiliation,
        country=args.country,
        email=args.email,
        phone=args.phone,
    )
    print(person_id)
    return 0


def handle_list(args: argparse.Namespace, db: Database) -> int:
    for person in people.list_people(db, args.search):
        print(
            "\t".join(
                (
                    str(person.id),
                    one_line(person.name),
                    one_line(person.local_name),
                    one_line(person.affiliation),
                    person.country or "",
                )
            )
        )
    return 0


def handle_merge(args: argparse.Namespace, db: Database) -> int:
    kept = people.get_person(db, args.keep)
    people.merge_people(db, args.keep, args.drop)
    print(
        _("merged person {dropped} into {kept} ({name})").format(
            dropped=args.drop, kept=args.keep, name=one_line(kept.name)
        )
    )
    return 0
