"""`guidecmp check`: every guideline against its accepted baseline, for CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .exit import ExitCode
from .diff import DiffFormat, FormatOpt, print_report
from .options import (DEFAULT_CORPUS, CacheDirOpt, JobsOpt, NoCacheOpt, PasswordOpt, QuietOpt, RulesOpt, TimeoutOpt,
                      err, print_error, progress_printer)


def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Guideline PDFs (or extraction JSONs), or folders of them (default: guidelines/).",
        show_default=False)] = None,
    baseline: Annotated[Path, typer.Option(
        "--baseline", "-b", help="Folder of accepted extractions, one <id>.json per guideline.", file_okay=False,
        show_default=False)] = ...,
    update: Annotated[bool, typer.Option(
        "--update", help="Accept the current extractions: write them as the baselines (atomically; never for "
        "a file that failed or lost its categories).")] = False,
    allow_new: Annotated[bool, typer.Option(
        "--allow-new", help="A guideline without a baseline is not an error.")] = False,
    output_format: FormatOpt = DiffFormat.table,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False,
) -> None:
    """Check guidelines against accepted baselines; fail on any drift (for CI).

    Each PDF is extracted (cached) and compared with BASELINE/<id>.json, as `guidecmp diff`
    would. It also fails when a guideline loses what a guideline must have: no category at all,
    or fewer than half the categories of its baseline (a sign that the PDF changed shape and
    extraction broke, not the rules).

    Exit code 0 when everything matches its baseline; 1 on any drift or lost categories; 2 when
    a file cannot be read, or a guideline has no baseline (unless --allow-new).

    With --update the differences are still shown, the current extractions are written as the
    baselines (missing ones too) and drift no longer fails; a file that failed or lost its
    categories keeps its old baseline. Review the diff before committing the baselines.

    Examples:

    \b
      guidecmp check guidelines/ --baseline baselines/
      guidecmp check guidelines/ --baseline baselines/ --update     # accept, after review
      guidecmp check guidelines/ -b baselines/ -f markdown >> "$GITHUB_STEP_SUMMARY"
    """
    from ..compare.check import run_check
    from ..compare.comparison import Labels
    from ..vocab import load_rules
    from ..app.service import collect

    try:
        labels = Labels.from_rules(load_rules(rules))
    except (OSError, ValueError) as exc:
        print_error(f"cannot load the rules: {exc}")
        raise typer.Exit(ExitCode.FAILED)
    inputs = list(paths or [DEFAULT_CORPUS])
    missing = [p for p in inputs if not p.exists()]
    present = [p for p in inputs if p.exists()]
    pdf_count = sum(1 for p in present for m in (p.iterdir() if p.is_dir() else [p]) if m.suffix.lower() == ".pdf")
    records, failures = collect(present, rules_dir=rules, jobs=jobs, timeout=timeout, password=password,
                                cache_dir=None if no_cache else cache_dir, use_cache=not no_cache,
                                progress=None if quiet or not pdf_count else progress_printer(pdf_count)) \
        if present else ([], [])
    if not records and not failures and not missing:
        print_error(f"no guideline PDFs or extraction JSONs in {', '.join(str(p) for p in inputs)}")
        raise typer.Exit(ExitCode.FAILED)

    report = run_check(records, [(str(p), "no such file or folder") for p in missing]
                       + [(str(f.path), f.error or "failed") for f in failures], baseline,
                       update=update, allow_new=allow_new)
    for result in report.results:
        if result.status in ("failed", "no_baseline", "broken"):
            print_error(f"{result.source}: {result.message}")
    _emit(report, output_format, labels)
    if not quiet:
        written = sum(r.updated for r in report.results)
        note = f"; {written} baselines written" if update else ""
        err.print(f"checked {len(report.results)} guidelines against {baseline}/{note}", markup=False,
                  soft_wrap=True)
    raise typer.Exit(report.exit_code)


def _emit(report, output_format: DiffFormat, labels) -> None:
    from ..report.diff import check_markdown, check_renderables

    print_report(report, output_format, labels, check_markdown, check_renderables)

