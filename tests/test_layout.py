"""The layout's rules: which classes an index pickles by module path, and where Whoosh's
private internals may be touched."""

from __future__ import annotations

import io
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest

from search.backend.manifest import FORMAT
from search.engine import Engine
from search.errors import IndexDamaged

#: Our classes an index pickles (its schema and segments, in the table of contents), by
#: module path. Moving or renaming one makes every older index unreadable: bump
#: ``backend/manifest.FORMAT`` with it, so an old index asks for a rebuild instead.
PICKLED = {
    "search.analysis.ApostropheFilter",
    "search.analysis.BritishSpellingFilter",
    "search.analysis.CaseFoldFilter",
    "search.analysis.DropFilter",
    "search.analysis.FoldFilter",
    "search.analysis.GermanDigraphFilter",
    "search.analysis.SnowballFilter",
    "search.analysis.WordTokenizer",
    "search.backend.whoosh.codec.Codec",
    "search.backend.whoosh.codec.CompactPositions",
    "search.names.NameKeyFilter",
    "search.names.ProperNounFilter",
    "search.schema.PreparedText",
}
#: The format that goes with ``PICKLED``: the classes moved into backend/ in format 9.
PICKLED_FORMAT = 9


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("layout")
    press = root / "press"
    press.mkdir()
    (press / "note_en.txt").write_text(
        "The orchestra rehearsed the violin concerto in an empty church in Paris.\n",
        encoding="utf-8",
    )
    (press / "note_de.txt").write_text(
        "Das Orchester probte das Violinkonzert in einer leeren Kirche in Berlin.\n",
        encoding="utf-8",
    )
    Engine(root / "ix").index([press], procs=1)
    return root / "ix"


def _current(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()


def test_the_classes_an_index_pickles_are_pinned_with_the_format(
    index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import whoosh.filedb.structfile
    import whoosh.index

    found: set[str] = set()

    class Recording(pickle._Unpickler):  # type: ignore[name-defined,misc]
        def find_class(self, module: str, name: str) -> Any:
            found.add(f"{module}.{name}")
            return super().find_class(module, name)

    class Pickle:
        """``whoosh.index``'s ``pickle``: only ``loads`` is used to read an index."""

        @staticmethod
        def loads(data: bytes) -> Any:
            return Recording(io.BytesIO(data)).load()

    monkeypatch.setattr(whoosh.index, "pickle", Pickle)
    monkeypatch.setattr(whoosh.filedb.structfile, "load_pickle", lambda f: Recording(f).load())
    with Engine(index_dir) as engine:
        assert [h.passage.source for h in engine.search("violin").hits] == ["note_en.txt"]
    ours = {name for name in found if name.split(".")[0] == "search"}
    assert ours == PICKLED
    assert FORMAT == PICKLED_FORMAT, "the pickled paths changed? update PICKLED too"


def test_an_index_of_the_previous_format_asks_for_a_rebuild_before_unpickling(
    index_dir: Path, tmp_path: Path
) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(index_dir, old)
    gen = _current(old)
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = FORMAT - 1
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    # An older index names its classes where they were: unpickling it would fail on them.
    for toc in gen.glob("*.toc"):
        toc.write_bytes(b"\x80\x04not a pickle this tutti could read")
    with pytest.raises(IndexDamaged) as info:
        Engine(old).search("violin")
    assert str(info.value) == (f"index at {old} has format {FORMAT - 1}, this tutti reads {FORMAT}")
    assert not re.search(r"tutti index|--rebuild", str(info.value))
