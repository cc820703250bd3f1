"""The on-disk format: term table, posting blocks, positions and stored fields, each
against what Whoosh's own W3 codec answers."""

from __future__ import annotations

import pickle
import random
import struct
from pathlib import Path

import pytest
from whoosh import fields, index, query
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.reading import TermNotFound

from search.backend.whoosh import encoding, postings, stored
from search.backend.whoosh.codec import INLINE_LIMIT, Codec, CompactPositions
from search.backend.whoosh.encoding import decode_postings, encode_postings
from search.backend.whoosh.mapped import MappedFile
from search.backend.whoosh.postings import TermInfo
from search.backend.whoosh.stored import BlockBytesColumn
from search.backend.whoosh.termtable import BLOCK_TERMS, TermTable, TermTableWriter
from search.schema import make_schema

WORDS = [
    "alto",
    "arco",
    "bass",
    "bow",
    "cello",
    "coda",
    "drum",
    "fife",
    "gong",
    "harp",
    "horn",
    "lute",
    "lyre",
    "oboe",
    "organ",
    "piano",
    "reed",
    "sitar",
    "tabla",
    "tuba",
]


def table_of(pairs: list[tuple[bytes, bytes]]) -> TermTable:
    storage = RamStorage()
    writer = TermTableWriter(storage.create_file("t"))
    writer.extras["note"] = "kept"
    for key, value in pairs:
        writer.add(key, value)
    writer.close()
    return TermTable(storage.open_file("t"), storage.file_length("t"))


