"""The lookups that spare category matching and amount parsing repeated work find what a plain
scan finds: compound tails by their first letters, fuzzy stems by a shared letter, amounts once."""

import pytest

from guidecmp.extract import categories
from guidecmp.extract.amounts import parse_amounts
from guidecmp.extract.categories import COMPOUND_HEAD_MIN, FUZZY_STEM_MIN, LANGUAGES, _near
from guidecmp.extract.vocab import load_rules

RULES = load_rules().categories
VOCABULARIES = [RULES._category_vocabulary, RULES._chapter_vocabulary, RULES._mention_vocabulary]


def _forms(vocabulary):
    return [form for forms in vocabulary._by_prefix.values() for form in forms] + vocabulary._short


def _words_around(stems):
    """Each stem inside compounds, at the start, and one letter off (missing, extra, swapped)."""
    words = set()
    for stem in stems:
        words |= {stem, stem + "ssa", "asumis" + stem, "ko" + stem + "t", "romani" + stem[1:]}
        for cut in range(len(stem)):
            words |= {stem[:cut] + stem[cut + 1:] + "lla", stem[:cut] + "x" + stem[cut:] + "n",
                      stem[:cut] + "ä" + stem[cut + 1:]}
    return sorted(words)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=["categories", "chapters", "mentions"])
def test_compound_tails_by_prefix_are_those_of_a_full_scan(vocabulary):
    tails = [f for f in _forms(vocabulary) if f.single_stem and len(f.single_stem) >= categories.COMPOUND_TAIL_MIN]
    order = {id(form): index for index, form in enumerate(tails)}
    for word in _words_around(form.single_stem for form in tails):
        vocabulary._tails_in.pop(word, None)
        scanned = sorted((f for f in tails if not word.startswith(f.single_stem)
                          and word.find(f.single_stem, COMPOUND_HEAD_MIN) >= 0), key=lambda f: order[id(f)])
        expected = tuple(scanned) if len(word) >= COMPOUND_HEAD_MIN + categories.COMPOUND_TAIL_MIN else ()
        assert {id(f) for f in vocabulary._compound_tails_in(word)} == {id(f) for f in expected}, word


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=["categories", "chapters", "mentions"])
def test_fuzzy_candidates_hold_every_near_stem(vocabulary, language):
    fuzzy = [f for f in _forms(vocabulary) if f.written and f.language == language and f.single_stem
             and len(f.single_stem) >= FUZZY_STEM_MIN]
    for word in _words_around(form.single_stem for form in fuzzy):
        near = {id(f) for f in fuzzy if _near(f.single_stem, word)}
        assert near == {id(f) for f in vocabulary._fuzzy_candidates(language, word) if _near(f.single_stem, word)}, word


def test_amounts_parsed_once_are_handed_out_as_new_lists():
    sentence = "Vuokravakuus on enintään kahden kuukauden vuokra, kuitenkin enintään 1 000 euroa."
    first = parse_amounts(sentence, "fi")
    first.clear()
    again = parse_amounts(sentence, "fi")
    assert [a.text for a in again] == ["enintään kahden kuukauden vuokra", "enintään 1 000 euroa"]
    assert again is not parse_amounts(sentence, "fi")
