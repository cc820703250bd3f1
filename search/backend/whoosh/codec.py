"""The on-disk format: Whoosh's W3 codec, made compact where W3 spends bytes.

W3 writes an index several times the size of its text. Where it spends the bytes, and
what this codec writes instead (benchmarks/RESULTS.md has the sizes):

- Term dictionary: W3 keeps an on-disk hash table, slots and pointers per term plus an
  uncompressed record. Here terms are in
  sorted blocks of ``BLOCK_TERMS``, front-coded and compressed (``TermTable``); the first
  key of each block is read into memory when a segment opens, and a lookup bisects to
  its block and decodes it once.
- Postings: W3 pickles each block with protocol 2, which writes every posting's
  positions through ``_codecs.encode`` (a pickled call per posting), and
  pickles positions again inside. Here a block is typed arrays (``encode_postings``) and
  positions are varints (``CompactPositions``); a term in fewer than ``INLINE_LIMIT``
  passages keeps its postings in the term table (W3's inlining is broken as shipped).
- Stored fields: W3 compresses each passage alone; here ``STORED_BLOCK_BYTES`` of
  neighbouring passages are compressed together (``BlockBytesColumn``).
- Field lengths are read into memory once per segment instead of a seek per posting.

Term records, matchers and scoring are W3's, so Whoosh reads, merges and ranks as before
(tests/test_codec.py compares answers with W3's own codec).

Public and stable: index segments pickle ``Codec``, and schemas ``CompactPositions``,
by name.
"""

from __future__ import annotations

import copy
import functools
import pickle
import struct
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, pairwise
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.codec.base import FieldCursor
from whoosh.codec.whoosh3 import (
    _INT_SIZE,
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    W3TermInfo,
    W3TermsReader,
    _lenfield,
)
from whoosh.columns import Column, ColumnReader, ColumnWriter, PickleColumn
from whoosh.formats import Positions
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

#: Terms per compressed block: a lookup decodes one block, so smaller blocks answer the
#: first lookup sooner and larger ones compress better.
BLOCK_TERMS = 64
#: Terms in fewer passages than this keep their postings in the term table.
INLINE_LIMIT = 64
#: Decoded term blocks kept per segment, the least recently used dropped first (a decoded
#: block is ``BLOCK_TERMS`` keys and records as Python objects).
CACHED_BLOCKS = 2048
#: Term records kept per segment: ranking reads a term's record four times per query
#: (its size for Whoosh's matcher tree, its presence, its postings, its statistics).
CACHED_TERM_INFOS = 4096
#: Bytes of stored fields compressed together: neighbouring passages of a document share
#: most of their words, which compressing each passage alone cannot use. A hit decodes its
#: block: larger blocks compress a little better and make every hit slower to read.
STORED_BLOCK_BYTES = 8 * 1024
#: Decoded stored-field blocks kept per segment, the least recently used dropped first.
CACHED_STORED_BLOCKS = 64
#: Decoded posting blocks kept per segment (up to 128 postings each, ids and weights): a
#: common word's blocks are read by most queries that hold it.
CACHED_POSTING_BLOCKS = 4096
_ABSENT = False  # a term the table does not hold, as the record cache keeps it
_MAGIC = b"TUTTITRM"
_TAIL = struct.Struct("<Q8s")  # footer offset, magic
_FIELD = struct.Struct(">H")  # W3's key prefix: the field's number


def _varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def _slices(data: bytes, at: int, sizes: Iterable[int]) -> list[bytes]:
    """The consecutive pieces of ``data`` from ``at`` with these sizes."""
    ends = list(accumulate(sizes, initial=at))
    return [data[a:b] for a, b in pairwise(ends)]


