"""Output: Rich for people, JSON Lines for programs, a citation for journalists.

Rich is imported inside the functions that draw, so ``--json`` never pays for it. JSON is
written compact, one object per line, and flushed once per command or per query of a batch
(whose workers write it: ``json_answer``); its schema is documented in the README and kept
stable.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .context import Environment, os_text
from .model import Hit, Passage, Skipped

if TYPE_CHECKING:
    from rich.console import Console

    from .backend.manifest import BuildReport
    from .engine import FilmInfo, SpeakerInfo, Stats
    from .query import SearchResult

# -- untrusted text ----------------------------------------------------------------------------

#: Control characters that a terminal obeys: C0 but tab and newline, DEL, and C1. A
#: document (or a file name) holding them could clear the screen, set the clipboard
#: (OSC 52) or plant a link (OSC 8).
#: So do the bidirectional overrides and isolates: U+202E shows the rest of a line reversed,
#: so a file name could pass for another.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Each shown as one visible character, so offsets into a text stay right: C0 as its
#: Unicode control picture ("␛" for ESC), DEL as "␡", C1 and bidi controls as the
#: replacement character.
_VISIBLE = {
    **{c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)},
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    **dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], 0xFFFD),
}
#: JSON writers must escape C0 but may write C1 and DEL raw; we escape them too, and the
#: bidirectional overrides and isolates (``_CONTROLS``): JSON Lines read in a terminal
#: never reverse what follows them.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


#: A control character as ``repr`` writes it (``\x1b``, ``\u202e``, ``\r``) after an even
#: number of backslashes (an odd one is a backslash the text holds, written ``\\``): error
#: messages quote what the user typed with ``!r``, and ``message`` shows those characters
#: as ``clean`` shows them everywhere else ("␛", not "\x1b").
_REPR_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|r)")


def _unrepr_controls(text: str) -> str:
    r"""``text`` with each control character that ``repr`` escaped put back, so that
    ``clean`` shows it as a visible stand-in; other escapes (``\n``, ``\xa0``) stay."""

    def back(m: re.Match[str]) -> str:
        code = m.group(2)
        char = "\r" if code == "r" else chr(int(code[1:], 16))
        return m.group(1) + char if _CONTROLS.match(char) else m.group()

    return _REPR_ESCAPE.sub(back, text) if "\\" in text else text


def clean(text: str) -> str:
    """``text`` safe to print: every control character made visible (tab, newline kept).
    Every human output passes untrusted text (passages, names, file names) through it."""
    return text.translate(_VISIBLE) if _CONTROLS.search(text) else text


# -- JSON Lines ------------------------------------------------------------------------------


def passage_json(p: Passage, plays: str | None = None) -> dict[str, Any]:
    """The export record: a hit without rank, score, snippet, highlights and query."""
    doc = p.meta.get("document") or {}
    return {
        "id": p.id,
        "lang": p.lang,
        "lang_detected": p.lang_detected,
        "speaker": p.speaker,
        "role": p.role,
        "plays": plays,
        "source": p.source,
        "kind": p.kind,
        "question": p.question,
        "page": p.page,
        "page_end": p.page_end,
        "title": p.title,
        "author": doc.get("author"),
        "publication": doc.get("publication"),
        "date": doc.get("date"),
        "film": p.meta.get("film"),
        "text": p.text,
    }


def hit_json(hit: Hit, suggestion: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": hit.passage.id, "rank": hit.rank, "score": round(hit.score, 4)}
    out.update(passage_json(hit.passage, hit.plays))
    out["snippet"] = hit.snippet
    out["highlights"] = [[s.start, s.end] for s in hit.highlights]
    out["question_highlights"] = [[s.start, s.end] for s in hit.question_highlights]
    out["query"] = hit.query
    out["suggestion"] = suggestion
    return out


class JsonAnswer(NamedTuple):
    """A search result with its hits already written as JSON Lines: what a batch's
    worker sends back (one string crosses the pipe, not a result to rebuild and
    serialise here)."""

    lines: str
    hits: int
    suggestion: str | None
    total: int = 0
    notes: tuple[str, ...] = ()


def json_answer(result: SearchResult) -> JsonAnswer:
    """``result``'s hits as JSON Lines (``hit_json``), one per line."""
    lines = "".join(json_line(hit_json(h, result.suggestion)) for h in result.hits)
    return JsonAnswer(lines, len(result.hits), result.suggestion, result.total, tuple(result.notes))


