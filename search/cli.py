"""The ``tutti`` command: a thin Typer layer that parses options, calls the Engine, renders.

Exit codes are grep's (see ``status.ExitStatus``); every error is one line on stderr; a
closed pipe ends quietly; Ctrl-C exits 130.
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from . import __version__
from .context import Environment, PipeClosed, os_text
from .errors import IndexDamaged, IndexInterrupted, IndexMissing, TuttiError
from .status import ExitStatus

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="tutti",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


IndexDirOption = typer.Option(
    None,
    "--index-dir",
    help="Index folder (default: $TUTTI_INDEX_DIR, else yours; the bundled demo while you have none).",
    show_default=False,
)
ColorOption = typer.Option(
    Color.auto, "--color", help="Colour: auto (on a terminal, unless NO_COLOR), always, never."
)
JsonOption = typer.Option(False, "--json", help="JSON Lines on stdout (schema in the README).")
BackendOption = typer.Option(
    None,
    "--backend",
    help="Where the index lives: whoosh (the index folder) or opensearch (default: $TUTTI_BACKEND, else whoosh).",
    show_default=False,
)
UrlOption = typer.Option(
    None,
    "--url",
    help="OpenSearch URL(s), comma-separated (default: $TUTTI_URL).",
    show_default=False,
)


class CiteFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    csl_json = "csl-json"


CiteFormatOption = typer.Option(
    None,
    "--cite-format",
    help="Citation form: text (default), markdown, or csl-json (Zotero, pandoc); implies --cite.",
    show_default=False,
)
FilmOption = typer.Option(
    None,
    "--film",
    help="Only this film (any title, accents and case ignored; repeatable).",
    autocompletion=lambda ctx, incomplete: _complete(ctx, incomplete, "films"),
)


def _env(ctx: typer.Context) -> Environment:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Environment) else Environment.from_system()


def _engine(index_dir: Path | None, backend: str | None = None, url: str | None = None) -> Any:
    from .engine import Engine

    return Engine(index_dir, backend=backend, url=url)


def _split(values: list[str] | None, option: str) -> list[str] | None:
    """Repeated options and comma lists both work: --lang en --lang fr, --lang en,fr. An
    option given only empty values is an error: ignoring it would search everything."""
    if not values:
        return None
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    if not out:
        raise typer.BadParameter(f"{option} was given no value")
    return out


# -- shell completion of values from the index ---------------------------------------------
# Completion runs on every Tab: it reads only the index's manifest (no Whoosh, except for
# passage ids), never builds anything, and answers nothing rather than fail.


def _completion_index(ctx: typer.Context) -> Path | None:
    """The index a completion reads: the one the command line or the environment chose,
    else the user's default, else the demo (only if it was built)."""
    from .backend.whoosh.store import Layout
    from .engine import chosen_index_dir, default_index_dir, demo_index_dir

    chosen = ctx.params.get("index_dir") or chosen_index_dir()
    for root in [Path(chosen)] if chosen else [default_index_dir(), demo_index_dir()]:
        if Layout(root).current_file.exists():
            return root
    return None


def _complete(ctx: typer.Context, incomplete: str, what: str) -> list[str]:
    try:
        root = _completion_index(ctx)
        if root is None:
            return []
        from .engine import Engine

        engine = Engine(root)
        if what == "ids":
            return engine.passage_ids(incomplete, limit=COMPLETION_LIMIT)
        from .engine import NARRATION

        values = {
            "speakers": lambda: [*engine.known_speakers(), NARRATION],
            "langs": engine.known_langs,
            "sources": engine.known_sources,
            "kinds": engine.known_kinds,
            "roles": engine.known_roles,
            "films": engine.known_films,
        }[what]()
    except Exception:  # noqa: BLE001 (a damaged or half-built index: no completions, no traceback)
        return []
    from .analysis import fold

    low = fold(incomplete).casefold()
    return [v for v in values if fold(v).casefold().startswith(low)][:COMPLETION_LIMIT]


#: At most this many completions (a shell lists them all).
COMPLETION_LIMIT = 200


def _complete_speaker(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "speakers")


def _complete_lang(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "langs")


def _complete_source(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "sources")


def _complete_kind(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "kinds")


def _complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "roles")


def _complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "ids")


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


