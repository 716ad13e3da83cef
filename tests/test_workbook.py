"""guidecmp's own XLSX writer, read back by an independent reader (openpyxl) and, where it is
installed, by LibreOffice: values, types, formats, layout, hostile text, and the same bytes twice."""

from __future__ import annotations

import csv
import io
import math
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from guidecmp.report.comparison import EURO_FORMAT, to_xlsx, xlsx_cell
from guidecmp.report.workbook import Workbook, column_width
from test_export import fixture_comparison

# what the writer documents for characters XML 1.0 forbids: written as their escape, like `visible`
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def as_written(text: str) -> str:
    return XML_FORBIDDEN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def single_sheet(rows: list[list], headers: list[str] | None = None, **options) -> bytes:
    book = Workbook()
    book.sheet("Taulu", headers or [f"sarake{n}" for n in range(len(rows[0]))], rows, **options)
    return book.to_bytes()


def test_values_types_formats_and_layout_read_back():
    book = Workbook()
    rows = [["Ähtäri & Öja <ry>", 400, 12.5, date(2024, 3, 1), None, True],
            ["  välilyönnit  ", -3, 0.1 + 0.2, date(1900, 3, 1), "", False]]
    book.sheet("Summat & päivät <1>", ["nimi", "summa", "osuus", "voimassa", "tyhjä", "kyllä"], rows,
               number_formats=lambda row: [None, EURO_FORMAT, "0.0 %", None, None, None],
               widths={"nimi": 33}, freeze="C2", header_wrapped=True)
    book.sheet("Havainnot", ["Keskeiset havainnot"], [["Pitkä lause, joka rivitetään."]],
               widths={"Keskeiset havainnot": 140}, wrap_text=True)
    book.sheet("Tyhjä", ["a", "b"], [], freeze="A1")
    workbook = read(book.to_bytes())

    assert workbook.sheetnames == ["Summat & päivät <1>", "Havainnot", "Tyhjä"]
    sheet = workbook["Summat & päivät <1>"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["nimi", "summa", "osuus", "voimassa", "tyhjä", "kyllä"],
        ["Ähtäri & Öja <ry>", 400, 12.5, datetime(2024, 3, 1), None, True],
        ["  välilyönnit  ", -3, 0.1 + 0.2, datetime(1900, 3, 1), None, False]]
    assert type(sheet["B2"].value) is int and type(sheet["C3"].value) is float
    assert [sheet.cell(2, column).number_format for column in (1, 2, 3, 4)] == [
        "General", EURO_FORMAT, "0.0 %", "d.m.yyyy"]
    assert all(cell.font.bold and cell.alignment.wrap_text and cell.alignment.vertical == "bottom"
               for cell in sheet[1])
    assert not sheet["A2"].font.bold and not sheet["A2"].alignment.wrap_text
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:F3"
    assert sheet.column_dimensions["A"].width == 33
    assert sheet.column_dimensions["B"].width == column_width("summa", [400, -3]) == 7
    assert sheet.column_dimensions["C"].width == len(repr(0.1 + 0.2)) + 2

    findings = workbook["Havainnot"]
    assert findings["A1"].font.bold and not findings["A1"].alignment.wrap_text
    assert findings["A2"].alignment.wrap_text and findings["A2"].alignment.vertical == "top"
    assert findings.column_dimensions["A"].width == 140 and findings.freeze_panes == "A2"

    empty = workbook["Tyhjä"]
    assert [cell.value for cell in empty[1]] == ["a", "b"] and empty.max_row == 1
    assert not empty.auto_filter.ref and empty.freeze_panes is None


def test_the_comparison_report_formats_euros_dates_and_panes():
    workbook = read(to_xlsx(fixture_comparison()))
    amounts = workbook["Summat"]
    headers = [cell.value for cell in amounts[1]]
    unit, value, euros = (headers.index(name) for name in ("yksikkö", "summa", "euroina"))
    formats = {(row[unit].value, row[value].number_format) for row in amounts.iter_rows(min_row=2)
               if isinstance(row[value].value, (int, float))}
    assert ("€", EURO_FORMAT) in formats and ("kk:n vuokra", "General") in formats  # a month's rent is no sum
    assert {number_format for shown_unit, number_format in formats if shown_unit == "€"} == {EURO_FORMAT}
    assert all(row[euros].number_format == EURO_FORMAT for row in amounts.iter_rows(min_row=2)
               if isinstance(row[euros].value, (int, float)))
    assert amounts.freeze_panes == "D2" and workbook["Kattavuus"].freeze_panes == "C2"
    assert workbook["Kattavuus"].column_dimensions["C"].width == 5
    guidelines = workbook["Ohjeet"]
    dates = [row[6] for row in guidelines.iter_rows(min_row=2) if row[6].value is not None]
    assert dates and all(isinstance(cell.value, datetime) and cell.number_format == "d.m.yyyy" for cell in dates)


