"""`guidecmp check`: every guideline against its accepted baseline, for CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .diff import FormatOpt, ReportFormat, emit_report
from .exit import ExitCode
from .options import MaxMemoryOpt
from .options import (DEFAULT_CORPUS, CacheDirOpt, DebugOpt, JobsOpt, NoCacheOpt, OutputOpt, PasswordOpt, PathsArg,
                      QuietOpt, RulesOpt, TimeoutOpt, check_output, extract_options, note, print_error,
                      progress_printer)
from ..report.safe import display_path

_EXIT = {"pass": ExitCode.OK, "drift": ExitCode.DIFFERENCES, "fail": ExitCode.FAILED}


def check(
    paths: PathsArg = None,
    baseline: Annotated[Path, typer.Option(
        "--baseline", "-b", metavar="FOLDER", file_okay=False, show_default=False,
        help="Folder of accepted extractions, one <id>.json per guideline.")] = ...,
    update: Annotated[bool, typer.Option(
        "--update", help="Accept the current extractions: write them as the baselines (atomically; never for "
        "a file that failed or lost its categories).")] = False,
    allow_new: Annotated[bool, typer.Option(
        "--allow-new", help="A guideline without a baseline is not an error.")] = False,
    by_issuer: Annotated[bool, typer.Option(
        "--by-issuer", help="A guideline without a baseline of its own is a new version: compare it with the "
        "latest accepted earlier version of the same issuer (grouped as `guidecmp history` does).")] = False,
    output_format: FormatOpt = ReportFormat.table, output: OutputOpt = None,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, max_memory: MaxMemoryOpt = None,
    password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False, debug: DebugOpt = False,
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
      guidecmp check "Kainuu 2025.pdf" -b baselines/ --by-issuer   # against Kainuu's latest baseline
    """
    from ..app.service import check_inputs, labels_for
    from ..report.diff import check_markdown, check_renderables

    check_output(output)
    options = extract_options(rules=rules, jobs=jobs, timeout=timeout, password=password, cache_dir=cache_dir,
                              no_cache=no_cache, max_memory=max_memory, debug=debug)
    labels = labels_for(options)
    report = check_inputs(paths or [DEFAULT_CORPUS], baseline, options, update=update, allow_new=allow_new,
                          by_issuer=by_issuer, progress=progress_printer(quiet))
    for result in report.results:
        if result.status in ("failed", "no_baseline", "broken"):
            print_error(f"{display_path(result.source)}: {result.message}")
    emit_report(report, output_format, output, lambda: check_markdown(report, labels),
                lambda width: check_renderables(report, labels))
    written = sum(r.updated for r in report.results)
    note(quiet, f"checked {len(report.results)} guidelines against {baseline}/"
         + (f"; {written} baselines written" if update else ""))
    raise typer.Exit(_EXIT[report.verdict])
