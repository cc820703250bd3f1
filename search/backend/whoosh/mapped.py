"""Segment files read in place from the compound file's memory map, not copied.

Whoosh opens a file inside a segment's compound file as a ``BufferFile``, which wraps the
mapped bytes in a ``BytesIO``: a copy of the whole file. A search opens the postings,
the term table and the stored fields of every segment, so a cold search copied all of
them, a cost growing with the index (benchmarks/RESULTS.md). ``open_mapped`` gives a
``StructFile`` that reads slices of the map as they are asked for, so opening costs the
same at any size and a query reads only the pages it touches.
"""

from __future__ import annotations

from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.filedb.structfile import BufferFile

#: How far ``readline`` looks at a time for the end of a line (pickles rarely ask).
_LINE_CHUNK = 256


class _ViewStream:
    """The file methods ``StructFile`` and ``pickle.load`` call, over a memoryview."""

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else self._pos + size
        out = bytes(self._view[self._pos : end])
        self._pos += len(out)
        return out

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else self._pos + size
        end = self._pos
        while end < limit:
            chunk = bytes(self._view[end : min(end + _LINE_CHUNK, limit)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(chunk)
        return self.read(end - self._pos)

    def seek(self, offset: int, whence: int = 0) -> int:
        base = (0, self._pos, len(self._view))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        """Nothing to write: the map is read-only."""

    def close(self) -> None:
        """The view is released with this object; the map belongs to the storage."""


class MappedFile(BufferFile):
    """Whoosh's ``BufferFile`` without its copy: reads go to the memoryview itself."""

    def __init__(self, view: memoryview, name: str | None = None) -> None:
        self._buf = view
        self._name = name
        self.file = _ViewStream(view)
        self.onclose = None
        self.is_real = False
        self.is_closed = False

    def subset(self, position: int, length: int, name: str | None = None) -> MappedFile:
        return MappedFile(self._buf[position : position + length], name=name or self._name)


def open_mapped(storage: Any, name: str) -> Any:
    """``storage.open_file(name)``, read in place when the file is in a memory-mapped
    compound file; any other file (a segment being written, RAM, no mmap) opens its own
    way. A segment reader's storage is an overlay of its compound file on the folder."""
    if hasattr(storage, "a") and hasattr(storage, "b"):  # whoosh's OverlayStorage
        storage = storage.a if storage.a.file_exists(name) else storage.b
    source = getattr(storage, "_source", None)
    if source is None or getattr(storage, "is_closed", True) or not hasattr(storage, "range"):
        return storage.open_file(name)
    offset, length = storage.range(name)
    return MappedFile(memoryview(source)[offset : offset + length], name=name)


__all__ = ["MappedFile", "open_mapped"]
