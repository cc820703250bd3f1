"""How an interview marks its turns on the page: labels, dashes, bold, and what is not text.

A line may start with a turn label ("Maren Oduya:", "Achebe-Park:", "DW:", "J.-P. R. :",
"[OB]", "Q.", "R :", "kinokompass:", "MARTA ESCUDERO:" alone on its line), a dialogue dash
("– ¿Por qué …?"), or be bold as a whole ("**How did you meet?**", as the DOCX and HTML
readers write a bold paragraph). This module only reads those marks; what a label means
(who it is, whether they ask or answer) is decided in ``speakers.py``.

Text exports also carry what is not text: timestamps glued to the words of a transcript
("00:17Pourquoi …"), page numbers and running headers. ``clean_lines`` removes them before
anything else looks at the lines, so they never end a section or reach a passage; a
running header's first occurrence stays (it is often the film's title).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from fractions import Fraction

from ..letters import is_closing_line, is_greeting, is_sign_off
from .speakers import (
    REPLY_OPENS,
    REPLY_WROTE,
    is_generic_label,
    is_role_label,
    label_initials,
    label_key,
    name_pairs,
    role_label,
    role_of,
)
from .text import MARKDOWN_HEADING_MARK, ends_sentence, is_hard_wrapped
from .text import paragraphs as text_paragraphs

_TIMESTAMP = re.compile(r"^(\s*)[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*")
_TIMESTAMP_STARTS = frozenset("0123456789[(")
_BOLD_OPEN = re.compile(r"^\s*(?:\*\*|__)")
# What a transcript notes in brackets on its own line: "[Aplausos]", "[END OF TRANSCRIPT]".
_STAGE_WORDS = re.compile(
    r"(?i)(?:applause|aplausos?|applaudissements|applaus|applausi|laughter|laughs|rires|"
    r"risas|risate|gelächter|lachen|music|musique|musik|musica|música|jingle|end|fin|fine|"
    r"ende|break|pause|pausa|silence|inaudible)\b"
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:page|p\.|s\.|seite|pagina|página)\s*)?\d{1,3}"
    r"(?:\s*(?:/|of|sur|von|de|di)\s*\d{1,3})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_BRACKET = re.compile(r"^\s*\[(?P<label>[^\]\n]{1,24})\]\s*:?\s*(?P<rest>.*)$")
_LETTER_DOT = re.compile(
    # "**Q.** Why …", and Spanish papers' "Pregunta. ¿Por qué …?" / "Respuesta. Porque …"
    # (not an initial before a surname label: "R. GENDRON-AUBIN : Une fois, oui.")
    r"^\s*(?:\*\*|__)?(?P<label>[QRADPF]|Pregunta|Respuesta)\.(?:\*\*|__)?\s+"
    r"(?P<rest>(?![A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я'’\-]+\s*:)\S.*)$"
)
_COLON = re.compile(
    r"^\s*(?:\*\*|__)?(?P<label>[^\W\d_][\w'’.\- ]{0,40}?)(?:\s*\((?P<note>[^()\n]{1,30})\))?"
    r"\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*"
    r"(?P<rest>.*)$"
)
# A courtesy title before a label's name ("Mr. Price:", "Frau Vogel:", "M. Dupont :",
# "Mme Lefèvre :"): the name alone is the label, which the heading or intro resolves.
_HONORIFIC = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Mme|Mlle|Sig|Sr|Sra|Srta)\.?|M\.|Miss|Herr|Frau|Signor|Signora|"
    # "M. D.", "M. F.-N." are initials
    r"Don|Doña|Monsieur|Madame)\s+(?=[^\W\d_])(?![^\W\d_]\.(?:\s?-?\s?[^\W\d_]\.)*\s*$)"
)
_DASH = re.compile(r"^\s*[–—―-]\s*(?P<rest>\S.*)$")
_BOLD = re.compile(r"^\s*(?:\*\*|__)(?P<rest>[^*_].*?)(?:\*\*|__)\s*$")
# A question in italics ("*How did you meet?*") is marked like a bold one; other italic lines
# (an intro, an editor's note) are not.
_ITALIC_QUESTION = re.compile(r"^\s*[*_](?P<rest>[^*_\s][^*_]*\?)[*_]\s*$")
_LABEL_PARTICLES = frozenset(
    ["de", "du", "des", "la", "le", "von", "van", "der", "den", "di", "da", "del", "y"]
)


@dataclass(frozen=True)
class Marked:
    """One line and the turn mark it starts with, if any."""

    text: str  # the line without its timestamp
    label: str | None = None  # as written ("Oduya", "[OB]", "J.-P. R.")
    rest: str = ""  # what follows the label (or the dash, or the bold)
    dash: bool = False
    bold: bool = False
    role: str | None = None  # a role in brackets after the label, as written: "(Director)"


def strip_timestamp(line: str) -> str:
    """'00:17Pourquoi …' → 'Pourquoi …', '[00:01:23] HOST: …' → 'HOST: …'; a timestamp
    alone leaves an empty line. A time followed by a space and no turn label is kept: in a
    festival programme ("10:00 Opening film") it is what the line says."""
    if line.lstrip()[:1] not in _TIMESTAMP_STARTS:
        bold = _BOLD_OPEN.match(line)  # "**[00:00:31] Ines Calloway-Park:** …"
        if bold and line[bold.end() : bold.end() + 1] in _TIMESTAMP_STARTS:
            rest = line[bold.end() :]
            stripped = strip_timestamp(rest)
            if stripped == rest:
                return line
            if stripped.startswith(("**", "__")):  # "**[00:01:02]** Hello": bold held the time
                return stripped[2:].lstrip()
            return line[: bold.end()] + stripped.lstrip()
        return line
    match = _TIMESTAMP.match(line)
    if not match:
        return line
    rest = line[match.end() :]
    glued = not match.group(0)[-1:].isspace()
    bracketed = match.group(0).lstrip()[:1] in "[("
    if glued or bracketed or not rest.strip() or _starts_with_label(rest):
        return match.group(1) + rest
    return line


# An e-mail's header fields, which no one speaks: "Date: Tue, 9 Jul 2024", "Betreff: …"
# ("To:", "An:", "Cc:" may be someone's initials).
_HEADER_FIELDS = frozenset(
    {
        *("date", "subject", "bcc", "sent", "from", "reply-to", "datum", "betreff", "von"),
        *("gesendet", "objet", "envoyé", "asunto", "enviado", "fecha", "oggetto", "data"),
        "inviato",
    }
)


def _plausible(label: str) -> bool:
    """Does the text before a colon read as a turn label rather than a sentence?"""
    key = label_key(label)
    if key in _HEADER_FIELDS:
        return False
    if not key or is_role_label(label) or role_label(label) or is_generic_label(label):
        return bool(key)
    words = label.split()
    if len(words) > 4:
        return False
    if len(words) == 1 and words[0].islower():
        return len(words[0]) >= 3 and words[0].isalpha()  # a publication: "kinokompass"
    return all(w[0].isupper() or w.lower() in _LABEL_PARTICLES for w in words)


def mark(line: str) -> Marked:
    """Read the turn mark a line starts with."""
    text = strip_timestamp(line)
    head = text.lstrip()[:48]
    if (
        ":" not in head
        and not head.startswith(("[", "*", "_", "–", "—", "―", "-"))
        and (head[1:2] != ".")
        and not head.startswith(("Pregunta.", "Respuesta."))
    ):
        return Marked(text)  # most lines: no mark at all, said without a regex
    if is_greeting(text) and text.rstrip().endswith(":"):
        return Marked(text)  # "Hola Marta:" opens a letter, no turn of Hola Marta's
    bold = _BOLD.match(text) or _ITALIC_QUESTION.match(text)
    if bold and not _COLON.match(bold.group("rest")):
        return Marked(text, rest=bold.group("rest").strip(), bold=True)
    for pattern in (_BRACKET, _LETTER_DOT, _COLON):
        match = pattern.match(text)
        if (
            pattern is _BRACKET
            and match
            and not match.group("rest").strip()
            and _STAGE_WORDS.match(match.group("label").strip())
        ):
            break  # "[Aplausos]", "[END OF TRANSCRIPT]" alone are the page's; "[OB]" a label
        if match and _plausible(match.group("label")) and not match.group("rest").startswith("//"):
            label, rest = (
                _HONORIFIC.sub("", match.group("label").strip()),
                _after_label_timestamp(match.group("rest").strip()),
            )
            note = match.groupdict().get("note")
            if note and role_of(note):
                return Marked(text, label, rest, role=note.strip())
            if note and _TIMESTAMP.fullmatch(note.strip()):
                note = None  # a transcript export's "Dana Whitcomb (00:01:37):" timecode
            if note:  # a stage direction, "(laughs)", is part of what was said
                rest = f"({note.strip()}) {rest}"
            return Marked(text, label, rest)
    dash = _DASH.match(text)
    if dash:
        return Marked(text, rest=dash.group("rest"), dash=True)
    return Marked(text)


def _after_label_timestamp(rest: str) -> str:
    """What a label says, without the timestamp a transcript sets after it ("[Lena Koch]
    (00:00:03) Herzlich …")."""
    if rest[:1] not in "[(":
        return rest
    match = _TIMESTAMP.match(rest)
    return rest[match.end() :] if match and match.group(0).rstrip()[-1:] in "])" else rest


def _starts_with_label(text: str) -> bool:
    for pattern in (_BRACKET, _COLON):
        match = pattern.match(text)
        if match and _plausible(match.group("label")):
            return True
    return False


_OWN_LINE_LABEL = re.compile(r"^\s*[^\W\d_](?:[^\W\d_]|['’.\- ]){0,38}[^\W\d_.]\s*$")


# A full name in natural case alone on its line: a podcast transcript's "Lea Brückner"
# (under a timecode) above what she says.
_TITLE_CASE_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]+){1,2}$"
)


