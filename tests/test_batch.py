"""A stream of queries answered by worker processes (search/batch.py, Engine.search_many)."""

from __future__ import annotations

import itertools
import json
import os
import pickle
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from search import batch
from search.engine import Engine
from search.errors import QueryError, TuttiError, UnknownName

QUERIES = [
    "violin",
    "harmony",
    "!!!",
    "xylophonist",
    "concert OR trumpet",
    '"final concert"',
    "orchestra",
    "Tschaikowski",
]


def summary(results: list[tuple[str, object]]) -> list[tuple[str, object]]:
    out = []
    for text, result in results:
        if isinstance(result, Exception):
            out.append((text, (type(result).__name__, str(result))))
        else:
            out.append(
                (
                    text,
                    [(h.passage.id, h.rank, h.score, h.snippet, h.highlights) for h in result.hits],
                )
            )
    return out


def test_workers_answer_as_one_process_does_in_the_order_asked(shared_index: Path):
    engine = Engine(shared_index)
    alone = summary(list(engine.search_many(QUERIES, workers=1)))
    together = summary(list(engine.search_many(iter(QUERIES * 3), workers=2)))
    assert together == alone * 3
    assert [text for text, _ in alone] == QUERIES
    assert alone[2][1][0] == "QueryError"  # an error is an answer; the batch goes on
    assert alone[3][1] == [] and len(alone[0][1]) > 0


def test_workers_inherit_what_was_read_before_they_were_forked(
    shared_index: Path, monkeypatch: pytest.MonkeyPatch
):
    """The vocabulary is read here, before the fork: a worker that read it itself would
    find none, and "violn" would get no suggestion."""
    from search.backend.whoosh import store

    engine = Engine(shared_index)
    suggested = engine.search("violn").suggestion
    read, here = store.read_vocabulary, os.getpid()

    def read_once(gen: Path) -> dict[str, int]:
        return read(gen) if os.getpid() == here else {}

    monkeypatch.setattr(store, "read_vocabulary", read_once)
    monkeypatch.setattr("search.backend.whoosh.backend.read_vocabulary", read_once)
    [(_, result)] = list(engine.search_many(["violn"], workers=2))
    assert suggested and result.suggestion == suggested
    preloaded = Engine(shared_index)
    preloaded.preload()
    assert preloaded.backend.opened().searcher is None  # no segment file opened before a fork
    searched = Engine(shared_index)
    searched.search("violin")
    twin = searched.sharing()  # what the workers are forked with
    assert twin.backend.opened().searcher is None
    assert searched.backend.opened().searcher is not None
    assert twin.backend.opened().ix is searched.backend.opened().ix
    assert twin.backend.opened().vocabulary is searched.backend.opened().vocabulary is not None
    assert twin.summary is searched.summary
    assert twin.backend.opened().meta is searched.backend.opened().meta is not None


def test_filters_apply_to_every_query_and_an_unknown_name_is_each_querys_error(shared_index: Path):
    engine = Engine(shared_index)
    doe = summary(list(engine.search_many(["violin", "concert"], workers=2, speakers=["doe"])))
    assert doe == summary(
        list(engine.search_many(["violin", "concert"], workers=1, speakers=["doe"]))
    )
    unknown = list(engine.search_many(["violin", "concert"], workers=2, speakers=["nobody"]))
    assert all(isinstance(result, UnknownName) for _, result in unknown)


def test_an_answer_comes_back_before_the_next_query_is_written(shared_index: Path):
    # A program that writes a query and waits for its answer must not wait forever.
    answered = threading.Event()
    got: list[str] = []

    def one_at_a_time() -> Iterator[str]:
        for text in ("violin", "harmony", "concert"):
            answered.clear()
            yield text
            assert answered.wait(30), f"no answer to {text!r} while the next query waited"

    def consume() -> None:
        for text, _ in Engine(shared_index).search_many(one_at_a_time(), workers=2):
            got.append(text)
            answered.set()

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(90)
    assert got == ["violin", "harmony", "concert"]


def test_ctrl_c_while_reading_queries_reaches_the_caller(shared_index: Path):
    def interrupted() -> Iterator[str]:
        yield "violin"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(Engine(shared_index).search_many(interrupted(), workers=2))


def _dies_on_die(text: str) -> object:
    if text == "die":
        os._exit(9)  # what the OOM killer does to a worker
    return batch._engine.search(text, **batch._options)


def test_a_worker_that_dies_ends_the_batch_with_an_error_not_a_wait(
    shared_index: Path, monkeypatch
):
    monkeypatch.setattr(batch, "_answer", _dies_on_die)
    got: list[object] = []

    def consume() -> None:
        try:
            for text, _ in Engine(shared_index).search_many(
                ["violin", "die", "harmony"], workers=2
            ):
                got.append(text)
        except TuttiError as err:
            got.append(err)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert isinstance(got[-1], TuttiError) and "worker process" in str(got[-1])


def test_queries_are_read_only_a_few_ahead_of_the_answers(shared_index: Path):
    read = itertools.count()

    def endless() -> Iterator[str]:
        while True:
            next(read)
            yield "violin"

    answers = Engine(shared_index).search_many(endless(), workers=2)
    for _ in range(3):
        next(answers)
    answers.close()
    assert next(read) <= 3 + 2 * (2 * batch.AHEAD_PER_WORKER) + 2


def test_a_read_error_comes_after_the_answers_to_what_was_read(shared_index: Path):
    def failing() -> Iterator[str]:
        yield "violin"
        yield "harmony"
        raise OSError("stdin went away")

    got = []
    with pytest.raises(OSError, match="stdin went away"):
        for text, _ in Engine(shared_index).search_many(failing(), workers=2):
            got.append(text)
    assert got == ["violin", "harmony"]


