"""Bad and hostile PDFs through `guidecmp extract`: one clear line, the rest written, nothing lost.

Each bad file is made here, put in a folder next to one good corpus PDF, and the CLI runs on the
folder in a fresh process, as a user or a CI job would run it.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from pdfbytes import SCAN, PdfBuilder, circular_form_pdf, make_pdf
from conftest import ROOT

GOOD = ROOT / "guidelines" / "Polvijärvi 2013.pdf"  # the smallest corpus file keeps each run short
GOOD_ID = "polvijarvi-2013"
GUIDELINE_PAGE = ["# 1 Kodinhankinnat", "Kodinhankintoihin voidaan myöntää enintään 400 euroa."]
EARLIER = '{"schema": "guidecmp.extraction/1", "note": "an earlier good result"}\n'


def run_extract(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`guidecmp extract` in a fresh process, without the user's cache and without progress lines."""
    return subprocess.run([sys.executable, "-m", "guidecmp", "extract", "--no-cache", "-q", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def garbage_in_the_middle() -> bytes:
    data = bytearray(GOOD.read_bytes())
    third = len(data) // 3
    noise = random.Random(6)
    data[third:2 * third] = bytes(noise.randrange(256) for _ in range(third))
    return bytes(data)


def memory_bomb() -> bytes:
    """A page whose 2 GiB content stream (spaces) deflates from 2 MB: decoding it passes the memory limit.

    The compressed stream is made from one 16 MiB block repeated: after a full flush the deflate
    output of equal input is equal, so only the checksum has to be computed over all of it.
    """
    block, repeats = b" " * (1 << 24), 128
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(repeats):
        checksum = zlib.adler32(block, checksum)
    stream = first + again * (repeats - 1) + packer.flush(zlib.Z_FINISH)[:-4] + checksum.to_bytes(4, "big")
    builder = PdfBuilder()
    catalog, tree = builder.reserve(), builder.reserve()
    content = builder.add("/Filter /FlateDecode", stream)
    page = builder.add(f"/Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R")
    builder.add(f"/Type /Pages /Kids [{page} 0 R] /Count 1", number=tree)
    builder.add(f"/Type /Catalog /Pages {tree} 0 R", number=catalog)
    return builder.to_bytes(catalog)


BAD_FILES = {
    "zero-byte": (lambda: b"", r"empty file \(0 bytes\)"),
    "html": (lambda: b"<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n",
             r"not a PDF: looks like text/HTML"),
    "text": (lambda: "Täydentävän toimeentulotuen soveltamisohje\n".encode(),
             r"not a PDF: looks like text"),
    "truncated": (lambda: GOOD.read_bytes()[: GOOD.stat().st_size // 2], r"corrupt PDF \(.+\)"),
    "garbage-in-the-middle": (garbage_in_the_middle,
                              r"corrupt PDF: \d+ of 11 pages unreadable( or blank)?; page \d+ .+"),
    "user-password": (lambda: make_pdf([GUIDELINE_PAGE], user_password="salasana"), r"encrypted, use --password"),
    "no-text-layer": (lambda: make_pdf([SCAN, SCAN, SCAN]), r"no text layer — scanned\? see --ocr"),
    "circular-forms": (lambda: circular_form_pdf(GUIDELINE_PAGE),
                       r"corrupt PDF: 1 of 1 pages unreadable; page 1 draws itself without end "
                       r"\(circular form XObjects\)"),
    "memory-bomb": (memory_bomb, r"the reader crashed \(signal \d+\): a malformed file, or over the \d+ MB "
                                 r"memory limit|too large: the memory limit of \d+ MB was reached"),
}


def folder_with(tmp_path: Path, name: str, content: bytes) -> tuple[Path, Path, Path]:
    """A folder holding the bad file and the good one, and an output folder with an earlier result."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    (folder / GOOD.name).write_bytes(GOOD.read_bytes())
    bad = folder / f"{name}.pdf"
    bad.write_bytes(content)
    (out / f"{name}.json").write_text(EARLIER, encoding="utf-8")
    return folder, out, bad


def assert_good_one_written(out: Path) -> None:
    data = json.loads((out / f"{GOOD_ID}.json").read_text(encoding="utf-8"))
    assert data["guideline"]["pages"] == 11 and data["categories"]


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_is_one_line_the_rest_is_written_and_the_earlier_result_kept(tmp_path, name):
    make, reason = BAD_FILES[name]
    folder, out, bad = folder_with(tmp_path, name, make())

    result = run_extract(str(folder), "-o", str(out), "--jobs", "2")

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert re.fullmatch(f"error: {re.escape(str(bad))}: (?:{reason})", line), line
    assert_good_one_written(out)
    assert (out / f"{name}.json").read_text(encoding="utf-8") == EARLIER
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{GOOD_ID}.json", f"{name}.json"])


def test_the_right_password_opens_an_encrypted_file(tmp_path):
    folder, out, _ = folder_with(tmp_path, "locked", make_pdf([GUIDELINE_PAGE], user_password="salasana"))

    result = run_extract(str(folder), "-o", str(out), "--password", "salasana")

    assert result.returncode == 0, result.stderr
    data = json.loads((out / "locked.json").read_text(encoding="utf-8"))
    [category] = data["categories"]
    assert category["id"] == "household_startup" and category["amounts"][0]["value"] == 400.0
    assert_good_one_written(out)


def test_a_wrong_password_is_named_as_such(tmp_path):
    folder, out, bad = folder_with(tmp_path, "locked", make_pdf([GUIDELINE_PAGE], user_password="salasana"))

    result = run_extract(str(bad), "-o", str(out), "--password", "väärä")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {bad}: encrypted, wrong password"]


def test_owner_password_only_is_read_normally(tmp_path):
    folder, out, _ = folder_with(tmp_path, "restricted", make_pdf([GUIDELINE_PAGE], owner_password="omistaja"))

    result = run_extract(str(folder), "-o", str(out))

    assert result.returncode == 0, result.stderr
    data = json.loads((out / "restricted.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["categories"]] == ["household_startup"]


def test_one_page_without_text_layer_is_a_warning_naming_the_page(tmp_path):
    folder, out, _ = folder_with(tmp_path, "partly-scanned", make_pdf([GUIDELINE_PAGE, SCAN, GUIDELINE_PAGE]))

    result = run_extract(str(folder), "-o", str(out))

    assert result.returncode == 0, result.stderr
    warnings = json.loads((out / "partly-scanned.json").read_text(encoding="utf-8"))["warnings"]
    assert "page 2 has no text layer (scanned?); its content is not read (see --ocr)" in warnings
    assert not any("page 1 " in w or "page 3 " in w for w in warnings)


def test_a_few_broken_pages_are_warnings_not_a_failure(tmp_path):
    """Pages whose text cannot be decoded are left out and named; the readable majority is used."""
    glyph_codes = "\x01\x02\x03\x04 \x05\x06\x07\x08\x0e\x0f"  # what a font without a Unicode map gives
    content = make_pdf([GUIDELINE_PAGE] * 3 + [[glyph_codes] * 5])
    folder, out, _ = folder_with(tmp_path, "one-broken", content)

    result = run_extract(str(folder), "-o", str(out))

    assert result.returncode == 0, result.stderr
    warnings = json.loads((out / "one-broken.json").read_text(encoding="utf-8"))["warnings"]
    assert "page 4 has text without a Unicode mapping (broken fonts); its content is not read" in warnings


def test_huge_page_count_finishes_within_the_time_limit(tmp_path):
    folder, out, bad = folder_with(tmp_path, "huge", make_pdf([GUIDELINE_PAGE] + [["Sivu"]] * 20_000))

    result = run_extract(str(folder), "-o", str(out), "--timeout", "15", timeout=600)

    assert result.returncode in (0, 2) and "Traceback" not in result.stderr
    if result.returncode == 2:
        assert result.stderr.splitlines() == [f"error: {bad}: timed out after 15 s of CPU time (see --timeout)"]
    else:
        assert json.loads((out / "huge.json").read_text(encoding="utf-8"))["guideline"]["pages"] == 20_001
    assert_good_one_written(out)


def test_debug_does_not_change_one_line_reasons_of_bad_files(tmp_path):
    folder, out, bad = folder_with(tmp_path, "empty", b"")

    result = run_extract(str(bad), "-o", str(out), "--debug")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {bad}: empty file (0 bytes)"]
