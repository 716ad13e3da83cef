"""Compare many guidelines: coverage, amounts side by side, gaps, one guideline against the rest.

Pure data: this module reads extraction records (the `guidecmp.extraction/1` dicts) and builds
a `Comparison`; guidecmp/export.py turns it into tables and reports. Records are read leniently
(a missing `page` or `unmatched_sections` is tolerated) so that hand-written truth files and
older results compare as well as fresh extractions.

The rules that decide what counts as "comparable", an "outlier" or "most" are constants here,
so that the README, the JSON output and the code cannot disagree.
"""

from __future__ import annotations

import functools
import re
import statistics
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..bundled import default_rules_dir
from ..extract.amounts import household_size
from ..extract.basic_amount import to_euros

COMPARISON_SCHEMA = "guidecmp.comparison/1"

# A category "most guidelines cover": covered by at least this share of the guidelines compared
# (and by at least two of them). The ones that do not cover it are listed as gaps.
MOST_SHARE = 0.5
# Amounts are compared only within a group of the same unit, qualifier and period, and only
# when at least this many guidelines give an amount in the group.
MIN_GUIDELINES_TO_COMPARE = 2
# Outliers. With fewer than SMALL_SAMPLE amounts in a group, quartiles mean little: an amount is
# an outlier when it is more than RATIO_LIMIT times the median or less than 1/RATIO_LIMIT of it.
# With SMALL_SAMPLE or more, Tukey's fences: beyond IQR_FACTOR × IQR outside the quartiles, the
# IQR taken as at least IQR_FLOOR × median (many guidelines give the very same sum, and a zero
# IQR would make every small difference an outlier; with the floor, a tight cluster's fences lie
# 75 % of the median beyond its quartiles, close to the small-sample rule). Fewer than MIN_OUTLIER_SAMPLE: none.
MIN_OUTLIER_SAMPLE = 3
SMALL_SAMPLE = 8
RATIO_LIMIT = 2.0
IQR_FACTOR = 1.5
IQR_FLOOR = 0.5

DecisionOrigin = Literal["category", "category_scope", "support_type", "document"]
Direction = Literal["high", "low"]


# --- labels --------------------------------------------------------------------------------------


@functools.cache
def list_categories(rules_dir: Path | None = None) -> frozenset[str]:
    """Categories that are lists a guideline keeps, not expenses (comparison.toml of the rules folder)."""
    path = (rules_dir or default_rules_dir()) / "comparison.toml"
    if not path.is_file():
        return frozenset()
    with path.open("rb") as handle:
        return frozenset(tomllib.load(handle).get("list_categories", ()))


@dataclass(frozen=True)
class Labels:
    """Category and role names by language, in the order of the rules files."""

    categories: dict[str, dict[str, str]]
    roles: dict[str, dict[str, str]]
    lists: frozenset[str] = field(default_factory=list_categories)  # categories that are lists, not expenses

    @classmethod
    def from_rules(cls, rules) -> "Labels":
        """Take the names from loaded rules (guidecmp.extract.vocab.Rules)."""
        return cls(
            categories={cid: {lang: rules.categories.name(cid, lang) for lang in ("fi", "sv")}
                        for cid in rules.categories.ids},
            roles={rid: {lang: rules.roles.name(rid, lang) for lang in ("fi", "sv")} for rid in rules.roles.ids},
            lists=list_categories(rules.directory),
        )

    def category(self, category_id: str, language: str = "fi") -> str:
        return self.categories.get(category_id, {}).get(language) or category_id

    def role(self, role_id: str, language: str = "fi") -> str:
        return self.roles.get(role_id, {}).get(language) or role_id


# --- the comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GuidelineSummary:
    id: str
    code: str  # 2–4 letters, the column header of the coverage matrix
    file: str | None
    language: str
    issuer: str | None
    title: str | None
    valid_from: str | None
    categories: int
    amounts: int
    decision_rules: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    page: int | None


