"""Optional OCR for scanned pages, with the Tesseract command (Finnish and Swedish data).

The tesseract program is called directly with an argument list (no shell, no extra Python
package): it is what any wrapper would call, and its TSV output gives word boxes from which lines,
positions and a font-size estimate follow, as the heading detector needs.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path

from .model import Line
from .textnorm import normalise

INSTALL_HINT = ("--ocr needs the tesseract program with Finnish and Swedish data: "
                "apt-get install tesseract-ocr tesseract-ocr-fin tesseract-ocr-swe")
_DPI = 300
# Tesseract's word box for Latin text is about 0.72 of the font size (ascender to descender).
_BOX_TO_POINTS = 1 / 0.72


class OcrUnavailable(RuntimeError):
    pass


def languages() -> str:
    """The Tesseract languages to use: Finnish and Swedish where installed."""
    if not shutil.which("tesseract"):
        raise OcrUnavailable(INSTALL_HINT)
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    wanted = [lang for lang in ("fin", "swe") if lang in listed.split()]
    if not wanted:
        raise OcrUnavailable(INSTALL_HINT)
    return "+".join(wanted)


def page_lines(page, number: int, langs: str, timeout: float = 120) -> list[Line]:
    """OCR one pypdfium2 page into Lines in PDF points (top-left origin, as the reader gives)."""
    scale = _DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    with tempfile.TemporaryDirectory(prefix="guidecmp-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        result = subprocess.run(["tesseract", str(png), "stdout", "-l", langs, "--psm", "3", "tsv"],
                                capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise OcrUnavailable(f"tesseract failed: {result.stderr.strip().splitlines()[-1:]}")
    lines: dict[tuple[str, str, str], list[dict]] = {}
    for row in csv.DictReader(result.stdout.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and row.get("text", "").strip() and float(row.get("conf") or -1) >= 0:
            lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(row)
    found: list[Line] = []
    for words in lines.values():
        left = min(int(w["left"]) for w in words) / scale
        top = min(int(w["top"]) for w in words) / scale
        right = max(int(w["left"]) + int(w["width"]) for w in words) / scale
        bottom = max(int(w["top"]) + int(w["height"]) for w in words) / scale
        heights = sorted(int(w["height"]) for w in words)
        size = round(heights[len(heights) // 2] / scale * _BOX_TO_POINTS)
        text = normalise(" ".join(w["text"] for w in words))
        if text:
            found.append(Line(text=text, page=number, x0=round(left, 1), top=round(top, 1), x1=round(right, 1),
                              bottom=round(bottom, 1), size=float(size), bold=False))
    found.sort(key=lambda ln: (ln.top, ln.x0))
    return found
