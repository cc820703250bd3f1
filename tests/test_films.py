"""One index, many films: per-document metadata, film grouping, --film, `tutti films`,
citations and passage ids, on an invented press folder of three films in four languages.

The folder (written here, nothing read from seeds/):

    symphonie/dossier.txt      French press kit, cover "LA DERNIÈRE SYMPHONIE", two Dubois
    symphonie/fiche.json       film record: "The Last Symphony", original "La Dernière Symphonie"
    symphonie/note.txt         French director's note, no title: joins by its folder
    symphonie/note.html        English note sharing the stem "note"
    symphonie/inhalt.txt       German synopsis that never names the film: joins by its folder
    reviews/last_symphony.html English review: byline, <meta> author/site/date, names the film
    reviews/faro_kritik.txt    German synopsis of El Faro: never names it, shares its cast
    nachtzug/film.toml         the user's word: this folder is "Nachtzug" (alias "Night Train")
    nachtzug/production.docx   DOCX with a title, headings and a core-properties author
    nachtzug/inhalt.txt        German synopsis, no title
    faro/ficha.json            Spanish film record "El Faro" with a cast
    faro/notas.pdf             Spanish press notes, two pages, PDF author
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from search import Engine
from search.errors import IndexDamaged
from search.films import Film, bare, fold, group, matches
from search.ingest import iter_documents, iter_passages

fpdf = pytest.importorskip("fpdf")
docx = pytest.importorskip("docx")

DOSSIER = """\
DOSSIER DE PRESSE

LA DERNIÈRE SYMPHONIE

2024

SYNOPSIS

Un vieux chef d'orchestre, chassé de l'Opéra de Lyon, réunit ses anciens musiciens pour jouer
une dernière fois la symphonie qu'il n'a jamais terminée.

ENTRETIEN AVEC CLAIRE DUBOIS

Comment avez-vous préparé le rôle d'Hélène ?

J'ai appris à diriger un orchestre pendant huit mois, avec un vieux métronome en bois posé
sur le piano de ma grand-mère.

ENTRETIEN AVEC MARC DUBOIS

Vous jouez son frère. Qu'est-ce qui vous a touché dans le scénario ?

