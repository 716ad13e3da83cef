"""Text from a PDF or a file name is untrusted: shown to a person, it must stay one visible line.

Control characters (a terminal escape, a carriage return, a newline that forges a second
`error:` line) and undecodable bytes of a file name are shown as escapes instead of acting.
"""

from __future__ import annotations

import os
import re

# C0 and C1 controls and the Unicode controls that reorder or hide text
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\n`)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def display_path(path: os.PathLike | str) -> str:
    """A file name as one safe line: undecodable bytes as `\\xNN`, controls escaped."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return visible(text)
