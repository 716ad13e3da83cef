"""A comparison as people read it: terminal tables, markdown, CSV, JSON, XLSX and an HTML report.

Everything shown is in Finnish (labels from rules/), amounts in a compact Finnish form with a
decimal comma ("enint. 400 € kerta; 1 hlö 300 €, 2 hlö 400 €"). With `--focus` the outputs show
the focus report; the xlsx and html reports, having room, add the full comparison after it.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re
from urllib.parse import quote
from datetime import date
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..compare.comparison import (FOCUS_FLAGS, IQR_FACTOR, MOST_SHARE, RATIO_LIMIT, SMALL_SAMPLE, AmountGroup,
                      CategoryComparison, CategoryGap, Comparison, FocusCategory, FocusReport, GroupValue, Labels,
                      PlacedAmount, Row)
from .jsontext import report_json_bytes
from .markdown import markdown_table
from .safe import markdown_text, spreadsheet_text
from .terminal import Column, Styled, TextBlock, boxed_table, plain_table
from .workbook import Workbook

if TYPE_CHECKING:
    from rich.console import RenderableType

CsvStyle = Literal["finnish", "standard"]
NBSP = "\u00a0"  # keeps "1 200 €" on one line

SUPPORT_CODE = {"supplementary": "T", "preventive": "E", None: "•"}
SUPPORT_NAME = {"supplementary": "täydentävä", "preventive": "ehkäisevä", None: "muu luku"}
NOT_COVERED = "·"
QUALIFIER_PREFIX = {"max": "enint.", "min": "väh.", "approx": "n.", "fixed": ""}
QUALIFIER_NAME = {"max": "enint.", "min": "väh.", "approx": "n.", "fixed": "kiinteä"}
UNIT_SUFFIX = {"EUR": "€", "percent": "%", "percent_of_basic_amount": "% perusosasta", "months_rent": "kk:n vuokra"}
PER_SUFFIX = {"once": " kerta", "month": "/kk", "year": "/v", "day": "/pv", None: ""}
OUTLIER_MARK = {"high": " ▲", "low": " ▼", None: ""}
SILENT = "ei mainintaa"
ORIGIN_NOTE = {"category": "", "category_scope": "ohjeen yleinen sääntö tälle menolle",
               "support_type": "koko {support}", "document": "koko ohje"}
FLAG_TEXT = {
    "missing_common": "useimmat muut kattavat, tämä ei",
    "silent_where_others_decide": "ei mainintaa päättäjästä, muut mainitsevat",
    "only_here": "vain tässä ohjeessa",
    "no_amount_where_others_have": "ei summaa, muilla on",
}
MATRIX_LEGEND = (f"Rivit: menolajit. Sarakkeet: ohjeet lyhenteinä (selitys alla), pystyyn kirjoitettuina, "
                 f"jotta matriisi mahtuu kapeaankin päätteeseen. T = täydentävä, E = ehkäisevä, "
                 f"• = muualla ohjeessa, {NOT_COVERED} = ei mainita. n = ohjeita, jotka kattavat menolajin.")
OUTLIER_LEGEND = (f"▲/▼ = poikkeava summa. Vertailukelpoisia ovat vain saman yksikön, tarkenteen (enint./väh./"
                  f"n./kiinteä) ja jakson summat. Poikkeava: alle {SMALL_SAMPLE} summan joukossa yli "
                  f"{RATIO_LIMIT:g}× tai alle 1/{RATIO_LIMIT:g} mediaanista, muuten yli "
                  f"{str(IQR_FACTOR).replace('.', ',')} × IQR kvartiilien ulkopuolella.")
# Reading warnings are written in English (they are messages); the Finnish reports show them in
# Finnish. A warning no pattern knows is shown as written.
WARNINGS_FI = (
    (re.compile(r"page (\d+) has no text layer; it was read with OCR"),
     r"sivulla \1 ei ole tekstikerrosta; se luettiin tekstintunnistuksella (OCR)"),
    (re.compile(r"page (\d+):? (?:has )?no text layer \(scanned(?: page)?\?\)(?:; its content is not read)?(?: \(see --ocr\))?"),
     r"sivulla \1 ei ole tekstikerrosta (skannattu?), sen sisältöä ei luettu (ks. --ocr)"),
    (re.compile(r"page (\d+) cannot be loaded; its content is not read"), r"sivua \1 ei voitu avata, sitä ei luettu"),
    (re.compile(r"page (\d+) draws itself without end \(circular form XObjects\); its content is not read"),
     r"sivu \1 piirtää itseään loputtomasti (kehämäinen lomake-XObject), sitä ei luettu"),
    (re.compile(r"page (\d+) has text without a Unicode mapping \(broken fonts\); its content is not read"),
     r"sivun \1 tekstillä ei ole Unicode-vastaavuutta (rikkinäiset fontit), sitä ei luettu"),
    (re.compile(r"tables on page ([\d, ]+) could not be read \(damaged PDF\); their text is read as lines"),
     r"sivun \1 taulukoita ei voitu lukea (vioittunut PDF); niiden teksti luettiin riveinä"),
    (re.compile(r"no expense category found: is this a supplementary/preventive guideline\?"),
     "yhtään menolajia ei löytynyt: onko tämä täydentävän/ehkäisevän toimeentulotuen ohje?"),
)


def warning_fi(text: str) -> str:
    """A reading warning in Finnish for the reports."""
    for pattern, finnish in WARNINGS_FI:
        if pattern.fullmatch(text):
            return pattern.sub(finnish, text)
    return text


MOST_LEGEND = f"”Useimmat” = vähintään {MOST_SHARE * 100:g} % ohjeista (ja vähintään kaksi)."


# --- Finnish formatting ---------------------------------------------------------------------------


def format_number(value: float, *, money: bool = False) -> str:
    """1200 → "1 200", 8.5 → "8,50" for money, 49.5 → "49,5" otherwise; NBSP groups thousands."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    elif money:
        text = f"{value:,.2f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


def format_value(value: float, unit: str, per: str | None = None) -> str:
    """400 € kerta, 200 €/v, 2 kk:n vuokra, 50 % perusosasta/pv."""
    return f"{format_number(value, money=unit == 'EUR')}{NBSP}{UNIT_SUFFIX.get(unit, unit)}{PER_SUFFIX.get(per, '')}"


def group_label(unit: str, qualifier: str, per: str | None, persons: tuple | None = None,
                item: str | None = None) -> str:
    """What a group of comparable amounts is: "enint. € kerta", "1 hlö: enint. € kerta",
    "perunkirjoitus: enint. €"."""
    label = f"{QUALIFIER_NAME.get(qualifier, qualifier)} {UNIT_SUFFIX.get(unit, unit)}{PER_SUFFIX.get(per, '')}"
    whom = " ".join(part for part in (format_persons(persons), item) if part)
    return f"{whom}: {label}" if whom else label


def group_title(group: AmountGroup) -> str:
    return group_label(group.unit, group.qualifier, group.per, group.persons, group.item)


