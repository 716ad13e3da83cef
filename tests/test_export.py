"""Every output format of `compare`, read back the way its users read it.

Golden files in tests/golden/ hold the terminal and markdown outputs people read, built from the
fixed fixtures in tests/fixtures/compare/ (not the corpus, so they only change when the output
does). After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python3 -m pytest tests/test_export.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from guidecmp.cli import app
from guidecmp.compare.comparison import Labels, PlacedAmount, build_comparison
from guidecmp.report.comparison import (FOCUS_TABLE_HEADERS, NBSP, amount_rows, coverage_tables, format_amounts,
                                        format_number, format_value, terminal_report, to_csv, to_html, to_json_text,
                                        to_markdown, to_xlsx)

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures" / "compare"
GOLDEN = TESTS / "golden"
HOSTILE = "<script>alert(1)</script>"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def fixture_comparison(**options):
    data = json.loads((TESTS / "fixtures" / "compare_labels.json").read_text(encoding="utf-8"))
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    return build_comparison(records, Labels(data["categories"], data["roles"]), **options)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# --- Finnish formatting -----------------------------------------------------------------------------


def amount(value, qualifier="max", per=None, applies_to=None, unit="EUR", outlier=None):
    return PlacedAmount(float(value), unit, qualifier, per, applies_to, 1, "", outlier=outlier)


def test_compact_amounts_in_finnish():
    amounts = [amount(400, per="once"), amount(300, "fixed", applies_to="1 hlö"),
               amount(400, "fixed", applies_to="2 hlö")]
    assert plain(format_amounts(amounts)) == "enint. 400 € kerta; 1 hlö 300 €, 2 hlö 400 €"
    assert plain(format_amounts([amount(80, "min"), amount(120)])) == "80–120 €"
    assert plain(format_amounts([amount(1200), amount(8.5, "approx", "day")])) == "enint. 1 200 €; n. 8,50 €/pv"
    assert plain(format_amounts([amount(2, unit="months_rent")])) == "enint. 2 kk:n vuokra"
    assert plain(format_amounts([amount(49.5, "fixed", "day", unit="percent_of_basic_amount")])) == \
        "49,5 % perusosasta/pv"
    assert plain(format_amounts([amount(3000, outlier="high")])) == "enint. 3 000 € ▲"
    assert format_amounts([]) == ""


def test_numbers_use_a_decimal_comma_and_do_not_break():
    assert format_number(1200) == f"1{NBSP}200"
    assert format_number(11.46, money=True) == "11,46"
    assert format_number(8.5, money=True) == "8,50"
    assert format_number(0.5) == "0,5"
    assert format_value(200, "EUR", "year") == f"200{NBSP}€/v"


# --- golden files -------------------------------------------------------------------------------------


def terminal_text(comparison, **options) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, record=True)
    for part in terminal_report(comparison, width=100, **options):
        console.print(part)
    return console.export_text()


GOLDEN_OUTPUTS = {
    "compare_table.txt": lambda: terminal_text(fixture_comparison()),
    "compare_gaps_table.txt": lambda: terminal_text(fixture_comparison(), gaps_only=True),
    "compare_focus_table.txt": lambda: terminal_text(fixture_comparison(focus="metsala-2022")),
    "compare.md": lambda: to_markdown(fixture_comparison()),
    "compare_focus.md": lambda: to_markdown(fixture_comparison(focus="koivula-2021")),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_OUTPUTS))
def test_golden(name):
    text = GOLDEN_OUTPUTS[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then UPDATE_GOLDEN=1"


def test_terminal_matrix_fits_80_columns_for_23_guidelines():
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    many = []
    for index in range(23):
        for record in records[:1]:
            copy = json.loads(json.dumps(record))
            copy["guideline"]["id"] = f"kunta{index:02d}-2020"
            many.append(copy)
    comparison = build_comparison(many, fixture_comparison().labels)
    console = Console(file=io.StringIO(), width=80, color_system=None, record=True)
    for part in coverage_tables(comparison, width=80):
        console.print(part)
    lines = console.export_text().splitlines()
    matrix = [line for line in lines if line.startswith("Kodinhankinnat")]
    assert matrix and all(len(line.rstrip()) <= 80 for line in matrix)


def test_markdown_keeps_tables_intact():
    text = to_markdown(fixture_comparison())
    assert HOSTILE not in text and "&lt;script&gt;" in text
    assert "lapsi \\| ikä 7–17" in text  # a pipe inside a cell must not split the table
    table = [line for line in text.splitlines() if line.startswith("| rantala-2023")]
    assert table and all(len(re.split(r"(?<!\\)\|", line)) == 7 for line in table)  # 5 cells


# --- CSV ---------------------------------------------------------------------------------------------


def read_csv(data: bytes, delimiter: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_finnish_excel():
    data = to_csv(fixture_comparison(), style="finnish")
    assert data.startswith(b"\xef\xbb\xbf") and not data[3:].startswith(b"sep=")
    rows = read_csv(data, ";")
    assert len(rows) == len(amount_rows(fixture_comparison()))
    funeral = [r for r in rows if r["menolaji_id"] == "funeral_costs"]
    assert {r["ohje"]: r["summa"] for r in funeral}["metsala-2022"] == "3000"
    assert {r["poikkeava"] for r in funeral} == {"", "suuri"}
    moving = [r for r in rows if r["menolaji_id"] == "moving_costs" and r["summa"] == "250"]
    assert moving[0]["ryhmän_mediaani"] == "275"
    hostile = next(r for r in rows if r["ohje"] == "rantala-2023" and r["menolaji_id"] == "household_startup")
    assert hostile["otsikko"] == HOSTILE  # CSV is data: kept as written


def test_csv_decimal_comma_and_standard_style():
    comparison = fixture_comparison(categories=["moving_costs"])
    finnish = read_csv(to_csv(comparison, style="finnish"), ";")
    standard_bytes = to_csv(comparison, style="standard")
    assert not standard_bytes.startswith(b"\xef\xbb\xbf")
    standard = read_csv(standard_bytes, ",")
    assert [r["ryhmän_mediaani"] for r in standard] == [r["ryhmän_mediaani"] for r in finnish]
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    records[0]["categories"][1]["amounts"][1]["value"] = 300.5  # Aurinkola's moving costs: 100–300,5 €
    halves = build_comparison(records, comparison.labels, categories=["moving_costs"])
    fi_rows = read_csv(to_csv(halves, style="finnish"), ";")
    std_rows = read_csv(to_csv(halves, style="standard"), ",")
    assert "300,5" in {r["summa"] for r in fi_rows} and "300.5" in {r["summa"] for r in std_rows}
    assert "275,25" in {r["ryhmän_mediaani"] for r in fi_rows}


def test_csv_gaps_and_focus_tables():
    gaps = read_csv(to_csv(fixture_comparison(), gaps_only=True), ";")
    assert {"ei päättäjää koko ohjeessa", "useimmat kattavat, tämä ei", "lukuvaroitus"} <= {r["aukko"] for r in gaps}
    assert [r["ohje"] for r in gaps if r["aukko"] == "ei päättäjää koko ohjeessa"] == ["koivula-2021"]
    focus = read_csv(to_csv(fixture_comparison(focus="metsala-2022"), style="standard"), ",")
    first = focus[0]
    assert (first["menolaji_id"], first["summa"], first["muiden_mediaani"], first["sija"], first["joukosta"],
            first["ero_prosenttia"]) == ("child_hobbies", "600", "200", "1", "5", "200")


# --- XLSX --------------------------------------------------------------------------------------------


def test_xlsx_sheets_frozen_headers_and_numbers(tmp_path):
    path = tmp_path / "vertailu.xlsx"
    path.write_bytes(to_xlsx(fixture_comparison(focus="metsala-2022")))
    book = load_workbook(path)
    assert book.sheetnames == ["Keskeiset havainnot", "Vertailu", "Ohjeet", "Kattavuus", "Summat", "Yhteenveto",
                               "Aukot"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "C2", "D2"), sheet.title
        assert sheet["A1"].font.bold
    amounts = book["Summat"]
    headers = [c.value for c in amounts[1]]
    values = [row[headers.index("summa")] for row in amounts.iter_rows(min_row=2, values_only=True)]
    assert 3000 in values and all(isinstance(v, (int, float)) for v in values if v is not None)
    summary = {row[0]: row for row in book["Yhteenveto"].iter_rows(min_row=2, values_only=True)}
    assert summary["funeral_costs"][9] == 1150
    coverage = book["Kattavuus"]
    assert [c.value for c in coverage[1]][2:4] == ["aurinkola-2019", "bergby-2018"]
    focus = book["Vertailu"]
    rank = FOCUS_TABLE_HEADERS.index("sija") + 1
    assert focus["A2"].value == "child_hobbies" and focus.cell(row=2, column=rank).value == 1


# --- HTML --------------------------------------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs

    def handle_data(self, data):
        self.text.append(data)


def parse(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


def test_html_escapes_every_string_from_a_pdf():
    document = to_html(fixture_comparison())
    page = parse(document)
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags
    text = "".join(page.text)
    assert HOSTILE in text  # shown to the reader as text
    assert "<img src=x onerror=alert(2)>" in text and "<script>alert(3)</script>" in text
    assert "Rantalan kunta & <b>kumppanit</b>" in text
    assert not any(name.startswith("on") for name, _ in page.attributes)


def test_html_is_self_contained_and_complete():
    document = to_html(fixture_comparison())
    page = parse(document)
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    for name, value in page.attributes:
        if name in ("src", "href"):
            # in-page anchors, or a guideline's own PDF beside the report (never the network)
            assert value.startswith("#") or re.fullmatch(r"[^:/]+\.pdf#page=\d+", value), value
    assert "@media print" in document and "width=device-width" in document
    text = plain("".join(page.text))
    assert "Kattavuus" in text and "Aukot" in text and "ei mainintaa" in text
    assert page.tags.count("svg") == sum(len(c.groups) for c in fixture_comparison().categories)
    assert "mediaani 1 150 €" in text


def test_html_states_the_page_of_every_amount():
    document = to_html(fixture_comparison())
    items = re.findall(r"<ul class='amounts'>(.*?)</ul>", document)
    assert items
    for listing in items:
        for item in re.findall(r"<li>(.*?)</li>", listing):
            assert re.search(r"<span class='page'>s\. <a href='[^']+\.pdf#page=(\d+)'>\1</a></span>", item), item


def test_html_focus_and_gaps_only():
    focus = plain("".join(parse(to_html(fixture_comparison(focus="metsala-2022"))).text))
    assert "metsala-2022 verrattuna 4 muuhun" in focus and "+200 %" in focus and "Kattavuus" in focus
    gaps = plain("".join(parse(to_html(fixture_comparison(), gaps_only=True)).text))
    assert "Aukot" in gaps and "Kattavuus" not in gaps


def png_variety(path: Path) -> int:
    """How many different byte values the decompressed image data holds (a blank page: very few)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        if kind == b"IDAT":
            idat += data[offset + 8:offset + 8 + length]
        offset += 12 + length
    return len(set(zlib.decompress(idat)))


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (CI installs Debian's chromium package)")
@pytest.mark.parametrize("width", [1200, 390])
def test_html_renders_in_headless_chromium(tmp_path, width):
    report = tmp_path / "report.html"
    report.write_text(to_html(fixture_comparison()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},1800", report.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000
    assert png_variety(shot) > 100
    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    assert "Kattavuus" in dom and "Hautauskustannukset" in dom and "mediaani" in dom
    assert "<script>alert" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


# --- the command, every format ---------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, ["compare", str(FIXTURES), "-q", *args])


def test_cli_every_format(tmp_path):
    assert "Kattavuus" in run().stdout
    assert json.loads(run("-f", "json").stdout)["schema"] == "guidecmp.comparison/1"
    markdown = run("-f", "markdown").stdout
    assert markdown.startswith("## Keskeiset havainnot") and "\n# Vertailu" in markdown
    result = CliRunner().invoke(app, ["compare", str(FIXTURES), "-q", "-f", "csv"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfmenolaji_id;")
    standard = run("-f", "csv", "--csv-style", "standard").stdout
    assert standard.startswith("menolaji_id,menolaji,")
    for fmt in ("xlsx", "html", "csv", "markdown", "json", "table"):
        target = tmp_path / f"out.{fmt}"
        result = run("-f", fmt, "-o", str(target))
        assert result.exit_code == 0 and target.stat().st_size > 500, fmt
        assert result.stdout == ""
    assert load_workbook(tmp_path / "out.xlsx").sheetnames[:2] == ["Keskeiset havainnot", "Ohjeet"]
    assert (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Kattavuus" in (tmp_path / "out.table").read_text(encoding="utf-8")


def test_piped_table_has_no_colour_codes():
    result = run()
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) > 80  # not cut at 80 columns


def test_json_output_is_the_documented_comparison():
    data = json.loads(to_json_text(fixture_comparison(), gaps_only=False))
    assert data == json.loads(json.dumps(fixture_comparison().to_json()))
