"""The command line: a thin face over the library. Messages in English, labels from rules/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .status import ExitCode

DEFAULT_CORPUS = Path("guidelines")
DEFAULT_OUTPUT = Path("output")

app = typer.Typer(
    name="guidecmp",
    help=(
        "Read and compare Finnish guidelines (soveltamisohjeet) for supplementary and preventive "
        "social assistance (täydentävä ja ehkäisevä toimeentulotuki).\n\n"
        "Typical use: `guidecmp extract` reads every PDF in guidelines/ into output/<id>.json; "
        "`guidecmp compare` shows who covers which expense, with which amounts and who decides."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False)

RulesOpt = Annotated[Optional[Path], typer.Option(
    "--rules", help="Folder with categories.toml and roles.toml (default: the bundled rules/).",
    file_okay=False)]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPU count).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds one PDF may take before it is given up.")]
PasswordOpt = Annotated[Optional[str], typer.Option("--password", help="User password for encrypted PDFs.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option(
    "--cache-dir", envvar="GUIDECMP_CACHE_DIR", help="Where extraction results are cached (default: the user cache).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Extract every file again; do not read or write the cache.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on stderr.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"guidecmp {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Read and compare supplementary/preventive social assistance guidelines."""


@app.command()
def extract(
    paths: Annotated[Optional[list[Path]], typer.Argument(
        help="PDF files or folders of PDFs (default: guidelines/).", show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the <id>.json results.",
                                      file_okay=False)] = DEFAULT_OUTPUT,
    rules: RulesOpt = None, jobs: JobsOpt = None, timeout: TimeoutOpt = 60.0, password: PasswordOpt = None,
    cache_dir: CacheDirOpt = None, no_cache: NoCacheOpt = False, debug: DebugOpt = False,
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
    from .batch import find_pdfs
    from .render import extraction_summary, stdout_console
    from .service import extract_to_folder

    pdfs = find_pdfs(paths or [DEFAULT_CORPUS])
    if not pdfs:
        err.print(f"error: no PDF files in {', '.join(str(p) for p in paths or [DEFAULT_CORPUS])}")
        raise typer.Exit(ExitCode.FAILED)
    outcomes = extract_to_folder(
        pdfs, out, rules_dir=rules, jobs=jobs, timeout=timeout, password=password,
        cache_dir=None if no_cache else cache_dir, use_cache=not no_cache, debug=debug,
        progress=None if quiet else _progress_printer(len(pdfs)))
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        err.print(f"error: {outcome.path}: {outcome.error}", markup=False)
    stdout_console().print(extraction_summary(outcomes))
    if not quiet:
        err.print(f"{len(outcomes) - len(failed)} of {len(outcomes)} written to {out}/", markup=False)
    raise typer.Exit(ExitCode.FAILED if failed else ExitCode.OK)


@app.command("rules")
def list_rules(rules: RulesOpt = None) -> None:
    """List the expense categories and decision-maker roles loaded from the rules folder.

    Add a category or a synonym by editing rules/categories.toml (roles: rules/roles.toml);
    no code change is needed. This shows what guidecmp will look for.
    """
    from .render import rules_tables, stdout_console
    from .rules import load_rules

    loaded = load_rules(rules)
    console = stdout_console()
    for table in rules_tables(loaded):
        console.print(table)


def _progress_printer(total: int):
    done = 0

    def show(outcome) -> None:
        nonlocal done
        done += 1
        if outcome.error:
            state = "failed"
        elif outcome.cached:
            state = "cached"
        else:
            state = f"{outcome.seconds:.1f} s"
        err.print(f"[{done}/{total}] {outcome.path.name}: {state}", markup=False)

    return show


def run() -> None:  # pragma: no cover - console entry point for `python -m guidecmp`
    app(prog_name="guidecmp")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
