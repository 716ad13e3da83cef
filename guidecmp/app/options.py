"""The settings of one extraction run, as one value from the command to the worker."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024
BACKSTOP_FACTOR = 10  # a worker that has used little CPU but lived this many timeouts is hung (a FIFO, a lock)
MIN_BACKSTOP = 120.0


@dataclass(frozen=True)
class ExtractOptions:
    rules_dir: Path | None = None  # None: the bundled rules/
    jobs: int | None = None  # worker processes; None: one per CPU this process may use
    timeout: float = DEFAULT_TIMEOUT  # CPU seconds one PDF may use: the file's cost, not the machine's load
    memory_mb: int = DEFAULT_MEMORY_MB  # per worker
    max_memory_mb: int | None = None  # all workers together; None: half of the machine's memory
    backstop: float | None = None  # wall-clock seconds before a worker counts as hung; None: from timeout
    password: str | None = None
    ocr: bool = False
    debug: bool = False  # tracebacks in error messages
    cache_dir: Path | None = None  # None: no cache at all

    @property
    def wall_limit(self) -> float:
        """Real seconds a worker may live: only a worker that waits instead of working gets there."""
        return self.backstop if self.backstop is not None else max(MIN_BACKSTOP, BACKSTOP_FACTOR * self.timeout)
