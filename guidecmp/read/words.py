"""The words the reader looks for, as one plain value.

They come from rules/document.toml, but the reader imports nothing from extract (imports run one
way): extract.structure builds this value from the rules folder and extract.document passes it to
read_pdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of literal words, longest first; a dot may be followed by a space."""
    escaped = (re.escape(w).replace(r"\.", r"\.\s?") for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return "|".join(escaped) or "(?!)"  # no words: nothing matches


@dataclass(frozen=True)
class ReaderWords:
    contents_title: re.Pattern  # the title of a table of contents at the start of a line
    page_marker: re.Pattern  # a whole line that is only a page number ("sivu 3", "3 (12)", "3 av 12")
    conjunctions: frozenset[str]  # a line-end hyphen before one of these is suspended ("asumis- ja")
    ocr_languages: tuple[str, ...]  # Tesseract language data, in order of preference

    @classmethod
    def build(cls, contents_titles: Iterable[str], page_words: Iterable[str], page_count_words: Iterable[str],
              conjunctions: Iterable[str], ocr_languages: Iterable[str]) -> ReaderWords:
        count = "|".join(("/", r"\(", alternation(page_count_words), "-", "–"))
        return cls(
            contents_title=re.compile(rf"^(?:{alternation(contents_titles)})\b", re.IGNORECASE),
            page_marker=re.compile(rf"^(?:(?:{alternation(page_words)})\s*)?[-–(]?\s*\d{{1,4}}\s*"
                                   rf"(?:(?:{count})\s*\d{{1,4}}\s*\)?)?[-–)]?$", re.IGNORECASE),
            conjunctions=frozenset(w.casefold() for w in conjunctions),
            ocr_languages=tuple(dict.fromkeys(ocr_languages)))
