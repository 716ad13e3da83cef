"""A history as people read it: terminal tables, markdown, CSV, XLSX, HTML with a line chart per
category, and JSON.

In Finnish like the other reports (Swedish category names beside for Swedish guidelines). Each
amount is shown with its share of the basic amount in force on the version's date in brackets,
and each series with its change in euros and in real terms, first version to last.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..compare.comparison import Labels
from ..compare.history import (HISTORY_SCHEMA, TIMELINE_KINDS, CategoryTimeline, History,
                               IssuerHistory, Point, RealChange, Series, Span)
from .comparison import (EURO_FORMAT, REPORT_CSS, FINDINGS_TITLE, NBSP, NOT_COVERED, CsvStyle, csv_cell, as_date,
                         html_table, nice_ceiling, xlsx_cell, esc, format_number, format_value, group_label,
                         support_code)
from .diff import change_row, md_cell, md_table
from .jsontext import report_json
from .workbook import Workbook

NO_AMOUNT = "–"
SHARE_LEGEND = ("Suluissa summa prosentteina Kelan perusosasta (yksin asuva, €/kk) ohjeen voimaantulopäivänä "
                "(rules/basic_amounts.toml). Reaalimuutos = osuuden muutos: sama euromäärä korkeamman perusosan "
                f"aikana on reaalinen leikkaus. Muutos ja Reaalisesti: ensimmäisestä viimeiseen versioon; Ennallaan: "
                f"pisin jakso samana pysynyttä summaa. {NOT_COVERED} = menolajia ei mainita, {NO_AMOUNT} = mainitaan "
                "ilman tätä summaa. T = täydentävä, E = ehkäisevä, • = muualla ohjeessa.")
VERSION_HEADERS = ["Ohje", "Voimassa alkaen", "Julkaisija", "Perusosa €/kk"]
EVENT_HEADERS = ["Voimassa alkaen", "Ohje", "Menolaji", "Muutos", "Ennen", "Nyt"]


# --- words and numbers ------------------------------------------------------------------------------


def format_change(change: float | None) -> str:
    """0.167 → "+16,7 %", -0.044 → "−4,4 %", 0 → "±0 %"; "" when unknown."""
    if change is None:
        return ""
    if round(change * 100, 1) == 0:
        return "±0 %"
    sign = "+" if change > 0 else "−"
    return f"{sign}{format_number(round(abs(change) * 100, 1))}{NBSP}%"


def format_share(share: float | None) -> str:
    return f"{format_number(round(share * 100))}{NBSP}%" if share is not None else ""


def series_title(series: Series) -> str:
    title = group_label(series.unit, series.qualifier, series.per, series.persons, series.item)
    return f"{series.label}: {title}" if series.label else title


def point_text(point: Point | None, series: Series) -> str:
    if point is None:
        return NO_AMOUNT
    text = format_value(point.value, series.unit)
    return f"{text} ({format_share(point.share)})" if point.share is not None else text


def category_title(category: CategoryTimeline, issuer: IssuerHistory) -> str:
    """Finnish label, the Swedish one beside it when a version in Swedish covers the category."""
    swedish = any(row and row.language == "sv" for row in category.rows)
    if swedish and category.label_sv and category.label_sv != category.label_fi:
        return f"{category.label_fi} / {category.label_sv}"
    return category.label_fi


def version_names(issuer: IssuerHistory) -> list[str]:
    """Column heads: the year, or the id where a year has two versions."""
    years = [v.year for v in issuer.versions]
    return [v.year if years.count(v.year) == 1 else v.id for v in issuer.versions]


def issuer_title(issuer: IssuerHistory) -> str:
    first, last = issuer.versions[0].year, issuer.versions[-1].year
    count = len(issuer.versions)
    return f"{issuer.name}: {count} {'versio' if count == 1 else 'versiota'} {first}–{last}"


def predecessor_line(issuer: IssuerHistory) -> str:
    """Names the issuers the timeline joins, when there is more than one."""
    seen = issuer.issuers_seen
    if len(seen) < 2:
        return ""
    line = "Aikajana yhdistää julkaisijat: " + " → ".join(seen) + "."
    return f"{line} {issuer.note}" if issuer.note else line


def _span_text(change: RealChange) -> str:
    series, span = change.series, change.span
    versions = change.issuer.versions
    old, new = versions[span.start], versions[span.end]
    nominal = "ennallaan" if span.frozen else f"nimellisesti {format_change(span.change)}"
    return (f"{change.issuer.name}, {change.category.label_fi.lower()} ({series_title(series)}): "
            f"{format_value(span.old.value, series.unit)} ({old.valid_from}) → "
            f"{format_value(span.new.value, series.unit)} ({new.valid_from}), {nominal}, reaalisesti "
            f"{format_change(span.real_change)} (perusosasta {format_share(span.old.share)} → "
            f"{format_share(span.new.share)})")


def key_findings(history: History) -> list[str]:
    """The summary sentences: the size of the history, the largest real-terms cuts and raises,
    the categories dropped, the issuers joined, and what could not be measured."""
    found = []
    versions = [v for i in history.issuers for v in i.versions]
    if not versions:
        return ["Historiassa ei ole yhtään ohjetta."]
    years = sorted(v.year for v in versions)
    found.append(f"Historiassa on {len(history.issuers)} julkaisijaa ja {len(versions)} ohjetta vuosilta "
                 f"{years[0]}–{years[-1]}; yhden version julkaisijoilla ei ole aikajanaa."
                 if any(len(i.versions) == 1 for i in history.issuers) else
                 f"Historiassa on {len(history.issuers)} julkaisijaa ja {len(versions)} ohjetta vuosilta "
                 f"{years[0]}–{years[-1]}.")
    cuts, raises = history.largest_cuts(), history.largest_raises()
    if cuts:
        found.append(f"Suurimmat reaaliset leikkaukset ({len(cuts)}): " + "; ".join(map(_span_text, cuts)) + ".")
    if raises:
        found.append(f"Suurimmat reaaliset korotukset ({len(raises)}): " + "; ".join(map(_span_text, raises)) + ".")
    dropped = history.dropped()
    if dropped:
        found.append("Poistuneet menolajit: " + "; ".join(
            f"{issuer.name}: {category.label_fi.lower()} (viimeksi {issuer.versions[index - 1].id}, "
            f"ei enää {issuer.versions[index].id})" for issuer, category, index in dropped) + ".")
    else:
        found.append("Yksikään menolaji ei poistunut.")
    for issuer in history.issuers:
        line = predecessor_line(issuer)
        if line:
            found.append(f"{issuer.name}: {line[0].lower()}{line[1:]}")
    unknown = [v for v in versions if v.basic_amount is None]
    if unknown:
        found.append("Perusosaa ei ole taulukossa, reaalimuutosta ei laskettu: "
                     + ", ".join(f"{v.id} ({v.valid_from})" for v in unknown) + ".")
    return found


# --- tables (shared by every format) ----------------------------------------------------------------


def version_rows(issuer: IssuerHistory) -> list[list[str]]:
    return [[v.id, v.valid_from, v.issuer + (" (tiedostonimestä)" if v.issuer_from_id else ""),
             format_number(v.basic_amount, money=True) if v.basic_amount is not None else "ei tiedossa"]
            for v in issuer.versions]


def amount_headers(issuer: IssuerHistory) -> list[str]:
    return ["Menolaji", "Summa", *version_names(issuer), *CHANGE_HEADERS]


CHANGE_HEADERS = ["Muutos", "Reaalisesti", "Ennallaan"]


def change_cells(series: Series, issuer: IssuerHistory) -> list[str]:
    """First to last version, in euros and in real terms, and the longest stretch at one value."""
    overall, freeze = series.overall, series.longest_freeze
    frozen = ""
    if freeze:
        frozen = f"{issuer.versions[freeze.start].year}–{issuer.versions[freeze.end].year}"
        if freeze.real_change is not None:
            frozen += f", reaalisesti {format_change(freeze.real_change)}"
    return [format_change(overall.change) if overall else "", format_change(overall.real_change) if overall else "",
            frozen]


def amount_table_rows(issuer: IssuerHistory) -> list[list[str]]:
    """Per category a row of support codes per version, then one row per series."""
    rows = []
    for category in issuer.categories:
        rows.append([category_title(category, issuer), "(kattaa)", *(support_code(r) for r in category.rows),
                     *([""] * len(CHANGE_HEADERS))])
        for series in category.series:
            cells = [point_text(p, series) if row else NOT_COVERED for p, row in zip(series.points, category.rows)]
            rows.append(["", series_title(series), *cells, *change_cells(series, issuer)])
    return rows


def event_rows(issuer: IssuerHistory, labels: Labels) -> list[list[str]]:
    """The timeline: categories added and dropped, support types moved, decision rules changed."""
    rows = []
    for event in issuer.events:
        version = issuer.versions[event.index]
        rows.append([version.valid_from, version.id, *change_row(event.change, labels, version.language)])
    return rows


# --- terminal ---------------------------------------------------------------------------------------


def terminal_report(history: History) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(FINDINGS_TITLE, style="bold")]
    parts += [Text(f"• {sentence}") for sentence in key_findings(history)]
    parts += [Text(f"ohitettu: {source}: {reason}") for source, reason in history.skipped]
    parts.append(Text(SHARE_LEGEND, style="dim"))
    for issuer in history.issuers:
        parts.append(Text(""))
        parts.append(Text(issuer_title(issuer), style="bold"))
        if predecessor_line(issuer):
            parts.append(Text(predecessor_line(issuer)))
        parts.append(_table("", VERSION_HEADERS, version_rows(issuer)))
        parts.append(_table("Summat", amount_headers(issuer), amount_table_rows(issuer)))
        rows = event_rows(issuer, history.labels)
        if rows:
            parts.append(_table("Aikajana: menolajit, tukimuodot ja päätössäännöt", EVENT_HEADERS, rows))
    return parts


def _table(title: str, headers: list[str], rows: list[list[str]]) -> RenderableType:
    table = Table(title=Text(title, style="bold") if title else None, title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return Group(table)


# --- markdown ---------------------------------------------------------------------------------------


def to_markdown(history: History) -> str:
    out = [f"## {FINDINGS_TITLE}", ""] + [f"- {md_cell(sentence)}" for sentence in key_findings(history)]
    out += [f"- ohitettu: {md_cell(source)}: {md_cell(reason)}" for source, reason in history.skipped]
    out += ["", f"# Ohjeiden historia: {len(history.issuers)} julkaisijaa", "", md_cell(SHARE_LEGEND), ""]
    for issuer in history.issuers:
        out += [f"## {md_cell(issuer_title(issuer))}", ""]
        if predecessor_line(issuer):
            out += [md_cell(predecessor_line(issuer)), ""]
        out += [md_table(VERSION_HEADERS, version_rows(issuer)), ""]
        out += ["### Summat", "", md_table(amount_headers(issuer), amount_table_rows(issuer)), ""]
        rows = event_rows(issuer, history.labels)
        if rows:
            out += ["### Aikajana: menolajit, tukimuodot ja päätössäännöt", "", md_table(EVENT_HEADERS, rows), ""]
    return "\n".join(out)


# --- CSV and XLSX -----------------------------------------------------------------------------------

POINT_HEADERS = ["julkaisija", "menolaji_id", "menolaji", "vertailuryhmä", "ohje", "voimassa", "kattaa", "summa",
                 "yksikkö", "tarkenne", "jakso", "henkilöt", "euroina", "perusosa", "osuus_perusosasta",
                 "muutos_edellisestä", "reaalimuutos_edellisestä", "sivu", "teksti"]


def point_rows(history: History) -> list[list]:
    """One row per version and series: the amount, its euros and share, the change from the version
    before that gave one (shares and changes as fractions: 0,05 = 5 %)."""
    rows = []
    for issuer in history.issuers:
        for category in issuer.categories:
            for series in category.series:
                previous: Point | None = None
                for version, row, point in zip(issuer.versions, category.rows, series.points):
                    span = Span(0, 0, previous, point) if previous and point else None
                    amount = point.amount if point else None
                    rows.append([
                        issuer.name, category.id, category.label_fi, series_title(series), version.id,
                        as_date(version.valid_from), support_code(row) if row else "",
                        point.value if point else None, series.unit, series.qualifier, series.per,
                        _persons(series.persons), point.euros if point else None, version.basic_amount,
                        round(point.share, 4) if point and point.share is not None else None,
                        _rounded(span.change) if span else None, _rounded(span.real_change) if span else None,
                        amount.page if amount else None, amount.text if amount else None])
                    previous = point or previous
    return rows


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def _persons(persons) -> str | None:
    if not persons:
        return None
    low, high = persons
    return f"{low}+" if high is None else (str(low) if low == high else f"{low}-{high}")


def to_csv(history: History, *, style: CsvStyle = "finnish") -> bytes:
    """Finnish Excel: `;`, decimal comma, UTF-8 with BOM; standard: `,`, decimal point, no BOM."""
    finnish = style == "finnish"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if finnish else ",", lineterminator="\r\n")
    writer.writerow(POINT_HEADERS)
    for row in point_rows(history):
        writer.writerow([csv_cell(xlsx_cell(value) if isinstance(value, str) else
                                   value.isoformat() if hasattr(value, "isoformat") else value, finnish)
                         for value in row])
    return ("\ufeff" if finnish else "").encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(history: History) -> bytes:
    """Sheets: Keskeiset havainnot, Summat (one row per version and series), Aikajana, Ohjeet."""
    book = Workbook()
    formats = {"summa": "#,##0.00", "euroina": EURO_FORMAT, "perusosa": EURO_FORMAT, "osuus_perusosasta": "0.0 %",
               "muutos_edellisestä": "+0.0 %;-0.0 %;0 %", "reaalimuutos_edellisestä": "+0.0 %;-0.0 %;0 %"}

    def sheet(title: str, headers: list[str], rows: list[list], **options) -> None:
        columns = [formats.get(header) for header in headers]
        book.sheet(title, headers, rows, text=lambda value, header: xlsx_cell(value),
                   number_formats=lambda row: columns, **options)

    sheet(FINDINGS_TITLE, [FINDINGS_TITLE], [[s] for s in key_findings(history)], widths={FINDINGS_TITLE: 140},
          wrap_text=True)
    sheet("Summat", POINT_HEADERS, point_rows(history))
    sheet("Aikajana", ["julkaisija", *EVENT_HEADERS],
          [[issuer.name, *row] for issuer in history.issuers for row in event_rows(issuer, history.labels)])
    sheet("Ohjeet", ["julkaisija", *VERSION_HEADERS],
          [[issuer.name, *row] for issuer in history.issuers for row in version_rows(issuer)])
    return book.to_bytes()


# --- JSON -------------------------------------------------------------------------------------------


def to_json(history: History) -> dict:
    """The whole history as JSON-ready data (shape documented in the README)."""
    return {
        "schema": HISTORY_SCHEMA,
        "timeline_kinds": list(TIMELINE_KINDS),
        "skipped": [{"input": source, "reason": reason} for source, reason in history.skipped],
        "issuers": [_issuer_json(issuer) for issuer in history.issuers],
    }


def _issuer_json(issuer: IssuerHistory) -> dict:
    return {
        "key": issuer.key, "name": issuer.name, "issuers_seen": list(issuer.issuers_seen), "note": issuer.note,
        "versions": [asdict(v) for v in issuer.versions],
        "categories": [{
            "id": c.id, "label": {"fi": c.label_fi, "sv": c.label_sv},
            "covered": [list(r.support_types) if r else None for r in c.rows],
            "added_in": [issuer.versions[i].id for i in c.added],
            "dropped_in": [issuer.versions[i].id for i in c.dropped],
            "series": [_series_json(s, issuer) for s in c.series],
        } for c in issuer.categories],
        "events": [{"version": issuer.versions[e.index].id, **e.change.to_json()} for e in issuer.events],
    }


def _series_json(series: Series, issuer: IssuerHistory) -> dict:
    overall = series.overall
    return {
        "unit": series.unit, "qualifier": series.qualifier, "per": series.per,
        "persons": list(series.persons) if series.persons else None, "item": series.item, "label": series.label,
        "points": [None if p is None else {
            "value": p.value, "eur_value": p.euros, "share_of_basic_amount": _rounded(p.share),
            "applies_to": p.amount.applies_to, "page": p.amount.page, "text": p.amount.text,
            "converted": p.amount.converted} for p in series.points],
        "spans": [_span_json(s, issuer) for s in series.spans],
        "longest_freeze": _span_json(series.longest_freeze, issuer) if series.longest_freeze else None,
        "overall": _span_json(overall, issuer) if overall else None,
    }


def _span_json(span: Span, issuer: IssuerHistory) -> dict:
    return {"from": issuer.versions[span.start].id, "to": issuer.versions[span.end].id, "frozen": span.frozen,
            "change": _rounded(span.change), "real_change": _rounded(span.real_change)}


def to_json_text(history: History) -> str:
    return report_json(to_json(history))


# --- HTML -------------------------------------------------------------------------------------------

_HISTORY_CSS = """
svg.line { width: 100%; max-width: 440px; height: auto; display: block; margin: .4rem 0; flex: 1 1 320px; }
.charts { display: flex; flex-wrap: wrap; gap: 0 1rem; }
td.frozen { color: var(--warn); }
"""
COLOURS = ("#0b5cad", "#b3261e", "#1a7f37", "#8250df", "#9a6700", "#0a7d8c", "#5a6470", "#c2185b")


def to_html(history: History) -> str:
    """One self-contained page: no scripts, no fonts or images from the network."""
    title = f"Ohjeiden historia: {len(history.issuers)} julkaisijaa"
    body = [f"<section id='havainnot'><h2>{esc(FINDINGS_TITLE)}</h2><ul>"
            + "".join(f"<li>{esc(s)}</li>" for s in key_findings(history)) + "</ul></section>",
            f"<header><h1>{esc(title)}</h1><p class='note'>{esc(SHARE_LEGEND)}</p></header>"]
    if history.skipped:
        body.append("<ul class='skipped'>" + "".join(f"<li>ohitettu: {esc(s)}: {esc(r)}</li>"
                                                     for s, r in history.skipped) + "</ul>")
    nav = []
    for number, issuer in enumerate(history.issuers, start=1):
        anchor = f"j{number}"
        nav.append((anchor, issuer.name))
        body.append(_html_issuer(issuer, anchor, history.labels))
    links = "".join(f"<a href='#{a}'>{esc(t)}</a>" for a, t in nav)
    return (f"<!DOCTYPE html>\n<html lang='fi'>\n<head>\n<meta charset='utf-8'>\n"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
            f"<title>{esc(title)}</title>\n<style>{REPORT_CSS}{_HISTORY_CSS}</style>\n</head>\n<body>\n"
            f"<nav>{links}</nav>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _html_issuer(issuer: IssuerHistory, anchor: str, labels: Labels) -> str:
    parts = [f"<section id='{anchor}'><h2>{esc(issuer_title(issuer))}</h2>"]
    if predecessor_line(issuer):
        parts.append(f"<p>{esc(predecessor_line(issuer))}</p>")
    parts.append(html_table(VERSION_HEADERS, version_rows(issuer)))
    for category in issuer.categories:
        parts.append(f"<h3>{esc(category_title(category, issuer))} <small>({esc(category.id)})</small></h3>")
        charted = [s for s in category.series if any(p and p.euros is not None for p in s.points)]
        if charted and len(issuer.versions) > 1:
            parts.append("<div class='charts'>"
                         + line_chart(issuer, charted, lambda p: p.euros, "euroa", money=True)
                         + (line_chart(issuer, charted, lambda p: p.share * 100 if p.share is not None else None,
                                       "% perusosasta") if any(p and p.share for s in charted for p in s.points)
                            else "")
                         + "</div>")
        names = version_names(issuer)
        rows = [["kattaa", *(support_code(r) for r in category.rows), *([""] * len(CHANGE_HEADERS))]]
        for series in category.series:
            rows.append([series_title(series),
                         *(point_text(p, series) if r else NOT_COVERED for p, r in zip(series.points, category.rows)),
                         *change_cells(series, issuer)])
        parts.append(html_table(["Summa", *names, *CHANGE_HEADERS], rows))
    rows = event_rows(issuer, labels)
    if rows:
        parts.append(f"<h3>Aikajana: menolajit, tukimuodot ja päätössäännöt</h3>{html_table(EVENT_HEADERS, rows)}")
    parts.append("</section>")
    return "\n".join(parts)


def line_chart(issuer: IssuerHistory, series_list: Sequence[Series], value, unit_name: str, *,
               money: bool = False) -> str:
    """Lines over time, x by date: one line per series, a dot per version that gives the amount."""
    from datetime import date

    days = [date.fromisoformat(v.valid_from).toordinal() for v in issuer.versions]
    first, last = min(days), max(days)
    values = [value(p) for s in series_list for p in s.points if p is not None and value(p) is not None]
    if not values:
        return ""
    end, step = nice_ceiling(max(values) * 1.08)
    width, height, left, right, top, bottom = 380, 230, 52, 14, 26, 40
    legend_height = 16 * len(series_list)
    plot_h = height - top - bottom

    def x(day: int) -> float:
        return round(left + (day - first) / max(last - first, 1) * (width - left - right), 1)

    def y(number: float) -> float:
        return round(top + plot_h - number / end * plot_h, 1)

    parts = [f"<svg class='line' viewBox='0 0 {width} {height + legend_height}' role='img' "
             f"aria-label='{esc(unit_name)}' xmlns='http://www.w3.org/2000/svg'>",
             f"<text x='{left}' y='14' font-weight='600'>{esc(unit_name)}</text>"]
    tick = 0.0
    while tick <= end + 1e-9:
        parts.append(f"<line x1='{left}' y1='{y(tick)}' x2='{width - right}' y2='{y(tick)}' stroke='#e3e7eb'/>"
                     f"<text x='{left - 4}' y='{y(tick) + 4}' text-anchor='end' fill='#5a6470'>"
                     f"{esc(format_number(tick))}</text>")
        tick += step
    for version, day in zip(issuer.versions, days):
        parts.append(f"<text x='{x(day)}' y='{top + plot_h + 16}' text-anchor='middle' fill='#5a6470'>"
                     f"{esc(version.year)}</text>")
    for number, series in enumerate(series_list):
        colour = COLOURS[number % len(COLOURS)]
        dots = [(x(day), y(value(p)), p, v) for day, p, v in zip(days, series.points, issuer.versions)
                if p is not None and value(p) is not None]
        if len(dots) > 1:
            path = " ".join(f"{px},{py}" for px, py, _, _ in dots)
            parts.append(f"<polyline points='{path}' fill='none' stroke='{colour}' stroke-width='2'/>")
        for px, py, point, version in dots:
            tip = f"{version.id}: {format_value(point.value, series.unit)}" + (
                f" = {format_share(point.share)} perusosasta" if point.share is not None else "")
            parts.append(f"<circle cx='{px}' cy='{py}' r='4' fill='{colour}'><title>{esc(tip)}</title></circle>")
        legend_y = height + 16 * number + 2
        parts.append(f"<rect x='{left}' y='{legend_y - 9}' width='12' height='4' fill='{colour}'/>"
                     f"<text x='{left + 18}' y='{legend_y - 3}'>{esc(series_title(series))}</text>")
    parts.append("</svg>")
    return "".join(parts)
