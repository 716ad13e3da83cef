"""A diff or a check report as people read it: a terminal table, markdown (a CI job summary), JSON.

In Finnish like the comparison reports, with the same compact amount form ("enint. 400 € kerta")
and every changed value followed by its page in the old and in the new PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..compare.check import CheckReport, CheckResult
from ..compare.comparison import Labels
from ..compare.diff import Change, GuidelineDiff
from .comparison import QUALIFIER_PREFIX, SUPPORT_NAME, format_value
from ..model import Amount, CategoryDecision, CategoryResult, DocumentDecision, SectionRef
from .jsontext import report_json
from .markdown import markdown_table
from .safe import markdown_text

HEADERS = ["Menolaji", "Muutos", "Ennen", "Nyt"]
NOTHING = "–"

WHAT = {
    "category_added": "menolaji lisätty",
    "category_removed": "menolaji poistettu",
    "support_type_changed": "tukimuoto muuttui",
    "section_renamed": "otsikko muuttui",
    "section_added": "otsikko lisätty",
    "section_removed": "otsikko poistettu",
    "amount_changed": "summa muuttui",
    "amount_added": "summa lisätty",
    "amount_removed": "summa poistettu",
    "decision_changed": "päätössääntö muuttui",
    "decision_added": "päätössääntö lisätty",
    "decision_removed": "päätössääntö poistettu",
}
GUIDELINE_FIELD_NAME = {"title": "nimi", "issuer": "julkaisija", "valid_from": "voimassa alkaen", "language": "kieli"}
STATUS_NAME = {"same": "ennallaan", "changed": "muuttunut", "new": "uusi", "broken": "puutteellinen",
               "no_baseline": "ei vertailukohtaa", "failed": "virhe"}
# the same after a count of two or more ("3 uutta", "2 muuttunutta"; "1 uusi")
STATUS_COUNTED = {"same": "ennallaan", "changed": "muuttunutta", "new": "uutta", "broken": "puutteellista",
                  "no_baseline": "ilman vertailukohtaa", "failed": "virhettä"}


# --- one change as words --------------------------------------------------------------------------


def change_row(change: Change, labels: Labels, language: str = "fi") -> list[str]:
    """[category, what changed, before, now] for one change."""
    if change.kind == "guideline_changed":
        field = GUIDELINE_FIELD_NAME.get(change.field or "", change.field or "")
        return ["(ohje)", f"{field} muuttui", change.old or NOTHING, change.new or NOTHING]
    where = "(koko ohje)" if change.category is None else labels.category(change.category, language)
    if change.kind == "support_type_changed":
        return [where, WHAT[change.kind], SUPPORT_NAME[change.old], SUPPORT_NAME[change.new]]
    return [where, WHAT[change.kind], _value_text(change.old, labels, language),
            _value_text(change.new, labels, language)]


def _value_text(value, labels: Labels, language: str) -> str:
    if value is None:
        return NOTHING
    if isinstance(value, Amount):
        return f"{amount_text(value)} (s. {value.page})"
    if isinstance(value, (CategoryDecision, DocumentDecision)):
        return f"{decision_text(value, labels, language)} (s. {value.page})"
    if isinstance(value, SectionRef):
        return f"{value.heading} (s. {value.page})"
    if isinstance(value, CategoryResult):
        return category_text(value, labels, language)
    raise TypeError(f"no words for {type(value).__name__}")


def amount_text(amount: Amount) -> str:
    """"enint. yhden hengen talous 300 € kerta"."""
    parts = [QUALIFIER_PREFIX.get(amount.qualifier, ""), amount.applies_to or "",
             format_value(amount.value, amount.unit, amount.per)]
    return " ".join(p for p in parts if p)


def decision_text(decision: CategoryDecision | DocumentDecision, labels: Labels, language: str) -> str:
    """"sosiaaliohjaaja (enintään 800 euroa) [täydentävä]"."""
    text = labels.role(decision.role, language)
    if decision.condition:
        text += f" ({decision.condition})"
    scope = getattr(decision, "scope", None)
    if scope:
        text += f" [{SUPPORT_NAME[scope] if scope in SUPPORT_NAME else labels.category(scope, language)}]"
    return text


def category_text(category: CategoryResult, labels: Labels, language: str) -> str:
    """Where a whole category stands and what it says, for one that was added or removed."""
    headings = "; ".join(f"{s.heading} (s. {s.page})" for s in category.sections) or labels.category(
        category.id, language)
    said = [amount_text(a) for a in category.amounts]
    said += [f"päättää {decision_text(d, labels, language)}" for d in category.decision_makers]
    return f"{headings}: {', '.join(said)}" if said else headings


def diff_title(diff: GuidelineDiff) -> str:
    if diff.old.id == diff.new.id:
        return f"Muutokset: {diff.new.id}"
    return f"Muutokset: {diff.old.id} → {diff.new.id}"


def diff_subtitle(diff: GuidelineDiff) -> str:
    def version(info) -> str:
        return f"{info.file} ({info.valid_from})" if info.valid_from else info.file

    count = len(diff.changes)
    summary = "ei muutoksia" if not count else ("1 muutos" if count == 1 else f"{count} muutosta")
    return f"{version(diff.old)} → {version(diff.new)}: {summary}"


# --- terminal -------------------------------------------------------------------------------------


def diff_renderables(diff: GuidelineDiff, labels: Labels) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(diff_title(diff), style="bold"), Text(diff_subtitle(diff))]
    if diff.changes:
        table = Table(show_lines=False)
        for header in HEADERS:
            table.add_column(header, overflow="fold")
        for change in diff.changes:
            table.add_row(*(Text(cell) for cell in change_row(change, labels, diff.new.language)))
        parts.append(table)
    return parts


def check_renderables(report: CheckReport, labels: Labels) -> list[RenderableType]:
    table = Table(title=Text(check_title(report), style="bold"), title_justify="left")
    for header in ("Ohje", "Tiedosto", "Tila", "Muutoksia", "Huom."):
        table.add_column(header, overflow="fold")
    for result in report.results:
        table.add_row(*(Text(cell) for cell in check_row(result)))
    parts: list[RenderableType] = [table]
    for result in report.results:
        if result.diff and result.diff.changes:
            parts.append(Group(Text(""), *diff_renderables(result.diff, labels)))
    return parts


# --- check report rows ----------------------------------------------------------------------------


def check_title(report: CheckReport) -> str:
    counts: dict[str, int] = {}
    for result in report.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    tally = ", ".join(f"{n} {(STATUS_NAME if n == 1 else STATUS_COUNTED)[s]}" for s, n in counts.items())
    total = len(report.results)
    return f"Tarkistus vertailukohtia vasten ({report.baseline_dir}/): {total} {'ohje' if total == 1 else 'ohjetta'}" + (
        f"; {tally}" if tally else "")


def check_row(result: CheckResult) -> list[str]:
    status = STATUS_NAME[result.status]
    if result.updated:
        status += " → vertailukohta kirjoitettu"
    changes = str(len(result.diff.changes)) if result.diff else NOTHING
    return [result.guideline_id or NOTHING, result.source, status, changes, result.message or ""]


# --- markdown -------------------------------------------------------------------------------------


def md_cell(text: str) -> str:
    """Table-safe markdown: one line, no link, image, raw HTML or emoji from a PDF (CI summaries render it)."""
    return markdown_text(text)


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    return markdown_table([md_cell(h) for h in headers], [[md_cell(c) for c in row] for row in rows])


def diff_markdown(diff: GuidelineDiff, labels: Labels, *, level: int = 1) -> str:
    lines = [f"{'#' * level} {md_cell(diff_title(diff))}", "", md_cell(diff_subtitle(diff)), ""]
    if diff.changes:
        lines += [md_table(HEADERS, [change_row(c, labels, diff.new.language) for c in diff.changes]), ""]
    return "\n".join(lines)


def check_markdown(report: CheckReport, labels: Labels) -> str:
    lines = [f"## {md_cell(check_title(report))}", "",
             md_table(["Ohje", "Tiedosto", "Tila", "Muutoksia", "Huom."], [check_row(r) for r in report.results]),
             ""]
    for result in report.results:
        if result.diff and result.diff.changes:
            lines.append(diff_markdown(result.diff, labels, level=3))
    return "\n".join(lines)


# --- JSON -----------------------------------------------------------------------------------------


def json_text(data: GuidelineDiff | CheckReport) -> str:
    return report_json(data.to_json())