def format_persons(persons: tuple | None) -> str:
    """(1, 1) → "1 hlö", (3, 4) → "3–4 hlö", (5, None) → "5+ hlö"; "" when not said."""
    if not persons:
        return ""
    low, high = persons
    if high is None:
        return f"{low}+{NBSP}hlö"
    return f"{low}{NBSP}hlö" if low == high else f"{low}–{high}{NBSP}hlö"


@dataclass(frozen=True)
class AmountItem:
    """One printed amount (a min–max pair becomes one range item)."""

    qualifier: str
    text: str
    pages: tuple[int, ...]


def amount_items(amounts: Sequence[PlacedAmount]) -> list[AmountItem]:
    items: list[AmountItem] = []
    index = 0
    while index < len(amounts):
        amount = amounts[index]
        after = amounts[index + 1] if index + 1 < len(amounts) else None
        label = f"{amount.applies_to} " if amount.applies_to else ""
        if (after and amount.qualifier == "min" and after.qualifier == "max" and after.unit == amount.unit
                and after.per == amount.per and after.applies_to == amount.applies_to):
            low = format_number(amount.value, money=amount.unit == "EUR")
            text = f"{label}{low}–{format_value(after.value, after.unit, after.per)}"
            marks = OUTLIER_MARK[amount.outlier] or OUTLIER_MARK[after.outlier]
            items.append(AmountItem("range", text + marks, _pages(amount, after)))
            index += 2
            continue
        text = f"{label}{format_value(amount.value, amount.unit, amount.per)}{OUTLIER_MARK[amount.outlier]}"
        items.append(AmountItem(amount.qualifier, text, _pages(amount)))
        index += 1
    return items


def _pages(*amounts: PlacedAmount) -> tuple[int, ...]:
    return tuple(sorted({a.page for a in amounts if a.page is not None}))


def amount_groups(amounts: Sequence[PlacedAmount]) -> list[tuple[str, list[AmountItem]]]:
    """Consecutive items with the same qualifier, each group with its prefix ("enint.")."""
    groups: list[tuple[str, list[AmountItem]]] = []
    for item in amount_items(amounts):
        if groups and groups[-1][1][-1].qualifier == item.qualifier:
            groups[-1][1].append(item)
        else:
            groups.append((QUALIFIER_PREFIX.get(item.qualifier, ""), [item]))
    return groups


def format_amounts(amounts: Sequence[PlacedAmount]) -> str:
    """The compact form: "enint. 400 € kerta; 1 hlö 300 €, 2 hlö 400 €"; "" when there is none."""
    return "; ".join(f"{prefix} {', '.join(i.text for i in items)}".strip()
                     for prefix, items in amount_groups(amounts))


def format_decisions(row: Row, labels: Labels) -> str:
    """"sosiaaliohjaaja (enintään 800 euroa); sosiaalityöntekijä [koko täydentävä]", "ei mainintaa", or
    "ei selvää sääntöä (2 mahdollista, s. 4, 7)" where sentences near a rule were not accepted."""
    if not row.decisions:
        return unclear_rule(row) or SILENT
    parts = list(dict.fromkeys(
        labels.role(d.role, "fi") + (f" ({d.condition})" if d.condition else "") for d in row.decisions))
    note = origin_note(row)
    return "; ".join(parts) + (f" [{note}]" if note else "")


def unclear_rule(row: Row) -> str:
    """"ei selvää sääntöä (N mahdollista, s. X)" for a row without a rule but with near misses; else ""."""
    if not row.candidates:
        return ""
    pages = format_pages(sorted({c.page for c in row.candidates if c.page is not None}))
    return f"ei selvää sääntöä ({len(row.candidates)} mahdollista" + (f", s. {pages})" if pages else ")")


def origin_note(row: Row) -> str:
    """Where the decision rule of a row comes from, when not from the category's own section."""
    if not row.decisions:
        return ""
    origin = row.decisions[0].origin
    support = "/".join(SUPPORT_NAME[s] for s in row.support_types if s)
    return ORIGIN_NOTE[origin].format(support=support)


def support_code(row: Row | None) -> str:
    if row is None:
        return NOT_COVERED
    return "".join(SUPPORT_CODE.get(s, "•") for s in row.support_types)


def format_pages(pages: Sequence[int]) -> str:
    return ", ".join(str(p) for p in pages)


def category_title(category: CategoryComparison, comparison: Comparison) -> str:
    """Finnish label, with the Swedish one beside it when a Swedish guideline covers the category."""
    swedish = any(r.language == "sv" for r in category.rows)
    if swedish and category.label_sv and category.label_sv != category.label_fi:
        return f"{category.label_fi} / {category.label_sv}"
    return category.label_fi


def group_summary(group: AmountGroup) -> str:
    """"enint. € kerta: 12 summaa 8 ohjeesta, min 250 €, mediaani 500 €, max 700 €; poikkeavat: ..."."""
    def value(number: float) -> str:
        return format_value(number, group.unit)

    text = (f"{group_title(group)}: {group.count} {'summa' if group.count == 1 else 'summaa'} "
            f"{len(group.guidelines)} ohjeesta, min {value(group.minimum)}, mediaani {value(group.median)}, "
            f"max {value(group.maximum)}")
    if group.outliers:
        text += "; poikkeavat: " + ", ".join(
            f"{v.guideline} {value(v.value)}{OUTLIER_MARK[v.outlier]}" for v in group.outliers)
    return text


def not_comparable_summary(category: CategoryComparison) -> str:
    return "; ".join(f"{gid} {format_amounts([a])}" for gid, a in category.not_comparable)


def format_deviation(deviation: float | None) -> str:
    if deviation is None:
        return ""
    return f"{deviation * 100:+.0f}{NBSP}%".replace("-", "−")


def focus_ours(entry: FocusCategory) -> str:
    if entry.ours is None:
        return "ei kata"
    return format_amounts(entry.ours.amounts) or "ei summaa"


def focus_others(entry: FocusCategory, separator: str = "; ") -> str:
    """Where we stand in each like-for-like group: "1 hlö: 300 €, muiden mediaani 350 € (300–450;
    6 ohjetta), sija 5/7"."""
    parts = []
    for item in entry.comparisons:
        amount = item.amount
        unit = amount.compared_unit
        low, high = (format_number(v, money=unit == "EUR") for v in (item.others_min, item.others_max))
        spread = low if low == high else f"{low}–{high}"
        whom = " ".join(p for p in (format_persons(amount.persons), amount.item) if p)
        ours = format_value(amount.compared_value, unit, amount.per)
        if amount.converted:
            ours += f" ({format_value(amount.value, amount.unit)})"
        parts.append(f"{whom + ': ' if whom else ''}{ours}, muiden mediaani "
                     f"{format_value(item.others_median, unit, amount.per)} ({spread}; "
                     f"{guidelines_phrase(item.others_guidelines)}), sija {item.rank}/{item.rank_of}")
    return separator.join(dict.fromkeys(parts))


def focus_rank(entry: FocusCategory) -> str:
    return ", ".join(f"{c.rank}/{c.rank_of}" for c in entry.comparisons)


