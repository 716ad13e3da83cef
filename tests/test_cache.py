"""The extraction cache: an unchanged file under unchanged rules is never read twice.

What each run did is read from its progress lines ("[1/3] X.pdf: cached" or "...: 0.3 s") and
from the cache files themselves (names, contents, modification times).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from guidecmp.app.store import FileHashes

PDFS = [ROOT / "guidelines" / name for name in ("Polvijärvi 2013.pdf", "Vasa 2014.pdf", "Keski-Suomi 2025.pdf")]
PROGRESS = re.compile(r"\[\d+/\d+\] (.+\.pdf): (cached|failed|[\d.]+ s)")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in PDFS:
        shutil.copy(pdf, folder / pdf.name)
    return folder


def guidecmp(*args: str, env: dict | None = None) -> dict[str, str]:
    """Run a command; the state per file from its progress lines."""
    result = subprocess.run([sys.executable, "-m", "guidecmp", *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    states = {m[1]: m[2] for m in map(PROGRESS.fullmatch, result.stderr.splitlines()) if m}
    assert len(states) == len(PDFS), result.stderr
    return states


def snapshot(cache: Path) -> dict[str, tuple[int, bytes]]:
    """The cache entries (not the index of file hashes that lives with them)."""
    return ({p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in cache.iterdir() if p.name != FileHashes.NAME}
            if cache.exists() else {})


@pytest.mark.parametrize("how", ["option", "environment"])
def test_second_run_is_all_cached_and_reads_no_pdf(tmp_path, corpus, how):
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ["extract", str(corpus), "-o", str(out)] + (["--cache-dir", str(cache)] if how == "option" else [])
    env = {"GUIDECMP_CACHE_DIR": str(cache)} if how == "environment" else None

    first = guidecmp(*args, env=env)
    stored = snapshot(cache)
    results = {p.name: p.read_bytes() for p in out.iterdir()}
    second = guidecmp(*args, env=env)

    assert "cached" not in first.values()
    assert len(stored) == len(PDFS)
    assert set(second.values()) == {"cached"}
    assert snapshot(cache) == stored  # nothing extracted again, nothing rewritten
    assert {p.name: p.read_bytes() for p in out.iterdir()} == results


def test_compare_on_an_unchanged_corpus_extracts_nothing(tmp_path, corpus):
    cache = tmp_path / "cache"
    guidecmp("extract", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(cache))
    stored = snapshot(cache)

    states = guidecmp("compare", str(corpus), "--cache-dir", str(cache), "-f", "json", "-o", str(tmp_path / "c.json"))

    assert set(states.values()) == {"cached"}
    assert snapshot(cache) == stored


def test_the_cache_is_what_is_read(tmp_path, corpus):
    """A doctored cache entry shows up in the output: proof that the PDF itself was not read again."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    guidecmp("extract", str(corpus), "-o", str(out), "--cache-dir", str(cache))
    entry = next(p for p in cache.iterdir() if p.name.startswith(hashlib.sha256(PDFS[0].read_bytes()).hexdigest()))
    entry.write_text(entry.read_text(encoding="utf-8").replace('"language": "fi"', '"language": "sv"'),
                     encoding="utf-8")

    guidecmp("extract", str(corpus), "-o", str(out), "--cache-dir", str(cache))

    assert '"language": "sv"' in (out / "polvijarvi-2013.json").read_text(encoding="utf-8")


def test_edited_rules_extract_again(tmp_path, corpus):
    cache, rules = tmp_path / "cache", tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    guidecmp("extract", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(cache), "--rules", str(rules))
    before = snapshot(cache)
    categories = rules / "categories.toml"
    text = categories.read_text(encoding="utf-8")
    assert text.count('"kodinhankin", ') == 1
    categories.write_text(text.replace('"kodinhankin", ', '"kodinhankin", "kotitalouden alkuhankin", '),
                          encoding="utf-8")

    states = guidecmp("extract", str(corpus), "-o", str(tmp_path / "out"), "--cache-dir", str(cache),
                      "--rules", str(rules))

    assert "cached" not in states.values()
    after = snapshot(cache)
    assert len(after) == 2 * len(PDFS) and set(before) < set(after)


def test_no_cache_neither_reads_nor_writes(tmp_path, corpus):
    cache, out = tmp_path / "cache", tmp_path / "out"
    guidecmp("extract", str(corpus), "-o", str(out), "--cache-dir", str(cache))
    for entry in cache.iterdir():  # were these read, the output would say "sv"
        entry.write_text(entry.read_text(encoding="utf-8").replace('"language": "fi"', '"language": "sv"'),
                         encoding="utf-8")
    stored = snapshot(cache)
    other = tmp_path / "other-cache"

    states = guidecmp("extract", str(corpus), "-o", str(out), "--cache-dir", str(cache), "--no-cache")
    guidecmp("extract", str(corpus), "-o", str(tmp_path / "out2"), "--no-cache",
             env={"GUIDECMP_CACHE_DIR": str(other), "XDG_CACHE_HOME": str(other)})

    assert "cached" not in states.values()
    assert '"language": "fi"' in (out / "polvijarvi-2013.json").read_text(encoding="utf-8")
    assert snapshot(cache) == stored
    assert not other.exists()


def test_an_unchanged_result_is_not_written_again(tmp_path):
    """A warm run leaves a result that holds the same bytes alone (no rewrite, no sync, same mtime);
    a changed one, a link or a FIFO in its place is replaced."""
    from guidecmp.app.store import write_json

    path = tmp_path / "out" / "a.json"
    write_json(path, {"x": 1})
    os.utime(path, ns=(0, 0))
    write_json(path, {"x": 1})
    assert path.stat().st_mtime_ns == 0
    write_json(path, {"x": 2})
    assert path.stat().st_mtime_ns != 0 and json.loads(path.read_text()) == {"x": 2}

    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(path.read_text())
    path.unlink()
    path.symlink_to(elsewhere)
    write_json(path, {"x": 2})
    assert not path.is_symlink() and elsewhere.read_text() == path.read_text()

    path.unlink()
    os.mkfifo(path)
    write_json(path, {"x": 3})  # a FIFO is never opened for reading: that would wait for a writer
    assert json.loads(path.read_text()) == {"x": 3}
