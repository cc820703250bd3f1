"""The term dictionary: sorted terms in front-coded, compressed blocks.

W3 keeps an on-disk hash table, slots and pointers per term plus an uncompressed record.
Here terms are in sorted blocks of ``BLOCK_TERMS``, front-coded and compressed
(``TermTable``); the first key of each block is read into memory when a segment opens,
and a lookup bisects to its block and decodes it once. The table is a file of its own
(``TermTableWriter``, ``TermTable``) with W3's field writer and terms reader wrapped
around it (``_FieldWriter``, ``TermsReader``, ``_FieldCursor``), so Whoosh reads, merges
and expands terms (fuzzy, prefix) as before. A term's value is its record
(postings.py's ``TermInfo``), with the postings of a rare term inlined.
"""

from __future__ import annotations

import copy
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.codec.base import FieldCursor
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3TermsReader
from whoosh.reading import TermNotFound

from .encoding import (
    MAGIC,
    Blocks,
    numbers,
    pack_ints,
    read_footer,
    read_varint,
    slices,
    unpack_ints,
    varint,
    write_footer,
)
from .postings import TermInfo

#: Terms per compressed block: a lookup decodes one block, so smaller blocks answer the
#: first lookup sooner and larger ones compress better.
BLOCK_TERMS = 64
#: Decoded term blocks kept per segment, the least recently used dropped first (a decoded
#: block is ``BLOCK_TERMS`` keys and records as Python objects).
CACHED_BLOCKS = 2048
#: Term records kept per segment: ranking reads a term's record four times per query
#: (its size for Whoosh's matcher tree, its presence, its postings, its statistics).
CACHED_TERM_INFOS = 4096
_ABSENT = False  # a term the table does not hold, as the record cache keeps it
_FIELD = struct.Struct(">H")  # W3's key prefix: the field's number


class TermTableWriter:
    """Sorted (key, value) pairs written as front-coded, compressed blocks."""

    def __init__(self, dbfile: Any) -> None:
        self.dbfile = dbfile
        self.extras: dict[str, Any] = {}
        self._first_keys: list[bytes] = []
        self._offsets: list[int] = []
        self._shared: list[int] = []
        self._suffixes: list[bytes] = []
        self._values: list[bytes] = []
        self._count = 0
        self._prev = b""
        dbfile.write(MAGIC)

    def add(self, key: bytes, value: bytes) -> None:
        if self._count and key <= self._prev:
            raise ValueError(f"keys must increase: {self._prev!r}..{key!r}")
        shared = 0
        if not self._shared:  # a block starts with a whole key
            self._first_keys.append(key)
        else:
            limit = min(len(key), len(self._prev))
            while shared < limit and key[shared] == self._prev[shared]:
                shared += 1
        self._shared.append(shared)
        self._suffixes.append(key[shared:])
        self._values.append(value)
        self._prev = key
        self._count += 1
        if len(self._shared) >= BLOCK_TERMS:
            self._flush()

    def _flush(self) -> None:
        """A block: the count, then arrays of shared-prefix, suffix and value lengths
        (read back in C), then the suffixes and the values."""
        if self._shared:
            out = bytearray(varint(len(self._shared)))
            pack_ints(out, self._shared)
            pack_ints(out, [len(suffix) for suffix in self._suffixes])
            pack_ints(out, [len(value) for value in self._values])
            out += b"".join(self._suffixes) + b"".join(self._values)
            self._offsets.append(self.dbfile.tell())
            self.dbfile.write(zlib.compress(bytes(out), 6))
            self._shared, self._suffixes, self._values = [], [], []

    def close(self) -> None:
        self._flush()
        self._offsets.append(self.dbfile.tell())  # the end of the last block
        write_footer(
            self.dbfile, 0, (self.extras, self._first_keys, numbers(self._offsets), self._count)
        )
        self.dbfile.close()


