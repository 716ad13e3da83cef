"""`guidecmp history`: how each issuer's guideline changed over the years, in euros and in real terms."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import GuidecmpError
from .compare import FILE_ONLY_FORMATS, CsvStyle, OutputFormat
from .exit import ExitCode
from .options import (DEFAULT_CORPUS, CacheDirOpt, DebugOpt, JobsOpt, NoCacheOpt, OutputOpt, PasswordOpt, PathsArg,
                      QuietOpt, RulesOpt, TimeoutOpt, check_output, extract_options, note, print_renderables,
                      progress_printer, report_failures, to_stdout, write_report)


def history(
    paths: PathsArg = None,
    same_issuer: Annotated[Optional[list[str]], typer.Option(
        "--same-issuer", metavar="OLD=NEW", show_default=False,
        help="Treat OLD's guidelines as earlier versions of NEW's (an issuer name as extracted, or a guideline "
             "id; repeatable). rules/issuers.toml holds the known renamed and merged issuers.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    output: OutputOpt = None,
    csv_style: Annotated[CsvStyle, typer.Option(
        "--csv-style", help="finnish: `;`, decimal comma, UTF-8 with BOM; standard: `,` and a decimal point.")
    ] = CsvStyle.finnish,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Show how each issuer's guideline changed over the years.

    Guidelines are grouped by issuer (normalised; renamed and merged issuers from rules/issuers.toml
    and --same-issuer) and ordered by their validity date. Per category: the amount in each
    version, the change in euros, and the change in real terms, as a share of Kela's basic amount
    (perusosa) in force on each version's date, so a grant frozen for years shows as a cut. The
    timeline also lists categories added and dropped, support types moved and decision rules changed.

    Exit code 0 when every input was read, 2 when one could not be (the others are shown).

    Examples:

    \b
      guidecmp history guidelines/history/
      guidecmp history guidelines/history/ -f markdown > historia.md
      guidecmp history guidelines/history/ -f html -o historia.html
      guidecmp history old/ new/ --same-issuer "Lahden kaupunki=Päijät-Hämeen hyvinvointialue"
    """
    from ..app.service import history_inputs
    from ..report import history as export

    if output_format in FILE_ONLY_FORMATS and to_stdout(output):
        raise GuidecmpError(f"--format {output_format.value} writes a file: give it with --output FILE")
    check_output(output)
    options = extract_options(rules=rules, jobs=jobs, timeout=timeout, password=password, cache_dir=cache_dir,
                              no_cache=no_cache, debug=debug)
    result, failures = history_inputs(paths or [DEFAULT_CORPUS], options, same_issuer=same_issuer or (),
                                      progress=progress_printer(quiet))
    report_failures(failures)
    if output_format is OutputFormat.table:
        print_renderables(lambda width: export.terminal_report(result), output, width=200)
    elif output_format is OutputFormat.csv:
        write_report(output, export.to_csv(result, style=csv_style.value))
    elif output_format is OutputFormat.xlsx:
        write_report(output, export.to_xlsx(result))
    elif output_format is OutputFormat.json:
        write_report(output, export.to_json_text(result).encode())
    elif output_format is OutputFormat.markdown:
        write_report(output, export.to_markdown(result).encode())
    else:
        write_report(output, export.to_html(result).encode())
    note(quiet, f"history of {len(result.issuers)} issuers" + ("" if to_stdout(output) else f" → {output}"))
    raise typer.Exit(ExitCode.FAILED if failures else ExitCode.OK)
