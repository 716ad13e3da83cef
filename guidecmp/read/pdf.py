"""PDF → pages of clean text lines (with size, boldness, position) and ruled tables.

Text comes from PDFium (pypdfium2): about as fast as pdftotext, honours ActualText (so Chromium's
soft hyphens come out as whole words) and keeps two-column order. Ruled tables are built from
the page's own path objects with pdfplumber's grid rules, without its second, ~50× slower parse
(ruling.py). Measurements behind these choices: ../shared/notes/pdf-reading-measurements.md.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
from collections import Counter
from dataclasses import replace
from itertools import compress, repeat
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr as ocr_module
from ..model import Document, Line, Page, Table
from . import ruling
from .textnorm import HYPHEN_BREAK, normalise, resolve_hyphen_breaks, undouble
from .words import ReaderWords


class ReadError(Exception):
    """A file that cannot be read at all; the message is the one-line reason shown to users."""


# Running headers and footers live in these top/bottom shares of the page.
_MARGIN_SHARE = 0.09
_DIGITS = re.compile(r"\d+")
_PUNCTUATION = re.compile(r"[\W_]+")
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|(?:\. ){3,}|_{3,})\s*\d{1,3}$|\s\d{1,3}$")
_LEADER = re.compile(r"(?:\.{3,}|…{2,}|(?:\. ){3,}|_{3,})\s*\d{1,3}$")
# The inked run of a word: no blanks, no hyphen marks at its ends.
_WORD = re.compile(f"[^\\s{HYPHEN_BREAK}](?:[^\\s]*[^\\s{HYPHEN_BREAK}])?")
# Characters that leave ink, in runs: neither blanks nor hyphen marks.
_INKED_RUN = re.compile(f"[^\\s{HYPHEN_BREAK}]+")
# A gap this many font sizes wide inside a line separates the cells of a table without rules.
CELL_GAP = 1.8
# Path objects on a page before it is worth looking for a ruled table (a 2×2 grid has ~6).
_TABLE_MIN_PATHS = 6
_FONT_BUF = ctypes.create_string_buffer(256)
# Lines of one size that make an OCR'd page's body text, enough to fit its sizes by.
_PARAGRAPH_LINES = 5
# Form XObjects nested this deep draw themselves: PDFium itself only stops such a cycle at 40 levels.
_FORM_DEPTH_LIMIT = 12
# What a font without a Unicode map gives: control codes, private-use code points, U+FFFD.
_UNDECODABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
# Above this share of a page's characters the text is junk, not a few odd symbols.
_UNDECODABLE_SHARE = 0.2


# The PDFium functions called per character or per page object, declared with plain addresses.
# pypdfium2 declares each handle as a typed pointer: ctypes then checks every argument's type and
# wraps every returned handle in a new pointer object, which costs more than PDFium's own work for
# a character box or an object's type. Declared with c_void_p they take and give ints (~600
# objects and ~450 word edges a page). Everything else goes through pypdfium2 as usual.
def _address(handle) -> int:
    """The address a typed pypdfium2 handle (page, text page, page object) points to."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _plain(function, result, *arguments):
    return ctypes.CFUNCTYPE(result, *arguments)(_address(function))


def _typed_object(obj: int):
    """A page object's address as pypdfium2's typed handle, for the functions declared there."""
    return ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)