def summary_json(query: str, total: int) -> dict[str, Any]:
    """The record ``--summary`` adds after a query's hits (and ``--count --json`` prints
    alone): how many passages match in all. Its ``type`` tells it from a hit, which has
    no ``type`` field, so consumers that predate it can skip it."""
    return {"type": "summary", "query": query, "total": total}


def counted(n: int, noun: str) -> str:
    """A count and its noun: "1 file", "2 files" (nouns taking an s)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def plain_line(text: str) -> str:
    """Untrusted text (a file name) on one line with every control character made visible
    (``clean``), line breaks and tabs too: output meant for other programs (``--files``)."""
    return clean(re.sub(r"[\n\t]", "\ufffd", text))


def count_line(total: int, query: str | None) -> str:
    """``--count``'s line: the count, and in a batch the query after a tab."""
    return f"{total}\n" if query is None else f"{total}\t{plain_line(query)}\n"


def json_line(record: dict[str, Any] | list[Any]) -> str:
    """One JSON Lines record (keys that are not strings written as strings)."""
    line = _encode(record)
    # Both encoders escape C0 but write DEL, C1 and bidi controls as they are; they can only
    # stand inside a JSON string here, where the \u escape means the same character.
    return (
        _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
        if _JSON_RAW.search(line)
        else line
    )