def focus_notes(entry: FocusCategory, total_others: int) -> str:
    notes = [FLAG_TEXT[f] for f in FOCUS_FLAGS if f in entry.flags]
    notes.append(f"muista kattaa {len(entry.others_covering)}/{total_others}")
    return "; ".join(notes)


def _category_gap_line(gap: CategoryGap, comparison: Comparison) -> list[str]:
    return [comparison.labels.category(gap.category), ", ".join(gap.guidelines), str(gap.covered),
            str(gap.others_have)]


def gap_tables(comparison: Comparison) -> list[tuple[str, list[str], list[list[str]], str]]:
    """The gaps as (title, headers, rows, note) — shared by terminal, markdown and html."""
    gaps, labels = comparison.gaps, comparison.labels
    tables = [
        ("Menolajit, jotka useimmat kattavat mutta osa ei", ["Menolaji", "Kattaa", "Puuttuu"],
         [[labels.category(m.category), f"{len(m.covered_by)}/{len(comparison.guidelines)}", ", ".join(m.missing)]
          for m in gaps.missing_common], MOST_LEGEND),
        ("Ohjeet, joissa ei mainita lainkaan, kuka päättää", ["Ohje", "Nimi"],
         [[gid, comparison.guideline(gid).title or ""] for gid in gaps.silent_overall],
         "Ohjeessa ei ole yhtään päätösvaltasääntöä, ei menolajikohtaista eikä yleistä."),
        ("Menolajit, joissa ohje ei kerro päättäjää", ["Menolaji", "Ohjeet", "Kattaa", "Muista kertoo"],
         [_category_gap_line(g, comparison) for g in gaps.silent_by_category],
         "Päättäjä voi tulla menolajin omasta kohdasta tai ohjeen yleisestä säännöstä (menolaji, "
         "tukimuoto tai koko ohje); tässä ovat ne, joilla ei ole kumpaakaan."),
        ("Menolajit ilman summaa", ["Menolaji", "Ohjeet", "Kattaa", "Muista antaa summan"],
         [_category_gap_line(g, comparison) for g in gaps.without_amount],
         "Ensin menolajit, joihin muut ohjeet antavat summan."),
        ("Ohjeet, joiden luennassa tuli varoituksia", ["Ohje", "Varoitukset"],
         [[gid, " | ".join(warning_fi(w) for w in warnings)] for gid, warnings in gaps.warnings],
         "Aukko voi johtua lukuvirheestä: tarkista nämä ohjeet PDF:stä."),
    ]
    return [table for table in tables if table[2]]


# --- Keskeiset havainnot: what every report opens with -------------------------------------------
# A few Finnish sentences computed from the comparison, the way an expert writes a review's summary:
# coverage of the major categories, the range and median of their comparable amounts, who is silent
# on who decides, the biggest outliers; with a focus guideline, its gaps and positions first.

FINDINGS_TITLE = "Keskeiset havainnot"
# how many of the most widely covered categories the summary names, and how many outliers
MAJOR_CATEGORIES = 5
OUTLIERS_NAMED = 3


def guidelines_phrase(count: int) -> str:
    """Finnish grammar for one and many: "1 ohje", "3 ohjetta"."""
    return "1 ohje" if count == 1 else f"{count} ohjetta"


def _group_text(group: AmountGroup) -> str:
    low = format_number(group.minimum, money=group.unit == "EUR")
    return (f"{low}–{format_value(group.maximum, group.unit, group.per)}, mediaani "
            f"{format_value(group.median, group.unit, group.per)} ({group_title(group)}, "
            f"{guidelines_phrase(len(group.guidelines))})")


def key_findings(comparison: Comparison) -> list[str]:
    """The summary sentences, most important first."""
    found: list[str] = []
    total = len(comparison.guidelines)
    if comparison.focus:
        found += _focus_findings(comparison)
    covered = sorted(comparison.covered_categories, key=lambda c: -len(c.rows))
    major = covered[:MAJOR_CATEGORIES]
    if major:
        found.append(f"Vertailussa on {guidelines_phrase(total)}. Eniten katetut menolajit: " + ", ".join(
            f"{c.label_fi} {len(c.rows)}/{total}" for c in major) + ".")
    for category in major:
        groups = [g for g in category.groups if g.unit == "EUR"]
        if groups:
            found.append(f"{category.label_fi}: {_group_text(groups[0])}.")
    silent = comparison.gaps.silent_overall
    if silent:
        found.append(f"Kuka päättää, jää kokonaan mainitsematta: {', '.join(silent)} "
                     f"({guidelines_phrase(len(silent))}).")
    else:
        found.append("Jokainen ohje mainitsee ainakin jossakin, kuka päättää.")
    outliers = sorted(((abs(v.value - g.median) / g.median if g.median else 0.0, c, g, v)
                       for c in comparison.covered_categories for g in c.groups for v in g.outliers),
                      key=lambda item: -item[0])[:OUTLIERS_NAMED]
    if outliers:
        found.append("Suurimmat poikkeamat: " + "; ".join(
            f"{v.guideline} {c.label_fi.lower()} {format_value(v.value, g.unit, g.per)} "
            f"({'yli' if v.outlier == 'high' else 'alle'} mediaanin {format_value(g.median, g.unit, g.per)})"
            for _, c, g, v in outliers) + ".")
    return found


def _focus_findings(comparison: Comparison) -> list[str]:
    focus = comparison.focus
    found: list[str] = []
    missing = [comparison.labels.category(c.category) for c in focus.flagged("missing_common")]
    if missing:
        found.append(f"{focus.guideline} ei kata menolajeja, jotka useimmat muut kattavat: {', '.join(missing)}.")
    silent = [comparison.labels.category(c.category) for c in focus.flagged("silent_where_others_decide")]
    if silent:
        found.append(f"{focus.guideline} ei kerro päättäjää, vaikka muut kertovat: {', '.join(silent)}.")
    positions = [(c, item) for c in focus.categories for item in c.comparisons if item.deviation is not None]
    if positions:
        low = min(positions, key=lambda p: p[1].deviation)
        high = max(positions, key=lambda p: p[1].deviation)
        extremes = [(label, position) for label, position, below in
                    (("Alimmillaan", low, True), ("Korkeimmillaan", high, False))
                    if (position[1].deviation < 0) == below and position[1].deviation != 0]
        for label, (category, item) in extremes:
            amount = item.amount
            whom = " ".join(p for p in (format_persons(amount.persons), amount.item) if p)
            found.append(
                f"{label}: {comparison.labels.category(category.category).lower()}{' ' + whom if whom else ''} "
                f"{format_value(amount.compared_value, amount.compared_unit, amount.per)}, muiden mediaani "
                f"{format_value(item.others_median, amount.compared_unit, amount.per)}, sija {item.rank}/{item.rank_of}.")
    return found


# --- terminal ----------------------------------------------------------------------------------------