def _under_timecode(lines: Sequence[str], i: int) -> bool:
    """Is line ``i`` right under a line that is a timecode alone ("00:00:03")?"""
    above = lines[i - 1].strip() if i else ""
    return bool(above) and not strip_timestamp(above).strip()


def own_line_labels(lines: Sequence[str]) -> list[str]:
    """The lines, with a speaker's name printed in capitals alone on its line, no colon,
    above what they say (a transcript's "INTERVIEWER" then "MARCUS BELL"), written as the
    label it is ("MARCUS BELL:"); a full name in natural case too ("Lea Brückner", alone
    under a timecode).

    A press kit's headings look the same ("SYNOPSIS" above its text), so these count only
    when at least two of them recur and one says a role (Interviewer, Q, Moderator) or is
    the full name of someone the text names elsewhere."""
    at: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        stripped = strip_timestamp(line).strip()  # "[00:00:18] HÉLÈNE MARCHAL"
        if (
            (stripped.isupper() or (_TITLE_CASE_NAME.match(stripped) and _under_timecode(lines, i)))
            and len(stripped.split()) <= 4
            and _OWN_LINE_LABEL.match(stripped)
            and (i == 0 or not strip_timestamp(lines[i - 1]).strip())
            and i + 1 < len(lines)
            and lines[i + 1].strip()
            and not lines[i + 1].strip().isupper()
        ):
            at.setdefault(label_key(stripped), []).append(i)
    recurring = [key for key, where in at.items() if len(where) >= 2]
    if len(recurring) < 2:
        return list(lines)
    text = "\n".join(lines).lower()
    # The most used names only: a count over the text per label must not grow with them.
    names = sorted((k for k in recurring if " " in k), key=lambda k: -len(at[k]))[:8]
    if not any(map(is_role_label, recurring)) and not any(
        text.count(key) > len(at[key]) for key in names
    ):
        return list(lines)
    out = list(lines)
    for key, where in at.items():
        if key in recurring or is_role_label(key):
            for i in where:
                out[i] = out[i].rstrip() + ":"
    return out