def _fail(env: Environment, text: str) -> typer.Exit:
    """An error the CLI itself finds (options that do not go together, no index where the
    user pointed): its line, and the exit that ends the command."""
    from .render import message

    message(env, text)
    return typer.Exit(ExitStatus.ERROR)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tutti {__version__}")
        raise typer.Exit(ExitStatus.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Search film press material (press kits, reviews, synopses) in any language.

    Example: tutti search "ultimate harmony" --speaker Laurent
    """


@app.command()
def index(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None, help="Files or folders (default: those the index was built from).", show_default=False
    ),
    rebuild: bool = typer.Option(False, "--rebuild", help="Start from scratch instead of syncing."),
    wait: float = typer.Option(
        30.0, "--wait", help="Seconds to wait for another writer to finish."
    ),
    procs: int | None = typer.Option(
        None,
        "--procs",
        min=1,
        help="Worker processes that read files (default: one per core).",
        show_default=False,
    ),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="List languages, speakers and the files added, updated, removed and ignored.",
    ),
    follow_outside: bool | None = typer.Option(
        None,
        "--follow-outside/--no-follow-outside",
        help="Follow symbolic links that lead out of the folders given, or skip them "
        "(default: followed; a sync keeps the choice the index was built with).",
    ),
    json_out: bool = JsonOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
    backend: str | None = BackendOption,
    url: str | None = UrlOption,
) -> None:
    """Build the index, or sync it: unchanged files are skipped, changed ones re-read,
    removed ones dropped; media files (images, video, audio, fonts) are ignored. Exit 3
    when some files could not be read (they are listed); Ctrl-C keeps the files finished.

    Example: tutti index press/ reviews/ --index-dir ~/festival-index
    """
    from . import render
    from .backend.whoosh.store import recorded_roots

    env = _env(ctx)
    for path in paths or []:
        if not os.path.lexists(path):  # a broken link or a loop is the build's to report
            raise _fail(env, f"no such file or folder: {path} (nothing was indexed)")
    engine = _engine(index_dir, backend, url)
    targets = list(paths or (recorded_roots(engine.index_dir) if engine.remote is None else []))
    if not targets:
        where = engine.remote.where if engine.remote is not None else engine.index_dir
        why = (
            f"the index at {where} does not record the folders it was built from"
            if engine.exists()
            else f"there is no index at {where} yet"
        )
        raise _fail(
            env,
            f"nothing to index: {why}; give files or folders, e.g. "
            f"tutti index press/{' --rebuild' if rebuild else ''}",
        )
    colour = env.colour(color.value)
    try:
        with render.progress(env, env.colour(color.value, stream="stderr"), "indexing") as update:
            report = engine.index(
                targets,
                rebuild=rebuild,
                wait=wait,
                progress=update,
                procs=procs,
                follow_outside=follow_outside,
            )
    except IndexInterrupted as stopped:  # here: Typer turns a KeyboardInterrupt into exit 130
        raise typer.Exit(_interrupted(env, stopped)) from None
    if json_out:
        render.write_jsonl(env, [render.report_json(report)])
    else:
        render.render_report(render.console(env, colour), report, verbose=verbose)
    for line in render.skip_lines(report.skipped):
        render.message(env, line, level="warning")
    raise typer.Exit(ExitStatus.SKIPPED if report.skipped else ExitStatus.OK)


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(
        ...,
        help="Words, \"a phrase\", AND/OR/NOT, prefix*, fuzzy~; '-' reads one query per line from stdin.",
    ),
    speaker: list[str] | None = typer.Option(
        None,
        "--speaker",
        "-s",
        help="Only this interviewee (a surname, a prefix, the character they play, or 'narration'; repeatable).",
        autocompletion=_complete_speaker,
    ),
    lang: list[str] | None = typer.Option(
        None,
        "--lang",
        "-l",
        help="Only these languages, e.g. en or fr,de.",
        autocompletion=_complete_lang,
    ),
    source: list[str] | None = typer.Option(
        None,
        "--source",
        help="Only this source file (name or part of it).",
        autocompletion=_complete_source,
    ),
    kind: list[str] | None = typer.Option(
        None,
        "--kind",
        help="Only this kind of passage (interview, review, synopsis ...).",
        autocompletion=_complete_kind,
    ),
    role: list[str] | None = typer.Option(
        None,
        "--role",
        help="Only speakers in this role (director, composer, actor, producer ...).",
        autocompletion=_complete_role,
    ),
    film: list[str] | None = FilmOption,
    limit: int = typer.Option(
        10, "--limit", "-n", min=0, help="How many hits per query; 0 for all."
    ),
    count: bool = typer.Option(
        False, "--count", "-c", help="Print only how many passages match, per query."
    ),
    files: bool = typer.Option(
        False, "--files", help="Print only the sources with hits, one per line."
    ),
    summary: bool = typer.Option(
        False,
        "--summary",
        help='With --json: after each query\'s hits, a {"type": "summary"} record with its total.',
    ),
    json_out: bool = JsonOption,
    cite: bool = typer.Option(
        False, "--cite", help="Print hits as quotations with their attribution."
    ),
    cite_format: CiteFormat | None = CiteFormatOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
    backend: str | None = BackendOption,
    url: str | None = UrlOption,
) -> None:
    """Ranked passages for QUERY. Exit 0 with hits, 1 with none, 2 on an error.

    Examples:

    \b
      tutti search "ultimate harmony"
      tutti search violin --speaker "Mélanie Laurent"
      tutti search Tschaikowski --lang de --json | jq -r .id
      tutti search silence --role director
      tutti search violin --film "The Concert" --cite-format markdown
      tutti search violin --files
    """
    from . import render

    env = _env(ctx)
    if summary and not json_out:
        raise _fail(env, "--summary goes with --json (text output already ends with the total)")
    if files and (count or json_out or cite):
        raise _fail(
            env, "--files prints file names only: it goes with neither --count, --json nor --cite"
        )
    colour = env.colour(color.value)
    engine = _reading_engine(env, index_dir, backend, url)
    batch = query == "-"
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
            else [query]
        )
    cite_as = cite_format.value if cite_format else ("text" if cite else None)
    any_hits = False
    errors = 0
    noted: set[str] = set()
    listing = count or files
    con: Console | None = None  # made for the first hits shown as text: JSON never loads Rich
    # A batch is answered by one worker process per core (Engine.search_many); with
    # --json each worker writes its JSON, which is passed on here as it comes. Typed
    # queries are answered here, one at a time, so each answer follows its prompt.
    interactive = batch and env.stdin_isatty
    results = engine.search_many(
        queries,
        workers=None if batch and not interactive else 1,
        speakers=_split(speaker, "--speaker"),
        langs=_split(lang, "--lang"),
        sources=_split(source, "--source"),
        kinds=_split(kind, "--kind"),
        films=_split_films(film),
        roles=_split(role, "--role"),
        limit=1 if listing else (limit or None),
        facets=files,
        convert=render.json_answer if json_out and not listing else None,
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
        if count:
            found = result.total
            if json_out:
                render.write_jsonl(env, [render.summary_json(text, result.total)])
            else:
                env.stdout.write(render.count_line(result.total, text if batch else None))
                env.stdout.flush()
        elif files:
            found = result.total
            names = sorted(result.facets.get("source", {}))
            env.stdout.write("".join(render.plain_line(name) + "\n" for name in names))
            env.stdout.flush()
        elif json_out:
            env.stdout.write(result.lines)
            if summary:
                env.stdout.write(render.json_line(render.summary_json(text, result.total)))
            env.stdout.flush()
            found = result.hits
        else:
            found = len(result.hits)
            con = con or render.console(env, colour)
            if batch:
                render.rule(con, text)
            if cite_as:
                render.render_citations(con, result.hits, cite_as)
            else:
                render.render_hits(con, result.hits)
                if result.hits:
                    con.print(f"{len(result.hits)} of {result.total} hits", style="dim")
        any_hits = any_hits or found > 0
        if not found and not count:
            hint = f"; did you mean {result.suggestion!r}?" if result.suggestion else ""
            render.message(env, f"no hits for {text!r}{hint}", level="info")
        elif not listing and result.suggestion and not json_out:
            render.message(env, f"few hits; did you mean {result.suggestion!r}?", level="info")
    if errors:
        raise typer.Exit(ExitStatus.ERROR)
    raise typer.Exit(ExitStatus.OK if any_hits else ExitStatus.NO_HITS)


def _split_films(values: list[str] | None) -> list[str] | None:
    """Film titles hold commas ("Love, Actually"): a --film value is one title, repeat
    the option for more."""
    if not values:
        return None
    out = [v.strip() for v in values if v.strip()]
    if not out:
        raise typer.BadParameter("--film was given no value")
    return out


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


def _reading_engine(
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

    remote = _engine(index_dir, backend, url)
    if remote.remote is not None:
        if not remote.exists():
            raise _fail(
                env,
                f"no tutti index at {remote.remote.where}; run: tutti index PATH "
                "with the same --backend and --url",
            )
        return remote
    chosen = index_dir or chosen_index_dir()
    if chosen is not None:
        engine = Engine(chosen)
        if not engine.exists():
            command = (
                f"tutti index FOLDER --index-dir {chosen}"
                if index_dir
                else f"TUTTI_INDEX_DIR={chosen} tutti index FOLDER"
            )
            empty = (
                " (the folder is empty: was a build interrupted?)" if _is_empty_dir(chosen) else ""
            )
            raise _fail(env, f"no index at {chosen}{empty}; build one with: {command}")
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
            raise _fail(
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


@app.command()
def show(
    ctx: typer.Context,
    passage_id: str = typer.Argument(
        ..., metavar="ID", help="A passage id, as search prints it.", autocompletion=_complete_id
    ),
    json_out: bool = JsonOption,
    cite: bool = typer.Option(False, "--cite", help="Print the passage as a quotation."),
    cite_format: CiteFormat | None = CiteFormatOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
) -> None:
    """One passage, whole, with its question, speaker, language and source.

    Example: tutti show presskit_en.txt:laurent:10
    """
    from . import render

    env = _env(ctx)
    engine = _reading_engine(env, index_dir)
    passage = engine.passage(passage_id)
    plays = engine.plays().get(passage.speaker or "")
    if json_out:
        render.write_jsonl(env, [render.passage_json(passage, plays)])
    elif cite_format == CiteFormat.csl_json:  # JSON never goes through Rich
        render.write_jsonl(env, [[render.csl_item(passage, plays)]])
    elif cite or cite_format:
        fmt = cite_format.value if cite_format else "text"
        render.console(env, env.colour(color.value)).print(
            render.cite(passage, plays, fmt), markup=False, highlight=False, soft_wrap=True
        )
    else:
        render.render_passage(render.console(env, env.colour(color.value)), passage, plays)


@app.command()
def speakers(
    ctx: typer.Context,
    json_out: bool = JsonOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
) -> None:
    """Who speaks, in how many passages, in which languages, and whom they play.

    Example: tutti speakers --json | jq -r .name
    """
    from . import render

    _listing(
        ctx,
        index_dir,
        json_out,
        color,
        lambda engine: engine.speakers(),
        render.speaker_json,
        render.render_speakers,
    )


@app.command()
def export(
    ctx: typer.Context,
    film: list[str] | None = FilmOption,
    json_out: bool = JsonOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
) -> None:
    """Every passage, whole: with --json as JSON Lines (a hit's schema without rank, score,
    snippet, highlights and query), else as text to read, one passage after another.

    Example: tutti export --json --film "Le Concert" > concert.jsonl
    """
    from . import render

    env = _env(ctx)
    films = _split_films(film)
    engine = _reading_engine(env, index_dir)
    plays = engine.plays()
    if films:
        engine.film_sources(films)  # an unknown film is an error before any output
    if json_out:
        render.write_jsonl(
            env,
            (render.passage_json(p, plays.get(p.speaker or "")) for p in engine.passages(films)),
        )
    else:
        con = render.console(env, env.colour(color.value))
        for passage in engine.passages(films):
            render.render_passage(con, passage, plays.get(passage.speaker or ""))
            con.print()


@app.command()
def films(
    ctx: typer.Context,
    json_out: bool = JsonOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
) -> None:
    """The films of the index: each with its documents (and the rule that put each
    there), languages and speakers; documents of no film last.

    Example: tutti films --json | jq -r .title
    """
    from . import render

    _listing(
        ctx,
        index_dir,
        json_out,
        color,
        lambda engine: engine.films(),
        render.film_json,
        render.render_films,
    )


def _listing(
    ctx: typer.Context,
    index_dir: Path | None,
    json_out: bool,
    color: Color,
    read: Callable[[Any], list[Any]],
    to_json: Callable[[Any], dict[str, Any]],
    show: Callable[[Any, list[Any]], None],
) -> None:
    """A command that lists what the index holds: as JSON Lines, or a table for a person."""
    from . import render

    env = _env(ctx)
    items = read(_reading_engine(env, index_dir))
    if json_out:
        render.write_jsonl(env, (to_json(item) for item in items))
    else:
        show(render.console(env, env.colour(color.value)), items)


@app.command()
def stats(
    ctx: typer.Context,
    json_out: bool = JsonOption,
    color: Color = ColorOption,
    index_dir: Path | None = IndexDirOption,
) -> None:
    """Documents, passages, languages, index size and age.

    Example: tutti stats
    """
    from . import render

    env = _env(ctx)
    st = _reading_engine(env, index_dir).stats()
    if json_out:
        render.write_jsonl(env, [render.stats_json(st)])
    else:
        render.render_stats(render.console(env, env.colour(color.value)), st)


@app.command()
def analyze(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Text to analyse."),
    lang: str = typer.Option(
        "xx",
        "--lang",
        "-l",
        help="Language code; 'xx' is the neutral analyzer, 'names' the name keys.",
    ),
    json_out: bool = JsonOption,
) -> None:
    """The tokens an analyzer makes, to explain why a query matches.

    Example: tutti analyze "l'Orchestre des musiciens juifs" --lang fr
    """
    from . import render
    from .analysis import analyze as run_analyzer
    from .analysis import known_language
    from .names import name_keys

    env = _env(ctx)
    code = lang.strip().lower()
    if code not in ("xx", "names") and not known_language(code):
        from .analysis import STEMMED_LANGS

        raise _fail(
            env,
            f"unknown language {lang!r}; known: {', '.join(sorted(STEMMED_LANGS))} "
            "(stemmed), any other code langdetect detects (neutral analyzer), "
            "xx (neutral), names (name keys)",
        )
    tokens = (
        name_keys(text) if code == "names" else run_analyzer(text, None if code == "xx" else code)
    )
    if json_out:
        render.write_jsonl(env, [{"text": text, "lang": code, "tokens": tokens}])
    else:
        render.render_tokens(render.console(env, False), tokens)


@app.command("check-analysis")
def check_analysis(
    ctx: typer.Context,
    url: str | None = UrlOption,
    sample: int = typer.Option(200, "--sample", min=1, help="Words per language to compare."),
    json_out: bool = JsonOption,
) -> None:
    """Compare an OpenSearch index's analyzers with tutti's on a sample of the index's own
    words. Exit 0 when they agree, 1 when some words differ (listed), 2 on an error.

    Example: tutti check-analysis --url https://search.example.org:9200
    """
    from . import render

    env = _env(ctx)
    engine = _engine(None, "opensearch", url)
    diffs = engine.remote.check_analysis(sample)
    rows = [
        {"lang": lang, "word": word, "tutti": ours, "opensearch": theirs}
        for lang, found in diffs.items()
        for word, ours, theirs in found
    ]
    if json_out:
        render.write_jsonl(env, rows)
    else:
        render.render_analysis_check(render.console(env, env.colour("auto")), diffs)
    raise typer.Exit(ExitStatus.NO_HITS if rows else ExitStatus.OK)


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """Run the CLI and return its exit status instead of calling sys.exit. Commands let the
    library's errors (``TuttiError``) go: they become one line and an exit status here."""
    env = env or Environment.from_system()
    command = typer.main.get_command(app)
    try:
        # Click prints --help and --version to sys.stdout: point that at the environment's.
        with contextlib.redirect_stdout(env.stdout):
            status = command.main(
                # an argument that is not UTF-8 (a Latin-1 terminal) would reach no writer
                args=[os_text(arg) for arg in (argv if argv is not None else sys.argv[1:])],
                prog_name="tutti",
                standalone_mode=False,
                obj=env,
            )
        return int(status) if isinstance(status, int) else ExitStatus.OK
    except typer.Exit as done:
        return int(done.exit_code)
    except TuttiError as err:
        from .render import message

        message(env, error_line(err))
        return ExitStatus.ERROR
    except (KeyboardInterrupt, typer.Abort):
        from .render import message

        message(env, "interrupted", level="info")
        return ExitStatus.INTERRUPTED
    except (PipeClosed, BrokenPipeError):
        _silence_stdout()
        return ExitStatus.OK
    except Exception as err:
        # Click's usage errors (Typer ships its own copy of Click, so match by shape).
        if not hasattr(err, "format_message"):
            raise
        from .render import message

        ctx = getattr(err, "ctx", None)
        where = ctx.command_path if ctx is not None else "tutti"
        message(env, f"{where}: {err.format_message()} (see: {where} --help)")
        return ExitStatus.ERROR


def _interrupted(env: Environment, stopped: IndexInterrupted) -> ExitStatus:
    """A build stopped by a signal: what was kept, and the signal's exit status."""
    import signal

    from .render import message

    terminated = stopped.signum == signal.SIGTERM
    kept = (
        f"the {stopped.saved} files read so far are kept; the same command again reads the rest"
        if stopped.saved
        else "the index is as it was"
    )
    message(env, f"interrupted by {'SIGTERM' if terminated else 'Ctrl-C'}: {kept}", level="info")
    return ExitStatus.TERMINATED if terminated else ExitStatus.INTERRUPTED


def run() -> NoReturn:
    """The ``tutti`` program: ``main``, then an exit that skips tearing the interpreter
    down (freeing every module and cache, a noticeable share of a short search). Every
    command has finished its work and closed its files and worker processes by then, and
    nothing of ours waits for an exit handler; only the output buffers are left, and
    they are flushed here. An interrupted command leaves the usual way instead: a stopped
    worker pool's semaphores are released by exit handlers (multiprocessing's), without
    which its resource tracker warns about leaked semaphores."""
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