_char_box = _plain(pdfium_c.FPDFText_GetCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                   *[ctypes.c_void_p] * 4)  # (text page, index, &left, &right, &bottom, &top) → ok
_font_size = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, ctypes.c_void_p, ctypes.c_int)
_font_weight = _plain(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int, ctypes.c_void_p, ctypes.c_int)
_page_object = _plain(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_form_object = _plain(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_object_type = _plain(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)


def read_pdf(path: Path | str, words: ReaderWords, password: str | None = None, ocr: bool = False) -> Document:
    """Read a guideline PDF; raise ReadError with a one-line reason when it cannot be read.

    `words` are the contents titles, page markers and conjunctions of rules/document.toml. With
    `ocr`, pages without a text layer are read with Tesseract (see ocr.py) in its OCR languages.
    """
    path = Path(path)
    data = _load_bytes(path)
    ocr_languages = None
    if ocr:
        try:
            ocr_languages = ocr_module.languages(words.ocr_languages)
        except ocr_module.OcrUnavailable as exc:
            raise ReadError(str(exc)) from None
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        raise ReadError(_pdfium_reason(str(exc), password)) from None
    warnings: list[str] = []
    try:
        pages, unreadable = _read_pages(pdf, warnings, ocr_languages, words.conjunctions)
    finally:
        pdf.close()
    if not pages:
        raise ReadError("corrupt PDF: no pages")
    blank = sum(1 for p in pages if not p.lines and not p.image_only and p.number not in unreadable)
    if unreadable and (len(unreadable) + blank) * 2 > len(pages):
        first = min(unreadable)
        raise ReadError(f"corrupt PDF: {len(unreadable) + blank} of {len(pages)} pages unreadable"
                        f"{' or blank' if blank else ''}; page {first} {unreadable[first]}")
    if all(not p.lines for p in pages):
        if any(p.image_only for p in pages):
            raise ReadError("no text layer — scanned? see --ocr")
        raise ReadError("empty: no text on any page")
    running = _drop_running_lines(pages, words.page_marker)
    _drop_toc(pages, words.contents_title)
    body = _body_size([p for p in pages if not p.image_only]) or _body_size(pages)
    _fit_ocr_sizes(pages, body)
    return Document(path=str(path), sha256=hashlib.sha256(data).hexdigest(), pages=pages,
                    body_size=body, warnings=warnings, running_lines=running)


def _load_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from None
    if not data:
        raise ReadError("empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        head = data[:40].decode("utf-8", "replace").strip().splitlines()
        shown = head[0][:30] if head else ""
        raise ReadError(f"not a PDF (starts with {shown!r})")
    return data


def _pdfium_reason(message: str, password: str | None) -> str:
    if "password" in message.casefold():
        return "encrypted, wrong password" if password else "encrypted, use --password"
    detail = message.split("(PDFium: ", 1)[-1].rstrip(").")
    return f"corrupt PDF ({detail.strip().lower() or 'cannot be parsed'})"


def _read_pages(pdf: pdfium.PdfDocument, warnings: list[str],
                ocr_languages: str | None, conjunctions: frozenset[str]) -> tuple[list[Page], dict[int, str]]:
    """The pages (their ruled tables found) and why each unreadable page is so."""
    pages: list[Page] = []
    unreadable: dict[int, str] = {}
    for index in range(len(pdf)):
        number = index + 1
        try:
            page = pdf[index]
        except pdfium.PdfiumError:
            unreadable[number] = "cannot be loaded"
            pages.append(Page(number=number, width=0, height=0, lines=[]))
            continue
        tables: list[Table] = []
        try:
            width, height = page.get_size()
            lines, kinds, problem, tables = _page_content(page, number, width, height, conjunctions)
            image_only = not lines and not problem and kinds.get(pdfium_c.FPDF_PAGEOBJ_IMAGE, 0) > 0
            if image_only and ocr_languages:
                lines = ocr_module.page_lines(page, number, ocr_languages)
                warnings.append(f"page {number} has no text layer; it was read with OCR")
            elif image_only:
                warnings.append(f"page {number} has no text layer (scanned?); its content is not read "
                                "(see --ocr)")
        finally:
            page.close()
        if problem:
            unreadable[number] = problem
            warnings.append(f"page {number} {problem}; its content is not read")
        pages.append(_with_tables(Page(number=number, width=width, height=height,
                                       lines=_reading_order(lines, width), image_only=image_only), tables))
    return pages, unreadable


def _page_content(page: pdfium.PdfPage, number: int, width: float, height: float,
                  conjunctions: frozenset[str]) -> tuple[list[Line], Counter, str | None, list[Table]]:
    """The page's lines, kinds of objects and ruled tables, or no lines and why the page cannot be read."""
    kinds: Counter = Counter()
    paths: list[tuple[object, ruling.Matrix]] = []
    try:
        endless = _walk_objects(page.raw, None, ruling.IDENTITY, 0, kinds, paths)
    except pdfium.PdfiumError:
        return [], Counter(), "cannot be loaded", []
    if endless:
        return [], kinds, "draws itself without end (circular form XObjects)", []
    textpage = page.get_textpage()
    try:
        chars = _PageText(textpage, page.get_rotation(), width, height)
        lines = _page_lines(chars, number, width, height, conjunctions)
        characters = sum(len(line.text) - line.text.count(" ") for line in lines)
        undecodable = sum(len(_UNDECODABLE.findall(line.text)) for line in lines)
        if characters and undecodable > characters * _UNDECODABLE_SHARE:
            return [], kinds, "has text without a Unicode mapping (broken fonts)", []
        tables = _ruled_tables(chars, paths, number, height, conjunctions) if len(paths) >= _TABLE_MIN_PATHS else []
    finally:
        textpage.close()
    return lines, kinds, None, tables


def _ruled_tables(chars: _PageText, paths: list[tuple[object, ruling.Matrix]], number: int,
                  height: float, conjunctions: frozenset[str]) -> list[Table]:
    """The page's ruled tables of at least two rows and two columns (the text page still open)."""
    return [Table(page=number, top=top, bottom=bottom, rows=rows, x0=x0, x1=x1)
            for (x0, top, x1, bottom), rows in ruling.ruled_tables(ruling.path_edges(paths, height), chars.text,
                                                                   chars.raw, height, conjunctions)
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2]


def _walk_objects(parent, form, matrix: ruling.Matrix, level: int, kinds: Counter,
                  paths: list[tuple[object, ruling.Matrix]]) -> bool:
    """Count the page's objects by kind, into form XObjects, and keep each path with its form's matrix.

    True when forms nest to _FORM_DEPTH_LIMIT: a form that draws itself.
    """
    if form is None:
        count, get, holder = pdfium_c.FPDFPage_CountObjects(parent), _page_object, parent
    else:
        count, get, holder = pdfium_c.FPDFFormObj_CountObjects(form), _form_object, form
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    endless = False
    path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    # ~600 objects a page, nearly all text: fetched, typed and counted by map() and Counter in C,
    # and only the paths and forms visited one by one
    objects = list(map(get, repeat(_address(holder), count), range(count)))
    if not all(objects):
        raise pdfium.PdfiumError("Failed to get pageobject.")
    types = list(map(_object_type, objects))
    kinds.update(types)
    for obj, kind in compress(zip(objects, types), map({path_kind, form_kind}.__contains__, types)):
        if kind == path_kind:
            paths.append((_typed_object(obj), matrix))
        elif kind == form_kind:
            if level == _FORM_DEPTH_LIMIT - 1:
                endless = True
            else:
                obj = _typed_object(obj)
                inner = ruling.compose(ruling.object_matrix(obj), matrix)
                endless = _walk_objects(None, obj, inner, level + 1, kinds, paths) or endless
    return endless


class _PageText:
    """A page's text, with the box and font size of a character asked of PDFium only when needed.

    Most characters need neither: a line is measured by its first and last, and a gap wide enough
    to split on stands between words (PDFium writes a space into any such gap, its own where the
    file has none), so only the characters at word edges are looked at.
    """

    def __init__(self, textpage: pdfium.PdfTextPage, rotation: int = 0, width: float = 0.0, height: float = 0.0):
        self.raw = textpage.raw
        # A landscape page is often a portrait page turned by /Rotate; PDFium gives its character
        # boxes unturned, so lines, gaps and cells would be measured along the wrong axis.
        self._rotation = rotation % 360
        self._shown_width, self._shown_height = width, height
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:  # surrogate pairs or a producer quirk: fall back to per-char text
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(self.raw, i)) for i in range(count))
        self.text = text
        self.address = _address(self.raw)
        self._boxes: dict[int, tuple[float, float, float, float]] = {}
        self._edges = (ctypes.c_double * 4)()  # left, right, bottom, top: PDFium's order
        first = ctypes.addressof(self._edges)
        self._edge_addresses = tuple(first + i * ctypes.sizeof(ctypes.c_double) for i in range(4))

    def box(self, index: int) -> tuple[float, float, float, float]:
        """PDFium's tight (left, bottom, right, top) of one character, on the page as shown."""
        box = self._boxes.get(index)
        if box is None:
            if not _char_box(self.address, index, *self._edge_addresses):
                raise pdfium.PdfiumError("Failed to get charbox.")
            left, right, bottom, top = self._edges[:]  # a slice: iterating a ctypes array is 6× slower
            box = self._boxes[index] = (self._shown(left, bottom, right, top) if self._rotation
                                        else (left, bottom, right, top))
        return box

    def _shown(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        width, height = self._shown_width, self._shown_height
        if self._rotation == 90:  # turned clockwise: the unturned width is the shown height
            return bottom, height - right, top, height - left
        if self._rotation == 270:
            return width - top, left, width - bottom, right
        if self._rotation == 180:
            return width - right, height - top, width - left, height - bottom
        return left, bottom, right, top

    def size(self, index: int) -> float:
        return _font_size(self.address, index)


def _page_lines(chars: _PageText, number: int, width: float, height: float,
                conjunctions: frozenset[str]) -> list[Line]:
    """Cut PDFium's page text into visual lines and measure each one."""
    lines: list[Line] = []
    start = 0
    for end in _line_ends(chars):
        for seg_start, seg_end, cell_starts in _gutter_split(chars, start, end, width):
            line = _measure(chars, seg_start, seg_end, cell_starts, number, height, conjunctions)
            if line is not None:
                lines.append(line)
        start = end
    return lines


def _line_ends(chars: _PageText) -> list[int]:
    """Indices where a visual line ends: PDFium's line breaks, and hyphen marks that jump lines."""
    text = chars.text
    ends: list[int] = []
    position = text.find("\n")
    while position >= 0:
        ends.append(position + 1)
        position = text.find("\n", position + 1)
    mark = text.find(HYPHEN_BREAK)
    while 0 <= mark < len(text) - 1:
        here, after = chars.box(mark - 1 if mark else mark), chars.box(mark + 1)
        if abs(here[1] - after[1]) > max(2.0, (here[3] - here[1]) * 0.6):
            ends.append(mark + 1)  # the mark stays at the end of the upper line
        mark = text.find(HYPHEN_BREAK, mark + 1)
    ends.sort()
    ends.append(len(text))
    return ends


def _gutter_split(chars: _PageText, start: int, end: int, width: float) -> list[tuple[int, int, list[int]]]:
    """Split a line where a wide gap across the middle of the page shows two columns drawn row by row.

    Justified text has wide gaps too, but never across the gutter of its own column. Narrower wide
    gaps are kept as cell starts: a row of a table drawn without lines.
    """
    middle = width / 2
    pieces: list[tuple[int, int, list[int]]] = []
    previous_right = None
    piece_start = start
    cells: list[int] = []
    for word in _WORD.finditer(chars.text, start, end):
        first, last = word.start(), word.end() - 1
        left, bottom, _, top = chars.box(first)
        if previous_right is not None and left > previous_right:  # only a gap needs the font size
            gap = left - previous_right
            size = abs(chars.size(first) or (top - bottom))  # < 0 in damaged files
            if gap > 2.5 * size and previous_right < middle < left:
                pieces.append((piece_start, first, cells))
                piece_start, cells = first, []
            elif gap > CELL_GAP * size:
                cells.append(first)
        previous_right = chars.box(last)[2]
    pieces.append((piece_start, end, cells))
    return pieces


def _measure(chars: _PageText, start: int, end: int, cell_starts: list[int], number: int,
             height: float, conjunctions: frozenset[str]) -> Line | None:
    text = chars.text
    raw = text[start:end]
    if raw.endswith(HYPHEN_BREAK) and start < end:
        raw = raw[:-1] + "-"
    cleaned = _clean(raw, conjunctions)
    if not cleaned:
        return None
    inked = [(run.start(), run.end()) for run in _INKED_RUN.finditer(text, start, end)]
    if not inked:
        return None
    first, last = inked[0][0], inked[-1][1] - 1
    left, bottom, _, top = chars.box(first)
    _, bottom2, right, top2 = chars.box(last)
    sample = [first, _nth_inked(inked, sum(b - a for a, b in inked) // 2), last]
    sizes = [chars.size(i) for i in sample]
    size = round(sorted(sizes)[1], 1)
    bounds = [start, *cell_starts, end]
    cells = tuple((round(chars.box(max(a, first))[0], 1), _clean(text[a:b], conjunctions))
                  for a, b in zip(bounds, bounds[1:])) if cell_starts else ()
    return Line(text=cleaned, page=number, x0=round(left, 1), top=round(height - max(top, top2), 1),
                x1=round(right, 1), bottom=round(height - min(bottom, bottom2), 1), size=size,
                bold=all(_is_bold(chars, i) for i in sample), cells=cells)


def _nth_inked(runs: list[tuple[int, int]], n: int) -> int:
    """The index of the n-th (from 0) inked character of a line, from its inked runs."""
    for start, end in runs:
        if n < end - start:
            return start + n
        n -= end - start
    raise IndexError(n)


def _clean(raw: str, conjunctions: frozenset[str]) -> str:
    return normalise(undouble(resolve_hyphen_breaks(raw.replace("\r", "").replace("\n", ""), conjunctions)))


def _is_bold(chars: _PageText, index: int) -> bool:
    weight = _font_weight(chars.address, index)
    if weight >= 600:
        return True
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(chars.raw, index, _FONT_BUF, len(_FONT_BUF), ctypes.byref(flags))
    name = _FONT_BUF.value.decode("latin-1").casefold()
    return any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b"))


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    """Put two-column text in column order: left column, then right, between full-width lines."""
    gutter = width / 2
    left = [ln for ln in lines if ln.x1 < gutter]
    right = [ln for ln in lines if ln.x0 > gutter]
    if len(left) < 5 or len(right) < 5 or _median_width(left) < width * 0.25 or _median_width(right) < width * 0.25:
        return _floating_block_in_place(lines, gutter)  # one column (or a borderless table)
    ordered: list[Line] = []
    band_left: list[Line] = []
    band_right: list[Line] = []
    for line in lines:  # PDFium's order: content order, right within each column
        if line.x1 < gutter:
            band_left.append(line)
        elif line.x0 > gutter:
            band_right.append(line)
        else:  # spans the gutter: a full-width heading, header or footer closes the band
            ordered += band_left + band_right + [line]
            band_left, band_right = [], []
    return ordered + band_left + band_right


def _floating_block_in_place(lines: list[Line], middle: float) -> list[Line]:
    """A boxed note ("Huomioitavaa") that the content stream draws after the whole page, put
    back where it stands, so that the text after it on the page does not land in its section.
    Only the page's last run of lines moves, and only when it jumps back up the page into a band
    of its own, starting left of the middle and reaching past it: a borderless table's right
    column stands beside its left one, not in a band of its own."""
    start = len(lines) - 1
    while start > 0 and lines[start].top > lines[start - 1].top:
        start -= 1
    if start <= 0 or start == len(lines) - 1:
        return lines  # in order, or a single line out of place (a page number, a footnote mark)
    run, rest = lines[start:], lines[:start]
    if not (all(ln.x0 < middle for ln in run) and max(ln.x1 for ln in run) > middle):
        return lines
    if any(run[0].top <= ln.top <= run[-1].bottom for ln in rest):
        return lines
    at = next((i for i, ln in enumerate(rest) if ln.top > run[0].top), len(rest))
    return rest[:at] + run + rest[at:]


def _median_width(lines: list[Line]) -> float:
    widths = sorted(ln.x1 - ln.x0 for ln in lines)
    return widths[len(widths) // 2]


def _drop_running_lines(pages: list[Page], page_marker: re.Pattern) -> list[str]:
    """Remove headers, footers and page numbers: lines in the margins that repeat across pages.

    Returns the repeated lines' texts (once each): a footer often names the issuer."""
    with_text = [p for p in pages if p.lines]
    if not with_text:
        return []

    def key(line: Line) -> str:
        return _DIGITS.sub("#", _PUNCTUATION.sub(" ", line.text.casefold()))  # OCR reads "–" as "-"

    def in_margin(page: Page, line: Line) -> bool:
        band = page.height * _MARGIN_SHARE
        return line.top < band or line.bottom > page.height - band

    seen = Counter(k for p in with_text for k in {key(ln) for ln in p.lines if in_margin(p, ln)})
    needed = max(2, len(with_text) // 3)
    running = list(dict.fromkeys(ln.text for p in with_text for ln in p.lines
                                 if in_margin(p, ln) and seen[key(ln)] >= needed))
    for page in with_text:
        page.lines = [
            ln for ln in page.lines
            if not (in_margin(page, ln) and (seen[key(ln)] >= needed or page_marker.match(ln.text)))
        ]
    return running


def _drop_toc(pages: list[Page], contents_title: re.Pattern) -> None:
    """Remove tables of contents: from the TOC title (or first entry) to the last entry.

    Entries end in page numbers after dot leaders; an entry that wraps leaves pieces without a
    number, so the whole span is dropped, not only the numbered lines. Under a TOC title, entries
    without leaders or page numbers are lines that the document repeats later (as headings).
    """
    last_seen = {_toc_key(ln.text): (p, i) for p, page in enumerate(pages) for i, ln in enumerate(page.lines)}
    for number, page in enumerate(pages):
        lines = page.lines
        title = next((i for i, ln in enumerate(lines[:8]) if contents_title.match(ln.text)), None)
        entries = [i for i, ln in enumerate(lines) if _ends_in_digit(ln.text)
                   and (_LEADER.search(ln.text) or (title is not None and _TOC_ENTRY.search(ln.text)))]
        if title is None and len(entries) < 4:
            continue
        first = title if title is not None else entries[0]
        last = max(entries, default=first)
        if title is not None:
            last = _last_repeated_entry(lines, last, lambda i: last_seen[_toc_key(lines[i].text)] > (number, i))
        page.lines = lines[:first] + lines[last + 1:]


def _toc_key(text: str) -> str:
    return " ".join((_TOC_ENTRY.sub("", text) if _ends_in_digit(text) else text).casefold().split())


def _ends_in_digit(text: str) -> bool:
    """Whether _TOC_ENTRY or _LEADER may match: both end in a digit before $, which is the end or a
    final newline (\\d is what isdecimal() is). Most lines end otherwise, and the regexes would
    try every place of the line to find that out."""
    return text[-1:].isdecimal() or text[-2:-1].isdecimal()


def _last_repeated_entry(lines: list[Line], last: int, reappears) -> int:
    """Extend a TOC over the following lines that reappear later in the document, one wrapped
    piece between two entries allowed."""
    index = last + 1
    while index < len(lines):
        if reappears(index):
            last = index
        elif not (index + 1 < len(lines) and reappears(index + 1)):
            break
        index += 1
    return last


def _fit_ocr_sizes(pages: list[Page], body: float) -> None:
    """Scale each OCR'd page's sizes so that its body text gets the document's body size.

    OCR sizes follow from the x-height, which differs between typefaces; a page's most common
    size is its body text, as on every other page, once there is a paragraph of it (a scanned
    cover with a title and two lines is left alone).
    """
    for page in pages:
        if not (page.image_only and page.lines):
            continue
        page_body = _body_size([page])
        if sum(line.size == page_body for line in page.lines) >= _PARAGRAPH_LINES:
            factor = body / page_body
            page.lines = [replace(line, size=round(line.size * factor, 1)) for line in page.lines]


def _body_size(pages: list[Page]) -> float:
    sizes = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _with_tables(page: Page, tables: list[Table]) -> Page:
    """The page with its ruled tables, whose lines are taken out of the running text."""
    for table in tables:
        page.tables.append(table)
        page.lines = [ln for ln in page.lines
                      if not (table.top - 1 <= (ln.top + ln.bottom) / 2 <= table.bottom + 1
                              and table.x0 - 1 <= ln.x0 and ln.x1 <= table.x1 + 1)]
    return page
