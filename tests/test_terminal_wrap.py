"""Cells of terminal tables wrap as textwrap wraps them, on a faster path for the usual text."""

import textwrap

from hypothesis import example, given, settings
from hypothesis import strategies as st

from guidecmp.report.terminal import wrap

# words, single and double spaces, a no-break space (inside "1 200 €"), a hyphen, other whitespace
TEXT = st.lists(st.sampled_from(["a", "bb", "ccccc", " ", "  ", "\u00a0", "-", "\u2003", "\t", "\x1c", "€"]),
                max_size=30).map("".join)


@settings(max_examples=3000)
@given(TEXT, st.integers(min_value=1, max_value=14))
@example("enintään 1\u00a0200 € / kk (yksin asuva)", 10)
@example("sosiaalityöntekijä tai johtava sosiaalityöntekijä", 8)
@example("ab cdefghijkl", 5)
@example("aaaaa bb", 5)
def test_wrapping_is_textwraps(text, width):
    assert wrap(text, width) == textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)


def test_words_one_space_apart_take_the_fast_path(monkeypatch):
    cell = "sosiaaliohjaaja (enintään 800 euroa); johtava sosiaalityöntekijä"
    expected = textwrap.wrap(cell, 20, break_on_hyphens=False)

    def no_textwrap(*args, **kwargs):
        raise AssertionError("textwrap used")

    monkeypatch.setattr(textwrap, "wrap", no_textwrap)
    assert wrap(cell, 20) == expected == ["sosiaaliohjaaja", "(enintään 800", "euroa); johtava", "sosiaalityöntekijä"]
