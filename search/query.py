"""Querying: parsing per language, filters, BM25F ranking, highlights, snippets, facets.

A query is parsed once per language field in play, each time with that language's
analyzer, so "musiciens juifs" is stemmed as French against French passages and as English
against English ones. The name-key field makes a name match in every language and script;
it is boosted lowest so that an exact spelling ranks above a transliterated one.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from whoosh.query import ConstantScoreQuery

from .analysis import WordTerms, word_terms
from .backend.whoosh.scoring import AndQuery, PhraseQuery, TermQuery, TopPassages
from .errors import READ_ERRORS, IndexDamaged, QueryError, UnknownName, reading_index
from .model import Hit, Passage, Span
from .schema import field_lang, passage_from_body, question_field, text_field

#: Field boosts for BM25F: the answer itself first, then the prompt, then the name-key
#: field (so an exact spelling ranks above a transliteration).
TEXT_BOOST = 1.0
QUESTION_BOOST = 0.45
NAMES_BOOST = 0.3
SNIPPET_CHARS = 240


@dataclass
class Filters:
    """Resolved filters: exact stored values."""

    speakers: list[str] | None = None
    langs: list[str] | None = None
    sources: list[str] | None = None
    kinds: list[str] | None = None
    roles: list[str] | None = None
    #: passages without a speaker (narration) pass the speaker filter too
    narration: bool = False
    #: how a filter value was read, for the user ("'Filipov' is the character ... plays")
    notes: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int  # every match, not just the page
    suggestion: str | None = None
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # Filters.notes of the search


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


def make_parser(schema: Any, langs: Iterable[str], filled: dict[str, int] | None = None) -> Any:
    from whoosh import qparser

    boosts = _fields(langs, filled)
    # No coordination bonus (OrGroup.factory(scale)): BM25's saturating term frequency
    # already ranks a passage with both words above one with one word many times, and
    # Whoosh's CoordMatcher walks the matcher tree again for every matching passage.
    parser = qparser.MultifieldParser(
        list(boosts),
        schema,
        fieldboosts=boosts,
        group=qparser.OrGroup,
        termclass=TermQuery,
        phraseclass=PhraseQuery,
    )
    parser.remove_plugin_class(qparser.FieldsPlugin)  # "Note: x" is text, not a field
    parser.add_plugin(qparser.FuzzyTermPlugin())
    # The languages asked, as stored, by the text field they fill (a language without a
    # field of its own shares the neutral one): a word that is a stop word in one of them
    # must not empty an AND there (``_stop_words_neutral``).
    codes: dict[str, list[str]] = {}
    for lang in sorted(set(langs)):
        if text_field(lang) in boosts:
            codes.setdefault(text_field(lang), []).append(lang)
    parser.tutti_codes = codes
    return parser


def plain_words(text: str) -> str:
    """The query's words alone, for a query whose syntax could not be parsed."""
    return " ".join(re.findall(r"\w[\w'’-]*", text))


def parse(parser: Any, text: str) -> Any:
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
    if not written:
        raise QueryError(f"cannot search for {text!r}: it has no words")
    try:
        q = quick_parse(parser, written)
        if q is None:
            q = parser.parse(written)
    except Exception:  # Whoosh's parser raises assorted errors on odd syntax
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


def normalise_operators(text: str) -> str:
    """``-word`` as ``NOT word`` (a hyphen inside a word, "Miou-Miou", stays), and each run
    of ``NOT`` reduced to one or none, since two NOTs cancel: ``NOT NOT violin`` is
    ``violin``. Quoted phrases pass untouched. A NOT that ends the query, with nothing to
    exclude, is dropped."""
    tokens: list[str] = []
    for match in _QUERY_TOKEN.finditer(text):
        token = match.group()
        if token[0] == "-" and token.lstrip("-")[:1] == '"':
            tokens += ["NOT", token.lstrip("-")]  # a phrase excluded
        elif token[0] != '"':
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


