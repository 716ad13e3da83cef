#!/usr/bin/env python3
"""Build the sample guideline corpus: render guidelines/sources/*.md to PDFs and fill the truth pages.

    python3 scripts/build_corpus.py [--only ID ...] [--keep-work DIR] [--jobs N]
                                    [--sources DIR] [--out DIR] [--expected DIR]

Each source (TOML front matter + a small Markdown subset, see guidelines/sources/FORMAT.md) is
rendered by one of four producers (LibreOffice via .docx, Chromium via HTML, reportlab, fpdf2), so
the corpus has the variety of real PDFs: different fonts, text order, bullets, soft hyphens, table
rulings and metadata. Page numbers in the table of contents come from a first render: we look up on
which page each heading landed (pdftotext, independent of guidecmp) and render again.

Afterwards `tests/expected/<id>.json` gets its machine-known fields: sha256, page count and the page
of every section, amount and decision rule. Texts the truth names but the source or the PDF does not
contain are reported and make the script exit non-zero.

This is a development tool; it uses guidecmp only for the id rule (slugify).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import dataclasses
import datetime as dt
import hashlib
import html
import json
import multiprocessing.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from pathlib import Path

from guidecmp.model import slugify  # the id rule must be guidecmp's own

REPO = Path(__file__).resolve().parent.parent
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
SHY = "\u00ad"
PRODUCERS = ("libreoffice", "chromium", "reportlab", "fpdf2")
MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210 * MM, 297 * MM
# Margins (mm): left, right, top, bottom. Header/footer sit in the top/bottom margins.
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 25, 20, 25, 25
BODY_PT, H_PT = 11, {1: 15.5, 2: 13, 3: 11.5}
HF_PT = 9
TOC_PLACEHOLDER = 88  # page number printed in the TOC during the first pass (two digits wide)


class SourceError(Exception):
    """A source file that this script cannot understand; the message names file and line."""


# --------------------------------------------------------------------------- parsing

@dataclasses.dataclass
class Block:
    kind: str  # heading | para | bullets | numbers | table | toc | pagebreak
    line: int
    level: int = 0
    text: str = ""  # heading text
    runs: list = dataclasses.field(default_factory=list)  # para: [(text, bold)]
    items: list = dataclasses.field(default_factory=list)  # lists: [runs]; numbers: [(label, runs)]
    rows: list = dataclasses.field(default_factory=list)  # table: [[runs per cell]]
    borderless: bool = False
    new_page: bool = False  # set by make_plan: this block starts a new page


@dataclasses.dataclass
class Source:
    path: Path
    meta: dict
    blocks: list

    @property
    def id(self) -> str:
        return self.meta["id"]


META_REQUIRED = {"id": str, "file": str, "issuer": str, "title": str, "valid_from": str,
                 "language": str, "producer": str}
META_OPTIONAL = {"columns": (int, 1), "cover_label": (str, ""), "cover_lines": (list, []),
                 "header": (str, ""), "footer": (str, ""), "toc_title": (str, ""),
                 "hyphenate": (bool, False), "scanned_heading": (str, ""),
                 "chapter_page_break": (bool, True)}


def parse_source(path: Path) -> Source:
    """Read front matter and body; raise SourceError naming file:line for anything unexpected."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise SourceError(f"{path}:1: the file must start with a '+++' line (TOML front matter)")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise SourceError(f"{path}:1: front matter is not closed by a second '+++' line") from None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as e:
        raise SourceError(f"{path}: front matter (lines 2-{end}): {e}") from None
    check_meta(path, meta)
    blocks = parse_body(path, lines[end + 1:], first_line=end + 2)
    return Source(path, meta, blocks)


def check_meta(path: Path, meta: dict) -> None:
    for key, typ in META_REQUIRED.items():
        if not isinstance(meta.get(key), typ):
            raise SourceError(f"{path}: front matter needs {key} = <{typ.__name__}>")
    for key, (typ, default) in META_OPTIONAL.items():
        meta.setdefault(key, default)
        if not isinstance(meta[key], typ):
            raise SourceError(f"{path}: front matter {key} must be a {typ.__name__}")
    unknown = set(meta) - set(META_REQUIRED) - set(META_OPTIONAL)
    if unknown:
        raise SourceError(f"{path}: unknown front-matter keys: {', '.join(sorted(unknown))}")
    if meta["producer"] not in PRODUCERS:
        raise SourceError(f"{path}: producer must be one of {', '.join(PRODUCERS)}")
    if meta["language"] not in ("fi", "sv"):
        raise SourceError(f"{path}: language must be fi or sv")
    if meta["columns"] not in (1, 2):
        raise SourceError(f"{path}: columns must be 1 or 2")
    if meta["columns"] == 2 and meta["producer"] not in ("chromium", "reportlab"):
        raise SourceError(f"{path}: columns = 2 is supported by chromium and reportlab only")
    try:
        dt.date.fromisoformat(meta["valid_from"])
    except ValueError:
        raise SourceError(f"{path}: valid_from must be an ISO date (YYYY-MM-DD)") from None
    if path.stem != meta["id"]:
        raise SourceError(f"{path}: id {meta['id']!r} differs from the file name")
    if "/" in meta["file"] or not meta["file"].endswith(".pdf"):
        raise SourceError(f"{path}: file must be a plain file name ending in .pdf")
    if slugify(meta["file"]) != meta["id"]:
        raise SourceError(f"{path}: id {meta['id']!r} is not the id guidecmp gives {meta['file']!r} "
                          f"({slugify(meta['file'])!r}); the truth file would never be found")
    if not all(isinstance(s, str) for s in meta["cover_lines"]):
        raise SourceError(f"{path}: cover_lines must be a list of strings")


def parse_inline(text: str, where: str) -> list:
    """Split `**bold**` runs; an unpaired `**` is an error."""
    parts = text.split("**")
    if len(parts) % 2 == 0:
        raise SourceError(f"{where}: unpaired '**' (bold marker)")
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


def runs_text(runs: list) -> str:
    return "".join(t for t, _ in runs)


RE_HEADING = re.compile(r"^(#+)\s+(.*\S)\s*$")
RE_BULLET = re.compile(r"^-\s+(.*\S)\s*$")
RE_NUMBER = re.compile(r"^(\d{1,3}\))\s+(.*\S)\s*$")
RE_TABLE_SEP = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+$")


def parse_body(path: Path, lines: list, first_line: int) -> list:
    blocks: list[Block] = []
    i, n = 0, len(lines)
    in_comment = False

    def where(k: int) -> str:
        return f"{path}:{first_line + k}"

    while i < n:
        line = lines[i].rstrip()
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):  # HTML comments: author notes, not printed
            in_comment = "-->" not in stripped
            i += 1
            continue
        if not stripped:
            i += 1
            continue
        if stripped in ("[[TOC]]", "[[PAGEBREAK]]"):
            blocks.append(Block("toc" if stripped == "[[TOC]]" else "pagebreak", first_line + i))
            i += 1
            continue
        if stripped.startswith("[["):
            raise SourceError(f"{where(i)}: unknown marker {stripped!r} (known: [[TOC]], [[PAGEBREAK]])")
        if stripped == "{borderless}":
            raise SourceError(f"{where(i)}: {{borderless}} must directly follow a table")
        if line.startswith("#"):
            m = RE_HEADING.match(line)
            if not m or len(m.group(1)) > 3:
                raise SourceError(f"{where(i)}: a heading is '# ', '## ' or '### ' followed by text")
            text = m.group(2).replace("**", "")
            blocks.append(Block("heading", first_line + i, level=len(m.group(1)), text=text))
            i += 1
            continue
        if line.startswith("|"):
            i = parse_table(lines, i, blocks, where)
            continue
        if RE_BULLET.match(line) or RE_NUMBER.match(line):
            i = parse_list(lines, i, blocks, where)
            continue
        if line[:1].isspace():
            raise SourceError(f"{where(i)}: indented line outside a list (nested lists are not supported)")
        if stripped in ("-", "*") or stripped.startswith(("* ", "> ", "```")):
            raise SourceError(f"{where(i)}: not in the source format: {stripped[:30]!r}")
        # paragraph: up to a blank line or the start of another block
        start, buf = i, []
        while i < n and lines[i].strip():
            cur = lines[i].rstrip()
            if i > start and (cur.startswith(("#", "|", "[[")) or RE_BULLET.match(cur)
                              or RE_NUMBER.match(cur) or cur.strip() == "{borderless}"):
                break
            buf.append(cur.strip())
            i += 1
        blocks.append(Block("para", first_line + start, runs=parse_inline(" ".join(buf), where(start))))
    return blocks


