"""Ruled tables come from PDFium's path objects, as pdfplumber would find them, without its parse."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from guidecmp.extract.vocab import load_rules
from guidecmp.read.pdf import read_pdf
from guidecmp.read.textnorm import join_lines, normalise

FIXTURES = Path(__file__).parent / "fixtures"
WORDS = load_rules().document.reader  # rules/document.toml


def _plumber_tables(path: Path) -> list[tuple[tuple[float, ...], tuple[tuple[str, ...], ...]]]:
    with pdfplumber.open(path) as pdf:
        return [(table.bbox, tuple(tuple(normalise(join_lines((cell or "").split("\n"), WORDS.conjunctions)) for cell in row)
                                   for row in table.extract()))
                for table in pdf.pages[0].find_tables()]


@pytest.mark.parametrize("name", ["table.pdf", "table_in_form_with_decimals.pdf"])
def test_tables_match_what_pdfplumber_finds(name):
    [(bbox, rows)] = _plumber_tables(FIXTURES / name)
    [table] = read_pdf(FIXTURES / name, WORDS).pages[0].tables
    assert table.rows == rows
    assert (table.x0, table.top, table.x1, table.bottom) == pytest.approx(bbox, abs=0.01)


def test_table_inside_a_moved_form_keeps_its_decimal_commas():
    doc = read_pdf(FIXTURES / "table_in_form_with_decimals.pdf", WORDS)
    [table] = doc.pages[0].tables
    assert table.rows == (("Hushåll", "Belopp"), ("Ensamstående, ensamförsörjare", "480,20 €"),
                          ("Makar, var för sig", "408,17 €"))
    assert table.x0 == pytest.approx(92, abs=0.01)  # the form's own 72 moved by the page's 20
    assert [line.text for line in doc.pages[0].lines] == ["Perusosat 2014:", "Efter tabellen fortsätter texten."]


def test_tables_are_found_without_pdfplumber_parsing_the_file(monkeypatch):
    def no_parse(*args, **kwargs):
        raise AssertionError("pdfplumber parsed the file")

    monkeypatch.setattr(pdfplumber, "open", no_parse)
    monkeypatch.setattr(pdfplumber.PDF, "__init__", no_parse)
    assert read_pdf(FIXTURES / "table.pdf", WORDS).pages[0].tables
