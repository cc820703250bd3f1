"""A stream of queries answered by worker processes, one per core.

Whoosh matches in pure Python, so one process answers on one core. A batch
(``tutti search -``) is answered by several processes, each with its own searcher, while
this one reads the queries and hands the answers back in the order the queries came.

Before the workers are forked, this process reads what each of them needs besides the
segment files (the manifest, the did-you-mean vocabulary, the cast; ``Engine.sharing``):
read once instead of once a worker, and not at all where the calling Engine has read it. Segment files are opened by each worker: processes must not
share a file's read position.

Each worker has a pipe of its own. A thread reads the queries and sends each to the
worker with the fewest unanswered, noting the order; this thread takes each answer from
the worker that has it, in that order, blocking on its pipe. Nothing polls, and an answer
is handed back as soon as it is ready even while the next query has not arrived: a
program that writes one query and waits for its answer is never left waiting.
``convert`` runs in the worker on each result, so the CLI's JSON is written there and
crosses the pipe as one string: this process, which shares the cores with the workers,
then neither unpickles results nor writes their JSON (a ``ProcessPoolExecutor`` made it
do both).

The workers are started before the thread (forking a process that runs threads can copy
a lock another thread holds). Workers ignore Ctrl-C; this process gets it, and leaving
the loop stops them. A worker that dies (killed, out of memory) ends the batch with an
error instead of a wait for an answer that never comes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .errors import TuttiError

#: Queries sent ahead to each worker: answers are taken in order, so a worker whose next
#: answer is not due yet keeps working while another finishes a slow query.
AHEAD_PER_WORKER = 16
#: Most workers a batch starts, however many cores: each holds its own searcher.
MAX_WORKERS = 8
#: How long an idle worker gets to leave once the batch ends, before it is killed.
STOP_SECONDS = 5.0

Convert = Callable[[Any], Any]

_engine: Any = None
_options: dict[str, Any] = {}
_convert: Convert | None = None


def default_workers() -> int:
    """One worker per core this process may run on, at most ``MAX_WORKERS``."""
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


class _Failed:
    """A worker's unexpected exception (a bug), raised again in this process."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _answer(text: str) -> Any:
    """In a worker: the converted result for ``text``, or the TuttiError it raised."""
    try:
        result = _engine.search(text, **_options)
    except TuttiError as err:
        return err
    return _convert(result) if _convert is not None else result


def _serve(
    conn: Any,
    index_dir: str,
    options: dict[str, Any],
    convert: Convert | None,
    inherited: list[Any],
) -> None:
    """A worker's loop: a query in, its answer out, until ``None`` or the pipe closes."""
    global _engine, _options, _convert  # noqa: PLW0603  (the worker process's own state)
    for end in inherited:  # this process's ends of the pipes, copied by the fork: while a
        end.close()  # worker holds both ends of its pipe, it never sees it close
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _engine is None:
        from .engine import Engine

        _engine = Engine(index_dir)
    _options, _convert = options, convert
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):  # this process is gone
            return
        if text is None:
            return
        try:
            answer = _answer(text)
        except Exception as err:  # noqa: BLE001  (a bug: raised again in the main process)
            answer = _Failed(_portable(err))
        try:
            conn.send(answer)
        except OSError:  # this process is gone
            return
        except Exception as err:  # noqa: BLE001  (an answer pickle cannot write: convert's bug)
            conn.send(
                _Failed(
                    RuntimeError(
                        f"the answer to {text!r} cannot cross to the "
                        f"main process: {type(err).__name__}: {err}"
                    )
                )
            )


