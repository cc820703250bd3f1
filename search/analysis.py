"""Per-language analyzers: what a passage's words become in the index, and a query's too.

Every analyzer keeps `startchar`/`endchar` on the original text, because highlights are
cut from those offsets; positions count the kept tokens only (stop words removed on both
sides), so a phrase query skips stop words the way the index did.

Choices, measured against Whoosh's own pieces (see shared NOTES.md):

- One tokenizer for all languages: a word is a run of letters and digits, with combining
  marks kept inside it (Python's ``\\w`` splits "Me\\u0301lanie", Hindi and vowelled
  Arabic). Language analyzers keep an apostrophe between letters inside the word, so
  French elision and English possessives are decided by a filter that can move the
  offsets; the neutral analyzer splits at apostrophes instead ("l'Orchestre" gives
  "orchestre", "Andrei's" gives "andrei") because it cannot know which language it reads.
- Underscores and dots separate words: "3.5" is "3" "5" (a phrase query still finds it).
- A one-character token is dropped unless it is a digit ("Part 2" keeps "2"; stray letters
  and initials are noise). A known cost: one-character CJK words are dropped too.
- Folding happens after stemming, because the Snowball stemmers read accents, except for
  English (its stemmer is ASCII-only, so "Andreï" and "Andrei" must meet before it) and
  Russian (the stemmer only needs й, which folding keeps; ё and stress marks go first).
- French strips elided articles and conjunctions (both ' and ’); "aujourd'hui" and
  "quelqu'un" stay one word, without the apostrophe ("aujourdhui"). Italian strips its
  elided articles and prepositions the same way. Any apostrophe left inside a word is
  removed, so "O'Neill" and "O’Neill" meet.
- German maps ae/oe/ue to ä/ö/ü before stemming (Snowball's "German2" variant, except "ue"
  after "q"), so "juedische", "jüdische" and "judische" all stem to "judisch";
  "Straße" and "Strasse" meet because ß becomes ss.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from .backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from whoosh.analysis import (
    Analyzer,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    Token,
    Tokenizer,
)

#: Snowball stemmers (PyStemmer's names) by language code; every other code gets the
#: neutral analyzer.
_SNOWBALL = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
}
STEMMED_LANGS: frozenset[str] = frozenset(_SNOWBALL)

#: Codes langdetect and people use for a language Whoosh knows under another code.
_LANG_ALIASES = {"nb": "no", "nn": "no"}

_APOSTROPHES = "'\u2019\u02bc"
_ALNUM = re.compile(r"[^\W_\u02bc]+")
_WORD = re.compile(r"\w+")
_APOSTROPHE_WORD = re.compile(r"[^\W_\u02bc]+(?:['\u2019\u02bc][^\W_\u02bc]+)*")
_MAYBE_MARK = re.compile("[^\x00-\u02ff\u2000-\u206f\u20a0-\u20cf]")

_FRENCH_ELISIONS = frozenset(
    ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"]
)
# Lucene's Italian elision set, plus quest' and quell'.
_ITALIAN_ELISIONS = frozenset(
    [
        "c",
        "l",
        "all",
        "dall",
        "dell",
        "nell",
        "sull",
        "coll",
        "pell",
        "gl",
        "agl",
        "dagl",
        "degl",
        "negl",
        "sugl",
        "un",
        "m",
        "t",
        "s",
        "v",
        "d",
        "quest",
        "quell",
    ]
)
_ELISIONS = {"fr": _FRENCH_ELISIONS, "it": _ITALIAN_ELISIONS}

#: Snowball's French list lacks the plural article.
_EXTRA_STOPS = {"fr": ("les",)}

#: Stemmers that do not need accents, so folding runs before them (see module docstring).
_FOLD_BEFORE_STEM = frozenset({"en", "ru"})

#: Letters NFKD does not decompose, or (ß) that accent_map would get wrong.
SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
    }
)
_GERMAN_DIGRAPHS = re.compile(r"ae|oe|(?<!q)ue")
_UMLAUTS = {"ae": "ä", "oe": "ö", "ue": "ü"}


def fold(text: str) -> str:
    """Remove accents and diacritics from Latin, Greek and Cyrillic letters, keeping case.

    ß→ss, æ→ae, œ→oe, ø→o, ł→l, đ→d, þ→th happen first (accent_map would turn ß into s);
    NFKD also turns ligatures and full-width forms into plain letters. Cyrillic й keeps its
    breve (й and и are different letters, ё and е are not). Other scripts keep their marks:
    Indic vowel signs and Thai tones are part of the spelling, not accents.
    """
    if text.isascii():  # nothing to fold (every letter SPECIAL_LETTERS maps is beyond ASCII)
        return text
    text = text.translate(SPECIAL_LETTERS)
    return text if text.isascii() else _fold_marks(text)


@lru_cache(maxsize=65536)
def _fold_marks(text: str) -> str:
    """The slow part of `fold`, cached because indexing folds the same words again and again."""
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            european = "A" <= base < "\u0530" or "\u1e00" <= base < "\u2000"
            if european and not (ch == "\u0306" and base in "иИ"):
                continue
        else:
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def word_spans(text: str, apostrophes: bool) -> Iterator[tuple[int, int]]:
    """Start and end of each word: letters and digits, their combining marks, and (if asked)
    single apostrophes between letters.

    One regular expression finds words without marks (``re`` has no class for marks);
    a word followed by a character from U+0300 up, which may be a mark, is extended by
    ``_word_end``, and the matches it swallowed are skipped.
    """
    n = len(text)
    skip = 0
    for match in (_APOSTROPHE_WORD if apostrophes else _ALNUM).finditer(text):
        start, end = match.span()
        if start < skip:
            continue
        if end < n and text[end] >= "\u0300":
            end = skip = _word_end(text, end, apostrophes)
        yield start, end


def unmarked(text: str) -> bool:
    """Whether ``text`` surely holds no combining mark (so a regular expression alone cuts
    it as ``word_spans`` does, and ``word_starts`` may be used): no character from U+0300
    up but general punctuation and currency signs."""
    return _MAYBE_MARK.search(text) is None


def words_of(text: str, apostrophes: bool) -> list[str]:
    """The words ``word_spans`` finds; in an ``unmarked`` text (most) found in C alone, by
    plain ``\\w+``, a quarter faster, when the text has no character that sets the two apart."""
    if not unmarked(text):
        return [text[start:end] for start, end in word_spans(text, apostrophes)]
    if "_" in text or "\u02bc" in text or (apostrophes and ("'" in text or "\u2019" in text)):
        return (_APOSTROPHE_WORD if apostrophes else _ALNUM).findall(text)
    return _WORD.findall(text)


def word_starts(text: str, word: str, apostrophes: bool) -> Iterator[int]:
    """Where ``word`` stands whole in an ``unmarked`` text, as ``word_spans`` cuts it."""

    def letter(i: int) -> bool:
        return 0 <= i < len(text) and text[i].isalnum() and text[i] != "\u02bc"

    def joined(i: int, step: int) -> bool:  # an apostrophe at i with a letter beyond it
        return apostrophes and 0 <= i < len(text) and text[i] in _APOSTROPHES and letter(i + step)

    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if not (letter(start - 1) or joined(start - 1, -1) or letter(end) or joined(end, 1)):
            yield start
        start = text.find(word, start + 1)


def _word_end(text: str, end: int, apostrophes: bool) -> int:
    """Where the word whose letters run to ``end`` ends, marks and apostrophes included."""
    n = len(text)
    while end < n:
        ch = text[end]
        if (ch >= "\u0300" and unicodedata.category(ch)[0] == "M") or (
            apostrophes and ch in _APOSTROPHES and _ALNUM.match(text, end + 1)
        ):  # no mark is below U+0300
            nxt = end + 1
        else:
            break
        more = _ALNUM.match(text, nxt)
        end = more.end() if more else nxt
    return end


class WordTokenizer(Tokenizer):
    """Words as `word_spans` finds them, with Whoosh's usual token attributes.

    Public because index schemas pickle it: renaming it makes old indexes unreadable.
    """

    def __init__(self, apostrophes: bool = True) -> None:
        self.apostrophes = apostrophes

    def __eq__(self, other: object) -> bool:
        return self.__class__ is other.__class__ and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((self.__class__, self.apostrophes))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = word_spans(value, self.apostrophes) if tokenize else [(0, len(value))]
        for pos, (start, end) in enumerate(spans):
            t.text = value[start:end]
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class ApostropheFilter(Filter):
    """Strip elided words ("l'", "qu'") and English possessives ("'s"), then any apostrophe
    left inside the word. Runs before case folding, while the token text still has the
    original's length, so the offsets it moves stay exact."""

    def __init__(self, elisions: frozenset[str] = frozenset(), possessive: bool = False) -> None:
        self.elisions = elisions
        self.possessive = possessive

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            text = t.text
            if "'" in text or "\u2019" in text or "\u02bc" in text:  # _APOSTROPHES
                t.text, head, tail = self._strip(text)
                if t.chars:
                    t.startchar += head
                    t.endchar -= tail
            yield t

    def _strip(self, text: str) -> tuple[str, int, int]:
        """The word without elision, possessive and apostrophes, and how many characters
        were cut from its start and from its end."""
        for a in _APOSTROPHES[1:]:
            text = text.replace(a, "'")
        head, _, rest = text.partition("'")
        cut_head = cut_tail = 0
        if head.lower() in self.elisions:
            text = rest
            cut_head = len(head) + 1
        if self.possessive and text[-2:].lower() == "'s":
            text = text[:-2]
            cut_tail = 2
        return text.replace("'", ""), cut_head, cut_tail

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        for i, text in enumerate(texts):
            if text is not None and ("'" in text or "\u2019" in text or "\u02bc" in text):
                texts[i], head, tail = self._strip(text)
                starts[i] += head
                ends[i] -= tail