def terminal_report(comparison: Comparison, *, width: int = 100, gaps_only: bool = False) -> list[RenderableType]:
    """rich renderables for the whole comparison, or for the focus report when there is one."""
    parts: list[RenderableType] = [Styled(FINDINGS_TITLE, style="bold")]
    parts += [Styled(f"• {sentence}") for sentence in key_findings(comparison)]
    parts.append(Styled(_headline(comparison), style="bold"))
    parts += [Styled(f"ohitettu: {source}: {reason}") for source, reason in comparison.skipped]
    if comparison.focus:
        return parts + _terminal_focus(comparison, comparison.focus, gaps_only=gaps_only, width=width)
    if not gaps_only:
        parts += coverage_tables(comparison, width=width)
        for category in comparison.covered_categories:
            parts += _category_table(category, comparison, width)
        parts.append(Styled(OUTLIER_LEGEND, style="dim"))
    parts += _terminal_gaps(comparison, width)
    return parts


def _headline(comparison: Comparison) -> str:
    covered = len(comparison.covered_categories)
    return (f"Vertailu: {guidelines_phrase(len(comparison.guidelines))}; menolajeista {covered}/{len(comparison.categories)} "
            f"mainitaan ainakin yhdessä")


def coverage_tables(comparison: Comparison, *, width: int = 100) -> list[RenderableType]:
    """The matrix, split by guideline when the terminal is too narrow, then its legend."""
    label_width = 28
    per_chunk = max(1, (width - label_width - 6) // 2)
    guidelines = list(comparison.guidelines)
    chunks = [guidelines[i:i + per_chunk] for i in range(0, len(guidelines), per_chunk)] or [[]]
    parts: list[RenderableType] = [Styled("Kattavuus", style="bold"), Styled(MATRIX_LEGEND, style="dim")]
    height = max((len(g.code) for g in guidelines), default=1)
    for chunk in chunks:
        columns = [Column("Menolaji", no_wrap=True, max_width=label_width),
                   *(Column("\n".join(g.code.rjust(height)), justify="center", no_wrap=True) for g in chunk),
                   Column("n", justify="right")]
        rows = [[category.label_fi, *(support_code(category.row(g.id)) for g in chunk), str(len(category.rows))]
                for category in comparison.categories]
        parts.append(TextBlock(plain_table(columns, rows, width)))
    legend = [Column(header, justify=justify) for header, justify in (
        ("lyh.", "left"), ("ohje", "left"), ("kieli", "left"), ("menolajeja", "right"), ("summia", "right"),
        ("päätössääntöjä", "right"), ("varoituksia", "right"))]
    parts.append(TextBlock(plain_table(legend, [[g.code, g.id, g.language, str(g.categories), str(g.amounts),
                                                   str(g.decision_rules), str(len(g.warnings))]
                                                  for g in comparison.guidelines], width)))
    return parts


def _category_table(category: CategoryComparison, comparison: Comparison, width: int) -> list[RenderableType]:
    title = (f"{category_title(category, comparison)} ({category.id}) — kattaa "
             f"{len(category.rows)}/{len(comparison.guidelines)}")
    columns = [Column("Ohje", no_wrap=True), Column("Tuki", justify="center"), Column("Summat", ratio=3),
               Column("Päättää", ratio=2), Column("s.", justify="right")]
    rows = [[row.guideline, support_code(row), format_amounts(row.amounts) or "–",
             format_decisions(row, comparison.labels), format_pages(row.pages)] for row in category.rows]
    lines = [f"Vertailu {group_summary(g)}" for g in category.groups]
    if category.not_comparable:
        lines.append(f"Ei vertailukelpoisia: {not_comparable_summary(category)}")
    return [Styled(title, style="bold"), TextBlock(boxed_table(columns, rows, width)),
            *([Styled("\n".join(lines))] if lines else []), Styled("")]


def _simple_table(title: str, headers: list[str], rows: list[list[str]], note: str = "", width: int = 100
                  ) -> list[RenderableType]:
    return [Styled(title, style="bold"), TextBlock(boxed_table([Column(h) for h in headers], rows, width)),
            Styled(note, style="dim"), Styled("")]




def _terminal_gaps(comparison: Comparison, width: int) -> list[RenderableType]:
    tables = gap_tables(comparison)
    if not tables:
        return [Styled("Aukot: ei aukkoja.", style="bold")]
    return [Styled("Aukot", style="bold")] + [part for t in tables for part in _simple_table(*t, width=width)]


def focus_rows(comparison: Comparison, focus: FocusReport, *, gaps_only: bool = False,
               separator: str = "; ") -> list[list[str]]:
    """`separator` stands between the like-for-like groups of "Muut" (a terminal gives each a line)."""
    total = len(focus.others)
    entries = [e for e in focus.categories if e.flags] if gaps_only else list(focus.categories)
    return [[comparison.labels.category(e.category), focus_ours(e), focus_others(e, separator), focus_rank(e),
             format_deviation(max((c.deviation for c in e.comparisons if c.deviation is not None), key=abs,
                                  default=None)),
             format_decisions(e.ours, comparison.labels) if e.ours else "", focus_notes(e, total)]
            for e in entries]


FOCUS_HEADERS = ["Menolaji", "Tämä ohje", "Muut", "Sija", "Ero", "Päättää", "Huomiot"]


def _focus_title(comparison: Comparison, focus: FocusReport) -> str:
    return (f"{focus.guideline} verrattuna {len(focus.others)} muuhun ohjeeseen "
            f"(kauimpana muista ensin; sija 1 = suurin summa, ero = mediaanista)")


def _terminal_focus(comparison: Comparison, focus: FocusReport, *, gaps_only: bool, width: int
                    ) -> list[RenderableType]:
    # The decision-makers are long and would crowd a terminal; Huomiot still says where we are silent.
    # Each position is in "Muut" already ("sija 2/7"), so the Sija column is left out here too:
    # what remains fits 80 columns without losing a column.
    shown = [i for i, header in enumerate(FOCUS_HEADERS) if header not in ("Päättää", "Sija")]
    longest_word = max((len(w) for e in focus.categories for w in comparison.labels.category(e.category).split()),
                       default=8)
    columns = [Column(FOCUS_HEADERS[i], no_wrap=FOCUS_HEADERS[i] in ("Sija", "Ero"),
                      min_width=min(longest_word, 16) if FOCUS_HEADERS[i] == "Menolaji" else None) for i in shown]
    rows = [[row[i] for i in shown] for row in focus_rows(comparison, focus, gaps_only=gaps_only, separator="\n")]
    return [Styled(_focus_title(comparison, focus), style="bold"), TextBlock(boxed_table(columns, rows, width)),
            Styled(OUTLIER_LEGEND + " " + MOST_LEGEND, style="dim")]


# --- markdown ----------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    """Table-safe markdown: one line, no link, image, raw HTML or emoji from a PDF (CI summaries render it)."""
    return markdown_text(text)


def _md_table(headers: list[str], rows: list[list[str]], align: Sequence[str] | None = None) -> str:
    return markdown_table([_md_cell(h) for h in headers], [[_md_cell(c) for c in row] for row in rows], align)


def to_markdown(comparison: Comparison, *, gaps_only: bool = False) -> str:
    out = [f"## {FINDINGS_TITLE}", ""] + [f"- {_md_cell(sentence)}" for sentence in key_findings(comparison)]
    out += ["", f"# {_headline(comparison)}", ""]
    out += [f"- ohitettu: {_md_cell(source)}: {_md_cell(reason)}" for source, reason in comparison.skipped]
    if comparison.focus:
        focus = comparison.focus
        out += [f"## {_md_cell(_focus_title(comparison, focus))}", "",
                _md_table(FOCUS_HEADERS, focus_rows(comparison, focus, gaps_only=gaps_only)), "",
                OUTLIER_LEGEND + " " + MOST_LEGEND, ""]
        return "\n".join(out)
    if not gaps_only:
        codes = [g.code for g in comparison.guidelines]
        out += ["## Kattavuus", "", MATRIX_LEGEND.replace(", pystyyn kirjoitettuina, jotta matriisi mahtuu "
                                                          "kapeaankin päätteeseen", ""), "",
                _md_table(["Menolaji", *codes, "n"],
                          [[c.label_fi, *(support_code(c.row(g.id)) for g in comparison.guidelines), str(len(c.rows))]
                           for c in comparison.categories],
                          ["left", *["center"] * len(codes), "right"]), "",
                _md_table(["lyh.", "ohje", "kieli", "menolajeja", "summia", "päätössääntöjä", "varoituksia"],
                          [[g.code, g.id, g.language, str(g.categories), str(g.amounts), str(g.decision_rules),
                            str(len(g.warnings))] for g in comparison.guidelines]), "",
                "## Menolajit", "", OUTLIER_LEGEND, ""]
        for category in comparison.covered_categories:
            out += [f"### {_md_cell(category_title(category, comparison))} (`{category.id}`) — kattaa "
                    f"{len(category.rows)}/{len(comparison.guidelines)}", "",
                    _md_table(["Ohje", "Tuki", "Summat", "Päättää", "s."],
                              [[r.guideline, support_code(r), format_amounts(r.amounts) or "–",
                                format_decisions(r, comparison.labels), format_pages(r.pages)] for r in category.rows]),
                    ""]
            out += [f"- Vertailu {_md_cell(group_summary(g))}" for g in category.groups]
            if category.not_comparable:
                out.append(f"- Ei vertailukelpoisia: {_md_cell(not_comparable_summary(category))}")
            out.append("")
    out += ["## Aukot", ""]
    tables = gap_tables(comparison)
    if not tables:
        out += ["Ei aukkoja.", ""]
    for title, headers, rows, note in tables:
        out += [f"### {title}", "", _md_table(headers, rows), "", note, ""]
    return "\n".join(out)


# --- CSV ---------------------------------------------------------------------------------------------


# the columns of one amount: a category covered without an amount leaves exactly these empty
AMOUNT_CELL_HEADERS = ["summa", "yksikkö", "tarkenne", "jakso", "jakson_lähde", "koskee", "henkilöt", "osa",
                       "euroina", "euroina_peruste", "sivu", "summa_tekstinä", "lähdeteksti", "vertailukelpoinen",
                       "ryhmän_mediaani", "poikkeava"]
AMOUNT_HEADERS = ["menolaji_id", "menolaji", "ohje", "kieli", "tukimuoto", "otsikko", *AMOUNT_CELL_HEADERS,
                  "päättää", "päättäjän_lähde"]
PER_SOURCE_NAME = {"sentence": "lause", "section": "kohta", None: None}
GAP_HEADERS = ["aukko", "menolaji_id", "menolaji", "ohje", "lisätieto"]
FOCUS_CELL_HEADERS = ["summa", "yksikkö", "tarkenne", "jakso", "koskee", "henkilöt", "sivu", "muiden_mediaani",
                      "muiden_min", "muiden_max", "sija", "joukosta", "ero_prosenttia"]
FOCUS_TABLE_HEADERS = ["menolaji_id", "menolaji", "kattaa", *FOCUS_CELL_HEADERS, "päättää", "huomiot",
                       "muut_kattavat"]


def amount_rows(comparison: Comparison) -> list[list]:
    """One row per amount (per covered category when it has none): the long table for Excel."""
    rows: list[list] = []
    for category in comparison.covered_categories:
        medians = {g.key: g.median for g in category.groups}
        for row in category.rows:
            heading = " | ".join(s.heading for s in row.sections)
            common = [category.id, category.label_fi, row.guideline, row.language,
                      "/".join(SUPPORT_NAME[s] for s in row.support_types), heading]
            decision = [format_decisions(row, comparison.labels), origin_note(row) or ("menolajin kohta"
                                                                                      if row.decisions else "")]
            if not row.amounts:
                rows.append(common + [None] * len(AMOUNT_CELL_HEADERS) + decision)
                continue
            for amount in row.amounts:
                rows.append(common + _amount_cells(amount, medians.get(amount.key)) + decision)
    return rows


def _amount_cells(amount: PlacedAmount, median: float | None) -> list:
    """One amount's cells, in the order of AMOUNT_CELL_HEADERS."""
    cells = [amount.value, amount.unit, amount.qualifier, amount.per, PER_SOURCE_NAME.get(amount.per_source),
             amount.applies_to, format_persons(amount.persons).replace(NBSP, " ") or None, amount.item,
             amount.eur_value, amount.eur_basis, amount.page, format_amounts([amount]), amount.text,
             "kyllä" if amount.comparable else "ei", median,
             {"high": "suuri", "low": "pieni"}.get(amount.outlier or "", "")]
    assert len(cells) == len(AMOUNT_CELL_HEADERS)
    return cells


def gap_rows(comparison: Comparison) -> list[list]:
    gaps, labels = comparison.gaps, comparison.labels
    rows: list[list] = []
    for m in gaps.missing_common:
        rows += [["useimmat kattavat, tämä ei", m.category, labels.category(m.category), gid,
                  f"kattaa {len(m.covered_by)}/{len(comparison.guidelines)}"] for gid in m.missing]
    rows += [["ei päättäjää koko ohjeessa", None, None, gid, None] for gid in gaps.silent_overall]
    for g in gaps.silent_by_category:
        rows += [["ei päättäjää menolajille", g.category, labels.category(g.category), gid,
                  f"muista {g.others_have} kertoo"] for gid in g.guidelines]
    for g in gaps.without_amount:
        rows += [["ei summaa", g.category, labels.category(g.category), gid, f"muista {g.others_have} antaa summan"]
                 for gid in g.guidelines]
    for gid, warnings in gaps.warnings:
        rows += [["lukuvaroitus", None, None, gid, warning_fi(warning)] for warning in warnings]
    return rows


def focus_table_rows(comparison: Comparison, focus: FocusReport, *, gaps_only: bool = False) -> list[list]:
    rows: list[list] = []
    total = len(focus.others)
    for entry in focus.categories:
        if gaps_only and not entry.flags:
            continue
        common = [entry.category, comparison.labels.category(entry.category), "kyllä" if entry.ours else "ei"]
        tail = [format_decisions(entry.ours, comparison.labels) if entry.ours else None,
                focus_notes(entry, total), ", ".join(entry.others_covering)]
        if not entry.comparisons:
            rows.append(common + [None] * len(FOCUS_CELL_HEADERS) + tail)
        for c in entry.comparisons:
            a = c.amount
            deviation = round(c.deviation * 100, 1) if c.deviation is not None else None
            rows.append(common + [a.value, a.unit, a.qualifier, a.per, a.applies_to,
                                  format_persons(a.persons).replace(NBSP, " ") or None, a.page, c.others_median,
                                  c.others_min, c.others_max, c.rank, c.rank_of, deviation] + tail)
    return rows


def csv_table(comparison: Comparison, *, gaps_only: bool = False) -> tuple[list[str], list[list]]:
    """The one table a CSV holds: focus rows, gaps, or every amount."""
    if comparison.focus:
        return FOCUS_TABLE_HEADERS, focus_table_rows(comparison, comparison.focus, gaps_only=gaps_only)
    if gaps_only:
        return GAP_HEADERS, gap_rows(comparison)
    return AMOUNT_HEADERS, amount_rows(comparison)


def to_csv(comparison: Comparison, *, style: CsvStyle = "finnish", gaps_only: bool = False) -> bytes:
    """Finnish Excel: `;`, decimal comma, UTF-8 with BOM; standard: `,`, decimal point, no BOM."""
    headers, rows = csv_table(comparison, gaps_only=gaps_only)
    finnish = style == "finnish"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if finnish else ",", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(value, finnish) for value in row])
    return ("\ufeff" if finnish else "").encode() + buffer.getvalue().encode("utf-8")


