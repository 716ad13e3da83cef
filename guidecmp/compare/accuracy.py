"""Extraction measured against hand-checked truth files: precision, recall and F1.

What counts as one fact:
- a category: its id in a guideline;
- an amount: (category, value, unit), counted as a multiset (a table of three 300 € rows is three);
- a decision rule: (category or document-wide scope, role), counted once per guideline;
- strictly, an amount: (category, value, unit, qualifier, period, household size), so a sum read
  with the wrong "enintään" or the wrong period, or for the wrong household, counts as a miss.
The issuer and valid_from of a guideline are checked as they are, right or wrong per document,
since every comparison groups and dates by them.
Pages, wording and conditions are not scored here; the tests check pages against the PDF text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, found: Counter, truth: Counter) -> None:
        hit = sum((found & truth).values())
        self.true_positive += hit
        self.false_positive += sum(found.values()) - hit
        self.false_negative += sum(truth.values()) - hit

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        truth = self.true_positive + self.false_negative
        return self.true_positive / truth if truth else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


KINDS = ("categories", "amounts", "roles", "amounts_strict")
METADATA = ("issuer", "valid_from")


@dataclass
class Report:
    per_document: dict[str, dict[str, Score]] = field(default_factory=dict)
    overall: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    misses: dict[str, dict[str, tuple[Counter, Counter]]] = field(default_factory=dict)
    # per document and field: (found, truth) where they differ
    metadata_misses: dict[str, dict[str, tuple]] = field(default_factory=dict)
    metadata_right: dict[str, int] = field(default_factory=lambda: {k: 0 for k in METADATA})

    def metadata_ok(self, gid: str, name: str) -> bool:
        return name not in self.metadata_misses.get(gid, {})


def facts(record: dict, with_ocr: bool = True) -> dict[str, Counter]:
    """The scored facts of one extraction record (truth files have the same shape)."""
    categories = [c for c in record["categories"] if with_ocr or not c.get("needs_ocr")]
    return {
        "categories": Counter(c["id"] for c in categories),
        "amounts": Counter((c["id"], round(float(a["value"]), 2), a["unit"])
                           for c in categories for a in c["amounts"]),
        "amounts_strict": Counter(_strict_amount(c["id"], a) for c in categories for a in c["amounts"]),
        "roles": Counter(set(
            [(c["id"], d["role"]) for c in categories for d in c["decision_makers"]]
            + [(d["scope"] or "-", d["role"]) for d in record["decision_makers"]])),
    }


def _strict_amount(category: str, amount: dict) -> tuple:
    persons = amount.get("persons")
    return (category, round(float(amount["value"]), 2), amount["unit"], amount["qualifier"],
            amount.get("per"), tuple(persons) if persons else None)


def score(pairs: list[tuple[str, dict, dict]], with_ocr: bool = False) -> Report:
    """Score (id, extracted record, truth record) triples."""
    report = Report()
    for gid, found_record, truth_record in pairs:
        found, truth = facts(found_record), facts(truth_record, with_ocr)
        if not with_ocr:  # a category the truth says needs OCR is not held against the extractor
            ocr_only = {c["id"] for c in truth_record["categories"] if c.get("needs_ocr")}
            found = {k: Counter({f: n for f, n in v.items() if (f if k == "categories" else f[0]) not in ocr_only})
                     for k, v in found.items()}
        report.per_document[gid] = {}
        report.misses[gid] = {}
        for kind in KINDS:
            document = Score()
            document.add(found[kind], truth[kind])
            report.overall[kind].add(found[kind], truth[kind])
            report.per_document[gid][kind] = document
            report.misses[gid][kind] = (found[kind] - truth[kind], truth[kind] - found[kind])
        report.metadata_misses[gid] = {}
        for name in METADATA:
            got, want = found_record["guideline"].get(name), truth_record["guideline"].get(name)
            if got == want:
                report.metadata_right[name] += 1
            else:
                report.metadata_misses[gid][name] = (got, want)
    return report


def table(report: Report) -> list[list[str]]:
    """Rows for printing: one per document and one overall, P/R/F1 per kind."""
    header = (["guideline"] + [f"{kind} {m}" for kind in KINDS for m in ("P", "R", "F1")]
              + list(METADATA))
    rows = [header]
    for gid, scores in report.per_document.items():
        rows.append([gid] + [f"{getattr(scores[k], m):.3f}" for k in KINDS for m in ("precision", "recall", "f1")]
                    + ["ok" if report.metadata_ok(gid, name) else "WRONG" for name in METADATA])
    total = len(report.per_document)
    rows.append(["OVERALL"] + [f"{getattr(report.overall[k], m):.3f}" for k in KINDS
                               for m in ("precision", "recall", "f1")]
                + [f"{report.metadata_right[name]}/{total}" for name in METADATA])
    return rows