@dataclass(frozen=True)
class PlacedAmount:
    """An amount of one guideline, with what the comparison found out about it."""

    value: float
    unit: str
    qualifier: str
    per: str | None
    applies_to: str | None
    page: int | None
    text: str
    comparable: bool = False
    outlier: Direction | None = None
    persons: tuple[int, int | None] | None = None
    per_head: str | None = None
    per_source: str | None = None
    eur_value: float | None = None
    eur_basis: str | None = None
    item: str | None = None

    @property
    def converted(self) -> bool:
        """A share of the basic amount brought onto the euro scale."""
        return self.unit == "percent_of_basic_amount" and self.eur_value is not None

    @property
    def compared_unit(self) -> str:
        return "EUR" if self.converted else self.unit

    @property
    def compared_value(self) -> float:
        return self.eur_value if self.converted else self.value

    @property
    def key(self) -> tuple:
        """Like with like: unit (shares of the basic amount in euros), qualifier, period,
        household size, and the part of the category (estate inventory is not a funeral)."""
        return (self.compared_unit, self.qualifier, self.per, self.persons, _folded(self.item))


def _folded(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


@dataclass(frozen=True)
class Decision:
    """Who decides, and where the guideline says it (`origin`: how specific the rule is)."""

    role: str
    condition: str | None
    page: int | None
    text: str
    origin: DecisionOrigin


@dataclass(frozen=True)
class Candidate:
    """A sentence near a decision rule that was not accepted as one (extraction's decision_candidates)."""

    text: str
    page: int | None
    reason: str


@dataclass(frozen=True)
class Row:
    """What one guideline says about one category."""

    guideline: str
    language: str
    support_types: tuple[str | None, ...]
    sections: tuple[Section, ...]
    amounts: tuple[PlacedAmount, ...]
    decisions: tuple[Decision, ...]
    candidates: tuple[Candidate, ...] = ()  # only where there is no decision rule

    @property
    def silent_on_decision(self) -> bool:
        return not self.decisions

    @property
    def pages(self) -> tuple[int, ...]:
        found = {s.page for s in self.sections} | {a.page for a in self.amounts}
        found |= {d.page for d in self.decisions if d.origin == "category"}
        return tuple(sorted(p for p in found if p is not None))


@dataclass(frozen=True)
class GroupValue:
    guideline: str
    value: float  # in the group's unit: a share of the basic amount converted to euros
    applies_to: str | None
    page: int | None
    outlier: Direction | None
    converted: bool = False


@dataclass(frozen=True)
class AmountGroup:
    """Amounts of one category with the same unit, qualifier, period, household size and part:
    these can be compared."""

    unit: str
    qualifier: str
    per: str | None
    values: tuple[GroupValue, ...]
    persons: tuple[int, int | None] | None = None
    item: str | None = None

    @property
    def count(self) -> int:
        return len(self.values)

    @functools.cached_property
    def guidelines(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.guideline for v in self.values))

    # Each report asks these several times a group; a group of 1 800 guidelines is a long walk.
    @functools.cached_property
    def minimum(self) -> float:
        return min(v.value for v in self.values)

    @functools.cached_property
    def median(self) -> float:
        return statistics.median(v.value for v in self.values)

    @functools.cached_property
    def maximum(self) -> float:
        return max(v.value for v in self.values)

    @property
    def outliers(self) -> tuple[GroupValue, ...]:
        return tuple(v for v in self.values if v.outlier)

    @property
    def key(self) -> tuple:
        return (self.unit, self.qualifier, self.per, self.persons, _folded(self.item))


@dataclass(frozen=True)
class CategoryComparison:
    id: str
    label_fi: str
    label_sv: str
    rows: tuple[Row, ...]  # one per guideline that covers the category, in guideline order
    groups: tuple[AmountGroup, ...]  # comparable groups, the most widely used first
    not_comparable: tuple[tuple[str, PlacedAmount], ...]  # (guideline, amount)

    @property
    def covered_by(self) -> tuple[str, ...]:
        return tuple(r.guideline for r in self.rows)

    def row(self, guideline_id: str) -> Row | None:
        return self._row_of.get(guideline_id)

    @functools.cached_property
    def _row_of(self) -> dict[str, Row]:
        """guideline id → its row: every report asks this of every guideline and category."""
        return {r.guideline: r for r in self.rows}


@dataclass(frozen=True)
class MissingCommon:
    category: str
    covered_by: tuple[str, ...]
    missing: tuple[str, ...]
    share: float