def prepared_lines(text: str) -> list[str]:
    """The text's lines as the interview reader takes them: Markdown's "> " quote marks
    taken off, names before a dash made labels (``dash_labels``), capitals names alone on
    their line made labels (``own_line_labels``),
    turns run together in one paragraph split (``inline_turns``), a quoted headline made
    a heading (``quoted_headline``)."""
    lines = [_BLOCKQUOTE.sub("", line) for line in email_questions(text.split("\n"))]
    labelled = own_line_labels(dash_labels(dot_labels(timed_labels(lines))))
    return quoted_headline(inline_turns(labelled))


_DASH_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<label>[^\W\d_][\w'’.\-]*(?:[ \t][^\W\d_][\w'’.\-]*){0,2})"
    r"[ \t]+[—–][ \t]+(?P<rest>\S.*)$"
)


def dash_labels(lines: Sequence[str]) -> list[str]:
    """The lines, with a name set before a dash ("Raman — Why risk it?", "Lowe — Because
    …") written as the label it is ("Raman: …"), when at least two such names recur, or
    one person's initials where only the answers are labelled ("M. F.-N. — Parce que …"):
    a dash after a word once or twice is prose ("Paris — the city of light")."""
    at: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for i, line in enumerate(lines):
        if "—" in line or "–" in line:
            match = _DASH_LABEL.match(line)
            if match and _plausible(match.group("label")):
                at.setdefault(match.group("label"), []).append((i, match))
    recurring = [label for label, where in at.items() if len(where) >= 2]
    if len(recurring) < 2 and not (recurring and label_initials(recurring[0])):
        return list(lines)
    return _as_labels(lines, at, recurring)


