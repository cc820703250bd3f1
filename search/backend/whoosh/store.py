"""The embedded index on disk: build and sync, locking, and the atomic swap readers rely on.

Layout of an index directory::

    .tutti-index        marker: this folder is an index (the file walker skips it)
    .lock               held (flock) by the one process writing
    CURRENT             name of the generation readers should open
    gen-000007/         a complete Whoosh index + manifest.json + vocabulary.gz

Every build or sync writes a *new* generation (a sync starts from hard links to the current
one, so it costs only what changed), and flips ``CURRENT`` with an atomic rename once the
generation is complete. A reader therefore never sees a half-built index, and a failed or
interrupted build leaves the previous generation serving.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...context import os_text
from ...errors import (
    IndexBusy,
    IndexDamaged,
    IndexInterrupted,
    IndexMissing,
    IndexUnwritable,
    TuttiError,
)
from ...model import Skipped
from ...schema import make_schema
from ..manifest import FORMAT, BuildReport, Manifest, ProgressFn, Summary, doc_entry
from .codec import Codec
from .sourcetable import FILENAME as SOURCE_TABLE
from .sourcetable import write_sources

_CURRENT = "CURRENT"
_LOCK = ".lock"
_VOCABULARY = "vocabulary.gz"
_MANIFEST = "manifest.json"
_SUMMARY = "summary.json"


class Layout:
    """Paths of one index directory and the generation readers should open."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def current_file(self) -> Path:
        return self.root / _CURRENT

    def current(self) -> Path | None:
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as err:
            raise IndexDamaged(
                f"index at {self.root} is damaged (cannot read CURRENT: {err})"
            ) from err
        gen = self.root / name
        if not name.startswith("gen-") or not gen.is_dir():
            raise IndexDamaged(
                f"index at {self.root} is damaged (CURRENT names {name!r}, which is missing)"
            )
        return gen

    def generations(self) -> list[Path]:
        return sorted(
            p for p in self.root.glob("gen-*") if p.is_dir() and not p.name.endswith(".tmp")
        )

    def next_generation(self) -> Path:
        numbers = [
            int(p.name.split("-")[1].split(".")[0])
            for p in self.root.glob("gen-*")
            if p.name.split("-")[1].split(".")[0].isdigit()
        ]
        return self.root / f"gen-{max(numbers, default=0) + 1:06d}"

    def publish(self, gen: Path) -> None:
        """Point readers at ``gen`` atomically, then drop all but the previous generation."""
        tmp = self.root / f"{_CURRENT}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(gen.name + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.current_file)
        keep = {gen.name}
        gens = self.generations()
        older = [g for g in gens if g.name < gen.name]
        if older:
            keep.add(older[-1].name)  # a reader that opened it a moment ago may still read
        for g in gens:
            if g.name not in keep:
                _remove(g)
        for stale in self.root.glob("gen-*.tmp"):
            _remove(stale)


@contextmanager
def write_lock(root: Path, wait: float) -> Iterator[None]:
    """One writer at a time; a second waits up to ``wait`` seconds, then gets IndexBusy."""
    import fcntl  # this module's writing half: a search never loads what only it needs

    from ...read import INDEX_MARKER  # reading files is for writers: a search never loads it

    root.mkdir(parents=True, exist_ok=True)
    (root / INDEX_MARKER).touch(exist_ok=True)
    with open(root / _LOCK, "a+") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as err:
                if err.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"another tutti process is writing the index at {root}; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def read_manifest(gen: Path) -> Manifest:
    try:
        manifest = Manifest.from_json(
            (gen / _MANIFEST).read_text(encoding="utf-8", errors="surrogateescape")
        )
    except (OSError, ValueError, TypeError) as err:
        raise IndexDamaged(
            f"index at {gen.parent} is damaged ({gen.name}/manifest.json: {err})"
        ) from err
    if manifest.format != FORMAT:
        raise IndexDamaged(
            f"index at {gen.parent} has format {manifest.format}, this tutti reads {FORMAT}"
        )
    return manifest