@dataclass(frozen=True)
class CategoryGap:
    """Guidelines that cover a category but leave something out (who decides, or any amount)."""

    category: str
    guidelines: tuple[str, ...]
    covered: int  # guidelines that cover the category at all
    others_have: int  # of the rest, how many do say it


@dataclass(frozen=True)
class Gaps:
    missing_common: tuple[MissingCommon, ...]
    silent_overall: tuple[str, ...]  # no decision rule anywhere in the guideline
    silent_by_category: tuple[CategoryGap, ...]
    without_amount: tuple[CategoryGap, ...]
    warnings: tuple[tuple[str, tuple[str, ...]], ...]  # (guideline, its extraction warnings)


@dataclass(frozen=True)
class FocusAmount:
    """One of our amounts against the amounts of the same group in the other guidelines."""

    amount: PlacedAmount
    others_count: int
    others_guidelines: int
    others_min: float
    others_median: float
    others_max: float
    rank: int  # 1 = the highest amount of the group, ours included
    rank_of: int
    deviation: float | None  # (ours − others' median) / others' median
    group: AmountGroup | None = None  # the like-for-like group it was compared in


@dataclass(frozen=True)
class FocusCategory:
    category: str
    ours: Row | None
    others_covering: tuple[str, ...]
    others_share: float
    comparisons: tuple[FocusAmount, ...]
    flags: tuple[str, ...]  # see FOCUS_FLAGS

    @property
    def distance(self) -> float | None:
        """How far we are from the rest: the largest relative deviation of our amounts."""
        deviations = [abs(c.deviation) for c in self.comparisons if c.deviation is not None]
        return max(deviations) if deviations else None


# What a focus row can be flagged with, in the order reports list them.
FOCUS_FLAGS = (
    "missing_common",  # most others cover it, we do not
    "silent_where_others_decide",  # we cover it, say nothing of who decides, others do
    "only_here",  # no other guideline covers it
    "no_amount_where_others_have",  # we cover it without an amount, others give one
)


@dataclass(frozen=True)
class FocusReport:
    guideline: str
    others: tuple[str, ...]
    categories: tuple[FocusCategory, ...]  # farthest from the rest first

    def flagged(self, flag: str) -> tuple[FocusCategory, ...]:
        return tuple(c for c in self.categories if flag in c.flags)


@dataclass(frozen=True)
class Comparison:
    guidelines: tuple[GuidelineSummary, ...]
    categories: tuple[CategoryComparison, ...]  # every category of the rules (or the selection)
    gaps: Gaps
    labels: Labels
    focus: FocusReport | None = None
    skipped: tuple[tuple[str, str], ...] = ()  # (input, reason): inputs left out of the comparison

    def guideline(self, guideline_id: str) -> GuidelineSummary:
        return self._guideline_of[guideline_id]

    @functools.cached_property
    def _guideline_of(self) -> dict[str, GuidelineSummary]:
        """id → summary: every report looks one up per row (a scan was quadratic in guidelines)."""
        return {g.id: g for g in self.guidelines}

    @property
    def covered_categories(self) -> tuple[CategoryComparison, ...]:
        return tuple(c for c in self.categories if c.rows)

    def to_json(self, *, gaps_only: bool = False) -> dict:
        """The whole comparison as JSON-ready data (shape documented in the README)."""
        data: dict = {
            "schema": COMPARISON_SCHEMA,
            "rules": {
                "most_share": MOST_SHARE,
                "min_guidelines_to_compare": MIN_GUIDELINES_TO_COMPARE,
                "outliers": {"min_sample": MIN_OUTLIER_SAMPLE, "small_sample": SMALL_SAMPLE,
                             "ratio_limit": RATIO_LIMIT, "iqr_factor": IQR_FACTOR, "iqr_floor": IQR_FLOOR},
            },
            "guidelines": [_guideline_json(g) for g in self.guidelines],
            "skipped": [{"input": source, "reason": reason} for source, reason in self.skipped],
        }
        if not gaps_only:
            data["coverage"] = self.coverage_json()
            data["categories"] = [self._category_json(c) for c in self.categories]
        data["gaps"] = _gaps_json(self.gaps)
        data["focus"] = _focus_json(self.focus, gaps_only) if self.focus else None
        return data

    def coverage_json(self) -> dict:
        ids = [g.id for g in self.guidelines]
        return {
            "guidelines": ids,
            "categories": [c.id for c in self.categories],
            "matrix": {c.id: {r.guideline: _support_json(r.support_types) for r in c.rows} for c in self.categories},
            "per_category": {c.id: len(c.rows) for c in self.categories},
            "per_guideline": {gid: sum(1 for c in self.categories if c.row(gid)) for gid in ids},
        }

    def _category_json(self, category: CategoryComparison) -> dict:
        return {
            "id": category.id,
            "label": {"fi": category.label_fi, "sv": category.label_sv},
            "covered_by": list(category.covered_by),
            "rows": [_row_json(r, self.labels) for r in category.rows],
            "groups": [_group_json(g) for g in category.groups],
            "not_comparable": [{"guideline": gid, **_amount_json(a)} for gid, a in category.not_comparable],
        }