def test_widths_are_six_to_sixty_characters_measured_on_the_first_500_rows():
    assert column_width("ab", []) == 6
    assert column_width("otsikko", [None, "x" * 10]) == 12
    assert column_width("ab", ["x" * 100]) == 60
    rows = [["lyhyt"]] * 500 + [["x" * 50]]
    assert read(single_sheet(rows, ["a"]))["Taulu"].column_dimensions["A"].width == 7


def test_a_number_a_cell_cannot_hold_is_left_empty():
    workbook = read(single_sheet([[math.nan, math.inf, -math.inf, 1.5]]))
    assert [cell.value for cell in workbook["Taulu"][2]] == [None, None, None, 1.5]


def test_a_date_before_excels_calendar_is_text():
    workbook = read(single_sheet([[date(1900, 2, 28), date(1, 1, 1), date(1900, 3, 1)]]))
    assert [cell.value for cell in workbook["Taulu"][2]] == ["1900-02-28", "0001-01-01", datetime(1900, 3, 1)]


def test_a_value_of_another_type_is_refused():
    with pytest.raises(TypeError, match="sarake0"):
        single_sheet([[b"bytes"]])
    with pytest.raises(TypeError):
        single_sheet([[datetime(2024, 1, 1, 12, 0)]])  # a time of day would be lost


@pytest.mark.parametrize("title", ["", "x" * 32, "a/b", "a:b", "[a]", "a*b", "a?b", "a\\b", "'a", "a\x01"])
def test_a_sheet_title_excel_refuses_is_a_mistake(title):
    with pytest.raises(ValueError):
        Workbook().sheet(title, ["a"], [])


def test_two_sheets_with_the_same_title_in_any_case_are_a_mistake():
    book = Workbook()
    book.sheet("Summat", ["a"], [])
    with pytest.raises(ValueError, match="two sheets"):
        book.sheet("SUMMAT", ["a"], [])


def test_the_package_is_valid_xml_without_formulas():
    data = to_xlsx(fixture_comparison(focus="metsala-2022"))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = package.namelist()
        assert {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} <= set(names)
        for name in names:
            assert package.getinfo(name).compress_type == zipfile.ZIP_DEFLATED
            root = ElementTree.fromstring(package.read(name))
            assert not any(element.tag.endswith("}f") for element in root.iter()), name


def test_the_same_input_gives_the_same_bytes():
    comparison = fixture_comparison(focus="metsala-2022")
    assert to_xlsx(comparison) == to_xlsx(comparison)


HOSTILE_PIECES = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", " =1", "\uff1d1", "<t>", "&amp;", "]]>", '"',
                  "\x00", "\x01", "\x1b[31m", "\t", "\n", "\r", "\r\n", "\x7f", "\x85", "\u202e", "\ufeff",
                  "\ufffe", "\uffff", "\ud800", "\udfff", "_x0041_", "_x005F_", "_X00e4_", "\U0001f600", " "]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(st.characters(exclude_categories=()))),
                        max_size=8).map("".join)


