"""The index on disk: sync, rebuild, locking, atomic generations, damage and old formats."""

from __future__ import annotations

import json
import os
import random
import re
import threading
from pathlib import Path

import pytest
from conftest import FILES, write_press

from search.backend.manifest import FORMAT
from search.backend.whoosh.sourcetable import SourceTable, write_sources
from search.backend.whoosh.store import Layout, write_lock
from search.engine import Engine
from search.errors import IndexBusy, IndexDamaged, IndexMissing
from search.read import INDEX_MARKER

BINARY = bytes(range(32)) * 16


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return write_press(tmp_path / "press")


def sources(engine: Engine) -> set[str]:
    return {p.source for p in engine.passages()}


def current_generation(root: Path) -> Path:
    return root / (root / "CURRENT").read_text(encoding="utf-8").strip()


# -- sync --------------------------------------------------------------------------------------


def test_a_sync_after_tuttis_reading_changed_reads_every_file_again(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    import search.ingest as ingest

    reading = ingest.read

    def older_reading(path: Path, source: str) -> ingest.Document:
        doc = reading(path, source)
        doc.passages = (p.replace(text=p.text + " zorblax") for p in doc.passages)
        return doc

    engine = Engine(tmp_path / "ix")
    monkeypatch.setattr(ingest, "reading_version", lambda: "older")
    monkeypatch.setattr(ingest, "read", older_reading)
    engine.index([folder])
    assert engine.search("zorblax").total == engine.manifest.passage_count
    monkeypatch.setattr(ingest, "read", reading)

    same = engine.index([folder])  # the same reading: nothing to read again
    assert sorted(same.unchanged) == sorted(FILES) and same.updated == []
    assert engine.search("zorblax").total > 0

    monkeypatch.setattr(ingest, "reading_version", lambda: "newer")
    upgraded = engine.index([folder])
    assert sorted(upgraded.updated) == sorted(FILES)
    assert upgraded.unchanged == upgraded.added == upgraded.removed == []
    assert engine.search("zorblax").total == 0
    assert {e.reader for e in upgraded.manifest.documents.values()} == {"newer"}
    assert sorted(engine.index([folder]).unchanged) == sorted(FILES)


def test_the_reading_version_follows_the_reading_code_and_nothing_else(tmp_path: Path):
    from search.ingest import code_digest, reading_version

    package = tmp_path / "search"
    files = {
        "read.py": "A = 1\n",
        "chunk/prose.py": "B = 1\n",
        "data/aliases.tsv": "x\ty\n",
        "cli.py": "C = 1\n",
        "cli_entry.py": "C = 1\n",
        "render.py": "D = 1\n",
        "query/parse.py": "E = 1\n",
        "backend/whoosh/store.py": "F = 1\n",
        "__pycache__/read.cpython-311.pyc": "G",
    }
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    first = code_digest(package, ["langdetect=1.0.9"])
    for name in ("read.py", "chunk/prose.py", "data/aliases.tsv"):
        (package / name).write_text(files[name] + "# changed\n", encoding="utf-8")
        assert code_digest(package, ["langdetect=1.0.9"]) != first, name
        (package / name).write_text(files[name], encoding="utf-8")
    (package / "chunk" / "new.py").write_text("", encoding="utf-8")
    assert code_digest(package, ["langdetect=1.0.9"]) != first
    (package / "chunk" / "new.py").unlink()
    for name in (
        "cli.py",
        "cli_entry.py",
        "render.py",
        "query/parse.py",
        "backend/whoosh/store.py",
    ):
        (package / name).write_text("# changed\n", encoding="utf-8")
    (package / "__pycache__" / "read.cpython-311.pyc").write_text("H", encoding="utf-8")
    (package / "chunk" / ".prose.py.swp").write_text("an editor's", encoding="utf-8")
    (package / "chunk" / "notes.txt").write_text("a stray file", encoding="utf-8")
    assert code_digest(package, ["langdetect=1.0.9"]) == first
    assert code_digest(package, ["langdetect=1.0.10"]) != first
    assert reading_version() == reading_version() != first


def test_first_run_adds_every_file(tmp_path: Path, folder: Path):
    report = Engine(tmp_path / "ix").index([folder])
    assert sorted(report.added) == sorted(FILES)
    assert report.updated == report.removed == report.unchanged == report.skipped == []
    assert report.manifest.passage_count == sum(1 for _ in Engine(tmp_path / "ix").passages())


def test_sync_skips_unchanged_rereads_changed_drops_removed_adds_new(tmp_path: Path, folder: Path):
    engine = Engine(tmp_path / "ix")
    engine.index([folder])

    again = engine.index([folder])
    assert sorted(again.unchanged) == sorted(FILES)
    assert again.added == again.updated == again.removed == []

    with open(folder / "trama_it.txt", "a", encoding="utf-8") as fh:
        fh.write("\nUna storia di gondole e di zanzare sotto la luna di Venezia.\n")
    changed = engine.index([folder])
    assert changed.updated == ["trama_it.txt"]
    assert changed.added == changed.removed == []
    assert sorted(changed.unchanged) == sorted(set(FILES) - {"trama_it.txt"})
    assert [h.passage.source for h in engine.search("gondole").hits] == ["trama_it.txt"]
    # the old version's passages are gone, not duplicated
    assert (
        sum(1 for p in engine.passages() if p.source == "trama_it.txt")
        == changed.manifest.documents["trama_it.txt"].passages
    )

    (folder / "critique_fr.txt").unlink()
    removed = engine.index([folder])
    assert removed.removed == ["critique_fr.txt"]
    assert "critique_fr.txt" not in sources(engine)
    assert engine.search("rigueur").hits == []
    assert "critique_fr.txt" not in removed.manifest.documents

    (folder / "note_en.txt").write_text(
        "A short note about the xylophone player who joined the band at the last minute.\n",
        encoding="utf-8",
    )
    added = engine.index([folder])
    assert added.added == ["note_en.txt"]
    assert [h.passage.source for h in engine.search("xylophone").hits] == ["note_en.txt"]
    assert Engine(tmp_path / "ix").manifest.documents.keys() == {
        "presskit_en.txt",
        "inhalt_de.txt",
        "trama_it.txt",
        "note_en.txt",
    }


@pytest.fixture()
def other(tmp_path: Path) -> Path:
    """A second folder, indexed besides the main one."""
    path = tmp_path / "other"
    path.mkdir()
    (path / "extra_en.txt").write_text(
        "The harpsichord was tuned twice a day during the shoot in Prague.\n", encoding="utf-8"
    )
    return path


def test_sync_of_one_folder_keeps_files_indexed_from_another(
    tmp_path: Path, folder: Path, other: Path
):
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    engine.index([other])
    assert "extra_en.txt" in sources(engine)
    assert set(FILES) <= sources(engine)


def test_a_sync_keeps_the_previous_generation_untouched(tmp_path: Path, folder: Path, other: Path):
    root = tmp_path / "ix"
    Engine(root).index([folder])
    first = current_generation(root)
    before = {p.name: p.read_bytes() for p in first.iterdir() if p.is_file()}
    Engine(root).index([other])
    assert current_generation(root) != first
    # the new generation shares Whoosh's files by hard link; its manifest and vocabulary
    # must not be written through those links into the generation a reader may still hold
    assert {p.name: p.read_bytes() for p in first.iterdir() if p.is_file()} == before


def test_did_you_mean_knows_the_words_of_files_a_sync_left_alone(
    tmp_path: Path, folder: Path, other: Path
):
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    engine.index([other])  # a sync: the press folder's files are not read again
    engine.index([other])  # nothing changed: the vocabulary is carried over as it is
    assert engine.search("harpsichrd").suggestion == "harpsichord"
    assert engine.search("gondolla").hits == []
    assert engine.search("trumpett").suggestion == "trumpet"


def test_did_you_mean_prefers_the_more_frequent_of_equally_near_words(tmp_path: Path):
    press = tmp_path / "press"
    press.mkdir()
    for name, text in (
        ("a_en.txt", "The violin was tuned before every take of the long concert scene."),
        ("c_en.txt", "Her violin had belonged to her grandmother, who played it in Odessa."),
        ("d_en.txt", "Nobody else on the set was allowed to touch the violin between takes."),
    ):
        (press / name).write_text(text + "\n", encoding="utf-8")
    (press / "b_en.txt").write_text(
        "The violon, as the French crew called it, stayed in its case on Sundays.\n",
        encoding="utf-8",
    )
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    assert engine.search("violln").suggestion == "violin"


def test_worker_processes_build_the_same_index_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from search import read
    from search.ingest import POOL_MIN_FILES

    press = tmp_path / "press"
    press.mkdir()
    # one file large enough to be streamed, which the main process reads itself
    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 2_000)
    para = "The festival archive keeps every harpsichord recital since the first edition."
    (press / "archive_en.txt").write_text(
        "\n\n".join(f"{para} Number {i}." for i in range(60)), encoding="utf-8"
    )
    lines = {
        "en": "The conductor of file {n} rehearses the violin concerto with his old friends.",
        "fr": "Le chef d'orchestre du fichier {n} répète le concerto pour violon avec ses amis.",
        "de": "Der Dirigent der Datei {n} probt das Violinkonzert mit seinen alten Freunden.",
    }
    for n in range(POOL_MIN_FILES + 4):
        code = "enfrde"[2 * (n % 3) : 2 * (n % 3) + 2]
        (press / f"note_{n:02d}_{code}.txt").write_text(
            lines[code].format(n=n) + "\n", encoding="utf-8"
        )
    one, two = Engine(tmp_path / "one"), Engine(tmp_path / "two")
    one.index([press], procs=1)
    two.index([press], procs=2)
    assert list(one.passages()) == list(two.passages())
    for text in (
        "violin concerto",
        "Violinkonzert",
        "violon",
        "fichier 7",
        "Dirigent",
        "harpsichord",
        '"Number 59"',
    ):
        first, second = one.search(text, limit=50), two.search(text, limit=50)
        assert first.hits, text
        assert [(h.passage.id, h.score) for h in first.hits] == [
            (h.passage.id, h.score) for h in second.hits
        ]
    assert (
        two.search("harpsichrd").suggestion == one.search("harpsichrd").suggestion == "harpsichord"
    )


