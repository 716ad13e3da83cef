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
    """List everything loaded from the rules folder: categories, roles, document words, amount words,
    Kela's basic amounts and issuers (the JSON gives every word).

    Add a category or a synonym by editing rules/categories.toml (roles: rules/roles.toml, amount
    words: rules/amounts.toml, contents titles, language and issuer cues: rules/document.toml); no
    code change is needed. This shows what guidecmp will look for.

    Examples:

    \b
      guidecmp rules
      guidecmp rules --rules my-rules/ -f json
    """
    from ..app.options import ExtractOptions
    from ..app.service import rules_for
    from ..compare.history import IssuerRules
    from ..report.summary import rules_json, rules_tables

    loaded = rules_for(ExtractOptions(rules_dir=rules), compiled=True)
    issuers = IssuerRules.load(loaded.directory)
    if output_format is RulesFormat.json:
        write_report(output, rules_json(loaded, issuers).encode())
    else:
        print_renderables(lambda width: rules_tables(loaded, issuers), output)
