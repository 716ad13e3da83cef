"""The library's front door: the operations the commands offer, without any terminal code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .batch import Outcome, run
from .store import default_cache_dir, write_json


def extract_to_folder(pdfs: list[Path], out: Path, *, rules_dir: Path | None = None, jobs: int | None = None,
                      timeout: float = 60.0, password: str | None = None, cache_dir: Path | None = None,
                      use_cache: bool = True, debug: bool = False,
                      progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract and write OUT/<id>.json for each file that worked; failures leave old results alone."""
    outcomes = extract_many(pdfs, rules_dir=rules_dir, jobs=jobs, timeout=timeout, password=password,
                            cache_dir=cache_dir, use_cache=use_cache, debug=debug, progress=progress)
    owners: dict[str, Path] = {}
    for outcome in outcomes:
        if outcome.data is None:
            continue
        gid = outcome.data["guideline"]["id"]
        if gid in owners:
            outcome.error = f"its id {gid!r} is already taken by {owners[gid].name}; rename one file"
            outcome.data = None
            continue
        owners[gid] = outcome.path
        write_json(out / f"{gid}.json", outcome.data)
    return outcomes


def extract_many(pdfs: list[Path], *, rules_dir: Path | None = None, jobs: int | None = None,
                 timeout: float = 60.0, password: str | None = None, cache_dir: Path | None = None,
                 use_cache: bool = True, debug: bool = False,
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    cache = (cache_dir or default_cache_dir()) if use_cache else None
    return run(pdfs, rules_dir, jobs=jobs, timeout=timeout, cache_dir=cache, password=password,
               debug=debug, progress=progress)
