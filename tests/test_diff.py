"""diff and check: each kind of change is reported, each kind of noise is not, and the exit codes hold.

Most tests build small extraction records by hand. The end-to-end tests at the bottom use the
version pair in guidelines/versions/ (Jyväskylä 2021, a later version of the bundled Jyväskylä 2020
with planned changes, and Jyväskylä 2020 rendered by LibreOffice instead of Chromium); those that
read the PDFs need a working extractor and are marked `needs_extractor`.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import committed
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from guidecmp.app.service import check_records
from guidecmp.cli import app
from guidecmp.compare.comparison import Labels
from guidecmp.compare.diff import diff_extractions, diff_records, heading_key
from guidecmp.report.diff import check_markdown, diff_markdown, diff_renderables
from guidecmp.model import (Amount, CategoryDecision, CategoryResult, DocumentDecision, Extraction, GuidelineInfo,
                            SectionRef)

REPO = Path(__file__).resolve().parent.parent
EXPECTED = REPO / "tests" / "expected"
VERSIONS = REPO / "guidelines" / "versions"
OLD_PDF = REPO / "guidelines" / "Jyväskylä 2020.pdf"
NEW_PDF = VERSIONS / "Jyväskylä 2021.pdf"
OTHER_RENDERING_PDF = VERSIONS / "Jyväskylä 2020 libreoffice.pdf"

# What guidelines/versions/sources/jyvaskyla-2021.md changes, and nothing else (a reflowed
# paragraph, renumbered headings 2.7-2.8 → 2.6-2.7, a new running header and cover are noise).
PLANNED_CHANGES = {
    ("guideline_changed", None, "2020-01-01", "2021-01-01"),
    ("amount_changed", "acute_crisis", 600.0, 700.0),
    ("amount_changed", "household_startup", 300.0, 350.0),
    ("amount_changed", "child_hobbies", 150.0, 200.0),
    ("decision_changed", "funeral_costs", "sosiaalityontekija", "sosiaaliohjaaja"),
    ("category_removed", "eyeglasses", None, None),
    ("category_added", "id_documents", None, None),
}

def needs_extractor(test):
    """Tests on the committed version pair: a missing PDF fails them instead of skipping."""
    def checked(*args, **kwargs):
        for pdf in (OLD_PDF, NEW_PDF, OTHER_RENDERING_PDF):
            committed(pdf)
        return test(*args, **kwargs)
    return functools.wraps(test)(checked)


# --- hand-made records ------------------------------------------------------------------------------


def amount(value, *, qualifier="max", per="once", applies_to=None, unit="EUR", page=3, text=None) -> Amount:
    return Amount(value=float(value), unit=unit, qualifier=qualifier, per=per, applies_to=applies_to, page=page,
                  text=text or f"enintään {value} euroa")


def decision(role, condition=None, page=3, text=None) -> CategoryDecision:
    return CategoryDecision(role=role, condition=condition, page=page, text=text or f"{role} päättää.")


def category(cid, heading, *amounts, decisions=(), support_type="supplementary", page=3) -> CategoryResult:
    return CategoryResult(id=cid, support_type=support_type, sections=[SectionRef(heading, page)],
                          amounts=list(amounts), decision_makers=list(decisions))


def info(**changes) -> GuidelineInfo:
    base = GuidelineInfo(id="koivula-2021", file="Koivula 2021.pdf", sha256="a" * 64, pages=12, language="fi",
                         issuer="Koivulan kaupunki", title="Täydentävän toimeentulotuen soveltamisohje",
                         valid_from="2021-01-01")
    return replace(base, **changes)


def sample() -> Extraction:
    return Extraction(
        guideline=info(),
        categories=[
            category("household_startup", "3.1 Kodinhankinnat",
                     amount(300, applies_to="1 hlö", qualifier="fixed"),
                     amount(400, applies_to="2 hlö", qualifier="fixed"),
                     decisions=[decision("sosiaaliohjaaja", "enintään 500 euroa")]),
            category("child_hobbies", "3.2 Lasten harrastusmenot", amount(150, per="year", applies_to="lapsi")),
            category("funeral_costs", "3.3 Hautauskulut", amount(1200, per=None),
                     decisions=[decision("sosiaalityontekija")]),
            category("eviction_threat", "4.1 Vuokrarästit", amount(2, unit="months_rent", per=None),
                     support_type="preventive"),
        ],
        decision_makers=[DocumentDecision("sosiaaliohjaaja", "supplementary", "enintään 800 euroa", 9,
                                          "Sosiaaliohjaaja päättää täydentävästä tuesta enintään 800 euroon asti."),
                         DocumentDecision("sosiaalityontekija", "preventive", None, 9,
                                          "Ehkäisevästä tuesta päättää sosiaalityöntekijä.")],
    )


def edited(extraction: Extraction, category_id: str, **changes) -> Extraction:
    """A copy with one category replaced by a changed copy of it."""
    result = copy.deepcopy(extraction)
    result.categories = [replace(c, **changes) if c.id == category_id else c for c in result.categories]
    return result


def cat(extraction: Extraction, category_id: str) -> CategoryResult:
    return next(c for c in extraction.categories if c.id == category_id)


def kinds(diff) -> list[tuple[str, str | None]]:
    return [(c.kind, c.category) for c in diff.changes]


# --- nothing changed, or only noise ------------------------------------------------------------------


def test_same_record_has_no_changes():
    diff = diff_extractions(sample(), sample())
    assert diff.is_empty and diff.changes == ()
    assert diff.to_json()["identical"] is True and diff.to_json()["changes"] == []


def test_noise_is_ignored():
    """Another rendering or a reprint: pages, file, numbering, case, spacing, wording of the same amount."""
    old = sample()
    new = copy.deepcopy(old)
    new.guideline = info(file="Koivula 2021 (uusi painos).pdf", id="koivula-2021-uusi", sha256="b" * 64, pages=14,
                         title="TÄYDENTÄVÄN  toimeentulotuen\nsoveltamisohje")
    shifted = []
    for c in new.categories:
        heading = c.sections[0].heading
        renumbered = {"3.1 Kodinhankinnat": "5.1. KODINHANKINNAT", "3.2 Lasten harrastusmenot":
                      "V Lasten harrastus-menot", "3.3 Hautauskulut": "c) Hautauskulut",
                      "4.1 Vuokrarästit": "6.1 Vuokra­rästit"}[heading]
        shifted.append(replace(
            c, sections=[SectionRef(renumbered, c.sections[0].page + 2)],
            amounts=[replace(a, page=a.page + 2, text=a.text.replace("enintään", "korkeintaan"))
                     for a in reversed(c.amounts)],
            decision_makers=[replace(d, page=d.page + 1, text=d.text.upper() + "  ") for d in c.decision_makers]))
    new.categories = shifted
    new.decision_makers = [replace(d, page=d.page + 3, condition=d.condition and d.condition.replace("euroa", "€"))
                           for d in old.decision_makers]
    new.unmatched_sections = [SectionRef("7 Muutoksenhaku", 13)]
    new.warnings = ["page 3: running header differs"]
    diff = diff_extractions(old, new)
    assert diff.is_empty, [c.to_json() for c in diff.changes]


def test_repeated_amount_or_rule_counts_once():
    old = sample()
    funeral = cat(old, "funeral_costs")
    new = edited(old, "funeral_costs", amounts=funeral.amounts * 2, decision_makers=funeral.decision_makers * 2)
    assert diff_extractions(old, new).is_empty


def test_condition_compared_by_its_amount():
    old = sample()
    new = copy.deepcopy(old)
    new.decision_makers[0] = replace(new.decision_makers[0], condition="enintään 800 €")
    assert diff_extractions(old, new).is_empty
    new.decision_makers[0] = replace(new.decision_makers[0], condition="enintään 1 000 euroa")
    assert kinds(diff_extractions(old, new)) == [("decision_changed", None)]


@pytest.mark.parametrize("heading", ["3.1 Kodinhankinnat", "3.1. Kodinhankinnat", "III Kodinhankinnat",
                                     "a) Kodinhankinnat", "  KODIN­HANKINNAT ", "12.4.1 Kodin-hankinnat"])
def test_heading_key_ignores_numbering_case_and_hyphenation(heading):
    assert heading_key(heading) == heading_key("Kodinhankinnat")


# --- each kind of change ------------------------------------------------------------------------------


def test_category_added_and_removed():
    old = sample()
    new = copy.deepcopy(old)
    new.categories = [c for c in new.categories if c.id != "child_hobbies"]
    new.categories.insert(1, category("eyeglasses", "3.2 Silmälasit", amount(150, per=None)))
    diff = diff_extractions(old, new)
    assert kinds(diff) == [("category_removed", "child_hobbies"), ("category_added", "eyeglasses")]
    removed, added = diff.changes
    assert removed.old.id == "child_hobbies" and removed.new is None
    assert added.new.amounts[0].value == 150 and added.old is None


def test_amount_changed_keeps_both_pages():
    old = sample()
    new = edited(old, "funeral_costs", amounts=[amount(1300, per=None, page=7)])
    (change,) = diff_extractions(old, new).changes
    assert (change.kind, change.category) == ("amount_changed", "funeral_costs")
    assert (change.old.value, change.old.page, change.new.value, change.new.page) == (1200, 3, 1300, 7)
    assert change.changed_fields == ("value",)
    assert change.to_json()["changed_fields"] == ["value"]


def test_amounts_pair_by_who_they_are_for_before_closeness():
    """1 hlö 300 → 420 and 2 hlö 400 → 450: closeness alone would pair 400 with 420."""
    old = sample()
    new = edited(old, "household_startup", amounts=[amount(420, applies_to="1 hlö", qualifier="fixed"),
                                                    amount(450, applies_to="2 hlö", qualifier="fixed")])
    pairs = {(c.old.applies_to, c.old.value, c.new.value) for c in diff_extractions(old, new).changes}
    assert pairs == {("1 hlö", 300, 420), ("2 hlö", 400, 450)}


def test_amounts_pair_by_period_then_by_closeness():
    old = edited(sample(), "child_hobbies", amounts=[amount(100, per="year"), amount(200, per="year"),
                                                     amount(1000, per="year"), amount(50, per="month")])
    new = edited(old, "child_hobbies", amounts=[amount(60, per="month"), amount(1100, per="year"),
                                                amount(110, per="year")])
    changes = diff_extractions(old, new).changes
    changed = {(c.old.value, c.new.value) for c in changes if c.kind == "amount_changed"}
    assert changed == {(100, 110), (1000, 1100), (50, 60)}
    assert [(c.kind, c.old.value) for c in changes if c.kind != "amount_changed"] == [("amount_removed", 200)]


def test_qualifier_or_period_change_is_a_changed_amount():
    old = sample()
    new = edited(old, "funeral_costs", amounts=[amount(1200, per=None, qualifier="fixed")])
    (change,) = diff_extractions(old, new).changes
    assert change.kind == "amount_changed" and change.changed_fields == ("qualifier",)
    new = edited(old, "child_hobbies", amounts=[amount(150, per="month", applies_to="lapsi")])
    (change,) = diff_extractions(old, new).changes
    assert change.kind == "amount_changed" and change.changed_fields == ("per",)


def test_a_new_unit_is_another_amount():
    old = sample()
    new = edited(old, "funeral_costs", amounts=[amount(50, unit="percent_of_basic_amount", per=None)])
    assert kinds(diff_extractions(old, new)) == [("amount_removed", "funeral_costs"),
                                                 ("amount_added", "funeral_costs")]


def test_amount_added_and_removed():
    old = sample()
    hobbies = cat(old, "child_hobbies")
    new = edited(old, "child_hobbies", amounts=[*hobbies.amounts, amount(50, unit="percent", per=None)])
    (change,) = diff_extractions(old, new).changes
    assert change.kind == "amount_added" and change.new.unit == "percent"
    (change,) = diff_extractions(new, old).changes
    assert change.kind == "amount_removed" and change.old.unit == "percent"


def test_category_decision_changes():
    old = sample()
    role = edited(old, "funeral_costs", decision_makers=[decision("sosiaaliohjaaja")])
    (change,) = diff_extractions(old, role).changes
    assert (change.kind, change.changed_fields) == ("decision_changed", ("role",))
    limit = edited(old, "household_startup", decision_makers=[decision("sosiaaliohjaaja", "enintään 700 euroa")])
    (change,) = diff_extractions(old, limit).changes
    assert (change.kind, change.changed_fields) == ("decision_changed", ("condition",))
    assert (change.old.condition, change.new.condition) == ("enintään 500 euroa", "enintään 700 euroa")
    extra = edited(old, "child_hobbies", decision_makers=[decision("johtava_sosiaalityontekija", "yli 300 euroa")])
    assert kinds(diff_extractions(old, extra)) == [("decision_added", "child_hobbies")]
    assert kinds(diff_extractions(extra, old)) == [("decision_removed", "child_hobbies")]


def test_document_decision_scope_changed():
    old = sample()
    new = copy.deepcopy(old)
    new.decision_makers[1] = replace(new.decision_makers[1], scope=None)
    (change,) = diff_extractions(old, new).changes
    assert (change.kind, change.category, change.changed_fields) == ("decision_changed", None, ("scope",))
    assert (change.old.scope, change.new.scope) == ("preventive", None)


def test_support_type_moved():
    old = sample()
    new = edited(old, "eviction_threat", support_type="supplementary")
    (change,) = diff_extractions(old, new).changes
    assert (change.kind, change.category, change.old, change.new) == (
        "support_type_changed", "eviction_threat", "preventive", "supplementary")
    assert "| ehkäisevä " in diff_markdown(diff_extractions(old, new), labels())


def test_section_renamed_beyond_numbering():
    old = sample()
    new = edited(old, "household_startup", sections=[SectionRef("5.1 Kodin perustaminen", 4)])
    (change,) = diff_extractions(old, new).changes
    assert change.kind == "section_renamed"
    assert (change.old.heading, change.new.heading) == ("3.1 Kodinhankinnat", "5.1 Kodin perustaminen")
    both = edited(old, "household_startup", sections=[SectionRef("3.1 Kodinhankinnat", 3),
                                                      SectionRef("3.9 Huonekalut", 5)])
    assert kinds(diff_extractions(old, both)) == [("section_added", "household_startup")]


def test_guideline_fields():
    old = sample()
    new = copy.deepcopy(old)
    new.guideline = info(valid_from="2022-03-01", issuer="Koivulan hyvinvointialue")
    changes = diff_extractions(old, new).changes
    assert [(c.kind, c.field, c.old, c.new) for c in changes] == [
        ("guideline_changed", "issuer", "Koivulan kaupunki", "Koivulan hyvinvointialue"),
        ("guideline_changed", "valid_from", "2021-01-01", "2022-03-01")]


def test_changes_in_reading_order():
    """Removed categories stand where they stood; the rest follow the new version."""
    old = sample()
    new = copy.deepcopy(old)
    new.categories = [category("study_costs", "2.9 Opiskelu", amount(300)), *[
        c for c in new.categories if c.id != "child_hobbies"]]
    new.categories[-1] = replace(new.categories[-1], amounts=[amount(3, unit="months_rent", per=None)])
    assert kinds(diff_extractions(old, new)) == [("category_added", "study_costs"),
                                                 ("category_removed", "child_hobbies"),
                                                 ("amount_changed", "eviction_threat")]


def test_to_json_is_plain_data():
    old = sample()
    new = edited(old, "funeral_costs", amounts=[amount(1300, per=None)])
    data = json.loads(json.dumps(diff_extractions(old, new).to_json()))
    assert data["schema"] == "guidecmp.diff/1" and data["identical"] is False
    assert data["old"]["id"] == "koivula-2021"
    (change,) = data["changes"]
    assert change["kind"] == "amount_changed" and change["old"]["value"] == 1200 and change["new"]["value"] == 1300


# --- properties -----------------------------------------------------------------------------------------

_IDS = ["household_startup", "child_hobbies", "funeral_costs", "study_costs", "eyeglasses", "clothing"]
_amounts = st.builds(amount, st.integers(1, 5000), qualifier=st.sampled_from(["max", "min", "fixed", "approx"]),
                     per=st.sampled_from(["once", "month", "year", None]),
                     applies_to=st.sampled_from([None, "1 hlö", "lapsi", "perhe"]), page=st.integers(1, 30))
_decisions = st.builds(decision, st.sampled_from(["sosiaalityontekija", "sosiaaliohjaaja", "esihenkilo"]),
                       st.sampled_from([None, "enintään 500 euroa", "yli 1 000 euroa"]), page=st.integers(1, 30))


@st.composite
def extractions(draw) -> Extraction:
    ids = draw(st.lists(st.sampled_from(_IDS), unique=True, max_size=5))
    categories = [CategoryResult(cid, draw(st.sampled_from(["supplementary", "preventive", None])),
                                 [SectionRef(f"{n}.{i} {cid.replace('_', ' ')}", draw(st.integers(1, 30)))],
                                 draw(st.lists(_amounts, max_size=4)), draw(st.lists(_decisions, max_size=2)))
                  for i, cid in enumerate(ids, 1) for n in [draw(st.integers(1, 9))]]
    return Extraction(guideline=info(), categories=categories)


def _reprinted(extraction: Extraction, shift: int) -> Extraction:
    """Same content, other pages and numbering, amounts in another order."""
    result = copy.deepcopy(extraction)
    result.categories = [replace(c, sections=[SectionRef("9." + s.heading, s.page + shift) for s in c.sections],
                                 amounts=[replace(a, page=a.page + shift) for a in reversed(c.amounts)],
                                 decision_makers=[replace(d, page=d.page + shift) for d in c.decision_makers])
                         for c in result.categories]
    return result


@settings(max_examples=60, deadline=None)
@given(extractions(), st.integers(-5, 5))
def test_property_reprint_is_no_change(extraction, shift):
    assert diff_extractions(extraction, _reprinted(extraction, shift)).is_empty


def meaning(a: Amount) -> tuple:
    return a.value, a.unit, a.qualifier, a.per, a.applies_to


@settings(max_examples=60, deadline=None)
@given(extractions(), st.data())
def test_property_one_new_value_is_one_changed_amount(extraction, data):
    with_amounts = [c for c in extraction.categories if c.amounts]
    if not with_amounts:
        return
    target = data.draw(st.sampled_from(with_amounts))
    old_amount = data.draw(st.sampled_from(target.amounts))
    meanings = [meaning(a) for a in target.amounts]
    if meanings.count(meaning(old_amount)) > 1:
        return  # said twice: changing one mention is not a change of meaning
    new_value = data.draw(st.integers(1, 9999).filter(
        lambda v: meaning(replace(old_amount, value=float(v))) not in meanings))
    new = edited(extraction, target.id, amounts=[replace(a, value=float(new_value)) if a is old_amount else a
                                                 for a in target.amounts])
    (change,) = diff_extractions(extraction, new).changes
    assert change.kind == "amount_changed" and change.category == target.id
    assert (change.old.value, change.new.value) == (old_amount.value, new_value)


# --- rendering ------------------------------------------------------------------------------------------


def labels() -> Labels:
    from guidecmp.extract.vocab import load_rules

    return Labels.from_rules(load_rules())


def test_table_and_markdown_show_old_and_new_with_pages():
    old = sample()
    new = edited(old, "funeral_costs", amounts=[amount(1300, per=None, page=7)])
    diff = diff_extractions(old, new)
    console = Console(width=200, record=True, file=open(os.devnull, "w"), color_system=None)
    for part in diff_renderables(diff, labels()):
        console.print(part)
    text = console.export_text()
    assert "summa muuttui" in text and "1\u00a0200\u00a0€" in text and "1\u00a0300\u00a0€" in text
    assert "(s. 3)" in text and "(s. 7)" in text
    markdown = diff_markdown(diff, labels())
    assert markdown.startswith("# Muutokset: koivula-2021\n")
    assert "summa muuttui" in markdown and "1\u00a0300\u00a0€ (s. 7)" in markdown


def test_markdown_escapes_what_a_pdf_says():
    old = sample()
    new = edited(old, "funeral_costs", sections=[SectionRef("3.3 Hautaus | <script>alert(1)</script>", 3)])
    markdown = diff_markdown(diff_extractions(old, new), labels())
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown and "Hautaus \\|" in markdown


def test_empty_diff_says_so():
    markdown = diff_markdown(diff_extractions(sample(), sample()), labels())
    assert "ei muutoksia" in markdown and "|" not in markdown


# --- the version pair: truths (no extractor needed) -----------------------------------------------------


def truth(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("unmatched_sections", [])
    return data


def planned_view(diff) -> set[tuple]:
    """Each change as (kind, category, old, new) with the one value the plan names."""
    def value(item):
        if item is None or isinstance(item, str):
            return item
        if isinstance(item, Amount):
            return item.value
        if isinstance(item, (CategoryDecision, DocumentDecision)):
            return item.role
        return None

    return {(c.kind, c.category, value(c.old), value(c.new)) for c in diff.changes}


def planned_json_view(change: dict) -> tuple:
    """The same view of a change in the JSON output."""
    def value(item):
        if item is None or isinstance(item, str):
            return item
        if "value" in item:
            return item["value"]
        return item.get("role") if "condition" in item else None

    return change["kind"], change["category"], value(change["old"]), value(change["new"])


def test_version_pair_truths_differ_by_exactly_the_plan():
    """Keeps tests/expected/versions/jyvaskyla-2021.json in step with tests/expected/jyvaskyla-2020.json."""
    diff = diff_records(truth(EXPECTED / "jyvaskyla-2020.json"), truth(EXPECTED / "versions" / "jyvaskyla-2021.json"))
    assert planned_view(diff) == PLANNED_CHANGES
    assert len(diff.changes) == len(PLANNED_CHANGES)


def test_other_rendering_truth_is_the_same():
    diff = diff_records(truth(EXPECTED / "jyvaskyla-2020.json"),
                        truth(EXPECTED / "versions" / "jyvaskyla-2020-libreoffice.json"))
    assert diff.is_empty


def test_version_sources_differ_from_the_bundled_source_only_as_planned():
    """The LibreOffice copy differs only in id, file and producer; a stale copy would fail here."""
    bundled = (REPO / "guidelines" / "sources" / "jyvaskyla-2020.md").read_text(encoding="utf-8").splitlines()
    copy_ = (VERSIONS / "sources" / "jyvaskyla-2020-libreoffice.md").read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(bundled, copy_) if a != b]
    assert len(bundled) == len(copy_)
    assert [b.split(" =")[0] for _, b in differing] == ["id", "file", "producer"]


# --- the CLI: diff ----------------------------------------------------------------------------------------


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def write(path: Path, extraction: Extraction | dict) -> Path:
    data = extraction if isinstance(extraction, dict) else extraction.to_json()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_diff_exit_codes(tmp_path):
    old = write(tmp_path / "old.json", sample())
    same = write(tmp_path / "same.json", _reprinted(sample(), 2))
    changed = write(tmp_path / "new.json", edited(sample(), "funeral_costs", amounts=[amount(1300, per=None)]))
    assert invoke("diff", str(old), str(same)).exit_code == 0
    result = invoke("diff", str(old), str(changed))
    assert result.exit_code == 1 and "summa muuttui" in result.stdout
    data = json.loads(invoke("diff", str(old), str(changed), "--format", "json").stdout)
    assert data["changes"][0]["kind"] == "amount_changed"
    assert invoke("diff", str(old), str(changed), "-f", "markdown").stdout.startswith("# Muutokset")


@pytest.mark.parametrize("problem", ["missing", "not_json", "not_extraction", "folder", "text_file"])
def test_cli_diff_error_names_the_file(tmp_path, problem):
    good = write(tmp_path / "old.json", sample())
    bad = {"missing": tmp_path / "nothing.json", "not_json": tmp_path / "broken.json",
           "not_extraction": tmp_path / "other.json", "folder": tmp_path, "text_file": tmp_path / "notes.txt"}[problem]
    if problem == "not_json":
        bad.write_text("{half", encoding="utf-8")
    elif problem == "not_extraction":
        bad.write_text('{"schema": "something/else"}', encoding="utf-8")
    elif problem == "text_file":
        bad.write_text("hello", encoding="utf-8")
    result = invoke("diff", str(good), str(bad))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: ") and str(bad) in errors[0]


# --- the CLI and the library: check -----------------------------------------------------------------------


def _json_inputs(folder: Path, *extractions: Extraction) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [write(folder / f"{e.guideline.id}.json", e) for e in extractions]


def other() -> Extraction:
    result = copy.deepcopy(sample())
    result.guideline = info(id="bergby-2018", file="Bergby 2018.pdf", language="sv")
    return result


def test_check_exit_codes(tmp_path):
    inputs = tmp_path / "in"
    baselines = tmp_path / "baselines"
    _json_inputs(inputs, sample(), other())

    missing = invoke("check", str(inputs), "--baseline", str(baselines), "-q")
    assert missing.exit_code == 2 and "no baseline" in missing.stderr
    assert invoke("check", str(inputs), "--baseline", str(baselines), "--allow-new", "-q").exit_code == 0
    assert not baselines.exists(), "--allow-new alone writes nothing"

    created = invoke("check", str(inputs), "--baseline", str(baselines), "--update", "-q")
    assert created.exit_code == 0, created.stderr
    assert sorted(p.name for p in baselines.iterdir()) == ["bergby-2018.json", "koivula-2021.json"]
    assert invoke("check", str(inputs), "--baseline", str(baselines), "-q").exit_code == 0

    _json_inputs(inputs, edited(sample(), "funeral_costs", amounts=[amount(1300, per=None)]))
    drift = invoke("check", str(inputs), "--baseline", str(baselines), "-q", "-f", "markdown")
    assert drift.exit_code == 1 and "summa muuttui" in drift.stdout and "muuttunut" in drift.stdout

    (inputs / "broken.json").write_text("{", encoding="utf-8")
    result = invoke("check", str(inputs), "--baseline", str(baselines), "-q")
    assert result.exit_code == 2 and "broken.json" in result.stderr


def test_check_fails_when_categories_are_lost(tmp_path):
    inputs, baselines = tmp_path / "in", tmp_path / "baselines"
    _json_inputs(inputs, sample())
    assert invoke("check", str(inputs), "-b", str(baselines), "--update", "-q").exit_code == 0
    shrunk = copy.deepcopy(sample())
    shrunk.categories = shrunk.categories[:1]
    _json_inputs(inputs, shrunk)
    before = (baselines / "koivula-2021.json").read_bytes()
    result = invoke("check", str(inputs), "-b", str(baselines), "--update", "-q")
    assert result.exit_code == 1 and "1 of the baseline's 4 categories" in result.stderr
    assert (baselines / "koivula-2021.json").read_bytes() == before, "--update must not accept a broken result"
    shrunk.categories = []
    _json_inputs(inputs, shrunk)
    result = invoke("check", str(inputs), "-b", str(baselines), "-q")
    assert result.exit_code == 1 and "no category found" in result.stderr


def test_check_half_the_categories_is_still_accepted(tmp_path):
    half = copy.deepcopy(sample())
    half.categories = half.categories[:2]
    report = check_records([half.to_json()], [], _baselines(tmp_path, sample()))
    assert [r.status for r in report.results] == ["changed"] and report.verdict == "drift"


def _baselines(tmp_path: Path, *extractions: Extraction) -> Path:
    folder = tmp_path / "baselines"
    folder.mkdir()
    for extraction in extractions:
        write(folder / f"{extraction.guideline.id}.json", extraction)
    return folder


def test_check_update_writes_nothing_for_a_failed_file(tmp_path):
    folder = _baselines(tmp_path, sample())
    before = (folder / "koivula-2021.json").read_bytes()
    report = check_records([], [("Koivula 2021.pdf", "cannot open: damaged")], folder, update=True)
    assert report.verdict == "fail" and report.results[0].status == "failed"
    assert (folder / "koivula-2021.json").read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["koivula-2021.json"], "no temporary file left behind"


def test_check_unreadable_baseline_is_an_error_and_kept(tmp_path):
    folder = _baselines(tmp_path)
    (folder / "koivula-2021.json").write_text('{"schema": "guidecmp.extraction/1"}', encoding="utf-8")
    report = check_records([sample().to_json()], [], folder, update=True)
    (result,) = report.results
    assert result.status == "failed" and "koivula-2021.json" in result.message and report.verdict == "fail"
    assert (folder / "koivula-2021.json").read_text(encoding="utf-8") == '{"schema": "guidecmp.extraction/1"}'


def test_check_same_id_twice_is_an_error(tmp_path):
    twin = copy.deepcopy(sample())
    twin.guideline = info(file="koivula 2021.pdf")
    report = check_records([sample().to_json(), twin.to_json()], [], _baselines(tmp_path, sample()))
    assert [r.status for r in report.results] == ["same", "failed"] and "already taken" in report.results[1].message


def test_check_report_json_and_markdown(tmp_path):
    changed = edited(sample(), "funeral_costs", amounts=[amount(1300, per=None)])
    report = check_records([changed.to_json(), other().to_json()], [], _baselines(tmp_path, sample()), allow_new=True)
    data = json.loads(json.dumps(report.to_json()))
    assert data["verdict"] == "drift"
    assert [(r["id"], r["status"]) for r in data["results"]] == [("koivula-2021", "changed"), ("bergby-2018", "new")]
    markdown = check_markdown(report, labels())
    assert markdown.startswith("## Tarkistus") and "### Muutokset: koivula-2021\n" in markdown


# --- end to end on the PDFs of the version pair (need a working extractor) ---------------------------------


@pytest.fixture
def cache_env(tmp_path) -> dict:
    return {"GUIDECMP_CACHE_DIR": str(tmp_path / "cache")}


@needs_extractor
def test_e2e_version_pair_reports_exactly_the_plan(cache_env):
    result = invoke("diff", str(OLD_PDF), str(NEW_PDF), "-f", "json", env=cache_env)
    assert result.exit_code == 1, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert {planned_json_view(c) for c in changes} == PLANNED_CHANGES and len(changes) == len(PLANNED_CHANGES)


@needs_extractor
def test_e2e_two_renderings_diff_as_equal(cache_env):
    result = invoke("diff", str(OLD_PDF), str(OTHER_RENDERING_PDF), env=cache_env)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "ei muutoksia" in result.stdout


@needs_extractor
def test_e2e_check_on_pdfs(tmp_path, cache_env):
    """0 against fresh baselines, 1 when a new version replaces the PDF, 2 when the PDF is damaged,
    and --update then leaves the accepted baseline byte for byte as it was."""
    corpus, baselines = tmp_path / "guidelines", tmp_path / "baselines"
    corpus.mkdir()
    pdf = corpus / "Jyväskylä.pdf"
    shutil.copy(OLD_PDF, pdf)
    args = ["check", str(corpus), "--baseline", str(baselines), "-q"]
    assert invoke(*args, env=cache_env).exit_code == 2
    assert invoke(*args, "--update", env=cache_env).exit_code == 0
    assert invoke(*args, env=cache_env).exit_code == 0
    accepted = (baselines / "jyvaskyla.json").read_bytes()

    shutil.copy(NEW_PDF, pdf)
    drift = invoke(*args, "-f", "markdown", env=cache_env)
    assert drift.exit_code == 1 and "Henkilökortti ja passi" in drift.stdout
    assert (baselines / "jyvaskyla.json").read_bytes() == accepted

    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    damaged = invoke(*args, "--update", env=cache_env)
    assert damaged.exit_code == 2 and "Jyväskylä.pdf" in damaged.stderr
    assert (baselines / "jyvaskyla.json").read_bytes() == accepted
    assert [p.name for p in baselines.iterdir()] == ["jyvaskyla.json"]

    shutil.copy(OTHER_RENDERING_PDF, pdf)
    assert invoke(*args, env=cache_env).exit_code == 0, "another rendering of the same content is no drift"


def test_check_update_that_cannot_write_is_an_error(tmp_path, monkeypatch):
    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("guidecmp.app.service.write_json", disk_full)
    report = check_records([sample().to_json()], [], tmp_path / "baselines", update=True)
    (result,) = report.results
    assert result.status == "failed" and "cannot write baseline" in result.message and report.verdict == "fail"
