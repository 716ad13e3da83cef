"""`guidecmp history`: versions grouped by issuer, amounts in euros and in real terms.

Built from the hand-written truth files of guidelines/history/ (tests/expected/history/), so the
figures pinned here are those of the documents, not of the extractor. The markdown output is a
golden file; after an intended change regenerate it and review the diff:

    UPDATE_GOLDEN=1 python3 -m pytest tests/test_history.py
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import ROOT
from guidecmp.cli import app
from guidecmp.compare.comparison import Labels
from guidecmp.compare.history import IssuerRules, build_history
from guidecmp.report import history as report
from guidecmp.extract.vocab import load_rules

TESTS = Path(__file__).parent
TRUTH = TESTS / "expected" / "history"
GOLDEN = TESTS / "golden" / "history.md"


def _records() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(TRUTH.glob("*.json"))]


@pytest.fixture(scope="module")
def history():
    return build_history(_records(), Labels.from_rules(load_rules()), IssuerRules.load())


def _issuer(history, name):
    return next(i for i in history.issuers if i.name == name)


def _category(issuer, category_id):
    return next(c for c in issuer.categories if c.id == category_id)


def test_versions_are_grouped_by_issuer_and_ordered_by_date(history):
    assert [i.name for i in history.issuers] == ["Pohjois-Savon hyvinvointialue", "Päijät-Hämeen hyvinvointialue",
                                                 "Seinäjoen kaupunki"]  # ä after z, as in Finnish
    seinajoki = _issuer(history, "Seinäjoen kaupunki")
    assert [v.id for v in seinajoki.versions] == ["seinajoki-2014", "seinajoki-2017", "seinajoki-2020",
                                                  "seinajoki-2022"]
    assert not history.skipped


def test_same_euros_under_a_higher_basic_amount_is_a_real_terms_cut(history):
    """Seinäjoki's funeral grant: 1 200 € in 2014, 2017 and 2020 while the basic amount rose."""
    seinajoki = _issuer(history, "Seinäjoen kaupunki")
    [series] = _category(seinajoki, "funeral_costs").series
    assert [p.value for p in series.points] == [1200.0, 1200.0, 1200.0, 1500.0]
    assert [v.basic_amount for v in seinajoki.versions[:3]] == [480.20, 487.89, 502.21]
    frozen, raised = series.spans
    assert (frozen.start, frozen.end, frozen.frozen, frozen.change) == (0, 2, True, 0.0)
    assert frozen.real_change == pytest.approx(480.20 / 502.21 - 1)  # −4,4 %
    assert frozen.real_change < -0.04
    assert raised.change == pytest.approx(0.25) and raised.real_change == pytest.approx(1500 / 514.82 / (1200 / 502.21) - 1)
    assert series.longest_freeze == frozen
    assert "2014–2020, reaalisesti −4,4\u00a0%" in report.to_markdown(history)


def test_a_category_dropped_is_on_the_timeline_and_in_the_findings(history):
    seinajoki = _issuer(history, "Seinäjoen kaupunki")
    eyeglasses = _category(seinajoki, "eyeglasses")
    assert eyeglasses.dropped == [2]  # gone in 2020
    assert [s.label for s in eyeglasses.series] == ["Moniteholasit kehyksineen", "Yksiteholasit kehyksineen"]
    removed = [e for e in seinajoki.events if e.change.kind == "category_removed"]
    assert [(seinajoki.versions[e.index].id, e.change.category) for e in removed] == [
        ("seinajoki-2017", "rent_deposit"), ("seinajoki-2020", "eyeglasses")]
    findings = " ".join(report.key_findings(history))
    assert "silmälasit (viimeksi seinajoki-2017, ei enää seinajoki-2020)" in findings


def test_a_municipality_continues_in_its_wellbeing_county(history):
    """Lahti's guidelines and Päijät-Häme's are one timeline through rules/issuers.toml."""
    county = _issuer(history, "Päijät-Hämeen hyvinvointialue")
    assert [v.id for v in county.versions] == ["lahti-2016", "lahti-2019", "lahti-2021", "paijat-hame-2023",
                                               "paijat-hame-2025"]
    assert county.issuers_seen == ("Lahden kaupunki", "Päijät-Hämeen hyvinvointialue")
    [funeral] = _category(county, "funeral_costs").series
    assert [p.value for p in funeral.points] == [1300.0, 1300.0, 1300.0, 1200.0, 1200.0]
    assert funeral.overall.change == pytest.approx(1200 / 1300 - 1)
    thresholds = [e for e in county.events if e.change.kind == "decision_changed" and e.change.category is None]
    assert {county.versions[e.index].id for e in thresholds} == {"paijat-hame-2023"}


def test_without_the_mapping_the_issuers_stay_apart():
    history = build_history(_records(), Labels.from_rules(load_rules()), IssuerRules(kind_words=("kaupunki",)))
    assert "Lahden kaupunki" in [i.name for i in history.issuers]


