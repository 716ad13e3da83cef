"""`guidecmp extract`: PDFs → one JSON record per guideline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .exit import ExitCode
from .options import MaxMemoryOpt
from .options import (DEFAULT_CORPUS, DEFAULT_OUTPUT, CacheDirOpt, DebugOpt, JobsOpt, NoCacheOpt, OcrOpt, PasswordOpt,
                      QuietOpt, RulesOpt, TimeoutOpt, extract_options, note, progress_printer, report_failures,
                      stdout_console)


def extract(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        metavar="[PDF|FOLDER]...", help="PDF files or folders of PDFs (default: guidelines/).",
        show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FOLDER", file_okay=False,
                                      help="Folder for the <id>.json results (created if its parent exists).")]
    = DEFAULT_OUTPUT,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, max_memory: MaxMemoryOpt = None,
    password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, ocr: OcrOpt = False, debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Extract categories, amounts and decision-makers from each PDF into OUT/<id>.json.

    Each result says on which page every amount and rule was found. A file that cannot be read
    is reported on one line and the others are still written; an earlier good result of a failed
    file is kept. Exit code 0 when every file was read, 2 when any failed.

    Examples:

    \b
      guidecmp extract                           # guidelines/*.pdf → output/
      guidecmp extract "Kainuu 2024.pdf" -o results/
      guidecmp extract scans/ --ocr -j 2
    """
    from ..app.inputs import PDF, discover
    from ..app.service import extract_to_folder
    from ..report.summary import extraction_summary

    inputs = discover(paths or [DEFAULT_CORPUS], kinds=(PDF,))
    report_failures(inputs.problems)
    options = extract_options(rules=rules, jobs=jobs, timeout=timeout, password=password, cache_dir=cache_dir,
                              no_cache=no_cache, max_memory=max_memory, ocr=ocr, debug=debug)
    outcomes = extract_to_folder(inputs.pdfs, out, options, progress_printer(quiet)) if inputs.pdfs else []
    failed = [(o.path, o.error) for o in outcomes if o.error]
    report_failures(failed)
    if outcomes:
        stdout_console().print(extraction_summary(outcomes))
    note(quiet, f"{len(outcomes) - len(failed)} of {len(outcomes)} written to {out}/")
    raise typer.Exit(ExitCode.FAILED if failed or inputs.problems else ExitCode.OK)