def test_term_table_finds_every_key_across_blocks_and_nothing_else():
    keys = sorted(
        {bytes([i % 7]) + f"{w}{i}".encode() for i, w in enumerate(WORDS * (BLOCK_TERMS // 4))}
    )
    pairs = [(k, k[::-1] * (1 + i % 3)) for i, k in enumerate(keys)]
    table = table_of(pairs)
    assert len(keys) > 3 * BLOCK_TERMS and table.count == len(keys)
    assert table.extras == {"note": "kept"}
    for key, value in pairs:
        assert table.get(key) == value
    for missing in (b"", b"\x00", keys[0][:-1], keys[10] + b"x", b"\xff" * 4):
        assert missing not in table
    assert list(table.items_from()) == pairs
    start = keys[len(keys) // 2] + b"\x00"  # between two keys: iteration starts at the next
    assert list(table.items_from(start)) == pairs[len(keys) // 2 + 1 :]
    assert list(table.items_from(b"\xff")) == []


def test_footers_are_uncompressed_pickles_of_arrays():
    """A search reads every segment's footers: a plain pickle, its numbers an array."""
    from search.backend.whoosh import encoding

    storage = RamStorage()
    file = storage.create_file("f")
    file.write(b"blocks")
    encoding.write_footer(file, 0, (["a", "b"], encoding.numbers([0, 10, 2**40])))
    file.close()
    names, offsets = encoding.read_footer(storage.open_file("f"), 0, storage.file_length("f"), "f")
    assert names == ["a", "b"] and offsets.typecode == "Q" and list(offsets) == [0, 10, 2**40]
    assert storage.open_file("f").read()[6:8] == b"\x80\x04"  # the pickle, not a zlib stream
    with pytest.raises(ValueError, match="not a tutti test file"):
        encoding.read_footer(storage.open_file("f"), 0, 20, "test file")


def test_term_table_refuses_keys_out_of_order_and_reads_empty():
    writer = TermTableWriter(RamStorage().create_file("t"))
    writer.add(b"b", b"1")
    with pytest.raises(ValueError):
        writer.add(b"a", b"2")
    empty = table_of([])
    assert empty.get(b"a") is None and list(empty.items_from()) == []


@pytest.mark.parametrize(
    "weights", [None, 2.5, (1, 3, 1, 7), (0.5, 1.25, 2.0, 1.0), (-1.0, 2.0, 0.0, 3.0)]
)
@pytest.mark.parametrize(
    "values", [None, b"abcdabcdabcdabcd", (b"\x01\x05", b"", b"x" * 300, b"z")]
)
@pytest.mark.parametrize("gaps", [(3, 1, 1, 250), (70_000, 1, 2, 5), (5_000_000_000, 1, 1, 1)])
def test_posting_blocks_decode_to_what_was_encoded(gaps, weights, values):
    back_gaps, back_weights, back_values = decode_postings(encode_postings(gaps, weights, values))
    assert list(back_gaps) == list(gaps) and back_values == values
    assert back_weights == (list(weights) if isinstance(weights, tuple) else weights)


@pytest.mark.parametrize("inlined", [True, False])
def test_term_records_round_trip(inlined: bool):
    info = TermInfo(weight=9.0, df=3, minlength=2, maxlength=40, maxweight=4.0, minid=5, maxid=900)
    if inlined:
        info.set_inlined([5, 70, 900], [1.0, 4.0, 4.0], [b"\x01\x02", b"", b"\x04\x01\x01\x01\x01"])
    else:
        info.set_extent(123_456_789_012, 4_096)
    back = TermInfo.from_bytes(info.to_bytes())
    assert (back.weight(), back.doc_frequency(), back.max_weight()) == (9.0, 3, 4.0)
    assert (back.min_id(), back.max_id()) == (5, 900)
    if inlined:
        assert back.inlined_postings() == (
            (5, 70, 900),
            (1, 4, 4),
            (b"\x01\x02", b"", b"\x04\x01\x01\x01\x01"),
        )
    else:
        assert back.extent() == (123_456_789_012, 4_096)


def test_compact_positions_are_small_and_decode_back():
    fmt = CompactPositions()
    positions = [0, 1, 127, 128, 5_000, 70_000]
    value = fmt.encode(positions)
    assert fmt.decode_positions(value) == positions
    assert fmt.decode_frequency(value) == 6 and fmt.decode_weight(value) == 6.0
    assert len(fmt.encode([12])) == 2
    rng = random.Random(9)
    for _ in range(3000):  # one-byte gaps take a shortcut; any larger one the long way
        top = rng.choice([20, 127, 128, 300, 40_000])
        positions = sorted(rng.sample(range(top), rng.randrange(0, min(top, 140))))
        assert fmt.decode_positions(fmt.encode(positions)) == positions


def test_stored_blocks_give_back_every_value_gaps_included(monkeypatch):
    monkeypatch.setattr(stored, "STORED_BLOCK_BYTES", 64)  # many small blocks
    storage = RamStorage()
    column = BlockBytesColumn()
    file = storage.create_file("c")
    writer = column.writer(file)
    rng = random.Random(7)
    values = {
        d: bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
        for d in range(120)
        if d % 11
    }  # every 11th document stores nothing
    for d, v in values.items():
        writer.add(d, v)
    writer.finish(121)
    file.close()
    reader = column.reader(storage.open_file("c"), 0, storage.file_length("c"), 121)
    expected = [values.get(d, b"") for d in range(121)]
    assert [reader[d] for d in range(121)] == expected
    assert list(reader) == expected
    assert len(reader._first_docs) > 10


@pytest.mark.parametrize("order", ["forward", "backward", "shuffled"])
def test_a_stored_block_is_decompressed_only_as_far_as_asked(order: str):
    """A passage's value is cut from its block after decompressing just what comes
    before it; asking in any order gives every value whole."""
    storage = RamStorage()
    column = BlockBytesColumn()
    file = storage.create_file("c")
    writer = column.writer(file)
    rng = random.Random(8)
    values = [
        bytes(rng.randrange(97, 123) for _ in range(rng.randrange(20, 200))) for _ in range(60)
    ]  # one block: well under STORED_BLOCK_BYTES
    for d, v in enumerate(values):
        writer.add(d, v)
    writer.finish(61)
    file.close()
    reader = column.reader(storage.open_file("c"), 0, storage.file_length("c"), 61)
    docs = list(range(61))
    if order == "backward":
        docs.reverse()
    elif order == "shuffled":
        rng.shuffle(docs)
    if order == "forward":
        assert reader[0] == values[0]
        block = reader._blocks[0]
        assert len(block._data) < sum(map(len, values)) / 4
    assert {d: reader[d] for d in docs} == {d: values[d] if d < 60 else b"" for d in docs}


def test_a_truncated_stored_block_is_an_error_not_a_short_value():
    import zlib

    values = [b"a" * 3000, bytes(range(256)) * 10]
    data = bytearray(encoding.varint(len(values)))
    encoding.pack_ints(data, [len(v) for v in values])
    whole = zlib.compress(bytes(data + b"".join(values)), 6)
    block = stored._StoredBlock(whole[:-40])  # the end of the file lost
    assert block[0] == values[0]
    with pytest.raises(zlib.error):
        block[1]


def docs() -> list[dict[str, str]]:
    """Passages where some words are in one passage, some in fewer than INLINE_LIMIT, some
    in several blocks of 128, and one at a far position."""
    rng = random.Random(11)
    out = []
    for n in range(300):
        words = [rng.choice(WORDS) for _ in range(rng.randrange(3, 30))]
        if n % 3 == 0:
            words[1:1] = ["solo", "violin"]
        if n == 42:
            words += ["harpsichord"] + ["rest"] * 400 + ["zither"]
        out.append(
            {"id": f"p{n}", "text_en": " ".join(["orchestra", *words]), "body": f"passage {n} " * 5}
        )
    return out


def build(path: Path, codec_obj: object) -> index.Index:
    path.mkdir()
    ix = index.create_in(str(path), make_schema())
    writer = ix.writer(codec=codec_obj)
    for d in docs():
        writer.add_document(**d)
    writer.commit()
    return index.open_dir(str(path))


def answers(ix: index.Index, q: query.Query) -> list[tuple[str, float]]:
    with ix.searcher() as s:
        return [(hit["id"], round(hit.score, 5)) for hit in s.search(q, limit=None)]


def test_an_index_in_our_codec_answers_as_whooshs_own(tmp_path: Path):
    ours, whooshs = build(tmp_path / "ours", Codec()), build(tmp_path / "w3", W3Codec())
    text = "text_en"
    queries = [
        query.Term(text, "harpsichord"),
        query.Term(text, "orchestra"),
        query.Term(text, "violin"),
        query.Term(text, "zither"),
        query.Phrase(text, ["solo", "violin"]),
        query.Phrase(text, ["rest", "zither"]),
        query.Or([query.Term(text, "tabla"), query.Term(text, "sitar")]),
        query.Prefix(text, "ha"),
        query.FuzzyTerm(text, "celo"),
        query.Term("id", "p42"),
    ]
    for q in queries:
        got = answers(ours, q)
        assert got and got == answers(whooshs, q), q
    with ours.searcher() as s:
        assert s.doc_frequency(text, "orchestra") == 300  # three blocks of postings
        assert 1 < s.doc_frequency(text, "violin") < 300
        assert s.document(id="p42")["body"] == "passage 42 " * 5
    reader = ours.reader()
    counts = {t: reader.doc_frequency(text, t) for t in ("harpsichord", "violin", "orchestra")}
    infos = {t: reader.term_info(text, t) for t in counts}
    assert infos["harpsichord"].is_inlined() and not infos["orchestra"].is_inlined()
    assert infos["violin"].is_inlined() == (counts["violin"] < INLINE_LIMIT)


def test_posting_blocks_are_decoded_once_and_shared_by_every_matcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Decoded posting blocks are kept per segment: walking a posting list again reads
    nothing, and matchers walking other lists of the segment at the same time (the first
    one's state was once used to read the others' headers) answer as fresh ones do."""
    ix = build(tmp_path / "ours", Codec())
    reads = []
    read = postings._LeafMatcher._read_data

    def counted(self: postings._LeafMatcher) -> None:
        reads.append(self._dataoffset)
        read(self)

    def walk(*matchers: object) -> list[list[tuple[int, bytes]]]:
        out: list[list[tuple[int, bytes]]] = [[] for _ in matchers]
        while any(m.is_active() for m in matchers):
            for m, got in zip(matchers, out, strict=True):
                if m.is_active():
                    got.append((m.id(), m.value()))
                    m.next()
        return out

    with ix.searcher() as s:
        reader = s.reader()
        assert all(
            type(reader.postings("text_en", w)) is postings._LeafMatcher
            for w in ("orchestra", "violin")
        )
        alone = [walk(reader.postings("text_en", w))[0] for w in ("orchestra", "violin")]
    monkeypatch.setattr(postings._LeafMatcher, "_read_data", counted)
    with ix.searcher() as s:
        reader = s.reader()
        assert (
            walk(reader.postings("text_en", "orchestra"), reader.postings("text_en", "violin"))
            == alone
        )
        first = len(reads)
        assert walk(reader.postings("text_en", "orchestra"))[0] == alone[0]
    assert first >= 3 and len(reads) == first and len(set(reads)) == len(reads)


def test_our_index_is_smaller_than_whooshs(tmp_path: Path):
    sizes = {}
    for name, codec_obj in (("ours", Codec()), ("w3", W3Codec())):
        build(tmp_path / name, codec_obj)
        storage = FileStorage(str(tmp_path / name))
        sizes[name] = sum(storage.file_length(f) for f in storage.list())
    assert sizes["ours"] < sizes["w3"] / 2


def test_missing_terms_and_updates_behave_as_in_whooshs_codec(tmp_path: Path):
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), body=fields.TEXT)
    for name, codec_obj in (("ours", Codec()), ("w3", W3Codec())):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), schema)
        writer = ix.writer(codec=codec_obj)
        writer.add_document(id="a", body="solo violin")
        writer.commit()
        writer = ix.writer(codec=codec_obj)
        writer.update_document(id="a", body="solo viola")  # looks up the unique id
        writer.update_document(id="b", body="harp")  # an id not there yet
        writer.commit()
        with ix.searcher() as s:
            assert s.document_number(id="zzz") is None
            assert s.doc_frequency("body", "zither") == 0
            with pytest.raises(TermNotFound):
                s.reader().postings("body", "zither")
            assert sorted(d["id"] for d in s.documents()) == ["a", "b"], name


def test_term_vectors_are_written_and_read_back(tmp_path: Path):
    schema = fields.Schema(body=fields.TEXT(vector=True, stored=True))
    vectors = {}
    for name, codec_obj in (("ours", Codec()), ("w3", W3Codec())):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), schema)
        writer = ix.writer(codec=codec_obj)
        for text in ("solo violin", "violin and viola", "harp"):
            writer.add_document(body=text)
        writer.commit()
        with ix.searcher() as s:
            vectors[name] = [list(s.vector_as("weight", d, "body")) for d in range(3)]
    assert vectors["ours"] == vectors["w3"] and vectors["ours"][1]


def test_term_records_handed_out_are_copies_of_the_cached_ones(tmp_path: Path):
    """Whoosh's multi-segment reader changes the record it is given in place."""
    ix = build(tmp_path / "ours", Codec())
    with ix.reader() as reader:
        first = reader.term_info("text_en", "violin")
        first._minid += 1000
        again = reader.term_info("text_en", "violin")
        assert again is not first and again.min_id() == first.min_id() - 1000


def test_segment_files_are_read_in_place_not_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A search reads postings, terms and stored fields from the compound file's map:
    Whoosh's BufferFile (a copy of the whole file) is never made, and answers stay W3's."""
    ours, whooshs = build(tmp_path / "ours", Codec()), build(tmp_path / "w3", W3Codec())
    expected = answers(whooshs, query.Phrase("text_en", ["solo", "violin"]))
    copies: list[str] = []
    real_init = BufferFile.__init__

    def counted(self: BufferFile, buf: object, name: str | None = None, onclose: object = None):
        copies.append(str(name))
        real_init(self, buf, name=name, onclose=onclose)

    monkeypatch.setattr(BufferFile, "__init__", counted)
    assert answers(ours, query.Phrase("text_en", ["solo", "violin"])) == expected
    with ours.searcher() as s:
        assert s.document(id="p42")["body"] == "passage 42 " * 5
    assert copies == []


def test_a_mapped_file_reads_as_whooshs_buffer_file():
    """Every read the codec and pickle make, against BufferFile over the same bytes."""
    rng = random.Random(5)
    head = bytearray()
    head += struct.pack(">i", -1234567)
    head += bytes([0x96, 0x01])  # varint 150
    head += pickle.dumps((3, "line\nbreak", [1.5, None]), protocol=2)
    head += pickle.dumps({"a": b"\x00\n\x01"}, protocol=0)  # protocol 0 reads lines
    data = bytes(head) + bytes(rng.randrange(256) for _ in range(1000))
    mapped, copied = MappedFile(memoryview(data)), BufferFile(data)
    for f in (mapped, copied):
        f.seek(0)
    reads = [
        lambda f: f.read_int(),
        lambda f: f.read_varint(),
        lambda f: f.read_pickle(),
        lambda f: f.read_pickle(),
        lambda f: f.tell(),
        lambda f: f.read(7),
        lambda f: f.get(3, 40),
        lambda f: f.get_int(0),
        lambda f: list(f.get_array(10, "H", 20)),
        lambda f: f.subset(5, 50).get(2, 10),
        lambda f: f.seek(-3, 2),
        lambda f: f.read(),
        lambda f: f.read(5),
    ]
    for read in reads:
        assert read(mapped) == read(copied)