def _read_varint(data: bytes | bytearray, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if b < 0x80:
            return n, pos
        shift += 7


def _write_footer(dbfile: Any, start: int, payload: Any) -> None:
    """Ends a file of blocks: their index, compressed, then where it starts and a magic."""
    at = dbfile.tell() - start
    dbfile.write(zlib.compress(pickle.dumps(payload, 4), 6))
    dbfile.write(_TAIL.pack(at, _MAGIC))


def _read_footer(dbfile: Any, basepos: int, length: int, what: str) -> Any:
    """What ``_write_footer`` wrote at the end of the ``length`` bytes from ``basepos``."""
    at, magic = _TAIL.unpack(bytes(dbfile.get(basepos + length - _TAIL.size, _TAIL.size)))
    if magic != _MAGIC:
        raise ValueError(f"not a tutti {what}")
    return pickle.loads(zlib.decompress(bytes(dbfile.get(basepos + at, length - _TAIL.size - at))))


class _Blocks:
    """Decoded blocks (or records) by key, decoded on first use; past ``size`` the least
    recently used is dropped."""

    def __init__(self, size: int, decode: Callable[[Any], Any]) -> None:
        self._size = size
        self._decode = decode
        self._cache: OrderedDict[Any, Any] = OrderedDict()

    def __getitem__(self, i: Any) -> Any:
        block = self._cache.get(i)
        if block is not None:
            self._cache.move_to_end(i)
            return block
        if len(self._cache) >= self._size:
            self._cache.popitem(last=False)
        block = self._cache[i] = self._decode(i)
        return block

    def clear(self) -> None:
        self._cache.clear()


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
        dbfile.write(_MAGIC)

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
            out = bytearray(_varint(len(self._shared)))
            _pack_ints(out, self._shared)
            _pack_ints(out, [len(suffix) for suffix in self._suffixes])
            _pack_ints(out, [len(value) for value in self._values])
            out += b"".join(self._suffixes) + b"".join(self._values)
            self._offsets.append(self.dbfile.tell())
            self.dbfile.write(zlib.compress(bytes(out), 6))
            self._shared, self._suffixes, self._values = [], [], []

    def close(self) -> None:
        self._flush()
        self._offsets.append(self.dbfile.tell())  # the end of the last block
        _write_footer(self.dbfile, 0, (self.extras, self._first_keys, self._offsets, self._count))
        self.dbfile.close()


class TermTable:
    """Reads a ``TermTableWriter`` file: lookups, ordered iteration from a key."""

    def __init__(self, dbfile: Any, length: int) -> None:
        self.dbfile = dbfile
        self.extras, self._first_keys, self._offsets, self.count = _read_footer(
            dbfile, 0, length, "term table"
        )
        self._blocks = _Blocks(CACHED_BLOCKS, self._decode)

    def _decode(self, i: int) -> tuple[list[bytes], list[bytes]]:
        start, end = self._offsets[i], self._offsets[i + 1]
        data = zlib.decompress(bytes(self.dbfile.get(start, end - start)))
        count, pos = _read_varint(data, 0)
        shared, pos = _unpack_ints(data, pos, count)
        suffix_sizes, pos = _unpack_ints(data, pos, count)
        value_sizes, pos = _unpack_ints(data, pos, count)
        keys: list[bytes] = []
        prev = b""
        for keep, size in zip(shared, suffix_sizes, strict=True):
            prev = prev[:keep] + data[pos : pos + size]
            keys.append(prev)
            pos += size
        return keys, _slices(data, pos, value_sizes)

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
        self._infos = _Blocks(CACHED_TERM_INFOS, self._read_info)
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


class BlockBytesColumn(Column):
    """Byte strings compressed in blocks of consecutive documents.

    Whoosh's stored fields compress each passage on its own, which cannot use the words
    neighbouring passages share. A hit decompresses its block (``STORED_BLOCK_BYTES``);
    the last ``CACHED_STORED_BLOCKS`` decoded are kept.
    """

    def writer(self, dbfile: Any) -> Any:
        return _BlockBytesWriter(dbfile)

    def reader(self, dbfile: Any, basepos: int, length: int, doccount: int) -> Any:
        return _BlockBytesReader(dbfile, basepos, length, doccount)


class _BlockBytesWriter(ColumnWriter):
    def __init__(self, dbfile: Any) -> None:
        self._dbfile = dbfile
        self._start = dbfile.tell()
        self._first_docs: list[int] = []
        self._offsets: list[int] = []
        self._values: list[bytes] = []
        self._size = 0
        self._next_doc = 0

    def add(self, docnum: int, value: bytes) -> None:
        while self._next_doc < docnum:  # documents without a value
            self._append(b"")
        self._append(value)

    def _append(self, value: bytes) -> None:
        if not self._values:
            self._first_docs.append(self._next_doc)
        self._values.append(value)
        self._size += len(value)
        self._next_doc += 1
        if self._size >= STORED_BLOCK_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self._values:
            data = bytearray(_varint(len(self._values)))
            _pack_ints(data, [len(v) for v in self._values])
            data += b"".join(self._values)
            self._offsets.append(self._dbfile.tell() - self._start)
            self._dbfile.write(zlib.compress(bytes(data), 6))
            self._values, self._size = [], 0

    def finish(self, doccount: int) -> None:
        self._flush()
        self._offsets.append(self._dbfile.tell() - self._start)
        _write_footer(self._dbfile, self._start, (self._first_docs, self._offsets))


class _BlockBytesReader(ColumnReader):
    def __init__(self, dbfile: Any, basepos: int, length: int, doccount: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._first_docs, self._offsets = _read_footer(
            dbfile, basepos, length, "stored-field column"
        )
        self._blocks = _Blocks(CACHED_STORED_BLOCKS, self._decode)

    def _decode(self, i: int) -> _StoredBlock:
        start, end = self._offsets[i], self._offsets[i + 1]
        return _StoredBlock(bytes(self._dbfile.get(self._basepos + start, end - start)))

    def __getitem__(self, docnum: int) -> bytes:
        i = bisect_right(self._first_docs, docnum) - 1
        if i < 0:
            return b""
        return self._blocks[i][docnum - self._first_docs[i]]


class _StoredBlock:
    """A block of stored values, decompressed only as far as the values asked for so far.

    A hit reads one passage of its block: decompressing the whole block was most of the
    cost of a stored read, and on average a passage lies halfway.
    """

    __slots__ = ("_data", "_ends", "_inflate")

    def __init__(self, compressed: bytes) -> None:
        self._inflate = zlib.decompressobj()
        self._data = bytearray(self._inflate.decompress(compressed, 16))
        self._upto(10, whole=False)  # a count (a varint) and the sizes' type code
        count, at = _read_varint(self._data, 0)
        width = array(chr(self._data[at])).itemsize
        self._upto(at + 1 + count * width)
        sizes, at = _unpack_ints(bytes(self._data), at, count)
        self._ends = list(accumulate(sizes, initial=at))

    def _upto(self, size: int, whole: bool = True) -> None:
        """Decompress until ``size`` bytes are out, or (not ``whole``) the block ends; a
        block that ends short of what its header promised is damaged (zlib.error)."""
        while len(self._data) < size and not self._inflate.eof:
            more = self._inflate.decompress(self._inflate.unconsumed_tail, size - len(self._data))
            if not more and not self._inflate.unconsumed_tail:
                break
            self._data += more
        if whole and len(self._data) < size:
            raise zlib.error("stored block truncated: incomplete or damaged stream")

    def __getitem__(self, j: int) -> bytes:
        """The ``j``-th value (empty past the block's last one)."""
        if j + 1 >= len(self._ends):
            return b""
        start, end = self._ends[j], self._ends[j + 1]
        self._upto(end)
        return bytes(self._data[start:end])

    def __iter__(self) -> Iterator[bytes]:
        for j in range(len(self._ends) - 1):
            yield self[j]


#: Stored fields: W3's pickled dicts, in compressed blocks.
STORED_COLUMN = PickleColumn(BlockBytesColumn())


class _PerDocWriter(W3PerDocWriter):
    """W3's per-document writer, with stored fields in ``STORED_COLUMN``."""

    def _create_column(self, fieldname: str, column: Any) -> None:
        super()._create_column(fieldname, STORED_COLUMN if fieldname == "_stored" else column)


# -- posting blocks --------------------------------------------------------------------
# W3 pickles each block's (id gaps, weights, values) with protocol 2, which writes every
# value (a posting's positions) through ``_codecs.encode``: about 20 bytes of pickle per
# posting before the positions themselves. Here each part is an array of the narrowest
# whole-number type, so reading a block stays a few C calls.

_BLOCK_TAG = 1  # the first byte of a block of ours (a pickle starts with 0x80)
_NONE, _ONE, _INTS, _FLOATS, _BLOB, _LIST = range(6)


# Arrays are written little-endian with these item sizes on every platform.
_WIDTHS = {"B": 1, "H": 2, "I": 4, "Q": 8}
if any(array(code).itemsize != size for code, size in _WIDTHS.items()):
    raise ImportError("tutti's index format needs 2-, 4- and 8-byte array items")
_SWAP = sys.byteorder == "big"


def _pack_ints(out: bytearray, numbers: Any) -> None:
    top = max(numbers, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I" if top < 1 << 32 else "Q"
    packed = array(code, numbers)
    if _SWAP:
        packed.byteswap()
    out += code.encode() + packed.tobytes()


def _unpack_ints(data: bytes, at: int, count: int) -> tuple[array, int]:
    numbers = array(chr(data[at]))
    end = at + 1 + count * numbers.itemsize
    numbers.frombytes(data[at + 1 : end])
    if _SWAP:
        numbers.byteswap()
    return numbers, end


def encode_postings(gaps: Any, weights: Any, values: Any) -> bytes:
    """One block, from W3's minified parts: id gaps; weights as None (all 1), one float
    (all equal) or a sequence; values as None (none), bytes (fixed size) or a sequence."""
    out = bytearray((_BLOCK_TAG,))
    out += _varint(len(gaps))
    _pack_ints(out, gaps)
    if weights is None:
        out.append(_NONE)
    elif isinstance(weights, (int, float)):
        out.append(_ONE)
        out += struct.pack("<d", weights)
    elif all(isinstance(w, int) or w.is_integer() for w in weights) and min(weights) >= 0:
        out.append(_INTS)
        _pack_ints(out, [int(w) for w in weights])
    else:
        out.append(_FLOATS)
        out += struct.pack(f"<{len(weights)}d", *weights)
    if values is None:
        out.append(_NONE)
    elif isinstance(values, bytes):
        out.append(_BLOB)
        out += _varint(len(values)) + values
    else:
        out.append(_LIST)
        _pack_ints(out, [len(v) for v in values])
        out += b"".join(values)
    return bytes(out)


def decode_postings(data: bytes, values: bool = True) -> tuple[Any, Any, Any]:
    """``encode_postings`` back to W3's minified parts. Without ``values``, the third part
    is where the values start, for ``decode_values`` (scoring reads weights only)."""
    count, at = _read_varint(data, 1)
    gaps, at = _unpack_ints(data, at, count)
    kind = data[at]
    at += 1
    weights: Any = None
    if kind == _ONE:
        weights = struct.unpack_from("<d", data, at)[0]
        at += 8
    elif kind == _INTS:
        weights, at = _unpack_ints(data, at, count)
        weights = weights.tolist()
    elif kind == _FLOATS:
        weights = list(struct.unpack_from(f"<{count}d", data, at))
        at += 8 * count
    return gaps, weights, decode_values(data, at, count) if values else at


def decode_values(data: bytes, at: int, count: int) -> Any:
    kind = data[at]
    at += 1
    if kind == _BLOB:
        size, at = _read_varint(data, at)
        return data[at : at + size]
    if kind == _LIST:
        lengths, at = _unpack_ints(data, at, count)
        return tuple(_slices(data, at, lengths))
    return None


class TermInfo(W3TermInfo):
    """W3's term record, with inlined postings encoded as blocks are and decoded only
    when read: ranking asks a term's statistics several times per query, its postings
    once."""

    _encoded: bytes | None = None
    _inlined: Any  # W3's: the decoded inlined postings, or None

    def is_inlined(self) -> bool:
        return self._encoded is not None or super().is_inlined()

    def inlined_postings(self) -> tuple[tuple[int, ...], tuple[Any, ...], tuple[bytes, ...]]:
        if self._inlined is None and self._encoded is not None:
            gaps, weights, values = decode_postings(self._encoded)
            count = len(gaps)
            if weights is None or isinstance(weights, float):
                weights = [1.0 if weights is None else weights] * count
            self._inlined = (
                tuple(accumulate(gaps)),
                tuple(weights),
                tuple(values) if values is not None else (b"",) * count,
            )
        return self._inlined

    def to_bytes(self) -> bytes:
        head = self._struct.pack(
            self.is_inlined(),
            self._weight,
            self._df,
            0 if self._minlength is None else length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
            self._maxweight,
            0xFFFFFFFF if self._minid is None else self._minid,
            0xFFFFFFFF if self._maxid is None else self._maxid,
        )
        if self.is_inlined():
            ids, weights, values = self.inlined_postings()
            gaps = [b - a for a, b in zip((0, *ids), ids, strict=False)]
            return head + encode_postings(gaps, weights, values)
        return head + struct.pack(">qi", self._offset, self._length)

    @classmethod
    def from_bytes(cls, s: bytes) -> TermInfo:
        size = cls._struct.size
        flags, weight, df, minlen, maxlen, maxweight, minid, maxid = cls._struct.unpack(s[:size])
        info = cls()
        info._weight, info._df, info._maxweight = weight, df, maxweight
        info._minlength, info._maxlength = byte_to_length(minlen), byte_to_length(maxlen)
        info._minid = None if minid == 0xFFFFFFFF else minid
        info._maxid = None if maxid == 0xFFFFFFFF else maxid
        if flags:
            info._encoded = s[size:]
        else:
            info._offset, info._length = struct.unpack(">qi", s[size : size + 12])
        return info


def _block_header(postfile: Any, position: int) -> dict[str, Any]:
    """A posting block's header, as W3's ``_goto`` reads it: its length (negative for the
    last block), then its pickled statistics."""
    postfile.seek(position)
    length = postfile.read_int()
    info = postfile.read_pickle()
    blocklength, maxid, maxweight, compression, minlength, maxlength = info
    return {
        "head": (
            length < 0,
            position + _INT_SIZE + abs(length),
            postfile.tell(),
            blocklength,
            maxid,
            maxweight,
            compression,
            byte_to_length(minlength),
            byte_to_length(maxlength),
        )
    }


class _LeafMatcher(W3LeafMatcher):
    """W3's block reader for blocks written by ``_PostingsWriter``: ids summed in C, and
    values (positions) decoded only when a phrase or a highlight asks for them."""

    _values: Any  # W3's: the current block's values, None until read

    def _goto(self, position: int) -> None:
        """W3's move to the block at ``position``, its header read once per segment (W3
        unpickles it every time) and its decoded postings kept (``_read_data``)."""
        postfile = self._postfile
        cache = getattr(postfile, "tutti_blocks", None)
        if cache is None:
            cache = postfile.tutti_blocks = _Blocks(
                CACHED_POSTING_BLOCKS, functools.partial(_block_header, postfile)
            )
        block = cache[position]
        self._block = block
        self._data = block.get("data")
        self._ids = block.get("ids")
        self._weights = block.get("weights")
        self._raw = block.get("raw")
        self._values = None
        self._i = 0
        (
            self._lastblock,
            self._nextoffset,
            self._dataoffset,
            self._blocklength,
            self._maxid,
            self._maxweight,
            self._compression,
            self._minlength,
            self._maxlength,
        ) = block["head"]

    def _read_data(self) -> None:
        data = bytes(self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset))
        if self._compression:
            data = zlib.decompress(data)
        if data[0] == _BLOCK_TAG:
            self._raw = data
            self._data = decode_postings(data, values=False)
        else:  # a block Whoosh wrote itself
            self._raw = None
            self._data = pickle.loads(data)
        self._block["data"], self._block["raw"] = self._data, self._raw

    def _read_weights(self) -> None:
        super()._read_weights()
        self._block["weights"] = self._weights

    def _ours(self) -> bool:
        """Loads the block; whether this codec wrote it."""
        if self._data is None:
            self._read_data()
        return self._raw is not None

    def _read_ids(self) -> None:
        if not self._ours():
            super()._read_ids()
            return
        self._ids = self._block["ids"] = tuple(accumulate(self._data[0]))

    def blocks(
        self,
    ) -> Iterator[tuple[Sequence[int], Sequence[float], Callable[[], Sequence[Any]]]]:
        """The ids and weights of the postings from here on, a block at a time, as ``id``
        and ``weight`` give them one by one, with a function that decodes the block's
        values (positions); the matcher ends exhausted. Scoring a whole posting list at
        once (scoring.py) reads it this way."""
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            if self._weights is None:
                self._read_weights()
            i = self._i
            values: Callable[[], Sequence[Any]]
            if self._ours():
                values = functools.partial(
                    self._block_values, self._raw, self._data[2], self._blocklength, i
                )
            else:
                self._read_values()
                values = functools.partial(tuple, self._values[i:])
            ids, weights = (self._ids[i:], self._weights[i:]) if i else (self._ids, self._weights)
            yield ids, weights, values
            self._next_block()

    def _read_values(self) -> None:
        if not self._ours():
            super()._read_values()
            return
        self._values = self._block_values(self._raw, self._data[2], self._blocklength, 0)

    def _block_values(self, raw: bytes, at: int, count: int, start: int) -> Sequence[Any]:
        values = decode_values(raw, at, count)
        if values is None:
            values = (None,) * count
        elif isinstance(values, bytes):  # a format whose values have a fixed size
            size = self._fixedsize
            values = tuple(values[i : i + size] for i in range(0, len(values), size))
        return values[start:] if start else values


class CompactPositions(Positions):
    """A posting's positions as varints: a count, then the gaps.

    Whoosh writes a 4-byte count and then pickles the list of gaps: 13 bytes for a word
    that occurs once in a passage, where this takes 2.
    """

    def encode(self, poslist: list[int]) -> bytes:
        out = bytearray(_varint(len(poslist)))
        base = 0
        for pos in poslist:
            out += _varint(pos - base)
            base = pos
        return bytes(out)

    def decode_positions(self, value: bytes) -> list[int]:
        if value and value[0] < 0x80 and len(value) == value[0] + 1:
            return list(accumulate(value[1:]))  # every gap one byte: most postings
        count, at = _read_varint(value, 0)
        positions = []
        pos = 0
        for _ in range(count):
            gap, at = _read_varint(value, at)
            pos += gap
            positions.append(pos)
        return positions

    def decode_frequency(self, value: bytes) -> int:
        return _read_varint(value, 0)[0]

    def decode_weight(self, value: bytes) -> float:
        return self.decode_frequency(value) * self.field_boost


class _PostingsWriter(W3PostingsWriter):
    """W3's postings writer with blocks encoded by ``encode_postings`` and inlining working.

    whoosh-reloaded calls a method that does not exist (``set_inline``), so inlining
    cannot be switched on as shipped; here a term in fewer than ``INLINE_LIMIT`` passages
    keeps its postings in the term table, which compresses them with their neighbours,
    instead of a block of its own with its own headers.
    """

    _terminfo: Any  # W3's: the record of the term being written, None between terms

    def _write_block(self, last: bool = False) -> None:
        if self._byteids:  # term vectors, which tutti does not write: W3's own blocks
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = encode_postings(self._mini_ids(), self._mini_weights(), self._mini_values())
        comp = self._compression if len(data) >= 20 else 0
        if comp:
            data = zlib.compress(data, comp)
        ids = self._ids
        info = pickle.dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()

    def finish_postings(self) -> Any:
        terminfo = self._terminfo
        if self._byteids or self.written() or len(self) >= self._inlinelimit:
            # Term vectors are never inlined: W3 keeps a pointer to each in a column.
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        else:
            terminfo.add_block(self)
            # A field without values (ids, kinds) still gets one empty value per posting:
            # reading inlined postings back (to merge segments), Whoosh's ListMatcher gives
            # text "" for a missing value, which its writer then refuses.
            terminfo.set_inlined(self._ids, self._weights, self._values or [b""] * len(self._ids))
        self._terminfo = None
        return terminfo


class _PerDocReader(W3PerDocReader):
    """W3's per-document reader, with stored fields in ``STORED_COLUMN`` and each field's
    length column read into memory once.

    Writing a segment asks for a passage's field length once per posting, and BM25 once
    per scored passage; W3 answers each with a seek and a read of one byte, a large part
    of the time spent writing postings. The values returned are the same.
    """

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._length_bytes: dict[str, bytes | None] = {}

    def length_codes(self, fieldname: str) -> bytes | None:
        """Each passage's length in ``fieldname`` as W3's one-byte code (``byte_to_length``
        decodes it), by document number; None when no passage fills the field."""
        if fieldname not in self._length_bytes:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            data = (
                None
                if reader is None
                else bytes(reader._dbfile.get(reader._basepos, reader._count))
            )
            self._length_bytes[fieldname] = data
        return self._length_bytes[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        data = self.length_codes(fieldname)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None

    def stored_fields(self, docnum: int) -> dict[str, Any]:
        return self._cached_reader("_stored", STORED_COLUMN)[docnum] or {}


class Codec(W3Codec):
    """Whoosh's W3 codec with the term table, block-compressed stored fields, inlining
    and in-memory lengths above."""

    def __init__(self) -> None:
        super().__init__(inlinelimit=INLINE_LIMIT)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        name = segment.make_filename(self.TERMS_EXT)
        postfile = segment.open_file(storage, self.POSTS_EXT)
        return TermsReader(self, storage.open_file(name), storage.file_length(name), postfile)

    def per_document_writer(self, storage: Any, segment: Any) -> Any:
        return _PerDocWriter(self, storage, segment)

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return _LeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _PerDocReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
