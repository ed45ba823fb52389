"""Build the one-folder bundle with PyInstaller and smoke-test it.

    python packaging/check_bundle.py [--keep DIR]

Builds ``packaging/signapp.spec`` in a temporary folder (or DIR, kept), prints the
build time, the bundle's size and its start-up time, then runs
``packaging/smoke_test.py`` on its one program: the window loads, a Khmer PDF exports
from the command line, and neither starts another process. Needs PyInstaller
(``pip install -e '.[bundle]'``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PROGRAM = "signapp.exe" if os.name == "nt" else "signapp"


def folder_size(folder: Path) -> int:
    """Bytes on disk; a symbolic link (PyInstaller links library names) counts once."""
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files)


def start_up_seconds(program: Path, root: Path) -> float:
    """The best of three starts to a loaded window, on one database (after a first start)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        environment[name] = str(root / "start-up" / name.lower())
    command = [str(program), "--db", str(root / "start-up" / "db.sqlite"), "--quit-after-load"]
    times = []
    for _ in range(4):
        started = time.perf_counter()
        subprocess.run(command, env=environment, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return min(times[1:])


def build(root: Path) -> Path:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(root / "dist"), "--workpath", str(root / "build"),
            str(REPO_ROOT / "packaging" / "signapp.spec"),
        ],
        check=True,
    )  # fmt: skip
    bundle = root / "dist" / "signapp"
    print(f"bundle built in {time.perf_counter() - started:.0f} s: {bundle}")
    print(f"bundle size: {folder_size(bundle) / 2**20:.0f} MB")
    return bundle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build in DIR and keep the bundle there")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signapp-bundle-") as folder:
        root = options.keep.resolve() if options.keep else Path(folder)
        bundle = build(root)
        program = bundle / PROGRAM
        status = subprocess.call(
            [
                sys.executable,
                str(REPO_ROOT / "packaging" / "smoke_test.py"),
                "--cli",
                str(program),
                "--gui",
                str(program),
                "--package-dir",
                str(bundle / "_internal" / "signapp"),
            ]
        )
        if status == 0:
            print(f"bundle start-up to a loaded window: {start_up_seconds(program, root):.2f} s")
        return status


if __name__ == "__main__":
    sys.exit(main())
