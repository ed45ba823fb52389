"""The public signatory list as both exports print it: names, groups, counts."""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from signapp.core.errors import Cancelled, SignappError, ValidationError
from signapp.core.model import StatementVersion
from signapp.i18n import _

GROUP_CHOICES = ("none", "country", "kind")


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote, for the person who asked for it."""

    out_path: Path
    version_number: int
    listed: int
    anonymous: int
    left_out_for_reconfirmation: int
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    columns: int = 0  # the PDF's list columns, chosen or worked out from the names

    def lines(self) -> list[str]:
        """A short human report: counts, why some were left out, any warnings."""
        lines = [
            _("wrote {path} (version {number})").format(
                path=self.out_path, number=self.version_number
            ),
            _("listed: {count}").format(count=self.listed),
            _("anonymous (counted, not named): {count}").format(count=self.anonymous),
            _("left out: {count}").format(count=self.left_out_for_reconfirmation),
        ]
        if self.left_out_for_reconfirmation:
            lines.append(
                "  "
                + _(
                    "{count} confirmed an earlier text and must reconfirm after the "
                    "substantive revision before they can be listed"
                ).format(count=self.left_out_for_reconfirmation)
            )
        lines.extend(_("warning: {message}").format(message=warning) for warning in self.warnings)
        return lines


def check_issued(version: StatementVersion) -> StatementVersion:
    """Refuse a draft: only an issued text is printed with its signatories."""
    if version.is_draft:
        raise ValidationError(
            "version",
            _("version {number} is a draft: issue it before printing it").format(
                number=version.number
            ),
        )
    return version


def check_group_by(group_by: str) -> str:
    if group_by not in GROUP_CHOICES:
        raise ValidationError(
            "group_by",
            _("{group_by!r} is not one of {choices}").format(
                group_by=group_by, choices=", ".join(GROUP_CHOICES)
            ),
        )
    return group_by


@contextmanager
def atomic_output(out_path: Path) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``out_path`` only if the block succeeds.

    The document is built in memory and written at the end; a failure or a cancel on
    the way leaves ``out_path`` as it was. Writing goes to a nameless file (Linux
    ``O_TMPFILE``) that gets a name only once complete, so a process killed while
    writing leaves no partial file; a temporary left by a kill in the instant between
    naming and renaming is removed by the next export to the same file. An OS error
    becomes a :class:`SignappError` naming the file.
    """
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise SignappError(
            _("{out_path}: the folder {parent} does not exist").format(
                out_path=out_path, parent=out_path.parent
            )
        )
    if out_path.is_dir():
        raise SignappError(_("{out_path}: is a folder; give a file name").format(out_path=out_path))
    buffer = io.BytesIO()
    try:
        yield buffer
        _replace_with(out_path, buffer.getbuffer())
    except OSError as error:
        reason = error.strerror or str(error)
        message = _("{path}: could not be written ({reason}); nothing was changed").format(
            path=out_path, reason=reason
        )
        raise SignappError(message) from error


def _temporary_prefix(out_path: Path) -> str:
    return f".{out_path.name}."


def _replace_with(out_path: Path, data: memoryview) -> None:
    folder = out_path.parent
    for stale in folder.glob(_temporary_prefix(out_path) + "*.part"):
        stale.unlink(missing_ok=True)
    temp_name = folder / f"{_temporary_prefix(out_path)}{secrets.token_hex(6)}.part"
    handle = _open_nameless(folder)
    try:
        if handle is None:
            handle = os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            _write_all(handle, data)
        else:
            _write_all(handle, data)
            _name_nameless(handle, temp_name)
        os.replace(temp_name, out_path)
    finally:
        if handle is not None:
            os.close(handle)
        temp_name.unlink(missing_ok=True)


def _open_nameless(folder: Path) -> int | None:
    """A file in ``folder`` without a name yet, where the system offers that."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o644)
    except OSError:
        return None  # a filesystem without O_TMPFILE support: use a named temporary


def _name_nameless(handle: int, name: Path) -> None:
    """Give the nameless file ``handle`` the name ``name`` (linkat, following /proc)."""
    folder = os.open(name.parent, os.O_RDONLY)
    try:
        # A dir_fd makes os.link call linkat(AT_SYMLINK_FOLLOW); plain link() would not
        # follow the /proc/self/fd entry to the open file.
        os.link(f"/proc/self/fd/{handle}", name.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _write_all(handle: int, data: memoryview) -> None:
    written = 0
    while written < len(data):
        written += os.write(handle, data[written:])
    os.fsync(handle)


def check_cancel(cancel: Callable[[], bool] | None) -> None:
    """Raise :class:`Cancelled` when the person has asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled()
