"""The index of file hashes in the cache folder: a warm run finds a PDF's cache entry without reading
the whole PDF, and never trusts the index for a file that may have changed.

No clock is read: a file's "age" is set with os.utime and the index file's with the ctime the
file system gave the PDF, so each case is decided by the timestamps the test set.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from guidecmp.app import store
from guidecmp.app.store import FileHashes

PDF = b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n"


@pytest.fixture
def hashed(tmp_path, monkeypatch) -> list[Path]:
    """Every path whose bytes were hashed (instead of found in the index)."""
    seen: list[Path] = []
    real = store._hash_head_and_stat

    def counting(path):
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(store, "_hash_head_and_stat", counting)
    return seen


def remember(cache: Path, pdf: Path) -> str:
    """Hash the file through the index and write the index after the file's last change."""
    index = FileHashes(cache)
    sha, _ = index.hash_and_head(pdf)
    index.save()
    settled = pdf.stat().st_ctime_ns + 1
    os.utime(index.path, ns=(settled, settled))
    return sha


def test_an_unchanged_file_is_not_read_again(tmp_path, hashed):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    sha = remember(tmp_path / "cache", pdf)

    assert sha == hashlib.sha256(PDF).hexdigest()
    assert FileHashes(tmp_path / "cache").known(pdf) == sha
    assert hashed == [pdf]


def test_a_file_rewritten_with_the_same_size_and_mtime_is_hashed_again(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    os.utime(pdf, ns=(10**18, 10**18))
    remember(tmp_path / "cache", pdf)
    changed = PDF.replace(b"x", b"y", 1)
    pdf.write_bytes(changed)
    os.utime(pdf, ns=(10**18, 10**18))  # size and mtime as before; ctime moved, or is within one tick

    index = FileHashes(tmp_path / "cache")
    assert index.known(pdf) is None
    assert index.hash_and_head(pdf)[0] == hashlib.sha256(changed).hexdigest()


def test_a_file_replaced_by_another_is_hashed_again(tmp_path):
    pdf, other = tmp_path / "a.pdf", tmp_path / "b.pdf"
    pdf.write_bytes(PDF)
    other.write_bytes(PDF.replace(b"x", b"z", 1))
    remember(tmp_path / "cache", pdf)
    os.replace(other, pdf)  # another inode under the same name

    assert FileHashes(tmp_path / "cache").known(pdf) is None


def test_a_file_changed_in_the_tick_the_index_was_written_is_not_trusted(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    index = FileHashes(tmp_path / "cache")
    index.hash_and_head(pdf)
    index.save()
    same_tick = pdf.stat().st_ctime_ns
    os.utime(index.path, ns=(same_tick, same_tick))

    assert FileHashes(tmp_path / "cache").known(pdf) is None


def test_what_is_not_a_pdf_is_not_remembered(tmp_path):
    text = tmp_path / "notes.pdf"
    text.write_bytes(b"just text")
    index = FileHashes(tmp_path / "cache")
    index.hash_and_head(text)
    index.save()

    assert not index.path.exists()
    assert index.known(text) is None


def test_a_broken_or_foreign_index_is_ignored(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FileHashes.NAME).write_text("{not json")
    assert FileHashes(cache).known(pdf) is None
    (cache / FileHashes.NAME).write_text(json.dumps({"files": {str(pdf): "nonsense"}}))
    assert FileHashes(cache).known(pdf) is None
