"""Document metadata, read from the document itself: its title, author, publication, date,
the film it claims to be about, and the lines (title lines, headings, byline) that are no
passage's text but must stay searchable.

Everything here is per document, never per index: a citation names the document the
quotation came from, and an index holds the press of many films. The film a document is
*grouped* into is decided later, across documents, in ``films.py``; this module only
records what the document says (``film_claim``) and what grouping may look at
(``evidence``).
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .chunk import prose
from .chunk.presskit import _HEADING, is_question_heading, speaker_of_heading
from .chunk.speakers import (
    TITLE_LINE_CHARS,
    film_of_heading,
    film_of_headline,
    hears_someone,
    interviewers,
    quote_headline,
    title_after,
)
from .chunk.text import (
    MARKDOWN_HEADING_MARK,
    clean_spaces,
    ends_sentence,
    heading_text,
    strip_emphasis,
    word_count,
)
from .letters import is_greeting
from .model import DocumentKind
from .names import in_capitals

#: "By Sarah Whitfield", "Par Jeanne Martin — Le Monde", "Von Karl Muster, 3. März 2026".
#: "Reviewed by Hamish Colquhoun for Screen North, 18 June 2025" too.
_BYLINE = re.compile(
    r"^\s*(?:(?i:reviewed|written|review|critique|kritik|crítica)\s+)?"
    r"(?i:by|par|von|di|por|door|av|af)\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+(?:(?:de|du|des|van|von|der|den|la|le|da|di|del|"
    r"della|dos|das|do|zu|ter|ten)\s+)*"
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]+){0,3})"
    r"\s*(?:$|(?:[,|–—·•/-]|\s(?i:for|pour|für|per|para))\s*(?P<rest>.{0,120})$)"
)
#: A critic's signature closing a review, their name then the publication and a date:
#: "Mathilde Roux – Les Échos du cinéma, 2 avril 2025".
_SIGNATURE = re.compile(
    r"^\s*(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+){1,3})"
    r"\s*[,|–—·•]\s*(?P<rest>\S.{0,120})$"
)
#: A date at the start of a metadata value, as ISO 8601 writes it (what HTML meta tags,
#: trafilatura and JSON exports give); other spellings are not guessed at.
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
#: Lines on a press kit's cover that are not the film's title.
_GENERIC = re.compile(
    # (after a qualifier: "International press kit", "Technical credits")
    r"^\s*(?:(?:international|internationales?|technical|technische|full|complete|main|"
    r"official)\s+)?"
    r"(press\s*kit|press\s*notes|production\s*notes|dossier\s+de\s+presse|notes\s+de\s+"
    r"production|presse(heft|mappe|material)|cartella\s+stampa|dossier\s+de\s+prensa|"
    r"persmap|pressmaterial|pressemateriale|materiały\s+prasowe|dossiê\s+de\s+imprensa|"
    r"press\s*book|dossier\s+stampa|"
    r"synopsis|short\s+synopsis|long\s+synopsis|synopsis\s+court|résumé|resume|inhalt|"
    r"kurzinhalt|sinossi|sinopsis|trama|credits|crédits|cast|casting|fiche\s+technique|"
    r"about\s+the\s+film|(a|un|une|ein|eine|una)\s+(film|movie)\b.*|.*\b(presents|présente|"
    r"präsentiert|presenta)\s*$)",
    re.IGNORECASE,
)
#: Author values that name the program that wrote the file, not a person.
_GENERATORS = frozenset(
    {
        "python-docx",
        "microsoft office user",
        "unknown",
        "author",
        "admin",
        "administrator",
        "user",
        "fpdf",
        "fpdf2",
    }
)
_JSON_AUTHOR = ("author", "byline", "critic", "authors")
_JSON_PUBLICATION = (
    "publication",
    "publisher",
    "site",
    "sitename",
    "outlet",
    "newspaper",
    "magazine",
    "source",
)
_JSON_DATE = ("published", "published_at", "publication_date", "pub_date", "date_published")
_JSON_FILM = ("film", "movie", "film_title", "movie_title")
#: How much of a document grouping reads for title mentions and cast names.
LEAD_CHARS = 1500
KEY_CHARS = 6000
MAX_KEYS = 300
MAX_HEADINGS = 200


def is_heading_line(paragraph: str) -> bool:
    """A paragraph that heads a section: a press-kit or interview heading, or the short
    heading-like line prose chunking turns into a section."""
    return bool(
        _HEADING.match(paragraph) or speaker_of_heading(paragraph) or prose.is_heading(paragraph)
    )


def headings(text: str, sections: Iterable[str | None] = ()) -> list[str]:
    """The document's heading lines in order, each once: lines in capitals, interview and
    Markdown headings found line by line (a heading straight above another is no
    passage's section), then the sections the chunker saw (mixed-case headings)."""
    out: list[str] = []
    seen: set[str] = set()

    def add(line: str) -> None:
        line = heading_text(line)
        if line and line.casefold() not in seen and len(out) < MAX_HEADINGS:
            seen.add(line.casefold())
            out.append(line)

    candidates = [  # (a question set as a heading is the question of the passage below it)
        line
        for line in text.split("\n")
        if len(line) <= 120
        and (_HEADING.match(line) or MARKDOWN_HEADING_MARK.match(line) or speaker_of_heading(line))
        and not is_question_heading(line)
    ]
    repeated = _repeated(candidates)
    for line in candidates:
        if line.strip() not in repeated:
            add(line)
    for section in sections:
        if section and section.strip() not in repeated:
            add(section)
    return out


def _repeated(lines: Iterable[str]) -> set[str]:
    """Lines that come back: a running header or footer ("NORTHERN ROAD - PRESS NOTES" on
    every page) is page furniture, which the chunkers remove on purpose, not a heading."""
    counts = Counter(line.strip() for line in lines)
    return {line for line, n in counts.items() if n > 1}


def title_lines(text: str) -> list[str]:
    """The heading lines at the very top, before the first paragraph of prose (a byline
    between them is passed over)."""
    out: list[str] = []
    blocks = [
        lines
        for block in re.split(r"\n[ \t]*\n", text[:4000])
        if (lines := [clean_spaces(line).strip() for line in block.split("\n") if line.strip()])
    ]
    for at, lines in enumerate(blocks):
        if len(lines) == 1 and (ends_sentence(lines[0].strip("*_ ")) or is_greeting(lines[0])):
            break  # "*How did it start?*": an interview's first prompt; "Hi Tom,": a letter
        if (
            not out
            and len(lines) == 1
            and at + 1 < len(blocks)
            and _BYLINE.match(blocks[at + 1][0])
            and word_count(lines[0]) <= HEADLINE_WORDS
        ):
            out.append(heading_text(lines[0]))  # a headline over its byline, of any length
            continue
        if (
            not out
            and len(lines) == 2
            and _is_rubric(lines[0])
            and word_count(lines[1]) <= HEADLINE_WORDS
            and not ends_sentence(lines[1])
        ):
            out.extend(map(heading_text, lines))  # "CRITIQUE" over « Le Goût du sel » : …
            continue
        if not out and _cover_block(lines):
            out.extend(heading_text(line) for line in lines if is_heading_line(line))
            continue
        if _PRESENTS.search(lines[-1]) and all(word_count(line) <= 16 for line in lines):
            continue  # "ORIZZONTE FILM / in collaborazione con RAI CINEMA / presenta"
        if len(lines) == 1 and is_heading_line(lines[0]):
            if _occurrences(text, lines[0]) > 1:  # a running header, not the title
                continue
            out.append(heading_text(lines[0]))
        elif not (len(lines) == 1 and _BYLINE.match(lines[0])):
            break
    return [line for line in out if line]


#: The most words of a headline over a byline ("The Frozen Choir review – a hymn in the
#: snow", "By Jane Harlow"): a sentence of an intro has more.
HEADLINE_WORDS = 16

#: A cover's block of lines: the title, then a credit or the film's facts, no more.
COVER_LINES = 4


def _cover_block(lines: list[str]) -> bool:
    """Is the first block of a text a cover of several lines ("HARROWGATE" over "A film
    by Imogen Castellane", "THE QUARRY SINGERS" over "Production Notes"): a title line
    first, a credit or a press kit's name under it, no line a sentence? (A festival's,
    a publication's or a company's name over a second line is no cover.)"""
    return (
        1 < len(lines) <= COVER_LINES
        and is_heading_line(lines[0])
        and not _GENERIC.match(lines[0])
        and (
            any(_GENERIC.match(line) for line in lines[1:])
            # a transcript's: "THE SALTMARSH CHOIR" over "Post-screening Q&A, …", the
            # film's title in capitals, no festival's name
            or (
                in_capitals(lines[0])
                and not _FESTIVAL.search(lines[0])
                and bool(_EVENT.search(lines[1]))
            )
        )
        and not any(_PRESENTS.search(line) for line in lines)
        and all(word_count(line) <= 12 and not ends_sentence(line) for line in lines)
    )


#: What a transcript's header says took place under the film's title.
_EVENT = re.compile(
    r"(?i)(?:\bq\s*&\s*a\b|\bpost-screening\b|\bafter the screening\b|\bconversa\b|"
    r"\bconversation\b|\brencontre\b|\bdébat\b|\bdebate\b|gespräch\b|\bcoloquio\b|"
    r"\bencuentro\b|\bincontro\b|\bpanel\b|\bmasterclass\b|\bpress conference\b|"
    r"\bconférence de presse\b|\bpressekonferenz\b)"
)
#: A festival's or an event's own name, over its programme: no film's.
_FESTIVAL = re.compile(
    r"(?i)\b(?:festival|festiva|filmfest|biennale|berlinale|mostra|semaine|journées|days|"
    r"week|magazine|awards?)\b"
)


# "LES FILMS DU GRAND LARGE" over "présente": a company, the film's title comes after.
_PRESENTS = re.compile(r"\b(?:presents|présente|präsentiert|presenta|apresenta)\s*$", re.I)


def _is_rubric(line: str) -> bool:
    """Is a line a newspaper's rubric, "CRITIQUE", "Cultura | Entrevista"?"""
    words = re.findall(r"[^\W\d_]+", line.casefold())
    return bool(words) and all(word in _RUBRICS for word in words)


def _headline(line: str) -> bool:
    """Is a line over an interview a newspaper's, not the film's: its rubric ("CINÉMA",
    "Cinema | Entrevista"), a magazine's masthead ("SIGHTLINES MAGAZINE · Issue 112"), a
    byline, a quotation ("Lucía Ferrán: «Quería filmar …»", "“I didn't want …”") or a
    sentence after a colon ("Three Sisters, One Kitchen: the cast of *Bitter Almonds* at
    the table")?"""
    if _is_rubric(line):
        return True
    parts = [re.findall(r"[^\W\d_]+", part) for part in _RUBRIC_PARTS.split(line.casefold())]
    if len(parts) > 1 and any(part and all(w in _RUBRICS for w in part) for part in parts):
        return True  # "FILMECHO 11/2024 · KINO · GESPRÄCH"
    if _MASTHEAD.search(line) or _BYLINE.match(line) or quote_headline([line]) == 0:
        return True
    if line.lstrip("#*_ ")[:1] in _QUOTES:
        return True
    if word_count(line) > COVER_WORDS:
        return True
    _, colon, after = line.partition(": ")
    said = re.findall(r"[^\W\d_][\w'’-]*", after)
    return bool(colon) and len(said) >= 4 and sum(w[0].islower() for w in said) * 2 > len(said)


#: The most words a film's title on a cover has ("The Assassination of Jesse James by the
#: Coward Robert Ford": 11); a standfirst under the headline has more.
COVER_WORDS = 12
#: The words of a newspaper's rubrics, in the languages tutti reads.
_RUBRIC_WORDS = (
    "cinema cinéma cine kino film films movies movie culture cultura kultur cultuur "
    "feuilleton spettacoli spettacolo espectáculos arts art entretien entretiens entrevista "
    "entrevistas interview interviews intervista interviste reviews review critique "
    "critiques critica crítica kritik recensione recensioni news actualité actualités "
    "actualidad attualità screen kultura portret portrait reportaje reportage report "
    "festival concorso competition compétition competencia wettbewerb"
)
_RUBRICS = frozenset(_RUBRIC_WORDS.split())
_RUBRIC_PARTS = re.compile(r"\s[·|›>•/]\s|\s[–—]\s")
_MASTHEAD = re.compile(
    r"(?i)\bmagazine\b|\b(?:issue|ausgabe|numéro|número|numero|heft|nummer)\s+\d+"
)


def _occurrences_in(text: str, words: str) -> int:
    """How often ``words`` stand in ``text``, its italics and quotes aside."""
    return strip_emphasis(text).count(words)


def _occurrences(text: str, line: str) -> int:
    """How often ``line`` stands as a whole line of ``text``."""
    return len(re.findall(r"^[ \t]*" + re.escape(line) + r"[ \t]*$", text, re.MULTILINE))


@dataclass(frozen=True)
class Byline:
    line: str  # the line as written, for the title passage
    name: str
    rest: str | None  # what follows the name: publication, date


def byline(text: str) -> Byline | None:
    """A byline among the first lines ("By Sarah Whitfield | The Daily Screen", in
    italics too), else one closing the text ("Reviewed by …", or a signature with a
    date: "Mathilde Roux – Les Échos du cinéma, 2 avril 2025"), or None."""
    last = [line for line in text[-2000:].split("\n") if line.strip()][-3:]
    for raw, closing in [
        *((r, False) for r in text[:4000].split("\n")[:25]),
        *((r, True) for r in last),
    ]:
        line = clean_spaces(raw).strip()
        if word_count(line) > 20:
            continue
        bare = line.strip("*_ ")
        match = _BYLINE.match(bare)
        if not match and closing:
            match = _SIGNATURE.match(bare)
            if match and not written_date(match.group("rest")):
                match = None
        if match:
            rest = (match.group("rest") or "").strip(" |,–—·•-") or None
            return Byline(line, match.group("name").strip(" ."), rest)
    return None


def _byline_publication(rest: str | None) -> str | None:
    """What follows a byline's name, without a date: "The Daily Screen | 14 May 2024" →
    "The Daily Screen"."""
    for part in re.split(r"\s*[|,–—·•/]\s*|\s+-\s+", rest or ""):
        part = part.strip()
        if part and not any(c.isdigit() for c in part) and word_count(part) <= 8:
            return part
    return None


_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?P<body>.{0,3000}?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]{0,40})[ \t]*:[ \t]*(?P<value>.+?)[ \t]*$")


