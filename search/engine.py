"""The public API: ``Engine`` indexes paths and answers queries; the CLI only wraps it.

from search import Engine
engine = Engine("index/")
engine.index(["seeds/"])
for hit in engine.search("ultimate harmony", speakers=["Laurent"]).hits:
    print(hit.rank, hit.passage.speaker, hit.snippet)
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import query as q
from .errors import (
    AmbiguousName,
    IndexDamaged,
    IndexMissing,
    PassageNotFound,
    TuttiError,
    UnknownName,
    reading_index,
)
from .model import Passage
from .schema import passage_from_body
from .scoring import PassageBM25F
from .store import (
    BuildReport,
    Manifest,
    ProgressFn,
    build,
    index_size,
    open_generation,
    read_vocabulary,
)

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    passages: int
    langs: dict[str, int]
    plays: str | None
    role: str | None = None  # the role their passages give them most often


@dataclass(frozen=True)
class FilmDocument:
    """A document of a film, and which rule put it there (``films.HOW``)."""

    source: str
    title: str | None
    lang: str
    how: str


@dataclass(frozen=True)
class FilmInfo:
    """A film with its documents, languages and speakers; ``film`` is None for the
    documents that belong to no film."""

    film: Film | None
    documents: list[FilmDocument]
    langs: dict[str, int]  # passages per language
    speakers: list[str]
    passages: int


@dataclass(frozen=True)
class Stats:
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


def link_cast(speakers: Sequence[str], manifest: Manifest) -> dict[str, str]:
    """Who plays whom: each speaker matched by full name to a cast entry of any document."""
    from .names import name_keys

    def key(name: str) -> tuple[str, ...]:
        keys = name_keys(name)
        return (keys[0], keys[-1]) if keys else ()

    cast: dict[tuple[str, ...], str] = {}
    for doc in manifest.documents.values():
        for member in doc.meta.get("cast", []) or []:
            if member.get("character"):
                cast.setdefault(key(member["actor"]), member["character"])
    return {s: cast[key(s)] for s in speakers if key(s) in cast}


class Engine:
    """An index directory, opened lazily; cheap to create, safe to reuse across queries."""

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
        #: A remote index, or None for the embedded one in ``index_dir``.
        self.remote = backend_from(backend, url)
        self._state: tuple[Any, Manifest, Path] | None = None
        self._searcher: Any = None
        self._df: q.DocFrequencies | None = None
        self._plays: dict[str, str] | None = None
        self._known: dict[str, list[str]] = {}
        self._words: dict[str, int] | None = None
        self._filled: dict[str, int] | None = None
        self._meta: dict[str, dict[str, Any]] | None = None
        self._films: list[Film] | None = None
        self._parsers: dict[tuple[str, ...], Any] = {}

    # -- lifecycle -----------------------------------------------------------------------
    def exists(self) -> bool:
        if self.remote is not None:
            return self.remote.exists()
        return (self.index_dir / "CURRENT").exists()

    def index(
        self,
        paths: Sequence[Path | str],
        *,
        rebuild: bool = False,
        wait: float = 30.0,
        progress: ProgressFn | None = None,
        procs: int | None = None,
        follow_outside: bool = True,
    ) -> BuildReport:
        """Build or sync the index from ``paths`` (files or folders); ``procs`` worker
        processes read and chunk files (default: one per core) while this one writes.
        ``follow_outside=False`` skips symbolic links that lead out of a folder given.

        Called from the main thread, Ctrl-C (SIGINT) or SIGTERM during the build raises
        ``IndexInterrupted`` (a KeyboardInterrupt) once the files finished so far are kept
        (none for a ``rebuild``); the signal handlers are restored afterwards."""
        self.close()
        if self.remote is not None:
            return self.remote.build(
                [Path(p) for p in paths],
                rebuild=rebuild,
                progress=progress,
                procs=procs,
                follow_outside=follow_outside,
            )
        return build(
            self.index_dir,
            [Path(p) for p in paths],
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            procs=procs,
            follow_outside=follow_outside,
        )

    def close(self) -> None:
        if self.remote is not None:
            self.remote.close()
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None
        self._df = None
        self._state = None
        self._plays = None
        self._known = {}
        self._words = None
        self._filled = None
        self._meta = None
        self._films = None
        self._parsers = {}

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> tuple[Any, Manifest, Path]:
        if self._state is None:
            self._state = open_generation(self.index_dir)
        return self._state

    def _search_handle(self) -> Any:
        if self._searcher is None:
            ix, _, _ = self._open()
            try:
                self._searcher = ix.searcher(weighting=PassageBM25F(self._field_docs()))
            except Exception as err:  # a truncated or missing segment file
                raise IndexDamaged(
                    f"index at {self.index_dir} is damaged ({type(err).__name__}: "
                    f"{err}); run: tutti index --rebuild"
                ) from err
        return self._searcher

    def _reading(self) -> contextlib.AbstractContextManager[None]:
        """Reads of the index's segments: one ``IndexDamaged`` line if a file is damaged."""
        return reading_index(f"index at {self.index_dir}")

    @property
    def manifest(self) -> Manifest:
        if self.remote is not None:
            return self.remote.manifest()
        return self._open()[1]

    # -- queries -------------------------------------------------------------------------
    def _known_values(self, what: str) -> list[str]:
        """Speakers, sources or languages of the open index, computed once per open."""
        if what not in self._known:
            manifest = self.manifest
            values = {
                "speakers": manifest.speakers,
                "langs": manifest.langs,
                "sources": lambda: manifest.documents,
            }[what]()
            self._known[what] = sorted(values)
        return self._known[what]

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
        import itertools

        searcher = self._search_handle()
        with self._reading():
            ids = (
                t.decode() if isinstance(t, bytes) else t
                for t in searcher.reader().expand_prefix("id", prefix)
            )
            return list(itertools.islice(ids, limit))

    def plays(self) -> dict[str, str]:
        if self._plays is None:
            self._plays = link_cast(self.known_speakers(), self.manifest)
        return self._plays

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
            # Any language's role word names the English one: "réalisatrice" is a director.
            # Imported here: the chunkers' package is no part of a search without --role.
            from .chunk.speakers import role_of

            return exact(value, known) or role_of(value) == known

        def exact(value: str, known: str) -> bool:
            return value.strip().lower() == known.lower()

        def near(value: str, known: list[str]) -> list[str]:
            import difflib

            return difflib.get_close_matches(value, known, n=3, cutoff=0.5)

        chosen = q.resolve("source", sources, self.known_sources(), source_match, near)
        if films:
            of_films = self.film_sources(films)
            chosen = [s for s in (chosen if chosen is not None else of_films) if s in of_films]
        speaker_values, narration, notes = self._resolve_speakers(speakers)
        return q.Filters(
            speakers=speaker_values,
            narration=narration,
            notes=notes,
            langs=q.resolve(
                "language", langs, self.known_langs(), lang_match, lambda value, known: known
            ),
            sources=chosen,
            kinds=q.resolve("kind", kinds, self._all_kinds() if kinds else (), exact, near),
            roles=q.resolve("role", roles, self._all_roles() if roles else (), role_match, near),
        )

    def film_list(self) -> list[Film]:
        """The films the last build grouped (``films.py``), read once per open."""
        if self.remote is not None:
            return self.remote.films()
        if self._films is None:
            from .films import read_films  # only here: a search without films never needs it

            self._films = read_films(self._open()[2])
        return self._films

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
        from .names import closest, speaker_matches, speaker_prefix_matches

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
        if self.remote is not None:
            return self.remote.values(name)
        searcher = self._search_handle()
        with self._reading():
            return {t.decode() if isinstance(t, bytes) else t for t in searcher.lexicon(name)}

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
            limit = max(self.manifest.passage_count, 1)
        if self.remote is not None:
            filters = self.resolve_filters(speakers, langs, sources, kinds, roles, films)
            result = self.remote.search(
                text, filters, filters.langs or self.known_langs(), limit, facets, self.plays()
            )
            result.notes = filters.notes
            if suggest and len(result.hits) < 3:
                result.suggestion = self.remote.suggest(text, filters.langs or self.known_langs())
            return result
        self._open()
        filters = self.resolve_filters(speakers, langs, sources, kinds, roles, films)
        if filters.sources == []:  # films and sources that share no document
            return q.SearchResult([], 0)
        searcher = self._search_handle()
        query = q.parse(self._parser(tuple(filters.langs or self.known_langs())), text)
        if self._df is None or self._df.searcher is not searcher:
            self._df = q.DocFrequencies(searcher)
        with self._reading():
            query = q.prune(query, self._df)
        result = q.run(
            searcher,
            searcher.schema,
            query,
            text,
            filters,
            limit,
            self._metadata(),
            self.plays(),
            with_facets=facets,
        )
        result.notes = filters.notes
        if suggest and len(result.hits) < 3:
            result.suggestion = q.suggest(
                searcher, self._vocabulary(), text, filters.langs or self.known_langs()
            )
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
        options = {
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
        if self.remote is not None:
            workers = 1  # the cluster answers in parallel; worker processes would only wait
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

    def _parser(self, langs: tuple[str, ...]) -> Any:
        """The query parser for these languages, built once per open: building one
        analyses nothing but costs a tenth of a query."""
        if langs not in self._parsers:
            # The searcher's schema was loaded once; ix.schema rereads a generation that a
            # later rebuild may have removed.
            self._parsers[langs] = q.make_parser(
                self._search_handle().schema, langs, self._field_docs()
            )
        return self._parsers[langs]

    def passage(self, passage_id: str) -> Passage:
        """One passage by id, whole."""
        if self.remote is not None:
            return self.remote.passage(passage_id)
        self._open()
        with self._reading():
            stored = self._search_handle().document(id=passage_id)
        if stored is None:
            raise PassageNotFound(
                f"no passage with id {passage_id!r}; ids are shown by tutti search"
            )
        return passage_from_body(stored["body"], self._metadata().get(stored["source"]))

    def passages(self, films: Sequence[str] | None = None) -> Iterator[Passage]:
        """Every passage (of ``films`` only, if given), in source order then position
        order (for export)."""
        keep = set(self.film_sources(films)) if films else None
        if self.remote is not None:
            yield from (p for p in self.remote.passages() if keep is None or p.source in keep)
            return
        metadata = self._metadata()
        searcher = self._search_handle()
        with self._reading():
            rows = [(f["source"], f["position"], f["body"]) for f in searcher.all_stored_fields()]
        rows.sort(key=lambda r: (r[0], r[1]))
        for source, _, body in rows:
            if keep is None or source in keep:
                yield passage_from_body(body, metadata.get(source))

    def sharing(self) -> Engine:
        """A new Engine on the generation this one has open, holding what this one has
        read besides the segments (manifest, vocabulary, cast), read now if need be:
        worker processes forked after this share it (batch.py), and no segment file."""
        twin = Engine(self.index_dir)
        twin._state = self._open()
        twin._plays, twin._known, twin._words = self._plays, dict(self._known), self._words
        twin._filled, twin._meta, twin._films = self._filled, self._meta, self._films
        twin.preload()
        return twin

    def preload(self) -> None:
        """Read what searches need besides the segments (manifest, vocabulary, cast),
        opening no segment file: worker processes forked after this share it (batch.py)."""
        self._open()
        self._vocabulary()
        self.plays()
        self._metadata()
        self._field_docs()
        for what in ("speakers", "langs", "sources"):
            self._known_values(what)

    def _field_docs(self) -> dict[str, int]:
        """Passages per analysed field: the parser skips empty fields, BM25F averages over them."""
        if self._filled is None:
            self._filled = self.manifest.field_docs()
        return self._filled

    def _metadata(self) -> dict[str, dict[str, Any]]:
        """Each source's document metadata (title, author, cast ...) and its film's
        label (``meta["film"]``), which hits carry."""
        if self._meta is None:
            film_of = {s: f.label() for f in self.film_list() for s in f.documents}
            self._meta = {
                k: {**v.meta, "film": film_of.get(k)} for k, v in self.manifest.documents.items()
            }
        return self._meta

    def _vocabulary(self) -> dict[str, int]:
        """The index's words for did-you-mean, read on the first search that needs them."""
        if self._words is None:
            self._words = read_vocabulary(self._open()[2])
        return self._words

    def speakers(self) -> list[SpeakerInfo]:
        """Who speaks, in how many passages, in which languages, in which role, playing whom."""
        langs: dict[str, dict[str, int]] = {}
        roles: dict[str, Counter[str]] = {}
        counts: dict[str, int] = dict(self.manifest.speakers())
        if self.remote is not None:
            langs = self.remote.per_speaker("lang")
            roles = {n: Counter(c) for n, c in self.remote.per_speaker("role").items() if c}
        for fields in self._all_stored():
            name = fields.get("speaker")
            if name:
                per = langs.setdefault(name, {})
                per[fields["lang"]] = per.get(fields["lang"], 0) + 1
                if fields.get("role"):
                    roles.setdefault(name, Counter())[fields["role"]] += 1
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

    def _all_stored(self) -> Iterator[dict[str, Any]]:
        """The embedded index's stored fields of every passage; a remote index counts with
        aggregations instead, so it has none to give here."""
        if self.remote is not None:
            return
        with self._reading():
            yield from self._search_handle().all_stored_fields()

    def stats(self) -> Stats:
        manifest = self.manifest
        kinds: dict[str, int] = self.remote.kind_counts() if self.remote is not None else {}
        text_bytes = 0
        for fields in self._all_stored():
            kinds[fields["kind"]] = kinds.get(fields["kind"], 0) + 1
        for doc in manifest.documents.values():
            text_bytes += doc.size
        size = self.remote.size_bytes() if self.remote is not None else index_size(self._open()[2])
        where = self.remote.where if self.remote is not None else self.index_dir
        return Stats(
            where,
            len(manifest.documents),
            manifest.passage_count,
            dict(manifest.langs()),
            kinds,
            size,
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
    "SpeakerInfo",
    "Stats",
    "UnknownName",
    "default_index_dir",
]
