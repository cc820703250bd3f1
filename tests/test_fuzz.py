"""Fuzzing with hypothesis: random queries against a small index, random folders of
random files through the indexer.

Bounded to a few seconds by default; ``HYPOTHESIS_PROFILE=slow`` runs thousands of cases:

    HYPOTHESIS_PROFILE=slow .venv/bin/python -m pytest tests/test_fuzz.py

Asserted on every case: nothing raises but tutti's own errors (``TuttiError``), every
file given is either indexed or named as skipped, and indexing the same folder again
changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engine import Engine
from search.errors import TuttiError

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "slow", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
#: Building an index per case costs far more than a query: fewer document cases.
DOCUMENT_CASES = max(8, settings().max_examples // 4)

WORDS = [
    "violin",
    "concert",
    "orchestra",
    "Tschaikowski",
    "l'orchestre",
    "musiciens",
    "irrtum",
    "einmal",
    "haben",
    "die",
    "the",
    "und",
    "über",
    "Straße",
    "Чайковский",
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "ANDMAYBE",
    "TO",
    "(",
    ")",
    '"',
    "*",
    "~",
    "^2",
    "-",
    "+",
    ":",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "\x1b[2J",
    "\x9b",
    "\x00",
    "é",
    "\u0301",
    "a" * 300,
    "harmo*",
    "violn~2",
    "x:y",
    "-violin",
    "--",
    "NOT NOT",
    "''",
]

query_text = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    st.text(min_size=1, max_size=60),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=6).map(
        "".join
    ),
)

PROSE = (
    "The orchestra rehearsed the final concert in Paris. Die Geigerin übt täglich. "
    "L'orchestre joue à Moscou. INTERVIEW WITH JANE DOE\n\nHow did you prepare?\n\n"
    "I practised the violin every morning.\n"
)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=40),
        st.sampled_from([PROSE, "Jane Doe (Nora)", ""]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "synopsis",
                    "overview",
                    "actors",
                    "cast",
                    "name",
                    "character",
                    "date",
                    "x",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)

contents = st.one_of(
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.sampled_from([PROSE]).map(str.encode),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 3000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.text(max_size=200).map(
        lambda t: f"<html><body><p>{t}</p></body></html>".encode("utf-8", "surrogatepass")
    ),
    st.builds(
        lambda a, b: (a + b).encode("utf-8", "surrogatepass"),
        st.sampled_from([PROSE, "%PDF-1.4\n", "PK\x03\x04", "\ufeff"]),
        st.text(max_size=200),
    ),
)
names = st.tuples(
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([".txt", ".md", ".json", ".html", ".pdf", ".docx", ""]),
).map(lambda pair: pair[0].strip(".") + pair[1] if pair[0].strip(".") else "f" + pair[1])
folders = st.dictionaries(names, contents, min_size=1, max_size=5)


@pytest.fixture(scope="module")
def fuzz_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("fuzz-press")
    (folder / "presskit.txt").write_text(PROSE * 3, encoding="utf-8")
    (folder / "review_de.txt").write_text(
        "Es war ein Irrtum, einmal zu glauben, dass wir das Konzert nicht haben.\n",
        encoding="utf-8",
    )
    engine = Engine(tmp_path_factory.mktemp("fuzz-ix") / "index")
    engine.index([folder], procs=1)
    return engine


@given(text=query_text)
def test_random_queries_answer_or_raise_tuttis_own_errors(fuzz_engine: Engine, text: str) -> None:
    try:
        result = fuzz_engine.search(text, limit=5)
    except TuttiError as err:
        assert "\n" not in str(err).strip()
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert all(0 <= s.start < s.end <= len(hit.passage.text) for s in hit.highlights)


@settings(max_examples=DOCUMENT_CASES)
@given(files=folders)
def test_random_folders_index_every_file_or_name_it_and_reindex_changes_nothing(
    files: dict[str, bytes],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "press"
        folder.mkdir()
        written = set()
        for name, data in files.items():
            path = folder / name
            if name.startswith(".") or path.exists():
                continue  # hidden files are not indexed, by design
            path.write_bytes(data)
            written.add(os.path.realpath(path))
        engine = Engine(Path(tmp) / "index")
        report = engine.index([folder], procs=1)
        indexed = {doc.path for doc in report.manifest.documents.values()}
        skipped = {os.path.realpath(s.path) for s in report.skipped}
        # media (a font's b"\x00\x01\x00\x00\x00", a PNG) are left out by design, named
        ignored = {os.path.realpath(folder / source) for source in report.ignored}
        assert indexed | skipped | ignored == written
        assert not ignored & (indexed | skipped)
        assert not indexed & skipped
        for s in report.skipped:
            assert s.reason and "\n" not in s.reason
        before = sorted((p.id, p.text) for p in engine.passages()) if indexed else []
        again = engine.index([folder], procs=1)
        assert again.added == again.updated == again.removed == []
        assert sorted(again.unchanged) == sorted(report.manifest.documents)
        after = sorted((p.id, p.text) for p in engine.passages()) if indexed else []
        assert after == before
