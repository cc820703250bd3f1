"""Defects a tester's probe found in the search command's contract, each on a small folder
written here: batch output a program can parse, flags that refuse each other alike,
operator-only queries, control characters in error lines, ids with spaces around them,
stop words and typos that matched through the name-key field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.engine import Engine

DOCS = {
    "a_en.txt": "The orchestra rehearsed all night in the old hall. Violin players arrived "
    "late, and the conductor smiled at them without a word.\n",
    "b_en.txt": "Violin lessons began at dawn every day. The teacher was patient with the "
    "children and kind to their parents.\n",
    "c_en.txt": "Violin music by Tchaikovsky filled the concert hall. And then the audience "
    "stood up and cheered for a long time.\n",
    "d_en.txt": "She tuned her violin before the concert began. The violin was old, a gift "
    "from her grandmother in Odessa.\n",
    "e_de.txt": "Das Orchester spielte am Abend Tschaikowski. Die Geige klang wunderbar, und "
    "die Musiker waren sehr glücklich darüber.\n",
    "f_en.txt": "And nothing else mattered that evening for the tired musicians of the "
    "touring company.\n",
}


@pytest.fixture(scope="module")
def probe_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("probe")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    root = tmp_path_factory.mktemp("probe-ix") / "ix"
    report = Engine(root).index([folder])
    assert not report.skipped
    return root


@pytest.fixture()
def ix(probe_index: Path) -> list[str]:
    return ["--index-dir", str(probe_index)]


# -- 1. a batch's CSL-JSON is only CSL-JSON ------------------------------------------------


def test_a_batch_of_csl_json_citations_is_one_json_array_per_query_per_line(cli, ix):
    run = cli("search", "-", "--cite-format", "csl-json", *ix, stdin="violin\nxyzzyq\nOdessa\n")
    assert run.code == 0
    lines = run.out.splitlines()
    assert len(lines) == 3, run.out  # no heading lines between the arrays
    arrays = [json.loads(line) for line in lines]
    assert all(isinstance(a, list) for a in arrays)
    assert len(arrays[0]) == 4 and arrays[1] == [] and len(arrays[2]) == 1
    assert "Odessa" in arrays[2][0]["note"]


# -- 2. a batch's file lists stay apart --------------------------------------------------


def test_a_batch_of_file_lists_tags_each_name_with_its_query(cli, ix):
    run = cli("search", "-", "--files", *ix, stdin="Odessa\nxyzzyq\nconcert\n")
    assert run.code == 0
    assert run.lines == ["d_en.txt\tOdessa", "c_en.txt\tconcert", "d_en.txt\tconcert"]
    # one query alone: names only, as before
    assert cli("search", "concert", "--files", *ix).lines == ["c_en.txt", "d_en.txt"]


# -- 4. --count refuses --cite as --files does -------------------------------------------


@pytest.mark.parametrize(
    "flags",
    [
        ["--count", "--cite"],
        ["--count", "--cite-format", "markdown"],
        ["--files", "--cite"],
        ["--files", "--cite-format", "csl-json"],
        ["--json", "--cite-format", "csl-json"],
    ],
)
def test_count_and_files_refuse_citations_alike(cli, ix, flags):
    run = cli("search", "violin", *flags, *ix)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith("tutti: error: ") and len(run.err.splitlines()) == 1


# -- 3. a query of operators alone is an error -------------------------------------------


@pytest.mark.parametrize("query", ["NOT -", "- -", "NOT (-)", "-()", "(NOT -) OR -"])
def test_a_lone_minus_is_an_operator_so_the_query_has_no_words(cli, ix, query):
    run = cli("search", *ix, "--", query)
    assert (run.code, run.out) == (2, "")
    assert "it has no words" in run.err


def test_a_minus_beside_a_word_still_leaves_the_word(cli, ix):
    assert cli("search", "--count", *ix, "--", "violin -").out == "4\n"


# -- 5. error lines show control characters as every other output does -------------------


@pytest.mark.parametrize(
    "argv,shown",
    [
        (["search", "viol\x1b[31min"], "no hits for 'viol␛[31min'"),
        (["search", "violin", "--speaker", "Odes\x1b[2Jsa"], "unknown speaker 'Odes␛[2Jsa'"),
        (["search", "violin", "--source", "x\x1b]52;c;QQ==\x07"], "'x␛]52;c;QQ==␇'"),
        (["show", "a\x1bb\u202e"], "no passage with id 'a␛b\ufffd'"),
        (["search", "xyzzy\rq"], "no hits for 'xyzzy␍q'"),
    ],
)
def test_error_lines_show_control_characters_as_visible_symbols(cli, ix, argv, shown):
    run = cli(*argv, *ix)
    assert shown in run.err
    assert "\x1b" not in run.err and "\\x" not in run.err and "\\u" not in run.err
    assert len(run.err.splitlines()) == 1


def test_a_backslash_the_query_holds_is_not_read_as_an_escape(cli, ix):
    run = cli("search", "xyzzy\\x1bq", *ix)
    assert "'xyzzy\\\\x1bq'" in run.err and "␛" not in run.err


def test_no_did_you_mean_is_built_from_escape_codes(cli, ix):
    run = cli("search", "viol\x1b[31min", *ix)
    assert run.code == 1
    assert "did you mean" not in run.err
    # the same word without them is still corrected
    assert "did you mean 'violin'" in cli("search", "violim", *ix).err


# -- 6. an id pasted with white space around it ------------------------------------------


@pytest.mark.parametrize(
    "typed", [" d_en.txt:text:01", "d_en.txt:text:01 ", "\td_en.txt:text:01\n"]
)
def test_show_finds_an_id_with_white_space_around_it(cli, ix, typed):
    run = cli("show", typed, "--json", *ix)
    assert run.code == 0, run.err
    assert json.loads(run.out)["id"] == "d_en.txt:text:01"


def test_show_of_an_unknown_id_with_spaces_is_still_an_error(cli, ix):
    run = cli("show", " nope ", *ix)
    assert (run.code, run.out) == (2, "")
    assert "no passage with id 'nope'" in run.err


# -- 7. stop words are not looked up as names --------------------------------------------


def _count(cli, ix, query, *flags):
    return int(cli("search", "--count", *flags, *ix, "--", query).out)


@pytest.mark.parametrize("query", ["the", "and", "The", "the and"])
def test_a_query_of_english_stop_words_finds_no_english_passage(cli, ix, query):
    # "The" and "And" open sentences, capitalised: keyed like names, they matched there
    run = cli("search", query, *ix)
    assert (run.code, run.out) == (1, "")


def test_a_stop_word_adds_no_passage_to_a_query(cli, ix):
    assert _count(cli, ix, "violin and") == _count(cli, ix, "violin") == 4
    assert _count(cli, ix, "violin OR the") == 4  # Whoosh's parser reads it alike


def test_names_and_ands_with_stop_words_are_unchanged(cli, ix):
    # a name in another spelling still matches through its key, written either way
    assert _count(cli, ix, "Tschaikowski") == _count(cli, ix, "tschaikowski") == 2
    # an AND still requires its stop word, in the passages that hold it
    assert _count(cli, ix, "the AND violin") == 4
    assert _count(cli, ix, "and AND violin") == 3
    # not a stop word in German: the German field is searched as before
    assert _count(cli, ix, "orchester", "--lang", "de") == 1


def test_a_stop_word_s_name_key_matches_nothing_and_is_pruned(engine):
    from search.query import parse as parsing

    backend = engine.backend
    parser = backend.parser(tuple(engine.known_langs()))
    q = parsing.parse(parser, "violin the")
    stops = [leaf for leaf in q.leaves() if isinstance(leaf, parsing.StopKey)]
    assert [leaf.text for leaf in stops] == ["the"]
    pruned = parsing.prune(q, parsing.DocFrequencies(backend.searcher()))
    assert not [leaf for leaf in pruned.leaves() if isinstance(leaf, parsing.StopKey)]
    assert parser.stop_word("the", "the") and not parser.stop_word("violin", "violin")


# -- 8. a typo that matches only through the name keys gets its did-you-mean -------------


def test_a_lowercase_typo_known_only_by_name_key_is_corrected(cli, ix):
    # "violinn" has the name key of a sentence's capitalised "Violin" (keys fold doubled
    # letters), so did-you-mean took it for a known word
    run = cli("search", "violinn", "--source", "b_en.txt", *ix)
    assert run.code == 0
    assert "did you mean 'violin'?" in run.err


@pytest.mark.parametrize(
    "query,source",
    [("Tschaikowski", "c_en.txt"), ("tschaikowski", "e_de.txt"), ("violin", "b_en.txt")],
)
def test_no_did_you_mean_for_a_name_in_another_spelling_or_a_correct_word(cli, ix, query, source):
    run = cli("search", query, "--source", source, *ix)
    assert run.code == 0
    assert "did you mean" not in run.err
