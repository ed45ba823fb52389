"""Build the wheel, install it in a clean virtual environment, and smoke-test it there.

    python packaging/check_wheel.py                  # installs the wheel's dependencies too
    python packaging/check_wheel.py --deps-from VENV # uses VENV's packages (no downloads)

The environment is made in a temporary folder away from the source tree, and the test
runs there with no PYTHONPATH, so only the wheel's own files can be found: a resource
the wheel leaves out fails it (``packaging/smoke_test.py`` says what is checked). With
``--deps-from`` the dependencies are read from another environment's site-packages (a
``.pth`` line), while signapp itself still comes only from the wheel.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# Left by earlier builds or runs: a build from the tree itself would reuse build/lib.
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)
SCRIPTS = "Scripts" if os.name == "nt" else "bin"


def _run(*command: str | Path, cwd: Path | None = None) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def _site_packages(python: Path) -> Path:
    return Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--deps-from", type=Path, help="a virtual environment that has the dependencies"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signapp-wheel-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        source = root / "source"
        shutil.copytree(REPO_ROOT, source, ignore=_NOT_SOURCES)
        _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root, source)
        wheel = next(root.glob("signapp-*.whl"))
        print(f"built {wheel.name}: {wheel.stat().st_size / 1024:.0f} KB")
        _run(sys.executable, "-m", "venv", root / "venv")
        python = root / "venv" / SCRIPTS / "python"
        install = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        if options.deps_from is not None:
            dependencies = _site_packages(options.deps_from / SCRIPTS / "python")
            (_site_packages(python) / "signapp-dependencies.pth").write_text(f"{dependencies}\n")
            _run(*install, "--no-deps", wheel)
        else:
            _run(*install, wheel)
        print(f"installed in a clean environment in {time.perf_counter() - started:.0f} s")
        imported = Path(_run(python, "-c", "import signapp; print(signapp.__file__)", cwd=root))
        package_dir = imported.parent
        if package_dir != _site_packages(python) / "signapp":
            print(f"FAILED: signapp was imported from {package_dir}, not the wheel")
            return 1
        scripts = root / "venv" / SCRIPTS
        return subprocess.call(
            [
                sys.executable,
                str(REPO_ROOT / "packaging" / "smoke_test.py"),
                "--cli",
                str(scripts / "signapp"),
                "--gui",
                str(scripts / "signapp-gui"),
                "--package-dir",
                str(package_dir),
            ]
        )


if __name__ == "__main__":
    sys.exit(main())
