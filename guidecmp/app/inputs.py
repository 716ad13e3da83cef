"""What the paths on a command line hold: PDFs, extraction JSONs, and paths that hold neither.

Every command reads its inputs through `discover`, so "not found", "is a folder" and "neither a
PDF nor an extraction JSON" are decided and worded the same everywhere.

Only regular files are read. A symbolic link is followed when it is named on the command line
(the user chose it), never inside a folder (a link added to a folder of downloads or a pull
request must not read `/etc/passwd` or a token file). A FIFO or a device is refused before
anything opens it: reading one would block or never end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PDF, JSON = ".pdf", ".json"
PDF_MAGIC = b"%PDF-"
SNIFF_BYTES = 1024  # where a PDF reader looks for the header


@dataclass
class Inputs:
    pdfs: list[Path] = field(default_factory=list)
    jsons: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)  # (path, one-line reason)
    order: dict[Path, int] = field(default_factory=dict)  # every path above: its place on the command line

    def in_order(self, failures: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
        """Failures sorted the way their inputs were named, so messages follow the command line."""
        return sorted(failures, key=lambda failure: self.order.get(failure[0], len(self.order)))

    @property
    def empty(self) -> bool:
        return not self.pdfs and not self.jsons


def discover(paths: Iterable[Path], *, kinds: tuple[str, ...] = (PDF, JSON)) -> Inputs:
    """Files named, and the files of the folders named (not recursive, sorted by name).

    A file named explicitly must be of one of `kinds`; in a folder, other files are passed over,
    and a link or a special file with a matching name is reported, not read.
    """
    found = Inputs()
    for path in map(Path, paths):
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.suffix.lower() in kinds)
            if not members:
                _problem(found, path, f"no {' or '.join(_kind_names(kinds))} in this folder")
            for member in members:
                reason = not_a_regular_file(member, follow_links=False)
                if reason:
                    _problem(found, member, reason)
                else:
                    _add(found, member)
        elif not os.path.lexists(path):
            _problem(found, path, "not found")
        elif path.suffix.lower() not in kinds:
            _problem(found, path, "neither a PDF nor an extraction JSON" if len(kinds) > 1 else "not a PDF file")
        elif reason := not_a_regular_file(path, follow_links=True):
            _problem(found, path, reason)
        else:
            _add(found, path)
    return found


def not_a_regular_file(path: Path, *, follow_links: bool) -> str | None:
    """Why `path` must not be opened (a link not to follow, a FIFO, a device), or None."""
    try:
        info = os.stat(path, follow_symlinks=follow_links)
    except OSError as exc:
        return "a link to nothing" if os.path.islink(path) else f"cannot open: {exc.strerror or exc}"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link inside a folder, not followed (name the file itself to read it)"
    if stat.S_ISDIR(info.st_mode):
        return "a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_special_kind(info.st_mode)}): refused"
    return None


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def open_regular(path: Path) -> int:
    """A read-only descriptor of `path`, which must still be a regular file when opened (it may have
    been swapped for a FIFO since `discover`: O_NONBLOCK keeps that open from waiting for a writer)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise OSError(f"not a regular file ({_special_kind(mode)}): refused")
    return fd


def not_a_pdf(head: bytes) -> str | None:
    """A short, safe description of a file that is not a PDF, from its first bytes; None for a PDF.

    Nothing of the file's own bytes is ever shown: it may be a token or a password file that a
    link pointed at, and the message ends up in a CI log.
    """
    if PDF_MAGIC in head[:SNIFF_BYTES]:
        return None
    if not head:
        return "empty file (0 bytes)"
    return f"not a PDF: looks like {_content_kind(head)}"


_SIGNATURES = ((b"PK\x03\x04", "a ZIP archive (a Word or Excel document?)"), (b"\x89PNG", "a PNG image"),
               (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x1f\x8b", "gzip data"),
               (b"\x7fELF", "a program"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
               (b"{\\rtf", "an RTF document"))


def _content_kind(head: bytes) -> str:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    try:
        text = head[:SNIFF_BYTES].decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < SNIFF_BYTES - 4:  # not just a character cut at the end of the sample
            return "binary data"
        text = head[:exc.start].decode("utf-8")
    start = text.lstrip("\ufeff \t\r\n").casefold()
    if start.startswith(("<!doctype html", "<html")) or "<html" in start[:200]:
        return "text/HTML"
    if start.startswith("<?xml") or start.startswith("<"):
        return "text/XML"
    if start.startswith(("{", "[")):
        return "text/JSON"
    return "text"


def _add(found: Inputs, path: Path) -> None:
    (found.pdfs if path.suffix.lower() == PDF else found.jsons).append(path)
    found.order.setdefault(path, len(found.order))


def _problem(found: Inputs, path: Path, reason: str) -> None:
    found.problems.append((path, reason))
    found.order.setdefault(path, len(found.order))


def _kind_names(kinds: tuple[str, ...]) -> list[str]:
    return ["PDF" if kind == PDF else "extraction JSON" for kind in kinds]