def _json_dumps(record: dict[str, Any] | list[Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _orjson_dumps(record: dict[str, Any] | list[Any]) -> str:
    import orjson

    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
    return orjson.dumps(record, option=options).decode("utf-8")


_encode: Callable[[dict[str, Any] | list[Any]], str] = _json_dumps


def fast_json() -> None:
    """Write JSON with orjson from now on, for a process about to write many records (a
    batch, before its workers fork; an export). orjson writes a query's ten hits in a third
    of ``json``'s time (0.05 against 0.15 ms), but importing it (with the ``uuid``,
    ``platform`` and ``datetime`` it loads) cost a one-query search about 2 ms
    (``benchmarks/RESULTS.md``), so a single search keeps ``json``. Both write the same
    bytes (``tests/test_json_encoders.py`` compares them)."""
    global _encode  # noqa: PLW0603  (one switch per process, inherited by forked workers)
    _encode = _orjson_dumps


def write_jsonl(env: Environment, records: Iterable[dict[str, Any] | list[Any]]) -> int:
    """Write records, then flush once (a flush per line was a write call per line)."""
    count = 0
    for record in records:
        env.stdout.write(json_line(record))
        count += 1
    env.stdout.flush()
    return count


# -- consoles and messages -----------------------------------------------------------------


def console(env: Environment, colour: bool, *, stderr: bool = False) -> Console:
    """A Console bound to the environment. Colour and layout are separate settings:
    ``colour`` (``--color``, ``NO_COLOR``, ``TERM=dumb``) only decides the escape codes for
    colour and style; whether the stream is a terminal decides the layout (wrapping to its
    width, live progress), so ``NO_COLOR`` on a terminal still wraps snippets."""
    from rich.console import Console

    stream = env.stderr if stderr else env.stdout
    terminal = env.stderr_isatty if stderr else env.stdout_isatty
    return Console(
        file=stream,
        force_terminal=terminal or colour,
        force_interactive=terminal,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        soft_wrap=not (terminal or colour),
        width=env.width or (None if terminal or colour else int(env.vars.get("COLUMNS", 0)) or 100),
        emoji=False,
        _environ=_rich_environ(env),
    )


def _rich_environ(env: Environment) -> dict[str, str]:
    """The variables Rich reads (COLUMNS, TERM ...), from the Environment. Without TERM=dumb:
    to Rich a dumb terminal means no wrapping to its width and no progress bar as well as
    no colour, while for tutti it takes only the colour away (``Environment.colour``)."""
    return {k: v for k, v in env.vars.items() if not (k == "TERM" and v == "dumb")}


def message(env: Environment, text: str, *, level: str = "error") -> None:
    """One line on stderr: 'tutti: error: ...' or 'tutti: ...'. Control characters show
    as everywhere else (``clean``), also those a message quoted with ``repr``."""
    prefix = "tutti: error: " if level == "error" else "tutti: "
    env.stderr.write(prefix + clean(_unrepr_controls(text)) + "\n")
    env.stderr.flush()


@contextmanager
def progress(
    env: Environment, colour: bool, label: str
) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal's stderr; nothing animated otherwise."""
    if not env.stderr_isatty:
        yield lambda name, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=console(env, colour, stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task("", total=None)

        def update(name: str, done: int, total: int) -> None:
            from rich.markup import escape

            bar.update(task, completed=done - 1, total=total, description=escape(clean(name)))

        yield update


# -- hits ----------------------------------------------------------------------------------


def _matched_words(hit: Hit) -> set[str]:
    return {clean(hit.passage.text[s.start : s.end]) for s in hit.highlights}


def _highlighted(text: str, words: set[str]) -> Any:
    from rich.text import Text

    out = Text(text)
    for word in sorted(words, key=len, reverse=True):
        for match in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text):
            out.stylize("bold yellow", match.start(), match.end())
    return out


def _who(passage: Passage, plays: str | None) -> str:
    if not passage.speaker:
        author = (passage.meta.get("document") or {}).get("author")
        if author:
            return clean(f"{author} ({passage.kind})")
        return "narration" if passage.kind != "interview" else "unknown speaker"
    who = f"{passage.speaker}, {passage.role}" if passage.role else passage.speaker
    return clean(f"{who} (plays {plays})" if plays else who)


def render_hits(con: Console, hits: list[Hit]) -> None:
    from rich.padding import Padding
    from rich.text import Text

    # Two short header lines rather than one long one, so a hit reads well at 80 columns.
    for hit in hits:
        p = hit.passage
        head = Text()
        head.append(f"{hit.rank:>2}. ", style="bold")
        head.append(_who(p, hit.plays), style="bold cyan")
        head.append(f"  score {hit.score:.2f}", style="dim")
        where = Text("    ")
        where.append(plain_line(p.id), style="green")
        where.append(
            plain_line(f" · {p.lang} · {p.kind} · {p.source}")
            + (f" p. {p.page}" if p.page else ""),
            style="dim",
        )
        con.print(head)
        con.print(where)
        lines = [_highlighted(clean(hit.snippet), _matched_words(hit))]
        if p.question:
            # one line, each line break a space: the spans still fit the question
            question = Text(clean(re.sub(r"\s", " ", p.question).strip()), style="italic")
            lead = len(p.question) - len(p.question.lstrip())
            for span in hit.question_highlights:
                question.stylize("bold yellow", span.start - lead, span.end - lead)
            lines.insert(0, Text("Q: ", style="dim") + question)
        for line in lines:
            # On a terminal, wrapped lines keep the indent; plain output never wraps.
            con.print(Text("    ") + line if con.soft_wrap else Padding(line, (0, 0, 0, 4)))
        con.print()


def rule(con: Console, title: str) -> None:
    """A heading line (a batch's query): shown as text, never read as markup."""
    from rich.text import Text

    con.rule(Text(clean(title)))


CITE_FORMATS = ("text", "markdown", "csl-json")


class Attribution(NamedTuple):
    """Who said it and where, from the passage and its document alone (never the index)."""

    quote: str
    who: str  # speaker, critic, or for narration the document's title or file
    role: str  # the passage kind: interview, review, synopsis ...
    person: str | None  # the speaker or author, when there is one
    plays: str | None
    film: str | None  # "The Concert (Le Concert, 2009)"
    film_title: str | None
    container: str | None  # the publication, else the document's title
    title: str | None  # the document's title
    date: str | None
    page: str | None  # "7", or "7-8" for a passage that runs onto the next page
    id: str
    source: str
    lang: str


def attribution(passage: Passage, plays: str | None) -> Attribution:
    """What a citation names, each part on one line: a file name's line break would break
    a quotation's attribution (or a Markdown block quote) in two."""
    source = re.sub(r"[\n\r\t]", "\ufffd", passage.source)
    doc = passage.meta.get("document") or {}
    film = passage.meta.get("film") or None
    person = passage.speaker or doc.get("author")
    title = passage.title or doc.get("title")
    if person:
        who = person + (f" (plays {plays})" if passage.speaker and plays else "")
        container = doc.get("publication") or title or source
    else:
        who = title or source
        container = doc.get("publication") or (source if title else None)
    film_text = None
    if film:
        extra = [x for x in (film.get("original_title"), film.get("year")) if x]
        film_text = film["title"] + (f" ({', '.join(map(str, extra))})" if extra else "")
    return Attribution(
        " ".join(passage.text.split()),
        who,
        passage.kind,
        person,
        plays,
        film_text,
        film["title"] if film else None,
        container,
        title,
        doc.get("date"),
        _pages(passage),
        re.sub(r"[\n\r\t]", "\ufffd", passage.id),
        source,
        passage.lang,
    )


def _pages(passage: Passage) -> str | None:
    if passage.page is None:
        return None
    return f"{passage.page}-{passage.page_end}" if passage.page_end else str(passage.page)


def _where(a: Attribution) -> list[str]:
    pages = (
        (f"pp. {a.page.replace('-', '–')}" if "-" in a.page else f"p. {a.page}") if a.page else None
    )
    return [x for x in (a.container, a.date, pages) if x]


def cite(passage: Passage, plays: str | None, fmt: str = "text") -> str:
    """The passage as a quotation with its attribution, ready to paste: the same passage
    gives the same text on every run and machine (nothing here depends on the index)."""
    a = attribution(passage, plays)
    if fmt == "csl-json":
        return json_line([csl_item(passage, plays)]).rstrip("\n")
    film = f"; film: {a.film}" if a.film else ""
    if fmt == "markdown":
        where = ", ".join(_markdown(x) for x in _where(a))
        return clean(
            f"> {_markdown(a.quote)}\n>\n> — **{_markdown(a.who)}**, {a.role}"
            f"{'; film: *' + _markdown(a.film) + '*' if a.film else ''}"
            f"{'; ' + where if where else ''} (`{a.id}`)"
        )
    where = ", ".join(_where(a))
    return clean(f"“{a.quote}”\n— {a.who}, {a.role}{film}{'; ' + where if where else ''} [{a.id}]")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


#: CSL item types by passage kind (CSL 1.0.2 names; Zotero and pandoc read them).
_CSL_TYPES = {"interview": "interview", "review": "review"}


def csl_item(passage: Passage, plays: str | None) -> dict[str, Any]:
    """One CSL-JSON item: the document the passage is from, with the quotation in
    ``note`` and the film in ``reviewed-title``."""
    a = attribution(passage, plays)
    doc = passage.meta.get("document") or {}
    item: dict[str, Any] = {
        "id": a.id,
        "type": _CSL_TYPES.get(
            passage.kind, "article-newspaper" if doc.get("publication") else "document"
        ),
        "title": a.title or (f"{a.film_title} ({a.role})" if a.film_title else a.source),
        "genre": a.role,
        "language": a.lang,
        "source": a.source,
        "note": a.quote,
    }
    if a.person:
        item["author"] = [{"literal": a.person}]
    if doc.get("publication"):
        item["container-title"] = doc["publication"]
    if a.film_title:
        item["reviewed-title"] = a.film_title
    if a.date:
        item["issued"] = {"date-parts": [[int(x) for x in a.date.split("-")]]}
    if a.page:
        item["page"] = a.page
    return item


def render_citations(con: Console, hits: list[Hit], fmt: str = "text") -> None:
    if fmt == "csl-json":  # one CSL-JSON array per query, on one line, never through Rich
        con.file.write(json_line([csl_item(h.passage, h.plays) for h in hits]))
        con.file.flush()
        return
    for hit in hits:
        con.print(cite(hit.passage, hit.plays, fmt), highlight=False, markup=False)
        con.print()


def render_passage(con: Console, p: Passage, plays: str | None) -> None:
    from rich.text import Text

    con.print(Text(plain_line(p.id), style="bold green"))
    rows = [
        ("speaker", _who(p, plays)),
        ("language", f"{p.lang} ({'detected' if p.lang_detected else 'inherited'})"),
        ("source", plain_line(p.source) + (f", p. {_pages(p)}" if p.page else "")),
        ("kind", p.kind),
    ]
    if p.title:
        rows.append(("title", p.title))
    doc = p.meta.get("document") or {}
    for key, label in (("author", "author"), ("publication", "in"), ("date", "date")):
        if doc.get(key):
            rows.append((label, doc[key]))
    cited = attribution(p, plays)
    if cited.film:
        rows.append(("film", cited.film))
    if p.question:
        rows.append(("question", " ".join(p.question.split())))
    for key, value in rows:
        con.print(Text(f"{key:>9}: ", style="dim") + Text(clean(value)))
    con.print()
    con.print(clean(p.text), markup=False, highlight=False)


# -- tables --------------------------------------------------------------------------------


def _cells(*values: str) -> list[Any]:
    """Table cells as plain Text: a string cell would be read as Rich markup, and a file
    named "[link=…]" would make a link."""
    from rich.text import Text

    return [Text(plain_line(value)) for value in values]


def _table(*columns: str) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in columns:
        # fold, never "…": a cut path or name is useless to the reader
        table.add_column(
            column, justify="right" if column in {"passages", "count"} else "left", overflow="fold"
        )
    return table


def render_speakers(con: Console, speakers: list[SpeakerInfo]) -> None:
    table = _table("speaker", "role", "passages", "languages", "plays")
    for s in speakers:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(s.langs.items()))
        table.add_row(*_cells(s.name, s.role or "", str(s.passages), langs, s.plays or ""))
    con.print(table)


def render_films(con: Console, films: list[FilmInfo]) -> None:
    from rich.text import Text

    for info in films:
        film = info.film
        head = Text()
        if film is None:
            head.append("(no film)", style="bold")
        else:
            head.append(clean(film.title), style="bold cyan")
            extra = [str(x) for x in (film.original_title, film.year) if x]
            if extra:
                head.append(clean(f" ({', '.join(extra)})"))
            if film.variants:
                head.append(clean(f"  also: {'; '.join(film.variants)}"), style="dim")
        con.print(head)
        langs = ", ".join(f"{k} {v}" for k, v in info.langs.items())
        con.print(Text(f"    {info.passages} passages · {langs}", style="dim"))
        if info.speakers:
            con.print(Text(clean("    speakers: " + ", ".join(info.speakers))))
        for doc in info.documents:
            line = Text("    ")
            line.append(plain_line(doc.source), style="green")
            line.append(f" · {doc.lang}")
            if doc.title:
                line.append(clean(f" · {doc.title}"))
            if doc.how:
                line.append(f"  ({doc.how})", style="dim")
            con.print(line)
        con.print()


def film_json(info: FilmInfo) -> dict[str, Any]:
    film = info.film
    return {
        "title": film.title if film else None,
        "original_title": film.original_title if film else None,
        "year": film.year if film else None,
        "variants": film.variants if film else [],
        "documents": [
            {"source": d.source, "title": d.title, "lang": d.lang, "how": d.how or None}
            for d in info.documents
        ],
        "languages": info.langs,
        "speakers": info.speakers,
        "passages": info.passages,
    }


def _human_bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _human_age(seconds: float) -> str:
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds / size:.0f} {unit}"
    return f"{seconds:.0f} s"