class TermTable:
    """Reads a ``TermTableWriter`` file: lookups, ordered iteration from a key."""

    def __init__(self, dbfile: Any, length: int) -> None:
        self.dbfile = dbfile
        self.extras, self._first_keys, self._offsets, self.count = read_footer(
            dbfile, 0, length, "term table"
        )
        self._blocks = Blocks(CACHED_BLOCKS, self._decode)

    def _decode(self, i: int) -> tuple[list[bytes], list[bytes]]:
        start, end = self._offsets[i], self._offsets[i + 1]
        data = zlib.decompress(bytes(self.dbfile.get(start, end - start)))
        count, pos = read_varint(data, 0)
        shared, pos = unpack_ints(data, pos, count)
        suffix_sizes, pos = unpack_ints(data, pos, count)
        value_sizes, pos = unpack_ints(data, pos, count)
        keys: list[bytes] = []
        prev = b""
        for keep, size in zip(shared, suffix_sizes, strict=True):
            prev = prev[:keep] + data[pos : pos + size]
            keys.append(prev)
            pos += size
        return keys, slices(data, pos, value_sizes)

    def locate(self, key: bytes) -> tuple[int, int]:
        """(block, index) of the first key >= ``key``; past the end when there is none."""
        i = max(bisect_right(self._first_keys, key) - 1, 0)
        while i < len(self._first_keys):
            keys, _ = self._blocks[i]
            j = bisect_left(keys, key)
            if j < len(keys):
                return i, j
            i += 1
        return len(self._first_keys), 0

    def get(self, key: bytes) -> bytes | None:
        i, j = self.locate(key)
        if i == len(self._first_keys):
            return None
        keys, values = self._blocks[i]
        return values[j] if keys[j] == key else None

    def __contains__(self, key: bytes) -> bool:
        return self.get(key) is not None

    def items_from(self, key: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        i, j = self.locate(key)
        while i < len(self._first_keys):
            keys, values = self._blocks[i]
            for k in range(j, len(keys)):
                yield keys[k], values[k]
            i, j = i + 1, 0

    def close(self) -> None:
        self._blocks.clear()
        self.dbfile.close()


class _FieldWriter(W3FieldWriter):
    """W3's field writer with the term table in place of the hash table."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        self._codec = codec
        self._storage = storage
        self._segment = segment
        self._fieldname = None
        self._fieldid = None
        self._btext = None
        self._fieldobj = None
        self._format = None
        self._tindex = TermTableWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False

    def start_term(self, btext: bytes) -> None:
        if self._postwriter is None:
            raise ValueError("start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, TermInfo())


class _FieldCursor(FieldCursor):
    """A field's terms in order (Whoosh's fuzzy and Levenshtein expansion walks them)."""

    def __init__(self, reader: TermsReader, fieldname: str, fieldobj: Any) -> None:
        self._reader = reader
        self._fieldname = fieldname
        self._fieldobj = fieldobj
        self._items: Iterator[tuple[bytes, bytes]] = iter(())
        self._text: Any = None
        self._value: bytes | None = None
        self.first()

    def first(self) -> Any:
        return self.find(b"")

    def find(self, term: Any) -> Any:
        if not isinstance(term, bytes):
            term = self._fieldobj.to_bytes(term)
        self._items = self._reader.table.items_from(self._reader.key(self._fieldname, term))
        return self.next()

    def next(self) -> Any:
        for keybytes, value in self._items:
            fieldname, text = self._reader.decode_key(keybytes)
            if fieldname == self._fieldname:
                self._text, self._value = self._fieldobj.from_bytes(text), value
                return self._text
            break
        self._items = iter(())
        self._text = self._value = None
        return None

    def text(self) -> Any:
        return self._text

    def term_info(self) -> Any:
        return None if self._value is None else TermInfo.from_bytes(self._value)

    def is_valid(self) -> bool:
        return self._value is not None


class TermsReader(W3TermsReader):
    """W3's terms reader over the term table."""

    def __init__(self, codec: Any, dbfile: Any, length: int, postfile: Any) -> None:
        self._codec = codec
        self._dbfile = dbfile
        self.table = TermTable(dbfile, length)
        self._fieldmap = self.table.extras["fieldmap"]
        self._postfile = postfile
        self._infos = Blocks(CACHED_TERM_INFOS, self._read_info)
        self._fieldunmap = [""] * len(self._fieldmap)
        for fieldname, num in self._fieldmap.items():
            self._fieldunmap[num] = fieldname

    def key(self, fieldname: str, tbytes: bytes) -> bytes:
        return _FIELD.pack(self._fieldmap.get(fieldname, 65535)) + tbytes

    def decode_key(self, keybytes: bytes) -> tuple[str, bytes]:
        return self._fieldunmap[_FIELD.unpack(keybytes[:2])[0]], keybytes[2:]

    def _info(self, fieldname: str, tbytes: bytes) -> TermInfo:
        info = self._infos[self.key(fieldname, tbytes)]
        if info is _ABSENT:  # KeyError, as W3's hash table raises: the segment reader maps
            raise KeyError((fieldname, tbytes))  # it to 0 for frequencies
        return info

    def _read_info(self, key: bytes) -> Any:
        value = self.table.get(key)
        return _ABSENT if value is None else TermInfo.from_bytes(value)

    def __contains__(self, term: tuple[str, bytes]) -> bool:
        return self._infos[self.key(*term)] is not _ABSENT

    def cursor(self, fieldname: str, fieldobj: Any) -> Any:
        return _FieldCursor(self, fieldname, fieldobj)

    def terms(self) -> Iterator[tuple[str, bytes]]:
        return (self.decode_key(k) for k, _ in self.table.items_from())

    def terms_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[str, bytes]]:
        return (self.decode_key(k) for k, _ in self.table.items_from(self.key(fieldname, prefix)))

    def items(self) -> Iterator[tuple[tuple[str, bytes], Any]]:
        return ((self.decode_key(k), TermInfo.from_bytes(v)) for k, v in self.table.items_from())

    def items_from(self, fieldname: str, prefix: bytes) -> Iterator[tuple[tuple[str, bytes], Any]]:
        return (
            (self.decode_key(k), TermInfo.from_bytes(v))
            for k, v in self.table.items_from(self.key(fieldname, prefix))
        )

    def term_info(self, fieldname: str, tbytes: bytes) -> Any:
        """A copy of the cached record: Whoosh's multi-segment reader changes the record
        it is given (``combine_terminfos``)."""
        try:
            return copy.copy(self._info(fieldname, tbytes))
        except KeyError:  # as W3's: matcher() and the segment reader expect this one
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None

    def matcher(self, fieldname: str, tbytes: bytes, format_: Any, scorer: Any = None) -> Any:
        """W3's, with the cached record itself (a matcher only reads it, and its inlined
        postings then stay decoded)."""
        try:
            terminfo = self._info(fieldname, tbytes)
        except KeyError:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None
        return self._codec.postings_reader(
            self._postfile, terminfo, format_, term=(fieldname, tbytes), scorer=scorer
        )

    def frequency(self, fieldname: str, tbytes: bytes) -> float:
        return self._info(fieldname, tbytes).weight()

    def doc_frequency(self, fieldname: str, tbytes: bytes) -> int:
        return self._info(fieldname, tbytes).doc_frequency()

    def close(self) -> None:
        self._infos.clear()
        self.table.close()
        self._postfile.close()