# --- building it -------------------------------------------------------------------------------


def build_comparison(records: Iterable[dict], labels: Labels, *, categories: Sequence[str] | None = None,
                     focus: str | None = None) -> Comparison:
    """Compare extraction records. `categories` limits the comparison; `focus` is a guideline id.

    Records with an id already seen are skipped (listed in `skipped`); the first one wins.
    """
    unique: dict[str, dict] = {}
    skipped: list[tuple[str, str]] = []
    for record in records:
        gid = record["guideline"]["id"]
        if gid in unique:
            skipped.append((record["guideline"].get("file") or gid, f"the id {gid!r} appears twice; the first is used"))
            continue
        unique[gid] = record
    ordered = [unique[gid] for gid in sorted(unique)]
    if focus is not None and focus not in unique:
        raise ValueError(f"no guideline {focus!r} to focus on (see resolve_guideline)")
    codes = guideline_codes([r["guideline"]["id"] for r in ordered])
    guidelines = tuple(_summary(r, codes[r["guideline"]["id"]]) for r in ordered)

    wanted = list(categories) if categories else _category_order(ordered, labels)
    rows_of = [record_rows(r, wanted if categories else None) for r in ordered]
    compared = tuple(_compare_category(cid, [rows[cid] for rows in rows_of if cid in rows], labels) for cid in wanted)
    return Comparison(guidelines=guidelines, categories=compared, gaps=_gaps(compared, guidelines, labels.lists), labels=labels,
                      focus=_focus(focus, compared, guidelines, labels.lists) if focus is not None else None,
                      skipped=tuple(skipped))


def resolve_guideline(query: str, ids: Sequence[str]) -> str:
    """The guideline id meant by `query`: exact, else a unique prefix; ValueError otherwise."""
    if query in ids:
        return query
    matches = [gid for gid in ids if gid.startswith(query.casefold())]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValueError(f"{query!r} could mean {', '.join(matches)}; give the whole id")
    raise ValueError(f"no guideline {query!r} among: {', '.join(ids)}")


def known_categories(records: Iterable[dict], labels: Labels) -> list[str]:
    return _category_order(list(records), labels)


def guideline_codes(ids: Sequence[str]) -> dict[str, str]:
    """Short unique column codes: `vantaa-2015` → VAN; `jyvaskyla-2020`/`-2021` → JY20/JY21."""
    parts = {gid: _name_and_year(gid) for gid in ids}
    codes = {gid: (name[:3] or "G").upper() for gid, (name, _) in parts.items()}
    for group in _clashing(codes):
        for gid in group:
            name, year = parts[gid]
            codes[gid] = ((name[:2] or "G") + year[-2:]).upper()
    # Whatever still clashes is numbered, never reusing a code another guideline has.
    clashing = {gid for group in _clashing(codes) for gid in group}
    used = {code for gid, code in codes.items() if gid not in clashing}
    for gid in sorted(clashing):
        stem, number = (parts[gid][0][:2] or "G").upper(), 1
        while f"{stem}{number}" in used:
            number += 1
        codes[gid] = f"{stem}{number}"
        used.add(codes[gid])
    return codes


def _clashing(codes: dict[str, str]) -> list[list[str]]:
    by_code: dict[str, list[str]] = {}
    for gid, code in codes.items():
        by_code.setdefault(code, []).append(gid)
    return [group for group in by_code.values() if len(group) > 1]


