"""The ``search`` command's work, and what every command shares, without Typer.

Loading Typer and Click is a sixth of a short search's start, so a plain search reaches
this module without them (``cli_entry``); ``cli`` wraps the same function as a Typer command.
Both read their options into ``SearchOptions`` and leave the rest to ``run_search``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .context import Environment, os_text
from .errors import IndexDamaged, IndexMissing, TuttiError
from .status import ExitStatus

if TYPE_CHECKING:
    from rich.console import Console


class CommandExit(Exception):
    """The end of a command with ``status``; what it had to say is written already."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def fail(env: Environment, text: str) -> CommandExit:
    """An error the CLI itself finds (options that do not go together, no index where the
    user pointed): its line, and the exit that ends the command."""
    from .render import message

    message(env, text)
    return CommandExit(ExitStatus.ERROR)


#: What to run about an error, by its class: the library's message says what went wrong and
#: where, and the CLI, which alone knows its commands, adds how to mend it.
HINTS: dict[type[TuttiError], str] = {
    IndexDamaged: "run: tutti index --rebuild",
    IndexMissing: "run: tutti index [PATH ...]",
}


def error_line(err: TuttiError) -> str:
    """The one line a user reads for a library error: its message, then the hint for the
    nearest class of it that has one."""
    hint = next((HINTS[cls] for cls in type(err).__mro__ if cls in HINTS), None)
    return f"{err}; {hint}" if hint else str(err)


class EmptyOption(ValueError):
    """An option given only empty values: an error, since ignoring it would search
    everything."""

    def __init__(self, option: str) -> None:
        super().__init__(f"{option} was given no value")


def split_values(values: list[str] | None, option: str, *, commas: bool = True) -> list[str] | None:
    """A repeatable option's values: None when it was not given, else its values,
    stripped (EmptyOption when every value given was empty). Repeated options and comma
    lists both work (--lang en --lang fr, --lang en,fr); film titles hold commas ("Love,
    Actually"), so ``commas=False`` keeps each value whole."""
    if not values:
        return None
    pieces = (v for value in values for v in value.split(",")) if commas else iter(values)
    out = [v.strip() for v in pieces if v.strip()]
    if not out:
        raise EmptyOption(option)
    return out


class SearchOptions(NamedTuple):
    """``tutti search``'s options, as read from the command line (lists already split)."""

    query: str
    speakers: list[str] | None = None
    langs: list[str] | None = None
    sources: list[str] | None = None
    kinds: list[str] | None = None
    roles: list[str] | None = None
    films: list[str] | None = None
    limit: int = 10
    count: bool = False  # type: ignore[assignment]  # shadows tuple.count, called on no options
    files: bool = False
    summary: bool = False
    json_out: bool = False
    cite: bool = False
    cite_format: str | None = None
    color: str = "auto"
    index_dir: Path | None = None
    backend: str | None = None
    url: str | None = None


#: ``tutti search``'s repeatable options, by parameter, with the field each fills.
LISTS = {
    "speaker": "speakers",
    "lang": "langs",
    "source": "sources",
    "kind": "kinds",
    "role": "roles",
    "film": "films",
}


def search_options(query: str, given: Mapping[str, Any]) -> SearchOptions:
    """``tutti search``'s options from the parameters a command line gave (by the Typer
    command's names; the others as given), the repeatable ones split (EmptyOption for one
    given only empty values). Typer's command and the entry point's reader both use it."""
    lists: dict[str, Any] = {
        LISTS[name]: split_values(given.get(name), f"--{name}", commas=name != "film")
        for name in LISTS
    }
    return SearchOptions(query=query, **lists, **{k: v for k, v in given.items() if k not in LISTS})


def run_search(env: Environment, opts: SearchOptions) -> ExitStatus:
    """Answer ``opts.query`` (or, for ``-``, each line of stdin) and write the answers:
    JSON Lines, counts, file names, or hits or quotations for a person.

    Ctrl-C ends them here with its line, whichever reader took the command line: Typer
    reports a KeyboardInterrupt as a bare exit status, which tells the user nothing."""
    try:
        return _answer(env, opts)
    except KeyboardInterrupt:
        from .render import message

        message(env, "interrupted", level="info")
        return ExitStatus.INTERRUPTED


