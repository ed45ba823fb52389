"""The command line forms, run end to end as subprocesses on a temporary database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from signapp.core.db import open_database

REPO_ROOT = Path(__file__).resolve().parents[2]


class Cli:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def run(self, *args: str, expect: int = 0) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, "-m", "signapp", "--db", str(self.db_path), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=60,
        )
        assert result.returncode == expect, (result.stdout, result.stderr)
        return result

    def last_line(self, *args: str) -> str:
        return self.run(*args).stdout.strip().splitlines()[-1]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """A command line on a database made beforehand (only ``init`` creates one)."""
    open_database(tmp_path / "cli.sqlite", daily_backup=False).close()
    return Cli(tmp_path / "cli.sqlite")


def test_full_workflow_through_the_command_line(cli: Cli, tmp_path: Path) -> None:
    assert cli.last_line("init") == str(cli.db_path)
    text = tmp_path / "v1.md"
    text.write_text("# Stop the harassment\n\nWe call for the charges to be dropped.\n", "utf-8")
    khmer = tmp_path / "km.md"
    khmer.write_text("# បញ្ឈប់ការយាយី\n", "utf-8")

    statement = cli.last_line(
        "statement", "add", "--title", "Stop the harassment", "--text-file", str(text)
    )
    assert statement.isdigit()
    cli.run("statement", "translate", statement, "--language", "km", "--text-file", str(khmer))

    named = cli.last_line(
        "org",
        "add",
        "--name",
        "Women & Children <Rights> Org",
        "--acronym",
        "WCRO",
        "--country",
        "KH",
        "--local-name",
        "អង្គការសិទ្ធិស្ត្រី និងកុមារ",
        "--kind",
        "local_ngo",
    )
    hidden = cli.last_line("org", "add", "--name", "Quiet Union", "--country", "TH")
    contact = cli.last_line(
        "contact",
        "add",
        "--org",
        named,
        "--name",
        "Sok Dara",
        "--email",
        "dara@example.org",
        "--phone",
        "+855 12 345 678",
        "--primary",
    )
    cli.run("sign", statement, "--org", named, "--contact", contact)
    cli.run("sign", statement, "--org", hidden, "--status", "confirmed", "--anonymous")

    listing = cli.run("org", "list").stdout.splitlines()
    assert listing == [
        f"{hidden}\tQuiet Union\t\t\tTH",
        f"{named}\tWomen & Children <Rights> Org\tអង្គការសិទ្ធិស្ត្រី និងកុមារ\tWCRO\tKH",
    ]
    assert cli.run("org", "list", "--search", "សិទ្ធិស្ត្រី").stdout.splitlines() == [listing[1]]
    assert cli.run("org", "list", "--search", "dara@example").stdout.splitlines() == [listing[1]]

    before = cli.run("signatories", statement).stdout
    assert "needs reconfirmation" not in before
    assert f"{hidden}\tQuiet Union\tconfirmed\tv1\tanonymous" in before

    v2 = tmp_path / "v2.md"
    v2.write_text("# Stop the harassment\n\nWe call for the charges to be dropped now.\n", "utf-8")
    assert (
        cli.last_line("statement", "revise", statement, "--text-file", str(v2), "--editorial")
        == "2"
    )
    assert "needs reconfirmation" not in cli.run("signatories", statement).stdout
    assert (
        cli.last_line(
            "statement",
            "revise",
            statement,
            "--text-file",
            str(v2),
            "--substantive",
            "--note",
            "demands",
        )
        == "3"
    )
    after = cli.run("signatories", statement).stdout.splitlines()
    assert all(line.endswith("needs reconfirmation\torganisation") for line in after)

    summary = cli.run("statement", "list").stdout
    assert "Stop the harassment\tcollecting\tv3" in summary
    assert "confirmed=2" in summary and "needs-reconfirmation=2" in summary
    assert cli.run("check").stdout.startswith("ok")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("org", "add", "--name", "X", "--country", "Atlantis"), "country: 'Atlantis'"),
        (("contact", "add", "--org", "99", "--name", "X"), "organisation 99 does not exist"),
        (("sign", "42", "--org", "1"), "statement 42 does not exist"),
        (("statement", "add", "--title", "T", "--text-file", "/no/such.md"), "no such file"),
        (("org", "frobnicate"), "invalid choice"),
        (("org", "add", "--name", "\u200b\u200d\u2060"), "name: is made only of invisible"),
        (("org", "add", "--name", "Z" + "\u0301" * 20), "name: has more than 6 accents"),
    ],
)
def test_bad_input_gives_one_line_and_exit_code_2(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = cli.run(*args, expect=2)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_refuses_a_file_that_is_not_a_database_without_touching_it(tmp_path: Path) -> None:
    photo = tmp_path / "photo.sqlite"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF" * 100)
    result = Cli(photo).run("check", expect=2)
    assert "not a signapp database" in result.stderr
    assert photo.read_bytes() == b"\xff\xd8\xff\xe0" + b"JFIF" * 100


def test_check_reports_a_problem_with_a_non_zero_exit(cli: Cli) -> None:
    cli.run("init")
    import sqlite3

    with sqlite3.connect(cli.db_path) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute(
            "INSERT INTO contacts (organisation_id, name, created_at, updated_at) "
            "VALUES (999, 'orphan', 'now', 'now')"
        )
    result = cli.run("check", expect=1)
    assert "contacts row 1 points to a missing organisations row" in result.stdout


def test_restoring_a_missing_file_or_a_folder_says_so_in_one_line(cli: Cli, tmp_path: Path) -> None:
    cli.run("init")
    missing = cli.run("restore", str(tmp_path / "nowhere.sqlite"), expect=2)
    assert missing.stderr.strip() == f"signapp: {tmp_path / 'nowhere.sqlite'} does not exist"
    folder = cli.run("restore", str(tmp_path), expect=2)
    assert "is a folder" in folder.stderr and "internal error" not in folder.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    from signapp.core.db import open_database, transaction
    from signapp.core.organisations import add_organisation

    db_path = tmp_path / "many.sqlite"
    db = open_database(db_path)
    with transaction(db):  # more lines than a pipe holds
        for number in range(3000):
            add_organisation(db, f"Riverside Solidarity Network {number}", country="KH")
    db.close()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "signapp", "--db", str(db_path), "org", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    with process.stderr:
        assert process.stdout.readline()  # like `| head -1`
        process.stdout.close()
        errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert errors == ""


def test_a_sign_on_on_a_published_statement_is_recorded_with_a_note(
    cli: Cli, tmp_path: Path
) -> None:
    text = tmp_path / "text.md"
    text.write_text("# Free the river defenders\n", "utf-8")
    statement = cli.last_line("statement", "add", "--title", "Rivers", "--text-file", str(text))
    org = cli.last_line("org", "add", "--name", "Mekong Watch")
    cli.run("statement", "status", statement, "published")

    withdrawn = cli.run("sign", statement, "--org", org, "--status", "withdrawn")

    assert "withdrawn" in withdrawn.stdout  # a late withdrawal must be recordable
    assert "on version" not in withdrawn.stdout  # a withdrawal is of no one version
    assert "is published" in withdrawn.stderr and "export the PDF again" in withdrawn.stderr
    open_again = cli.run("statement", "status", statement, "collecting")
    assert open_again.returncode == 0
    quiet = cli.run("sign", statement, "--org", org, "--status", "confirmed")
    assert quiet.stderr == ""


def test_adding_an_organisation_already_in_the_directory_notes_it(cli: Cli) -> None:
    first = cli.last_line("org", "add", "--name", "Friends of the Great Lake")
    again = cli.run("org", "add", "--name", "friends of the GREAT lake")
    assert f"already has an organisation of that name (id {first})" in again.stderr
    other = cli.run("org", "add", "--name", "Friends of the Mekong")
    assert other.stderr == ""
