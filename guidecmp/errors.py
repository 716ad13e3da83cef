"""Errors a user can act on. Library code raises them; the command line turns each into one line
`error: <what>: <why>` on stderr and exit code 2 (cli.py), so no layer below prints or exits."""

from __future__ import annotations


class GuidecmpError(Exception):
    """Something about the inputs, the rules or an output that the user can fix.

    Each argument is one line of the message (several inputs can fail for one reason to stop).
    """


class RulesError(GuidecmpError):
    """The rules folder is missing, incomplete or has a mistake in a TOML file."""


class InputError(GuidecmpError):
    """A path named on the command line cannot be used (missing, not a file, wrong kind)."""


class OutputError(GuidecmpError):
    """An output file or folder cannot be written."""
