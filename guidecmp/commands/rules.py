"""`guidecmp rules`: what the editable vocabularies contain."""

from __future__ import annotations

from .options import RulesOpt


def list_rules(rules: RulesOpt = None) -> None:
    """List the expense categories and decision-maker roles loaded from the rules folder.

    Add a category or a synonym by editing rules/categories.toml (roles: rules/roles.toml);
    no code change is needed. This shows what guidecmp will look for.
    """
    from ..report.summary import rules_tables, stdout_console
    from ..vocab import load_rules

    loaded = load_rules(rules)
    console = stdout_console()
    for table in rules_tables(loaded):
        console.print(table)
