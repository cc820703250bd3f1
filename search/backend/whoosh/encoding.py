"""The bytes tutti's index files are made of, and the cache their readers decode into.

The term table, the stored-field blocks and the posting blocks (termtable.py, stored.py,
postings.py) share one vocabulary: varints, arrays of the narrowest whole-number type
written little-endian (``pack_ints``), a footer that ends a file of blocks with their
index, and an LRU of decoded blocks (``Blocks``). A posting block's own layout
(``encode_postings``) is here too, since the term table inlines the same bytes for rare
terms. Nothing here knows Whoosh: these are plain functions over ``bytes``, kept apart so
each format's module reads as its layout and not its bit twiddling.
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from itertools import accumulate, pairwise
from typing import Any

#: What starts a term table and ends every file of blocks (its footer).
MAGIC = b"TUTTITRM"
_TAIL = struct.Struct("<QI8s")  # footer offset, CRC-32 of the footer, magic


def varint(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def slices(data: bytes, at: int, sizes: Iterable[int]) -> list[bytes]:
    """The consecutive pieces of ``data`` from ``at`` with these sizes."""
    ends = list(accumulate(sizes, initial=at))
    return [data[a:b] for a, b in pairwise(ends)]


def read_varint(data: bytes | bytearray, pos: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        b = data[pos]
        pos += 1
        n |= (b & 0x7F) << shift
        if b < 0x80:
            return n, pos
        shift += 7


def write_footer(dbfile: Any, start: int, payload: Any) -> None:
    """Ends a file of blocks: their index, then where it starts, its checksum and a magic.

    Every search reads the footers of every segment, so they are pickled uncompressed and
    their numbers are arrays (``numbers``), which unpickle as one copy: at 240,000 passages
    the four footers' compressed lists took 4 ms of a one-query process, a time that grew
    with the index (format 11). A footer is a few hundred kilobytes in a segment of tens of
    megabytes. The CRC-32 stands in for the check zlib made: a damaged footer is told as
    damage, before unpickling it could fail in any way at all.
    """
    at = dbfile.tell() - start
    data = pickle.dumps(payload, 4)
    dbfile.write(data)
    dbfile.write(_TAIL.pack(at, zlib.crc32(data), MAGIC))


def numbers(values: list[int]) -> array[int]:
    """Whole numbers as a footer holds them: an array of unsigned 64-bit integers."""
    return array("Q", values)


def read_footer(dbfile: Any, basepos: int, length: int, what: str) -> Any:
    """What ``write_footer`` wrote at the end of the ``length`` bytes from ``basepos``; a
    ValueError if it is not there whole."""
    at, crc, magic = _TAIL.unpack(bytes(dbfile.get(basepos + length - _TAIL.size, _TAIL.size)))
    if magic != MAGIC:
        raise ValueError(f"not a tutti {what}")
    data = bytes(dbfile.get(basepos + at, length - _TAIL.size - at))
    if zlib.crc32(data) != crc:
        raise ValueError(f"the {what}'s footer is damaged (checksum)")
    return pickle.loads(data)


class Blocks:
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


# -- posting blocks --------------------------------------------------------------------
# W3 pickles each block's (id gaps, weights, values) with protocol 2, which writes every
# value (a posting's positions) through ``_codecs.encode``: about 20 bytes of pickle per
# posting before the positions themselves. Here each part is an array of the narrowest
# whole-number type, so reading a block stays a few C calls.

BLOCK_TAG = 1  # the first byte of a block of ours (a pickle starts with 0x80)
_NONE, _ONE, _INTS, _FLOATS, _BLOB, _LIST = range(6)


# Arrays are written little-endian with these item sizes on every platform.
_WIDTHS = {"B": 1, "H": 2, "I": 4, "Q": 8}
if any(array(code).itemsize != size for code, size in _WIDTHS.items()):
    raise ImportError("tutti's index format needs 2-, 4- and 8-byte array items")
_SWAP = sys.byteorder == "big"


def pack_ints(out: bytearray, numbers: Any) -> None:
    top = max(numbers, default=0)
    code = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I" if top < 1 << 32 else "Q"
    packed = array(code, numbers)
    if _SWAP:
        packed.byteswap()
    out += code.encode() + packed.tobytes()


def unpack_ints(data: bytes, at: int, count: int) -> tuple[array, int]:
    numbers = array(chr(data[at]))
    end = at + 1 + count * numbers.itemsize
    numbers.frombytes(data[at + 1 : end])
    if _SWAP:
        numbers.byteswap()
    return numbers, end


def encode_postings(gaps: Any, weights: Any, values: Any) -> bytes:
    """One block, from W3's minified parts: id gaps; weights as None (all 1), one float
    (all equal) or a sequence; values as None (none), bytes (fixed size) or a sequence."""
    out = bytearray((BLOCK_TAG,))
    out += varint(len(gaps))
    pack_ints(out, gaps)
    if weights is None:
        out.append(_NONE)
    elif isinstance(weights, (int, float)):
        out.append(_ONE)
        out += struct.pack("<d", weights)
    elif all(isinstance(w, int) or w.is_integer() for w in weights) and min(weights) >= 0:
        out.append(_INTS)
        pack_ints(out, [int(w) for w in weights])
    else:
        out.append(_FLOATS)
        out += struct.pack(f"<{len(weights)}d", *weights)
    if values is None:
        out.append(_NONE)
    elif isinstance(values, bytes):
        out.append(_BLOB)
        out += varint(len(values)) + values
    else:
        out.append(_LIST)
        pack_ints(out, [len(v) for v in values])
        out += b"".join(values)
    return bytes(out)


def decode_postings(data: bytes, values: bool = True) -> tuple[Any, Any, Any]:
    """``encode_postings`` back to W3's minified parts. Without ``values``, the third part
    is where the values start, for ``decode_values`` (scoring reads weights only)."""
    count, at = read_varint(data, 1)
    gaps, at = unpack_ints(data, at, count)
    kind = data[at]
    at += 1
    weights: Any = None
    if kind == _ONE:
        weights = struct.unpack_from("<d", data, at)[0]
        at += 8
    elif kind == _INTS:
        weights, at = unpack_ints(data, at, count)
        weights = weights.tolist()
    elif kind == _FLOATS:
        weights = list(struct.unpack_from(f"<{count}d", data, at))
        at += 8 * count
    return gaps, weights, decode_values(data, at, count) if values else at


def decode_values(data: bytes, at: int, count: int) -> Any:
    kind = data[at]
    at += 1
    if kind == _BLOB:
        size, at = read_varint(data, at)
        return data[at : at + size]
    if kind == _LIST:
        lengths, at = unpack_ints(data, at, count)
        return tuple(slices(data, at, lengths))
    return None
