"""Postings: term records, posting blocks written and read, positions.

W3 pickles each posting block with protocol 2, positions included. Here a block is typed
arrays (encoding.py's ``encode_postings``) behind W3's block header: ``_PostingsWriter``
writes them and inlines the postings of a term in few passages into its record
(``TermInfo``, kept in the term table), which W3 as shipped cannot; ``_LeafMatcher`` reads
them, keeping decoded blocks per segment and decoding positions only when a phrase or a
highlight asks. Term records, block headers and matchers stay W3's, so Whoosh merges and
ranks as before, and reads blocks Whoosh wrote itself.
"""

from __future__ import annotations

import functools
import pickle
import struct
import zlib
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.codec.whoosh3 import (
    _INT_SIZE,
    WHOOSH3_HEADER_MAGIC,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.util.numeric import byte_to_length, length_to_byte

from .encoding import BLOCK_TAG, Blocks, decode_postings, decode_values, encode_postings

#: Decoded posting blocks kept per segment (up to 128 postings each, ids and weights): a
#: common word's blocks are read by most queries that hold it.
CACHED_POSTING_BLOCKS = 4096


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
            cache = postfile.tutti_blocks = Blocks(
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
        if data[0] == BLOCK_TAG:
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


class _PostingsWriter(W3PostingsWriter):
    """W3's postings writer with blocks encoded by ``encode_postings`` and inlining working.

    whoosh-reloaded calls a method that does not exist (``set_inline``), so inlining
    cannot be switched on as shipped; here a term in fewer than the codec's ``inlinelimit``
    passages (codec.py's ``INLINE_LIMIT``) keeps its postings in the term table, which
    compresses them with their neighbours, instead of a block of its own with its own
    headers.
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
