"""Extract many PDFs: cached, in parallel worker processes, each with a time and memory limit.

Every file runs in a process of its own so that a hostile PDF (a parser loop, a memory bomb)
costs that file and nothing else: the worker is killed at the limit and the file is reported.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .rules import load_rules
from .store import Cache, file_sha256

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1024


@dataclass
class Outcome:
    path: Path
    data: dict | None  # the extraction record (JSON shape) when it worked
    error: str | None  # one-line reason when it did not
    cached: bool = False
    seconds: float = 0.0


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """PDFs named or inside the folders named (not recursive), sorted by name."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".pdf"))
        else:
            found.append(path)
    return found


def run(paths: list[Path], rules_dir: Path | None = None, *, jobs: int | None = None,
        timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB,
        cache_dir: Path | None = None, password: str | None = None, ocr: bool = False, debug: bool = False,
        progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract every path; outcomes come back in the order of `paths`."""
    rules = load_rules(rules_dir)
    cache = Cache(cache_dir, rules.digest + ("+ocr" if ocr else "")) if cache_dir else None
    outcomes: dict[Path, Outcome] = {}
    todo: list[tuple[Path, str | None]] = []
    for path in paths:
        try:
            sha = file_sha256(path)
        except OSError as exc:
            outcome = Outcome(path, None, f"cannot open: {exc.strerror or exc}")
        else:
            data = cache.get(sha, path.name) if cache else None
            if data is None:
                todo.append((path, sha))
                continue
            outcome = Outcome(path, data, None, cached=True)
        outcomes[path] = outcome
        if progress:
            progress(outcome)
    # Largest first keeps both workers busy to the end.
    todo.sort(key=lambda item: -_size(item[0]))
    shas = dict(todo)
    for outcome in _run_workers([p for p, _ in todo], rules.directory, jobs or os.cpu_count() or 1,
                                timeout, memory_mb, password, ocr, debug):
        outcomes[outcome.path] = outcome
        sha = shas[outcome.path]
        if cache and outcome.data is not None and sha:
            cache.put(sha, outcome.data)
        if progress:
            progress(outcome)
    return [outcomes[p] for p in paths]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was hashed: its worker reports it


def _run_workers(paths: list[Path], rules_dir: Path, jobs: int, timeout: float, memory_mb: int,
                 password: str | None, ocr: bool, debug: bool):
    if not paths:
        return  # a warm run reads no PDF: it needs no PDF reader either
    _prepare_parent()
    context = multiprocessing.get_context("fork")
    waiting = list(paths)
    running: dict[Connection, tuple[Path, multiprocessing.Process, float]] = {}
    while waiting or running:
        while waiting and len(running) < jobs:
            path = waiting.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(path, rules_dir, password, ocr, memory_mb, debug, sender),
                                      daemon=True)
            process.start()
            sender.close()
            running[receiver] = (path, process, time.monotonic())
        soonest = min(started for _, _, started in running.values()) + timeout
        for receiver in wait(list(running), timeout=max(0.0, soonest - time.monotonic())):
            path, process, started = running.pop(receiver)
            try:
                status, payload = receiver.recv()
            except (EOFError, OSError):
                process.join(1)
                status, payload = "error", _death_reason(process.exitcode, memory_mb)
            receiver.close()
            process.join(5)
            seconds = time.monotonic() - started
            yield Outcome(path, payload if status == "ok" else None,
                          None if status == "ok" else payload, seconds=seconds)
        now = time.monotonic()
        for receiver, (path, process, started) in list(running.items()):
            if now - started >= timeout:
                process.kill()
                process.join()
                receiver.close()
                del running[receiver]
                yield Outcome(path, None, f"timed out after {timeout:g} s (see --timeout)", seconds=now - started)


def _prepare_parent() -> None:
    """Import and compile once, before the workers fork, what every one of them needs.

    A fork starts with the parent's memory: without this each worker imported the reader and
    pdfplumber's grid functions and compiled the amount grammars again (~0.3 s of CPU per file).
    """
    import pdfplumber.table  # noqa: F401 - ruled tables (reader → ruling)

    from . import extract  # noqa: F401
    from .amounts import paid_by_others, parse_amounts

    parse_amounts("", "fi")  # compiles the grammars of every language
    paid_by_others("", "fi")


def _death_reason(exitcode: int | None, memory_mb: int) -> str:
    """PDFium aborts when an allocation fails, so a crash is either a malformed file or the memory limit."""
    if exitcode is not None and exitcode < 0:
        return f"the reader crashed (signal {-exitcode}): a malformed file, or over the {memory_mb} MB memory limit"
    return f"the reader stopped unexpectedly (exit code {exitcode})"


def _worker(path: Path, rules_dir: Path, password: str | None, ocr: bool, memory_mb: int, debug: bool,
            sender: Connection) -> None:
    from .extract import extract_file
    from .reader import ReadError

    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        data = extract_file(path, load_rules(rules_dir), password=password, ocr=ocr).to_json()
        message = ("ok", data)
    except ReadError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = ("error", f"too large: the memory limit of {memory_mb} MB was reached")
    except RecursionError:
        message = ("error", "corrupt PDF: its structure nests without end")
    except Exception as exc:  # noqa: BLE001 - any other failure is this file's, not the run's
        detail = traceback.format_exc() if debug else f"{type(exc).__name__}: {exc}"
        message = ("error", f"could not be read ({detail})")
    sender.send(message)
    sender.close()
