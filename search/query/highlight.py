"""Highlights and snippets: which characters of a hit matched, and the window shown."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from ..backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from ..analysis import WordTerms, word_terms
from ..model import Passage, Span
from ..schema import field_lang, question_field

SNIPPET_CHARS = 240


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
        except Exception:  # noqa: BLE001  (a leaf Whoosh cannot expand highlights nothing)
            continue
        for fieldname, text in pairs:
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            if (fieldname, text) in reader:
                out.setdefault(fieldname, set()).add(text)
    return out


def query_spellings(text: str) -> frozenset[str]:
    """The words of a query as a hit may spell them: as typed, in lower case, capitalised
    and in capitals. Highlighting knows them before it reads a hit (``highlight_spans``)."""
    from ..analysis import words_of

    typed = {*words_of(text, True), *words_of(text, False)}
    return frozenset(
        form for word in typed for form in (word, word.lower(), word.capitalize(), word.upper())
    )


def highlight_spans(
    passage: Passage,
    terms: dict[str, set[str]],
    schema: Any,
    counts: dict[str, dict[str, float]] | None = None,
    seeds: frozenset[str] = frozenset(),
) -> list[Span]:
    """Character spans of the passage's words that matched, merged and sorted.

    ``counts`` (``term_counts``), when given, says how often each term occurs in this
    passage's fields: a term it lacks is not looked for, and one whose every occurrence
    is found among the spellings already known needs no reading of the whole text.
    ``seeds`` (``query_spellings``) are learnt first: a hit often spells its matches as
    the query does, and then its text is not read word by word (a batch of distinct
    queries spent 7 % of its time less). The
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
            keyed = set(
                _matching_spans(passage.text, schema[fieldname].analyzer, wanted, found, seeds)
            )
            spans.update(
                _not_lone_stop_words(
                    passage.text,
                    keyed,
                    spans,
                    schema[text_name].analyzer if text_name in schema else None,
                )
            )
            continue
        spans.update(
            _matching_spans(passage.text, schema[fieldname].analyzer, wanted, found, seeds)
        )
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
    from ..backend.whoosh.matchers import posting_weight

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
    from ..names import name_keys

    return frozenset(name_keys(word))


class _Words:
    """An analyzer's words seen so far: each word's terms with their offsets in the word,
    and each term's words (the spellings highlighting looks for)."""

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer  # kept alive here, so that its id stays its own
        self.terms: dict[str, WordTerms] = {}
        self.spellings: dict[str, set[str]] = {}

    def learn(self, words: set[str] | frozenset[str]) -> None:
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
    text: str,
    analyzer: Any,
    wanted: set[str],
    counts: dict[str, float] | None = None,
    seeds: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, int]]:
    """Spans of the words of ``text`` that ``analyzer`` turns into a ``wanted`` term.

    Our analyzers cut words with WordTokenizer and then change each token on its own, so
    a word's terms are computed once per word and kept (``_Words``). In a text without
    combining marks, the known spellings of a wanted term are looked for first: if they
    account for as many occurrences as ``counts`` gives the term (the index's count),
    that is all of them. Otherwise the text is read in C: its words by one regular
    expression, the new ones analysed together, and the spellings looked for again.
    """
    from ..analysis import WordTokenizer, unmarked, words_of

    tokenizer = getattr(analyzer, "items", [None])[0]
    if not isinstance(tokenizer, WordTokenizer):
        for token in analyzer(text, chars=True, mode="index"):
            if token.text in wanted:
                yield token.startchar, token.endchar
        return
    words = _WORDS.get(id(analyzer))
    if words is None or words.analyzer is not analyzer:
        words = _WORDS[id(analyzer)] = _Words(analyzer)
    words.learn(seeds)
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
    from ..analysis import word_starts

    for spelling in spellings:
        offsets = [(term, a, b) for term, a, b in words.terms[spelling] if term in wanted]
        for start in word_starts(text, spelling, apostrophes):
            for term, a, b in offsets:
                yield term, start + a, start + b


def _matching_spans_by_word(
    text: str, words: _Words, apostrophes: bool, wanted: set[str]
) -> Iterator[tuple[int, int]]:
    """``_matching_spans`` a word at a time, for a text that may hold combining marks."""
    from ..analysis import word_spans

    spans = list(word_spans(text, apostrophes))
    found = [text[start:end] for start, end in spans]
    words.learn(set(found))
    for (start, _), word in zip(spans, found, strict=True):
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
