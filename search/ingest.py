"""From paths to passages: walk, read, recognise, chunk, tag language, assign ids.

``iter_documents`` yields one ``Document`` per readable file and one ``Skipped`` per file
that could not be read, so a caller can index the first and report the second; nothing
raises for a bad file. Passages of a document are produced lazily, so a 50 MB text streams
through in bounded memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import lang as langtag
from .chunk import Chunked, Draft, chunk_document, document_kind
from .chunk import prose
from .chunk.text import clean_spaces, slug
from .model import Kind, Passage, Skipped
from .read import ReadError, RawDocument, iter_files, iter_text_blocks, read_document

#: Kinds whose text is a list of names: langdetect guesses nonsense there, so they inherit.
_INHERIT_KINDS = frozenset({Kind.CAST, Kind.CREDITS})


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


def source_name(path: Path, root: Path | None) -> str:
    """The file as users name it: relative to the folder given, else its file name."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def _id_prefix(source: str) -> str:
    stem = source.rsplit(".", 1)[0] if "." in source.rsplit("/", 1)[-1] else source
    return stem


def _labels(drafts: list[Draft]) -> dict[str | None, str]:
    """Readable id labels per speaker: the surname, or the full name when two share one."""
    speakers = sorted({d.speaker for d in drafts if d.speaker})
    surnames = Counter(slug(s.split()[-1]) for s in speakers)
    out: dict[str | None, str] = {}
    for speaker in speakers:
        surname = slug(speaker.split()[-1])
        out[speaker] = surname if surnames[surname] == 1 else slug(speaker)
    return out


def _page_finder(pages: list[str]) -> Callable[[str], int | None]:
    """Map a passage back to the PDF page its first words stand on."""
    flat = [clean_spaces(p.replace("\n", " ")) for p in pages]

    def find(text: str) -> int | None:
        probe = clean_spaces(text)[:60]
        while len(probe) >= 12:
            for number, page in enumerate(flat, start=1):
                if probe in page:
                    return number
            probe = probe[: len(probe) // 2]
        return None

    return find


def _trusted(draft: Draft) -> str | None:
    """A draft's own language, when the format says it or langdetect can be trusted."""
    if draft.lang or draft.kind in _INHERIT_KINDS:
        return draft.lang
    return langtag.trusted(draft.text)


def _passages(source: str, tagged: Iterable[tuple[Draft, str | None]], doc_lang: str,
              title: str | None, meta: dict[str, Any],
              find_page: Callable[[str], int | None] | None,
              labels: dict[str | None, str]) -> Iterator[Passage]:
    prefix = _id_prefix(source)
    counters: Counter[str] = Counter()
    for position, (draft, lang) in enumerate(tagged):
        label = labels.get(draft.speaker) or draft.kind
        counters[label] += 1
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
            page=draft.page if draft.page is not None else (find_page(draft.text) if find_page else None),
            title=title,
            meta=meta,
        )


def _streamed(raw: RawDocument, source: str) -> Document:
    """A text too large to hold: chunk it block by block as prose."""
    blocks = iter_text_blocks(raw.path, raw.encoding or "utf-8")
    first = next(blocks, "")
    doc_lang = langtag.document_language([first])

    def drafts() -> Iterator[Draft]:
        yield from prose.chunk(first, Kind.TEXT)
        for block in blocks:
            yield from prose.chunk(block, Kind.TEXT)

    tagged = ((draft, _trusted(draft)) for draft in drafts())
    passages = _passages(source, tagged, doc_lang, None, {}, None, {})
    return Document(source, raw.path, doc_lang, raw.format, None, {}, passages)


def read(path: Path, source: str) -> Document:
    """One file as a Document; raises ReadError with a reason when it cannot be read."""
    raw = read_document(path)
    if getattr(raw, "stream", False):
        return _streamed(raw, source)
    text = raw.text.replace("\f", "\n")
    kind = document_kind(text, raw.json, raw.format)
    # Only the press-kit chunker needs the language before cutting (its prompt cues are
    # per language); everywhere else the passages' own trusted tags vote for it afterwards,
    # which saves a detection per document.
    doc_lang = langtag.document_language([text]) if kind == "presskit" else None
    chunked: Chunked = chunk_document(text, lang=doc_lang or "en", fmt=raw.format,
                                      json_value=raw.json, kind=kind)
    if not chunked.drafts:
        raise ReadError("no text to index")
    tagged = [(draft, _trusted(draft)) for draft in chunked.drafts]
    if doc_lang is None:
        doc_lang = (langtag.majority((d.text, lang) for d, lang in tagged)
                    or langtag.document_language(d.text for d in chunked.drafts))
    meta = {**raw.meta, **chunked.meta}
    title = chunked.title or raw.meta.get("title")
    find_page = _page_finder(raw.text.split("\f")) if raw.format == "pdf" else None
    passages = _passages(source, tagged, doc_lang, title, meta, find_page,
                         _labels(chunked.drafts))
    return Document(source, path, doc_lang, raw.format, title, meta, passages)


def read_whole(job: tuple[Path, str]) -> Document | Skipped:
    """``read`` for a worker process: passages materialised so the Document can be pickled,
    and a bad file returned as Skipped rather than raised."""
    path, source = job
    try:
        doc = read(path, source)
    except ReadError as err:
        return Skipped(str(path), str(err))
    doc.passages = iter(list(doc.passages))
    return doc


def iter_documents(paths: Iterable[Path | str], *,
                   skip: Iterable[Path] = ()) -> Iterator[Document | Skipped]:
    """Every file under ``paths`` (folders recursively) as a Document or a Skipped."""
    for given in paths:
        root = Path(given)
        base = root if root.is_dir() else None
        for path in iter_files([root], skip=skip):
            source = source_name(path, base)
            try:
                yield read(path, source)
            except ReadError as err:
                yield Skipped(str(path), str(err))


def iter_passages(paths: Iterable[Path | str], *,
                  on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Passage]:
    """Passages of every readable file under ``paths``; unreadable files go to ``on_skip``."""
    for item in iter_documents(paths):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
            continue
        yield from item.passages
