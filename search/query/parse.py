"""Parsing: query text to a Whoosh query tree, ready to run.

Each word of a query is read with the analyzer of every language in play, so "musiciens
juifs" is stemmed as French against French passages and as English against English ones.
The name-key field makes a name match in every language and script; it is boosted lowest
so that an exact spelling ranks above a transliterated one. The tree is then rewritten
(exclusions per group, stop words of one language, phrases on fields without positions)
and pruned of terms no passage holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from ..backend.whoosh.queries import Admitted, AndQuery, PhraseQuery, TermQuery
from ..errors import QueryError
from ..schema import field_lang, text_field

#: Field boosts for BM25F: the answer itself first, then the prompt, then the name-key
#: field (so an exact spelling ranks above a transliteration).
TEXT_BOOST = 1.0
QUESTION_BOOST = 0.45
NAMES_BOOST = 0.3


def _fields(langs: Iterable[str], filled: dict[str, int] | None = None) -> dict[str, float]:
    """Fields a query searches, with their boosts: the text and prompt fields of ``langs``,
    and the name keys. With ``filled`` (passages per field), fields no passage fills are
    left out: each costs a parse and a lookup per query word, for nothing."""
    boosts: dict[str, float] = {"names": NAMES_BOOST}
    for lang in sorted({field_lang(lang) for lang in langs}):
        for name, boost in ((f"text_{lang}", TEXT_BOOST), (f"question_{lang}", QUESTION_BOOST)):
            if filled is None or filled.get(name, 0) > 0:
                boosts[name] = boost
    return boosts


def make_parser(
    schema: Any, langs: Iterable[str], filled: dict[str, int] | None = None
) -> QueryParser:
    """The parser for queries in ``langs``; with ``filled`` (passages per field), fields no
    passage fills are left out."""
    return QueryParser(schema, langs, filled)


class QueryParser:
    """How a query is read in the languages asked: the fields it searches, with their
    boosts, and each field's reading of a word.

    The commonest queries are built here (``quick_parse``), each word analysed once per
    analyser rather than once per field (a language's text and prompt fields share
    theirs), and the analyses kept, since a batch repeats its words. Any other query goes
    to Whoosh's parser, built on first need: importing and building it took a few
    milliseconds of every one-query process.
    """

    termclass = TermQuery
    phraseclass = PhraseQuery
    #: Analyses kept (one per word and analyser); past it they are forgotten.
    LIMIT = 100_000

    def __init__(
        self, schema: Any, langs: Iterable[str], filled: dict[str, int] | None = None
    ) -> None:
        langs = sorted(set(langs))
        self.schema = schema
        self.boosts = _fields(langs, filled)
        self.fields = list(self.boosts)
        # The languages asked, as stored, by the text field they fill (a language without
        # a field of its own shares the neutral one): a word that is a stop word in one
        # of them must not empty an AND there (``_stop_words_neutral``).
        self.codes: dict[str, list[str]] = {}
        for lang in langs:
            if text_field(lang) in self.boosts:
                self.codes.setdefault(text_field(lang), []).append(lang)
        self._whoosh: Any = None
        self._analysed: dict[tuple[int, str], list[str]] = {}
        # Whether a word is a stop word in a language asked (``stop_word``), by word.
        self._stopped: dict[str, bool] = {}

    @property
    def whoosh(self) -> Any:
        """Whoosh's parser over the same fields, for the full query syntax."""
        if self._whoosh is None:
            from whoosh import qparser

            # No coordination bonus (OrGroup.factory(scale)): BM25's saturating term
            # frequency already ranks a passage with both words above one with one word
            # many times, and Whoosh's CoordMatcher walks the matcher tree again for
            # every matching passage.
            parser = _multifield_parser()(
                self,
                None,
                self.schema,
                group=qparser.OrGroup,
                termclass=self.termclass,
                phraseclass=self.phraseclass,
            )
            # (what qparser.MultifieldParser makes, but of our class)
            parser.add_plugin(qparser.MultifieldPlugin(self.fields, fieldboosts=self.boosts))
            parser.remove_plugin_class(qparser.FieldsPlugin)  # "Note: x" is text, not a field
            parser.add_plugin(qparser.FuzzyTermPlugin())
            self._whoosh = parser
        return self._whoosh

    def parse(self, text: str) -> Any:
        """Whoosh's reading of ``text``, with the whole syntax."""
        return self.whoosh.parse(text)

    def term_query(self, fieldname: str, word: str, boost: float) -> Any:
        """What Whoosh's ``term_query`` makes of one word in one field: a term, an OR of
        the terms the analyser split it into, or None for a stop word (in the name keys,
        a ``StopKey``: ``stop_word``)."""
        field = self.schema[fieldname]
        if field.self_parsing() or field.multitoken_query != "default":
            return self.whoosh.term_query(fieldname, word, self.termclass, boost=boost)
        texts = self._analyses(fieldname, word)
        if len(texts) == 1:
            if fieldname == "names" and self.stop_word(word, texts[0]):
                return StopKey(fieldname, texts[0], boost=boost)
            return self.termclass(fieldname, texts[0], boost=boost)
        if not texts:
            return None
        from whoosh.query import Or  # the OR group's class, as the parser's

        return Or([self.termclass(fieldname, t, boost=boost) for t in texts])

    def _analyses(self, fieldname: str, word: str) -> list[str]:
        """The terms ``fieldname``'s analyser makes of ``word`` as a query, kept per
        analyser (a language's text and prompt fields share one)."""
        field = self.schema[fieldname]
        key = (id(field.analyzer), word)
        texts = self._analysed.get(key)
        if texts is None:
            if len(self._analysed) >= self.LIMIT:
                self._analysed.clear()
            texts = self._analysed[key] = list(
                field.process_text(word, mode="query", tokenize=True, removestops=True)
            )
        return texts

    def stop_word(self, word: str, key: str) -> bool:
        """Is ``word`` (of name key ``key``) a stop word in a language asked: one whose
        text field drops it, and whose stop words have that key? Such a word is not looked
        up in the name keys, where a capitalised "The" or "And" opening a sentence is
        keyed like a name: "the" found every English passage that opens a sentence with
        it, though English drops the word (README: a query of one language's stop words
        finds nothing in that language). Its key stays in the query as a ``StopKey``,
        matching nothing, for an AND to look the word up in the ``stops`` field
        (``_stop_words_neutral``). Known once per word: a dictionary lookup after."""
        stopped = self._stopped.get(word)
        if stopped is None:
            # (the analyses first: the text fields need them anyway, and the stop words'
            # keys cost a one-query process milliseconds, so only a dropped word reads them)
            stopped = any(not self._analyses(name, word) for name in self.codes) and (
                key in self._stop_word_keys()
            )
            if len(self._stopped) >= self.LIMIT:
                self._stopped.clear()
            self._stopped[word] = stopped
        return stopped

    def _stop_word_keys(self) -> frozenset[str]:
        """The name keys of the stop words of the languages asked."""
        from ..names import stop_word_keys_of

        return stop_word_keys_of(tuple(sorted({c for group in self.codes.values() for c in group})))


