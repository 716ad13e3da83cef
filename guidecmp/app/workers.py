"""Extract many PDFs: cached, in parallel worker processes, each with a time and memory limit.

Every file runs in a process of its own so that a hostile PDF (a parser loop, a memory bomb)
costs that file and nothing else: the worker is killed at the limit and the file is reported.

- The time limit is CPU time (RLIMIT_CPU): what the file costs, not how busy the machine is, so
  a good file is not given up because other jobs share the cores. A worker that waits instead of
  working (a lock, a pipe) is ended by a wall-clock backstop of `ExtractOptions.wall_limit`.
- Memory: each worker has an address-space limit, and no more workers run at once than fit in
  the total budget (`--max-memory`, default half of the machine's memory).
- A worker dies with its parent (PR_SET_PDEATHSIG): a killed run leaves no orphans behind, and
  a run that is interrupted or fails kills the workers it started.
"""

from __future__ import annotations

import ctypes
import gc
import math
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import RulesError
from ..extract.vocab import load_rules
from .inputs import not_a_pdf
from .options import ExtractOptions
from .store import Cache, FileHashes, hash_and_head

if TYPE_CHECKING:  # imported when a PDF is read: a warm run starts no worker
    import multiprocessing
    from multiprocessing.connection import Connection

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


@dataclass
class Outcome:
    path: Path
    data: dict | None  # the extraction record (JSON shape) when it worked
    error: str | None  # one-line reason when it did not
    cached: bool = False
    seconds: float = 0.0


