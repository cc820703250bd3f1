"""What every backend records of an index: the manifest of indexed files and the report
of a build, shared by the embedded index (backend/whoosh/) and a remote one.

The manifest is how filters resolve user spellings (speakers, languages, sources) and how
a sync tells changed files from unchanged ones, on either engine. It grows with the
number of files; a search reads its ``Summary`` instead, which grows only with the
speakers and languages.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..model import Passage, Record, Skipped
from ..schema import question_field, text_field

#: Bumped whenever the schema, the manifest, the layout of the segment files or the module
#: path of a class pickled into the index changes (tests/test_layout.py pins those paths);
#: older indexes must be rebuilt. Format 12 writes the segment files' footers uncompressed.
FORMAT = 12


class DocEntry(Record):
    """What the manifest remembers of one indexed file."""

    def __init__(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        lang: str,
        format: str,
        title: str | None,
        meta: dict[str, Any],
        passages: int,
        langs: dict[str, int],
        speakers: dict[str, int],
        questions: dict[str, int] | None = None,
        reader: str = "",
    ) -> None:
        self.path = path
        self.size = size
        self.mtime_ns = mtime_ns
        self.lang = lang
        self.format = format
        self.title = title
        self.meta = meta
        self.passages = passages
        self.langs = langs
        self.speakers = speakers
        #: passages with a prompt, by language
        self.questions: dict[str, int] = {} if questions is None else questions
        #: the reading code and libraries that made its passages
        #: (``ingest.reading_version``); empty in a manifest written before tutti kept it
        self.reader = reader

    def unchanged(self, stat: os.stat_result, reader: str) -> bool:
        """Whether the file as it is now (``stat``), read by ``reader``, would give the
        passages indexed: the same size and time, and the same reading code."""
        return (
            self.size == stat.st_size
            and self.mtime_ns == stat.st_mtime_ns
            and self.reader == reader
        )


# The JSON types each recorded field must have: a file of the right syntax and the wrong
# shape (a list for the manifest, text for a size) is a damaged index, said in one line.
_DOC_FIELDS: dict[str, tuple[type, type | None]] = {
    "path": (str, None),
    "size": (int, None),
    "mtime_ns": (int, None),
    "lang": (str, None),
    "format": (str, None),
    "meta": (dict, None),
    "passages": (int, None),
    "langs": (dict, int),
    "speakers": (dict, int),
    "questions": (dict, int),
    "reader": (str, None),
}


def _object(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"{what} is not a JSON object")
    return data


def _expect(data: dict[str, Any], key: str, kind: type, values: type | None = None) -> None:
    """``data[key]``, when present, is of ``kind`` (its values of ``values``; tutti never
    writes null there), else ValueError: a field of the wrong type would fail far from
    here, as a traceback."""
    if key not in data:
        return
    value = data[key]
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    if (
        not isinstance(value, kind)
        or isinstance(value, bool)
        or (values is not None and not all(_is(v, values) for v in inner))
    ):
        raise ValueError(f"{key!r} is not what tutti wrote there")


def _is(value: Any, kind: type) -> bool:
    return isinstance(value, kind) and not isinstance(value, bool)


def _doc_entry(key: str, value: Any) -> DocEntry:
    entry = _object(value, f"document {key!r}")
    for field, (kind, values) in _DOC_FIELDS.items():
        _expect(entry, field, kind, values)
    if entry.get("title") is not None and not isinstance(entry["title"], str):
        raise ValueError(f"document {key!r}: 'title' is not what tutti wrote there")
    try:
        return DocEntry(**entry)
    except TypeError as err:  # a field missing or unknown
        raise ValueError(f"document {key!r}: {err}") from None


class Summary(Record):
    """What every search needs of the manifest, small enough to read at each start:
    passages per language and per speaker (the filters' known values), passages per
    analysed field (the parser skips empty fields, BM25F averages over them), and who
    plays whom."""

    def __init__(
        self,
        format: int = FORMAT,
        passages: int = 0,
        langs: dict[str, int] | None = None,
        speakers: dict[str, int] | None = None,
        fields: dict[str, int] | None = None,
        plays: dict[str, str] | None = None,
    ) -> None:
        self.format = format
        self.passages = passages
        self.langs: dict[str, int] = {} if langs is None else langs
        self.speakers: dict[str, int] = {} if speakers is None else speakers
        self.fields: dict[str, int] = {} if fields is None else fields
        self.plays: dict[str, str] = {} if plays is None else plays

    def to_json(self) -> str:
        return json.dumps(vars(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        data = _object(json.loads(text), "the summary")
        _expect(data, "format", int)
        _expect(data, "passages", int)
        for counted in ("langs", "speakers", "fields"):
            _expect(data, counted, dict, values=int)
        _expect(data, "plays", dict, values=str)
        return cls(**data)


class Manifest(Record):
    """Every indexed file (``DocEntry``), the files skipped, and where the index was built
    from."""

    def __init__(
        self,
        format: int = FORMAT,
        created: float | None = None,
        updated: float | None = None,
        documents: dict[str, DocEntry] | None = None,
        skipped: list[dict[str, str]] | None = None,
        roots: list[str] | None = None,
        follow_outside: bool = True,
    ) -> None:
        now = time.time()
        self.format = format
        self.created = now if created is None else created
        self.updated = now if updated is None else updated
        self.documents: dict[str, DocEntry] = {} if documents is None else documents
        self.skipped: list[dict[str, str]] = [] if skipped is None else skipped
        #: the files and folders the index was built from (absolute), which ``tutti
        #: index`` without a PATH syncs again
        self.roots: list[str] = [] if roots is None else roots
        #: whether links out of the roots are followed: a sync keeps the build's choice
        self.follow_outside = follow_outside

    def to_json(self) -> str:
        data = {
            "format": self.format,
            "created": self.created,
            "updated": self.updated,
            "roots": self.roots,
            "follow_outside": self.follow_outside,
            "documents": {k: vars(v) for k, v in sorted(self.documents.items())},
            "skipped": self.skipped,
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = _object(json.loads(text), "the manifest")
        _expect(data, "format", int)
        _expect(data, "documents", dict, values=dict)
        _expect(data, "skipped", list, values=dict)
        _expect(data, "roots", list, values=str)
        docs = {k: _doc_entry(k, v) for k, v in (data.get("documents") or {}).items()}
        return cls(
            data.get("format", 0),
            data.get("created", 0.0),
            data.get("updated", 0.0),
            docs,
            data.get("skipped", []),
            list(data.get("roots", [])),
            data.get("follow_outside") is not False,
        )

    @property
    def passage_count(self) -> int:
        return sum(d.passages for d in self.documents.values())

    def langs(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for doc in self.documents.values():
            out.update(doc.langs)
        return out

    def speakers(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for doc in self.documents.values():
            out.update(doc.speakers)
        return out

    def plays(self) -> dict[str, str]:
        """Who plays whom: each speaker matched by full name to a cast entry of any
        document."""
        from ..names import name_keys

        def key(name: str) -> tuple[str, ...]:
            keys = name_keys(name)
            return (keys[0], keys[-1]) if keys else ()

        cast: dict[tuple[str, ...], str] = {}
        for doc in self.documents.values():
            for member in doc.meta.get("cast", []) or []:
                if member.get("character"):
                    cast.setdefault(key(member["actor"]), member["character"])
        return {s: cast[key(s)] for s in sorted(self.speakers()) if key(s) in cast}

    def summary(self) -> Summary:
        return Summary(
            self.format,
            self.passage_count,
            dict(self.langs()),
            dict(self.speakers()),
            self.field_docs(),
            self.plays(),
        )

    def field_docs(self) -> dict[str, int]:
        """How many passages fill each analysed field (ranking averages lengths over them)."""
        out: Counter[str] = Counter()
        for doc in self.documents.values():
            out["names"] += doc.passages
            for lang, count in doc.langs.items():
                out[text_field(lang)] += count
            for lang, count in doc.questions.items():
                out[question_field(lang)] += count
        return dict(out)


class BuildReport(Record):
    """What an index run did, for the summary a user reads: the files added, updated,
    removed, unchanged and skipped, those unreadable now whose previous version is kept,
    media and other known non-text files left out without a warning (``search/media.py``),
    the manifest written, and how long it took. ``index_dir`` is a folder, or where a
    remote index lives (``backend/``)."""

    def __init__(self, index_dir: Path | str) -> None:
        self.index_dir = index_dir
        self.added: list[str] = []
        self.updated: list[str] = []
        self.removed: list[str] = []
        self.unchanged: list[str] = []
        self.skipped: list[Skipped] = []
        self.kept: list[str] = []
        self.ignored: list[str] = []
        self.manifest = Manifest()
        self.seconds = 0.0

    def unreadable(self, skipped: Skipped, source: str, indexed_before: bool) -> None:
        """A file that could not be read now; its earlier version, if any, stays indexed."""
        self.skipped.append(skipped)
        if indexed_before:
            self.kept.append(source)


ProgressFn = Callable[[str, int, int], None]


def doc_entry(
    doc: Any, stat: os.stat_result, rows: Iterable[tuple[Passage, dict[str, Any]]], writer: Any
) -> DocEntry:
    """Hand a document's rows to ``writer`` (``add_document(**fields)``, whichever engine
    it writes to) and count what the manifest remembers of the file."""
    from ..ingest import reading_version

    langs: Counter[str] = Counter()
    speakers: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    count = 0
    for passage, fields in rows:
        writer.add_document(**fields)
        count += 1
        langs[passage.lang] += 1
        if passage.speaker:
            speakers[passage.speaker] += 1
        if passage.question:
            questions[passage.lang] += 1
    return DocEntry(
        os.path.realpath(doc.path),
        stat.st_size,
        stat.st_mtime_ns,
        doc.lang,
        doc.format,
        doc.title,
        doc.meta,
        count,
        dict(langs),
        dict(speakers),
        dict(questions),
        reading_version(),
    )


__all__ = [
    "FORMAT",
    "BuildReport",
    "DocEntry",
    "Manifest",
    "ProgressFn",
    "Summary",
    "doc_entry",
]
