"""What the commands share: options that read and behave the same everywhere, the consoles, the
progress lines and where a report goes (stdout or a file written atomically)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..app.options import DEFAULT_TIMEOUT, ExtractOptions
from ..errors import OutputError
from ..report.safe import display_path, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

DEFAULT_CORPUS = Path("guidelines")
DEFAULT_OUTPUT = Path("output")



@cache
def _err() -> Console:
    """The stderr console, made at its first line: `import guidecmp.cli` (and --help) need no rich."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)

PathsArg = Annotated[Optional[list[Path]], typer.Argument(
    metavar="[PDF|JSON|FOLDER]...", show_default=False,
    help="Guideline PDFs, extraction JSONs (from `guidecmp extract`) or folders of them "
         "(default: guidelines/).")]
RulesOpt = Annotated[Optional[Path], typer.Option(
    "--rules", metavar="FOLDER", file_okay=False, show_default=False,
    help="Folder of vocabularies (categories.toml, roles.toml, amounts.toml, basic_amounts.toml, "
         "document.toml, issuers.toml; default: the bundled rules/).")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, metavar="N", show_default=False,
    help="Worker processes (default: one per CPU this process may use).")]
TimeoutOpt = Annotated[float, typer.Option(
    "--timeout", min=1, metavar="SECONDS",
    help="CPU seconds one PDF may use before it is given up (a busy machine does not count against it; "
         "a worker without a result after 10× as long in real time, at least 2 min, is ended as hung).")]
MaxMemoryOpt = Annotated[Optional[int], typer.Option(
    "--max-memory", min=64, metavar="MB", show_default=False,
    help="Memory for all workers together (default: half of the machine's); fewer run at once if needed.")]
PasswordOpt = Annotated[Optional[str], typer.Option(
    "--password", metavar="TEXT", show_default=False, help="User password for encrypted PDFs.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option(
    "--cache-dir", envvar="GUIDECMP_CACHE_DIR", metavar="FOLDER", show_default=False,
    help="Where extraction results are cached (default: ~/.cache/guidecmp).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Extract every file again; do not read or write the cache.")]
OcrOpt = Annotated[bool, typer.Option(
    "--ocr", help="Read pages without a text layer (scans) with Tesseract (fin+swe), if installed.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines on stderr.")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", metavar="FILE", dir_okay=False, show_default=False,
    help="Write the report to FILE (its folder must exist; `-` or none: stdout).")]


def extract_options(*, rules: Path | None, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
                    password: str | None = None, cache_dir: Path | None = None, no_cache: bool = False,
                    ocr: bool = False, debug: bool = False, max_memory: int | None = None) -> ExtractOptions:
    """The command-line options as one value for the library."""
    from ..app.store import default_cache_dir  # the cache's hashing and records: not for --help

    return ExtractOptions(rules_dir=rules, jobs=jobs, timeout=timeout, password=password, ocr=ocr, debug=debug,
                          max_memory_mb=max_memory, cache_dir=None if no_cache else (cache_dir or default_cache_dir()))


def print_error(message: str) -> None:
    """One line on stderr, however long: a script greps it, a log keeps it whole. Whatever a file
    name or a PDF put in the message, it stays one line with no terminal escape (`visible`)."""
    _err().print(f"error: {visible(message)}")


def report_failures(failures) -> None:
    for path, reason in failures:
        print_error(f"{display_path(path)}: {reason}")


def progress_printer(quiet: bool):
    """One plain line per finished file on stderr: readable in a terminal and in CI logs."""
    if quiet:
        return None

    def show(outcome, done: int, total: int) -> None:
        if outcome.error:
            state = "failed"
        elif outcome.cached:
            state = "cached"
        else:
            state = f"{outcome.seconds:.1f} s"
        _err().print(f"[{done}/{total}] {display_path(outcome.path.name)}: {state}")

    return show


def note(quiet: bool, message: str) -> None:
    if not quiet:
        _err().print(visible(message))


@cache
def _stdout_console_class() -> type[Console]:
    from rich.console import Console

    class _StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            """rich would exit 1 here; a reader that has seen enough (`| head`) is no failure (cli.guarded)."""
            raise BrokenPipeError

    return _StdoutConsole


def stdout_console() -> Console:
    """A console that does not cut tables at 80 columns or add colour when output is piped."""
    _StdoutConsole = _stdout_console_class()
    if sys.stdout.isatty():
        return _StdoutConsole(no_color=bool(os.environ.get("NO_COLOR")), highlight=False, markup=False, emoji=False)
    return _StdoutConsole(width=240, color_system=None, force_terminal=False, soft_wrap=True, highlight=False,
                          markup=False, emoji=False)


def to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output(output: Path | None) -> None:
    """Before any work: an output in a folder that does not exist is an error (no folder is made silently)."""
    if not to_stdout(output) and not output.parent.is_dir():
        what = "is not a folder" if output.parent.exists() else "does not exist"
        raise OutputError(f"{display_path(output)}: {display_path(output.parent)} {what}")


def write_report(output: Path | None, data: bytes | bytearray) -> None:
    """The report to stdout, or to OUTPUT written atomically (a failed run leaves the old file)."""
    if to_stdout(output):
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
        return
    check_output(output)
    from ..app.store import write_atomic_bytes

    try:
        write_atomic_bytes(output, data)
    except OSError as exc:
        raise OutputError(f"{display_path(output)}: cannot write it ({exc.strerror or exc})") from None


def print_renderables(render: Callable[[int], list[RenderableType]], output: Path | None,
                      width: int = 120) -> None:
    """Rich renderables (made by `render` for a width) to the terminal, or as plain text to OUTPUT.
    A `TextBlock` (tables laid out already) is written as it is: rich would measure every line again."""
    from ..report.terminal import Styled, TextBlock

    if to_stdout(output):
        # On a terminal a styled line goes through rich; piped, it is plain text too, and rich is
        # imported only for a renderable of its own (a piped console is 240 wide: `width` stands).
        terminal = sys.stdout.isatty()
        console = stdout_console() if terminal else None
        plain = (TextBlock,) if terminal else (TextBlock, Styled)
        for part in render(min(console.width, width) if console else width):
            if isinstance(part, plain):
                sys.stdout.write(f"{part}\n")
            else:
                console = console or stdout_console()
                console.print(part)
        sys.stdout.flush()
        return
    from rich.console import Console

    chunks: list[str] = []
    with open(os.devnull, "w") as sink:
        console = Console(file=sink, width=width, color_system=None, record=True, markup=False, emoji=False)
        for part in render(width):
            if isinstance(part, TextBlock):
                chunks += [console.export_text(), f"{part}\n"]  # what rich printed so far, then the block
            else:
                console.print(part)
    write_report(output, "".join([*chunks, console.export_text()]).encode())
