"""Versions of each issuer's guideline over the years: per category, how the amounts changed in
euros and in real terms, and when categories and decision rules came and went.

Pure data, like comparison.py: extraction records in, a `History` out; report/history.py renders
it. Guidelines are grouped by issuer (the extracted issuer, normalised and mapped through
rules/issuers.toml, so a municipality's guidelines continue in its wellbeing county's) and
ordered by `valid_from`. An amount's real value is its share of Kela's basic amount (perusosa,
single person) in force on the version's `valid_from` date: a grant kept at the same euros while
the basic amount rose is a real-terms cut.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..bundled import default_rules_dir
from ..extract.basic_amount import to_euros
from .comparison import Labels, PlacedAmount, Row, category_row
from .diff import Change, diff_records

HISTORY_SCHEMA = "guidecmp.history/1"

# Changes between versions that go on the timeline. Amount changes are shown in the amount
# series; section headings and the title change in nearly every version and say little.
TIMELINE_KINDS = ("category_added", "category_removed", "support_type_changed",
                  "decision_changed", "decision_added", "decision_removed")
# Findings: how many of the largest real-terms cuts and raises are named.
FINDINGS_NAMED = 3


# --- issuers ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerRules:
    """rules/issuers.toml: the words dropped from a name, and which names continue which issuer."""

    kind_words: tuple[str, ...]
    successor: dict[str, str] = field(default_factory=dict)  # normalised name → the issuer's shown name
    notes: dict[str, str] = field(default_factory=dict)  # normalised shown name → note

    @classmethod
    def load(cls, rules_dir: Path | None = None) -> "IssuerRules":
        path = Path(rules_dir or default_rules_dir()) / "issuers.toml"
        if not path.is_file():
            return cls(kind_words=())
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        words = tuple(sorted({w.casefold() for ws in data.get("kind_words", {}).values() for w in ws},
                             key=lambda w: (-len(w), w)))
        rules = cls(kind_words=words)
        for entry in data.get("issuer", []):
            rules = rules.with_same(entry["name"], entry["name"])
            for other in entry.get("also", []):
                rules = rules.with_same(other, entry["name"])
            if entry.get("note"):
                rules.notes[rules.key(entry["name"])] = entry["note"]
        return rules

    def with_same(self, name: str, successor: str) -> "IssuerRules":
        """These rules with one more pair: NAME's guidelines continue SUCCESSOR's timeline."""
        target = self.successor.get(self.key(successor), successor)
        successor_map = {**self.successor, self.key(name): target, self.key(successor): target}
        return IssuerRules(self.kind_words, successor_map, self.notes)

    def key(self, name: str) -> str:
        """'Seinäjoen kaupunki' → 'seinäjoen'; 'Pohjois-Satakunnan peruspalvelukuntayhtymä (PoSa)' →
        'pohjois-satakunnan'. A name made only of kind words keeps them."""
        text = " ".join(re.sub(r"\([^)]*\)", " ", name).casefold().split())
        stripped = text
        for word in self.kind_words:
            stripped = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", stripped)
        stripped = " ".join(stripped.split())
        return stripped or text

    def group_of(self, name: str) -> tuple[str, str | None]:
        """(the group key, the group's shown name from the rules or None) for an issuer name."""
        shown = self.successor.get(self.key(name))
        return (self.key(shown), shown) if shown else (self.key(name), None)


def issuer_of(record: dict) -> tuple[str, bool]:
    """The issuer as written, or the file's id without its year when extraction found none."""
    info = record["guideline"]
    if info.get("issuer"):
        return info["issuer"], False
    return re.sub(r"[-_ ]*\d{4}.*$", "", info["id"]) or info["id"], True


# --- the history ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    id: str
    file: str | None
    issuer: str  # as written in this version (or from the id: `issuer_from_id`)
    issuer_from_id: bool
    valid_from: str
    language: str
    basic_amount: float | None  # Kela's basic amount (single person, €/month) on valid_from
    basic_basis: str  # where that figure comes from, or why there is none

    @property
    def year(self) -> str:
        return self.valid_from[:4]


@dataclass(frozen=True)
class Point:
    """One version's amount in a series."""

    amount: PlacedAmount
    euros: float | None  # in euros (a share of the basic amount converted); None for months' rent, %
    share: float | None  # euros / the basic amount in force: the real value

    @property
    def value(self) -> float:
        return self.amount.compared_value


@dataclass(frozen=True)
class Span:
    """From one version's amount to a later one: a change, or a stretch at the same value."""

    start: int  # version indexes
    end: int
    old: Point
    new: Point

    @property
    def change(self) -> float | None:
        """Relative nominal change, in the series' unit."""
        return self.new.value / self.old.value - 1 if self.old.value else None

    @property
    def real_change(self) -> float | None:
        """Relative change of the share of the basic amount; None where either share is unknown."""
        if self.old.share is None or self.new.share is None or not self.old.share:
            return None
        return self.new.share / self.old.share - 1

    @property
    def frozen(self) -> bool:
        return self.new.value == self.old.value


@dataclass(frozen=True)
class Series:
    """The amounts of one like-for-like group (unit, qualifier, period, household size, part and
    label) of one category, one point per version (None: the version gives none)."""

    unit: str
    qualifier: str
    per: str | None
    persons: tuple[int, int | None] | None
    item: str | None
    label: str | None  # the amount's own label where nothing else tells two amounts apart
    points: tuple[Point | None, ...]

    @property
    def present(self) -> list[tuple[int, Point]]:
        return [(i, p) for i, p in enumerate(self.points) if p is not None]

    @property
    def spans(self) -> list[Span]:
        """Stretches at one value (first to last version with it) and the steps between them."""
        found, present = [], self.present
        start = 0
        for k in range(1, len(present) + 1):
            if k == len(present) or present[k][1].value != present[start][1].value:
                if k - 1 > start:
                    found.append(Span(present[start][0], present[k - 1][0], present[start][1], present[k - 1][1]))
                if k < len(present):
                    found.append(Span(present[k - 1][0], present[k][0], present[k - 1][1], present[k][1]))
                start = k
        return found

    @property
    def longest_freeze(self) -> Span | None:
        """The longest stretch at one value over two or more versions (a frozen grant), or None."""
        frozen = [span for span in self.spans if span.frozen]
        return max(frozen, key=lambda s: (s.end - s.start, -(s.real_change or 0.0)), default=None)

    @property
    def overall(self) -> Span | None:
        present = self.present
        if len(present) < 2:
            return None
        return Span(present[0][0], present[-1][0], present[0][1], present[-1][1])


@dataclass(frozen=True)
class CategoryTimeline:
    id: str
    label_fi: str
    label_sv: str
    rows: tuple[Row | None, ...]  # per version: what it says about the category, None if not covered
    series: tuple[Series, ...]

    @property
    def added(self) -> list[int]:
        """Indexes of versions that cover the category where the one before did not."""
        return [i for i in range(1, len(self.rows)) if self.rows[i] and not self.rows[i - 1]]

    @property
    def dropped(self) -> list[int]:
        """Indexes of versions that no longer cover the category the one before covered."""
        return [i for i in range(1, len(self.rows)) if not self.rows[i] and self.rows[i - 1]]


@dataclass(frozen=True)
class Event:
    """A change on the timeline between version `index - 1` and version `index`."""

    index: int
    change: Change


@dataclass(frozen=True)
class IssuerHistory:
    key: str
    name: str
    versions: tuple[Version, ...]
    categories: tuple[CategoryTimeline, ...]  # every category any version covers, in the rules' order
    events: tuple[Event, ...]
    note: str | None = None  # from rules/issuers.toml

    @property
    def issuers_seen(self) -> tuple[str, ...]:
        """Distinct issuer names of the versions, in order (more than one: renamed or merged)."""
        seen: dict[str, str] = {}
        for version in self.versions:
            seen.setdefault(version.issuer.casefold(), version.issuer)
        return tuple(seen.values())

    @property
    def language(self) -> str:
        return self.versions[-1].language


@dataclass(frozen=True)
class RealChange:
    """A finding: one span of one series, for 'Keskeiset havainnot'."""

    issuer: IssuerHistory
    category: CategoryTimeline
    series: Series
    span: Span


@dataclass(frozen=True)
class History:
    issuers: tuple[IssuerHistory, ...]
    labels: Labels
    skipped: tuple[tuple[str, str], ...] = ()  # (input, reason)

    def real_changes(self) -> list[RealChange]:
        """Every span with a known real-terms change, frozen stretches and steps alike."""
        return [RealChange(issuer, category, series, span)
                for issuer in self.issuers for category in issuer.categories for series in category.series
                for span in series.spans if span.real_change is not None]

    def largest_cuts(self) -> list[RealChange]:
        cuts = [c for c in self.real_changes() if c.span.real_change < 0]
        return sorted(cuts, key=lambda c: (c.span.real_change, c.issuer.key, c.category.id))[:FINDINGS_NAMED]

    def largest_raises(self) -> list[RealChange]:
        raises = [c for c in self.real_changes() if c.span.real_change > 0]
        return sorted(raises, key=lambda c: (-c.span.real_change, c.issuer.key, c.category.id))[:FINDINGS_NAMED]

    def dropped(self) -> list[tuple[IssuerHistory, CategoryTimeline, int]]:
        """(issuer, category, index of the first version without it), in issuer and version order."""
        return [(issuer, category, index) for issuer in self.issuers for category in issuer.categories
                for index in category.dropped]


def build_history(records: Iterable[dict], labels: Labels, issuers: IssuerRules) -> History:
    """Group records by issuer, order each group by valid_from, and build the timelines.

    A record without `valid_from` cannot be placed on a timeline and is skipped, as is a second
    record with an id already seen, and a second version of one issuer with the same date.
    """
    groups: dict[str, list[dict]] = {}
    shown: dict[str, str | None] = {}
    skipped: list[tuple[str, str]] = []
    seen_ids: set[str] = set()
    for record in records:
        info = record["guideline"]
        source = info.get("file") or info["id"]
        if info["id"] in seen_ids:
            skipped.append((source, f"the id {info['id']!r} appears twice; the first is used"))
            continue
        seen_ids.add(info["id"])
        if not info.get("valid_from"):
            skipped.append((source, "no valid_from date: it cannot be placed on a timeline"))
            continue
        key, name = issuers.group_of(issuer_of(record)[0])
        groups.setdefault(key, []).append(record)
        shown[key] = shown.get(key) or name
    histories = []
    for key, members in groups.items():
        members.sort(key=lambda r: (r["guideline"]["valid_from"], r["guideline"]["id"]))
        kept: list[dict] = []
        for record in members:
            if kept and kept[-1]["guideline"]["valid_from"] == record["guideline"]["valid_from"]:
                skipped.append((record["guideline"].get("file") or record["guideline"]["id"],
                                f"{kept[-1]['guideline']['id']} of the same issuer is valid from the same date "
                                f"{record['guideline']['valid_from']}; the first by id is used"))
                continue
            kept.append(record)
        histories.append(_issuer_history(key, shown[key], kept, labels, issuers.notes.get(key)))
    histories.sort(key=lambda h: h.name.casefold())
    return History(tuple(histories), labels, tuple(skipped))


def _issuer_history(key: str, name: str | None, records: list[dict], labels: Labels,
                    note: str | None) -> IssuerHistory:
    versions = tuple(_version(r) for r in records)
    order = list(labels.categories)
    seen = {c["id"] for r in records for c in r.get("categories", [])}
    category_ids = [c for c in order if c in seen] + sorted(seen - set(order))
    categories = tuple(_timeline(cid, records, versions, labels) for cid in category_ids)
    events = []
    for index in range(1, len(records)):
        for change in diff_records(records[index - 1], records[index]).changes:
            if change.kind in TIMELINE_KINDS:
                events.append(Event(index, change))
    return IssuerHistory(key, name or versions[-1].issuer, versions, categories, tuple(events), note)


def _version(record: dict) -> Version:
    info = record["guideline"]
    issuer, from_id = issuer_of(record)
    basic = to_euros(100.0, info["valid_from"])  # the single person's basic amount itself
    return Version(info["id"], info.get("file"), issuer, from_id, info["valid_from"], info.get("language") or "fi",
                   basic.eur_value, basic.basis)


def _timeline(category_id: str, records: list[dict], versions: Sequence[Version], labels: Labels) -> CategoryTimeline:
    rows = tuple(category_row(record, category_id) for record in records)
    keyed: dict[tuple, list[Point | None]] = {}
    for index, row in enumerate(rows):
        for amount in row.amounts if row else ():
            key = series_key(amount)
            points = keyed.setdefault(key, [None] * len(rows))
            if points[index] is None:  # the same amount twice in one section counts once
                points[index] = _point(amount, versions[index])
    series = []
    for key, points in keyed.items():
        sample = next(p for p in points if p is not None).amount
        series.append(Series(sample.compared_unit, sample.qualifier, sample.per, sample.persons, sample.item,
                             sample.applies_to if key[-1] else None, tuple(points)))
    series.sort(key=lambda s: (s.unit != "EUR", s.unit, s.qualifier, s.per or "", _household_order(s.persons),
                               s.item or "", _letters(s.label) or ""))
    return CategoryTimeline(category_id, labels.category(category_id, "fi"), labels.category(category_id, "sv"),
                            rows, tuple(series))


def _household_order(persons: tuple[int, int | None] | None) -> tuple[int, float]:
    """Amounts for no stated household first, then by size; "5 or more" after "5"."""
    if not persons:
        return (0, 0)
    low, high = persons
    return (low, float("inf") if high is None else high)


def series_key(amount: PlacedAmount) -> tuple:
    """Like with like across versions: the comparison's key, and where no household size or part
    tells amounts apart, their label ("Yksiteholasit" and "Moniteholasit" are two series)."""
    label = _letters(amount.applies_to) if amount.persons is None and amount.item is None else None
    return (amount.compared_unit, amount.qualifier, amount.per, amount.persons, _letters(amount.item), label)


def _letters(text: str | None) -> str | None:
    """Letters and digits, case-folded: a label spaced apart by a PDF ("Yk si teh o las it") is the same label."""
    return "".join(ch for ch in text.casefold() if ch.isalnum()) or None if text else None


def _point(amount: PlacedAmount, version: Version) -> Point:
    euros = amount.compared_value if amount.compared_unit == "EUR" else None
    share = euros / version.basic_amount if euros is not None and version.basic_amount else None
    return Point(amount, euros, share)
