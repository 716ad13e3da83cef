"""Text clean-up: spaces, dashes, ligatures, fake bold, line-end hyphens."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidecmp.extract.vocab import load_rules
from guidecmp.read.textnorm import join_hyphen, join_lines, normalise, undouble

CONJUNCTIONS = load_rules().document.conjunctions  # rules/document.toml


@pytest.mark.parametrize("raw, clean", [
    ("400\u00a0€", "400 €"),
    ("1\u202f000\u00a0euroa", "1 000 euroa"),
    ("\ufb01nanssi", "finanssi"),
    ("200\u2013400 €", "200–400 €"),
    ("300\u2014500", "300–500"),
    ("vuokra\u2010asunto", "vuokra-asunto"),
    ("sosiaali\u00adtyöntekijä", "sosiaalityöntekijä"),
    ("\uf0b7 kohta", "• kohta"),
    ("a\u200bb", "ab"),
    ("  monta   välilyöntiä  ", "monta välilyöntiä"),
    ("A\u0308iti", "Äiti"),
])
def test_normalise(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("KKooddiinnhhaannkkiinnnnaatt", "Kodinhankinnat"),
    ("HHaauuttaauuss  aavvuussttuuss", "Hautaus avustus"),
    ("Kodinhankinnat", "Kodinhankinnat"),
    ("aa", "aa"),
    ("Tuki 2200", "Tuki 2200"),
])
def test_undouble(raw, clean):
    assert undouble(raw) == clean


@pytest.mark.parametrize("left, right, joined", [
    ("kodin-", "hankinnat", "kodinhankinnat"),
    ("Toimeentulo-", "tukilain mukaan", "Toimeentulotukilain mukaan"),
    ("asumis-", "ja muuttokustannukset", "asumis- ja muuttokustannukset"),
    ("vuokravakuus-", "tai takuuvuokra", "vuokravakuus- tai takuuvuokra"),
    ("hyres-", "och flyttningskostnader", "hyres- och flyttningskostnader"),
    ("vuokra-", "asunto", "vuokra-asunto"),
    ("sosiaali-", "ja terveyslautakunta", "sosiaali- ja terveyslautakunta"),
    ("EU-", "kansalainen", "EU-kansalainen"),
    ("Kela-", "Korvaus", "Kela-Korvaus"),
    ("kodinhankinta-", "avustus", "kodinhankinta-avustus"),
    ("13 §:n 1-", "kohta", "13 §:n 1-kohta"),
])
def test_join_hyphen(left, right, joined):
    assert join_hyphen(left, right, CONJUNCTIONS) == joined


def test_join_lines_keeps_plain_line_breaks_as_spaces():
    assert join_lines(["enintään 400", "€ kerran.", "", "Toinen"], CONJUNCTIONS) == "enintään 400 € kerran. Toinen"


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö -", min_size=1, max_size=20), max_size=8))
def test_join_lines_never_loses_letters(lines):
    letters = [c for c in "".join(lines) if c.isalpha()]
    assert [c for c in join_lines(lines, CONJUNCTIONS) if c.isalpha()] == letters


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
