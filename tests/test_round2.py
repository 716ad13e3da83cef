"""Habits of the guidelines of the fourth and fifth blind sets, made general: one generated PDF per
layout problem (tests/fixtures/make_fixtures.py) and real-looking sentences for the wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidecmp.compare.accuracy import score
from guidecmp.extract.amounts import household_size, stated_qualifier
from guidecmp.extract.document import extract_file
from guidecmp.extract.roles import decisions_from_table
from guidecmp.extract.issuer_name import name_case
from guidecmp.extract.structure import _fullest_name, _issuer_name
from guidecmp.extract.vocab import load_rules

ISSUER_CUE = load_rules().document.issuer_cue  # rules/document.toml
from guidecmp.extract.vocab import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_landscape_page_delegation_table_keeps_its_columns(rules):
    """A page turned by /Rotate: its rows are read along the shown page, so the cells and their
    column headers (one per support type) survive, and "ei päätösvaltaa" gives no authority."""
    data = extract_file(FIXTURES / "landscape_delegation_table.pdf", rules).to_json()
    found = {(d["role"], d["scope"]) for d in data["decision_makers"]}
    assert found == {("sosiaaliohjaaja", "supplementary"), ("sosiaalityontekija", "supplementary"),
                     ("johtava_sosiaalityontekija", "supplementary"), ("sosiaalityontekija", "preventive"),
                     ("johtava_sosiaalityontekija", "preventive")}


def test_table_rows_split_across_page_break(rules):
    """Label and sums drawn as separate text objects are one row; the column header gives the
    household size, the lead-in's "enimmäismäärä" the qualifier, on both pages of the table."""
    data = extract_file(FIXTURES / "table_rows_split_across_page_break.pdf", rules).to_json()
    startup = next(c for c in data["categories"] if c["id"] == "household_startup")
    got = [(a["value"], a["qualifier"], list(a["persons"]), a["page"]) for a in startup["amounts"]]
    assert got == [(150.0, "max", [1, 1], 2), (280.0, "max", [2, None], 2), (40.0, "max", [1, 1], 2),
                   (80.0, "max", [2, None], 2), (80.0, "max", [1, 1], 2), (120.0, "max", [2, None], 2),
                   (210.0, "max", [1, 1], 3), (260.0, "max", [2, None], 3), (230.0, "max", [1, 1], 3),
                   (230.0, "max", [2, None], 3), (250.0, "max", [1, 1], 3), (300.0, "max", [2, None], 3)]
    assert all(a["per"] == "once" for a in startup["amounts"])


@pytest.mark.parametrize("label, lang, size", [
    ("kolmen tai neljän hengen talous", "fi", (3, 4)),
    ("viiden tai useamman hengen talous", "fi", (5, None)),
    ("3–4 hlö", "fi", (3, 4)),
    ("tre eller fyra personer", "sv", (3, 4)),
    ("fem eller fler personer", "sv", (5, None)),
    ("2 personer eller fler", "sv", (2, None)),
])
def test_household_sizes_in_words(label, lang, size):
    assert household_size(label, lang) == size


@pytest.mark.parametrize("lead_in, lang, qualifier", [
    ("Tuki on kertaluonteinen. Enimmäismäärät ovat:", "fi", "max"),
    ("Tuki on kertaluonteinen, ja sitä myönnetään enintään seuraavasti:", "fi", "max"),
    ("Tabellen nedan anger det högsta belopp som godkänns för varje artikel.", "sv", "max"),
    ("Tukea voidaan myöntää seuraavasti:", "fi", None),
])
def test_a_lead_in_states_the_qualifier_once(lead_in, lang, qualifier):
    assert stated_qualifier(lead_in, lang) == qualifier


def test_swedish_delegation_cell_that_denies_authority(rules):
    rows = [("Tjänsteinnehavare", "Kompletterande utkomststöd", "Förebyggande utkomststöd"),
            ("Socialhandledare", "beslutar upp till 500 €", "fattar inga beslut"),
            ("Socialarbetare", "beslutar över 500 €", "beslutar upp till 1 500 €")]
    found = [(d.role, d.condition) for d in decisions_from_table(rows, rules.roles, "sv")]
    assert ("sosiaaliohjaaja", "upp till 500 €") in found
    assert sum(role == "sosiaaliohjaaja" for role, _ in found) == 1


def test_issuer_from_a_web_title_block_and_a_footer():
    assert _issuer_name("Esimerkkilän hyvinvointialue · Voimassa 1.2.2024 alkaen · Sivua päivitetty", ISSUER_CUE) \
        == "Esimerkkilän hyvinvointialue"
    assert _issuer_name("Esimerkkilän sote-kuntayhtymä Esote www.esote.fi", ISSUER_CUE) == "Esimerkkilän sote-kuntayhtymä Esote"
    assert _fullest_name(["Esote", "Esimerkkilän sote-kuntayhtymä Esote"]) == "Esimerkkilän sote-kuntayhtymä Esote"
    assert _fullest_name(["Esimerkkilän kaupunki", "Muun kaupungin kunta"]) == "Esimerkkilän kaupunki"
    assert name_case("ETELÄ-ESIMERKIN HYVINVOINTIALUE") == "Etelä-Esimerkin hyvinvointialue"


def test_accuracy_checks_issuer_and_valid_from():
    record = {"guideline": {"issuer": "Esimerkkilän kaupunki", "valid_from": "2024-01-01"},
              "categories": [], "decision_makers": []}
    wrong = {**record, "guideline": {"issuer": "Esimerkkilän Kaupunki", "valid_from": "2024-01-01"}}
    report = score([("a", record, record), ("b", wrong, record)])
    assert report.metadata_right == {"issuer": 1, "valid_from": 2}
    assert report.metadata_misses["b"] == {"issuer": ("Esimerkkilän Kaupunki", "Esimerkkilän kaupunki")}
