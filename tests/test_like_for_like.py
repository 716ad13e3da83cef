"""Like-for-like amounts (issue 10): whom and when an amount is for, euros for shares of the basic
amount, comparison groups by household size and part, and reports an office can use."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guidecmp.extract.amounts import household_phrase, household_size, named_periods, per_head
from guidecmp.extract.basic_amount import to_euros
from guidecmp.compare.comparison import Labels, build_comparison
from guidecmp.report.comparison import (FINDINGS_TITLE, key_findings, terminal_report, to_csv, to_html, to_markdown,
                             to_xlsx)
from guidecmp.extract.document import extract_file
from guidecmp.extract.vocab import load_rules

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures" / "compare"


def fixture_records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]


def fixture_labels() -> Labels:
    data = json.loads((TESTS / "fixtures" / "compare_labels.json").read_text(encoding="utf-8"))
    return Labels(data["categories"], data["roles"])


def truth_records() -> list[dict]:
    paths = [p for p in sorted((TESTS / "expected").rglob("*.json")) if "versions" not in p.parts]
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


# --- whom: household size, per head ------------------------------------------------------------------


@pytest.mark.parametrize("label, language, expected", [
    ("1 hlö", "fi", (1, 1)), ("3–4 hlö", "fi", (3, 4)), ("5 hlö tai enemmän", "fi", (5, None)),
    ("4+ hlö", "fi", (4, None)), ("yksin asuva", "fi", (1, 1)), ("kahden hengen talous", "fi", (2, 2)),
    ("vähintään kolmen hengen talous", "fi", (3, None)), ("Pariskunta", "fi", (2, 2)),
    ("5 personer eller fler", "sv", (5, None)), ("2 personer", "sv", (2, 2)),
    ("lapsiperhe", "fi", None), ("0–6 v", "fi", None), ("vaunut", "fi", None), (None, "fi", None),
])
def test_household_size_from_a_label(label, language, expected):
    assert household_size(label, language) == expected


def test_household_phrase_names_the_last_household_of_a_clause():
    assert household_phrase("Yksin asuvalle voidaan myöntää", "fi") == ("Yksin asuvalle", (1, 1))
    assert household_phrase("ja kahden hengen taloudelle", "fi") == ("kahden hengen", (2, 2))


def test_per_head_amounts_say_whose_head():
    assert (per_head("lapsi"), per_head("hlö"), per_head("barn", "sv"), per_head("vaunut")) == \
        ("child", "person", "child", None)


def test_periods_a_section_states_once():
    assert named_periods("Kodinhankintoihin myönnetään kertaluonteisena tukena kiinteä summa seuraavasti:") == {"once"}
    assert named_periods("Enimmäismäärä vuodessa") == {"year"}
    assert named_periods("Tuki on tarkoitettu sängyn hankintaan.") == set()


# --- shares of the basic amount in euros ------------------------------------------------------------


def test_half_the_basic_amount_in_2020_is_half_of_that_years_figure():
    conversion = to_euros(50, "2020-06-01")
    assert conversion.eur_value == pytest.approx(502.21 / 2, abs=0.01)
    assert "502,21" in conversion.basis


@pytest.mark.parametrize("valid_from, single", [("2018-03-01", 491.21), ("2022-07-31", 514.82),
                                                 ("2022-08-01", 532.97), ("2024-01-01", 587.71)])
def test_the_figure_in_force_on_the_valid_from_date(valid_from, single):
    assert to_euros(100, valid_from).eur_value == pytest.approx(single)


def test_a_childs_basic_amount_has_no_single_value_and_says_why():
    conversion = to_euros(50, "2020-01-01", "50 % lapsen perusosasta")
    assert conversion.eur_value is None and "lapsen perusosa" in conversion.basis


def test_a_year_missing_from_the_table_gives_no_guess():
    conversion = to_euros(50, "2027-05-01")
    assert conversion.eur_value is None and "2027" in conversion.basis
    assert to_euros(50, None).eur_value is None


# --- extraction of the bundled corpus ----------------------------------------------------------------


@pytest.fixture(scope="module")
def vantaa(rules):
    return extract_file(ROOT / "guidelines" / "Vantaa 2015.pdf", rules).to_json()


def test_vantaa_list_labels_say_whom_and_what(vantaa):
    by_category = {c["id"]: c["amounts"] for c in vantaa["categories"]}
    funeral = {a["applies_to"]: a for a in by_category["funeral_costs"]}
    assert funeral["perunkirjoitus"]["item"] == "perunkirjoitus"
    assert funeral["hautauskulut"]["item"] is None  # the category's own cost
    startup = {a["value"]: a for a in by_category["household_startup"]}
    assert (startup[400]["persons"], startup[550]["persons"]) == ((1, 1), (2, 2))
    # "Kodinhankintoihin myönnetään kertaluonteista avustusta": the section's period, marked so
    assert {a["per"] for a in startup.values()} == {"once"}
    assert {a["per_source"] for a in startup.values()} == {"section"}


def test_vantaa_estate_inventory_is_not_compared_as_a_funeral_maximum(vantaa, rules):
    others = [r for r in truth_records() if r["guideline"]["id"] != "vantaa-2015"]
    comparison = build_comparison(others + [vantaa], Labels.from_rules(rules), categories=["funeral_costs"],
                                  focus="vantaa-2015")
    funeral = comparison.categories[0]
    main = next(g for g in funeral.groups if g.item is None and g.qualifier == "max")
    assert 150 not in [v.value for v in main.values if v.guideline == "vantaa-2015"]
    assert [c.amount.value for c in comparison.focus.categories[0].comparisons] == [1200]


def test_every_household_size_row_of_the_truth_has_persons_and_its_own_group(rules):
    records = truth_records()
    for record in records:
        for category in record["categories"]:
            for amount in category["amounts"]:
                label = amount.get("applies_to") or ""
                if re.search(r"\d\s*(?:hlö|henkilö|person)|hengen", label):
                    assert amount.get("persons"), (record["guideline"]["id"], label)
    startup = build_comparison(records, Labels.from_rules(rules), categories=["household_startup"]).categories[0]
    sizes = [g.persons for g in startup.groups if g.persons]
    assert len(sizes) == len(set((g.persons, g.qualifier, g.per) for g in startup.groups if g.persons))
    assert {(1, 1), (2, 2)} <= set(sizes)


def test_a_share_of_the_basic_amount_is_compared_in_euros_and_marked(rules):
    records = fixture_records()
    record = json.loads(json.dumps(records[0]))
    record["guideline"].update(id="osuus-2020", valid_from="2020-02-01")
    record["categories"] = [{"id": "funeral_costs", "support_type": "supplementary", "sections": [],
                             "decision_makers": [], "amounts": [
                                 {"value": 200.0, "unit": "percent_of_basic_amount", "qualifier": "max",
                                  "per": None, "applies_to": None, "page": 1, "text": "200 % perusosasta"}]}]
    funeral = build_comparison(records + [record], fixture_labels(), categories=["funeral_costs"]).categories[0]
    euros = next(v for g in funeral.groups for v in g.values if v.guideline == "osuus-2020")
    assert euros.converted and euros.value == pytest.approx(2 * 502.21)


# --- reports ---------------------------------------------------------------------------------------------


def comparisons(rules):
    yield build_comparison(fixture_records(), fixture_labels())
    yield build_comparison(fixture_records(), fixture_labels(), focus="metsala-2022")
    yield build_comparison(truth_records(), Labels.from_rules(rules))


def test_every_csv_and_xlsx_row_matches_its_header(rules, tmp_path):
    for comparison in comparisons(rules):
        for gaps_only in (False, True):
            table = list(csv.reader(io.StringIO(to_csv(comparison, gaps_only=gaps_only).decode("utf-8-sig")),
                                    delimiter=";"))
            assert len(table) > 1 and {len(row) for row in table} == {len(table[0])}
            path = tmp_path / "vertailu.xlsx"
            path.write_bytes(to_xlsx(comparison, gaps_only=gaps_only))
            for sheet in load_workbook(path).worksheets:
                width = sum(1 for cell in sheet[1] if cell.value is not None)
                for row in sheet.iter_rows(min_row=2, values_only=True):
                    assert all(value is None for value in row[width:]), sheet.title


def test_the_decision_maker_stays_under_its_header_when_there_is_no_amount(rules):
    comparison = build_comparison(truth_records(), Labels.from_rules(rules))
    table = list(csv.reader(io.StringIO(to_csv(comparison).decode("utf-8-sig")), delimiter=";"))
    header, rows = table[0], table[1:]
    bare = [row for row in rows if row[header.index("summa")] == ""]
    assert bare and all(row[header.index("päättäjän_lähde")] in ("", "menolajin kohta") or
                        row[header.index("päättäjän_lähde")].startswith(("koko", "ohjeen")) for row in bare)


def test_xlsx_dates_euros_filter_and_finnish_labels(tmp_path):
    path = tmp_path / "vertailu.xlsx"
    path.write_bytes(to_xlsx(build_comparison(fixture_records(), fixture_labels())))
    book = load_workbook(path)
    guidelines = book["Ohjeet"]
    dates = [row[6] for row in guidelines.iter_rows(min_row=2, values_only=True) if row[6]]
    assert dates and all(hasattr(d, "year") for d in dates)
    amounts = book["Summat"]
    headers = [c.value for c in amounts[1]]
    assert amounts.auto_filter.ref and amounts.freeze_panes
    first = next(r for r in amounts.iter_rows(min_row=2) if r[headers.index("yksikkö")].value == "€")
    assert "€" in first[headers.index("summa")].number_format
    assert {r[headers.index("tarkenne")] for r in amounts.iter_rows(min_row=2, values_only=True)} <= \
        {"enintään", "vähintään", "noin", "kiinteä", None}


def test_every_format_opens_with_the_key_findings(rules, tmp_path):
    from rich.console import Console

    for comparison in comparisons(rules):
        findings = key_findings(comparison)
        assert findings and all(sentence.endswith(".") for sentence in findings)
        assert to_markdown(comparison).startswith(f"## {FINDINGS_TITLE}")
        html = to_html(comparison)
        assert html.index(FINDINGS_TITLE) < html.index("<h1>")
        console = Console(width=100, record=True, file=io.StringIO())
        for part in terminal_report(comparison):
            console.print(part)
        assert console.export_text().startswith(FINDINGS_TITLE)
        path = tmp_path / "vertailu.xlsx"
        path.write_bytes(to_xlsx(comparison))
        assert load_workbook(path).sheetnames[0] == FINDINGS_TITLE


def test_focus_findings_come_first_and_name_the_position(rules):
    comparison = build_comparison(truth_records(), Labels.from_rules(rules), focus="vantaa-2015")
    findings = key_findings(comparison)
    assert findings[0].startswith("vantaa-2015")
    assert any("sija" in sentence for sentence in findings[:4])


def test_focus_keeps_every_column_in_an_80_column_terminal(rules):
    from guidecmp.report.terminal import TextBlock

    comparison = build_comparison(truth_records(), Labels.from_rules(rules), focus="vantaa-2015")
    lines = next(p for p in terminal_report(comparison, width=80) if isinstance(p, TextBlock)).lines
    assert lines and all(len(line) <= 80 and line.endswith(("│", "┓", "┩", "┘", "┃")) for line in lines)
    assert "Huomiot" in lines[1]


def test_html_highlights_the_focus_in_every_chart_and_links_each_amount_to_its_page(rules):
    comparison = build_comparison(truth_records(), Labels.from_rules(rules), focus="vantaa-2015")
    html = to_html(comparison)
    charts = html.split("<svg class='chart'")[1:]
    with_focus = [chart for chart in charts if ">vantaa-2015</text>" in chart.split("</svg>")[0]]
    assert with_focus and all("class='focus'" in chart for chart in with_focus)
    assert "href='Vantaa%202015.pdf#page=10'" in html


def test_reports_speak_finnish_for_one_and_many_and_translate_reading_warnings(rules):
    comparison = build_comparison(fixture_records(), fixture_labels())
    markdown = to_markdown(comparison)
    assert "no text layer" not in markdown and "ei ole tekstikerrosta" in markdown
    assert "1 ohjetta" not in markdown and "1 summaa" not in markdown
    one = build_comparison(fixture_records()[:1], fixture_labels())
    assert "Vertailu: 1 ohje;" in to_markdown(one)


def test_the_not_accepted_list_is_no_missing_category(rules):
    comparison = build_comparison(truth_records(), Labels.from_rules(rules), focus="vantaa-2015")
    assert "not_accepted" not in {m.category for m in comparison.gaps.missing_common}
    assert "not_accepted" not in {g.category for g in comparison.gaps.without_amount}
    entry = next(c for c in comparison.focus.categories if c.category == "not_accepted")
    assert entry.flags == () and entry.ours is None  # Vantaa keeps no such list; that is not a gap
