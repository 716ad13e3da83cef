"""Issue 12: nothing in a PDF, a folder or a cache can harm the user or lose a result.

One test (or a few) per numbered failure of the issue, each with the hostile file it needs made
here. No test reads a clock: a hang is bounded by a generous backstop and judged by behaviour.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from conftest import ROOT, run_guidecmp
from pdfbytes import make_pdf

BACKSTOP = 600  # seconds: only ends a run that hangs; no assertion depends on it
GOOD_PAGE = ["# 1 Täydentävä toimeentulotuki", "# 1.1 Kodinhankinnat",
             "Kodinhankintoihin voidaan myöntää enintään 400 euroa.", "Sosiaaliohjaaja päättää kodinhankinnoista."]
SECRET = "GITHUB_TOKEN=ghp_s3cr3tVALUEthatMustNotLeak"


def guideline(*headings: str) -> bytes:
    """A one-page guideline whose extra sections carry `headings` (hostile text) and an amount each."""
    lines = list(GOOD_PAGE)
    for heading in headings:
        lines += [f"# {heading} Silmälasit", "Silmälaseihin enintään 150 euroa."]
    return make_pdf([lines])


def guidecmp(*args: str) -> subprocess.CompletedProcess:
    return run_guidecmp(*args, timeout=BACKSTOP)


def folder(tmp_path: Path, name: str, files: dict[str, bytes]) -> Path:
    path = tmp_path / name
    path.mkdir()
    for file_name, data in files.items():
        (path / file_name).write_bytes(data)
    return path


# --- 1. CSV formula injection -----------------------------------------------------------------------


FORMULAS = ['=HYPERLINK("http://x","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


@pytest.mark.parametrize("style", ["finnish", "standard"])
def test_1_csv_cells_never_start_a_formula(tmp_path, style):
    pdfs = folder(tmp_path, "in", {"Evil 2024.pdf": make_pdf([GOOD_PAGE + [
        f'# {FORMULAS[0]} Silmälasit', "Silmälaseihin enintään 150 euroa.",
        f"# {FORMULAS[2]} Hammashoito", "Hammashoitoon enintään 300 euroa."]])})
    out = tmp_path / "c.csv"

    result = guidecmp("compare", str(pdfs), "--no-cache", "-q", "-f", "csv", "--csv-style", style, "-o", str(out))

    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";" if style == "finnish" else ","))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULAS[0] + " Silmälasit" in cells and "'" + FORMULAS[2] + " Hammashoito" in cells
    assert not [cell for cell in cells if cell.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_1_every_formula_start_owasp_names_is_neutralised():
    from guidecmp.report.safe import spreadsheet_text

    for text in FORMULAS + ["  =1+1", "＝1+1"]:
        assert spreadsheet_text(text).startswith("'"), text
    assert spreadsheet_text("\t=1+1") == "\\t=1+1"  # a control character is written as an escape: inert text
    assert spreadsheet_text("\r=1+1") == "\\r=1+1"
    assert spreadsheet_text("Kodinhankinnat") == "Kodinhankinnat"


# --- 2. control characters --------------------------------------------------------------------------


ESCAPES = "\x1b]0;pwned\x07 \x1b[2J Kodinhankinnat"


def test_2_control_characters_reach_no_report_and_no_terminal(tmp_path):
    old = folder(tmp_path, "old", {"Evil 2024.pdf": make_pdf([GOOD_PAGE])})
    new = folder(tmp_path, "new", {"Evil 2024.pdf": guideline(ESCAPES)})
    pdf = new / "Evil 2024.pdf"

    xlsx = guidecmp("compare", str(pdf), "--no-cache", "-q", "-f", "xlsx", "-o", str(tmp_path / "v.xlsx"))
    table = guidecmp("compare", str(pdf), "--no-cache", "-q")
    diffs = [guidecmp("diff", str(old / "Evil 2024.pdf"), str(pdf), "--no-cache", "-q", "-f", form)
             for form in ("table", "markdown")]

    assert xlsx.returncode == 0 and "Traceback" not in xlsx.stderr, xlsx.stderr
    assert (tmp_path / "v.xlsx").stat().st_size > 0
    assert table.returncode == 0, table.stderr
    assert all(d.returncode == 1 for d in diffs), [d.stderr for d in diffs]
    for run in [table, *diffs]:
        assert "\x1b" not in run.stdout + run.stderr and "\x07" not in run.stdout
    assert "\\x1b]0;pwned" in diffs[0].stdout  # shown, as an escape, not acted on


# --- 3. symlinks followed and printed ---------------------------------------------------------------


def test_3_a_link_in_a_folder_is_not_followed_and_no_bytes_of_a_non_pdf_are_printed(tmp_path):
    secret = tmp_path / "token.txt"
    secret.write_text(SECRET + "\n")
    pdfs = folder(tmp_path, "in", {"Good 2024.pdf": make_pdf([GOOD_PAGE])})
    (pdfs / "leak.pdf").symlink_to(secret)
    named = tmp_path / "named.pdf"
    named.symlink_to(secret)

    in_folder = guidecmp("extract", str(pdfs), "-o", str(tmp_path / "out"), "--no-cache", "-q")
    on_command_line = guidecmp("extract", str(named), "-o", str(tmp_path / "out2"), "--no-cache", "-q")

    assert in_folder.returncode == 2
    assert in_folder.stderr.splitlines() == [f"error: {pdfs / 'leak.pdf'}: a symbolic link inside a folder, not "
                                             "followed (name the file itself to read it)"]
    assert (tmp_path / "out" / "good-2024.json").exists()
    assert on_command_line.stderr.splitlines() == [f"error: {named}: not a PDF: looks like text"]
    for run in (in_folder, on_command_line):
        assert "s3cr3t" not in run.stdout + run.stderr and "GITHUB" not in run.stdout + run.stderr


# --- 4. ids from JSON inputs ------------------------------------------------------------------------


def test_4_an_id_from_a_json_cannot_name_a_file_outside_the_baselines(tmp_path):
    pdfs = folder(tmp_path, "in", {"Good 2024.pdf": make_pdf([GOOD_PAGE])})
    assert guidecmp("extract", str(pdfs), "-o", str(tmp_path / "out"), "--no-cache", "-q").returncode == 0
    record = json.loads((tmp_path / "out" / "good-2024.json").read_text(encoding="utf-8"))
    record["guideline"]["id"] = "../ESCAPED"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(record), encoding="utf-8")
    baselines = tmp_path / "baselines"

    result = guidecmp("check", str(hostile), "--baseline", str(baselines), "--update", "-q")

    assert result.returncode == 2
    assert not (tmp_path / "ESCAPED.json").exists() and not list(tmp_path.rglob("ESCAPED*"))
    assert result.stderr.splitlines()[0] == (f"error: {hostile}: not a valid extraction record: /guideline/id: "
                                             "malformed")


# --- 5. the cache -----------------------------------------------------------------------------------


CACHE_POISON = {"stub": {"guideline": {}}, "list": [], "empty": {}, "not-json": "{",
                "wrong-type": "REAL_WITH_STRING_PAGES"}


@pytest.mark.parametrize("poison", CACHE_POISON)
def test_5_an_invalid_cache_entry_is_ignored_removed_and_extracted_again(tmp_path, poison):
    pdfs = folder(tmp_path, "in", {"Good 2024.pdf": make_pdf([GOOD_PAGE])})
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ("extract", str(pdfs), "-o", str(out), "--cache-dir", str(cache), "-q")
    assert guidecmp(*args).returncode == 0
    good = (out / "good-2024.json").read_bytes()
    [entry] = cache.glob("*.json")
    if CACHE_POISON[poison] == "REAL_WITH_STRING_PAGES":
        record = json.loads(entry.read_text(encoding="utf-8"))
        record["guideline"]["pages"] = "1; rm -rf /"
        entry.write_text(json.dumps(record), encoding="utf-8")
    else:
        value = CACHE_POISON[poison]
        entry.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")

    again = guidecmp(*args)

    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert (out / "good-2024.json").read_bytes() == good
    assert json.loads(entry.read_text(encoding="utf-8")) == json.loads(good)  # replaced by a real result


def test_5_a_cache_entry_of_another_file_is_not_used(tmp_path):
    pdfs = folder(tmp_path, "in", {"Good 2024.pdf": make_pdf([GOOD_PAGE]), "Other 2024.pdf": guideline("2")})
    cache, out = tmp_path / "cache", tmp_path / "out"
    args = ("extract", str(pdfs), "-o", str(out), "--cache-dir", str(cache), "-q")
    guidecmp(*args)
    first, second = sorted(cache.glob("*.json"))
    second.write_bytes(first.read_bytes())  # a valid record, but of the other file

    guidecmp(*args)

    for name in ("good-2024", "other-2024"):
        record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert record["guideline"]["sha256"] in {p.name[:64] for p in cache.glob("*.json")}
    assert json.loads(second.read_text(encoding="utf-8"))["guideline"]["sha256"] == second.name[:64]


# --- 6. two files with the same id ------------------------------------------------------------------


def test_6_two_files_with_one_id_both_fail_and_nothing_is_overwritten(tmp_path):
    pdfs = folder(tmp_path, "in", {"Kainuu 2024.pdf": make_pdf([GOOD_PAGE]), "kainuu-2024.pdf": guideline("2")})
    out, baselines = tmp_path / "out", tmp_path / "baselines"
    out.mkdir()
    baselines.mkdir()
    earlier = b'{"an": "earlier result"}\n'
    (out / "kainuu-2024.json").write_bytes(earlier)
    (baselines / "kainuu-2024.json").write_bytes(earlier)

    extract = guidecmp("extract", str(pdfs), "-o", str(out), "--no-cache", "-q")
    check = guidecmp("check", str(pdfs), "--baseline", str(baselines), "--update", "--no-cache", "-q")

    for run in (extract, check):
        assert run.returncode == 2
        errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 2 and all("kainuu-2024.pdf" in e and "Kainuu 2024.pdf" in e for e in errors), errors
    assert (out / "kainuu-2024.json").read_bytes() == earlier
    assert (baselines / "kainuu-2024.json").read_bytes() == earlier


# --- 7. hangs and orphans ---------------------------------------------------------------------------


def test_7_a_fifo_or_a_link_to_a_device_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.pdf"
    zero.symlink_to("/dev/zero")
    pdfs = folder(tmp_path, "in", {"Good 2024.pdf": make_pdf([GOOD_PAGE])})
    os.mkfifo(pdfs / "inside.pdf")

    result = guidecmp("extract", str(fifo), str(zero), str(pdfs), "-o", str(tmp_path / "out"), "--no-cache", "-q")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {fifo}: not a regular file (a FIFO): refused",
                                          f"error: {zero}: not a regular file (a device): refused",
                                          f"error: {pdfs / 'inside.pdf'}: not a regular file (a FIFO): refused"]
    assert (tmp_path / "out" / "good-2024.json").exists()


ORPHAN_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import guidecmp.extract.document as document
    from guidecmp.app.options import ExtractOptions
    from guidecmp.app.workers import run

    def reader(path, rules, **_):
        Path(sys.argv[2]).write_text(str(__import__("os").getpid()))
        time.sleep(3600)

    document.extract_file = reader
    run([Path(sys.argv[1])], ExtractOptions(jobs=1))
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_7_workers_die_with_their_parent(tmp_path, how):
    pdf, pid_file = tmp_path / "slow.pdf", tmp_path / "worker.pid"
    pdf.write_bytes(make_pdf([GOOD_PAGE]))
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(pdf), str(pid_file)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        for _ in range(BACKSTOP * 10):  # until the worker has started
            if pid_file.exists() and pid_file.read_text():
                break
            assert parent.poll() is None, "the run ended before its worker started"
            time.sleep(0.1)
        worker = int(pid_file.read_text())
        os.kill(parent.pid, how)
        parent.wait(timeout=BACKSTOP)
        for _ in range(BACKSTOP * 10):  # the backstop only ends the wait; the assertion is below
            if not _alive(worker):
                break
            time.sleep(0.1)
        assert not _alive(worker), "the worker outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()


# --- 8. memory for all workers together -------------------------------------------------------------


def test_8_no_more_workers_run_at_once_than_the_total_memory_budget_allows(tmp_path, monkeypatch):
    import guidecmp.extract.document as document
    from guidecmp.app.options import ExtractOptions
    from guidecmp.app.workers import plan_workers, run

    running = tmp_path / "running"
    running.mkdir()

    class Seen:
        def __init__(self, data):
            self.data = data

        def to_json(self):
            return self.data

    def reader(path, rules, **_):
        mine = running / str(os.getpid())
        mine.touch()
        time.sleep(0.3)  # overlap with any other worker that runs at the same time
        together = len(list(running.iterdir()))
        mine.unlink()
        return Seen({"together": together, "limit": resource.getrlimit(resource.RLIMIT_AS)[0]})

    monkeypatch.setattr(document, "extract_file", reader)
    bombs = []
    for n in range(6):
        bombs.append(tmp_path / f"bomb{n}.pdf")
        bombs[-1].write_bytes(b"%PDF-1.7 " + bytes([n]))
    options = ExtractOptions(jobs=6, memory_mb=512, max_memory_mb=1024)

    outcomes = run(bombs, options)

    assert plan_workers(options) == (2, 512)
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes]
    assert max(o.data["together"] for o in outcomes) <= 2
    assert sum(sorted(o.data["limit"] for o in outcomes)[-2:]) <= 1024 * 1024 * 1024


# --- 9. markdown, file names, emoji -----------------------------------------------------------------


MARKDOWN = "![x](http://evil.example/a.png) [click](http://evil.example) :x: @org/team"


def test_9_markdown_from_a_pdf_is_inert_and_file_names_stay_one_line(tmp_path):
    old = folder(tmp_path, "old", {"Kainuu :x: 2024.pdf": make_pdf([GOOD_PAGE])})
    new = folder(tmp_path, "new", {"Kainuu :x: 2024.pdf": guideline(MARKDOWN)})
    forged = tmp_path / "x\nerror: forged.pdf"
    forged.write_text("<html>")

    diff = guidecmp("diff", str(old / "Kainuu :x: 2024.pdf"), str(new / "Kainuu :x: 2024.pdf"), "--no-cache", "-f",
                    "markdown")
    guidecmp("check", str(old), "-b", str(tmp_path / "b"), "--update", "--no-cache", "-q")
    check = guidecmp("check", str(new), "-b", str(tmp_path / "b"), "--no-cache", "-f", "markdown", "-q")
    named = guidecmp("compare", str(forged), str(new), "--no-cache", "-q", "-f", "json")

    for run in (diff, check):
        assert run.returncode == 1, run.stderr
        assert "evil.example" in run.stdout
        for active in ("![x](", "[click](", ":x:", "@org"):
            assert active not in run.stdout, (active, run.stdout)
    assert named.returncode == 2
    assert named.stderr.splitlines() == [f"error: {tmp_path}/x\\nerror: forged.pdf: not a PDF: looks like text/HTML"]


# --- 10. an interrupted run; a bounded cache --------------------------------------------------------


def test_10_an_interrupted_run_keeps_the_results_it_finished(tmp_path):
    from guidecmp.app.options import ExtractOptions
    from guidecmp.app.service import extract_to_folder

    pdfs = [tmp_path / "First 2024.pdf", tmp_path / "Second 2024.pdf"]
    for pdf in pdfs:
        pdf.write_bytes(make_pdf([GOOD_PAGE]))
    out = tmp_path / "out"

    def interrupt(outcome, done, total):
        raise KeyboardInterrupt  # Ctrl-C right after the first file is done

    with pytest.raises(KeyboardInterrupt):
        extract_to_folder(pdfs, out, ExtractOptions(jobs=1), interrupt)

    assert [p.name for p in out.glob("*.json")] in (["first-2024.json"], ["second-2024.json"])


def test_10_the_cache_is_pruned_by_age_count_and_version(tmp_path):
    from guidecmp.app.store import Cache

    cache = Cache(tmp_path / "cache", "a" * 64)
    record = json.loads((ROOT / "baselines" / "polvijarvi-2013.json").read_text(encoding="utf-8"))
    for n in range(5):
        cache.put(f"{n:064x}", record)
    stale = tmp_path / "cache" / f"{'9' * 64}-{'0' * 16}-v0.0.1.json"
    stale.write_text("{}")
    old = sorted(cache.directory.glob("0*.json"))[:2]
    for path in old:
        os.utime(path, (0, 0))  # unused since 1970

    assert cache.prune()[0] == 2
    remaining = {p.name for p, _ in cache.entries()}
    assert not any(p.name in remaining for p in old)
    assert cache.prune(max_entries=2)[0] == 2 and len(cache.entries()) == 2
    result = run_guidecmp("cache", "prune", "--stale", "--cache-dir", str(cache.directory), "--rules",
                          str(ROOT / "rules"))
    assert result.returncode == 0 and not stale.exists()


# --- 11. a time limit that measures the file --------------------------------------------------------


def test_11_a_file_that_waits_for_a_busy_machine_is_not_given_up(tmp_path, monkeypatch):
    """Waiting costs no CPU: a worker that is slow only because the machine is busy (simulated by
    sleeping past the limit) gets its result; one that computes past it is given up."""
    import guidecmp.extract.document as document
    from guidecmp.app.options import ExtractOptions
    from guidecmp.app.workers import plan_workers, run, usable_cores

    class Done:
        def to_json(self):
            return {"done": True}

    def reader(path, rules, **_):
        if path.name == "waits.pdf":
            time.sleep(3)  # three times --timeout in real time, almost no CPU
        else:
            while True:
                pass
        return Done()

    monkeypatch.setattr(document, "extract_file", reader)
    waits, computes = tmp_path / "waits.pdf", tmp_path / "computes.pdf"
    waits.write_bytes(b"%PDF-1.7 waits")
    computes.write_bytes(b"%PDF-1.7 computes")

    outcomes = run([waits, computes], ExtractOptions(timeout=1, jobs=2))

    assert outcomes[0].data == {"done": True}, outcomes[0].error
    assert outcomes[1].error == "timed out after 1 s of CPU time (see --timeout)"
    assert plan_workers(ExtractOptions(max_memory_mb=1 << 30))[0] == usable_cores()


# --- 12. dependency floors --------------------------------------------------------------------------


def test_12_pdfium_is_required_at_a_recent_5x_release_and_installed_so():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    [requirement] = [Requirement(d) for d in declared if Requirement(d).name == "pypdfium2"]
    floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==", "~=", ">")]
    assert floors and max(floors) >= Version("5.13"), f"{requirement} admits old PDFium builds"
    assert Version(version("pypdfium2")) in requirement.specifier


def test_the_record_checker_agrees_with_jsonschema():
    """validate.check_record is a small checker of the schema's own keywords; jsonschema is the reference."""
    import copy

    import jsonschema

    from guidecmp.app.validate import check_record, extraction_schema

    schema = extraction_schema()
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "baselines").glob("*.json"))]
    with_persons = next(r for r in records if any(a.get("persons") for c in r["categories"] for a in c["amounts"]))
    broken = []
    for persons in ([0, 1], [1], [1, 2, 3], "1", [1.5, None]):
        record = copy.deepcopy(with_persons)
        amount = next(a for c in record["categories"] for a in c["amounts"] if a.get("persons"))
        amount["persons"] = persons
        broken.append(record)
    for record in records + broken:
        reference = jsonschema.Draft202012Validator(schema).is_valid(record)
        try:
            check_record(record)
            ours = True
        except ValueError:
            ours = False
        assert ours == reference, record["guideline"]["id"]
    assert records and all(jsonschema.Draft202012Validator(schema).is_valid(r) for r in records)