def test_the_backlog_holds_jobs_back_until_results_are_taken():
    import threading

    from search.ingest import Backlog

    backlog = Backlog(100)
    backlog.take(60)
    backlog.take(40)
    taken = threading.Event()
    thread = threading.Thread(target=lambda: (backlog.take(30), taken.set()))
    thread.start()
    assert not taken.wait(0.2)  # 130 bytes would be over the limit
    backlog.give(60)
    assert taken.wait(5)
    thread.join()
    assert backlog.pending == 70
    backlog.give(70)
    backlog.take(500)  # more than the limit, but alone it must still go: never a deadlock
    assert backlog.pending == 500
    blocked = threading.Thread(target=backlog.take, args=(10,))
    blocked.start()
    backlog.close()  # a failed build stops the waiting
    blocked.join(5)
    assert not blocked.is_alive()


def test_a_backlog_of_one_file_at_a_time_still_builds_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from search.ingest import POOL_MIN_FILES

    press = tmp_path / "press"
    press.mkdir()
    for n in range(POOL_MIN_FILES + 2):
        (press / f"note_{n:02d}.txt").write_text(
            f"Note {n}: the orchestra rehearsed the concerto until the hall was empty.\n",
            encoding="utf-8",
        )
    monkeypatch.setattr("search.ingest.BACKLOG_BYTES", 1)
    engine = Engine(tmp_path / "ix")
    report = engine.index([press], procs=2)
    assert len(report.added) == POOL_MIN_FILES + 2
    assert len(engine.search("orchestra", limit=100).hits) == POOL_MIN_FILES + 2


