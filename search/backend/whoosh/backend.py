"""The embedded index as a ``Backend``: an index folder read through Whoosh.

One ``WhooshBackend`` serves one index folder. What it reads of the generation it opened
(the Whoosh index, manifest, films, vocabulary, searcher, parsers) is one ``OpenIndex``,
made on first use and dropped by ``close()``: a rebuild by another process is seen by the
next open, never half-way through one.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ...errors import IndexDamaged, PassageNotFound, QueryError, reading_index
from ...model import Record
from ...query import execute, parse
from ...query import suggest as did_you_mean
from ...query.execute import SearchResult
from ...query.filters import Filters
from ...schema import passage_from_body
from ..manifest import BuildReport, Manifest, ProgressFn, Summary
from .scoring import PassageBM25F
from .sourcetable import SourceTable
from .store import build, index_size, open_generation, read_manifest, read_vocabulary

if TYPE_CHECKING:
    from ...films import Film
    from ...model import Passage


class StoredCounts(NamedTuple):
    """What one walk over every passage's stored fields counts: passages per speaker and
    language, per speaker and role, and per kind (in the order the walk meets them)."""

    langs: dict[str, dict[str, int]]
    roles: dict[str, dict[str, int]]
    kinds: dict[str, int]


class OpenIndex(Record):
    """One open generation and what has been read of it. Everything but ``searcher``,
    ``df`` and ``parsers`` is plain data that a process forked after reading it shares;
    those three hold open segment files, which processes must not share."""

    def __init__(self, ix: Any, summary: Summary, gen: Path) -> None:
        self.ix = ix
        self.summary = summary
        self.gen = gen
        self.manifest: Manifest | None = None  # read on first use: a search needs only the summary
        self.searcher: Any = None
        self.df: parse.DocFrequencies | None = None
        self.parsers: dict[tuple[str, ...], Any] = {}
        self.vocabulary: dict[str, int] | None = None
        self.films: list[Film] | None = None
        self.meta: SourceTable | None = None
        self.counts: StoredCounts | None = None


class WhooshBackend:
    """The index folder ``root`` (store.py's generations), searched in this process."""

    #: Searched in this process: a batch adds cores with worker processes (batch.py).
    in_process = True

    def __init__(self, root: Path) -> None:
        self.root = root
        self.where: Path | str = root
        self._index: OpenIndex | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.root / "CURRENT").exists()

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
        self.close()
        return build(
            self.root,
            list(paths),
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            procs=procs,
            follow_outside=follow_outside,
        )

    def close(self) -> None:
        if self._index is not None and self._index.searcher is not None:
            self._index.searcher.close()
        self._index = None

    def opened(self) -> OpenIndex:
        """The generation readers should use now, opened once until ``close``."""
        if self._index is None:
            ix, summary, gen = open_generation(self.root)
            self._index = OpenIndex(ix, summary, gen)
        return self._index

    def preload(self) -> None:
        """Read what searches need besides the segments (summary, vocabulary, document
        metadata), opening no segment file."""
        self.opened()
        with contextlib.suppress(IndexDamaged):  # the search that needs it says so
            self._vocabulary()
        self._metadata()

    def sharing(self) -> WhooshBackend:
        """A twin on the generation this one has open, holding what this one has read
        besides the segments (read now if need be), and no open segment file: processes
        forked after this share it (batch.py)."""
        self.preload()
        twin = WhooshBackend(self.root)
        twin._index = self.opened().replace(searcher=None, df=None, parsers={})
        return twin

    # -- reading -------------------------------------------------------------------------
    def searcher(self) -> Any:
        """The open searcher, ranking with ``PassageBM25F`` over the fields' passages."""
        index = self.opened()
        if index.searcher is None:
            try:
                index.searcher = index.ix.searcher(weighting=PassageBM25F(self.field_docs()))
            except Exception as err:  # a truncated or missing segment file
                raise IndexDamaged(
                    f"index at {self.root} is damaged ({type(err).__name__}: {err})"
                ) from err
        return index.searcher

    def _reading(self) -> contextlib.AbstractContextManager[None]:
        """Reads of the index's segments: one ``IndexDamaged`` line if a file is damaged."""
        return reading_index(f"index at {self.root}")

    def manifest(self) -> Manifest:
        index = self.opened()
        if index.manifest is None:
            index.manifest = read_manifest(index.gen)
        return index.manifest

    def summary(self) -> Summary:
        return self.opened().summary

    def films(self) -> list[Film]:
        """The films the last build grouped (``films.py``), read once per open."""
        index = self.opened()
        if index.films is None:
            from ...films import read_films  # only here: a search without films never needs it

            index.films = read_films(index.gen)
        return index.films

    def field_docs(self) -> dict[str, int]:
        """Passages per analysed field: the parser skips empty fields, BM25F averages over them."""
        return self.opened().summary.fields

    def _metadata(self) -> SourceTable:
        """Each source's document metadata (title, author, cast ...) and its film's
        label (``meta["film"]``), which hits carry, looked up by source."""
        index = self.opened()
        if index.meta is None:
            index.meta = SourceTable(index.gen)
        return index.meta

    def _vocabulary(self) -> dict[str, int]:
        """The index's words for did-you-mean, read on the first search that needs them."""
        index = self.opened()
        if index.vocabulary is None:
            index.vocabulary = read_vocabulary(index.gen)
        return index.vocabulary

    def parser(self, langs: tuple[str, ...]) -> Any:
        """The query parser for these languages, built once per open: building one
        analyses nothing but is a noticeable part of a query's cost."""
        index = self.opened()
        if langs not in index.parsers:
            # The searcher's schema was loaded once; ix.schema rereads a generation that a
            # later rebuild may have removed.
            index.parsers[langs] = parse.make_parser(
                self.searcher().schema, langs, self.field_docs()
            )
        return index.parsers[langs]

    # -- queries -------------------------------------------------------------------------
    def search(
        self,
        text: str,
        filters: Filters,
        langs: Sequence[str],
        limit: int,
        facets: bool,
        plays: dict[str, str],
    ) -> SearchResult:
        searcher = self.searcher()
        try:
            query = parse.parse(self.parser(tuple(langs)), text)
            index = self.opened()
            if index.df is None or index.df.searcher is not searcher:
                index.df = parse.DocFrequencies(searcher)
            with self._reading():
                query = parse.prune(query, index.df)
            return execute.run(
                searcher,
                searcher.schema,
                query,
                text,
                filters,
                limit,
                self._metadata(),
                plays,
                with_facets=facets,
            )
        except RecursionError:  # Whoosh parses and matches recursively, a level per node
            shown = text if len(text) <= 80 else text[:79] + "…"
            raise QueryError(f"cannot run query {shown!r}: it nests or repeats too much") from None

    def suggest(self, text: str, langs: Sequence[str]) -> str | None:
        """Did-you-mean: ``text`` with unknown words replaced by close index words."""
        return did_you_mean.suggest(self.searcher(), self._vocabulary(), text, langs)

    def passage(self, passage_id: str) -> Passage:
        with self._reading():
            stored = self.searcher().document(id=passage_id)
        if stored is None:
            raise PassageNotFound(
                f"no passage with id {passage_id!r}; ids are shown by tutti search"
            )
        return passage_from_body(stored["body"], self._metadata().get(stored["source"]))

    def passages(self) -> Iterator[Passage]:
        metadata = self._metadata()
        searcher = self.searcher()
        with self._reading():
            rows = [(f["source"], f["position"], f["body"]) for f in searcher.all_stored_fields()]
        rows.sort(key=lambda r: (r[0], r[1]))
        for source, _, body in rows:
            yield passage_from_body(body, metadata.get(source))

    def passage_ids(self, prefix: str = "", limit: int | None = None) -> list[str]:
        searcher = self.searcher()
        with self._reading():
            ids = (
                t.decode() if isinstance(t, bytes) else t
                for t in searcher.reader().expand_prefix("id", prefix)
            )
            return list(itertools.islice(ids, limit))

    def values(self, field: str) -> set[str]:
        searcher = self.searcher()
        with self._reading():
            return {t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon(field)}

    def _counts(self) -> StoredCounts:
        """Every passage's stored fields, counted in one walk per open."""
        index = self.opened()
        if index.counts is None:
            langs: dict[str, dict[str, int]] = {}
            roles: dict[str, Counter[str]] = {}
            kinds: dict[str, int] = {}
            with self._reading():
                for fields in self.searcher().all_stored_fields():
                    kinds[fields["kind"]] = kinds.get(fields["kind"], 0) + 1
                    name = fields.get("speaker")
                    if name:
                        per = langs.setdefault(name, {})
                        per[fields["lang"]] = per.get(fields["lang"], 0) + 1
                        if fields.get("role"):
                            roles.setdefault(name, Counter())[fields["role"]] += 1
            index.counts = StoredCounts(langs, {name: dict(c) for name, c in roles.items()}, kinds)
        return index.counts

    def per_speaker(self, field: str) -> dict[str, dict[str, int]]:
        """Passages per speaker and value of a stored field (``lang`` or ``role``)."""
        counts = self._counts()
        return {"lang": counts.langs, "role": counts.roles}[field]

    def kind_counts(self) -> dict[str, int]:
        return dict(self._counts().kinds)

    def size_bytes(self) -> int:
        return index_size(self.opened().gen)

    def check_analysis(self, sample: int) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        """None: the embedded index analyses with tutti's own analyzers (analysis.py)."""
        return {}


__all__ = ["OpenIndex", "StoredCounts", "WhooshBackend"]