def _name_and_year(guideline_id: str) -> tuple[str, str]:
    years = re.findall(r"\d{2,4}", guideline_id)
    name = re.sub(r"[^a-z]", "", re.sub(r"\d+", "", guideline_id.casefold()))
    return name, (years[-1] if years else "")


def _category_order(records: list[dict], labels: Labels) -> list[str]:
    """The rules' order, then categories the rules do not know, alphabetically."""
    seen = {c["id"] for r in records for c in r.get("categories", [])}
    return list(labels.categories) + sorted(seen - set(labels.categories))


def _summary(record: dict, code: str) -> GuidelineSummary:
    info = record["guideline"]
    categories = record.get("categories", [])
    rules = len(record.get("decision_makers", [])) + sum(len(c.get("decision_makers", [])) for c in categories)
    return GuidelineSummary(
        id=info["id"], code=code, file=info.get("file"), language=info.get("language") or "fi",
        issuer=info.get("issuer"), title=info.get("title"), valid_from=info.get("valid_from"),
        categories=len({c["id"] for c in categories}), amounts=sum(len(c.get("amounts", [])) for c in categories),
        decision_rules=rules, warnings=tuple(record.get("warnings", [])))


def category_row(record: dict, category_id: str) -> Row | None:
    """The guideline's row for a category; several entries of the same id are merged."""
    return record_rows(record, (category_id,)).get(category_id)


def record_rows(record: dict, category_ids: Sequence[str] | None = None) -> dict[str, Row]:
    """The guideline's row for each category it covers (or each of `category_ids`), in one pass over
    the record: a comparison of 1 800 guidelines asks this once per guideline, not once per category."""
    entries: dict[str, list[dict]] = {}
    for entry in record.get("categories", []):
        if category_ids is None or entry["id"] in category_ids:
            entries.setdefault(entry["id"], []).append(entry)
    if not entries:
        return {}
    rules = _DocumentRules(record)
    guideline, language = record["guideline"]["id"], record["guideline"].get("language") or "fi"
    rows = {}
    for category_id, same in entries.items():
        support_types = tuple(dict.fromkeys(e.get("support_type") for e in same))
        own = [Decision(d["role"], d.get("condition"), d.get("page"), d.get("text", ""), "category")
               for e in same for d in e.get("decision_makers", [])]
        decisions = tuple(own) or rules.inherited(category_id, support_types)
        rows[category_id] = Row(
            guideline=guideline,
            language=language,
            support_types=support_types,
            sections=tuple(Section(s.get("heading", ""), s.get("page")) for e in same for s in e.get("sections", [])),
            amounts=tuple(_placed(a, record) for e in same for a in e.get("amounts", [])),
            decisions=decisions,
            candidates=() if decisions else rules.candidates(category_id),
        )
    return rows


class _DocumentRules:
    """A record's document-wide decision rules and unresolved candidates, grouped once by scope."""

    def __init__(self, record: dict) -> None:
        self.by_scope: dict[str | None, list[tuple[int, dict]]] = {}
        for index, rule in enumerate(record.get("decision_makers", [])):
            self.by_scope.setdefault(rule.get("scope"), []).append((index, rule))
        self.record = record
        self.made: dict[tuple, tuple[Decision, ...]] = {}

    def inherited(self, category_id: str, support_types: tuple[str | None, ...]) -> tuple[Decision, ...]:
        """Document-wide rules that reach a category, the most specific scope only.

        A rule scoped to the category beats one scoped to its support type, which beats one that
        names no scope (it applies to the whole guideline).
        """
        if category_id in self.by_scope:
            return self._decisions("category_scope", (category_id,))
        types = tuple(s for s in support_types if s and s in self.by_scope)
        if types:
            return self._decisions("support_type", types)
        return self._decisions("document", (None,)) if None in self.by_scope else ()

    def _decisions(self, origin: DecisionOrigin, scopes: tuple[str | None, ...]) -> tuple[Decision, ...]:
        """The rules of these scopes in the record's order; made once per record, shared by its rows."""
        key = (origin, scopes)
        if key not in self.made:
            rules = sorted(rule for scope in scopes for rule in self.by_scope[scope])
            self.made[key] = tuple(Decision(d["role"], d.get("condition"), d.get("page"), d.get("text", ""), origin)
                                   for _, d in rules)
        return self.made[key]

    def candidates(self, category_id: str) -> tuple[Candidate, ...]:
        return tuple(Candidate(c.get("text", ""), c.get("page"), c.get("reason", ""))
                     for c in self.record.get("decision_candidates", []) if c.get("category") in (category_id, None))