def _as_labels(
    lines: Sequence[str], at: dict[str, list[tuple[int, re.Match[str]]]], labels: list[str]
) -> list[str]:
    """The lines, those where ``at`` found one of the ``labels`` written "Label: rest"."""
    out = list(lines)
    for label in labels:
        for i, match in at[label]:
            out[i] = f"{match.group('indent')}{label}: {match.group('rest')}"
    return out


_TIMED_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<label>[^\W\d_][\w'’.\- ]{0,40}?)[ \t]+[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]*$"
)


def timed_labels(lines: Sequence[str]) -> list[str]:
    """The lines, with a speaker's name and a time alone on a line above what they say (a
    transcription service's "Ines Palmer  00:03", "Speaker 2  00:06"), written as the
    label they are ("Ines Palmer:"), when two such names recur."""
    at: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if ":" in line and i + 1 < len(lines) and lines[i + 1].strip():
            match = _TIMED_LABEL.match(line)
            if match and _plausible(match.group("label")):
                at.setdefault(match.group("label"), []).append(i)
    recurring = [label for label, where in at.items() if len(where) >= 2]
    first = min((i for where in at.values() for i in where), default=None)
    if len(recurring) < 2 or first is None or not _TIME_NEAR_START.search(lines[first]):
        return list(lines)  # "Mara Kessler  18:00": a listing, not a recording
    out = list(lines)
    for label in recurring:
        for i in at[label]:
            out[i] = f"{label}:"
    return out


# A recording's first timecode: "00:03", "0:00:04", "01:12" (a programme's "18:00" is a
# time of day).
_TIME_NEAR_START = re.compile(r"[ \t\[(](?:0?0|0?1|0?2):\d{2}(?::\d{2})?[\])]?[ \t]*$")


# (in natural case: a play writes its characters "JONAS. Where were you?")
_DOT_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<label>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я](?=[\w'’-]*[a-zß-ÿ])[\w'’-]+)\.[ \t]+(?P<rest>\S.*)$"
)
# Initials before the words, as a typescript labels its turns: "J.R.  Why the nightjar?"
_INITIALS_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<label>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]\.(?:-?[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]\.){1,2})[ \t]+(?P<rest>\S.*)$"
)
_CAPS_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<label>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я'’-]+)[ \t]+(?P<rest>[^\W\d_]?[a-zà-ÿ’'\s,].*)$"
)


def _after_question(lines: Sequence[str], i: int) -> bool:
    """Is the line before ``i`` with words (its paragraph's, or the last one's) a
    question?"""
    above = next((x for x in reversed(lines[max(0, i - 8) : i]) if x.strip()), "")
    return is_question(above) or bool(_BOLD.match(above))


