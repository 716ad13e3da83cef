"""Shared test fixtures: where the repository, the corpus and the truth files are, and two ways of
running the command line (in a subprocess, as a user would; in-process, to read stdout/stderr)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "guidelines"
EXPECTED = ROOT / "tests" / "expected"


def committed(path: Path) -> Path:
    """A file the repository ships: missing is a failure, not a reason to skip."""
    assert path.exists(), f"{path.relative_to(ROOT)} is committed to the repository and must be there"
    return path


def run_guidecmp(*args: str, cwd: Path = ROOT, timeout: float = 1800, env: dict | None = None
                 ) -> subprocess.CompletedProcess:
    """`python -m guidecmp ARGS` in a subprocess (the timeout only ends a hung run)."""
    return subprocess.run([sys.executable, "-m", "guidecmp", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def corpus() -> Path:
    return committed(CORPUS)


@pytest.fixture
def run_cli():
    return run_guidecmp


@pytest.fixture
def cli():
    """Invoke the Typer app in-process: `cli("compare", path, "-f", "json")`."""
    from guidecmp.cli import app

    def invoke(*args: str, env: dict | None = None):
        return CliRunner().invoke(app, list(args), env=env)

    return invoke
