"""The shell contract of ``tutti``: exit codes, streams, JSON Lines, colour, help.

Most tests call ``search.cli_entry.main`` in-process with StringIO streams (the ``cli`` fixture);
a few run ``python -m search`` for real (the ``tutti`` fixture) where only a real process
can tell: a closed pipe, a terminal, the default index built from the bundled seeds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FILES, InterruptingStdin, run_on_a_terminal, subprocess_env, write_press

from search import __version__
from search.backend.whoosh.store import write_lock
from search.engine import Engine

COMMANDS = ["index", "search", "show", "speakers", "export", "stats", "analyze"]
HIT_FIELDS = {
    "id",
    "rank",
    "score",
    "lang",
    "speaker",
    "source",
    "kind",
    "question",
    "text",
    "snippet",
    "highlights",
    "query",
}
HIT_ONLY = {"rank", "score", "snippet", "highlights", "question_highlights", "query", "suggestion"}
ESC = "\x1b"
BINARY = bytes(range(32)) * 16


def jsonl(text: str) -> list[dict]:
    lines = text.splitlines()
    assert all(line.strip() for line in lines), "blank line on stdout"
    return [json.loads(line) for line in lines]


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    return lines[0]


@pytest.fixture()
def ix(shared_index: Path) -> list[str]:
    return ["--index-dir", str(shared_index)]


@pytest.fixture(scope="module")
def doe_violin(engine: Engine) -> str:
    return next(p.id for p in engine.passages() if "violin every morning" in p.text)


@pytest.fixture(scope="module")
def narration(engine: Engine) -> str:
    return next(p.id for p in engine.passages() if "disgraced conductor" in p.text)


# -- search: exit codes and output -------------------------------------------------------------


def test_search_with_hits_exits_0(cli, ix):
    run = cli("search", "harmony", *ix)
    assert run.code == 0
    assert "Jane Doe" in run.out and "John Roe" in run.out
    assert "harmony" in run.out
    assert run.err == ""


def test_search_without_hits_exits_1_with_a_message_on_stderr_only(cli, ix):
    run = cli("search", "xylophonist", *ix)
    assert run.code == 1
    assert run.out == ""
    assert "no hits" in one_line(run.err) and "xylophonist" in run.err


def test_search_json_without_hits_prints_nothing_on_stdout(cli, ix):
    run = cli("search", "xylophonist", "--json", *ix)
    assert (run.code, run.out) == (1, "")


def test_search_json_lines_schema(cli, ix, engine: Engine):
    run = cli("search", "violin OR harmony OR concert", "--json", *ix)
    assert run.code == 0
    records = jsonl(run.out)
    assert len(records) >= 4
    for rank, record in enumerate(records, start=1):
        assert set(record) >= HIT_FIELDS, HIT_FIELDS - set(record)
        assert record["rank"] == rank
        assert isinstance(record["score"], float)
        assert record["query"] == "violin OR harmony OR concert"
        assert record["text"] == engine.passage(record["id"]).text
        assert isinstance(record["snippet"], str) and record["snippet"]
        assert isinstance(record["highlights"], list)
        if record["kind"] == "interview":
            assert record["speaker"] and record["question"]
    narration = [r for r in records if r["kind"] == "presskit-synopsis"]
    assert narration and narration[0]["speaker"] is None and narration[0]["question"] is None
    assert [r["score"] for r in records] == sorted((r["score"] for r in records), reverse=True)


def test_search_json_highlights_index_the_matched_words(cli, ix):
    records = jsonl(cli("search", "violin harmony trumpet", "--json", *ix).out)
    seen = set()
    for record in records:
        for start, end in record["highlights"]:
            assert 0 <= start < end <= len(record["text"])
            word = record["text"][start:end].lower()
            assert word in {"violin", "harmony", "trumpet"}, word
            seen.add(word)
    assert seen == {"violin", "harmony", "trumpet"}


def test_search_json_is_not_ascii_escaped(cli, ix):
    run = cli("search", "violin", "--speaker", "leveque", "--json", *ix)
    assert run.code == 0
    assert "Anne-Sophie Lévêque" in run.out
    assert "\\u00e9" not in run.out and "\\u00ea" not in run.out
    fr = cli("search", "comédie", "--json", *ix)
    assert "émouvante" in fr.out and "\\u" not in fr.out


def test_search_json_messages_go_to_stderr(cli, ix):
    run = cli("search", "-", "--json", *ix, stdin="harmony\nxylophonist\nvioln\n")
    assert run.code == 0
    for record in jsonl(run.out):  # every stdout line is JSON
        assert record["query"] in {"harmony", "violn"}
    assert "no hits for 'xylophonist'" in run.err
    assert "{" not in run.err


def test_stdin_batch_every_hit_carries_its_query_and_blank_lines_are_ignored(cli, ix):
    run = cli("search", "-", "--json", *ix, stdin="harmony\n\n   \ntrumpet\nOrchester\n\n")
    assert run.code == 0
    records = jsonl(run.out)
    queries = [r["query"] for r in records]
    assert set(queries) == {"harmony", "trumpet", "Orchester"}
    assert queries == sorted(queries, key=["harmony", "trumpet", "Orchester"].index)  # in order
    for record in records:
        assert record["query"].lower()[:5] in (record["text"] + (record["question"] or "")).lower()
    assert "no hits" not in run.err  # blank lines are not queries


def test_stdin_batch_in_text_mode_has_a_heading_per_query(cli, ix):
    run = cli("search", "-", *ix, stdin="harmony\ntrumpet\n")
    assert run.code == 0
    assert run.out.index("harmony") < run.out.index("trumpet")
    assert ESC not in run.out


def test_stdin_batch_without_any_hit_exits_1(cli, ix):
    run = cli("search", "-", "--json", *ix, stdin="xylophonist\nzzzqqq\n")
    assert (run.code, run.out) == (1, "")
    assert run.err.count("no hits") == 2


def test_double_dash_lets_a_query_start_with_a_dash(cli, ix):
    run = cli("search", "--json", *ix, "--", "violin -harmony")
    assert run.code == 0
    records = jsonl(run.out)
    assert records and {r["query"] for r in records} == {"violin -harmony"}
    assert all("violin" in r["text"] and "harmony" not in r["text"] for r in records)


def test_limit(cli, ix):
    run = cli("search", "concert OR violin OR harmony", "--json", "-n", "2", *ix)
    assert [r["rank"] for r in jsonl(run.out)] == [1, 2]


def test_filters_on_the_command_line(cli, ix):
    run = cli("search", "concert", "--lang", "fr,it", "--json", *ix)
    assert {r["lang"] for r in jsonl(run.out)} == {"fr", "it"}
    run = cli("search", "concert", "-l", "fr", "-l", "it", "--json", *ix)
    assert {r["lang"] for r in jsonl(run.out)} == {"fr", "it"}
    run = cli("search", "violin", "-s", "LÉVÊQUE", "--json", *ix)
    assert {r["speaker"] for r in jsonl(run.out)} == {"Anne-Sophie Lévêque"}
    run = cli("search", "concert", "--source", "critique", "--json", *ix)
    assert {r["source"] for r in jsonl(run.out)} == {"critique_fr.txt"}
    run = cli("search", "concert OR harmony", "--kind", "interview", "--json", *ix)
    assert {r["kind"] for r in jsonl(run.out)} == {"interview"}


def test_filter_that_matches_nothing_exits_1(cli, ix):
    run = cli("search", "Orchester", "--lang", "en", *ix)
    assert run.code == 1


# -- errors: exit 2, one line ------------------------------------------------------------------


def test_unknown_speaker_is_one_line_naming_the_closest(cli, ix):
    run = cli("search", "harmony", "--speaker", "Jnae Doe", *ix)
    assert run.code == 2
    assert run.out == ""
    line = one_line(run.err)
    assert "Jnae Doe" in line and "Jane Doe" in line
    assert line.startswith("tutti: error:")


def test_unknown_speaker_in_json_mode_keeps_stdout_clean(cli, ix):
    run = cli("search", "harmony", "--speaker", "Rowe", "--json", *ix)
    assert run.code == 2 and run.out == ""
    assert "John Roe" in one_line(run.err)


def test_unknown_language_is_an_error(cli, ix):
    run = cli("search", "harmony", "--lang", "zz", *ix)
    assert run.code == 2 and run.out == ""
    line = one_line(run.err)
    assert "'zz'" in line and "en" in line


def test_empty_query_is_an_error(cli, ix):
    run = cli("search", "", *ix)
    assert run.code == 2
    assert "empty" in one_line(run.err)


@pytest.mark.parametrize("query", ["harmony AND (", '"ultimate harmony', "((("])
def test_broken_query_syntax_is_not_a_traceback(cli, ix, query):
    run = cli("search", query, *ix)
    assert run.code in (0, 1, 2)
    assert "Traceback" not in run.err
    if run.code == 2:
        one_line(run.err)


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "harmony", "--bogus"],
        ["search", "harmony", "--color", "purple"],
        ["search", "harmony", "--limit", "-1"],
        ["search", "harmony", "--limit", "many"],
        ["search"],
        ["frobnicate"],
        ["show"],
        ["index", "--procs", "0"],
    ],
)
def test_bad_usage_exits_2_without_output(cli, ix, argv):
    run = cli(*argv, *ix)
    assert run.code == 2, run.err
    assert run.out == ""
    assert "Error" in run.err or "error" in run.err
    assert "Traceback" not in run.err


def test_bad_option_names_the_option(cli, ix):
    run = cli("search", "harmony", "--bogus", *ix)
    assert "--bogus" in run.err


@pytest.mark.parametrize("command", [["show", "x:y:01"], ["stats"], ["speakers"], ["export"]])
def test_missing_index_exits_2_saying_how_to_build_one(cli, tmp_path, command):
    run = cli(*command, "--index-dir", str(tmp_path / "nothing"))
    assert run.code == 2 and run.out == ""
    assert "tutti index" in one_line(run.err)


def test_damaged_index_current_names_no_generation(cli, index_copy):
    (index_copy / "CURRENT").write_text("gen-999999\n", encoding="utf-8")
    for command in (["search", "harmony"], ["stats"], ["show", "x:y:01"], ["speakers"], ["export"]):
        run = cli(*command, "--index-dir", str(index_copy))
        assert run.code == 2, command
        assert run.out == ""
        line = one_line(run.err)
        assert "damaged" in line


def test_damaged_index_truncated_table_of_contents(cli, index_copy):
    gen = index_copy / (index_copy / "CURRENT").read_text().strip()
    toc = next(gen.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[:100])
    run = cli("search", "harmony", "--index-dir", str(index_copy))
    assert run.code == 2
    line = one_line(run.err)
    assert "damaged" in line


def test_damaged_index_truncated_segment(cli, index_copy):
    gen = index_copy / (index_copy / "CURRENT").read_text().strip()
    seg = next(gen.glob("*.seg"))
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    run = cli("search", "harmony", "--index-dir", str(index_copy))
    assert run.code == 2
    line = one_line(run.err)
    assert "damaged" in line


@pytest.mark.parametrize(
    "command", [("search", "harmony"), ("show", "ID"), ("export",), ("speakers",), ("stats",)]
)
def test_a_damaged_stored_block_is_one_line_for_every_command(
    cli, index_copy, monkeypatch, command
):
    import zlib

    from search.backend.whoosh import stored

    first = json.loads(
        cli("search", "harmony", "--json", "--index-dir", str(index_copy)).out.splitlines()[0]
    )["id"]

    def damaged(self: object, i: int) -> None:
        raise zlib.error("Error -3 while decompressing data: invalid stored block lengths")

    monkeypatch.setattr(stored._BlockBytesReader, "_decode", damaged)
    argv = [first if arg == "ID" else arg for arg in command]
    run = cli(*argv, "--index-dir", str(index_copy))
    assert run.code == 2 and run.out == ""
    line = one_line(run.err)
    assert "is damaged (error: Error -3" in line


@pytest.mark.parametrize("command", [("search", "harmony"), ("export", "--json")])
def test_a_damaged_footer_is_one_line_of_damage(cli, index_copy, command):
    """A footer (a file of blocks' index) is a pickle: damaged, it could fail to unpickle
    in any way at all, so its checksum is tested first."""
    gen = index_copy / (index_copy / "CURRENT").read_text().strip()
    seg = next(gen.glob("*.seg"))
    data = seg.read_bytes()
    assert data.count(b"_array_reconstructor") >= 2  # the term table's and the stored fields'
    seg.write_bytes(data.replace(b"_array_reconstructor", b"_array_reconstructoR"))
    run = cli(*command, "--index-dir", str(index_copy))
    assert run.code == 2 and run.out == ""
    assert "is damaged" in one_line(run.err) and "footer is damaged (checksum)" in run.err


def test_damaged_index_current_with_garbage_bytes(cli, index_copy):
    (index_copy / "CURRENT").write_bytes(b"\xff\xfe\x00garbage")
    run = cli("search", "harmony", "--index-dir", str(index_copy))
    assert run.code == 2
    assert "is damaged (cannot read CURRENT" in one_line(run.err)


def test_old_format_index_asks_for_a_rebuild(cli, index_copy):
    gen = index_copy / (index_copy / "CURRENT").read_text().strip()
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = 0
    (gen / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    run = cli("stats", "--index-dir", str(index_copy))
    assert run.code == 2
    assert "has format 0, this tutti reads" in one_line(run.err)


@pytest.mark.parametrize("typer_reads", [False, True], ids=["entry point", "Typer"])
def test_ctrl_c_exits_130_with_one_line(cli, ix, typer_reads: bool):
    # "-n10" is read by Typer alone (a glued short option), the rest by the entry point
    run = cli("search", "-", *ix, *(["-n10"] if typer_reads else []), stdin=InterruptingStdin())
    assert run.code == 130
    assert run.out == ""
    assert run.err == "tutti: interrupted\n"


# -- colour ------------------------------------------------------------------------------------


def _colour_runs(cli, ix, doe_violin):
    return [
        ("search", "harmony", *ix),
        ("show", doe_violin, *ix),
        ("speakers", *ix),
        ("stats", *ix),
    ]


@pytest.mark.parametrize(
    "setting",
    [
        {"tty": False},
        {"tty": True, "vars": {"NO_COLOR": "1"}},
        {"tty": True, "vars": {"TERM": "dumb"}},
        {"tty": True, "extra": ("--color", "never")},
        {"tty": False, "extra": ("--color", "auto")},
    ],
    ids=["pipe", "no-color", "term-dumb", "color-never", "color-auto-pipe"],
)
def test_no_escape_codes(cli, ix, doe_violin, setting):
    extra = setting.get("extra", ())
    for argv in _colour_runs(cli, ix, doe_violin):
        run = cli(*argv, *extra, tty=setting["tty"], vars=setting.get("vars"))
        assert run.code == 0, (argv, run.err)
        assert run.out.strip()
        assert ESC not in run.out and ESC not in run.err, argv


@pytest.mark.parametrize(
    "setting",
    [
        {"tty": False, "extra": ("--color", "always")},
        {"tty": True, "vars": {"NO_COLOR": "1"}, "extra": ("--color", "always")},
        {"tty": True},  # a terminal with nothing against colour
        {"tty": True, "vars": {"NO_COLOR": ""}},  # empty counts as unset (no-color.org)
    ],
    ids=["always-pipe", "always-beats-no-color", "terminal", "no-color-empty"],
)
def test_escape_codes(cli, ix, doe_violin, setting):
    # stats is a plain table with nothing to colour; the others style names, ids, headers
    for argv in _colour_runs(cli, ix, doe_violin)[:3]:
        run = cli(*argv, *setting.get("extra", ()), tty=setting["tty"], vars=setting.get("vars"))
        assert run.code == 0
        assert ESC in run.out, argv


def test_json_never_has_escape_codes_even_with_color_always(cli, ix):
    run = cli("search", "harmony", "--json", "--color", "always", *ix, tty=True)
    assert ESC not in run.out
    jsonl(run.out)


# -- cite --------------------------------------------------------------------------------------


def test_cite_gives_quotation_marks_speaker_and_id(cli, ix, doe_violin):
    run = cli("search", "violin", "--speaker", "doe", "--cite", *ix)
    assert run.code == 0
    assert "“I practised the violin" in run.out
    assert "”" in run.out
    assert "— Jane Doe" in run.out
    assert f"[{doe_violin}]" in run.out
    assert "presskit_en.txt" in run.out


def test_show_cite(cli, ix, doe_violin, narration):
    run = cli("show", doe_violin, "--cite", *ix)
    assert run.code == 0
    assert run.out.startswith("“I practised the violin")
    assert "— Jane Doe, interview; presskit_en.txt" in run.out and f"[{doe_violin}]" in run.out
    run = cli("show", narration, "--cite", *ix)
    # Narration is credited to its document (here untitled: its file) and its kind.
    assert "— presskit_en.txt, presskit-synopsis" in run.out and f"[{narration}]" in run.out


# -- show, speakers, export, stats, analyze ----------------------------------------------------


def test_show_prints_the_whole_passage_with_its_question(cli, ix, doe_violin, engine):
    run = cli("show", doe_violin, *ix)
    assert run.code == 0
    assert doe_violin in run.out
    assert "Jane Doe" in run.out
    assert "How did you prepare for the role of the violinist?" in run.out
    assert engine.passage(doe_violin).text in run.out
    assert "en" in run.out and "interview" in run.out


def test_show_narration_has_no_speaker(cli, ix, narration):
    run = cli("show", narration, *ix)
    assert run.code == 0
    assert "narration" in run.out


def test_show_json(cli, ix, doe_violin, engine):
    records = jsonl(cli("show", doe_violin, "--json", *ix).out)
    assert len(records) == 1
    assert records[0]["id"] == doe_violin
    assert records[0]["text"] == engine.passage(doe_violin).text
    assert records[0]["speaker"] == "Jane Doe"


def test_show_unknown_id_exits_2(cli, ix):
    run = cli("show", "presskit_en:nobody:99", *ix)
    assert run.code == 2 and run.out == ""
    assert "presskit_en:nobody:99" in one_line(run.err)


def test_speakers(cli, ix):
    run = cli("speakers", *ix)
    assert run.code == 0
    for name in ("Jane Doe", "John Roe", "Anne-Sophie Lévêque"):
        assert name in run.out
    records = jsonl(cli("speakers", "--json", *ix).out)
    assert {r["name"]: r["passages"] for r in records} == {
        "Jane Doe": 2,
        "John Roe": 2,
        "Anne-Sophie Lévêque": 1,
    }
    assert all(r["languages"] == {"en": r["passages"]} for r in records)
    assert [r["passages"] for r in records] == sorted(
        (r["passages"] for r in records), reverse=True
    )


def test_export_is_one_line_per_passage_with_the_hit_schema_minus_ranking(cli, ix, engine):
    run = cli("export", "--json", *ix)
    assert run.code == 0
    records = jsonl(run.out)
    assert len(records) == engine.manifest.passage_count
    assert len({r["id"] for r in records}) == len(records)
    assert {r["source"] for r in records} == set(FILES)
    hit = jsonl(cli("search", "harmony", "--json", *ix).out)[0]
    for record in records:
        assert set(record) == set(hit) - HIT_ONLY
    assert "Anne-Sophie Lévêque" in run.out  # not ASCII-escaped
    exported = {r["id"]: r for r in records}
    assert exported[hit["id"]]["text"] == hit["text"]


def test_export_without_json_prints_every_passage_to_read(cli, ix, engine):
    run = cli("export", *ix)
    assert run.code == 0
    for passage in engine.passages():
        assert passage.id in run.out
        assert passage.text.split("\n")[0] in run.out


def test_stats(cli, ix, engine):
    run = cli("stats", *ix)
    assert run.code == 0
    assert "documents" in run.out and "passages" in run.out
    record = jsonl(cli("stats", "--json", *ix).out)[0]
    assert record["documents"] == len(FILES)
    assert record["passages"] == engine.manifest.passage_count
    assert set(record["languages"]) == {"de", "en", "fr", "it"}
    assert record["kinds"]["interview"] == 5
    assert record["size_bytes"] > 0 and record["skipped"] == []


def test_analyze(cli):
    run = cli("analyze", "l'Orchestre des musiciens", "--lang", "fr", "--json")
    assert run.code == 0
    record = jsonl(run.out)[0]
    assert record["lang"] == "fr" and record["text"] == "l'Orchestre des musiciens"
    tokens = record["tokens"]
    assert tokens and all(t == t.lower() for t in tokens)
    assert any(t.startswith("orchestr") for t in tokens)
    assert not any(t.startswith("l'") or t == "des" for t in tokens)
    plain = cli("analyze", "l'Orchestre des musiciens", "--lang", "fr")
    assert plain.out.split() == tokens


def test_analyze_names(cli):
    run = cli("analyze", "Tschaikowski Tchaikovsky", "--lang", "names", "--json")
    tokens = jsonl(run.out)[0]["tokens"]
    assert len(tokens) == 2 and tokens[0] == tokens[1]


# -- index -------------------------------------------------------------------------------------


def test_index_builds_then_syncs(cli, tmp_path, press_dir):
    root = tmp_path / "ix"
    run = cli("index", str(press_dir), "--index-dir", str(root))
    assert run.code == 0, run.err
    assert "4 files" in run.out and "4 added" in run.out
    assert run.err == ""
    record = jsonl(cli("index", str(press_dir), "--index-dir", str(root), "--json").out)[0]
    assert record["added"] == [] and record["unchanged"] == len(FILES)
    assert record["files"] == len(FILES) and record["skipped"] == []
    rebuilt = jsonl(
        cli("index", str(press_dir), "--index-dir", str(root), "--json", "--rebuild").out
    )[0]
    assert sorted(rebuilt["added"]) == sorted(FILES)


def test_one_file_is_counted_as_one_file(cli, tmp_path):
    (tmp_path / "kritik.txt").write_text("Ein stiller Film über das Warten.\n", encoding="utf-8")
    run = cli("index", str(tmp_path / "kritik.txt"), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 0, run.err
    assert ": 1 file, " in run.out and "1 files" not in run.out


def test_index_with_a_skipped_file_exits_3_and_still_indexes_the_rest(cli, tmp_path):
    folder = write_press(tmp_path / "press")
    (folder / "blob.txt").write_bytes(BINARY)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "Le Concert", "cast": [', encoding="utf-8")
    root = tmp_path / "ix"
    run = cli("index", str(folder), "--index-dir", str(root))
    assert run.code == 3
    summary = re.sub(r"\s+", "", run.out)  # a long path may be folded over lines
    for name in ("blob.txt", "empty.txt", "broken.json"):
        assert name in summary and "…" not in run.out  # the summary lists them, uncut
        assert any(name in line and "skipped" in line for line in run.err.splitlines())
    assert len(run.err.splitlines()) == 3
    search = cli("search", "violin", "--index-dir", str(root), "--json")
    assert search.code == 0 and jsonl(search.out)
    json_run = cli("index", str(folder), "--index-dir", str(root), "--json")
    assert json_run.code == 3
    record = jsonl(json_run.out)[0]  # only the JSON summary on stdout
    assert {Path(s["path"]).name for s in record["skipped"]} == {
        "blob.txt",
        "empty.txt",
        "broken.json",
    }
    assert all(s["reason"] for s in record["skipped"])


def test_a_terminal_showing_both_streams_lists_a_skipped_file_once(cli, tmp_path):
    folder = write_press(tmp_path / "press")
    (folder / "broken.json").write_text('{"cast": [', encoding="utf-8")
    root = tmp_path / "ix"
    both = cli("index", str(folder), "--index-dir", str(root), "--rebuild", tty=True, err_tty=True)
    assert both.code == 3 and "broken.json" in both.out and "broken.json" not in both.err
    logged = cli("index", str(folder), "--index-dir", str(root), "--rebuild", tty=True)
    assert logged.code == 3 and "broken.json" in logged.out and "broken.json" in logged.err


@pytest.mark.parametrize(
    "name, data",
    [
        ("blob.bin", BINARY),
        ("empty.txt", b""),
        ("broken.json", b'{"title": "x", "cast": ['),
    ],
)
def test_index_exit_3_for_each_kind_of_unreadable_file(cli, tmp_path, name, data):
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "ok_en.txt").write_text(
        "The violin solo was recorded in a single take at dawn.\n", encoding="utf-8"
    )
    (folder / name).write_bytes(data)
    run = cli("index", str(folder), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 3
    assert cli("search", "violin", "--index-dir", str(tmp_path / "ix")).code == 0


def test_index_busy_exits_2_with_one_line(cli, tmp_path, press_dir):
    root = tmp_path / "ix"
    with write_lock(root, wait=0):
        run = cli("index", str(press_dir), "--index-dir", str(root), "--wait", "0")
    assert run.code == 2
    assert "another tutti process" in one_line(run.err)


# -- version and help --------------------------------------------------------------------------


def test_version(cli):
    run = cli("--version")
    assert (run.code, run.out, run.err) == (0, f"tutti {__version__}\n", "")


@pytest.mark.parametrize("command", [None, *COMMANDS])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_has_usage_and_an_example(cli, command, flag):
    argv = [flag] if command is None else [command, flag]
    run = cli(*argv)
    assert run.code == 0
    assert run.err == ""
    assert run.out.startswith("Usage: tutti" + (f" {command}" if command else ""))
    assert "Example" in run.out
    example = re.search(r"Examples?:\s+(tutti .+)", run.out)
    assert example, run.out
    assert example.group(1).startswith(f"tutti {command or 'search'}")


def test_search_help_keeps_one_example_per_line(cli):
    lines = [line.strip() for line in cli("search", "--help").out.splitlines()]
    assert 'tutti search "ultimate harmony"' in lines
    assert any(line.startswith("tutti search violin --speaker") for line in lines)


def test_no_arguments_shows_help(cli):
    run = cli()
    assert run.code in (0, 2)
    assert "Usage: tutti" in run.out + run.err
    for command in COMMANDS:
        assert command in run.out + run.err


# -- real processes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, check",
    [
        (
            ["search", "harmony", "--json"],
            lambda out: {r["query"] for r in jsonl(out)} == {"harmony"},
        ),
        (["search", "harmony"], lambda out: "Jane Doe" in out),
        (["speakers", "--json"], lambda out: len(jsonl(out)) == 3),
        (["export", "--json"], lambda out: len(jsonl(out)) > 5),
        (["stats", "--json"], lambda out: jsonl(out)[0]["documents"] == 4),
        (["analyze", "Tschaikowski", "--lang", "names"], lambda out: out.strip() != ""),
        (["--version"], lambda out: out == f"tutti {__version__}\n"),
    ],
    ids=["search-json", "search", "speakers", "export", "stats", "analyze", "version"],
)
def test_subprocess_commands(tutti, shared_index, argv, check):
    proc = tutti(shared_index, *argv)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert check(proc.stdout)
    assert ESC not in proc.stdout


def test_subprocess_output_is_whole_though_the_process_skips_teardown(tutti, shared_index):
    """``run`` ends with os._exit: what sat in the pipe's buffer must have been flushed."""
    proc = tutti(shared_index, "export", "--json")
    assert proc.returncode == 0
    assert len(jsonl(proc.stdout)) == sum(1 for _ in Engine(shared_index).passages()) > 5


def test_subprocess_show(tutti, shared_index, doe_violin):
    proc = tutti(shared_index, "show", doe_violin, "--cite")
    assert proc.returncode == 0
    assert "“I practised the violin" in proc.stdout and f"[{doe_violin}]" in proc.stdout


def test_subprocess_exit_codes(tutti, shared_index, tmp_path):
    assert tutti(shared_index, "search", "xylophonist").returncode == 1
    unknown = tutti(shared_index, "search", "harmony", "--speaker", "Jnae Doe")
    assert unknown.returncode == 2 and "Jane Doe" in one_line(unknown.stderr)
    assert unknown.stdout == ""
    assert tutti(shared_index, "search", "harmony", "--bogus").returncode == 2
    assert tutti(tmp_path / "nothing", "stats").returncode == 2


def test_subprocess_index_exit_0_then_3(tutti, tmp_path):
    folder = write_press(tmp_path / "press")
    root = tmp_path / "ix"
    first = tutti(root, "index", str(folder))
    assert first.returncode == 0, first.stderr
    assert Engine(root).exists()
    (folder / "blob.txt").write_bytes(BINARY)
    second = tutti(root, "index", str(folder), "--json")
    assert second.returncode == 3
    record = jsonl(second.stdout)[0]
    assert record["unchanged"] == len(FILES)
    assert "blob.txt" in second.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_subprocess_help(tutti, tmp_path, command):
    proc = tutti(tmp_path / "nothing", command, "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"Usage: tutti {command}")
    assert "Example" in proc.stdout
    assert not (tmp_path / "nothing").exists()  # help does not build an index


def test_subprocess_double_dash(tutti, shared_index):
    proc = tutti(shared_index, "search", "--json", "--", "-harmony")
    assert proc.returncode == 0
    assert {r["query"] for r in jsonl(proc.stdout)} == {"-harmony"}


def test_subprocess_stdin_batch(tutti, shared_index):
    proc = tutti(shared_index, "search", "-", "--json", input="harmony\n\ntrumpet\nconcert\n")
    assert proc.returncode == 0
    assert {r["query"] for r in jsonl(proc.stdout)} == {"harmony", "trumpet", "concert"}


def test_ctrl_c_stops_a_batch_waiting_for_its_next_query_and_its_workers(shared_index, tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: the batch, waiting for the
    next line, exits 130 at once, and its workers (which ignore it) go with it."""
    import signal

    # The batch must start with Ctrl-C's default action even when the tests run with
    # SIGINT ignored (a background job of a shell without job control): exec keeps an
    # ignored signal ignored but resets a Python handler to the default. Set around the
    # start rather than in preexec_fn, which is unsafe once the test process has threads.
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "search", "search", "-", "--json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=subprocess_env(shared_index),
            start_new_session=True,
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    try:
        proc.stdin.write(b"violin\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["query"] == "violin"  # answered; waiting
        group = _process_group(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=10) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.pid in group  # with its workers, one per core
    deadline = time.monotonic() + 5
    while _process_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _process_group(proc.pid) == set()


def test_a_batch_s_workers_leave_when_its_process_is_killed(shared_index, tmp_path):
    """Killed outright (SIGKILL, the OOM killer), the batch runs no cleanup; its workers
    must still see their pipes close and leave, not wait forever holding an index."""
    import signal

    proc = subprocess.Popen(
        [sys.executable, "-m", "search", "search", "-", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=subprocess_env(shared_index),
        start_new_session=True,
    )
    try:
        proc.stdin.write(b"violin\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["query"] == "violin"
        workers = _process_group(proc.pid) - {proc.pid}
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _process_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = _process_group(proc.pid)
    finally:
        if _process_group(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()
    assert left == set(), f"workers {sorted(workers)} outlived their batch"


def _process_group(pgid: int) -> set[int]:
    """The live processes of a process group, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def test_subprocess_color(tutti, shared_index):
    never = tutti(shared_index, "search", "harmony")  # NO_COLOR and a pipe
    assert ESC not in never.stdout + never.stderr
    dumb = tutti(shared_index, "search", "harmony", TERM="dumb")
    assert ESC not in dumb.stdout
    always = tutti(shared_index, "search", "harmony", "--color", "always")
    assert ESC in always.stdout


def test_terminal_gets_colour_unless_no_color_or_dumb(shared_index):
    env = subprocess_env(shared_index)
    del env["NO_COLOR"]
    env["TERM"] = "xterm-256color"
    assert ESC in run_on_a_terminal(["search", "harmony"], env)
    assert ESC not in run_on_a_terminal(["search", "harmony"], {**env, "NO_COLOR": "1"})
    assert ESC not in run_on_a_terminal(["search", "harmony"], {**env, "TERM": "dumb"})
    assert ESC not in run_on_a_terminal(["search", "harmony", "--color", "never"], env)


def test_closed_pipe_ends_quietly_with_0(shared_index):
    # Far more output than a pipe buffer holds, so writes after the reader leaves must fail.
    queries = "concert OR violin OR harmony OR trumpet OR orchestra\n" * 300
    proc = subprocess.Popen(
        [sys.executable, "-m", "search", "search", "-", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=subprocess_env(shared_index),
    )
    proc.stdin.write(queries.encode())
    proc.stdin.close()
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=120)
    assert json.loads(first)["rank"] == 1
    assert err == b""
    assert code == 0


def test_closed_pipe_on_export_and_text_output(shared_index):
    for argv in (["export"], ["search", "-"]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "search", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=subprocess_env(shared_index),
        )
        proc.stdin.write(b"concert OR violin OR harmony\n" * 300)
        proc.stdin.close()
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read()
        assert (proc.wait(timeout=120), err) == (0, b""), argv


def test_search_with_no_index_chosen_or_built_searches_the_demo_kept_apart(
    cli, tmp_path, monkeypatch
):
    import search.engine

    home = tmp_path / "home"
    monkeypatch.delenv("TUTTI_INDEX_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setattr(search.engine, "PACKAGE_ROOT", tmp_path / "not-a-checkout")
    run = cli("search", "orchestra", "--json", "-n", "1")
    assert run.code == 0, run.err
    assert "building the demo from the bundled seeds" in one_line(run.err)
    demo = home / "cache" / "tutti" / "demo-index"
    assert str(demo) in run.err
    records = jsonl(run.out)
    assert len(records) == 1 and records[0]["query"] == "orchestra"
    assert Engine(demo).exists()
    assert not (home / "data" / "tutti" / "index").exists()  # the user's index stays apart
    again = cli("search", "orchestra", "--json", "-n", "1")
    assert again.code == 0
    assert "bundled demo" in one_line(again.err) and "building" not in again.err


def test_plain_output_shows_each_hits_whole_snippet_and_question(cli, ix):
    hits = [json.loads(line) for line in cli("search", "violin", "--json", *ix).out.splitlines()]
    assert hits
    plain = cli("search", "violin", *ix).out
    for hit in hits:
        assert hit["snippet"] in plain
        if hit["question"]:
            assert hit["question"] in plain


def _module(index: Path, cwd: Path, *argv: str, **streams: Any) -> subprocess.CompletedProcess:
    """``python -m search`` with the streams given (bytes in and out unless ``text``)."""
    return subprocess.run(
        [sys.executable, "-m", "search", *argv],
        env=subprocess_env(index),
        cwd=cwd,
        timeout=120,
        check=False,
        **streams,
    )


def test_subprocess_queries_that_are_not_utf8_are_answered(shared_index, tmp_path):
    # A query list saved in Latin-1, a Latin-1 terminal: "violin" with an é in Latin-1.
    batch = _module(
        shared_index,
        tmp_path,
        "search",
        "-",
        "--json",
        input=b"harmony\nvi\xe9lin\n",
        capture_output=True,
    )
    assert batch.returncode == 0, batch.stderr
    assert {r["query"] for r in jsonl(batch.stdout.decode())} == {"harmony"}
    assert "viélin" in batch.stderr.decode()  # no hits for it: said, in readable form
    query = os.fsdecode(b"harmony vi\xe9lin")
    one = _module(shared_index, tmp_path, "search", query, "--json", capture_output=True)
    assert one.returncode in (0, 1) and b"Traceback" not in one.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_subprocess_output_to_a_full_disk_or_a_closed_stdout_is_one_line(shared_index, tmp_path):
    with open("/dev/full", "w") as full:
        proc = _module(
            shared_index,
            tmp_path,
            "export",
            "--json",
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert proc.returncode == 2
    assert proc.stderr == "tutti: error: cannot write the output: No space left on device\n"
    closed = _module(
        shared_index,
        tmp_path,
        "export",
        "--json",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    assert closed.returncode == 2
    assert closed.stderr == "tutti: error: cannot write the output: stdout is closed\n"


@pytest.mark.parametrize(
    "option", ["--speaker", "--lang", "--source", "--kind", "--role", "--film"]
)
def test_a_filter_given_no_value_is_an_error_not_everything(cli, shared_index, option):
    run = cli("search", "harmony", option, " ", "--index-dir", str(shared_index))
    assert run.code == 2 and run.out == ""
    assert one_line(run.err).endswith(f"{option} was given no value (see: tutti search --help)")


def test_the_index_summary_counts_one_speaker_in_the_singular(cli, tmp_path: Path) -> None:
    (tmp_path / "kit.txt").write_text(
        "Entretien avec Léa Fournier, réalisatrice\n\nPourquoi l'île de Sein ?\n\n"
        "Léa Fournier : Parce que la mer y décide de tout, même de l'heure du tournage.\n",
        encoding="utf-8",
    )
    run = cli("index", str(tmp_path / "kit.txt"), "--index-dir", str(tmp_path / "ix"))
    assert run.code == 0 and "; 1 speaker (details" in run.out and "1 speakers" not in run.out


def test_cite_with_json_is_an_error_not_ignored(cli, tmp_path: Path) -> None:
    (tmp_path / "kit.txt").write_text("The violin concert was recorded live.\n", encoding="utf-8")
    ix = ("--index-dir", str(tmp_path / "ix"))
    assert cli("index", str(tmp_path / "kit.txt"), *ix).code == 0
    run = cli("search", "violin", "--json", "--cite", *ix)
    assert run.code == 2 and run.out == "" and "--cite goes without --json" in run.err
    csl = cli("search", "violin", "--cite", "--cite-format", "csl-json", *ix)
    assert csl.code == 0 and json.loads(csl.out.splitlines()[0])[0]["type"]


def test_an_index_dir_that_is_a_file_is_said_so(cli, tmp_path: Path) -> None:
    # It read "File exists" when indexing, and "build one with: tutti index FOLDER
    # --index-dir FILE" when searching: advice that cannot work.
    (tmp_path / "kit.txt").write_text("The violin concert was recorded live.\n", encoding="utf-8")
    (tmp_path / "notes").write_text("not an index\n", encoding="utf-8")
    ix = ("--index-dir", str(tmp_path / "notes"))
    build = cli("index", str(tmp_path / "kit.txt"), *ix)
    assert build.code == 2 and "it is a file, not a folder" in build.err
    search = cli("search", "violin", *ix)
    assert search.code == 2 and "is a file, not an index folder" in search.err
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "not an index\n"


def test_stats_and_index_json_give_the_index_folder_absolute(cli, tmp_path, monkeypatch):
    write_press(tmp_path / "press")
    monkeypatch.chdir(tmp_path)
    run = cli("index", "press", "--index-dir", "ix", "--json")
    assert json.loads(run.out)["index_dir"] == str(tmp_path / "ix")
    run = cli("stats", "--index-dir", "ix", "--json")
    assert json.loads(run.out)["index_dir"] == str(tmp_path / "ix")
