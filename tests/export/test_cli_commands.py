"""The export-pdf and export-csv commands, through an argparse parser like signapp's."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from pypdf import PdfReader

from signapp.cli import export_commands as cli_commands
from tests.export.sample_data import ANONYMOUS_ORGS, LATIN_ORGS, OTHER_SCRIPT_ORGS, SampleStatement


def _run(sample: SampleStatement, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="signapp")
    cli_commands.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.handler(args, sample.db))


def test_export_pdf_prints_the_counts(
    sample: SampleStatement, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.pdf"
    argv = [
        "export-pdf",
        "--statement",
        str(sample.statement_id),
        "--out",
        str(out),
        "--languages",
        "km,en",
        "--group-by",
        "country",
        "--columns",
        "2",
    ]
    assert _run(sample, argv) == 0
    printed = capsys.readouterr().out
    assert f"listed: {len(LATIN_ORGS) + len(OTHER_SCRIPT_ORGS)}" in printed
    assert f"anonymous (counted, not named): {len(ANONYMOUS_ORGS)}" in printed
    assert "left out: 0" in printed
    assert len(PdfReader(out).pages) >= 1


def test_export_csv_writes_the_file(sample: SampleStatement, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert (
        _run(sample, ["export-csv", "--statement", str(sample.statement_id), "--out", str(out)])
        == 0
    )
    assert out.read_text(encoding="utf-8-sig").startswith("number,name,")


def test_bad_choices_are_refused_by_the_parser(sample: SampleStatement, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        _run(sample, ["export-pdf", "--statement", "1", "--out", "x.pdf", "--columns", "4"])
    with pytest.raises(SystemExit):
        _run(sample, ["export-pdf", "--statement", "1", "--out", "x.pdf", "--group-by", "city"])


def test_export_pdf_writes_khmer_numerals_when_asked(
    sample: SampleStatement, tmp_path: Path
) -> None:
    out = tmp_path / "km.pdf"
    argv = ["export-pdf", "--statement", str(sample.statement_id), "--out", str(out)]
    assert _run(sample, [*argv, "--languages", "km", "--native-numerals"]) == 0
    subject = PdfReader(out).metadata.subject  # type: ignore[union-attr]
    assert "កំណែទី ១" in subject and "1" not in subject
    assert _run(sample, [*argv, "--languages", "km"]) == 0
    assert "កំណែទី 1" in PdfReader(out).metadata.subject  # type: ignore[union-attr]