def recorded_roots(root: Path) -> list[Path]:
    """The files and folders the index at ``root`` was built from, read leniently (an old
    format or a damaged index still says what it held, so it can be rebuilt from them):
    the current generation's manifest, else the previous generation's (a damaged CURRENT
    or manifest must not leave `tutti index --rebuild` nothing to read); empty when
    unknown."""
    layout = Layout(root)
    try:
        current = layout.current()
    except IndexDamaged:
        current = None
    try:
        older = [g for g in reversed(layout.generations()) if g != current]
    except OSError:
        older = []
    for gen in [current, *older] if current else older:
        try:
            text = (gen / _MANIFEST).read_text(encoding="utf-8", errors="surrogateescape")
            roots = [Path(p) for p in json.loads(text).get("roots", []) if isinstance(p, str)]
        except (OSError, ValueError, AttributeError):
            continue
        if roots:
            return roots
    return []


def read_summary(gen: Path) -> Summary:
    """What every search needs of the manifest (``Summary``); the generation's format is
    checked here, as a search reads nothing else of the manifest."""
    try:
        summary = Summary.from_json((gen / _SUMMARY).read_text(encoding="utf-8"))
    except FileNotFoundError:
        read_manifest(gen)  # an index of an older format says so there
        where = f"{gen.name}/{_SUMMARY}"
        raise IndexDamaged(f"index at {gen.parent} is damaged ({where} is missing)") from None
    except (OSError, ValueError, TypeError) as err:
        raise IndexDamaged(
            f"index at {gen.parent} is damaged ({gen.name}/{_SUMMARY}: {err})"
        ) from err
    if summary.format != FORMAT:
        raise IndexDamaged(
            f"index at {gen.parent} has format {summary.format}, this tutti reads {FORMAT}"
        )
    return summary


def open_generation(root: Path) -> tuple[Any, Summary, Path]:
    """The Whoosh index readers should use now, and its summary."""
    layout = Layout(root)
    gen = layout.current()
    if gen is None:
        raise IndexMissing(f"no index at {root}")
    summary = read_summary(gen)
    from whoosh import index as whoosh_index

    try:
        ix = whoosh_index.open_dir(str(gen))
    except Exception as err:  # Whoosh raises many unrelated types for a broken index
        raise IndexDamaged(f"index at {root} is damaged ({type(err).__name__}: {err})") from err
    return ix, summary, gen


def _link_copy(src: Path, dst: Path) -> None:
    """A new generation that shares the old one's Whoosh files (Whoosh never rewrites a
    file); the manifest, its summary, the source table and the vocabulary are written
    anew, never through a shared link."""
    dst.mkdir(parents=True)
    for item in src.iterdir():
        if (
            item.name.endswith(".lock")
            or item.name.startswith("MAIN_WRITELOCK")
            or item.name in (_MANIFEST, _SUMMARY, _VOCABULARY, SOURCE_TABLE)
        ):
            continue
        _share(item, dst / item.name)


def _share(src: Path, dst: Path) -> None:
    """A hard link where the file system has them, else a copy."""
    try:
        os.link(src, dst)
    except OSError:
        import shutil

        shutil.copy2(src, dst)


def _remove(tree: Path) -> None:
    """Remove a generation's folder, whatever is left of it. ``shutil`` (with the bz2 and
    lzma it imports) is loaded here, by writers only: a search never needs it."""
    import shutil

    shutil.rmtree(tree, ignore_errors=True)


