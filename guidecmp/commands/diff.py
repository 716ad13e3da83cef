"""`guidecmp diff OLD NEW`: what changed between two versions of one guideline."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .exit import ExitCode
from .options import MaxMemoryOpt
from .options import (CacheDirOpt, DebugOpt, NoCacheOpt, OutputOpt, PasswordOpt, QuietOpt, RulesOpt, TimeoutOpt,
                      check_output, extract_options, print_renderables, write_report)


class ReportFormat(str, Enum):
    """The formats of `diff` and `check` reports."""
    table = "table"
    markdown = "markdown"
    json = "json"


FormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]


def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", show_default=False,
                                        help="The older version: a PDF or an extraction JSON.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", show_default=False,
                                        help="The newer version: a PDF or an extraction JSON.")],
    output_format: FormatOpt = ReportFormat.table, output: OutputOpt = None,
    rules: RulesOpt = None, timeout: TimeoutOpt = 60.0, max_memory: MaxMemoryOpt = None,
    password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Show what changed between two versions of a guideline, category by category.

    Reports categories added and removed, amounts changed (old → new, with the page in each
    PDF), amounts added and removed, decision-maker rules changed (role, condition, scope),
    support type moved (täydentävä ↔ ehkäisevä), renamed section headings and a changed title,
    issuer or validity date. Ignores what is noise to a reader: page numbers, reflowed text,
    renumbered headings, running headers and footers, the file name.

    Exit code 0 when there is no difference, 1 when there are differences, 2 when a file cannot
    be read.

    Examples:

    \b
      guidecmp diff "Kainuu 2023.pdf" "Kainuu 2024.pdf"
      guidecmp diff output/kainuu-2023.json "Kainuu 2024.pdf" -f markdown -o muutokset.md
    """
    from ..app.service import diff_inputs, labels_for
    from ..report.diff import diff_markdown, diff_renderables

    check_output(output)
    options = extract_options(rules=rules, timeout=timeout, password=password, cache_dir=cache_dir,
                              no_cache=no_cache, max_memory=max_memory, debug=debug)
    labels = labels_for(options)
    result = diff_inputs(old, new, options)
    emit_report(result, output_format, output, lambda: diff_markdown(result, labels),
                lambda width: diff_renderables(result, labels))
    raise typer.Exit(ExitCode.OK if result.is_empty else ExitCode.DIFFERENCES)


def emit_report(result, output_format: ReportFormat, output: Path | None, markdown: Callable[[], str],
                renderables: Callable[[int], list]) -> None:
    """A diff or check report in the chosen format, to stdout or OUTPUT."""
    from ..report.diff import json_text

    if output_format is ReportFormat.json:
        write_report(output, json_text(result).encode())
    elif output_format is ReportFormat.markdown:
        write_report(output, markdown().encode())
    else:
        print_renderables(renderables, output, width=240)
