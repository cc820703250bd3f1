"""The storage seam: what the Engine asks of an index, whichever engine holds it.

Reading, chunking, language tagging and name keys stay in tutti; a backend stores passages
and ranks them. The embedded backend is the Whoosh index folder (store.py, query.py), which
the Engine drives directly; a remote backend implements ``Backend`` and the Engine hands
it each call (engine.py), so the CLI and the render layer never learn which one answered.

``backend_from(name, url)`` picks one from arguments, else ``$TUTTI_BACKEND`` and
``$TUTTI_URL``; the default, "whoosh", needs neither Java nor a client library.
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
    from ..store import BuildReport, Manifest, ProgressFn

#: Engines tutti can store its index in.
BACKENDS = ("whoosh", "opensearch")


class BackendError(TuttiError):
    """The remote engine cannot answer (unreachable, refused, red, failed shards)."""


class Backend(Protocol):
    """A remote index. ``manifest`` describes every indexed file (as the embedded index's
    manifest does), so filters resolve user spellings the same way on both engines."""

    where: str  # for messages: the URL and index name

    def exists(self) -> bool: ...

    def build(
        self,
        paths: Sequence[Path],
        *,
        rebuild: bool,
        progress: ProgressFn | None,
        procs: int | None,
        follow_outside: bool = True,
    ) -> BuildReport:
        """Write the passages of ``paths``: a rebuild into a new index that replaces the
        old one at once; otherwise changed files are deleted by source and re-added."""

    def manifest(self) -> Manifest: ...

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
        """A did-you-mean from the index's own words, as the embedded engine makes it."""

    def films(self) -> list[Film]:
        """The films grouped at the last build (``films.group``), stored with the index."""

    def passage(self, passage_id: str) -> Passage: ...

    def passages(self) -> Iterator[Passage]:
        """Every passage, in source order then position order."""

    def values(self, field: str) -> set[str]:
        """The values a keyword field (kind, role ...) takes in the index."""

    def per_speaker(self, field: str) -> dict[str, dict[str, int]]:
        """Passages per speaker and value of a keyword field (lang, role)."""

    def kind_counts(self) -> dict[str, int]: ...

    def size_bytes(self) -> int: ...

    def check_analysis(self, sample: int) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        """Per language, sampled words whose tokens differ: (word, tutti's, the engine's)."""

    def close(self) -> None: ...


def backend_from(name: str | None, url: str | None) -> Backend | None:
    """The remote backend named by the arguments or the environment, or None for the
    embedded index. An unknown name or a remote one without a URL is a TuttiError."""
    name = (name or os.environ.get("TUTTI_BACKEND") or "whoosh").strip().lower()
    if name not in BACKENDS:
        raise TuttiError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "whoosh":
        return None
    url = url or os.environ.get("TUTTI_URL")
    if not url:
        raise TuttiError(f"the {name} backend needs a cluster URL: --url or $TUTTI_URL")
    from .opensearch import OpenSearchBackend

    return OpenSearchBackend(url)


__all__ = ["BACKENDS", "Backend", "BackendError", "backend_from"]
