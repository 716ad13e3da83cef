"""Two versions of one guideline → what changed for a reader, category by category.

A new PDF of a guideline moves page numbers, reflows paragraphs, renumbers headings and gets a new
running header even when no rule changed. None of that is reported: amounts are compared by what
they mean (value, unit, qualifier, period, who they are for), decision rules by role, scope and
condition, headings without their numbering, case, spacing or punctuation. Pages are carried
along only so that a reader can find both versions of a change.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from typing import Literal, TypeVar, Union

from rapidfuzz import fuzz

from ..extract.amounts import parse_amounts
from ..model import (Amount, CategoryDecision, CategoryResult, DocumentDecision, Extraction, GuidelineInfo,
                    SectionRef)
from ..read.textnorm import normalise

DIFF_SCHEMA_ID = "guidecmp.diff/1"

ChangeKind = Literal[
    "guideline_changed",
    "category_added", "category_removed", "support_type_changed",
    "section_renamed", "section_added", "section_removed",
    "amount_changed", "amount_added", "amount_removed",
    "decision_changed", "decision_added", "decision_removed",
]
ChangeValue = Union[Amount, CategoryDecision, DocumentDecision, SectionRef, CategoryResult, str, None]

# What a reader of the cover sees; file name, sha256 and page count only say which PDF it was.
GUIDELINE_FIELDS = ("title", "issuer", "valid_from", "language")
AMOUNT_FIELDS = ("value", "unit", "qualifier", "per", "applies_to")
DECISION_FIELDS = ("role", "scope", "condition")

# "7.3", "7.3.", "3.", "III", "IV.", "a)", "B." before a heading's words.
_NUMBERING = re.compile(r"^\s*(?:(?:\d{1,3}\.)*\d{1,3}(?!\d)\.?|[IVXLC]{1,6}(?:\.|(?=\s))|[A-Za-z][.)])\s*")


@dataclass(frozen=True)
class Change:
    """One difference a reader would act on; `old` / `new` are None for what was added / removed."""

    kind: ChangeKind
    category: str | None  # category id; None for the guideline itself or a document-wide rule
    old: ChangeValue = None
    new: ChangeValue = None
    field: str | None = None  # guideline_changed: which of GUIDELINE_FIELDS

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """For a changed amount or rule, the fields that differ (what to highlight)."""
        if self.kind == "amount_changed":
            return tuple(f for f in AMOUNT_FIELDS if _amount_field(self.old, f) != _amount_field(self.new, f))
        if self.kind == "decision_changed":
            return tuple(f for f in DECISION_FIELDS if _decision_field(self.old, f) != _decision_field(self.new, f))
        return ()

    def to_json(self) -> dict:
        data: dict = {"kind": self.kind, "category": self.category}
        if self.field is not None:
            data["field"] = self.field
        data["old"] = _value_json(self.old)
        data["new"] = _value_json(self.new)
        if self.kind in ("amount_changed", "decision_changed"):
            data["changed_fields"] = list(self.changed_fields)
        return data


@dataclass(frozen=True)
class GuidelineDiff:
    old: GuidelineInfo
    new: GuidelineInfo
    changes: tuple[Change, ...]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def to_json(self) -> dict:
        return {
            "schema": DIFF_SCHEMA_ID,
            "old": asdict(self.old),
            "new": asdict(self.new),
            "identical": self.is_empty,
            "changes": [change.to_json() for change in self.changes],
        }


def diff_extractions(old: Extraction, new: Extraction) -> GuidelineDiff:
    """Every difference between two extractions of one guideline, in reading order."""
    language = new.guideline.language
    changes = _guideline_changes(old.guideline, new.guideline)
    old_categories = {c.id: c for c in old.categories}
    new_categories = {c.id: c for c in new.categories}
    for category_id in _merged_order([c.id for c in old.categories], [c.id for c in new.categories]):
        before, after = old_categories.get(category_id), new_categories.get(category_id)
        if before is None:
            changes.append(Change("category_added", category_id, new=after))
        elif after is None:
            changes.append(Change("category_removed", category_id, old=before))
        else:
            changes += _category_changes(before, after, language)
    changes += _decision_changes(None, old.decision_makers, new.decision_makers, language)
    return GuidelineDiff(old.guideline, new.guideline, tuple(changes))


def diff_records(old: dict, new: dict) -> GuidelineDiff:
    """The same for two extraction records in their JSON shape."""
    return diff_extractions(Extraction.from_json(old), Extraction.from_json(new))


# --- normal forms: what counts as the same --------------------------------------------------------


def text_key(text: str | None) -> str | None:
    """Letters and digits only, case-folded: reflow, hyphenation and punctuation do not count."""
    if text is None:
        return None
    return "".join(ch for ch in normalise(text).casefold() if ch.isalnum())


def heading_key(heading: str) -> str:
    """A heading without its numbering: renumbered sections are the same section."""
    return text_key(_NUMBERING.sub("", normalise(heading), count=1)) or ""


def amount_key(amount: Amount) -> tuple:
    return (round(amount.value, 2), amount.unit, amount.qualifier, amount.per, text_key(amount.applies_to))


def condition_key(condition: str | None, language: str) -> Hashable:
    """A threshold by its amounts ("yli 800 euron" = "yli 800 euroa"), else by its words."""
    if condition is None:
        return None
    found = parse_amounts(normalise(condition), language)
    if found:
        return tuple((round(m.value, 2), m.unit, m.qualifier, m.per) for m in found)
    return text_key(condition)


def _amount_field(amount: Amount, name: str):
    return text_key(amount.applies_to) if name == "applies_to" else getattr(amount, name)


def _decision_field(decision: CategoryDecision | DocumentDecision, name: str):
    return getattr(decision, name, None)


# --- the parts ------------------------------------------------------------------------------------


def _guideline_changes(old: GuidelineInfo, new: GuidelineInfo) -> list[Change]:
    changes = []
    for name in GUIDELINE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if text_key(before) != text_key(after):
            changes.append(Change("guideline_changed", None, before, after, field=name))
    return changes


def _merged_order(old_ids: list[str], new_ids: list[str]) -> list[str]:
    """The new version's order, with removed categories where they stood in the old one."""
    order = list(new_ids)
    for index, category_id in enumerate(old_ids):
        if category_id in order:
            continue
        previous = next((c for c in reversed(old_ids[:index]) if c in order), None)
        order.insert(order.index(previous) + 1 if previous else 0, category_id)
    return order


