"""rules/document.toml: the words that shape a document, compiled once for the stages that use them.

Languages come from the data: detection loops over `languages`, so a third language is a table
in the file (see README, "Adding a language"), not a branch in code. The reader's share (contents
titles, page markers, conjunctions, OCR languages) is handed over as read.words.ReaderWords.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..read.words import ReaderWords, alternation

DOCUMENT_FILE = "document.toml"
SHARED = "shared"  # the table of words met in guidelines of any language; not a language itself
WORD_LISTS = ("detection", "contents_titles", "page_words", "page_count_words", "conjunctions", "valid_from_cues",
              "issuer_cues", "issuer_not_after")
_KEYS = frozenset({*WORD_LISTS, "ocr"})
WHOLE_WORD = "="  # an issuer cue ending in "=" must be a whole word ("stad=" is not "Stadsdirektör")


@dataclass(frozen=True)
class DocumentWords:
    languages: tuple[str, ...]
    detection: dict[str, frozenset[str]]  # language → its frequent words
    valid_from_cue: re.Pattern
    issuer_cue: re.Pattern
    conjunctions: frozenset[str]
    reader: ReaderWords
    tables: dict[str, dict[str, list[str] | str]]  # the file's tables as written, for `guidecmp rules`

    def language(self, words: Counter) -> str:
        """The language whose detection words occur most often among `words` (casefolded word
        counts); a tie goes to the language listed first."""
        best = self.languages[0]
        for lang in self.languages[1:]:
            if sum(words[w] for w in self.detection[lang]) > sum(words[w] for w in self.detection[best]):
                best = lang
        return best


def load_document_words(rules_dir: Path) -> DocumentWords:
    """rules_dir/document.toml, checked: ValueError naming the file and the entry when it is wrong."""
    path = Path(rules_dir) / DOCUMENT_FILE
    where = str(path)
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    languages = data.get("languages")
    if not (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages)):
        raise ValueError(f"{where}: `languages` must be a non-empty list of language codes")
    if SHARED in languages:
        raise ValueError(f"{where}: [{SHARED}] holds words of every language; it is not a language")
    tables: dict[str, dict] = {}
    for name, table in data.items():
        if name == "languages":
            continue
        if not isinstance(table, dict):
            raise ValueError(f"{where}: `{name}` must be a table ([{name}])")
        unknown = set(table) - _KEYS
        if unknown:
            raise ValueError(f"{where}: [{name}] has unknown keys {sorted(unknown)} (known: {sorted(_KEYS)})")
        for key in set(table) & set(WORD_LISTS):
            if not (isinstance(table[key], list) and all(isinstance(w, str) and w for w in table[key])):
                raise ValueError(f"{where}: [{name}] {key} must be a list of words")
        if "ocr" in table and not isinstance(table["ocr"], str):
            raise ValueError(f"{where}: [{name}] ocr must be a Tesseract language code (\"fin\")")
        tables[name] = table
    for lang in languages:
        if not tables.get(lang, {}).get("detection"):
            raise ValueError(f"{where}: language {lang!r} needs a [{lang}] table with `detection` words")

    def pooled(key: str) -> list[str]:
        return [w for table in tables.values() for w in table.get(key, [])]

    cues = pooled("issuer_cues")
    not_after = "".join(f"(?<!{re.escape(w)})" for w in sorted(set(pooled("issuer_not_after"))))
    issuer = "|".join(rf"\b{re.escape(c[:-1])}\b" if c.endswith(WHOLE_WORD) else re.escape(c) for c in cues)
    conjunctions = frozenset(w.casefold() for w in pooled("conjunctions"))
    return DocumentWords(
        languages=tuple(languages),
        detection={lang: frozenset(w.casefold() for w in tables[lang]["detection"]) for lang in languages},
        valid_from_cue=re.compile(alternation(pooled("valid_from_cues")), re.IGNORECASE),
        issuer_cue=re.compile(f"{not_after}(?:{issuer or '(?!)'})", re.IGNORECASE),
        conjunctions=conjunctions,
        reader=ReaderWords.build(pooled("contents_titles"), pooled("page_words"), pooled("page_count_words"),
                                 conjunctions, [tables[lang]["ocr"] for lang in languages if "ocr" in tables[lang]]),
        tables=tables)