def excel_texts(data: bytes, sheet: int) -> list[str]:
    """Column A below the header as Excel reads it: shared strings with `_xHHHH_` unescaped."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        table = [unescape("".join(item.itertext())) for item in
                 ElementTree.fromstring(package.read("xl/sharedStrings.xml")).iter(f"{main}si")]
        cells = ElementTree.fromstring(package.read(f"xl/worksheets/sheet{sheet}.xml")).iter(f"{main}c")
        return [table[int(cell.find(f"{main}v").text)] for cell in cells if cell.get("r") != "A1"]


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(hostile_text, min_size=1, max_size=6), long=st.integers(0, 32_767))  # Excel's longest cell
def test_any_text_gives_a_valid_workbook_with_the_text_the_report_gave(texts, long):
    texts = [*texts, "ä" * long]
    through_report = [xlsx_cell(text, "") for text in texts]
    book = Workbook()
    book.sheet("Raportti", ["teksti"], [[text] for text in texts], text=xlsx_cell)
    book.sheet("Raaka", ["teksti"], [[text] for text in texts])  # the writer alone: it must hold any text
    data = book.to_bytes()
    workbook = read(data)

    for number, (sheet, expected) in enumerate([(workbook["Raportti"], through_report), (workbook["Raaka"], texts)],
                                               start=1):
        expected = [as_written(text) for text in expected]
        assert excel_texts(data, number) == [text for text in expected if text]  # "" is an empty cell
        read_back = [sheet.cell(row, 1).value or "" for row in range(2, len(texts) + 2)]
        assert [value for value, text in zip(read_back, expected) if "x005F_" not in text] == [
            text for text in expected if "x005F_" not in text]  # openpyxl drops every `x005F_` it reads
    for text in through_report:
        assert not text.lstrip().startswith(("=", "+", "-", "@")) or text.startswith("'")


@settings(max_examples=100, deadline=None)
@given(numbers=st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-2**53, 2**53), min_size=1),
       days=st.lists(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)), min_size=1))
def test_numbers_and_dates_round_trip(numbers, days):
    sheet = read(single_sheet([[number] for number in numbers] + [[day] for day in days], ["arvo"]))["Taulu"]
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[:len(numbers)] == numbers
    assert [type(value) for value in values[:len(numbers)]] == [type(number) for number in numbers]
    assert values[len(numbers):] == [datetime(day.year, day.month, day.day) for day in days]


SOFFICE = shutil.which("soffice")
# Calc is a package of its own (Debian: libreoffice-calc); without it soffice cannot load a workbook
CALC = SOFFICE and (Path(os.path.realpath(SOFFICE)).parent / "libsclo.so").exists()


def libreoffice_csv(workbook: Path, options: str) -> None:
    """`workbook` converted by LibreOffice Calc to CSV beside it (`options`: the CSV filter's)."""
    result = subprocess.run([SOFFICE, f"-env:UserInstallation={(workbook.parent / 'profile').as_uri()}", "--headless",
                             "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir",
                             str(workbook.parent), str(workbook)],
                            capture_output=True, text=True, timeout=600, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not CALC, reason="LibreOffice Calc (soffice, libreoffice-calc) is not installed")
def test_libreoffice_shows_text_numbers_and_dates_as_written(tmp_path):
    book = Workbook()
    book.sheet("Ohjeet", ["ohje", "summa", "voimassa", "teksti"],
               [["vantaa-2015", 1234.5, date(2024, 3, 1), "=1+1"], ["kainuu-2024", 7, None, "_x0041_ & <b>"]],
               text=xlsx_cell, number_formats=lambda row: [None, "#,##0.00", None, None])
    (tmp_path / "raportti.xlsx").write_bytes(book.to_bytes())
    libreoffice_csv(tmp_path / "raportti.xlsx", "44,34,76,1,,0,false,true,true")  # UTF-8, as shown
    rows = list(csv.reader(io.StringIO((tmp_path / "raportti.csv").read_text(encoding="utf-8"))))
    assert rows == [["ohje", "summa", "voimassa", "teksti"],
                    ["vantaa-2015", "1,234.50", "1.3.2024", "'=1+1"],
                    ["kainuu-2024", "7.00", "", "_x0041_ & <b>"]]


@pytest.mark.skipif(not CALC, reason="LibreOffice Calc (soffice, libreoffice-calc) is not installed")
def test_libreoffice_reads_every_sheet_of_a_report_as_openpyxl_does(tmp_path):
    data = to_xlsx(fixture_comparison(focus="metsala-2022"))
    (tmp_path / "vertailu.xlsx").write_bytes(data)
    libreoffice_csv(tmp_path / "vertailu.xlsx", "44,34,76,1,,0,false,true,false,false,false,-1")  # every sheet
    for sheet in read(data).worksheets:
        rows = list(csv.reader(io.StringIO((tmp_path / f"vertailu-{sheet.title}.csv").read_text(encoding="utf-8"))))
        assert len(rows) == sheet.max_row, sheet.title
        for row, expected in zip(rows, sheet.iter_rows(values_only=True)):
            assert [cell for cell, value in zip(row, expected) if isinstance(value, str)] == [
                value for value in expected if isinstance(value, str)], sheet.title
