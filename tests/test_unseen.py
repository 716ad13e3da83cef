"""Structural habits of guidelines written apart from guidecmp: one generated PDF per habit
(tests/fixtures/make_fixtures.py), and the near misses that make a silence honest in every report."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guidecmp.compare.comparison import Labels, build_comparison
from rich.console import Console

from guidecmp.report.comparison import terminal_report, to_csv, to_html, to_json_text, to_markdown, to_xlsx
from guidecmp.extract.document import extract_file
from guidecmp.extract.vocab import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def extracted(name: str, rules) -> dict:
    return extract_file(FIXTURES / name, rules).to_json()


def category(data: dict, cid: str) -> dict:
    return next(c for c in data["categories"] if c["id"] == cid)


def roles(data: dict, cid: str) -> list[tuple[str, str | None]]:
    return [(d["role"], d["condition"]) for d in category(data, cid)["decision_makers"]]


def test_page_one_is_read_when_it_is_no_cover(rules):
    data = extracted("no_cover_page.pdf", rules)
    assert category(data, "household_startup")["sections"] == [{"heading": "Kodinhankinnat", "page": 1}]
    assert roles(data, "household_startup") == [("sosiaaliohjaaja", None)]
    assert data["guideline"]["issuer"] is None  # page 1's body sentence names a county: not an issuer


def test_toc_without_leaders_or_page_numbers_is_dropped(rules):
    data = extracted("toc_without_leaders.pdf", rules)
    found = {c["id"]: (c["support_type"], [s["page"] for s in c["sections"]]) for c in data["categories"]}
    assert found == {"household_startup": ("supplementary", [3]), "funeral_costs": ("supplementary", [3]),
                     "debt_problems": ("preventive", [3])}


def test_basic_chapter_under_a_neutral_title_gives_no_categories(rules):
    data = extracted("basic_chapter_neutral_title.pdf", rules)
    assert [c["id"] for c in data["categories"]] == ["household_startup"]


def test_staff_list_is_no_delegation_table(rules):
    data = extracted("staff_list.pdf", rules)
    assert data["decision_makers"] == []
    assert category(data, "household_startup")["decision_makers"] == []


def test_residence_permit_chapter_is_no_id_document_and_study_travel_is_a_study_cost(rules):
    data = extracted("residence_permit_chapter.pdf", rules)
    assert [c["id"] for c in data["categories"]] == ["study_costs"]
    assert [s["heading"] for s in data["unmatched_sections"]] == ["1.1 Oleskelulupa ja toimeentulotuki"]


def test_labelled_decision_fields(rules):
    data = extracted("labelled_decision_field.pdf", rules)
    assert roles(data, "rent_deposit") == [("sosiaaliohjaaja", None)]
    assert roles(data, "funeral_costs") == [("johtava_sosiaalityontekija", None)]


def test_single_topic_sheet_is_its_category(rules):
    data = extracted("single_topic_sheet.pdf", rules)
    [only] = data["categories"]
    assert (only["id"], only["support_type"]) == ("funeral_costs", "supplementary")
    assert [a["value"] for a in only["amounts"]] == [1200.0]
    assert roles(data, "funeral_costs") == [("sosiaalityontekija", None)]


def test_issuer_from_the_running_footer(rules):
    assert extracted("issuer_in_footer.pdf", rules)["guideline"]["issuer"] == "Esimerkkilän kaupunki"


# --- honest silence ----------------------------------------------------------------------------

UNCLEAR = "ei selvää sääntöä (2 mahdollista, s. 2)"


@pytest.fixture(scope="module")
def near_miss_comparison(rules):
    record = extracted("near_miss_decisions.pdf", rules)
    other = extracted("labelled_decision_field.pdf", rules)
    other["guideline"]["id"] = "other"
    return build_comparison([record, other], Labels.from_rules(rules), categories=["household_startup"])


def test_near_misses_are_listed_with_why(rules):
    data = extracted("near_miss_decisions.pdf", rules)
    assert data["decision_makers"] == [] and category(data, "household_startup")["decision_makers"] == []
    assert [(c["reason"], c["category"], c["page"]) for c in data["decision_candidates"]] == [
        ("role_not_acting", None, 2), ("contact_or_preparer", "household_startup", 2)]


def test_a_guideline_with_rules_lists_no_candidates(rules):
    assert extracted("labelled_decision_field.pdf", rules)["decision_candidates"] == []


def terminal_text(comparison) -> str:
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for part in terminal_report(comparison, width=200):
        console.print(part)
    return console.export_text()


@pytest.mark.parametrize("render", [terminal_text, to_markdown, to_html])
def test_text_reports_show_the_near_misses(near_miss_comparison, render):
    assert UNCLEAR in render(near_miss_comparison)


def test_csv_shows_the_near_misses(near_miss_comparison):
    text = to_csv(near_miss_comparison).decode("utf-8-sig")
    assert any(UNCLEAR in cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row)


def test_json_shows_the_near_misses(near_miss_comparison):
    [category] = json.loads(to_json_text(near_miss_comparison))["categories"]
    row = next(r for r in category["rows"] if r["decision_candidates"])
    assert [c["reason"] for c in row["decision_candidates"]] == ["role_not_acting", "contact_or_preparer"]


def test_xlsx_shows_the_near_misses(near_miss_comparison):
    cells = [c.value for ws in load_workbook(io.BytesIO(to_xlsx(near_miss_comparison)))
             for row in ws.iter_rows() for c in row]
    assert UNCLEAR in cells


def test_a_rule_about_basic_support_decides_nothing_here(tmp_path):
    """"Perustoimeentulotuesta päättää etuuskäsittelijä" (a municipality before 2017, or Kela) says
    who decides basic support: it must not become a decider of supplementary or preventive support."""
    from pdfbytes import make_pdf

    pdf = tmp_path / "Kunta 2015.pdf"
    pdf.write_bytes(make_pdf([[
        "# 1 Yleistä",
        "Perustoimeentulotuesta päättää etuuskäsittelijä.",
        "Täydentävästä toimeentulotuesta päättää sosiaaliohjaaja.",
        "# 2 Täydentävä toimeentulotuki", "# 2.1 Kodinhankinnat",
        "Kodinhankintoihin voidaan myöntää enintään 400 euroa.",
    ]]))
    record = extract_file(pdf, load_rules()).to_json()
    assert [(d["role"], d["scope"]) for d in record["decision_makers"]] == [("sosiaaliohjaaja", "supplementary")]