def write_vocabulary(gen: Path, words: Counter[str], previous: Path | None) -> None:
    """Write the generation's vocabulary: each folded word and the passages it is in, the
    previous generation's counts included. A sync counts a changed file's words again and
    keeps those of removed files until a rebuild: the counts only order suggestions, and a
    suggestion with no hits costs nothing."""
    if previous is not None and not words and (previous / _VOCABULARY).exists():
        _share(previous / _VOCABULARY, gen / _VOCABULARY)  # nothing new: never rewritten
        return
    if previous is not None:
        words.update(read_vocabulary(previous))
    import gzip

    with gzip.open(gen / _VOCABULARY, "wt", encoding="utf-8", compresslevel=6) as fh:
        fh.writelines(f"{word}\t{count}\n" for word, count in sorted(words.items()))


def read_vocabulary(gen: Path) -> dict[str, int]:
    """The vocabulary ``write_vocabulary`` wrote (empty for none). A damaged one is
    ``IndexDamaged``: a search goes on without did-you-mean and says why, a sync stops
    before it writes a vocabulary that has lost the words of every unchanged file."""
    import gzip  # only a did-you-mean needs it, after a search with few hits

    try:
        # One split of the whole text: reading it a line at a time was far slower.
        fields = gzip.decompress((gen / _VOCABULARY).read_bytes()).decode("utf-8").split()
        return dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, ValueError, zlib.error) as err:
        raise IndexDamaged(
            f"index at {gen.parent} is damaged ({gen.name}/{_VOCABULARY}: {err})"
        ) from None


_UNWRITABLE = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EMFILE}
)


def build(
    root: Path,
    paths: list[Path],
    *,
    rebuild: bool = False,
    wait: float = 30.0,
    progress: ProgressFn | None = None,
    procs: int | None = None,
    follow_outside: bool | None = None,
) -> BuildReport:
    """Build or sync the index at ``root`` from ``paths``; see the module docstring.

    Writing the index can fail (a full disk, a read-only folder): that is one
    ``IndexUnwritable``, the previous generation keeps serving, and the half-written one
    is removed (a later build removes any that could not be).
    """
    if root.exists() and not root.is_dir():  # (it read "File exists" and named no way out)
        raise IndexUnwritable(f"cannot write the index at {root}: it is a file, not a folder")
    try:
        return _build(
            root,
            paths,
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            procs=procs,
            follow_outside=follow_outside,
        )
    except OSError as err:
        # A full disk or a folder one may not write says so; anything else met while the
        # previous generation is read back (a garbled segment: "Invalid argument") may be
        # damage, which a rebuild mends.
        hint = (
            "" if err.errno in _UNWRITABLE else "; if the index is damaged: tutti index --rebuild"
        )
        raise IndexUnwritable(
            f"cannot write the index at {root}: {err.strerror or err}"
            + (f" ({err.filename})" if err.filename else "")
            + hint
        ) from err