def _category_changes(old: CategoryResult, new: CategoryResult, language: str) -> list[Change]:
    changes: list[Change] = []
    if old.support_type != new.support_type:
        changes.append(Change("support_type_changed", old.id, old.support_type, new.support_type))
    changes += _section_changes(old.id, old.sections, new.sections)
    changes += _amount_changes(old.id, old.amounts, new.amounts)
    changes += _decision_changes(old.id, old.decision_makers, new.decision_makers, language)
    return changes


def _section_changes(category_id: str, old: list[SectionRef], new: list[SectionRef]) -> list[Change]:
    def key(section: SectionRef) -> str:
        return heading_key(section.heading)

    gone, came = _unmatched(_distinct(old, key), _distinct(new, key), key)
    pairs = _pair_by_closeness(gone, came, lambda a, b: 100 - fuzz.ratio(key(a), key(b)))
    changes = [Change("section_renamed", category_id, a, b) for a, b in pairs]
    changes += [Change("section_removed", category_id, old=s) for s in gone if not _paired(s, pairs, 0)]
    changes += [Change("section_added", category_id, new=s) for s in came if not _paired(s, pairs, 1)]
    return changes


# Looser and looser likenesses under which a leftover old amount may be the same amount, changed:
# first only the value moved, then also how it is qualified or for whom it is, then anything but
# the unit (euros never become a percentage; that is one amount gone and another come).
_AMOUNT_TIERS: tuple[Callable[[Amount], Hashable], ...] = (
    lambda a: (a.unit, a.qualifier, a.per, text_key(a.applies_to)),
    lambda a: (a.unit, text_key(a.applies_to)),
    lambda a: (a.unit, a.qualifier, a.per),
    lambda a: a.unit,
)


