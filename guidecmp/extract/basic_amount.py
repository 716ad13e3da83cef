"""Shares of Kela's basic amount in euros: "50 % perusosasta" in a 2020 guideline is 251,11 €.

The yearly figures and the household shares are data (rules/basic_amounts.toml, with their
sources). A share is converted with the figure in force on the guideline's `valid_from` date and
the household type the text names ("lapsen perusosasta"); where no single figure exists (a
child's share depends on age and birth order, a year is missing from the table) the euro value
is None and the basis says why, so that the report never shows a guess as a fact.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..bundled import default_rules_dir

__all__ = ["Conversion", "to_euros", "household_of"]


@dataclass(frozen=True)
class Conversion:
    eur_value: float | None
    basis: str  # Finnish, for the reports: what the euro value rests on, or why there is none


BASIC_AMOUNT_FILE = "basic_amounts.toml"


@functools.cache
def _table(table_file: Path | None = None) -> dict:
    """The yearly figures of a rules folder's basic_amounts.toml (the bundled one by default)."""
    with (table_file or default_rules_dir() / BASIC_AMOUNT_FILE).open("rb") as handle:
        data = tomllib.load(handle)
    data["period"].sort(key=lambda p: p["from"])
    for household in data["shares"].values():
        stems = "|".join(re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"\b"
                         for w in household["words"])
        household["pattern"] = re.compile(rf"\b(?:{stems})", re.IGNORECASE)
    return data


def household_of(words: str | None, table_file: Path | None = None) -> str:
    """The household type named before "perusosasta" ("lapsen" → child); a single person otherwise."""
    for name, household in _table(table_file)["shares"].items():
        if words and household["pattern"].search(words):
            return name
    return "single"


def _money(value: float) -> str:
    return f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")


def to_euros(percent: float, valid_from: str | None, household_words: str | None = None,
             table_file: Path | None = None) -> Conversion:
    """`percent` % of the basic amount in force on `valid_from` (YYYY-MM-DD)."""
    table = _table(table_file)
    if not valid_from:
        return Conversion(None, "ohjeen voimaantulopäivä puuttuu, perusosan määrää ei tiedetä")
    periods = [p for p in table["period"] if p["from"] <= valid_from]
    if not periods:
        return Conversion(None, f"perusosan määrää ei ole taulukossa ennen vuotta {table['period'][0]['from'][:4]}")
    period = periods[-1]
    if "single" not in period:
        return Conversion(None, f"perusosan määrää {period['from'][:4]} ei ole taulukossa (rules/basic_amounts.toml)")
    household = household_of(household_words, table_file)
    shares = table["shares"][household]
    single = period["single"]
    unverified = "" if period.get("verified") else ", luku tarkistamatta"
    if "share_range" in shares:
        low, high = (percent / 100 * single * s for s in shares["share_range"])
        return Conversion(None, f"lapsen perusosa riippuu iästä ja sisarusjärjestyksestä: "
                                f"{_money(low)}–{_money(high)} € (perusosa {period['from'][:4]}{unverified})")
    base = single * shares["share"]
    return Conversion(round(percent / 100 * base + 1e-9, 2),
                      f"{percent:g} % × perusosa {_money(base)} €/kk ({period['from']} alkaen{unverified})")
