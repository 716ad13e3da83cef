"""`guidecmp diff OLD NEW`: what changed between two versions of one guideline."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .exit import ExitCode
from .options import CacheDirOpt, NoCacheOpt, PasswordOpt, RulesOpt, TimeoutOpt, fail


class DiffFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


FormatOpt = Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")]


def diff(
    old: Annotated[Path, typer.Argument(help="The older version: a PDF or an extraction JSON.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The newer version: a PDF or an extraction JSON.", show_default=False)],
    output_format: FormatOpt = DiffFormat.table,
    rules: RulesOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False,
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
      guidecmp diff output/kainuu-2023.json "Kainuu 2024.pdf" -f markdown > muutokset.md
    """
    from ..compare.comparison import Labels
    from ..compare.diff import diff_records
    from ..vocab import load_rules

    try:
        labels = Labels.from_rules(load_rules(rules))
    except (OSError, ValueError) as exc:
        fail(f"cannot load the rules: {exc}")
    before, after = load_records([old, new], rules=rules, timeout=timeout, password=password,
                                 cache_dir=cache_dir, no_cache=no_cache)
    result = diff_records(before, after)
    emit(result, output_format, labels)
    raise typer.Exit(ExitCode.OK if result.is_empty else ExitCode.DIFFERENCES)


def load_records(paths: list[Path], *, rules: Path | None, timeout: float, password: str | None,
                 cache_dir: Path | None, no_cache: bool) -> list[dict]:
    """One extraction record per path, in order (PDFs extracted, cached); exit 2 on the first that fails."""
    from ..app.service import extract_many, load_extraction

    for path in paths:
        if not path.is_file():
            fail(f"{path}: {'is a folder, not a file' if path.is_dir() else 'no such file'}")
        if path.suffix.lower() not in (".pdf", ".json"):
            fail(f"{path}: neither a PDF nor an extraction JSON")
    pdfs = list(dict.fromkeys(p for p in paths if p.suffix.lower() == ".pdf"))
    outcomes = {o.path: o for o in extract_many(pdfs, rules_dir=rules, timeout=timeout, password=password,
                                                cache_dir=None if no_cache else cache_dir,
                                                use_cache=not no_cache)} if pdfs else {}
    records = []
    for path in paths:
        if path.suffix.lower() == ".pdf":
            outcome = outcomes[path]
            if outcome.data is None:
                fail(f"{path}: {outcome.error}")
            records.append(outcome.data)
            continue
        try:
            records.append(load_extraction(path))
        except ValueError as exc:
            fail(f"{path}: {exc}")
    return records


def emit(result, output_format: DiffFormat, labels) -> None:
    """Print a diff, or with the check's renderers a check report, in the chosen format."""
    from ..report.diff import diff_markdown, diff_renderables

    print_report(result, output_format, labels, diff_markdown, diff_renderables)


def print_report(result, output_format: DiffFormat, labels, markdown, renderables) -> None:
    from ..report.diff import json_text
    from ..report.summary import stdout_console

    if output_format is DiffFormat.json:
        typer.echo(json_text(result), nl=False)
    elif output_format is DiffFormat.markdown:
        typer.echo(markdown(result, labels), nl=False)
    else:
        console = stdout_console()
        for part in renderables(result, labels):
            console.print(part)
