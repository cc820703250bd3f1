"""The JSON Lines the README documents, field for field: every record type of every command
that takes ``--json`` has exactly the keys the README lists, each of the type it gives.

Adding, renaming or dropping a field is a change of a stable schema: it must fail here and
be made in the README's *JSON Lines schema* section at the same time.

The fixture folder is written here: a Spanish press-kit interview with its film record (so
a speaker plays someone), a German radio transcript (a composer, a role), a French review
with author, site and date, an Italian PDF whose synopsis runs onto its second page, and a
note about no film in a folder of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, write_press

from search.engine import Engine

fpdf = pytest.importorskip("fpdf")

ENTREVISTA_ES = """\
LA VENDIMIA

SINOPSIS

Una enóloga vuelve a la viña de su familia para salvar la última cosecha antes de que el
pueblo venda las tierras.

ENTREVISTA CON LUCÍA VIDAL

¿Cómo preparó el papel de la enóloga?

Trabajé en una bodega de La Rioja durante toda la vendimia. Aprendí a probar el mosto y a
madrugar con los jornaleros, y eso se nota en cada plano.

¿Qué le pidió la directora?

Que no actuara. Que mirara la viña como se mira a una persona que se va a ir.
"""

FICHA = {
    "title": "La Vendimia",
    "year": 2025,
    "synopsis": "Una enóloga intenta salvar la última cosecha de la viña familiar en La Rioja.",
    "actors": ["Lucía Vidal (Rosa Campos)", "Tomás Ferrer (Julián)"],
}

RADIO_DE = """\
Im Gespräch mit der Komponistin Lena Brenner

Radiotranskript, Kulturwelle, Sendung "Klangraum". Moderation: Eva Sommer.