def test_same_issuer_option_joins_two_issuers():
    rules = IssuerRules.load().with_same("Seinäjoen kaupunki", "Pohjois-Savon hyvinvointialue")
    history = build_history(_records(), Labels.from_rules(load_rules()), rules)
    joined = _issuer(history, "Pohjois-Savon hyvinvointialue")
    assert len(joined.versions) == 7


def test_issuer_names_are_normalised_by_the_kind_words_in_rules():
    rules = IssuerRules.load()
    assert rules.key("Seinäjoen kaupunki") == rules.key("SEINÄJOEN  KAUPUNKI") == "seinäjoen"
    assert rules.key("Pohjois-Satakunnan peruspalvelukuntayhtymä (PoSa)") == "pohjois-satakunnan"
    assert rules.group_of("Lovisa stad")[1] == "Itä-Uudenmaan hyvinvointialue"


def test_a_share_of_the_basic_amount_stays_level_in_real_terms(history):
    savo = _issuer(history, "Pohjois-Savon hyvinvointialue")
    [crisis] = _category(savo, "acute_crisis").series
    first, second, last = crisis.points
    assert first.amount.converted and first.share == pytest.approx(0.5, abs=1e-4)  # euros rounded to cents
    assert last.value == 300.0 and last.share == pytest.approx(300 / 596.32, abs=1e-4)  # 2026-01-01
    assert crisis.spans[0].real_change == pytest.approx(0.0, abs=1e-4)


def test_a_version_without_a_date_is_skipped_with_a_reason():
    records = _records()
    records[0]["guideline"]["valid_from"] = None
    history = build_history(records, Labels.from_rules(load_rules()), IssuerRules.load())
    assert history.skipped and "valid_from" in history.skipped[0][1]


def test_markdown_matches_the_golden_file(history):
    text = report.to_markdown(history)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
    assert text.startswith("## Keskeiset havainnot")


def test_every_format_renders(history, tmp_path):
    rows = list(csv.reader(io.StringIO(report.to_csv(history).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == report.POINT_HEADERS
    funeral_2020 = next(r for r in rows if r[4] == "seinajoki-2020" and r[1] == "funeral_costs")
    assert funeral_2020[7] == "1200" and funeral_2020[16].startswith("-0,02")  # 2017 → 2020
    book = load_workbook(io.BytesIO(report.to_xlsx(history)))
    assert book.sheetnames == ["Keskeiset havainnot", "Summat", "Aikajana", "Ohjeet"]
    data = json.loads(report.to_json_text(history))
    assert data["schema"] == "guidecmp.history/1"
    page = report.to_html(history)
    assert page.count("<svg class='line'") >= 10 and "<script" not in page


def test_pdf_text_is_escaped_everywhere(history):
    records = _records()
    records[0]["categories"][0]["amounts"][0]["applies_to"] = "<b>|=cmd</b>"
    hostile = build_history(records, Labels.from_rules(load_rules()), IssuerRules.load())
    assert "<b>" not in report.to_html(hostile) and "<b>" not in report.to_markdown(hostile)


def test_command_line(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["history", str(TRUTH), "-q", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "Seinäjoen kaupunki: 4 versiota 2014–2022" in result.output
    result = runner.invoke(app, ["history", str(TRUTH), "-q", "--same-issuer", "nonsense"])
    assert result.exit_code == 2 and "--same-issuer" in result.output
    out = tmp_path / "h.html"
    result = runner.invoke(app, ["history", str(TRUTH), "-q", "-f", "html", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_check_by_issuer_compares_a_new_version_with_the_latest_accepted_one(tmp_path):
    """A guideline without a baseline of its own is diffed against its issuer's latest earlier baseline."""
    from guidecmp.app.service import check_records
    from guidecmp.app.store import write_json

    def truth(gid: str) -> dict:
        record = json.loads((ROOT / "tests" / "expected" / "history" / f"{gid}.json").read_text(encoding="utf-8"))
        for category in record["categories"]:
            for amount in category["amounts"]:
                amount.pop("persons", None)  # truth files carry household sizes the schema of old records lacks
        return record

    baselines = tmp_path / "baselines"
    for gid in ("seinajoki-2014", "seinajoki-2017", "lahti-2021"):
        write_json(baselines / f"{gid}.json", truth(gid))
    issuers = IssuerRules.load()

    report = check_records([truth("seinajoki-2020"), truth("paijat-hame-2023")], [], baselines, issuers=issuers)

    seinajoki, paijat_hame = report.results
    assert seinajoki.status == "changed" and "seinajoki-2017" in seinajoki.message
    kinds = {c.kind for c in seinajoki.diff.changes}
    assert "category_removed" in kinds  # eyeglasses are gone in 2020
    assert paijat_hame.status == "changed" and "lahti-2021" in paijat_hame.message  # the merged issuer
    assert report.verdict == "drift"
    without = check_records([truth("seinajoki-2020")], [], baselines)
    assert [r.status for r in without.results] == ["no_baseline"]
