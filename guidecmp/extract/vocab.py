"""Everything read from a rules folder, loaded by one function: `load_rules(dir)`.

The vocabularies are data a user edits (`--rules DIR` names another folder): categories and
chapter words (categories.toml), roles, decision cues and sentence conventions (roles.toml),
amount words (amounts.toml), Kela's basic amount by period (basic_amounts.toml), and the words
that shape a document (document.toml: contents titles, page markers, language cues). Every stage
takes what it needs from the `Rules` it is given; nothing reads a rules file on its own. Their
hash is part of the extraction cache key, so editing a rule re-extracts what it may change.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from ..bundled import default_rules_dir
from .amounts import AMOUNT_FILE, household_size, parse_amounts
from .basic_amount import BASIC_AMOUNT_FILE, to_euros
from .categories import CategoryRules, load_category_rules
from .document_words import DOCUMENT_FILE, DocumentWords, load_document_words
from .roles import RoleRules, load_role_rules

REQUIRED_FILES = ("categories.toml", "roles.toml", AMOUNT_FILE, BASIC_AMOUNT_FILE, DOCUMENT_FILE)


@dataclass(frozen=True)
class Rules:
    directory: Path
    categories: CategoryRules
    roles: RoleRules
    document: DocumentWords  # languages, contents titles, page markers, conjunctions, issuer and validity cues
    digest: str  # sha256 over the rule files, for cache keys and reports

    @cached_property
    def amounts(self) -> Path:
        """The amount words (amounts.toml), compiled on first use by extract.amounts. One Path
        object, whose hash is kept: the amount functions look their grammar up by it per sentence."""
        return self.directory / AMOUNT_FILE

    def written(self, file_name: str) -> dict:
        """A rules file as written (for `guidecmp rules`); {} when the folder has none (issuers.toml)."""
        path = self.directory / file_name
        if not path.is_file():
            return {}
        with path.open("rb") as handle:
            return tomllib.load(handle)

    @cached_property
    def basic_amounts(self) -> Path:
        """Kela's basic amount by period (basic_amounts.toml), read by extract.basic_amount."""
        return self.directory / BASIC_AMOUNT_FILE

    def compile(self) -> Rules:
        """Compile every pattern now; ValueError with the file and the reason for a mistake in one.

        Done once before PDFs are read (in the parent, so that forked workers inherit the result and
        a mistake is one rules error, not one per file). A run that reads no PDF, such as a warm
        `compare`, needs only names and the digest and skips the ~0.15 s this takes.
        """
        self.roles.compile()
        try:
            for language in self.document.languages:
                parse_amounts("100 €", language, self.amounts)
                household_size("1 hlö", language, self.amounts)
            to_euros(50.0, "2020-01-01", None, self.basic_amounts)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{self.directory}: amounts.toml or basic_amounts.toml: missing {exc}") from None
        return self


def load_rules(directory: Path | None = None) -> Rules:
    """The rules of `directory` (default: the bundled rules/); ValueError or OSError with the
    file and the reason when one is missing or wrong. Loaded once per folder and process: the
    default and the same folder named again are one cache entry. Patterns are compiled on first
    use, or all at once by `Rules.compile()`."""
    return _load_rules(Path(directory) if directory else default_rules_dir())


@lru_cache(maxsize=4)
def _load_rules(directory: Path) -> Rules:
    missing = [name for name in REQUIRED_FILES if not (directory / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{directory}: no {', '.join(missing)} here (see --rules)")
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    document = load_document_words(directory)
    return Rules(directory=directory, categories=load_category_rules(directory, document.conjunctions),
                 roles=load_role_rules(directory), document=document, digest=digest.hexdigest())