def csv_cell(value, finnish: bool) -> str:
    if value is None:
        return ""
    if type(value) is int:  # a page, a count, a rank: a number, never a formula (and 700 000 cells at scale)
        return str(value)
    if isinstance(value, float):
        value = round(value, 4)  # a median of two sums must not print as 10.070000000000002
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", ",") if finnish else text
    return spreadsheet_text(str(value))


# --- JSON ---------------------------------------------------------------------------------------------


def to_json_text(comparison: Comparison, *, gaps_only: bool = False) -> str:
    return to_json_bytes(comparison, gaps_only=gaps_only).decode()


def to_json_bytes(comparison: Comparison, *, gaps_only: bool = False) -> bytearray:
    return report_json_bytes(comparison.to_json(gaps_only=gaps_only))


# --- XLSX ---------------------------------------------------------------------------------------------


def to_xlsx(comparison: Comparison, *, gaps_only: bool = False) -> bytes:
    """One sheet per table, frozen header row, numbers as numbers (sums in euros with the € format)."""
    book = Workbook()

    def sheet(title: str, headers: list[str], rows: list[list], freeze: str = "A2", widths: dict | None = None,
              wrap: bool = False) -> None:
        book.sheet(title, headers, rows, text=xlsx_cell, number_formats=_number_formats(headers), widths=widths,
                   freeze=freeze, header_wrapped=True, wrap_text=wrap)

    sheet(FINDINGS_TITLE, [FINDINGS_TITLE], [[sentence] for sentence in key_findings(comparison)],
          widths={FINDINGS_TITLE: 140}, wrap=True)
    if comparison.focus:
        sheet("Vertailu", FOCUS_TABLE_HEADERS, focus_table_rows(comparison, comparison.focus, gaps_only=gaps_only))
    sheet("Ohjeet", ["lyh.", "ohje", "tiedosto", "kieli", "julkaisija", "nimi", "voimassa", "menolajeja", "summia",
                     "päätössääntöjä", "varoitukset"],
          [[g.code, g.id, g.file, g.language, g.issuer, g.title, as_date(g.valid_from), g.categories, g.amounts,
            g.decision_rules, " | ".join(warning_fi(w) for w in g.warnings)] for g in comparison.guidelines])
    if not gaps_only:
        ids = [g.id for g in comparison.guidelines]
        sheet("Kattavuus", ["menolaji_id", "menolaji", *ids, "kattaa"],
              [[c.id, c.label_fi, *(support_code(c.row(gid)) if c.row(gid) else "" for gid in ids), len(c.rows)]
               for c in comparison.categories], freeze="C2", widths={gid: 5 for gid in ids})
        sheet("Summat", AMOUNT_HEADERS, amount_rows(comparison), freeze="D2")
        sheet("Yhteenveto", ["menolaji_id", "menolaji", "vertailuryhmä", "yksikkö", "tarkenne", "jakso", "summia",
                             "ohjeita", "min", "mediaani", "max", "poikkeavat"],
              [[c.id, c.label_fi, group_title(g), g.unit, g.qualifier, g.per, g.count,
                len(g.guidelines), g.minimum, g.median, g.maximum,
                ", ".join(f"{v.guideline} {format_number(v.value)}" for v in g.outliers)]
               for c in comparison.covered_categories for g in c.groups])
    sheet("Aukot", GAP_HEADERS, gap_rows(comparison))
    return book.to_bytes()