def run(paths: list[Path], options: ExtractOptions,
        progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract every path; outcomes come back in the order of `paths` (and to `progress` as they finish)."""
    rules = load_rules(options.rules_dir)
    cache = Cache(options.cache_dir, rules.digest + ("+ocr" if options.ocr else "")) if options.cache_dir else None
    hashes = FileHashes(options.cache_dir) if cache else None
    outcomes: dict[Path, Outcome] = {}
    todo: list[tuple[Path, str | None]] = []
    for path in paths:
        try:
            sha = hashes.known(path) if hashes else None  # only PDFs are remembered
            reason = None
            if sha is None:
                sha, head = hashes.hash_and_head(path) if hashes else hash_and_head(path)
                reason = not_a_pdf(head)  # told apart here, so no reader ever quotes such a file's bytes
        except OSError as exc:
            outcome = Outcome(path, None, f"cannot open: {exc.strerror or exc}")
        else:
            data = cache.get(sha, path) if cache and not reason else None
            if reason:
                outcome = Outcome(path, None, reason)
            elif data is None:
                todo.append((path, sha))
                continue
            else:
                outcome = Outcome(path, data, None, cached=True)
        outcomes[path] = outcome
        if progress:
            progress(outcome)
    # Largest first keeps both workers busy to the end.
    todo.sort(key=lambda item: -_size(item[0]))
    shas = dict(todo)
    for outcome in _run_workers([p for p, _ in todo], replace(options, rules_dir=rules.directory)):
        outcomes[outcome.path] = outcome
        sha = shas[outcome.path]
        if cache and outcome.data is not None and sha:
            cache.put(sha, outcome.data)
        if progress:
            progress(outcome)
    if cache:
        cache.prune()
        hashes.save()
    return [outcomes[p] for p in paths]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was hashed: its worker reports it


def usable_cores() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def machine_memory_mb() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)
    except (ValueError, OSError):
        return 4096


def plan_workers(options: ExtractOptions) -> tuple[int, int]:
    """(workers at once, MB each): as many as asked (default: the usable cores) that fit the total budget."""
    budget = options.max_memory_mb or max(256, machine_memory_mb() // 2)
    per_worker = min(options.memory_mb or budget, budget)
    jobs = options.jobs or usable_cores()
    return max(1, min(jobs, budget // per_worker)), per_worker


def _prepare_parent(options: ExtractOptions) -> None:
    """Import and compile once, before the workers fork, what every one of them needs.

    A fork starts with the parent's memory: without this each worker imported the reader and
    pdfplumber's grid functions and compiled the amount grammars again (~0.3 s of CPU per file).
    """
    import pdfplumber.table  # noqa: F401 - ruled tables (read.pdf → read.ruling)
    import rapidfuzz.distance  # noqa: F401 - fuzzy heading matches (extract.categories)

    from ..extract import document  # noqa: F401
    from ..extract.amounts import paid_by_others

    try:
        rules = load_rules(options.rules_dir).compile()
    except ValueError as exc:  # a mistake in a rules file: one error for the run, not one per PDF
        raise RulesError(f"cannot load the rules: {exc}") from None
    paid_by_others("", "fi", rules.amounts)


def _run_workers(paths: list[Path], options: ExtractOptions) -> Iterator[Outcome]:
    if not paths:
        return  # a warm run reads no PDF: it needs no PDF reader, nor processes to run one
    import multiprocessing
    from multiprocessing.connection import wait

    _prepare_parent(options)
    jobs, memory_mb = plan_workers(options)
    options = replace(options, memory_mb=memory_mb)
    wall_limit = options.wall_limit
    context = multiprocessing.get_context("fork")
    waiting = list(paths)
    running: dict[Connection, tuple[Path, multiprocessing.Process, float]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                path = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(path, options, sender, os.getpid()), daemon=True)
                process.start()
                sender.close()
                running[receiver] = (path, process, time.monotonic())
            soonest = min(started for _, _, started in running.values()) + wall_limit
            for receiver in wait(list(running), timeout=max(0.0, soonest - time.monotonic())):
                path, process, started = running.pop(receiver)
                try:
                    status, payload = receiver.recv()
                except (EOFError, OSError):
                    process.join(1)
                    status, payload = "error", _death_reason(process.exitcode, options)
                receiver.close()
                process.join(5)
                yield Outcome(path, payload if status == "ok" else None,
                              None if status == "ok" else payload, seconds=time.monotonic() - started)
            now = time.monotonic()
            for receiver, (path, process, started) in list(running.items()):
                if now - started >= wall_limit:
                    _end(process, receiver)
                    del running[receiver]
                    yield Outcome(path, None, f"hung: no result after {wall_limit:g} s, though it was not "
                                  "busy reading (see --timeout)", seconds=now - started)
    finally:  # interrupted, or the caller stopped: no worker outlives the run
        for receiver, (_, process, _) in running.items():
            _end(process, receiver)


def _end(process: multiprocessing.Process, receiver: Connection) -> None:
    process.kill()
    process.join()
    receiver.close()


def _death_reason(exitcode: int | None, options: ExtractOptions) -> str:
    """SIGXCPU is the CPU limit; PDFium aborts when an allocation fails, so another crash is either a
    malformed file or the memory limit."""
    if exitcode == -signal.SIGXCPU:
        return f"timed out after {options.timeout:g} s of CPU time (see --timeout)"
    if exitcode is not None and exitcode < 0:
        return (f"the reader crashed (signal {-exitcode}): a malformed file, or over the {options.memory_mb} MB "
                "memory limit")
    return f"the reader stopped unexpectedly (exit code {exitcode})"


def _cpu_limit(timeout: float) -> int:
    return max(1, math.ceil(timeout))


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when the run's process dies, however it dies (SIGKILL too)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's finally still ends its workers on an ordinary exit
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _worker(path: Path, options: ExtractOptions, sender: Connection, parent: int) -> None:
    # Everything inherited from the parent (~55 000 objects: modules, compiled rules) lives as
    # long as this process: out of the garbage collector's sight, a full collection neither walks
    # it nor writes to it, which would copy the parent's pages (~0.5 s of CPU over the corpus).
    gc.freeze()
    gc.enable()  # the parent runs without the cycle collector (cli.main); a parsed PDF's objects do form cycles
    from ..extract.document import extract_file
    from ..read.pdf import ReadError

    _die_with_parent(parent)
    seconds = _cpu_limit(options.timeout)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 2))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a killed reader leaves no core file of a PDF
    memory_mb = options.memory_mb
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        data = extract_file(path, load_rules(options.rules_dir), password=options.password, ocr=options.ocr).to_json()
        message = ("ok", data)
    except ReadError as exc:
        message = ("error", str(exc))
    except MemoryError:
        message = ("error", f"too large: the memory limit of {memory_mb} MB was reached")
    except RecursionError:
        message = ("error", "corrupt PDF: its structure nests without end")
    except Exception as exc:  # noqa: BLE001 - any other failure is this file's, not the run's
        detail = traceback.format_exc() if options.debug else f"{type(exc).__name__}: {exc}"
        message = ("error", f"could not be read ({detail})")
    sender.send(message)
    sender.close()