def dot_labels(lines: Sequence[str]) -> list[str]:
    """The lines, with a name set before a full stop, as Spanish papers label answers
    ("Garrido. Ella llegó tarde.", "Ulloa. Diez minutos."), in capitals before the
    words, as a trade paper's round table does once its bold is gone ("QUAYE Oh, me,
    easily."), or initials before them, as a typescript does ("J.R.  Why …?"), written as
    the label it is ("Garrido: …"), when the word recurs so and is part of a full name the
    text writes (or its initials): a sentence of one word ("Sí. Claro …", "Madrid. Allí
    …") is none."""
    at: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for i, line in enumerate(lines):
        head = line[:44]
        match = (
            (_INITIALS_LABEL.match(line) or _DOT_LABEL.match(line)) if "." in head else None
        ) or (_CAPS_LABEL.match(line) if head[:2].isupper() else None)
        if match:
            at.setdefault(match.group("label"), []).append((i, match))
    recurring = [label for label, where in at.items() if len(where) >= 2]
    if not recurring:
        return list(lines)
    pairs = name_pairs("\n".join(lines))
    named = {word.casefold() for pair in pairs for word in pair} | name_keys(pairs)
    labels = [
        label
        for label in recurring
        if (label.casefold() in named or (label_initials(label) or "").lower() in named)
        and not role_of(label)
    ]
    if len(labels) < 2 and not (labels and any(_LETTER_DOT.match(line) for line in lines)):
        return list(lines)
    # a turn answers: some such line follows a question (a wrapped biography's "VASSEUR
    # travaille …" follows prose)
    if not any(_after_question(lines, i) for label in labels for i, _ in at[label]):
        return list(lines)
    return _as_labels(lines, at, labels)


#: Markdown's blockquote mark ("> Because nobody …"): an answer quoted, not its words.
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
# A reply's line introducing the message it quotes: "On Mon, 1 Jul 2024 at 10:15, Rachel
# Dunmore <r.dunmore@…> wrote:", "Am 3. Mai schrieb …:", "Le 2 mars, … a écrit :".
EMAIL_ATTRIBUTION = re.compile(
    rf"{REPLY_OPENS}(?=[^\n]{{0,120}}?(?:@|\d))[^\n]{{0,120}}?{REPLY_WROTE}\s*$", re.MULTILINE
)


def email_questions(lines: Sequence[str]) -> list[str]:
    """The lines, with each run of an e-mail reply's quoted lines that asks something
    joined into one bold line, as a question set in bold is: an interview by e-mail
    answers the questions it quotes ("> 3. How did you find her?") in between them. Only
    in a reply, under a line saying who wrote the message it quotes."""
    if not any(EMAIL_ATTRIBUTION.match(line) for line in lines):
        return list(lines)
    out: list[str] = []
    run: list[str] = []

    asked = False

    def flush() -> None:
        # Once the questions have begun, what else is quoted is the interviewer's too
        # ("> Thanks so much, and good luck with the grade!"); before, a greeting.
        nonlocal asked
        said = " ".join(_BLOCKQUOTE.sub("", x).strip() for x in run).strip()
        asked = asked or "?" in said
        out.extend([f"**{said}**"] if asked else run)
        run.clear()

    for line in lines:
        if _BLOCKQUOTE.match(line) and _BLOCKQUOTE.sub("", line).strip():
            run.append(line)
            continue
        if run:
            flush()
        out.append(line)
    if run:
        flush()
    return out


_QUOTED = re.compile(r"^[«\"“„'‘].*[»\"”“'’]$")


def quoted_headline(lines: Sequence[str]) -> list[str]:
    """A magazine's headline "Lucía Ferrer: «Rodar en el mar es rezar»" opening the text,
    alone in its paragraph, is a heading (written as Markdown's), not the first turn."""
    out = list(lines)
    first = next((i for i, line in enumerate(out) if line.strip()), None)
    if first is None or (first + 1 < len(out) and out[first + 1].strip()):
        return out
    marked = mark(out[first])
    if marked.label and not is_role_label(marked.label) and _QUOTED.match(marked.rest):
        out[first] = "# " + out[first].strip()
    return out


