"""The index schema: prepared postings, and the codec's changes to Whoosh's W3 codec."""

from __future__ import annotations

from pathlib import Path

from whoosh.codec.whoosh3 import W3PerDocReader

from search.backend.whoosh.stored import _PerDocReader
from search.engine import Engine
from search.model import Passage
from search.schema import Analyzed, passage_fields, prepare, schema


def passage(text: str, lang: str, question: str | None = None) -> Passage:
    return Passage(
        id="note:01",
        source="note.txt",
        kind="interview",
        text=text,
        lang=lang,
        lang_detected=True,
        speaker="Jane Doe",
        question=question,
        position=0,
        page=None,
        title=None,
        meta={},
    )


def test_prepared_postings_are_what_the_field_itself_would_index():
    p = passage(
        "Les musiciens juifs jouent Tchaïkovski à Paris, l'orchestre applaudit.",
        "fr",
        question="Qu'avez-vous ressenti au concert ?",
    )
    plain, prepared = passage_fields(p), prepare(p)
    analysed = [name for name, value in prepared.items() if isinstance(value, Analyzed)]
    assert sorted(analysed) == ["names", "question_fr", "text_fr"]
    for name in analysed:
        assert prepared[name].items == list(schema()[name].index(plain[name]))
    assert {k: v for k, v in prepared.items() if k not in analysed} == {
        k: v for k, v in plain.items() if k not in analysed
    }


def test_field_lengths_read_from_memory_equal_whooshs(tmp_path: Path):
    press = tmp_path / "press"
    press.mkdir()
    (press / "a_en.txt").write_text(
        "The violin was tuned before every take.\n\nA much longer second paragraph about the "
        "orchestra, the conductor and the long night of rehearsals in Paris.\n",
        encoding="utf-8",
    )
    (press / "b_de.txt").write_text(
        "Der Dirigent probt mit dem Orchester das Violinkonzert von Tschaikowski.\n",
        encoding="utf-8",
    )
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    reader = engine.backend.searcher().reader()
    ours = reader._perdoc
    assert isinstance(ours, _PerDocReader)  # the index's codec is ours
    whooshs = W3PerDocReader(reader.storage(), reader.segment())
    count = reader.doc_count_all()
    fields = ["text_en", "text_de", "names", "question_en", "text_fr"]
    lengths = [[ours.doc_field_length(d, name) for name in fields] for d in range(count)]
    assert lengths == [[whooshs.doc_field_length(d, name) for name in fields] for d in range(count)]
    assert sorted(length for row in lengths for length in row if length)[-1] > 10