def render_stats(con: Console, stats: Stats) -> None:
    table = _table("", "")
    table.show_header = False
    table.add_row(*_cells("index", str(stats.index_dir)))
    table.add_row("documents", str(stats.documents))
    table.add_row("passages", str(stats.passages))
    table.add_row(
        *_cells("languages", ", ".join(f"{k} {v}" for k, v in sorted(stats.langs.items())))
    )
    table.add_row(*_cells("kinds", ", ".join(f"{k} {v}" for k, v in sorted(stats.kinds.items()))))
    table.add_row(
        "index size", f"{_human_bytes(stats.size_bytes)} (text {_human_bytes(stats.text_bytes)})"
    )
    table.add_row("updated", f"{_human_age(time.time() - stats.updated)} ago")
    if stats.skipped:
        table.add_row("skipped", str(len(stats.skipped)))
    con.print(table)


def render_report(con: Console, report: BuildReport, *, verbose: bool = False) -> None:
    """A few lines however large the index: counts, then what needs attention (skipped
    files); ``verbose`` adds the language and speaker tables and the files by outcome."""
    from rich.text import Text

    m = report.manifest
    con.print(
        Text(
            clean(
                f"Index at {report.index_dir}: {counted(len(m.documents), 'file')}, "
                f"{m.passage_count} passages in {report.seconds:.1f} s"
            ),
            style="bold",
        )
    )
    changes = (
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} "
        f"removed, {len(report.unchanged)} unchanged"
    )
    if report.ignored:
        changes += f", {len(report.ignored)} media files ignored"
    con.print(Text(changes))
    langs = m.langs()
    speakers = m.speakers()
    shown = ", ".join(f"{lang} {count}" for lang, count in langs.most_common(6))
    more = f" and {len(langs) - 6} more" if len(langs) > 6 else ""
    con.print(
        Text(
            clean(
                f"languages: {shown or 'none'}{more}; {len(speakers)} "
                + ("speaker" if len(speakers) == 1 else "speakers")
                + ("" if verbose or not (langs or speakers) else " (details: --verbose)")
            )
        )
    )
    if verbose:
        table = _table("language", "passages")
        for lang, count in langs.most_common():
            table.add_row(*_cells(lang, str(count)))
        con.print(table)
        if speakers:
            table = _table("speaker", "passages")
            for name, count in speakers.most_common():
                table.add_row(*_cells(name, str(count)))
            con.print(table)
        for label, names in (
            ("added", report.added),
            ("updated", report.updated),
            ("removed", report.removed),
            ("ignored", report.ignored),
        ):
            for name in names:
                con.print(Text(plain_line(f"{label:>8}  {name}")))
    if report.skipped:
        table = _table("skipped file", "reason")
        for s in report.skipped[:SKIPS_SHOWN]:
            kept = (
                " (previous version kept)" if any(s.path.endswith(k) for k in report.kept) else ""
            )
            table.add_row(*_cells(os_text(s.path), s.reason + kept))
        con.print(table)
        rest = skips_rest(report.skipped)
        if rest:
            con.print(Text(rest))


