"""`guidecmp compare`: coverage, amounts side by side, gaps, and one guideline against the rest."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import GuidecmpError
from .exit import ExitCode
from .options import MaxMemoryOpt
from .options import (DEFAULT_CORPUS, CacheDirOpt, DebugOpt, JobsOpt, NoCacheOpt, OutputOpt, PasswordOpt, PathsArg,
                      QuietOpt, RulesOpt, TimeoutOpt, check_output, extract_options, note, print_renderables, progress_printer,
                      report_failures, to_stdout, write_report)


class OutputFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


class CsvStyle(str, Enum):
    finnish = "finnish"
    standard = "standard"


FILE_ONLY_FORMATS = (OutputFormat.xlsx, OutputFormat.html)


def compare(
    paths: PathsArg = None,
    category: Annotated[Optional[list[str]], typer.Option(
        "--category", "-c", metavar="ID", help="Only this category id (repeatable; `guidecmp rules` lists the ids).",
        show_default=False)] = None,
    gaps_only: Annotated[bool, typer.Option("--gaps-only", help="Only the gaps: what most cover but some do not, "
                                            "silence on who decides, categories without amounts, warnings.")] = False,
    focus: Annotated[Optional[str], typer.Option(
        "--focus", metavar="ID", help="One guideline (its id, or a unique start of it) against all the others.",
        show_default=False)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    output: OutputOpt = None,
    csv_style: Annotated[CsvStyle, typer.Option(
        "--csv-style", help="finnish: `;`, decimal comma, UTF-8 with BOM (Excel in Finland opens it by "
        "double-click); standard: `,` and a decimal point.")] = CsvStyle.finnish,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, max_memory: MaxMemoryOpt = None,
    password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Compare guidelines: who covers which expense, with which amounts, and who decides.

    Shows (1) a coverage matrix of categories × guidelines, (2) per category one row per
    guideline: support type, amounts, decision-maker ("ei mainintaa" when the guideline is
    silent) and pages, with min / median / max of the amounts that can be compared (same unit,
    qualifier and period) and outliers marked ▲/▼, and (3) the gaps. PDFs are extracted first
    (cached: only new or changed files are read again). An input that cannot be read is reported
    on one line on stderr and the rest are still compared; the exit code is then 2.

    Examples:

    \b
      guidecmp compare                      # every PDF in guidelines/
      guidecmp compare output/              # the results of `guidecmp extract`
      guidecmp compare -c household_startup -c funeral_costs
      guidecmp compare --focus vantaa       # Vantaa against the rest
      guidecmp compare --gaps-only -f markdown > gaps.md
      guidecmp compare -f html -o report.html    # one file: offline, phone, print
      guidecmp compare -f xlsx -o vertailu.xlsx
      guidecmp compare -f csv -o vertailu.csv    # Finnish Excel (--csv-style standard: `,`)
    """
    from ..app.service import compare_inputs

    if output_format in FILE_ONLY_FORMATS and to_stdout(output):
        raise GuidecmpError(f"--format {output_format.value} writes a file: give it with --output FILE")
    check_output(output)
    if not paths and not DEFAULT_CORPUS.is_dir():
        raise GuidecmpError(f"no {DEFAULT_CORPUS}/ folder here: name the PDFs, extraction JSONs or folders to compare")
    options = extract_options(rules=rules, jobs=jobs, timeout=timeout, password=password, cache_dir=cache_dir,
                              no_cache=no_cache, max_memory=max_memory, debug=debug)
    comparison, failures = compare_inputs(paths or [DEFAULT_CORPUS], options, categories=category or (),
                                          focus=focus, progress=progress_printer(quiet))
    report_failures(failures)
    _emit(comparison, output_format, output, csv_style, gaps_only)
    note(quiet, f"compared {len(comparison.guidelines)} guidelines" + ("" if to_stdout(output) else f" → {output}"))
    raise typer.Exit(ExitCode.FAILED if failures else ExitCode.OK)


def _emit(comparison, output_format: OutputFormat, output: Path | None, csv_style: CsvStyle, gaps_only: bool) -> None:
    """Render in the chosen format to the output file (written atomically) or stdout."""
    from ..report import comparison as export

    if output_format is OutputFormat.table:
        print_renderables(lambda width: export.terminal_report(comparison, width=width, gaps_only=gaps_only), output)
        return
    if output_format is OutputFormat.csv:
        data = export.to_csv(comparison, style=csv_style.value, gaps_only=gaps_only)
    elif output_format is OutputFormat.xlsx:
        data = export.to_xlsx(comparison, gaps_only=gaps_only)
    elif output_format is OutputFormat.json:
        data = export.to_json_bytes(comparison, gaps_only=gaps_only)
    elif output_format is OutputFormat.markdown:
        data = export.to_markdown(comparison, gaps_only=gaps_only).encode()
    else:
        data = export.to_html_bytes(comparison, gaps_only=gaps_only)
    write_report(output, data)
