"""Exit codes, grep-like, so shell scripts can branch on the outcome."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0  # hits found / command done
    NO_HITS = 1  # the search ran and found nothing
    ERROR = 2  # bad option, unknown speaker, broken query, damaged or busy index
    SKIPPED = 3  # `tutti index`: the index was built, but some files could not be read
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # `tutti index` stopped by SIGTERM (128 + SIGTERM)
