"""`guidecmp compare`: coverage, amounts side by side, gaps, and one guideline against the rest."""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .exit import ExitCode
from .options import (DEFAULT_CORPUS, CacheDirOpt, JobsOpt, NoCacheOpt, PasswordOpt, QuietOpt, RulesOpt,
                      TimeoutOpt, err, fail, print_error, progress_printer)


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
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="Extraction JSONs, PDFs or folders of either (default: guidelines/).", show_default=False)] = None,
    category: Annotated[Optional[list[str]], typer.Option(
        "--category", "-c", help="Only this category id (repeatable; `guidecmp rules` lists the ids).",
        show_default=False)] = None,
    gaps_only: Annotated[bool, typer.Option("--gaps-only", help="Only the gaps: what most cover but some do not, "
                                            "silence on who decides, categories without amounts, warnings.")] = False,
    focus: Annotated[Optional[str], typer.Option(
        "--focus", help="One guideline (its id, or a unique start of it) against all the others.",
        show_default=False)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write to this file (required for xlsx and html; default: stdout).",
        dir_okay=False, show_default=False)] = None,
    csv_style: Annotated[CsvStyle, typer.Option(
        "--csv-style", help="finnish: `;`, decimal comma, UTF-8 with BOM (Excel in Finland opens it by "
        "double-click); standard: `,` and a decimal point.")] = CsvStyle.finnish,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False,
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
    from ..compare.comparison import Labels, build_comparison, known_categories, resolve_guideline
    from ..vocab import load_rules

    if output_format in FILE_ONLY_FORMATS and output is None:
        fail(f"--format {output_format.value} writes a file: give it with --output FILE")
    try:
        labels = Labels.from_rules(load_rules(rules))
    except (OSError, ValueError) as exc:
        fail(f"cannot load the rules: {exc}")
    inputs = list(paths or [DEFAULT_CORPUS])
    if not paths and not DEFAULT_CORPUS.is_dir():
        fail(f"no {DEFAULT_CORPUS}/ folder here: name the PDFs, extraction JSONs or folders to compare")

    records, failures = _collect(inputs, rules, jobs, timeout, password, cache_dir, no_cache, quiet)
    for failure in failures:
        print_error(f"{failure.path}: {failure.error}")
    if not records:
        fail("nothing to compare: no guideline could be read from " + ", ".join(str(p) for p in inputs))

    known = known_categories(records, labels)
    unknown = [c for c in category or [] if c not in known]
    if unknown:
        fail(f"unknown category {', '.join(unknown)}; known: {', '.join(known)}")
    focus_id = None
    if focus is not None:
        try:
            focus_id = resolve_guideline(focus, sorted(r["guideline"]["id"] for r in records))
        except ValueError as exc:
            fail(f"--focus: {exc}")

    comparison = build_comparison(records, labels, categories=list(dict.fromkeys(category or [])) or None,
                                  focus=focus_id)
    for source, reason in comparison.skipped:
        print_error(f"{source}: {reason}")
    _emit(comparison, output_format, output, csv_style, gaps_only)
    if not quiet:
        where = f" → {output}" if output else ""
        err.print(f"compared {len(comparison.guidelines)} guidelines{where}", markup=False, soft_wrap=True)
    raise typer.Exit(ExitCode.FAILED if failures or comparison.skipped else ExitCode.OK)




def _collect(inputs: list[Path], rules: Path | None, jobs: int | None, timeout: float, password: str | None,
             cache_dir: Path | None, no_cache: bool, quiet: bool):
    from ..app.service import collect

    pdf_count = sum(1 for path in inputs for member in (path.iterdir() if path.is_dir() else [path])
                    if member.suffix.lower() == ".pdf")
    return collect(inputs, rules_dir=rules, jobs=jobs, timeout=timeout, password=password,
                   cache_dir=None if no_cache else cache_dir, use_cache=not no_cache,
                   progress=None if quiet or not pdf_count else progress_printer(pdf_count))


def _emit(comparison, output_format: OutputFormat, output: Path | None, csv_style: CsvStyle, gaps_only: bool) -> None:
    """Render in the chosen format to the output file (written atomically) or stdout."""
    from ..report import comparison as export

    if output_format is OutputFormat.table:
        _print_table(comparison, output, gaps_only)
        return
    if output_format is OutputFormat.csv:
        data = export.to_csv(comparison, style=csv_style.value, gaps_only=gaps_only)
    elif output_format is OutputFormat.xlsx:
        data = export.to_xlsx(comparison, gaps_only=gaps_only)
    elif output_format is OutputFormat.json:
        data = export.to_json_text(comparison, gaps_only=gaps_only).encode()
    elif output_format is OutputFormat.markdown:
        data = export.to_markdown(comparison, gaps_only=gaps_only).encode()
    else:
        data = export.to_html(comparison, gaps_only=gaps_only).encode()
    if output is None:
        typer.get_binary_stream("stdout").write(data)
    else:
        _write_atomic(output, data)


def _print_table(comparison, output: Path | None, gaps_only: bool) -> None:
    from rich.console import Console

    from ..report.comparison import terminal_report
    from ..report.summary import stdout_console

    if output is None:
        console = stdout_console()
        for part in terminal_report(comparison, width=min(console.width, 120), gaps_only=gaps_only):
            console.print(part)
        return
    with open(os.devnull, "w") as sink:
        console = Console(file=sink, width=120, color_system=None, record=True)
        for part in terminal_report(comparison, width=120, gaps_only=gaps_only):
            console.print(part)
    _write_atomic(output, console.export_text().encode())


def _write_atomic(path: Path, data: bytes) -> None:
    """Never leave a half-written report where a good one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a report is for others to read, unlike mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
