"""tutti on an OpenSearch cluster: tutti reads, chunks, tags and keys; the cluster stores
and ranks.

- The index template gives each language field an analyzer built from the same steps as
  tutti's (analysis.py): same tokenizer rule, elision lists, stop lists (tutti's own, sent
  as lists), Snowball stemmer and folding order. ``check_analysis`` compares the two on
  the index's own words, since Lucene's pieces are not PyStemmer's.
- One index holds passages (``doc_type: passage``), one record per indexed file
  (``doc_type: file``, the manifest entry and the evidence films.py groups by) and one
  record of the films (``doc_type: films``), so an alias moved in one ``_aliases`` call
  swaps them all at once. Term statistics are per field, so the records, which fill no
  text field, do not change scores.
- What depends on every file at once is decided after each build and sync, as the
  embedded build does at its end: the films (``films.group``) and who plays whom
  (``Manifest.plays``), written into each passage's ``film`` and ``plays`` keywords.
- Queries: the README's syntax, parsed by Whoosh's parser into words, phrases, prefixes
  and fuzzy words, becomes a ``bool`` query over the languages' text and prompt fields
  and the name keys, with tutti's boosts; ``dfs_query_then_fetch`` scores with global
  statistics across shards; ties break by id.

The client library (opensearch-py) is an optional extra, imported only here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import IndexMissing, PassageNotFound, QueryError, TuttiError
from ..model import Hit, Passage, Skipped, Span
from ..schema import FIELD_LANGS, NEUTRAL, field_lang, text_field
from . import BackendError
from .manifest import Summary

#: Passages per ``_bulk`` request, and how often a request the cluster refuses for load
#: (429) is tried again, waiting twice as long each time.
BULK_DOCS = 500
BULK_RETRIES = 6
#: Seconds a build waits for its new index to close (``_close``).
CLOSE_WAIT = 60.0
#: Highlight markers: private-use characters. A passage whose text holds one gets no
#: highlights rather than misplaced ones (``spans_of``).
_PRE, _POST = "\ue000", "\ue001"
_MARKED = re.compile(f"{_PRE}(.*?){_POST}", re.S)
_TOKEN_PATTERN = r"[^\p{L}\p{N}\p{M}'\u2019]+"
_NEUTRAL_PATTERN = r"[^\p{L}\p{N}\p{M}]+"
#: Lucene's Snowball names for tutti's stemmed languages with a field of their own.
_SNOWBALL = {
    "en": "English",
    "fr": "French",
    "de": "German2",
    "it": "Italian",
    "es": "Spanish",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "sv": "Swedish",
    "da": "Danish",
    "fi": "Finnish",
    "hu": "Hungarian",
    "no": "Norwegian",
    "ro": "Romanian",
}
#: Between an alias and its indices' build time. Not "-": the template of alias "tutti"
#: would then match the indices of alias "tutti-test" too, and OpenSearch refuses two
#: templates of one priority whose patterns overlap.
GENERATION = ".gen-"
SIMILARITY = "tutti_bm25"
#: The field of each passage's folded words, for did-you-mean.
VOCABULARY = "vocabulary"
#: The id of the document that holds the films a build grouped (``films``).
FILMS_ID = "meta:films"
KEYWORDS = (
    "id",
    "doc_type",
    "source",
    "kind",
    "lang",
    "speaker",
    "speaker_keys",
    "role",
    "plays",
    "film",
)


def _client_module() -> Any:
    try:
        import opensearchpy
    except ImportError as err:
        raise TuttiError(
            "the opensearch backend needs its client: pip install 'tutti-search[opensearch]'"
        ) from err
    return opensearchpy


# -- the template ----------------------------------------------------------------------------
def _stops(code: str) -> list[str]:
    """tutti's stop words for a language, as its analyzer compares them (analysis.py)."""
    from ..analysis import _build

    for step in _build(code).items:
        if hasattr(step, "stops"):
            return sorted(step.stops)
    return []