def _build(
    root: Path,
    paths: list[Path],
    *,
    rebuild: bool,
    wait: float,
    progress: ProgressFn | None,
    procs: int | None,
    follow_outside: bool | None,
) -> BuildReport:
    from ...ingest import documents_only, find_files
    from ...media import ignored_by_name
    from ...read import inside

    started = time.monotonic()
    report = BuildReport(root)
    with write_lock(root, wait):
        layout = Layout(root)
        previous: Manifest | None = None
        current = None if rebuild else _current_or_none(layout)
        remove_stale(root, _current_or_none(layout))
        if current is not None:
            previous = read_manifest(current)
        manifest = Manifest()
        if previous is not None:
            manifest.created = previous.created
            manifest.documents = dict(previous.documents)
            manifest.roots = list(previous.roots)
        if follow_outside is None:
            follow_outside = previous.follow_outside if previous is not None else True
        manifest.follow_outside = follow_outside
        for given in paths:
            if os.path.realpath(given) not in manifest.roots:
                manifest.roots.append(os.path.realpath(given))

        roots = [os.path.realpath(g) for g in paths]

        def under_root(real: str) -> bool:
            return any(inside(real, r) for r in roots)

        # Names of indexed files outside the folders given stay theirs: a new file that
        # would take one is named apart (ingest.assign_sources).
        taken = {
            source: entry.path
            for source, entry in manifest.documents.items()
            if not under_root(entry.path)
        }
        files, walk_skips = find_files(
            paths, skip=[root], follow_outside=follow_outside, taken=taken, rebuild=rebuild
        )
        report.skipped.extend(walk_skips)
        report.ignored.extend(source for path, source in files if ignored_by_name(path))
        files = documents_only(
            [(path, source) for path, source in files if not ignored_by_name(path)], report
        )
        named = {os.path.realpath(p): source for p, source in files}
        # Files under a folder that cannot be read now (or a file the walk could not
        # take) keep their indexed version, as an unreadable file does: a permission
        # changed for a moment loses nothing.
        blocked = [os.path.realpath(s.path) for s in walk_skips]

        def may_remove(real: str) -> bool:
            return under_root(real) and not any(inside(real, b) for b in blocked)

        gen = layout.next_generation()
        tmp = gen.with_name(gen.name + ".tmp")
        try:
            _write(
                layout,
                tmp,
                gen,
                current,
                manifest,
                report,
                files,
                named,
                may_remove,
                rebuild,
                progress,
                procs,
                [Path(r) for r in roots],
            )
        except BaseException:
            _remove(tmp)  # a later build removes what this leaves
            raise
        report.manifest = manifest
    report.seconds = time.monotonic() - started
    return report


def remove_stale(root: Path, current: Path | None) -> None:
    """Remove what a failed or killed build left: half-written generations, and complete
    ones newer than ``current`` that were never published. Only the writer, holding the
    lock, calls this: no other build can be writing one."""
    for stale in root.glob("gen-*.tmp"):
        _remove(stale)
    if current is not None:
        for gen in Layout(root).generations():
            if gen.name > current.name:
                _remove(gen)


