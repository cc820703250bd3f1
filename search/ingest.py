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
from .chunk import Chunked, Draft, chunk_document
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


def _passages(source: str, drafts: Iterable[Draft], doc_lang: str, title: str | None,
              meta: dict[str, Any], find_page: Callable[[str], int | None] | None,
              labels: dict[str | None, str]) -> Iterator[Passage]:
    prefix = _id_prefix(source)
    counters: Counter[str] = Counter()
    for position, draft in enumerate(drafts):
        label = labels.get(draft.speaker) or draft.kind
        counters[label] += 1
        if draft.lang:
            passage_lang, detected = draft.lang, False
        elif draft.kind in _INHERIT_KINDS:
            passage_lang, detected = doc_lang, False
        else:
            passage_lang, detected = langtag.tag(draft.text, doc_lang)
        yield Passage(
            id=f"{prefix}:{label}:{counters[label]:02d}",
            source=source,
            kind=draft.kind,
            text=draft.text,
            lang=passage_lang,
            lang_detected=detected,
            speaker=draft.speaker,
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

    passages = _passages(source, drafts(), doc_lang, None, {}, None, {})
    return Document(source, raw.path, doc_lang, raw.format, None, {}, passages)


def read(path: Path, source: str) -> Document:
    """One file as a Document; raises ReadError with a reason when it cannot be read."""
    raw = read_document(path)
    if getattr(raw, "stream", False):
        return _streamed(raw, source)
    text = raw.text.replace("\f", "\n")
    if raw.format == "json":
        from .chunk.film_record import generic_strings

        doc_lang = langtag.document_language(generic_strings(raw.json))
    else:
        doc_lang = langtag.document_language([text])
    chunked: Chunked = chunk_document(text, lang=doc_lang, fmt=raw.format, json_value=raw.json)
    if not chunked.drafts:
        raise ReadError("no text to index")
    meta = {**raw.meta, **chunked.meta}
    title = chunked.title or raw.meta.get("title")
    find_page = _page_finder(raw.text.split("\f")) if raw.format == "pdf" else None
    passages = _passages(source, chunked.drafts, doc_lang, title, meta, find_page,
                         _labels(chunked.drafts))
    return Document(source, path, doc_lang, raw.format, title, meta, passages)


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