def _stop_words_neutral(q: Any, parser: Any) -> Any:
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

    codes: dict[str, list[str]] = getattr(parser, "tutti_codes", {})
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
        # One word's clause: its passages must hold the word. A clause of several words
        # (all stop words there) is left out there, as Whoosh leaves out a stop word.
        one_word = type(node) is not Or or all(_is_leaf(sub) for sub in node.subqueries)
        keys = (
            frozenset(leaf.text for leaf in node.leaves() if leaf.fieldname == "names")
            if one_word
            else frozenset()
        )
        return Or([node, Admitted(everyone, keys=keys)])

    def fix(node: Any) -> Any:
        kind = type(node)
        if kind is And or kind is AndQuery:
            holes = [void(sub) for sub in node.subqueries]
            shared = frozenset.intersection(*holes) if holes else frozenset()
            if all(hole == shared for hole in holes):
                return node
            return kind(
                [admit(sub, hole - shared) for sub, hole in zip(node.subqueries, holes)],
                boost=node.boost,
            )
        return node

    return q.accept(fix)


class Admitted(ConstantScoreQuery):  # type: ignore[misc]
    """Every passage of some languages, scoring nothing: what a stop word of theirs
    leaves of an AND's clause. ``keys`` are the name keys of that word: a passage let in
    here must hold it (``stop_word_filter``), since its language's field does not.
    (Its own class so that copies keep the zero score and the keys: Whoosh rebuilds a
    wrapper from its child alone.)"""

    def __init__(self, child: Any, score: float = 0.0, keys: frozenset[str] = frozenset()) -> None:
        super().__init__(child, score=score)
        self.keys = keys

    def _rewrap(self, child: Any) -> Admitted:
        return Admitted(child, self.score, self.keys)

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and self.keys == getattr(other, "keys", None)

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(self.keys)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        # A ListMatcher reads a zero weight as "no weight" and scores 1: scale instead.
        from whoosh.matching import NullMatcherClass, WrappingMatcher

        m = super().matcher(searcher, context)
        return m if isinstance(m, NullMatcherClass) else WrappingMatcher(m, boost=0.0)


def _is_leaf(node: Any) -> bool:
    return next(iter(node.children()), None) is None


