"""From paths to passages: walk, read, recognise, chunk, tag language, assign ids; and,
for a build, read files in worker processes while the index is written (``read_all``).

``iter_documents`` yields one ``Document`` per readable file and one ``Skipped`` per file
that could not be read, so a caller can index the first and report the second; nothing
raises for a bad file. Passages of a document are produced lazily, so a text too large to
hold (read.LARGE_TEXT_BYTES) streams through in bounded memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import docmeta
from . import lang as langtag
from .chunk import Chunked, Draft, chunk_document, document_kind, mail_interviewee, prose
from .chunk.text import clean_spaces, slug
from .context import os_text
from .errors import TuttiError
from .films import SIDECAR
from .model import Kind, Passage, Skipped
from .read import RawDocument, ReadError, iter_files, iter_text_blocks, read_document

if TYPE_CHECKING:
    from .backend.manifest import BuildReport

#: Kinds whose text is a list of names: langdetect guesses nonsense there, so they inherit.
_INHERIT_KINDS = frozenset({Kind.CAST, Kind.CREDITS, Kind.TITLE})


@dataclass
class Document:
    """A readable file and its passages (an iterator: consume it once)."""

    source: str
    path: Path
    lang: str
    format: str
    title: str | None
    meta: dict[str, Any]
    passages: Iterator[Passage] = field(repr=False)
    streamed: bool = False  # too large to hold: passages are made as they are read
    # What film grouping reads of the document (docmeta.evidence): kept out of ``meta``,
    # which holds what the document says, not copies of its text.
    evidence: dict[str, Any] = field(default_factory=dict, repr=False)


def source_name(path: Path, root: Path | None) -> str:
    """The file as users name it: relative to the folder given, else its file name."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def assign_sources(
    found: Iterable[tuple[Path, Path | None]], taken: Mapping[str, str] | None = None
) -> list[tuple[Path, str]]:
    """Each file once (by real path), with a source name no other file has.

    ``found`` holds each file with the folder it was found under (None for a file given
    itself); ``taken`` the names already used by other files (name → real path). A file
    is named by its path relative to its folder (``source_name``). When two different
    files would share a name (``notes.txt`` in two folders given, or a name ``taken``),
    each of them is prefixed with the name of the folder it was found under
    (``A/notes.txt``, ``B/notes.txt``), then with more of that folder's path as long as
    the names still clash, and at last named by its real path.
    """
    taken = dict(taken or {})
    files: list[tuple[Path, Path | None, str]] = []
    seen: set[str] = set()
    for path, root in found:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append((path, root, real))
    depth = dict.fromkeys(seen, 0)
    while True:
        owners: dict[str, set[str]] = {}
        for path, root, real in files:
            owners.setdefault(_prefixed(path, root, real, depth[real]), set()).add(real)
        clashing = {
            name
            for name, reals in owners.items()
            if len(reals) > 1 or taken.get(name, next(iter(reals))) not in reals
        }
        if not clashing:
            break
        for path, root, real in files:
            if _prefixed(path, root, real, depth[real]) in clashing:
                depth[real] += 1
    return [(path, _prefixed(path, root, real, depth[real])) for path, root, real in files]


def _prefixed(path: Path, root: Path | None, real: str, depth: int) -> str:
    """The source name with ``depth`` parts of its folder's path before it; past the
    folder's whole path, the file's real path (unique by definition)."""
    name = source_name(path, root)
    if depth == 0:
        return os_text(name)
    parts = Path(os.path.abspath(root if root is not None else path.parent)).parts[1:]
    if depth > len(parts):
        return os_text(real)
    return os_text("/".join((*parts[-depth:], name)))


def _labels(drafts: list[Draft]) -> dict[str | None, str]:
    """Readable id labels per speaker: the surname, else the full name when two share one,
    else the full name numbered (two spellings of one slug); never a kind's label, which
    narration passages use."""
    speakers = sorted({d.speaker for d in drafts if d.speaker})
    surnames = Counter(slug(s.split()[-1]) for s in speakers)
    out: dict[str | None, str] = {}
    taken: set[str] = {d.kind for d in drafts}
    for speaker in speakers:
        surname = slug(speaker.split()[-1])
        label = surname if surnames[surname] == 1 else slug(speaker)
        base, n = label or "speaker", 1
        while label in taken or not label:
            n += 1
            label = f"{base}-{n}"
        taken.add(label)
        out[speaker] = label
    return out