def parse_list(lines: list, i: int, blocks: list, where) -> int:
    """Consecutive `- item` or `1) item` lines; indented (or lazy) lines continue the item."""
    kind = "bullets" if RE_BULLET.match(lines[i].rstrip()) else "numbers"
    block = Block(kind, int(where(i).rsplit(":", 1)[1]))
    texts: list[list] = []  # [start index, label, text]
    while i < len(lines) and lines[i].strip():
        cur = lines[i].rstrip()
        mb, mn = RE_BULLET.match(cur), RE_NUMBER.match(cur)
        if mb or mn:
            if (kind == "bullets") != bool(mb):
                raise SourceError(f"{where(i)}: bullet and numbered items mixed in one list; "
                                  "separate them with a blank line")
            texts.append([i, mn.group(1), mn.group(2)] if mn else [i, "", mb.group(1)])
        elif cur.lstrip().startswith(("- ", "* ")) or RE_NUMBER.match(cur.lstrip()):
            raise SourceError(f"{where(i)}: nested lists are not supported")
        elif cur.startswith(("#", "|", "[[")):
            break
        else:  # continuation line of the previous item
            texts[-1][2] += " " + cur.strip()
        i += 1
    for k, label, text in texts:
        runs = parse_inline(text, where(k))
        block.items.append((label, runs) if kind == "numbers" else runs)
    blocks.append(block)
    return i


def split_row(line: str, where: str) -> list:
    s = line.strip()
    if not (s.startswith("|") and s.endswith("|")) or len(s) < 2:
        raise SourceError(f"{where}: a table row must start and end with '|'")
    return [c.strip() for c in s[1:-1].split("|")]


def parse_table(lines: list, i: int, blocks: list, where) -> int:
    start = i
    header = split_row(lines[i], where(i))
    if i + 1 >= len(lines) or not RE_TABLE_SEP.match(lines[i + 1].strip().replace(" ", "")):
        raise SourceError(f"{where(i + 1)}: the second table row must be the separator |---|---|")
    if len(split_row(lines[i + 1], where(i + 1))) != len(header):
        raise SourceError(f"{where(i + 1)}: separator has a different number of columns than the header")
    rows = [header]
    i += 2
    while i < len(lines) and lines[i].strip().startswith("|"):
        row = split_row(lines[i], where(i))
        if len(row) != len(header):
            raise SourceError(f"{where(i)}: row has {len(row)} cells, header has {len(header)}")
        rows.append(row)
        i += 1
    borderless = i < len(lines) and lines[i].strip() == "{borderless}"
    if borderless:
        i += 1
    cells = [[parse_inline(c, where(start)) for c in row] for row in rows]
    blocks.append(Block("table", int(where(start).rsplit(":", 1)[1]), rows=cells, borderless=borderless))
    return i


def make_plan(src: Source) -> list:
    """Blocks to render, with `new_page` set once per page start (no double breaks).

    The TOC always has pages of its own; a level-1 heading starts a page unless
    chapter_page_break = false; [[PAGEBREAK]] starts a page."""
    meta = src.meta
    blocks = [copy.copy(b) for b in src.blocks]
    has_toc = any(b.kind == "toc" for b in blocks)
    if has_toc and not meta["toc_title"]:
        line = next(b.line for b in blocks if b.kind == "toc")
        raise SourceError(f"{src.path}:{line}: [[TOC]] but toc_title is empty")
    if meta["toc_title"] and not has_toc:
        blocks.insert(0, Block("toc", 0))
    if sum(b.kind == "toc" for b in blocks) > 1:
        raise SourceError(f"{src.path}: more than one [[TOC]]")
    plan, pending = [], True  # the cover is a page of its own
    for b in blocks:
        if b.kind == "pagebreak":
            pending = True
            continue
        b.new_page = pending or b.kind == "toc" or (
            b.kind == "heading" and b.level == 1 and meta["chapter_page_break"])
        pending = b.kind == "toc"
        plan.append(b)
    if meta["scanned_heading"] and not any(b.kind == "heading" and b.text == meta["scanned_heading"]
                                           for b in plan):
        raise SourceError(f"{src.path}: scanned_heading {meta['scanned_heading']!r} is not a heading")
    return plan


def toc_entries(plan: list) -> list:
    return [b for b in plan if b.kind == "heading" and b.level <= 2]


def fill(template: str, page: int, pages) -> str:
    return template.replace("{page}", str(page)).replace("{pages}", str(pages))


# --------------------------------------------------------------------------- hyphenation

FI_VOWELS = set("aeiouyäöå")
FI_DIPHTHONGS = {"ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy",
                 "äy", "öy", "ie", "uo", "yö"}
FI_VOWEL_STEMS = ("avustu", "asiakas", "asumis", "asunno", "asunto", "ehkäise", "etuude", "etuus",
                  "elatus", "erityis", "osallis", "opiskel", "ohjaaj", "ohjee", "oikeude", "arvioi",
                  "ilmoitu", "alennu", "ammatti", "edunvalv", "yksikk", "ulosott", "irtaimis",
                  "ylläpi", "energia", "osuude", "avustaj", "asema")
_pyphen_cache: dict = {}


def fi_positions(word: str) -> list:
    """Finnish syllable breaks (pyphen ships no Finnish dictionary): before a consonant that is
    followed by a vowel, and between two vowels that are neither a long vowel nor a diphthong."""
    w = word.lower()
    out = []
    for i in range(2, len(w) - 1):
        c, prev, nxt = w[i], w[i - 1], w[i + 1]
        if c not in FI_VOWELS and nxt in FI_VOWELS and any(ch in FI_VOWELS for ch in w[:i]):
            out.append(i)
        elif c in FI_VOWELS and prev in FI_VOWELS and c != prev and prev + c not in FI_DIPHTHONGS:
            if i >= 2 and w[i - 2] in FI_VOWELS:  # three vowels in a row: leave alone
                continue
            out.append(i)
    # compound parts that start with a vowel ("hautaus|avustus"): the syllable rule would break
    # one letter too early ("hautau-savustus"), so move the break to the boundary
    for stem in FI_VOWEL_STEMS:
        i = w.find(stem, 3)
        while i > 0:
            if w[i - 1] not in FI_VOWELS and w[i - 2] in FI_VOWELS:
                out = [p for p in out if p != i - 1] + [i]
            i = w.find(stem, i + 1)
    keep = []
    for p in sorted(set(out)):
        if p >= 2 and len(w) - p >= 2 and not (keep and p - keep[-1] < 2):  # no 1-letter syllables
            keep.append(p)
    return keep


def hyphen_positions(word: str, lang: str) -> list:
    if lang == "fi":
        return fi_positions(word)
    if "sv" not in _pyphen_cache:
        import pyphen
        _pyphen_cache["sv"] = pyphen.Pyphen(lang="sv", left=2, right=2)
    return list(_pyphen_cache["sv"].positions(word))


def hyphenate(text: str, lang: str) -> str:
    """Insert soft hyphens into words of 12 or more letters."""
    def one(m: re.Match) -> str:
        word = m.group(0)
        pos = hyphen_positions(word, lang)
        for p in reversed(pos):
            word = word[:p] + SHY + word[p:]
        return word
    return re.sub(r"[^\W\d_]{12,}", one, text)


def prepare(plan: list, meta: dict) -> list:
    """Copy of the plan with soft hyphens in body text (not headings) when hyphenate = true."""
    if not meta["hyphenate"]:
        return plan
    lang = meta["language"]

    def hr(runs):
        return [(hyphenate(t, lang), b) for t, b in runs]
    out = []
    for b in plan:
        b = copy.copy(b)
        if b.kind == "para":
            b.runs = hr(b.runs)
        elif b.kind == "bullets":
            b.items = [hr(r) for r in b.items]
        elif b.kind == "numbers":
            b.items = [(lab, hr(r)) for lab, r in b.items]
        elif b.kind == "table":
            b.rows = [[hr(c) for c in row] for row in b.rows]
        out.append(b)
    return out


