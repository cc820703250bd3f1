"""Films: which documents are about the same film. Decided here, in one place, once per
build, and written beside the index (``films.json``), so a search only reads the answer.

The rule, strongest first (the README's "Films" section says the same for users):

1. ``film.toml`` in the document's folder or a folder above it (up to the folder indexed)
   names the film: every document under it belongs to that film, and its title and
   aliases gather the claims of rule 2 (two film.toml files giving one title with
   different years are two films; a claim then joins the one of its year).
2. A document that names its film itself (a film record's title and original title, a film
   page's title, a press kit's cover line, a JSON ``film`` field) *claims* it. Claims whose
   titles meet (accents, case, punctuation and a leading article ignored: "Le Concert",
   "LE CONCERT", "The Concert") are one film, and a record's original title joins its
   title ("The Concert" / "Le Concert"), as do a film.toml's aliases.
3. A document that claims nothing joins the film whose title it mentions most in its
   title and first lines (at least four letters or two words; a tie joins none) ...
4. ... else the film of which it names at least two people (actors, characters or
   interviewees, matched by name keys: "Aleksei Guskov" meets "Alexeï Guskov") ...
5. ... else the film of the other documents in its folder, when they belong to one film.
6. Anything else belongs to no film.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

#: The sidecar file a user writes into a folder to say which film it holds.
SIDECAR = "film.toml"
_FILMS = "films.json"
_EVIDENCE = "evidence.json.gz"
#: Words dropped from the start of a title before titles are compared.
_ARTICLES = frozenset(
    [
        "the",
        "a",
        "an",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "il",
        "lo",
        "gli",
        "i",
        "el",
        "los",
        "las",
        "de",
        "het",
        "een",
        "o",
        "os",
        "as",
    ]
)
_SIDECAR_KEYS: dict[str, type[Any]] = {
    "title": str,
    "original_title": str,
    "year": int,
    "aliases": list,
}
_TYPE_NAMES: dict[type[Any], str] = {
    str: "a string",
    int: "a whole number",
    list: "a list of strings",
}
#: How a document came to its film, in the rule's order (films.json, `tutti films`).
HOW = ("film.toml", "own title", "mention", "cast", "folder")


@lru_cache(maxsize=1)
def _combining() -> re.Pattern[str]:
    """Every combining mark (accents and the like), as one character class: a regex
    drops them in C where a test of each character in Python was the slow part."""
    marks = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{re.escape(marks)}]+")


def _unaccented(text: str) -> str:
    """Without accents, and the letters NFKD leaves whole written as a keyboard without
    them writes them: "Le Choeur gele" is "Le Chœur gelé"."""
    if str(text).isascii():
        return str(text)
    from .analysis import SPECIAL_LETTERS  # (imported by every search already)

    return _combining().sub("", unicodedata.normalize("NFKD", str(text).translate(SPECIAL_LETTERS)))


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: how titles are compared."""
    return " ".join(re.sub(r"[^\w]+|_", " ", _unaccented(text).casefold()).split())


def bare(text: str) -> str:
    """``fold`` without a leading article ("Le Concert" and "The Concert" → "concert")."""
    words = fold(text).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


# -- the sidecar -------------------------------------------------------------------------


class SidecarError(ValueError):
    """A film.toml that cannot be used; the message says why."""


