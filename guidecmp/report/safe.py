"""Text from a PDF or a file name is untrusted: shown to a person, it must stay one visible line.

Control characters (a terminal escape, a carriage return, a newline that forges a second
`error:` line) and undecodable bytes of a file name are shown as escapes instead of acting.
Every output format calls one function here at its cell or escape helper: `spreadsheet_text`
(CSV and XLSX cells), `markdown_text` (markdown cells and lines); HTML uses `html.escape`.
"""

from __future__ import annotations

import os
import re
from functools import cache

# C0 and C1 controls and the Unicode controls that reorder or hide text
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")

# In JSON text (ensure_ascii off), an escape that may stand for a control character. An escaped
# backslash before an `n` also matches; that only costs a walk.
_ESCAPE_IN_JSON = re.compile(r"\\[bfnrtu]")

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): these first characters,
# also after leading spaces, which Excel skips. Tab and carriage return are escaped by `visible` first.
_FORMULA_START = re.compile(r"^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]")

# Markdown that would turn PDF text into a link, an image, raw HTML, code, an emoji shortcode
# (`:x:`) or a mention (`@team`) in a rendered CI summary; a pipe would end a table cell.
_MARKDOWN_SYNTAX = re.compile(r"[\\|`]|\](?=\()")  # `](` is what makes a link or an image
_EMOJI_OR_MENTION = re.compile(r":(?=[\w+-]+:)|@(?=\w)")


def visible(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\n`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def display_path(path: os.PathLike | str) -> str:
    """A file name as one safe line: undecodable bytes as `\\xNN`, controls escaped."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return visible(text)


def spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: controls escaped, and a cell that would start a
    formula (`=`, `+`, `-`, `@`, their full-width forms) prefixed with `'`, as OWASP recommends.
    Excel hides the apostrophe and shows the text as it was; numbers are not text and stay numbers."""
    text = visible(text)
    return "'" + text if _FORMULA_START.match(text) else text


def markdown_text(text: str) -> str:
    """One line of inert markdown: controls escaped, syntax characters backslash-escaped, `<` `>`
    as entities (no raw HTML), and `:x:` / `@name` broken so they render as typed."""
    text = _MARKDOWN_SYNTAX.sub(lambda m: "\\" + m.group(), visible(str(text)))
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _EMOJI_OR_MENTION.sub(lambda m: "&#58;" if m.group() == ":" else "&#64;", text)


def clean_strings(value):
    """A JSON value with every string made `visible`: PDF text entering the reports.

    Nearly every record has nothing to escape: the C encoder writes it out in a fifth of the time
    the walk takes, and when that text has no unsafe character, raw or as an escape (`\\n`,
    `\\u001b`), the value is returned as it is."""
    if isinstance(value, (dict, list)) and not _unsafe_in_json(_as_json(value)):
        return value
    return _cleaned(value)


def _unsafe_in_json(text: str) -> bool:
    """An unsafe character in JSON text, itself or as an escape (searched apart: a third of the time
    of one pattern with both, and most texts have no backslash at all)."""
    return bool(_UNSAFE.search(text) or "\\" in text and _ESCAPE_IN_JSON.search(text))


@cache
def _json_encoder():
    import json  # not at import: `guidecmp --version` and --help pass through this module

    return json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _as_json(value) -> str:
    return _json_encoder()(value)


def _cleaned(value):
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value
