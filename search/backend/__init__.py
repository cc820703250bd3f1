"""The storage seam: what the Engine asks of an index, whichever engine holds it.

Reading, chunking, language tagging and name keys stay in tutti; a backend stores passages
and ranks them. ``Backend`` is all the Engine asks of one: write passages (a build, or a
sync that deletes changed files by source), the manifest and its summary, ranked top-k with filters,
did-you-mean from the index's vocabulary, stored passages, keyword values and counts, the
films grouped at build time. Two implement it: ``whoosh/`` (the embedded index folder, the
default, which needs neither Java nor a client library) and ``opensearch.py`` (a cluster).

``backend_from(name, url, index_dir)`` picks one from arguments, else ``$TUTTI_BACKEND``
and ``$TUTTI_URL``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import TuttiError

if TYPE_CHECKING:
    from ..films import Film
    from ..model import Passage
    from ..query import Filters, SearchResult
    from .manifest import BuildReport, Manifest, ProgressFn, Summary

#: Engines tutti can store its index in.
BACKENDS = ("whoosh", "opensearch")


class BackendError(TuttiError):
    """The remote engine cannot answer (unreachable, refused, red, failed shards)."""


class Backend(Protocol):
    """An index, embedded or remote. ``manifest`` describes every indexed file, so
    filters resolve user spellings the same way on every engine. What a backend has read
    of its index it keeps until ``close()``."""

    @property
    def where(self) -> Path | str:
        """For messages: the index folder, or the cluster's URL and index name."""

    #: Whether queries are answered in this process: a batch then adds cores with worker
    #: processes (batch.py); a cluster answers in parallel itself, workers would only wait.
    in_process: bool

    def exists(self) -> bool: ...

    def build(
        self,
        paths: Sequence[Path],
        *,
        rebuild: bool,
        progress: ProgressFn | None,
        procs: int | None,
        follow_outside: bool | None = None,
        wait: float = 30.0,
    ) -> BuildReport:
        """Write the passages of ``paths``: a rebuild into a new index that replaces the
        old one at once; otherwise changed files are deleted by source and re-added.
        ``follow_outside`` None: as the manifest records it (True for a new index).
        ``wait``: seconds to wait for another process writing the same index."""

    def manifest(self) -> Manifest: ...

    def summary(self) -> Summary:
        """What every search needs of the manifest (``Summary``), without reading it all."""

    def films(self) -> list[Film]:
        """The films grouped at build time (films.py), each with its documents."""

    def search(
        self,
        text: str,
        filters: Filters,
        langs: Sequence[str],
        limit: int,
        facets: bool,
        plays: dict[str, str],
    ) -> SearchResult:
        """Ranked hits (score, then id) with exact totals, highlights as character spans."""

    def suggest(self, text: str, langs: Sequence[str]) -> str | None:
        """Did-you-mean: ``text`` with its unknown words replaced by close indexed words,
        or None."""

    def passage(self, passage_id: str) -> Passage: ...

    def passages(self) -> Iterator[Passage]:
        """Every passage, in source order then position order."""

    def passage_ids(self, prefix: str, limit: int | None) -> list[str]:
        """Passage ids that start with ``prefix``, in order, at most ``limit``."""

    def values(self, field: str) -> set[str]:
        """The values a keyword field (kind, role ...) takes in the index."""

    def per_speaker(self, field: str) -> dict[str, dict[str, int]]:
        """Passages per speaker and value of a keyword field (lang, role)."""

    def kind_counts(self) -> dict[str, int]: ...

    def size_bytes(self) -> int: ...

    def check_analysis(self, sample: int) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        """Per language, sampled words whose tokens differ: (word, tutti's, the engine's)."""

    def preload(self) -> None:
        """Read now what searches need besides open files or connections, so that
        processes forked after this share it."""

    def sharing(self) -> Backend:
        """A twin for a process forked after this: what this one has read, no open file
        or connection."""

    def close(self) -> None: ...


def backend_from(name: str | None, url: str | None, index_dir: Path) -> Backend:
    """The backend named by the arguments or the environment: the embedded index in
    ``index_dir`` by default. An unknown name or a remote one without a URL is a
    TuttiError."""
    name = (name or os.environ.get("TUTTI_BACKEND") or "whoosh").strip().lower()
    if name not in BACKENDS:
        raise TuttiError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "whoosh":
        from .whoosh.backend import WhooshBackend

        return WhooshBackend(index_dir)
    url = url or os.environ.get("TUTTI_URL")
    if not url:
        raise TuttiError(f"the {name} backend needs a cluster URL: --url or $TUTTI_URL")
    from .opensearch import OpenSearchBackend

    return OpenSearchBackend(url)


__all__ = ["BACKENDS", "Backend", "BackendError", "backend_from"]