_INLINE_LABELS = 12


def inline_turns(lines: Sequence[str]) -> list[str]:
    """Lines split where a turn starts in the middle of one ("… Why there? OWEN PRICE:
    Because …"): a label in capitals after a sentence's end, that also opens a line of
    its own elsewhere in the text."""
    counts = Counter(m.label for m in map(mark, lines) if m.label and m.label.isupper())
    # the most used labels only: the pattern must not grow with the text
    starts = [label for label, _ in counts.most_common(_INLINE_LABELS)]
    if not starts:
        return list(lines)
    pattern = re.compile(
        r"(?<=[.?!…»\"”])\s+(?=(?:" + "|".join(map(re.escape, starts)) + r")\s*:\s)"
    )
    out: list[str] = []
    for line in lines:
        out.extend(pattern.split(line) if ":" in line else [line])
    return out


# A page number set after a running footer across the page ("Holloway & Finch Films
# <spaces> Page 2", "LES RONCES - Dossier de presse <spaces> 3"): a page word, or a wide
# gap. (The lookbehind lets a match start only where the gap starts, and no two
# quantifiers of spaces meet: linear in a line of spaces.)
PAGE_TAIL = r"(?i)(?<![ \t])(?:[ \t]+(?:page|pag\.|p\.|s\.|seite|página|pagina)[ \t]*|[ \t]{8,})\d{1,3}[ \t]*$"
_PAGE_TAIL = re.compile(PAGE_TAIL)


def clean_lines(lines: Sequence[str]) -> list[str]:
    """Lines without timestamps, page numbers, or the repeats of a running header (its
    page number aside: a footer's numbers go up page by page)."""
    stripped = [strip_timestamp(line) for line in lines]
    counts = Counter(_PAGE_TAIL.sub("", s).strip() for s in stripped if s.strip())
    numbers: dict[str, list[tuple[int, int]]] = {}  # key: (line, page number) of each
    for at, line in enumerate(stripped):
        tail = _PAGE_TAIL.search(line) if line[-1:].isdigit() else None
        if tail:
            digits = tail.group().split()[-1]
            numbers.setdefault(line[: tail.start()].strip(), []).append((at, int(digits)))
    seen: set[str] = set()
    out: list[str] = []
    for line in stripped:
        tail = _PAGE_TAIL.search(line) if line[-1:].isdigit() else None
        key = (line[: tail.start()] if tail else line).strip()
        if _PAGE_NUMBER.match(line):
            continue
        # a footer with its page number may say anything short ("Dossier de presse   3");
        # a listing's "Kiel, Studio Filmtheater      5" then "… 20" is no footer
        paged = tail is not None and _page_by_page(numbers[key]) and not ends_sentence(key)
        # (a name under "Best," signs each message of a mail: no running header)
        signed = is_closing_line(next((kept for kept in reversed(out[-2:]) if kept.strip()), ""))
        if counts[key] >= 2 and (paged or _running(key)) and not signed:
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return out


#: A footer comes once a page: its lines stand at least this far apart.
_PAGE_LINES = 10


def _page_by_page(numbers: Sequence[tuple[int, int]]) -> bool:
    """Numbers going up page by page, on lines a page apart (a listing's "Salt Choir with
    Anna Berg   14", "… 15" on the next lines is no footer)."""
    pages = [n for _, n in numbers]
    return (
        all(b > a for a, b in itertools.pairwise(pages))
        and all(j - i >= _PAGE_LINES for (i, _), (j, _) in itertools.pairwise(numbers))
        and (len(pages) > 2 or pages[-1] - pages[0] == 1)
    )