class StopKey(TermQuery):
    """The name key of a word that is a stop word in a language asked
    (``QueryParser.stop_word``): it matches nothing, and ``prune`` drops it. It is kept
    in the parsed query only so that an AND holding the word can look it up in the
    ``stops`` field of the languages that drop it (``_stop_words_neutral``)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        from whoosh.matching import NullMatcher

        return NullMatcher()

    def estimate_size(self, ixreader: Any) -> int:
        return 0

    def has_terms(self) -> bool:
        return False


def _multifield_parser() -> Any:
    """Whoosh's query parser, reading a stop word's name key as ``term_query`` does (a
    ``StopKey``), so both readings of a query agree."""
    from whoosh import qparser

    class Parser(qparser.QueryParser):
        def __init__(self, owner: QueryParser, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.owner = owner

        def term_query(
            self,
            fieldname: str,
            text: str,
            termclass: Any,
            boost: float = 1.0,
            tokenize: bool = True,
            removestops: bool = True,
        ) -> Any:
            q = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
            if fieldname == "names" and type(q) is termclass and self.owner.stop_word(text, q.text):
                return StopKey(fieldname, q.text, boost=q.boost)
            return q

    return Parser


def plain_words(text: str) -> str:
    """The query's words alone, for a query whose syntax could not be parsed."""
    return " ".join(re.findall(r"\w[\w'’-]*", text))