La fidélité des musiciens. Ils reviennent tous, même le contrebassiste qui vend des crêpes
à Villeurbanne depuis vingt ans.
"""

FICHE = {
    "title": "The Last Symphony",
    "original_title": "La Dernière Symphonie",
    "year": 2024,
    "synopsis": "An old conductor dismissed from the Lyon opera gathers his former musicians "
    "to perform the symphony he never finished.",
    "cast": ["Claire Dubois (Hélène Marchal)", "Marc Dubois (Paul Marchal)"],
}

NOTE_TXT = (
    "Ce film est né d'une promenade au bord du Rhône, un soir d'hiver, quand j'ai "
    "entendu un orchestre répéter derrière une fenêtre ouverte. Je voulais filmer "
    "la patience des musiciens et le silence qui précède la première note.\n"
)

NOTE_HTML = """<!DOCTYPE html><html lang="en"><head><title>A note on the music</title></head>
<body><article><p>The score was recorded in a single night in a disused tram depot, with
forty musicians who had never played together, and the echo of the hall became part of the
music itself.</p><p>We kept every breath and every creak of the chairs in the final mix,
because the film is about people before it is about notes.</p></article></body></html>
"""

REVIEW_HTML = """<!DOCTYPE html><html lang="en"><head>
<title>The Last Symphony review: a farewell in C minor</title>
<meta name="author" content="Sarah Whitfield">
<meta property="og:site_name" content="The Daily Screen">
<meta property="article:published_time" content="2024-05-14T09:00:00Z">
</head><body><article>
<h1>The Last Symphony review: a farewell in C minor</h1>
<p class="byline">By Sarah Whitfield</p>
<p>The Last Symphony is a moving film about old musicians and the music they never
finished. I found it superb: the final rehearsal, shot in one take, is the most stunning
scene of the year in any cinema.</p>
<p>Claire Dubois conducts with a stubborn tenderness, and the film never lets the orchestra
become a backdrop. It is a masterpiece of restraint, brilliant in its silences.</p>
</article></body></html>
"""

FARO_KRITIK = """\
Die Leuchtturmwärterin Marta, gespielt von Ana Torres, lebt allein auf einer Insel vor
Galicien. Als der junge Fischer Tomás, den Diego Ruiz mit großer Ruhe verkörpert, im Sturm
strandet, muss sie entscheiden, ob sie ihr Schweigen bricht. Eine stille Geschichte über
Einsamkeit, Wind und das Licht, das jede Nacht wiederkehrt.
"""

INHALT_SYMPHONIE = """\
Ein alter Dirigent, entlassen von der Oper in Lyon, ruft seine früheren Musiker zusammen,
um ein letztes Mal die Sinfonie zu spielen, die er nie vollendet hat.
"""

INHALT_NACHTZUG = """\
Ein Schaffner und eine Geigerin begegnen sich in einem Zug zwischen Wien und Venedig.
Zwischen zwei Grenzkontrollen erzählen sie einander ihr Leben, und am Morgen steigt nur
einer von beiden aus.
"""

FILM_TOML = """\
title = "Nachtzug"
year = 2023
aliases = ["Night Train"]
"""

FICHA = {
    "title": "El Faro",
    "year": 2022,
    "sinopsis": "Marta cuida un faro en una isla de Galicia. Una noche de tormenta, un joven "
    "pescador naufraga en la costa y ella debe decidir si rompe su silencio.",
    "cast": ["Ana Torres (Marta)", "Diego Ruiz (Tomás)"],
}

PDF_PAGES = [
    "El Faro nació de una noche de tormenta en la costa de Lugo. Quisimos filmar la luz del "
    "faro como si fuera un personaje más de la historia. " * 6,
    "El rodaje duró seis semanas en una isla sin carretera, con un equipo de once personas. " * 5
    + "Cada tarde, en la isla de Sálvora, el viento apagaba las velas de la casa del farero.",
]


def _docx(path: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "Jonas Weber"
    document.core_properties.title = "Production Notes"
    document.core_properties.created = datetime(2025, 9, 12, 9, 30)
    document.add_heading("Production Notes", level=0)
    document.add_heading("The Shoot", level=1)
    document.add_paragraph(
        "We filmed the night train over eleven nights between Vienna and "
        "Villach, with the real conductor checking our tickets."
    )
    document.add_heading("The Music", level=1)
    document.add_paragraph(
        "The violin theme was written on a napkin in the dining car and "
        "recorded the next morning in a Graz church."
    )
    document.save(str(path))


def _pdf(path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("El Faro - Notas de prensa")
    pdf.set_author("Lucía Romero")
    pdf.set_creation_date(datetime(2025, 11, 3, 8, 0, tzinfo=timezone.utc))
    for text in PDF_PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.set_xy(10, 25)
        pdf.multi_cell(0, 7, text)
    pdf.output(str(path))


def write_films(root: Path) -> Path:
    for folder in ("symphonie", "reviews", "nachtzug", "faro"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "symphonie/dossier.txt").write_text(DOSSIER, encoding="utf-8")
    (root / "symphonie/fiche.json").write_text(
        json.dumps(FICHE, ensure_ascii=False), encoding="utf-8"
    )
    (root / "symphonie/note.txt").write_text(NOTE_TXT, encoding="utf-8")
    (root / "symphonie/note.html").write_text(NOTE_HTML, encoding="utf-8")
    (root / "symphonie/inhalt.txt").write_text(INHALT_SYMPHONIE, encoding="utf-8")
    (root / "reviews/last_symphony.html").write_text(REVIEW_HTML, encoding="utf-8")
    (root / "reviews/faro_kritik.txt").write_text(FARO_KRITIK, encoding="utf-8")
    (root / "nachtzug/film.toml").write_text(FILM_TOML, encoding="utf-8")
    (root / "nachtzug/inhalt.txt").write_text(INHALT_NACHTZUG, encoding="utf-8")
    _docx(root / "nachtzug/production.docx")
    (root / "faro/ficha.json").write_text(json.dumps(FICHA, ensure_ascii=False), encoding="utf-8")
    _pdf(root / "faro/notas.pdf")
    return root


@pytest.fixture(scope="module")
def films_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_films(tmp_path_factory.mktemp("films") / "press")


@pytest.fixture(scope="module")
def films_index(tmp_path_factory: pytest.TempPathFactory, films_dir: Path) -> Path:
    root = tmp_path_factory.mktemp("films-ix") / "ix"
    report = Engine(root).index([films_dir])
    assert not report.skipped
    return root


@pytest.fixture()
def engine(films_index: Path) -> Engine:
    with Engine(films_index) as e:
        yield e


SYMPHONY = {"title": "The Last Symphony", "original_title": "La Dernière Symphonie", "year": 2024}
NACHTZUG = {"title": "Nachtzug", "original_title": None, "year": 2023}
FARO = {"title": "El Faro", "original_title": None, "year": 2022}


def _hit(engine: Engine, query: str, **filters: object):
    hits = engine.search(query, **filters).hits
    assert hits, query
    return hits[0].passage


def _json(run) -> list[dict]:
    return [json.loads(line) for line in run.out.splitlines()]


# -- films -----------------------------------------------------------------------------------


def test_documents_group_into_three_films_by_the_documented_rules(engine: Engine):
    by_title = {info.film.title if info.film else None: info for info in engine.films()}
    assert set(by_title) == {"The Last Symphony", "Nachtzug", "El Faro"}
    how = {d.source: d.how for info in by_title.values() for d in info.documents}
    assert how == {
        "symphonie/dossier.txt": "own title",  # the press kit's cover line
        "symphonie/fiche.json": "own title",  # joined by its original title
        "symphonie/note.txt": "folder",
        "symphonie/note.html": "folder",
        "symphonie/inhalt.txt": "folder",  # German, never names the film
        "reviews/last_symphony.html": "own title",  # in another folder: its headline names the film
        "reviews/faro_kritik.txt": "cast",  # never names El Faro; names its actors
        "nachtzug/inhalt.txt": "film.toml",
        "nachtzug/production.docx": "film.toml",
        "faro/ficha.json": "own title",
        "faro/notas.pdf": "mention",
    }
    symphony = by_title["The Last Symphony"]
    assert symphony.film.original_title == "La Dernière Symphonie" and symphony.film.year == 2024
    assert "La Dernière Symphonie" not in symphony.film.variants  # it is the original title
    assert set(symphony.langs) == {"fr", "en", "de"}
    assert symphony.speakers == ["Claire Dubois", "Marc Dubois"]
    assert by_title["Nachtzug"].film.variants == ["Night Train"]


def test_hits_carry_their_own_film_author_title_and_page(engine: Engine):
    interview = _hit(engine, "métronome")
    assert interview.speaker == "Claire Dubois" and interview.meta["film"] == SYMPHONY
    review = _hit(engine, "restraint")
    doc = review.meta["document"]
    assert review.kind == "review" and review.meta["film"] == SYMPHONY
    assert doc["author"] == "Sarah Whitfield" and doc["publication"] == "The Daily Screen"
    assert doc["date"] == "2024-05-14"
    assert review.title == "The Last Symphony review: a farewell in C minor"
    notes = _hit(engine, "napkin")
    assert notes.title == "Production Notes" and notes.meta["document"]["author"] == "Jonas Weber"
    assert notes.meta["film"] == NACHTZUG
    assert notes.meta["document"]["date"] == "2025-09-12"  # the DOCX's creation date
    page_two = _hit(engine, "Sálvora")
    assert (page_two.page, page_two.page_end) == (2, None) and page_two.source == "faro/notas.pdf"
    assert page_two.meta["document"]["author"] == "Lucía Romero"
    assert page_two.meta["document"]["date"] == "2025-11-03"  # the PDF's /CreationDate
    assert page_two.meta["film"] == FARO
    assert _hit(engine, "tormenta", sources=["notas.pdf"]).page == 1
    assert _hit(engine, "Leuchtturmwärterin").meta["film"] == FARO


def test_hits_carry_film_and_metadata_without_the_manifest(films_index: Path, tmp_path: Path):
    """A search looks each hit's source up in the source table; the manifest (every
    file's entry, growing with the archive) is not read. Without it, the same hits carry
    the same metadata, and what does need every file (the film list) says it is damaged."""
    import shutil

    queries = ["métronome", "restraint", "napkin", "Sálvora", "Leuchtturmwärterin", "film"]
    with Engine(films_index) as engine:
        expected = [[h.passage for h in engine.search(q, limit=50).hits] for q in queries]
    copy = tmp_path / "ix"
    shutil.copytree(films_index, copy)
    gen = copy / (copy / "CURRENT").read_text().strip()
    (gen / "manifest.json").unlink()
    with Engine(copy) as engine:
        got = [[h.passage for h in engine.search(q, limit=50).hits] for q in queries]
        assert got == expected
        assert {p.meta["film"]["title"] for p in got[-1] if p.meta["film"]} >= {"Nachtzug"}
        with pytest.raises(IndexDamaged, match=r"manifest\.json"):
            engine.films()


def test_json_hits_carry_film_and_document_fields(cli, films_index: Path):
    run = cli("search", "restraint", "--json", "--index-dir", str(films_index))
    hit = _json(run)[0]
    assert hit["film"] == SYMPHONY
    assert (hit["author"], hit["publication"], hit["date"]) == (
        "Sarah Whitfield",
        "The Daily Screen",
        "2024-05-14",
    )
    run = cli("export", "--json", "--film", "Nachtzug", "--index-dir", str(films_index))
    records = _json(run)
    assert records and {r["film"]["title"] for r in records} == {"Nachtzug"}


def test_title_lines_bylines_and_headings_are_found_by_search(engine: Engine):
    cover = _hit(engine, '"dernière symphonie"', sources=["dossier.txt"])
    assert cover.kind == "title" and "LA DERNIÈRE SYMPHONIE" in cover.text
    byline = _hit(engine, '"Sarah Whitfield"')
    assert byline.source == "reviews/last_symphony.html" and "By Sarah Whitfield" in byline.text
    heading = _hit(engine, '"the shoot"')
    assert heading.source == "nachtzug/production.docx" and heading.kind == "title"


@pytest.mark.parametrize(
    "name",
    ["la derniere symphonie", "LAST SYMPHONY", "The Last Symphony 2024", "night train", "Nachtzug"],
)
def test_film_filter_takes_any_title_accents_and_case_ignored(engine: Engine, name: str):
    sources = set(engine.film_sources([name]))
    film = engine.film_of(next(iter(sources)))
    assert sources == set(film.documents)
    hits = engine.search("musicians OR orchestra OR Zug OR Geigerin", films=[name], limit=50).hits
    assert hits and {h.passage.source for h in hits} <= sources


def test_film_filter_narrows_a_search(engine: Engine):
    everywhere = {h.passage.meta["film"]["title"] for h in engine.search("film", limit=50).hits}
    assert len(everywhere) >= 2
    only = {
        h.passage.meta["film"]["title"]
        for h in engine.search("film", films=["El Faro"], limit=50).hits
    }
    assert only == {"El Faro"}


def test_unknown_film_is_one_line_naming_the_closest(cli, films_index: Path):
    run = cli("search", "orchestra", "--film", "Last Symfony", "--index-dir", str(films_index))
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "unknown film 'Last Symfony'" in run.err
    assert "The Last Symphony" in run.err
    run = cli("export", "--film", "Nowhere", "--index-dir", str(films_index))
    assert run.code == 2 and run.out == "" and "unknown film" in run.err


def test_films_command_lists_films_as_text_and_json(cli, films_index: Path):
    run = cli("films", "--json", "--index-dir", str(films_index))
    assert run.code == 0
    records = {r["title"]: r for r in _json(run)}
    assert set(records) == {"The Last Symphony", "Nachtzug", "El Faro"}
    faro = records["El Faro"]
    assert set(faro) == {
        "title",
        "original_title",
        "year",
        "variants",
        "documents",
        "languages",
        "speakers",
        "passages",
    }
    assert {d["source"] for d in faro["documents"]} == {
        "faro/ficha.json",
        "faro/notas.pdf",
        "reviews/faro_kritik.txt",
    }
    assert set(faro["languages"]) == {"es", "de"}
    text = cli("films", "--index-dir", str(films_index)).out
    assert "The Last Symphony (La Dernière Symphonie, 2024)" in text
    assert "reviews/faro_kritik.txt" in text and "(cast)" in text


# -- ids -------------------------------------------------------------------------------------


def test_files_sharing_a_stem_never_share_ids_and_show_reaches_both(
    cli, engine: Engine, films_index: Path
):
    ids = [p.id for p in engine.passages()]
    assert len(ids) == len(set(ids))
    txt = [i for i in ids if i.startswith("symphonie/note.txt:")]
    html = [i for i in ids if i.startswith("symphonie/note.html:")]
    assert txt and html
    assert "Rhône" in cli("show", txt[-1], "--index-dir", str(films_index)).out
    assert "tram depot" in cli("show", html[-1], "--index-dir", str(films_index)).out


def test_two_speakers_sharing_a_surname_get_different_id_labels(films_dir: Path):
    labels: dict[str, set[str]] = {}
    for p in iter_passages([films_dir / "symphonie" / "dossier.txt"]):
        if p.speaker:
            labels.setdefault(p.speaker, set()).add(p.id.split(":")[-2])
    assert labels == {"Claire Dubois": {"claire-dubois"}, "Marc Dubois": {"marc-dubois"}}


def test_ids_are_the_same_on_every_run(films_dir: Path):
    first = [p.id for p in iter_passages([films_dir])]
    assert first == [p.id for p in iter_passages([films_dir])]
    assert "symphonie/dossier.txt:claire-dubois:01" in first


# -- citations -------------------------------------------------------------------------------


def test_cite_credits_speaker_critic_and_narration_with_film_publication_date_page(
    cli, films_index: Path
):
    ix = ("--index-dir", str(films_index))
    out = cli("search", "métronome", "--cite", "-n", "1", *ix).out
    assert (
        "— Claire Dubois (plays Hélène Marchal), interview; film: The Last Symphony "
        "(La Dernière Symphonie, 2024); La Dernière Symphonie [" in out
    )
    out = cli("search", "restraint", "--cite", "-n", "1", *ix).out
    assert (
        "— Sarah Whitfield, review; film: The Last Symphony (La Dernière Symphonie, 2024); "
        "The Daily Screen, 2024-05-14 [reviews/last_symphony.html:review:"
    ) in out
    out = cli("search", "Sálvora", "--cite", "-n", "1", *ix).out
    assert (
        "— Lucía Romero, text; film: El Faro (2022); El Faro - Notas de prensa, 2025-11-03, p. 2 [faro/notas.pdf:"
        in out
    )
    out = cli("search", "Geigerin", "--cite", "-n", "1", *ix).out
    assert out.splitlines()[1].startswith("— nachtzug/inhalt.txt, text; film: Nachtzug (2023) [")


def test_cite_markdown_and_csl_json(cli, films_index: Path):
    ix = ("--index-dir", str(films_index))
    md = cli("search", "restraint", "--cite-format", "markdown", "-n", "1", *ix).out
    assert md.startswith("> ") and "> — **Sarah Whitfield**, review; film: *The Last Symphony" in md
    run = cli("search", "Sálvora OR restraint", "--cite-format", "csl-json", *ix)
    items = json.loads(run.out)
    by_type = {item["type"]: item for item in items}
    review = by_type["review"]
    assert review["author"] == [{"literal": "Sarah Whitfield"}]
    assert review["container-title"] == "The Daily Screen"
    assert review["issued"] == {"date-parts": [[2024, 5, 14]]}
    assert review["reviewed-title"] == "The Last Symphony" and "restraint" in review["note"]
    pdf = by_type["document"]
    assert pdf["page"] == "2" and pdf["title"] == "El Faro - Notas de prensa"
    one = json.loads(cli("show", review["id"], "--cite-format", "csl-json", *ix).out)
    assert one == [review]


def test_cite_output_is_byte_identical_whatever_the_hash_seed(films_index: Path, tmp_path: Path):
    def run(seed: str, *argv: str) -> bytes:
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "NO_COLOR": "1",
            "TUTTI_INDEX_DIR": str(films_index),
        }
        done = subprocess.run(
            [sys.executable, "-m", "search", *argv],
            capture_output=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,  # asserted below, with stderr in the message
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for argv in (
        ("search", "musicians OR Marta OR film", "--cite", "-n", "20"),
        ("search", "film", "--cite-format", "csl-json", "-n", "20"),
        ("search", "orchestre", "--cite-format", "markdown"),
    ):
        assert run("1", *argv) == run("2", *argv) == run("77", *argv)


# -- the sidecar -----------------------------------------------------------------------------


def test_a_broken_film_toml_is_reported_and_its_documents_still_indexed(cli, tmp_path: Path):
    folder = tmp_path / "press" / "broken"
    folder.mkdir(parents=True)
    (folder / "film.toml").write_text('title = "Unclosed\n', encoding="utf-8")
    (folder / "inhalt.txt").write_text(INHALT_NACHTZUG, encoding="utf-8")
    run = cli("index", str(tmp_path / "press"), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3 and "film.toml" in run.err and "not a valid film.toml" in run.err
    assert cli("search", "Geigerin", "--index-dir", str(tmp_path / "ix")).code == 0


@pytest.mark.parametrize(
    "toml, reason",
    [
        ('title = "Tief"\nx = ' + "{a=" * 400 + "1" + "}" * 400, "nested too deep"),
        ('title = "Tief"\nx = ' + "[" * 1000 + "]" * 1000, "nested too deep"),
        ('title = "Lang"\n' + "# eine Notiz\n" * 6000, "larger than 64 KiB"),
    ],
)
def test_a_hostile_film_toml_is_one_skipped_line(cli, tmp_path: Path, toml: str, reason: str):
    # tomllib recursed past Python's limit: a traceback, and nothing indexed
    folder = tmp_path / "press" / "tief"
    folder.mkdir(parents=True)
    (folder / "film.toml").write_text(toml, encoding="utf-8")
    (folder / "inhalt.txt").write_text(INHALT_NACHTZUG, encoding="utf-8")
    run = cli("index", str(tmp_path / "press"), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3 and reason in run.err and "Traceback" not in run.err
    assert cli("search", "Geigerin", "--index-dir", str(tmp_path / "ix")).code == 0


@pytest.mark.parametrize("year", ["18446744073709551617", "-2009", "0"])
def test_a_film_toml_year_out_of_range_is_reported_not_written(cli, tmp_path: Path, year: str):
    """TOML reads integers of any size; JSON writers need them in 64 bits (orjson
    refuses more), and no film is dated so."""
    folder = tmp_path / "press" / "zug"
    folder.mkdir(parents=True)
    (folder / "film.toml").write_text(f'title = "Nachtzug"\nyear = {year}\n', encoding="utf-8")
    (folder / "inhalt.txt").write_text(INHALT_NACHTZUG, encoding="utf-8")
    run = cli("index", str(tmp_path / "press"), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3 and "film.toml: year must be a year, 1 to 9999" in run.err
    for args in (("search", "Geigerin", "--json"), ("films", "--json"), ("export", "--json")):
        out = cli(*args, "--index-dir", str(tmp_path / "ix"))
        assert out.code == 0 and f'"year":{year}' not in out.out and f"{year})" not in out.out


def test_an_edited_film_toml_counts_on_the_next_sync(tmp_path: Path):
    press = tmp_path / "press"
    press.mkdir()
    (press / "film.toml").write_text('title = "Nachtzug"\n', encoding="utf-8")
    (press / "inhalt.txt").write_text(INHALT_NACHTZUG, encoding="utf-8")
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    assert [f.title for f in engine.film_list()] == ["Nachtzug"]
    (press / "film.toml").write_text('title = "Night Train"\nyear = 2023\n', encoding="utf-8")
    report = engine.index([press])
    assert report.unchanged == ["inhalt.txt"]
    assert [(f.title, f.year) for f in engine.film_list()] == [("Night Train", 2023)]


# -- the rule, unit by unit ------------------------------------------------------------------


class _Doc:
    def __init__(self, path: str, meta: dict, speakers: dict | None = None) -> None:
        self.path, self.meta, self.speakers = path, meta, speakers or {}


def test_titles_meet_without_accents_case_or_article():
    assert fold("La Dernière  Symphonie!") == "la derniere symphonie"
    assert bare("Le Concert") == bare("The Concert") == bare("CONCERT") == "concert"
    film = Film("k", "The Concert", "Le Concert", 2009, ["Das Konzert"])
    assert matches("le concert", film) and matches("das KONZERT", film)
    assert matches("The Concert 2009", film) and not matches("The Concert 1990", film)
    assert not matches("concerto", film)


def test_a_phrase_in_running_text_is_not_a_mention():
    docs = {
        "a.json": _Doc("/p/a/a.json", {"film_claim": {"title": "The Concert"}}),
        "b.txt": _Doc("/p/b/b.txt", {}),
        "c.txt": _Doc("/p/c/c.txt", {}),
    }
    evidence = {
        "b.txt": {"lead": "We went to the concert in Paris.", "keys": []},
        "c.txt": {"lead": "Critique : « the concert » est un film rare.", "keys": []},
    }
    (film,) = group(docs, evidence)
    assert film.documents == {"a.json": "own title", "c.txt": "mention"}


def test_cast_needs_two_people_and_folder_needs_one_film():
    docs = {
        "x/rec.json": _Doc(
            "/p/x/rec.json",
            {
                "film_claim": {"title": "Alpha"},
                "cast": [
                    {"actor": "Ana Torres", "character": "Marta"},
                    {"actor": "Diego Ruiz", "character": None},
                ],
            },
        ),
        "y/rec.json": _Doc("/p/y/rec.json", {"film_claim": {"title": "Beta"}}),
        "y/one.txt": _Doc("/p/y/one.txt", {}),
        "z/one_name.txt": _Doc("/p/z/one_name.txt", {}),
        "z/two_names.txt": _Doc("/p/z/two_names.txt", {}),
    }
    from search.names import name_keys

    evidence = {
        "y/one.txt": {"lead": "", "keys": []},
        "z/one_name.txt": {"lead": "", "keys": name_keys("Ana Torres")},
        "z/two_names.txt": {"lead": "", "keys": name_keys("Ana Torres Diego Ruiz")},
    }
    alpha, beta = group(docs, evidence)
    # One shared name is not enough for the cast rule; its folder's one film takes it.
    assert alpha.documents == {
        "x/rec.json": "own title",
        "z/two_names.txt": "cast",
        "z/one_name.txt": "folder",
    }
    assert beta.documents == {"y/one.txt": "folder", "y/rec.json": "own title"}


def test_a_passage_running_onto_the_next_page_is_cited_with_both_pages():
    from search.ingest import _page_finder
    from search.model import Passage
    from search.render import cite, csl_item

    pages = [
        "Intro words here. The light of the lighthouse turned all night long",
        "over the sea, and nobody on the island slept. Second page sentence.",
    ]
    find = _page_finder(pages)
    text = "The light of the lighthouse turned all night long over the sea, and nobody on the island slept."
    assert find(text) == (1, 2)
    assert find("Second page sentence.") == (2, None)
    passage = Passage(
        id="notes.pdf:text:01",
        source="notes.pdf",
        kind="text",
        text=text,
        lang="en",
        page=1,
        page_end=2,
    )
    assert cite(passage, None).endswith("— notes.pdf, text; pp. 1–2 [notes.pdf:text:01]")
    assert csl_item(passage, None)["page"] == "1-2"


def test_a_sync_keeps_the_grouping_of_unchanged_documents(tmp_path: Path, films_dir: Path):
    import shutil

    press = tmp_path / "press"
    shutil.copytree(films_dir, press)
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    before = {f.title: f.documents for f in engine.film_list()}
    (press / "faro" / "ficha.json").write_text(
        json.dumps({**FICHA, "year": 2021}), encoding="utf-8"
    )
    report = engine.index([press])
    assert report.updated == ["faro/ficha.json"]
    after = {f.title: f.documents for f in engine.film_list()}
    assert after == before  # the mention and cast rules still read the unchanged files
    assert [f.year for f in engine.film_list() if f.title == "El Faro"] == [2021]


def test_a_batch_filters_by_film_too(cli, films_index: Path):
    run = cli(
        "search",
        "-",
        "--film",
        "nachtzug",
        "--json",
        "--index-dir",
        str(films_index),
        stdin="Zug\nmusicians\n",
    )
    records = _json(run)
    assert records and {r["film"]["title"] for r in records} == {"Nachtzug"}


def test_film_toml_applies_below_it_and_never_from_above_the_folder_indexed(tmp_path: Path):
    from search.films import find_sidecar

    outside = tmp_path / "archive"
    (outside / "press" / "deep" / "er").mkdir(parents=True)
    (outside / "film.toml").write_text('title = "Above"\n', encoding="utf-8")
    (outside / "press" / "film.toml").write_text('title = "Here"\n', encoding="utf-8")
    doc = outside / "press" / "deep" / "er" / "a.txt"
    doc.write_text("x", encoding="utf-8")
    press = outside / "press"
    assert find_sidecar(doc, "deep/er/a.txt", [press])["title"] == "Here"
    (press / "film.toml").unlink()
    assert find_sidecar(doc, "deep/er/a.txt", [press]) is None  # not "Above"
    assert find_sidecar(doc, "deep/er/a.txt", []) is None  # no root known: the source's depth
    assert find_sidecar(doc, "press/deep/er/a.txt", [])["title"] == "Above"
    assert find_sidecar(doc, "a.txt", [doc]) is None  # a file given alone: its folder only
    (doc.parent / "film.toml").write_text('title = "Own"\n', encoding="utf-8")
    assert find_sidecar(doc, "a.txt", [doc])["title"] == "Own"


# -- metadata read from the document ---------------------------------------------------------


@pytest.mark.parametrize(
    "line, author, publication",
    [
        ("By Sarah Whitfield", "Sarah Whitfield", None),
        (
            "By Sarah Whitfield | The Daily Screen | 14 May 2024",
            "Sarah Whitfield",
            "The Daily Screen",
        ),
        ("Par Jeanne Martin — Le Monde", "Jeanne Martin", "Le Monde"),
        ("Von Karl von der Heide, 3. März 2024", "Karl von der Heide", None),
        ("by Ana Torres / El País", "Ana Torres", "El País"),
    ],
)
def test_a_byline_gives_author_and_publication(line: str, author: str, publication: str | None):
    from search.docmeta import document_meta

    text = f"A headline about a film\n\n{line}\n\nThe film opens on a quiet harbour at dawn, and never hurries.\n"
    doc = document_meta("prose", text, {}, {}, None, None)
    assert doc.get("author") == author and doc.get("publication") == publication
    assert doc["title"] == "A headline about a film"


def test_a_sentence_starting_with_by_is_no_byline():
    from search.docmeta import byline

    assert byline("By the end of the film everyone in the audience was in tears.") is None


def test_cover_lines_give_the_film_and_generic_lines_do_not():
    from search.docmeta import document_meta, film_claim

    kit = "PRESS KIT\n\nTHE NIGHT FERRY\n\n(2021)\n\nSYNOPSIS\n\nA ferry crosses at night.\n"
    assert film_claim("presskit", kit, {}, None) == {"title": "THE NIGHT FERRY", "year": 2021}
    assert document_meta("presskit", kit, {}, {}, None, None)["title"] == "The Night Ferry"
    generic = "SYNOPSIS\n\nA ferry crosses at night.\n"
    assert film_claim("presskit", generic, {}, None) is None
    assert "title" not in document_meta("presskit", generic, {}, {}, None, None)


def test_a_generator_is_no_author():
    from search.docmeta import document_meta

    assert "author" not in document_meta(
        "prose", "Some text here.", {"author": "python-docx"}, {}, None, None
    )


def _mentions_oracle(film: Film, lead: str) -> int:
    """The slow way: one regex per film over the whole text (what the word index replaced)."""
    import re

    from search.films import _ARTICLES, _QUOTES, _plain

    names = {fold(n) for n in film.names()} | {bare(n) for n in film.names() if " " in bare(n)}
    words = [
        n.split() for n in sorted(names, key=lambda n: (-len(n), n)) if len(n) >= 4 or " " in n
    ]
    pattern = re.compile(
        r"(?<![^\W_])(?:"
        + "|".join(r"[\W_]+".join(map(re.escape, ws)) for ws in words)
        + r")(?![^\W_])",
        re.IGNORECASE,
    )
    text, count = _plain(lead), 0
    for match in pattern.finditer(text):
        found = re.findall(r"[^\W_]+", match.group(0))
        key = found[1] if len(found) > 1 and fold(found[0]) in _ARTICLES else found[0]
        if key[:1].isupper() or any(
            q in text[max(0, match.start() - 2) : match.start()] for q in _QUOTES
        ):
            count += 1
    return count


def test_title_mentions_agree_with_one_regex_per_film():
    import random

    from search.films import _TitleIndex

    films = [
        Film("a", "The Last Symphony", "La Dernière Symphonie", None, ["Die letzte Sinfonie"]),
        Film("b", "El Faro", None, None, ["The Lighthouse"]),
        Film("c", "Nachtzug", None, None, ["Night Train"]),
    ]
    index = _TitleIndex(films)
    pieces = [
        "The Last Symphony",
        "the last symphony",
        "« la dernière symphonie »",
        "LAST SYMPHONY",
        "El Faro",
        "el faro",
        "“el faro”",
        "The Lighthouse",
        "lighthouse",
        "Nachtzug",
        "nachtzug",
        "Night Train",
        "night-train",
        "and",
        "a film",
        "Le",
        "review:",
        "the",
        "Symphony",
        "Faro",
        "Train",
        "(",
        ")",
        "—",
        "LA DERNIERE SYMPHONIE",
    ]
    rng = random.Random(15)
    named = 0
    for _ in range(400):
        lead = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        got = index.mentions(lead)
        for film in films:
            assert got.get(film.key, 0) == _mentions_oracle(film, lead), lead
        named += bool(got)
    assert named > 200  # most leads name a film: the comparison is not of empty answers


def test_a_web_review_names_its_film_critic_and_date_in_json_ld(tmp_path: Path):
    page = """<!DOCTYPE html><html><head><title>Der Leuchtturm</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Review",
 "author": {"@type": "Person", "name": "Jana Berger"}, "datePublished": "2023-02-01",
 "publisher": {"@type": "Organization", "name": "Filmblatt"},
 "itemReviewed": {"@type": "Movie", "name": "El Faro", "dateCreated": "2022-09-20"}}</script>