def _running(line: str) -> bool:
    """A short line in capitals or title case with no sentence or label in it, as running
    headers are ("NORTHERN ROAD - PRESS NOTES", "The Long Winter | Press Kit"); a line of
    prose that a hard-wrapped text happens to repeat ("Did you get inspiration from your
    memories of") is not one."""
    words = [w for w in line.split() if w[:1].isalpha()]
    lower = sum(1 for w in words if w[0].islower() and len(w) > 3)
    return (
        0 < len(words) <= 12
        and lower == 0
        and not line.endswith((".", "?", "!", ":", "…"))
        and mark(line).label is None
        and not is_sign_off(line)  # each forwarded message's "Best,"
    )


def label_counts(marked: Sequence[Marked]) -> Counter[str]:
    return Counter(label_key(m.label) for m in marked if m.label)


#: Without a heading that says "interview", turns must be at least this share of a text's
#: lines: a man page's or a joke collection's recurring "Hinweis:" or "Woody:" lines are a
#: small part of it, an interview's turns are most of it.
TURN_SHARE = 0.2


def has_turns(
    marked: Sequence[Marked],
    *,
    interview: bool = False,
    named: AbstractSet[str] = frozenset(),
) -> bool:
    """Does this text read as labelled turns or dash dialogue?

    Labels must recur or be letters (Q/A, D/R …) so that a page of "Key : value" facts or a
    synopsis with "Regie:" lines is not taken for one; a question mark must be somewhere.
    Under a heading that already says "interview" (``interview``), two labelled turns are
    enough. Elsewhere it takes four, by two labels, making up ``TURN_SHARE`` of the lines,
    and one label must say a role (Q, Moderator) or name a person the text names in full
    ("Ana Sousa:", or "Sousa:" or "AS:" where "Ana Sousa" is written; in a section, the
    document may have written it, ``named``: ``name_keys`` of a list of participants above
    "## Der Anfang").
    """
    if not any("?" in m.text for m in marked):
        return False
    counts = label_counts(marked)
    # A name written whole once and by its surname or first name later ("Tomas Lindqvist",
    # then "Lindqvist") is one speaker's label recurring.
    parts = Counter(part for key in counts if " " in key for part in set(key.split()))
    turns = sum(1 for m in marked if m.label and _is_turn_label(m, counts, parts))
    recurring = [key for key, n in counts.items() if n >= 2 or is_role_label(key) or parts[key]]
    if interview:
        return turns >= 2 or is_dialogue(marked)
    # Only the answers labelled, by one person, between questions in bold ("**Pourquoi ce
    # lieu ?**" then "M. F.-N. — Parce que …"): the label must name someone the text names.
    if (
        len(recurring) == 1
        and turns >= 3
        and sum(1 for m in marked if m.bold) >= 2
        and _names_someone(marked, recurring, named)
    ):
        return True
    lines = sum(1 for m in marked if m.text.strip())
    if (
        turns >= 4
        and len(recurring) >= 2
        and _enough(turns, marked, lines)
        and _names_someone(marked, recurring, named)
    ):
        return True
    dashed = sum(1 for m in marked if m.dash)
    return is_dialogue(marked) and dashed >= TURN_SHARE * lines


def _enough(turns: int, marked: Sequence[Marked], lines: int) -> bool:
    """Are the turns ``TURN_SHARE`` of the text's lines, or of its paragraphs when it is
    hard-wrapped (each turn then starts a paragraph of several lines)?"""
    if turns >= TURN_SHARE * lines:
        return True
    texts = [m.text for m in marked]
    return is_hard_wrapped(texts) and turns >= TURN_SHARE * len(text_paragraphs("\n".join(texts)))


def _is_turn_label(m: Marked, counts: Counter[str], parts: Counter[str]) -> bool:
    """A label that marks a turn: it recurs (itself, or as part of a full name), says a role
    (Q, Moderator), or carries one in brackets ("Ana Ruiz (cinematographer):")."""
    key = label_key(m.label or "")
    return counts[key] >= 2 or bool(parts[key]) or is_role_label(key) or m.role is not None


def _names_someone(
    marked: Sequence[Marked], labels: Sequence[str], written: AbstractSet[str] = frozenset()
) -> bool:
    if any(is_role_label(key) or is_generic_label(key) for key in labels):
        return True  # "Q:", "Moderator:", a transcription service's "Speaker 2:"
    # a label is no evidence for itself: the text around it must name them
    pairs = [p for m in marked for p in name_pairs(m.rest if m.label else m.text)]
    keys = name_keys(pairs) | set(written)
    return any(key in keys or (label_initials(key.upper()) or "").lower() in keys for key in labels)


