"""Real folders, real queries (issue 16): the shell contract where users actually point it.

Index choice and the demo kept apart, media files ignored, a missing PATH, a short
summary, Ctrl-C and SIGTERM while indexing, counting and listing, speaker filters by
prefix, character and narration, highlights of prefixes, fuzzy words and questions,
colour apart from layout, completion of values, typed queries, and the package's demo
corpus in a real install.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DOE_VIOLIN, ROE_TRUMPET, Run, run_on_a_terminal, subprocess_env, write_press

import search.engine
from search.cli import (
    FilmOption,
    _complete_id,
    _complete_kind,
    _complete_lang,
    _complete_role,
    _complete_source,
    _complete_speaker,
)
from search.cli_entry import main
from search.context import Environment
from search.engine import Engine

ESC = "\x1b"
ROOT = Path(__file__).resolve().parent.parent

PRESSKIT_ES = """\
SINOPSIS

Una directora de orquesta vuelve a su pueblo para dirigir un último concierto con los músicos
de su infancia.

ENTREVISTA CON MARÍA GÓMEZ

¿Cómo preparó el papel de la violinista?

Practiqué el violín cada mañana durante seis meses. La armonía de la orquesta me importaba
más que mi propio solo, y quería que cada gesto fuera verdadero.

ENTREVISTA CON MARIO ROSSI

¿Qué significa la música para usted?

