"""What the command line loads before it runs a command: not every command's libraries.

ReportLab with its fonts (the PDF export) and the mail readers (intake) took a third
of the time of an import run from the command line when every command module loaded
them at the top.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

LOADED_BY_THEIR_COMMAND = (
    "reportlab",  # export-pdf
    "pikepdf",  # export-pdf (tagged PDF)
    "markdown_it",  # export-pdf (the statement's text)
    "signapp.export.pdf",
    "signapp.intake.run",  # intake
)


def test_parsing_a_command_line_loads_no_export_or_mail_machinery() -> None:
    probe = (
        "import sys\n"
        "from signapp.cli import build_parser\n"
        "build_parser().parse_args(['import', 'form.csv', '--statement', '1'])\n"
        f"print([name for name in {LOADED_BY_THEIR_COMMAND!r} if name in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]", result.stderr
