"""SQLite FTS5 and tantivy over a benchmark corpus: the yardsticks of ``speed.py``.

    python benchmarks/baselines.py build {fts5|tantivy} CORPUS.jsonl OUT
    python benchmarks/baselines.py query {fts5|tantivy} OUT 'query'     # JSON Lines, top ten

Both engines index the passages of a JSON Lines corpus (``{"id","lang","source","doc",
"text"}``) as they are, one row or document per passage, and answer with a full answer like
tutti's: the ten best passages by BM25 with id, rank, score, language, source and a snippet
with the query's words marked. The corpus and the 200 queries (``queries.json``) come from
the shared benchmark kit, which is not part of this repository (``benchmarks/README.md``,
"Speed", says where it is and how to build the corpus). The query language is the kit's:
``word``, ``"two words"`` (a phrase), ``a AND b``; a query does not say its language, so
both search every language, as tutti does.

Settings each engine gets (the closest each offers to tutti's per-language analysis):

* SQLite FTS5 (the ``sqlite3`` module's library): one FTS5 table per language, because a
  tokenizer belongs to a table, not a column. English: ``porter unicode61 remove_diacritics
  2`` (Porter stemming); other languages: ``unicode61 remove_diacritics 2`` (FTS5 has no
  other stemmer). Each table is asked for its ten best by ``rank`` (bm25), with
  ``snippet(..., 32 tokens)``; the three lists are merged by score. Rows are inserted in one
  transaction, then ``optimize``.
* tantivy (the ``tantivy`` package, tantivy-py; the ``bench`` extra): one text field per
  language, stored, with positions; English ``en_stem`` (tantivy's built-in: simple
  tokenizer, long-token removal, lowercase, English Snowball stemmer); French and German a
  registered analyzer of the same chain with the French or German Snowball stemmer and
  ASCII folding. Queries go through ``Index.parse_query`` over the three fields; snippets
  come from a ``SnippetGenerator`` of the field of each hit's language (created once per
  query and language present in the hits). The writer gets tantivy-py's default heap and
  threads, then one commit and ``wait_merging_threads``.

Passages of a language neither engine knows get plain analysis, no stemming (FTS5's
``unicode61`` table, tantivy's ``default`` tokenizer) under the field ``xx``.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Languages with their own stemmer in the baselines; others share a plain field.
TANTIVY_STEMMERS = {"en": None, "fr": "french", "de": "german"}
FTS5_TOKENIZERS = {"en": "porter unicode61 remove_diacritics 2"}
PLAIN_FTS5 = "unicode61 remove_diacritics 2"
OTHER = "xx"
LANGS = ("en", "fr", "de", OTHER)
SNIPPET_TOKENS = 32


def _records(corpus: Path) -> Iterator[dict[str, Any]]:
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _lang(record: dict[str, Any]) -> str:
    return record["lang"] if record["lang"] in TANTIVY_STEMMERS else OTHER


# ----------------------------------------------------------------------------- FTS5


def fts5_match(query: str) -> str:
    """The kit's query syntax as an FTS5 MATCH string: every word quoted, so a word such
    as ``NOT`` or one with a hyphen is a word, not an operator."""
    if query.startswith('"') and query.endswith('"'):
        return query
    parts = [p for p in query.split() if p != "AND"]
    return " AND ".join('"' + p.replace('"', '""') + '"' for p in parts)


def build_fts5(corpus: Path, db: Path) -> int:
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    for lang in LANGS:
        tok = FTS5_TOKENIZERS.get(lang, PLAIN_FTS5)
        con.execute(
            f"CREATE VIRTUAL TABLE p_{lang} USING fts5(text, id UNINDEXED, "
            f"source UNINDEXED, tokenize='{tok}')"
        )
    count = 0
    with con:
        for rec in _records(corpus):
            lang = _lang(rec)
            con.execute(
                f"INSERT INTO p_{lang} VALUES (?, ?, ?)", (rec["text"], rec["id"], rec["source"])
            )
            count += 1
    with con:
        for lang in LANGS:
            con.execute(f"INSERT INTO p_{lang}(p_{lang}) VALUES ('optimize')")
    con.close()
    return count


class Fts5:
    """An open FTS5 database answering queries with snippets."""

    def __init__(self, db: Path) -> None:
        self.con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        parts = [
            f"SELECT * FROM (SELECT id, '{lang}', source, "
            f"snippet(p_{lang}, 0, '[', ']', ' ... ', {SNIPPET_TOKENS}), bm25(p_{lang}) AS s "
            f"FROM p_{lang} WHERE p_{lang} MATCH ?1 ORDER BY rank LIMIT ?2)"
            for lang in LANGS
        ]
        self.sql = " UNION ALL ".join(parts) + " ORDER BY 5 LIMIT ?2"

    def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        rows = self.con.execute(self.sql, (fts5_match(query), limit)).fetchall()
        return [
            {
                "id": pid,
                "rank": rank,
                "score": -score,
                "lang": lang,
                "source": source,
                "snippet": snip,
            }
            for rank, (pid, lang, source, snip, score) in enumerate(rows, 1)
        ]

    def close(self) -> None:
        self.con.close()


# ----------------------------------------------------------------------------- tantivy


def _tantivy_schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("id", stored=True)
    sb.add_text_field("lang", stored=True, tokenizer_name="raw")
    sb.add_text_field("source", stored=True, tokenizer_name="raw")
    for lang in LANGS:
        sb.add_text_field(f"text_{lang}", stored=True, tokenizer_name=_tokenizer_name(lang))
    return sb.build()


def _tokenizer_name(lang: str) -> str:
    if lang == "en":
        return "en_stem"
    return f"{lang}_stem" if TANTIVY_STEMMERS.get(lang) else "default"


def _register(index: Any) -> None:
    """French and German stemming analyzers (tantivy-py registers only ``en_stem``)."""
    import tantivy

    for lang, stemmer in TANTIVY_STEMMERS.items():
        if lang == "en" or not stemmer:
            continue
        analyzer = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer(stemmer))
            .filter(tantivy.Filter.ascii_fold())
            .build()
        )
        index.register_tokenizer(f"{lang}_stem", analyzer)


def build_tantivy(corpus: Path, folder: Path) -> int:
    import shutil

    import tantivy

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    index = tantivy.Index(_tantivy_schema(), path=str(folder))
    _register(index)
    writer = index.writer()
    count = 0
    for rec in _records(corpus):
        writer.add_document(
            tantivy.Document(
                id=int(rec["id"]) if str(rec["id"]).isdigit() else count,
                lang=rec["lang"],
                source=rec["source"],
                **{f"text_{_lang(rec)}": rec["text"]},
            )
        )
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    return count


class Tantivy:
    """An open tantivy index answering queries with snippets."""

    def __init__(self, folder: Path) -> None:
        import tantivy

        self._tantivy = tantivy
        self.index = tantivy.Index.open(str(folder))
        _register(self.index)
        self.searcher = self.index.searcher()
        self.schema = self.index.schema
        self.fields = [f"text_{lang}" for lang in LANGS]

    def search(self, query: str, limit: int = 10) -> list[dict[str, Any]]:
        parsed = self.index.parse_query(query, self.fields)
        hits = self.searcher.search(parsed, limit).hits
        generators: dict[str, Any] = {}
        out = []
        for rank, (score, address) in enumerate(hits, 1):
            doc = self.searcher.doc(address)
            lang = doc["lang"][0]
            field = f"text_{lang if lang in TANTIVY_STEMMERS else OTHER}"
            gen = generators.get(field)
            if gen is None:
                gen = generators[field] = self._tantivy.SnippetGenerator.create(
                    self.searcher, parsed, self.schema, field
                )
            out.append(
                {
                    "id": doc["id"][0],
                    "rank": rank,
                    "score": score,
                    "lang": lang,
                    "source": doc["source"][0],
                    "snippet": gen.snippet_from_doc(doc).to_html(),
                }
            )
        return out

    def close(self) -> None:
        self.searcher = None


# ----------------------------------------------------------------------------- CLI


def main(argv: list[str]) -> int:
    usage = (
        "usage: baselines.py build {fts5|tantivy} CORPUS.jsonl OUT | "
        "baselines.py query {fts5|tantivy} OUT QUERY"
    )
    if len(argv) != 4 or argv[0] not in ("build", "query") or argv[1] not in ("fts5", "tantivy"):
        print(usage, file=sys.stderr)
        return 2
    action, engine, path, arg = argv
    if action == "build":
        count = (build_fts5 if engine == "fts5" else build_tantivy)(Path(path), Path(arg))
        print(json.dumps({"passages": count}))
        return 0
    searcher = Fts5(Path(path)) if engine == "fts5" else Tantivy(Path(path))
    hits = searcher.search(arg)
    sys.stdout.write("".join(json.dumps(h, ensure_ascii=False) + "\n" for h in hits))
    return 0 if hits else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
