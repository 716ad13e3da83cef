"""Lines → headings and sections with paragraphs and tables; the cover's metadata.

Headings are found by typography (larger or bold lines, as measured on five producers in
../shared/notes), levels by numbering depth where there is numbering and by font size where not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..model import Document, Line, Table
from ..read.pdf import CELL_GAP
from ..read.textnorm import join_lines
from .document_words import DocumentWords
from .issuer_name import name_case, without_logo

_NUMBERING = re.compile(r"^\s*((?:\d{1,2}\.)*\d{1,2}\.?|[IVX]{1,5}\.?|[A-Ha-h]\))\s+(?=\S)")
_SENTENCE_END = (".", ":", ";", "!", "?")
_BULLET = re.compile(r"^(?:•|-|–|\d{1,2}\)|[a-h]\))\s")
_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")
# A first page with fewer lines of running text (body size, this many words) than this is a cover.
_COVER_MAX_TEXT_LINES = 3
_TEXT_LINE_WORDS = 5


@dataclass
class Paragraph:
    text: str
    breaks: list[tuple[int, int]]  # (offset in text, page from there on)

    def page_at(self, offset: int) -> int:
        page = self.breaks[0][1]
        for start, number in self.breaks:
            if start <= offset:
                page = number
        return page


@dataclass
class Section:
    heading: str
    level: int
    page: int
    blocks: list[Paragraph | Table] = field(default_factory=list)  # in reading order

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass
class Cover:
    issuer: str | None
    title: str | None
    valid_from: str | None


def numbering_depth(heading: str) -> int | None:
    match = _NUMBERING.match(heading)
    if not match:
        return None
    number = match.group(1).rstrip(".")
    return number.count(".") + 1 if number[0].isdigit() else 1


def is_heading(line: Line, body_size: float) -> bool:
    text = line.text
    if len(text) > 140 or len(text) < 3 or not any(map(str.isalpha, text)):
        return False
    if _BULLET.match(text):
        return False
    larger = line.size >= body_size + 0.9
    if not (larger or line.bold):
        return _plain_heading(text)
    # A bold sentence inside running text is emphasis, not a heading.
    return not (text.endswith(".") and len(text.split()) > 8 and not larger)


def _plain_heading(text: str) -> bool:
    """Headings typed in the body font: "7.3 Kodinhankinnat", or a chapter in capitals.

    Typewriter-style documents and some web-to-PDF tools mark headings only this way.
    """
    if text.endswith((".", ",", ";", ":")) or len(text.split()) > 10:
        return False
    letters = list(filter(str.isalpha, text))  # map and filter: a heading is asked of every line
    if len(letters) >= 6 and all(map(str.isupper, letters)):
        return True
    depth = numbering_depth(text)
    return depth is not None and depth >= 2 and text.split(" ", 1)[-1][:1].isupper()


def has_cover(doc: Document) -> bool:
    """Whether page 1 is a cover (title, issuer, date) rather than the start of the text.

    Covers measured on the corpus hold no line of running text; a web page printed to PDF or a
    one-page instruction starts its text, headings and rules on page 1.
    """
    if len(doc.pages) < 2:
        return False
    running_text = [ln for ln in doc.pages[0].lines if _is_running_text(ln, doc.body_size)]
    return len(running_text) < _COVER_MAX_TEXT_LINES


def _is_running_text(line: Line, body_size: float) -> bool:
    return abs(line.size - body_size) < 0.5 and len(line.text.split()) >= _TEXT_LINE_WORDS


def body_pages(doc: Document) -> list:
    return doc.pages[1:] if has_cover(doc) else doc.pages


def sections(doc: Document, words: DocumentWords) -> list[Section]:
    """Split the body (after the cover page, if there is one) into sections, one per heading."""
    body_size = doc.body_size
    heading_sizes = sorted({ln.size for p in body_pages(doc) for ln in p.lines if is_heading(ln, body_size)},
                           reverse=True)
    result: list[Section] = []
    current: Section | None = None
    pending: list[Line] = []  # lines of the paragraph being built
    items = _flow(doc)
    pitch = _line_pitch(items)

    def close_paragraph() -> None:
        nonlocal pending, current
        if pending and current is None:  # text before the first heading: a sheet's whole body
            current = Section(heading="", level=1, page=pending[0].page)
            result.append(current)
        if pending:
            current.blocks.append(_paragraph(pending, words.conjunctions))
        pending = []

    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if isinstance(item, Table):
            close_paragraph()
            if current is not None:
                current.blocks.append(item)
            continue
        line = item
        if is_heading(line, body_size):
            close_paragraph()
            parts = [line]
            while (index < len(items) and isinstance(items[index], Line)
                   and _continues_heading(parts[-1], items[index], body_size)):
                parts.append(items[index])
                index += 1
            heading = join_lines([p.text for p in parts], words.conjunctions)
            level = numbering_depth(heading) or (heading_sizes.index(line.size) + 1
                                                  if line.size in heading_sizes else len(heading_sizes) + 1)
            current = Section(heading=heading, level=level, page=line.page)
            result.append(current)
            continue
        if pending and _starts_paragraph(pending, line, pitch):
            close_paragraph()
        pending.append(line)
    close_paragraph()
    return result


def _flow(doc: Document) -> list[Line | Table]:
    """Lines and tables of the body pages in reading order (tables placed by their top)."""
    flow: list[Line | Table] = []
    for page in body_pages(doc):
        items: list[Line | Table] = _borderless_tables(page.lines)
        for table in sorted(page.tables, key=lambda t: t.top):
            items.insert(_table_place(items, table), table)
        flow.extend(items)
    return flow


def _table_place(items: list[Line | Table], table: Table) -> int:
    """Where a ruled table goes in the reading order: after the lowest line above it in its own
    column (tops alone would put a right-column table among the left column's lines; the last
    such line in content order may be a list mark drawn after the text, higher up)."""
    above = [i for i, item in enumerate(items)
             if item.bottom <= table.top + 1 and _overlaps(item, table)]
    if above:
        return max(above, key=lambda i: (items[i].bottom, i)) + 1
    below = [i for i, item in enumerate(items) if _overlaps(item, table)]
    return below[0] if below else len(items)


def _overlaps(item: Line | Table, table: Table) -> bool:
    return not table.x1 or (item.x0 < table.x1 and item.x1 > table.x0)


def _borderless_tables(lines: list[Line]) -> list[Line | Table]:
    """Turn runs of lines whose wide gaps line up into tables (tables drawn without rules).

    A run needs three aligned rows, or two with a header, and numbers in its value cells:
    the wide gaps of justified text do not line up like that.
    """
    result: list[Line | Table] = []
    rows_of = _rows_on_one_baseline(lines)
    rows = [row for row, _ in rows_of]
    index = 0
    while index < len(rows):
        run = [rows[index]] if rows[index].cells else []
        while run and index + len(run) < len(rows) and (
                _same_columns(run[-1], rows[index + len(run)])
                or (len(run) == 1 and _heads_columns(run[0], rows[index + len(run)]))):
            run.append(rows[index + len(run)])
        numeric = sum(any(c.isdigit() for _, text in line.cells[1:] for c in text) for line in run)
        if len(run) >= 3 and numeric >= 2:
            cells = tuple(tuple(text for _, text in line.cells) for line in run)
            result.append(Table(page=run[0].page, top=run[0].top, bottom=run[-1].bottom, rows=cells,
                                x0=min(line.x0 for line in run), x1=max(line.x1 for line in run)))
            index += len(run)
        else:
            result.extend(rows_of[index][1])
            index += 1
    return result


def _rows_on_one_baseline(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """Lines that PDFium gave apart but that stand side by side on one baseline, joined into one
    line with a cell per piece (a table row whose label and sums are separate text objects),
    each with the lines it was made of, so that a join which makes no table can be undone."""
    joined: list[tuple[Line, list[Line]]] = []
    for line in lines:
        if joined and _beside(joined[-1][0], line):
            row, parts = joined[-1]
            cells = (row.cells or ((row.x0, row.text),)) + (line.cells or ((line.x0, line.text),))
            joined[-1] = (replace(row, text=f"{row.text} {line.text}", x1=line.x1,
                                  bottom=max(row.bottom, line.bottom), cells=cells), parts + [line])
        else:
            joined.append((line, [line]))
    return joined


def _beside(left: Line, right: Line) -> bool:
    return (right.page == left.page and abs(right.bottom - left.bottom) < left.size * 0.3
            and right.x0 - left.x1 > CELL_GAP * left.size)


def _heads_columns(header: Line, row: Line) -> bool:
    """A header row over a first row whose cells are aligned differently (sums set to the right):
    each cell of the row starts under its own header cell."""
    starts = [x for x, _ in header.cells]
    return (len(row.cells) == len(starts) and row.page == header.page
            and 0 < row.top - header.top < header.size * 3
            and all(starts[j] - header.size <= x < (starts[j + 1] if j + 1 < len(starts) else float("inf"))
                    for j, (x, _) in enumerate(row.cells)))


def _same_columns(above: Line, line: Line) -> bool:
    return (len(line.cells) == len(above.cells) and line.page == above.page
            and 0 < line.top - above.top < above.size * 3
            and all(abs(a - b) <= above.size * 1.5 for (a, _), (b, _) in zip(above.cells, line.cells)))


def _continues_heading(prev: Line, nxt: Line, body_size: float) -> bool:
    return (nxt.page == prev.page and is_heading(nxt, body_size) and nxt.size == prev.size
            and nxt.bold == prev.bold and numbering_depth(nxt.text) is None
            and 0 <= nxt.top - prev.bottom < prev.size * 0.8 and not prev.text.endswith(_SENTENCE_END))


def _line_pitch(items: list[Line | Table]) -> float:
    """The usual distance between the baselines of two lines of one paragraph, in points.

    Producers differ (1.15 to 1.6 times the font size); a paragraph break is a larger step.
    """
    steps = Counter(round(b.bottom - a.bottom) for a, b in zip(items, items[1:])
                    if isinstance(a, Line) and isinstance(b, Line) and a.page == b.page
                    and a.size == b.size and 0 < b.bottom - a.bottom < a.size * 2.5)
    return float(steps.most_common(1)[0][0]) if steps else 0.0


def _starts_paragraph(pending: list[Line], line: Line, usual_pitch: float) -> bool:
    prev = pending[-1]
    if _BULLET.match(line.text):
        return True
    if _BULLET.match(pending[0].text) and line.text[:1].isupper() and not prev.text.endswith((",", "-")):
        return True  # a list item without a full stop, then the next paragraph
    if line.page != prev.page:
        return prev.text.endswith(_SENTENCE_END)
    pitch = line.bottom - prev.bottom  # baseline to baseline, near enough
    if pitch < -prev.size:  # up to the next column: like a page break
        return prev.text.endswith(_SENTENCE_END)
    return pitch > max(usual_pitch * 1.3, prev.size * 1.2) if usual_pitch else pitch > prev.size * 1.55


def _paragraph(lines: list[Line], conjunctions: frozenset[str]) -> Paragraph:
    breaks: list[tuple[int, int]] = [(0, lines[0].page)]
    text = ""
    for line in lines:
        if line.page != breaks[-1][1]:
            breaks.append((len(text), line.page))
        text = join_lines([text, line.text], conjunctions) if text else line.text
    return Paragraph(text=text, breaks=breaks)


# An issuer is a name, not a sentence: a few words, no full stop at the end.
_ISSUER_MAX_WORDS = 8


def _issuer_name(text: str, issuer_cue: re.Pattern) -> str | None:
    """The part of a title-block or footer line that names the issuer ("Esimerkkilän kaupunki,
    sosiaalipalvelut" → "Esimerkkilän kaupunki"); None for a body sentence."""
    for part in re.split(r"\s[|•·–/]\s|,\s|\s(?=www\.|https?://)", text):
        part = part.strip()
        if (issuer_cue.search(part) and part[:1].isupper() and not part.endswith(_SENTENCE_END)
                and len(part.split()) <= _ISSUER_MAX_WORDS):
            name = without_logo(part)
            return name if issuer_cue.search(name) else part
    return None


def _with_abbreviation(name: str, lines: list[Line]) -> str:
    """A cover's name and the abbreviation set in brackets on the line under it ("… KUNTAYHTYMÄ"
    / "(POSA)") are one name."""
    texts = [ln.text for ln in lines]
    at = next((i for i, text in enumerate(texts) if name in text), None)
    if at is not None and at + 1 < len(texts) and re.fullmatch(r"\(\w+\)", texts[at + 1].strip()):
        return f"{name} {texts[at + 1].strip()}"
    return name


def _fullest_name(names: list[str]) -> str | None:
    """The first name found, or a later one that holds it whole: a letterhead's short name
    ("Siun sote") and the footer's full one ("… kuntayhtymä Siun sote") are one issuer."""
    if not names:
        return None
    first = names[0]
    return next((n for n in names[1:] if len(n) > len(first) and re.search(
        rf"(?<!\w){re.escape(first)}(?!\w)", n, re.IGNORECASE)), first)


def cover(doc: Document, words: DocumentWords) -> Cover:
    """Issuer, title and validity date from the cover page, the way covers are laid out.

    The issuer comes from the cover or, without one, from page 1's title block (the lines before
    its running text), else from a running header or footer; never from a sentence; None when
    none of them names one."""
    first = doc.pages[0].lines if doc.pages else []
    block = first if has_cover(doc) else first[:next(
        (i for i, ln in enumerate(first) if _is_running_text(ln, doc.body_size)), len(first))]
    issuer = _fullest_name([name for ln in [*block, *_lines_of(doc.running_lines)]
                            if (name := _issuer_name(ln.text, words.issuer_cue))])
    if issuer:
        issuer = _with_abbreviation(issuer, block)
    if issuer and issuer.isupper():
        issuer = name_case(issuer, doc.running_lines)
    title_lines: list[Line] = []
    if first:
        biggest = max(ln.size for ln in first)
        title_lines = [ln for ln in first if ln.size == biggest and ln.text != issuer]
    title = join_lines([ln.text for ln in title_lines], words.conjunctions) or None
    return Cover(issuer=issuer, title=title, valid_from=_valid_from(doc, words.valid_from_cue))


def _lines_of(texts: list[str]) -> list[Line]:
    return [Line(text=t, page=1, x0=0, top=0, x1=0, bottom=0, size=0, bold=False) for t in texts]


# "Annettu 11.9.2024 – voimassa 1.10.2024 alkaen": the date of the clause that says "in force"
_CLAUSE_BREAK = re.compile(r"\s[–—|]\s|;\s|,\s")


def _valid_from(doc: Document, valid_from_cue: re.Pattern) -> str | None:
    for page in doc.pages[:2]:
        for line in page.lines:
            if valid_from_cue.search(line.text):
                clauses = [c for c in _CLAUSE_BREAK.split(line.text) if valid_from_cue.search(c) and _DATE.search(c)]
                match = _DATE.search(clauses[0] if clauses else line.text)
                if match:
                    return _iso(match)
    return None


def _iso(match: re.Match) -> str | None:
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def language(doc: Document, words: DocumentWords) -> str:
    """The document's language, one of rules/document.toml's `languages`."""
    return words.language(Counter(w for p in doc.pages for ln in p.lines for w in ln.text.casefold().split()))