# --------------------------------------------------------------------------- producers

@dataclasses.dataclass
class Job:
    """Everything a producer needs for one render pass."""
    src: Source
    plan: list  # prepared (hyphenated) blocks
    toc_pages: list  # page number per TOC entry
    total_pages: object  # for producers that cannot count pages themselves ("?" on pass 1)
    out: Path
    work: Path

    @property
    def meta(self):
        return self.src.meta


def render_libreoffice(job: Job) -> None:
    """python-docx with real Word styles, converted by headless LibreOffice."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    meta = job.meta
    font = "Carlito"
    lang = {"fi": "fi-FI", "sv": "sv-SE"}[meta["language"]]
    doc = Document()

    def set_rfonts(element, name):
        rpr = element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), name)
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = OxmlElement("w:lang")
            rpr.append(lang_el)
        lang_el.set(qn("w:val"), lang)

    normal = doc.styles["Normal"]
    set_rfonts(normal.element, font)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08
    for level in (1, 2, 3):
        st = doc.styles[f"Heading {level}"]
        set_rfonts(st.element, font)
        st.font.size, st.font.bold, st.font.italic = Pt(H_PT[level]), True, False
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.paragraph_format.space_before = Pt({1: 12, 2: 12, 3: 8}[level])
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer", "TOC Heading", "List Bullet"):
        set_rfonts(doc.styles[name].element, font)
    doc.styles["Header"].font.size = doc.styles["Footer"].font.size = Pt(HF_PT)

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin = Mm(MARGIN_L), Mm(MARGIN_R)
    sec.top_margin, sec.bottom_margin = Mm(MARGIN_T), Mm(MARGIN_B)
    sec.header_distance = sec.footer_distance = Mm(12)
    sec.different_first_page_header_footer = True  # the cover has no header or footer
    text_w = Mm(210 - MARGIN_L - MARGIN_R)

    def add_field(paragraph, instr):
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"),
                           ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
                run._r.append(el)
            elif text == instr:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {instr} "
                run._r.append(el)
            else:
                el = OxmlElement("w:t")
                el.text = text
                run._r.append(el)

    def fill_hf(paragraph, template, align):
        paragraph.alignment = align
        for part in re.split(r"(\{page\}|\{pages\})", template):
            if part == "{page}":
                add_field(paragraph, "PAGE")
            elif part == "{pages}":
                add_field(paragraph, "NUMPAGES")
            elif part:
                r = paragraph.add_run(part)
                r.font.size = Pt(HF_PT)
        for r in paragraph.runs:
            r.font.size = Pt(HF_PT)

    if meta["header"]:
        fill_hf(sec.header.paragraphs[0], meta["header"], WD_ALIGN_PARAGRAPH.LEFT)
    if meta["footer"]:
        fill_hf(sec.footer.paragraphs[0], meta["footer"], WD_ALIGN_PARAGRAPH.RIGHT)

    def para(text="", size=None, bold=False, align=None, before=None, after=None, style=None):
        p = doc.add_paragraph(style=style)
        if text:
            r = p.add_run(text)
            r.bold = bold or None
            if size:
                r.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if before is not None:
            p.paragraph_format.space_before = Pt(before)
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def add_runs(p, runs):
        for t, b in runs:
            r = p.add_run(t)
            if b:
                r.bold = True

    # cover
    if meta["cover_label"]:
        para(meta["cover_label"], size=9, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(meta["issuer"].upper(), size=14, bold=True, before=150, after=18)
    para(meta["title"], size=22, bold=True, after=24)
    for line in meta["cover_lines"]:
        para(line, size=12, after=4)

    toc_i = 0
    for b in job.plan:
        start = len(doc.paragraphs)
        if b.kind == "heading":
            p = doc.add_paragraph(b.text, style=f"Heading {b.level}")
        elif b.kind == "para":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            add_runs(p, b.runs)
        elif b.kind == "bullets":
            for runs in b.items:
                p = doc.add_paragraph(style="List Bullet")
                p.paragraph_format.space_after = Pt(2)
                add_runs(p, runs)
        elif b.kind == "numbers":
            for label, runs in b.items:
                p = doc.add_paragraph()
                pf = p.paragraph_format
                pf.left_indent, pf.first_line_indent, pf.space_after = Mm(8), Mm(-8), Pt(2)
                pf.tab_stops.add_tab_stop(Mm(8))
                p.add_run(label + "\t")
                add_runs(p, runs)
        elif b.kind == "toc":
            p = doc.add_paragraph(meta["toc_title"], style="TOC Heading")
            st = doc.styles["TOC Heading"]
            st.font.size, st.font.bold = Pt(H_PT[1]), True
            st.font.color.rgb = RGBColor(0, 0, 0)
            for e in toc_entries(job.plan):
                q = doc.add_paragraph()
                pf = q.paragraph_format
                pf.space_after = Pt(3 if e.level == 2 else 5)
                pf.left_indent = Mm(0 if e.level == 1 else 6)
                pf.tab_stops.add_tab_stop(text_w, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                r = q.add_run(f"{e.text}\t{job.toc_pages[toc_i]}")
                r.bold = e.level == 1 or None
                toc_i += 1
        elif b.kind == "table":
            if b.new_page:  # a table cannot carry the break itself
                doc.add_paragraph().paragraph_format.page_break_before = True
            t = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            t.style = doc.styles["Normal Table" if b.borderless else "Table Grid"]
            t.alignment = WD_TABLE_ALIGNMENT.LEFT
            for ri, row in enumerate(b.rows):
                for ci, runs in enumerate(row):
                    cp = t.cell(ri, ci).paragraphs[0]
                    cp.paragraph_format.space_after = Pt(0)
                    for tx, bold in runs:
                        rr = cp.add_run(tx)
                        rr.bold = (bold or ri == 0) or None
            doc.add_paragraph().paragraph_format.space_after = Pt(0)
            continue
        if b.new_page:
            doc.paragraphs[start].paragraph_format.page_break_before = True

    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = meta["title"], meta["issuer"], meta["issuer"]
    cp.created = cp.modified = fixed_datetime(meta)
    cp.revision = 1
    cp.language = lang
    docx_path = job.work / (job.out.stem + ".docx")
    doc.save(docx_path)
    cmd = ["soffice", f"-env:UserInstallation={lo_profile().as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(job.work), str(docx_path)]
    run(cmd, timeout=180)
    shutil.move(str(job.work / (docx_path.stem + ".pdf")), job.out)


_lo_profile: Path | None = None


def lo_profile() -> Path:
    """One LibreOffice user profile per process (its first start is slow), removed at exit, so
    parallel workers and other LibreOffice users never share one."""
    global _lo_profile
    if _lo_profile is None:
        _lo_profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
        # multiprocessing's Finalize also runs in pool workers, where atexit handlers do not
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(_lo_profile, True), exitpriority=10)
    return _lo_profile


CHROMIUM_CSS = """
@page { size: A4; margin: %(mt)smm %(mr)smm %(mb)smm %(ml)smm; }
html { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35; }
body { margin: 0; hyphens: manual; -webkit-hyphens: manual; }
p { margin: 0 0 6pt 0; text-align: justify; }
h1, h2, h3 { font-weight: bold; break-after: avoid; margin: 10pt 0 5pt 0; }
h1 { font-size: 15.5pt; } h2 { font-size: 13pt; } h3 { font-size: 11.5pt; }
.flow > :first-child { margin-top: 0; }
.newpage { break-before: page; }
.cols { column-count: 2; column-gap: 8mm; }
ul, ol { margin: 0 0 6pt 0; padding-left: 7mm; }
ol { list-style: none; padding-left: 0; }
ol li { padding-left: 8mm; text-indent: -8mm; }
ol li .lab { display: inline-block; width: 8mm; text-indent: 0; }
li { margin-bottom: 2pt; }
table { border-collapse: collapse; width: 100%%; margin: 4pt 0 8pt 0; font-size: 10.5pt; }
td, th { padding: 2pt 4pt; text-align: left; vertical-align: top; }
table.grid td, table.grid th { border: 0.75pt solid #000; }
th { font-weight: bold; }
.cover .label { text-align: right; font-size: 9pt; }
.cover .issuer { margin-top: 55mm; font-size: 14pt; font-weight: bold; letter-spacing: 0.5pt; }
.cover .title { margin-top: 8mm; font-size: 22pt; font-weight: bold; line-height: 1.2; }
.cover .line { font-size: 12pt; margin-top: 2mm; }
.cover .lines { margin-top: 10mm; }
.toc h1 { margin-bottom: 10pt; }
.te { display: flex; align-items: baseline; margin: 0 0 4pt 0; }
.te.l1 { font-weight: bold; } .te.l2 { padding-left: 6mm; }
.te .t { flex: 0 0 auto; max-width: 88%%; }
.te .d { flex: 1 1 0; min-width: 0; overflow: hidden; white-space: nowrap; padding: 0 2pt; }
.te .n { flex: 0 0 auto; }
"""

CHROMIUM_JS = """
(function () {
  var probe = document.createElement('span');
  probe.textContent = '..........';
  document.body.appendChild(probe);
  document.querySelectorAll('.te .d').forEach(function (d) {
    var cs = getComputedStyle(d);
    probe.style.font = cs.font;
    var dot = probe.getBoundingClientRect().width / 10;
    var w = d.getBoundingClientRect().width - 6;
    d.textContent = '.'.repeat(Math.max(2, Math.floor(w / dot)));
  });
  probe.remove();
})();
"""


def render_chromium(job: Job) -> None:
    """HTML + CSS printed by headless Chromium; header/footer stamped on afterwards with pypdf."""
    meta = job.meta
    esc = html.escape

    def inline(runs):
        out = []
        for t, b in runs:
            s = esc(t).replace(SHY, "&shy;")
            out.append(f"<strong>{s}</strong>" if b else s)
        return "".join(out)

    parts = ['<section class="cover">']
    if meta["cover_label"]:
        parts.append(f'<div class="label">{esc(meta["cover_label"])}</div>')
    parts.append(f'<div class="issuer">{esc(meta["issuer"].upper())}</div>')
    parts.append(f'<div class="title">{esc(meta["title"])}</div><div class="lines">')
    parts += [f'<div class="line">{esc(x)}</div>' for x in meta["cover_lines"]]
    parts.append("</div></section>")
    cols = " cols" if meta["columns"] == 2 else ""
    open_flow = False
    toc_i = 0
    for b in job.plan:
        if b.new_page:
            if open_flow:
                parts.append("</div>")
            cls = "toc" if b.kind == "toc" else cols.strip()
            parts.append(f'<div class="flow newpage {cls}">')
            open_flow = True
        if b.kind == "heading":
            parts.append(f"<h{b.level}>{esc(b.text)}</h{b.level}>")
        elif b.kind == "para":
            parts.append(f"<p>{inline(b.runs)}</p>")
        elif b.kind == "bullets":
            parts.append("<ul>" + "".join(f"<li>{inline(r)}</li>" for r in b.items) + "</ul>")
        elif b.kind == "numbers":
            parts.append("<ol>" + "".join(f'<li><span class="lab">{esc(lab)}</span>{inline(r)}</li>'
                                          for lab, r in b.items) + "</ol>")
        elif b.kind == "table":
            rows = []
            for ri, row in enumerate(b.rows):
                tag = "th" if ri == 0 else "td"
                rows.append("<tr>" + "".join(f"<{tag}>{inline(c)}</{tag}>" for c in row) + "</tr>")
            cls = "plain" if b.borderless else "grid"
            parts.append(f'<table class="{cls}"><thead>{rows[0]}</thead><tbody>{"".join(rows[1:])}'
                         "</tbody></table>")
        elif b.kind == "toc":
            parts.append(f"<h1>{esc(meta['toc_title'])}</h1>")
            for e in toc_entries(job.plan):
                parts.append(f'<div class="te l{e.level}"><span class="t">{esc(e.text)}</span>'
                             f'<span class="d"></span><span class="n">{job.toc_pages[toc_i]}</span></div>')
                toc_i += 1
    if open_flow:
        parts.append("</div>")
    css = CHROMIUM_CSS % {"mt": MARGIN_T, "mr": MARGIN_R, "mb": MARGIN_B, "ml": MARGIN_L}
    doc = (f'<!DOCTYPE html>\n<html lang="{meta["language"]}"><head><meta charset="utf-8">'
           f'<title>{esc(meta["title"])}</title><meta name="author" content="{esc(meta["issuer"])}">'
           f"<style>{css}</style></head><body>\n" + "\n".join(parts)
           + f"\n<script>{CHROMIUM_JS}</script></body></html>\n")
    html_path = job.work / "doc.html"
    html_path.write_text(doc, encoding="utf-8")
    raw = job.work / "chromium.pdf"
    profile = tempfile.mkdtemp(prefix="chromium-", dir=job.work)
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={raw}",
         html_path.as_uri()], timeout=120)
    shutil.rmtree(profile, ignore_errors=True)
    stamp_header_footer(raw, job.out, meta, job.work)


def stamp_header_footer(src_pdf: Path, out: Path, meta: dict, work: Path) -> None:
    """Draw running header (with a thin rule) and footer onto pages 2..N."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    register_rl_fonts()
    reader = PdfReader(src_pdf)
    n = len(reader.pages)
    overlay = work / "overlay.pdf"
    c = canvas.Canvas(str(overlay), pagesize=(PAGE_W, PAGE_H), invariant=1, initialFontName="DejaVuSerif")
    for page in range(1, n + 1):
        if page > 1:
            c.setFont("DejaVuSerif", HF_PT)
            if meta["header"]:
                y = PAGE_H - 15 * MM
                c.drawString(MARGIN_L * MM, y, fill(meta["header"], page, n))
                c.setLineWidth(0.4)
                c.line(MARGIN_L * MM, y - 2.5 * MM, PAGE_W - MARGIN_R * MM, y - 2.5 * MM)
            if meta["footer"]:
                c.drawCentredString(PAGE_W / 2, 12 * MM, fill(meta["footer"], page, n))
        c.showPage()
    c.save()
    ov = PdfReader(overlay)
    writer = PdfWriter(clone_from=reader)
    for i, page in enumerate(writer.pages):
        if i > 0:
            page.merge_page(ov.pages[i])
    with open(out, "wb") as f:
        writer.write(f)


_rl_fonts_done = False


def register_rl_fonts() -> None:
    global _rl_fonts_done
    if _rl_fonts_done:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif"):
        pdfmetrics.registerFont(TTFont(name, str(DEJAVU / f"{name}.ttf")))
    addMapping("DejaVuSans", 0, 0, "DejaVuSans")
    addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
    addMapping("DejaVuSans", 0, 1, "DejaVuSans")
    addMapping("DejaVuSans", 1, 1, "DejaVuSans-Bold")
    _rl_fonts_done = True


def render_reportlab(job: Job) -> None:
    """platypus story; two Frames per page for columns = 2; header/footer in onPage."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                    PageTemplate, Paragraph, Spacer, Table, TableStyle)
    from reportlab.platypus.tableofcontents import TableOfContents

    register_rl_fonts()
    meta = job.meta
    F, FB = "DejaVuSans", "DejaVuSans-Bold"
    body = ParagraphStyle("body", fontName=F, fontSize=BODY_PT - 0.5, leading=14, alignment=TA_JUSTIFY,
                          spaceAfter=6, embeddedHyphenation=1, uriWasteReduce=0.3)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, alignment=TA_LEFT, spaceAfter=0)
    cell_b = ParagraphStyle("cellb", parent=cell, fontName=FB)
    heads = {lv: ParagraphStyle(f"h{lv}", fontName=FB, fontSize=H_PT[lv], leading=H_PT[lv] * 1.25,
                                spaceBefore={1: 10, 2: 10, 3: 7}[lv], spaceAfter=5, keepWithNext=1)
             for lv in (1, 2, 3)}
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=2,
                            bulletFontName=F)
    number = ParagraphStyle("number", parent=bullet, leftIndent=20, bulletIndent=0)

    def markup(runs):
        return "".join(f"<b>{html.escape(t, quote=False)}</b>" if b else html.escape(t, quote=False)
                       for t, b in runs)

    lm, rm, tm, bm = MARGIN_L * MM, MARGIN_R * MM, MARGIN_T * MM, MARGIN_B * MM
    fw, fh = PAGE_W - lm - rm, PAGE_H - tm - bm
    gap = 7 * MM
    cw = (fw - gap) / 2

    def on_page(canv, doc):
        page = canv.getPageNumber()
        canv.saveState()
        canv.setFont(F, HF_PT)
        if meta["header"]:
            canv.drawRightString(PAGE_W - rm, PAGE_H - 14 * MM, fill(meta["header"], page, job.total_pages))
        if meta["footer"]:
            canv.drawString(lm, 13 * MM, fill(meta["footer"], page, job.total_pages))
        canv.restoreState()

    doc = BaseDocTemplate(str(job.out), pagesize=(PAGE_W, PAGE_H), leftMargin=lm, rightMargin=rm,
                          topMargin=tm, bottomMargin=bm, title=meta["title"], author=meta["issuer"],
                          invariant=1, lang=meta["language"])
    one = Frame(lm, bm, fw, fh, id="one")
    doc.addPageTemplates([
        PageTemplate("cover", [Frame(lm, bm, fw, fh, id="cover")]),
        PageTemplate("one", [one], onPage=on_page),
        PageTemplate("two", [Frame(lm, bm, cw, fh, id="left"), Frame(lm + cw + gap, bm, cw, fh, id="right")],
                     onPage=on_page),
    ])
    body_tpl = "two" if meta["columns"] == 2 else "one"
    story = []
    if meta["cover_label"]:
        story.append(Paragraph(html.escape(meta["cover_label"]),
                               ParagraphStyle("lab", fontName=F, fontSize=9, alignment=TA_RIGHT)))
    story += [Spacer(1, 55 * MM),
              Paragraph(html.escape(meta["issuer"].upper()),
                        ParagraphStyle("iss", fontName=FB, fontSize=14, leading=18, spaceAfter=8 * MM)),
              Paragraph(html.escape(meta["title"]),
                        ParagraphStyle("tit", fontName=FB, fontSize=22, leading=27, spaceAfter=10 * MM))]
    story += [Paragraph(html.escape(x), ParagraphStyle("cl", fontName=F, fontSize=12, leading=17))
              for x in meta["cover_lines"]]
    tpl = None
    avail = cw if body_tpl == "two" else fw
    for b in job.plan:
        if b.new_page:
            want = "one" if b.kind == "toc" else body_tpl
            if want != tpl:
                story.append(NextPageTemplate(want))
                tpl = want
            story.append(PageBreak())
        if b.kind == "heading":
            story.append(Paragraph(html.escape(b.text, quote=False), heads[b.level]))
        elif b.kind == "para":
            story.append(Paragraph(markup(b.runs), body))
        elif b.kind == "bullets":
            story += [Paragraph(markup(r), bullet, bulletText="•") for r in b.items]
            story.append(Spacer(1, 4))
        elif b.kind == "numbers":
            story += [Paragraph(markup(r), number, bulletText=lab) for lab, r in b.items]
            story.append(Spacer(1, 4))
        elif b.kind == "toc":
            story.append(Paragraph(html.escape(meta["toc_title"]), heads[1]))
            toc = TableOfContents(dotsMinLevel=0)
            toc.levelStyles = [ParagraphStyle("t1", fontName=FB, fontSize=BODY_PT, leading=15, rightIndent=24),
                               ParagraphStyle("t2", fontName=F, fontSize=BODY_PT, leading=14,
                                              leftIndent=16, rightIndent=24)]
            toc._lastEntries = [(e.level - 1, html.escape(e.text, quote=False), job.toc_pages[k], None)
                                for k, e in enumerate(toc_entries(job.plan))]
            story.append(toc)
        elif b.kind == "table":
            ncol = len(b.rows[0])
            lens = [max(len(runs_text(r[c])) for r in b.rows) + 4 for c in range(ncol)]
            widths = [avail * x / sum(lens) for x in lens]
            data = [[Paragraph(markup(c), cell_b if ri == 0 else cell) for c in row]
                    for ri, row in enumerate(b.rows)]
            style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 4),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
            if not b.borderless:
                style.append(("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)))
            story += [Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="LEFT"),
                      Spacer(1, 8)]
    doc.build(story)


def render_fpdf2(job: Job) -> None:
    """FPDF with DejaVu fonts, header()/footer() overrides, multi_cell paragraphs, pdf.table()."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    meta = job.meta
    lh = 5.6  # body line height, mm

    class PDF(FPDF):
        def header(self):
            if self.page_no() > 1 and meta["header"]:
                self.set_font("DejaVu", "", HF_PT)
                self.set_y(12)
                self.cell(0, 5, fill(meta["header"], self.page_no(), "{nb}"), align="L")
                self.set_y(MARGIN_T)

        def footer(self):
            if self.page_no() > 1 and meta["footer"]:
                self.set_font("DejaVu", "", HF_PT)
                self.set_y(-16)
                self.cell(0, 5, fill(meta["footer"], self.page_no(), "{nb}"), align="C")

    pdf = PDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN_L, MARGIN_T, MARGIN_R)
    pdf.set_auto_page_break(True, margin=MARGIN_B)
    pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["issuer"])
    pdf.set_lang(meta["language"])
    pdf.set_creation_date(fixed_datetime(meta))

    def md(runs):
        """fpdf2 markdown: bold runs in **; escape markers that occur in the text itself."""
        out = []
        for t, b in runs:
            for mark in ("\\", "**", "__", "--", "~~"):
                t = t.replace(mark, "\\" + mark)
            out.append(f"**{t}**" if b else t)
        return "".join(out)

    # cover
    pdf.add_page()
    if meta["cover_label"]:
        pdf.set_font("DejaVu", "", 9)
        pdf.cell(0, 5, meta["cover_label"], align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(85)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 7, meta["issuer"].upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 22)
    pdf.multi_cell(0, 10, meta["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("DejaVu", "", 12)
    for x in meta["cover_lines"]:
        pdf.multi_cell(0, 7, x, new_x="LMARGIN", new_y="NEXT")

    last_level = 0
    toc_i = 0
    for b in job.plan:
        if b.new_page:
            pdf.add_page()
        if b.kind == "heading":
            size = H_PT[b.level]
            if pdf.get_y() > pdf.h - MARGIN_B - 25:  # keep a heading with what follows
                pdf.add_page()
            if pdf.get_y() > MARGIN_T + 1:
                pdf.ln({1: 5, 2: 4, 3: 3}[b.level])
            level = min(b.level - 1, last_level + 1)
            pdf.start_section(b.text, level=level)
            last_level = level
            pdf.set_font("DejaVu", "B", size)
            pdf.multi_cell(0, size * 0.5, b.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b.kind == "para":
            pdf.set_font("DejaVu", "", BODY_PT - 0.5)
            pdf.multi_cell(0, lh, md(b.runs), markdown=True, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.2)
        elif b.kind in ("bullets", "numbers"):
            pdf.set_font("DejaVu", "", BODY_PT - 0.5)
            for item in b.items:
                label, runs = item if b.kind == "numbers" else ("•", item)
                ind = 8 if b.kind == "numbers" else 6
                y = pdf.get_y()
                if y > pdf.h - MARGIN_B - lh:
                    pdf.add_page()
                    y = pdf.get_y()
                pdf.set_x(MARGIN_L + 1)
                pdf.cell(ind, lh, label)
                pdf.set_xy(MARGIN_L + 1 + ind, y)
                pdf.multi_cell(0, lh, md(runs), markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(0.8)
            pdf.ln(1.5)
        elif b.kind == "table":
            pdf.set_font("DejaVu", "", BODY_PT - 1.5)
            ncol = len(b.rows[0])
            lens = [max(len(runs_text(r[c])) for r in b.rows) + 4 for c in range(ncol)]
            with pdf.table(borders_layout="NONE" if b.borderless else "ALL", markdown=True,
                           col_widths=tuple(lens), text_align="LEFT", line_height=5,
                           headings_style=FontFace(emphasis="BOLD"), first_row_as_headings=True,
                           padding=1.2) as table:
                for row in b.rows:
                    r = table.row()
                    for c in row:
                        r.cell(md(c))
            pdf.ln(3)
        elif b.kind == "toc":
            pdf.set_font("DejaVu", "B", H_PT[1])
            pdf.multi_cell(0, 8, meta["toc_title"], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            width = pdf.w - MARGIN_L - MARGIN_R
            for e in toc_entries(job.plan):
                pdf.set_font("DejaVu", "B" if e.level == 1 else "", BODY_PT - 0.5)
                indent = 0 if e.level == 1 else 6
                num = str(job.toc_pages[toc_i])
                toc_i += 1
                avail = width - indent - pdf.get_string_width(num) - 4
                lines = pdf.multi_cell(avail - 10, lh, e.text, dry_run=True, output="LINES")
                for ln in lines[:-1]:
                    pdf.set_x(MARGIN_L + indent)
                    pdf.cell(0, lh, ln, new_x="LMARGIN", new_y="NEXT")
                last = lines[-1]
                dots = max(2, int((avail - pdf.get_string_width(last + " ")) / pdf.get_string_width(".")))
                pdf.set_x(MARGIN_L + indent)
                pdf.cell(width - indent - pdf.get_string_width(num) - 1, lh, f"{last} " + "." * dots)
                pdf.cell(0, lh, num, align="R", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)
    pdf.output(str(job.out))


RENDERERS = {"libreoffice": render_libreoffice, "chromium": render_chromium,
             "reportlab": render_reportlab, "fpdf2": render_fpdf2}


# --------------------------------------------------------------------------- helpers

def run(cmd: list, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1577872800", TZ="UTC")
    p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}): {p.stderr.decode(errors='replace')[-800:]}")
    return p


def fixed_datetime(meta: dict) -> dt.datetime:
    """Creation date: noon of valid_from, so rebuilds give the same metadata."""
    d = dt.date.fromisoformat(meta["valid_from"])
    return dt.datetime(d.year, d.month, d.day, 12, 0, 0, tzinfo=dt.timezone.utc)


def pdf_pages_text(pdf: Path) -> list:
    """Text of each page in content-stream order (pdftotext -raw), which is reading order for
    all four producers, also in two-column layouts."""
    out = run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def ws(s: str) -> str:
    """NFC, no soft hyphens, all whitespace (also no-break spaces) collapsed to one space."""
    s = unicodedata.normalize("NFC", s).replace(SHY, "")
    return re.sub(r"\s+", " ", s).strip()


SKELETON_DROP = set("-\u2010\u2011\u2022\uf0b7\u25e6\u25aa" + SHY)


def skeleton(s: str) -> str:
    """Text with all whitespace, hyphens and bullet glyphs removed: the same for a source sentence
    and for its PDF rendering however lines were broken or hyphenated."""
    s = unicodedata.normalize("NFC", s)
    return "".join(ch for ch in s if not ch.isspace() and ch not in SKELETON_DROP)


def find_all(hay: str, needle: str) -> list:
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


RE_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d+\s*$")


# --------------------------------------------------------------------------- locating text in the PDF

class SourceIndex:
    """The body text of the source as units (headings, paragraphs, list items, table cells) and one
    concatenated skeleton, so an occurrence of a text can be counted in document order."""

    def __init__(self, plan: list):
        self.units = []  # (kind, text, block index, level)
        self.row_text = []  # table rows as "cell cell cell": also accepted as verbatim text
        self.row_label = {}  # unit index of a table cell -> first cell of its row
        self.category_spans = []  # skeleton ranges of all category sections (set by fill_truth)
        for bi, b in enumerate(plan):
            if b.kind == "heading":
                self.units.append(("heading", b.text, bi, b.level))
            elif b.kind == "para":
                self.units.append(("para", runs_text(b.runs), bi, 0))
            elif b.kind == "bullets":
                self.units += [("item", runs_text(r), bi, 0) for r in b.items]
            elif b.kind == "numbers":
                self.units += [("item", f"{lab} {runs_text(r)}", bi, 0) for lab, r in b.items]
            elif b.kind == "table":
                for row in b.rows:
                    for c in row:
                        self.row_label[len(self.units)] = ws(runs_text(row[0]))
                        self.units.append(("cell", runs_text(c), bi, 0))
                    self.row_text.append(ws(" ".join(runs_text(c) for c in row)))
        self.starts, parts, pos = [], [], 0
        for u in self.units:
            self.starts.append(pos)
            sk = skeleton(u[1])
            parts.append(sk)
            pos += len(sk)
        self.sk = "".join(parts)
        self.norm = [ws(u[1]) for u in self.units]

    def unit_at(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def heading_units(self) -> list:
        return [i for i, u in enumerate(self.units) if u[0] == "heading"]

    def span_of_heading(self, ui: int) -> tuple:
        """Skeleton offsets of a heading's section: up to the next heading of the same or a higher level."""
        level = self.units[ui][3]
        end = len(self.sk)
        for j in range(ui + 1, len(self.units)):
            if self.units[j][0] == "heading" and self.units[j][3] <= level:
                end = self.starts[j]
                break
        return self.starts[ui], end


class PdfIndex:
    """Body pages of a rendered PDF (cover and TOC pages left out, running header and footer lines
    removed) as one skeleton with the page number of every character."""

    def __init__(self, pages: list, meta: dict):
        self.pages = pages
        n = len(pages)
        self.toc_pages = set()
        if meta["toc_title"]:
            title = ws(meta["toc_title"])
            start = next((p for p in range(2, n + 1)
                          if title in (ws(x) for x in pages[p - 1].split("\n"))), None)
            if start:
                self.toc_pages.add(start)
                p = start + 1
                while p <= n and any(RE_LEADER.search(x) for x in pages[p - 1].split("\n")):
                    self.toc_pages.add(p)
                    p += 1
        self.lines = {}
        chars, owner = [], []
        for p in range(2, n + 1):
            if p in self.toc_pages:
                continue
            drop = {ws(fill(t, p, n)) for t in (meta["header"], meta["footer"]) if t}
            kept = [x for x in pages[p - 1].split("\n") if ws(x) not in drop]
            self.lines[p] = [ws(x) for x in kept if x.strip()]
            sk = skeleton("\n".join(kept))
            chars.append(sk)
            owner += [p] * len(sk)
        self.sk = "".join(chars)
        self.owner = owner
        self.page_sk = {p: skeleton("\n".join(self.lines[p])) for p in self.lines}

    def pages_of(self, needle_sk: str) -> list:
        return [self.owner[i] for i in find_all(self.sk, needle_sk)]

    def split_match(self, needle_sk: str, lo: int, hi: int):
        """A text broken apart by the reading order (column or page end): its start on page p and
        its rest on p or p+1. Returns p or None."""
        for p in range(lo, hi + 1):
            a = self.page_sk.get(p)
            if a is None:
                continue
            for q in (p, p + 1):
                b = self.page_sk.get(q)
                if b is None:
                    continue
                for j in range(3, len(needle_sk) - 2):
                    if needle_sk[:j] in a and needle_sk[j:] in b:
                        return p
        return None


def locate_headings(src_idx: SourceIndex, pdf_idx: PdfIndex) -> dict:
    """Page of every heading unit: its k-th occurrence in the source is its k-th in the PDF."""
    pages = {}
    cursor = min(pdf_idx.lines) if pdf_idx.lines else 2
    for ui in src_idx.heading_units():
        text = src_idx.units[ui][1]
        nsk = skeleton(text)
        src_occ = find_all(src_idx.sk, nsk)
        pdf_occ = pdf_idx.pages_of(nsk)
        page = None
        if len(src_occ) == len(pdf_occ):
            page = pdf_occ[src_occ.index(src_idx.starts[ui])]
        else:  # fall back to the first page at or after the previous heading with the heading as a line
            target = ws(text)
            for p in sorted(pdf_idx.lines):
                if p < cursor:
                    continue
                ls = pdf_idx.lines[p]
                if any(" ".join(ls[i:i + k]) == target for i in range(len(ls)) for k in (1, 2, 3)):
                    page = p
                    break
        if page is None:
            raise RuntimeError(f"heading {text!r} not found in the rendered PDF")
        pages[ui] = page
        cursor = page
    return pages


def locate_text(text: str, src_idx: SourceIndex, pdf_idx: PdfIndex, head_pages: dict,
                spans: list | None, row_label: str | None = None) -> tuple:
    """Page of a truth text. `spans` (skeleton ranges of the category's sections) and `row_label`
    (an amount's applies_to: prefer the table row it labels) pick which source occurrence is meant.
    Returns (page or None, list of problems, list of notes)."""
    problems, notes = [], []
    norm = ws(text)
    if not any(norm in u for u in src_idx.norm) and not any(norm in r for r in src_idx.row_text):
        problems.append("not found verbatim in the source (check spelling, spaces and hyphens)")
    nsk = skeleton(text)
    if not nsk:
        return None, problems + ["empty text"], notes
    src_occ = find_all(src_idx.sk, nsk)
    if not src_occ:
        return None, problems + ["not found in the source"], notes
    chosen = None
    if spans:
        inside = [o for o in src_occ if any(a <= o < b for a, b in spans)]
        labelled = [o for o in inside if row_label is not None
                    and src_idx.row_label.get(src_idx.unit_at(o)) == ws(row_label)]
        if inside:
            chosen = (labelled or inside)[0]
        else:
            notes.append("text stands outside the category's sections")
    else:
        cat_free = [o for o in src_occ if not any(a <= o < b for a, b in src_idx.category_spans)]
        chosen = cat_free[0] if cat_free else None
    if chosen is None:
        chosen = src_occ[0]
    k = src_occ.index(chosen)
    pdf_occ = pdf_idx.pages_of(nsk)
    if len(pdf_occ) == len(src_occ):
        return pdf_occ[k], problems, notes
    # counts differ (e.g. a sentence split by the reading order): use the pages between the
    # headings around the source occurrence
    ui = src_idx.unit_at(chosen)
    hs = src_idx.heading_units()
    before = [h for h in hs if h <= ui]
    after = [h for h in hs if h > ui]
    lo = head_pages[before[-1]] if before else min(pdf_idx.lines, default=2)
    hi = head_pages[after[0]] if after else max(pdf_idx.lines, default=2)
    cands = [p for p in pdf_occ if lo <= p <= hi]
    if cands:
        notes.append(f"occurs {len(pdf_occ)}x in the PDF but {len(src_occ)}x in the source; "
                     f"took the first on pages {lo}-{hi}")
        return cands[0], problems, notes
    p = pdf_idx.split_match(nsk, lo, hi)
    if p is not None:
        notes.append(f"text is split by a page or column break; took its start page {p}")
        return p, problems, notes
    return None, problems + ["not found in the rendered PDF"], notes


# --------------------------------------------------------------------------- scanned page, metadata

def replace_with_scan(pdf: Path, page_no: int, work: Path) -> None:
    """Turn one page into an image-only page, as a scanner would give it: rasterise at 150 dpi
    gray, and make a gray JPEG the page's only content and resource (no fonts, no text). The page
    object stays, so outline entries pointing at it stay valid."""
    import io
    from PIL import Image
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    base = work / "scan"
    run(["pdftoppm", "-r", "150", "-gray", "-png", "-f", str(page_no), "-l", str(page_no),
         "-singlefile", str(pdf), str(base)])
    img = Image.open(f"{base}.png").convert("L")
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=72)
    writer = PdfWriter(clone_from=PdfReader(pdf))
    page = writer.pages[page_no - 1]
    box = page.mediabox
    w, h = float(box.width), float(box.height)
    image = DecodedStreamObject()
    image.set_data(buf.getvalue())
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(img.width), NameObject("/Height"): NumberObject(img.height),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8),
                  NameObject("/Filter"): NameObject("/DCTDecode")})
    content = DecodedStreamObject()
    content.set_data(f"q {w:.2f} 0 0 {h:.2f} {float(box.left):.2f} {float(box.bottom):.2f} cm /Im0 Do Q".encode())
    for key in ("/Annots", "/StructParents", "/Group"):
        if key in page:
            del page[key]
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})})
    page[NameObject("/Contents")] = writer._add_object(content)
    tmp = work / "scanned.pdf"
    with open(tmp, "wb") as f:
        writer.write(f)
    shutil.move(str(tmp), pdf)