def front_matter_end(text: str) -> int:
    """Where the text after a front matter of ``key: value`` lines begins (0 without one)."""
    block = _front_matter_block(text)
    return block.end() if block else 0


def front_matter_values(text: str) -> list[str]:
    """Every value a front matter writes, without its keys and YAML's marks ("Film /
    Profiles", "47 (printemps 2016)", a list's items): the document keeps them in its
    ``title`` passage, searchable, where metadata has no field for them."""
    block = _front_matter_block(text)
    out: list[str] = []
    for line in block.group("body").split("\n") if block else ():
        found = _FRONT_KEY.match(line)
        value = found.group("value") if found else line
        value = " ".join(value.strip(" \t-[]{}|>\"'").split())
        if value:
            out.append(value)
    return out


def front_matter(text: str) -> dict[str, str]:
    """The ``key: value`` lines of a Markdown file's front matter (between ``---`` lines
    at its very start; Jekyll, Hugo and pandoc write it): one-line values only, quotes
    removed. Its ``date`` is the document's date (``published``)."""
    match = _FRONT_MATTER.match(text)
    return _fields(match.group("body")) if match else {}


def _front_matter_block(text: str) -> re.Match[str] | None:
    """A front matter holding at least one field (``---`` lines alone are rules)."""
    match = _FRONT_MATTER.match(text)
    return match if match and _fields(match.group("body")) else None