def _write(
    layout: Layout,
    tmp: Path,
    gen: Path,
    current: Path | None,
    manifest: Manifest,
    report: BuildReport,
    files: list[tuple[Path, str]],
    named: dict[str, str],
    may_remove: Callable[[str], bool],
    rebuild: bool,
    progress: ProgressFn | None,
    procs: int | None,
    roots: list[Path],
) -> None:
    """Write the new generation in ``tmp``, then publish it as ``gen``; an indexed file
    that ``may_remove`` and is not among ``named`` (or named otherwise) leaves."""
    from whoosh import index as whoosh_index

    from ...ingest import StreamFailed, read_all, reading_version
    from ...media import ignored_by_content
    from ...read import os_reason

    if current is not None:
        _link_copy(current, tmp)
        with _damaged_if_raises(layout.root):
            ix = whoosh_index.open_dir(str(tmp))
            ix.reader().close()  # opens every segment: a sync deletes and merges in them
    else:
        tmp.mkdir(parents=True)
        ix = whoosh_index.create_in(str(tmp), make_schema())

    def new_writer() -> Any:
        return ix.writer(limitmb=256, codec=Codec())

    writer = new_writer()
    vocabulary: Counter[str] = Counter()
    read_bytes, split = 0, False
    stop = _Stop()
    try:
        stop.__enter__()
        for source, entry in list(manifest.documents.items()):
            # gone, or named otherwise now (a folder given beside it shares its name)
            if may_remove(entry.path) and named.get(entry.path) != source:
                writer.delete_by_term("source", source)
                del manifest.documents[source]
                report.removed.append(source)
        todo: list[tuple[Path, str, os.stat_result]] = []
        reader = reading_version()
        done = 0

        def step(source: str) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(source, done, len(files))

        for path, source in files:
            old = manifest.documents.get(source)
            try:
                stat = path.stat()
            except OSError as err:
                report.skipped.append(Skipped(str(path), os_reason(err)))
                step(source)
                continue
            if old is not None and old.unchanged(stat, reader):
                report.unchanged.append(source)
                step(source)
            else:
                todo.append((path, source, stat))
        workers = procs if procs is not None else (os.cpu_count() or 1)
        total = sum(stat.st_size for _, _, stat in todo)
        split_at = total * SPLIT_FRACTION if total >= SPLIT_MIN_BYTES else None
        results = read_all(todo, workers, vocabulary)
        try:
            for path, source, stat, doc, rows in results:
                step(source)
                old = manifest.documents.get(source)
                if isinstance(doc, Skipped):
                    if old is None and doc.reason.startswith("binary") and ignored_by_content(path):
                        report.ignored.append(source)
                        continue
                    report.unreadable(doc, source, old is not None)
                    continue
                with stop.deferred():
                    if doc.streamed:
                        # The writer cannot take rows back, and a streamed file's rows are
                        # written before all of it is read: alone in a writer of its own,
                        # a file failing half-way is cancelled whole (see StreamFailed).
                        writer.commit(merge=False)
                        writer = new_writer()
                    # Its rows are written without waiting for a signal when nothing is to
                    # be kept (a rebuild) or the file is streamed (alone in its writer, and
                    # read as it is written: a large one took minutes to answer SIGTERM).
                    try:
                        with stop.interruptible(rebuild or doc.streamed):
                            if old is not None:
                                writer.delete_by_term("source", source)
                            entry = doc_entry(doc, stat, rows, writer)
                    except StreamFailed as failed:
                        # drops the rows written and the old version's deletion: it stays
                        _cancel(writer)
                        writer = new_writer()
                        report.unreadable(failed.skipped, source, old is not None)
                        continue
                    except IndexInterrupted:
                        if doc.streamed:  # the half-written file goes, the old version stays
                            _cancel(writer)
                            writer = new_writer()
                        raise
                    manifest.documents[source] = entry
                    # films.finish moves it beside the index, out of the manifest
                    manifest.documents[source].meta["evidence"] = doc.evidence
                    (report.updated if old is not None else report.added).append(source)
                    read_bytes += stat.st_size
                    if split_at is not None and read_bytes >= split_at:
                        writer.commit(merge=False)
                        writer = new_writer()
                        split_at, split = None, True
        finally:
            results.close()  # an interrupted build stops its workers here
        with _damaged_if_raises(layout.root):  # a sync's merge reads the old segments
            writer.commit(optimize=not split and (rebuild or current is None))
        _finish(tmp, vocabulary, manifest, current, roots)
    except IndexInterrupted as stopped:
        saved = len(report.added) + len(report.updated)
        if rebuild or stop.forced or not saved:
            _cancel(writer)
            stop.__exit__()
            raise IndexInterrupted(stopped.signum, 0, len(files)) from None
        # Keep the files finished so far: each is whole (a signal waits for the file
        # being written), so the next sync finds them unchanged and reads only the rest.
        try:
            writer.commit(merge=False)
            _finish(tmp, vocabulary, manifest, current, roots)
            _publish(tmp, gen, layout, manifest, report)
        except BaseException:  # noqa: BLE001  (whatever failed, nothing was kept)
            raise IndexInterrupted(stopped.signum, 0, len(files)) from None
        finally:
            stop.__exit__()
        raise IndexInterrupted(stopped.signum, saved, len(files)) from None
    except BaseException:
        stop.__exit__()
        _cancel(writer)
        raise
    stop.__exit__()
    _publish(tmp, gen, layout, manifest, report)


def _finish(
    tmp: Path, vocabulary: Counter[str], manifest: Manifest, current: Path | None, roots: list[Path]
) -> None:
    """What a generation holds beside its segments: the vocabulary, the films, and each
    source's metadata with its film as hits carry it (sourcetable.py)."""
    from ... import films

    write_vocabulary(tmp, vocabulary, current)
    film_of = {
        s: f.label()
        for f in films.finish(tmp, manifest.documents, current, roots)
        for s in f.documents
    }
    write_sources(
        tmp, {k: {**v.meta, "film": film_of.get(k)} for k, v in manifest.documents.items()}
    )


