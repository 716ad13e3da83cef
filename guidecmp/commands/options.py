"""Options shared by several commands, so that they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console

from .exit import ExitCode

DEFAULT_CORPUS = Path("guidelines")
DEFAULT_OUTPUT = Path("output")

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
OcrOpt = Annotated[bool, typer.Option(
    "--ocr", help="Read pages without a text layer (scans) with Tesseract (fin+swe), if installed.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on stderr.")]


def print_error(message: str) -> None:
    """One line on stderr, however long: a script greps it, a log keeps it whole."""
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """print_error, then exit 2."""
    print_error(message)
    raise typer.Exit(ExitCode.FAILED)


def progress_printer(total: int):
    """One plain line per finished file on stderr: readable in a terminal and in CI logs."""
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
