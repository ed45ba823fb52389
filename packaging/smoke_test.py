"""Smoke-test an installed signapp (a wheel in a clean environment, or the bundle).

    python packaging/smoke_test.py --cli CMD --gui CMD --package-dir DIR

``--cli`` and ``--gui`` are the programs that run the command line and open the app
(for the bundle both are its one executable); ``--package-dir`` is the installed
``signapp`` folder, whose bundled files are compared with ``resources/`` and ``data/``.
Everything runs in a new temporary folder, away from the source tree, with its own
empty user folders (config, data, cache), as on a fresh account. Checks:

- every file of ``resources/`` and ``data/`` is installed (icons, style, translations,
  the sample campaign);
- the window loads offscreen (``--quit-after-load``), and the time it took;
- a Khmer statement and its signatories export to PDF from the command line, with the
  Khmer font embedded and the Khmer text readable back;
- neither starts another process (Linux: read from /proc while they run).

Exits non-zero with one line per failed check. Runs with any Python that has pypdf.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

REPO_ROOT = Path(__file__).resolve().parents[1]
KHMER_TITLE = "សេចក្តីថ្លែងការណ៍រួម"
KHMER_TEXT = (
    "# សេចក្តីថ្លែងការណ៍រួម\n\n"
    "យើងខ្ញុំជាអង្គការសង្គមស៊ីវិលដែលបានចុះហត្ថលេខាខាងក្រោម "
    "សូមអំពាវនាវឱ្យការពារសិទ្ធិរបស់សហគមន៍តាមដងទន្លេ។\n"
)
KHMER_ORGANISATION = "សមាគមការពារសិទ្ធិកសិករ"


class SmokeTest:
    """Runs the installed programs in a fresh folder and collects what failed."""

    def __init__(self, cli: list[str], gui: list[str], root: Path) -> None:
        self.cli = cli
        self.gui = gui
        self.root = root
        self.failures: list[str] = []
        self.environment = {
            key: value for key, value in os.environ.items() if not key.startswith("PYTHON")
        }
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            self.environment[name] = str(root / name.lower())
        self.environment.pop("SIGNAPP_FONT_CACHE", None)
        self.environment["QT_QPA_PLATFORM"] = "offscreen"
        self.db = root / "smoke.sqlite"

    def check(self, ok: bool, message: str) -> None:
        print(("ok:     " if ok else "FAILED: ") + message)
        if not ok:
            self.failures.append(message)

    def run(self, command: list[str], timeout: float = 180) -> tuple[int, str, float, int]:
        """Exit status, output, seconds taken and the most processes it started at once."""
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=self.root,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        most_children = 0
        while process.poll() is None:
            most_children = max(most_children, len(_descendants(process.pid)))
            if time.perf_counter() - started > timeout:
                process.kill()
                break
            time.sleep(0.02)
        output = process.stdout.read() if process.stdout else ""
        return process.wait(), output, time.perf_counter() - started, most_children

    def command_line(self, *args: str) -> str:
        status, output, _seconds, children = self.run([*self.cli, "--db", str(self.db), *args])
        self.check(
            status == 0,
            f"signapp {args[0]} exits 0" + (f" (got {status}: {output[-800:]})" if status else ""),
        )
        self.check(children == 0, f"signapp {args[0]} starts no other process ({children})")
        return output.strip()

    def window_loads(self) -> None:
        command = [*self.gui, "--db", str(self.root / "window.sqlite"), "--quit-after-load"]
        status, output, seconds, children = self.run(command)
        self.check(
            status == 0,
            "the window loads offscreen" + (f" (exit {status}: {output[-800:]})" if status else ""),
        )
        self.check(children == 0, f"the app starts no other process ({children})")
        print(f"        start-up to loaded window: {seconds:.2f} s")

    def khmer_pdf_exports(self) -> None:
        text_file = self.root / "statement-km.md"
        text_file.write_text(KHMER_TEXT, encoding="utf-8")
        self.command_line("init")
        added = self.command_line(
            "statement", "add", "--title", KHMER_TITLE, "--text-file", str(text_file),
            "--language", "km",
        )  # fmt: skip
        statement_id = added.split()[0] if added else "1"
        for name in (KHMER_ORGANISATION, "Mekong Fisherfolk Network"):
            org_id = self.command_line("org", "add", "--name", name).split()[0]
            self.command_line("sign", statement_id, "--org", org_id, "--status", "confirmed")
        pdf = self.root / "statement-km.pdf"
        started = time.perf_counter()
        self.command_line(
            "export-pdf", "--statement", statement_id, "--out", str(pdf), "--languages", "km"
        )
        print(f"        first Khmer export (empty cache): {time.perf_counter() - started:.2f} s")
        if not pdf.is_file():
            self.check(False, "the Khmer PDF was written")
            return
        reader = PdfReader(pdf)
        text = "".join(page.extract_text() or "" for page in reader.pages)
        fonts = {
            str(font["/BaseFont"])
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        self.check(KHMER_ORGANISATION in text, "the Khmer signatory reads back from the PDF")
        self.check(
            any("NotoSansKhmer" in font for font in fonts), f"the Khmer font is embedded {fonts}"
        )


def _descendants(pid: int) -> list[int]:
    """Processes started by ``pid`` and by them (Linux; elsewhere none are seen)."""
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(children)
            pending.extend(children)
    return found


def missing_bundled_files(package_dir: Path) -> list[str]:
    """Files of ``resources/`` and ``data/`` that are not installed in ``package_dir``."""
    missing = []
    for folder in ("resources", "data"):
        for path in (REPO_ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(REPO_ROOT)
                if not (package_dir / relative).is_file():
                    missing.append(relative.as_posix())
    return missing


def _command(text: str) -> list[str]:
    """A program's path as it is (Windows paths hold backslashes), or a command line."""
    return [text] if Path(text).is_file() else shlex.split(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="command that runs signapp's command line")
    parser.add_argument("--gui", required=True, help="command that opens signapp's window")
    parser.add_argument("--package-dir", type=Path, required=True, help="installed signapp/")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="signapp-smoke-") as folder:
        test = SmokeTest(_command(options.cli), _command(options.gui), Path(folder))
        missing = missing_bundled_files(options.package_dir)
        test.check(
            not missing,
            "resources and data installed" + (f" (missing: {missing})" if missing else ""),
        )
        test.window_loads()
        test.khmer_pdf_exports()
    if test.failures:
        print(f"{len(test.failures)} smoke check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