class CaseFoldFilter(Filter):
    """str.casefold rather than lower: also ß→ss, final ς→σ and ligatures."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = t.text.casefold()
            yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [None if t is None else t.casefold() for t in texts]


class FoldFilter(Filter):
    """Apply `fold` to each token."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [None if t is None else fold(t) for t in texts]


class GermanDigraphFilter(Filter):
    """ae/oe/ue → ä/ö/ü (not "que"), so spellings without umlauts stem like the real ones."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = _german_digraphs(t.text)
            yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [None if t is None else _german_digraphs(t) for t in texts]


class BritishSpellingFilter(Filter):
    """-ize/-yze and -ise/-yse meet ("ostracized", "ostracised"): press kits are written in
    British English and read by Americans. Only the suffix forms are rewritten, so "size"
    and "prize" are left alone."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if "z" in t.text:
                t.text = _BRITISH.sub(r"\1s\2", t.text)
            yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [_BRITISH.sub(r"\1s\2", t) if t is not None and "z" in t else t for t in texts]


_BRITISH = re.compile(r"(?<=\w{3})([iy])z(e|es|ed|ing|ation|ations|er|ers)$")


def _german_digraphs(text: str) -> str:
    return _GERMAN_DIGRAPHS.sub(lambda m: _UMLAUTS[m.group(0)], text)


