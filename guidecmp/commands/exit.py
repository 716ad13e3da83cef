"""Exit codes: what a shell script or CI job can rely on."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # everything was read; diff/check: no difference
    DIFFERENCES = 1  # diff/check: the guidelines differ from each other or from the baseline
    FAILED = 2  # some input could not be read, or the command was used wrongly
