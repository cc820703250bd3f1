"""Each source's document metadata, looked up by source without reading the others.

Hits carry their document's metadata (title, author, cast, film). Read from the manifest,
that meant parsing every file's entry before the first hit, a cost growing with the
files (benchmarks/RESULTS.md). This table is written beside the index at the end of a build
and opened as a memory map: a lookup bisects the sorted sources (about 20 probes at a
million files) and decodes one record, so a search's start does not grow with the index.

Layout (integers little-endian)::

    b"TUTTISRC" | count: u32 | count offsets: u64 | records, in source order

A record is ``key length: u32 | key (UTF-8) | value length: u32 | value (JSON)``.
"""

from __future__ import annotations

import json
import mmap
import struct
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ...errors import IndexDamaged

FILENAME = "sources.bin"
_MAGIC = b"TUTTISRC"
_COUNT = struct.Struct("<I")
_OFFSET = struct.Struct("<Q")
_LENGTH = struct.Struct("<I")


def write_sources(folder: Path, metadata: Mapping[str, dict[str, Any]]) -> None:
    """Write ``metadata`` (source -> the metadata its hits carry) into ``folder``."""
    records: list[bytes] = []
    for source in sorted(metadata):
        key = source.encode("utf-8")
        value = json.dumps(metadata[source], ensure_ascii=False, sort_keys=True).encode("utf-8")
        records.append(_LENGTH.pack(len(key)) + key + _LENGTH.pack(len(value)) + value)
    start = len(_MAGIC) + _COUNT.size + _OFFSET.size * len(records)
    offsets = bytearray()
    for record in records:
        offsets += _OFFSET.pack(start)
        start += len(record)
    (folder / FILENAME).write_bytes(
        b"".join([_MAGIC, _COUNT.pack(len(records)), bytes(offsets), *records])
    )


class SourceTable(Mapping[str, dict[str, Any]]):
    """The table in ``folder``, read lazily: a ``Mapping`` from source to metadata.

    A damaged file is ``IndexDamaged`` when a lookup meets the damage. The map is only
    read, so processes forked after opening share it (batch.py)."""

    def __init__(self, folder: Path) -> None:
        self._where = f"index at {folder.parent} is damaged ({folder.name}/{FILENAME}"
        self._map: mmap.mmap | bytes
        try:
            with open(folder / FILENAME, "rb") as fh:
                try:
                    self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
                except ValueError:  # an empty file cannot be mapped
                    self._map = b""
        except OSError as err:
            raise IndexDamaged(f"{self._where}: {err.strerror or err})") from err
        if self._map[: len(_MAGIC)] != _MAGIC:
            raise IndexDamaged(f"{self._where}: not a source table)")
        self._count = _COUNT.unpack_from(self._map, len(_MAGIC))[0]
        self._offsets = len(_MAGIC) + _COUNT.size
        self._cache: dict[str, dict[str, Any]] = {}

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return (self._record(i)[0] for i in range(self._count))

    def __getitem__(self, source: str) -> dict[str, Any]:
        if source in self._cache:
            return self._cache[source]
        lo, hi = 0, self._count
        while lo < hi:  # the first record whose key is not below ``source``
            mid = (lo + hi) // 2
            if self._record(mid, value=False)[0] < source:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._count:
            key, value = self._record(lo)
            if key == source:
                self._cache[source] = value
                return value
        raise KeyError(source)

    def _record(self, i: int, value: bool = True) -> tuple[str, Any]:
        try:
            at = _OFFSET.unpack_from(self._map, self._offsets + _OFFSET.size * i)[0]
            size = _LENGTH.unpack_from(self._map, at)[0]
            at += _LENGTH.size
            key = bytes(self._map[at : at + size]).decode("utf-8")
            if not value:
                return key, None
            at += size
            size = _LENGTH.unpack_from(self._map, at)[0]
            at += _LENGTH.size
            data = json.loads(bytes(self._map[at : at + size]))
        except (struct.error, ValueError) as err:  # ValueError: bad UTF-8 or JSON
            raise IndexDamaged(f"{self._where}: record {i}: {err})") from err
        if not isinstance(data, dict):
            raise IndexDamaged(f"{self._where}: record {i} is not an object)")
        return key, data


__all__ = ["FILENAME", "SourceTable", "write_sources"]