class SnowballFilter(Filter):
    """Stem each kept token with Snowball's own C stemmers, through PyStemmer.

    Whoosh's stemmers are a Python port: over the distinct words of the benchmark corpus,
    a word at a time, PyStemmer was an order of magnitude faster in every language, and it
    is the reference the port drifted from (the port stems "added" to "ad", and leaves
    German "abgearbeitet" whole). Public because index schemas pickle it.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stem = _stemmer(self.lang).stemWord
        for t in tokens:
            if not t.stopped:
                t.text = stem(t.text)
            yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        kept = [i for i, t in enumerate(texts) if t is not None]
        stems = _stemmer(self.lang).stemWords([texts[i] for i in kept])
        for i, stem in zip(kept, stems, strict=True):
            texts[i] = stem


@cache
def _stemmer(code: str) -> Any:
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information

    return Stemmer.Stemmer(_SNOWBALL[code])


class DropFilter(Filter):
    """Remove stop words and tokens shorter than `minsize` (digits excepted), renumbering
    positions like Whoosh's StopFilter; with removestops=False (highlighting) mark them."""

    def __init__(self, stops: frozenset[str] = frozenset(), minsize: int = 2) -> None:
        self.stops = stops
        self.minsize = minsize

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        pos = None
        for t in tokens:
            if not self._drops(t.text):
                if t.positions:
                    pos = t.pos if pos is None else pos + 1
                    t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t

    def _drops(self, text: str) -> bool:
        return text in self.stops or (len(text) < self.minsize and not text.isdigit())

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [None if t is None or self._drops(t) else t for t in texts]