_PLAIN_WORD = re.compile(r"[^\W_]+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def quick_parse(parser: Any, text: str) -> Any:
    """What ``parser.parse(text)`` gives, built directly for the three commonest shapes of
    query, or None for any other: plain words ("ultimate harmony"), one quoted phrase of
    plain words, and plain words joined by AND.

    Whoosh's parser tags the text with a dozen plugins' regular expressions, filters the
    nodes through as many passes, and copies each word once per field: 0.7 ms of a query
    at 80k passages. Here each word becomes what the parser's own ``term_query`` (or its
    phrase node) makes of it in each field, grouped as the parser groups them, and
    normalised as it normalises them (tests/test_query.py compares the two).
    """
    from whoosh import qparser
    from whoosh.query import And, Or

    words = text.split()
    plugin = next((p for p in parser.plugins if isinstance(p, qparser.MultifieldPlugin)), None)
    if plugin is None or not words:
        return None
    fields, boosts = plugin.fieldnames, plugin.boosts
    if len(words) > 2 and len(words) % 2 and all(w == "AND" for w in words[1::2]):
        operands, group = words[::2], And
    elif text[:1] == '"' == text[-1:] and text.count('"') == 2 and len(text) > 2:
        inner = text[1:-1]
        if not all(_PLAIN_WORD.fullmatch(w) for w in inner.split()):
            return None
        return Or([Or([_phrase(parser, f, inner, boosts.get(f, 1.0)) for f in fields])]).normalize()
    else:
        operands, group = words, Or
    if not all(_PLAIN_WORD.fullmatch(w) and w not in _OPERATORS for w in operands):
        return None
    clauses = []
    for word in operands:
        terms = [
            parser.term_query(f, word, parser.termclass, boost=boosts.get(f, 1.0)) for f in fields
        ]
        clauses.append(Or([t for t in terms if t is not None]))
    q = group(clauses)
    return (Or([q]) if group is And else q).normalize()


def _phrase(parser: Any, fieldname: str, inner: str, boost: float) -> Any:
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


class DocFrequencies:
    """How many passages hold a term, per field, as one open searcher counts them; kept,
    since a query word's 13 fields are looked up on every query that holds it (a lookup
    through Whoosh's reader layers costs several microseconds a segment)."""

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
    index: 13 fields in the benchmark's index, where langdetect put a handful of passages
    in Danish or Hungarian. Seven in ten of those terms are in no passage, and each still
    cost a matcher per segment. An OR drops such a term (it adds nothing to any score);
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


def filter_query(filters: Filters) -> Any:
    from whoosh.query import And, Every, Not, Or, Term

    parts = []
    for name, values in (
        ("speaker", filters.speakers),
        ("lang", filters.langs),
        ("source", filters.sources),
        ("kind", filters.kinds),
        ("role", filters.roles),
    ):
        if values is not None:
            options = [Term(name, v) for v in values]
            if name == "speaker" and filters.narration:
                options.append(Not(Every("speaker")))
            parts.append(Or(options))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def _query_terms(q: Any, reader: Any) -> dict[str, set[str]]:
    """Indexed terms each field matched, with prefixes and fuzzy terms expanded.

    Walks the leaves itself: Whoosh's ``Query.existing_terms`` keeps only the first
    field's terms of a multi-field query.
    """
    from whoosh.query import MultiTerm

    out: dict[str, set[str]] = {}
    for leaf in q.leaves():
        try:
            # A prefix or wildcard says it has no terms (it has patterns), but it expands
            # to the indexed terms it matched, which are what a hit must highlight.
            expands = leaf.has_terms() or isinstance(leaf, MultiTerm)
            pairs = list(leaf.expanded_terms(reader)) if expands else []
        except Exception:
            continue
        for fieldname, text in pairs:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            if (fieldname, text) in reader:
                out.setdefault(fieldname, set()).add(text)
    return out


def highlight_spans(
    passage: Passage,
    terms: dict[str, set[str]],
    schema: Any,
    counts: dict[str, dict[str, float]] | None = None,
) -> list[Span]:
    """Character spans of the passage's words that matched, merged and sorted.

    ``counts`` (``term_counts``), when given, says how often each term occurs in this
    passage's fields: a term it lacks is not looked for, and one whose every occurrence
    is found among the spellings already known needs no reading of the whole text. The
    name-key pass (which finds "Tchaikovsky" for a query "Tschaikowski") runs only when
    the words the passage's own language field highlighted do not account for every name
    key the query matched.
    """
    spans: set[tuple[int, int]] = set()
    text_name = f"text_{field_lang(passage.lang)}"
    for fieldname in (text_name, "names"):
        wanted = terms.get(fieldname)
        found = counts.get(fieldname, {}) if counts is not None else None
        if wanted and found is not None:
            wanted = wanted & found.keys()
        if not wanted or fieldname not in schema:
            continue
        if fieldname == "names":
            covered = set().union(*(_span_keys(passage.text[a:b]) for a, b in spans))
            if wanted <= covered:
                continue
            keyed = set(_matching_spans(passage.text, schema[fieldname].analyzer, wanted, found))
            spans.update(
                _not_lone_stop_words(
                    passage.text,
                    keyed,
                    spans,
                    schema[text_name].analyzer if text_name in schema else None,
                )
            )
            continue
        spans.update(_matching_spans(passage.text, schema[fieldname].analyzer, wanted, found))
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Span(start, end))
    return merged


def _not_lone_stop_words(
    text: str, keyed: set[tuple[int, int]], found: set[tuple[int, int]], analyzer: Any
) -> Iterator[tuple[int, int]]:
    """The name-key matches worth highlighting. The name keys of a phrase's stop words
    ("the" of "the concert", from a capitalised "The") match every "The" of a text; such a
    word is highlighted only beside another highlighted word (the phrase it belongs to),
    not on its own. A stop word is one the passage's language analyzer drops."""
    if analyzer is None:
        yield from keyed
        return

    def stop(span: tuple[int, int]) -> bool:
        return not any(True for _ in analyzer(text[span[0] : span[1]]))

    content = found | {span for span in keyed if not stop(span)}
    for span in keyed:
        if span in content or any(_beside(text, span, other) for other in content):
            yield span


