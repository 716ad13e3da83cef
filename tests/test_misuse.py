"""Misuse of the command line: one `error:` line naming what and why, exit code 2, no traceback;
and a reader that closes the pipe early is no failure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, run_guidecmp

PDF = CORPUS / "Vantaa 2015.pdf"


@pytest.fixture
def place(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args, says", [
    (["extract", str(PDF), "--rules", "empty", "--out", "o"], "error: cannot load the rules: empty: no "),
    (["rules", "--rules", "empty"], "error: cannot load the rules: empty: no "),
    (["compare", str(PDF), "-f", "html", "-o", "afile/x.html"], "error: afile/x.html: afile is not a folder"),
    (["compare", str(PDF), "-f", "markdown", "-o", "nofolder/x.md"], "error: nofolder/x.md: nofolder does not exist"),
    (["extract", str(PDF), "--out", "afile/sub"], "error: afile/sub: afile is not a folder"),
    (["compare", "nonexistent/"], "error: nothing to compare: nonexistent: not found"),
    (["check", str(PDF), "--baseline", "typo/"], "error: typo: no baseline folder"),
    (["diff", str(PDF), "missing.json"], "error: missing.json: not found"),
])
def test_misuse_is_one_line_and_exit_2(place, args, says):
    cache = [] if args[0] == "rules" else ["--cache-dir", str(place / "cache")]
    result = run_guidecmp(*args, "-q", *cache, cwd=place)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()], "exactly one line"
    assert result.stderr.startswith(says) and "Traceback" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_shown_escaped(place):
    folder = place / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/bad\xff\x1b[2Jname.pdf"
    with open(name, "wb") as handle:
        handle.write(b"not a pdf at all")
    result = run_guidecmp("extract", str(folder), "-q", "--out", str(place / "out"), "--no-cache", cwd=place)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "\\xff" in line and "\x1b" not in line and "\\x1b" in line


@pytest.mark.parametrize("output_format", ["table", "markdown", "json"])
def test_a_closed_pipe_is_no_failure(place, output_format):
    """`guidecmp compare | head -1`: the reader has seen enough; exit 0 and nothing on stderr."""
    run_guidecmp("extract", str(CORPUS), "-q", "--out", str(place / "records"), "--cache-dir", str(place / "cache"))
    command = [sys.executable, "-m", "guidecmp", "compare", str(place / "records"), "-q", "-f", output_format]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()  # what `head -1` does
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=600) == 0, stderr
    assert stderr == ""


def test_h_is_help_everywhere():
    for command in ([], ["extract"], ["compare"], ["diff"], ["check"], ["history"], ["rules"], ["cache"]):
        result = run_guidecmp(*command, "-h")
        assert result.returncode == 0 and "Usage: guidecmp" in result.stdout, command
