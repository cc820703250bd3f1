"""Untrusted text never reaches a terminal with control sequences in it: documents and
file names carrying ESC sequences (clear screen, OSC 52 clipboard, OSC 8 links), C1
controls and Rich markup are printed harmlessly by every command, and ``--json`` escapes
them."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from search.context import Environment
from search.engine import Engine, SpeakerInfo
from search.model import Skipped
from search.render import clean, console, render_speakers, skip_lines

CLEAR = "\x1b[2J\x1b[H"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
CSI_C1 = "\x9b31m"
MARKUP = "[link=https://evil.example/]x[/link]"
HOSTILE = CLEAR + CLIPBOARD + LINK + CSI_C1 + "\x07\x08\r" + MARKUP

DOCUMENT = f"""\
The violin solo of the final concert{HOSTILE} was recorded live in the Bolshoi hall, in one
take, and the orchestra played it without a rehearsal{CLEAR} for the cameras.
"""

#: Colour output holds Rich's own SGR sequences (ESC [ ... m) and nothing else.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_safe(text: str) -> None:
    bare = _SGR.sub("", text)
    assert not _UNSAFE.search(bare), repr(_UNSAFE.search(bare))
    assert "evil.example/\x1b" not in text and "\x1b]8" not in text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / f"review{CLEAR}.txt").write_text(DOCUMENT, encoding="utf-8")
    (folder / f"empty{CLIPBOARD}.txt").write_text("", encoding="utf-8")
    engine = Engine(tmp_path_factory.mktemp("ix") / "index")
    engine.index([folder], procs=1)
    return engine, folder


def test_clean_makes_every_control_visible_and_keeps_lengths() -> None:
    out = clean(HOSTILE + "\ttab\nnewline")
    assert len(out) == len(HOSTILE + "\ttab\nnewline")
    assert not _UNSAFE.search(out)
    assert out.endswith("\ttab\nnewline") and "␛[2J" in out
    assert clean("plain text, élève, Чайковский") == "plain text, élève, Чайковский"


@pytest.mark.parametrize("colour", ["never", "always"])
@pytest.mark.parametrize(
    "argv",
    [["search", "violin"], ["search", "violin", "--cite"], ["export"], ["speakers"], ["stats"]],
)
def test_every_command_prints_documents_harmlessly(
    cli, hostile, argv: list[str], colour: str
) -> None:
    engine, _ = hostile
    run = cli(*argv, "--color", colour, "--index-dir", str(engine.index_dir))
    assert run.code == 0, run.err
    assert_safe(run.out)
    assert_safe(run.err)
    if argv[0] in ("search", "export"):
        assert "violin" in run.out and "␛" in run.out


def test_show_prints_the_passage_harmlessly(cli, hostile) -> None:
    engine, _ = hostile
    pid = next(p.id for p in engine.passages())
    for extra in ([], ["--cite"], ["--color", "always"]):
        run = cli("show", pid, *extra, "--index-dir", str(engine.index_dir))
        assert run.code == 0, run.err
        assert_safe(run.out)


def test_index_warnings_and_errors_quote_file_names_harmlessly(
    cli, hostile, tmp_path: Path
) -> None:
    engine, folder = hostile
    run = cli("index", "--procs", "1", "--index-dir", str(tmp_path / "ix"), str(folder))
    assert run.code == 3
    assert "empty" in run.err and "␛]52" in run.err
    assert_safe(run.out)
    assert_safe(run.err)
    run = cli("show", f"nothing{CLEAR}", "--index-dir", str(engine.index_dir))
    assert run.code == 2
    assert_safe(run.err)
    run = cli("search", f"zzqx{CLIPBOARD}", "--index-dir", str(engine.index_dir))
    assert_safe(run.err)
    run = cli(
        "search",
        "-",
        "--index-dir",
        str(engine.index_dir),
        stdin=f"violin{CLEAR}\nNOT{CLIPBOARD}\n",
    )
    assert_safe(run.out)
    assert_safe(run.err)


def test_json_escapes_every_control_character_and_round_trips(cli, hostile) -> None:
    engine, _ = hostile
    for argv in (["search", "violin", "--json"], ["export", "--json"]):
        run = cli(*argv, "--index-dir", str(engine.index_dir))
        assert run.code == 0
        body = run.out.replace("\n", "")
        assert not _UNSAFE.search(body)
        records = [json.loads(line) for line in run.out.splitlines()]
        assert any(CLEAR in r["text"] and CSI_C1 in r["text"] for r in records)
        assert any(CLEAR in r["source"] for r in records)


def test_speaker_names_and_skipped_reasons_are_cleaned() -> None:
    out = io.StringIO()
    env = Environment(stdout=out, stderr=io.StringIO(), width=100)
    render_speakers(
        console(env, True), [SpeakerInfo(f"Jane{CLIPBOARD} Doe", 3, {"en": 3}, f"Nora{MARKUP}")]
    )
    assert_safe(out.getvalue())
    assert "[link=" in out.getvalue()  # shown as text, not read as markup
    lines = skip_lines([Skipped(f"/x/{CLEAR}.txt", f"bad{CSI_C1}")] * 12)
    assert len(lines) == 11
    for line in lines:
        assert_safe(line)


def test_batch_counts_echo_each_query_harmlessly(cli, hostile) -> None:
    engine, _ = hostile
    run = cli(
        "search",
        "-",
        "--count",
        "--index-dir",
        str(engine.index_dir),
        stdin=f"violin{CLEAR}\n{LINK}orchestra\n",
    )
    assert_safe(run.out)
    assert [line.split("\t")[1][:2] for line in run.out.splitlines()] == ["vi", "␛]"]


def test_a_file_name_can_neither_forge_lines_nor_reverse_them(cli, tmp_path: Path) -> None:
    # A newline in a name drew a fake hit under it; U+202E showed the rest reversed.
    folder = tmp_path / "press"
    folder.mkdir()
    forged = "notes.txt\n 9. Mélanie Laurent, actor  score 99.00\n    invented quote"
    (folder / forged).write_text("A memo about the violin rental.\n", encoding="utf-8")
    (folder / "rental_\u202elanigiro.txt").write_text("The violin invoice.\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    run = cli("index", "--procs", "1", "--verbose", "--index-dir", index, str(folder))
    assert run.code == 0, run.err
    hit = json.loads(cli("search", "memo", "--json", "--index-dir", index).out)
    outputs = [
        run.out,
        cli("search", "violin", "--index-dir", index).out,
        # a citation's attribution, a passage shown whole, an export: one line each
        cli("search", "memo", "--cite", "--index-dir", index).out,
        cli("search", "memo", "--cite", "--cite-format", "markdown", "--index-dir", index).out,
        cli("show", hit["id"], "--index-dir", index).out,
        cli("export", "--index-dir", index).out,
    ]
    for out in outputs:
        assert "\u202e" not in out
        assert not any(line.lstrip().startswith("9. Mélanie") for line in out.splitlines())
        assert not any(line.strip() == "invented quote" for line in out.splitlines())
    for out in outputs[:2]:  # the name is no hit's first line
        assert "Mélanie Laurent" not in out.split("\n")[0]


def test_json_and_csl_json_escape_bidi_overrides_and_round_trip(cli, tmp_path: Path) -> None:
    # U+202E reverses the rest of a line in a terminal; the text and Markdown citations
    # showed it visibly, CSL-JSON and --json wrote it raw.
    said = "The violin \u202etnemurtsni\u202c was tuned twice.\u2066"
    (tmp_path / "notes.txt").write_text(f"{said}\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    assert cli("index", str(tmp_path / "notes.txt"), "--index-dir", index).code == 0
    for argv in (["--json"], ["--cite", "--cite-format", "csl-json"]):
        run = cli("search", "violin", *argv, "--index-dir", index)
        assert run.code == 0 and run.out.strip()
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", run.out)
        parsed = json.loads(run.out.splitlines()[0])
        assert "\\u202e" in run.out and said in json.dumps(parsed, ensure_ascii=False)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names not in UTF-8")
def test_a_skipped_file_named_in_no_utf8_is_shown_as_windows_1252(cli, tmp_path: Path) -> None:
    # Its raw bytes reached stdout: 0x9B is a terminal's CSI, and --json was no UTF-8.
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / os.fsdecode(b"raw\x9b2J.txt")).write_bytes(b"")  # empty: skipped
    (folder / "ok.txt").write_text("The violin concert.\n", encoding="utf-8")
    index = str(tmp_path / "ix")
    for argv in (["index", str(folder)], ["index", str(folder), "--json"], ["stats", "--json"]):
        run = cli(*argv, "--index-dir", index)
        for out in (run.out, run.err):
            out.encode("utf-8")  # (a lone surrogate, a byte that was not UTF-8, raises)
        assert "raw\u203a2J.txt" in run.out + run.err or argv[0] == "stats"
    assert (
        "raw\u203a2J.txt"
        in json.loads(cli("stats", "--json", "--index-dir", index).out)["skipped"][0]["path"]
    )
