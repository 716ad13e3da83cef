"""The comparison as data: numbers checked against the hand-written truth files, gaps, focus.

Numbers are recomputed here from the truth JSONs in tests/expected/ by plain loops, not with
guidecmp's code, so a wrong grouping or a wrong decision-scope rule in compare.py shows up.
The small fixed fixtures in tests/fixtures/compare/ give cases whose answers are known by hand.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from guidecmp.extract.basic_amount import to_euros
from guidecmp.cli import app
from guidecmp.compare.comparison import (MIN_GUIDELINES_TO_COMPARE, MOST_SHARE, Labels, build_comparison, guideline_codes,
                              list_categories,
                              is_common, outlier_directions, resolve_guideline)

TESTS = Path(__file__).resolve().parent
EXPECTED = TESTS / "expected"
FIXTURES = TESTS / "fixtures" / "compare"


def fixture_labels() -> Labels:
    data = json.loads((TESTS / "fixtures" / "compare_labels.json").read_text(encoding="utf-8"))
    return Labels(data["categories"], data["roles"])


def fixture_records() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]


def truth_records() -> list[dict]:
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.json"))]
    assert len(records) == 18, "the truth files of the bundled corpus are committed in tests/expected/"
    return records


def real_labels() -> Labels:
    from guidecmp.extract.vocab import load_rules

    return Labels.from_rules(load_rules())


def fixture_comparison(**options):
    return build_comparison(fixture_records(), fixture_labels(), **options)


# --- against the truth files ------------------------------------------------------------------


def like_key(amount: dict, record: dict) -> tuple[tuple, float]:
    """(unit, qualifier, per, persons, item) and the compared value, written out from the truth:
    a share of the basic amount with a known euro value is compared in euros."""
    unit, value = amount["unit"], amount["value"]
    if unit == "percent_of_basic_amount":
        euros = to_euros(value, record["guideline"].get("valid_from"), amount.get("text")).eur_value
        if euros is not None:
            unit, value = "EUR", euros
    persons = tuple(amount["persons"]) if amount.get("persons") else None
    return (unit, amount["qualifier"], amount["per"], persons, amount.get("item")), value


def truth_comparable_groups(records: list[dict], category_id: str) -> dict[tuple, list[float]]:
    """Amounts of a category by like key, kept when two or more guidelines give one."""
    values: dict[tuple, list[float]] = defaultdict(list)
    owners: dict[tuple, set[str]] = defaultdict(set)
    for record in records:
        for category in record["categories"]:
            if category["id"] != category_id:
                continue
            for amount in category["amounts"]:
                key, value = like_key(amount, record)
                values[key].append(value)
                owners[key].add(record["guideline"]["id"])
    return {key: v for key, v in values.items() if len(owners[key]) >= MIN_GUIDELINES_TO_COMPARE}


def test_household_startup_median_equals_the_truth_files():
    records = truth_records()
    expected = truth_comparable_groups(records, "household_startup")
    assert expected, "the truth files should give comparable household start-up amounts"
    comparison = build_comparison(records, real_labels(), categories=["household_startup"])
    groups = {g.key: g for g in comparison.categories[0].groups}
    assert set(groups) == set(expected)
    for key, values in expected.items():
        assert groups[key].median == pytest.approx(statistics.median(values))
        assert (groups[key].minimum, groups[key].maximum, groups[key].count) == (min(values), max(values), len(values))


def test_every_category_summary_matches_the_truth_files():
    records = truth_records()
    comparison = build_comparison(records, real_labels())
    for category in comparison.categories:
        expected = truth_comparable_groups(records, category.id)
        got = {g.key: sorted(v.value for v in g.values) for g in category.groups}
        assert got == {key: sorted(values) for key, values in expected.items()}, category.id
        covering = sorted(r["guideline"]["id"] for r in records if any(c["id"] == category.id for c in r["categories"]))
        assert list(category.covered_by) == covering


def test_coverage_counts_match_the_truth_files():
    records = truth_records()
    coverage = build_comparison(records, real_labels()).coverage_json()
    for record in records:
        assert coverage["per_guideline"][record["guideline"]["id"]] == len({c["id"] for c in record["categories"]})


def test_guidelines_silent_on_who_decides_are_listed():
    records = truth_records()
    silent = sorted(r["guideline"]["id"] for r in records
                    if not r["decision_makers"] and not any(c["decision_makers"] for c in r["categories"]))
    assert list(build_comparison(records, real_labels()).gaps.silent_overall) == silent


def test_silence_per_category_follows_the_scope_of_document_wide_rules():
    records = truth_records()
    expected: dict[str, set[str]] = defaultdict(set)
    for record in records:
        scopes = {d["scope"] for d in record["decision_makers"]}
        for category in record["categories"]:
            reached = category["id"] in scopes or category["support_type"] in scopes or None in scopes
            if not category["decision_makers"] and not reached and category["id"] not in list_categories():
                expected[category["id"]].add(record["guideline"]["id"])
    got = {g.category: set(g.guidelines) for g in build_comparison(records, real_labels()).gaps.silent_by_category}
    assert got == dict(expected)


def test_categories_most_cover_list_the_guidelines_that_do_not():
    records = truth_records()
    ids = sorted(r["guideline"]["id"] for r in records)
    comparison = build_comparison(records, real_labels())
    for gap in comparison.gaps.missing_common:
        covering = {r["guideline"]["id"] for r in records if any(c["id"] == gap.category for c in r["categories"])}
        assert len(covering) / len(ids) >= MOST_SHARE
        assert list(gap.missing) == [gid for gid in ids if gid not in covering]
    listed = {g.category for g in comparison.gaps.missing_common}
    for category in comparison.categories:
        if category.id not in listed and category.id not in list_categories():  # a list is no gap
            assert len(category.rows) in (0, 1, len(ids)) or len(category.rows) / len(ids) < MOST_SHARE


def test_focus_on_a_truth_guideline_compares_with_the_others_median():
    records = truth_records()
    focus = max(records, key=lambda r: sum(len(c["amounts"]) for c in r["categories"]))["guideline"]["id"]
    report = build_comparison(records, real_labels(), focus=focus).focus
    checked = 0
    for entry in report.categories:
        for item in entry.comparisons:
            amount = item.amount
            theirs = [like_key(a, r)[1] for r in records if r["guideline"]["id"] != focus for c in r["categories"]
                      if c["id"] == entry.category for a in c["amounts"] if like_key(a, r)[0] == amount.key]
            everyone = theirs + [a.compared_value for a in entry.ours.amounts if a.key == amount.key]
            assert item.others_median == pytest.approx(statistics.median(theirs))
            assert item.rank == 1 + sum(1 for v in everyone if v > amount.compared_value)
            assert item.rank_of == len(everyone)
            checked += 1
    assert checked
    distances = [e.distance for e in report.categories if e.distance is not None]
    assert distances == sorted(distances, reverse=True)


def test_truth_files_without_pages_are_read():
    record = json.loads((EXPECTED / "vantaa-2015.json").read_text(encoding="utf-8")) \
        if (EXPECTED / "vantaa-2015.json").exists() else fixture_records()[0]
    for category in record["categories"]:
        for item in category["sections"] + category["amounts"] + category["decision_makers"]:
            item.pop("page", None)
    record.pop("unmatched_sections", None)
    comparison = build_comparison([record, fixture_records()[1]], fixture_labels())
    assert comparison.covered_categories
    assert all(row.pages == () for c in comparison.categories for row in c.rows
               if row.guideline == record["guideline"]["id"])


# --- the fixed fixtures: answers known by hand -------------------------------------------------


def test_fixture_summaries_and_outliers():
    comparison = fixture_comparison()
    by_id = {c.id: c for c in comparison.categories}
    funeral = by_id["funeral_costs"].groups
    assert len(funeral) == 1 and funeral[0].median == 1150 and funeral[0].count == 5
    assert [(v.guideline, v.outlier) for v in funeral[0].outliers] == [("metsala-2022", "high")]
    hobbies = by_id["child_hobbies"].groups[0]
    assert (hobbies.minimum, hobbies.median, hobbies.maximum) == (150, 200, 600)
    household = by_id["household_startup"]
    # Like with like: the sums for one and for two persons are not mixed with whole households'.
    assert [(g.unit, g.qualifier, g.per, g.persons, g.count, g.median) for g in household.groups] == \
        [("EUR", "max", "once", None, 3, 450)]
    # Aurinkola's per-size sums and Bergby's fixed sums have no counterpart: listed, not mixed in.
    assert [(gid, a.value, a.persons) for gid, a in household.not_comparable] == [
        ("aurinkola-2019", 400, (1, 1)), ("aurinkola-2019", 550, (2, 2)),
        ("bergby-2018", 300, (1, 1)), ("bergby-2018", 450, None)]
    moving = by_id["moving_costs"]
    assert moving.groups[0].median == 275
    assert [(gid, a.qualifier) for gid, a in moving.not_comparable] == [("aurinkola-2019", "min")]


def test_fixture_gaps():
    gaps = fixture_comparison().gaps
    assert [(m.category, m.missing) for m in gaps.missing_common] == [("eviction_threat", ("metsala-2022",))]
    assert gaps.silent_overall == ("koivula-2021",)
    silent = {g.category: g.guidelines for g in gaps.silent_by_category}
    assert silent["household_startup"] == ("koivula-2021",)
    # Rantala names who decides only in two sections; its funeral section stays silent.
    assert silent["funeral_costs"] == ("koivula-2021", "rantala-2023")
    assert "eyeglasses" not in silent  # Metsälä's document-wide rule names eyeglasses
    without = {g.category: (g.guidelines, g.others_have) for g in gaps.without_amount}
    assert without["eviction_threat"] == (("bergby-2018",), 3)
    assert gaps.warnings == (("metsala-2022", ("page 12: no text layer (scanned page?)",)),)


def test_decision_maker_comes_from_the_most_specific_rule():
    comparison = fixture_comparison()
    by_id = {c.id: c for c in comparison.categories}

    def origins(category: str, guideline: str) -> set[str]:
        return {d.origin for d in by_id[category].row(guideline).decisions}

    assert origins("household_startup", "aurinkola-2019") == {"category"}
    assert origins("funeral_costs", "aurinkola-2019") == {"support_type"}
    assert origins("eviction_threat", "aurinkola-2019") == {"support_type"}
    assert by_id["eviction_threat"].row("aurinkola-2019").decisions[0].role == "sosiaalityontekija"
    assert origins("funeral_costs", "bergby-2018") == {"document"}
    assert origins("eyeglasses", "metsala-2022") == {"category_scope"}
    assert by_id["funeral_costs"].row("koivula-2021").silent_on_decision


def test_focus_report_on_the_fixtures():
    report = fixture_comparison(focus="metsala-2022").focus
    order = [e.category for e in report.categories]
    assert order[:2] == ["child_hobbies", "funeral_costs"]  # +200 %, then +167 %
    hobbies = report.categories[0].comparisons[0]
    assert (hobbies.others_median, hobbies.rank, hobbies.rank_of) == (200, 1, 5)
    assert hobbies.deviation == pytest.approx(2.0)
    assert {e.category for e in report.flagged("missing_common")} == {"eviction_threat", "moving_costs"}
    assert {e.category for e in report.flagged("only_here")} == {"eyeglasses", "pet_costs"}

    silent = fixture_comparison(focus="koivula-2021").focus
    assert {e.category for e in silent.flagged("silent_where_others_decide")} == \
        {"household_startup", "moving_costs", "funeral_costs", "child_hobbies", "eviction_threat"}
    assert {e.category for e in fixture_comparison(focus="bergby-2018").focus.flagged(
        "no_amount_where_others_have")} == {"eviction_threat"}


def test_category_selection_limits_everything():
    comparison = fixture_comparison(categories=["funeral_costs", "eviction_threat"])
    assert [c.id for c in comparison.categories] == ["funeral_costs", "eviction_threat"]
    assert {m.category for m in comparison.gaps.missing_common} == {"eviction_threat"}
    assert {g.category for g in comparison.gaps.silent_by_category} <= {"funeral_costs", "eviction_threat"}


def test_unknown_categories_keep_their_id_and_come_after_the_rules():
    comparison = fixture_comparison()
    assert comparison.categories[-1].id == "pet_costs"
    assert comparison.categories[-1].label_fi == "pet_costs"
    assert [c.id for c in comparison.categories[:3]] == ["household_startup", "rent_deposit", "moving_costs"]


def test_a_repeated_guideline_id_is_skipped_and_reported():
    records = fixture_records()
    comparison = build_comparison(records + [records[0]], fixture_labels())
    assert len(comparison.guidelines) == len(records)
    assert comparison.skipped and "twice" in comparison.skipped[0][1]


def test_json_is_complete_and_serialisable():
    data = json.loads(json.dumps(fixture_comparison(focus="koivula-2021").to_json()))
    assert data["schema"] == "guidecmp.comparison/1"
    assert {"rules", "guidelines", "coverage", "categories", "gaps", "focus", "skipped"} <= set(data)
    funeral = next(c for c in data["categories"] if c["id"] == "funeral_costs")
    assert funeral["groups"][0]["median"] == 1150
    row = next(r for r in funeral["rows"] if r["guideline"] == "metsala-2022")
    assert row["amounts"][0]["outlier"] == "high" and row["decision_makers"][0]["origin"] == "support_type"
    assert data["coverage"]["matrix"]["eviction_threat"]["aurinkola-2019"] == "preventive"
    assert data["focus"]["guideline"] == "koivula-2021"
    gaps_only = fixture_comparison().to_json(gaps_only=True)
    assert "categories" not in gaps_only and "coverage" not in gaps_only and gaps_only["gaps"]["silent_overall"]


def test_labels_come_from_the_rules_in_finnish_and_swedish():
    labels = real_labels()
    assert labels.category("household_startup", "fi") != "household_startup"
    assert labels.category("funeral_costs", "sv") != labels.category("funeral_costs", "fi")
    assert labels.role("sosiaalityontekija") != "sosiaalityontekija"
    assert labels.category("no_such_category") == "no_such_category"


# --- small rules ---------------------------------------------------------------------------------


def test_resolve_guideline():
    ids = ["vantaa-2015", "vasa-2014", "vantaa-kerava-2024"]
    assert resolve_guideline("vasa-2014", ids) == "vasa-2014"
    assert resolve_guideline("vas", ids) == "vasa-2014"
    assert resolve_guideline("vantaa-2015", ids) == "vantaa-2015"
    with pytest.raises(ValueError, match="could mean"):
        resolve_guideline("vantaa", ids)
    with pytest.raises(ValueError, match="no guideline"):
        resolve_guideline("oulu", ids)


def test_most_needs_half_and_at_least_two():
    assert is_common(2, 4) and is_common(9, 18) and not is_common(8, 18)
    assert not is_common(1, 1) and not is_common(1, 2) and not is_common(0, 0)


def test_outliers_small_and_large_samples():
    assert outlier_directions([100, 3000]) == [None, None]  # too few to say
    assert outlier_directions([100, 120, 130, 500]) == [None, None, None, "high"]  # > 2 × median 125
    assert outlier_directions([1000, 1000, 1100, 400]) == [None, None, None, "low"]  # < median / 2
    many = [200] * 9 + [230, 1000]
    # Nine equal sums make the IQR zero; the floor keeps 230 ordinary and 1000 still stands out.
    assert outlier_directions(many) == [None] * 10 + ["high"]


@given(st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=40), st.randoms())
def test_outliers_ignore_order_and_never_mark_the_median(values, rng):
    directions = dict(zip(values, outlier_directions(values)))
    shuffled = list(values)
    rng.shuffle(shuffled)
    assert dict(zip(shuffled, outlier_directions(shuffled))) == directions
    if len(values) % 2:
        assert directions[statistics.median(values)] is None


@given(st.lists(st.integers(min_value=1, max_value=100_000), min_size=3, max_size=40))
def test_outliers_are_monotone(values):
    directions = outlier_directions(values)
    highs = [v for v, d in zip(values, directions) if d == "high"]
    if highs:
        assert all(d == "high" for v, d in zip(values, directions) if v >= min(highs))


def test_guideline_codes():
    codes = guideline_codes(["vantaa-2015", "vasa-2014", "jyvaskyla-2020", "jyvaskyla-2021", "ita-uusimaa-2023"])
    assert codes["vantaa-2015"] == "VAN" and codes["vasa-2014"] == "VAS" and codes["ita-uusimaa-2023"] == "ITA"
    assert (codes["jyvaskyla-2020"], codes["jyvaskyla-2021"]) == ("JY20", "JY21")


@given(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True) |
                st.from_regex(r"(va|vas|vantaa|pi)[a-z-]{0,2}-20[0-2][0-9]", fullmatch=True), unique=True, max_size=40))
def test_guideline_codes_are_unique_and_short(ids):
    codes = guideline_codes(ids)
    assert len(set(codes.values())) == len(ids)
    assert all(1 <= len(code) <= 4 for code in codes.values())


# --- the command ------------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, ["compare", *args])


def test_cli_compares_the_truth_files_and_lists_silent_guidelines():
    records = truth_records()
    result = run(str(EXPECTED), "--gaps-only", "-q")
    assert result.exit_code == 0, result.stderr
    silent = [r["guideline"]["id"] for r in records
              if not r["decision_makers"] and not any(c["decision_makers"] for c in r["categories"])]
    section = result.stdout.split("kuka päättää", 1)[1].split("Menolajit, joissa", 1)[0]
    for gid in silent:
        assert gid in section


def test_cli_default_path_is_guidelines(tmp_path, monkeypatch):
    corpus = tmp_path / "guidelines"
    corpus.mkdir()
    for path in FIXTURES.glob("*.json"):
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("-q", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["guidelines"]) == 5


def test_cli_reports_unreadable_inputs_and_still_compares(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    result = run(str(FIXTURES), str(broken), str(tmp_path / "missing.pdf"), "-q", "-f", "json")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "broken.json" in errors[0] and "missing.pdf" in errors[1]
    assert len(json.loads(result.stdout)["guidelines"]) == 5


def test_cli_focus_category_and_usage_errors():
    result = run(str(FIXTURES), "--focus", "mets", "-q", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["focus"]["guideline"] == "metsala-2022"
    result = run(str(FIXTURES), "-c", "funeral_costs", "-q", "-f", "json")
    assert [c["id"] for c in json.loads(result.stdout)["categories"]] == ["funeral_costs"]
    for args, message in ((["--focus", "nowhere"], "--focus"), (["-c", "no_such"], "unknown category"),
                          (["-f", "html"], "--output"), (["-f", "xlsx"], "--output")):
        result = run(str(FIXTURES), "-q", *args)
        assert result.exit_code == 2 and message in result.stderr, args


def test_cli_nothing_to_compare(tmp_path):
    result = run(str(tmp_path), "-q")
    assert result.exit_code == 2 and "nothing to compare" in result.stderr


def test_cli_extracts_a_pdf_through_the_cache(tmp_path):
    pdfs = sorted((TESTS.parent / "guidelines").glob("*.pdf"))
    assert pdfs, "the bundled guideline PDFs are committed in guidelines/"
    result = run(str(pdfs[0]), str(FIXTURES), "--cache-dir", str(tmp_path / "cache"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "[1/1]" in result.stderr
    assert len(json.loads(result.stdout)["guidelines"]) == 6


def test_marking_amounts_and_rows_copies_every_field_as_replace_would():
    from dataclasses import fields, replace

    from guidecmp.compare.comparison import Decision, PlacedAmount, Row, Section, _replaced

    amount = PlacedAmount(40.0, "percent_of_basic_amount", "max", "month", "yksin asuva", 3, "40 % perusosasta",
                          persons=(1, None), per_head="x", per_source="y", eur_value=222.4, eur_basis="2024", item="i")
    row = Row("vantaa-2015", "fi", ("preventive",), (Section("Vuokrarästit", 3),), (amount,),
              (Decision("social_worker", None, 3, "päättää", "category"),))
    for instance in (amount, row):
        for name in dir(type(instance)):  # every property computed once: a cached one would now be in vars()
            getattr(instance, name)
        assert set(vars(instance)) == {f.name for f in fields(instance)}  # what _replaced copies is all there is
    for direction in ("high", "low", None):
        marked = _replaced(amount, comparable=True, outlier=direction)
        assert marked == replace(amount, comparable=True, outlier=direction)
        assert (marked.comparable, marked.outlier, amount.comparable, amount.outlier) == (True, direction, False, None)
        assert _replaced(row, amounts=(marked,)) == replace(row, amounts=(marked,))