00:00:05 Sommer: Frau Brenner, wie klingt die Musik zur Vendimia?
00:00:12 Brenner: Nach einem Orchester, das sich erst finden muss. Die Geigen kommen spät,
die Bläser früh, und am Ende spielen alle zusammen auf der Bühne.
00:01:40 Sommer: Und die englische Fassung?
00:01:44 Brenner: The English version was recorded in London with a smaller string section
and a new choir.
"""

CRITIQUE_FR = """\
<html><head><title>La Vendimia : la dernière récolte</title>
<meta name="author" content="Claire Martin">
<meta property="og:site_name" content="Cinéma Revue">
<meta property="article:published_time" content="2025-03-14">
</head><body><article><h1>La Vendimia : la dernière récolte</h1>
<p>Le film suit une œnologue qui revient dans les vignes de sa famille pour sauver la
dernière récolte. La mise en scène est patiente, la lumière de la Rioja magnifique, et
Lucía Vidal porte le film avec une retenue rare.</p>
<p>On regrette seulement que le scénario explique trop ce que les images disaient déjà.</p>
</article></body></html>
"""

#: Two pages of one synopsis: its one passage starts on page 1 and ends on page 2.
TRAMA_IT_PAGES = [
    "TRAMA\n\nUna enologa torna nella vigna della sua famiglia per salvare l'ultima "
    "vendemmia prima che il paese venda le terre. Il padre non parla piu da mesi e la sorella",
    "vuole partire per la citta, ma la raccolta riunisce tutti tra i filari fino all'alba.",
]

NOTE_EN = """\
Press office note. Screeners of every title in this season's catalogue are available on
request until the end of the month; write to the office with the name of your outlet.
"""


def _pdf(path: Path, pages: list[str]) -> None:
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.set_xy(10, 25)
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))


def write_folder(root: Path) -> Path:
    press = write_press(
        root / "vendimia",
        {
            "entrevista_es.txt": ENTREVISTA_ES,
            "ficha.json": json.dumps(FICHA, ensure_ascii=False),
            "radio_de.txt": RADIO_DE,
            "critique_fr.html": CRITIQUE_FR,
        },
    )
    _pdf(press / "trama_it.pdf", TRAMA_IT_PAGES)
    write_press(root / "office", {"note_en.txt": NOTE_EN})
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_folder(tmp_path_factory.mktemp("prensa"))


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, folder: Path) -> Path:
    root = tmp_path_factory.mktemp("ix-json") / "ix"
    report = Engine(root).index([folder])
    assert not report.skipped
    return root


@pytest.fixture()
def json_of(cli: Callable[..., Run], index_dir: Path) -> Callable[..., list[dict[str, Any]]]:
    """Run a command with ``--json`` against the fixture index; its records, parsed."""

    def run(*argv: str) -> list[dict[str, Any]]:
        result = cli(*argv, "--json", "--index-dir", str(index_dir))
        assert result.code == 0, result.err
        return [json.loads(line) for line in result.lines]

    return run


# -- a small type language: exact key sets, exact types (a bool is no int) ------------------


@dataclass(frozen=True)
class ListOf:
    item: Any
    length: int | None = None


@dataclass(frozen=True)
class MapOf:
    key: Any
    value: Any


def problems(value: Any, spec: Any, where: str = "") -> list[str]:
    """Where ``value`` departs from ``spec``: a type, a tuple of alternatives, ``ListOf``,
    ``MapOf``, or a dict of exactly these keys."""
    if isinstance(spec, tuple):
        found = [problems(value, alternative, where) for alternative in spec]
        return [] if any(not p for p in found) else min(found, key=len)
    if isinstance(spec, dict):
        if type(value) is not dict:
            return [f"{where or 'record'}: {type(value).__name__}, want an object"]
        out = []
        if set(value) != set(spec):
            missing, extra = sorted(set(spec) - set(value)), sorted(set(value) - set(spec))
            out.append(f"{where or 'record'}: missing {missing}, unexpected {extra}")
        for key in set(spec) & set(value):
            out += problems(value[key], spec[key], f"{where}.{key}")
        return out
    if isinstance(spec, ListOf):
        if type(value) is not list:
            return [f"{where}: {type(value).__name__}, want a list"]
        if spec.length is not None and len(value) != spec.length:
            return [f"{where}: {len(value)} items, want {spec.length}"]
        return [
            p for i, item in enumerate(value) for p in problems(item, spec.item, f"{where}[{i}]")
        ]
    if isinstance(spec, MapOf):
        if type(value) is not dict:
            return [f"{where}: {type(value).__name__}, want an object"]
        return [
            p
            for key, item in value.items()
            for p in problems(key, spec.key, f"{where} key")
            + problems(item, spec.value, f"{where}[{key!r}]")
        ]
    return [] if type(value) is spec else [f"{where}: {type(value).__name__}, want {spec.__name__}"]


NULL = type(None)
SPAN = ListOf(int, length=2)

#: The README's `film` field: the film a document is grouped into, or null.
FILM = ({"title": str, "original_title": (str, NULL), "year": (int, NULL)}, NULL)

#: `tutti export --json` and `tutti show --json`: a passage.
PASSAGE = {
    "id": str,
    "lang": str,
    "lang_detected": bool,
    "speaker": (str, NULL),
    "role": (str, NULL),
    "plays": (str, NULL),
    "source": str,
    "kind": str,
    "question": (str, NULL),
    "page": (int, NULL),
    "page_end": (int, NULL),
    "title": (str, NULL),
    "author": (str, NULL),
    "publication": (str, NULL),
    "date": (str, NULL),
    "film": FILM,
    "text": str,
}

#: `tutti search --json`: a hit, the passage and what the search adds.
HIT = {
    **PASSAGE,
    "rank": int,
    "score": float,
    "snippet": str,
    "highlights": ListOf(SPAN),
    "question_highlights": ListOf(SPAN),
    "query": str,
    "suggestion": (str, NULL),
}

SUMMARY = {"type": str, "query": str, "total": int}

SPEAKER = {
    "name": str,
    "role": (str, NULL),
    "passages": int,
    "languages": MapOf(str, int),
    "plays": (str, NULL),
}

FILM_RECORD = {
    "title": (str, NULL),
    "original_title": (str, NULL),
    "year": (int, NULL),
    "variants": ListOf(str),
    "documents": ListOf({"source": str, "title": (str, NULL), "lang": str, "how": (str, NULL)}),
    "languages": MapOf(str, int),
    "speakers": ListOf(str),
    "passages": int,
}

INDEX_REPORT = {
    "index_dir": str,
    "files": int,
    "passages": int,
    "languages": MapOf(str, int),
    "speakers": MapOf(str, int),
    "added": ListOf(str),
    "updated": ListOf(str),
    "removed": ListOf(str),
    "unchanged": int,
    "skipped": ListOf({"path": str, "reason": str}),
    "ignored": int,
    "seconds": (float, int),
}

STATS = {
    "index_dir": str,
    "documents": int,
    "passages": int,
    "languages": MapOf(str, int),
    "kinds": MapOf(str, int),
    "size_bytes": int,
    "text_bytes": int,
    "created": float,
    "updated": float,
    "skipped": ListOf({"path": str, "reason": str}),
}

TOKENS = {"text": str, "lang": str, "tokens": ListOf(str)}


def assert_schema(records: list[dict[str, Any]], spec: dict[str, Any]) -> None:
    assert records
    found = {p for record in records for p in problems(record, spec)}
    assert not found, sorted(found)


def test_the_checker_itself_tells_a_missing_an_extra_and_a_mistyped_field():
    assert problems({"a": 1, "b": None}, {"a": int, "b": (str, NULL)}) == []
    assert problems({"a": 1}, {"a": int, "b": str}) == ["record: missing ['b'], unexpected []"]
    assert problems({"a": 1, "c": 2}, {"a": int}) == ["record: missing [], unexpected ['c']"]
    assert problems({"a": True}, {"a": int}) == [".a: bool, want int"]
    assert problems({"s": [[1, 2, 3]]}, {"s": ListOf(SPAN)}) == [".s[0]: 3 items, want 2"]
    assert problems({"m": {"x": "1"}}, {"m": MapOf(str, int)}) == [".m['x']: str, want int"]


# -- search ----------------------------------------------------------------------------------


def test_every_hit_has_exactly_the_readme_fields(json_of):
    hits = json_of("search", "vendimia OR vendemmia OR récolte OR version", "--limit", "0")
    hits += json_of("search", "jornaleros OR vendimai")  # fewer than 3 hits: a suggestion
    assert_schema(hits, HIT)
    # The fixture reaches every nullable field with a value too, so each type is seen.
    for field, spec in HIT.items():
        if isinstance(spec, tuple) and NULL in spec:
            assert any(h[field] is not None for h in hits), f"no hit has a {field}"


def test_a_hit_carries_the_character_its_speaker_plays(json_of):
    by_speaker = {h["speaker"]: h for h in json_of("search", "viña OR Orchester")}
    assert by_speaker["Lucía Vidal"]["plays"] == "Rosa Campos"
    assert by_speaker["Lena Brenner"]["plays"] is None
    assert by_speaker["Lena Brenner"]["role"] == "composer"


def test_a_misspelt_query_suggests_and_highlights_are_spans_of_text(json_of):
    hits = json_of("search", "jornaleros OR vendimai")
    assert_schema(hits, HIT)
    hit = hits[0]
    assert hit["suggestion"] is not None
    assert [hit["text"][a:b] for a, b in hit["highlights"]] == ["jornaleros"]


def test_summary_record_after_hits_and_alone_with_count(json_of):
    records = json_of("search", "viña", "--summary")
    *hits, summary = records
    assert_schema(hits, HIT)
    assert_schema([summary], SUMMARY)
    assert summary == {"type": "summary", "query": "viña", "total": len(hits)}
    assert json_of("search", "viña", "--count") == [summary]


# -- the other commands ----------------------------------------------------------------------


def test_export_and_show_write_a_hit_without_its_search_fields(json_of):
    passages = json_of("export")
    assert_schema(passages, PASSAGE)
    vidal = next(p for p in passages if p["speaker"] == "Lucía Vidal")
    assert vidal["plays"] == "Rosa Campos"
    assert json_of("show", vidal["id"]) == [vidal]


def test_speakers_records(json_of):
    speakers = json_of("speakers")
    assert_schema(speakers, SPEAKER)
    assert {s["name"]: s["plays"] for s in speakers} == {
        "Lucía Vidal": "Rosa Campos",
        "Lena Brenner": None,
    }


def test_films_records_with_the_documents_of_no_film_last(json_of):
    films = json_of("films")
    assert_schema(films, FILM_RECORD)
    assert [f["title"] for f in films] == ["La Vendimia", None]
    assert films[-1]["documents"][0]["source"] == "office/note_en.txt"


def test_stats_record(json_of):
    assert_schema(json_of("stats"), STATS)


def test_analyze_record(cli):
    run = cli("analyze", "Les musiciens", "--lang", "fr", "--json")
    records = [json.loads(line) for line in run.lines]
    assert_schema(records, TOKENS)
    assert records == [{"text": "Les musiciens", "lang": "fr", "tokens": ["musicien"]}]


def test_index_report_record(cli, tmp_path: Path):
    folder, root = write_folder(tmp_path / "press"), str(tmp_path / "ix")
    first = cli("index", str(folder), "--index-dir", root, "--json")
    assert first.code == 0, first.err
    records = [json.loads(line) for line in first.lines]
    assert_schema(records, INDEX_REPORT)
    (folder / "broken.json").write_text("{", encoding="utf-8")
    again = cli("index", str(folder), "--index-dir", root, "--json")
    assert again.code == 3
    report = [json.loads(line) for line in again.lines]
    assert_schema(report, INDEX_REPORT)
    assert [Path(s["path"]).name for s in report[0]["skipped"]] == ["broken.json"]
