"""The embedded backend's pieces that no search reaches on its own."""

from __future__ import annotations

import io

from search.backend.whoosh.stored import _BlockBytesWriter, _StoredBlock


class _File(io.BytesIO):
    """What the stored-field writer writes to: a file that can say where it is."""


def test_a_stored_block_iterates_over_every_value_it_holds() -> None:
    """``iter(block)`` gives the values in order, each as ``block[j]`` gives it (it
    once read a field the block does not have)."""
    values = [b"first", b"", "zw\u00f6lf".encode(), b"x" * 300]
    out = _File()
    writer = _BlockBytesWriter(out)
    for docnum, value in enumerate(values):
        writer.add(docnum, value)
    writer._flush()
    block = _StoredBlock(out.getvalue())
    assert list(block) == values == [block[j] for j in range(len(values))]
    assert block[len(values)] == b""
