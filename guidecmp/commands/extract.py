"""`guidecmp extract`: PDFs → one JSON record per guideline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .exit import ExitCode
from .options import (DEFAULT_CORPUS, DEFAULT_OUTPUT, CacheDirOpt, DebugOpt, JobsOpt, NoCacheOpt, OcrOpt, PasswordOpt,
                      QuietOpt, RulesOpt, TimeoutOpt, err, fail, print_error, progress_printer)


def extract(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="PDF files or folders of PDFs (default: guidelines/).", show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the <id>.json results.",
                                      file_okay=False)] = DEFAULT_OUTPUT,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, ocr: OcrOpt = False, debug: DebugOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Extract categories, amounts and decision-makers from each PDF into OUT/<id>.json.

    Each result says on which page every amount and rule was found. A file that cannot be read
    is reported on one line and the others are still written; an earlier good result of a failed
    file is kept. Exit code 0 when every file was read, 2 when any failed.

    Examples:

      guidecmp extract                      # guidelines/*.pdf → output/

      guidecmp extract "Kainuu 2024.pdf" -o results/
    """
    from ..app.workers import find_pdfs
    from ..report.summary import extraction_summary, stdout_console
    from ..app.service import extract_to_folder

    pdfs = find_pdfs(paths or [DEFAULT_CORPUS])
    if not pdfs:
        fail(f"no PDF files in {', '.join(str(p) for p in paths or [DEFAULT_CORPUS])}")
    outcomes = extract_to_folder(
        pdfs, out, rules_dir=rules, jobs=jobs, timeout=timeout, password=password,
        cache_dir=None if no_cache else cache_dir, use_cache=not no_cache, ocr=ocr, debug=debug,
        progress=None if quiet else progress_printer(len(pdfs)))
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        print_error(f"{outcome.path}: {outcome.error}")
    stdout_console().print(extraction_summary(outcomes))
    if not quiet:
        err.print(f"{len(outcomes) - len(failed)} of {len(outcomes)} written to {out}/", markup=False)
    raise typer.Exit(ExitCode.FAILED if failed else ExitCode.OK)
