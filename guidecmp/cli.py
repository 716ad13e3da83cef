"""The command line: a thin face over the library. One module per command in commands/."""

from __future__ import annotations

from typing import Annotated

import typer

from . import __version__
from .commands import check, compare, diff, extract, rules

app = typer.Typer(
    name="guidecmp",
    help=(
        "Read and compare Finnish guidelines (soveltamisohjeet) for supplementary and preventive "
        "social assistance (täydentävä ja ehkäisevä toimeentulotuki).\n\n"
        "Typical use: `guidecmp extract` reads every PDF in guidelines/ into output/<id>.json; "
        "`guidecmp compare` shows who covers which expense, with which amounts and who decides.\n\n"
        "Exit codes: 0 all well; 1 differences found (diff, check); 2 an input could not be read or "
        "the command was used wrongly."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"guidecmp {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Read and compare supplementary/preventive social assistance guidelines."""


# Commands, in the order a user meets them (each module owns its options and help).
app.command("extract")(extract.extract)
app.command("compare")(compare.compare)
app.command("diff")(diff.diff)
app.command("check")(check.check)
app.command("rules")(rules.list_rules)
