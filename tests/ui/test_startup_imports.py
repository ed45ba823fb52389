"""What start-up does not load: libraries first needed by an export, an import or mail.

Each of these cost a tenth to a third of the start-up when a module imported it at
the top (see bench/startup.py); they are loaded when first used.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

LOADED_ON_FIRST_USE = (
    "reportlab",  # the PDF writer (export, the editor's Markdown preview)
    "pikepdf",  # tagged PDF
    "fontTools",  # building font instances
    "openpyxl",  # reading spreadsheets to import
    "signapp.intake.run",  # reading replies by mail
    "signapp.ui.importing.wizard",  # the import wizard
    "PySide6.QtCharts",  # the Progress tab's charts
    "pycountry",  # the country names a form offers as one types
)


def test_starting_the_app_loads_no_export_import_or_mail_machinery() -> None:
    probe = (
        "import sys, signapp.ui.app\n"
        f"print([name for name in {LOADED_ON_FIRST_USE!r} if name in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip() == "[]"
