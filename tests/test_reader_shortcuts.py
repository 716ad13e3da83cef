"""The reader's shortcuts give what the plain way gives: PDFium's functions declared with plain
addresses answer as pypdfium2's typed ones, the page walk counts what a one-by-one walk counts,
and the shortcuts around line measuring and contents lines skip only what cannot match."""

import ctypes
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from guidecmp.read import pdf, ruling
from guidecmp.read.textnorm import HYPHEN_BREAK

FIXTURES = Path(__file__).parent / "fixtures"
# ruled tables (paths), a table inside a form XObject, a page turned by /Rotate, plain text
PDFS = ["table.pdf", "table_in_form_with_decimals.pdf", "landscape_delegation_table.pdf", "two_columns.pdf"]


def _pages():
    for name in PDFS:
        document = pdfium.PdfDocument(FIXTURES / name)
        for index in range(len(document)):
            yield name, document[index]


def _typed_walk(holder, is_form: bool, kinds: Counter) -> None:
    count = (pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects)(holder)
    get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    for index in range(count):
        obj = get(holder, index)
        kinds[pdfium_c.FPDFPageObj_GetType(obj)] += 1
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            _typed_walk(obj, True, kinds)


@pytest.mark.parametrize(("name", "page"), list(_pages()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_walk_counts_every_object_and_keeps_every_path(name, page):
    kinds, paths = Counter(), []
    assert not pdf._walk_objects(page.raw, None, ruling.IDENTITY, 0, kinds, paths)
    expected = Counter()
    _typed_walk(page.raw, False, expected)
    assert kinds == expected
    assert len(paths) == expected[pdfium_c.FPDF_PAGEOBJ_PATH]
    assert all(pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH for obj, _ in paths)


@pytest.mark.parametrize(("name", "page"), list(_pages()), ids=lambda v: v if isinstance(v, str) else "")
def test_plain_calls_answer_as_typed_ones(name, page):
    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = pdf._PageText(textpage, page.get_rotation(), width, height)
    edges = [ctypes.c_double() for _ in range(4)]
    for index in range(textpage.count_chars()):
        assert pdfium_c.FPDFText_GetCharBox(textpage.raw, index, *map(ctypes.byref, edges))
        left, right, bottom, top = (edge.value for edge in edges)
        assert chars.box(index) == chars._shown(left, bottom, right, top)
        assert chars.size(index) == pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        assert pdf._font_weight(chars.address, index) == pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)


def test_a_rotated_page_turns_its_boxes():
    page = pdfium.PdfDocument(FIXTURES / "landscape_delegation_table.pdf")[2]
    assert page.get_rotation() == 90
    width, height = page.get_size()
    textpage = page.get_textpage()  # _PageText keeps the raw handle only: the page text stays open here
    chars = pdf._PageText(textpage, page.get_rotation(), width, height)
    index = next(i for i, ch in enumerate(chars.text) if not ch.isspace())
    unturned = pdf._PageText(textpage)
    assert chars.box(index) != unturned.box(index)


@pytest.mark.parametrize("line", ["  Kodin  hankinnat ", f"vuokra{HYPHEN_BREAK}vakuus\r\n", "a", " \t ",
                                  f"{HYPHEN_BREAK}x y{HYPHEN_BREAK} zz\u00a0ö", "\u2003€ 500\u2003"])
def test_nth_inked_character_is_the_one_counted_one_by_one(line):
    inked = [i for i, ch in enumerate(line) if not ch.isspace() and ch != HYPHEN_BREAK]
    runs = [(m.start(), m.end()) for m in pdf._INKED_RUN.finditer(line)]
    assert [i for start, end in runs for i in range(start, end)] == inked
    for n in range(len(inked)):
        assert pdf._nth_inked(runs, n) == inked[n]


@pytest.mark.parametrize("text", ["Sisällys", "1. Johdanto ........ 3", "Liite 2", "Tuki 12\n", "Tuki 12\n\n",
                                  "Tuki ١٢", "Tuki 12 a", "12", "", "2 ..... x", "Hakeminen . . . 45"])
def test_only_lines_ending_in_a_digit_can_be_contents_entries(text):
    if pdf._TOC_ENTRY.search(text) or pdf._LEADER.search(text):
        assert pdf._ends_in_digit(text)
    assert pdf._toc_key(text) == " ".join(pdf._TOC_ENTRY.sub("", text).casefold().split())


def test_ends_in_digit_is_what_the_regex_calls_a_digit():
    digits = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and re.fullmatch(r"\d", chr(c))]
    assert all(d.isdecimal() for d in digits)


def test_normalise_translates_where_a_table_character_is():
    from guidecmp.read import textnorm

    table = {chr(code) for code in textnorm._TABLE}
    assert all(textnorm._TABLE_CHARS.fullmatch(char) for char in table)
    assert not any(textnorm._TABLE_CHARS.fullmatch(chr(code)) for code in range(0x3000) if chr(code) not in table)
    assert textnorm.normalise("\uf0b7\u00a0Kodin\u00adhankinnat \ufb01 \u2014 a\u2009 b") == "• Kodinhankinnat fi – a b"
