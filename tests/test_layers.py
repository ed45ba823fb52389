"""What the folders promise: layers kept apart, strict types below the UI, CI = README."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a tool installed beside this Python (the test extra) in the repository."""
    tool = shutil.which(name, path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.fail(f"{name} is not installed: install the test extra")
    result = subprocess.run(
        [tool, *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_import_contracts_hold() -> None:
    result = _run_tool("lint-imports", "--no-cache")
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_the_whole_package_type_checks() -> None:
    _run_tool("mypy", "signapp")


def test_ui_holds_no_sql() -> None:
    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\.execute\(")
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "signapp" / "ui").rglob("*.py")
        if sql.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_ci_runs_the_test_command_of_the_readme() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```(?:sh|bash)\n(.+?)\n```", readme, flags=re.DOTALL)
    test_commands = [command for command in commands if "pytest" in command]
    assert len(test_commands) >= 1
    assert test_commands[0] in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
