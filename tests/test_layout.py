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
#: The format that goes with ``PICKLED``: the classes moved into backend/ in format 9; format
#: 10 added the ``stops`` field, a KEYWORD (no class of ours); 11 and 12 changed no class.
PICKLED_FORMAT = 12


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


@pytest.mark.parametrize("older", [1, 2], ids=["previous format", "before format 11"])
def test_an_index_of_an_older_format_asks_for_a_rebuild_before_unpickling(
    index_dir: Path, tmp_path: Path, older: int
) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(index_dir, old)
    gen = _current(old)
    for name in ("manifest.json", "summary.json"):
        record = json.loads((gen / name).read_text(encoding="utf-8"))
        record["format"] = FORMAT - older
        (gen / name).write_text(json.dumps(record), encoding="utf-8")
    if FORMAT - older < 11:
        for added in ("summary.json", "sources.bin"):  # format 11 added them
            (gen / added).unlink()
    # An older index names its classes where they were: unpickling it would fail on them.
    for toc in gen.glob("*.toc"):
        toc.write_bytes(b"\x80\x04not a pickle this tutti could read")
    with pytest.raises(IndexDamaged) as info:
        Engine(old).search("violin")
    assert str(info.value) == (
        f"index at {old} has format {FORMAT - older}, this tutti reads {FORMAT}"
    )
    assert not re.search(r"tutti index|--rebuild", str(info.value))


# -- Whoosh's private internals stay in search/backend/ ------------------------------------
SEARCH = Path(__file__).resolve().parent.parent / "search"
BACKEND = SEARCH / "backend"


def _whoosh_private_names() -> frozenset[str]:
    """Every private attribute and method name Whoosh's own classes define: methods and
    class attributes named ``_x``, and ``self._x`` assigned anywhere in its source."""
    import ast
    import warnings

    import whoosh

    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        with warnings.catch_warnings():  # Whoosh's own invalid escapes in string literals
            warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
    return frozenset(n for n in names if _private(n))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def whoosh_private_uses(path: Path, whoosh_names: frozenset[str]) -> list[str]:
    """Where the module at ``path`` touches Whoosh's private internals, one line each:

    - a private name imported from a Whoosh module;
    - a private method of a Whoosh class overridden (a class with a Whoosh base defining
      a method Whoosh names privately);
    - a private field or method of Whoosh's read or called: ``x._name`` (or
      ``getattr(x, "_name")``) where Whoosh defines ``_name``, unless ``x`` is ``self``
      in a class of ours that is no Whoosh class, or ``_name`` is a private name one of
      our own classes (no Whoosh subclass) defines in this module."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    from_whoosh: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            for alias in node.names:
                from_whoosh.add(alias.asname or alias.name)
                if _private(alias.name):
                    found.append(f"{path.name}:{node.lineno}: imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "whoosh":
                    from_whoosh.add((alias.asname or alias.name).split(".")[0])

    def rooted_in_whoosh(base: ast.expr) -> bool:
        while isinstance(base, ast.Attribute):
            base = base.value
        return isinstance(base, ast.Name) and base.id in from_whoosh

    whoosh_classes: set[ast.ClassDef] = set()
    ours: set[str] = set()  # private names our own (non-Whoosh) classes define here
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        if any(rooted_in_whoosh(b) for b in node.bases):
            whoosh_classes.add(node)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in whoosh_names:
                    found.append(f"{path.name}:{item.lineno}: overrides {node.name}.{item.name}")
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.FunctionDef) and _private(sub.name):
                ours.add(sub.name)
            elif isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Store):
                ours.add(sub.attr)
            elif isinstance(sub, ast.Assign):
                ours.update(t.id for t in sub.targets if isinstance(t, ast.Name))

    def visit(node: ast.AST, own_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child not in whoosh_classes)
                continue
            name, line = None, getattr(child, "lineno", 0)
            if isinstance(child, ast.Attribute) and child.attr in whoosh_names:
                on_self = isinstance(child.value, ast.Name) and child.value.id in ("self", "cls")
                if not (on_self and own_class) and child.attr not in ours:
                    name = child.attr
            elif (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in ("getattr", "setattr", "hasattr")
                and len(child.args) > 1
                and isinstance(child.args[1], ast.Constant)
                and child.args[1].value in whoosh_names
                and child.args[1].value not in ours
            ):
                name = child.args[1].value
            if name is not None:
                found.append(f"{path.name}:{line}: uses Whoosh's private {name}")
            visit(child, own_class)

    visit(tree, True)
    return found


@pytest.fixture(scope="module")
def whoosh_names() -> frozenset[str]:
    return _whoosh_private_names()


def test_only_the_backend_touches_whooshs_private_internals(whoosh_names: frozenset[str]) -> None:
    outside = [p for p in sorted(SEARCH.rglob("*.py")) if BACKEND not in p.parents]
    assert len(outside) > 30
    assert [use for path in outside for use in whoosh_private_uses(path, whoosh_names)] == []


def test_the_private_internals_check_finds_what_the_backend_does(
    whoosh_names: frozenset[str],
) -> None:
    """The check, run on the backend's own modules, finds what they do there: were one
    moved out of backend/, the test above would fail."""
    whoosh = BACKEND / "whoosh"
    matchers = whoosh_private_uses(whoosh / "matchers.py", whoosh_names)
    assert len(matchers) >= 25
    assert "matchers.py" in matchers[0] and "uses Whoosh's private _" in matchers[0]
    assert {"_ids", "_weights", "_all_weights", "_scorer", "_exclude"} <= {
        use.rsplit(" ", 1)[-1] for use in matchers
    }
    queries = whoosh_private_uses(whoosh / "queries.py", whoosh_names)
    assert any(use.endswith("overrides Admitted._rewrap") for use in queries)
    assert any(use.endswith("overrides AndQuery._matcher") for use in queries)
    spelling = whoosh_private_uses(whoosh / "spelling.py", whoosh_names)
    assert any(use.endswith("overrides FrequencyCorrector._suggestions") for use in spelling)
    postings = whoosh_private_uses(whoosh / "postings.py", whoosh_names)
    assert any("imports whoosh.codec.whoosh3._INT_SIZE" in use for use in postings)
    stored = whoosh_private_uses(whoosh / "stored.py", whoosh_names)
    assert any("imports whoosh.codec.whoosh3._lenfield" in use for use in stored)
    collector = whoosh_private_uses(whoosh / "collector.py", whoosh_names)
    assert any(use.endswith("private _filter_to_comb") for use in collector)
    scoring = whoosh_private_uses(whoosh / "scoring.py", whoosh_names)
    assert any(use.endswith("private _perdoc") for use in scoring)