@contextmanager
def _damaged_if_raises(root: Path) -> Iterator[None]:
    """Around the reads a sync makes of the current generation (its table of contents,
    the segments a commit merges): what a damaged file raises there is one
    ``IndexDamaged`` line, as a search says it. Whoosh raises many unrelated types for a
    broken file; a full disk stays an OSError (``IndexUnwritable``)."""
    try:
        yield
    except (OSError, TuttiError):
        raise
    except Exception as err:
        raise IndexDamaged(f"index at {root} is damaged ({type(err).__name__}: {err})") from err


def _cancel(writer: Any) -> None:
    # Cancelling after a full disk can fail again; the generation's folder goes anyway.
    with contextlib.suppress(Exception):
        writer.cancel()


def _publish(tmp: Path, gen: Path, layout: Layout, manifest: Manifest, report: BuildReport) -> None:
    """Write the manifest and its summary into the finished generation ``tmp`` and make
    it current."""
    manifest.updated = time.time()
    # (a name that is not UTF-8 read as Windows-1252, as an indexed file's is: its raw
    # bytes made stats --json invalid UTF-8, and a 0x9B byte is a terminal's CSI)
    manifest.skipped = [{"path": os_text(s.path), "reason": s.reason} for s in report.skipped]
    # A path that is not UTF-8 keeps its bytes (surrogateescape), so the next sync finds it.
    (tmp / _MANIFEST).write_text(manifest.to_json(), encoding="utf-8", errors="surrogateescape")
    (tmp / _SUMMARY).write_text(manifest.summary().to_json(), encoding="utf-8")
    os.replace(tmp, gen)
    layout.publish(gen)
    report.manifest = manifest


class _Stop:
    """Ctrl-C (SIGINT) and SIGTERM during a build, as ``IndexInterrupted``.

    The signal is raised at once, except while a file's passages are being written: then
    it waits for the end of that file, because a half-written file in a kept index could
    not be told from a whole one by the next sync. A second signal does not wait
    (``forced``: nothing is kept). Handlers are installed only in the main thread, where
    Python delivers signals."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.forced = False
        self._deferring = False
        self._old: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        import signal

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        for sig, old in self._old.items():
            signal.signal(sig, old)
        self._old = {}

    def _handle(self, signum: int, frame: Any) -> None:
        if self.signum is not None:
            self.forced = True
        elif self._deferring:
            self.signum = signum
            return
        self.signum = signum
        raise IndexInterrupted(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self.signum is not None:
            raise IndexInterrupted(self.signum)

    @contextmanager
    def interruptible(self, now: bool) -> Iterator[None]:
        """Inside a deferred block, a part a signal interrupts at once when ``now``."""
        self._deferring = not now
        try:
            yield
        finally:
            self._deferring = True


#: Writing a segment's postings is a single-core job, a large part of a large build when
#: it all happens at the end. So a build of at least SPLIT_MIN_BYTES commits a first segment once
#: it has read SPLIT_FRACTION of its bytes: writing it overlaps the workers reading the
#: rest, and only the second, smaller segment is written at the end. Two segments, not one
#: per so many passages: each segment adds its own lookups to every query.
SPLIT_MIN_BYTES = 8 * 2**20
SPLIT_FRACTION = 0.6


def _current_or_none(layout: Layout) -> Path | None:
    """The generation to sync from; a damaged one is ignored (the sync becomes a rebuild)."""
    try:
        gen = layout.current()
        if gen is not None:
            read_manifest(gen)
        return gen
    except IndexDamaged:
        return None


def index_size(gen: Path) -> int:
    return sum(p.stat().st_size for p in gen.iterdir() if p.is_file())
