"""--ocr on the corpus document with a scanned page: "Oma Häme 2023.pdf", page 8 (funeral costs).

tests/expected/oma-hame-2023.json marks that category "needs_ocr": found only when the page is
read with Tesseract, and a warning names the page when it is not.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from guidecmp.extract.vocab import load_rules
from guidecmp.read.ocr import OcrUnavailable, install_hint, languages
from pdfbytes import SCAN, make_pdf
from conftest import ROOT

SCANNED = ROOT / "guidelines" / "Oma Häme 2023.pdf"
WANTED = load_rules().document.reader.ocr_languages  # from rules/document.toml
INSTALL_HINT = install_hint(WANTED)
TRUTH = json.loads((ROOT / "tests" / "expected" / "oma-hame-2023.json").read_text(encoding="utf-8"))


def tesseract_missing() -> str | None:
    try:
        languages(WANTED)
    except OcrUnavailable:
        return INSTALL_HINT
    return None


needs_tesseract = pytest.mark.skipif(tesseract_missing() is not None, reason=str(tesseract_missing()))


def extract(tmp_path: Path, *args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict | None]:
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "guidecmp", "extract", str(SCANNED), "-o", str(out),
                             "--no-cache", "-q", *args], cwd=ROOT, capture_output=True, text=True, env=env)
    written = out / "oma-hame-2023.json"
    return result, json.loads(written.read_text(encoding="utf-8")) if written.exists() else None


def category(record: dict, cid: str) -> dict | None:
    return next((c for c in record["categories"] if c["id"] == cid), None)


@pytest.fixture(scope="module")
def with_ocr(tmp_path_factory):
    return extract(tmp_path_factory.mktemp("ocr"), "--ocr")


@needs_tesseract
def test_ocr_finds_the_category_on_the_scanned_page_and_says_so(with_ocr):
    result, record = with_ocr

    assert result.returncode == 0, result.stderr
    expected = category(TRUTH, "funeral_costs")
    found = category(record, "funeral_costs")
    assert found is not None
    assert found["sections"] == [{"heading": "3.5. Hautausavustus", "page": 8}]
    assert [(a["value"], a["unit"], a["qualifier"], a["page"]) for a in found["amounts"]] == \
        [(a["value"], a["unit"], a["qualifier"], a["page"]) for a in expected["amounts"]]
    assert [(d["role"], d["page"]) for d in found["decision_makers"]] == \
        [(d["role"], d["page"]) for d in expected["decision_makers"]]
    assert "page 8 has no text layer; it was read with OCR" in record["warnings"]


@needs_tesseract
def test_ocr_body_text_is_not_taken_for_headings(with_ocr):
    """OCR gives no bold: sizes alone must keep running text of the scanned page out of the headings."""
    _, record = with_ocr

    on_page_8 = [s["heading"] for c in record["categories"] for s in c["sections"] if s["page"] == 8]
    on_page_8 += [s["heading"] for s in record["unmatched_sections"] if s["page"] == 8]
    assert on_page_8 == ["3.5. Hautausavustus"]


def test_without_ocr_the_category_is_missing_and_the_page_named(tmp_path):
    result, record = extract(tmp_path)

    assert result.returncode == 0, result.stderr
    assert category(record, "funeral_costs") is None
    assert "page 8 has no text layer (scanned?); its content is not read (see --ocr)" in record["warnings"]


def test_ocr_without_tesseract_says_how_to_install_it(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result, record = extract(tmp_path, "--ocr", env={"PATH": str(empty), "HOME": str(tmp_path)})

    assert result.returncode == 2 and record is None
    assert result.stderr.splitlines() == [f"error: {SCANNED}: {INSTALL_HINT}"]
    assert "apt-get install tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe" in INSTALL_HINT


@needs_tesseract
def test_tesseract_languages_are_finnish_and_swedish():
    assert set(languages(WANTED).split("+")) == {"fin", "swe"}


@needs_tesseract
def test_a_scanned_page_too_large_to_render_meets_the_memory_limit_cleanly(tmp_path):
    """A 5 × 5 m "scan" would render to 3.6 GB at OCR resolution: the worker's limit stops it."""
    huge = make_pdf([["# 1 Kodinhankinnat", "Kodinhankintoihin voidaan myöntää enintään 400 euroa."], SCAN])
    bad = tmp_path / "huge-scan.pdf"
    bad.write_bytes(huge.replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]"))

    result = subprocess.run([sys.executable, "-m", "guidecmp", "extract", str(bad), "-o", str(tmp_path / "out"),
                             "--no-cache", "-q", "--ocr"], cwd=ROOT, capture_output=True, text=True, timeout=60)

    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {bad}: ") and ("memory limit" in line), line