def _placed(amount: dict, record: dict) -> PlacedAmount:
    """An amount as compared. Older records and truth files lack `persons` and `eur_value`:
    they are read from the label and the basic-amount table the way extraction does."""
    language = record["guideline"].get("language") or "fi"
    persons = amount.get("persons")
    if persons is None and "persons" not in amount:
        persons = household_size(amount.get("applies_to"), language)
    eur_value, eur_basis = amount.get("eur_value"), amount.get("eur_basis")
    if "eur_value" not in amount:
        if amount["unit"] == "EUR":
            eur_value = float(amount["value"])
        elif amount["unit"] == "percent_of_basic_amount":
            conversion = to_euros(float(amount["value"]), record["guideline"].get("valid_from"), amount.get("text"))
            eur_value, eur_basis = conversion.eur_value, conversion.basis
    return PlacedAmount(float(amount["value"]), amount["unit"], amount["qualifier"], amount.get("per"),
                        amount.get("applies_to"), amount.get("page"), amount.get("text", ""),
                        persons=tuple(persons) if persons else None, per_head=amount.get("per_head"),
                        per_source=amount.get("per_source"), eur_value=eur_value, eur_basis=eur_basis,
                        item=amount.get("item"))


def _compare_category(category_id: str, rows: list[Row], labels: Labels) -> CategoryComparison:
    """One category across the guidelines that cover it (`rows`, in guideline order)."""
    # Each amount is known by its place (row index, amount index) so that equal amounts stay apart.
    by_key: dict[tuple, list[tuple[int, int]]] = {}
    for r, row in enumerate(rows):
        for a, amount in enumerate(row.amounts):
            by_key.setdefault(amount.key, []).append((r, a))
    groups: list[AmountGroup] = []
    marked: dict[tuple[int, int], Direction | None] = {}
    for key, places in by_key.items():
        if len({rows[r].guideline for r, _ in places}) < MIN_GUIDELINES_TO_COMPARE:
            continue
        directions = outlier_directions([rows[r].amounts[a].compared_value for r, a in places])
        marked.update(zip(places, directions))
        unit, qualifier, per, persons, _ = key
        groups.append(AmountGroup(unit, qualifier, per, tuple(
            GroupValue(rows[r].guideline, rows[r].amounts[a].compared_value, rows[r].amounts[a].applies_to,
                       rows[r].amounts[a].page, direction, rows[r].amounts[a].converted)
            for (r, a), direction in zip(places, directions)),
            persons=persons, item=rows[places[0][0]].amounts[places[0][1]].item))
    groups.sort(key=lambda g: (-len(g.guidelines), -g.count, g.unit, g.qualifier, g.per or "",
                               g.persons or (0, 0), g.item or ""))

    marked_rows = {r for r, _ in marked}
    placed_rows = tuple(
        _replaced(row, amounts=tuple(
            _replaced(amount, comparable=True, outlier=marked[(r, a)]) if (r, a) in marked else amount
            for a, amount in enumerate(row.amounts))) if r in marked_rows else row
        for r, row in enumerate(rows))
    not_comparable = tuple((row.guideline, a) for row in placed_rows for a in row.amounts if not a.comparable)
    return CategoryComparison(category_id, labels.category(category_id, "fi"), labels.category(category_id, "sv"),
                              placed_rows, tuple(groups), not_comparable)


def _replaced(instance, **changes):
    """`dataclasses.replace(instance, **changes)` at a fifth of its cost (a comparison of 1 800
    guidelines marks 36 000 amounts in 16 000 rows; replace took 0.4 s): the fields copied as they
    are, which is all a Row or a PlacedAmount holds (their properties compute, they cache nothing)."""
    copy = object.__new__(type(instance))
    vars(copy).update(vars(instance), **changes)
    return copy


