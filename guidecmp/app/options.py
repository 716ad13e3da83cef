"""The settings of one extraction run, as one value from the command to the worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024


@dataclass(frozen=True)
class ExtractOptions:
    rules_dir: Path | None = None  # None: the bundled rules/
    jobs: int | None = None  # worker processes; None: one per CPU
    timeout: float = DEFAULT_TIMEOUT  # seconds one PDF may take
    memory_mb: int = DEFAULT_MEMORY_MB  # per worker
    password: str | None = None
    ocr: bool = False
    debug: bool = False  # tracebacks in error messages
    cache_dir: Path | None = None  # None: no cache at all
