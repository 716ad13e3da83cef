"""The stem sieves in front of the amount patterns tried on every sentence skip a search only where
the pattern cannot match (the sieve itself is checked over Unicode in test_role_sieve.py)."""

import tomllib

import pytest

from guidecmp.bundled import default_rules_dir
from guidecmp.extract import amounts
from guidecmp.extract.amounts import named_periods, paid_by_others, parse_amounts, stated_qualifier
from guidecmp.read.textnorm import may_match, sieve_text

VOCABULARY = default_rules_dir() / "amounts.toml"
WORDS = tomllib.loads(VOCABULARY.read_text(encoding="utf-8"))
SIEVED = [("rent_word", "rent_sieve"), ("basic_fraction", "fraction_sieve"),
          ("header_qualifier", "header_qualifier_sieve"), ("period_phrase", "period_phrase_sieve"),
          ("per_noun", "per_noun_sieve")]


def _entries(table) -> list[str]:
    """Every vocabulary entry of a table, however deep, as it would be written in a sentence."""
    if isinstance(table, dict):
        return [entry for value in table.values() for entry in _entries(value)]
    if isinstance(table, list):
        return [entry.replace("*", "na") for value in table for entry in _entries(value)]
    return [table] if isinstance(table, str) else []


def _sentences(language: str) -> list[str]:
    entries = _entries(WORDS["common"]) + _entries(WORDS[language]) + _entries(WORDS["table"])
    sentences = []
    for entry in entries:
        for written in (entry, entry.upper(), entry.title()):
            sentences += [f"Tuki on {written} 300 euroa.", f"{written} puolet perusosasta / kk",
                          f"Enintään kahden kuukauden {written} per kuukausi", f"FPA:s {written} 2 månaders hyra"]
    return sentences


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_sieve_lets_through_every_sentence_its_pattern_matches(language):
    grammar = amounts._grammar(language, VOCABULARY)
    payer, _, payer_sieve = amounts._load_other_payers(VOCABULARY)[language]
    patterns = [(getattr(grammar, name), getattr(grammar, sieve)) for name, sieve in SIEVED] + [(payer, payer_sieve)]
    assert all(sieve is not None for _, sieve in patterns)  # the bundled words are all Latin-1
    for sentence in _sentences(language):
        for pattern, sieve in patterns:
            if pattern.search(sentence):
                assert may_match(sieve, sieve_text(sentence)), (pattern.pattern[:60], sentence)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_sieved_amounts_are_the_unsieved_ones(language, monkeypatch):
    sentences = _sentences(language) + [
        "Vuokravakuus on enintään kahden kuukauden vuokra, kuitenkin enintään 1 000 euroa.",
        "VUOKRAVAKUUS ON ENINTÄÄN KAHDEN KUUKAUDEN VUOKRA.", "Puolet perusosasta myönnetään kerran vuodessa.",
        "Hyresgaranti beviljas för högst två månaders hyra, 300 €/månad.", "Kelan perustoimeentulotuki 50 €",
        "Tukea myönnetään enıntään 200 euroa kuukaudessa.", "ſähkölaskuun 120 euroa / kk"]

    def found():
        amounts._amounts_in.cache_clear()
        return [(parse_amounts(s, language, VOCABULARY), named_periods(s, language, VOCABULARY),
                 stated_qualifier(s, language, VOCABULARY), paid_by_others(s, language, VOCABULARY))
                for s in sentences]

    sieved = found()
    monkeypatch.setattr(amounts, "sieve_text", lambda text: None)  # every pattern searched
    assert found() == sieved
    amounts._amounts_in.cache_clear()