def _load_toml(data: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # installed on 3.10 alone
    return tomllib.loads(data.decode("utf-8"))


#: The most a film.toml may hold: its four fields take a few hundred bytes.
SIDECAR_BYTES = 65_536


def read_sidecar(path: Path) -> dict[str, Any]:
    """A film.toml's fields: ``title`` (required), ``original_title``, ``year``, ``aliases``."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(SIDECAR_BYTES + 1)
        if len(raw) > SIDECAR_BYTES:  # (a film's four fields: it was cut here, and then failed)
            raise SidecarError(f"film.toml is larger than {SIDECAR_BYTES // 1024} KiB")
        data = _load_toml(raw)
    except OSError as err:
        raise SidecarError(f"unreadable film.toml: {err.strerror}") from err
    except (UnicodeDecodeError, ValueError) as err:  # TOMLDecodeError is a ValueError
        raise SidecarError(f"not a valid film.toml: {err}") from err
    except RecursionError:  # tomllib parses nested tables and arrays recursively
        raise SidecarError("not a valid film.toml: nested too deep") from None
    out: dict[str, Any] = {}
    for key, wanted in _SIDECAR_KEYS.items():
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, wanted) or isinstance(value, bool):
            raise SidecarError(f"film.toml: {key} must be {_TYPE_NAMES[wanted]}")
        if key == "year" and not 1 <= value <= 9999:  # TOML itself allows any size
            raise SidecarError("film.toml: year must be a year, 1 to 9999")
        if key == "aliases":
            if not all(isinstance(a, str) for a in value):
                raise SidecarError("film.toml: aliases must be a list of strings")
            value = [" ".join(a.split()) for a in value if a.strip()]
        elif isinstance(value, str):
            value = " ".join(value.split())
        out[key] = value
    if not out.get("title"):
        raise SidecarError("film.toml: a title is required")
    return out


def find_sidecar(path: Path, source: str, roots: Iterable[Path] = ()) -> dict[str, Any] | None:
    """The film.toml nearest the file, in its folder or a folder above it up to the folder
    indexed: the nearest of ``roots`` above the file, else as many folders as ``source``
    (the file's name relative to that folder) has. None when there is none, or it is
    unusable (the build reports that one, as a skipped file)."""
    above = [r for r in roots if r == path or r in path.parents]
    top = max(above, key=lambda r: len(r.parts)) if above else None
    folder = path.parent
    for _ in range(len(path.parts) if top is not None else max(1, len(Path(source).parts))):
        candidate = folder / SIDECAR
        try:
            found = candidate.is_file()
        except OSError:  # a folder unreadable for now: its film.toml is not known
            found = False
        if found:
            try:
                return {**read_sidecar(candidate), "path": str(candidate)}
            except SidecarError:
                return None
        if (top is not None and (folder == top or top == path)) or folder.parent == folder:
            break
        folder = folder.parent
    return None


# -- films -------------------------------------------------------------------------------


@dataclass
class Film:
    """A film and the documents about it."""

    key: str
    title: str
    original_title: str | None = None
    year: int | None = None
    variants: list[str] = field(default_factory=list)  # every title it is known by
    documents: dict[str, str] = field(default_factory=dict)  # source -> how (HOW)

    def label(self) -> dict[str, Any]:
        """What a hit says of its film (the JSON ``film`` field)."""
        return {"title": self.title, "original_title": self.original_title, "year": self.year}

    def names(self) -> list[str]:
        return [n for n in (self.title, self.original_title, *self.variants) if n]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "original_title": self.original_title,
            "year": self.year,
            "variants": self.variants,
            "documents": self.documents,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Film:
        return cls(
            data["key"],
            data["title"],
            data.get("original_title"),
            data.get("year"),
            list(data.get("variants", [])),
            dict(data.get("documents", {})),
        )


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _claim_of(meta: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(how, claim) of a document: its film.toml, else what it says itself."""
    side = meta.get("sidecar")
    if side:
        return "film.toml", side
    claim = meta.get("film_claim")
    return ("own title", claim) if claim else None


def _titles(claim: Mapping[str, Any]) -> list[str]:
    return [
        t
        for t in (claim.get("title"), claim.get("original_title"), *claim.get("aliases", []))
        if isinstance(t, str) and bare(t)
    ]


def _display(title: str) -> str:
    """A title written in capitals on a cover reads better in natural case."""
    from .names import in_capitals, natural_case

    return natural_case(title) if in_capitals(title) else title


def _most_common(values: Iterable[Any]) -> Any:
    """The most frequent value; ties go to the first in sorted order (never to hash order)."""
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]).isupper(), str(kv[0])))[0][0]


def _person_keys(name: str) -> tuple[str, ...]:
    from .names import name_keys

    keys = name_keys(name)
    return (keys[0], keys[-1]) if len(keys) >= 2 else tuple(keys)