def _beside(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans are neighbouring words (only a little white space between)."""
    gap = text[a[1] : b[0]] if a[1] <= b[0] else text[b[1] : a[0]] if b[1] <= a[0] else None
    return gap is not None and len(gap) <= 2 and not gap.strip()


def question_spans(passage: Passage, terms: dict[str, set[str]], schema: Any) -> list[Span]:
    """Character spans of the words of the passage's question (the prompt it answers)
    that matched: a hit may be found by its question alone."""
    fieldname = question_field(passage.lang)
    wanted = terms.get(fieldname)
    if not passage.question or not wanted or fieldname not in schema:
        return []
    spans = sorted(set(_matching_spans(passage.question, schema[fieldname].analyzer, wanted)))
    return [Span(start, end) for start, end in spans]


def term_counts(
    reader: Any, wanted: dict[int, Iterable[str]], terms: dict[str, set[str]]
) -> dict[int, dict[str, dict[str, float]]]:
    """How often each of ``terms`` occurs in each passage of ``wanted`` (docnum → the
    fields asked), per field: its weight in the term's postings. Each term's postings
    are walked once per segment, through the passages in order (and blocks a query has
    just read are kept decoded)."""
    from .backend.whoosh.scoring import posting_weight

    out: dict[int, dict[str, dict[str, float]]] = {
        d: {f: {} for f in fields} for d, fields in wanted.items()
    }
    asked = {f for fields in out.values() for f in fields}
    for segment, base in reader.leaf_readers():
        docs = sorted(d for d in out if base <= d < base + segment.doc_count_all())
        for fieldname in asked:
            in_field = [d for d in docs if fieldname in out[d]]
            for term in terms.get(fieldname, ()) if in_field else ():
                if (fieldname, term) not in segment:
                    continue
                postings = segment.postings(fieldname, term)
                for d in in_field:
                    weight = posting_weight(postings, d - base)
                    if weight:
                        out[d][fieldname][term] = weight
    return out


@lru_cache(maxsize=4096)
def _span_keys(word: str) -> frozenset[str]:
    """The name keys of a highlighted word (the query's words, again and again)."""
    from .names import name_keys

    return frozenset(name_keys(word))


class _Words:
    """An analyzer's words seen so far: each word's terms with their offsets in the word,
    and each term's words (the spellings highlighting looks for)."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer  # kept alive here, so that its id stays its own
        self.terms: dict[str, WordTerms] = {}
        self.spellings: dict[str, set[str]] = {}

    def learn(self, words: set[str]) -> None:
        """Make sure every one of ``words`` is known (the text being highlighted needs
        them all: after the cache is cleared, the known ones are learnt again)."""
        new = sorted(words.difference(self.terms))
        if not new:
            return
        if len(self.terms) + len(new) > _WORD_CACHE_SIZE:
            self.terms.clear()
            self.spellings.clear()
            new = sorted(words)
        for word, terms in word_terms(self.analyzer, new).items():
            self.terms[word] = terms
            for term, _, _ in terms:
                self.spellings.setdefault(term, set()).add(word)


_WORDS: dict[int, _Words] = {}
_WORD_CACHE_SIZE = 200_000


def _matching_spans(
    text: str, analyzer: Any, wanted: set[str], counts: dict[str, float] | None = None
) -> Iterator[tuple[int, int]]:
    """Spans of the words of ``text`` that ``analyzer`` turns into a ``wanted`` term.

    Our analyzers cut words with WordTokenizer and then change each token on its own, so
    a word's terms are computed once per word and kept (``_Words``). In a text without
    combining marks, the known spellings of a wanted term are looked for first: if they
    account for as many occurrences as ``counts`` gives the term (the index's count),
    that is all of them. Otherwise the text is read in C: its words by one regular
    expression, the new ones analysed together, and the spellings looked for again.
    """
    from .analysis import WordTokenizer, unmarked, words_of

    tokenizer = getattr(analyzer, "items", [None])[0]
    if not isinstance(tokenizer, WordTokenizer):
        for token in analyzer(text, chars=True, mode="index"):
            if token.text in wanted:
                yield token.startchar, token.endchar
        return
    words = _WORDS.get(id(analyzer))
    if words is None or words.analyzer is not analyzer:
        words = _WORDS[id(analyzer)] = _Words(analyzer)
    if not unmarked(text):
        yield from _matching_spans_by_word(text, words, tokenizer.apostrophes, wanted)
        return
    spellings = set().union(*(words.spellings.get(term, ()) for term in wanted))
    if counts is not None:
        known = list(_occurrences(text, words, tokenizer.apostrophes, spellings, wanted))
        found = Counter(term for term, _, _ in known)
        if all(found[term] >= counts.get(term, 0) for term in wanted):
            yield from ((start, end) for _, start, end in known)
            return
    present = set(words_of(text, tokenizer.apostrophes))
    words.learn(present)
    spellings = set().union(*(words.spellings.get(term, ()) for term in wanted)) & present
    for _, start, end in _occurrences(text, words, tokenizer.apostrophes, spellings, wanted):
        yield start, end


def _occurrences(
    text: str, words: _Words, apostrophes: bool, spellings: Iterable[str], wanted: set[str]
) -> Iterator[tuple[str, int, int]]:
    """Each wanted term of each whole-word occurrence of these spellings in an
    ``unmarked`` text, with its start and end."""
    from .analysis import word_starts

    for spelling in spellings:
        offsets = [(term, a, b) for term, a, b in words.terms[spelling] if term in wanted]
        for start in word_starts(text, spelling, apostrophes):
            for term, a, b in offsets:
                yield term, start + a, start + b


def _matching_spans_by_word(
    text: str, words: _Words, apostrophes: bool, wanted: set[str]
) -> Iterator[tuple[int, int]]:
    """``_matching_spans`` a word at a time, for a text that may hold combining marks."""
    from .analysis import word_spans

    spans = list(word_spans(text, apostrophes))
    found = [text[start:end] for start, end in spans]
    words.learn(set(found))
    for (start, _), word in zip(spans, found):
        for term, a, b in words.terms[word]:
            if term in wanted:
                yield start + a, start + b


def snippet(text: str, spans: Sequence[Span], width: int = SNIPPET_CHARS) -> str:
    """A window of about ``width`` characters around the densest run of matches."""
    if len(text) <= width:
        return " ".join(text.split())
    if not spans:
        cut = text[:width].rsplit(" ", 1)[0]
        return " ".join(cut.split()) + " …"
    start = max(0, _densest(spans, width) - width // 4)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = " ".join(text[start:end].split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _densest(spans: Sequence[Span], width: int) -> int:
    """The start of the span followed by the most spans ending within ``width`` of it
    (the first such). Highlights are merged, so their ends rise, and each count is a
    bisection."""
    ends = [s.end for s in spans]
    best_start, best_count = spans[0].start, 0
    for i, span in enumerate(spans):
        count = bisect_right(ends, span.start + width, lo=i) - i
        if count > best_count:
            best_start, best_count = span.start, count
    return best_start


def run(
    searcher: Any,
    schema: Any,
    q: Any,
    query_text: str,
    filters: Filters,
    limit: int,
    documents: dict[str, Any],
    plays: dict[str, str],
    with_facets: bool = False,
) -> SearchResult:
    """Search, then rank deterministically (score, then id) and decorate each hit."""
    flt = filter_query(filters)
    from whoosh.query.qcore import QueryError as WhooshQueryError

    # Passages past the cut show whether a tie crosses it; then the window widens until
    # the whole tied group is in, so ties break by id, not by index order. (Starting at
    # one past the cut measured slower: duplicated passages tie often, and each widening
    # is another search.)
    with reading_index("the index"):
        flt = stop_word_filter(searcher, q, flt)
    window = max(limit, 1) + 20
    while True:
        try:
            collector = TopPassages(window, allow=flt)
            searcher.search_with_collector(q, collector)
            results = collector.results()
        except WhooshQueryError as err:
            raise QueryError(f"cannot run query {query_text!r}: {err}") from err
        except READ_ERRORS as err:
            raise IndexDamaged(f"the index is damaged ({type(err).__name__}: {err})") from err
        rows = [(round(score, 6), docnum) for score, docnum in results.top_n]
        if len(rows) < window or rows[-1][0] < rows[max(limit, 1) - 1][0]:
            break
        window *= 4
    stored: dict[int, dict[str, Any]] = {}
    with reading_index("the index"):
        rows = _ranked(searcher, rows, stored)[:limit]
    terms = _query_terms(q, searcher.reader()) if rows else {}
    passages: list[Passage] = []
    with reading_index("the index"):
        for _, docnum in rows:
            doc = stored.get(docnum) or searcher.stored_fields(docnum)
            passages.append(passage_from_body(doc["body"], documents.get(doc["source"])))
        counts = term_counts(
            searcher.reader(),
            {
                docnum: (f"text_{field_lang(p.lang)}", "names")
                for (_, docnum), p in zip(rows, passages)
            },
            terms,
        )
    hits: list[Hit] = []
    for rank, ((score, docnum), passage) in enumerate(zip(rows, passages), start=1):
        spans = highlight_spans(passage, terms, schema, counts[docnum])
        hits.append(
            Hit(
                passage,
                rank,
                score,
                snippet(passage.text, spans),
                spans,
                query_text,
                plays.get(passage.speaker or ""),
                question_spans(passage, terms, schema),
            )
        )
    total = len(results)  # TopPassages counted every match as it scored it
    facets: dict[str, dict[str, int]] = {}
    if with_facets:
        with reading_index("the index"):
            facets = facet_counts(searcher, q, flt)
    return SearchResult(hits, total, facets=facets)


def stop_word_filter(searcher: Any, q: Any, flt: Any) -> Any:
    """``flt``, narrowed to the passages that hold each stop word they were let in for.

    An AND's word that is a stop word in a passage's language is not in that language's
    field (``_stop_words_neutral``), so the query lets every passage of the language
    through that clause; here each such passage is read and kept only if its text holds
    the word (by name key, as the name field matches it). Only a query with such a
    clause pays for this: a set of the passages to keep, instead of ``flt``.
    """
    from whoosh.query import Or as AnyOf

    from .names import name_keys

    admitted = [node for node in _nodes(q) if type(node) is Admitted and node.keys]
    if not admitted:
        return flt
    keep = set(searcher.search(q, limit=None, filter=flt, scored=False, terms=False).docs())
    present: dict[int, set[str]] = {}
    for node in admitted:
        # only the passages of the node's languages: their lang terms' postings
        for docnum in keep & set(searcher.docs_for_query(AnyOf(list(node.child.leaves())))):
            if docnum not in present:
                body = json.loads(searcher.stored_fields(docnum)["body"])
                present[docnum] = set(name_keys(f"{body['text']}\n{body.get('question') or ''}"))
            if not node.keys & present[docnum]:
                keep.discard(docnum)
    return keep


def _nodes(q: Any) -> Iterator[Any]:
    """Every node of a query, itself first."""
    yield q
    for child in q.children():
        yield from _nodes(child)


def _ranked(
    searcher: Any, rows: list[tuple[float, int]], stored: dict[int, dict[str, Any]]
) -> list[tuple[float, int]]:
    """Rows by score, then by id among equal scores: an id is read only for a passage
    that ties, since reading one is a stored-field lookup (kept in ``stored``, for the
    hit it may be)."""
    ties = Counter(score for score, _ in rows)

    def key(row: tuple[float, int]) -> tuple[float, str]:
        score, docnum = row
        if ties[score] < 2:
            return -score, ""
        doc = stored[docnum] = searcher.stored_fields(docnum)
        return -score, doc["id"]

    return sorted(rows, key=key)


def facet_counts(searcher: Any, q: Any, flt: Any) -> dict[str, dict[str, int]]:
    """Hits per speaker, language and source over every match, not just the first page."""
    counts: dict[str, Counter[str]] = {"speaker": Counter(), "lang": Counter(), "source": Counter()}
    results = searcher.search(q, limit=None, filter=flt, scored=False, terms=False)
    for docnum in results.docs():
        stored = searcher.stored_fields(docnum)
        for name in counts:
            value = stored.get(name)
            if value:
                counts[name][value] += 1
    return {name: dict(c.most_common()) for name, c in counts.items()}


def suggest(
    searcher: Any, vocabulary: dict[str, int], text: str, langs: Iterable[str]
) -> str | None:
    """A did-you-mean built from the index's own vocabulary (folded words and the number
    of passages each is in, as the build counted them).

    A word is left alone when the vocabulary or any field in play knows it (so "musicien"
    is not corrected when French stemming finds "musiciens"); the others get the nearest
    word, the most frequent among equally near ones.
    """
    from .analysis import analyze
    from .names import name_key

    words = re.findall(r"\w+", text)
    if not words or not vocabulary:
        return None
    out: list[str] = []
    changed = False
    for position, word in enumerate(words):
        if len(word) > SUGGEST_MAX_CHARS or position >= SUGGEST_MAX_WORDS:
            out.append(word)  # bounded work: no correction for a word this long or late
            continue
        if _known(searcher, vocabulary, word, langs, analyze, name_key):
            out.append(word)
            continue
        tokens = analyze(word, None)
        options = _corrector(vocabulary).suggest(tokens[0], limit=1, maxdist=2) if tokens else []
        if options:
            out.append(options[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


#: Did-you-mean corrects only words up to this long, and only this many words of a query:
#: the corrector's automaton grows with the word, and a pasted paragraph is no typo.
SUGGEST_MAX_CHARS = 40
SUGGEST_MAX_WORDS = 12

#: The corrector of the last vocabulary asked for (kept alive here, so its id stays its
#: own): building it (sorting 123,000 words) cost 4.9 ms for every query with few hits.
_CORRECTOR: tuple[Any, Any] = (None, None)


def _corrector(vocabulary: dict[str, int]) -> Any:
    """Whoosh's list corrector (a Levenshtein automaton over the sorted words), ranking
    words at the same distance by frequency as its index corrector does."""
    global _CORRECTOR
    if _CORRECTOR[0] is vocabulary:
        return _CORRECTOR[1]
    from whoosh.spelling import ListCorrector

    class Corrector(ListCorrector):  # type: ignore[misc]
        def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
            for score, word in super()._suggestions(text, maxdist, prefix):
                yield score - 0.5 / vocabulary[word], word

    _CORRECTOR = (vocabulary, Corrector(sorted(vocabulary)))
    return _CORRECTOR[1]


def _known(
    searcher: Any,
    vocabulary: dict[str, int],
    word: str,
    langs: Iterable[str],
    analyze: Any,
    name_key: Any,
) -> bool:
    tokens = analyze(word, None)
    if not tokens or all(t in vocabulary for t in tokens):
        return True  # a stop word or a known word: nothing to correct
    probes = [("names", [name_key(word)])]
    probes += [(f"text_{field_lang(lang)}", analyze(word, lang)) for lang in langs]
    for fieldname, terms in probes:
        if not terms:
            return True
        if all(searcher.doc_frequency(fieldname, t) > 0 for t in terms if t):
            return True
    return False


def resolve(
    kind: str, values: Sequence[str] | None, known: Iterable[str], match: Any, closest: Any
) -> list[str] | None:
    """Turn user spellings into stored values, or raise UnknownName naming the closest."""
    if not values:
        return None
    known = sorted(set(known))
    out: list[str] = []
    for value in values:
        found = [k for k in known if match(value, k)]
        if not found:
            raise UnknownName(kind, value, closest(value, known))
        out.extend(f for f in found if f not in out)
    return out