def finalize_metadata(pdf: Path, meta: dict, work: Path) -> None:
    """Title/Author as in the front matter, fixed dates, deterministic /ID; Producer untouched."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    info = dict(reader.metadata or {})
    d = fixed_datetime(meta).strftime("D:%Y%m%d%H%M%S+00'00'")
    info.update({"/Title": meta["title"], "/Author": meta["issuer"], "/CreationDate": d, "/ModDate": d})
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    writer.add_metadata({k: str(v) for k, v in info.items()})
    writer._ID = None  # LibreOffice's /ID is random; qpdf derives a new one from the content
    tmp = work / "meta.pdf"
    with open(tmp, "wb") as f:
        writer.write(f)
    run(["qpdf", "--deterministic-id", str(tmp), str(pdf)])
    tmp.unlink()


# --------------------------------------------------------------------------- truth

KEY_ORDER = {
    "top": ["schema", "guideline", "categories", "decision_makers", "unmatched_sections", "warnings"],
    "guideline": ["id", "file", "sha256", "pages", "language", "issuer", "title", "valid_from"],
    "category": ["id", "support_type", "needs_ocr", "sections", "amounts", "decision_makers"],
    "section": ["heading", "page"],
    "amount": ["value", "unit", "qualifier", "per", "applies_to", "persons", "page", "text"],
    "cat_decision": ["role", "condition", "page", "text"],
    "doc_decision": ["role", "scope", "condition", "page", "text"],
}


def ordered(d: dict, kind: str) -> dict:
    keys = KEY_ORDER[kind]
    out = {k: d[k] for k in keys if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def fill_truth(path: Path, src: Source, plan: list, pdf_idx: PdfIndex, head_pages: dict,
               sha: str, npages: int, scanned_page) -> tuple:
    """Fill sha256, pages and every page field; return (errors, notes)."""
    errors, notes, sid = [], [], src.id
    truth = json.loads(path.read_text(encoding="utf-8"))
    src_idx = SourceIndex(plan)
    g = truth.setdefault("guideline", {})
    if g.get("id") not in (None, sid):
        errors.append(f"{sid}: guideline.id is {g.get('id')!r}")
    for key in ("file", "language", "title", "issuer", "valid_from"):
        if key in g and g[key] is not None and g[key] != src.meta[key]:
            notes.append(f"guideline.{key} {g[key]!r} differs from the front matter {src.meta[key]!r}")
    g["sha256"], g["pages"] = sha, npages
    truth["guideline"] = ordered(g, "guideline")

    headings = {}
    for ui in src_idx.heading_units():
        headings.setdefault(ws(src_idx.units[ui][1]), []).append(ui)

    def section_page(sec, where):
        uis = headings.get(ws(sec.get("heading", "")))
        if not uis:
            errors.append(f"{sid}: {where}.heading {sec.get('heading')!r} is not a heading of the source")
            return None
        if len(uis) > 1:
            notes.append(f"heading {sec['heading']!r} occurs {len(uis)}x; took the first")
        return uis[0]

    cats = truth.get("categories", [])
    cat_spans = []
    sec_units = []
    for ci, cat in enumerate(cats):
        units = []
        for si, sec in enumerate(cat.get("sections", [])):
            ui = section_page(sec, f"categories[{ci}].sections[{si}]")
            if ui is not None:
                units.append(ui)
                sec["page"] = head_pages[ui]
            cat["sections"][si] = ordered(sec, "section")
        sec_units.append(units)
        cat_spans += [src_idx.span_of_heading(u) for u in units]
    src_idx.category_spans = cat_spans

    def put_page(obj, where, spans, kind, needs_ocr=False):
        text = obj.get("text")
        if not isinstance(text, str):
            errors.append(f"{sid}: {where}.text missing")
            return obj
        row_label = obj.get("applies_to") if kind == "amount" else None
        page, problems, found_notes = locate_text(text, src_idx, pdf_idx, head_pages, spans, row_label)
        for p in problems:
            errors.append(f"{sid}: {where}.text {text!r}: {p}")
        for n in found_notes:
            notes.append(f"{where}.text {text!r}: {n}")
        if page is not None:
            obj["page"] = page
            if scanned_page and page == scanned_page and not needs_ocr:
                notes.append(f"{where} lies on the scanned page {page} but its category is not "
                             "needs_ocr")
        return ordered(obj, kind)

    for ci, cat in enumerate(cats):
        spans = [src_idx.span_of_heading(u) for u in sec_units[ci]]
        needs_ocr = bool(cat.get("needs_ocr"))
        if needs_ocr:
            sp = {s.get("page") for s in cat.get("sections", [])}
            if scanned_page not in sp:
                errors.append(f"{sid}: categories[{ci}] ({cat.get('id')}) needs_ocr but its section is "
                              f"on page(s) {sorted(x for x in sp if x)}, the scanned page is {scanned_page}")
        for key, kind in (("amounts", "amount"), ("decision_makers", "cat_decision")):
            if key in cat:
                cat[key] = [put_page(x, f"categories[{ci}].{key}[{k}]", spans, kind, needs_ocr)
                            for k, x in enumerate(cat[key])]
        cats[ci] = ordered(cat, "category")
    if "decision_makers" in truth:
        truth["decision_makers"] = [put_page(d, f"decision_makers[{k}]", None, "doc_decision")
                                    for k, d in enumerate(truth["decision_makers"])]
    for k, sec in enumerate(truth.get("unmatched_sections", []) or []):
        ui = section_page(sec, f"unmatched_sections[{k}]")
        if ui is not None:
            sec["page"] = head_pages[ui]
        truth["unmatched_sections"][k] = ordered(sec, "section")
    truth = ordered(truth, "top")
    path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return errors, notes


# --------------------------------------------------------------------------- one document

def build_one(src_path: str, out_dir: str, expected_dir: str, keep_work: str | None) -> dict:
    """Render one source (passes until the TOC numbers and page count are stable), scan a page if
    asked, fix metadata, fill the truth. Returns a result dict (runs in a worker process)."""
    t0 = time.monotonic()
    src_path = Path(src_path)
    res = {"id": src_path.stem, "producer": "?", "pages": 0, "errors": [], "notes": [], "file": None}
    work_root = Path(keep_work) / src_path.stem if keep_work else Path(tempfile.mkdtemp(prefix="corpus-"))
    if keep_work:
        shutil.rmtree(work_root, ignore_errors=True)
    work_root.mkdir(parents=True, exist_ok=True)
    try:
        src = parse_source(src_path)
        meta = src.meta
        res["producer"] = meta["producer"]
        plan = make_plan(src)
        prepared = prepare(plan, meta)
        entries = toc_entries(plan)
        src_idx = SourceIndex(plan)
        hu = src_idx.heading_units()
        toc_units = [u for u in hu if src_idx.units[u][3] <= 2]  # the TOC entries, in order
        assert len(toc_units) == len(entries)
        toc_pages = [TOC_PLACEHOLDER] * len(entries)
        total = "?"
        pdf = work_root / "render.pdf"
        for attempt in range(1, 5):
            job = Job(src, prepared, toc_pages, total, pdf, work_root)
            RENDERERS[meta["producer"]](job)
            if keep_work:
                shutil.copy(pdf, work_root / f"pass{attempt}.pdf")
            pages = pdf_pages_text(pdf)
            pdf_idx = PdfIndex(pages, meta)
            head_pages = locate_headings(src_idx, pdf_idx)
            new_toc = [head_pages[u] for u in toc_units]
            stable_toc = new_toc == toc_pages or not entries
            stable_total = meta["producer"] != "reportlab" or total == len(pages)
            if stable_toc and stable_total:
                break
            toc_pages, total = new_toc, len(pages)
        else:
            raise RuntimeError("TOC page numbers did not settle after 4 passes")
        if meta["toc_title"] and not pdf_idx.toc_pages:
            res["errors"].append(f"{src.id}: TOC pages not recognised in the PDF")
        scanned_page = None
        if meta["scanned_heading"]:
            ui = next(u for u in hu if src_idx.units[u][1] == meta["scanned_heading"])
            scanned_page = head_pages[ui]
            replace_with_scan(pdf, scanned_page, work_root)
        if meta["producer"] in ("libreoffice", "chromium") or scanned_page:
            finalize_metadata(pdf, meta, work_root)
        out = Path(out_dir) / meta["file"]
        shutil.copy(pdf, out)
        if scanned_page:
            left = pdf_pages_text(out)[scanned_page - 1].strip()
            if left:
                res["errors"].append(f"{src.id}: scanned page {scanned_page} still has text: {left[:60]!r}")
        sha = hashlib.sha256(out.read_bytes()).hexdigest()
        res.update(pages=len(pages), file=str(out))
        truth = Path(expected_dir) / f"{src.id}.json"
        if truth.exists():
            errors, notes = fill_truth(truth, src, plan, pdf_idx, head_pages, sha, len(pages), scanned_page)
            res["errors"] += errors
            res["notes"] += notes
        else:
            res["note"] = "no truth file"
    except SourceError as e:
        res["errors"].append(str(e))
    except Exception as e:  # a failed tool run or a bug: report it with the document id
        res["errors"].append(f"{res['id']}: {type(e).__name__}: {e}")
    finally:
        if not keep_work:
            shutil.rmtree(work_root, ignore_errors=True)
    res["seconds"] = time.monotonic() - t0
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", metavar="ID", help="build only these ids")
    ap.add_argument("--keep-work", metavar="DIR", help="keep intermediate files (docx, html, passes) here")
    ap.add_argument("--sources", default=str(REPO / "guidelines" / "sources"))
    ap.add_argument("--out", default=str(REPO / "guidelines"))
    ap.add_argument("--expected", default=str(REPO / "tests" / "expected"))
    ap.add_argument("--jobs", "-j", type=int, default=1, help="documents built in parallel")
    args = ap.parse_args(argv)
    sources = sorted(p for p in Path(args.sources).glob("*.md") if p.name not in ("FORMAT.md", "README.md"))
    if args.only:
        missing = set(args.only) - {p.stem for p in sources}
        if missing:
            print(f"no source for: {', '.join(sorted(missing))}", file=sys.stderr)
            return 2
        sources = [p for p in sources if p.stem in args.only]
    if not sources:
        print(f"no sources in {args.sources}", file=sys.stderr)
        return 2
    Path(args.out).mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    todo = [(str(p), args.out, args.expected, args.keep_work) for p in sources]
    if args.jobs > 1:
        with concurrent.futures.ProcessPoolExecutor(args.jobs) as ex:
            futures = [ex.submit(build_one, *t) for t in todo]
            results = [f.result() for f in futures]
    else:
        results = [build_one(*t) for t in todo]
    seen = {}
    for r in results:  # two sources writing the same PDF would silently overwrite each other
        if r["file"] and r["file"] in seen:
            r["errors"].append(f"{r['id']}: writes the same file as {seen[r['file']]}: {r['file']}")
        seen.setdefault(r["file"], r["id"])
    failed = 0
    for r in results:
        status = "ok" if not r["errors"] else "ERROR"
        extra = f"  ({r['note']})" if r.get("note") else ""
        print(f"{r['id']:<28} {r['producer']:<12} {r['pages']:>3} pages {r['seconds']:6.1f} s  {status}{extra}")
        for n in r["notes"]:
            print(f"  note: {n}")
        for e in r["errors"]:
            print(f"  error: {e}")
        failed += bool(r["errors"])
    print(f"{len(results)} documents, {failed} with errors, {time.monotonic() - t0:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
