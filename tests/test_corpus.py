"""End to end on the bundled corpus: `guidecmp extract` on guidelines/ against the truth files.

The accuracy bars are the issue's: categories F1 >= 0.97, amounts F1 >= 0.95, roles F1 >= 0.95.
Every page a result names is checked against the text of that page of the PDF.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pypdfium2 as pdfium
import pytest

from guidecmp.compare import accuracy
from guidecmp.report.markdown import markdown_table
from conftest import ROOT

CORPUS = ROOT / "guidelines"
TRUTH = ROOT / "tests" / "expected"
PDFS = sorted(CORPUS.glob("*.pdf"))
BARS = {"categories": 0.97, "amounts": 0.95, "roles": 0.95}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidecmp", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("out")
    cache = tmp_path_factory.mktemp("cache")
    result = run_cli("extract", str(CORPUS), "--out", str(out), "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}


def truth(gid: str) -> dict:
    return json.loads((TRUTH / f"{gid}.json").read_text(encoding="utf-8"))


def test_corpus_has_18_guidelines_each_with_a_truth_file():
    assert len(PDFS) == 18
    ids = {p.stem for p in TRUTH.glob("*.json")}
    assert {json.loads((TRUTH / f"{i}.json").read_text())["guideline"]["file"] for i in ids} == {p.name for p in PDFS}


def test_every_pdf_gives_a_schema_valid_file(extracted):
    schema = json.loads(resources.files("guidecmp").joinpath("schema/extraction.schema.json").read_text())
    assert len(extracted) == len(PDFS)
    for record in extracted.values():
        jsonschema.validate(record, schema)


def test_truth_files_are_schema_shaped():
    """The truth is written by hand in the same format; the same schema keeps it honest."""
    schema = json.loads(resources.files("guidecmp").joinpath("schema/extraction.schema.json").read_text())
    for path in TRUTH.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        record.setdefault("unmatched_sections", [])
        for category in record["categories"]:
            category.pop("needs_ocr", None)
        jsonschema.validate(record, schema)


def test_accuracy_meets_the_bars(extracted):
    report = accuracy.score([(gid, record, truth(gid)) for gid, record in extracted.items()])
    rows = accuracy.table(report)
    print("\n" + markdown_table(rows[0], rows[1:]))
    for kind, bar in BARS.items():
        assert report.overall[kind].f1 >= bar, f"{kind} F1 {report.overall[kind].f1:.3f} < {bar}"


@pytest.mark.parametrize("folder", ["holdout", "blind", "blind2", "blind3", "blind4", "blind5"])
def test_guidelines_written_apart_from_the_extractor_meet_the_bars(tmp_path, folder):
    """Guidelines written by other authors who did not see the extractor (guidelines/holdout/,
    blind/, blind2/ … blind5/): a check on wording and layouts the development corpus does not have.
    Their first-contact figures are in the README; all have since informed general fixes, so
    they are no longer blind."""
    result = run_cli("extract", str(CORPUS / folder), "--out", str(tmp_path), "--no-cache")
    assert result.returncode == 0, result.stderr
    pairs = [(p.stem, json.loads(p.read_text(encoding="utf-8")),
              json.loads((TRUTH / folder / p.name).read_text(encoding="utf-8"))) for p in tmp_path.glob("*.json")]
    assert len(pairs) == len(list((CORPUS / folder).glob("*.pdf")))
    report = accuracy.score(pairs)
    rows = accuracy.table(report)
    print("\n" + markdown_table(rows[0], rows[1:]))
    for kind, bar in BARS.items():
        assert report.overall[kind].f1 >= bar, f"{kind} F1 {report.overall[kind].f1:.3f} < {bar}"


def test_support_types_agree_with_the_truth(extracted):
    agree = total = 0
    for gid, record in extracted.items():
        expected = {c["id"]: c["support_type"] for c in truth(gid)["categories"]}
        for category in record["categories"]:
            if category["id"] in expected:
                total += 1
                agree += category["support_type"] == expected[category["id"]]
    assert total and agree / total >= 0.95, f"{agree}/{total}"


def test_guidelines_silent_on_decisions_have_no_decision_rules(extracted):
    silent = [gid for gid in extracted if not truth(gid)["decision_makers"]
              and not any(c["decision_makers"] for c in truth(gid)["categories"])]
    assert len(silent) >= 3
    for gid in silent:
        record = extracted[gid]
        assert not record["decision_makers"] and not any(c["decision_makers"] for c in record["categories"]), gid


def _squeeze(text: str) -> str:
    """Page text and result text compared without spaces, hyphens and soft/line-break marks."""
    return re.sub(r"[\s\-\u00ad\ufffe\u2010\u2011]+", "", text).casefold()


@pytest.fixture(scope="module")
def page_texts() -> dict[str, list[str]]:
    texts = {}
    for path in PDFS:
        pdf = pdfium.PdfDocument(path)
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(_squeeze(textpage.get_text_range()))
            textpage.close()
            page.close()
        pdf.close()
        texts[path.name] = pages
    return texts


def test_every_amount_and_rule_is_on_the_page_it_names(extracted, page_texts):
    checked = 0
    for record in extracted.values():
        pages = page_texts[record["guideline"]["file"]]
        for category in record["categories"]:
            facts = [(s["heading"], s["page"]) for s in category["sections"]]
            facts += [(a["text"], a["page"]) for a in category["amounts"]]
            facts += [(d["text"][:60], d["page"]) for d in category["decision_makers"]]
            for text, page in facts:
                probe = _squeeze(text)
                if probe not in pages[page - 1]:
                    # an amount whose words run over a page break, or a table row read across
                    # cells: its number must still be on the page it names
                    probe = _squeeze(next((w for w in text.split() if any(c.isdigit() for c in w)), text))
                assert probe in pages[page - 1], f"{record['guideline']['id']}: {text!r} not on page {page}"
                checked += 1
    assert checked > 300


def test_extract_writes_named_files_and_a_summary(tmp_path):
    one = CORPUS / "Jyväskylä 2020.pdf"
    result = run_cli("extract", str(one), "--out", str(tmp_path), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "jyvaskyla-2020.json").exists()
    assert "jyvaskyla-2020" in result.stdout and "categories" in result.stdout
    assert "[1/1] Jyväskylä 2020.pdf" in result.stderr  # progress goes to stderr


def test_help_and_version():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("extract", "compare", "diff", "check", "rules"):
        assert command in result.stdout
    assert run_cli("--version").stdout.startswith("guidecmp ")
    assert "Examples" in run_cli("extract", "--help").stdout


def test_rules_lists_every_fixed_category_and_role():
    result = run_cli("rules")
    assert result.returncode == 0
    for cid in ("household_startup", "rent_deposit", "funeral_costs", "not_accepted", "temporary_housing"):
        assert cid in result.stdout
    for rid in ("sosiaalityontekija", "johtava_sosiaalityontekija", "lautakunta"):
        assert rid in result.stdout
