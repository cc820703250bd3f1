"""A hostile world: the same file twice, the same name in two folders, a full disk, a
read-only index, hostile JSON, symlink loops, unreadable folders, zip bombs. Each test
checks that a bad input costs only itself and that nothing is left that blocks a rerun."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from search import ingest
from search.backend.whoosh import store
from search.engine import Engine
from search.errors import IndexDamaged, IndexUnwritable
from search.ingest import assign_sources, iter_documents
from search.model import Skipped
from search.read import MAX_JSON_DEPTH, ReadError, iter_files, read_document

NOTES_A = """\
Notes from the Paris press day. The director spoke about the final concert and the violin
solo that closes the film; the orchestra rehearsed it for two days.
"""
NOTES_B = """\
Notizen vom Berliner Pressetag. Die Regisseurin sprach über das Orchester und die Geige,
und über die lange Suche nach der richtigen Solistin für das Konzert.
"""
REVIEW = """\
A review of the film. The orchestra plays without rehearsal, and the violin carries the
last scene; the audience in Paris stood for ten minutes.
"""


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def sources(engine: Engine) -> dict[str, str]:
    """source → the text of its passages."""
    out: dict[str, str] = {}
    for p in engine.passages():
        out[p.source] = out.get(p.source, "") + p.text
    return out


@pytest.fixture()
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "paris"
    b = tmp_path / "berlin"
    write(a, "notes.txt", NOTES_A)
    write(b, "notes.txt", NOTES_B)
    write(a, "review.txt", REVIEW)
    return a, b


# -- 1. sources are files, not names -----------------------------------------------------------


def test_same_name_in_two_folders_gives_two_sources(tmp_path: Path, two_folders) -> None:
    a, b = two_folders
    engine = Engine(tmp_path / "ix")
    report = engine.index([a, b], procs=1)
    assert sorted(report.added) == ["berlin/notes.txt", "paris/notes.txt", "review.txt"]
    got = sources(engine)
    assert "Paris press day" in got["paris/notes.txt"]
    assert "Berliner Pressetag" in got["berlin/notes.txt"]
    ids = [p.id for p in engine.passages()]
    assert len(ids) == len(set(ids))
    again = engine.index([a, b], procs=1)
    assert again.added == again.updated == again.removed == []
    assert sorted(again.unchanged) == sorted(report.added)
    assert sources(engine) == got


def test_the_same_file_given_twice_is_indexed_once(tmp_path: Path, two_folders) -> None:
    a, _ = two_folders
    for given in ([a, a], [a, a / "notes.txt"], [a / "notes.txt", a / "notes.txt", a]):
        engine = Engine(tmp_path / f"ix{len(given)}-{given[0].name}")
        engine.index(given, procs=1)
        texts = [p.text for p in engine.passages()]
        assert len(texts) == len(set(texts)), given
        assert engine.stats().documents == 2
        hits = engine.search("press day", limit=5).hits
        assert len({h.passage.id for h in hits}) == len(hits) == 1


def test_a_new_folder_never_takes_the_name_of_a_file_indexed_before(
    tmp_path: Path, two_folders
) -> None:
    a, b = two_folders
    engine = Engine(tmp_path / "ix")
    engine.index([a], procs=1)
    report = engine.index([b], procs=1)  # a sync of another folder: paris stays
    got = sources(engine)
    assert report.updated == [] and "notes.txt" in got and "Paris" in got["notes.txt"]
    assert any("Berliner" in text for source, text in got.items() if source != "notes.txt")


def test_assign_sources_prefixes_folders_until_names_differ(tmp_path: Path) -> None:
    x = write(tmp_path, "x/press/notes.txt", "a")
    y = write(tmp_path, "y/press/notes.txt", "b")
    z = write(tmp_path, "z/notes.txt", "c")
    named = dict(assign_sources([(x, x.parent), (y, y.parent), (z, z.parent)]))
    assert named == {x: "x/press/notes.txt", y: "y/press/notes.txt", z: "z/notes.txt"}
    assert len(set(named.values())) == 3
    named = dict(assign_sources([(z, z.parent)], taken={"notes.txt": "/elsewhere/notes.txt"}))
    assert named == {z: "z/notes.txt"}


# -- 2. a full disk, a read-only index ---------------------------------------------------------


@pytest.fixture()
def built(tmp_path: Path, two_folders) -> tuple[Engine, Path]:
    a, _ = two_folders
    engine = Engine(tmp_path / "ix")
    engine.index([a], procs=1)
    return engine, a


def _disk_full(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_is_one_error_the_old_index_serves_and_nothing_is_left(
    built, two_folders, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, a = built
    _, b = two_folders
    before = sorted(p.id for p in engine.passages())
    monkeypatch.setattr(store, "write_vocabulary", _disk_full)  # after the segments
    from whoosh.writing import SegmentWriter

    monkeypatch.setattr(SegmentWriter, "cancel", _disk_full)  # and cancelling fails again
    with pytest.raises(IndexUnwritable) as info:
        engine.index([a, b], procs=1)
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    assert not list(engine.index_dir.glob("gen-*.tmp"))
    assert sorted(p.id for p in engine.passages()) == before
    assert engine.search("violin").hits
    monkeypatch.undo()  # space is back
    report = engine.index([a, b], procs=1)
    assert "berlin/notes.txt" in report.added
    assert engine.search("Pressetag").hits


def test_a_half_written_generation_left_by_a_killed_build_is_removed(built) -> None:
    engine, a = built
    stale = engine.index_dir / "gen-000099.tmp"
    write(stale, "segment.seg", b"x" * 1000)
    unpublished = engine.index_dir / "gen-000098"
    write(unpublished, "manifest.json", "{}")
    engine.index([a], procs=1)
    assert not stale.exists() and not unpublished.exists()


def test_a_full_disk_on_the_command_line_is_one_line_and_exit_2(
    cli, built, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, a = built
    monkeypatch.setattr(store, "write_vocabulary", _disk_full)
    run = cli("index", "--procs", "1", "--index-dir", str(engine.index_dir), str(a), "--rebuild")
    assert run.code == 2
    assert len(run.err.splitlines()) == 1 and "No space left" in run.err
    assert not list(engine.index_dir.glob("gen-*.tmp"))


def as_nobody(fn: Callable[[], Any]) -> Any:
    """``fn()`` in a forked child that dropped root's privileges (CI runs as root, which
    may read and write anything); without root, in this process. Only modules already
    imported are usable there (the interpreter's own files may be unreadable to nobody)."""
    if os.geteuid() != 0:
        return fn()
    import pwd

    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            payload = pickle.dumps(("ok", fn()))
        except BaseException as err:  # noqa: BLE001 - carried to the parent
            payload = pickle.dumps(("error", repr(err)))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as result:
        data = result.read()
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    assert status == "ok", value
    return value


@pytest.fixture()
def world(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may enter (tmp_path's parents are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="tutti-reliability-", dir="/tmp"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(folder, ignore_errors=True)


def _warm_up(cli: Callable[..., Any], tmp_path: Path) -> None:
    """Import what indexing and rendering load lazily, while the files are readable."""
    folder = write(tmp_path / "warm", "a.txt", NOTES_A).parent
    write(folder, "b.json", '{"title": "X", "synopsis": "' + REVIEW.strip() + '"}')
    cli("index", "--procs", "1", "--index-dir", str(tmp_path / "warm-ix"), str(folder))


def test_a_read_only_index_folder_is_one_line_and_exit_2(cli, world: Path, tmp_path: Path) -> None:
    _warm_up(cli, tmp_path)
    press = write(world / "press", "notes.txt", NOTES_A).parent
    for path in (press, press / "notes.txt"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    index_dir = world / "ix"
    index_dir.mkdir()
    index_dir.chmod(0o555)
    run = as_nobody(lambda: cli("index", "--procs", "1", "--index-dir", str(index_dir), str(press)))
    assert run.code == 2, run.err
    assert len(run.err.splitlines()) == 1 and "cannot write the index" in run.err
    assert "Traceback" not in run.err


# -- 3.-6. hostile inputs: each costs only itself ------------------------------------------------


def test_film_records_with_odd_cast_values_do_not_crash(tmp_path: Path) -> None:
    synopsis = "A conductor gathers his old orchestra for one last concert in Paris."
    for value in (True, 42, 3.5, None, [True, 7, None, {"name": ["x"]}]):
        write(
            tmp_path,
            f"film_{type(value).__name__}.json",
            json.dumps({"title": "Le Concert", "synopsis": synopsis, "actors": value}),
        )
    write(
        tmp_path,
        "film_str.json",
        json.dumps({"title": "Le Concert", "synopsis": synopsis, "actors": "Jane Doe (Nora)"}),
    )
    docs = list(iter_documents([tmp_path]))
    assert not [d for d in docs if isinstance(d, Skipped)]
    by_source = {d.source: d for d in docs}
    cast = by_source["film_str.json"].meta["cast"]
    assert cast == [{"actor": "Jane Doe", "character": "Nora"}]
    passages = list(by_source["film_str.json"].passages)
    assert [p.text for p in passages if p.kind == "cast"] == ["Jane Doe (Nora)"]
    for name in ("film_bool.json", "film_int.json", "film_NoneType.json"):
        assert "cast" not in by_source[name].meta


def test_cast_entries_parse_as_the_old_pattern_did() -> None:
    """The slicing parser against the pattern it replaced (the oracle), on random text."""
    import random
    import re

    from search.chunk.film_record import _actor
    from search.chunk.text import clean_spaces

    old = re.compile(r"^\s*(?P<actor>[^()]+?)\s*(?:\((?P<character>.*)\))?\s*$")
    rng = random.Random(1)
    for _ in range(20000):
        entry = "".join(rng.choice("ab ()\té") for _ in range(rng.randrange(0, 15)))
        match = old.match(entry)
        expected = None
        if match and match.group("actor").strip():
            character = match.group("character")
            expected = (
                clean_spaces(match.group("actor")),
                clean_spaces(character) if character else None,
            )
        got = _actor(entry)
        assert (got and (got.actor, got.character)) == expected, entry


def test_deeply_nested_json_is_skipped_with_a_reason_and_the_run_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "deep.json", "[" * 1000 + "]" * 1000)
    write(tmp_path, "deep_object.txt", '{"a":' * 5000 + "1" + "}" * 5000)
    write(
        tmp_path,
        "brackets_in_strings.json",
        json.dumps({"synopsis": "[" * 500 + " a synopsis of the film in many words here"}),
    )
    write(tmp_path, "ok.txt", REVIEW)
    with pytest.raises(ReadError, match="nested 1000 levels"):
        read_document(tmp_path / "deep.json")
    docs = {
        Path(d.path).name if isinstance(d, Skipped) else d.source: d
        for d in iter_documents([tmp_path])
    }
    assert isinstance(docs["deep.json"], Skipped)
    assert isinstance(docs["deep_object.txt"], Skipped)
    assert str(MAX_JSON_DEPTH) in docs["deep.json"].reason
    assert not isinstance(docs["brackets_in_strings.json"], Skipped)
    assert not isinstance(docs["ok.txt"], Skipped)


def test_a_symlink_loop_is_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", REVIEW)
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("pong.txt", tmp_path / "ping.txt")
    os.symlink("ping.txt", tmp_path / "pong.txt")
    engine = Engine(tmp_path / "ix")
    report = engine.index([tmp_path], procs=1)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons == {
        "self.txt": "symlink loop",
        "ping.txt": "symlink loop",
        "pong.txt": "symlink loop",
    }
    assert report.added == ["ok.txt"]
    with pytest.raises(ReadError, match="symlink loop"):
        read_document(tmp_path / "self.txt")
    report = Engine(tmp_path / "ix2").index([tmp_path, tmp_path], procs=1)
    assert len(report.skipped) == 3  # a folder given twice names each once
    report = Engine(tmp_path / "ix3").index([tmp_path / "self.txt"], procs=1)
    assert [s.reason for s in report.skipped] == ["symlink loop"]


def test_links_out_of_the_folder_are_followed_unless_asked_not_to(tmp_path: Path, cli) -> None:
    outside = write(tmp_path / "elsewhere", "secret.txt", NOTES_B)
    folder = tmp_path / "press"
    write(folder, "ok.txt", REVIEW)
    os.symlink(outside, folder / "linked.txt")
    os.symlink(outside.parent, folder / "linked-folder")
    os.symlink(folder / "ok.txt", folder / "inside-link.txt")  # inside: the same file, once
    # the outside file once (through the linked folder, met first); ok.txt by its own name
    assert [p.name for p in iter_files([folder])] == ["ok.txt", "secret.txt"]
    skipped: list[Skipped] = []
    found = list(iter_files([folder], follow_outside=False, on_skip=skipped.append))
    assert [p.name for p in found] == ["ok.txt"]
    assert sorted(Path(s.path).name for s in skipped) == ["linked-folder", "linked.txt"]
    assert all(s.reason == "links outside the folder given; not followed" for s in skipped)
    run = cli(
        "index",
        "--procs",
        "1",
        "--no-follow-outside",
        "--index-dir",
        str(tmp_path / "ix"),
        str(folder),
    )
    assert run.code == 3 and "linked.txt" in run.err
    assert "secret" not in json.dumps(sources(Engine(tmp_path / "ix")))
    # A plain sync keeps the choice the index was built with; asking again changes it.
    run = cli("index", "--procs", "1", "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3 and "secret" not in json.dumps(sources(Engine(tmp_path / "ix")))
    run = cli("index", "--procs", "1", "--follow-outside", "--index-dir", str(tmp_path / "ix"))
    assert run.code == 0 and "secret" in json.dumps(sources(Engine(tmp_path / "ix")))


def test_an_unreadable_subfolder_is_named_and_the_rest_indexed(
    cli, world: Path, tmp_path: Path
) -> None:
    _warm_up(cli, tmp_path)
    press = world / "press"
    write(press, "ok.txt", REVIEW)
    write(press, "private/hidden.txt", NOTES_B)
    write(press, "public/notes.txt", NOTES_A)
    for path in [press, *press.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (press / "private").chmod(0o000)
    index_dir = world / "ix"
    run = as_nobody(
        lambda: cli("index", "--procs", "1", "--json", "--index-dir", str(index_dir), str(press))
    )
    assert run.code == 3, run.err
    record = json.loads(run.out)
    assert record["skipped"] == [
        {"path": str(press / "private"), "reason": "unreadable folder: Permission denied"}
    ]
    assert sorted(record["added"]) == ["ok.txt", "public/notes.txt"]
    assert "Traceback" not in run.err


# -- bounded work and content over names -------------------------------------------------------


def _zip_bomb(path: Path, expanded: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(expanded >> 20):
                member.write(block)
    return path


def test_a_docx_that_expands_past_the_limit_is_skipped_before_inflating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import read

    monkeypatch.setattr(read, "MAX_DOCX_EXPANDED", 8 << 20)
    bomb = _zip_bomb(tmp_path / "bomb.docx", 16 << 20)
    assert bomb.stat().st_size < 1 << 20

    def never(*_: object) -> None:
        raise AssertionError("the DOCX was opened")

    import docx

    monkeypatch.setattr(docx, "Document", never)
    with pytest.raises(ReadError, match="zip bomb"):
        read_document(bomb)


@pytest.mark.parametrize("name", ["notes.pdf", "notes.docx", "notes.html"])
def test_a_text_file_with_a_misleading_name_is_read_as_text(tmp_path: Path, name: str) -> None:
    raw = read_document(write(tmp_path, name, REVIEW))
    assert raw.format == "text" and "violin" in raw.text


def test_an_exception_on_one_file_skips_it_in_this_process_and_in_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import ingest

    real = ingest.read

    def flaky(path: Path, source: str) -> Any:
        if path.name == "bad.txt":
            raise ValueError("a parser bug\nwith two lines")
        return real(path, source)

    monkeypatch.setattr(ingest, "read", flaky)
    write(tmp_path, "bad.txt", REVIEW)
    write(tmp_path, "good.txt", NOTES_A)
    for item in (
        ingest._read_here(tmp_path / "bad.txt", "bad.txt"),
        ingest.read_whole((tmp_path / "bad.txt", "bad.txt")),
        next(d for d in iter_documents([tmp_path]) if isinstance(d, Skipped)),
    ):
        assert isinstance(item, Skipped)
        assert item.reason.startswith("could not be read (ValueError: a parser bug with two")
        assert "\n" not in item.reason


def test_hostile_files_in_worker_processes_cost_only_themselves(tmp_path: Path) -> None:
    folder = tmp_path / "press"
    for i in range(ingest.POOL_MIN_FILES + 4):
        write(folder, f"ok{i:02d}.txt", REVIEW.replace("ten", str(i)))
    write(folder, "deep.json", "[" * 3000 + "]" * 3000)
    write(folder, "cast.json", json.dumps({"synopsis": REVIEW, "actors": True}))
    write(folder, "empty.txt", "")
    engine = Engine(tmp_path / "ix")
    report = engine.index([folder], procs=2)
    assert sorted(Path(s.path).name for s in report.skipped) == ["deep.json", "empty.txt"]
    assert len(report.added) == ingest.POOL_MIN_FILES + 5


def test_many_skipped_files_are_summarised_on_the_terminal(cli, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    for i in range(300):
        write(folder, f"e{i:03d}.txt", "")
    write(folder, "ok.txt", REVIEW)
    run = cli("index", "--procs", "1", "--index-dir", str(tmp_path / "ix"), str(folder))
    assert run.code == 3
    assert len(run.out.splitlines()) + len(run.err.splitlines()) < 40
    assert "290 more skipped (empty file: 290)" in run.err
    run = cli("index", "--procs", "1", "--json", "--index-dir", str(tmp_path / "ix"), str(folder))
    assert len(json.loads(run.out)["skipped"]) == 300


def test_an_exception_while_analysing_one_file_skips_it_before_the_writer_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest._prepared

    def flaky(passages: Any, vocabulary: Any) -> Any:
        for passage, fields in real(passages, vocabulary):
            if passage.source == "bad.txt":
                raise UnicodeError("an analyzer bug")
            yield passage, fields

    monkeypatch.setattr(ingest, "_prepared", flaky)
    folder = tmp_path / "press"
    write(folder, "bad.txt", REVIEW)
    write(folder, "good.txt", NOTES_A)
    engine = Engine(tmp_path / "ix")
    report = engine.index([folder], procs=1)
    assert report.added == ["good.txt"]
    assert [Path(s.path).name for s in report.skipped] == ["bad.txt"]
    assert "UnicodeError: an analyzer bug" in report.skipped[0].reason
    assert {p.source for p in engine.passages()} == {"good.txt"}


def test_a_fifo_in_a_folder_is_named_not_read(tmp_path: Path) -> None:
    write(tmp_path, "ok.txt", REVIEW)
    os.mkfifo(tmp_path / "pipe.txt")
    skipped: list[Skipped] = []
    assert [p.name for p in iter_files([tmp_path], on_skip=skipped.append)] == ["ok.txt"]
    assert skipped == [Skipped(str(tmp_path / "pipe.txt"), "not a regular file")]


def test_files_of_a_folder_unreadable_for_a_while_keep_their_indexed_version(
    cli, world: Path, tmp_path: Path
) -> None:
    _warm_up(cli, tmp_path)
    press = world / "press"
    write(press, "ok.txt", REVIEW)
    write(press, "private/notes.txt", NOTES_B)
    index_dir = world / "ix"

    def twice() -> tuple[list[str], list[str], list[str]]:
        engine = Engine(index_dir)
        engine.index([press], procs=1)
        (press / "private").chmod(0o000)
        report = engine.index([press], procs=1)
        (press / "private").chmod(0o755)
        return (
            report.removed,
            [s.reason for s in report.skipped],
            sorted(p.source for p in engine.passages()),
        )

    if os.geteuid() == 0:
        import pwd

        nobody = pwd.getpwnam("nobody")
        for path in [press, *press.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    removed, reasons, indexed = as_nobody(twice)
    assert removed == []
    assert reasons == ["unreadable folder: Permission denied"]
    assert indexed == ["ok.txt", "private/notes.txt"]


def test_a_large_file_that_stops_decoding_half_way_is_skipped_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A streamed file is decoded once before any passage is written: the writer cannot
    take passages back, so a file failing half-way would be half indexed."""
    import functools

    from search import ingest, read

    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 4096)
    monkeypatch.setattr(read, "_READ_BYTES", 4096)
    monkeypatch.setattr(
        ingest, "iter_text_blocks", functools.partial(read.iter_text_blocks, block_chars=4096)
    )
    folder = tmp_path / "press"
    good = (REVIEW + "\n") * 600  # longer than the head that encoding detection reads
    write(folder, "broken.txt", good.encode() + b"\xff\xfe\xfa not utf-8 any more\n")
    write(folder, "large.txt", good)
    engine = Engine(tmp_path / "ix")
    report = engine.index([folder], procs=1)
    assert [Path(s.path).name for s in report.skipped] == ["broken.txt"]
    assert "not valid utf-8 near byte" in report.skipped[0].reason
    assert {p.source for p in engine.passages()} == {"large.txt"}


def test_a_json_number_too_long_to_convert_is_read_as_its_digits(tmp_path: Path) -> None:
    # (Python refuses to convert it: the file was skipped as malformed)
    doc = read_document(write(tmp_path, "numbers.json", "[" + "1" * 5000 + ", 2]"))
    assert doc.json == ["1" * 5000, 2]


def _streamed_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files above a few KiB streamed block by block, and the prose chunker failing on a
    block that holds TRIPWIRE: a bug met half-way through a streamed file."""
    import functools

    from search import ingest, read

    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 4096)
    monkeypatch.setattr(read, "_READ_BYTES", 4096)
    monkeypatch.setattr(
        ingest, "iter_text_blocks", functools.partial(read.iter_text_blocks, block_chars=4096)
    )
    real = ingest.prose.chunk

    def flaky(text: str, *args: Any, **kwargs: Any) -> Any:
        if "TRIPWIRE" in text:
            raise IndexError("a chunker bug")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ingest.prose, "chunk", flaky)


LARGE = (REVIEW + "\n") * 600  # many blocks: the first ones are written before the failure


@pytest.mark.parametrize("small_files", [2, ingest.POOL_MIN_FILES + 2])
def test_a_streamed_file_failing_half_way_is_skipped_whole_and_the_run_goes_on(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_files: int
) -> None:
    """In this process, and beside worker processes (a streamed file is read here)."""
    _streamed_small(monkeypatch)
    folder = tmp_path / "press"
    for i in range(small_files):
        write(folder, f"notes{i:02d}.txt", NOTES_B)
    write(folder, "huge.txt", LARGE + "Zebrafish TRIPWIRE at the end.\n")
    index_dir = tmp_path / "ix"
    run = cli("index", "--procs", "2", "--json", "--index-dir", str(index_dir), str(folder))
    assert run.code == 3
    summary = json.loads(run.out)
    assert [Path(s["path"]).name for s in summary["skipped"]] == ["huge.txt"]
    assert "IndexError: a chunker bug" in summary["skipped"][0]["reason"]
    engine = Engine(index_dir)
    assert {p.source for p in engine.passages()} == {
        f"notes{i:02d}.txt" for i in range(small_files)
    }
    assert not engine.search("audience").hits  # the blocks written before the failure
    assert engine.search("Pressetag").hits
    assert "audience" not in store.read_vocabulary(store.Layout(index_dir).current())


def test_a_streamed_file_failing_half_way_on_a_sync_keeps_its_indexed_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _streamed_small(monkeypatch)
    folder = tmp_path / "press"
    write(folder, "notes.txt", NOTES_A)
    huge = write(folder, "huge.txt", LARGE)
    engine = Engine(tmp_path / "ix")
    engine.index([folder], procs=1)
    before = sorted(p.id for p in engine.passages() if p.source == "huge.txt")
    assert len(before) > 10
    write(folder, "huge.txt", LARGE.replace("audience", "Zuschauer") + "TRIPWIRE\n")
    write(folder, "later.txt", NOTES_B)
    report = engine.index([folder], procs=1)
    assert [Path(s.path) for s in report.skipped] == [huge]
    assert report.kept == ["huge.txt"] and report.added == ["later.txt"]
    assert sorted(p.id for p in engine.passages() if p.source == "huge.txt") == before
    assert engine.search("audience").hits and not engine.search("Zuschauer").hits
    assert engine.search("Pressetag").hits
    assert engine.manifest.documents["huge.txt"].size == len(LARGE.encode())


def test_a_json_string_with_half_a_surrogate_pair_is_indexed_with_a_replacement(
    tmp_path: Path,
) -> None:
    # A tool that cut a string inside an emoji writes "\ud800" alone: no UTF-8 writer
    # takes it, and it had ended the whole build.
    press = tmp_path / "press"
    write(
        press,
        "record.json",
        '{"title": "\\ud800 Le Concert", "synopsis": "violin \\udfff harmony"}',
    )
    write(press, "review.txt", REVIEW)
    engine = Engine(tmp_path / "ix")
    report = engine.index([press], procs=1)
    assert sorted(report.added) == ["record.json", "review.txt"] and not report.skipped
    texts = [p.text for p in engine.passages() if p.source == "record.json"]
    assert any("violin \ufffd harmony" in t for t in texts)
    assert engine.index([press], procs=1).unchanged == ["record.json", "review.txt"]


def test_a_file_name_that_is_not_utf8_is_indexed_and_synced(tmp_path: Path) -> None:
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    folder = os.fsencode(press)
    with open(folder + b"/entretien_M\xe9lanie.txt", "w", encoding="utf-8") as fh:
        fh.write("Entretien sur le violon de l'orchestre.\n")
    os.mkdir(folder + b"/Presse_\xe9t\xe9")
    with open(folder + b"/Presse_\xe9t\xe9/note.txt", "w", encoding="utf-8") as fh:
        fh.write("A note on the violin.\n")
    engine = Engine(tmp_path / "ix")
    report = engine.index([press], procs=1)
    assert sorted(report.added) == ["Presse_été/note.txt", "entretien_Mélanie.txt", "review.txt"]
    again = engine.index([press], procs=1)
    assert len(again.unchanged) == 3 and not again.added and not again.removed


def test_a_folder_gone_at_sync_time_keeps_what_was_indexed_from_it(tmp_path: Path) -> None:
    local, drive = tmp_path / "local", tmp_path / "drive"
    write(local, "review.txt", REVIEW)
    write(drive, "kit/notes.txt", NOTES_B)
    engine = Engine(tmp_path / "ix")
    engine.index([local, drive], procs=1)
    drive.rename(tmp_path / "drive.offline")  # the drive is unplugged
    report = engine.index([local, drive], procs=1)
    assert report.removed == []
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(drive), "not found; what was indexed from it is kept")
    ]
    assert sorted({p.source for p in engine.passages()}) == ["kit/notes.txt", "review.txt"]
    # a rebuild keeps nothing of it, and says so (it said "what was indexed … is kept")
    report = engine.index([local, drive], procs=1, rebuild=True)
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(drive), "not found; nothing of it is in the rebuilt index")
    ]
    assert sorted({p.source for p in engine.passages()}) == ["review.txt"]


@pytest.mark.parametrize("damage", ["toc-truncated", "toc-deleted", "segment-garbled"])
def test_a_sync_over_a_damaged_index_is_one_damaged_error(tmp_path: Path, damage: str) -> None:
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    engine = Engine(tmp_path / "ix")
    engine.index([press], procs=1)
    gen = next((tmp_path / "ix").glob("gen-*"))
    toc = next(gen.glob("_MAIN_*.toc"))
    if damage == "toc-truncated":
        toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])
    elif damage == "toc-deleted":
        toc.unlink()
    else:  # the compound file's own table, at its end
        segment = next(gen.glob("MAIN_*.seg"))
        data = segment.read_bytes()
        segment.write_bytes(data[:-64] + bytes(b ^ 0xFF for b in data[-64:]))
    write(press, "notes.txt", NOTES_B)
    with pytest.raises(IndexDamaged, match="is damaged"):
        engine.index([press], procs=1)
    assert not list((tmp_path / "ix").glob("gen-*.tmp"))


