"""Per-language analyzers: exact tokens, exact offsets, and what meets what."""

from __future__ import annotations

import pickle
import pickletools
import random
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.analysis import CompositeAnalyzer
from whoosh.lang import has_stemmer, languages

from search import analysis
from search.analysis import STEMMED_LANGS, analyze, analyzer, fold, word_spans
from search.schema import PreparedText, make_schema, text_field


@pytest.mark.parametrize(
    ("text", "lang", "tokens"),
    [
        # French: elision with both apostrophes, stop words, Snowball French, folding after.
        ("L’harmonie ultime", "fr", ["harmon", "ultim"]),
        ("Jusqu'à l'aube", "fr", ["aub"]),
        ("Qu'il joue", "fr", ["jou"]),
        ("Lorsqu'il chante, puisqu’elle danse", "fr", ["chant", "dans"]),
        ("Aujourd'hui, d’aujourd’hui", "fr", ["aujourdhui", "aujourdhui"]),
        ("quelqu'un", "fr", ["quelquun"]),
        ("l’Orchestre, d'orchestre, orchestres", "fr", ["orchestr"] * 3),
        ("Les musiciens juifs, un musicien juif", "fr", ["musicien", "juif"] * 2),
        ("Une école, une ecole", "fr", ["ecol", "ecol"]),
        # German: umlaut digraphs and ß meet the real thing; stop words with ß too.
        ("jüdische juedische judische", "de", ["judisch"] * 3),
        ("Straße Strasse STRASSE", "de", ["strass"] * 3),
        ("Goethe Göthe Quelle", "de", ["goth", "goth", "quell"]),
        ("dass daß für über", "de", []),
        # English: possessives with ' and ’, folding before the ASCII-only stemmer.
        ("Andreï’s violin and Andrei's bow", "en", ["andrei", "violin", "andrei", "bow"]),
        ("the musicians' orchestras, O’Neill's", "en", ["musician", "orchestra", "oneil"]),
        ("Tchaïkovski", "en", ["tchaikovski"]),
        # Other stemmed languages.
        ("La orquesta de los músicos", "es", ["orquest", "music"]),
        ("Gli orchestrali dell’orchestra suonavano", "it", ["orchestral", "orchestr", "suon"]),
        ("O desempenho dos músicos", "pt", ["desempenh", "music"]),
        ("De muzikanten speelden", "nl", ["muzikant", "speel"]),
        ("Большой театр, Пётр Чайковский", "ru", ["больш", "театр", "петр", "чайковск"]),
        # Neutral: no stemming, no stop words, split at apostrophes, one letter dropped.
        ("Tchaïkovski écrit à Moscou", "xx", ["tchaikovski", "ecrit", "moscou"]),
        ("Tchaïkovski écrit à Moscou", None, ["tchaikovski", "ecrit", "moscou"]),
        ("l'Orchestre d'Andreï's", None, ["orchestre", "andrei"]),
        ("Rocky 2, part 3.5", None, ["rocky", "2", "part", "3", "5"]),
        ("Öğretmenler İstanbul'da", "tr", ["ogretmenler", "istanbul", "da"]),
        ("Ο Οδυσσέας", "el", ["οδυσσεασ"]),
    ],
)
def test_tokens(text: str, lang: str | None, tokens: list[str]) -> None:
    assert analyze(text, lang) == tokens


@pytest.mark.parametrize(
    ("lang", "a", "b"),
    [
        ("fr", "orchestre", "l'Orchestre"),
        ("fr", "musicien juif", "musiciens juifs"),
        ("fr", "Tchaikovski", "Tchaïkovski"),
        ("de", "Straße", "Strasse"),
        ("de", "jüdischen Musiker", "juedische Musikers"),
        ("en", "Andrei", "Andreï’s"),
        ("it", "orchestra", "dell'orchestra"),
        ("es", "músico", "musicos"),
    ],
)
def test_spellings_meet(lang: str, a: str, b: str) -> None:
    assert analyze(a, lang) == analyze(b, lang)