def _analyzer(lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A custom analyzer for one field language and the filters it defines."""
    from ..analysis import _BRITISH, _ELISIONS, _FOLD_BEFORE_STEM

    filters: dict[str, Any] = {}
    chain: list[str] = []

    def add(name: str, spec: dict[str, Any] | None = None) -> None:
        if spec is not None:
            filters[f"tutti_{lang}_{name}"] = spec
            chain.append(f"tutti_{lang}_{name}")
        else:
            chain.append(name)

    # A one-letter token goes unless it is a digit (analysis.py's DropFilter); the emptied
    # token is then dropped by length.
    drop_single = {"type": "pattern_replace", "pattern": r"^\D$", "replacement": ""}
    if lang not in _SNOWBALL:
        add("lowercase")
        add("asciifolding")
        add("single", drop_single)
        add("nonempty", {"type": "length", "min": 1})
        return {
            "type": "custom",
            "tokenizer": "tutti_neutral",
            "char_filter": ["tutti_apostrophe_split"],
            "filter": chain,
        }, filters
    add(
        "trim", {"type": "pattern_replace", "pattern": "^['\u2019]+|['\u2019]+$", "replacement": ""}
    )
    if lang in _ELISIONS:
        add(
            "elision",
            {"type": "elision", "articles_case": True, "articles": sorted(_ELISIONS[lang])},
        )
    if lang == "en":
        add("possessive", {"type": "stemmer", "language": "possessive_english"})
    add("apostrophes", {"type": "pattern_replace", "pattern": "['\u2019]", "replacement": ""})
    add("lowercase")
    fold_first = lang in _FOLD_BEFORE_STEM
    if fold_first:
        add("asciifolding")
    if lang == "de":
        add("ae", {"type": "pattern_replace", "pattern": "ae", "replacement": "ä"})
        add("oe", {"type": "pattern_replace", "pattern": "oe", "replacement": "ö"})
        add("ue", {"type": "pattern_replace", "pattern": "(?<!q)ue", "replacement": "ü"})
    if lang == "en":
        add(
            "british",
            {
                "type": "pattern_replace",
                "pattern": _BRITISH.pattern.replace(r"\w", r"\p{L}"),
                "replacement": "$1s$2",
            },
        )
    # The words the stop filter compares, as it sees them: the "stops" subfield keeps only
    # these, so an AND can require a stop word in the language that drops it (translate).
    keep = list(chain)
    add("stop", {"type": "stop", "stopwords": _stops(lang) or ["_none_"]})
    add("single", drop_single)
    add("nonempty", {"type": "length", "min": 1})
    add("stem", {"type": "snowball", "language": _SNOWBALL[lang]})
    if not fold_first:
        add("asciifolding")
    analyzer: dict[str, Any] = {
        "type": "custom",
        "tokenizer": "tutti_words",
        "char_filter": ["tutti_apostrophe"],
        "filter": chain,
    }
    if _stops(lang):
        filters[f"tutti_{lang}_keep"] = {"type": "keep", "keep_words": _stops(lang)}
        analyzer["stops"] = {**analyzer, "filter": [*keep, f"tutti_{lang}_keep"]}
    return analyzer, filters


def similarity(passages: int) -> dict[str, Any]:
    """tutti's ranking formula (Whoosh's BM25 as scoring.py uses it) as a scripted
    similarity, so the cluster ranks as the embedded engine does, not by Lucene's BM25
    (another IDF: log(1 + (n - df + 0.5) / (df + 0.5)) over the passages that fill the
    field, where Whoosh takes log(n / (df + 1)) + 1 over every passage).

    A similarity script sees one field's statistics only, so ``n``, the number of passages,
    is written into the script; until a build knows it, the field's own count stands in
    (Lucene also checks at creation that no score is negative)."""
    from whoosh.scoring import BM25F

    k1, b = BM25F().K1, BM25F().B
    source = (
        "double tf = doc.freq;"
        " double avg = field.sumTotalTermFreq / (double) field.docCount;"
        f" double idf = Math.log(Math.max({float(passages)}, field.docCount) / (term.docFreq + 1.0)) + 1.0;"
        f" return query.boost * idf * tf * {k1 + 1} / (tf + {k1} * ({1 - b} + {b} * doc.length / avg));"
    )
    return {SIMILARITY: {"type": "scripted", "script": {"source": source}}}


def template(pattern: str, shards: int, replicas: int) -> dict[str, Any]:
    """The index template: per-language analyzers, the name-key field, exact-value fields."""
    analyzers: dict[str, Any] = {}
    filters: dict[str, Any] = {}
    properties: dict[str, Any] = {name: {"type": "keyword"} for name in KEYWORDS}
    properties["position"] = {"type": "integer"}
    properties["names"] = {"type": "text", "analyzer": "whitespace", "similarity": SIMILARITY}
    # The passage as tutti returns it, and a file's manifest entry: kept, never searched.
    properties["body"] = {"type": "object", "enabled": False}
    properties["file"] = {"type": "object", "enabled": False}
    # The folded words did-you-mean offers (analysis.vocabulary), sent precomputed.
    properties[VOCABULARY] = {
        "type": "text",
        "analyzer": "whitespace",
        "index_options": "docs",
        "norms": False,
    }
    for lang in (*FIELD_LANGS, NEUTRAL):
        ana, flt = _analyzer(lang)
        stops = ana.pop("stops", None)
        analyzers[f"tutti_{lang}"] = ana
        filters.update(flt)
        for prefix in ("text_", "question_"):
            properties[f"{prefix}{lang}"] = {
                "type": "text",
                "analyzer": f"tutti_{lang}",
                "index_options": "offsets",
                "similarity": SIMILARITY,
            }
            if stops is not None:
                analyzers[f"tutti_{lang}_stops"] = stops
                properties[f"{prefix}{lang}"]["fields"] = {
                    "stops": {
                        "type": "text",
                        "analyzer": f"tutti_{lang}_stops",
                        "index_options": "docs",
                        "norms": False,
                    }
                }
    return {
        "index_patterns": [pattern],
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "similarity": similarity(0),
                "analysis": {
                    "analyzer": analyzers,
                    "filter": filters,
                    "tokenizer": {
                        "tutti_words": {"type": "pattern", "pattern": _TOKEN_PATTERN},
                        "tutti_neutral": {"type": "pattern", "pattern": _NEUTRAL_PATTERN},
                    },
                    "char_filter": {
                        # U+02BC is a letter to Java's \p{L}, an apostrophe to tutti.
                        "tutti_apostrophe": {"type": "mapping", "mappings": ["\u02bc=>\u2019"]},
                        "tutti_apostrophe_split": {
                            "type": "pattern_replace",
                            "pattern": "['\u2019\u02bc]",
                            "replacement": " ",
                        },
                    },
                },
            },
            # Fields a passage does not fill are not sent; fields other versions of tutti
            # add are kept in _source without breaking the mapping.
            "mappings": {"dynamic": False, "properties": properties},
        },
    }


# -- documents -----------------------------------------------------------------------------
def names_keys(text: str, mode: str = "index") -> list[str]:
    from ..names import names_analyzer

    return [t.text for t in names_analyzer()(text, mode=mode)]


def passage_doc(p: Passage) -> dict[str, Any]:
    """What one passage sends: its analysed fields as text (the cluster analyses them),
    its name keys precomputed, its exact values, and the passage itself."""
    from ..analysis import vocabulary
    from ..names import name_keys
    from ..schema import question_field

    doc: dict[str, Any] = {
        "doc_type": "passage",
        "id": p.id,
        "source": p.source,
        "kind": p.kind,
        "lang": p.lang,
        "position": p.position,
        "body": p.to_dict(),
        text_field(p.lang): p.text,
    }
    words = vocabulary(p.text)
    if words:
        doc[VOCABULARY] = " ".join(sorted(words))
    keys = names_keys(f"{p.text}\n{p.question or ''}\n{p.speaker or ''}")
    if keys:
        doc["names"] = " ".join(keys)
    if p.speaker:
        doc["speaker"] = p.speaker
        doc["speaker_keys"] = name_keys(p.speaker)
    if p.question:
        doc[question_field(p.lang)] = p.question
    if p.role:
        doc["role"] = p.role
    # film and plays are filled once every file is in (OpenSearchBackend._link)
    return doc


# -- queries -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _parser() -> Any:
    """Whoosh's query parser over one raw field: it reads the syntax, the cluster analyses."""
    from whoosh import qparser
    from whoosh.analysis import RegexTokenizer
    from whoosh.fields import TEXT, Schema

    from .whoosh import _whoosh  # noqa: F401

    schema = Schema(q=TEXT(analyzer=RegexTokenizer(r"\S+")))
    parser = qparser.QueryParser("q", schema, group=qparser.OrGroup)
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def _match_any(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    if not clauses:
        return {"match_none": {}}
    return (
        clauses[0]
        if len(clauses) == 1
        else {"bool": {"should": clauses, "minimum_should_match": 1}}
    )


def translate(
    text: str, fields: dict[str, float], codes: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The query text as an OpenSearch query over ``fields`` (name → boost).

    ``codes``: the languages in play by the text field they fill. A word of an AND that
    one language drops as a stop word ("einmal" in German) matches nothing in that
    language's field, so, as the embedded engine does (query._stop_words_neutral), that
    clause also lets in, scoring nothing, the passages of that language that hold the
    word (its "stops" subfield keeps exactly the words the stop filter drops), unless
    every clause of the AND is void there."""
    from whoosh import query as wq

    from ..analysis import analyze, fold
    from ..names import stop_word_keys_of
    from ..query import exclusions, has_words, normalise_operators, plain_words

    if not text.strip():
        raise QueryError("empty query: give some words to search for")
    written = normalise_operators(text)  # "-word" as NOT, NOT NOT cancelled (query.parse)
    if not has_words(written):
        raise QueryError(f"cannot search for {text!r}: it has no words")
    try:
        tree = _parser().parse(written)
    except Exception:  # noqa: BLE001 - Whoosh's parser raises assorted errors on odd syntax
        tree = None
    if tree is None or isinstance(tree, wq.NullQuery.__class__):
        words = plain_words(written)
        if not words:
            raise QueryError(f"cannot search for {text!r}: it has no words")
        tree = _parser().parse(words)
    tree = exclusions(tree)  # NOT excludes from its group, as in query.parse
    texts = {f: b for f, b in fields.items() if f != "names"}
    names_boost = fields.get("names")
    codes = {f: c for f, c in (codes or {}).items() if f in texts}

    def void(n: Any) -> frozenset[str]:
        """The text fields in play where ``n`` matches nothing because of stop words."""
        if type(n) is wq.Term:
            return frozenset(
                f for f in codes if not analyze(n.text, None if f.endswith(NEUTRAL) else f[5:])
            )
        if isinstance(n, (wq.And, wq.Or)) and n.subqueries:
            return frozenset.intersection(*(void(c) for c in n.subqueries))
        if isinstance(n, (wq.AndNot, wq.AndMaybe)):
            return void(n.a)
        return frozenset()

    def admit(n: Any, missing: frozenset[str]) -> dict[str, Any]:
        clause = node(n)
        if not missing:
            return clause
        gate: list[dict[str, Any]] = [
            {"terms": {"lang": sorted(c for f in missing for c in codes[f])}}
        ]
        if type(n) is wq.Term:  # one word: its passages must hold it
            holds = [
                {"match": {f"{prefix}{f[5:]}.stops": n.text}}
                for f in sorted(missing)
                for prefix in ("text_", "question_")
            ]
            gate.append(_match_any(holds))
        # Filter clauses alone score nothing, as the embedded engine's Admitted.
        return {"bool": {"should": [clause, {"bool": {"filter": gate}}], "minimum_should_match": 1}}

    def stopped(w: str, keys: list[str]) -> bool:
        """A stop word of a language in play is not looked up in the name keys, where a
        sentence's capitalised "The" is keyed like a name (query.parse's ``stop_word``)."""
        return (
            len(keys) == 1
            and any(not analyze(w, None if f.endswith(NEUTRAL) else f[5:]) for f in codes)
            and keys[0] in stop_word_keys_of(tuple(sorted({c for g in codes.values() for c in g})))
        )

    def word(w: str) -> dict[str, Any]:
        clauses = [{"match": {f: {"query": w, "boost": b}}} for f, b in texts.items()]
        keys = names_keys(w, mode="query") if names_boost else []
        if keys and not stopped(w, keys):
            clauses.append({"match": {"names": {"query": " ".join(keys), "boost": names_boost}}})
        return _match_any(clauses)

    def node(n: Any) -> dict[str, Any]:
        if isinstance(n, wq.FuzzyTerm):
            return _match_any(
                [
                    {
                        "match": {
                            f: {
                                "query": n.text,
                                "fuzziness": n.maxdist,
                                "prefix_length": n.prefixlength,
                                "boost": b,
                            }
                        }
                    }
                    for f, b in texts.items()
                ]
            )
        if isinstance(n, wq.Prefix):
            value = fold(n.text.casefold())
            # Scored like the words it expands to, as tutti scores a prefix, not constant.
            return _match_any(
                [
                    {"prefix": {f: {"value": value, "boost": b, "rewrite": "top_terms_1024"}}}
                    for f, b in texts.items()
                ]
            )
        if isinstance(n, wq.Wildcard):
            value = fold(n.text.casefold())
            return _match_any(
                [
                    {"wildcard": {f: {"value": value, "boost": b, "rewrite": "top_terms_1024"}}}
                    for f, b in texts.items()
                ]
            )
        if isinstance(n, wq.Term):
            return word(n.text)
        if isinstance(n, wq.Phrase):
            # The phrase decides what matches; its words' scores add up to the score, as
            # tutti scores a phrase (Lucene would score it as one term).
            phrase = " ".join(n.words)
            slop = n.slop - 1 if n.slop > 1 else 0
            clauses: list[dict[str, Any]] = [
                {
                    "bool": {
                        "filter": [{"match_phrase": {f: {"query": phrase, "slop": slop}}}],
                        "must": [{"match": {f: {"query": phrase, "operator": "and", "boost": b}}}],
                    }
                }
                for f, b in texts.items()
            ]
            # The name keys have no positions: there, as in tutti, a phrase is all its words.
            keys = names_keys(phrase, mode="query") if names_boost else []
            if keys:
                clauses.append(
                    {
                        "match": {
                            "names": {
                                "query": " ".join(keys),
                                "operator": "and",
                                "boost": names_boost,
                            }
                        }
                    }
                )
            return _match_any(clauses)
        if isinstance(n, wq.AndNot):
            return {"bool": {"must": [node(n.a)], "must_not": [node(n.b)]}}
        if isinstance(n, wq.AndMaybe):
            return {"bool": {"must": [node(n.a)], "should": [node(n.b)]}}
        if isinstance(n, wq.Not):
            return {"bool": {"must": [{"match_all": {}}], "must_not": [node(n.query)]}}
        if isinstance(n, wq.And):
            holes = [void(c) for c in n.subqueries]
            shared = frozenset.intersection(*holes) if holes else frozenset()
            return {
                "bool": {
                    "must": [admit(c, h - shared) for c, h in zip(n.subqueries, holes, strict=True)]
                }
            }
        if isinstance(n, wq.Or):
            return _match_any([node(c) for c in n.subqueries])
        if isinstance(n, wq.NullQuery.__class__):
            return {"match_none": {}}
        raise QueryError(
            f"cannot run query {text!r} on OpenSearch: {type(n).__name__} is not supported"
        )

    return node(tree)


def query_name_keys(text: str) -> frozenset[str]:
    """The name keys of the query's words, as the names field is queried with them."""
    from ..query.parse import _OPERATORS, plain_words

    words = [w for w in plain_words(text).split() if w not in _OPERATORS]
    return frozenset(names_keys(" ".join(words), mode="query")) if words else frozenset()


def name_spans(text: str, keys: frozenset[str]) -> list[Span]:
    """Words of ``text`` that matched through their name key ("Tchaikovsky" for a query
    "Tschaikowski"): OpenSearch highlights the text field only, and the text field has a
    different word there."""
    from ..analysis import word_spans

    if not keys:
        return []
    # Only capitalised words carry name keys in the index (names.ProperNounFilter).
    return [
        Span(a, b)
        for a, b in word_spans(text, False)
        if not text[a].islower() and keys.intersection(_word_keys(text[a:b]))
    ]


@lru_cache(maxsize=65536)
def _word_keys(word: str) -> tuple[str, ...]:
    """A word's index keys, kept: the same names recur in every hit's text."""
    return tuple(names_keys(word))


def merged(spans: Sequence[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(span.end, out[-1].end))
        else:
            out.append(span)
    return out


def spans_of(marked: str, text: str) -> list[Span]:
    """Character spans of the marked words, if ``marked`` is ``text`` with markers (else
    none: a highlight that is not the passage's text cannot be placed on it)."""
    if marked.replace(_PRE, "").replace(_POST, "") != text:
        return []
    spans: list[Span] = []
    for n, match in enumerate(_MARKED.finditer(marked)):
        start = match.start() - 2 * n  # the markers of the n words before this one
        spans.append(Span(start, start + len(match.group(1))))
    return spans


def filter_clauses(filters: Any) -> list[dict[str, Any]]:
    """Each resolved filter (query.Filters: speakers, langs, ...) as a ``terms`` clause on
    its keyword field (speaker, lang, ...), whatever filters the Filters record holds."""
    clauses = []
    for name in filters._fields:
        values = getattr(filters, name)
        if name in ("narration", "notes"):
            continue  # narration joins the speaker clause below; notes are for the user
        if name == "speakers" and getattr(filters, "narration", False):
            # passages nobody speaks, or one of these speakers
            clauses.append(
                {
                    "bool": {
                        "should": [
                            {"bool": {"must_not": {"exists": {"field": "speaker"}}}},
                            *([{"terms": {"speaker": list(values)}}] if values else []),
                        ],
                        "minimum_should_match": 1,
                    }
                }
            )
            continue
        if values is None:
            continue  # no filter; an empty list (films and sources sharing no document) is one
        keyword = name[:-1] if name.endswith("s") else name
        if keyword not in KEYWORDS:
            raise QueryError(f"the {keyword} filter is not available on OpenSearch")
        clauses.append({"terms": {keyword: list(values)}})
    return clauses


# -- the backend ---------------------------------------------------------------------------
class OpenSearchBackend:
    """tutti's index as an alias on an OpenSearch cluster (``$TUTTI_OPENSEARCH_INDEX``,
    default "tutti"); each build writes ``<alias>.gen-<time>`` and moves the alias to it."""

    #: The cluster answers queries in parallel: a batch's worker processes would only wait.
    in_process = False

    def __init__(self, url: str) -> None:
        self.urls = [u.strip().rstrip("/") for u in url.split(",") if u.strip()]
        self.alias = os.environ.get("TUTTI_OPENSEARCH_INDEX", "tutti")
        self.where = f"OpenSearch at {', '.join(self.urls)} (index {self.alias!r})"
        self._client: Any = None
        self._manifest: Any = None
        self._summary: Summary | None = None
        self._films: list[Any] | None = None

    # -- connection and errors ---------------------------------------------------------------
    @property
    def client(self) -> Any:
        if self._client is None:
            osp = _client_module()
            user = os.environ.get("TUTTI_OPENSEARCH_USER")
            password = os.environ.get("TUTTI_OPENSEARCH_PASSWORD", "")
            verify = os.environ.get("TUTTI_OPENSEARCH_VERIFY", "1").lower() not in (
                "0",
                "false",
                "no",
            )
            options: dict[str, Any] = {
                "verify_certs": verify,
                "ssl_show_warn": verify,
                "timeout": 30,
                "max_retries": 2,
                "retry_on_timeout": True,
            }
            if os.environ.get("TUTTI_OPENSEARCH_CA"):
                options["ca_certs"] = os.environ["TUTTI_OPENSEARCH_CA"]
            if user:
                options["http_auth"] = (user, password)
            self._client = osp.OpenSearch(hosts=self.urls, **options)
        return self._client

    @contextlib.contextmanager
    def _calling(self, doing: str) -> Iterator[None]:
        """What the client raises, as one line naming the cluster and what to do."""
        osp = _client_module()
        try:
            yield
        except TuttiError:
            raise
        except osp.exceptions.AuthenticationException as err:
            raise BackendError(
                f"{self.where} refused the credentials while {doing} (401); "
                "set TUTTI_OPENSEARCH_USER and TUTTI_OPENSEARCH_PASSWORD"
            ) from err
        except osp.exceptions.AuthorizationException as err:
            raise BackendError(f"{self.where} denied {doing} (403): {_reason(err)}") from err
        except osp.exceptions.NotFoundError as err:
            raise IndexMissing(f"no tutti index at {self.where}") from err
        except osp.exceptions.ConnectionError as err:
            raise BackendError(f"cannot reach {self.where} while {doing}: {_reason(err)}") from err
        except osp.exceptions.TransportError as err:
            raise BackendError(
                f"{self.where} failed while {doing} (HTTP {err.status_code}): {_reason(err)}"
            ) from err

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None
        self._manifest = None
        self._summary = None
        self._films = None

    def exists(self) -> bool:
        with self._calling("looking for the index"):
            return bool(self.client.indices.exists_alias(name=self.alias))

    def _healthy(self) -> None:
        with self._calling("reading cluster health"):
            health = self.client.cluster.health()
        if health.get("status") == "red":
            raise BackendError(
                f"{self.where} is red (some primary shards are unassigned); "
                "fix the cluster before indexing"
            )

    # -- writing -----------------------------------------------------------------------------
    def _new_index(self) -> str:
        shards = int(os.environ.get("TUTTI_OPENSEARCH_SHARDS", "2"))
        replicas = int(os.environ.get("TUTTI_OPENSEARCH_REPLICAS", "1"))
        name = f"{self.alias}{GENERATION}{time.time_ns()}"
        with self._calling("writing the index template"):
            self.client.indices.put_index_template(
                name=self.alias, body=template(f"{self.alias}{GENERATION}*", shards, replicas)
            )
            self.client.indices.create(index=name)
            # Writes land faster without refreshes; the build refreshes once at the end.
            self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "-1"}})
        return name

    def _bulk(self, index: str, actions: list[dict[str, Any]]) -> None:
        """One ``_bulk`` request; items refused for load are sent again, others are errors."""
        osp = _client_module()
        delay = 0.5
        for attempt in range(BULK_RETRIES + 1):
            lines: list[str] = []
            for doc in actions:
                lines.append(json.dumps({"index": {"_index": index, "_id": doc["_id"]}}))
                lines.append(
                    json.dumps({k: v for k, v in doc.items() if k != "_id"}, ensure_ascii=False)
                )
            try:
                with self._calling("loading passages"):
                    answer = self.client.bulk(body="\n".join(lines) + "\n")
            except BackendError as err:
                if (
                    isinstance(err.__cause__, osp.exceptions.TransportError)
                    and err.__cause__.status_code == 429
                    and attempt < BULK_RETRIES
                ):
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise
            if not answer.get("errors"):
                return
            retry: list[dict[str, Any]] = []
            for doc, item in zip(actions, answer["items"], strict=True):
                result = item.get("index", {})
                if result.get("status") == 429:
                    retry.append(doc)
                elif result.get("error"):
                    error = result["error"]
                    raise BackendError(
                        f"{self.where} refused passage {doc['_id']} of "
                        f"{doc.get('source', '?')}: {error.get('type')}: "
                        f"{error.get('reason')}"
                    )
            if not retry or attempt == BULK_RETRIES:
                if retry:
                    raise BackendError(
                        f"{self.where} kept refusing {len(retry)} passages for "
                        "load (429); try again later"
                    )
                return
            actions = retry
            time.sleep(delay)
            delay *= 2

    def build(
        self,
        paths: Sequence[Path],
        *,
        rebuild: bool,
        progress: Any,
        procs: int | None = None,
        follow_outside: bool | None = None,
        wait: float = 30.0,  # the embedded index's writer lock; a cluster takes concurrent writes
    ) -> Any:
        from ..ingest import documents_only, find_files, reading_version
        from ..media import ignored_by_name
        from ..read import inside
        from .manifest import BuildReport, doc_entry

        started = time.monotonic()
        report = BuildReport(self.where)
        self._healthy()
        fresh = rebuild or not self.exists()
        previous = {} if fresh else dict(self.manifest().documents)
        target = self._new_index() if fresh else self._current_index()
        # Sources as the embedded build names them (ingest.assign_sources): by real path,
        # the same file once, two files never under one name.
        roots = [os.path.realpath(g) for g in paths]
        taken = {
            source: entry.path
            for source, entry in previous.items()
            if not any(inside(entry.path, r) for r in roots)
        }
        # A cluster keeps no roots to sync again: paths are always given, and so is the
        # choice (followed unless asked).
        files, walk_skips = find_files(
            paths, follow_outside=follow_outside is not False, taken=taken, rebuild=fresh
        )
        report.skipped.extend(walk_skips)
        # As the embedded build: media files are counted, film.toml sidecars are read for
        # the films (``_link``), neither is a document.
        report.ignored.extend(source for path, source in files if ignored_by_name(path))
        files = documents_only(
            [(path, source) for path, source in files if not ignored_by_name(path)], report
        )
        named = {os.path.realpath(p): source for p, source in files}
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            if batch:
                self._bulk(target, batch)
                batch.clear()

        class Queue:
            """Takes passages as the embedded index writer does, and sends them in batches."""

            @staticmethod
            def add_document(**fields: Any) -> None:
                batch.append(fields)
                if len(batch) >= BULK_DOCS:
                    flush()

        queue = Queue()

        try:
            for source, entry in previous.items():
                under = any(inside(entry.path, r) for r in roots)
                if under and named.get(entry.path) != source:
                    self._delete_source(target, source)
                    report.removed.append(source)
            todo: list[tuple[Path, str, os.stat_result]] = []
            reader = reading_version()
            for path, source in files:
                old = previous.get(source)
                try:
                    stat = path.stat()
                except OSError as err:
                    report.skipped.append(Skipped(str(path), f"unreadable: {err.strerror}"))
                    continue
                if old is not None and old.unchanged(stat, reader):
                    report.unchanged.append(source)
                else:
                    todo.append((path, source, stat))
            for done, ((_, source, stat), doc) in enumerate(
                zip(todo, _read(todo, procs), strict=True), start=1
            ):
                if progress is not None:
                    progress(source, done, len(todo))
                old = previous.get(source)
                if isinstance(doc, Skipped):
                    report.unreadable(doc, source, old is not None)
                    continue
                if old is not None:
                    flush()
                    self._delete_source(target, source)
                # The embedded build's manifest entry, counted as the passages are queued.
                entry = doc_entry(
                    doc, stat, ((p, {"_id": p.id, **passage_doc(p)}) for p in doc.passages), queue
                )
                batch.append(
                    {
                        "_id": f"file:{source}",
                        "doc_type": "file",
                        "source": source,
                        "file": vars(entry),
                        # what films.group reads besides the manifest: kept for later syncs
                        "evidence": doc.evidence,
                    }
                )
                (report.updated if old is not None else report.added).append(source)
            flush()
            with self._calling("refreshing the index"):
                self.client.indices.put_settings(
                    index=target, body={"index": {"refresh_interval": "1s"}}
                )
                self.client.indices.refresh(index=target)
        except BaseException:
            if fresh:
                with contextlib.suppress(Exception):
                    self.client.indices.delete(index=target)
            raise
        self._manifest = self._summary = self._films = None
        if fresh:
            try:
                self._link(target, roots)
                self._count_passages(target)
            except BaseException:  # never published: nobody reads it
                with contextlib.suppress(Exception):
                    self.client.indices.delete(index=target)
                raise
            self._swap(target)
        else:
            self._link(target, roots)
            self._recount(target)
        self._manifest = self._summary = self._films = None
        report.manifest = self.manifest()
        report.seconds = time.monotonic() - started
        return report

    def _count_passages(self, index: str) -> None:
        """Write the number of passages into the new index's similarity (see
        ``similarity``): a closed index takes it, so this runs before readers see it.
        A sync, whose index readers already see, recounts through a clone (``_recount``)."""
        with self._calling("counting passages"):
            passages = self.client.count(
                index=index, body={"query": {"term": {"doc_type": "passage"}}}
            )["count"]
            try:
                self._close(index)
                self.client.indices.put_settings(
                    index=index, body={"index": {"similarity": similarity(passages)}}
                )
            finally:
                self.client.indices.open(index=index, params={"wait_for_active_shards": "all"})
            # (opensearch-py takes a "timeout" parameter for its own: the server's default wait)
            self.client.cluster.health(
                index=index, params={"wait_for_status": "yellow"}, request_timeout=60
            )

    def _close(self, index: str) -> None:
        """Close ``index`` and wait until the cluster says it is closed: a busy cluster
        manager may answer the close unacknowledged, and the similarity cannot be set on
        an index still open."""
        self.client.indices.close(index=index)
        deadline = time.monotonic() + CLOSE_WAIT
        while True:
            state = self.client.cluster.state(metric="metadata", index=index)
            if state["metadata"]["indices"][index]["state"] == "close":
                return
            if time.monotonic() > deadline:
                raise BackendError(
                    f"{self.where}: index {index} did not close within {CLOSE_WAIT:g} s "
                    "to take the passage count; the build was not published"
                )
            time.sleep(0.2)

    def _recount(self, index: str) -> None:
        """After a sync, the passage count the similarity holds, brought up to date: a
        setting Lucene reads only when an index opens, and closing the live index would
        fail its readers, so the index is cloned (its segments linked, not copied) with
        the new count, and the alias moved to the clone in one call (``_swap``)."""
        with self._calling("counting passages"):
            passages = self.client.count(
                index=index, body={"query": {"term": {"doc_type": "passage"}}}
            )["count"]
            settings = self.client.indices.get_settings(index=index, name="index.similarity.*")
        held = settings[index]["settings"]["index"]["similarity"][SIMILARITY]["script"]["source"]
        wanted = similarity(passages)[SIMILARITY]["script"]["source"]
        if held == wanted:
            return
        clone = f"{self.alias}{GENERATION}{time.time_ns()}"
        with self._calling("recounting passages"):
            self.client.indices.put_settings(index=index, body={"index.blocks.write": True})
            try:
                self.client.indices.clone(
                    index=index,
                    target=clone,
                    body={
                        "settings": {
                            "index.blocks.write": False,
                            "index.similarity": similarity(passages),
                        }
                    },
                )
                # Primaries, not replicas: a one-node cluster never assigns those.
                health = self.client.cluster.health(
                    index=clone, params={"wait_for_status": "yellow"}, request_timeout=60
                )
                if health.get("timed_out"):
                    raise BackendError(
                        f"{self.where}: the recounted copy {clone} did not become available"
                    )
            except BaseException:
                with contextlib.suppress(Exception):
                    self.client.indices.delete(index=clone, ignore_unavailable=True)
                with contextlib.suppress(Exception):
                    self.client.indices.put_settings(
                        index=index, body={"index.blocks.write": False}
                    )
                raise
        self._swap(clone)

    def _link(self, index: str, roots: Sequence[str]) -> None:
        """What depends on every file at once, decided after each build and sync: the films
        (``films.group`` over the manifest and each file's evidence, film.toml looked up
        again as the embedded build does), stored in one document and as each passage's
        ``film`` key, and who plays whom (``Manifest.plays``) as each passage's ``plays``.
        Only passages whose values changed are written."""
        from ..films import find_sidecar, group
        from .manifest import DocEntry, Manifest

        documents: dict[str, Any] = {}
        evidence: dict[str, Any] = {}
        for doc in self._scan(
            {"term": {"doc_type": "file"}}, ["source", "file", "evidence"], index=index
        ):
            entry = DocEntry(**doc["file"])
            side = find_sidecar(Path(entry.path), doc["source"], [Path(r) for r in roots])
            if side:
                entry.meta["sidecar"] = side
            documents[doc["source"]] = entry
            if doc.get("evidence") is not None:
                evidence[doc["source"]] = doc["evidence"]
        films = group(documents, evidence)
        film_of = {s: f.key for f in films for s in f.documents}
        manifest = Manifest()
        manifest.documents = documents
        plays = manifest.plays()
        updates: list[tuple[str, dict[str, Any]]] = []
        for hit in self._scan(
            {"term": {"doc_type": "passage"}},
            ["source", "speaker", "film", "plays"],
            index=index,
            hits=True,
        ):
            held = hit["_source"]
            wanted = {
                "film": film_of.get(held["source"]),
                "plays": plays.get(held.get("speaker") or ""),
            }
            if any(held.get(k) != v for k, v in wanted.items()):
                updates.append((hit["_id"], wanted))
        for start in range(0, len(updates), BULK_DOCS):
            lines: list[str] = []
            for _id, fields in updates[start : start + BULK_DOCS]:
                lines.append(json.dumps({"update": {"_index": index, "_id": _id}}))
                lines.append(json.dumps({"doc": fields}, ensure_ascii=False))
            with self._calling("linking films and cast"):
                answer = self.client.bulk(body="\n".join(lines) + "\n")
            failed = [i["update"] for i in answer["items"] if i["update"].get("error")]
            if failed:
                raise BackendError(
                    f"{self.where} refused the film or cast of passage {failed[0]['_id']}: "
                    f"{failed[0]['error'].get('reason')}"
                )
        with self._calling("storing the films"):
            self.client.index(
                index=index,
                id=FILMS_ID,
                body={"doc_type": "films", "films": [f.to_json() for f in films]},
                params={"refresh": "true"},
            )
            self.client.indices.refresh(index=index)

    def films(self) -> list[Any]:
        """The films the last build or sync grouped (``_link``); none for an index built
        before films were stored."""
        from ..films import Film

        if self._films is None:
            with self._calling("reading the films"):
                answer = self.client.search(
                    index=self.alias,
                    body={"query": {"ids": {"values": [FILMS_ID]}}, "size": 1},
                )
            hits = answer["hits"]["hits"]
            self._films = [Film.from_json(f) for f in hits[0]["_source"]["films"]] if hits else []
        return self._films

    def _labelled(self, passage: Passage) -> Passage:
        """The passage with its film's label in ``meta["film"]``, as the embedded engine
        gives it (engine._metadata)."""
        label = next((f.label() for f in self.films() if passage.source in f.documents), None)
        passage.meta["film"] = label
        return passage

    def _current_index(self) -> str:
        with self._calling("reading the alias"):
            return next(iter(self.client.indices.get_alias(name=self.alias)))

    def _swap(self, target: str) -> None:
        """Point the alias at ``target`` in one ``_aliases`` call, then drop the old index:
        a reader sees the old index or the new one, never a half-built one."""
        with self._calling("moving the alias"):
            old = list(self.client.indices.get_alias(name=self.alias)) if self.exists() else []
            actions: list[dict[str, Any]] = [
                {"remove": {"index": i, "alias": self.alias}} for i in old
            ]
            actions.append({"add": {"index": target, "alias": self.alias}})
            self.client.indices.update_aliases(body={"actions": actions})
            for index in old:
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def _delete_source(self, index: str, source: str) -> None:
        """Delete a file's passages and record by id: ``_delete_by_query`` lives in the
        reindex module, which a cluster need not have."""
        with self._calling(f"removing {source}"):
            self.client.indices.refresh(index=index)
        ids = [
            hit["_id"]
            for hit in self._scan({"term": {"source": source}}, [], index=index, hits=True)
        ]
        for start in range(0, len(ids), BULK_DOCS):
            lines = [
                json.dumps({"delete": {"_index": index, "_id": i}})
                for i in ids[start : start + BULK_DOCS]
            ]
            with self._calling(f"removing {source}"):
                answer = self.client.bulk(body="\n".join(lines) + "\n")
            failed = [item["delete"] for item in answer["items"] if item["delete"].get("error")]
            if failed:
                raise BackendError(
                    f"{self.where} could not remove passage {failed[0]['_id']} of "
                    f"{source}: {failed[0]['error'].get('reason')}"
                )

    # -- reading -----------------------------------------------------------------------------
    def _scan(
        self,
        query: dict[str, Any],
        fields: list[str] | None = None,
        *,
        index: str | None = None,
        hits: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """Every document matching ``query`` (its _source, or the whole hit), in pages
        sorted by id (search_after)."""
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "query": query,
                "size": 1000,
                "sort": [{"id": "asc"}, {"source": "asc"}],
            }
            if fields is not None:
                body["_source"] = fields
            if after is not None:
                body["search_after"] = after
            with self._calling("reading the index"):
                answer = self.client.search(index=index or self.alias, body=body)
            self._complete(answer)
            page = answer["hits"]["hits"]
            for hit in page:
                yield hit if hits else hit["_source"]
            if len(page) < 1000:
                return
            after = page[-1]["sort"]

    def manifest(self) -> Any:
        from .manifest import DocEntry, Manifest

        if self._manifest is None:
            manifest = Manifest()
            for doc in self._scan({"term": {"doc_type": "file"}}, ["source", "file"]):
                manifest.documents[doc["source"]] = DocEntry(**doc["file"])
            self._manifest = manifest
        return self._manifest

    def summary(self) -> Summary:
        if self._summary is None:
            self._summary = self.manifest().summary()
        return self._summary

    def _fields(self, langs: Sequence[str]) -> dict[str, float]:
        from ..query import NAMES_BOOST, QUESTION_BOOST, TEXT_BOOST

        filled = self.summary().fields
        fields: dict[str, float] = {}
        for lang in sorted({field_lang(lang) for lang in langs}):
            for name, boost in ((f"text_{lang}", TEXT_BOOST), (f"question_{lang}", QUESTION_BOOST)):
                if filled.get(name, 0) > 0:
                    fields[name] = boost
        fields["names"] = NAMES_BOOST
        return fields

    def search(
        self,
        text: str,
        filters: Any,
        langs: Sequence[str],
        limit: int,
        facets: bool,
        plays: dict[str, str],
    ) -> Any:
        from ..query import SearchResult, snippet

        fields = self._fields(langs)
        codes: dict[str, list[str]] = {}
        for lang in sorted(set(langs)):
            codes.setdefault(text_field(lang), []).append(lang)
        query = translate(text, fields, codes)
        flt = [{"term": {"doc_type": "passage"}}, *filter_clauses(filters)]
        body: dict[str, Any] = {
            "query": {"bool": {"must": [query], "filter": flt}},
            "size": limit,
            "sort": [{"_score": "desc"}, {"id": "asc"}],
            "track_scores": True,
            "track_total_hits": True,
            "highlight": {
                "fields": {"text_*": {}},
                "number_of_fragments": 0,
                "pre_tags": [_PRE],
                "post_tags": [_POST],
                "require_field_match": True,
            },
        }
        if facets:
            body["aggs"] = {
                name: {"terms": {"field": name, "size": 10000}}
                for name in ("speaker", "lang", "source")
            }
        # The same shard copies for every search of this index: a primary and its replica
        # merge segments on their own, so their statistics (deleted passages still count)
        # differ a little, and two searches served by different copies would score the
        # same passage differently. A copy that fails is still replaced by another.
        params = {"search_type": "dfs_query_then_fetch", "preference": self.alias}
        with self._calling("searching"):
            answer = self.client.search(index=self.alias, body=body, params=params)
        self._complete(answer)
        hits: list[Hit] = []
        keys = query_name_keys(text)
        for rank, hit in enumerate(answer["hits"]["hits"], start=1):
            passage = self._labelled(_passage(hit["_source"]))
            marked = next(iter(hit.get("highlight", {}).values()), [None])[0]
            spans = merged(
                (spans_of(marked, passage.text) if marked else []) + name_spans(passage.text, keys)
            )
            hits.append(
                Hit(
                    passage,
                    rank,
                    round(hit["_score"] or 0.0, 6),
                    snippet(passage.text, spans),
                    spans,
                    text,
                    plays.get(passage.speaker or ""),
                )
            )
        counts: dict[str, dict[str, int]] = {}
        if facets:
            counts = {
                name: {b["key"]: b["doc_count"] for b in agg["buckets"]}
                for name, agg in answer["aggregations"].items()
            }
        return SearchResult(hits, answer["hits"]["total"]["value"], facets=counts)

    def suggest(self, text: str, langs: Sequence[str]) -> str | None:
        """A did-you-mean as the embedded engine makes it (query.suggest): a word is left
        alone when the index's vocabulary holds its folded form, or any field in play (the
        name keys, each language's text) its terms; the others get the nearest word of the
        vocabulary (edit distance up to 2), the most frequent among equally near ones.

        The cluster's term suggester over the ``vocabulary`` field proposes candidates
        (Lucene counts a transposition as one edit, so it proposes a superset); they are
        ranked here by plain edit distance, as Whoosh's corrector ranks them."""
        from ..analysis import analyze
        from ..names import name_key
        from ..query.suggest import SUGGEST_MAX_CHARS, SUGGEST_MAX_WORDS

        words = re.findall(r"\w+", text)
        # bounded work: no correction for a word this long or late (tokens left empty)
        checked = [
            analyze(w, None) if len(w) <= SUGGEST_MAX_CHARS and i < SUGGEST_MAX_WORDS else []
            for i, w in enumerate(words)
        ]
        probes: dict[str, dict[str, Any]] = {}
        candidates: list[int] = []
        for i, tokens in enumerate(checked):
            fields = [(VOCABULARY, tokens), ("names", [name_key(words[i])])]
            fields += [(f"text_{field_lang(lang)}", analyze(words[i], lang)) for lang in langs]
            if not tokens or any(not terms or not all(terms) for _, terms in fields):
                continue  # a stop word somewhere, or no name key: nothing to correct
            candidates.append(i)
            for j, (name, terms) in enumerate(fields):
                probes[f"{i}.{j}"] = {"bool": {"filter": [{"term": {name: t}} for t in terms]}}
        if not probes:
            return None
        with self._calling("checking words"):
            answer = self.client.search(
                index=self.alias,
                body={
                    "size": 0,
                    "query": {"term": {"doc_type": "passage"}},
                    "aggs": {"known": {"filters": {"filters": probes}}},
                },
            )
        self._complete(answer)
        known = {
            int(key.split(".")[0])
            for key, bucket in answer["aggregations"]["known"]["buckets"].items()
            if bucket["doc_count"]
        }
        unknown = [i for i in candidates if i not in known]
        if not unknown:
            return None
        body = {
            f"w{i}": {
                "text": checked[i][0],
                "term": {
                    "field": VOCABULARY,
                    "suggest_mode": "always",
                    "size": 50,
                    "max_edits": 2,
                    "prefix_length": 0,
                    "min_word_length": 1,
                    "accuracy": 0.0,
                    "max_inspections": 20,
                },
            }
            for i in unknown
        }
        with self._calling("looking for a correction"):
            answer = self.client.search(index=self.alias, body={"size": 0, "suggest": body})
        out: list[str] = []
        for i, word in enumerate(words):
            options = []
            if i in unknown:
                typed = checked[i][0]
                for entry in answer["suggest"][f"w{i}"]:
                    for option in entry["options"]:
                        dist = _edits(typed, option["text"])
                        if 0 < dist <= 2:
                            options.append((dist + 0.5 / option["freq"], option["text"]))
            out.append(min(options)[1] if options else word)
        return " ".join(out) if out != words else None

    def _complete(self, answer: dict[str, Any]) -> None:
        """A partial answer is an error: shards that failed, or that never answered because
        they are unassigned (OpenSearch counts those as neither failed nor skipped)."""
        shards = answer.get("_shards", {})
        total = shards.get("total", 0)
        missing = total - shards.get("successful", 0) - shards.get("skipped", 0)
        if missing > 0 or shards.get("failed"):
            reasons = sorted(
                {f.get("reason", {}).get("type", "?") for f in shards.get("failures", [])}
            )
            why = f" ({', '.join(reasons)})" if reasons else " (unassigned or failed)"
            raise BackendError(
                f"{self.where}: {max(missing, shards.get('failed', 0))} of {total} "
                f"shards did not answer{why}; the results would be incomplete"
            )

    def passage(self, passage_id: str) -> Passage:
        with self._calling("reading a passage"):
            answer = self.client.search(
                index=self.alias,
                body={
                    "query": {
                        "bool": {
                            "filter": [
                                {"term": {"id": passage_id}},
                                {"term": {"doc_type": "passage"}},
                            ]
                        }
                    },
                    "size": 1,
                },
            )
        hits = answer["hits"]["hits"]
        if not hits:
            raise PassageNotFound(
                f"no passage with id {passage_id!r}; ids are shown by tutti search"
            )
        return self._labelled(_passage(hits[0]["_source"]))

    def passage_ids(self, prefix: str, limit: int | None) -> list[str]:
        with self._calling("listing passage ids"):
            answer = self.client.search(
                index=self.alias,
                body={
                    "query": {
                        "bool": {
                            "filter": [
                                {"term": {"doc_type": "passage"}},
                                {"prefix": {"id": prefix}},
                            ]
                        }
                    },
                    "_source": False,
                    "fields": ["id"],
                    "sort": [{"id": "asc"}],
                    "size": limit if limit is not None else 10000,
                },
            )
        return [hit["fields"]["id"][0] for hit in answer["hits"]["hits"]]

    def preload(self) -> None:
        self.manifest()

    def sharing(self) -> OpenSearchBackend:
        return OpenSearchBackend(",".join(self.urls))

    def passages(self) -> Iterator[Passage]:
        rows = [
            (d["source"], d["position"], d["body"])
            for d in self._scan({"term": {"doc_type": "passage"}}, ["source", "position", "body"])
        ]
        rows.sort(key=lambda r: (r[0], r[1]))
        for _, _, body in rows:
            yield self._labelled(_passage({"body": body}))

    def _terms(self, field: str, sub: str | None = None) -> dict[str, Any]:
        aggs: dict[str, Any] = {"t": {"terms": {"field": field, "size": 65536}}}
        if sub:
            aggs["t"]["aggs"] = {"s": {"terms": {"field": sub, "size": 1000}}}
        with self._calling("counting values"):
            answer = self.client.search(
                index=self.alias,
                body={"size": 0, "query": {"term": {"doc_type": "passage"}}, "aggs": aggs},
            )
        self._complete(answer)
        out: dict[str, Any] = {}
        for bucket in answer["aggregations"]["t"]["buckets"]:
            out[bucket["key"]] = (
                {b["key"]: b["doc_count"] for b in bucket["s"]["buckets"]}
                if sub
                else bucket["doc_count"]
            )
        return out

    def values(self, field: str) -> set[str]:
        return set(self._terms(field))

    def kind_counts(self) -> dict[str, int]:
        return self._terms("kind")

    def per_speaker(self, field: str) -> dict[str, dict[str, int]]:
        return self._terms("speaker", field)

    def size_bytes(self) -> int:
        with self._calling("reading index stats"):
            stats = self.client.indices.stats(index=self.alias, metric="store")
        return int(stats["_all"]["primaries"]["store"]["size_in_bytes"])

    # -- analysis check ----------------------------------------------------------------------
    def check_analysis(
        self, sample: int = 200
    ) -> dict[str, list[tuple[str, list[str], list[str]]]]:
        """For each language in the index, up to ``sample`` of its passages' words whose
        tokens from the cluster's analyzer differ from tutti's: (word, tutti's, cluster's)."""
        from ..analysis import analyze, words_of

        words: dict[str, set[str]] = {}
        for doc in self._scan({"term": {"doc_type": "passage"}}, ["lang", "body.text"]):
            lang = field_lang(doc["lang"])
            bucket = words.setdefault(lang, set())
            if len(bucket) < sample:
                bucket.update(words_of(doc["body"]["text"], True)[: sample - len(bucket)])
        out: dict[str, list[tuple[str, list[str], list[str]]]] = {}
        for lang, sampled in sorted(words.items()):
            ordered = sorted(sampled)
            with self._calling("analysing words"):
                answer = self.client.indices.analyze(
                    index=self.alias, body={"field": f"text_{lang}", "text": ordered}
                )
            # Each text of the array is analysed alone; tokens carry their text's offsets
            # in the joined text (one position gap per element), so group them by offset.
            cluster: list[list[str]] = [[] for _ in ordered]
            bounds, pos = [], 0
            for w in ordered:
                bounds.append((pos, pos + len(w)))
                pos += len(w) + 1
            for token in answer["tokens"]:
                for i, (start, end) in enumerate(bounds):
                    if start <= token["start_offset"] < end:
                        cluster[i].append(token["token"])
                        break
            diffs = []
            for w, theirs in zip(ordered, cluster, strict=True):
                ours = analyze(w, lang if lang != NEUTRAL else None)
                if ours != theirs:
                    diffs.append((w, ours, theirs))
            out[lang] = diffs
        return out


def _read(todo: list[tuple[Path, str, os.stat_result]], procs: int | None) -> Iterator[Any]:
    """Each file read and chunked (a Document, or Skipped), in order; in worker processes
    when there are enough files to pay for starting them, as the embedded build does."""
    from ..ingest import POOL_MIN_FILES, read_whole

    workers = procs if procs is not None else (os.cpu_count() or 1)
    jobs = [(path, source) for path, source, _ in todo]
    if workers <= 1 or len(jobs) < POOL_MIN_FILES:
        yield from map(read_whole, jobs)
        return
    import multiprocessing

    # spawn, not fork: the CLI may run a progress-bar thread
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        yield from pool.imap(read_whole, jobs, chunksize=4)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), as Whoosh's corrector
    measures it: a transposition is two edits."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _reason(err: Any) -> str:
    info = getattr(err, "info", None)
    if isinstance(info, dict):
        error = info.get("error")
        if isinstance(error, dict):
            return str(error.get("reason") or error.get("type"))
        if error:
            return str(error)
    return str(getattr(err, "error", None) or err).splitlines()[0][:200]


def _passage(source: dict[str, Any]) -> Passage:
    body = dict(source["body"])
    body.setdefault("meta", {})
    return Passage(**body)
