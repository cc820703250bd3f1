"""From files to passages: every readable file indexed, every other one named."""

import json
from pathlib import Path

import pytest

from search import iter_passages
from search.ingest import iter_documents
from search.model import Kind, Skipped

FIXTURES = Path(__file__).parent / "fixtures" / "docs"
SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "press"
    folder.mkdir()
    for item in FIXTURES.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    (folder / "notes_latin1.txt").write_bytes(
        "Élève du Conservatoire, la violoniste a façonné son jeu à Lyon.\n\n"
        "Son père, déjà célèbre, lui a tout appris de l'orchestre.\n".encode("latin-1")
    )
    (folder / "image.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "x", "synopsis": ', encoding="utf-8")
    return folder


def test_bad_files_are_named_and_good_files_still_ingested(mixed: Path):
    skipped: list[Skipped] = []
    passages = list(iter_passages([mixed], on_skip=skipped.append))
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"image.bin", "empty.txt", "broken.json"}
    assert "binary" in reasons["image.bin"]
    assert "empty" in reasons["empty.txt"]
    assert "JSON" in reasons["broken.json"]
    sources = {p.source for p in passages}
    assert sources == {"presskit_fr.txt", "presskit_de.txt", "synopsis_it.txt", "notes_latin1.txt"}
    latin = next(p for p in passages if p.source == "notes_latin1.txt")
    assert "Élève du Conservatoire" in latin.text and latin.lang == "fr"


def test_ids_are_stable_unique_and_readable(mixed: Path):
    first = [p.id for p in iter_passages([mixed])]
    second = [p.id for p in iter_passages([mixed])]
    assert first == second
    assert len(set(first)) == len(first)
    assert "presskit_fr.txt:leblanc:02" in first
    assert "synopsis_it.txt:text:01" in first


def test_languages_of_fixture_documents(mixed: Path):
    by_source = {}
    for p in iter_passages([mixed]):
        by_source.setdefault(p.source, set()).add(p.lang)
    assert by_source == {
        "presskit_fr.txt": {"fr"},
        "presskit_de.txt": {"de"},
        "synopsis_it.txt": {"it"},
        "notes_latin1.txt": {"fr"},
    }


def test_film_record_json_is_recognised_by_content(tmp_path: Path):
    path = tmp_path / "record.data"
    path.write_text(
        json.dumps(
            {
                "title": "Il Violino",
                "synopsis": "Giulia, giovane violinista "
                "di Torino, prepara da sola il concerto più importante della sua vita.",
                "actors": ["Sofia Bruni (Giulia)"],
            }
        ),
        encoding="utf-8",
    )
    docs = [d for d in iter_documents([path]) if not isinstance(d, Skipped)]
    assert len(docs) == 1
    kinds = [p.kind for p in docs[0].passages]
    assert kinds == [Kind.TITLE, Kind.SYNOPSIS, Kind.CAST]


# -- the bundled seeds -------------------------------------------------------------------

INTERVIEWEES = {
    "Radu Mihaileanu",
    "Alain Attal",
    "Armand Amar",
    "Alexeï Guskov",
    "Dmitry Nazarov",
    "Valery Barinov",
    "Mélanie Laurent",
    "François Berléand",
    "Miou Miou",
    "Anna Kamenkova",
}


@pytest.fixture(scope="module")
def seed_passages():
    return list(iter_passages([SEEDS]))


def test_every_interview_answer_has_its_interviewee(seed_passages):
    answers = [p for p in seed_passages if p.kind == Kind.INTERVIEW]
    assert {p.speaker for p in answers} == INTERVIEWEES
    assert all(p.question for p in answers)
    # each answer stands in the section headed by its speaker's name
    import re

    flat = " ".join((SEEDS / "presskit_en.txt").read_text(encoding="utf-8").split())
    sections = re.split(r"A CONVERSATION WITH ([A-ZÀ-Ý ]+?) (?=[A-Z][a-z])", flat)
    owner_of = {}
    for name, body in zip(sections[1::2], sections[2::2], strict=True):
        owner_of[name.strip()] = body
    assert len(owner_of) == 10
    for p in answers:
        owners = [n for n, body in owner_of.items() if p.text[:60] in body]
        assert owners == [p.speaker.upper()], p.id
    assert all(p.lang == "en" for p in answers)


def test_narration_and_synopses_have_no_speaker_and_the_right_language(seed_passages):
    by_source = {}
    for p in seed_passages:
        if p.kind != Kind.INTERVIEW:
            assert p.speaker is None
        by_source.setdefault(p.source, set()).add(p.lang)
    assert by_source["film_record_fr.json"] == {"fr"}
    assert by_source["synopsis_de.txt"] == {"de"}
    assert by_source["review_en.txt"] == {"en"}
    assert by_source["moviepage_en.txt"] == {"en"}
    assert by_source["presskit_en.txt"] == {"en"}


def test_passages_are_clean_prose(seed_passages):
    for p in seed_passages:
        assert "\n\n\n" not in p.text and "  " not in p.text.replace("\n\n", "")
        assert "per- fection" not in p.text
    assert any("a level of perfection" in p.text for p in seed_passages)
