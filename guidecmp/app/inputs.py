"""What the paths on a command line hold: PDFs, extraction JSONs, and paths that hold neither.

Every command reads its inputs through `discover`, so "not found", "is a folder" and "neither a
PDF nor an extraction JSON" are decided and worded the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PDF, JSON = ".pdf", ".json"


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

    A file named explicitly must be of one of `kinds`; in a folder, other files are passed over.
    """
    found = Inputs()
    for path in map(Path, paths):
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.suffix.lower() in kinds and p.is_file())
            if not members:
                _problem(found, path, f"no {' or '.join(_kind_names(kinds))} in this folder")
            for member in members:
                _add(found, member)
        elif not path.exists():
            _problem(found, path, "not found")
        elif path.suffix.lower() not in kinds:
            _problem(found, path, "neither a PDF nor an extraction JSON" if len(kinds) > 1 else "not a PDF file")
        else:
            _add(found, path)
    return found


def _add(found: Inputs, path: Path) -> None:
    (found.pdfs if path.suffix.lower() == PDF else found.jsons).append(path)
    found.order.setdefault(path, len(found.order))


def _problem(found: Inputs, path: Path, reason: str) -> None:
    found.problems.append((path, reason))
    found.order.setdefault(path, len(found.order))


def _kind_names(kinds: tuple[str, ...]) -> list[str]:
    return ["PDF" if kind == PDF else "extraction JSON" for kind in kinds]
