"""The stem sieve in front of the rules' word patterns skips a search only where it cannot match.

textnorm.stem_sieve compares lower-cased stems with lower-cased text, while the patterns match
with re.IGNORECASE: these tests pin down where the two agree, so that the sieve never changes a
result (of the role and cue patterns here, of the amount patterns in test_amount_sieve.py).
"""

import re
import sys

import pytest

from guidecmp.extract import roles
from guidecmp.extract.roles import compile_pattern
from guidecmp.extract.vocab import load_rules
from guidecmp.read import textnorm

LATIN_1_STEM_LETTERS = [chr(code) for code in range(0x100) if chr(code) != "\u00b5"]


def test_lower_case_finds_what_ignorecase_finds_for_latin_1_stems():
    """Every character that re.IGNORECASE equates with a Latin-1 stem letter lower-cases to that
    letter, but the case traps the sieve leaves alone (str.lower works letter by letter, but for
    Greek capital sigma, which equals no Latin-1 letter)."""
    any_stem_letter = re.compile("[" + re.escape("".join(LATIN_1_STEM_LETTERS)) + "]", re.IGNORECASE)
    literal = {letter: re.compile(re.escape(letter), re.IGNORECASE) for letter in LATIN_1_STEM_LETTERS}
    disagree = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if not any_stem_letter.fullmatch(char):
            continue
        disagree += [(char, letter) for letter, pattern in literal.items()
                     if pattern.fullmatch(char) and char.lower() != letter.lower()]
    traps = {char for char, _ in disagree}
    assert traps <= {"\u0130", "\u0131", "\u017f"}, disagree
    assert all(textnorm._CASE_TRAPS.search(char) for char in traps)


@pytest.mark.parametrize("text", [
    "Päätöksen tekee sosiaalityöntekijä.",
    "PÄÄTÖKSEN TEKEE SOSIAALITYÖNTEKIJÄ.",
    "Päätöksen tekee ſosiaalityöntekijä.",  # long s: re.IGNORECASE reads it as "s"
    "Päätöksen tekee SOSİAALİOHJAAJA.",  # dotted capital I lower-cases to two letters
    "Päätöksen tekee sosıaalıohjaaja.",  # dotless i: to re.IGNORECASE an "i"
    "Sosiaaliohjaaja neuvoo asiakasta ja päättää tuesta enintään 500 euroon asti.",
    "Asiakas hakee tukea kirjallisesti.",
])
def test_sieved_results_are_the_unsieved_ones(text, monkeypatch):
    rules = load_rules().roles

    def found():
        roles._find_mentions.cache_clear()
        roles._decisions.cache_clear()
        return (roles._find_mentions(text, rules, "fi"), roles.find_decisions(text, rules, "fi"),
                roles.near_miss(text, rules, "fi"))

    sieved = found()
    monkeypatch.setattr(roles, "sieve_text", lambda text: None)  # every pattern searched
    assert found() == sieved


def test_trap_letters_are_searched_not_sieved():
    pattern = compile_pattern("sosiaaliohjaaj")
    assert textnorm.sieve_text("SOSİAALİOHJAAJA") is None
    assert roles._may_match(pattern, textnorm.sieve_text("sosıaalıohjaaja"))
    assert pattern.search("sosıaalıohjaaja")


def test_stems_outside_latin_1_are_not_sieved():
    pattern = compile_pattern("μισθ")
    assert roles._SIEVES[pattern] is None
    assert roles._may_match(pattern, textnorm.sieve_text("ΜΙΣΘΟΣ"))
    assert pattern.search("ΜΙΣΘΟΣ")


@pytest.mark.parametrize(("phrase", "text", "may"), [
    ("päätö ... teke", "Sosiaalityöntekijä tekee päätöksen.", True),
    ("päätö ... teke", "Sosiaalityöntekijä tekee ratkaisun.", False),  # "päätö" is required
    ("kiireelli tapauks?", "kiireellisesti", True),  # an optional word is not required
    ("kiireelli? tapauks?", "tapauksissa", True),  # all optional: any word's stem will do
    ("kiireelli? tapauks?", "asiassa", False),
    ("*lautakun", "perusturvalautakunta", True),
    ("ohjaa=", "OHJAA", True),
])
def test_sieve_needs_a_stem_of_a_required_word(phrase, text, may):
    pattern = compile_pattern(phrase)
    assert roles._may_match(pattern, textnorm.sieve_text(text)) is may
    if not may:
        assert not [m for m in pattern.finditer(text) if m.group()]  # an all-optional phrase matches ""


def test_a_role_form_outside_latin_1_turns_the_sentence_sieve_off(tmp_path):
    """One form that cannot be sieved and the one-search test for "no role here" would be wrong."""
    from guidecmp.bundled import default_rules_dir
    from guidecmp.extract.roles import find_decisions, load_role_rules

    text = (default_rules_dir() / "roles.toml").read_text(encoding="utf-8")
    text = text.replace("[roles.lautakunta]", '[roles.epitropi]\nname_fi = "επιτροπή"\nname_sv = "επιτροπή"\n'
                        'fi = ["επιτροπ"]\nsv = ["επιτροπ"]\n\n[roles.lautakunta]')
    (tmp_path / "roles.toml").write_text(text, encoding="utf-8")
    extended = load_role_rules(tmp_path)
    assert load_rules().roles.role_sieves["fi"] is not None
    assert extended.role_sieves["fi"] is None
    assert [d.role for d in find_decisions("Päätöksen tekee ΕΠΙΤΡΟΠΗ.", extended, "fi")] == ["epitropi"]