<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[ not json</script>
</head><body><article><p>Ein stiller Film über eine Leuchtturmwärterin, die jede Nacht das
Licht anzündet, und ein wunderbares Meisterwerk der Geduld, ganz ohne große Worte.</p>
<p>Der Film bleibt bei ihr, bis zum letzten Sturm.</p></article></body></html>"""
    (tmp_path / "kritik.html").write_text(page, encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path]))
    assert doc.meta["film_claim"] == {"title": "El Faro", "year": 2022}
    assert doc.meta["document"]["author"] == "Jana Berger"
    assert doc.meta["document"]["publication"] == "Filmblatt"
    assert doc.meta["document"]["date"] == "2023-02-01"


def test_markdown_front_matter_gives_title_author_date_and_film(tmp_path: Path):
    (tmp_path / "notes.md").write_text(
        '---\ntitle: "Notes from the set"\nauthor: Paula Lind\ndate: 2023-06-02\n'
        "film: Nachtzug\ntags: [set, notes]\n---\n\n# Day one\n\nWe boarded the train at "
        "dusk and filmed until the border, with the real conductor checking tickets.\n",
        encoding="utf-8",
    )
    (doc,) = list(iter_documents([tmp_path]))
    assert doc.meta["document"] == {
        "title": "Notes from the set",
        "author": "Paula Lind",
        "date": "2023-06-02",
    }
    assert doc.meta["film_claim"] == {"title": "Nachtzug"}
    # ... and is no passage of the document's text; its values stay searchable in the
    # title passage
    passages = list(doc.passages)
    assert not any("author:" in p.text or "tags:" in p.text or "---" in p.text for p in passages)
    assert passages[0].kind == "title" and "set, notes" in passages[0].text.split("\n")
    assert passages[1].text.startswith("We boarded the train")


def test_metadata_reading_survives_arbitrary_text():
    import random

    from search import docmeta

    rng = random.Random(20)
    alphabet = [
        "By ",
        "Par ",
        "---\n",
        "title: ",
        "# ",
        "\n",
        "\n\n",
        "A",
        "É",
        "ß",
        "“",
        "«",
        "|",
        "—",
        "2024",
        "-05-",
        "SYNOPSIS",
        "ENTRETIEN AVEC ",
        "JEAN DUPONT",
        "\x00",
        "\x1b[2J",
        " ",
        ":",
        "film: ",
        "(",
        ")",
        "ǅ",
        "Ⅻ",
        "\u0301",
        "\ufeff",
        "x" * 50,
    ]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for kind in ("prose", "presskit", "labelled", "webpage", "json", "film-record"):
            doc = docmeta.document_meta(kind, text, {}, {}, None, None)
            assert set(doc) <= {"title", "author", "publication", "date"}
            assert all(isinstance(v, str) and v for v in doc.values())
            docmeta.film_claim(kind, text, {}, None, {})
            head = docmeta.title_passage(doc, text, kind, {})
            assert head is None or head.strip()
            docmeta.evidence(doc, text)


def test_two_films_of_one_title_are_told_apart_by_their_film_toml_years():
    docs = {
        "a/kit.txt": _Doc(
            "/p/a/kit.txt",
            {
                "sidecar": {"title": "Le Concert", "year": 2009, "path": "/p/a/film.toml"},
                "film_claim": {"title": "Le Concert"},
            },
        ),
        "b/kit.txt": _Doc(
            "/p/b/kit.txt",
            {"sidecar": {"title": "The Concert", "year": 1990, "path": "/p/b/film.toml"}},
        ),
        "c/record.json": _Doc(
            "/p/c/record.json", {"film_claim": {"title": "The Concert", "year": 2009}}
        ),
        "d/record.json": _Doc("/p/d/record.json", {"film_claim": {"title": "Le Concert"}}),
    }
    films = {(f.title, f.year): sorted(f.documents) for f in group(docs, {})}
    assert films == {
        ("Le Concert", 2009): ["a/kit.txt", "c/record.json"],
        ("The Concert", 1990): ["b/kit.txt"],
        ("Le Concert", None): ["d/record.json"],
    }


def test_a_film_toml_title_gathers_claims_of_that_title_elsewhere():
    docs = {
        "a/kit.txt": _Doc(
            "/p/a/kit.txt",
            {
                "sidecar": {
                    "title": "Nachtzug",
                    "aliases": ["Night Train"],
                    "path": "/p/a/film.toml",
                },
                "film_claim": {"title": "Zug der Nacht"},
            },
        ),
        "b/record.json": _Doc(
            "/p/b/record.json", {"film_claim": {"title": "Night Train", "year": 2023}}
        ),
        "c/record.json": _Doc("/p/c/record.json", {"film_claim": {"title": "Zug der Nacht"}}),
    }
    films = {f.title: (sorted(f.documents), f.variants) for f in group(docs, {})}
    # The record of an alias joins; a title the documents under film.toml give does not
    # make the film.toml's film take other documents of that title (it is only a variant).
    assert films == {
        "Nachtzug": (["a/kit.txt", "b/record.json"], ["Night Train", "Zug der Nacht"]),
        "Zug der Nacht": (["c/record.json"], []),
    }


def test_documents_of_no_film_are_listed_last_with_a_null_title(cli, shared_index: Path):
    records = _json(cli("films", "--json", "--index-dir", str(shared_index)))
    assert [r["title"] for r in records] == [None]
    assert {d["how"] for d in records[0]["documents"]} == {None}
    assert {d["source"] for d in records[0]["documents"]} == {
        "presskit_en.txt",
        "critique_fr.txt",
        "inhalt_de.txt",
        "trama_it.txt",
    }
    hit = _json(cli("search", "violin", "--json", "-n", "1", "--index-dir", str(shared_index)))[0]
    assert hit["film"] is None


def test_film_and_source_filters_meet(engine: Engine):
    hits = engine.search(
        "filmer OR musicians", films=["The Last Symphony"], sources=["note"], limit=50
    ).hits
    assert {h.passage.source for h in hits} == {"symphonie/note.txt", "symphonie/note.html"}
    assert engine.search("film", films=["El Faro"], sources=["dossier.txt"]).hits == []


def test_film_filter_on_an_unreachable_remote_index_is_one_clear_error(tmp_path: Path):
    """A remote index keeps its films in the cluster (tests/test_opensearch.py filters by
    them): one that cannot be reached says so, in one line."""
    from search.backend import BackendError

    engine = Engine(tmp_path / "ix", backend="opensearch", url="http://127.0.0.1:9")
    with pytest.raises(BackendError, match="cannot reach OpenSearch") as err:
        engine.film_sources(["Le Concert"])
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "headline, film",
    [
        ("Nachtzug review – a chamber piece on rails | The Film Desk", "Nachtzug"),
        ("Review: Nachtzug – a chamber piece", "Nachtzug"),
        ("Critique : « La Dernière Symphonie », un adieu", "La Dernière Symphonie"),
        ("Filmkritik: Nachtzug", "Nachtzug"),
        ("Recensione: Il Faro, un film di luce", "Il Faro"),
        ("Crítica de El faro: una promesa", "El faro"),
        ("“The Quiet Shore” review: silence", "The Quiet Shore"),
        ("Our review of the year in film was long and I think you should read it all", None),
        ("Reviewing the archive", None),
    ],
)
def test_a_review_headline_names_its_film(headline: str, film: str | None):
    from search.docmeta import _reviewed_film

    assert _reviewed_film(headline) == film


def test_a_review_headline_and_a_radio_mention_make_one_film(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "radio.txt").write_text(
        "[00:00:12] MODERATOR: Heute Abend bei uns im Studio: die Regisseurin Hanna Vogt. "
        "Frau Vogt, Ihr Film „Nachtzug“ spielt fast nur in einem Abteil. Warum?\n\n"
        "[00:00:31] VOGT: Weil die Enge etwas mit den Figuren macht.\n\n"
        "[00:01:05] MODERATOR: War das nicht schwierig zu drehen?\n\n"
        "[00:01:09] VOGT: Sehr. Die Kamera passte nur durch das Fenster.\n",
        encoding="utf-8",
    )
    (docs / "review.html").write_text(
        "<html><head><title>Nachtzug review – a chamber piece on rails | The Film Desk</title>"
        "</head><body><article><h1>Nachtzug review – a chamber piece on rails</h1>"
        "<p>Hanna Vogt locks four strangers into a sleeper compartment between Vienna and "
        "Hamburg, and never lets them out. It is claustrophobic, funny and finally moving.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    engine = Engine(tmp_path / "ix")
    engine.index([docs])
    [film] = [f for f in engine.films() if f.film is not None]
    assert film.film.title == "Nachtzug"
    assert {d.source: d.how for d in film.documents} == {
        "review.html": "own title",
        "radio.txt": "mention",
    }


def test_evidence_is_written_a_document_a_line_and_the_old_one_line_form_reads_the_same(
    tmp_path,
):
    import gzip
    import json

    from search import films

    evidence = {"b.txt": {"lead": "Le Concert", "keys": ["guskov"]}, "a.txt": {"lead": "x"}}
    films._write_evidence(tmp_path / "evidence.json.gz", evidence)
    lines = gzip.decompress((tmp_path / "evidence.json.gz").read_bytes()).decode().splitlines()
    assert [next(iter(json.loads(line))) for line in lines] == ["a.txt", "b.txt"]
    assert films.read_evidence(tmp_path) == evidence
    (tmp_path / "evidence.json.gz").write_bytes(gzip.compress(json.dumps(evidence).encode()))
    assert films.read_evidence(tmp_path) == evidence


def test_a_json_list_of_reviews_by_several_critics_is_credited_to_none_of_them(tmp_path: Path):
    def review(author: str, title: str, text: str) -> dict[str, str]:
        return {
            "title": title,
            "author": author,
            "publication": "Filmblatt",
            "film": "Die Nachtfähre",
            "text": text,
        }

    reviews = [
        review(
            "Hanna Kessler",
            "Ein stiller Sturm",
            "Berg und Feld drehen einen Film, der schaukelt wie das Meer.",
        ),
        review(
            "Paul Marchetti",
            "Seekrank und stolz",
            "Ein blinder Passagier, eine Köchin, ein Kapitän.",
        ),
    ]
    (tmp_path / "kritiken.json").write_text(json.dumps(reviews), encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path]))
    # what the records agree on is the file's; what each says of itself is no one's
    assert doc.meta["document"] == {"publication": "Filmblatt"}
    assert doc.meta["film_claim"] == {"title": "Die Nachtfähre"}
    assert doc.title is None
    said = " ".join(p.text for p in doc.passages)
    assert "Hanna Kessler" in said and "Paul Marchetti" in said

    same_critic = [
        review("Hanna Kessler", f"Kritik {n}", text) for n, text in enumerate(["Eins.", "Zwei."])
    ]
    (tmp_path / "kritiken.json").write_text(json.dumps(same_critic), encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path]))
    assert doc.meta["document"]["author"] == "Hanna Kessler"


@pytest.mark.parametrize(
    ("cover", "film"),
    [
        # a title with its credit on the next line, no blank line between
        (
            "DIE STILLE BUCHT\nEin Film von Jana Oehlers\n\nDeutschland 2025, 96 Min.",
            "DIE STILLE BUCHT",
        ),
        ("LA BAIE\nDossier de presse\nUn film de Jeanne Roux", "LA BAIE"),
        # the company that presents it first, the title after
        (
            "NORDLICHT FILM\nin Koproduktion mit dem ZDF\npräsentiert\n\nDIE STILLE BUCHT",
            "DIE STILLE BUCHT",
        ),
        # a festival's or a publication's name over a second line is no film
        ("HARBOUR LIGHTS FILM FESTIVAL 2024\nPost-screening Q&A", None),
        ("FILMBLATT\nDas Kinomagazin", None),
    ],
)
def test_a_cover_of_several_lines_names_its_film(cover: str, film: str | None):
    from search.docmeta import film_claim

    text = f"{cover}\n\nSYNOPSIS\n\nEine Bucht, ein Winter, zwei Schwestern.\n"
    claim = film_claim("presskit", text, {}, None)
    assert (claim or {}).get("title") == film


@pytest.mark.parametrize(
    "head",
    [
        "CINÉMA",  # a newspaper's rubric
        "Cultura | Entrevista",
        "KULTUR › KINO",
        "SIGHTLINES MAGAZINE · Issue 112",  # a masthead
        "Kino-Revue, Ausgabe 37",
        "Lucía Ferrán: «Quería filmar el calor como si fuera un personaje»",  # a quotation
        "„Ich schneide mit den Ohren“",
        "Drei Schwestern, eine Küche: die Darstellerinnen von Bittere Mandeln am Tisch",
        "Door Pieter de Vries",  # a byline
        "FILMECHO 11/2024 · KINO · GESPRÄCH",  # a rubric among a magazine's parts
        "Accueil > Cinéma > Entretiens",  # a web page's breadcrumbs
    ],
)
def test_a_newspapers_lines_over_an_interview_name_no_film(head: str):
    """Neither the line nor the standfirst under it is the film's cover line."""
    from search.docmeta import film_claim

    text = (
        f"{head}\n\nLA CASA DEL RELOJERO\n\nInés Garrido pasó seis años preparando su "
        "película.\n\nP: ¿Qué queda de su abuelo?\nR: Todo.\n"
    )
    assert film_claim("presskit", text, {}, None) is None


def test_a_cover_in_capitals_takes_the_case_the_text_writes():
    from search.docmeta import document_meta, film_claim

    text = (
        "LJUSET ÖVER VÄTTERN\n\nPressmaterial\n\nLjuset över Vättern är Elin Sandbergs "
        "första långfilm.\n"
    )
    assert film_claim("presskit", text, {}, None) == {"title": "Ljuset över Vättern"}
    assert document_meta("presskit", text, {}, {}, None, None)["title"] == "Ljuset över Vättern"
    # written nowhere else: in natural case, as before
    only = "DER LANGE WINTER\n\nPresseheft\n\nEin Film über einen Winter.\n"
    assert document_meta("presskit", only, {}, {}, None, None)["title"] == "Der Lange Winter"
    # German capitals keep "ß"
    sharp = "DIE GROßE STILLE\n\nPresseheft\n\nEin Film über Die große Stille der Berge.\n"
    assert film_claim("presskit", sharp, {}, None) == {"title": "Die große Stille"}


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # a synopsis or a credit list under its film's title, read as prose
        (
            "LA STAGIONE DEI FICHI\n\nSINOSSI\n\nUn'estate in Salento, tre generazioni di "
            "donne e un albero di fichi che nessuno vuole tagliare.\n",
            {"title": "LA STAGIONE DEI FICHI"},
        ),
        (
            "DE STILLE HAVEN\nTechnische credits\n\nRegie: Joost Hamelink\n",
            {"title": "DE STILLE HAVEN"},
        ),
        # a title in capitals over prose that is no synopsis names nothing
        ("VORWORT\n\nDieses Heft versammelt Texte über das Kino der Küste.\n", None),
    ],
)
def test_a_title_over_a_synopsis_or_credits_names_the_film(text: str, claim: dict[str, str] | None):
    from search.chunk import document_kind
    from search.docmeta import film_claim

    kind = document_kind(text)
    assert kind in ("prose", "labelled")
    assert film_claim(kind, text, {}, None) == claim


