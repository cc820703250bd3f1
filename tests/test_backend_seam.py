"""The Engine over the ``Backend`` seam: another storage engine plugs in beside Whoosh's,
and the Engine asks it, not the index folder, for everything an index does."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from search.backend.manifest import DocEntry, Manifest, Summary
from search.engine import Engine, SpeakerInfo
from search.films import Film
from search.model import Hit, Passage
from search.query import Filters, SearchResult

PASSAGES = [
    Passage("a.txt:laurent:01", "a.txt", "answer", "Le violon", "fr", speaker="Mélanie Laurent"),
    Passage("a.txt:laurent:02", "a.txt", "answer", "La musique", "fr", speaker="Mélanie Laurent"),
    Passage("b.txt:text:01", "b.txt", "text", "The violin concerto", "en"),
]


def _entry(path: str, lang: str, langs: dict[str, int], speakers: dict[str, int]) -> DocEntry:
    return DocEntry(path, 10, 1, lang, "txt", None, {}, sum(langs.values()), langs, speakers)


class MemoryBackend:
    """A backend holding three passages in memory: what it is asked is recorded."""

    in_process = False

    def __init__(self) -> None:
        self.where = "memory"
        self.asked: list[tuple[Any, ...]] = []
        self.closed = 0

    def exists(self) -> bool:
        return True

    def build(self, paths: Sequence[Path], **options: Any) -> Any:
        self.asked.append(("build", list(paths), options))
        return None

    def manifest(self) -> Manifest:
        self.asked.append(("manifest",))
        return self._manifest()

    def _manifest(self) -> Manifest:
        manifest = Manifest()
        manifest.documents = {
            "a.txt": _entry("/a.txt", "fr", {"fr": 2}, {"Mélanie Laurent": 2}),
            "b.txt": _entry("/b.txt", "en", {"en": 1}, {}),
        }
        return manifest

    def summary(self) -> Summary:
        self.asked.append(("summary",))
        return self._manifest().summary()

    def films(self) -> list[Film]:
        return [Film("concert", "Le Concert", documents={"a.txt": "sidecar"})]

    def search(
        self,
        text: str,
        filters: Filters,
        langs: Sequence[str],
        limit: int,
        facets: bool,
        plays: dict[str, str],
    ) -> SearchResult:
        self.asked.append(("search", text, filters, list(langs), limit, facets))
        hits = [
            Hit(p, rank, 1.0 / rank, p.text, [], text)
            for rank, p in enumerate(
                (p for p in PASSAGES if not filters.sources or p.source in filters.sources), 1
            )
        ]
        return SearchResult(hits[:limit], len(hits))

    def suggest(self, text: str, langs: Sequence[str]) -> str | None:
        return f"{text}?"

    def passage(self, passage_id: str) -> Passage:
        return next(p for p in PASSAGES if p.id == passage_id)

    def passages(self) -> Iterator[Passage]:
        yield from PASSAGES

    def passage_ids(self, prefix: str, limit: int | None) -> list[str]:
        return [p.id for p in PASSAGES if p.id.startswith(prefix)][:limit]

    def values(self, field: str) -> set[str]:
        return {getattr(p, field) for p in PASSAGES if getattr(p, field)}

    def per_speaker(self, field: str) -> dict[str, dict[str, int]]:
        return {"lang": {"Mélanie Laurent": {"fr": 2}}, "role": {}}[field]

    def kind_counts(self) -> dict[str, int]:
        return {"answer": 2, "text": 1}

    def size_bytes(self) -> int:
        return 1234

    def check_analysis(self, sample: int) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        return {}

    def preload(self) -> None:
        self.asked.append(("preload",))

    def sharing(self) -> MemoryBackend:
        return self

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = Engine(tmp_path / "no-index-folder")
    engine.backend = MemoryBackend()
    return engine


def test_a_search_resolves_spellings_then_asks_the_backend(engine: Engine) -> None:
    backend = engine.backend
    assert isinstance(backend, MemoryBackend)
    result = engine.search("violin", speakers=["laurent"], limit=5)
    [(_, text, filters, langs, limit, facets)] = [a for a in backend.asked if a[0] == "search"]
    assert (text, filters.speakers, langs, limit, facets) == (
        "violin",
        ["Mélanie Laurent"],
        ["en", "fr"],
        5,
        False,
    )
    assert [h.passage.id for h in result.hits] == [p.id for p in PASSAGES]
    assert result.suggestion is None  # three hits: no did-you-mean asked
    assert engine.search("violn", films=["le concert"]).suggestion == "violn?"
    assert [a[2].sources for a in backend.asked if a[0] == "search"][-1] == ["a.txt"]
    assert not (engine.index_dir).exists()  # the folder was never opened


def test_every_reading_command_asks_the_backend(engine: Engine) -> None:
    assert engine.passage("b.txt:text:01").text == "The violin concerto"
    assert [p.id for p in engine.passages(films=["Le Concert"])] == [p.id for p in PASSAGES[:2]]
    assert engine.passage_ids("a.txt") == ["a.txt:laurent:01", "a.txt:laurent:02"]
    assert engine.known_roles() == []
    assert engine.speakers() == [SpeakerInfo("Mélanie Laurent", 2, {"fr": 2}, None, None)]
    stats = engine.stats()
    assert (stats.index_dir, stats.kinds, stats.size_bytes, stats.passages) == (
        "memory",
        {"answer": 2, "text": 1},
        1234,
        3,
    )
    assert [f.film.title if f.film else None for f in engine.films()] == ["Le Concert", None]


def test_the_state_is_read_once_per_open_and_dropped_by_close(engine: Engine) -> None:
    backend = engine.backend
    assert isinstance(backend, MemoryBackend)
    engine.search("violin")
    engine.search("concert")
    assert [a for a in backend.asked if a[0] == "summary"] == [("summary",)]
    engine.close()
    assert backend.closed == 1
    engine.search("violin")
    assert len([a for a in backend.asked if a[0] == "summary"]) == 2
    # A search reads the summary, never every file's entry; filtering by source does.
    assert not [a for a in backend.asked if a[0] == "manifest"]
    engine.search("violin", sources=["a.txt"])
    assert [a for a in backend.asked if a[0] == "manifest"] == [("manifest",)]


def test_a_batch_is_answered_here_when_the_backend_answers_in_parallel(engine: Engine) -> None:
    answers = list(engine.search_many(["violin", "concert"], workers=4))
    assert [text for text, _ in answers] == ["violin", "concert"]
    assert all(isinstance(result, SearchResult) for _, result in answers)
    backend = engine.backend
    assert isinstance(backend, MemoryBackend)
    assert ("preload",) not in backend.asked  # no worker was prepared (Engine.sharing)