def _answer(env: Environment, opts: SearchOptions) -> ExitStatus:
    from . import render

    if opts.summary and not opts.json_out:
        raise fail(env, "--summary goes with --json (text output already ends with the total)")
    # --cite-format alone asks for citations too (cite_as below)
    citing = opts.cite or opts.cite_format is not None
    if opts.files and (opts.count or opts.json_out or citing):
        raise fail(
            env, "--files prints file names only: it goes with neither --count, --json nor --cite"
        )
    if opts.count and citing:
        raise fail(env, "--count prints how many passages match: it goes without --cite")
    if citing and opts.json_out:  # (it was ignored: a script expecting citations got rows)
        raise fail(
            env,
            "--cite goes without --json: JSON rows hold each hit's title, author, publication "
            "and date (citations as JSON: --cite --cite-format csl-json)",
        )
    colour = env.colour(opts.color)
    engine = reading_engine(env, opts.index_dir, opts.backend, opts.url)
    batch = opts.query == "-"
    if batch and env.stdin_isatty:
        queries: Iterable[str] = _typed_queries(env)
    else:
        # A batch is read line by line as it arrives, so another program can feed it; its
        # blank lines are skipped, while a single empty QUERY is an error (QueryError). No
        # walrus here: it would bind this function's ``text``, which the batch's reader
        # thread would then overwrite while the answers below are written.
        queries = (
            (stripped for stripped in (os_text(line).strip() for line in env.stdin) if stripped)
            if batch
            else [opts.query]
        )
    cite_as = opts.cite_format or ("text" if opts.cite else None)
    any_hits = False
    errors = 0
    noted: set[str] = set()
    listing = opts.count or opts.files
    con: Console | None = None  # made for the first hits shown as text: JSON never loads Rich
    # A batch is answered by one worker process per core (Engine.search_many); with
    # --json each worker writes its JSON, which is passed on here as it comes. Typed
    # queries are answered here, one at a time, so each answer follows its prompt.
    interactive = batch and env.stdin_isatty
    if batch and opts.json_out:
        render.fast_json()  # before the workers fork
    results = engine.search_many(
        queries,
        workers=None if batch and not interactive else 1,
        speakers=opts.speakers,
        langs=opts.langs,
        sources=opts.sources,
        kinds=opts.kinds,
        films=opts.films,
        roles=opts.roles,
        limit=1 if listing else (opts.limit or None),
        facets=opts.files,
        convert=render.json_answer if opts.json_out and not listing else None,
    )
    for text, result in results:
        if isinstance(result, TuttiError):
            if not batch:
                raise result
            render.message(env, f"query {text!r}: {error_line(result)}")
            errors += 1
            continue
        for note in result.notes:
            if note not in noted:
                noted.add(note)
                render.message(env, note, level="info")
        if opts.count:
            found = result.total
            if opts.json_out:
                render.write_jsonl(env, [render.summary_json(text, result.total)])
            else:
                env.stdout.write(render.count_line(result.total, text if batch else None))
                env.stdout.flush()
        elif opts.files:
            found = result.total
            names = sorted(result.facets.get("source", {}))
            # In a batch each name is followed by its query after a tab, as --count's
            # count is: one query's list stays apart from the next's in a pipe.
            tail = f"\t{render.plain_line(text)}\n" if batch else "\n"
            env.stdout.write("".join(render.plain_line(name) + tail for name in names))
            env.stdout.flush()
        elif opts.json_out:
            env.stdout.write(result.lines)
            if opts.summary:
                env.stdout.write(render.json_line(render.summary_json(text, result.total)))
            env.stdout.flush()
            found = result.hits
        else:
            found = len(result.hits)
            con = con or render.console(env, colour)
            if batch and cite_as != "csl-json":  # CSL-JSON: one array per query per line
                render.rule(con, text)
            if cite_as:
                render.render_citations(con, result.hits, cite_as)
            else:
                render.render_hits(con, result.hits)
                if result.hits:
                    con.print(f"{len(result.hits)} of {result.total} hits", style="dim")
        any_hits = any_hits or found > 0
        if not found and not opts.count:
            hint = f"; did you mean {result.suggestion!r}?" if result.suggestion else ""
            render.message(env, f"no hits for {text!r}{hint}", level="info")
        elif not listing and result.suggestion and not opts.json_out:
            render.message(env, f"few hits; did you mean {result.suggestion!r}?", level="info")
    if errors:
        return ExitStatus.ERROR
    return ExitStatus.OK if any_hits else ExitStatus.NO_HITS