def outlier_directions(values: Sequence[float]) -> list[Direction | None]:
    """For each value: "high", "low" or None, by the rule documented at the top of this module."""
    if len(values) < MIN_OUTLIER_SAMPLE:
        return [None] * len(values)
    median = statistics.median(values)
    if len(values) < SMALL_SAMPLE:
        low, high = median / RATIO_LIMIT, median * RATIO_LIMIT
    else:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        spread = max(q3 - q1, IQR_FLOOR * median)
        low, high = q1 - IQR_FACTOR * spread, q3 + IQR_FACTOR * spread
    return ["high" if v > high else "low" if v < low else None for v in values]


def _gaps(categories: tuple[CategoryComparison, ...], guidelines: tuple[GuidelineSummary, ...],
          lists: frozenset[str]) -> Gaps:
    ids = tuple(g.id for g in guidelines)
    missing_common = []
    expenses = tuple(c for c in categories if c.id not in lists)
    for category in expenses:
        covered = category.covered_by
        share = len(covered) / len(ids) if ids else 0.0
        if is_common(len(covered), len(ids)) and len(covered) < len(ids):
            covering = set(covered)
            missing_common.append(MissingCommon(category.id, covered, tuple(g for g in ids if g not in covering), share))
    missing_common.sort(key=lambda m: -m.share)

    silent, without_amount = [], []
    for category in expenses:
        quiet = tuple(r.guideline for r in category.rows if r.silent_on_decision)
        if quiet:
            silent.append(CategoryGap(category.id, quiet, len(category.rows), len(category.rows) - len(quiet)))
        bare = tuple(r.guideline for r in category.rows if not r.amounts)
        if bare:
            without_amount.append(CategoryGap(category.id, bare, len(category.rows), len(category.rows) - len(bare)))
    without_amount.sort(key=lambda g: (-g.others_have, -len(g.guidelines)))
    silent.sort(key=lambda g: (-g.others_have, -len(g.guidelines)))

    silent_overall = tuple(g.id for g in guidelines if g.decision_rules == 0)
    warnings = tuple((g.id, g.warnings) for g in guidelines if g.warnings)
    return Gaps(tuple(missing_common), silent_overall, tuple(silent), tuple(without_amount), warnings)


def is_common(covering: int, total: int) -> bool:
    """Do "most" guidelines cover it? At least MOST_SHARE of them, and at least two."""
    return total > 0 and covering >= 2 and covering / total >= MOST_SHARE


def _focus(focus_id: str, categories: tuple[CategoryComparison, ...],
           guidelines: tuple[GuidelineSummary, ...], lists: frozenset[str]) -> FocusReport:
    others = tuple(g.id for g in guidelines if g.id != focus_id)
    rows = []
    for category in categories:
        ours = category.row(focus_id)
        others_covering = tuple(g for g in category.covered_by if g != focus_id)
        share = len(others_covering) / len(others) if others else 0.0
        if ours is None and not others_covering:
            continue
        comparisons = _focus_amounts(ours, category) if ours else ()
        # a list kept or not (what is usually refused) is no gap in what the guideline covers
        flags = [] if category.id in lists else _focus_flags(ours, category, others_covering, len(others))
        rows.append(FocusCategory(category.id, ours, others_covering, share, comparisons, tuple(flags)))
    rows.sort(key=lambda r: (r.distance is None, -(r.distance or 0.0), not r.flags, -r.others_share))
    return FocusReport(focus_id, others, tuple(rows))


def _focus_flags(ours: Row | None, category: CategoryComparison, others_covering: tuple[str, ...],
                 others: int) -> list[str]:
    flags = []
    if ours is None and is_common(len(others_covering), others):
        flags.append("missing_common")
    if ours is not None:
        if ours.silent_on_decision and any(not category.row(g).silent_on_decision for g in others_covering):
            flags.append("silent_where_others_decide")
        if not others_covering:
            flags.append("only_here")
        if not ours.amounts and any(category.row(g).amounts for g in others_covering):
            flags.append("no_amount_where_others_have")
    return flags


def _focus_amounts(ours: Row, category: CategoryComparison) -> tuple[FocusAmount, ...]:
    found = []
    for amount in ours.amounts:
        group = next((g for g in category.groups if g.key == amount.key), None)
        if group is None:
            continue
        theirs = [v.value for v in group.values if v.guideline != ours.guideline]
        if not theirs:
            continue
        everyone = [v.value for v in group.values]
        median = statistics.median(theirs)
        ours_value = amount.compared_value
        found.append(FocusAmount(
            amount=amount, others_count=len(theirs),
            others_guidelines=len({v.guideline for v in group.values if v.guideline != ours.guideline}),
            others_min=min(theirs), others_median=median, others_max=max(theirs),
            rank=1 + sum(1 for v in everyone if v > ours_value), rank_of=len(everyone),
            deviation=(ours_value - median) / median if median else None, group=group))
    return tuple(found)


