"""The extraction summary and the rules listing, as terminal tables (and the rules as JSON)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table

from ..extract.amounts import AMOUNT_FILE
from ..extract.basic_amount import BASIC_AMOUNT_FILE
from ..extract.document_words import DOCUMENT_FILE, WORD_LISTS
from ..extract.vocab import Rules
from .jsontext import report_json
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


def rules_tables(rules: Rules, issuers) -> list[Table]:
    """Every vocabulary of the rules folder, a table each (`issuers`: compare.history.IssuerRules)."""
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
    return [categories, roles, _document_table(rules), _amounts_table(rules), _basic_amounts_table(rules),
            _issuers_table(rules, issuers)]


def _document_table(rules: Rules) -> Table:
    words = rules.document.tables
    table = Table(title=f"Document words ({rules.directory / DOCUMENT_FILE}; languages: "
                        f"{', '.join(rules.document.languages)})", title_justify="left")
    table.add_column("list")
    for name in words:
        table.add_column(name)
    for key in (*WORD_LISTS, "ocr"):
        if any(key in t for t in words.values()):
            table.add_row(key, *(visible(_listed(t.get(key, ""))) for t in words.values()))
    return table


def _amounts_table(rules: Rules) -> Table:
    written = rules.written(AMOUNT_FILE)
    table = Table(title=f"Amount words, counted ({rules.amounts}; all of them: --format json)",
                  title_justify="left")
    table.add_column("group")
    for name in written:
        table.add_column(name, justify="right")
    groups = dict.fromkeys(g for section in written.values() if isinstance(section, dict) for g in section)
    for group in groups:
        table.add_row(group, *(str(_count_words(s.get(group))) if isinstance(s, dict) and group in s else ""
                               for s in written.values()))
    return table


def _basic_amounts_table(rules: Rules) -> Table:
    table = Table(title=f"Kela's basic amount ({rules.basic_amounts})", title_justify="left")
    for column, justify in (("from", "left"), ("single €/month", "right"), ("verified", "left")):
        table.add_column(column, justify=justify)
    for period in rules.written(BASIC_AMOUNT_FILE).get("period", []):
        single = period.get("single")
        table.add_row(str(period.get("from", "")), "" if single is None else f"{single:.2f}",
                      "yes" if period.get("verified") else "no")
    return table


def _issuers_table(rules: Rules, issuers) -> Table:
    table = Table(title=f"Issuers ({rules.directory / 'issuers.toml'}; {len(issuers.kind_words)} kind words: "
                        f"{visible(_listed(issuers.kind_words[:3]))}, …)", title_justify="left")
    table.add_column("name (normalised)")
    table.add_column("continues as")
    for name, successor in sorted(issuers.successor.items()):
        table.add_row(visible(name), visible(successor))
    return table


def _listed(words) -> str:
    return words if isinstance(words, str) else ", ".join(words)


def _count_words(value) -> int:
    if isinstance(value, dict):
        return sum(_count_words(v) for v in value.values())
    return len(value) if isinstance(value, list) else 1


def rules_json(rules: Rules, issuers) -> str:
    """What `guidecmp rules --format json` prints: everything the rules folder gives, complete."""
    data = {
        "directory": str(rules.directory), "digest": rules.digest,
        "categories": [{"id": cid, "fi": rules.categories.name(cid, "fi"), "sv": rules.categories.name(cid, "sv"),
                        "support_type": rules.categories.support_type(cid)} for cid in rules.categories.ids],
        "roles": [{"id": rid, "fi": rules.roles.name(rid, "fi"), "sv": rules.roles.name(rid, "sv")}
                  for rid in rules.roles.ids],
        "document": {"languages": list(rules.document.languages), **rules.document.tables},
        "amounts": rules.written(AMOUNT_FILE),
        "basic_amounts": rules.written(BASIC_AMOUNT_FILE),
        "issuers": {"kind_words": list(issuers.kind_words), "successor": issuers.successor, "notes": issuers.notes},
    }
    return report_json(data)
