"""Hostile input must not run code, escape the output folder or reach a report unescaped."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.version import Version

from guidecmp.model import slugify
from pdfbytes import make_pdf
from conftest import ROOT

SOURCE = ROOT / "guidecmp"
SCRIPT = "<script>alert(1)</script>"
GUIDELINE_PAGE = ["# 1 Kodinhankinnat", "Kodinhankintoihin voidaan myöntää enintään 400 euroa."]
# pdfminer.six before 20251107 unpickled attacker-named files (CVE-2025-64512); pickle was removed
# for good in 20251230 (GHSA-f83h-ghpp-7wcc); pdfplumber 0.11.9 is the first to require that.
MINIMUMS = {"pdfplumber": Version("0.11.9"), "pdfminer.six": Version("20251230")}


@pytest.mark.parametrize("package", MINIMUMS)
def test_parsers_with_the_code_execution_fixes_are_installed(package):
    assert Version(version(package)) >= MINIMUMS[package]


@pytest.mark.parametrize("package", MINIMUMS)
def test_parsers_are_required_at_least_at_the_fixed_versions(package):
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    [requirement] = [Requirement(d) for d in declared if Requirement(d).name == package]
    floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==", "~=", ">")]
    assert floors and max(floors) >= MINIMUMS[package], f"{requirement} allows versions without the fix"


NAMES = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from("./\\\x00 -_~:*?\"<>|")).map(lambda s: s + ".pdf"),
    st.lists(st.sampled_from(["..", ".", "", "/", "x", "~", "C:", "%2e%2e"]), max_size=8).map("/".join),
    st.text(min_size=200, max_size=2000),
)


@given(NAMES)
@example("../../x.pdf")
@example("/etc/passwd")
@example("..pdf")
@example("..\\..\\windows\\system32.pdf")
@example("\x00.pdf")
@example("Ωμέγα ＡＢＣ ﬁ 東京 🙂.pdf")
@example("\u202e fdp.exe")
@example("CON.pdf")
def test_slug_is_a_plain_name_that_stays_in_the_output_folder(name):
    slug = slugify(name)
    assert slug and set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-") and len(slug) <= 80
    out = Path("/srv/output")
    assert (out / f"{slug}.json").parent == out


@pytest.mark.parametrize("file_name", ["..pdf", "..\\..\\evil.pdf", "-rf.pdf", "Ä÷.pdf"])
def test_extract_writes_only_inside_the_output_folder(tmp_path, file_name):
    folder, out = tmp_path / "a" / "in", tmp_path / "a" / "out"
    (folder / "sub").mkdir(parents=True)
    (folder / file_name).write_bytes(make_pdf([GUIDELINE_PAGE]))

    result = subprocess.run([sys.executable, "-m", "guidecmp", "extract", "--no-cache", "-q", "-o", str(out),
                             str(folder / "sub" / ".." / file_name)], cwd=ROOT, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    [written] = out.iterdir()
    assert written.suffix == ".json" and written.resolve().parent == out.resolve()
    everything = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    assert everything == {Path("a"), Path("a/in"), Path("a/in/sub"), Path("a/out"), Path("a/in") / file_name,
                          written.relative_to(tmp_path)}


def _calls_and_imports():
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            yield path.relative_to(ROOT), node


# The one exec: the record check compiled from the shipped JSON schema, as dataclasses compile
# __init__. No text from the schema, a record or a PDF enters that source (see the test below).
GENERATED_CODE = {("guidecmp/app/validate.py", "exec")}


def test_the_generated_record_check_holds_no_text_from_the_schema():
    from guidecmp.app.validate import _CheckSource

    planted = "__import__('os').system('x')"
    schema = {"type": "object", "required": [planted], "additionalProperties": False,
              "properties": {planted: {"type": "string", "pattern": planted, "minLength": 1, "enum": [planted]},
                             "n": {"type": ["integer", "null"], "minimum": 1, "const": planted}}}
    source = _CheckSource(schema, annotated=False)
    source.function(schema)
    code = "\n".join(source.functions)
    assert "import" not in code and "system" not in code and planted in source.constants.values()


def test_no_pickle_eval_exec_or_shell_in_the_package():
    found = []
    for where, node in _calls_and_imports():
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{where}:{node.lineno} imports {n}" for n in names
                      if n and n.split(".")[0] in {"pickle", "cPickle", "dill", "shelve", "marshal"}]
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
        if name in {"eval", "exec", "system", "popen", "spawnl", "spawnlp", "execl", "execlp", "execv", "execvp"}:
            if (str(where), name) not in GENERATED_CODE:
                found.append(f"{where}:{node.lineno} calls {name}")
        if any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
               for k in node.keywords):
            found.append(f"{where}:{node.lineno} passes shell=")
    assert not found, "\n".join(found)


def test_external_programs_get_argument_lists_not_command_lines():
    """Nothing from a PDF can become shell syntax when the program is given as a list."""
    for where, node in _calls_and_imports():
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"):
            assert node.args and isinstance(node.args[0], ast.List), f"{where}:{node.lineno}"


def test_html_report_escapes_what_came_from_a_pdf(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Evil 2024.pdf").write_bytes(make_pdf([[
        f"# {SCRIPT}", "# 1 Täydentävä toimeentulotuki", f"# 1.1 Kodinhankinnat {SCRIPT}",
        "Kodinhankintoihin voidaan myöntää enintään 400 euroa.", f"Sosiaaliohjaaja päättää kodinhankinnoista {SCRIPT}.",
        f"# 1.2 {SCRIPT}"]]))
    report = tmp_path / "report.html"

    result = subprocess.run([sys.executable, "-m", "guidecmp", "compare", str(folder), "--no-cache", "-q",
                             "-f", "html", "-o", str(report)], cwd=ROOT, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    html = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


@settings(max_examples=300)
@given(st.recursive(st.none() | st.integers() | st.text(alphabet=st.characters(max_codepoint=0x3000)),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12))
def test_cleaning_skips_only_values_that_have_nothing_to_clean(value):
    """clean_strings returns a value untouched when its JSON text shows nothing unsafe; the result
    must be what walking every string gives."""
    from guidecmp.report.safe import _cleaned, clean_strings

    assert clean_strings(value) == _cleaned(value)