def parse(parser: QueryParser, text: str) -> Any:
    """Parse with the full syntax, falling back to the plain words; never a traceback.

    Before Whoosh reads the text, a leading ``-`` becomes ``NOT`` and a run of ``NOT``s
    cancels in pairs (``normalise_operators``). After it, an exclusion applies to the
    group it stands in (``exclusions``: Whoosh's default OR group would otherwise OR the
    NOT in, so ``concert NOT violin`` matched every passage without "violin"), and a word
    that one language drops as a stop word no longer empties an AND in that language
    (``_stop_words_neutral``).
    """
    if not text.strip():
        raise QueryError("empty query: give some words to search for")
    written = normalise_operators(text)
    if not has_words(written):
        raise QueryError(f"cannot search for {text!r}: it has no words")
    try:
        q = quick_parse(parser, written)
        if q is None:
            q = parser.parse(written)
    except Exception:  # noqa: BLE001  (Whoosh's parser raises assorted errors on odd syntax)
        q = None
    if q is None or _is_null(q):
        words = plain_words(written)
        if not words:
            raise QueryError(f"cannot search for {text!r}: it has no words")
        if words != written:
            try:
                q = parser.parse(words)
            except Exception as err:
                raise QueryError(f"cannot parse query {text!r}: {err}") from err
    if q is None:
        raise QueryError(f"cannot parse query {text!r}")
    return _rewrite(_stop_words_neutral(exclusions(q), parser), parser.schema)


#: A query token: a quoted phrase (even an unclosed one), or a run of other characters.
_QUERY_TOKEN = re.compile(r'-*"[^"]*"?|[^\s"]+')

#: A minus that excludes: at the start of a token or after an opening parenthesis, and
#: followed by a word, a quote or a parenthesis.
_MINUS = re.compile(r'(?:^|(?<=\())-+(?=[\w"(])')


#: A question's mark, not a wildcard: after a word ("violin?", "(violin?)") or alone, as
#: French sets it ("le violon ?"). Inside a word ("wom?n") it still stands for one letter.
_QUESTION_MARK = re.compile(r"(?:(?<=\w)|^)\?+(?=\)*$)")


def has_words(written: str) -> bool:
    """Does a query (``normalise_operators``'s) hold anything but operators and brackets
    ("AND", "OR NOT", "( AND )", "NOT -", "NOT (-)" hold nothing to search for)? A run of
    minus signs alone is an exclusion's sign with nothing to exclude, not a word."""
    bare = written.replace("(", " ").replace(")", " ").split()
    return any(token not in _CONNECTIVES and token.strip("-") for token in bare)


def normalise_operators(text: str) -> str:
    """``-word`` as ``NOT word`` (a hyphen inside a word, "Miou-Miou", stays), and each run
    of ``NOT`` reduced to one or none, since two NOTs cancel: ``NOT NOT violin`` is
    ``violin``. Quoted phrases pass untouched, and an empty one (``""``) is dropped. A
    question mark ending a word is the question's, not a wildcard (``_QUESTION_MARK``).
    A NOT that ends the query, with nothing to exclude, is dropped."""
    tokens: list[str] = []
    for match in _QUERY_TOKEN.finditer(text):
        token = match.group()
        if '"' in token and not re.search(r"\w", token):
            continue  # an empty phrase holds nothing to find
        if token[0] == "-" and token.lstrip("-")[:1] == '"':
            tokens += ["NOT", token.lstrip("-")]  # a phrase excluded
        elif token[0] != '"':
            token = _QUESTION_MARK.sub("", token)
            tokens += _MINUS.sub("NOT ", token).split()
        else:
            tokens.append(token)
    out: list[str] = []
    negations = 0
    for token in tokens:
        if token == "NOT":
            negations += 1
            continue
        if negations % 2:
            out.append("NOT")
        negations = 0
        out.append(token)
    return " ".join(out)


