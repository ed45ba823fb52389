"""Erasing a person leaves none of their details anywhere in the files, and nobody else's
goes with them."""

from __future__ import annotations

from pathlib import Path

from signapp.core import backups, people, signons, statements
from signapp.core.backups import BackupKind
from signapp.core.db import check_database, close_database, open_database
from signapp.core.erase import PERSON_PLACEHOLDER_NAME, erase_person, person_erasure_plan
from signapp.intake.run import intake_mail
from tests.cli.test_cli import Cli
from tests.intake.mail import message, write_mbox
from tests.safety.erase_scan import files_holding

ERASED = ("Thiri Aung", "သီရိအောင်", "Researcher, Yangon", "thiri.aung@example.net", "959 250 123")


def _fill(db_path: Path, tmp_path: Path) -> tuple[int, int, int]:
    db = open_database(db_path)
    statement_id = statements.create_issued_statement(db, "Open letter on detentions", "We ...")
    thiri = people.add_person(
        db,
        "Thiri Aung",
        local_name="သီရိအောင်",
        affiliation="Researcher, Yangon",
        country="MM",
        email="thiri.aung@example.net",
        phone="+95 9 250 123 456",
    )
    other = people.add_person(db, "Dara Sok", affiliation="Lawyer")
    signons.record_person_signon(db, statement_id, thiri, is_public=False)
    signons.record_person_signon(db, statement_id, other)
    mbox = write_mbox(
        tmp_path / "replies.mbox",
        [message("Thiri Aung <thiri.aung@example.net>", "I sign, call me on 959 250 123.")],
    )
    intake_mail(db, mbox, statement_id)
    people.update_person(db, thiri, {"affiliation": "Researcher, Yangon"})
    backups.make_backup(db, BackupKind.MANUAL)
    close_database(db)
    return statement_id, thiri, other


def test_erasing_a_person_clears_them_from_the_database_and_every_backup(
    db_path: Path, tmp_path: Path
) -> None:
    statement_id, thiri, other = _fill(db_path, tmp_path)
    assert files_holding(db_path, ERASED)
    db = open_database(db_path)
    plan = person_erasure_plan(db, thiri)
    assert (plan.kind, plan.name, plan.signons, plan.replies) == ("person", "Thiri Aung", 1, 1)
    assert plan.backups >= 1
    assert plan.describe()[0].startswith(f"person {thiri} 'Thiri Aung'")
    report = erase_person(db, thiri, keep_anonymous_count=True)
    assert report.signons_kept_anonymous == 1 and len(report.backups_cleaned) == plan.backups
    assert files_holding(db_path, ERASED) == {}
    assert people.get_person(db, thiri).name == PERSON_PLACEHOLDER_NAME
    published = signons.public_people(db, statement_id)
    assert published.anonymous_count == 1
    assert [p.printed_name for p in published.listed] == ["Dara Sok"]
    assert people.get_person(db, other).affiliation == "Lawyer"
    assert check_database(db) == []
    close_database(db)


def test_erase_person_on_the_command_line_says_first_what_goes(
    tmp_path: Path,
) -> None:
    cli = Cli(tmp_path / "cli.sqlite")
    _statement, thiri, _other = _fill(tmp_path / "cli.sqlite", tmp_path)
    asked = cli.run("erase-person", str(thiri), expect=1)
    assert "would erase person" in asked.stdout and "Thiri Aung" in asked.stdout
    assert "1 email reply" in asked.stdout and "nothing was erased" in asked.stdout
    done = cli.run("erase-person", str(thiri), "--yes")
    assert done.stdout.startswith(f"erased person {thiri} (Thiri Aung)")
    assert files_holding(tmp_path / "cli.sqlite", ERASED) == {}
    assert "Thiri" not in cli.run("person", "list").stdout
