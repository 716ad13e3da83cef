"""Optional OCR for scanned pages, with the Tesseract command (the languages of rules/document.toml).

The tesseract program is called directly with an argument list (no shell, no extra Python
package): it is what any wrapper would call. Its hOCR output gives lines with positions and
Tesseract's own model of each text row (x-height, ascenders, descenders), from which a font size
follows that the heading detector can use. Word boxes cannot give that: a word's box grows with
its letters (a line full of "g", "j", "y" measured larger than a heading without them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from ..model import Line
from .textnorm import normalise

_DPI = 300
# The x-height of common text faces is about half the font size (Arial .52, Calibri .47, Times .45);
# the reader also fits each OCR'd page's body text to the document's (reader._fit_ocr_sizes).
_X_HEIGHT_SHARE = 0.5
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
# Tesseract's OpenMP threads spin against each other and against the other workers: one thread
# per page is 4-6 times faster here (2.9 s → 0.7 s for a page on 2 cores).
_ONE_THREAD = {"OMP_THREAD_LIMIT": "1"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class OcrUnavailable(RuntimeError):
    pass


def install_hint(wanted: tuple[str, ...]) -> str:
    return (f"--ocr needs the tesseract program with {'+'.join(wanted)} data: apt-get install tesseract-ocr "
            + " ".join(f"tesseract-ocr-{lang}" for lang in wanted))


def languages(wanted: tuple[str, ...]) -> str:
    """The Tesseract languages to use: those `wanted` (rules/document.toml) that are installed."""
    if not shutil.which("tesseract"):
        raise OcrUnavailable(install_hint(wanted))
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    installed = [lang for lang in wanted if lang in listed.split()]
    if not installed:
        raise OcrUnavailable(install_hint(wanted))
    return "+".join(installed)


def page_lines(page, number: int, langs: str, timeout: float = 120) -> list[Line]:
    """OCR one pypdfium2 page into Lines in PDF points (top-left origin, as the reader gives)."""
    scale = _DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    with tempfile.TemporaryDirectory(prefix="guidecmp-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        result = subprocess.run(["tesseract", str(png), "stdout", "-l", langs, "--psm", "3", "hocr"],
                                capture_output=True, text=True, timeout=timeout, check=False,
                                env={**os.environ, **_ONE_THREAD})
    if result.returncode != 0:
        raise OcrUnavailable(f"tesseract failed: {result.stderr.strip().splitlines()[-1:]}")
    found: list[Line] = []
    for element in ElementTree.fromstring(result.stdout).iter():
        if element.get("class") not in _LINE_CLASSES:
            continue
        words = ("".join(w.itertext()).strip() for w in element.iter() if w.get("class") == "ocrx_word")
        text = normalise(" ".join(w for w in words if w))
        if not text:
            continue
        row = _properties(element.get("title", ""))
        left, top, right, bottom = row["bbox"]
        x_size = row.get("x_size", [bottom - top])[0]
        x_height = x_size - row.get("x_ascenders", [0])[0] - row.get("x_descenders", [0])[0]
        found.append(Line(text=text, page=number, x0=round(left / scale, 1), top=round(top / scale, 1),
                          x1=round(right / scale, 1), bottom=round(bottom / scale, 1),
                          size=round(x_height / scale / _X_HEIGHT_SHARE, 1), bold=False))
    found.sort(key=lambda ln: (ln.top, ln.x0))
    return found


def _properties(title: str) -> dict[str, list[float]]:
    """hOCR's `title` ("bbox 296 151 1415 184; x_size 32; ...") as numbers per property."""
    properties = {}
    for part in title.split(";"):
        name, _, values = part.strip().partition(" ")
        properties[name] = [float(v) for v in _NUMBER.findall(values)]
    return properties
