"""The public API: ``Engine`` indexes paths and answers queries; the CLI only wraps it.

from search import Engine
engine = Engine("index/")
engine.index(["seeds/"])
for hit in engine.search("ultimate harmony", speakers=["Laurent"]).hits:
    print(hit.rank, hit.passage.speaker, hit.snippet)
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import query as q
from .backend.manifest import BuildReport, Manifest, ProgressFn, Summary
from .backend.whoosh.backend import WhooshBackend
from .errors import AmbiguousName, IndexDamaged, IndexMissing, TuttiError, UnknownName
from .model import Passage, Record

if TYPE_CHECKING:
    from .backend import Backend
    from .films import Film

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
#: The ``--speaker`` value for passages nobody speaks (synopses, reviews, press-kit prose).
NARRATION = "narration"


def _bundled_seeds() -> Path:
    """The demo corpus: package data in an installed tutti (setup.py copies the
    checkout's ``seeds/`` into the package when it builds), else the checkout's own."""
    packaged = Path(__file__).resolve().parent / "seeds"
    return packaged if packaged.is_dir() else PACKAGE_ROOT / "seeds"


#: The bundled corpus: the demo, searched only when no index was chosen or built.
SEEDS_DIR = _bundled_seeds()


def chosen_index_dir() -> Path | None:
    """The index the user chose through the environment (``$TUTTI_INDEX_DIR``), if any."""
    env = os.environ.get("TUTTI_INDEX_DIR")
    return Path(env) if env else None


def demo_index_dir() -> Path:
    """Where the demo index of the bundled seeds lives: apart from the user's index, in
    the per-user cache (it can be rebuilt from the package at any time)."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "tutti" / "demo-index"


def default_index_dir() -> Path:
    """``$TUTTI_INDEX_DIR``, else the project's ``index/`` folder, else a per-user folder."""
    env = os.environ.get("TUTTI_INDEX_DIR")
    if env:
        return Path(env)
    project_index = PACKAGE_ROOT / "index"
    if project_index.is_dir() and os.access(project_index, os.W_OK):
        return project_index
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "tutti" / "index"


class SpeakerInfo(NamedTuple):
    """A speaker of the index: passages in all and per language, whom they play."""

    name: str
    passages: int
    langs: dict[str, int]
    plays: str | None
    role: str | None = None  # the role their passages give them most often


class FilmDocument(NamedTuple):
    """A document of a film, and which rule put it there (``films.HOW``)."""

    source: str
    title: str | None
    lang: str
    how: str


class FilmInfo(NamedTuple):
    """A film with its documents, languages and speakers; ``film`` is None for the
    documents that belong to no film."""

    film: Film | None
    documents: list[FilmDocument]
    langs: dict[str, int]  # passages per language
    speakers: list[str]
    passages: int


class Stats(NamedTuple):
    """What ``tutti stats`` reports of an index."""

    index_dir: Path | str  # a folder, or where a remote index lives (backend/)
    documents: int
    passages: int
    langs: dict[str, int]
    kinds: dict[str, int]
    size_bytes: int
    text_bytes: int
    created: float
    updated: float
    skipped: list[dict[str, str]]


class IndexState(Record):
    """What an Engine has read of its open index, whichever backend holds it: made when
    the index is first used, dropped by ``close()``, copied to batch workers."""

    def __init__(self) -> None:
        self.summary: Summary | None = None  # read on first use, by every search
        self.manifest: Manifest | None = None  # read on first use, by what needs every file
        #: sorted speakers, languages and sources, by that name
        self.known: dict[str, list[str]] = {}
        self.films: list[Film] | None = None

    def copy(self) -> IndexState:
        return self.replace(known=dict(self.known))


def _roles() -> set[str]:
    """The English roles tutti gives speakers. (The chunkers' package is imported only by
    a search with --role.)"""
    from .chunk.speakers import ROLES

    return set(ROLES.values())


def _role_word(value: str) -> str | None:
    """The English role a word in any language names, its accents optional."""
    from .chunk.speakers import role_of
    from .films import fold

    return role_of(value) or _folded_roles().get(fold(value))


@cache
def _folded_roles() -> dict[str, str]:
    """Every role word without its accents ("realisatrice"), with its English role."""
    from .chunk.speakers import ROLES
    from .films import fold

    return {fold(word): role for word, role in ROLES.items()}


class Engine:
    """An index, opened lazily; cheap to create, safe to reuse across queries.

    The Engine resolves what users type (speakers, languages, sources, films) against the
    index's manifest and asks its ``backend`` (backend/: the embedded Whoosh index or a
    cluster) for everything else. What it has read of the open index is one
    ``IndexState``, dropped by ``close()``."""

    def __init__(
        self,
        index_dir: Path | str | None = None,
        *,
        backend: str | None = None,
        url: str | None = None,
    ) -> None:
        """``backend``/``url`` (default ``$TUTTI_BACKEND``/``$TUTTI_URL``) put the index on
        an OpenSearch cluster instead of ``index_dir`` (backend/)."""
        from .backend import backend_from

        self.index_dir = Path(index_dir) if index_dir is not None else default_index_dir()
        #: Where the index is stored and ranked: the ``Backend`` seam (backend/__init__.py).
        self.backend: Backend = backend_from(backend, url, self.index_dir)
        self._state: IndexState | None = None

    @property
    def remote(self) -> Backend | None:
        """The backend when the index is not the embedded one in ``index_dir`` (the CLI
        names where it is, and checks its analysis), else None."""
        return None if isinstance(self.backend, WhooshBackend) else self.backend

    # -- lifecycle -----------------------------------------------------------------------
    def exists(self) -> bool:
        return self.backend.exists()

    def index(
        self,
        paths: Sequence[Path | str],
        *,
        rebuild: bool = False,
        wait: float = 30.0,
        progress: ProgressFn | None = None,
        procs: int | None = None,
        follow_outside: bool | None = None,
    ) -> BuildReport:
        """Build or sync the index from ``paths`` (files or folders); ``procs`` worker
        processes read and chunk files (default: one per core) while this one writes.
        ``follow_outside=False`` skips symbolic links that lead out of a folder given (None:
        as the index was built, followed for a new one; the choice is kept for syncs);
        ``wait`` is how long to wait for another process writing the same index.

        Called from the main thread, Ctrl-C (SIGINT) or SIGTERM during the build raises
        ``IndexInterrupted`` (a KeyboardInterrupt) once the files finished so far are kept
        (none for a ``rebuild``); the signal handlers are restored afterwards."""
        self.close()
        return self.backend.build(
            [Path(p) for p in paths],
            rebuild=rebuild,
            progress=progress,
            procs=procs,
            follow_outside=follow_outside,
            wait=wait,
        )

    def close(self) -> None:
        self.backend.close()
        self._state = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _opened(self) -> IndexState:
        """What has been read of the open index (nothing yet, at first)."""
        if self._state is None:
            self._state = IndexState()
        return self._state

    @property
    def summary(self) -> Summary:
        """What searches need of the manifest (its size does not grow with the files)."""
        state = self._opened()
        if state.summary is None:
            state.summary = self.backend.summary()
        return state.summary

    @property
    def manifest(self) -> Manifest:
        state = self._opened()
        if state.manifest is None:
            state.manifest = self.backend.manifest()
        return state.manifest

    # -- queries -------------------------------------------------------------------------
    def _known_values(self, what: str) -> list[str]:
        """Speakers, sources or languages of the open index, computed once per open. Only
        the sources need the whole manifest."""
        state = self._opened()
        if what not in state.known:
            values: dict[str, Callable[[], Iterable[str]]] = {
                "speakers": lambda: self.summary.speakers,
                "langs": lambda: self.summary.langs,
                "sources": lambda: self.manifest.documents,
            }
            state.known[what] = sorted(values[what]())
        return state.known[what]

    def known_speakers(self) -> list[str]:
        return self._known_values("speakers")

    def known_sources(self) -> list[str]:
        return self._known_values("sources")

    def known_langs(self) -> list[str]:
        return self._known_values("langs")

    def known_kinds(self) -> list[str]:
        """The kinds of passage tutti makes (``model.Kind``), without opening the index."""
        from .model import Kind

        return sorted(v for k, v in vars(Kind).items() if k.isupper() and isinstance(v, str))

    def passage_ids(self, prefix: str = "", limit: int | None = None) -> list[str]:
        """Passage ids that start with ``prefix``, in order (for shell completion)."""
        return self.backend.passage_ids(prefix, limit)

    def plays(self) -> dict[str, str]:
        """Who plays whom: speakers matched by full name to a cast list's actors."""
        return self.summary.plays

    def resolve_filters(
        self,
        speakers: Sequence[str] | None = None,
        langs: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        roles: Sequence[str] | None = None,
        films: Sequence[str] | None = None,
    ) -> q.Filters:
        """User spellings to stored values; unknown ones raise UnknownName with suggestions.
        A film is its documents: ``films`` narrows the sources (both given: documents of
        those films among those sources)."""

        def lang_match(value: str, known: str) -> bool:
            return value.strip().lower() == known

        def source_match(value: str, known: str) -> bool:
            v = value.strip().lower()
            k = known.lower()
            return v == k or v == k.rsplit(".", 1)[0] or v in k

        def role_match(value: str, known: str) -> bool:
            # Any language's role word names the English one: "réalisatrice" is a director,
            # and so is "realisatrice", typed without its accent.
            return exact(value, known) or _role_word(value) == known

        def exact(value: str, known: str) -> bool:
            return value.strip().lower() == known.lower()

        def near(value: str, known: list[str]) -> list[str]:
            import difflib

            return difflib.get_close_matches(value, known, n=3, cutoff=0.5)

        chosen = q.resolve(
            "source", sources, self.known_sources() if sources else (), source_match, near
        )
        if films:
            of_films = self.film_sources(films)
            chosen = [s for s in (chosen if chosen is not None else of_films) if s in of_films]
        speaker_values, narration, notes = self._resolve_speakers(speakers)
        return q.Filters(
            speakers=speaker_values,
            narration=narration,
            notes=tuple(notes),
            langs=q.resolve(
                "language", langs, self.known_langs(), lang_match, lambda value, known: known
            ),
            sources=chosen,
            kinds=q.resolve("kind", kinds, self._all_kinds() if kinds else (), exact, near),
            # every role tutti gives is known, held by a speaker or not: "--role editor"
            # over an index without one finds nothing (exit 1), no "unknown role"
            roles=q.resolve(
                "role", roles, _roles() | self._all_roles() if roles else (), role_match, near
            ),
        )

    def film_list(self) -> list[Film]:
        """The films the last build grouped (``films.py``), read once per open."""
        state = self._opened()
        if state.films is None:
            state.films = self.backend.films()
        return state.films

    def film_sources(self, names: Sequence[str]) -> list[str]:
        """Sources of the films named (any title variant; accents, case and a leading
        article ignored); an unknown name raises UnknownName naming the closest films."""
        from .films import closest, matches

        known = self.film_list()
        out: list[str] = []
        for name in names:
            found = [f for f in known if matches(name, f)]
            if not found:
                raise UnknownName("film", name, closest(name, known))
            out.extend(s for f in found for s in f.documents if s not in out)
        return out

    def film_of(self, source: str) -> Film | None:
        for film in self.film_list():
            if source in film.documents:
                return film
        return None

    def films(self) -> list[FilmInfo]:
        """Each film with its documents, languages and speakers, then (``film`` None) the
        documents of no film, if any."""
        docs = self.manifest.documents
        out: list[FilmInfo] = []
        placed: set[str] = set()
        for film in self.film_list():
            members = [s for s in film.documents if s in docs]
            placed.update(members)
            out.append(self._film_info(film, members, film.documents))
        rest = sorted(s for s in docs if s not in placed)
        if rest:
            out.append(self._film_info(None, rest, {}))
        return out

    def _film_info(self, film: Film | None, members: list[str], how: dict[str, str]) -> FilmInfo:
        docs = self.manifest.documents
        langs: dict[str, int] = {}
        speakers: dict[str, int] = {}
        for source in members:
            for lang, count in docs[source].langs.items():
                langs[lang] = langs.get(lang, 0) + count
            for name, count in docs[source].speakers.items():
                speakers[name] = speakers.get(name, 0) + count
        return FilmInfo(
            film,
            [FilmDocument(s, docs[s].title, docs[s].lang, how.get(s, "")) for s in members],
            dict(sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))),
            sorted(speakers, key=lambda n: (-speakers[n], n)),
            sum(docs[s].passages for s in members),
        )

    def _resolve_speakers(
        self, values: Sequence[str] | None
    ) -> tuple[list[str] | None, bool, list[str]]:
        """Speaker filter values to stored names, trying in turn: ``narration`` (passages
        with no speaker); a name (``speaker_matches``: a surname, a first name, initials,
        any spelling with the same name keys); the character a speaker plays, per a cast
        list (with a note saying whom it means); the beginning of a name, when only one
        speaker's name begins so. Returns the names, whether narration is wanted, notes."""
        from .names import closest, only_initials, speaker_matches, speaker_prefix_matches

        if not values:
            return None, False, []
        known = self.known_speakers()
        out: list[str] = []
        notes: list[str] = []
        narration = False
        for value in values:
            if value.strip().casefold() == NARRATION:
                narration = True
                continue
            found = [k for k in known if speaker_matches(value, k)]
            if len(found) > 1 and only_initials(value):
                raise AmbiguousName("speaker", value, found)  # "a": four speakers, say
            if not found:
                roles = sorted(
                    (actor, role)
                    for actor, role in self.plays().items()
                    if speaker_matches(value, role)
                )
                found = [actor for actor, _ in roles]
                notes.extend(
                    f"{value!r} is the character {role}: passages of {actor}, who plays them"
                    for actor, role in roles
                )
            if not found:
                found = [k for k in known if speaker_prefix_matches(value, k)]
                if len(found) > 1:
                    raise AmbiguousName("speaker", value, found)
            if not found:
                raise UnknownName(
                    "speaker", value, closest(value, [*known, *self.plays().values()])
                )
            out.extend(f for f in found if f not in out)
        return out, narration, notes

    def _all_kinds(self) -> set[str]:
        return self._lexicon("kind")

    def _all_roles(self) -> set[str]:
        return self._lexicon("role")

    def known_roles(self) -> list[str]:
        """The speakers' roles the index holds (English words: director, composer ...)."""
        return sorted(self._all_roles())

    def known_films(self) -> list[str]:
        """Every title the index's films are known by."""
        return sorted({t for f in self.film_list() for t in (f.title, *f.variants)})

    def _lexicon(self, name: str) -> set[str]:
        return self.backend.values(name)

    def search(
        self,
        text: str,
        *,
        speakers: Sequence[str] | None = None,
        langs: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        roles: Sequence[str] | None = None,
        films: Sequence[str] | None = None,
        limit: int | None = 10,
        facets: bool = False,
        suggest: bool = True,
    ) -> q.SearchResult:
        """Ranked hits for ``text``; filters take user spellings ("laurent", "Miou-Miou",
        a film by any of its titles).

        ``limit`` None (or 0) returns every match. ``result.total`` counts every match;
        ``facets`` counts them per speaker, language and source.
        """
        if not limit:
            limit = max(self.summary.passages, 1)
        filters = self.resolve_filters(speakers, langs, sources, kinds, roles, films)
        if filters.sources == []:  # films and sources that share no document
            return q.SearchResult([], 0)
        chosen = filters.langs or self.known_langs()
        result = self.backend.search(text, filters, chosen, limit, facets, self.plays())
        result.notes = list(filters.notes)
        if suggest and result.total < 3:  # every match: `--limit 1` shows one of thousands
            try:
                result.suggestion = self.backend.suggest(text, chosen)
            except IndexDamaged as err:  # the hits stand; only the suggestion is lost
                result.notes.append(f"no did-you-mean: {err}; a rebuild restores it")
        return result

    def search_many(
        self,
        texts: Iterable[str],
        *,
        workers: int | None = None,
        speakers: Sequence[str] | None = None,
        langs: Sequence[str] | None = None,
        sources: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        roles: Sequence[str] | None = None,
        films: Sequence[str] | None = None,
        limit: int | None = 10,
        suggest: bool = True,
        facets: bool = False,
        convert: Callable[[q.SearchResult], Any] | None = None,
    ) -> Iterator[tuple[str, Any]]:
        """Each query with its result (``convert(result)`` if given), or the TuttiError it
        raised, in the order they come.

        ``texts`` is read as it arrives (a pipe another program writes to works). With
        more than one worker (default: one per core, at most 8) the queries are answered
        by worker processes, each with its own searcher (batch.py); one answers here.
        ``convert`` runs where the query was answered, so a batch's workers, not this
        process, turn results into output; with workers it must be a module-level
        function (it may be sent to a new process by name).
        """
        options: dict[str, Any] = {
            "speakers": speakers,
            "langs": langs,
            "sources": sources,
            "kinds": kinds,
            "roles": roles,
            "films": films,
            "limit": limit,
            "suggest": suggest,
            "facets": facets,
        }
        if not self.backend.in_process:
            workers = 1  # the engine answers in parallel; worker processes would only wait
        if workers != 1:
            from .batch import answers, default_workers

            workers = workers or default_workers()
        if workers > 1:
            yield from answers(self, texts, workers, options, convert)
            return
        for text in texts:
            try:
                result = self.search(text, **options)
            except TuttiError as err:
                yield text, err
                continue
            yield text, convert(result) if convert is not None else result

    def passage(self, passage_id: str) -> Passage:
        """One passage by id, whole."""
        return self.backend.passage(passage_id)

    def passages(self, films: Sequence[str] | None = None) -> Iterator[Passage]:
        """Every passage (of ``films`` only, if given), in source order then position
        order (for export)."""
        keep = set(self.film_sources(films)) if films else None
        for passage in self.backend.passages():
            if keep is None or passage.source in keep:
                yield passage

    def sharing(self) -> Engine:
        """A new Engine on the index this one has open, holding what this one has read
        besides open files (summary, vocabulary), read now if need be: worker
        processes forked after this share it (batch.py), and no open file."""
        self.preload()
        twin = Engine(self.index_dir)
        twin.backend = self.backend.sharing()
        twin._state = self._opened().copy()
        return twin

    def preload(self) -> None:
        """Read what searches need besides the index's open files (summary, vocabulary,
        document metadata), opening none: worker processes forked after this share it
        (batch.py)."""
        self.summary  # noqa: B018  (read now, before a fork)
        self.backend.preload()
        for what in ("speakers", "langs"):
            self._known_values(what)

    def speakers(self) -> list[SpeakerInfo]:
        """Who speaks, in how many passages, in which languages, in which role, playing whom."""
        counts: dict[str, int] = dict(self.manifest.speakers())
        langs = self.backend.per_speaker("lang")
        roles = {n: Counter(c) for n, c in self.backend.per_speaker("role").items() if c}
        plays = self.plays()
        return [
            SpeakerInfo(
                name,
                counts.get(name, 0),
                langs.get(name, {}),
                plays.get(name),
                roles[name].most_common(1)[0][0] if name in roles else None,
            )
            for name in sorted(counts, key=lambda n: (-counts[n], n))
        ]

    def stats(self) -> Stats:
        manifest = self.manifest
        kinds = self.backend.kind_counts()
        text_bytes = sum(doc.size for doc in manifest.documents.values())
        return Stats(
            self.backend.where,
            len(manifest.documents),
            manifest.passage_count,
            dict(manifest.langs()),
            kinds,
            self.backend.size_bytes(),
            text_bytes,
            manifest.created,
            manifest.updated,
            manifest.skipped,
        )


__all__ = [
    "Engine",
    "FilmDocument",
    "FilmInfo",
    "IndexMissing",
    "IndexState",
    "SpeakerInfo",
    "Stats",
    "UnknownName",
    "default_index_dir",
]
