"""Data shapes shared by every stage: what the reader gives, what extraction produces.

Everything here is plain data. The JSON contract (`guidecmp.extraction/1`) is produced by
`Extraction.to_json()`; field names there are a public interface and must not change.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

SCHEMA_ID = "guidecmp.extraction/1"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def file_label(path: str | Path) -> str:
    """The file name as the record stores it: valid text even when the name's bytes are not UTF-8."""
    return Path(path).name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def slugify(file_name: str) -> str:
    """`Kainuu 2024.pdf` → `kainuu-2024`; safe as a file name in any output folder."""
    stem = Path(file_name.replace("\\", "/")).name
    if stem.casefold().endswith(".pdf"):
        stem = stem[:-4]
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = _NON_SLUG.sub("-", ascii_text.casefold()).strip("-")[:80].strip("-")
    return slug or "guideline-" + hashlib.sha256(stem.encode()).hexdigest()[:8]


SupportType = Literal["supplementary", "preventive"]
Unit = Literal["EUR", "percent_of_basic_amount", "percent", "months_rent"]
Qualifier = Literal["max", "min", "fixed", "approx"]
Per = Literal["once", "month", "year", "day"]
PerHead = Literal["person", "child"]
PerSource = Literal["sentence", "section"]


# --- what the reader gives ---------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One visual line of text, with what heading detection needs."""

    text: str
    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # dominant font size in points
    bold: bool
    # (x0, text) of the parts between wide gaps, when the line has any: a row of a borderless table
    cells: tuple[tuple[float, str], ...] = ()


@dataclass(frozen=True)
class Table:
    """A table found on a page (ruled, or lines whose gaps align); cells are normalised text."""

    page: int
    top: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]
    x0: float = 0.0  # left and right edge: which column of a two-column page it stands in
    x1: float = 0.0


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    image_only: bool = False  # no text layer but images: a scanned page


@dataclass
class Document:
    path: str
    sha256: str
    pages: list[Page]
    body_size: float  # the most common font size, the yardstick for headings
    warnings: list[str] = field(default_factory=list)
    running_lines: list[str] = field(default_factory=list)  # repeated headers/footers, removed from pages

    @property
    def page_count(self) -> int:
        return len(self.pages)


# --- what field parsers find in text ----------------------------------------------------------


@dataclass(frozen=True)
class AmountMatch:
    """An amount found in a piece of text; `start`/`end` index the text it was found in."""

    value: float
    unit: Unit
    qualifier: Qualifier
    per: Per | None
    applies_to: str | None
    start: int
    end: int
    text: str  # the matched source words, e.g. "enintään 400 euroa"


@dataclass(frozen=True)
class DecisionMatch:
    """A sentence that gives a role the authority to decide."""

    role: str
    condition: str | None
    text: str  # the whole sentence


# --- what extraction produces (the JSON contract) -------------------------------------------


@dataclass(frozen=True)
class SectionRef:
    heading: str
    page: int


@dataclass(frozen=True)
class Amount:
    value: float
    unit: Unit
    qualifier: Qualifier
    per: Per | None
    applies_to: str | None
    page: int
    text: str
    # [min, max] household size the amount is for (max None: "or more"); None where not said
    persons: tuple[int, int | None] | None = None
    # "person" / "child": the amount is counted per head ("100 €/lapsi"), applies_to says of whom
    per_head: PerHead | None = None
    # where `per` was read: in the amount's own sentence or table cell, or in its section
    per_source: PerSource | None = None
    # the amount in euros where it can be known (EUR as is; a share of the basic amount converted)
    eur_value: float | None = None
    eur_basis: str | None = None  # how eur_value was reached, or why there is none (Finnish)
    # the part of the category a labelled amount is for ("perunkirjoitus" under funeral costs,
    # "vaunut" under child equipment); None for the category's main cost
    item: str | None = None


@dataclass(frozen=True)
class CategoryDecision:
    role: str
    condition: str | None
    page: int
    text: str


@dataclass(frozen=True)
class DocumentDecision:
    role: str
    scope: str | None  # "supplementary" | "preventive" | <category id> | None
    condition: str | None
    page: int
    text: str


@dataclass(frozen=True)
class DecisionCandidate:
    """A sentence that names a role near a decision word but gives no authority, kept where no rule
    was found so that a reader checks it instead of trusting the silence (`reason`: why it was not
    accepted; `category`: the category section it stands in, None outside one)."""

    text: str
    page: int
    reason: str  # contact_or_preparer | role_not_acting | negated | no_decision_verb
    category: str | None


@dataclass
class CategoryResult:
    id: str
    support_type: SupportType | None
    sections: list[SectionRef] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    decision_makers: list[CategoryDecision] = field(default_factory=list)


@dataclass
class GuidelineInfo:
    id: str
    file: str
    sha256: str
    pages: int
    language: Literal["fi", "sv"]
    issuer: str | None
    title: str | None
    valid_from: str | None  # YYYY-MM-DD


@dataclass
class Extraction:
    guideline: GuidelineInfo
    categories: list[CategoryResult] = field(default_factory=list)
    decision_makers: list[DocumentDecision] = field(default_factory=list)
    unmatched_sections: list[SectionRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    decision_candidates: list[DecisionCandidate] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA_ID,
            "guideline": asdict(self.guideline),
            "categories": [asdict(c) for c in self.categories],
            "decision_makers": [asdict(d) for d in self.decision_makers],
            "decision_candidates": [asdict(d) for d in self.decision_candidates],
            "unmatched_sections": [asdict(s) for s in self.unmatched_sections],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Extraction":
        if data.get("schema") != SCHEMA_ID:
            raise ValueError(f"not a {SCHEMA_ID} document (schema={data.get('schema')!r})")
        return cls(
            guideline=GuidelineInfo(**data["guideline"]),
            categories=[
                CategoryResult(
                    id=c["id"],
                    support_type=c["support_type"],
                    sections=[SectionRef(**s) for s in c["sections"]],
                    amounts=[Amount(**{**a, "persons": tuple(a["persons"]) if a.get("persons") else None})
                             for a in c["amounts"]],
                    decision_makers=[CategoryDecision(**d) for d in c["decision_makers"]],
                )
                for c in data["categories"]
            ],
            decision_makers=[DocumentDecision(**d) for d in data["decision_makers"]],
            unmatched_sections=[SectionRef(**s) for s in data.get("unmatched_sections", [])],
            warnings=list(data.get("warnings", [])),
            decision_candidates=[DecisionCandidate(**d) for d in data.get("decision_candidates", [])],
        )