def _portable(err: Exception) -> Exception:
    """``err``, or a RuntimeError naming it if it cannot be rebuilt from a pickle (an
    exception whose ``__init__`` wants other arguments): it is raised in another process."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:  # noqa: BLE001  (any failure to rebuild it means it cannot cross)
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def answers(
    engine: Any,
    texts: Iterable[str],
    workers: int,
    options: dict[str, Any],
    convert: Convert | None = None,
) -> Iterator[tuple[str, Any]]:
    """(query, converted result or TuttiError) for each query, in order, from ``workers``
    processes searching ``engine``'s index."""
    global _engine  # noqa: PLW0603  (inherited by the workers forked next)
    fork = "fork" in multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if fork else "spawn")
    index_dir = str(engine.index_dir)
    pipes: list[Any] = []
    procs: list[Any] = []
    # What the workers inherit (modules, the state read next) is never garbage: frozen,
    # their collector skips it, and never writes to (so copies) its pages. GC took 0.59 of
    # the 1,000 benchmark queries' 4.3 s of CPU, 0.33 s frozen. A caller that froze objects
    # of its own is left as it was: unfreezing would release those too.
    freezing = fork and gc.get_freeze_count() == 0
    try:
        if fork:  # read once here what every worker needs besides the segments themselves
            _engine = engine.sharing()
        if freezing:
            gc.freeze()
        for _ in range(workers):
            here, there = context.Pipe()
            proc = context.Process(
                target=_serve,
                daemon=True,
                args=(there, index_dir, options, convert, [*pipes, here] if fork else []),
            )
            proc.start()
            there.close()
            pipes.append(here)
            procs.append(proc)
    except BaseException:
        _stop(pipes, procs, False)
        raise
    finally:
        _engine = None
        if freezing:
            gc.unfreeze()
    order: queue.SimpleQueue[tuple[str, Any, int]] = queue.SimpleQueue()
    room = threading.Semaphore(workers * AHEAD_PER_WORKER)
    sent = [0] * workers  # written by the reader only
    received = [0] * workers  # written by this thread only
    stopping = threading.Event()

    def read() -> None:
        try:
            for text in texts:
                room.acquire()
                if stopping.is_set():
                    return
                w = min(range(workers), key=lambda i: sent[i] - received[i])
                order.put(("query", text, w))
                sent[w] += 1
                try:
                    pipes[w].send(text)
                except OSError:  # the worker is gone: this thread finds its pipe closed
                    return
            order.put(("end", None, 0))
        except BaseException as err:  # noqa: BLE001  (the iterator failed: this thread
            order.put(("raise", err, 0))  # raises it after the answers before it)

    threading.Thread(target=read, daemon=True).start()
    finished = False
    try:
        while True:
            kind, value, w = order.get()
            if kind == "end":
                finished = True
                return
            if kind == "raise":
                raise value
            try:
                answer = pipes[w].recv()
            except (EOFError, OSError):
                raise _broken(procs[w], sum(sent) - sum(received)) from None
            received[w] += 1
            room.release()
            if isinstance(answer, _Failed):
                raise answer.error
            yield value, answer
    finally:
        stopping.set()
        room.release(workers * AHEAD_PER_WORKER + 1)  # a reader waiting for room leaves
        _stop(pipes, procs, finished)


def _broken(proc: Any, unanswered: int) -> TuttiError:
    proc.join(1)  # its pipe closed as it died: give it a moment to report how
    code = f" (exit code {proc.exitcode})" if proc.exitcode is not None else ""
    return TuttiError(
        f"a worker process answering the batch stopped{code}; "
        f"{unanswered} queries were left unanswered"
    )


def _stop(pipes: list[Any], procs: list[Any], finished: bool) -> None:
    """Stop the workers: idle ones (every query answered) are asked to leave; after an
    error, Ctrl-C or a caller that stopped reading, they are stopped at once (they only
    read the index, and their queued answers have no reader)."""
    for conn, proc in zip(pipes, procs, strict=True):
        try:
            if finished:
                conn.send(None)
            else:
                proc.terminate()
        except OSError:
            pass
    for proc in procs:
        proc.join(STOP_SECONDS)
        if proc.is_alive():
            proc.kill()
            proc.join()
    for conn in pipes:
        conn.close()
