"""A warm run reads no PDF, so it must not pay for reading one: what a `compare` of extraction
results loads is checked here by what it imports and compiles, not by a clock (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, committed

# Run in a fresh interpreter: the test process has imported everything already.
PROBE = """
import gc, json, sys
from guidecmp.cli import main
from guidecmp.extract.vocab import load_rules
sys.argv = ["guidecmp", "compare", *sys.argv[1:]]
collections = sum(generation["collections"] for generation in gc.get_stats())
try:
    main()
except SystemExit as exit:
    code = exit.code
roles = load_rules().roles
collections = sum(generation["collections"] for generation in gc.get_stats()) - collections
print(json.dumps({"exit": code, "collections": collections, "modules": sorted({name.split(".")[0] for name in sys.modules}),
                  "cues_compiled": "cues" in vars(roles),
                  "forms_compiled": any("forms" in vars(role) for role in roles.roles)}))
"""

HEAVY = {"pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "jsonschema", "pydantic", "PIL", "rich", "rapidfuzz", "multiprocessing"}  # rich: tables only


def probe(tmp_path, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_comparing_extraction_results_compiles_no_pattern_and_loads_no_pdf_reader(tmp_path):
    found = probe(tmp_path, str(committed(ROOT / "baselines")), "-f", "json", "-o", str(tmp_path / "c.json"), "-q")
    assert found["exit"] in (0, None)
    assert json.loads((tmp_path / "c.json").read_text())["guidelines"]
    assert not found["cues_compiled"] and not found["forms_compiled"]
    assert HEAVY.isdisjoint(found["modules"]), HEAVY & set(found["modules"])
    assert found["collections"] == 0  # its records and report hold no cycles: cli.main turns the collector off


def test_an_xlsx_report_is_written_without_openpyxl(tmp_path):
    found = probe(tmp_path, str(committed(ROOT / "baselines")), "-f", "xlsx", "-o", str(tmp_path / "c.xlsx"), "-q")
    assert found["exit"] in (0, None)
    assert (tmp_path / "c.xlsx").read_bytes()[:2] == b"PK"
    assert HEAVY.isdisjoint(found["modules"]), HEAVY & set(found["modules"])


def test_reading_a_pdf_compiles_the_rules_before_the_workers_fork(tmp_path):
    pdf = committed(ROOT / "guidelines" / "Vantaa 2015.pdf")
    found = probe(tmp_path, str(pdf), "-f", "json", "-o", str(tmp_path / "c.json"), "-q", "--no-cache")
    assert found["exit"] in (0, None)
    assert found["cues_compiled"] and found["forms_compiled"]


def test_a_piped_table_report_is_plain_text_without_rich(tmp_path):
    found = probe(tmp_path, str(committed(ROOT / "baselines")), "-q")
    assert found["exit"] in (0, None)
    assert "rich" not in found["modules"]
