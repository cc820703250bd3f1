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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Passage, Skipped
from ..schema import question_field, text_field

#: Bumped whenever the schema, the manifest or the module path of a class pickled into the
#: index changes (tests/test_layout.py pins those paths); older indexes must be rebuilt.
FORMAT = 11


@dataclass
class DocEntry:
    """What the manifest remembers of one indexed file."""

    path: str
    size: int
    mtime_ns: int
    lang: str
    format: str
    title: str | None
    meta: dict[str, Any]
    passages: int
    langs: dict[str, int]
    speakers: dict[str, int]
    questions: dict[str, int] = field(default_factory=dict)  # passages with a prompt, by language
    #: the reading code and libraries that made its passages (``ingest.reading_version``);
    #: empty in a manifest written before tutti kept it
    reader: str = ""

    def unchanged(self, stat: os.stat_result, reader: str) -> bool:
        """Whether the file as it is now (``stat``), read by ``reader``, would give the
        passages indexed: the same size and time, and the same reading code."""
        return (
            self.size == stat.st_size
            and self.mtime_ns == stat.st_mtime_ns
            and self.reader == reader
        )


@dataclass
class Summary:
    """What every search needs of the manifest, small enough to read at each start:
    passages per language and per speaker (the filters' known values), passages per
    analysed field (the parser skips empty fields, BM25F averages over them), and who
    plays whom."""

    format: int = FORMAT
    passages: int = 0
    langs: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, int] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)
    plays: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(vars(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return cls(**data)


@dataclass
class Manifest:
    format: int = FORMAT
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    documents: dict[str, DocEntry] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    #: the files and folders the index was built from (absolute), which ``tutti index``
    #: without a PATH syncs again
    roots: list[str] = field(default_factory=list)
    #: whether links out of the roots are followed: a sync keeps the build's choice
    follow_outside: bool = True

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
        data = json.loads(text)
        docs = {k: DocEntry(**v) for k, v in data.get("documents", {}).items()}
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


@dataclass
class BuildReport:
    """What an index run did, for the summary a user reads."""

    index_dir: Path | str  # a folder, or where a remote index lives (backend/)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # unreadable now, previous version kept
    #: media and other known non-text files (search/media.py), left out without a warning
    ignored: list[str] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)
    seconds: float = 0.0

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
