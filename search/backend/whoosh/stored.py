"""Stored fields: each passage's stored dict, compressed in blocks of neighbours.

W3 compresses each passage's stored fields alone, which cannot use the words neighbouring
passages of a document share. Here ``STORED_BLOCK_BYTES`` of consecutive passages are
compressed together (``BlockBytesColumn``) and a hit decompresses its block only as far as
its passage (``_StoredBlock``). W3's per-document writer and reader are wrapped to use that
column for stored fields (``_PerDocWriter``, ``_PerDocReader``); the reader also keeps each
field's lengths in memory, which BM25 and segment writing read once per posting.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3PerDocWriter, _lenfield
from whoosh.columns import Column, ColumnReader, ColumnWriter, PickleColumn
from whoosh.util.numeric import byte_to_length

from .encoding import (
    Blocks,
    numbers,
    pack_ints,
    read_footer,
    read_varint,
    unpack_ints,
    varint,
    write_footer,
)
from .mapped import open_mapped

#: Bytes of stored fields compressed together: neighbouring passages of a document share
#: most of their words, which compressing each passage alone cannot use. A hit decodes its
#: block: larger blocks compress a little better and make every hit slower to read.
STORED_BLOCK_BYTES = 8 * 1024
#: Decoded stored-field blocks kept per segment, the least recently used dropped first.
CACHED_STORED_BLOCKS = 64


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
            data = bytearray(varint(len(self._values)))
            pack_ints(data, [len(v) for v in self._values])
            data += b"".join(self._values)
            self._offsets.append(self._dbfile.tell() - self._start)
            self._dbfile.write(zlib.compress(bytes(data), 6))
            self._values, self._size = [], 0

    def finish(self, doccount: int) -> None:
        self._flush()
        self._offsets.append(self._dbfile.tell() - self._start)
        write_footer(self._dbfile, self._start, (numbers(self._first_docs), numbers(self._offsets)))


class _BlockBytesReader(ColumnReader):
    def __init__(self, dbfile: Any, basepos: int, length: int, doccount: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._first_docs, self._offsets = read_footer(
            dbfile, basepos, length, "stored-field column"
        )
        self._blocks = Blocks(CACHED_STORED_BLOCKS, self._decode)

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
        count, at = read_varint(self._data, 0)
        width = array(chr(self._data[at])).itemsize
        self._upto(at + 1 + count * width)
        sizes, at = unpack_ints(bytes(self._data), at, count)
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

    def _get_column_file(self, fieldname: str) -> tuple[Any, int, int]:
        """W3's, with the column read in place rather than copied (mapped.py)."""
        filename = W3Codec.column_filename(self._segment, fieldname)
        return open_mapped(self._storage, filename), 0, self._storage.file_length(filename)

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