def group(documents: Mapping[str, Any], evidence: Mapping[str, Mapping[str, Any]]) -> list[Film]:
    """Films of an index: ``documents`` maps source to an entry with ``meta``, ``path`` and
    ``speakers`` (the manifest's); ``evidence`` maps source to {lead, keys}."""
    sources = sorted(documents)
    union = _Union()
    claimed: dict[str, tuple[str, dict[str, Any]]] = {}
    for source in sources:
        found = _claim_of(documents[source].meta)
        if found is not None:
            claimed[source] = found
    # A title two film.toml files give with different years names two films: there a
    # claim joins the one of its own year (and one without a year joins neither).
    years: dict[str, set[int | None]] = {}
    for how, claim in claimed.values():
        if how == "film.toml":
            for title in _titles(claim):
                years.setdefault(bare(title), set()).add(claim.get("year"))
    for source, (how, claim) in claimed.items():
        node = f"doc:{source}"
        # Under a film.toml only its titles join: the user's word, not the documents'.
        for title in _titles(claim):
            key = bare(title)
            if len(years.get(key, ())) > 1:
                key = f"{key}@{claim.get('year') or '?'}"
            union.join(node, f"title:{key}")
        if how == "film.toml":
            union.join(node, f"sidecar:{claim['path']}")
    components: dict[str, list[str]] = {}
    for source in claimed:
        components.setdefault(union.find(f"doc:{source}"), []).append(source)
    films = [_film(members, claimed, documents) for members in components.values()]
    films.sort(key=lambda f: (bare(f.title), f.year or 0, min(f.documents)))
    _assign_keys(films)
    film_of = {s: f for f in films for s in f.documents}
    _join_unclaimed(sources, documents, evidence, films, film_of)
    return films


def _film(
    members: list[str],
    claimed: Mapping[str, tuple[str, dict[str, Any]]],
    documents: Mapping[str, Any],
) -> Film:
    members = sorted(members)
    sidecars = [claimed[s][1] for s in members if claimed[s][0] == "film.toml"]
    claims = [claimed[s][1] for s in members]
    own = [documents[s].meta.get("film_claim") or {} for s in members]
    if sidecars:
        title, original, year = (
            sidecars[0]["title"],
            sidecars[0].get("original_title"),
            sidecars[0].get("year"),
        )
    else:
        title = _most_common(c.get("title") for c in claims)
        original = _most_common(c.get("original_title") for c in claims)
        year = _most_common(c.get("year") for c in claims)
    title = _display(title)
    if original and bare(original) == bare(title) and fold(original) == fold(title):
        original = None
    variants: list[str] = []
    seen = {fold(title)} | ({fold(original)} if original else set())
    for claim in claims + own:
        for name in _titles(claim):
            if fold(name) not in seen:
                seen.add(fold(name))
                variants.append(_display(name))
    return Film("", title, original, year, variants, {s: claimed[s][0] for s in members})


def _assign_keys(films: list[Film]) -> None:
    from .chunk.text import slug

    used: Counter[str] = Counter()
    for film in films:
        base = slug(film.title) + (f"-{film.year}" if film.year else "")
        used[base] += 1
        film.key = base if used[base] == 1 else f"{base}-{used[base]}"


def _join_unclaimed(
    sources: list[str],
    documents: Mapping[str, Any],
    evidence: Mapping[str, Mapping[str, Any]],
    films: list[Film],
    film_of: dict[str, Film],
) -> None:
    """Rules 3 to 5 for the documents that claim no film. Titles and people are indexed
    by a word, so each document is read once whatever the number of films."""
    if not films:
        return
    keyed = {f.key: f for f in films}
    titles = _TitleIndex(films)
    people = _people_index(films, documents)
    unclaimed = [s for s in sources if s not in film_of]
    for source in unclaimed:
        ev = evidence.get(source) or {}
        chosen = _best(titles.mentions(ev.get("lead", "")), keyed)
        how = "mention"
        if chosen is None:
            named = _people_named(people, set(ev.get("keys", [])))
            chosen = _best({k: n for k, n in named.items() if n >= 2}, keyed)
            how = "cast"
        if chosen is not None:
            chosen.documents[source] = how
    assigned = {s: f for f in films for s in f.documents}
    by_folder: dict[str, set[str]] = {}
    for source, film in assigned.items():
        by_folder.setdefault(_folder(documents[source]), set()).add(film.key)
    for source in unclaimed:
        if source in assigned:
            continue
        keys = by_folder.get(_folder(documents[source]), set())
        if len(keys) == 1:
            keyed[next(iter(keys))].documents[source] = "folder"
    for film in films:
        film.documents = dict(sorted(film.documents.items()))


