"""Where results live on disk: ids from file names, atomic writes, the extraction cache.

A failed or interrupted run must never leave a half-written or missing result where a good one
was: every write goes to a temporary file in the same folder and is renamed over the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from .. import __version__
from ..model import file_label, slugify
from .inputs import PDF_MAGIC, SNIFF_BYTES, open_regular
from .validate import check_id, check_record

def write_atomic_bytes(path: Path, data: bytes | bytearray) -> None:
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
    """A result file, atomically; its folder is created (a results or baseline folder of ours). A
    file that already holds these bytes is left alone: a warm run rewrote and synced every result
    (half of a warm `extract`), and an unchanged result keeps its modification time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data_bytes = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
    if not _holds(path, data_bytes):
        write_atomic_bytes(path, data_bytes)


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a regular file (not a link, not a FIFO) whose content is `data`."""
    try:
        return read_regular(path)[0] == data
    except (OSError, ValueError):
        return False


def read_regular(path: Path, *, own: bool = False) -> tuple[bytes, os.stat_result]:
    """The bytes and status of `path`, a regular file (of this user, if `own`); ValueError for
    another kind of file. Opened without following a link or waiting on a FIFO: a cache or
    results folder may hold what another program put there."""
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or (own and info.st_uid != os.getuid()):
            raise ValueError("not a regular file of this user" if own else "not a regular file")
        return handle.read(), info


def file_sha256(path: Path) -> str:
    return hash_and_head(path)[0]


def hash_and_head(path: Path) -> tuple[str, bytes]:
    """The sha256 of a regular file and its first bytes (to tell a PDF from what is not one)."""
    sha, head, _ = _hash_head_and_stat(path)
    return sha, head


def _hash_head_and_stat(path: Path) -> tuple[str, bytes, os.stat_result]:
    """As hash_and_head, plus what fstat said of the descriptor before it was read."""
    digest = hashlib.sha256()
    with os.fdopen(open_regular(path), "rb") as handle:
        info = os.fstat(handle.fileno())
        head = handle.read(SNIFF_BYTES)
        digest.update(head)
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest(), head, info


class FileHashes:
    """The sha256 of PDFs hashed before, so that a warm run reads no file whole just to find its
    cache entry: kept in the cache folder, keyed by the absolute path and used only while stat
    still gives the same size, mtime, ctime, inode and device.

    A file rewritten within one tick of the file system's clock can keep all of these (ctime is
    coarse), so, as git does with its index, an entry whose file changed (ctime) no earlier than
    the index file was written is not trusted: that file is hashed again. The index is trusted as
    far as the cache folder is: it must be a regular file of this user.
    """

    NAME = "file-hashes.idx"  # not *.json: the cache entries are the JSON files here
    MAX_ENTRIES = 20_000  # the least recently used beyond this are forgotten

    def __init__(self, directory: Path):
        self.path = Path(directory) / self.NAME
        self._entries: dict[str, list] = {}
        self._written_ns = 0
        self._changed = False
        try:
            text, info = read_regular(self.path, own=True)
            entries = json.loads(text.decode("utf-8")).get("files", {})
            if isinstance(entries, dict):
                self._entries, self._written_ns = entries, info.st_mtime_ns
        except (OSError, ValueError, AttributeError):
            pass  # no index, or a broken one: every file is hashed (and the index written anew)

    @staticmethod
    def _key(info: os.stat_result) -> list:
        return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]

    def known(self, path: Path) -> str | None:
        """The file's sha256 if it is a regular file unchanged since it was hashed, else None."""
        name = os.path.abspath(path)
        entry = self._entries.get(name)
        if not isinstance(entry, list) or len(entry) != 6:
            return None
        try:
            info = os.stat(name)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or entry[:5] != self._key(info) or info.st_ctime_ns >= self._written_ns:
            return None
        self._entries[name] = self._entries.pop(name)  # most recently used last
        return entry[5] if isinstance(entry[5], str) else None

    def hash_and_head(self, path: Path) -> tuple[str, bytes]:
        """hash_and_head, remembering the sha256 of a PDF (what `known` may answer next time)."""
        sha, head, info = _hash_head_and_stat(path)
        if PDF_MAGIC in head:
            name = os.path.abspath(path)
            self._entries.pop(name, None)
            self._entries[name] = [*self._key(info), sha]
            self._changed = True
        return sha, head

    def save(self) -> None:
        if not self._changed:
            return
        names = list(self._entries)[-self.MAX_ENTRIES:]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic_bytes(self.path, json.dumps({"files": {n: self._entries[n] for n in names}}).encode())
        except OSError:
            pass  # an index that cannot be written only costs time
        self._changed = False