def _number_formats(headers: list[str]):
    """Each row's number formats: a sum column gets the € format in a row whose unit is euros
    (a percentage or a month's rent is not in euros), `euroina` always."""
    in_euros = [EURO_FORMAT if header in EURO_COLUMNS else None for header in headers]
    otherwise = [EURO_FORMAT if header in ALWAYS_EUROS else None for header in headers]
    if "yksikkö" not in headers:
        return lambda row: otherwise
    unit_column = headers.index("yksikkö")
    return lambda row: in_euros if row[unit_column] == "EUR" else otherwise


# Sums in euros are shown with the € sign (dates get the workbook's date format, d.m.yyyy)
EURO_FORMAT = '#,##0.00 "€"'
EURO_COLUMNS = {"summa", "euroina", "ryhmän_mediaani", "muiden_mediaani", "muiden_min", "muiden_max", "min",
                "mediaani", "max"}
ALWAYS_EUROS = {"euroina"}
# unit, qualifier and period ids shown with their Finnish names in the workbook
XLSX_LABELS = {
    "yksikkö": {"EUR": "€", "percent": "%", "percent_of_basic_amount": "% perusosasta", "months_rent": "kk:n vuokra"},
    "tarkenne": {"max": "enintään", "min": "vähintään", "approx": "noin", "fixed": "kiinteä"},
    "jakso": {"once": "kerta", "month": "kuukausi", "year": "vuosi", "day": "päivä"},
}


def as_date(value: str | None) -> date | str | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return value


def xlsx_cell(value, header: str = ""):
    """Numbers stay numbers; ids get their Finnish names; text that a spreadsheet would run as a
    formula is quoted."""
    value = XLSX_LABELS.get(header, {}).get(value, value) if isinstance(value, str) else value
    return spreadsheet_text(value) if isinstance(value, str) else value


# --- HTML ---------------------------------------------------------------------------------------------


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def to_html(comparison: Comparison, *, gaps_only: bool = False) -> str:
    """One self-contained page: no scripts, no fonts or images from the network."""
    return to_html_bytes(comparison, gaps_only=gaps_only).decode()


