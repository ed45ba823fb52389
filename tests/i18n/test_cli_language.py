"""The command line speaks the language of the LANGUAGE variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _signapp(tmp_path: Path, language: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "PYTHONIOENCODING": "utf-8",
        "LANGUAGE": language,
    }
    return subprocess.run(
        [sys.executable, "-m", "signapp", "--db", str(tmp_path / "s.sqlite"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_messages_and_help_follow_language(tmp_path: Path) -> None:
    assert _signapp(tmp_path, "en", "init").returncode == 0
    khmer = _signapp(tmp_path, "km", "statement", "status", "7", "closed")
    english = _signapp(tmp_path, "en", "statement", "status", "7", "closed")
    assert english.returncode == khmer.returncode == 2
    assert "does not exist" in english.stderr
    assert "មិនមានទេ" in khmer.stderr and "does not exist" not in khmer.stderr
    help_text = _signapp(tmp_path, "km:en", "statement", "--help").stdout
    assert "ចេញផ្សាយកំណែបន្ទាប់" in help_text  # "issue the next version"


def test_an_unknown_language_speaks_english(tmp_path: Path) -> None:
    result = _signapp(tmp_path, "xx", "statement", "status", "7", "closed")
    assert "does not exist" in result.stderr
