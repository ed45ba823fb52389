"""The statement commands warn about translations a revision left behind, and refuse
unknown language codes in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from signapp.core.db import open_database
from tests.cli.test_cli import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    open_database(tmp_path / "cli.sqlite", daily_backup=False).close()
    return Cli(tmp_path / "cli.sqlite")


def _text(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def test_revise_warns_when_the_khmer_text_is_left_unchanged(cli: Cli, tmp_path: Path) -> None:
    english = _text(tmp_path, "en.md", "We ask for a halt to new dams.\n")
    khmer = _text(tmp_path, "km.md", "យើងស្នើឱ្យបញ្ឈប់ការសាងសង់ទំនប់ថ្មី។\n")
    revised = _text(tmp_path, "en2.md", "We ask for a halt to new dams.\n\nA new demand.\n")
    statement = cli.last_line("statement", "add", "--title", "Rivers", "--text-file", english)
    cli.run("statement", "translate", statement, "--language", "km", "--text-file", khmer)

    result = cli.run("statement", "revise", statement, "--text-file", revised, "--substantive")

    assert result.stdout.strip() == "2"
    assert result.stderr.strip() == (
        "signapp: warning: The Khmer text of version 2 is the same as in version 1 while "
        "the English text changed: it may be out of date."
    )


def test_translate_refuses_an_unknown_language_in_one_line(cli: Cli, tmp_path: Path) -> None:
    english = _text(tmp_path, "en.md", "Text.\n")
    statement = cli.last_line("statement", "add", "--title", "Rivers", "--text-file", english)

    result = cli.run(
        "statement", "translate", statement, "--language", "xx", "--text-file", english, expect=2
    )

    assert result.stderr.strip().splitlines() == [
        "signapp: language: 'xx' is not an ISO 639 language code such as en, km, fil or pt-BR"
    ]


def test_export_pdf_warns_about_an_out_of_date_text_it_prints_and_finds_any_case(
    cli: Cli, tmp_path: Path
) -> None:
    english = _text(tmp_path, "en.md", "We ask for a halt to new dams.\n")
    khmer = _text(tmp_path, "km.md", "យើងស្នើឱ្យបញ្ឈប់ការសាងសង់ទំនប់ថ្មី។\n")
    revised = _text(tmp_path, "en2.md", "We ask for a halt to new dams.\n\nA new demand.\n")
    statement = cli.last_line("statement", "add", "--title", "Rivers", "--text-file", english)
    cli.run("statement", "translate", statement, "--language", "km", "--text-file", khmer)
    cli.run("statement", "revise", statement, "--text-file", revised, "--substantive")
    out = str(tmp_path / "rivers.pdf")

    both = cli.run("export-pdf", "--statement", statement, "--out", out, "--languages", "KM,en")
    english_only = cli.run("export-pdf", "--statement", statement, "--out", out)

    assert "warning: The Khmer text of version 2 is the same as in version 1" in both.stderr
    assert "Khmer" not in english_only.stderr
