"""The last misses of the blind sets, made general: boxed notes drawn after the page, tables
turned on their side, household words, household phrases after the sum, issuers set in capitals
and a validity line that also gives the date of issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidecmp.extract.amounts import household_size, named_periods
from guidecmp.extract.document import extract_file
from guidecmp.extract.issuer_name import name_case, without_logo
from guidecmp.extract.structure import _issuer_name
from guidecmp.extract.vocab import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _amounts(data: dict, category: str) -> set[tuple]:
    found = next(c for c in data["categories"] if c["id"] == category)
    return {(a["value"], a["qualifier"], a["per"], a["applies_to"], tuple(a["persons"] or ()))
            for a in found["amounts"]}


def test_boxed_note_drawn_last_stays_where_it_stands(rules):
    """The box is read in its place on the page, so the list item on the next page still belongs
    to the section before it and keeps the lead-in's "Enimmäismäärät" and "kertaluonteinen"."""
    data = extract_file(FIXTURES / "boxed_note_drawn_last.pdf", rules).to_json()
    assert _amounts(data, "household_startup") == {
        (350.0, "max", "once", "yksin asuva", (1, 1)), (500.0, "max", "once", "kaksi aikuista", (2, 2)),
        (700.0, "max", "once", "lapsiperhe", ())}


def test_sideways_age_table_takes_its_row_label_as_header(rules):
    """Age bands head the columns, the row label says the sums are yearly maximums."""
    data = extract_file(FIXTURES / "sideways_age_table.pdf", rules).to_json()
    assert _amounts(data, "child_hobbies") == {
        (60.0, "max", "year", "0–6 v", ()), (120.0, "max", "year", "7–12 v", ()),
        (200.0, "max", "year", "13–17 v", ())}


def test_issuer_in_capitals_with_abbreviation_and_issue_date(rules):
    """The place names keep their capitals, the kind of body does not; the bracketed abbreviation
    on the next line is part of the name, spelt as the running header spells it; the validity
    date is the one "voimassa ... alkaen" gives, not the date of issue before it."""
    guideline = extract_file(FIXTURES / "issuer_in_capitals_with_abbreviation.pdf", rules).to_json()["guideline"]
    assert guideline["issuer"] == "Etelä-Esimerkin ja Mallilan sosiaali- ja terveyspalvelukuntayhtymä (EsMa)"
    assert guideline["valid_from"] == "2024-10-01"


@pytest.mark.parametrize("capitals, written", [
    ("ESIMERKIN JA MALLILAN HYVINVOINTIALUE", "Esimerkin ja Mallilan hyvinvointialue"),
    ("VÄSTRA EXEMPELLANDS VÄLFÄRDSOMRÅDE", "Västra Exempellands välfärdsområde"),
    ("VÄLFÄRDSOMRÅDET I EXEMPEL-MALLBY", "Välfärdsområdet i Exempel-Mallby"),
    ("ETELÄ-ESIMERKIN HYVINVOINTIALUE", "Etelä-Esimerkin hyvinvointialue"),
    ("ESIMERKIN SOSIAALI- JA TERVEYDENHUOLLON KUNTAYHTYMÄ (ESOTE)",
     "Esimerkin sosiaali- ja terveydenhuollon kuntayhtymä (Esote)"),
])
def test_name_case(capitals, written):
    assert name_case(capitals) == written


def test_logo_word_before_the_name_is_dropped():
    assert without_logo("MALLI Esimerkin sosiaali- ja terveyspalvelukuntayhtymä") == \
        "Esimerkin sosiaali- ja terveyspalvelukuntayhtymä"
    assert without_logo("ESIMERKIN HYVINVOINTIALUE") == "ESIMERKIN HYVINVOINTIALUE"
    assert _issuer_name("MALLI Esimerkin sosiaali- ja terveyspalvelukuntayhtymä | På svenska | Haku",
                        load_rules().document.issuer_cue) == \
        "Esimerkin sosiaali- ja terveyspalvelukuntayhtymä"


@pytest.mark.parametrize("label, language, size", [
    ("kaksi aikuista", "fi", (2, 2)),
    ("yksi aikuinen ja kaksi lasta", "fi", None),  # the children make the household larger
    ("lapsiperhe", "fi", None),
    ("två vuxna", "sv", (2, 2)),
    ("ensamstående", "sv", (1, 1)),
    ("familj med barn", "sv", None),
])
def test_household_list_labels(label, language, size):
    assert household_size(label, language) == size


def test_household_named_after_the_sum(rules, tmp_path):
    """Swedish names the household after the sum: "300 € för en ensamstående och 450 € för en
    familj" gives the single person's size to the first sum, none to the second."""
    from guidecmp.extract.document import _household_near
    from guidecmp.extract.amounts import parse_amounts
    sentence = "Stödet är ett engångsbidrag på högst 300 euro för en ensamstående och högst 450 euro för en familj."
    matches = parse_amounts(sentence, "sv", rules.amounts)
    assert [_household_near(sentence, matches, i, "sv", rules.amounts) for i in range(2)] == ["ensamstående", None]
    share = "Stödet kan vara högst 30 % av grunddelen för en ensamstående."
    assert _household_near(share, parse_amounts(share, "sv", rules.amounts), 0, "sv", rules.amounts) is None


def test_a_count_of_years_is_a_length_of_time_not_a_period():
    assert named_periods("Tukea ei myönnetä uudelleen, jos asiakas on saanut kodin perustamiseen tukea "
                         "viimeisen kolmen vuoden aikana.") == set()
    assert named_periods("Harrastusmenoihin myönnetään tukea vuoden aikana yhteensä enintään seuraavasti:") == {"year"}


def test_a_sums_own_period_is_not_the_sentences(rules):
    """In a list of "item: sum" the "€/kk" of one item is not the period of the others."""
    from guidecmp.extract.document import _without_sums
    from guidecmp.extract.amounts import parse_amounts
    sentence = "Tukea voidaan myöntää seuraavasti: aloitushankinnat: enintään 200 € osallistumismaksut: enintään 40 €/kk"
    assert named_periods(_without_sums(sentence, parse_amounts(sentence, "fi", rules.amounts))) == set()
    once = "Tuki on kertaluonteinen: enintään 300 €/hlö, kuitenkin enintään 900 euroa."
    assert named_periods(_without_sums(once, parse_amounts(once, "fi", rules.amounts))) == {"once"}