def _amount_changes(category_id: str, old: list[Amount], new: list[Amount]) -> list[Change]:
    gone, came = _unmatched(_distinct(old, amount_key), _distinct(new, amount_key), amount_key)
    pairs = _pair_in_tiers(gone, came, _AMOUNT_TIERS, _relative_distance)
    changes = [Change("amount_changed", category_id, a, b) for a, b in pairs]
    changes += [Change("amount_removed", category_id, old=a) for a in gone if not _paired(a, pairs, 0)]
    changes += [Change("amount_added", category_id, new=a) for a in came if not _paired(a, pairs, 1)]
    return changes


def _decision_changes(category_id: str | None, old: Sequence[CategoryDecision | DocumentDecision],
                      new: Sequence[CategoryDecision | DocumentDecision], language: str) -> list[Change]:
    def key(d):
        return d.role, getattr(d, "scope", None), condition_key(d.condition, language)

    gone, came = _unmatched(_distinct(old, key), _distinct(new, key), key)
    # A rule whose two of role / scope / condition stayed is that rule, changed in the third.
    tiers = (lambda d: key(d)[:2], lambda d: key(d)[1:], lambda d: key(d)[::2])
    pairs = _pair_in_tiers(gone, came, tiers, lambda a, b: 0.0)
    changes = [Change("decision_changed", category_id, a, b) for a, b in pairs]
    changes += [Change("decision_removed", category_id, old=d) for d in gone if not _paired(d, pairs, 0)]
    changes += [Change("decision_added", category_id, new=d) for d in came if not _paired(d, pairs, 1)]
    return changes


# --- pairing --------------------------------------------------------------------------------------

T = TypeVar("T")


def _distinct(items: Sequence[T], key: Callable[[T], Hashable]) -> list[T]:
    """The first of each meaning: an amount or rule said twice is still one amount or rule."""
    seen: dict[Hashable, T] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _unmatched(old: Sequence[T], new: Sequence[T], key: Callable[[T], Hashable]) -> tuple[list[T], list[T]]:
    """What is left of each side after taking out what both have (as multisets)."""
    return _left_over(old, new, key), _left_over(new, old, key)


def _left_over(items: Sequence[T], others: Sequence[T], key: Callable[[T], Hashable]) -> list[T]:
    budget = Counter(key(other) for other in others)
    left = []
    for item in items:
        k = key(item)
        if budget[k]:
            budget[k] -= 1
        else:
            left.append(item)
    return left


def _pair_in_tiers(gone: list[T], came: list[T], tiers: Sequence[Callable[[T], Hashable]],
                   distance: Callable[[T, T], float]) -> list[tuple[T, T]]:
    pairs: list[tuple[T, T]] = []
    for tier in tiers:
        left = [a for a in gone if not _paired(a, pairs, 0)]
        right = [b for b in came if not _paired(b, pairs, 1)]
        pairs += _pair_by_closeness(left, right, lambda a, b: distance(a, b) if tier(a) == tier(b) else None)
    return pairs


def _pair_by_closeness(left: list[T], right: list[T],
                       distance: Callable[[T, T], float | None]) -> list[tuple[T, T]]:
    """Closest pairs first (greedy); ties keep reading order. `None` means: never a pair."""
    candidates = sorted(
        (d, i, j) for i, a in enumerate(left) for j, b in enumerate(right)
        if (d := distance(a, b)) is not None)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j))
    return [(left[i], right[j]) for i, j in sorted(pairs)]


def _paired(item, pairs: list[tuple], side: int) -> bool:
    return any(pair[side] is item for pair in pairs)


def _relative_distance(a: Amount, b: Amount) -> float:
    largest = max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) / largest if largest else 0.0


def _value_json(value: ChangeValue):
    return asdict(value) if is_dataclass(value) else value
