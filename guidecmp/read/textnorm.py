"""Text clean-up that every PDF producer needs: Unicode variants, fake bold, line-end hyphens.

Producers disagree on how a space, a dash or a hyphenated word is encoded (see
../shared/notes/pdf-reading-measurements.md); everything downstream assumes the forms made here.
Also the stem sieve that the rules' case-insensitive word patterns share (`stem_sieve`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Mark left by PDFium where it removed a line break after a hyphen (soft or real).
HYPHEN_BREAK = "\ufffe"

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t"), " ")
_DELETE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_DASHES = {ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2012"): "–", ord("\u2014"): "–", ord("\u2212"): "–",
           ord("\u2015"): "–"}
_LIGATURES = {ord(k): v for k, v in {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                                      "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}.items()}
_BULLETS = dict.fromkeys(map(ord, "\uf0b7\uf0a7\uf076\uf0d8\u25aa\u25cf\u2022\u25e6\u2023\u2043"), "•")
_TABLE = {**_SPACES, **_DELETE, **_DASHES, **_LIGATURES, **_BULLETS}
_MULTISPACE = re.compile(r" {2,}")
_TABLE_CHARS = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")

_VOWELS = "aeiouyäöå"


def normalise(text: str) -> str:
    """One canonical form for spaces, dashes, ligatures, bullets and composed letters."""
    if _TABLE_CHARS.search(text):  # most lines have none, and translate() looks up every character
        text = text.translate(_TABLE)
    text = unicodedata.normalize("NFC", text)
    return (_MULTISPACE.sub(" ", text) if "  " in text else text).strip()


def undouble(text: str) -> str:
    """Undo fake bold, where a producer draws every glyph twice ("KKooddiinn" → "Kodin")."""
    stripped = text.replace(" ", "")
    if len(stripped) >= 4 and stripped[0::2] == stripped[1::2]:
        words = text.split()
        if all(len(w) % 2 == 0 and w[0::2] == w[1::2] for w in words):
            return " ".join(w[0::2] for w in words)
    return text


def join_hyphen(left: str, right: str, conjunctions: frozenset[str]) -> str:
    """Join two pieces of text split after a hyphen at a line end.

    Real hyphens survive: a suspended hyphen before one of the `conjunctions` ("asumis- ja";
    the words of rules/document.toml, see read.words), a compound whose
    parts meet with the same vowel ("vuokra-asunto", Finnish spelling), or before a capital or
    digit ("EU-kansalainen", "Kela-").
    """
    left = left.rstrip()
    stem = left[:-1] if left.endswith("-") else left
    right = right.lstrip()
    if not right:
        return left
    next_word = right.split(" ", 1)[0].casefold().strip(",.;:")
    if next_word in conjunctions:
        return f"{stem}- {right}"
    last, first = stem[-1:].casefold(), right[:1]
    last_word = stem.rsplit(" ", 1)[-1]
    if not first.islower() or (last in _VOWELS and last == first.casefold()) or (
            len(last_word) >= 2 and last_word.isupper()):
        return f"{stem}-{right}"
    if not stem[-1:].isalpha():
        return f"{stem}-{right}"
    return stem + right


def join_lines(lines: list[str], conjunctions: frozenset[str]) -> str:
    """Join the lines of one paragraph into running text, re-joining hyphenated words."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and len(text) >= 2 and text[-2].isalpha():
            text = join_hyphen(text, line, conjunctions)
        else:
            text = f"{text} {line}"
    return text


def resolve_hyphen_breaks(text: str, conjunctions: frozenset[str]) -> str:
    """Decide each PDFium hyphen mark inside a line (same rules as at a line end)."""
    while HYPHEN_BREAK in text:
        left, _, right = text.partition(HYPHEN_BREAK)
        text = join_hyphen(left + "-", right, conjunctions) if right else left + "-"
    return text


# --- where a case-insensitive word pattern cannot match -----------------------------------------
# The word patterns of the rules (roles, amounts) match with re.IGNORECASE, with which the regex
# engine tries every place of a text, and most texts hold none of their words. When every match
# of a pattern contains one of some literal stems, a search of the lower-cased text for the stems
# rules such a text out: lower() finds what re.IGNORECASE finds, for stems in Latin-1 (but "µ",
# which equals Greek "μ"), in text without the three letters re equates otherwise
# (tests/test_role_sieve.py checks this over all of Unicode).
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f]")  # İ lower-cases to two letters; to re, ı is i and ſ is s
_LATIN_1 = re.compile("[\x00-\xb4\xb6-\xff]*")


def stem_sieve(stems: Iterable[str]) -> re.Pattern[str] | None:
    """A regex that finds one of the stems in `sieve_text(text)` wherever a pattern that only
    matches around one of them matches `text`; None when a stem is not one to sieve by."""
    stems = sorted({stem.lower() for stem in stems}, key=len, reverse=True)
    if not all(_LATIN_1.fullmatch(stem) for stem in stems):
        return None
    return re.compile("|".join(map(re.escape, stems)) or "(?!)")  # no stems: the pattern matches nothing


def sieve_text(text: str) -> str | None:
    """The text as a stem sieve searches it, or None when it holds a letter that makes lower()
    and re.IGNORECASE disagree (then nothing is sieved)."""
    return None if _CASE_TRAPS.search(text) else text.lower()


def may_match(sieve: re.Pattern[str] | None, sieved_text: str | None) -> bool:
    """False only when the sieve shows that its pattern cannot match the text."""
    return sieve is None or sieved_text is None or sieve.search(sieved_text) is not None