_MIXED = "L’Orchestre d'Andreï’s Straße, jusqu'à Ме\u0301лания d’aujourd’hui."


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            None,
            [
                ("orchestre", "Orchestre"),
                ("andrei", "Andreï"),
                ("strasse", "Straße"),
                ("jusqu", "jusqu"),
                ("мелания", "Ме\u0301лания"),  # the combining accent stays in its word
                ("aujourd", "aujourd"),
                ("hui", "hui"),
            ],
        ),
        (
            "fr",
            [
                ("orchestr", "Orchestre"),
                ("andrei", "Andreï’s"),
                ("strass", "Straße"),
                ("мелания", "Ме\u0301лания"),
                ("aujourdhui", "aujourd’hui"),
            ],
        ),
        (
            "en",
            [
                ("lorchestr", "L’Orchestre"),
                ("dandrei", "d'Andreï"),
                ("strass", "Straße"),
                ("jusqua", "jusqu'à"),
                ("мелания", "Ме\u0301лания"),
                ("daujourdhui", "d’aujourd’hui"),
            ],
        ),
        (
            "de",
            [
                ("lorchestr", "L’Orchestre"),
                ("dandreis", "d'Andreï’s"),
                ("strass", "Straße"),
                ("jusqua", "jusqu'à"),
                ("мелания", "Ме\u0301лания"),
                ("daujourdhui", "d’aujourd’hui"),
            ],
        ),
    ],
)
def test_offsets_point_at_the_original_words(
    lang: str | None, expected: list[tuple[str, str]]
) -> None:
    tokens = analyzer(lang)(_MIXED, positions=True, chars=True)
    assert [(t.text, _MIXED[t.startchar : t.endchar]) for t in tokens] == expected


def test_exact_offsets_french() -> None:
    text = "L’Orchestre d’aujourd’hui, jusqu'à Andreï"
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer("fr")(text, positions=True, chars=True)
    ]
    assert tokens == [
        ("orchestr", 0, 2, 11),
        ("aujourdhui", 1, 14, 25),
        ("andrei", 2, 35, 41),
    ]


def test_exact_offsets_english_possessive() -> None:
    text = "Andreï’s Straße"
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer("en")(text, chars=True)]
    assert tokens == [("andrei", 0, 6), ("strass", 9, 15)]


def test_stop_words_are_marked_not_removed_for_highlighting() -> None:
    tokens = [(t.text, t.stopped) for t in analyzer("en")("the violin", removestops=False)]
    assert tokens == [("the", True), ("violin", False)]


def test_positions_skip_stop_words() -> None:
    ana = analyzer("fr")
    tokens = [(t.text, t.pos) for t in ana("le musicien de l'orchestre joue", positions=True)]
    # Like Whoosh's StopFilter: the first kept word keeps its place, the rest follow it.
    assert tokens == [("musicien", 1), ("orchestr", 2), ("jou", 3)]


def test_untokenized_query_text_is_one_token() -> None:
    # The query parser passes wildcard and range terms with tokenize=False.
    assert [t.text for t in analyzer("fr")("Tchaïk*", tokenize=False)] == ["tchaik*"]


def test_scripts_whose_marks_python_splits() -> None:
    assert analyze("हिन्दी सिनेमा", None) == ["हिन्दी", "सिनेमा"]


def test_every_language_whoosh_can_stem_is_stemmed() -> None:
    assert {lang for lang in languages if has_stemmer(lang)} == STEMMED_LANGS


@pytest.mark.parametrize(
    "lang, word, stem",
    [
        ("en", "added", "add"),
        ("en", "rehearsals", "rehears"),
        ("fr", "musiciens", "musicien"),
        ("de", "abgearbeitet", "abgearbeit"),
        ("it", "orchestrali", "orchestral"),
        ("ru", "оркестра", "оркестр"),
    ],
)
def test_stems_are_snowballs_reference_ones(lang: str, word: str, stem: str) -> None:
    """Snowball's C stemmers, where Whoosh's Python port gives "ad" and "abgearbeitet"."""
    assert analyze(word, lang) == [stem]