def _typed_queries(env: Environment) -> Iterator[str]:
    """Queries typed at a terminal: a one-line hint, then a prompt for each (on stderr,
    so stdout stays the answers); Ctrl-D ends."""
    from .render import message

    message(env, "type one query per line; Ctrl-D ends", level="info")
    while True:
        env.stderr.write("query> ")
        env.stderr.flush()
        try:
            line = os_text(env.stdin.readline())
        except KeyboardInterrupt:
            env.stderr.write("\n")  # so that "interrupted" starts its own line
            raise
        if not line:
            env.stderr.write("\n")
            env.stderr.flush()
            return
        if text := line.strip():
            yield text


def engine_for(index_dir: Path | None, backend: str | None = None, url: str | None = None) -> Any:
    from .engine import Engine

    return Engine(index_dir, backend=backend, url=url)


def reading_engine(
    env: Environment,
    index_dir: Path | None,
    backend: str | None = None,
    url: str | None = None,
) -> Any:
    """The index a reading command uses: a remote one (--backend/--url or the
    environment), which must exist; else the one chosen with --index-dir or
    $TUTTI_INDEX_DIR (which must hold an index), else the user's default index when it
    exists, else the demo index of the bundled seeds, built on first use in a folder of
    its own so it never mixes with the user's files."""
    from . import render
    from .engine import SEEDS_DIR, Engine, chosen_index_dir, default_index_dir, demo_index_dir

    remote = engine_for(index_dir, backend, url)
    if remote.remote is not None:
        if not remote.exists():
            raise fail(
                env,
                f"no tutti index at {remote.remote.where}; run: tutti index PATH "
                "with the same --backend and --url",
            )
        return remote
    chosen = index_dir or chosen_index_dir()
    if chosen is not None:
        engine = Engine(chosen)
        if Path(chosen).exists() and not Path(chosen).is_dir():
            raise fail(env, f"{chosen} is a file, not an index folder")
        if not engine.exists():
            command = (
                f"tutti index FOLDER --index-dir {chosen}"
                if index_dir
                else f"TUTTI_INDEX_DIR={chosen} tutti index FOLDER"
            )
            empty = (
                " (the folder is empty: was a build interrupted?)" if _is_empty_dir(chosen) else ""
            )
            raise fail(env, f"no index at {chosen}{empty}; build one with: {command}")
        return engine
    engine = Engine(default_index_dir())
    if engine.exists():
        return engine
    demo = Engine(demo_index_dir())
    try:
        demo.manifest  # noqa: B018 (opens it; an old or damaged demo is rebuilt)
        render.message(
            env,
            f"searching the bundled demo (no index of yours at {engine.index_dir}; "
            "build one with: tutti index FOLDER)",
            level="info",
        )
    except (IndexMissing, IndexDamaged):
        render.message(
            env,
            f"no index of yours at {engine.index_dir} yet; building the demo "
            f"from the bundled seeds in {demo.index_dir} (build yours with: "
            "tutti index FOLDER)",
            level="info",
        )
        try:
            demo.index([SEEDS_DIR], rebuild=True)
        except (OSError, TuttiError) as err:
            why = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise fail(
                env,
                f"cannot build the demo index in {demo.index_dir} ({why}); "
                "build yours with: tutti index FOLDER --index-dir DIR",
            ) from err
    return demo


def _is_empty_dir(path: Path) -> bool:
    """A folder holding nothing but hidden files (the lock and marker a build that was
    stopped before its first generation leaves)."""
    try:
        return path.is_dir() and not any(not name.startswith(".") for name in os.listdir(path))
    except OSError:
        return False