def test_errors_cross_processes_whole():
    err = pickle.loads(pickle.dumps(UnknownName("speaker", "nobody", ["Jane Doe"])))
    assert (err.what, err.value, err.suggestions) == ("speaker", "nobody", ["Jane Doe"])
    assert str(err) == "unknown speaker 'nobody'; did you mean 'Jane Doe'?"
    assert str(pickle.loads(pickle.dumps(QueryError("empty query")))) == "empty query"


def _pid_and_hits(result: object) -> tuple[int, int]:
    return os.getpid(), len(result.hits)  # type: ignore[attr-defined]


def test_convert_runs_in_the_worker_that_answered(shared_index: Path):
    engine = Engine(shared_index)
    alone = [
        answer for _, answer in engine.search_many(QUERIES[:2], workers=1, convert=_pid_and_hits)
    ]
    together = [
        answer
        for _, answer in engine.search_many(QUERIES[:2] * 4, workers=2, convert=_pid_and_hits)
    ]
    assert alone == [(os.getpid(), n) for _, n in alone]
    assert [n for _, n in together] == [n for _, n in alone] * 4
    assert os.getpid() not in {pid for pid, _ in together}


def _frozen(result: object) -> int:
    import gc

    return gc.get_freeze_count()


def test_workers_collect_garbage_without_scanning_what_they_inherited(shared_index: Path):
    import gc

    engine = Engine(shared_index)
    answered = dict(batch.answers(engine, ["violin", "harmony"], 2, {}, convert=_frozen))
    assert all(count > 1000 for count in answered.values())  # the modules and index state
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # this process collects as before
    gc.freeze()  # a caller that froze objects of its own keeps them frozen
    try:
        before = gc.get_freeze_count()
        assert dict(batch.answers(engine, ["violin"], 1, {}, convert=_frozen))["violin"] > 1000
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_json_answers_from_workers_equal_one_process(shared_index: Path):
    from search import render

    engine = Engine(shared_index)
    alone = list(engine.search_many(QUERIES, workers=1, convert=render.json_answer))
    together = list(engine.search_many(QUERIES, workers=2, convert=render.json_answer))
    assert [(text, str(a)) for text, a in together] == [(text, str(a)) for text, a in alone]
    lines = dict(alone)["violin"].lines.splitlines()
    assert lines and all(json.loads(line)["query"] == "violin" for line in lines)


def _fails_on_bug(text: str) -> object:
    if text == "bug":
        raise ZeroDivisionError("a bug in a worker")
    return batch._engine.search(text, **batch._options)


def test_a_bug_in_a_worker_is_raised_here_after_the_answers_before_it(
    shared_index: Path, monkeypatch
):
    monkeypatch.setattr(batch, "_answer", _fails_on_bug)
    got = []
    with pytest.raises(ZeroDivisionError, match="a bug in a worker"):
        for text, _ in Engine(shared_index).search_many(["violin", "bug", "harmony"], workers=2):
            got.append(text)
    assert got == ["violin"]


def test_workers_are_gone_when_the_caller_stops_early(shared_index: Path):
    import multiprocessing

    answers = Engine(shared_index).search_many(iter(["violin"] * 50), workers=2)
    next(answers)
    assert len(multiprocessing.active_children()) == 2
    answers.close()
    assert multiprocessing.active_children() == []


class _Awkward(Exception):
    def __init__(self, what: str, where: str) -> None:
        super().__init__(f"{what} at {where}")


def _fails_awkwardly(text: str) -> object:
    raise _Awkward("a bug", "a worker")  # pickles, but cannot be rebuilt from its args


def _unsendable(result: object) -> object:
    return lambda: result  # pickle cannot write a lambda


def test_a_worker_bug_that_cannot_cross_is_named_not_lost(shared_index: Path, monkeypatch):
    monkeypatch.setattr(batch, "_answer", _fails_awkwardly)
    with pytest.raises(RuntimeError, match="_Awkward: a bug at a worker"):
        list(Engine(shared_index).search_many(["violin"], workers=2))


def test_an_answer_that_cannot_cross_is_named_not_a_dead_worker(shared_index: Path):
    with pytest.raises(RuntimeError, match="answer to 'violin' cannot cross"):
        list(Engine(shared_index).search_many(["violin"], workers=2, convert=_unsendable))


def test_each_summary_names_the_query_its_hits_answer(shared_index: Path):
    """``tutti search - --json --summary`` with workers: the reader thread takes the next
    queries while answers are written, and must not change which query a summary (or an
    error line) names. Many distinct queries keep the reader ahead of the writer."""
    import subprocess
    import sys

    words = ["violin", "harmony", "concert", "orchestra", "music", "film", "Tschaikowski"]
    queries = [f"{a} OR {b}" for a, b in itertools.product(words, repeat=2)] * 2
    out = subprocess.run(
        [sys.executable, "-m", "search", "search", "-", "--json", "--summary", "--limit", "2"],
        input="\n".join(queries) + "\n",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TUTTI_INDEX_DIR": str(shared_index)},
    )
    assert out.returncode in (0, 1), out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    summaries = [r["query"] for r in records if r.get("type") == "summary"]
    assert summaries == queries
    asked = iter(queries)
    current = next(asked)
    for record in records:
        if record.get("type") == "summary":
            assert record["query"] == current
            current = next(asked, None)
        else:
            assert record["query"] == current