# --- JSON ------------------------------------------------------------------------------------------


def _guideline_json(g: GuidelineSummary) -> dict:
    return {"id": g.id, "code": g.code, "file": g.file, "language": g.language, "issuer": g.issuer,
            "title": g.title, "valid_from": g.valid_from, "categories": g.categories, "amounts": g.amounts,
            "decision_rules": g.decision_rules, "warnings": list(g.warnings)}


def _support_json(support_types: tuple[str | None, ...]) -> str | list | None:
    return support_types[0] if len(support_types) == 1 else list(support_types)


def _amount_json(a: PlacedAmount) -> dict:
    return {"value": a.value, "unit": a.unit, "qualifier": a.qualifier, "per": a.per, "applies_to": a.applies_to,
            "page": a.page, "text": a.text, "comparable": a.comparable, "outlier": a.outlier,
            "persons": list(a.persons) if a.persons else None, "per_head": a.per_head, "per_source": a.per_source,
            "eur_value": a.eur_value, "eur_basis": a.eur_basis, "item": a.item}


def _row_json(row: Row, labels: Labels) -> dict:
    return {
        "guideline": row.guideline,
        "support_type": _support_json(row.support_types),
        "sections": [{"heading": s.heading, "page": s.page} for s in row.sections],
        "amounts": [_amount_json(a) for a in row.amounts],
        "decision_makers": [{"role": d.role, "role_label": labels.role(d.role, "fi"), "condition": d.condition,
                             "page": d.page, "text": d.text, "origin": d.origin} for d in row.decisions],
        "silent_on_decision": row.silent_on_decision,
        "decision_candidates": [{"text": c.text, "page": c.page, "reason": c.reason} for c in row.candidates],
        "pages": list(row.pages),
    }


def _group_json(g: AmountGroup) -> dict:
    return {"unit": g.unit, "qualifier": g.qualifier, "per": g.per,
            "persons": list(g.persons) if g.persons else None, "item": g.item, "count": g.count,
            "guidelines": list(g.guidelines), "min": g.minimum, "median": g.median, "max": g.maximum,
            "values": [{"guideline": v.guideline, "value": v.value, "applies_to": v.applies_to, "page": v.page,
                        "outlier": v.outlier, "converted": v.converted} for v in g.values]}


def _category_gap_json(gap: CategoryGap) -> dict:
    return {"category": gap.category, "guidelines": list(gap.guidelines), "covered": gap.covered,
            "others_have": gap.others_have}


def _gaps_json(gaps: Gaps) -> dict:
    return {
        "missing_common": [{"category": m.category, "covered_by": list(m.covered_by), "missing": list(m.missing),
                            "share": round(m.share, 4)} for m in gaps.missing_common],
        "silent_overall": list(gaps.silent_overall),
        "silent_by_category": [_category_gap_json(g) for g in gaps.silent_by_category],
        "without_amount": [_category_gap_json(g) for g in gaps.without_amount],
        "warnings": [{"guideline": gid, "warnings": list(w)} for gid, w in gaps.warnings],
    }


def _focus_json(focus: FocusReport, gaps_only: bool) -> dict:
    categories = [c for c in focus.categories if c.flags] if gaps_only else list(focus.categories)
    return {
        "guideline": focus.guideline,
        "others": list(focus.others),
        "categories": [{
            "category": c.category,
            "covered": c.ours is not None,
            "others_covering": list(c.others_covering),
            "others_share": round(c.others_share, 4),
            "distance": c.distance,
            "flags": list(c.flags),
            "comparisons": [{**_amount_json(f.amount), "others_count": f.others_count,
                             "others_guidelines": f.others_guidelines, "others_min": f.others_min,
                             "others_median": f.others_median, "others_max": f.others_max, "rank": f.rank,
                             "rank_of": f.rank_of, "deviation": f.deviation} for f in c.comparisons],
        } for c in categories],
    }
