"""`guidecmp cache info|prune`: what the extraction cache holds, and keeping it small."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import CacheDirOpt, DebugOpt, QuietOpt, RulesOpt, note, stdout_console

app = typer.Typer(name="cache", no_args_is_help=True, rich_markup_mode=None,
                  help="Show or prune the extraction cache (results of PDFs already read).")


def _cache(cache_dir, rules):
    from ..app.options import ExtractOptions
    from ..app.service import rules_for
    from ..app.store import Cache, default_cache_dir

    return Cache(cache_dir or default_cache_dir(), rules_for(ExtractOptions(rules_dir=rules)).digest)


def info(cache_dir: CacheDirOpt = None, rules: RulesOpt = None, debug: DebugOpt = False) -> None:
    """Where the cache is, how many results it holds and how many of them this version can still use.

    Entries of another guidecmp version or other rules are never read again by this one; they go
    after 30 days unused (the automatic policy after every run) or at once with `cache prune --stale`.
    """
    from ..report.safe import display_path

    cache = _cache(cache_dir, rules)
    entries = cache.entries()
    current = sum(cache.is_current(path) for path, _ in entries)
    size = sum(info.st_size for _, info in entries)
    stdout_console().print(f"cache: {display_path(cache.directory)}\n"
                           f"entries: {len(entries)} ({size / 1e6:.1f} MB), {current} usable by this version and "
                           f"rules, {len(entries) - current} stale")


def prune(
    cache_dir: CacheDirOpt = None, rules: RulesOpt = None,
    older_than: Annotated[float, typer.Option(
        "--older-than", min=0, metavar="DAYS", help="Remove entries not used for this many days.")] = 30,
    stale: Annotated[bool, typer.Option(
        "--stale", help="Also remove every entry of another guidecmp version or other rules.")] = False,
    everything: Annotated[bool, typer.Option("--all", help="Empty the cache.")] = False,
    quiet: QuietOpt = False, debug: DebugOpt = False,
) -> None:
    """Remove cache entries: unused for --older-than days, of other versions (--stale), or all (--all).

    After every run guidecmp already removes entries unused for 30 days and keeps at most 1000.

    Examples:

    \b
      guidecmp cache prune --stale
      guidecmp cache prune --all
    """
    cache = _cache(cache_dir, rules)
    removed, size = cache.prune(max_age_days=-1 if everything else older_than, stale=stale)
    note(quiet, f"removed {removed} cache entries ({size / 1e6:.1f} MB)")
