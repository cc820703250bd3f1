"""The ``tutti`` program's entry point: a plain search is read here, anything else by Typer.

Importing Typer and Click, and building the command tree, took about 15 ms of a short
search's 80 to 90 (``benchmarks/RESULTS.md``). A shell loop or a script that runs ``tutti
search ... --json`` once per query pays it every time, so a command line made only of
``search``, its query and well-formed options is read here against ``SEARCH_OPTIONS``
and answered without them. Whatever else it holds (``--help``, a typo, a value out of
range, ``--``, ``-n5``) goes to Typer, which reads it and words the error; the tests
check that both readings of the same command line agree, option by option.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from .cli_search import (
    CommandExit,
    EmptyOption,
    SearchOptions,
    error_line,
    run_search,
    search_options,
)
from .context import Environment, PipeClosed, os_text
from .errors import TuttiError
from .status import ExitStatus

#: ``tutti search``'s options as its Typer command declares them (``cli.search``): each
#: name, with the parameter it sets and the kind of value it takes. A test derives the
#: same table from Typer's command, so an option added there and not here fails it.
SEARCH_OPTIONS: dict[str, tuple[str, str]] = {
    "--speaker": ("speaker", "list"),
    "-s": ("speaker", "list"),
    "--lang": ("lang", "list"),
    "-l": ("lang", "list"),
    "--source": ("source", "list"),
    "--kind": ("kind", "list"),
    "--role": ("role", "list"),
    "--film": ("film", "list"),
    "--limit": ("limit", "count"),
    "-n": ("limit", "count"),
    "--count": ("count", "flag"),
    "-c": ("count", "flag"),
    "--files": ("files", "flag"),
    "--summary": ("summary", "flag"),
    "--json": ("json_out", "flag"),
    "--cite": ("cite", "flag"),
    "--cite-format": ("cite_format", "choice"),
    "--color": ("color", "choice"),
    "--index-dir": ("index_dir", "path"),
    "--backend": ("backend", "text"),
    "--url": ("url", "text"),
}

#: The values a ``choice`` option takes, as its Typer enum spells them.
CHOICES: dict[str, tuple[str, ...]] = {
    "cite_format": ("text", "markdown", "csl-json"),
    "color": ("auto", "always", "never"),
}

#: Set by a shell asking Typer for completions.
COMPLETION_VAR = "_TUTTI_COMPLETE"


def parse_search(args: list[str]) -> SearchOptions | None:
    """``args`` as ``tutti search`` reads them, when they are ``search``, one query and
    options of ``SEARCH_OPTIONS`` with values that need no checking beyond their form;
    None for any other command line."""
    if not args or args[0] != "search":
        return None
    query: str | None = None
    given: dict[str, Any] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-" or not arg.startswith("-"):
            if query is not None:
                return None
            query = arg
            continue
        name, eq, inline = arg.partition("=")
        spec = SEARCH_OPTIONS.get(name)
        if spec is None or (eq and not name.startswith("--")):
            return None
        param, kind = spec
        if kind == "flag":
            if eq:
                return None
            given[param] = True
            continue
        value = inline if eq else next(rest, None)
        if not value or value.startswith("-"):
            return None
        if kind == "list":
            given.setdefault(param, []).append(value)
        elif kind == "count":
            if not (value.isascii() and value.isdigit()):
                return None
            given[param] = int(value)
        elif kind == "choice":
            if value not in CHOICES[param]:
                return None
            given[param] = value
        else:
            given[param] = Path(value) if kind == "path" else value
    if query is None:
        return None
    try:
        return search_options(query, given)
    except EmptyOption:
        return None  # Typer's error says which option was given no value


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI and return its exit status instead of calling sys.exit. Commands let the
    library's errors (``TuttiError``) go: they become one line and an exit status here."""
    env = env or Environment.from_system()
    # an argument that is not UTF-8 (a Latin-1 terminal) would reach no writer
    args = [os_text(arg) for arg in (argv if argv is not None else sys.argv[1:])]
    options = None if COMPLETION_VAR in os.environ else parse_search(args)
    if options is None or options.query == "-":
        gc.enable()  # off only for a single search (``run``)
    try:
        if options is not None:
            return run_search(env, options)
        from .cli import run_typer

        return run_typer(args, env)
    except CommandExit as done:
        return done.status
    except TuttiError as err:
        from .render import message

        message(env, error_line(err))
        return ExitStatus.ERROR
    except KeyboardInterrupt:
        from .render import message

        message(env, "interrupted", level="info")
        return ExitStatus.INTERRUPTED
    except (PipeClosed, BrokenPipeError):
        _silence_stdout()
        return ExitStatus.OK


def run() -> NoReturn:
    """The ``tutti`` program: ``main``, then an exit that skips tearing the interpreter
    down (freeing every module and cache, a noticeable share of a short search). Every
    command has finished its work and closed its files and worker processes by then, and
    nothing of ours waits for an exit handler; only the output buffers are left, and
    they are flushed here. An interrupted command leaves the usual way instead: a stopped
    worker pool's semaphores are released by exit handlers (multiprocessing's), without
    which its resource tracker warns about leaked semaphores.

    The cyclic garbage collector is off until ``main`` has read the command line, and stays
    off for a single search: such a process makes a bounded number of objects (building
    the demo index first, when there is no index at all, reads the five bundled seeds) and
    ends here, so collecting only cost it time (4 of its 58 ms, ``benchmarks/RESULTS.md``),
    most of it walking the objects its imports made. Every other command, and a batch of
    queries, turns it back on."""
    gc.disable()
    status = main()
    if status in (ExitStatus.INTERRUPTED, ExitStatus.TERMINATED):
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # gone, or never open
            stream.flush()
    os._exit(status)


def _silence_stdout() -> None:
    """After the reader of our stdout went away, stop Python complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
