"""Mutated corpus PDFs through `guidecmp extract`: no traceback, no hang, every file accounted for.

Seeded, so a failure can be reproduced: the mutant's file name says how it was made, and
`make_mutants(seed)` makes the same files again.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# One file from each of three producers: LibreOffice, ReportLab (Swedish), Chromium.
SOURCES = [ROOT / "guidelines" / name for name in ("Polvijärvi 2013.pdf", "Vasa 2014.pdf", "Helsinki 2024.pdf")]
FOLDERS, PER_FOLDER = 10, 30
SEED = 20240601
# Only a backstop against a hung run, never a pass/fail bound on speed (about 35 s on an idle 2-core machine).
HANG_BACKSTOP = 3600


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 32, 256))):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def overwrite_range(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    start = rng.randrange(len(out))
    length = min(len(out) - start, rng.choice((16, 512, 8192, 65536)))
    out[start:start + length] = rng.choice((bytes(length), rng.randbytes(length), b"(" * length))
    return bytes(out)


def cut_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.choice((1, 100, 5000)):]


def repeat_range(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start:start + rng.choice((10, 1000, 20000))]
    return data[:start] + piece * rng.choice((2, 50)) + data[start:]


MUTATIONS = [truncate, flip_bytes, overwrite_range, cut_range, repeat_range]


def make_mutants(seed: int, root: Path) -> list[list[Path]]:
    """FOLDERS folders of PER_FOLDER mutants each, named `<n>-<source>-<mutation>.pdf`."""
    rng = random.Random(seed)
    originals = [(re.sub(r"[^a-z]", "", path.stem.lower()), path.read_bytes()) for path in SOURCES]
    folders = []
    for f in range(FOLDERS):
        folder = root / f"in{f}"
        folder.mkdir()
        members = []
        for m in range(PER_FOLDER):
            name, data = rng.choice(originals)
            mutation = rng.choice(MUTATIONS)
            path = folder / f"{f * PER_FOLDER + m:03d}-{name}-{mutation.__name__.replace('_', '-')}.pdf"
            path.write_bytes(mutation(data, rng))
            members.append(path)
        folders.append(members)
    return folders


@pytest.fixture(scope="module")
def fuzz_runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    folders = make_mutants(SEED, root)
    runs = []
    for index, members in enumerate(folders):
        out = root / f"out{index}"
        result = subprocess.run(
            [sys.executable, "-m", "guidecmp", "extract", str(members[0].parent), "-o", str(out), "--no-cache",
             "-q", "--jobs", "2", "--timeout", "20"],
            cwd=ROOT, capture_output=True, text=True, timeout=HANG_BACKSTOP)
        runs.append((members, out, result))
    return runs


def test_mutants_never_crash_hang_or_go_missing(fuzz_runs):
    runs = fuzz_runs
    for members, out, result in runs:
        assert result.returncode in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        failed = {}
        for line in result.stderr.splitlines():
            match = re.fullmatch(r"error: (.+?\.pdf): (.+)", line)
            assert match, f"not a one-line error: {line!r}"
            failed[Path(match[1]).name] = match[2]
        written = {p.stem for p in out.glob("*.json")} if out.exists() else set()
        for path in members:
            slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower())
            assert (slug in written) != (path.name in failed), f"{path.name}: neither or both written and failed"
        for slug in written:
            assert json.loads((out / f"{slug}.json").read_text(encoding="utf-8"))["schema"] == "guidecmp.extraction/1"


def test_mutant_failures_are_reasons_not_internal_errors(fuzz_runs):
    """A reason the reader gives ("corrupt PDF ...") means the damage was recognised; an exception
    text from the catch-all ("could not be read (ValueError: ...)") means code that trusted its input."""
    runs = fuzz_runs
    internal = [line for _, _, result in runs for line in result.stderr.splitlines()
                if re.search(r": could not be read \(", line)]
    assert not internal, "\n".join(internal[:10])


def test_mutations_are_varied_enough_to_mean_something(fuzz_runs):
    runs = fuzz_runs
    failed = sum(line.startswith("error: ") for _, _, result in runs for line in result.stderr.splitlines())
    total = FOLDERS * PER_FOLDER
    assert total * 0.1 < failed < total * 0.9, f"{failed} of {total} failed: the mutations miss or always break"


COMPARE_FORMATS = ("table", "markdown", "csv", "json", "xlsx", "html")


@pytest.mark.parametrize("output_format", COMPARE_FORMATS)
def test_every_report_format_holds_the_surviving_mutants(fuzz_runs, tmp_path, output_format):
    """What a damaged font or a crafted file leaves in the text (control characters, formula starts)
    must not break a report or reach it raw: compare every survivor in every format."""
    survivors = tmp_path / "survivors"
    survivors.mkdir()
    for _, out, _ in fuzz_runs:
        for result in out.glob("*.json") if out.exists() else []:
            (survivors / result.name).write_bytes(result.read_bytes())
    report = tmp_path / f"report.{output_format}"

    result = subprocess.run([sys.executable, "-m", "guidecmp", "compare", str(survivors), "-q", "-f", output_format,
                             "-o", str(report)], cwd=ROOT, capture_output=True, timeout=HANG_BACKSTOP)

    assert len(list(survivors.iterdir())) > FOLDERS * PER_FOLDER * 0.1
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr and report.stat().st_size > 0
    if output_format != "xlsx":
        text = report.read_text(encoding="utf-8-sig")
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), "a control character reached the report"
    if output_format == "csv":
        cells = [cell for line in text.splitlines()[1:] for cell in line.split(";")]
        assert not [c for c in cells if c.lstrip('"')[:1] in ("=", "+", "-", "@")]
    if output_format == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(report).sheetnames