def name_keys(pairs: Iterable[tuple[str, str]]) -> set[str]:
    """How a label may write the people of these full names, as label keys: whole
    ("lioba wendt"), by one part ("wendt"), by initials ("lw"; "mfn" for "Mathilde
    Ferracci-Noor" too)."""
    keys: set[str] = set()
    for first, last in pairs:
        keys.add(f"{first} {last}".lower())
        keys.update((first.lower(), last.lower(), f"{first[0]}{last[0]}".lower()))
        keys.add("".join(part[0] for part in re.split(r"[ -]+", f"{first} {last}") if part).lower())
    return keys


def is_dialogue(marked: Sequence[Marked]) -> bool:
    """Dash dialogue: at least three dashed lines, two of them questions."""
    dashed = [m for m in marked if m.dash]
    return len(dashed) >= 3 and sum(1 for m in dashed if is_question(m.rest)) >= 2


#: Question paragraphs each followed by an answer paragraph, at least this many ...
QA_PAIRS = 3
#: ... and at least this share of all paragraphs, for a text with no marks to read as Q&A.
QA_SHARE = Fraction(3, 10)  # exact: 3 pairs of 10 paragraphs is the share, not below it


_WHOLE_BOLD = re.compile(r"^\s*(\*\*|__)(?=\S).*\S\1\s*$", re.DOTALL)


def alternates(
    lines: Sequence[str], *, interview: bool = False, to_last_answer: bool = False
) -> bool:
    """Paragraphs that alternate question, answer, question, answer: an interview whose
    heading names nobody, its questions marked by a question mark or bold as a whole (a
    web page's "<h3>Six years is a long time.</h3>"). Under a heading that says
    "interview" (``interview``), two pairs are enough."""
    # (a paragraph wholly in brackets is a note, or the question in the language it was
    # asked in: "(Your film starts in Lagos …?)" under its translation)
    paragraphs = [
        p
        for p in text_paragraphs("\n".join(lines))
        if not MARKDOWN_HEADING_MARK.match(p) and not BRACKETED_WHOLE.match(p)
    ]

    def asks(paragraph: str) -> bool:  # a bold line without a sentence's end heads
        # (a statement in italics asks as a bold one does: "*La película tiene muy pocos
        # diálogos.*" between italic questions)
        marked = _WHOLE_BOLD.match(paragraph) or _WHOLE_ITALIC_LINE.match(paragraph)
        return is_question(paragraph) or (
            marked is not None and ends_sentence(paragraph.strip(" *_"))
        )

    starts = [
        i for i, (a, b) in enumerate(itertools.pairwise(paragraphs)) if asks(a) and not asks(b)
    ]
    # The share is counted from the first question: a magazine's headline, standfirst,
    # byline and intro come before it. Where the page names its interviewee for sure
    # (``to_last_answer``), only up to the last answer: its outro, credits and copyright
    # come after. A review's few rhetorical questions are far apart in it, and its tail
    # counts.
    end = starts[-1] + 2 if to_last_answer and starts else len(paragraphs)
    asked = end - starts[0] if starts else 0
    return len(starts) >= (2 if interview else QA_PAIRS) and len(starts) >= QA_SHARE * asked


#: A paragraph of one line wholly in italics, "*…*" or "_…_".
_WHOLE_ITALIC_LINE = re.compile(r"^\s*([*_])(?![*_\s])[^\n*_]+(?<!\s)\1\s*$")

#: A paragraph wholly in round or square brackets: a note, a stage direction, a question
#: in the language it was asked in.
BRACKETED_WHOLE = re.compile(r"^\s*[(\[][^()\[\]]*[)\]]\s*$")


def is_question(text: str) -> bool:
    stripped = text.strip().rstrip(" \"'”’»)*_")
    return stripped.endswith("?") or text.lstrip(" –—-*_\"'«“").startswith("¿")