@pytest.mark.parametrize("code", ["FR", "fr-CA", "fr_FR", " fr "])
def test_language_codes_are_normalised(code: str) -> None:
    assert analyzer(code) is analyzer("fr")


def test_unknown_language_is_neutral() -> None:
    assert analyzer("xx") is analyzer(None) is analyzer("tr") is analyzer("")
    assert analyzer("nb") is analyzer("no")


@pytest.mark.parametrize("lang", [None, "en", "fr", "de"])
def test_analyzers_survive_pickling(lang: str | None) -> None:
    # Whoosh pickles each field's analyzer into the index's table of contents.
    clone = pickle.loads(pickle.dumps(analyzer(lang)))
    text = "L’Orchestre d'Andreï’s jüdische Straße"
    assert [t.text for t in clone(text)] == analyze(text, lang)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tchaïkovski", "Tchaikovski"),
        ("Straße", "Strasse"),
        ("ẞ", "SS"),
        ("Æsir œuvre Øre", "AEsir oeuvre Ore"),
        ("Łódź Đorđe þorn", "Lodz Dorde thorn"),
        ("Mélanie Berléand Miou-Miou", "Melanie Berleand Miou-Miou"),
        ("Me\u0301lanie", "Melanie"),
        ("ﬁlm", "film"),
        ("Пётр Чайковский", "Петр Чайковский"),  # ё folds, й does not
        ("Ελλάδα", "Ελλαδα"),
        ("हिन्दी", "हिन्दी"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_english_ize_and_ise_spellings_meet_but_short_words_stay() -> None:
    assert analyze("ostracized organizing analyzed", "en") == analyze(
        "ostracised organising analysed", "en"
    )
    assert analyze("size prize sized", "en") == ["size", "prize", "size"]


def _word_spans_one_by_one(text: str, apostrophes: bool) -> list[tuple[int, int]]:
    """The tokenizer's rule written out a character at a time: a run of letters and
    digits, extended over combining marks and over an apostrophe followed by a letter."""
    letter = re.compile(r"[^\W_\u02bc]")
    spans, i, n = [], 0, len(text)
    while i < n:
        if not letter.match(text, i):
            i += 1
            continue
        start = i
        while i < n:
            if (
                letter.match(text, i)
                or unicodedata.category(text[i])[0] == "M"
                or (
                    apostrophes
                    and text[i] in "'\u2019\u02bc"
                    and i + 1 < n
                    and letter.match(text, i + 1)
                )
            ):
                i += 1
            else:
                break
        spans.append((start, i))
    return spans


def test_word_spans_follow_the_rule_on_random_text() -> None:
    rng = random.Random(5)
    alphabet = [*"ab c'’ʼ_-.é1", "\u0301", "\u0308", "क", "ि", "्", "—", "…", "d'"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        for apostrophes in (True, False):
            assert list(word_spans(text, apostrophes)) == _word_spans_one_by_one(
                text, apostrophes
            ), (text, apostrophes)


def test_words_of_an_unmarked_text_are_the_rule_s_words_on_random_text() -> None:
    """``words_of`` reads unmarked texts in C, with plain \\w+ when no character sets
    the two patterns apart; both must cut as the rule does."""
    from search.analysis import unmarked, words_of

    rng = random.Random(6)
    alphabet = [*"ab c'’ʼ_-.é1ßŁ", "—", "…", "d'", "€"]
    for n in range(5000):
        pieces = alphabet if n % 2 else [*"ab c-.é1ßŁ", "—", "…"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        assert unmarked(text)
        for apostrophes in (True, False):
            assert words_of(text, apostrophes) == [
                text[a:b] for a, b in _word_spans_one_by_one(text, apostrophes)
            ], text


def test_words_of_a_marked_text_are_the_rule_s_words_on_random_text() -> None:
    """A text with combining marks (a decomposed "é", Devanagari vowel signs) is cut by
    the rule too: ``words_of`` is what name keys, stop keys and indexing split words by."""
    from search.analysis import unmarked, words_of

    rng = random.Random(7)
    alphabet = [*"ab c'’_-.1", "e\u0301", "\u0301", "क\u093f", "\u093f", "—"]
    marked = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        marked += not unmarked(text)
        for apostrophes in (True, False):
            assert words_of(text, apostrophes) == [
                text[a:b] for a, b in _word_spans_one_by_one(text, apostrophes)
            ], text
    assert marked > 2000


def test_fold_leaves_ascii_alone_so_its_shortcut_is_safe() -> None:
    """``fold`` returns ASCII text untouched without looking at it: every letter it maps
    itself must therefore lie beyond ASCII."""
    from search.analysis import SPECIAL_LETTERS

    assert SPECIAL_LETTERS and all(code > 127 for code in SPECIAL_LETTERS)
    assert fold("Strasse and Oeuvre") == "Strasse and Oeuvre"


# Words that take every branch of the analyzers: elisions and possessives with each
# apostrophe, stop words, German digraphs and ß, British spellings, accents precomposed
# and combining, other scripts, digits, underscores and one-letter words.
_PIECES = [
    "L’harmonie",
    "l'orchestre",
    "Jusqu'à",
    "aujourd'hui",
    "quelqu’un",
    "dell’orchestra",
    "Andreï’s",
    "O'Neill's",
    "musicians'",
    "the",
    "and",
    "les",
    "und",
    "für",
    "juedische",
    "Quelle",
    "Straße",
    "STRASSE",
    "ostracized",
    "organise",
    "size",
    "Me\u0301lanie",
    "Mélanie",
    "Пётр",
    "Чайковский",
    "Ελλάδα",
    "हिन्दी",
    "指揮者",
    "ﬁlm",
    "3.5",
    "Part 2",
    "a_b",
    "x",
    "ʼokina",
    "—",
    ",",
    "\n",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=60).map(" ".join)


def _tokens(ana: Any, text: str, **kwargs: Any) -> list[dict[str, Any]]:
    return [dict(vars(t)) for t in ana(text, **kwargs)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from([None, "en", "fr", "de", "it", "es", "ru", "nl"]))
def test_indexing_shortcut_gives_the_chains_tokens(text: str, lang: str | None) -> None:
    fast = analyzer(lang)
    plain = CompositeAnalyzer(*fast.items)
    for kwargs in (
        {"positions": True, "boosts": True, "mode": "index"},
        {"mode": "index"},
        {"positions": True, "mode": "query"},
        {},
    ):
        assert _tokens(fast, text, **kwargs) == _tokens(plain, text, **kwargs)
    field = make_schema()[text_field(lang or "xx")]
    assert list(field.index(text)) == list(PreparedText(analyzer=plain, phrase=True).index(text))


def test_indexing_shortcut_starts_its_word_cache_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "_TERM_CACHE", 4)
    fast = analysis._build("fr")
    plain = CompositeAnalyzer(*fast.items)
    texts = ["l'orchestre joue les harmonies", "Les musiciens de l'orchestre", "une école"]
    for text in texts * 2:
        kwargs = {"positions": True, "boosts": True, "mode": "index"}
        assert _tokens(fast, text, **kwargs) == _tokens(plain, text, **kwargs)
        assert len(fast._term_of_word) <= 4


def _pickled_names(obj: object) -> set[str]:
    """The module and class names a pickle of ``obj`` refers to."""
    return {
        str(arg)
        for op, arg, _ in pickletools.genops(pickle.dumps(obj))
        if op.name in ("GLOBAL", "SHORT_BINUNICODE", "BINUNICODE", "UNICODE")
        and isinstance(arg, str)
        and (arg.startswith(("search", "whoosh")) or arg[:1].isupper())
    }


@pytest.mark.parametrize("lang", [None, "en", "fr", "de"])
def test_analyzers_pickle_as_the_plain_chain(lang: str | None) -> None:
    # An index's schema holds the analyzers: the shortcut's class must not be in it, so
    # that indexes stay readable by versions without it.
    ana = analyzer(lang)
    clone = pickle.loads(pickle.dumps(ana))
    assert type(clone) is CompositeAnalyzer and clone.items == ana.items
    assert _pickled_names(ana) == _pickled_names(CompositeAnalyzer(*ana.items))