def _page_finder(pages: list[str]) -> Callable[[str], tuple[int | None, int | None]]:
    """Map a passage back to the PDF pages its first and its last words stand on."""
    flat = [clean_spaces(p.replace("\n", " ")) for p in pages]

    def locate(probe: str, start: int, from_end: bool) -> int | None:
        while len(probe) >= 12:
            for number in range(start, len(flat) + 1):
                if probe in flat[number - 1]:
                    return number
            probe = probe[len(probe) // 2 :] if from_end else probe[: len(probe) // 2]
        return None

    def find(text: str) -> tuple[int | None, int | None]:
        words = clean_spaces(text)
        first = locate(words[:60], 1, False)
        last = locate(words[-60:], first or 1, True) if first else None
        return first, last if last and first and last > first else None

    return find


def _trusted(draft: Draft, trusted: Callable[[str], str | None]) -> str | None:
    """A draft's own language, when the format says it or langdetect can be trusted
    (``trusted``: a ``lang.passage_tagger`` for the draft's document)."""
    if draft.lang or draft.kind in _INHERIT_KINDS:
        return draft.lang
    return trusted(draft.text)


def _passages(
    source: str,
    tagged: Iterable[tuple[Draft, str | None]],
    doc_lang: str,
    title: str | None,
    meta: dict[str, Any],
    find_page: Callable[[str], tuple[int | None, int | None]] | None,
    labels: dict[str | None, str],
) -> Iterator[Passage]:
    # The whole source name, extension and folders included: "note.txt" and "note.html"
    # never share an id, and the same file gives the same ids on every machine.
    prefix = source
    counters: Counter[str] = Counter()
    for position, (draft, lang) in enumerate(tagged):
        label = labels.get(draft.speaker) or draft.kind
        counters[label] += 1
        page, page_end = draft.page, None
        if page is None and find_page is not None and draft.kind != Kind.TITLE:
            page, page_end = find_page(draft.text)
        yield Passage(
            id=f"{prefix}:{label}:{counters[label]:02d}",
            source=source,
            kind=draft.kind,
            text=draft.text,
            lang=lang or doc_lang,
            lang_detected=bool(lang) and not draft.lang,
            speaker=draft.speaker,
            role=draft.role,
            question=draft.question,
            position=position,
            page=page,
            page_end=page_end,
            title=title,
            meta=meta,
        )


def _streamed(raw: RawDocument, source: str) -> Document:
    """A text too large to hold: chunk it block by block as prose."""
    blocks = iter_text_blocks(raw.path, raw.encoding or "utf-8")
    first = next(blocks, "")
    doc_lang = langtag.document_language([first])

    doc = docmeta.document_meta("prose", first, {}, {}, None, None)
    head = docmeta.title_passage(doc, first, "prose", {})
    meta: dict[str, Any] = {"document": doc}

    def drafts() -> Iterator[Draft]:
        if head:
            yield Draft(head, Kind.TITLE)
        yield from prose.chunk(first, Kind.TEXT)
        for block in blocks:
            yield from prose.chunk(block, Kind.TEXT)

    trusted = langtag.passage_tagger()
    tagged = ((draft, _trusted(draft, trusted)) for draft in drafts())
    passages = _passages(source, tagged, doc_lang, doc.get("title"), meta, None, {})
    return Document(
        source,
        raw.path,
        doc_lang,
        raw.format,
        doc.get("title"),
        meta,
        passages,
        streamed=True,
        evidence=docmeta.evidence(doc, first),
    )


#: Passages that may open with the headline and byline the title passage holds.
_PROSE_KINDS = frozenset([Kind.TEXT, Kind.REVIEW, Kind.SYNOPSIS])


def read(path: Path, source: str) -> Document:
    """One file as a Document; raises ReadError with a reason when it cannot be read."""
    raw = read_document(path)
    if getattr(raw, "stream", False):
        return _streamed(raw, source)
    text = raw.text.replace("\f", "\n")
    # A Markdown file's front matter is metadata (docmeta reads it from ``text``), no text
    # of the document to cut into passages.
    body = text[docmeta.front_matter_end(text) :]
    # who sent an e-mail's answers, when they are its interviewee (decided once)
    sender = mail_interviewee(body, raw.sender)
    kind = document_kind(body, raw.json, raw.format, sender)
    # Only the press-kit chunker needs the language before cutting (its prompt cues are
    # per language); everywhere else the passages' own trusted tags vote for it afterwards,
    # which saves a detection per document.
    doc_lang = langtag.document_language([body]) if kind == "presskit" else None
    chunked: Chunked = chunk_document(
        body,
        lang=doc_lang or "en",
        fmt=raw.format,
        json_value=raw.json,
        kind=kind,
        sender=sender,
    )
    if not chunked.drafts:
        raise ReadError("no text to index")
    doc = docmeta.document_meta(kind, text, raw.meta, chunked.meta, chunked.title, raw.json)
    head = docmeta.title_passage(
        doc,
        body,
        kind,
        chunked.meta,
        [*chunked.meta.get("headings", []), *(d.section for d in chunked.drafts)],
        docmeta.front_matter_values(text),
    )
    if head:
        # the headline and byline opening the text are the title passage's, not the
        # critic's first words: a passage of them alone goes
        held = docmeta.held_lines(head)
        while chunked.drafts[0].kind in _PROSE_KINDS:
            rest = docmeta.after_head(chunked.drafts[0].text, held)
            if rest:
                chunked.drafts[0] = replace(chunked.drafts[0], text=rest)
            elif len(chunked.drafts) > 1:
                del chunked.drafts[0]
                continue
            break
        last = chunked.drafts[-1]
        if last.kind in _PROSE_KINDS:  # and a review's closing signature
            chunked.drafts[-1] = replace(last, text=docmeta.before_signature(last.text, held))
        chunked.drafts.insert(0, Draft(head, Kind.TITLE))
    trusted = langtag.passage_tagger()
    tagged = [(draft, _trusted(draft, trusted)) for draft in chunked.drafts]
    if doc_lang is None:
        doc_lang = langtag.majority(
            (d.text, lang) for d, lang in tagged
        ) or langtag.document_language(d.text for d in chunked.drafts)
    meta = {**raw.meta, **chunked.meta, "document": doc}
    claim = docmeta.film_claim(kind, text, chunked.meta, raw.json, raw.meta)
    if claim:
        meta["film_claim"] = claim
    title = doc.get("title")
    find_page = _page_finder(raw.text.split("\f")) if raw.format == "pdf" else None
    passages = _passages(source, tagged, doc_lang, title, meta, find_page, _labels(chunked.drafts))
    return Document(
        source,
        path,
        doc_lang,
        raw.format,
        title,
        meta,
        passages,
        evidence=docmeta.evidence(doc, text),
    )


def read_whole(job: tuple[Path, str]) -> Document | Skipped:
    """``read`` for a worker process: passages materialised so the Document can be pickled,
    and a bad file returned as Skipped rather than raised."""
    path, source = job
    try:
        doc = read(path, source)
        doc.passages = iter(list(doc.passages))
    except Exception as err:  # noqa: BLE001  (a bad input costs only itself, see ``failure``)
        return failure(path, err)
    return doc


def failure(path: Path, err: Exception) -> Skipped:
    """A file whose reading, parsing or chunking raised: skipped with a one-line reason.

    A ReadError says what is wrong with the file. Anything else is a bug met on this
    file's content (a parser's or ours); it still must not end the run, so the file is
    skipped and the error named, for a bug report.
    """
    if isinstance(err, ReadError):
        return Skipped(str(path), str(err))
    if isinstance(err, RecursionError):
        return Skipped(str(path), "nested too deeply to read")
    detail = " ".join(str(err).split())[:200]
    return Skipped(
        str(path), f"could not be read ({type(err).__name__}: {detail}); please report this file"
    )


#: What a file's passages depend on besides the file: tutti's reading, chunking, tagging
#: and analysing code and data (the package's modules and ``data/`` but the paths below:
#: the CLI, rendering, querying and storage; ``backend/manifest.py`` only counts the
#: passages it is given), and the libraries that decode formats and detect languages.
_NOT_READING = (
    "cli",
    "render.py",
    "query/",
    "backend/",
    "batch.py",
    "engine.py",
    "status.py",
    "seeds/",  # the demo corpus, inside an installed package
)
_READING_LIBRARIES = (
    "trafilatura",
    "lxml",
    "pypdf",
    "python-docx",
    "charset-normalizer",
    "langdetect",
    "anyascii",
    "PyStemmer",
    "whoosh-reloaded",
)


@lru_cache(maxsize=1)
def reading_version() -> str:
    """A digest of what turns a file into passages: this package's code and data but the
    paths of ``_NOT_READING``, and the versions of ``_READING_LIBRARIES``.

    The manifest keeps it for each file, and a sync reads a file again when its digest
    differs, even though the file did not change: passages that an older tutti cut,
    tagged or analysed would otherwise stay in the index after an upgrade until a
    rebuild. Any change to that code counts, however small: a file read once more costs
    time, a stale passage costs answers.
    """
    from importlib.metadata import PackageNotFoundError, version

    libraries = []
    for library in _READING_LIBRARIES:
        with contextlib.suppress(PackageNotFoundError):
            libraries.append(f"{library}={version(library)}")
    return code_digest(Path(__file__).resolve().parent, libraries)


def code_digest(package: Path, extra: Iterable[str] = ()) -> str:
    """The digest ``reading_version`` keeps, of ``package``'s files and ``extra`` lines."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        name = path.relative_to(package).as_posix()
        code = path.suffix == ".py" or name.startswith("data/")  # (not an editor's swap file)
        if code and path.is_file() and not name.startswith(_NOT_READING):
            digest.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
    for line in extra:
        digest.update(f"{line}\0".encode())
    return digest.hexdigest()[:16]


def find_files(
    paths: Iterable[Path | str],
    *,
    skip: Iterable[Path] = (),
    follow_outside: bool = True,
    taken: Mapping[str, str] | None = None,
    rebuild: bool = False,
) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Every file under ``paths`` once, with its source name (``assign_sources``), and
    what could not be walked (a rebuild keeps nothing of a folder it cannot find)."""
    walk_skips: list[Skipped] = []
    found: list[tuple[Path, Path | None]] = []
    for given in paths:
        root = Path(given)
        if not os.path.lexists(root):
            # A drive unplugged, a share offline: what was indexed from it stays, as for a
            # folder that cannot be read for a while.
            gone = (
                "nothing of it is in the rebuilt index"
                if rebuild
                else "what was indexed from it is kept"
            )
            walk_skips.append(Skipped(str(root), f"not found; {gone}"))
            continue
        base = root if root.is_dir() else None
        found.extend(
            (path, base)
            for path in iter_files(
                [root], skip=skip, follow_outside=follow_outside, on_skip=walk_skips.append
            )
        )
    unique = list(
        {skipped.path: skipped for skipped in walk_skips}.values()
    )  # a folder given twice
    return assign_sources(found, taken), unique


def documents_only(files: list[tuple[Path, str]], report: BuildReport) -> list[tuple[Path, str]]:
    """The files but film.toml sidecars, which say which film a folder holds (films.py), for
    every backend's build; one that cannot be used is reported as skipped."""
    from . import films

    kept: list[tuple[Path, str]] = []
    for path, source in files:
        if path.name != films.SIDECAR:
            kept.append((path, source))
            continue
        try:
            films.read_sidecar(path)
        except films.SidecarError as err:
            report.skipped.append(Skipped(str(path), str(err)))
    return kept


def iter_documents(
    paths: Iterable[Path | str], *, skip: Iterable[Path] = (), follow_outside: bool = True
) -> Iterator[Document | Skipped]:
    """Every file under ``paths`` (folders recursively) as a Document or a Skipped."""
    files, walk_skips = find_files(paths, skip=skip, follow_outside=follow_outside)
    yield from walk_skips
    for path, source in files:
        if path.name == SIDECAR:  # a folder's film (films.py), not a document
            continue
        try:
            doc = read(path, source)
        except Exception as err:  # noqa: BLE001  (a bad input costs only itself)
            yield failure(path, err)
            continue
        yield doc


def iter_passages(
    paths: Iterable[Path | str], *, on_skip: Callable[[Skipped], None] | None = None
) -> Iterator[Passage]:
    """Passages of every readable file under ``paths``; unreadable files go to ``on_skip``."""
    for item in iter_documents(paths):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
            continue
        yield from item.passages


# -- reading for a build ---------------------------------------------------------------------
def _prepared(
    passages: Iterable[Passage], vocabulary: Counter[str]
) -> Iterator[tuple[Passage, dict[str, Any]]]:
    """Each passage with its fields analysed for the index's writer (schema.prepared)."""
    from .schema import prepared  # the index's analysis: a build needs it, reading does not

    return prepared(passages, vocabulary)


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool (SIGTERM). If the
    main process is killed outright (kill -9, the OOM killer), Linux ends its workers
    too, before each prints a broken pipe's traceback on the user's terminal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _worker_pool(procs: int) -> Any:
    """Worker processes that ignore Ctrl-C from their first instruction on.

    Spawn, not fork: the parent may run a progress-bar thread, and forking threads is
    unsafe. A spawned worker inherits an ignored SIGINT, but not a handler, so SIGINT is
    ignored here while the pool starts: a Ctrl-C sent to the whole process group while a
    worker is still importing would otherwise print that worker's traceback. Meanwhile
    SIGINT is blocked in this thread, so one that comes then waits and is handled after."""
    import multiprocessing

    # The resource tracker multiprocessing starts (a process of its own, with this one's
    # -W options) warns at its end of the semaphores a killed worker left; the build has
    # already said, in one line, that a worker stopped.
    if _QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(_QUIET_TRACKER)
    context = multiprocessing.get_context("spawn")
    if threading.current_thread() is not threading.main_thread():
        return context.Pool(procs, initializer=_quiet_worker)
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return context.Pool(procs, initializer=_quiet_worker)
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


_QUIET_TRACKER = "ignore::UserWarning:multiprocessing.resource_tracker"

#: Below this many files a worker pool costs more (start-up, langdetect profiles) than it saves.
POOL_MIN_FILES = 32


def read_all(
    todo: list[tuple[Path, str, os.stat_result]], procs: int, vocabulary: Counter[str]
) -> Generator[tuple[Path, str, os.stat_result, Any, Iterable[Any]], None, None]:
    """Read, chunk, tag and analyse files, in order; with ``procs`` > 1 in worker processes
    while this one writes the index. A file large enough to be streamed is always read
    here, so its passages are never all in memory at once. Yields each file with its
    (passage, fields) rows; the words of every passage go into ``vocabulary``."""
    from .read import LARGE_TEXT_BYTES  # read.py's, as it is when the build runs

    if procs <= 1 or len(todo) < POOL_MIN_FILES:
        for path, source, stat in todo:
            doc, rows = _rows_here(_read_here(path, source), vocabulary)
            yield path, source, stat, doc, rows
        return
    small = [(p, s, st.st_size) for p, s, st in todo if st.st_size <= LARGE_TEXT_BYTES]
    backlog = Backlog(BACKLOG_BYTES)

    def jobs() -> Iterator[tuple[Path, str]]:
        for path, source, size in small:
            backlog.take(size)
            yield path, source

    pool = _worker_pool(procs)
    workers = _children()
    stopped = False
    try:
        # one file a task: the backlog must never hold a job back from the workers
        results = pool.imap(read_prepared, jobs(), chunksize=1)
        for path, source, stat in todo:
            if stat.st_size > LARGE_TEXT_BYTES:
                doc, rows = _rows_here(_read_here(path, source), vocabulary)
                yield path, source, stat, doc, rows
            else:
                doc, rows, words = _next_result(results, workers)
                backlog.give(stat.st_size)
                vocabulary.update(words)
                yield path, source, stat, doc, rows
    except BaseException:
        # A worker died (killed, out of memory), or the build stops (Ctrl-C, SIGTERM: sent
        # to the whole process group, as `timeout` and a terminal's hang-up do, it kills
        # the workers too). Pool.terminate first stops the pool from replacing workers,
        # then waits for a lock of the task queue, which a worker killed while taking a
        # task holds for good: it runs in a thread of its own, and once no worker is being
        # started, the workers are killed (killed, they print nothing; left, they printed
        # tracebacks when this process was gone).
        stopped = True
        threading.Thread(target=pool.terminate, daemon=True).start()
        time.sleep(STOP_GRACE_SECONDS)
        for child in _live_children():
            child.kill()
        raise
    finally:
        backlog.close()
        if not stopped:
            pool.terminate()  # as leaving ``with pool`` does


#: How often a build waiting for a worker's result looks whether every worker still runs.
WORKER_CHECK_SECONDS = 2.0
#: How long a pool takes to stop starting workers once told to (it looks every 0.1 s).
STOP_GRACE_SECONDS = 0.5


class WorkerStopped(TuttiError):
    """A worker process of the build died (killed, out of memory)."""


def _live_children() -> list[Any]:
    import multiprocessing

    return multiprocessing.active_children()


def _children() -> set[int]:
    return {child.pid for child in _live_children() if child.pid}


def _next_result(results: Any, workers: set[int]) -> Any:
    """The pool's next result; an error if a worker died first. A pool replaces a worker
    that died (killed, out of memory) but loses the file it was reading, and waiting for
    that file's result hung the build, holding the index's lock, for good."""
    import multiprocessing

    while True:
        try:
            return results.next(timeout=WORKER_CHECK_SECONDS)
        except multiprocessing.TimeoutError:
            if not workers <= _children():
                raise WorkerStopped(
                    "a worker process reading files stopped (killed, or out of memory); "
                    "the index was not changed"
                ) from None


#: While the writer is busy (writing a segment), workers keep reading; their results wait
#: in this process. Files whose results wait may add up to this many bytes of input, so
#: memory stays bounded however large the build. Unpickled, a waiting result takes many
#: times its input: with eight times this limit, the backlog filled while the first segment
#: was written was most of a large build's peak memory (benchmarks/RESULTS.md).
BACKLOG_BYTES = 4 * 2**20


class Backlog:
    """Bytes of input handed to the workers whose results have not been taken yet."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pending = 0
        self.closed = False
        self._cond = threading.Condition()

    def take(self, size: int) -> None:
        """Wait until ``size`` more bytes fit (a single file always does), then count them."""
        with self._cond:
            while not self.closed and self.pending and self.pending + size > self.limit:
                self._cond.wait()
            self.pending += size

    def give(self, size: int) -> None:
        with self._cond:
            self.pending -= size
            self._cond.notify_all()

    def close(self) -> None:
        """Stop waiting for good: the build is over, or failed."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def read_prepared(job: tuple[Path, str]) -> tuple[Any, list[Any], Counter[str]]:
    """In a worker process: one file read, and its passages analysed for the writer."""
    doc = read_whole(job)
    words: Counter[str] = Counter()
    doc, rows = _analysed(doc, words)
    return doc, list(rows), words


def _rows_here(doc: Any, vocabulary: Counter[str]) -> tuple[Any, Iterable[Any]]:
    """A document read here with its rows: analysed now, so that a failure skips the file
    before the writer sees any of it, except a streamed one (analysed as written)."""
    if not isinstance(doc, Skipped) and doc.streamed:
        return doc, _streamed_rows(doc, vocabulary)
    return _analysed(doc, vocabulary)


class StreamFailed(Exception):
    """Reading, chunking, tagging or analysing a streamed file raised half-way, while its
    first rows were already with the writer. A type of its own, so that the writer tells
    a bad input (the file is skipped) from its own failure (a full disk ends the build)."""

    def __init__(self, skipped: Skipped) -> None:
        super().__init__(skipped.reason)
        self.skipped = skipped


def _streamed_rows(doc: Any, vocabulary: Counter[str]) -> Iterator[tuple[Passage, dict[str, Any]]]:
    """A streamed document's rows, made as the writer takes them; whatever making one
    raises comes out as StreamFailed. Its words are counted once all of it was read, so a
    skipped file leaves none in the vocabulary."""
    words: Counter[str] = Counter()
    rows = _prepared(doc.passages, words)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except Exception as err:  # noqa: BLE001  (a bad input costs only itself)
            raise StreamFailed(failure(doc.path, err)) from None
        yield row
    vocabulary.update(words)


def _analysed(doc: Any, vocabulary: Counter[str]) -> tuple[Any, list[Any]]:
    """``doc`` with its passages analysed into rows, or a Skipped if analysing raised
    (its words are counted only when it did not)."""
    if isinstance(doc, Skipped):
        return doc, []
    words: Counter[str] = Counter()
    try:
        rows = list(_prepared(doc.passages, words))
    except Exception as err:  # noqa: BLE001  (a bad input costs only itself)
        return failure(doc.path, err), []
    vocabulary.update(words)
    return doc, rows


def _read_here(path: Path, source: str) -> Any:
    """``read`` in this process; a file that fails is a Skipped, whatever it raised. A
    document's passages are made here, before the writer sees one, unless the file is
    streamed (it was decoded whole once already: read.read_document)."""
    try:
        doc = read(path, source)
        if not doc.streamed:
            doc.passages = iter(list(doc.passages))
        return doc
    except Exception as err:  # noqa: BLE001  (a bad input costs only itself)
        return failure(path, err)
