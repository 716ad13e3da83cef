"""The library's front door: the operations the commands offer, without any terminal code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .workers import Outcome, run
from .store import default_cache_dir, write_json


def extract_to_folder(pdfs: list[Path], out: Path, *, rules_dir: Path | None = None, jobs: int | None = None,
                      timeout: float = 60.0, password: str | None = None, cache_dir: Path | None = None,
                      use_cache: bool = True, ocr: bool = False, debug: bool = False,
                      progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Extract and write OUT/<id>.json for each file that worked; failures leave old results alone."""
    outcomes = extract_many(pdfs, rules_dir=rules_dir, jobs=jobs, timeout=timeout, password=password,
                            cache_dir=cache_dir, use_cache=use_cache, ocr=ocr, debug=debug, progress=progress)
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
                 use_cache: bool = True, ocr: bool = False, debug: bool = False,
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    cache = (cache_dir or default_cache_dir()) if use_cache else None
    return run(pdfs, rules_dir, jobs=jobs, timeout=timeout, cache_dir=cache, password=password, ocr=ocr,
               debug=debug, progress=progress)


def load_extraction(path: Path) -> dict:
    """Read one extraction JSON; ValueError with a one-line reason when it is not one."""
    import json

    from ..model import SCHEMA_ID

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"not readable as JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise ValueError(f"not a {SCHEMA_ID} file")
    return data


def collect(paths: list[Path], *, rules_dir: Path | None = None, jobs: int | None = None, timeout: float = 60.0,
            password: str | None = None, cache_dir: Path | None = None, use_cache: bool = True,
            ocr: bool = False, progress: Callable[[Outcome], None] | None = None) -> tuple[list[dict], list[Outcome]]:
    """Extraction records for PDFs, extraction JSONs or folders of either (PDFs via the cache).

    Returns the records that could be had and the outcomes of the files that could not.
    """
    pdfs: list[Path] = []
    records: list[dict] = []
    failures: list[Outcome] = []
    for path in paths:
        path = Path(path)
        members = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for member in members:
            suffix = member.suffix.lower()
            if suffix == ".pdf":
                pdfs.append(member)
            elif suffix == ".json":
                try:
                    records.append(load_extraction(member))
                except ValueError as exc:
                    failures.append(Outcome(member, None, str(exc)))
            elif not path.is_dir():
                failures.append(Outcome(member, None, "neither a PDF nor an extraction JSON"))
    outcomes = extract_many(pdfs, rules_dir=rules_dir, jobs=jobs, timeout=timeout, password=password,
                            cache_dir=cache_dir, use_cache=use_cache, ocr=ocr, progress=progress) if pdfs else []
    records += [o.data for o in outcomes if o.data is not None]
    failures += [o for o in outcomes if o.data is None]
    return records, failures
