"""Where the files shipped with guidecmp live: the default rules/ folder.

In a checkout the rules are the editable `rules/` beside the package; an installed wheel carries
the same files inside the package (`guidecmp/rules/`, see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_rules_dir() -> Path:
    installed = _PACKAGE / "rules"
    return installed if (installed / "categories.toml").is_file() else _PACKAGE.parent / "rules"
