"""A stream of queries answered by worker processes, one per core.

Whoosh matches in pure Python, so one process answers on one core. A batch
(``tutti search -``) is answered by several processes, each with its own searcher, while
this one reads the queries and hands the answers back in the order the queries came.

Before the workers are forked, this process reads what each of them needs besides the
segment files (the manifest, the did-you-mean vocabulary, the cast): 0.12 s at 80k
passages, read once instead of once a worker. Segment files are opened by each worker: processes must
not share a file's read position.

The queries are read by a thread, so an answer is handed back as soon as it is ready
even while the next query has not arrived: a program that writes one query and waits for
its answer is never left waiting. The workers are started before that thread (forking a
process that runs threads can copy a lock another thread holds). Workers ignore Ctrl-C;
this process gets it, and leaving the loop stops them. A worker that dies (killed, out of
memory) ends the batch with an error instead of a wait for an answer that never comes.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .errors import TuttiError

#: Queries sent ahead to each worker: enough to keep it busy while answers travel back.
AHEAD_PER_WORKER = 4
#: How often the loop looks for a finished answer while it waits for the next query.
POLL_SECONDS = 0.005
#: Most workers a batch starts, however many cores: each holds its own searcher.
MAX_WORKERS = 8

_engine: Any = None
_options: dict[str, Any] = {}


def default_workers() -> int:
    """One worker per core this process may run on, at most ``MAX_WORKERS``."""
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _start(index_dir: str, options: dict[str, Any]) -> None:
    """In a worker: the engine this process inherited (forked), or a new one (spawned)."""
    global _engine, _options
    from .engine import Engine

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _engine is None:
        _engine = Engine(index_dir)
    _options = options


def _answer(text: str) -> Any:
    try:
        return _engine.search(text, **_options)
    except TuttiError as err:
        return err


def _read(texts: Iterable[str], lines: queue.Queue[tuple[str, Any]]) -> None:
    try:
        for text in texts:
            lines.put(("query", text))
        lines.put(("end", None))
    except BaseException as err:  # the iterator failed (a read error): the loop raises it
        lines.put(("raise", err))


def answers(index_dir: str, texts: Iterable[str], workers: int,
            options: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(query, result or TuttiError) for each query, in order, from ``workers`` processes."""
    global _engine
    methods = multiprocessing.get_all_start_methods()
    fork = "fork" in methods
    context = multiprocessing.get_context("fork" if fork else "spawn")
    ahead = workers * AHEAD_PER_WORKER
    pending: deque[tuple[str, Future[Any]]] = deque()
    if fork:  # read once here what every worker needs besides the segments themselves
        from .engine import Engine

        _engine = Engine(index_dir)
        _engine.preload()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                               initargs=(index_dir, options))
    try:
        pool.submit(int).result()  # starts every worker now, before the reader thread
        lines: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=ahead)
        threading.Thread(target=_read, args=(texts, lines), daemon=True).start()
        ended = False
        while pending or not ended:
            while pending and pending[0][1].done():
                text, future = pending.popleft()
                yield text, future.result()
            if ended or len(pending) >= ahead:
                if pending:
                    wait_for([pending[0][1]], None if ended else POLL_SECONDS)
                continue
            try:
                kind, value = lines.get(timeout=POLL_SECONDS if pending else None)
            except queue.Empty:
                continue
            if kind == "query":
                pending.append((value, pool.submit(_answer, value)))
            elif kind == "end":
                ended = True
            else:
                for text, future in pending:  # what was asked before the failure
                    yield text, future.result()
                pending.clear()
                raise value
    except BrokenProcessPool as err:
        raise TuttiError(f"a worker process answering the batch stopped ({err}); "
                         f"{len(pending)} queries were left unanswered") from None
    finally:  # queries not started yet are dropped; the few running finish first
        pool.shutdown(wait=True, cancel_futures=True)
        _engine = None
