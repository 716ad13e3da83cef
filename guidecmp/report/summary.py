"""Terminal rendering with rich: tables that stay whole when piped, no colour codes off a terminal."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.table import Table

from ..app.workers import Outcome
from ..vocab import Rules


def stdout_console() -> Console:
    """A console that does not cut tables at 80 columns or add colour when output is piped."""
    if sys.stdout.isatty():
        return Console(no_color=bool(os.environ.get("NO_COLOR")), highlight=False, markup=False, emoji=False)
    return Console(width=240, color_system=None, force_terminal=False, soft_wrap=True, highlight=False,
                   markup=False, emoji=False)


def extraction_summary(outcomes: list[Outcome]) -> Table:
    table = Table(title="Extraction", title_justify="left")
    for column, justify in (("guideline", "left"), ("pages", "right"), ("categories", "right"),
                            ("amounts", "right"), ("decision rules", "right"), ("warnings", "right")):
        table.add_column(column, justify=justify)
    for outcome in outcomes:
        if outcome.data is None:
            table.add_row(outcome.path.name, "", "", "", "", f"failed: {outcome.error}")
            continue
        data = outcome.data
        categories = data["categories"]
        rules = len(data["decision_makers"]) + sum(len(c["decision_makers"]) for c in categories)
        table.add_row(data["guideline"]["id"], str(data["guideline"]["pages"]), str(len(categories)),
                      str(sum(len(c["amounts"]) for c in categories)), str(rules), str(len(data["warnings"])))
    return table


def rules_tables(rules: Rules) -> list[Table]:
    categories = Table(title=f"Expense categories ({rules.directory / 'categories.toml'})", title_justify="left")
    for column in ("id", "suomeksi", "på svenska", "usual support type"):
        categories.add_column(column)
    for cid in rules.categories.ids:
        categories.add_row(cid, rules.categories.name(cid, "fi"), rules.categories.name(cid, "sv"),
                           rules.categories.support_type(cid) or "")
    roles = Table(title=f"Decision-maker roles ({rules.directory / 'roles.toml'})", title_justify="left")
    for column in ("id", "suomeksi", "på svenska"):
        roles.add_column(column)
    for rid in rules.roles.ids:
        roles.add_row(rid, rules.roles.name(rid, "fi"), rules.roles.name(rid, "sv"))
    return [categories, roles]
