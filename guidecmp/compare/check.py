"""Guidelines against accepted baselines: the regression check a CI job runs.

A baseline `DIR/<id>.json` is an extraction someone reviewed and accepted. Any difference from it
is drift that must be looked at: either the guideline changed (accept it with --update) or the
extractor did. A result that lost most of its categories is not accepted even with --update: that
is what a PDF whose layout broke extraction looks like, not a new version of the rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model import SCHEMA_ID, Extraction
from .diff import GuidelineDiff, diff_records

CHECK_SCHEMA_ID = "guidecmp.check/1"

CheckStatus = Literal["same", "changed", "new", "broken", "no_baseline", "failed"]
# What a status means for the run: "pass", "drift" (someone must look at a change) or "fail"
# (an input or a baseline could not be used). The command line turns these into exit codes 0/1/2.
Verdict = Literal["pass", "drift", "fail"]
_VERDICT: dict[str, Verdict] = {"same": "pass", "new": "pass", "changed": "drift", "broken": "drift",
                                "no_baseline": "fail", "failed": "fail"}
_SEVERITY = ("pass", "drift", "fail")


@dataclass(frozen=True)
class CheckResult:
    source: str  # the file checked, as the user named it or as its extraction records it
    guideline_id: str | None
    status: CheckStatus
    message: str | None = None  # why it is broken, failed or has no baseline
    diff: GuidelineDiff | None = None  # against the baseline, when there is one
    updated: bool = False  # --update wrote the current extraction as the baseline
    accepted: dict | None = None  # with --update: the record to write as the new baseline

    @property
    def verdict(self) -> Verdict:
        return "pass" if self.updated or self.accepted is not None else _VERDICT[self.status]

    def to_json(self) -> dict:
        return {"source": self.source, "id": self.guideline_id, "status": self.status, "message": self.message,
                "updated": self.updated, "diff": self.diff.to_json() if self.diff else None}


@dataclass(frozen=True)
class CheckReport:
    baseline_dir: Path
    results: tuple[CheckResult, ...]

    @property
    def verdict(self) -> Verdict:
        return max((r.verdict for r in self.results), key=_SEVERITY.index, default="pass")

    def to_json(self) -> dict:
        return {"schema": CHECK_SCHEMA_ID, "baseline": str(self.baseline_dir), "verdict": self.verdict,
                "results": [r.to_json() for r in self.results]}


def baseline_path(baseline_dir: Path, guideline_id: str) -> Path:
    return Path(baseline_dir) / f"{guideline_id}.json"


ReadBaseline = Callable[[str], "dict | None"]  # id -> the accepted record, None if there is none; ValueError
# a record without a baseline of its own -> (id, record) of the latest accepted earlier version of its issuer
Predecessor = Callable[[dict], "tuple[str, dict] | None"]


def run_check(records: Sequence[dict], failures: Sequence[tuple[str, str]], read: ReadBaseline, *,
              baseline_dir: Path, update: bool = False, allow_new: bool = False,
              predecessor: Predecessor | None = None) -> CheckReport:
    """Check every record against its baseline; with `update`, mark the good ones `accepted`.

    `failures` are inputs that could not be read, as (file, reason): they fail the check and their
    baselines are left exactly as they were. Writing the accepted records is the caller's job.
    With `predecessor`, a guideline without a baseline of its own (a new version) is compared with
    the latest accepted version of the same issuer that it returns.
    """
    results = [CheckResult(source, None, "failed", reason) for source, reason in failures]
    owners: dict[str, str] = {}
    for record in records:
        guideline_id, source = record["guideline"]["id"], record["guideline"]["file"]
        if guideline_id in owners:
            results.append(CheckResult(source, guideline_id, "failed",
                                       f"its id {guideline_id!r} is already taken by {owners[guideline_id]}; "
                                       "rename one file"))
            continue
        owners[guideline_id] = source
        results.append(_check_one(record, read, baseline_dir, update=update, allow_new=allow_new,
                                  predecessor=predecessor))
    return CheckReport(Path(baseline_dir), tuple(results))


def _check_one(record: dict, read: ReadBaseline, baseline_dir: Path, *, update: bool,
               allow_new: bool, predecessor: Predecessor | None = None) -> CheckResult:
    guideline_id, source = record["guideline"]["id"], record["guideline"]["file"]
    path = baseline_path(baseline_dir, guideline_id)
    try:
        baseline = read(guideline_id)
    except ValueError as exc:
        return CheckResult(source, guideline_id, "failed", f"baseline {path}: {exc}; fix or delete it")
    earlier = predecessor(record) if baseline is None and predecessor else None
    if earlier:
        earlier_id, baseline = earlier
        note = f"uusi versio, verrattu saman julkaisijan versioon {earlier_id}"
        diff = diff_records(baseline, record)
        lost = _lost_shape(baseline, record)
        if lost:
            return CheckResult(source, guideline_id, "broken", lost, diff)
        status = "same" if diff.is_empty else "changed"
        return CheckResult(source, guideline_id, status, note, diff=diff, accepted=record if update else None)
    if baseline is None:
        if not record["categories"]:
            return CheckResult(source, guideline_id, "broken", "no category found")
        if not update:
            if allow_new:
                return CheckResult(source, guideline_id, "new", f"no baseline {path}")
            return CheckResult(source, guideline_id, "no_baseline",
                               f"no baseline {path} (run with --update to accept it, or --allow-new)")
        status, diff = "new", None
    else:
        diff = diff_records(baseline, record)
        lost = _lost_shape(baseline, record)
        if lost:
            return CheckResult(source, guideline_id, "broken", lost, diff)
        status = "same" if diff.is_empty else "changed"
        # An unchanged meaning is still rewritten when pages or the file moved: the baseline stays exact.
        if not update or baseline == record:
            return CheckResult(source, guideline_id, status, diff=diff)
    return CheckResult(source, guideline_id, status, diff=diff, accepted=record)


def read_baseline(path: Path) -> dict | None:
    """The accepted record at `path`, None if there is none; ValueError when it is not a valid one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"cannot read it ({exc.strerror or exc})") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a {SCHEMA_ID} record")
    try:
        Extraction.from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a complete {SCHEMA_ID} record ({type(exc).__name__}: {exc})") from None
    return data


def _lost_shape(baseline: dict, record: dict) -> str | None:
    """Why the new extraction looks broken rather than revised, or None."""
    found, before = len(record["categories"]), len(baseline["categories"])
    if found == 0:
        return "no category found"
    if found * 2 < before:
        return f"only {found} of the baseline's {before} categories found: did the PDF change shape?"
    return None