def test_a_cover_giving_two_titles_gives_the_original_too():
    from search.docmeta import film_claim

    text = (
        "THE QUIET ORCHESTRA / L'ORCHESTRE TRANQUILLE\nInternational press kit\n\n"
        "Interview with actress Camille Rousseau\n\nQ: How did you prepare?\nA: Slowly.\n"
    )
    assert film_claim("presskit", text, {}, None) == {
        "title": "THE QUIET ORCHESTRA",
        "original_title": "L'ORCHESTRE TRANQUILLE",
    }


def test_a_cover_line_over_an_interview_still_names_its_film():
    from search.docmeta import film_claim

    text = "LA CASA DEL RELOJERO\n\nInés Garrido pasó seis años preparando su película.\n"
    assert film_claim("presskit", text, {}, None) == {"title": "LA CASA DEL RELOJERO"}


@pytest.mark.parametrize(
    ("heading", "film"),
    [
        ("# Questions for Maja Lindqvist – THE GLASS HARVEST", "THE GLASS HARVEST"),
        ("Entretien avec Claire Roux – LA MAISON DES VENTS", "LA MAISON DES VENTS"),
        ("Q&A with Anna Berg | «Salt»", "Salt"),
        ("Interview mit Jana Oehlers: „Die stille Bucht“", "Die stille Bucht"),
        ("Interview with Anna Berg – DIRECTOR", None),  # a role
        ("Interview with Anna Berg – part 2", None),  # neither capitals nor quotes
        ("INTERVIEW WITH ANNA BERG", None),
    ],
)
def test_an_interview_heading_names_the_film_after_the_people(heading: str, film: str | None):
    from search.chunk.speakers import film_of_heading

    assert film_of_heading(heading) == film