#: Skipped files named one by one on a terminal; past these, a count per reason (the
#: whole list is in the manifest and in ``tutti index --json``).
SKIPS_SHOWN = 10


def skip_lines(skipped: list[Skipped]) -> list[str]:
    """One line per skipped file for the first SKIPS_SHOWN, then one for the rest."""
    lines = [plain_line(f"skipped {os_text(s.path)}: {s.reason}") for s in skipped[:SKIPS_SHOWN]]
    rest = skips_rest(skipped)
    return [*lines, rest] if rest else lines


def skips_rest(skipped: list[Skipped]) -> str | None:
    """ "… and N more skipped (reason: count, …)" for the files past SKIPS_SHOWN."""
    from collections import Counter

    rest = skipped[SKIPS_SHOWN:]
    if not rest:
        return None
    reasons = Counter(s.reason for s in rest).most_common()
    shown = ", ".join(f"{reason}: {count}" for reason, count in reasons[:3])
    other = sum(count for _, count in reasons[3:])
    shown += f", other reasons: {other}" if other else ""
    return clean(f"… and {len(rest)} more skipped ({shown}); the full list: tutti index --json")


def speaker_json(s: SpeakerInfo) -> dict[str, Any]:
    return {
        "name": s.name,
        "role": s.role,
        "passages": s.passages,
        "languages": s.langs,
        "plays": s.plays,
    }


