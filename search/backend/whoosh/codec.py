"""The on-disk format: Whoosh's W3 codec, made compact where W3 spends bytes.

W3 writes an index several times the size of its text. Where it spends the bytes, and
what this codec writes instead (benchmarks/RESULTS.md has the sizes), one module each:

- Term dictionary (termtable.py): W3 keeps an on-disk hash table, slots and pointers per
  term plus an uncompressed record. Here terms are in sorted, front-coded, compressed
  blocks, and a lookup bisects to its block and decodes it once.
- Postings (postings.py): W3 pickles each block with protocol 2, which writes every
  posting's positions through ``_codecs.encode`` (a pickled call per posting), and pickles
  positions again inside. Here a block is typed arrays and positions are varints
  (``CompactPositions``); a term in fewer than ``INLINE_LIMIT`` passages keeps its
  postings in the term table (W3's inlining is broken as shipped).
- Stored fields (stored.py): W3 compresses each passage alone; here neighbouring passages
  are compressed together. Field lengths are read into memory once per segment instead of
  a seek per posting.
- The bytes all three are made of (encoding.py): varints, packed integer arrays, footers,
  the posting block layout, the cache of decoded blocks.

Term records, matchers and scoring are W3's, so Whoosh reads, merges and ranks as before
(tests/test_codec.py compares answers with W3's own codec).

This module ties them together as ``Codec``. Public and stable: index segments pickle
``Codec``, and schemas ``CompactPositions``, by this module's path (tests/test_layout.py
pins it), so both stay defined here.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.codec.whoosh3 import W3Codec
from whoosh.formats import Positions
from whoosh.matching import ListMatcher

from .encoding import read_varint, varint
from .mapped import open_mapped
from .postings import _LeafMatcher, _PostingsWriter
from .stored import _PerDocReader, _PerDocWriter
from .termtable import TermsReader, _FieldWriter

#: Terms in fewer passages than this keep their postings in the term table.
INLINE_LIMIT = 64


class CompactPositions(Positions):
    """A posting's positions as varints: a count, then the gaps.

    Whoosh writes a 4-byte count and then pickles the list of gaps: 13 bytes for a word
    that occurs once in a passage, where this takes 2.
    """

    def encode(self, poslist: list[int]) -> bytes:
        out = bytearray(varint(len(poslist)))
        base = 0
        for pos in poslist:
            out += varint(pos - base)
            base = pos
        return bytes(out)

    def decode_positions(self, value: bytes) -> list[int]:
        if value and value[0] < 0x80 and len(value) == value[0] + 1:
            return list(accumulate(value[1:]))  # every gap one byte: most postings
        count, at = read_varint(value, 0)
        positions = []
        pos = 0
        for _ in range(count):
            gap, at = read_varint(value, at)
            pos += gap
            positions.append(pos)
        return positions

    def decode_frequency(self, value: bytes) -> int:
        return read_varint(value, 0)[0]

    def decode_weight(self, value: bytes) -> float:
        return self.decode_frequency(value) * self.field_boost


class Codec(W3Codec):
    """Whoosh's W3 codec with the term table, block-compressed stored fields, inlining
    and in-memory lengths above."""

    def __init__(self) -> None:
        super().__init__(inlinelimit=INLINE_LIMIT)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return _FieldWriter(self, storage, segment)

    def terms_reader(self, storage: Any, segment: Any) -> Any:
        name = segment.make_filename(self.TERMS_EXT)
        postfile = open_mapped(storage, segment.make_filename(self.POSTS_EXT))
        return TermsReader(self, open_mapped(storage, name), storage.file_length(name), postfile)

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