def to_html_bytes(comparison: Comparison, *, gaps_only: bool = False) -> bytearray:
    """The page as UTF-8, each section encoded as it is added (no joined copy of a 20 MB page)."""
    body: list[str] = [f"<section id='havainnot'><h2>{esc(FINDINGS_TITLE)}</h2><ul>"
                       + "".join(f"<li>{esc(sentence)}</li>" for sentence in key_findings(comparison))
                       + "</ul></section>",
                       f"<header><h1>{esc(_headline(comparison))}</h1>",
                       f"<p class='note'>{esc(OUTLIER_LEGEND)} {esc(MOST_LEGEND)}</p></header>"]
    if comparison.skipped:
        body.append("<ul class='skipped'>" + "".join(f"<li>ohitettu: {esc(s)}: {esc(r)}</li>"
                                                     for s, r in comparison.skipped) + "</ul>")
    nav = []
    if comparison.focus:
        body.append(_html_focus(comparison, comparison.focus, gaps_only=gaps_only))
        nav.append(("vertailu", "Vertailu"))
    if not gaps_only:
        nav += [("kattavuus", "Kattavuus"), ("menolajit", "Menolajit")]
        body.append(_html_coverage(comparison))
        body.append("<section id='menolajit'><h2>Menolajit</h2>")
        body += [_html_category(c, comparison) for c in comparison.covered_categories]
        body.append("</section>")
    nav.append(("aukot", "Aukot"))
    body.append(_html_gaps(comparison))
    body.append(_html_guidelines(comparison))
    nav.append(("ohjeet", "Ohjeet"))
    links = "".join(f"<a href='#{anchor}'>{esc(text)}</a>" for anchor, text in nav)
    page = bytearray(f"<!DOCTYPE html>\n<html lang='fi'>\n<head>\n<meta charset='utf-8'>\n"
                     f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
                     f"<title>{esc(_headline(comparison))}</title>\n<style>{REPORT_CSS}</style>\n</head>\n<body>\n"
                     f"<nav>{links}</nav>\n<main>\n".encode())
    for section in body:
        page += section.encode() + b"\n"
    page += b"</main>\n</body>\n</html>\n"
    return page


REPORT_CSS = """
:root { --ink: #1b1f23; --muted: #5a6470; --line: #d5dbe1; --accent: #0b5cad; --warn: #b3261e; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
nav { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .4rem .8rem;
      display: flex; gap: 1rem; flex-wrap: wrap; z-index: 2; }
nav a { color: var(--accent); text-decoration: none; font-weight: 600; }
main { max-width: 1100px; margin: 0 auto; padding: .8rem; }
h1 { font-size: 1.4rem; margin: .4rem 0; } h2 { font-size: 1.2rem; margin-top: 2rem;
     border-bottom: 2px solid var(--ink); } h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
.note, .legend { color: var(--muted); font-size: .85rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; margin: .3rem 0 .6rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--bg); }
td.num, th.num { text-align: right; }
.gid { white-space: nowrap; }
table.rows td:nth-child(4) { min-width: 13em; }
table.matrix td, table.matrix th { text-align: center; padding: .15rem .3rem; }
table.matrix th.code { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
table.matrix td.label, table.matrix th.label { text-align: left; position: sticky; left: 0; background: #fff; }
td.sup { color: #1a7f37; font-weight: 700; } td.pre { color: #8250df; font-weight: 700; } td.none { color: #b0b8c1; }
.page { color: var(--muted); font-size: .8em; white-space: nowrap; }
.silent { color: var(--warn); font-style: italic; }
.out { color: var(--warn); font-weight: 700; }
.summary { margin: .2rem 0; font-size: .9rem; }
ul.amounts { margin: 0; padding-left: 1rem; }
svg.chart { width: 100%; min-width: 520px; max-width: 720px; height: auto; display: block; margin: .4rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
@media (max-width: 600px) { body { font-size: 14px; } th, td { padding: .2rem .3rem; } main { padding: .4rem; } }
@media print { nav { display: none; } body { font-size: 10pt; } main { max-width: none; }
  .scroll { overflow: visible; } h2, h3, p.summary { break-after: avoid; } tr, svg { break-inside: avoid; }
  a { color: inherit; } }
"""


def html_table(headers: list[str], rows: list[list[str]], *, cls: str = "", raw: bool = False) -> str:
    """A table; cells are escaped unless `raw` (then the caller escaped them)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell if raw else esc(cell)}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return f"<div class='scroll'><table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _html_coverage(comparison: Comparison) -> str:
    head = ("<th class='label'>Menolaji</th>" + "".join(
        f"<th class='code' title='{esc(g.id)}'>{esc(g.code)}</th>" for g in comparison.guidelines) + "<th>n</th>")
    rows = []
    css = {"T": "sup", "E": "pre", NOT_COVERED: "none"}
    for category in comparison.categories:
        cells = []
        for g in comparison.guidelines:
            code = support_code(category.row(g.id))
            cells.append(f"<td class='{css.get(code, '')}' title='{esc(g.id)}'>{esc(code)}</td>")
        rows.append(f"<tr><td class='label'>{esc(category.label_fi)}</td>{''.join(cells)}"
                    f"<td class='num'>{len(category.rows)}</td></tr>")
    totals = "".join(f"<td>{g.categories}</td>" for g in comparison.guidelines)
    rows.append(f"<tr><th class='label'>menolajeja</th>{totals}<td></td></tr>")
    legend = MATRIX_LEGEND.replace(", pystyyn kirjoitettuina, jotta matriisi mahtuu kapeaankin päätteeseen", "")
    return (f"<section id='kattavuus'><h2>Kattavuus</h2><p class='legend'>{esc(legend)}</p>"
            f"<div class='scroll'><table class='matrix'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div></section>")


def _html_amounts(amounts: Sequence[PlacedAmount], source: str | None = None) -> str:
    """The amounts of a row; each page links to the PDF (`source`, relative to the report) so a
    reader can check the sum with one click."""
    if not amounts:
        return "–"
    lines = []
    for prefix, items in amount_groups(amounts):
        for item in items:
            pages = (", ".join(f"<a href='{esc(_page_link(source, p))}'>{p}</a>" for p in item.pages) if source
                     else esc(format_pages(item.pages)))
            page = f" <span class='page'>s. {pages}</span>" if item.pages else ""
            mark = " class='out'" if "▲" in item.text or "▼" in item.text else ""
            lines.append(f"<li><span{mark}>{esc((prefix + ' ' + item.text).strip())}</span>{page}</li>")
    return "<ul class='amounts'>" + "".join(lines) + "</ul>"


def _page_link(source: str, page: int) -> str:
    return f"{quote(source)}#page={page}"


def _html_decisions(row: Row, comparison: Comparison) -> str:
    if not row.decisions:
        return f"<span class='silent'>{esc(format_decisions(row, comparison.labels))}</span>"
    pages = format_pages(sorted({d.page for d in row.decisions if d.page is not None}))
    page = f" <span class='page'>s. {esc(pages)}</span>" if pages else ""
    return esc(format_decisions(row, comparison.labels)) + page


def _html_category(category: CategoryComparison, comparison: Comparison) -> str:
    rows = [[f"<span class='gid' title='{esc(comparison.guideline(r.guideline).title)}'>{esc(r.guideline)}</span>",
             esc(support_code(r)), esc(" | ".join(s.heading for s in r.sections)),
             _html_amounts(r.amounts, comparison.guideline(r.guideline).file),
             _html_decisions(r, comparison)] for r in category.rows]
    parts = [f"<article class='category' id='m-{esc(category.id)}'>",
             f"<h3>{esc(category_title(category, comparison))} <small>({esc(category.id)}) — kattaa "
             f"{len(category.rows)}/{len(comparison.guidelines)}</small></h3>"]
    for group in category.groups:
        parts.append(f"<p class='summary'>Vertailu {esc(group_summary(group))}</p>")
        focus = comparison.focus.guideline if comparison.focus else None
        parts.append(f"<div class='scroll'>{chart_svg(group, [g.id for g in comparison.guidelines], focus)}</div>")
    if category.not_comparable:
        parts.append(f"<p class='summary'>Ei vertailukelpoisia: {esc(not_comparable_summary(category))}</p>")
    parts.append(html_table(["Ohje", "Tuki", "Otsikko", "Summat", "Päättää"], rows, cls="rows", raw=True))
    parts.append("</article>")
    return "\n".join(parts)


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis end at or above `value` and a round tick step (1, 2, 2.5 or 5 × a power of ten)."""
    if value <= 0:
        return 1.0, 0.25
    magnitude = 10 ** math.floor(math.log10(value / 5))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude * 5 >= value)
    return math.ceil(value / step) * step, step