def _index_place(index_dir: Path | str) -> str:
    """An index folder as an absolute path, however it was given (``--index-dir ix``, the
    default, ``TUTTI_INDEX_DIR``), so that a script reads one form; a cluster's address
    as it is."""
    return str(index_dir.absolute()) if isinstance(index_dir, Path) else str(index_dir)


def stats_json(st: Stats) -> dict[str, Any]:
    return {
        "index_dir": _index_place(st.index_dir),
        "documents": st.documents,
        "passages": st.passages,
        "languages": st.langs,
        "kinds": st.kinds,
        "size_bytes": st.size_bytes,
        "text_bytes": st.text_bytes,
        "created": st.created,
        "updated": st.updated,
        "skipped": st.skipped,
    }


def report_json(report: BuildReport) -> dict[str, Any]:
    m = report.manifest
    return {
        "index_dir": _index_place(report.index_dir),
        "files": len(m.documents),
        "passages": m.passage_count,
        "languages": dict(m.langs()),
        "speakers": dict(m.speakers()),
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": len(report.unchanged),
        "skipped": [{"path": os_text(s.path), "reason": s.reason} for s in report.skipped],
        "ignored": len(report.ignored),
        "seconds": round(report.seconds, 3),
    }


def render_tokens(con: Console, tokens: list[str]) -> None:
    con.print(clean(" ".join(tokens)) if tokens else "(no tokens)", markup=False, highlight=False)


def render_analysis_check(
    con: Console, diffs: dict[str, list[tuple[str, list[str], list[str]]]]
) -> None:
    """Per language, the sampled words whose tokens differ between tutti and the cluster."""
    for lang, found in diffs.items():
        con.print(
            f"{lang}: {len(found)} word(s) analysed differently", markup=False, highlight=False
        )
        for word, ours, theirs in found:
            con.print(
                clean(
                    f"  {word}: tutti {' '.join(ours) or '(none)'} | opensearch "
                    f"{' '.join(theirs) or '(none)'}"
                ),
                markup=False,
                highlight=False,
            )
