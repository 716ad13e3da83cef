"""The library's front door: what the commands do, callable from Python without a terminal.

Each function takes paths and an `ExtractOptions`, extracts the PDFs among them (through the
cache, in worker processes), reads the extraction JSONs, and returns results plus the inputs
that could not be used, as (path, reason). Nothing here prints or exits: errors a user can fix
are raised as `GuidecmpError`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..compare.comparison import Comparison, Labels, build_comparison, known_categories, resolve_guideline
from ..errors import GuidecmpError, InputError, OutputError, RulesError
from ..extract.vocab import Rules, load_rules
from ..model import SCHEMA_ID, file_label, slugify
from ..report.safe import clean_strings, display_path
from .inputs import JSON, PDF, discover, not_a_regular_file
from .options import ExtractOptions
from .store import default_cache_dir, result_path, write_json
from .validate import check_record
from .workers import Outcome, run

if TYPE_CHECKING:  # imported where used: `compare` needs neither diffs, baselines nor history
    from ..compare.check import CheckReport
    from ..compare.diff import GuidelineDiff
    from ..compare.history import History, IssuerRules

Progress = Callable[[Outcome, int, int], None]  # (outcome, files done, files in all)
Failure = tuple[Path, str]  # an input that could not be used, and why (one line)


@dataclass
class Collected:
    records: list[dict] = field(default_factory=list)  # extraction records (JSON shape)
    failures: list[Failure] = field(default_factory=list)


def rules_for(options: ExtractOptions, compiled: bool = False) -> Rules:
    """The vocabularies the options name (`compiled`: every pattern checked now, not when a PDF is
    read); RulesError with the reason when they cannot be loaded."""
    try:
        rules = load_rules(options.rules_dir)
        return rules.compile() if compiled else rules
    except (OSError, ValueError) as exc:
        raise RulesError(f"cannot load the rules: {exc}") from None


def labels_for(options: ExtractOptions) -> Labels:
    return Labels.from_rules(rules_for(options))


def default_options(**settings) -> ExtractOptions:
    """Options with the user's cache folder, for Python callers (`cache_dir=None` switches it off)."""
    settings.setdefault("cache_dir", default_cache_dir())
    return ExtractOptions(**settings)