_QUOTES = "«“\"‘'„‹»”’›"
_WORD = re.compile(r"[^\W_]+")


def _plain(text: str) -> str:
    """Accents dropped, case and punctuation kept: a mention must be told from a phrase."""
    return _unaccented(text)


class _TitleIndex:
    """Every film's titles (folded, and without their article when two words are left),
    by their first two words (one-word titles by their word), so the candidates at a place
    in a text are the few titles that start with the same two words, however many films
    start with "The". Titles shorter than four letters and of one word are left out
    ("Up", "Ida" are words of running text too)."""

    def __init__(self, films: list[Film]) -> None:
        self.titles: dict[tuple[str, ...], dict[tuple[str, ...], set[str]]] = {}
        for film in films:
            names = {fold(n) for n in film.names()} | {
                bare(n) for n in film.names() if " " in bare(n)
            }
            for name in names:
                if len(name) >= 4 or " " in name:
                    words = tuple(name.split())
                    self.titles.setdefault(words[:2], {}).setdefault(words, set()).add(film.key)

    def mentions(self, lead: str) -> dict[str, int]:
        """Films named in ``lead`` and how often, counting only what is written as a title:
        its first word after an article capitalised ("Le Concert", "The Last Symphony"),
        or in quotes ("« la dernière symphonie »"); "the concert" in a sentence is no
        mention. The longest title at a place wins, and the next match starts after it."""
        text = _plain(lead)
        tokens = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
        folded = [t.casefold() for t, _ in tokens]
        counts: dict[str, int] = {}
        i = 0
        while i < len(tokens):
            best: tuple[str, ...] | None = None
            for head in (tuple(folded[i : i + 2]), (folded[i],)):
                for words in self.titles.get(head, {}):
                    if tuple(folded[i : i + len(words)]) == words and (
                        best is None or len(words) > len(best)
                    ):
                        best = words
            if best is None:
                i += 1
                continue
            key = tokens[i + 1][0] if len(best) > 1 and best[0] in _ARTICLES else tokens[i][0]
            start = tokens[i][1]
            if key[:1].isupper() or any(q in text[max(0, start - 2) : start] for q in _QUOTES):
                for film_key in self.titles[best[:2]][best]:
                    counts[film_key] = counts.get(film_key, 0) + 1
            i += len(best)
        return counts


def _people_index(
    films: list[Film], documents: Mapping[str, Any]
) -> dict[str, set[tuple[str, str]]]:
    """Each film's people (cast actors and characters, interviewees of its documents) by
    the name key of their last name: {last key: {(first key, film key)}}."""
    index: dict[str, set[tuple[str, str]]] = {}
    for film in films:
        for source in film.documents:
            entry = documents[source]
            names = list(entry.speakers or {})
            for member in entry.meta.get("cast", []) or []:
                names.extend(n for n in (member.get("actor"), member.get("character")) if n)
            for keys in map(_person_keys, names):
                if len(keys) >= 2:
                    index.setdefault(keys[-1], set()).add((keys[0], film.key))
    return index


def _people_named(index: Mapping[str, set[tuple[str, str]]], keys: set[str]) -> dict[str, int]:
    """Per film, how many of its people a document names (first and last name keys both
    among the document's)."""
    named: dict[str, set[tuple[str, str]]] = {}
    for last in keys:
        for first, film_key in index.get(last, ()):
            if first in keys:
                named.setdefault(film_key, set()).add((first, last))
    return {k: len(v) for k, v in named.items()}


def _best(counts: Mapping[str, int], keyed: Mapping[str, Film]) -> Film | None:
    """The film counted most; none on a tie or when nothing was counted."""
    top = max(counts.values(), default=0)
    winners = [k for k, n in counts.items() if n == top]
    return keyed[winners[0]] if top > 0 and len(winners) == 1 else None


def _folder(entry: Any) -> str:
    return str(Path(entry.path).parent)


