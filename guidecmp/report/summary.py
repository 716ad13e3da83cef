"""The extraction summary and the rules listing, as terminal tables (and the rules as JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.table import Table

from ..extract.vocab import Rules
from .safe import display_path, visible


def extraction_summary(outcomes: Iterable) -> Table:
    """One row per file: what was found, or why it failed (`outcomes` have path, data and error)."""
    table = Table(title="Extraction", title_justify="left")
    for column, justify in (("guideline", "left"), ("pages", "right"), ("categories", "right"),
                            ("amounts", "right"), ("decision rules", "right"), ("warnings", "right")):
        table.add_column(column, justify=justify)
    for outcome in outcomes:
        if outcome.data is None:
            table.add_row(display_path(outcome.path.name), "", "", "", "", visible(f"failed: {outcome.error}"))
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


def rules_json(rules: Rules) -> str:
    """What `guidecmp rules --format json` prints: ids and names of categories and roles."""
    data = {
        "directory": str(rules.directory), "digest": rules.digest,
        "categories": [{"id": cid, "fi": rules.categories.name(cid, "fi"), "sv": rules.categories.name(cid, "sv"),
                        "support_type": rules.categories.support_type(cid)} for cid in rules.categories.ids],
        "roles": [{"id": rid, "fi": rules.roles.name(rid, "fi"), "sv": rules.roles.name(rid, "sv")}
                  for rid in rules.roles.ids],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