def _fields(body: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in body.split("\n"):
        found = _FRONT_KEY.match(line)
        if found:
            value = found.group("value").strip().strip("\"'").strip()
            key = found.group("key").lower()
            if value and not value.startswith(("[", "{", "|", ">")):
                out.setdefault("published" if key == "date" else key, value)
    return out


def iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) from an ISO-like value, else None."""
    match = _ISO_DATE.match(str(value)) if value not in (None, "") else None
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


#: Month names in en/fr/de/it/es, without accents, by their first letters: a written-out
#: month is matched on its longest known prefix of at least three letters ("Sept.", "mars").
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january janvier januar jaenner janner gennaio enero",
        "february fevrier februar febbraio febrero",
        "march mars maerz marz marzo",
        "april avril aprile abril",
        "may mai maggio mayo",
        "june juin juni giugno junio",
        "july juillet juli luglio julio",
        "august aout agosto",
        "september septembre settembre septiembre setiembre",
        "october octobre oktober ottobre octubre",
        "november novembre noviembre",
        "december decembre dezember dicembre diciembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_MONTH = r"(?P<month>[^\W\d_]{3,11})\.?"
#: "14 May 2024", "3. März 2024", "3 de marzo de 2024", "le 3 mars 2024", "May 14, 2024",
#: "14.05.2024", "14/05/2024" (day first, as de/fr/it/es write it).
_WRITTEN_DATES = (
    re.compile(
        r"(?<!\w)(?P<day>\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+)?"
        + _MONTH
        + r"\s+(?:de\s+|del\s+)?(?P<year>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<!\w)" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})(?!\d)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})(?!\d)"),
)


def _month_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c)
    )
    found = {n for name, n in _MONTHS.items() if name.startswith(plain)}
    return found.pop() if len(plain) >= 3 and len(found) == 1 else None


def written_date(text: str | None) -> str | None:
    """``YYYY-MM-DD`` of the first date written out in ``text`` (a byline's rest), or None;
    a day the calendar does not have (31 February) is no date."""
    for pattern in _WRITTEN_DATES:
        for match in pattern.finditer(text or ""):
            month = _month_number(match.group("month"))
            try:
                return datetime.date(
                    int(match.group("year")), month or 0, int(match.group("day"))
                ).isoformat()
            except ValueError:
                continue
    return None


def year_of(value: Any) -> int | None:
    match = _YEAR.search(str(value)) if value not in (None, "") else None
    return int(match.group(1)) if match else None


def _person(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_person(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    name = clean_spaces(value).strip()
    return name if name and name.casefold() not in _GENERATORS else None


def _first(record: Any, keys: Iterable[str]) -> Any:
    """The first of ``keys`` a record fills; of a list of records, the value they all
    give (one critic's reviews share the author), never the first record's alone (an
    export of many critics' reviews is no one's)."""
    if isinstance(record, list):
        found = [_first(item, keys) for item in record if isinstance(item, dict)]
        return found[0] if found and all(f == found[0] for f in found) else None
    if not isinstance(record, dict):
        return None
    return next((record[k] for k in keys if record.get(k) not in (None, "", [])), None)


def _scalar(value: Any) -> str | None:
    return (
        clean_spaces(str(value)).strip() or None if isinstance(value, (str, int, float)) else None
    )


def document_meta(
    kind: DocumentKind,
    text: str,
    raw_meta: dict[str, Any],
    chunk_meta: dict[str, Any],
    chunk_title: str | None,
    json_value: Any,
) -> dict[str, Any]:
    """{title, author, publication, date} of one document (None where it does not say).

    Sources, strongest first: the chunker's title (film record, web page), the file's own
    properties (HTML metadata, DOCX/PDF properties), JSON fields, a byline, the title line.
    """
    record = front_matter(text) if json_value is None else json_value
    lines = title_lines(text) if kind not in ("film-record", "json", "webpage") else []
    found = byline(text) if kind not in ("film-record", "json") else None
    title = chunk_title or raw_meta.get("title") or _scalar(_first(record, ("title", "headline")))
    if not title and lines:
        title = next(
            (
                line
                for line in lines
                if not speaker_of_heading(line)
                and not _GENERIC.match(line)
                and not _is_rubric(line)
                and not interviewers(line)
            ),
            None,
        )
    author = (
        _person(raw_meta.get("author"))
        or _person(_first(record, _JSON_AUTHOR))
        or (found.name if found else None)
    )
    publication = (
        raw_meta.get("publication")
        or _scalar(_first(record, _JSON_PUBLICATION))
        or (_byline_publication(found.rest) if found else None)
    )
    date = (
        iso_date(raw_meta.get("date"))
        or written_date(raw_meta.get("date"))
        or iso_date(_first(record, _JSON_DATE))
        or (iso_date(chunk_meta.get("published")) if chunk_meta.get("published") else None)
        or (written_date(found.rest) if found else None)
        or iso_date(raw_meta.get("created"))
    )
    if title:
        from .names import natural_case

        title = as_written(clean_spaces(str(title)).strip(), text)
        title = natural_case(title) if in_capitals(title) else title  # a cover in capitals
    out = {"title": title or None, "author": author, "publication": publication, "date": date}
    return {k: v for k, v in out.items() if v}


def film_claim(
    kind: DocumentKind,
    text: str,
    chunk_meta: dict[str, Any],
    json_value: Any,
    raw_meta: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """The film a document says it is about: a film record's or film page's title and
    original title, a press kit's cover line, a JSON document's ``film`` field, a web
    review's schema.org ``itemReviewed``."""
    film = _first(front_matter(text), _JSON_FILM) if kind not in ("film-record", "json") else None
    if _scalar(film):
        return _claim(_scalar(film) or "", None, None)
    if raw_meta and _scalar(raw_meta.get("film")):
        return _claim(_scalar(raw_meta["film"]) or "", None, year_of(raw_meta.get("film_year")))
    if kind in ("film-record", "webpage"):
        meta = chunk_meta["records"][0] if "records" in chunk_meta else chunk_meta
        title = _scalar(meta.get("title")) or _scalar(meta.get("original_title"))
        if not title:
            return None
        year = next(
            (y for y in (year_of(meta.get(k)) for k in ("year", "release_date", "date")) if y), None
        )
        return _claim(title, _scalar(meta.get("original_title")), year)
    if kind == "presskit":
        heads = title_lines(text)[:6]
        # the lines as written, their italics kept: "… de *La ceniza del volcán*"
        # (only a line with marks differs from its heading text: the others are looked
        # up as they are)
        written = {
            heading_text(line): line.strip().lstrip("#").strip()
            for line in text[:4000].split("\n")
            if "*" in line or "_" in line
        }
        for line in heads:
            film = film_of_headline(written.get(line, line))
            if film and _occurrences_in(text, film) >= 2:  # "X on Y": Y is written again
                return _claim(as_written(film, text), None, None)
        lines = [line for line in heads if not speaker_of_heading(line) and not hears_someone(line)]
        # Under a newspaper's rubric, masthead or headline come its standfirst and byline,
        # never the film's cover line.
        lines = list(itertools.takewhile(lambda line: not _headline(line), lines))
        cover = [
            line
            for line in lines
            if not _GENERIC.match(line) and not _YEAR.fullmatch(line.strip("() "))
        ]
        if not cover:
            # "Questions for Maja Lindqvist – THE GLASS HARVEST": the film after the name,
            # in a heading or in the title the file gives (an e-mail's subject)
            given = str((raw_meta or {}).get("title") or "")
            film = next(
                (f for f in map(film_of_heading, [*title_lines(text)[:6], given]) if f), None
            )
            film = film or title_after(given)
            return _claim(film, None, None) if film else None
        year = next(
            (year_of(line) for line in lines if year_of(line) and word_count(line) <= 4), None
        )
        title = (
            title_after(written.get(cover[0], cover[0]))
            or title_after(cover[0])
            or _YEAR.sub("", cover[0]).strip(" ()–—-")
            or cover[0]
        )
        # "THE QUIET ORCHESTRA / L'ORCHESTRE TRANQUILLE": a title and its original
        first, _, original = (part.strip() for part in title.partition(" / "))
        if in_capitals(first) and in_capitals(original):
            return _claim(as_written(first, text), as_written(original, text), year)
        return _claim(as_written(title, text), None, year)
    if kind in ("prose", "labelled"):
        # A synopsis or a credit list under its film's title: "THE LANTERN KEEPER" over
        # "SYNOPSIS", "THE GLASS ORCHARD" over "Technical credits"
        lines = title_lines(text)[:2]
        # (or a transcript's: "O MAR NÃO ESPERA" over "Conversa após a sessão – …")
        block = [line.strip() for line in text.lstrip().split("\n\n", 1)[0].split("\n")]
        if (
            len(lines) == 2
            and in_capitals(lines[0])
            and _GENERIC.match(lines[1])
            and not _GENERIC.match(lines[0])
            and not _headline(lines[0])
        ):
            return _claim(as_written(lines[0], text), None, None)
        if _cover_block(block[:2]) and not _headline(block[0]):
            return _claim(as_written(heading_text(block[0]), text), None, None)
    if kind not in ("film-record", "webpage", "presskit", "json"):
        lines = title_lines(text)[:3]
        named: list[Any] = [raw_meta.get("title") if raw_meta else None, *lines]
        # a rubric over the headline reads as its prefix: "CRITIQUE" / "« Le Goût du sel » : …"
        named += [f"{a}: {b}" for a, b in itertools.pairwise(lines) if _is_rubric(a)]
        reviewed = next((f for f in map(_reviewed_film, named) if f), None)
        if reviewed:
            return _claim(reviewed, None, None)
    if kind == "json":
        film = _first(json_value, _JSON_FILM)
        if isinstance(film, dict):
            title = _scalar(film.get("title"))
            return (
                _claim(title, _scalar(film.get("original_title")), year_of(film.get("year")))
                if title
                else None
            )
        title = _scalar(film)
        return _claim(title, None, None) if title else None
    return None


#: A review's headline names its film: "Nachtzug review – …", "Review: Nachtzug", "Critique :
#: « Nachtzug »", "Filmkritik: Nachtzug", "Recensione: …", "Crítica de …".
_REVIEW_WORDS = r"(?:review|critique|kritik|filmkritik|recensione|reseña|crítica|critica)"
_QUOTES = "«»\"“”„‘’'"
_REVIEWED = (
    re.compile(
        rf"^\s*[{_QUOTES}]?\s*(?P<film>[^{_QUOTES}:–—|]{{1,80}}?)\s*[{_QUOTES}]?\s+"
        rf"{_REVIEW_WORDS}\s*(?:[:–—|,-]|$)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*{_REVIEW_WORDS}\b(?:\s+(?:de|of|di|zu))?\s*[:–—-]?\s*[{_QUOTES}]?\s*"
        rf"(?P<film>[^{_QUOTES}:–—|(,]{{1,80}}?)\s*(?:[{_QUOTES}]|[:–—|(,]|$)",
        re.IGNORECASE,
    ),
)


def _reviewed_film(headline: Any) -> str | None:
    """The film a review's headline names, or None (at most eight words: a sentence that
    happens to contain "review" names no film)."""
    if not isinstance(headline, str):
        return None
    for pattern in _REVIEWED:
        match = pattern.match(headline)
        if match:
            film = clean_spaces(match.group("film")).strip(" .,;-")
            if film and word_count(film) <= 8 and film.casefold() not in ("film", "the film"):
                return film
    return None


def as_written(title: str, text: str) -> str:
    """A title in capitals (a cover's) as the text writes it elsewhere, in its own case
    ("Der lange Winter", where title case would make "Der Lange Winter"), else as it is."""
    words = title.split()
    if not in_capitals(title) or not words or len(title) > TITLE_LINE_CHARS:
        return title
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    for match in re.finditer(pattern, text[:_WRITTEN_CHARS], re.IGNORECASE):
        found = " ".join(match.group().split())
        if not in_capitals(found) and found[0].isupper():
            return found
    return title


#: How far into a text a title's own case is looked for.
_WRITTEN_CHARS = 50_000


def _claim(title: str, original: str | None, year: int | None) -> dict[str, Any]:
    claim: dict[str, Any] = {"title": title}
    if original and original != title:
        claim["original_title"] = original
    if year:
        claim["year"] = year
    return claim


def title_passage(
    doc: dict[str, Any],
    text: str,
    kind: DocumentKind,
    chunk_meta: dict[str, Any],
    sections: Iterable[str | None] = (),
    front: Iterable[str] = (),
) -> str | None:
    """The text of a document's ``title`` passage: its title lines, title, original title,
    byline, publication, headings and the values of its front matter (``front``), each
    once, so that a search finds them."""
    lines: list[str] = []
    if kind not in ("film-record", "json", "webpage"):
        lines.extend(title_lines(text))
    if doc.get("title"):
        lines.append(doc["title"])
    if kind in ("film-record", "webpage") and chunk_meta.get("original_title"):
        lines.append(str(chunk_meta["original_title"]))
    found = byline(text) if kind not in ("film-record", "json") else None
    if found:
        lines.append(found.line)
    elif doc.get("author"):
        lines.append(f"By {doc['author']}")
    if doc.get("publication"):
        lines.append(doc["publication"])
    if kind not in ("film-record", "json", "webpage"):
        lines.extend(headings(text, sections))
    lines.extend(front)
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return "\n".join(out) or None


def held_lines(head: str) -> frozenset[str]:
    """The lines of a title passage ``head``, as ``after_head`` and ``before_signature``
    compare paragraphs with them."""
    return frozenset(heading_text(line).casefold() for line in head.split("\n"))


def after_head(text: str, held: frozenset[str]) -> str:
    """A document's first passage without the paragraphs it opens with that the title
    passage holds (``held_lines``; empty if it holds them all): a quotation of a review's
    first paragraph is the critic's words, not "The Frozen Choir review – a hymn in the
    snow By Jane Harlow | …"."""
    paras = text.split("\n\n")
    while paras and heading_text(paras[0]).casefold() in held:
        paras.pop(0)
    return "\n\n".join(paras)


def before_signature(text: str, held: frozenset[str]) -> str:
    """A document's last passage without the signature closing it that the title passage
    holds ("Mathilde Roux – Les Échos du cinéma, 2 avril 2025"), so that a quotation of
    the last paragraph is not signed as part of it."""
    paras = text.split("\n\n")
    if len(paras) > 1 and heading_text(paras[-1]).casefold() in held:
        paras.pop()
    return "\n\n".join(paras)


def evidence(doc: dict[str, Any], text: str) -> dict[str, Any]:
    """What film grouping may read of a document besides its metadata: the beginning of
    its text (title mentions) and the name keys of its capitalised words (cast names)."""
    from .names import name_keys

    head = text[:KEY_CHARS]
    capitalised = " ".join(w for w in re.findall(r"[\w'’-]+", head) if w[:1].isupper())
    keys: list[str] = []
    for key in name_keys(capitalised):
        if key not in keys:
            keys.append(key)
            if len(keys) >= MAX_KEYS:
                break
    lead = " ".join(filter(None, [doc.get("title"), clean_spaces(text[:LEAD_CHARS])]))
    return {"lead": lead, "keys": keys}