@pytest.mark.parametrize(
    "heading, film",
    [
        # a title in italics inside the heading, not the whole heading
        ("# Discussione dopo la proiezione di *La cenere del vulcano*", "La cenere del vulcano"),
        # whom the headline hears "on" a film written again below
        ("# Mira Halvorsen on The Pear Thieves", "The Pear Thieves"),
        ("# Till Becker über „Die stille Grenze“", "Die stille Grenze"),
        # a topic is no film: a German noun, or words the text never writes again
        ("# Till Becker über Geduld", None),
        ("# Mira Halvorsen on Making Her First Feature", None),
    ],
)
def test_a_heading_gives_the_film_it_names_not_itself(heading: str, film: str | None):
    from search.docmeta import film_claim

    text = (
        f"{heading}\n\nMira Halvorsen e Till Becker hanno parlato di The Pear Thieves, "
        "La cenere del vulcano e Die stille Grenze.\n\n"
        "**Come è nato il film?**\n\nDa una fotografia.\n"
    )
    assert (film_claim("presskit", text, {}, None) or {}).get("title") == film


def test_a_title_typed_without_its_ligature_names_its_film():
    from search.films import bare

    assert bare("Le Chœur gelé") == bare("le choeur gele") == bare("LE CHOEUR GELÉ")
    assert bare("Łódź Nights") == bare("Lodz Nights")
    assert bare("Ærø") == bare("aero")


@pytest.mark.parametrize(
    "header, film",
    [
        ("LA ORILLA LARGA\nColoquio tras la proyección, Festival de Gijón", "LA ORILLA LARGA"),
        ("DAS LANGE UFER\nPublikumsgespräch nach der Vorführung, 12. Mai", "DAS LANGE UFER"),
        ("THE LONG SHORE\nPost-screening Q&A, Harbour Lights, 12 October 2024", "THE LONG SHORE"),
        # a festival's name over its Q&A is no film
        ("HARBOUR LIGHTS FILM FESTIVAL 2024\nPost-screening Q&A", None),
    ],
)
def test_a_transcripts_title_in_capitals_over_its_event_names_the_film(header, film):
    from search.docmeta import film_claim

    text = (
        f"{header}\n\nWith the director Ana Lind.\n\nMODERATOR: Where did it begin?\n\n"
        "ANA LIND: On a shore.\n\nMODERATOR: And the end?\n\nANA LIND: Open.\n"
    )
    claims = [film_claim(kind, text, {}, None) for kind in ("presskit", "prose")]
    assert [(c or {}).get("title") for c in claims] == [film, film]