def exclusions(q: Any) -> Any:
    """Each OR or AND group holding ``NOT x`` beside positive clauses becomes "the positive
    clauses, AND NOT any x" (``AndNot``): an exclusion excludes from its group. A group
    of exclusions alone is left as Whoosh reads it (every passage without them)."""
    from whoosh.query import And, AndNot, Not, Or

    if not _holds(q, (Not,)):
        return q

    def fix(node: Any) -> Any:
        kind = type(node)
        if kind is not Or and kind is not And:
            return node
        negative = [sub.query for sub in node.subqueries if type(sub) is Not]
        positive = [sub for sub in node.subqueries if type(sub) is not Not]
        if not negative or not positive:
            return node
        kept = positive[0] if len(positive) == 1 else kind(positive)
        excluded = negative[0] if len(negative) == 1 else Or(negative)
        out = AndNot(kept, excluded)
        return out if node.boost == 1.0 else And([out], boost=node.boost)

    return q.accept(fix)


def _stop_words_neutral(q: Any, parser: QueryParser) -> Any:
    """A conjunct that a language's analyzer reduced to nothing (a stop word there:
    "einmal" and "haben" are German stop words, not English ones) matches every passage
    of that language, scoring nothing, as Whoosh does when every field drops a word.

    The parser asks each word of every language field in play. A stop word in one
    language only keeps its terms in the other fields, so "irrtum AND einmal" required
    "einmal" in a field no German passage fills: no German passage could match. Here a
    clause's missing text fields tell the languages it is void in; inside an AND (or the
    kept side of an AND NOT) the clause also admits those languages' passages, unless
    every clause of the AND is void there (then the AND is, as a whole, for its parent).
    """
    from whoosh.query import And, AndMaybe, AndNot, Or, Term

    codes = parser.codes
    texts = frozenset(codes)
    if not texts or not _holds(q, (And, AndQuery)):
        return q

    def void(node: Any) -> frozenset[str]:
        """The text fields in which ``node`` matches nothing because of stop words."""
        kind = type(node)
        if kind is Admitted:  # a clause admitted here: void but where admitted
            return frozenset(
                texts
                - {text_field(leaf.text) for leaf in node.leaves() if leaf.fieldname == "lang"}
            )
        if (kind is Or and all(_is_leaf(sub) for sub in node.subqueries)) or _is_leaf(node):
            present = {getattr(leaf, "fieldname", None) for leaf in node.leaves()}
            return frozenset(texts - present)
        if kind in (Or, And, AndQuery):
            subs = [void(sub) for sub in node.subqueries]
            return frozenset.intersection(*subs) if subs else frozenset()
        if kind in (AndNot, AndMaybe):
            return void(node.a)
        return frozenset()

    def admit(node: Any, missing: frozenset[str]) -> Any:
        extra = [code for f in sorted(missing) for code in codes.get(f, ())]
        if not extra:
            return node
        everyone = Or([Term("lang", code) for code in extra])
        # One word's clause: its passages must hold the word, looked up by name key in
        # the stops field. A clause of several words (all stop words there) is left out
        # there, as Whoosh leaves out a stop word; so is a word too short for a name key.
        one_word = type(node) is not Or or all(_is_leaf(sub) for sub in node.subqueries)
        # (a phrase's leaf has words, no text: a phrase is several words, left out there)
        keys = sorted(
            {leaf.text for leaf in node.leaves() if leaf.fieldname == "names" and _is_term(leaf)}
        )
        if one_word and keys:
            holding = Or([Term("stops", key) for key in keys])
            return Or([node, Admitted(And([everyone, holding]))])
        return Or([node, Admitted(everyone)])

    def fix(node: Any) -> Any:
        kind = type(node)
        if kind is And or kind is AndQuery:
            holes = [void(sub) for sub in node.subqueries]
            shared = frozenset.intersection(*holes) if holes else frozenset()
            if all(hole == shared for hole in holes):
                return node
            return kind(
                [
                    admit(sub, hole - shared)
                    for sub, hole in zip(node.subqueries, holes, strict=True)
                ],
                boost=node.boost,
            )
        return node

    return q.accept(fix)