def _code(lang: str | None) -> str | None:
    """ "fr", "FR", "fr-CA" and "fr_CA" are French; anything without a stemmer is None."""
    if not lang:
        return None
    code = re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0]
    code = _LANG_ALIASES.get(code, code)
    return code if code in STEMMED_LANGS else None


def known_language(lang: str) -> bool:
    """Whether ``lang`` names a language tutti can tag passages with: one with a stemmer
    (region variants such as ``fr-CA`` included) or one langdetect detects, which gets the
    neutral analyzer. ``analyze --lang`` refuses anything else rather than silently
    analysing "klingon" with the neutral analyzer."""
    code = lang.strip().lower().replace("_", "-")
    if _code(code) is not None:
        return True
    from .lang import detectable_languages

    return code in detectable_languages() or code.split("-", 1)[0] in detectable_languages()


def analyzer(lang: str | None) -> Analyzer:
    """The analyzer for an ISO 639-1 code; None or a language without a stemmer gets the
    neutral one (tokenize, case-fold, fold accents; no stemming, no stop words)."""
    return _build(_code(lang))


@cache
def _build(code: str | None) -> Analyzer:
    """The analyzer for a normalised code (None: neutral), built once per process."""
    if code is None:
        return _Indexing(
            WordTokenizer(apostrophes=False) | CaseFoldFilter() | FoldFilter() | DropFilter()
        )

    from whoosh.lang import has_stopwords, stopwords_for_language

    fold_first = code in _FOLD_BEFORE_STEM
    elisions = _ELISIONS.get(code, frozenset())
    chain = WordTokenizer() | ApostropheFilter(elisions, code == "en") | CaseFoldFilter()
    if fold_first:
        chain = chain | FoldFilter()
    if code == "de":
        chain = chain | GermanDigraphFilter()
    if code == "en":
        chain = chain | BritishSpellingFilter()

    stops = set(stopwords_for_language(code)) if has_stopwords(code) else set()
    stops.update(_EXTRA_STOPS.get(code, ()))
    # Stop words must look like the tokens they are compared with.
    stops = {fold(w.casefold()) if fold_first else w.casefold() for w in stops}
    if code == "de":
        stops = {_german_digraphs(w) for w in stops}
    chain = chain | DropFilter(frozenset(stops)) | SnowballFilter(code)
    return _Indexing(chain if fold_first else chain | FoldFilter())


class _Indexing(CompositeAnalyzer):
    """A chain of `_build`'s with a shortcut for the way the index calls it.

    Through the chain, every token of every passage passes through a generator per filter,
    and every filter works on it again however often the word came before. Indexing (the
    call ``Positions.word_values`` makes: positions, no character offsets, stop words
    removed) needs only each word's term and the positions, and a word's term depends on
    that word alone: each of our filters changes a token on its own, and only `DropFilter`
    looks at the stream, to number the kept tokens. So the shortcut cuts the words as
    `WordTokenizer` does, takes each word's term from a cache, runs the filters' list
    forms (``words``) on the words not seen before, and numbers the kept ones as
    `DropFilter` does. Any call that asks for more (offsets, stop words kept, a start
    position) goes through the chain.

    Pickled as the plain CompositeAnalyzer it extends, so an index's schema names no class
    of this module that it did not name before, and reads back into any version of tutti;
    tests/test_analysis.py compares both ways of analysing on generated text.
    """

    def __init__(self, chain: CompositeAnalyzer) -> None:
        super().__init__(*chain.items)
        steps = _steps(self)
        assert steps is not None, "every filter of _build's chains has a list form"
        self._word_steps = steps
        self._term_of_word: dict[str, str | None] = {}

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return CompositeAnalyzer, tuple(self.items)

    def __call__(self, value: str, no_morph: bool = False, **kwargs: Any) -> Iterator[Token]:
        if no_morph or not kwargs.keys() <= _SHORTCUT:
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return self._indexed(value, kwargs)

    def _indexed(self, value: str, kwargs: dict[str, Any]) -> Iterator[Token]:
        words = words_of(value, self.items[0].apostrophes)
        terms = self._term_of_word
        new = [word for word in dict.fromkeys(words) if word not in terms]
        if new:
            if len(terms) + len(new) > _TERM_CACHE:
                terms.clear()
                new = list(dict.fromkeys(words))
            texts: list[Any] = list(new)
            starts = [0] * len(texts)
            ends = [len(word) for word in new]
            for step in self._word_steps:
                step(texts, starts, ends)
            terms.update(zip(new, texts, strict=True))
        t = Token(**kwargs)
        t.boost = 1.0
        t.stopped = False
        positions = t.positions
        pos = None
        for i, word in enumerate(words):
            term = terms[word]
            if term is not None:
                if positions:
                    pos = i if pos is None else pos + 1
                    t.pos = pos
                t.text = term
                yield t


