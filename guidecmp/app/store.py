"""Where results live on disk: ids from file names, atomic writes, the extraction cache.

A failed or interrupted run must never leave a half-written or missing result where a good one
was: every write goes to a temporary file in the same folder and is renamed over the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .. import __version__
from ..model import file_label, slugify

def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; results are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, data: dict) -> None:
    """A result file, atomically; its folder is created (a results or baseline folder of ours)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def default_cache_dir() -> Path:
    if env := os.environ.get("GUIDECMP_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "guidecmp"


# The code an extraction result depends on: reading, extracting and the record's shape. Reports,
# commands and this app layer are not in it, so a change to a report does not re-extract anything.
EXTRACTION_CODE = ("read", "extract", "model.py", "bundled.py")


def extractor_version() -> str:
    """The release plus a digest of the extraction code, so that any change to the extractor
    (a release, or a local edit) makes earlier cached results stale."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in EXTRACTION_CODE:
        root = package / name
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


class Cache:
    """Extraction results keyed by file content, extractor version and rules."""

    def __init__(self, directory: Path, rules_digest: str):
        self.directory = Path(directory)
        self.rules_digest = rules_digest
        self.version = extractor_version()

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}-{self.rules_digest[:16]}-v{self.version}.json"

    def get(self, sha256: str, path: Path) -> dict | None:
        try:
            data = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        data["guideline"]["file"] = file_label(path)
        data["guideline"]["id"] = slugify(data["guideline"]["file"])
        return data

    def put(self, sha256: str, data: dict) -> None:
        try:
            write_json(self._path(sha256), data)
        except OSError:
            pass  # a cache that cannot be written only costs time