def _is_term(node: Any) -> bool:
    return hasattr(node, "text") and not hasattr(node, "words")


def _is_leaf(node: Any) -> bool:
    return next(iter(node.children()), None) is None


_PLAIN_WORD = re.compile(r"[^\W_]+")

_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
#: The operators that join words ("TO" is one only inside a range, else the word "to").
_CONNECTIVES = _OPERATORS - {"TO"}


def quick_parse(parser: QueryParser, text: str) -> Any:
    """What ``parser.parse(text)`` gives, built directly for the three commonest shapes of
    query, or None for any other: plain words ("ultimate harmony"), one quoted phrase of
    plain words, and plain words joined by AND.

    Whoosh's parser tags the text with a dozen plugins' regular expressions, filters the
    nodes through as many passes, and copies each word once per field: a large part of a
    query. Here each word becomes what the parser's own ``term_query`` (or its
    phrase node) makes of it in each field, grouped as the parser groups them, and
    normalised as it normalises them (tests/test_query.py compares the two).
    """
    from whoosh.query import And, Or

    words = text.split()
    if not words:
        return None
    fields, boosts = parser.fields, parser.boosts
    if len(words) > 2 and len(words) % 2 and all(w == "AND" for w in words[1::2]):
        operands, group = words[::2], And
    elif text[:1] == '"' == text[-1:] and text.count('"') == 2 and len(text) > 2:
        inner = text[1:-1]
        if not all(_PLAIN_WORD.fullmatch(w) for w in inner.split()):
            return None
        # (a phrase normalises itself: of one word it is a term, of none NullQuery)
        phrases = [_phrase(parser, f, inner, boosts.get(f, 1.0)).normalize() for f in fields]
        return _normalized(Or, phrases)
    else:
        operands, group = words, Or
    if not all(_PLAIN_WORD.fullmatch(w) and w not in _OPERATORS for w in operands):
        return None
    clauses = []
    for word in operands:
        terms = [parser.term_query(f, word, boosts.get(f, 1.0)) for f in fields]
        clauses.append(_normalized(Or, [t for t in terms if t is not None]))
    return _normalized(group, clauses)


def _normalized(kind: Any, nodes: list[Any]) -> Any:
    """``kind(nodes).normalize()`` for an OR or AND of boost 1 over normalised terms,
    phrases, ORs of boost 1 and NullQuery, as Whoosh normalises it (ORs in an OR
    flattened, duplicates and NullQuery dropped, a single node on its own) without its
    copy of every node: copying was most of the cost of a quick parse. The outer OR the
    parser puts around an AND changes nothing of it, normalised."""
    from whoosh.query import NullQuery

    out: list[Any] = []
    seen: set[Any] = set()

    def add(node: Any) -> None:
        if type(node) is kind:
            for sub in node.subqueries:
                add(sub)
        elif node is not NullQuery and node not in seen:
            seen.add(node)
            out.append(node)

    for node in nodes:
        add(node)
    if not out:
        return NullQuery
    return out[0] if len(out) == 1 else kind(out)


def _phrase(parser: QueryParser, fieldname: str, inner: str, boost: float) -> Any:
    """The phrase query the parser's phrase node makes of ``"inner"`` in one field."""
    tokens = parser.schema[fieldname].tokenize(inner, mode="query", chars=True)
    words, ranges = [], []
    for t in tokens:
        words.append(t.text)
        ranges.append((1 + t.startchar, 1 + t.endchar))
    return parser.phraseclass(fieldname, words, slop=1, boost=boost, char_ranges=ranges)