#: The keywords of the calls `_Indexing` shortcuts: none of them changes a word's term.
_SHORTCUT = frozenset({"positions", "boosts", "mode"})
#: How many words' terms an analyzer keeps before starting over.
_TERM_CACHE = 50_000


_VOCABULARY_WORD = re.compile(r"[^\W\d_]{2,}")


def vocabulary(text: str) -> set[str]:
    """The folded, unstemmed words of a text, as did-you-mean may offer them.

    A regular expression rather than the neutral analyzer: a vocabulary needs no offsets or
    positions, and this runs on every passage indexed.
    """
    return {fold(w.casefold()) for w in set(_VOCABULARY_WORD.findall(text))}


def stop_words(lang: str | None) -> frozenset[str]:
    """The words ``analyzer(lang)`` drops as stop words, as its stop filter compares them."""
    drops = (step for step in analyzer(lang).items if isinstance(step, DropFilter))
    return next((step.stops for step in drops if step.stops), frozenset())


def analyze(text: str, lang: str | None) -> list[str]:
    """The token texts `analyzer(lang)` makes of `text`, for explaining and testing."""
    return [t.text for t in analyzer(lang)(text)]


WordTerm = tuple[str, int, int]
WordTerms = tuple[WordTerm, ...]


def word_terms(ana: Analyzer, words: Sequence[str]) -> dict[str, WordTerms]:
    """The terms ``ana`` makes of each word alone (mode "index"), each with its start and
    end in the word.

    Highlighting analyses every new word of a hit: through the chain, a token object and
    a generator per filter cost more than the filters' work. So a word the tokenizer
    keeps whole goes through the same filters a filter at a time over the whole list
    (``_steps``); the others (a word with a combining mark, or an apostrophe the tokenizer
    splits at) are analysed in one pass, joined by spaces (each of our filters changes a
    token on its own).
    """
    found: dict[str, WordTerms] = {}
    steps = _steps(ana)
    if steps is not None:
        whole = _APOSTROPHE_WORD if ana.items[0].apostrophes else _ALNUM
        simple = [w for w in words if whole.fullmatch(w)]
        texts: list[Any] = list(simple)
        starts = [0] * len(texts)
        ends = [len(w) for w in simple]
        for step in steps:
            step(texts, starts, ends)
        for word, t, a, b in zip(simple, texts, starts, ends, strict=True):
            found[word] = (
                ()
                if t is None
                else ((t, a, b),)
                if type(t) is str
                else tuple((term, a, b) for term in t)
            )
        words = [w for w in words if w not in found]
    if words:
        at = list(accumulate((len(word) + 1 for word in words[:-1]), initial=0))
        joined: dict[str, list[WordTerm]] = {word: [] for word in words}
        for t in ana(" ".join(words), chars=True, mode="index"):
            i = bisect_right(at, t.startchar) - 1
            joined[words[i]].append((t.text, t.startchar - at[i], t.endchar - at[i]))
        found.update((word, tuple(terms)) for word, terms in joined.items())
    return found


def _steps(ana: Analyzer) -> list[Callable[[list[Any], list[int], list[int]], None]] | None:
    """Each filter of ``ana`` as a function over a list of words, or None if one has none.

    A filter's ``words`` changes the list in place: None for a word it drops, and (the
    last filter only) a tuple for a word it makes several terms of.
    """
    items = getattr(ana, "items", None)
    if not items or type(items[0]) is not WordTokenizer:
        return None
    steps = []
    for f in items[1:]:
        step = _lowercase_words if type(f) is LowercaseFilter else getattr(f, "words", None)
        if step is None:
            return None
        steps.append(step)
    return steps


def _lowercase_words(texts: list[str | None], starts: list[int], ends: list[int]) -> None:
    """Whoosh's LowercaseFilter (the names field's) on a list of words."""
    texts[:] = [None if t is None else t.lower() for t in texts]
