"""The vocabularies in rules/ (categories, roles, amount words), loaded once per process.

They are data a user edits; their hash is part of the extraction cache key, so editing a rule
re-extracts what it may change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .bundled import default_rules_dir
from .extract.categories import CategoryRules, load_category_rules
from .extract.roles import RoleRules, load_role_rules


@dataclass(frozen=True)
class Rules:
    directory: Path
    categories: CategoryRules
    roles: RoleRules
    digest: str  # sha256 over the rule files, for cache keys and reports


@lru_cache(maxsize=4)
def load_rules(directory: Path | None = None) -> Rules:
    directory = Path(directory) if directory else default_rules_dir()
    if not (directory / "categories.toml").is_file():
        raise FileNotFoundError(f"{directory}: no categories.toml here (see --rules)")
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return Rules(directory=directory, categories=load_category_rules(directory),
                 roles=load_role_rules(directory), digest=digest.hexdigest())
