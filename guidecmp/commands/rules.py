"""`guidecmp rules`: what the editable vocabularies contain."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from .options import DebugOpt, OutputOpt, QuietOpt, RulesOpt, print_renderables, write_report


class RulesFormat(str, Enum):
    table = "table"
    json = "json"


def list_rules(
    rules: RulesOpt = None,
    output_format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.table,
    output: OutputOpt = None, debug: DebugOpt = False, quiet: QuietOpt = False,
) -> None:
    """List the expense categories and decision-maker roles loaded from the rules folder.

    Add a category or a synonym by editing rules/categories.toml (roles: rules/roles.toml, amount
    words: rules/amounts.toml); no code change is needed. This shows what guidecmp will look for.

    Examples:

    \b
      guidecmp rules
      guidecmp rules --rules my-rules/ -f json
    """
    from ..app.options import ExtractOptions
    from ..app.service import rules_for
    from ..report.summary import rules_json, rules_tables

    loaded = rules_for(ExtractOptions(rules_dir=rules))
    if output_format is RulesFormat.json:
        write_report(output, rules_json(loaded).encode())
    else:
        print_renderables(lambda width: rules_tables(loaded), output)
