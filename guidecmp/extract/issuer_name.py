"""An issuer's name as written: case restored for a name set in capitals, a logo word dropped.

A cover often sets the issuer in capitals ("VANTAAN JA KERAVAN HYVINVOINTIALUE"). Capitalising
only the first word loses the other place names ("Vantaan ja keravan"), capitalising every word
makes the kind of body a proper name ("Vantaan Ja Keravan Hyvinvointialue"). So the words that say
what kind of body it is (rules/issuers.toml `kind_words`, also as the end of a compound:
"terveyspalvelukuntayhtymä"), the connectives (`name_case.connectives`) and the first halves of
coordinated compounds ("sosiaali- ja …") are lower case, every other word is a name.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from ..bundled import default_rules_dir

# A kind word shorter than this is matched only whole, not as the end of a compound, so that
# "Jakobstad" is not read as "… stad".
_COMPOUND_TAIL_MIN = 7
_ABBREVIATION = re.compile(r"\((\w+)\)")


@functools.cache
def _lower_words(rules_file: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    """(words always lower case in a name, kind words that also end a compound)."""
    with rules_file.open("rb") as handle:
        data = tomllib.load(handle)
    kinds = {word.casefold() for words in data.get("kind_words", {}).values()
             for phrase in words for word in phrase.split()}
    connectives = {w.casefold() for ws in data.get("name_case", {}).get("connectives", {}).values() for w in ws}
    tails = tuple(sorted((k for k in kinds if len(k) >= _COMPOUND_TAIL_MIN), key=len, reverse=True))
    return frozenset(kinds | connectives), tails


def _is_lower_word(word: str, lower: frozenset[str], tails: tuple[str, ...]) -> bool:
    folded = word.casefold()
    return folded in lower or folded.endswith("-") or folded.endswith(tails)


def name_case(name: str, spellings: list[str] = (), rules_dir: Path | None = None) -> str:
    """`name` (set in capitals) in the case it is written in. A bracketed abbreviation takes
    its spelling from `spellings` (other text of the document, "PoSa"), else a capital initial."""
    lower, tails = _lower_words(Path(rules_dir or default_rules_dir()) / "issuers.toml")
    words = []
    for index, word in enumerate(name.split()):
        if _ABBREVIATION.fullmatch(word):
            words.append(f"({_abbreviation_spelling(word[1:-1], spellings)})")
        elif index and _is_lower_word(word, lower, tails):
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def _abbreviation_spelling(abbreviation: str, spellings: list[str]) -> str:
    for text in spellings:
        for found in re.finditer(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text, re.IGNORECASE):
            if not found.group().isupper():
                return found.group()
    return abbreviation.capitalize()


def without_logo(part: str) -> str:
    """A name after a short logo word in capitals on the same line ("SOITE Keski-Pohjanmaan
    sosiaali- ja terveyspalvelukuntayhtymä" → "Keski-Pohjanmaan …"): the logo is a mark, not
    part of the name. A name set wholly in capitals keeps its first word."""
    first, _, rest = part.partition(" ")
    rest = rest.strip()
    if len(first) > 1 and first.isupper() and rest[:1].isupper() and not rest.isupper():
        return rest
    return part