def chart_svg(group: AmountGroup, order: Sequence[str], focus: str | None = None) -> str:
    """A dot plot: one line per guideline, a dot per amount, the median as a dashed line; the
    focus guideline's line is shaded, its name bold and its dots orange diamonds."""
    shown = set(group.guidelines)
    guidelines = [gid for gid in order if gid in shown]
    values_of: dict[str, list[GroupValue]] = {}
    for value in group.values:
        values_of.setdefault(value.guideline, []).append(value)
    names = {gid: gid if len(gid) <= 30 else gid[:29] + "…" for gid in guidelines}
    row_height, right, top = 22, 24, 26
    left = min(max(80, 7 * max((len(n) for n in names.values()), default=0) + 16), 240)
    width = 720
    height = top + row_height * len(guidelines) + 30
    end, step = nice_ceiling(group.maximum * 1.05)
    scale = (width - left - right) / end

    def x(value: float) -> float:
        return round(left + value * scale, 1)

    label = group_title(group)
    parts = [f"<svg class='chart' viewBox='0 0 {width} {height}' role='img' "
             f"aria-label='{esc(label)}' xmlns='http://www.w3.org/2000/svg'>",
             f"<text x='{left}' y='14' font-weight='600'>{esc(label)}</text>"]
    axis_y = top + row_height * len(guidelines)
    tick = 0.0
    while tick <= end + 1e-9:
        parts.append(f"<line x1='{x(tick)}' y1='{top - 4}' x2='{x(tick)}' y2='{axis_y}' stroke='#e3e7eb'/>"
                     f"<text x='{x(tick)}' y='{axis_y + 16}' text-anchor='middle' fill='#5a6470'>"
                     f"{esc(format_number(tick, money=False))}</text>")
        tick += step
    for index, gid in enumerate(guidelines):
        y = top + row_height * index + row_height / 2
        if gid == focus:
            parts.append(f"<rect class='focus' x='0' y='{y - row_height / 2}' width='{width}' height='{row_height}' "
                         f"fill='#fff1d6'/>")
        weight = " font-weight='700'" if gid == focus else ""
        parts.append(f"<text x='{left - 8}' y='{y + 4}' text-anchor='end'{weight}><title>{esc(gid)}</title>"
                     f"{esc(names[gid])}</text>"
                     f"<line x1='{left}' y1='{y}' x2='{width - right}' y2='{y}' stroke='#f0f2f4'/>")
        for value in values_of[gid]:
            tip = f"{gid}: {value.applies_to + ' ' if value.applies_to else ''}" \
                  f"{format_value(value.value, group.unit, group.per)}" + (f", s. {value.page}" if value.page else "")
            # An outlier is a hollow red ring, so that it also stands out on a grey-scale print.
            style = ("fill='#fff' stroke='#b3261e' stroke-width='2.5'" if value.outlier
                     else "fill='#0b5cad' fill-opacity='0.8' stroke='#fff'")
            if gid == focus:
                fill = "#fff" if value.outlier else "#d9730d"
                stroke = "#b3261e" if value.outlier else "#7a3e00"
                cx = x(value.value)
                parts.append(f"<polygon class='focus' points='{cx},{y - 7} {cx + 7},{y} {cx},{y + 7} {cx - 7},{y}' "
                             f"fill='{fill}' stroke='{stroke}' stroke-width='2'><title>{esc(tip)}</title></polygon>")
                continue
            parts.append(f"<circle cx='{x(value.value)}' cy='{y}' r='5.5' {style}><title>{esc(tip)}</title></circle>")
    median = x(group.median)
    parts.append(f"<line x1='{median}' y1='{top - 6}' x2='{median}' y2='{axis_y}' stroke='#1b1f23' "
                 f"stroke-dasharray='4 3'/><text x='{median + 4}' y='{top - 8}' fill='#1b1f23'>"
                 f"mediaani {esc(format_value(group.median, group.unit))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _html_gaps(comparison: Comparison) -> str:
    parts = ["<section id='aukot'><h2>Aukot</h2>"]
    tables = gap_tables(comparison)
    if not tables:
        parts.append("<p>Ei aukkoja.</p>")
    for title, headers, rows, note in tables:
        parts.append(f"<h3>{esc(title)}</h3><p class='legend'>{esc(note)}</p>{html_table(headers, rows)}")
    parts.append("</section>")
    return "".join(parts)


def _html_guidelines(comparison: Comparison) -> str:
    rows = [[g.code, g.id, g.title or "", g.issuer or "", g.valid_from or "", g.language, str(g.categories),
             str(g.amounts), str(g.decision_rules), " | ".join(warning_fi(w) for w in g.warnings)]
            for g in comparison.guidelines]
    return ("<section id='ohjeet'><h2>Ohjeet</h2>" + html_table(
        ["lyh.", "ohje", "nimi", "julkaisija", "voimassa", "kieli", "menolajeja", "summia", "päätössääntöjä",
         "varoitukset"], rows) + "</section>")


def _html_focus(comparison: Comparison, focus: FocusReport, *, gaps_only: bool) -> str:
    return (f"<section id='vertailu'><h2>{esc(_focus_title(comparison, focus))}</h2>"
            + html_table(FOCUS_HEADERS, focus_rows(comparison, focus, gaps_only=gaps_only)) + "</section>")