def _rewrite(q: Any, schema: Any) -> Any:
    """A phrase cannot run on a field without positions (names): there it becomes an AND
    of its words. An AND becomes ``AndQuery``, and a phrase of Whoosh's ``PhraseQuery``
    (the parser makes ours): both build matchers the collector reads whole without
    walking them first. (Rewriting copies the whole query, so a query without either is
    returned as it is.)"""
    from whoosh.query import And, Phrase

    def fix(node: Any) -> Any:
        kind = type(node)
        if kind is And:
            return AndQuery(node.subqueries, boost=node.boost)
        if (kind is not Phrase and kind is not PhraseQuery) or node.fieldname not in schema:
            return node
        if not schema[node.fieldname].format.supports("positions"):
            return AndQuery([TermQuery(node.fieldname, w) for w in node.words], boost=node.boost)
        if kind is PhraseQuery:
            return node
        return PhraseQuery(
            node.fieldname,
            node.words,
            slop=node.slop,
            boost=node.boost,
            char_ranges=node.char_ranges,
        )

    return q.accept(fix) if _holds(q, (And, Phrase, PhraseQuery)) else q


def _holds(q: Any, kinds: tuple[type, ...]) -> bool:
    """Whether any node of ``q`` is of one of ``kinds`` (a rewrite copies the whole
    query, so one with nothing to rewrite is left as it is)."""
    return any(type(node) in kinds for node in _nodes(q))


def _nodes(q: Any) -> Iterator[Any]:
    """Every node of a query, itself first."""
    yield q
    for child in q.children():
        yield from _nodes(child)


class DocFrequencies:
    """How many passages hold a term, per field, as one open searcher counts them; kept,
    since a query word's fields (one per language in the index) are looked up on every
    query that holds it, each lookup through Whoosh's reader layers, per segment."""

    LIMIT = 100_000

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self._known: dict[tuple[str, Any], int] = {}

    def __call__(self, fieldname: str, text: Any) -> int:
        key = (fieldname, text)
        n = self._known.get(key)
        if n is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            schema = self.searcher.schema
            n = self.searcher.doc_frequency(fieldname, text) if fieldname in schema else 0
            self._known[key] = n
        return n


def prune(q: Any, df: DocFrequencies) -> Any:
    """``q`` without the words no passage holds in the field asked.

    A query word is asked of the name keys and the text field of every language in the
    index, including languages langdetect gave only a handful of passages. Most of those
    terms are in no passage, and each still cost a matcher per segment. An OR drops such a term (it adds nothing to any score);
    an AND, a phrase, or the positive side of AND NOT that needs one matches nothing; a
    NOT of nothing excludes nothing. Any other node is kept as it is, and so is an OR
    with a boost that would be left with one clause (Whoosh ignores the boost of a
    single-clause OR).
    """
    from whoosh.query import And, AndMaybe, AndNot, Not, NullQuery, Or, Term

    def cut(node: Any) -> Any:
        kind = type(node)
        if kind is TermQuery or kind is Term:
            return node if df(node.fieldname, node.text) else NullQuery
        if kind is StopKey:  # (an AND's stop word, looked up in ``stops`` by now)
            return NullQuery
        if kind is PhraseQuery:
            return node if all(df(node.fieldname, w) for w in node.words) else NullQuery
        if kind is Or:
            kept = [k for k in map(cut, node.subqueries) if k is not NullQuery]
            if not kept:
                return NullQuery
            if len(kept) == 1 and node.boost == 1.0:
                return kept[0]
            return (
                Or(kept, boost=node.boost, minmatch=node.minmatch, scale=node.scale)
                if len(kept) > 1
                else node
            )
        if kind is And or kind is AndQuery:
            subs = [cut(sub) for sub in node.subqueries]
            return NullQuery if NullQuery in subs else kind(subs, boost=node.boost)
        if kind is Not:  # (of nothing, it matches every passage, as before)
            return Not(cut(node.query), boost=node.boost)
        if kind is AndNot or kind is AndMaybe:
            a, b = cut(node.a), cut(node.b)
            if a is NullQuery:
                return NullQuery
            return a if b is NullQuery else kind(a, b)
        return node

    return cut(q)


def _is_null(q: Any) -> bool:
    from whoosh.query import NullQuery

    return q is NullQuery or type(q).__name__ == "_NullQuery"
