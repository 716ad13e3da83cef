"""The command line: a thin face over the library (one module per command in commands/) and the
one place where errors become a line on stderr and an exit code."""

from __future__ import annotations

import functools
import gc
import os
import sys
import traceback
from typing import Annotated

import typer

from . import __version__
from .commands import cache, check, compare, diff, extract, history, rules
from .commands.exit import ExitCode
from .commands.options import print_error
from .errors import GuidecmpError
from .report.safe import display_path

app = typer.Typer(
    name="guidecmp",
    help=(
        "Read and compare Finnish guidelines (soveltamisohjeet) for supplementary and preventive "
        "social assistance (täydentävä ja ehkäisevä toimeentulotuki).\n\n"
        "Typical use: `guidecmp extract` reads every PDF in guidelines/ into output/<id>.json; "
        "`guidecmp compare` shows who covers which expense, with which amounts and who decides; "
        "`guidecmp diff` and `guidecmp check` show what changed between versions (for CI); `guidecmp history` how each issuer's guideline changed over the years.\n\n"
        "Exit codes: 0 all well; 1 differences found (diff, check); 2 an input could not be read or "
        "the command was used wrongly."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"guidecmp {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                       help="Show the version and exit.")] = False) -> None:
    """Read and compare supplementary/preventive social assistance guidelines."""


def guarded(command):
    """The error boundary: what a command raises becomes one `error:` line and exit code 2.

    Errors a user can fix (GuidecmpError) and the operating system's (a full disk, a folder
    that cannot be written) are shown as they are; anything else is an internal error whose
    traceback `--debug` shows. A closed stdout (`| head`) ends the run quietly with 0.
    """
    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            print_error("interrupted")
            raise typer.Exit(130) from None
        except GuidecmpError as exc:
            for line in exc.args:
                print_error(str(line))
        except OSError as exc:
            where = f"{display_path(exc.filename)}: " if exc.filename else ""
            print_error(f"{where}{exc.strerror or exc}")
        except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
            if kwargs.get("debug"):
                traceback.print_exc()
            print_error(f"internal error: {type(exc).__name__}: {exc}"
                        + ("" if kwargs.get("debug") else " (run with --debug for the traceback)"))
        raise typer.Exit(ExitCode.FAILED)

    return run


def _silence_stdout() -> None:
    """After the reader of a pipe has gone, Python's final flush of stdout must not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


# Commands, in the order a user meets them (each module owns its options and help).
app.command("extract")(guarded(extract.extract))
app.command("compare")(guarded(compare.compare))
app.command("diff")(guarded(diff.diff))
app.command("check")(guarded(check.check))
app.command("history")(guarded(history.history))
app.command("rules")(guarded(rules.list_rules))
cache.app.command("info")(guarded(cache.info))
cache.app.command("prune")(guarded(cache.prune))
app.add_typer(cache.app)


def main() -> None:
    """The `guidecmp` program."""
    # A command builds trees of plain objects (records, rows, report outlines) that hold no cycles
    # and live until it ends; the cycle collector would walk all of them each time the heap grows by
    # a quarter to free nothing (~1 s of CPU in a compare of 1 800 guidelines). PDFs are parsed in
    # worker processes, which collect again (workers._worker).
    gc.disable()
    try:
        app(prog_name="guidecmp")
    except BrokenPipeError:  # while Typer printed help or a usage error to a closed pipe
        _silence_stdout()
        sys.exit(ExitCode.OK)