def test_a_build_in_two_segments_answers_like_one(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    one = Engine(tmp_path / "one")
    one.index([folder])
    monkeypatch.setattr("search.backend.whoosh.store.SPLIT_MIN_BYTES", 1)
    several = Engine(tmp_path / "several")
    several.index([folder])
    assert len(several.backend.opened().ix._segments()) == 2
    assert len(one.backend.opened().ix._segments()) == 1
    assert list(one.passages()) == list(several.passages())
    for text in ("violin", "orchestre", "Tschaikowski", '"ultimate harmony"', "trumpet OR Geige"):
        assert one.search(text).hits, text
        assert [(h.passage.id, h.score) for h in one.search(text, limit=50).hits] == [
            (h.passage.id, h.score) for h in several.search(text, limit=50).hits
        ], text


def test_many_syncs_merge_segments_and_keep_every_passage(tmp_path: Path):
    # Whoosh merges small segments on commit; inlined postings must survive the merge
    folder = tmp_path / "notes"
    folder.mkdir()
    engine = Engine(tmp_path / "ix")
    words = ["harp", "oboe", "viola", "cello", "flute", "tuba", "lute", "gong", "bassoon"]
    for n, word in enumerate(words):
        (folder / f"note_{n}.txt").write_text(
            f"On day {n} of the shoot the {word} player arrived late at the studio.\n",
            encoding="utf-8",
        )
        engine.index([folder])
    assert len(engine.backend.opened().ix._segments()) < len(words)
    assert len(list(engine.passages())) == len(words)
    for n, word in enumerate(words):
        assert [h.passage.source for h in engine.search(word).hits] == [f"note_{n}.txt"]


def test_a_word_of_a_single_passage_is_found_by_term_and_phrase(tmp_path: Path, folder: Path):
    # postings of a term in one passage live in the term dictionary (inlined), not a block
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    assert [h.passage.source for h in engine.search("harpsichords").hits] == []
    engine.index([folder, write_harpsichord(tmp_path)])
    assert [h.passage.source for h in engine.search("harpsichord").hits] == ["harp_en.txt"]
    assert [h.passage.source for h in engine.search('"tuned harpsichord"').hits] == ["harp_en.txt"]
    assert engine.search('"harpsichord tuned"').hits == []


def write_harpsichord(tmp_path: Path) -> Path:
    path = tmp_path / "harp"
    path.mkdir()
    (path / "harp_en.txt").write_text(
        "Every morning the crew listened while a tuned harpsichord filled the church.\n",
        encoding="utf-8",
    )
    return path


def test_rebuild_starts_from_scratch(tmp_path: Path, folder: Path):
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    created = engine.manifest.created
    report = engine.index([folder], rebuild=True)
    assert sorted(report.added) == sorted(FILES)
    assert report.unchanged == []
    count = sum(1 for _ in engine.passages())
    assert count == report.manifest.passage_count
    assert len({p.id for p in engine.passages()}) == count  # nothing doubled
    assert engine.manifest.created >= created


def test_rebuild_forgets_files_indexed_from_elsewhere(tmp_path: Path, folder: Path, other: Path):
    engine = Engine(tmp_path / "ix")
    engine.index([other])
    engine.index([folder], rebuild=True)
    assert sources(engine) == set(FILES)


def test_a_file_that_becomes_unreadable_keeps_its_previous_version(tmp_path: Path, folder: Path):
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    (folder / "trama_it.txt").write_bytes(BINARY)
    report = engine.index([folder])
    assert report.kept == ["trama_it.txt"]
    assert [s.path for s in report.skipped] == [str(folder / "trama_it.txt")]
    assert "binary" in report.skipped[0].reason
    assert "trama_it.txt" in report.manifest.documents
    assert [h.passage.source for h in engine.search("pulizie").hits] == ["trama_it.txt"]
    # once readable again, it is re-read
    (folder / "trama_it.txt").write_text(FILES["trama_it.txt"] + "\nGondole.\n", encoding="utf-8")
    fixed = engine.index([folder])
    assert fixed.updated == ["trama_it.txt"] and fixed.kept == [] and fixed.skipped == []


def test_unreadable_files_are_skipped_with_a_reason_and_the_rest_indexed(
    tmp_path: Path, folder: Path
):
    (folder / "blob.txt").write_bytes(BINARY)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "Le Concert", "cast": [', encoding="utf-8")
    report = Engine(tmp_path / "ix").index([folder])
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"blob.txt", "empty.txt", "broken.json"}
    assert "binary" in reasons["blob.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "JSON" in reasons["broken.json"]
    assert sorted(report.added) == sorted(FILES)
    assert Engine(tmp_path / "ix").stats().skipped == [
        {"path": s.path, "reason": s.reason} for s in report.skipped
    ]


def test_the_index_folder_inside_the_indexed_folder_is_not_indexed(tmp_path: Path, folder: Path):
    engine = Engine(folder / "ix")
    engine.index([folder])
    again = engine.index([folder])
    assert sorted(again.unchanged) == sorted(FILES)
    assert again.skipped == []
    assert (folder / "ix" / INDEX_MARKER).exists()


# -- generations -------------------------------------------------------------------------------


def test_current_points_to_a_complete_generation(tmp_path: Path, folder: Path):
    root = tmp_path / "ix"
    for rebuild in (False, False, True):
        Engine(root).index([folder], rebuild=rebuild)
        gen = current_generation(root)
        assert gen.is_dir() and gen.name.startswith("gen-")
        manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["format"] == FORMAT
        assert set(manifest["documents"]) == set(FILES)
        assert list(gen.glob("_MAIN_*.toc")), "no Whoosh table of contents"
        assert not list(root.glob("*.tmp")) and not list(root.glob("gen-*.tmp"))
        assert Layout(root).current() == gen
    # the current generation and at most the one before it are kept
    assert len(Layout(root).generations()) <= 2


def test_an_interrupted_build_leaves_the_previous_generation_serving(tmp_path: Path, folder: Path):
    root = tmp_path / "ix"
    Engine(root).index([folder])
    before = (root / "CURRENT").read_text(encoding="utf-8")
    (folder / "new_en.txt").write_text(
        "The piccolo solo was recorded in one take.\n", encoding="utf-8"
    )

    def explode(name: str, done: int, total: int) -> None:
        if done == 2:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        Engine(root).index([folder], progress=explode)
    assert (root / "CURRENT").read_text(encoding="utf-8") == before
    assert not list(root.glob("gen-*.tmp"))
    engine = Engine(root)
    assert engine.search("piccolo").hits == []
    assert engine.search("violin").hits
    # and the next run completes the job
    assert Engine(root).index([folder]).added == ["new_en.txt"]


# -- locking -----------------------------------------------------------------------------------


def test_a_second_writer_gets_index_busy_while_the_first_holds_the_lock(
    tmp_path: Path, folder: Path
):
    root = tmp_path / "ix"
    Engine(root).index([folder])
    with write_lock(root, wait=0):
        with pytest.raises(IndexBusy) as info:
            Engine(root).index([folder], wait=0.2)
        message = str(info.value)
        assert str(root) in message and "another" in message and "\n" not in message
        # readers are not blocked by a writer
        assert Engine(root).search("violin").hits
    # once released, writing works again
    assert sorted(Engine(root).index([folder], wait=0.2).unchanged) == sorted(FILES)


def test_a_busy_first_build_leaves_no_index_behind(tmp_path: Path, folder: Path):
    root = tmp_path / "ix"
    with write_lock(root, wait=0), pytest.raises(IndexBusy):
        Engine(root).index([folder], wait=0)
    assert not Engine(root).exists()


# -- readers during a rebuild ------------------------------------------------------------------


def test_a_rebuild_does_not_break_a_concurrent_reader(tmp_path: Path, folder: Path):
    root = tmp_path / "ix"
    Engine(root).index([folder])
    old = Engine(root)
    expected = [h.passage.id for h in old.search("violin harmony").hits]
    assert expected
    failures: list[BaseException] = []
    started = threading.Event()

    def rebuild() -> None:
        try:
            started.set()
            Engine(root).index([folder], rebuild=True)
        except BaseException as err:  # noqa: BLE001  # pragma: no cover - reported below
            # Whatever the writer thread raises must reach the main thread's assertion.
            failures.append(err)

    writer = threading.Thread(target=rebuild)
    writer.start()
    started.wait()
    rounds = 0
    while writer.is_alive() or rounds < 3:
        for engine in (old, Engine(root)):
            assert [h.passage.id for h in engine.search("violin harmony").hits] == expected
            assert engine.passage(expected[0]).id == expected[0]
        rounds += 1
    writer.join()
    assert failures == []
    assert current_generation(root).name != "gen-000001"
    for engine in (old, Engine(root)):
        assert [h.passage.id for h in engine.search("violin harmony").hits] == expected


def test_a_long_lived_engine_survives_two_rebuilds(tmp_path: Path, folder: Path):
    root = tmp_path / "ix"
    Engine(root).index([folder])
    old = Engine(root)
    expected = [h.passage.id for h in old.search("violin harmony").hits]
    Engine(root).index([folder], rebuild=True)
    Engine(root).index([folder], rebuild=True)
    assert [h.passage.id for h in old.search("violin harmony").hits] == expected


# -- missing, damaged, old indexes -------------------------------------------------------------


def test_missing_index_says_where(tmp_path: Path):
    engine = Engine(tmp_path / "nothing-here")
    assert not engine.exists()
    for call in (
        lambda: engine.search("violin"),
        engine.stats,
        engine.speakers,
        lambda: list(engine.passages()),
        lambda: engine.passage("x:y:01"),
    ):
        with pytest.raises(
            IndexMissing, match=f"^no index at {re.escape(str(tmp_path / 'nothing-here'))}$"
        ):
            call()


@pytest.mark.parametrize("said_by", ["manifest.json", "summary.json"])
def test_old_format_index_asks_for_a_rebuild(index_copy: Path, said_by: str):
    """An index of an older format has no summary (format 11 added it): its manifest
    says the format. A newer one's summary says it, and a search reads only that."""
    gen = current_generation(index_copy)
    data = json.loads((gen / said_by).read_text(encoding="utf-8"))
    data["format"] = 0
    (gen / said_by).write_text(json.dumps(data), encoding="utf-8")
    if said_by == "manifest.json":
        (gen / "summary.json").unlink()
        (gen / "sources.bin").unlink()
    with pytest.raises(IndexDamaged, match="has format 0, this tutti reads") as info:
        Engine(index_copy).search("violin")
    assert "tutti index" not in str(info.value)


def test_manifest_without_a_format_is_old(index_copy: Path):
    manifest_path = current_generation(index_copy) / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    del data["format"]
    manifest_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexDamaged, match="has format 0, this tutti reads"):
        Engine(index_copy).stats()


def test_a_sync_over_an_old_or_damaged_index_rebuilds_it(index_copy: Path, folder: Path):
    manifest_path = current_generation(index_copy) / "manifest.json"
    manifest_path.write_text('{"format": 0}', encoding="utf-8")
    report = Engine(index_copy).index([folder])
    assert sorted(report.added) == sorted(FILES)
    assert Engine(index_copy).search("violin").hits


@pytest.mark.parametrize("content", ["gen-999999\n", "", "../../etc\n", "manifest.json\n"])
def test_current_naming_no_generation_is_damage(index_copy: Path, content: str):
    (index_copy / "CURRENT").write_text(content, encoding="utf-8")
    with pytest.raises(IndexDamaged, match=f"^index at {re.escape(str(index_copy))} is damaged"):
        Engine(index_copy).search("violin")


def test_current_with_garbage_bytes_is_damage(index_copy: Path):
    (index_copy / "CURRENT").write_bytes(b"\xff\xfe\x00\x9cgarbage")
    with pytest.raises(IndexDamaged, match=f"^index at {re.escape(str(index_copy))} is damaged"):
        Engine(index_copy).search("violin")


def _truncate(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(os.path.getsize(path) // 2)


@pytest.mark.parametrize(
    "pattern", ["manifest.json", "summary.json", "sources.bin", "_MAIN_*.toc", "*.seg"]
)
def test_truncated_index_file_is_damage(index_copy: Path, pattern: str):
    _truncate(next(current_generation(index_copy).glob(pattern)))
    engine = Engine(index_copy)
    with pytest.raises(IndexDamaged, match=f"^index at {re.escape(str(index_copy))} is damaged"):
        # A search reads the summary, not the manifest; the film list reads every entry.
        engine.films() if pattern == "manifest.json" else engine.search("violin")


def test_the_source_table_answers_as_the_mapping_it_was_written_from(tmp_path: Path):
    """Every key found (bisection over sorted UTF-8 keys whose order is Python's), keys
    between and beyond them not, iteration in order; an empty table is empty."""
    rng = random.Random(3)
    alphabet = "aéz/._-ßÅ字0"
    metadata = {
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))): {
            "document": {"title": f"t{n}"},
            "film": None if n % 2 else {"title": "Nachtzug", "year": 2025},
        }
        for n in range(500)
    }
    write_sources(tmp_path, metadata)
    table = SourceTable(tmp_path)
    assert len(table) == len(metadata) and list(table) == sorted(metadata)
    assert all(table[k] == v for k, v in metadata.items())
    for missing in ("", "a" * 13, "\U0010ffff", *(k + "\0" for k in list(metadata)[:50])):
        assert missing not in table and table.get(missing) is None
    empty = tmp_path / "empty"
    empty.mkdir()
    write_sources(empty, {})
    assert len(SourceTable(empty)) == 0 and SourceTable(empty).get("a") is None


@pytest.mark.parametrize("damage", ["empty", "magic", "offset", "record"])
def test_a_damaged_source_table_is_one_line_of_damage(tmp_path: Path, damage: str):
    write_sources(tmp_path, {"a.txt": {"film": None}, "b.txt": {"film": None}})
    path = tmp_path / "sources.bin"
    data = bytearray(path.read_bytes())
    if damage == "empty":
        data = bytearray()
    elif damage == "magic":
        data[0:8] = b"NOTTUTTI"
    elif damage == "offset":
        data[12:20] = (10**9).to_bytes(8, "little")
    else:
        data[-3:] = b"\xff{["
    path.write_bytes(bytes(data))
    with pytest.raises(IndexDamaged, match=r"^index at .* is damaged \(.*sources\.bin"):
        table = SourceTable(tmp_path)
        table["a.txt"], table["b.txt"]