# -- beside the index --------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
    """A new file under the name (never through a hard link a sync shares with the
    previous generation)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_evidence(gen: Path | None) -> dict[str, dict[str, Any]]:
    """The grouping evidence of every document, one JSON object a line (an index written
    before held them all on one line, which reads the same). A damaged file is
    ``IndexDamaged``: a sync without it would group every unchanged document by its
    metadata alone and lose the films their mentions gave them."""
    from .errors import IndexDamaged

    if gen is None:
        return {}
    out: dict[str, dict[str, Any]] = {}
    try:
        with gzip.open(gen / _EVIDENCE, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    out.update(json.loads(line))
    except FileNotFoundError:
        return {}
    except (OSError, EOFError, ValueError, TypeError, zlib.error) as err:
        where = f"{gen.name}/{_EVIDENCE}"
        raise IndexDamaged(f"index at {gen.parent} is damaged ({where}: {err})") from None
    return out


def _write_evidence(path: Path, evidence: Mapping[str, dict[str, Any]]) -> None:
    """One line a document, streamed through gzip: the whole as one JSON string, then
    its bytes, then their compression, made a large build's peak memory (1M passages)."""
    tmp = path.with_name(path.name + ".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as out:
        for source in sorted(evidence):
            line = json.dumps({source: evidence[source]}, ensure_ascii=False, sort_keys=True)
            out.write(line.encode("utf-8") + b"\n")
    os.replace(tmp, path)


def finish(
    gen: Path, documents: Mapping[str, Any], previous: Path | None, roots: Iterable[Path] = ()
) -> list[Film]:
    """At the end of a build: each document's film.toml looked up again (a sidecar edited
    since the last build counts even for unchanged files), the grouping evidence of new
    documents moved out of their metadata (the manifest stays small), and the films
    written beside the index. ``roots``: the folders (resolved) this build indexed."""
    old = read_evidence(previous)
    roots = [Path(r) for r in roots]
    evidence: dict[str, dict[str, Any]] = {}
    for source in sorted(documents):
        entry = documents[source]
        found = entry.meta.pop("evidence", None)
        if found is None:
            found = old.get(source)
        if found is not None:
            evidence[source] = found
        side = find_sidecar(Path(entry.path), source, roots)
        if side:
            entry.meta["sidecar"] = side
        else:
            entry.meta.pop("sidecar", None)
    films = group(documents, evidence)
    _write_evidence(gen / _EVIDENCE, evidence)
    _write_atomic(
        gen / _FILMS,
        json.dumps({"films": [f.to_json() for f in films]}, ensure_ascii=False, indent=1).encode(
            "utf-8"
        ),
    )
    return films


def read_films(gen: Path) -> list[Film]:
    """The films a build wrote (every build of this format writes the file, films or none:
    without it, every film would read as unknown and every document as filmless)."""
    from .errors import IndexDamaged

    where = f"{gen.name}/{_FILMS}"
    try:
        data = json.loads((gen / _FILMS).read_text(encoding="utf-8"))
        return [Film.from_json(f) for f in data.get("films", [])]
    except FileNotFoundError:
        raise IndexDamaged(f"index at {gen.parent} is damaged ({where} is missing)") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise IndexDamaged(f"index at {gen.parent} is damaged ({where}: {err})") from err


# -- naming a film -----------------------------------------------------------------------


def matches(value: str, film: Film) -> bool:
    """Does a user's spelling name this film? Any of its titles, accents, case, punctuation
    and a leading article ignored; a year may follow ("Le Concert 2009")."""
    wanted = fold(value)
    year = re.search(r"\b(19|20)\d{2}$", wanted)
    if year and film.year and wanted != str(film.year):
        title_part = wanted[: year.start()].strip()
        if title_part and int(year.group(0)) != film.year:
            return False
        wanted = title_part or wanted
    keys = {fold(n) for n in film.names()} | {bare(n) for n in film.names()}
    return wanted in keys or bare(wanted) in keys


def closest(value: str, films: Iterable[Film], n: int = 3) -> list[str]:
    """Titles of the films nearest a spelling nobody matched, for the error message."""
    import difflib

    by_name: dict[str, str] = {}
    for film in films:
        for name in film.names():
            by_name.setdefault(fold(name), film.title)
    near = difflib.get_close_matches(fold(value), list(by_name), n=n * 2, cutoff=0.4)
    partial = [k for k in by_name if fold(value) and (fold(value) in k or k in fold(value))]
    out: list[str] = []
    for key in partial + near:
        if by_name[key] not in out:
            out.append(by_name[key])
    return out[:n]