@pytest.mark.parametrize("name", ["vocabulary.gz", "evidence.json.gz"])
def test_a_truncated_side_file_stops_a_sync_and_is_no_silent_loss(
    tmp_path: Path, cli: Any, name: str
) -> None:
    """A sync over a truncated vocabulary would drop every unchanged file's words from
    did-you-mean, over truncated evidence every unchanged document's film by mention."""
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    root = tmp_path / "ix"
    Engine(root).index([press], procs=1)
    current = root / (root / "CURRENT").read_text(encoding="utf-8").strip()
    side = current / name
    side.write_bytes(side.read_bytes()[: side.stat().st_size // 2])
    write(press, "notes.txt", NOTES_B)
    run = cli("index", str(press), "--index-dir", str(root))
    assert run.code == 2 and name in run.err and run.err.rstrip().endswith("--rebuild")
    assert not list(root.glob("gen-*.tmp"))
    assert sorted({p.source for p in Engine(root).passages()}) == ["review.txt"]  # still serves
    assert cli("index", str(press), "--index-dir", str(root), "--rebuild").code == 0


def test_a_truncated_vocabulary_costs_only_the_suggestion_and_says_so(
    tmp_path: Path, cli: Any
) -> None:
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    root = tmp_path / "ix"
    Engine(root).index([press], procs=1)
    word = max(REVIEW.split(), key=len).strip(".,;:!?")
    typo = word[:-1] + word[-1] * 2
    assert Engine(root).search(typo).suggestion  # the sound index suggests the word
    vocabulary = root / (root / "CURRENT").read_text(encoding="utf-8").strip() / "vocabulary.gz"
    vocabulary.write_bytes(vocabulary.read_bytes()[:20])
    run = cli("search", typo, "--index-dir", str(root))
    assert run.code == 1
    assert "no did-you-mean" in run.err and "vocabulary.gz" in run.err
    run = cli("search", word, "--index-dir", str(root), "--json")
    assert run.code == 0 and [json.loads(row)["id"] for row in run.out.splitlines()] == [
        "review.txt:text:01"
    ]


@pytest.mark.parametrize("damage", ["manifest", "current"])
def test_the_advice_for_a_damaged_index_works(tmp_path: Path, cli: Any, damage: str) -> None:
    """The advice "run: tutti index --rebuild" must find the folders to rebuild from: the damaged
    generation's manifest no longer says them, the previous generation's still does."""
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    root = tmp_path / "ix"
    Engine(root).index([press], procs=1)
    write(press, "notes.txt", NOTES_B)
    Engine(root).index([press], procs=1)  # a second generation; the first stays beside it
    current = root / (root / "CURRENT").read_text(encoding="utf-8").strip()
    if damage == "manifest":
        manifest = current / "manifest.json"
        manifest.write_bytes(manifest.read_bytes()[:40])
    else:
        (root / "CURRENT").write_bytes(b"")
    run = cli("films", "--index-dir", str(root))
    assert run.code == 2 and run.err.rstrip().endswith("run: tutti index --rebuild")
    run = cli("index", "--rebuild", "--index-dir", str(root))
    assert run.code == 0, run.err
    assert sorted({p.source for p in Engine(root).passages()}) == ["notes.txt", "review.txt"]


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux's")
def test_workers_die_with_a_killed_indexer_instead_of_printing_tracebacks() -> None:
    # What the pool's initializer leaves set, read back in a child process of its own.
    script = (
        "import ctypes, signal; from search.ingest import _quiet_worker; _quiet_worker(); "
        "v = ctypes.c_int(); ctypes.CDLL(None).prctl(2, ctypes.byref(v)); "
        "print(v.value == signal.SIGKILL, signal.getsignal(signal.SIGINT) == signal.SIG_IGN)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


@pytest.mark.parametrize(
    "name, change",
    [
        ("manifest.json", lambda data: []),
        ("manifest.json", lambda data: {**data, "documents": None}),
        ("manifest.json", lambda data: {**data, "documents": {"a.txt": 5}}),
        ("manifest.json", lambda data: {**data, "roots": "/tmp"}),
        (
            "manifest.json",
            lambda data: {
                **data,
                "documents": {k: {**v, "size": "big"} for k, v in data["documents"].items()},
            },
        ),
        ("summary.json", lambda data: {**data, "plays": [1]}),
        ("summary.json", lambda data: {**data, "fields": None}),
        ("summary.json", lambda data: {**data, "passages": "many"}),
    ],
)
def test_index_files_of_the_wrong_shape_are_damage_not_a_traceback(
    tmp_path: Path, name: str, change: Callable[[Any], Any]
) -> None:
    """Valid JSON that tutti did not write (a list for the manifest, text for a size)
    failed far from where it was read, as a traceback."""
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    engine = Engine(tmp_path / "ix")
    engine.index([press], procs=1)
    path = next((tmp_path / "ix").glob("gen-*")) / name
    path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))))
    damaged = Engine(tmp_path / "ix")
    with pytest.raises(IndexDamaged, match="is damaged"):
        damaged.stats() if name == "manifest.json" else damaged.search("concert")