def extract_many(pdfs: Sequence[Path], options: ExtractOptions, progress: Progress | None = None) -> list[Outcome]:
    """One outcome per PDF, in order: the record when it worked, a one-line reason when not."""
    rules_for(options)  # a broken rules folder is one error, not one per file
    total = len(pdfs)
    done = 0

    def count(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(outcome, done, total)

    return run(list(pdfs), options, progress=count)


def extract_to_folder(pdfs: Sequence[Path], out: Path, options: ExtractOptions,
                      progress: Progress | None = None) -> list[Outcome]:
    """Extract and write OUT/<id>.json for each file that worked, as soon as it is done (an interrupted
    run keeps what was finished); failures leave old results alone. Two files whose names give the
    same id are both refused before anything is read, so neither result replaces the other."""
    for folder in (out, out.parent):
        if folder.exists() and not folder.is_dir():
            raise OutputError(f"{display_path(out)}: {display_path(folder)} is not a folder")
    if not out.parent.exists():
        raise OutputError(f"{display_path(out)}: {display_path(out.parent)} does not exist")
    clashes = dict(same_id_failures([(path, slugify(file_label(path))) for path in pdfs]))
    readable = [path for path in pdfs if path not in clashes]

    def write(outcome: Outcome, done: int, total: int) -> None:
        if outcome.data is not None:
            target = out / f"{outcome.data['guideline']['id']}.json"
            try:
                write_json(result_path(out, outcome.data["guideline"]["id"]), outcome.data)
            except (OSError, ValueError) as exc:
                outcome.error = f"cannot write {display_path(target)}: {getattr(exc, 'strerror', None) or exc}"
                outcome.data = None
        if progress:
            progress(outcome, done, total)

    outcomes = {o.path: o for o in extract_many(readable, options, write)}
    for path, reason in clashes.items():
        outcomes[path] = Outcome(path, None, reason)
    return [outcomes[path] for path in pdfs]


def same_id_failures(named: Sequence[tuple[Path, str]]) -> list[Failure]:
    """Every input whose id another input also has, with the reason naming the other files."""
    by_id: dict[str, list[Path]] = {}
    for path, guideline_id in named:
        by_id.setdefault(guideline_id, []).append(path)
    return [(path, f"its id {guideline_id!r} is also the id of "
             + ", ".join(display_path(other.name) for other in paths if other != path) + ": rename one of them")
            for path, guideline_id in named if len(paths := by_id[guideline_id]) > 1]


def load_extraction(path: Path) -> dict:
    """Read one extraction JSON; ValueError with a one-line reason when it is not one (including an id
    that is not a plain file name: it names a baseline file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not readable as JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a {SCHEMA_ID} file")
    for optional in ("unmatched_sections", "warnings"):  # as Extraction.from_json: truth files leave them out
        data.setdefault(optional, [])
    return check_record(data, annotated=True)


def collect(paths: Sequence[Path], options: ExtractOptions, progress: Progress | None = None) -> Collected:
    """Extraction records for PDFs, extraction JSONs or folders of either (PDFs via the cache).

    The records are ready for a report: their text has no control characters left (`clean_strings`),
    and two inputs with the same id are both failures rather than one hiding the other."""
    inputs = discover(paths)
    collected = Collected(failures=list(inputs.problems))
    sources: list[tuple[Path, dict]] = []
    for path in inputs.jsons:
        try:
            sources.append((path, load_extraction(path)))
        except ValueError as exc:
            collected.failures.append((path, str(exc)))
    if inputs.pdfs:
        for outcome in extract_many(inputs.pdfs, options, progress):
            if outcome.data is not None:
                sources.append((outcome.path, outcome.data))
            else:
                collected.failures.append((outcome.path, outcome.error or "failed"))
    clashes = dict(same_id_failures([(path, record["guideline"]["id"]) for path, record in sources]))
    collected.failures += list(clashes.items())
    collected.records = [clean_strings(record) for path, record in sources if path not in clashes]
    collected.failures = inputs.in_order(collected.failures)
    return collected


def compare_inputs(paths: Sequence[Path], options: ExtractOptions, *, categories: Sequence[str] = (),
                   focus: str | None = None, progress: Progress | None = None) -> tuple[Comparison, list[Failure]]:
    """The comparison of every guideline that could be read, and the inputs that could not."""
    labels = labels_for(options)
    collected = collect(paths, options, progress)
    if not collected.records:
        lines = [f"{display_path(path)}: {reason}" for path, reason in collected.failures]
        if len(lines) == 1:
            raise InputError(f"nothing to compare: {lines[0]}")
        raise InputError(*lines, "nothing to compare: no input could be read")
    known = known_categories(collected.records, labels)
    unknown = [c for c in categories if c not in known]
    if unknown:
        raise GuidecmpError(f"--category: unknown category {', '.join(unknown)}; known: {', '.join(known)}")
    focus_id = None
    if focus is not None:
        try:
            focus_id = resolve_guideline(focus, sorted(r["guideline"]["id"] for r in collected.records))
        except ValueError as exc:
            raise GuidecmpError(f"--focus: {exc}") from None
    comparison = build_comparison(collected.records, labels, categories=list(dict.fromkeys(categories)) or None,
                                  focus=focus_id)
    return comparison, collected.failures + [(Path(source), reason) for source, reason in comparison.skipped]


def records_in_order(paths: Sequence[Path], options: ExtractOptions) -> list[dict]:
    """One record per path, in order (PDFs extracted, cached); InputError on the first that fails."""
    for path in paths:
        if path.is_dir():
            raise InputError(f"{display_path(path)}: a folder, not a file")
        if not os.path.lexists(path):
            raise InputError(f"{display_path(path)}: not found")
        if path.suffix.lower() not in (PDF, JSON):
            raise InputError(f"{display_path(path)}: neither a PDF nor an extraction JSON")
        if reason := not_a_regular_file(path, follow_links=True):
            raise InputError(f"{display_path(path)}: {reason}")
    pdfs = list(dict.fromkeys(p for p in paths if p.suffix.lower() == PDF))
    outcomes = {o.path: o for o in extract_many(pdfs, options)} if pdfs else {}
    records = []
    for path in paths:
        if path.suffix.lower() == PDF:
            if outcomes[path].data is None:
                raise InputError(f"{display_path(path)}: {outcomes[path].error}")
            records.append(clean_strings(outcomes[path].data))
            continue
        try:
            records.append(clean_strings(load_extraction(path)))
        except ValueError as exc:
            raise InputError(f"{display_path(path)}: {exc}") from None
    return records


def diff_inputs(old: Path, new: Path, options: ExtractOptions) -> GuidelineDiff:
    """What changed from OLD to NEW (PDFs or extraction JSONs)."""
    from ..compare.diff import diff_records

    before, after = records_in_order([old, new], options)
    return diff_records(before, after)


def check_inputs(paths: Sequence[Path], baseline_dir: Path, options: ExtractOptions, *, update: bool = False,
                 allow_new: bool = False, by_issuer: bool = False, progress: Progress | None = None) -> CheckReport:
    """Every guideline against BASELINE/<id>.json; with `update`, write the accepted ones; with
    `by_issuer`, a new version against the latest accepted version of its issuer."""
    if baseline_dir.exists() and not baseline_dir.is_dir():
        raise InputError(f"{display_path(baseline_dir)}: not a folder")
    if not baseline_dir.exists() and not (update or allow_new):
        raise InputError(f"{display_path(baseline_dir)}: no baseline folder (create the baselines with --update)")
    collected = collect(paths, options, progress)
    if not collected.records and not collected.failures:
        raise InputError("no guideline PDFs or extraction JSONs in " + ", ".join(display_path(p) for p in paths))
    return check_records(collected.records, [(str(p), reason) for p, reason in collected.failures], baseline_dir,
                         update=update, allow_new=allow_new,
                         issuers=_issuer_rules(options) if by_issuer else None)


def check_records(records: Sequence[dict], failures: Sequence[tuple[str, str]], baseline_dir: Path, *,
                  update: bool = False, allow_new: bool = False, issuers: IssuerRules | None = None) -> CheckReport:
    """Records (and inputs that failed, as (file, reason)) against the baselines in BASELINE_DIR.

    With `issuers`, a guideline without a baseline of its own is compared with the latest accepted
    earlier version of the same issuer (grouped as `guidecmp history` groups them)."""
    from ..compare.check import baseline_path, read_baseline, run_check

    report = run_check(records, failures, lambda gid: read_baseline(baseline_path(baseline_dir, gid)),
                       baseline_dir=baseline_dir, update=update, allow_new=allow_new,
                       predecessor=_latest_of_issuer(baseline_dir, issuers) if issuers else None)
    return _write_accepted(report, baseline_dir)


def _issuer_rules(options: ExtractOptions) -> IssuerRules:
    from ..compare.history import IssuerRules

    return IssuerRules.load(options.rules_dir)


def _latest_of_issuer(baseline_dir: Path, issuers: IssuerRules):
    """The predecessor finder of `check --by-issuer`: the accepted baselines by issuer group."""
    from ..compare.check import read_baseline
    from ..compare.history import issuer_of

    accepted: list[tuple[str, str, str, dict]] = []  # (group, valid_from, id, record)
    for path in sorted(baseline_dir.glob("*.json")) if baseline_dir.is_dir() else []:
        try:
            record = read_baseline(path)
        except ValueError:
            continue  # a broken baseline fails its own guideline's check, not its successors'
        if record and record["guideline"].get("valid_from"):
            group = issuers.group_of(issuer_of(record)[0])[0]
            accepted.append((group, record["guideline"]["valid_from"], record["guideline"]["id"], record))

    def latest_before(record: dict) -> tuple[str, dict] | None:
        group = issuers.group_of(issuer_of(record)[0])[0]
        since = record["guideline"].get("valid_from") or "9999"
        earlier = [(valid_from, gid, base) for g, valid_from, gid, base in accepted
                   if g == group and valid_from < since and gid != record["guideline"]["id"]]
        if not earlier:
            return None
        _, gid, base = max(earlier, key=lambda e: e[:2])
        return gid, base

    return latest_before


def _write_accepted(report: CheckReport, baseline_dir: Path) -> CheckReport:
    """Write the baselines the check accepted; a baseline that cannot be written fails its guideline."""
    from ..compare.check import baseline_path

    results = []
    for result in report.results:
        if result.accepted is not None:
            path = baseline_path(baseline_dir, result.guideline_id)
            try:
                write_json(result_path(baseline_dir, result.guideline_id), result.accepted)
                result = replace(result, accepted=None, updated=True)
            except (OSError, ValueError) as exc:
                result = replace(result, accepted=None, status="failed",
                                 message=f"cannot write baseline {display_path(path)}: "
                                         f"{getattr(exc, 'strerror', None) or exc}")
        results.append(result)
    return replace(report, results=tuple(results))


def history_inputs(paths: Sequence[Path], options: ExtractOptions, *, same_issuer: Sequence[str] = (),
                   progress: Progress | None = None) -> tuple[History, list[Failure]]:
    """Every guideline that could be read, grouped by issuer and ordered by date, and the inputs
    that could not. `same_issuer` holds "A=B" pairs: A's guidelines continue B's timeline (A may
    also be a guideline id)."""
    from ..compare.history import IssuerRules, build_history, issuer_of

    labels = labels_for(options)
    collected = collect(paths, options, progress)
    if not collected.records:
        lines = [f"{display_path(path)}: {reason}" for path, reason in collected.failures]
        raise InputError(*lines, "nothing to show: no input could be read")
    issuers = IssuerRules.load(options.rules_dir)
    by_id = {r["guideline"]["id"]: issuer_of(r)[0] for r in collected.records}
    for pair in same_issuer:
        old, sep, new = (part.strip() for part in pair.partition("="))
        if not sep or not old or not new:
            raise GuidecmpError(f"--same-issuer: {pair!r} is not of the form 'OLD ISSUER=NEW ISSUER'")
        issuers = issuers.with_same(by_id.get(old, old), by_id.get(new, new))
    history = build_history(collected.records, labels, issuers)
    return history, collected.failures + [(Path(source), reason) for source, reason in history.skipped]