def result_path(folder: Path, guideline_id: str) -> Path:
    """FOLDER/<id>.json, for an id that is a plain name (ValueError otherwise): never outside FOLDER."""
    return Path(folder) / f"{check_id(guideline_id)}.json"


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


CACHE_MAX_AGE_DAYS = 30  # an entry not used for this long is removed after a run
CACHE_MAX_ENTRIES = 10_000  # beyond this many (every guideline version in Finland fits), the least recently used go
_ENTRY = re.compile(r"^[0-9a-f]{64}-[0-9a-f]{16}-v.+\.json$")


class Cache:
    """Extraction results keyed by file content, extractor version and rules.

    The cache folder is only as trustworthy as whoever can write to it, so an entry is used only
    when it belongs to this user, is a valid extraction record and is of the file with this sha256;
    anything else is removed and the file extracted again. After a run the cache is kept bounded:
    entries unused for `CACHE_MAX_AGE_DAYS` go, and the least recently used beyond `CACHE_MAX_ENTRIES`.
    """

    def __init__(self, directory: Path, rules_digest: str):
        self.directory = Path(directory)
        self.rules_digest = rules_digest
        self.version = extractor_version()

    def _path(self, sha256: str) -> Path:
        return self.directory / f"{sha256}-{self.rules_digest[:16]}-v{self.version}.json"

    def get(self, sha256: str, path: Path) -> dict | None:
        entry = self._path(sha256)
        try:
            text, info = read_regular(entry, own=True)
            data = check_record(json.loads(text.decode("utf-8")), sha256)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            entry.unlink(missing_ok=True)  # a broken or foreign entry is re-extracted and replaced
            return None
        os.utime(entry, ns=(time.time_ns(), info.st_mtime_ns))  # the access time is the last use; mtime stays the write
        data["guideline"]["file"] = file_label(path)
        data["guideline"]["id"] = slugify(data["guideline"]["file"])
        return data

    def put(self, sha256: str, data: dict) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_json(self._path(sha256), data)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def entries(self) -> list[tuple[Path, os.stat_result]]:
        """The cache files (and temporary files left by an interrupted write), least recently used first."""
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        found = []
        for name in names:
            if _ENTRY.match(name) or (name.startswith(".") and name.endswith(".tmp")):
                try:
                    found.append((self.directory / name, os.lstat(self.directory / name)))
                except OSError:
                    continue
        return sorted(found, key=lambda item: item[1].st_atime)

    def is_current(self, path: Path) -> bool:
        """Made by this extractor version with these rules (others can never be hit again by this code)."""
        return path.name.endswith(f"-{self.rules_digest[:16]}-v{self.version}.json")

    def prune(self, *, max_age_days: float = CACHE_MAX_AGE_DAYS, max_entries: int = CACHE_MAX_ENTRIES,
              stale: bool = False, now: float | None = None) -> tuple[int, int]:
        """Remove old entries (and, with `stale`, every entry of another version or rules); (files, bytes) removed."""
        now = time.time() if now is None else now
        entries = self.entries()
        doomed = [(p, st) for p, st in entries
                  if now - st.st_atime > max_age_days * 86400 or (stale and not self.is_current(p))]
        kept = [(p, st) for p, st in entries if p not in {d for d, _ in doomed}]
        doomed += kept[:max(0, len(kept) - max_entries)]
        removed = size = 0
        for path, info in doomed:
            try:
                path.unlink()
            except OSError:
                continue
            removed, size = removed + 1, size + info.st_size
        return removed, size