def test_waiting_for_a_result_notices_a_worker_that_died(monkeypatch) -> None:
    import multiprocessing

    class Waiting:
        def next(self, timeout: float) -> None:
            raise multiprocessing.TimeoutError

    monkeypatch.setattr(ingest, "WORKER_CHECK_SECONDS", 0.01)
    with pytest.raises(ingest.WorkerStopped, match="a worker process reading files stopped"):
        ingest._next_result(Waiting(), {-1})  # a worker this process no longer has


@pytest.mark.skipif(sys.platform != "linux", reason="reads a process's children in /proc")
def test_a_build_whose_worker_is_killed_ends_in_one_line_and_keeps_the_old_index(
    tmp_path: Path,
) -> None:
    """A pool replaces a killed worker but loses its file: the build waited for it for
    good, holding the index's lock. Then Pool.terminate could wait for good too."""
    import signal
    import time

    press = tmp_path / "press"
    write(press, "first.txt", REVIEW)
    Engine(tmp_path / "ix").index([press], procs=1)
    for i in range(1500):
        write(press, f"kit/{i:04d}.txt", f"{NOTES_B}\n\nCopy {i}: " + "the orchestra plays. " * 200)
    cmd = [sys.executable, "-m", "search", "index", "--index-dir", str(tmp_path / "ix")]
    build = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:  # (the build is stopped by its PID, whatever fails; its workers die with it)
        children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
        deadline = time.monotonic() + 60
        workers: list[str] = []
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.2)
            pids = children.read_text().split() if children.exists() else []
            workers = [p for p in pids if b"spawn_main" in _cmdline(p)]  # (not its tracker)
        assert build.poll() is None, "the build ended before its workers could be seen"
        time.sleep(2)  # (busy by now: killed before its first task, a worker loses nothing)
        os.kill(int(workers[-1]), signal.SIGKILL)
        _, err = build.communicate(timeout=120)
    finally:
        build.kill()
    assert build.returncode == 2 and "Traceback" not in err
    assert "a worker process reading files stopped" in err
    assert [p.source for p in Engine(tmp_path / "ix").passages()] == ["first.txt"]


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_a_sync_over_a_garbled_segment_points_to_a_rebuild(tmp_path: Path) -> None:
    # Reading the garbled segment back fails as an OSError ("Invalid argument"), which a
    # build reports as unwritable: the line now says what mends it.
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    engine = Engine(tmp_path / "ix")
    engine.index([press], procs=1)
    segment = next(next((tmp_path / "ix").glob("gen-*")).glob("MAIN_*.seg"))
    segment.write_bytes(os.urandom(segment.stat().st_size))
    write(press, "notes.txt", NOTES_B)
    with pytest.raises((IndexDamaged, IndexUnwritable), match="tutti index --rebuild"):
        engine.index([press], procs=1)
    assert engine.index([press], procs=1, rebuild=True).added


def test_an_index_without_its_films_file_is_damaged_not_filmless(tmp_path: Path) -> None:
    # Without it, "--film Le Concert" read "unknown film" and every document had no film.
    press = tmp_path / "press"
    write(press, "review.txt", REVIEW)
    engine = Engine(tmp_path / "ix")
    engine.index([press], procs=1)
    (next((tmp_path / "ix").glob("gen-*")) / "films.json").unlink()
    with pytest.raises(IndexDamaged, match=r"films\.json is missing"):
        Engine(tmp_path / "ix").films()
