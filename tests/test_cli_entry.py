"""The entry point reads a plain ``tutti search`` without Typer (``cli_entry``): it must
read every command line it accepts as Typer's ``search`` command does, and hand any other
to Typer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
from conftest import subprocess_env

import search.cli
from search.cli_entry import CHOICES, SEARCH_OPTIONS, parse_search
from search.cli_search import LISTS, SearchOptions


def typer_options(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> SearchOptions | None:
    """What Typer's ``search`` command hands to ``run_search`` for ``args`` (None when
    Typer rejects them)."""
    seen: list[SearchOptions] = []

    def capture(env: Any, options: SearchOptions) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(search.cli, "run_search", capture)
    command = typer.main.get_command(search.cli.app)
    try:
        command.main(args=args, prog_name="tutti", standalone_mode=False)
    except Exception as err:  # Click's usage errors (Typer ships its own copy of Click)
        if not hasattr(err, "format_message"):
            raise
        return None
    return seen[0] if seen else None


def test_the_table_is_typers_search_command_option_by_option():
    command = typer.main.get_command(search.cli.app)
    params = command.commands["search"].params  # type: ignore[attr-defined]
    derived: dict[str, tuple[str, str]] = {}
    choices: dict[str, tuple[str, ...]] = {}
    for param in params:
        if not isinstance(param, typer.core.TyperOption):
            assert param.name == "query"  # the one argument
            continue
        of_type = type(param.type).__name__  # Typer's own copy of Click's types
        if param.is_flag:
            kind = "flag"
        elif param.multiple:
            kind = "list"
        elif of_type == "TyperChoice":
            kind = "choice"
            choices[param.name or ""] = tuple(param.type.choices)  # type: ignore[attr-defined]
        elif of_type == "IntRange":
            kind = "count"
            assert (param.type.min, param.type.max) == (0, None)  # type: ignore[attr-defined]
        elif of_type == "TyperPath":
            kind = "path"
        else:
            assert of_type == "StringParamType", param.name
            kind = "text"
        for name in (*param.opts, *param.secondary_opts):
            derived[name] = (param.name or "", kind)
    assert derived == SEARCH_OPTIONS
    assert choices == CHOICES
    fields = set(SearchOptions._fields)
    assert {LISTS.get(p, p) for p, _ in SEARCH_OPTIONS.values()} | {"query"} == fields
    assert {p for p, kind in SEARCH_OPTIONS.values() if kind == "list"} == set(LISTS)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "ultimate harmony"],
        ["search", "violin", "--json"],
        ["search", "--json", "violin"],
        ["search", "-"],
        ["search", "violin", "-s", "Laurent", "--speaker", "Mélanie", "-l", "en,fr", "--lang=de"],
        ["search", "violin", "--film", "Love, Actually", "--film=Le Concert"],
        ["search", "violin", "--source", "a.txt", "--kind", "interview", "--role", "director"],
        ["search", "violin", "-n", "0", "--limit=25", "-c", "--files", "--summary", "--cite"],
        ["search", "violin", "--cite-format", "csl-json", "--color", "never"],
        ["search", "violin", "--color=always", "--cite-format=markdown"],
        ["search", "violin", "--index-dir", "some/where", "--backend", "whoosh", "--url", "x"],
        ["search", "violin", "-n", "3", "-n", "7", "--color", "auto", "--color", "never"],
        ["search", "violin", "--lang", " en , ,fr "],
        ["search", "Tschaikowski", "--lang", "de", "--json", "--index-dir=/tmp/ix"],
    ],
)
def test_a_command_line_it_reads_is_read_as_typer_reads_it(monkeypatch, args):
    ours = parse_search(args)
    assert ours is not None
    assert ours == typer_options(monkeypatch, args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["index", "press/"],
        ["search"],  # no query
        ["search", "--help"],
        ["search", "violin", "-h"],
        ["search", "a", "b"],  # an extra argument
        ["search", "violin", "--limt", "3"],  # a typo
        ["search", "violin", "-n5"],  # Click's glued short option
        ["search", "violin", "-n", "-1"],
        ["search", "violin", "--limit", "three"],
        ["search", "violin", "--limit", "٣"],  # a digit, not an ASCII one
        ["search", "violin", "--color", "blue"],
        ["search", "violin", "--lang", ""],
        ["search", "violin", "--lang", ","],
        ["search", "violin", "--film", " "],
        ["search", "violin", "--json=yes"],
        ["search", "violin", "-s=Laurent"],
        ["search", "violin", "--speaker"],  # no value
        ["search", "violin", "--speaker", "--json"],
        ["search", "--", "-violin"],
        ["search", "-violin"],
        ["show", "presskit_en.txt:laurent:10"],
    ],
)
def test_any_other_command_line_goes_to_typer(args):
    assert parse_search(args) is None


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["search", "violin", "--limit", "three"], "'three' is not a valid int"),
        (["search", "violin", "--color", "blue"], "'blue' is not one of"),
        (["search", "violin", "--lang", ","], "--lang was given no value"),
        (["search", "a", "b"], "unexpected extra argument"),
        (["search", "violin", "--limt", "3"], "No such option: --limt"),
    ],
)
def test_typer_words_the_errors_of_what_it_was_handed(cli, shared_index, args, says):
    run = cli(*args, "--index-dir", str(shared_index))
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1
    assert says in run.err
    assert run.err.strip().endswith("(see: tutti search --help)")


def test_both_readings_answer_alike(cli, shared_index):
    quick = cli("search", "violin", "--json", "--index-dir", str(shared_index))
    # "-n10" is not read by the entry point (a glued short option): Typer reads it
    assert parse_search(["search", "violin", "--json", "-n10"]) is None
    slow = cli("search", "violin", "--json", "-n10", "--index-dir", str(shared_index))
    assert quick.code == slow.code == 0
    assert quick.out == slow.out and quick.out.count("\n") >= 1
    assert quick.err == slow.err


def _loaded(args: list[str], index: Path) -> set[str]:
    """The top-level packages a real ``tutti`` process loaded to answer ``args``."""
    code = (
        "import json, sys\n"
        "from search.cli_entry import main\n"
        "status = main(sys.argv[1:])\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=subprocess_env(index),
        timeout=120,
        check=False,
    )
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def test_a_plain_search_loads_neither_the_cli_libraries_nor_orjson_nor_dataclasses(shared_index):
    """Each took milliseconds of a one-query process (``benchmarks/RESULTS.md``)."""
    plain = _loaded(["search", "violin", "--json"], shared_index)
    assert "search" in plain and "whoosh" in plain
    assert not {"typer", "click", "rich", "orjson", "dataclasses", "inspect"} & plain
    assert "typer" in _loaded(["search", "violin", "--json", "-n5"], shared_index)


@pytest.mark.parametrize(
    "args, collecting",
    [
        (["search", "violin", "--json"], False),
        (["search", "violin", "--json", "-n5"], True),  # Typer's reading
        (["search", "-", "--json"], True),  # a batch, however many queries
        (["stats", "--json"], True),
    ],
)
def test_only_a_single_search_runs_without_the_cycle_collector(shared_index, args, collecting):
    code = (
        "import gc, sys\n"
        "from search.cli_entry import main\n"
        "gc.disable()  # as run() does\n"
        "main(sys.argv[1:])\n"
        "print(gc.isenabled(), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        input="violin\n",
        capture_output=True,
        text=True,
        env=subprocess_env(shared_index),
        timeout=120,
        check=False,
    )
    assert proc.stderr.strip().splitlines()[-1] == str(collecting)


def test_a_tutti_script_an_older_version_installed_still_starts():
    """Such a script runs ``from search.cli import run``: the entry point before this one."""
    from search.cli_entry import run

    assert search.cli.run is run