La trompeta fue mi primer instrumento. Toqué en una banda de pueblo durante años, y la
armonía del grupo era lo único que importaba.
"""

FICHA = {
    "title": "La Orquesta",
    "synopsis": "Una directora de orquesta reúne a los músicos de su infancia para un "
    "último concierto en la plaza del pueblo.",
    "actors": ["María Gómez (Carmen Ortega)", "Mario Rossi (Padre Tomás)"],
}

RADIO_DE = (
    "Der Dirigent kam spät ins Studio. Der Saal war voll, und das Publikum wartete "
    "geduldig auf den Beginn der Sendung über das Orchester.\n"
)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def run_cli(
    *argv: str,
    stdin: str = "",
    tty: bool = False,
    stdin_tty: bool = False,
    stderr_tty: bool = False,
    vars: dict[str, str] | None = None,
    width: int | None = 100,
) -> Run:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.StringIO(stdin),
        stdout=out,
        stderr=err,
        stdout_isatty=tty,
        stderr_isatty=stderr_tty,
        vars=dict(vars or {}),
        width=width,
        stdin_isatty=stdin_tty,
    )
    code = main(list(argv), env=env)
    return Run(int(code), out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    """A Spanish press kit, its film record (who plays whom) and a German radio transcript."""
    folder = write_press(
        tmp_path_factory.mktemp("prensa"),
        {"presskit_es.txt": PRESSKIT_ES, "ficha.json": json.dumps(FICHA), "radio_de.txt": RADIO_DE},
    )
    root = tmp_path_factory.mktemp("ix-es") / "ix"
    report = Engine(root).index([folder])
    assert not report.skipped and len(report.added) == 3
    return root


@pytest.fixture()
def ix(shared_index: Path) -> list[str]:
    return ["--index-dir", str(shared_index)]


@pytest.fixture()
def no_user_index(tmp_path, monkeypatch) -> Path:
    """No index chosen, none built: the per-user folders point into tmp_path, and the
    checkout's own index/ is out of the way (as outside a checkout)."""
    home = tmp_path / "home"
    monkeypatch.delenv("TUTTI_INDEX_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setattr(search.engine, "PACKAGE_ROOT", tmp_path / "not-a-checkout")
    return home


# -- tutti index: a missing PATH, media, the summary --------------------------------------------


def test_index_of_a_missing_path_is_one_line_exit_2_and_changes_nothing(tmp_path, press_dir):
    root = tmp_path / "ix"
    run = run_cli("index", str(tmp_path / "no-such-folder"), "--index-dir", str(root))
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "no-such-folder" in run.err
    assert not root.exists()
    run_cli("index", str(press_dir), "--index-dir", str(root))
    before = (root / "CURRENT").read_text()
    again = run_cli("index", str(press_dir), str(tmp_path / "typo"), "--index-dir", str(root))
    assert again.code == 2 and "typo" in again.err
    assert (root / "CURRENT").read_text() == before


def _press_folder_with_media(folder: Path) -> Path:
    write_press(folder, {"entrevista.txt": PRESSKIT_ES, "radio_de.txt": RADIO_DE})
    (folder / "stills").mkdir()
    (folder / "stills" / "still 01.JPG").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2048))
    (folder / "trailer.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(4096))
    (folder / "fonts").mkdir()
    (folder / "fonts" / "Title.ttf").write_bytes(b"\x00\x01\x00\x00\x00" + os.urandom(1024))
    (folder / "theme.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE" + os.urandom(1024))
    # no extension, but a PNG by its first bytes
    (folder / "poster").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def test_media_files_are_ignored_quietly_and_counted(tmp_path):
    folder = _press_folder_with_media(tmp_path / "press")
    root = tmp_path / "ix"
    run = run_cli("index", str(folder), "--index-dir", str(root))
    assert run.code == 0, run.err
    assert run.err == ""
    assert "5 media files ignored" in run.out
    record = jsonl(run_cli("index", str(folder), "--index-dir", str(root), "--json").out)[0]
    assert record["ignored"] == 5 and record["skipped"] == [] and record["files"] == 2
    verbose = run_cli("index", str(folder), "--index-dir", str(root), "--verbose").out
    assert "stills/still 01.JPG" in verbose and "poster" in verbose


def test_a_broken_file_beside_media_still_exits_3(tmp_path):
    folder = _press_folder_with_media(tmp_path / "press")
    (folder / "notes.txt").write_bytes(bytes(range(32)) * 64)  # binary, no known format
    run = run_cli("index", str(folder), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3
    assert "notes.txt" in run.err and "trailer.mp4" not in run.err + run.out


def _many_speakers(count: int) -> str:
    parts = ["SYNOPSIS\n\nA conductor gathers an orchestra for one last concert.\n"]
    for i in range(count):
        name = f"PERSON{chr(65 + i // 26)}{chr(65 + i % 26)} SURNAME{chr(65 + i // 26)}{chr(65 + i % 26)}"
        parts.append(
            f"INTERVIEW WITH {name}\n\nWhat did the concert mean to you?\n\n"
            f"I played the violin in the last row, and the music stayed with me "
            f"for years after the final concert in Paris.\n"
        )
    return "\n".join(parts)


def test_index_summary_is_short_with_many_speakers_and_details_come_with_verbose(tmp_path):
    folder = write_press(tmp_path / "press", {"presskit.txt": _many_speakers(100)})
    root = tmp_path / "ix"
    first = run_cli("index", str(folder), "--index-dir", str(root), "--json")
    assert len(jsonl(first.out)[0]["speakers"]) == 100
    again = run_cli("index", str(folder), "--index-dir", str(root))
    assert again.code == 0
    lines = again.out.strip().splitlines()
    assert len(lines) <= 4, lines
    assert "1 unchanged" in again.out and "100 speakers" in again.out
    verbose = run_cli("index", str(folder), "--index-dir", str(root), "--verbose")
    assert verbose.out.count("Personzz Surnamezz") + verbose.out.count("Persondv Surnamedv") >= 1
    assert len(verbose.out.splitlines()) > 100


def test_index_without_a_path_syncs_the_folders_the_index_was_built_from(tmp_path):
    folder = write_press(tmp_path / "press", {"radio_de.txt": RADIO_DE})
    root = tmp_path / "ix"
    assert run_cli("index", str(folder), "--index-dir", str(root)).code == 0
    (folder / "entrevista.txt").write_text(PRESSKIT_ES, encoding="utf-8")
    record = jsonl(run_cli("index", "--index-dir", str(root), "--json").out)[0]
    assert record["added"] == ["entrevista.txt"] and record["unchanged"] == 1


def test_index_without_a_path_and_no_index_says_what_to_give(tmp_path):
    run = run_cli("index", "--index-dir", str(tmp_path / "ix"))
    assert run.code == 2 and run.err.count("\n") == 1 and "tutti index" in run.err


# -- which index: chosen, the user's, the demo ---------------------------------------------------


@pytest.mark.parametrize("how", ["option", "env"])
def test_a_mistyped_index_dir_is_an_error_naming_it_not_a_demo(tmp_path, monkeypatch, how):
    typo = tmp_path / "festval-index"
    if how == "env":
        monkeypatch.setenv("TUTTI_INDEX_DIR", str(typo))
        argv: list[str] = []
    else:
        argv = ["--index-dir", str(typo)]
    for command in (["search", "concert"], ["stats"], ["speakers"], ["show", "a:b:01"]):
        run = run_cli(*command, *argv)
        assert run.code == 2 and run.out == "", command
        assert str(typo) in run.err and "tutti index" in run.err
        assert run.err.count("\n") == 1
    assert not typo.exists()


def test_an_index_dir_left_empty_by_ctrl_c_is_an_error(tmp_path):
    empty = tmp_path / "ix"
    empty.mkdir()
    (empty / ".lock").touch()
    (empty / ".tutti-index").touch()
    run = run_cli("search", "concert", "--index-dir", str(empty))
    assert run.code == 2 and "empty" in run.err and str(empty) in run.err
    assert sorted(os.listdir(empty)) == [".lock", ".tutti-index"]


def test_the_users_index_holds_only_the_users_files(no_user_index, tmp_path):
    folder = write_press(tmp_path / "mine", {"radio_de.txt": RADIO_DE})
    run = run_cli("index", str(folder))
    assert run.code == 0, run.err
    user = no_user_index / "data" / "tutti" / "index"
    assert set(Engine(user).manifest.documents) == {"radio_de.txt"}
    assert not (no_user_index / "cache" / "tutti" / "demo-index").exists()
    found = run_cli("search", "Dirigent", "--json")
    assert found.code == 0 and found.err == ""  # the user's index, no demo note
    assert {r["source"] for r in jsonl(found.out)} == {"radio_de.txt"}
    assert run_cli("search", "Bolshoi").code == 1  # the demo's film is not in it


def test_a_demo_that_cannot_be_built_is_one_line(no_user_index):
    no_user_index.mkdir()
    (no_user_index / "cache").write_text("a file where the cache folder should be")
    run = run_cli("search", "harmony")
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.splitlines()[-1].startswith("tutti: error: cannot build the demo index")


def test_demo_is_searched_only_when_nothing_was_built_or_chosen(no_user_index):
    run = run_cli("search", "ultimate harmony", "--json", "-n", "1")
    assert run.code == 0
    assert "demo" in run.err
    assert Engine(no_user_index / "cache" / "tutti" / "demo-index").exists()
    assert not (no_user_index / "data" / "tutti" / "index").exists()


@pytest.mark.parametrize("command", [["films"], ["speakers"], ["stats"], ["export", "--json"]])
def test_every_reading_command_answers_from_the_demo(no_user_index, command):
    run = run_cli(*command)
    assert run.code == 0 and run.out.strip()
    assert "demo" in run.err


# -- Ctrl-C and SIGTERM while indexing -----------------------------------------------------------


def _many_files(folder: Path, count: int) -> Path:
    folder.mkdir()
    words = [
        "orquesta",
        "violín",
        "armonía",
        "concierto",
        "música",
        "director",
        "París",
        "memoria",
        "amigo",
        "ensayo",
        "trompeta",
        "escenario",
    ]
    for i in range(count):
        text = "\n\n".join(
            " ".join(words[(i * 7 + j * 3 + k) % len(words)] for k in range(90)).capitalize() + "."
            for j in range(5)
        )
        (folder / f"nota_{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _interrupt_indexing(
    folder: Path, root: Path, signum: int, after: float
) -> tuple[int | None, str] | None:
    """Start `tutti index FOLDER` (two worker processes), signal it ``after`` seconds
    into the build, and return its exit status and stderr; None if it finished first."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "search", "index", str(folder), "--procs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder.parent,
        env=subprocess_env(root),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(root.glob("gen-*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(after)
    if proc.poll() is not None:
        proc.communicate()
        return None
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # a terminal's Ctrl-C reaches the whole group
    else:
        os.kill(proc.pid, signum)
    out, err = proc.communicate(timeout=120)
    text = err.decode()
    if proc.returncode == 0:  # the build ended as the signal came
        return None
    assert out == b"", text
    return proc.returncode, text


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_indexing_is_one_line_and_the_next_run_resumes(tmp_path, signum, code):
    count = 400
    folder = _many_files(tmp_path / "notas", count)
    kept = None
    # The build's speed depends on the machine and its load: a signal too early finds no
    # file finished, too late finds the build done; try again sooner or later then.
    for attempt, after in enumerate((1.5, 0.7, 3.0, 0.3, 6.0)):
        root = tmp_path / f"ix{attempt}"
        outcome = _interrupt_indexing(folder, root, signum, after)
        if outcome is None:
            continue
        status, text = outcome
        assert status == code, text
        assert len(text.splitlines()) == 1, text
        for noise in ("Traceback", "leaked", "BrokenPipe", "KeyboardInterrupt", "warn"):
            assert noise not in text
        kept = re.search(r"the (\d+) files? read so far (?:are|is) kept", text)
        if kept:
            break
        assert "the index is as it was" in text
        assert not (root / "CURRENT").exists()  # nothing was finished, nothing published
    assert kept, "no attempt stopped the build halfway"
    again = subprocess.run(
        [sys.executable, "-m", "search", "index", str(folder), "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=subprocess_env(root),
        timeout=300,
        check=False,  # asserted below, with stderr in the message
    )
    assert again.returncode == 0, again.stderr
    record = json.loads(again.stdout)
    assert record["unchanged"] == int(kept.group(1))
    assert record["files"] == count and len(record["added"]) == count - int(kept.group(1))


def test_an_interrupted_rebuild_keeps_the_old_index_whole(tmp_path, press_dir):
    from search.errors import IndexInterrupted

    root = tmp_path / "ix"
    engine = Engine(root)
    engine.index([press_dir])
    before = engine.manifest.passage_count
    calls = 0

    def interrupt(name: str, done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(IndexInterrupted) as stopped:
        Engine(root).index([press_dir], rebuild=True, progress=interrupt)
    assert stopped.value.saved == 0
    assert Engine(root).manifest.passage_count == before
    assert not list(root.glob("*.tmp"))


def test_a_signal_while_a_streamed_file_is_written_stops_at_once(tmp_path, monkeypatch):
    """A file too large to hold is written as it is read: a signal does not wait for its
    end (it took minutes), and its old version stays."""
    import threading

    import search.read
    from search.errors import IndexInterrupted

    monkeypatch.setattr(search.read, "LARGE_TEXT_BYTES", 64 * 1024)
    folder = tmp_path / "press"
    folder.mkdir()
    big = folder / "transkript.txt"
    line = "Der Regisseur spricht über den Winter, die Fähre und das Warten auf Licht. "
    big.write_text(line * 20, encoding="utf-8")
    root = tmp_path / "ix"
    Engine(root).index([folder], procs=1)
    old = Engine(root).manifest.documents["transkript.txt"].size
    big.write_text((line * 20 + "\n\n") * 1500, encoding="utf-8")  # 2 MB: streamed

    def progress(name: str, done: int, total: int) -> None:
        if name == "transkript.txt":
            threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()

    with pytest.raises(IndexInterrupted) as stopped:
        Engine(root).index([folder], procs=1, progress=progress)
    assert stopped.value.saved == 0
    assert Engine(root).manifest.documents["transkript.txt"].size == old
    assert not list(root.glob("*.tmp"))


# -- counting and listing ------------------------------------------------------------------------


def test_count_prints_the_number_of_matches(ix, engine):
    run = run_cli("search", "violin OR trumpet", "--count", *ix)
    assert run.code == 0
    assert run.out == f"{engine.search('violin OR trumpet').total}\n"
    assert run_cli("search", "zzyzx", "--count", *ix).out == "0\n"


def test_count_in_a_batch_and_as_json(ix, engine):
    run = run_cli("search", "-", "--count", *ix, stdin="violin\n\nzzyzx\n")
    assert run.out.splitlines() == [f"{engine.search('violin').total}\tviolin", "0\tzzyzx"]
    records = jsonl(run_cli("search", "violin", "--count", "--json", *ix).out)
    assert records == [
        {"type": "summary", "query": "violin", "total": engine.search("violin").total}
    ]


def test_files_lists_each_source_with_hits_once(ix):
    query = "orchestra OR orchestre OR Orchester"
    run = run_cli("search", query, "--files", *ix)
    assert run.code == 0
    every_hit = jsonl(run_cli("search", query, "--limit", "0", "--json", *ix).out)
    assert run.out.splitlines() == sorted({r["source"] for r in every_hit})
    assert run.out.splitlines() == [
        "critique_fr.txt",
        "inhalt_de.txt",
        "presskit_en.txt",
        "trama_it.txt",
    ]
    assert run_cli("search", "trumpet", "--files", *ix).out == "presskit_en.txt\n"
    for other in ("--json", "--count", "--cite"):
        assert run_cli("search", "trumpet", "--files", other, *ix).code == 2
    assert run_cli("search", "zzyzx", "--files", *ix).code == 1


def test_limit_0_gives_every_hit(ix, engine):
    total = engine.search("the OR orchestra OR violin").total
    assert total > 3
    assert (
        len(jsonl(run_cli("search", "the OR orchestra OR violin", "-n", "3", "--json", *ix).out))
        == 3
    )
    records = jsonl(
        run_cli("search", "the OR orchestra OR violin", "--limit", "0", "--json", *ix).out
    )
    assert len(records) == total
    assert [r["rank"] for r in records] == list(range(1, total + 1))


def test_summary_record_follows_each_querys_hits_only_when_asked(ix, engine):
    plain = jsonl(run_cli("search", "violin", "--json", *ix).out)
    assert all("type" not in r for r in plain)
    run = run_cli("search", "-", "--json", "--summary", "-n", "2", *ix, stdin="violin\nzzyzx\n")
    records = jsonl(run.out)
    assert [r.get("type") for r in records] == [None, None, "summary", "summary"]
    assert records[2] == {
        "type": "summary",
        "query": "violin",
        "total": engine.search("violin").total,
    }
    assert records[3] == {"type": "summary", "query": "zzyzx", "total": 0}
    assert run_cli("search", "violin", "--summary", *ix).code == 2  # needs --json


# -- speakers: prefix, character, narration -----------------------------------------------------


def test_speaker_prefix_is_accepted_when_unambiguous(spanish):
    run = run_cli("search", "armonía", "--speaker", "Ros", "--index-dir", str(spanish), "--json")
    assert run.code == 0
    assert {r["speaker"] for r in jsonl(run.out)} == {"Mario Rossi"}
    ambiguous = run_cli("search", "armonía", "--speaker", "Mari", "--index-dir", str(spanish))
    assert ambiguous.code == 2
    assert "María Gómez" in ambiguous.err and "Mario Rossi" in ambiguous.err


def test_initials_alone_naming_several_speakers_are_ambiguous(spanish):
    # "M" matched every speaker whose names begin so, silently; "M. Rossi" is one person
    ambiguous = run_cli("search", "armonía", "--speaker", "M", "--index-dir", str(spanish))
    assert ambiguous.code == 2 and "ambiguous" in ambiguous.err
    assert "María Gómez" in ambiguous.err and "Mario Rossi" in ambiguous.err
    run = run_cli("search", "armonía", "--speaker", "M. Rossi", "--index-dir", str(spanish))
    assert run.code == 0


def test_a_character_resolves_to_the_actor_who_plays_it_with_a_note(spanish):
    run = run_cli("search", "armonía", "--speaker", "Ortega", "--index-dir", str(spanish), "--json")
    assert run.code == 0
    assert {r["speaker"] for r in jsonl(run.out)} == {"María Gómez"}
    assert run.err.count("\n") == 1 and "Carmen Ortega" in run.err and "María Gómez" in run.err


def test_narration_is_a_speaker_filter(spanish):
    run = run_cli(
        "search",
        "orquesta OR Orchester",
        "--speaker",
        "narration",
        "--index-dir",
        str(spanish),
        "--json",
        "-n",
        "0",
    )
    records = jsonl(run.out)
    assert records and all(r["speaker"] is None for r in records)
    mixed = jsonl(
        run_cli(
            "search",
            "orquesta OR armonía",
            "--speaker",
            "narration,rossi",
            "--index-dir",
            str(spanish),
            "--json",
            "-n",
            "0",
        ).out
    )
    assert {r["speaker"] for r in mixed} == {None, "Mario Rossi"}


def test_an_unknown_speaker_is_still_an_error(spanish):
    run = run_cli("search", "armonía", "--speaker", "Zapatero", "--index-dir", str(spanish))
    assert run.code == 2 and run.err.count("\n") == 1


# -- highlights ----------------------------------------------------------------------------------


def _words(record: dict, field: str = "text", spans: str = "highlights") -> list[str]:
    return [record[field][a:b] for a, b in record[spans]]


def test_prefix_and_fuzzy_matches_are_highlighted(ix):
    prefix = jsonl(run_cli("search", "harmo*", "--json", *ix).out)
    assert prefix and all(w.lower().startswith("harmo") for r in prefix for w in _words(r))
    assert all(_words(r) or _words(r, "question", "question_highlights") for r in prefix)
    fuzzy = jsonl(run_cli("search", "trumpit~", "--json", *ix).out)
    assert any("trumpet" in _words(r) for r in fuzzy)
    spanish_prefix = jsonl(run_cli("search", "trompe*", "--json", *ix).out)
    assert spanish_prefix == []  # no Spanish in this index: nothing to highlight or find


def test_a_hit_found_by_its_question_highlights_the_questions_words(ix):
    records = jsonl(run_cli("search", "prepare", "--json", *ix).out)
    hit = next(r for r in records if r["id"] == DOE_VIOLIN)
    assert _words(hit) == []
    assert _words(hit, "question", "question_highlights") == ["prepare"]
    no_question = jsonl(run_cli("search", "trumpet", "--json", *ix).out)
    assert all(r["question_highlights"] == [] or r["question"] for r in no_question)


def test_question_highlights_in_spanish(spanish):
    records = jsonl(run_cli("search", "significa", "--index-dir", str(spanish), "--json").out)
    assert _words(records[0], "question", "question_highlights") == ["significa"]


def test_a_phrases_stop_words_are_highlighted_only_inside_the_phrase(spanish, ix):
    german = jsonl(run_cli("search", '"der Dirigent"', "--index-dir", str(spanish), "--json").out)
    assert _words(german[0]) == ["Der", "Dirigent"]  # not the "Der" of "Der Saal"
    english = jsonl(run_cli("search", '"the trumpet"', "--json", *ix).out)
    for record in english:
        text = record["text"]
        for a, b in record["highlights"]:
            if text[a:b].lower() == "the":
                assert text[b:].lstrip().lower().startswith("trumpet"), record["id"]


def test_plain_output_highlights_the_question_on_a_terminal(ix):
    run = run_cli("search", "prepare", *ix, tty=True, vars={"TERM": "xterm"})
    question_line = next(line for line in run.out.splitlines() if "Q:" in line)
    assert re.search(r"\x1b\[[0-9;]*m\s*prepare", question_line)


# -- colour and layout ---------------------------------------------------------------------------


def _longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize(
    "vars, extra", [({"NO_COLOR": "1"}, ()), ({"TERM": "dumb"}, ()), ({}, ("--color", "never"))]
)
def test_no_colour_on_a_terminal_keeps_the_layout(ix, vars, extra):
    terminal = run_cli("search", "harmony", *ix, *extra, tty=True, vars=vars, width=60)
    assert ESC not in terminal.out
    assert _longest(terminal.out) <= 60  # wrapped to the terminal
    piped = run_cli("search", "harmony", *ix, *extra, tty=False, vars=vars, width=None)
    assert _longest(piped.out) > 60  # a pipe is never wrapped


def test_empty_no_color_changes_nothing(ix):
    run = run_cli("search", "harmony", *ix, tty=True, vars={"NO_COLOR": "", "TERM": "xterm"})
    assert ESC in run.out


@pytest.mark.parametrize("vars", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_progress_stays_without_colour(tmp_path, vars):
    folder = write_press(tmp_path / "press", {"radio_de.txt": RADIO_DE})
    run = run_cli(
        "index", str(folder), "--index-dir", str(tmp_path / "ix"), stderr_tty=True, vars=vars
    )
    assert run.code == 0
    assert "indexing" in run.err
    assert not re.search(r"\x1b\[[0-9;]*[0-9]m", run.err.replace("\x1b[?25l", ""))  # no SGR colour


def test_no_color_on_a_real_terminal_still_wraps(shared_index):
    env = subprocess_env(shared_index)  # NO_COLOR=1
    env["TERM"] = "xterm"
    env.pop("COLUMNS", None)
    shown = run_on_a_terminal(["search", "harmony"], env, columns=50)
    assert ESC not in shown
    assert _longest(shown.replace("\r", "")) <= 50
    del env["NO_COLOR"]
    dumb = run_on_a_terminal(["search", "harmony"], {**env, "TERM": "dumb"}, columns=50)
    assert ESC not in dumb
    assert _longest(dumb.replace("\r", "")) <= 50
    coloured = run_on_a_terminal(["search", "harmony"], env, columns=50)
    assert (
        ESC in coloured
        and _longest(re.sub(r"\x1b\[[0-9;]*m", "", coloured).replace("\r", "")) <= 50
    )


# -- completion ----------------------------------------------------------------------------------


class _Ctx:
    def __init__(self, index_dir: Path | None) -> None:
        self.params = {"index_dir": index_dir}


def test_completion_functions_offer_the_index_values(shared_index):
    ctx = _Ctx(shared_index)
    assert _complete_speaker(ctx, "J") == ["Jane Doe", "John Roe"]
    assert _complete_speaker(ctx, "anne") == ["Anne-Sophie Lévêque"]
    assert _complete_speaker(ctx, "nar") == ["narration"]
    assert set(_complete_lang(ctx, "")) == set(Engine(shared_index).known_langs())
    assert _complete_source(ctx, "cri") == ["critique_fr.txt"]
    assert "interview" in _complete_kind(ctx, "int")
    assert ROE_TRUMPET in _complete_id(ctx, "presskit_en.txt:roe")
    assert all(
        i.startswith("presskit_en.txt:roe") for i in _complete_id(ctx, "presskit_en.txt:roe")
    )


def test_completion_offers_roles_and_film_titles(tmp_path):
    films = tmp_path / "films" / "nachtzug"
    films.mkdir(parents=True)
    (films / "film.toml").write_text(
        'title = "Nachtzug"\naliases = ["Night Train"]\n', encoding="utf-8"
    )
    (films / "gespraech.txt").write_text(
        "IM GESPRÄCH MIT JOHANNA WEISS, KOMPONISTIN\n\n"
        "Wie haben Sie die Musik für den Zug gefunden?\n\n"
        "Ich bin wochenlang nachts mit der Bahn gefahren und habe die Geräusche aufgenommen, "
        "aus denen später das Hauptthema wurde.\n",
        encoding="utf-8",
    )
    Engine(tmp_path / "ix").index([tmp_path / "films"])
    ctx = _Ctx(tmp_path / "ix")
    assert _complete_role(ctx, "comp") == ["composer"]
    complete_film = FilmOption.autocompletion
    assert complete_film(ctx, "nigh") == ["Night Train"]
    assert complete_film(ctx, "") == ["Nachtzug", "Night Train"]


def test_completion_without_an_index_offers_nothing(tmp_path, no_user_index):
    ctx = _Ctx(tmp_path / "nothing")
    for complete in (_complete_speaker, _complete_lang, _complete_source, _complete_id):
        assert complete(ctx, "") == []
    assert _complete_speaker(_Ctx(None), "") == []  # nothing built, and no demo built for it
    assert not (no_user_index / "cache").exists()


def test_completion_through_the_shell_mechanism(shared_index, tmp_path):
    def complete(words: str, index_dir: Path) -> subprocess.CompletedProcess[str]:
        env = subprocess_env(
            index_dir,
            _TUTTI_COMPLETE="complete_bash",
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        )
        return subprocess.run(
            [sys.executable, "-m", "search"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd=tmp_path,
            check=False,  # the callers assert the exit status
        )

    speakers = complete("tutti search violin --speaker J", shared_index)
    assert speakers.returncode == 0 and speakers.stderr == ""
    assert speakers.stdout.split("\n")[:2] == ["Jane Doe", "John Roe"]
    ids = complete("tutti show presskit_en.txt:ro", shared_index)
    assert ROE_TRUMPET in ids.stdout.split()
    nothing = complete("tutti search violin --lang ", tmp_path / "nothing")
    assert nothing.returncode == 0 and nothing.stdout.strip() == "" and nothing.stderr == ""


# -- typed queries, analyze ----------------------------------------------------------------------


def test_search_dash_on_a_terminal_prompts_on_stderr(ix):
    run = run_cli("search", "-", *ix, stdin="violin\n\ntrumpet\n", stdin_tty=True)
    assert run.code == 0
    first = run.err.split("\n")[0]
    assert "one query per line" in first and "Ctrl-D" in first
    assert run.err.count("query> ") == 4  # before each line read, the end included
    assert "violin" in run.out and "trumpet" in run.out
    piped = run_cli("search", "-", *ix, stdin="violin\n")
    assert "query>" not in piped.err


@pytest.mark.parametrize("lang", ["klingon", "tlh", "english"])
def test_analyze_with_an_unknown_language_exits_2_naming_the_known_ones(lang):
    run = run_cli("analyze", "nuqneH", "--lang", lang)
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "de" in run.err and "en" in run.err and lang in run.err


@pytest.mark.parametrize("lang", ["es", "fr-CA", "ja", "zh-cn", "xx", "names"])
def test_analyze_accepts_known_languages(lang):
    assert run_cli("analyze", "Orquesta", "--lang", lang).code == 0


# -- the demo corpus ships with the package ------------------------------------------------------


def test_an_installed_wheel_answers_the_readmes_first_search(tmp_path):
    """Build a wheel, install it into a fresh venv (no system site-packages; the
    dependencies come from pip's cache or index), and run the README's first search from
    a folder that is not the checkout: the bundled demo must be there and answer."""
    import shutil

    # A copy of the source, so that the build's own folders (build/, *.egg-info) never
    # land in the checkout nor feed stale files into the wheel.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "venv",
            "build",
            "dist",
            "index",
            "*.egg-info",
            "__pycache__",
            ".pytest_cache",
        ),
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(wheels), "-q"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(wheels.glob("tutti_search-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
    )
    home = tmp_path / "home"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TUTTI_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        NO_COLOR="1",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [str(venv / "bin" / "tutti"), "search", "ultimate harmony"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        timeout=300,
        check=False,  # asserted below, with stderr in the message
    )
    assert proc.returncode == 0, proc.stderr
    assert "harmony" in proc.stdout.lower() and "demo" in proc.stderr
    # pipx puts a symlink to the venv's script on PATH: run it that way too
    bin_dir = home / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "tutti").symlink_to(venv / "bin" / "tutti")
    linked = subprocess.run(
        ["tutti", "search", "ultimate harmony", "--json", "-n", "1"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=300,
        env={**env, "PATH": f"{bin_dir}:/usr/bin:/bin"},
        check=False,  # asserted below, with stderr in the message
    )
    assert linked.returncode == 0, linked.stderr
    assert "harmony" in json.loads(linked.stdout)["text"].lower()
    located = subprocess.run(
        [str(python), "-c", "import search.engine as e; print(e.SEEDS_DIR)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        timeout=120,
        check=False,  # asserted below, with stderr in the message
    )
    assert located.returncode == 0, located.stderr
    assert str(venv) in located.stdout  # the package's copy, not the checkout's


def test_opensearch_filters_carry_narration_and_leave_notes_out():
    from search.backend.opensearch import filter_clauses
    from search.query import Filters

    clauses = filter_clauses(
        Filters(speakers=["Mario Rossi"], narration=True, notes=["'Ortega' is the character ..."])
    )
    assert clauses == [
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "speaker"}}}},
                    {"terms": {"speaker": ["Mario Rossi"]}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]
    only = filter_clauses(Filters(speakers=[], narration=True, langs=["es"]))
    assert only == [
        {
            "bool": {
                "should": [{"bool": {"must_not": {"exists": {"field": "speaker"}}}}],
                "minimum_should_match": 1,
            }
        },
        {"terms": {"lang": ["es"]}},
    ]
