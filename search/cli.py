"""The ``tutti`` commands: a thin Typer layer that parses options, calls the Engine, renders.

The program starts in ``cli_entry``, which answers a plain search without Typer and hands
every other command line to ``run_typer`` here; ``search`` itself is ``cli_search``'s.
Exit codes are grep's (see ``status.ExitStatus``); every error is one line on stderr; a
closed pipe ends quietly; Ctrl-C exits 130.
"""

import contextlib
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from . import __version__, cli_entry
from .cli_search import (
    EmptyOption,
    engine_for,
    fail,
    reading_engine,
    run_search,
    search_options,
    split_values,
)
from .context import Environment
from .errors import IndexInterrupted
from .status import ExitStatus

#: The program's entry point before ``cli_entry`` had it: a ``tutti`` script that an older
#: version installed imports it from here, until the next install writes the new one.
run = cli_entry.run

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
            raise fail(env, f"no such file or folder: {path} (nothing was indexed)")
    engine = engine_for(index_dir, backend, url)
    targets = list(paths or (recorded_roots(engine.index_dir) if engine.remote is None else []))
    if not targets:
        where = engine.remote.where if engine.remote is not None else engine.index_dir
        why = (
            f"the index at {where} does not record the folders it was built from"
            if engine.exists()
            else f"there is no index at {where} yet"
        )
        raise fail(
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
    if json_out or not (env.stdout_isatty and env.stderr_isatty):
        # The table already lists them where one terminal shows both streams; a script
        # or a log reading stderr gets them there.
        for line in render.skip_lines(report.skipped):
            render.message(env, line, level="warning")
    raise typer.Exit(ExitStatus.SKIPPED if report.skipped else ExitStatus.OK)


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(
        ...,
        metavar="QUERY",
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
    try:
        options = search_options(
            query,
            {
                "speaker": speaker,
                "lang": lang,
                "source": source,
                "kind": kind,
                "role": role,
                "film": film,
                "limit": limit,
                "count": count,
                "files": files,
                "summary": summary,
                "json_out": json_out,
                "cite": cite,
                "cite_format": cite_format.value if cite_format else None,
                "color": color.value,
                "index_dir": index_dir,
                "backend": backend,
                "url": url,
            },
        )
    except EmptyOption as err:
        raise typer.BadParameter(str(err)) from None
    raise typer.Exit(run_search(_env(ctx), options))


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
    engine = reading_engine(env, index_dir)
    passage = _passage(engine, passage_id)
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


def _passage(engine: Any, passage_id: str) -> Any:
    """The passage an id names, as given, else without the white space around it (an id
    pasted with a space or a line break: an id never ends with one, since its count
    does)."""
    from .errors import PassageNotFound

    try:
        return engine.passage(passage_id)
    except PassageNotFound:
        stripped = passage_id.strip()
        if not stripped or stripped == passage_id:
            raise
        return engine.passage(stripped)


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
    try:
        films = split_values(film, "--film", commas=False)
    except EmptyOption as err:
        raise typer.BadParameter(str(err)) from None
    engine = reading_engine(env, index_dir)
    plays = engine.plays()
    if films:
        engine.film_sources(films)  # an unknown film is an error before any output
    if json_out:
        render.fast_json()  # every passage of the index
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
    items = read(reading_engine(env, index_dir))
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
    st = reading_engine(env, index_dir).stats()
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

        raise fail(
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
    engine = engine_for(None, "opensearch", url)
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


def run_typer(args: list[str], env: Environment) -> int:
    """Run the Typer CLI on ``args`` and return its exit status instead of calling
    sys.exit. Click's own errors become one line here; the library's errors, Ctrl-C and a
    closed pipe go on to ``cli_entry.main``, which ends every command alike."""
    command = typer.main.get_command(app)
    try:
        # Click prints --help and --version to sys.stdout: point that at the environment's.
        with contextlib.redirect_stdout(env.stdout):
            status = command.main(args=args, prog_name="tutti", standalone_mode=False, obj=env)
        return int(status) if isinstance(status, int) else ExitStatus.OK
    except typer.Exit as done:
        if isinstance(done.__cause__, KeyboardInterrupt):  # Typer's name for a Ctrl-C
            raise KeyboardInterrupt from None
        return int(done.exit_code)
    except typer.Abort:  # Click's name for the Ctrl-C it caught
        raise KeyboardInterrupt from None
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

    from .render import counted, message

    terminated = stopped.signum == signal.SIGTERM
    are = "is" if stopped.saved == 1 else "are"
    kept = (
        f"the {counted(stopped.saved, 'file')} read so far {are} kept; the same command "
        "again reads the rest"
        if stopped.saved
        else "the index is as it was"
    )
    message(env, f"interrupted by {'SIGTERM' if terminated else 'Ctrl-C'}: {kept}", level="info")
    return ExitStatus.TERMINATED if terminated else ExitStatus.INTERRUPTED
