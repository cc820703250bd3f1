"""The library's public face: what ``search`` exports, and errors that say what went wrong
without naming a command (the CLI adds that)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
from conftest import FILES

import search
from search.chunk import document_kind
from search.cli_search import error_line
from search.engine import Engine
from search.errors import (
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    QueryError,
    TuttiError,
    UnknownName,
    reading_index,
)
from search.model import DocumentKind, Kind, PassageKind


@pytest.fixture()
def ix(shared_index: Path) -> list[str]:
    return ["--index-dir", str(shared_index)]


# -- errors: built once by the library, the hint added by the CLI ------------------------------


def _damage_films(index_dir: Path) -> None:
    gen = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    (gen / "films.json").write_text("{not json", encoding="utf-8")


def test_a_damaged_index_is_told_without_a_command_and_the_cli_adds_the_rebuild(cli, index_copy):
    _damage_films(index_copy)
    with pytest.raises(IndexDamaged) as info:
        Engine(index_copy).films()
    said = str(info.value)
    assert said.startswith(f"index at {index_copy} is damaged (")
    assert "films.json" in said and "tutti" not in said and "run:" not in said

    run = cli("films", "--index-dir", str(index_copy))
    assert run.code == 2 and run.out == ""
    assert run.err.splitlines() == [f"tutti: error: {said}; run: tutti index --rebuild"]


def test_reading_a_damaged_segment_says_where_but_no_command():
    with pytest.raises(IndexDamaged) as info, reading_index("index at /x"):
        raise EOFError("short read")
    assert str(info.value) == "index at /x is damaged (EOFError: short read)"


def test_the_hint_follows_the_class_and_its_subclasses():
    class Truncated(IndexDamaged):
        pass

    class Gone(IndexMissing):
        pass

    assert error_line(IndexDamaged("index at /x is damaged")) == (
        "index at /x is damaged; run: tutti index --rebuild"
    )
    assert error_line(Truncated("a segment is cut short")) == (
        "a segment is cut short; run: tutti index --rebuild"
    )
    assert error_line(Gone("no index at /x")) == "no index at /x; run: tutti index [PATH ...]"


@pytest.mark.parametrize(
    "err",
    [
        IndexBusy("another tutti process is writing the index at /x"),
        QueryError("empty query"),
        UnknownName("speaker", "Laurant", ["Laurent"]),
        TuttiError("anything else"),
    ],
)
def test_an_error_whose_class_has_no_remedy_is_its_message_alone(err):
    assert error_line(err) == str(err)


#: Library modules that still end a message with a command, until their owners drop it
#: (the layout and opensearch branches of this round); empty once those are merged.
STILL_NAMING_COMMANDS: set[str] = set()


def test_no_library_module_tells_the_user_which_command_to_run():
    package = Path(search.__file__).parent
    naming = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name not in ("cli.py", "cli_entry.py", "cli_search.py", "render.py")
        and re.search(r"(run|with): tutti ", path.read_text(encoding="utf-8"))
    }
    assert naming == STILL_NAMING_COMMANDS


def test_a_query_of_a_batch_that_meets_damage_gets_the_hint_on_its_line(cli, ix, monkeypatch):
    def answers(self: Engine, queries, **options):  # type: ignore[no-untyped-def]
        for text in queries:
            yield text, IndexDamaged(f"index at {self.index_dir} is damaged (EOFError: {text})")

    monkeypatch.setattr(Engine, "search_many", answers)
    run = cli("search", "-", *ix, stdin="harmony\nviolin\n")
    assert run.code == 2 and run.out == ""
    assert run.err.splitlines() == [
        f"tutti: error: query {q!r}: index at {ix[1]} is damaged (EOFError: {q}); "
        "run: tutti index --rebuild"
        for q in ("harmony", "violin")
    ]


# -- kinds: one type each for passages and documents, plain strings in JSON ---------------------


def test_the_kind_names_are_exactly_the_passage_kinds():
    named = {value for name, value in vars(Kind).items() if name.isupper()}
    assert named == set(get_args(PassageKind))


def test_exported_passages_carry_their_kinds_as_the_plain_strings(cli, ix, engine):
    exported = [json.loads(line) for line in cli("export", "--json", *ix).out.splitlines()]
    assert {p["kind"] for p in exported} == {p.kind for p in engine.passages()}
    assert {p["kind"] for p in exported} >= {"interview", "presskit-synopsis", "synopsis"}
    assert {p["kind"] for p in exported} <= set(get_args(PassageKind))


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_fixture_document_is_read_as_one_of_the_document_kinds(name):
    assert document_kind(FILES[name]) in get_args(DocumentKind)


def test_document_kinds_are_the_chunkers(tmp_path):
    record = {"title": "Le Concert", "year": 2009, "overview": "A conductor.", "cast": ["A B"]}
    assert document_kind(json.dumps(record), record, "json") == "film-record"
    assert document_kind("[1, 2]", [1, 2], "json") == "json"
    assert document_kind(FILES["presskit_en.txt"]) == "presskit"
    assert document_kind("Just a line of text about nothing in particular.") == "prose"


# -- the public names: exported from ``search``, imported on first use --------------------------

PUBLIC = [
    "Engine",
    "SearchResult",
    "BuildReport",
    "Stats",
    "SpeakerInfo",
    "FilmInfo",
    "FilmDocument",
    "Film",
    "Passage",
    "Hit",
    "Span",
    "Skipped",
    "CastMember",
    "Kind",
    "PassageKind",
    "DocumentKind",
    "TuttiError",
    "IndexMissing",
    "IndexDamaged",
    "IndexBusy",
    "IndexUnwritable",
    "IndexInterrupted",
    "QueryError",
    "UnknownName",
    "AmbiguousName",
    "PassageNotFound",
    "BackendError",
    "iter_passages",
]


def test_every_public_name_is_in_all_and_every_name_in_all_is_there():
    assert set(search.__all__) == {*PUBLIC, "__version__"}
    for name in search.__all__:
        assert getattr(search, name) is not None, name
    assert set(search.__all__) <= set(dir(search))


@pytest.mark.parametrize("name", PUBLIC)
def test_a_public_name_is_the_object_of_the_module_that_defines_it(name):
    value = getattr(search, name)
    namespace: dict[str, object] = {}
    exec(f"from search import {name}", namespace)
    assert namespace[name] is value
    if isinstance(value, type) and name != "PassageKind":
        assert value.__name__ == name and value.__module__.startswith("search.")


def test_the_errors_a_caller_catches_are_one_family_and_an_interrupt_is_not_one_of_them():
    values = {name: getattr(search, name) for name in PUBLIC}
    family = {n for n, v in values.items() if isinstance(v, type) and issubclass(v, Exception)}
    assert {n for n in family if issubclass(values[n], search.TuttiError)} == {
        "TuttiError",
        "IndexMissing",
        "IndexDamaged",
        "IndexBusy",
        "IndexUnwritable",
        "QueryError",
        "UnknownName",
        "AmbiguousName",
        "PassageNotFound",
        "BackendError",
    }
    assert issubclass(search.IndexInterrupted, KeyboardInterrupt)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="Nonesuch"):
        search.Nonesuch  # noqa: B018


def test_importing_search_loads_no_engine_until_a_name_is_used():
    code = (
        "import sys, search\n"
        "before = sorted(m for m in sys.modules if m.startswith(('search.', 'whoosh', 'typer')))\n"
        "from search import SearchResult, TuttiError\n"
        "print(before, 'search.errors' in sys.modules, SearchResult.__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["[]", "True", "SearchResult"]


def test_the_package_says_it_is_typed():
    assert (Path(search.__file__).parent / "py.typed").is_file()


def test_records_compare_copy_and_show_their_fields_as_dataclasses_did():
    """The records are written by hand (model.Record), not as dataclasses: what users of
    the API relied on still holds."""
    import pickle

    from search.model import Hit, Passage, Span

    p = Passage("a.txt:1", "a.txt", "interview", "Le violon.", "fr", speaker="Mélanie Laurent")
    assert p.meta == {} and p.meta is not Passage("b", "b", "text", "", "en").meta
    same = Passage("a.txt:1", "a.txt", "interview", "Le violon.", "fr", speaker="Mélanie Laurent")
    assert p == same and p != p.replace(text="La harpe.")
    assert p.replace(text="La harpe.").speaker == "Mélanie Laurent" and p.text == "Le violon."
    with pytest.raises(TypeError, match="no field 'txt'"):
        p.replace(txt="?")
    with pytest.raises(TypeError):
        hash(p)  # mutable, as a dataclass without frozen=True
    assert repr(p).startswith("Passage(id='a.txt:1', source='a.txt', kind='interview', ")
    assert p.to_dict()["speaker"] == "Mélanie Laurent" and list(p.to_dict())[:2] == ["id", "source"]
    hit = Hit(p, 1, 2.5, "Le violon.", [Span(3, 9)], "violon")
    assert hit.question_highlights == [] and pickle.loads(pickle.dumps(hit)) == hit
    assert {Span(3, 9)} == {Span(3, 9)} and Span(3, 9).end == 9
