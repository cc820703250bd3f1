"""Press kits and interviews: narration sections, and interviews cut into answers.

A document is read as sections. An interview section starts at an interview heading
(``speakers.parse_heading``: "A CONVERSATION WITH …", "Q&A with A, B and C", "Entretien avec
X, réalisatrice", "DIRECTOR'S Q&A") or a sentence saying whom it asked ("We asked director
Maya Lind a few questions.", ``speakers.parse_asked``), or is a whole document whose lines
carry turn labels or dash dialogue (``turns.has_turns``). Any other line in capitals
("SYNOPSIS") starts a narration section, unless it is a turn label, what follows it is an
answer, or it asks ("TELL US HOW THE PROJECT STARTED", ``prompts.is_capitals_question``).

Inside an interview section the turns are read from the page when it marks them (labels,
dashes, bold questions: ``turns``), and each label is resolved to an interviewee or an
asker (``speakers.Cast``). Askers' turns become the ``question`` of the answers after them;
several interviewees answering one question each get their own passages with the same
question. A section with no marks falls back to telling prompts from answers by their
wording (``prompts.split_exchanges``), every answer going to the one person the heading or
intro names.

Headings, the people who ask and the roles labels write in brackets are kept as document
metadata (``headings``, ``interviewers``, ``roles``), and an editor's note closing an
interview is narration, so no word of the document is lost or given to the wrong person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..letters import SIGNATURE_WORDS, is_closing_line, is_greeting, is_sign_off
from ..model import Kind
from ..names import in_capitals, natural_case, speaker_matches
from .base import Chunked, Draft
from .prompts import addresses, is_capitals_question, is_prompt_alone, split_exchanges
from .speakers import (
    Cast,
    Person,
    asked_about,
    credited_directors,
    guests,
    host_of_heading,
    interviewers,
    is_asking_label,
    is_generic_label,
    is_role_label,
    label_key,
    mentions,
    name_pairs,
    page_interviewee,
    parse_asked,
    parse_heading,
    person_of_heading,
    quote_headline,
    role_label,
    role_of,
    speaker_of_heading,  # noqa: F401  (part of this module's interface)
)
from .text import (
    MARKDOWN_HEADING_MARK,
    MAX_CHARS,
    ends_sentence,
    heading_text,
    hyphenated_words,
    is_hard_wrapped,
    join_lines,
    line_units,
    pack,
    paragraphs,
    strip_emphasis,
)
from .turns import (
    BRACKETED_WHOLE,
    Marked,
    alternates,
    clean_lines,
    has_turns,
    is_dialogue,
    is_question,
    label_counts,
    mark,
    name_keys,
    prepared_lines,
)

#: A narration heading: a short line in capitals ("SYNOPSIS", "ABOUT THE FILM", "RÉSUMÉ").
#: Its leading run of other characters is taken whole, never given back (a lookahead
#: captures it, ``\1`` consumes it: Python's possessive ``*+`` before 3.11):
#: ``\s*[^\w]*`` split a line's leading spaces between its two parts in every way, each
#: tried to the line's end (a line opening with 3,000 spaces took 31 s).
_HEADING = re.compile(
    r"^(?=([^\w]*))\1(?=[^a-zà-ÿ]*$)[A-ZÀ-ÖØ-ÞΆ-ΫЀ-ЯÆŒ][A-ZÀ-ÖØ-ÞΆ-ΫЀ-ЯÆŒ0-9 '’&,:\-–]{2,60}\s*$"
)


def is_presskit(text: str) -> bool:
    """An interview heading or a sentence saying whom the text asked, or turns marked on
    the page."""
    lines = prepared_lines(text)
    headings = [parse_heading(line) for line in lines]
    # (a heading naming only the role of whom it asks, "Conversazione con il regista",
    # opens an interview as a name does)
    opened = (
        any(headings)
        or any(h == [] and _heading_role(line) for h, line in zip(headings, lines, strict=True))
        or any(map(parse_asked, lines))
    )
    # a programme's "Q&A with X" line asks nothing
    if opened and ("?" in text or any(map(is_capitals_question, lines))):
        return True
    under_heading = any(h is not None for h in headings)
    if has_turns([mark(line) for line in lines], interview=under_heading):
        return True
    # Questions and answers in turn, on a page naming the one person who answers (by
    # address, headline or "in conversation with": the share then ends at the last answer),
    # or under a heading naming the role of whom it interviews ("Interview mit dem
    # Regisseur"), or on a page naming one person with a role. A FAQ's "Questions" names
    # nobody.
    if not alternates(lines, interview=under_heading, to_last_answer=True):
        return False  # the wider test: most documents stop here, before any name is sought
    if page_interviewee(text, interviewers(text), by_role=False) is not None:
        return True
    return alternates(lines, interview=under_heading) and (
        any(h == [] and _heading_role(line) for h, line in zip(headings, lines, strict=True))
        or _one_person_asked(text)
    )


# A question in the first person singular: an FAQ's "Where can I see the film?", "Waar kan
# ik de film zien?".
_ASKER_SELF = re.compile(r"(?i)(?<![\w'’])(?:I|ich|je|j['’]|ik|yo|io|eu)(?![\w'’])")


def _one_person_asked(text: str) -> bool:
    """Does the text name one person with a role, and ask questions that are not an FAQ's
    (in the first person) or an explainer's ("Who is Anna Berg?")?"""
    named = mentions(text)
    if len(named) != 1:
        return False
    questions = [x for x in text.split("\n") if is_question(x)]
    return not any(_ASKER_SELF.search(q) or asked_about(named[0].name, q) for q in questions)


@dataclass
class _Section:
    heading: str | None
    people: list[Person] | None  # None: narration; a list (maybe empty): an interview
    lines: list[str] = field(default_factory=list)


def _sections(lines: Sequence[str]) -> Iterator[_Section]:
    section = _Section(None, None)
    whole = "\n".join(lines)
    for i, line in enumerate(lines):
        people = parse_heading(line)
        asked = parse_asked(line) if people is None else None
        if section.people is not None and people is None and is_capitals_question(line):
            section.lines.append(f"**{line.strip()}**")  # asks, as a bold line does
            continue
        if section.people is not None and people is None and is_question_heading(line):
            # a web interview's "## Why Tchaikovsky?" over each answer asks, as a bold
            # line does; the interview goes on under it
            section.lines.append(f"**{heading_text(line)}**")
            continue
        if people is None and not asked and not _narration_heading(lines, i, section, whole):
            section.lines.append(line)
            continue
        if section.heading is not None or any(x.strip() for x in section.lines):
            yield section
        if (
            people is None
            and section.people
            and not any(x.strip() for x in section.lines)
            and _QUOTE_OPENS.match(line.lstrip(" #*"))
        ):
            people = section.people  # "# In Conversation: A & B" over the headline "# “…”"
        # "We asked director Maya Lind a few questions." opens an interview as a heading
        # does, and is a sentence of its intro.
        section = _Section(None, asked, [line]) if asked else _Section(line.strip(), people)
    yield section


def is_question_heading(line: str) -> bool:
    """A Markdown heading that is a question."""
    return bool(MARKDOWN_HEADING_MARK.match(line)) and is_question(heading_text(line))


_QUOTE_OPENS = re.compile(r"[«\"“„‘]")
#: A heading holds a title, not sentences: a Markdown heading of this many words that ends
#: a sentence is a magazine's standfirst, text of the section it stands in.
_STANDFIRST_WORDS = 15


def _narration_heading(lines: Sequence[str], i: int, current: _Section, whole: str) -> bool:
    """A capitals line or a Markdown heading ends a section unless it is a turn label or
    an answer follows it."""
    line = lines[i]
    if not (_HEADING.match(line) or MARKDOWN_HEADING_MARK.match(line)) or mark(line).label:
        return False
    if _SCENE_BREAK.match(line):
        return False  # "PUBLICITÉ" between two questions: the interview goes on after it
    if len(line.split()) >= _STANDFIRST_WORDS and ends_sentence(line):
        return False  # a standfirst set as a heading: "### Director X (PO) and actor … ."
    if current.people is None or _KIT_SECTION.search(line) or person_of_heading(line, whole):
        # "## Cast" over "Anna Berg: Maria" is a list, not the interview's turns; a heading
        # naming someone with a role opens their interview ("DESMOND ACHTERBERG, PRODUCER")
        return True
    # a rule under the heading ("FAMILY MATINEES" between two "-----") is no dash turn
    following = next((x for x in lines[i + 1 :] if x.strip() and not _is_rule(x)), "")
    nxt = mark(following)
    return nxt.label is None and not nxt.dash


def _sole_introduced(lines: list[str], mentioned: list[Person]) -> Person | None:
    """The one person the text names with a role, before its first question, that no
    question names."""
    first_ask = next((i for i, line in enumerate(lines) if is_question(line)), len(lines))
    asked = [line for line in lines[first_ask:] if is_question(line)]

    def talked_to(people: list[Person]) -> list[Person]:
        return [p for p in people if not any(_talks_about(p.name, q) for q in asked)]

    sole = talked_to(mentioned)
    if len(sole) != 1 or (len(mentioned) > 1 and first_ask == len(lines)):
        return None
    if first_ask < len(lines) and talked_to(mentions("\n".join(lines[:first_ask]))) != sole:
        return None
    return sole[0]


def _talks_about(name: str, question: str) -> bool:
    """Does a question name someone other than the person it asks ("Wie war die Arbeit mit
    Jonas Brandt?"), not call them by name ("Octave Vermeil, d'où vient …?")?"""
    if name not in question:
        return False
    called = re.compile(rf"(?:^|[,:;]\s*){re.escape(name)}\s*[,?]")
    return not called.search(question.strip(" *_>–—-"))


@dataclass
class _Turn:
    kind: str  # "intro" | "ask" | "answer"
    label: str | None = None
    person: Person | None = None
    lines: list[str] = field(default_factory=list)
    role: str | None = None  # the role the label gives in brackets, as written


def read(text: str, lang: str, sender: str | None = None) -> Chunked:
    """Drafts of a press kit or interview, with its headings and askers as metadata;
    ``sender``, who sent an e-mail's answers, answers when the text names nobody."""
    lines = clean_lines(prepared_lines(text))
    hyphenated = hyphenated_words(text)
    mentioned = mentions(text)
    askers = interviewers(text, mentioned)
    named = page_interviewee(text, askers, by_role=False)
    # (else the one person the text names with a role, if it does so before its questions:
    # an answer's "Our editor, Jonas Ek, …" or "A protagonista, Dona Cícera, …" is no
    # one's interviewee; nor is one the questions talk about: "Actrice Fenna Bos … de film
    # van regisseur Kees Mulder" asked "Hoe was het om met Kees Mulder te werken?")
    sole = _sole_introduced(lines, mentioned) if named is None else None
    interviewee = named or sole or (Person(sender) if sender else None)
    headline = quote_headline(lines) if named else None
    if headline is not None:
        # "Nicola Ferrante: «…»" quotes the interviewee; it is the page's headline, no
        # turn of theirs (under a rubric, "SPETTACOLI", it was read as one)
        lines[headline] = f"# {lines[headline].strip()}"
    listed = guests(text)
    pairs = name_pairs(text)
    directors = credited_directors(text)  # ("A film by …": read once, used by every section)
    # The people the document names before its first label, as labels would write them
    # (a list of participants, "Lioba Wendt (LW), Regie"); a cast list further down does
    # not make a screenplay excerpt's "Tom Lee:" a turn.
    first = next((i for i, line in enumerate(lines) if mark(line).label), len(lines))
    written = name_keys(name_pairs("\n".join(lines[:first])))
    drafts: list[Draft] = []
    headings: list[str] = []
    asked_by: list[str] = []
    role_words: dict[str, str] = {}  # "Maren Oduya": "Regisseurin", as a label wrote it
    # The one person the last interview section heard, and its heading's Markdown level: a
    # topic heading inside an interview does not end it ("### On the strike scenes" under
    # "## Interview with …", or "## Ten questions" over "Question | Samuel Tarrant").
    heard: Person | None = None
    heard_level = 0
    labelled: set[str] = set()  # labels of the turns read so far, which "## Die Besetzung" keeps
    for section in _sections(lines):
        if section.heading:
            headings.append(heading_text(section.heading))
        if section.people is None and section.heading:
            # "DESMOND ACHTERBERG, PRODUCER" over questions and answers (over a biography
            # that asks one question, a heading of a crew list)
            named_here = person_of_heading(section.heading, text)
            if named_here and alternates(section.lines, interview=True):
                section.people = named_here
        marked = [mark(line) for line in section.lines]
        known = _known_labels(marked, labelled, written)
        # a topic heading of the interview before it ("### On silence", "## Seals")
        topic = heard is not None and _topic_under(section.heading, heard_level)
        if section.people is None and not (known or has_turns(marked, named=written)):
            answering = heard or interviewee
            # Under a topic heading inside an interview the questions must still speak to
            # someone: "## About the Production" may ask the reader two rhetorical ones.
            body = "\n".join(section.lines)
            inside = (
                heard is not None
                and (heard.name in body or topic)
                and any(is_question(p) and addresses(p) for p in paragraphs(body))
            )
            # A page whose headline names its interviewee, its questions set in bold: two
            # pairs before the first topic heading are its interview ("## « Le phare … »").
            sure = inside or (named is not None and any(m.bold for m in marked)) or bool(sender)
            # "### On working with silence", then "**There are long passages with no
            # music.**" and its answer: a topic's bold prompt asks, question or statement
            if not (
                answering
                and (
                    (topic and _opens_with_bold_prompt(marked))
                    or alternates(
                        section.lines, interview=sure, to_last_answer=bool(named or sender)
                    )
                )
            ):
                drafts.extend(_narration(section.lines, section.heading))
                continue
            section.people = [answering]  # an unmarked Q&A: its one interviewee is the page's
        host = host_of_heading(section.heading) if section.heading else None
        people = list(section.people or listed)
        if (
            host
            and len(people) == 1
            and _made_the_film(host, directors, mentioned)
            and not _called_by_first_name(people[0].name, text)
        ):
            # "Orla Pennifeather in conversation with Tom Ashdown" under "DIRECTOR'S
            # INTERVIEW", the film "a film by Orla Pennifeather": the guest is named first
            # (unless the questions call Tom by name: a director asking her actor)
            guest = natural_case(host) if host.isupper() else host
            host, people = people[0].name, [Person(guest)]
        cast = Cast(
            people,
            [*askers, *([host] if host else [])],
            name_pairs=pairs,
            closed=not section.people and bool(listed),
            intro=text,
            headliner=named,
            heading_host=host,
            from_heading=tuple(p.name for p in section.people or ()),
        )
        cast.with_roles(mentioned)
        # "Un film d'Élodie Fauré": the credits give the director her role
        cast.with_roles(
            d for d in directors if any(p.role is None for p in cast.people if p.name == d.name)
        )
        cast.complete_mononyms()
        if (
            not cast.people
            and interviewee
            and all(_names_nobody(m) for m in marked)
            and not _other_role(section.heading, interviewee, named)
        ):
            cast.add(interviewee)  # dash dialogue or "P./R." under "# Aurélien Kassab : « … »"
        if not cast.people:
            _guess_interviewee(cast, section.heading, directors)
        # (under a topic, a bold statement opening it asks, and the interview's own level
        # stays: "### On the sea" after "### On silence")
        heard, heard_level = cast.sole(), heard_level if topic else _level(section.heading)
        if (
            known
            or has_turns(marked, interview=True)
            or any(m.bold for m in marked)
            or _named_turns(marked, cast) >= 2
        ):
            labelled.update(label_key(m.label) for m in marked if m.label)
            drafts.extend(
                _marked_turns(
                    marked,
                    cast,
                    section.heading,
                    lang,
                    hyphenated,
                    asked_by,
                    role_words,
                    standfirst=not topic,
                )
            )
        elif cast.people and any("?" in line for line in section.lines):
            # With several interviewees and no labels the answers are kept as answers, with
            # their questions, but nobody can say whose they are. A section that asks
            # nothing is no interview (a programme's "Q&A with X, 8 pm" line).
            drafts.extend(_unmarked(section, cast.people, lang, hyphenated))
        else:
            drafts.extend(_narration(section.lines, section.heading))
    meta: dict[str, Any] = {}
    if headings:
        meta["headings"] = list(dict.fromkeys(headings))
    if asked_by:
        meta["interviewers"] = list(dict.fromkeys(asked_by))
    if role_words:
        meta["roles"] = role_words
    return Chunked(drafts, meta)


def _called_by_first_name(name: str, text: str) -> bool:
    """Does a question of the text call this person by first name ("Tom, what did …?")?"""
    first = re.escape(name.split()[0])
    return any(
        re.match(rf"\W*{first}\b", line) and line.rstrip(" *_").endswith("?")
        for line in text.split("\n")
    )


def _made_the_film(name: str, directors: Sequence[Person], mentioned: Sequence[Person]) -> bool:
    """Do the credits (``directors``) or the intro make this person the film's director?"""
    said = [*directors, *(p for p in mentioned if p.role == "director")]
    return any(speaker_matches(name, p.name) for p in said)


def chunk(text: str, lang: str) -> Iterator[Draft]:
    """Passages of a press kit: narration packed by paragraphs, answers with their speaker."""
    yield from read(text, lang).drafts


def _named_turns(marked: Sequence[Marked], cast: Cast) -> int:
    """Labelled lines whose label names someone the heading or intro names ("Claire
    Vasseur :", then "CV :"): a short interview uses each label once, so they need not
    recur to be turns once the people are known. A label that writes an interviewee's
    full name counts twice: an interview of one answer ("Armand Amar: Weil …") has turns."""
    if not cast.people:
        return 0
    count = 0
    for m in marked:
        resolved = cast.resolve(m.label) if m.label else None
        if resolved is not None:
            person = resolved[1]
            full = person is not None and label_key(m.label or "") == label_key(person.name)
            count += 2 if full else 1
    return count


def _other_role(heading: str | None, person: Person, named: Person | None) -> bool:
    """Does a heading that names nobody ask someone of another role than ``person``, the
    one person the text names with a role, and no headline names ("## Director's Q&A"
    in a kit whose composer is introduced further down)?"""
    role = _heading_role(heading) if heading and named is None else None
    return bool(role and person.role and person.role != role)


def _guess_interviewee(cast: Cast, heading: str | None, directors: Sequence[Person]) -> None:
    """A heading that names nobody ("DIRECTOR'S Q&A", "Interview with the Director"): the
    person the intro names with the heading's role, else the one the film's credits give
    it (``directors``: "A film by …"), else the only person the intro names."""
    role = _heading_role(heading) if heading else None
    credited = list(directors) if role == "director" else []
    fitting = [p for p in [*cast.others, *credited] if role and p.role == role] or (
        cast.others if len(cast.others) == 1 else []
    )
    if fitting:
        cast.add(fitting[0])


def _heading_role(heading: str) -> str | None:
    """The first role a heading writes, wherever it stands ("THE DIRECTOR'S Q&A")."""
    words = heading.strip(" #*").split()
    return next((r for i in range(len(words)) if (r := role_of(" ".join(words[i:])))), None)


def _level(heading: str | None) -> int:
    """A Markdown heading's level ("### On …": 3); 0 for any other heading."""
    return len(heading) - len(heading.lstrip("#")) if heading else 0


def _topic_under(heading: str | None, level: int) -> bool:
    """Is a heading a topic of the interview whose heading has Markdown ``level`` ("### On
    the theatre" under "## Interview with …", or a word or two at its own level: "##
    Zeehonden" after "## Interview met …"), not a press kit's next section ("## About
    the Production", "## Cast", "## Synopsis")?"""
    below = _level(heading)
    if not 0 < level <= below or _KIT_SECTION.search(heading or ""):
        return False
    return level < below or len(heading_text(heading or "").split()) <= TOPIC_WORDS


#: A heading at the interview's own level is one of its topics when this short.
TOPIC_WORDS = 2


# The sections of a press kit around its interviews.
_KIT_SECTION = re.compile(
    r"(?i)\b(?:about|synopsis|synopse|sinossi|sinopsis|résumé|cast|crew|credits|biogra[pf]\w*|"
    r"filmogra[pf]\w*|production|produktion|produzione|producción|notes?|statement|technical|"
    r"technische|fiche|besetzung|stab|contacts?|kontakt|press|presse|distribution|verleih|"
    r"excerpt|extrait|auszug|estratto|fragmento|artistique|technique|générique|ficha|"
    r"técnica|tecnica|tecnico|scheda|crediti|reparto|elenco|sinopse|rolverdeling)\b"
)


#: A dash dialogue's statement prompt is a sentence at least this long.
_PROMPT_WORDS = 7


def _italic_statement(line: str, lang: str) -> bool:
    """A paragraph in italics of a few words that is no caption ("*Foto: …*", "© …"), no
    stage direction and not the page's release line or editor's note ("*„Brachland“ läuft
    ab Donnerstag.*"): a prompt ("*Il film mescola attori professionisti e persone del
    posto.*")."""
    text = line.strip(" *_")
    return (
        bool(_WHOLE_ITALIC.match(line))
        and len(line.split()) >= 4
        and not (":" in line or "©" in line)
        and not _STAGE_SUBJECT.get(lang, _ANY_STAGE_SUBJECT).match(text)
        and not _STAGE_OPENING.match(text)
        and not (_RELEASE.search(text) or _EDITORS_NOTE.search(text) or _CREDITS.search(text))
    )


# A stage direction in italics says what happens: "*A long pause. Then a laugh.*", "*Ride a
# lungo, poi accende una sigaretta.*", "*Lacht.*".
_STAGE_OPENING = re.compile(
    r"(?i)(?:a\s+)?(?:long\s+|short\s+|brief\s+)?(?:pause|silence|laugh|laughs|laughter|smiles|sighs|"
    r"nods|shrugs|rit|rires|sourit|soupire|hausse|lacht|lächelt|seufzt|schweigt|pausa|ride|"
    r"sorride|sospira|tace|ríe|sonríe|suspira|silencio)\b"
)
# A stage direction in italics tells what someone does: "*She pauses and looks out …*".
# (Italian's "Il film …" opens no stage direction: the words are the language's.)
_STAGE_SUBJECTS = {
    "en": "he|she|they",
    "fr": "il|elle|ils|elles",
    "it": "lui|lei|loro",
    "es": "él|ella|ellos|ellas",
    # (a plural verb after "Sie" speaks to someone: "*Sie haben mit Laien gedreht.*")
    "de": r"er|sie(?!\s+(?:\w+en|sind)\b)",
}
_STAGE_SUBJECT = {
    lang: re.compile(rf"(?i)(?:{words})\b") for lang, words in _STAGE_SUBJECTS.items()
}
# In a language not listed, any of them but German's ("Sie haben …" speaks to someone).
_ANY_STAGE_SUBJECT = re.compile(
    rf"(?i)(?:{'|'.join(w for lang, w in _STAGE_SUBJECTS.items() if lang != 'de')})\b"
)


def _known_labels(marked: Sequence[Marked], labelled: set[str], written: set[str]) -> bool:
    """After turns have been read, are a section's labels all labels read before or names
    the document writes before its first label (``turns.name_keys``)? Under a topic heading
    a short exchange ("**AS:** …", "**DP:** …") need not recur to be turns."""
    labels = {label_key(m.label) for m in marked if m.label}
    # one of them read before (the moderator): a screenplay excerpt's labels are all new
    return bool(labels & labelled) and labels <= labelled | written


def _opens_with_bold_prompt(marked: Sequence[Marked]) -> bool:
    """Does the text open with a paragraph in bold, no label, and go on unbolded?"""
    lines = [m for m in marked if m.text.strip()]
    return (
        len(lines) >= 2
        and lines[0].bold
        and lines[0].label is None
        and any(not m.bold for m in lines[1:])
    )


def _names_nobody(m: Marked) -> bool:
    """A line with no label, or one that says what a turn is ("P.", "R.") or numbers a voice
    ("Speaker 2"), not who speaks."""
    return m.label is None or is_role_label(m.label) or is_generic_label(m.label)


def _closes(unit: str, people: Sequence[Person]) -> bool:
    """Is the last paragraph of an unlabelled interview the page's: a closing note, or a
    line naming the interviewee in full ("Ruth Abernathy-Singh will take part in a Q&A
    after the 19:30 screening.")?"""
    named = any(p.name in unit for p in people) and not is_question(unit)
    return named or _closing_note(unit)


#: A covering note that does not close with a "Best," is the greeting and at most this
#: many paragraphs after it, up to the first question.
NOTE_PARAGRAPHS = 2


def _signatures_joined(units: list[list[str]]) -> list[list[str]]:
    """The units, each closing formula on a line of its own ("Best,", "Many thanks,")
    with the name under it ("Maja") made one unit, apart from the lines around it (a
    hard-wrapped mail runs "Many thanks," / "Rachel" / "Thanks for …" into one unit)."""
    out: list[list[str]] = []
    for unit in units:
        lines = [line for part in unit for line in part.split("\n")]
        if not any(is_closing_line(line) for line in lines):
            if out and _a_name(unit) and is_sign_off(" ".join(out[-1])) and len(out[-1]) < 3:
                out[-1] = [*out[-1], *unit]  # "Best," then "Maja", paragraphs apart
            else:
                out.append(unit)
            continue
        current: list[str] = []
        i = 0
        while i < len(lines):
            if is_closing_line(lines[i]):
                if current:
                    out.append(current)
                current = [lines[i]]
                if i + 1 < len(lines) and _a_name([lines[i + 1]]):
                    current.append(lines[i + 1])
                    i += 1
                out.append(current)
                current = []
            else:
                current.append(lines[i])
            i += 1
        if current:
            out.append(current)
    return out


def _a_name(unit: list[str]) -> bool:
    text = " ".join(unit)
    return len(text.split()) <= 3 and not ends_sentence(text)


#: A closing is followed by a signature of at most this many paragraphs or lines.
SIGNATURE_UNITS = 5
# The line a mail's signature opens with: "-- " (or "--", its space lost).
_SIGNATURE_RULE = re.compile(r"^\s*--\s*$")


def _signs(unit: str, people: Sequence[Person]) -> bool:
    """Does a paragraph after the last answer close the letter: a closing ("Best, Maja"),
    or the interviewee's name on a line of its own ("Tomás Echeverría / director")?"""
    short = len(unit.split()) <= SIGNATURE_WORDS and not ends_sentence(unit)
    return is_sign_off(unit) or (short and any(unit.startswith(p.name) for p in people))


def _signature_start(lines: Sequence[str]) -> int | None:
    """Where a mail's signature starts ("-- " among the last lines), or None."""
    last = [i for i, line in enumerate(lines) if line.strip()][-SIGNATURE_UNITS - 1 :]
    return next((i for i in last if _SIGNATURE_RULE.match(lines[i])), None)


def _covering_notes(lines: Sequence[str]) -> int:
    """How many of the first lines are covering notes, one for each message the answers
    were forwarded in: a paragraph opening with a greeting ("Hi Tom,"), and, when a
    closing ("Best,\nSophie") follows before any question, everything up to it. Two
    paragraphs at least are left to the interview."""
    starts = [
        i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())
    ]
    ends = [
        next((j for j in range(i, len(lines)) if not lines[j].strip()), len(lines)) for i in starts
    ]
    cut, k = 0, 0
    while k < len(starts) - 2 and is_greeting(lines[starts[k]]):
        last = k
        for j in range(k + 1, len(starts) - 2):
            block = lines[starts[j] : ends[j]]
            if any(is_question(line) or is_capitals_question(line) for line in block):
                break
            if is_sign_off("\n".join(block)):
                last = j
                break
            if j - k < NOTE_PARAGRAPHS:
                last = j  # "Hallo Katrin," then "hier meine Antworten." before a question
        cut, k = ends[last], last + 1
    return cut


def _narration(lines: Sequence[str], heading: str | None) -> Iterator[Draft]:
    for body in pack(paragraphs(strip_emphasis("\n".join(lines)))):
        yield Draft(body, Kind.PRESSKIT_SYNOPSIS, section=heading)


def _unmarked(
    section: _Section, people: list[Person], lang: str, hyphenated: set[str]
) -> Iterator[Draft]:
    """An interview with no marks on the page: prompts told from answers by their wording;
    the answers are the one interviewee's (with several, nobody can say whose)."""
    person = people[0] if len(people) == 1 else None
    # A mail's signature, under its "-- " line, is no part of the last answer.
    signature = _signature_start(section.lines)
    # A rule ("-----", "* * *") separates; it is no word of the answer it would end.
    lines = [
        "" if _SCENE_BREAK.match(line) and not _has_words(line) else line
        for line in section.lines[:signature]
    ]
    covering = _covering_notes(lines)
    yield from _narration(lines[:covering], section.heading)
    lines = lines[covering:]
    nonblank = [line for line in lines if line.strip()]
    units = (
        line_units(nonblank)
        if is_hard_wrapped(nonblank)
        else [[p] for p in paragraphs("\n".join(lines))]
    )
    # An intro names the interviewee in the third person ("Léa Fournier signe avec …"):
    # it is narration, not the opening of the first prompt; so is a question printed
    # before it as a teaser.
    surnames = [p.name.split()[-1] for p in people]

    def intro(unit: list[str]) -> bool:  # (no "ich … im Sommer" of an answer)
        text = " ".join(unit)
        return (
            any(s in text for s in surnames)
            and not is_question(text)
            and not _FIRST_SINGULAR.search(text)
        )

    def headline(unit: list[str]) -> bool:  # "«El mar no perdona»" above the intro
        text = " ".join(unit).strip()
        return len(text.split()) <= 12 and not ends_sentence(text)

    def note(unit: list[str]) -> bool:  # "*Dit interview werd in het Engels afgenomen.*"
        return bool(_WHOLE_ITALIC.match(" ".join(unit)))

    # The question in the language it was asked in, in brackets under its translation
    # ("(Your film starts in Lagos …?)"), is part of it.
    units = _signatures_joined(_with_originals(units))
    while len(units) > 2 and (
        intro(units[0])
        or note(units[0])
        or ((is_question(" ".join(units[0])) or headline(units[0])) and intro(units[1]))
        # a byline above an editor's note or the first question
        or (headline(units[0]) and (note(units[1]) or is_question(" ".join(units[1]))))
    ):
        yield Draft(
            strip_emphasis(join_lines(units.pop(0), hyphenated)),
            Kind.PRESSKIT_SYNOPSIS,
            section=section.heading,
        )
    closing: list[list[str]] = []
    while len(units) > 2 and _closes(" ".join(units[-1]), people):
        last = " ".join(units[-1])
        if is_question(" ".join(units[-2])) and not is_sign_off(last):
            break  # the answer to the question before it ("Dass man im Kino auch …")
        closing.insert(0, units.pop())
    # a closing ends the letter: the name, title and address signed under it are the letter's
    asked = max((i for i, u in enumerate(units) if is_question(" ".join(u))), default=-1)
    signed = next(
        (i for i in range(asked + 2, len(units)) if _signs(" ".join(units[i]), people)), None
    )
    if signed is not None and len(units) - signed <= SIGNATURE_UNITS:
        closing, units = [*units[signed:], *closing], units[:signed]
    if signature is not None:
        closing.extend([line] for line in section.lines[signature:] if line.strip())
    said = "\n".join(section.lines)
    quotes = [u for u in units if len(u) == 1 and _is_pull_quote(u[0], said)]
    units = [u for u in units if u not in quotes]
    for exchange in split_exchanges(units, lang, hyphenated):
        for body in _answer_passages(exchange.answer):
            yield Draft(
                body,
                Kind.INTERVIEW,
                speaker=person.name if person else None,
                role=person.role if person else None,
                question=_unnumbered(exchange.question),
                section=section.heading,
            )
    for unit in [*quotes, *closing]:
        yield Draft(join_lines(unit, hyphenated), Kind.PRESSKIT_SYNOPSIS, section=section.heading)


def _with_originals(units: list[list[str]]) -> list[list[str]]:
    """The units, each one wholly in brackets joined to the one before it."""
    out: list[list[str]] = []
    for unit in units:
        if out and BRACKETED_WHOLE.match(" ".join(unit)):
            out[-1] = [*out[-1], *unit]
        else:
            out.append(unit)
    return out


# A press kit's numbered questions ("1. Why a lighthouse?", "2) …"): the number is layout.
_NUMBERED = re.compile(r"^\s*\d{1,2}\s*[.)]\s+(?=\S)")


def _unnumbered(question: str | None) -> str | None:
    return _NUMBERED.sub("", question) if question else question


def _marked_turns(
    marked: Sequence[Marked],
    cast: Cast,
    heading: str | None,
    lang: str,
    hyphenated: set[str],
    asked_by: list[str],
    role_words: dict[str, str],
    standfirst: bool = True,
) -> Iterator[Draft]:
    turns = _bracket_notes_apart(_turns(marked, cast, lang, standfirst))
    role_words.update((t.person.name, t.role) for t in turns if t.person and t.role)
    _detach_questions(turns, lang)
    turns = _asked_each_other(turns, cast)
    # the last turn before the page's own closing ("-----", "© …") is the last answer
    last = next((i for i in range(len(turns) - 1, -1, -1) if turns[i].kind != "intro"), None)
    note = _editors_note(turns[last]) if last is not None else []
    if note and last is not None:
        turns.insert(last + 1, _Turn("intro", lines=note))  # narration, after the last answer
    question: str | None = None
    previous = "intro"
    unanswered: list[str] = []  # asked, and no answer yet: kept as narration if none comes
    # (a pull quote may repeat the headline)
    said = "\n".join([heading or "", *(m.text for m in marked)])
    for turn in turns:
        if turn.kind == "intro":
            yield from _narration([*unanswered, *turn.lines], heading)
            if unanswered:  # what was asked before "[AD BREAK]" is no part of the next question
                previous = "intro"
            unanswered = []
            continue
        quotes = _pull_quotes(turn, said) if turn.kind == "answer" else []
        units = _units(turn.lines, hyphenated)
        if not units:
            yield from _narration(quotes, heading)
            continue
        if turn.kind == "ask":
            text = " ".join(units)
            question = f"{question} {text}" if previous == "ask" and question else text
            unanswered.append(text)
            if turn.label and not _is_letter(turn.label):
                asked_by.append(cast.asker_name(turn.label))
        else:
            unanswered = []
            person = turn.person
            for body in _answer_passages(units):
                yield Draft(
                    body,
                    Kind.INTERVIEW,
                    speaker=person.name if person else None,
                    role=person.role if person else None,
                    question=_unnumbered(question),
                    section=heading,
                )
            yield from _narration(quotes, heading)
        previous = turn.kind
    # A moderator's closing thanks, or turns that all ask: words of the document still.
    yield from _narration(unanswered, heading)


# An editor's note closing an interview ("This interview has been edited for length and
# clarity.") is the publication's narration, not the last answer's end.
_EDITORS_NOTE = re.compile(
    r"(?i)\b(?:this|the) (?:interview|conversation|transcript) (?:has been|was|have been)\b|"
    r"\bedited (?:and condensed|for (?:length|clarity))\b|\bcet entretien a été\b|"
    r"\bdas (?:gespräch|interview) (?:wurde|führte)\b|\bl'intervista è stata\b|"
    r"\bla entrevista (?:ha sido|fue)\b|"
    # where the piece was printed: "A version of this article appears in print on …"
    r"\ba version of this (?:article|interview)\b|\bthis (?:article|interview) (?:first )?"
    r"appeared\b|\b(?:dieser|der) (?:artikel|beitrag) erschien\b|\bcet (?:article|entretien) a "
    r"(?:été publié|paru)\b|\bquesto articolo è (?:apparso|uscito)\b|\beste artículo "
    r"(?:se publicó|apareció)\b"
)
# The paper asking for subscribers: "Si quieres apoyar el periodismo de calidad, suscríbete."
_SUBSCRIBE = re.compile(
    r"(?i)\bsuscr[ií]bete\b|\bsubscribe (?:now|today)\b|\babonnez-vous\b|\bjetzt abonnieren\b|"
    r"\babbonati (?:ora|subito|a)\b"
)
# A list of the paper's other pieces after the interview: "**À lire aussi :**", "LESEN SIE
# AUCH": the words alone on their line or before a colon ("Read more than you watch" is said).
_READ_ALSO = re.compile(
    r"(?i)^\W*(?:read (?:more|also|next)|see also|related(?: articles| stories)?|more (?:in|from|on) "
    r"[\w ]{1,30}|à lire aussi|lire aussi|voir aussi|lesen sie auch|mehr zum thema|"
    r"das könnte sie auch interessieren|leer también|lee también|te puede interesar|"
    r"leggi anche|potrebbe interessarti)[\s*_]*(?::|$)",
    re.MULTILINE,
)
# A photo's caption or credit: "Photo : Odile Sarrazin à Sète. © …", "Foto: …".
_PHOTO_CREDIT = re.compile(r"(?i)^\W*(?:photos?|fotos?|crédits? photos?|bildnachweis)\s*:")
# A byline closing the interview, the asker's name right after its words: "Propos
# recueillis par Léa Simon.", "Das Gespräch führte …" ("Interviewed by the police …" is
# said).
_CLOSING_BYLINE = re.compile(
    r"^\W*(?i:propos recueillis par|interview(?:ed)? by|das gespräch führte|a cura di|"
    r"entrevista realizada por|intervista di|conversation by|transcribed by|transcript by|"
    r"transcrit par|transkribiert von|transcrito por|trascritto da)[ \t:]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]"
)
_BYLINE_WORDS = 25
#: A byline inside the last answer ends it only when this short ("Das Gespräch führte
#: Florian Rautenberg.") and nothing after it speaks in the first person.
_MID_BYLINE_WORDS = 12


# A transcript's note in square brackets, a sentence alone on its line: "[Santiago's video
# freezes for several seconds.]", "[End of session. The recording is available …]".
def _bracket_note(line: str) -> bool:
    """A sentence of three words or more in square brackets, alone on its line."""
    text = line.strip()
    inner = text[1:-1]
    return (
        text[:1] == "["
        and text[-1:] == "]"
        and "[" not in inner
        and "]" not in inner
        and len(inner.split()) >= 3
    )


# A note that ends the recording: what follows it is the page's too.
_END_NOTE = re.compile(r"(?i)^\s*\[\s*(?:end|fin|ende|fine)\b")


def _bracket_notes_apart(turns: list[_Turn]) -> list[_Turn]:
    """The turns, with each note in brackets alone in its paragraph inside an answer
    (``_bracket_note``) set apart as narration: the transcriber wrote it, nobody said it.
    The answer goes on after it, unless it ends the recording ("[End of session …]"). A
    short note, "[laughs]", stays: it tells how the words were said."""
    out: list[_Turn] = []
    for turn in turns:
        if turn.kind != "answer" or not any(map(_bracket_note, turn.lines)):
            out.append(turn)
            continue
        part = _Turn("answer", turn.label, turn.person, [], turn.role)
        out.append(part)
        for i, line in enumerate(turn.lines):
            alone = _bracket_note(line) and not any(
                x.strip() for x in turn.lines[max(i - 1, 0) : i] + turn.lines[i + 1 : i + 2]
            )
            if not alone:
                part.lines.append(line)
                continue
            out.append(_Turn("intro", lines=[line]))
            kind = "intro" if _END_NOTE.match(line) else "answer"
            part = _Turn(kind, turn.label, turn.person if kind == "answer" else None, [], turn.role)
            out.append(part)
    return out


def _last_block(lines: Sequence[str]) -> tuple[int, int]:
    """[start, end) of the last run of non-blank lines."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    start = end
    while start and lines[start - 1].strip():
        start -= 1
    return start, end


# A release line closing an interview ("Saltmarsh screens on 14 February.", "Les
# Veilleurs, en salles le 12 mars.", "„Grenzland“ läuft ab 6. März im Kino.", "… har
# premiär på biograferna den 21 februari."): short.
_RELEASE = re.compile(
    r"(?i)\b(?:opens (?:in|on|at|nationwide)|screens (?:on|at|again|in)|premieres (?:on|at|in)|"
    r"(?:is )?in (?:\w+ )?(?:cinemas|"
    r"theaters|theatres)|(?:is )?streaming (?:from|on)|(?:is )?released on|out now|"
    r"en salles?|sortira|sort le|sortie le|à l'affiche|läuft ab|im kino|kinostart|in den (?:\w+ )?kinos|"
    r"startet am|in sala|al cinema|"
    r"nelle sale|se estrena|en cines|en salas|released by|distributed by|distribué par|"
    r"distribuito da|distribuida por|im verleih|estreia|estréia|nos cinemas|nas salas|"
    r"distribuído por|in de (?:\w+ )?bioscopen?|te zien in|draait (?:vanaf|in)|"
    r"uitgebracht door|har premiär|premiär på|på biograf(?:erna)?|har premiere|i biografen|"
    r"på kino|w kinach|wchodzi do kin|vizyona gir(?:iyor|ecek)|vizyonda|"
    r"v kinech|do kin|στις αίθουσες|в прокат|в кино)\b"
)
# A film's credits: "The Glass Orchard (UK, 2024, 118 min). Directed by …", "España, 2025.
# 96 minutos.", "Italia, 2024, 107'."; a copyright line; a stage direction alone, "(Sintonía
# de salida)", "[Fin de l'émission]".
_CREDITS = re.compile(
    r"\b(?:19|20)\d\d[,.]?\s*\d{2,3}\s*(?:min|minutes|minutos|minuti|minuten|['’′])|©|"
    r"\b[1-3]\s?h\s?[0-5]\d\.|"  # a French running time: "1 h 44."
    r"^\s*[\[(][^\])]{1,60}[\])]\s*$",
    re.IGNORECASE,
)
_CREDITS_WORDS = 60
# A screening's day and time ("vendredi 15 novembre à 20 h 30", "Thursday at 21:00"): a
# festival paper's listing after the interview.
_CLOCK = re.compile(
    r"(?i)\b(?:[01]?\d|2[0-3])(?:[:.]\s?[0-5]\d|\s?h(?:\s?[0-5]\d)?|\s?(?:am|pm|uhr))\b"
)
_WEEKDAY = re.compile(
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|"
    r"miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
    r"domenica)\b"
)
# Where it screens: a festival listing names the cinema or the screening.
_VENUE = re.compile(
    r"(?i)\b(?:screen(?:s|ing)?|cinema|cinéma|kino|cine|salle|sala|saal|théâtre|theater|"
    r"teatro|séance|projection|vorstellung|vorführung|proiezione|proyección|à voir|to see)\b"
)


def _screening(block: str) -> bool:
    """Does a block give a screening's date, time and place ("vendredi 15 novembre à 20 h
    30, cinéma Le Korrigan")? A choir that "sings on Sunday at 7.30" is said."""
    return bool(
        _CLOCK.search(block)
        and _WEEKDAY.search(block)
        and _VENUE.search(block)
        and _DAY_OF_MONTH.search(block)
    )


_DAY_OF_MONTH = re.compile(
    r"(?i)\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"janv|févr|mars|avr|mai|juin|juil|août|sept|déc|jän|märz|mär|okt|dez|ene|abr|ago|dic|"
    r"gen|mag|giu|lug|ago|set|ott|genn)[\w.]*"
)


_RELEASE_WORDS = 25
_WHOLE_ITALIC = re.compile(r"^\s*([*_])(?=\S)[^*_]+(?<=\S)\1\s*$")


# Someone speaking: "I" in capitals only (Italian writes "i diritti" in a copyright line).
_FIRST_PERSON = re.compile(
    r"\b(?:I|I'm|I’m)\b|(?i:\b(?:we|my|our|je|j['’]|nous|moi|mon|ich|wir|mein|meine|io|noi|"
    r"mio|mia|yo|nosotros|nosotras)\b)"
)
# An interviewee speaking of themselves; an intro's "we" is the publication's ("We asked …").
_FIRST_SINGULAR = re.compile(
    r"\b(?:I|I'm|I’m)\b|(?i:\b(?:my|je|j['’]|moi|mon|ich|mein|meine|meiner|io|mio|mia|yo)\b)"
)
# A line of links: "Weitere Beiträge der Reihe: Jan Král · Marta Wiśniewska · Tilo Renner".
_LINK_LIST = re.compile(r"^[^.!?·|•]*(?:\s[·|•]\s[^.!?·|•]{1,40}){2,}$")  # linear: no overlap


def _closing_note(block: str) -> bool:
    """Is this last paragraph of an interview the publication's: an editor's note, a
    release line, a short paragraph in italics, credits, a line of links?"""
    if _EDITORS_NOTE.search(block) or _READ_ALSO.match(block) or _PHOTO_CREDIT.match(block):
        return True
    if is_sign_off(block):
        return True  # "Best, Maja": the e-mail's closing
    if _FIRST_PERSON.search(block):
        return False  # "I still remember the premiere in cinemas in Berlin." is said
    words = len(block.split())
    return bool(
        (words <= _BYLINE_WORDS and (_CLOSING_BYLINE.search(block) or _SUBSCRIBE.search(block)))
        or (words <= _RELEASE_WORDS and (_RELEASE.search(block) or _WHOLE_ITALIC.match(block)))
        or (words <= _CREDITS_WORDS and _screening(block))
        or (words <= _CREDITS_WORDS and _CREDITS.search(block))
        or _LINK_LIST.match(block.strip())
    )


def _editors_note(turn: _Turn) -> list[str]:
    """The last blocks of an interview's last answer that are the publication's, not the
    speaker's: an editor's note, a release line, a short paragraph in italics (an editor's
    note above a release line: both)."""
    if turn.kind != "answer":
        return []
    lines = turn.lines
    note: list[str] = []
    # A byline ends the interview whatever follows it ("Das Gespräch führte …", then the
    # interviewee's biography in the third person).
    blocks = [
        i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())
    ]
    for start in blocks[1:]:
        end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
        block = " ".join(lines[start:end])
        if (
            _CLOSING_BYLINE.search(block)
            and len(block.split()) <= _MID_BYLINE_WORDS
            and not _FIRST_PERSON.search(" ".join(lines[start:]))
        ):
            note = lines[start:]
            del lines[start:]
            break
    while True:
        start, end = _last_block(lines)
        block = " ".join(lines[start:end])
        if start == 0 or not (_closing_note(block) or _signed_by(block, turn.person)):
            return note
        note = [*lines[start:end], "", *note] if note else lines[start:end]
        del lines[start:]


def _signed_by(block: str, person: Person | None) -> bool:
    """Is the last line of an answer the speaker's first name alone ("Karl"), as a mail
    is signed?"""
    words = block.split()
    return person is not None and len(words) == 1 and words[0].strip(".,!") in person.name.split()


# A line quoted whole: “It was about what people do with their dignity …”
_QUOTED = re.compile(r"^\s*[“\"«„]\s*(?P<inner>[^“”\"«»„\n]{19,}[^“”\"«»„\s])\s*[”\"»“]\s*$")


def _pull_quotes(turn: _Turn, said: str) -> list[str]:
    """Lines of an answer that quote, whole, words said elsewhere in the interview: a
    magazine's pull quote, set between paragraphs. It is the page's, and repeats the
    answer; left in, it ended the answer with a sentence said twice."""
    quotes = [line for line in turn.lines if _is_pull_quote(line, said)]
    if quotes:
        turn.lines[:] = [line for line in turn.lines if line not in quotes]
    return quotes


def _is_pull_quote(line: str, said: str) -> bool:
    """Is a line quoted whole, opening and ending as words said elsewhere do? A pull quote
    may cut the middle: "„Wenn das Wetter umschlägt, dann hilft jeder mit, auch der
    Regisseur.“"."""
    quote = _QUOTED.match(line)
    if quote is None:
        return False
    words = quote.group("inner").split()
    opening = " ".join(words[:3]).rstrip(",;:")
    # (its first word capitalised as a sentence's, where the answer has it in lower case:
    # "Os homens que …" quoting "… e que os homens que …")
    lowered = opening[:1].lower() + opening[1:]
    said_first = said.count(opening) + (said.count(lowered) if lowered != opening else 0)
    ending = " ".join(words[-3:]).rstrip(".!?…,;:")
    return len(words) >= 5 and said_first >= 2 and said.count(ending) >= 2


def _is_letter(label: str) -> bool:
    return len(label_key(label)) <= 1


# An answer letter right after a question on the same line.
_INLINE_ANSWER = re.compile(r"(?<=\?)\s+(?P<label>A|R|Antwort|Réponse|Risposta|Respuesta)\s*:\s+")


def _turns(marked: Sequence[Marked], cast: Cast, lang: str, standfirst: bool = True) -> list[_Turn]:
    """The section as turns: an intro, then one turn per label, dash or bold line (a bold
    statement before any question a magazine's standfirst, where the section may have
    one: not under a topic heading of an interview)."""
    counts = label_counts(marked)
    # (a caption's "Photo : …" is no turn's label)
    dialogue = is_dialogue(marked) and not any(
        counts[label_key(m.label)] >= 2 or is_role_label(m.label) for m in marked if m.label
    )
    answers_unlabelled = _only_questions_labelled(marked, cast)
    full = [m.label for m in marked if m.label and len(m.label.split()) >= 2]
    names = {*full, *(part for label in full for part in label.split())}
    turns = [_Turn("intro")]
    unknown: dict[str, list[_Turn]] = {}
    gap = False  # a blank line since the last line with words
    labelled_yet = False  # a labelled turn read: unlabelled answers are no longer the headliner's
    advert: _Turn | None = None  # an advert's lines, until a blank line ends it
    resume: _Turn | None = None  # the answer an advert interrupted
    for m in marked:
        if advert is not None and m.text.strip() and not (m.label or m.bold or m.dash):
            advert.lines.append(m.text)  # "ANZEIGE" / "Kinotechnik Sommer GmbH – …"
            continue
        if advert is not None and resume is not None:
            # the answer goes on after the advert ("PUBLICITÉ" mid-answer)
            turns.append(_Turn("answer", resume.label, resume.person, [], resume.role))
        advert = resume = None
        if _SCENE_BREAK.match(m.text):
            # what follows "* * *" is the page's again; "[ad break]" is its narration
            turns.append(_Turn("intro", lines=[m.text] if _has_words(m.text) else []))
            if _has_words(m.text):
                # (an answer known to be one: a label not yet settled may be the host's)
                before = turns[-2]
                known = before.label is None or before.label not in unknown
                advert, resume = turns[-1], (before if before.kind == "answer" and known else None)
        elif m.bold and len(turns) == 1 and standfirst and _standfirst(m.rest):
            turns[0].lines.append(m.rest)  # a magazine's standfirst, bold above the first question
        elif m.bold or (
            _italic_statement(m.text, lang)
            and any(t.kind == "ask" for t in turns)
            and (turns[-1].kind == "answer" or not ends_sentence(m.text.strip(" *_")))
        ):
            # (once questions in italics have begun, a statement in italics asks too:
            # "*Leonardo Zampieri è noto per girare in ordine cronologico*"; a sentence
            # in italics only after an answer: after "[AD BREAK]", "*This episode is
            # supported by …*" is the sponsor's)
            turns.append(_Turn("ask", lines=[m.rest or m.text.strip(" *_")]))
        elif m.label and turns[-1].kind == "intro" and _introduces(m, cast):
            turns[-1].lines.append(m.text)  # a header's "Moderator: Priya Castellano, …"
        elif m.label and (
            cast.resolve(m.label)
            or counts[label_key(m.label)] >= 2
            or _part_recurs(m.label, counts)
            or cast.written_elsewhere(m.label)
            or (turns[-1].kind == "ask" and (turns[-1].label is not None or m.label in names))
        ):
            # A label used once counts when it follows a question: someone answers it
            # (after a bold question, a label that is a full name, or part of one:
            # "**Clémence Audoin :**", later "**Audoin :**"); and so does a label that is
            # part of another's full name ("OREN WRENFIELD:", then "WRENFIELD:") or a full
            # name the text writes elsewhere ("En présence de … Maëlle Dufresne").
            # "Die Regisseurin:" keeps its words as the role the label wrote (``roles``)
            role = m.role or (m.label if role_label(m.label) else None)
            turn = _Turn("answer", m.label, lines=[m.rest] if m.rest else [], role=role)
            resolved = cast.resolve(m.label)
            if resolved is None:
                unknown.setdefault(m.label, []).append(turn)
            else:
                turn.kind, turn.person = resolved
            turns.append(turn)
            labelled_yet = True
            inline = _INLINE_ANSWER.search(m.rest) if turn.kind == "ask" else None
            if inline:  # "Q: Why Lyon? A: Because …" on one line
                turn.lines = [m.rest[: inline.start()].strip()]
                turns.append(
                    _Turn("answer", inline.group("label"), cast.sole(), [m.rest[inline.end() :]])
                )
        elif dialogue and m.dash:
            # Each dash is the other voice: after an answer the interviewer speaks again,
            # though she says no question ("— Le film ne montre presque jamais de clients.").
            # (a list in the answer, "— Le Mépris, évidemment.", is no prompt)
            last = next((t.kind for t in reversed(turns) if t.kind != "intro"), "answer")
            prompt = last == "answer" and len(m.rest.split()) >= _PROMPT_WORDS
            kind = "ask" if is_question(m.rest) or prompt else "answer"
            turns.append(_Turn(kind, "–", cast.sole() if kind == "answer" else None, [m.rest]))
        elif (
            m.text.strip()
            and turns[-1].kind == "ask"
            and (
                turns[-1].label is None
                or (answers_unlabelled and (gap or is_question(" ".join(turns[-1].lines))))
            )
        ):
            # What follows a bold question unlabelled is the answer of the one interviewee;
            # so is the paragraph after a labelled one ("Q: Why Lyon?") where no answer
            # carries a label.
            first = None if labelled_yet else cast.headliner
            turns.append(_Turn("answer", None, cast.sole() or first, [m.text]))
        else:
            turns[-1].lines.append(m.text)
        gap = not m.text.strip()
    # Those who never ask are settled first: a host who asks half the time is then known
    # as one by naming them ("Marc-Antoine Leroux, bonjour.").
    # A transcription service's "Speaker 1" last: the names the service was told settle who
    # the interviewee is first.
    asks_most = _asks_most(unknown, any(t.kind == "ask" for t in turns))
    for label, own in sorted(
        unknown.items(), key=lambda item: (is_generic_label(item[0]), _asking_share(item[1]))
    ):
        texts = [" ".join(t.lines) for t in own]
        kind, person = cast.settle(label, texts, asks_most=label == asks_most)
        for turn in own:
            turn.kind, turn.person = kind, person
    _addressed_by_first_name(turns, cast)
    _roles_by_asking(turns, cast)
    _answered_as_introduced(turns, cast)
    for turn in turns:  # "MAREN ODUYA (Director):" gives a role to every turn of hers
        if turn.person is not None and turn.role:
            cast.add(Person(turn.person.name, role_of(turn.role)))
    current = {p.name: p for p in cast.people}
    for turn in turns:
        if turn.person is not None:
            turn.person = current.get(turn.person.name, turn.person)
    return turns


def _asks_most(unknown: dict[str, list[_Turn]], asked: bool) -> str | None:
    """The label that asks, of those no heading or intro explains, by asking more than the
    others: of two voices where nothing else asks, the interviewer, though most of her
    turns are statements ("You shot almost entirely at night."); of a transcription
    service's several "Speaker N", the moderator. None when two ask alike."""
    generic = [label for label in unknown if is_generic_label(label)]
    # (two voices: one of them a transcription service's; two named people may ask back)
    pair = len(unknown) == 2 and not asked and bool(generic)
    labels = list(unknown) if pair else generic
    if len(labels) < 2:
        return None
    shares = sorted(((_asking_share(unknown[label]), label) for label in labels), reverse=True)
    # a clear asker: a third of her turns ask, twice the share of the next (one tag
    # question, "…, wasn't he?", makes nobody the interviewer)
    top, second = shares[0][0], shares[1][0]
    return shares[0][1] if top >= 1 / 3 and top >= 2 * second else None


def _roles_by_asking(turns: Sequence[_Turn], cast: Cast) -> None:
    """One label that asks and one that answers, both named, where the answers ask and
    the questions answer: a heading's "Tamás Oberfeld in conversation with Jocelyn Reeve"
    may put either first. The one whose turns ask more is the interviewer."""
    asking = {t.label for t in turns if t.kind == "ask" and t.label}
    answering = {t.label for t in turns if t.kind == "answer" and t.label}
    if len(asking) != 1 or len(answering) != 1 or cast.heading_host is None:
        return
    (asker,) = asking
    (answerer,) = answering
    if is_role_label(answerer) or not cast.names(asker, cast.heading_host):
        return  # only a heading's "A in conversation with B" may have them the wrong way
    asks = [t for t in turns if t.kind == "ask"]
    says = [t for t in turns if t.kind == "answer"]
    if len(asks) < 2 or _asking_share(says) <= _asking_share(asks) or _asking_share(asks) > 0.5:
        return
    name = cast.asker_name(asker)
    name = natural_case(name) if in_capitals(name) else name  # "TAMÁS OBERFELD IN CONVERSATION …"
    person = cast.add(Person(cast.written_in_full(name) or cast.initials_written(name) or name))
    for turn in says:
        turn.kind, turn.person = "ask", None
    for turn in asks:
        turn.kind, turn.person = "answer", person
    cast.people = [p for p in cast.people if p is person]


# A name said to someone: "Thank you so much, Halvard.", "Halvard, where …?"
_VOCATIVE = re.compile(r"(?:^|[,.!?]\s+)(?P<name>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+)(?=\s*[,.!?](?:\s|$))")


def _addressed_by_first_name(turns: Sequence[_Turn], cast: Cast) -> None:
    """Answers of a transcription service's "Speaker 2" that no heading or intro names:
    the one person the questions call by a first name the text writes in full ("Thank you,
    Halvard." and a recording named "The Chalk Line_Halvard Quist_interview.m4a")."""
    nameless = [
        t
        for t in turns
        if t.kind == "answer" and t.person is None and t.label and is_generic_label(t.label)
    ]
    if not nameless:
        return
    said = [
        m.group("name")
        for t in turns
        if t.kind == "ask"
        for m in _VOCATIVE.finditer(" ".join(t.lines))
    ]
    found = {full for name in set(said) if (full := cast.written_in_full(name))}
    if len(found) == 1:
        person = cast.add(Person(found.pop()))
        for turn in nameless:
            turn.person = person


# A scene break between two parts of a page: "* * *", "***", "---", "⁂", and a podcast's
# "[ad break]".
_SCENE_BREAK = re.compile(
    r"^\s*(?:(?:[*~•·=_#-]\s*){3,}|⁂|[*_]{0,2}\[(?:ad break|break|music|musique|musik|"
    r"jingle|werbung|pubblicità|publicidad|publicité|pause)\][*_]{0,2}|"
    # a page's advertisement between two questions: "PUBLICITÉ", "Anzeige"
    r"[*_]{0,2}\[?(?:advertisement|anzeige|werbung|publicité|publicidad|pubblicità|"
    r"sponsored)\]?[*_]{0,2})\s*$",
    re.IGNORECASE,
)


def _is_rule(line: str) -> bool:
    return bool(_SCENE_BREAK.match(line)) and not _has_words(line)


def _has_words(line: str) -> bool:
    return any(c.isalpha() for c in line)


def _standfirst(text: str) -> bool:
    """Is a bold paragraph before any question a magazine's standfirst ("À 62 ans, le
    comédien trouve …"): it neither asks nor speaks to anyone?"""
    return not (is_question(text) or addresses(text) or is_capitals_question(text))


def _answered_as_introduced(turns: Sequence[_Turn], cast: Cast) -> None:
    """Answers nobody's label names ("A:", or none), where the section interviews several
    people one after the other, each introduced before their questions ("Director Ingrid
    Solberg shot …", a scene break, "Later, cinematographer Per Dahl showed us …"): each
    is the person the intro before them names."""
    if cast.sole() is not None:
        return
    current: Person | None = None
    for turn in turns:
        if turn.kind == "intro":
            named = mentions("\n".join(turn.lines))
            current = named[0] if len(named) == 1 else current
        elif turn.kind == "answer" and turn.person is None and current is not None:
            turn.person = current


def _introduces(m: Marked, cast: Cast) -> bool:
    """Is a labelled line of the intro a header naming who asks or answers ("Moderator:
    Priya Castellano, Senior Programmer", "Invitado: Ramiro Etxeberria, director …")?"""
    names = [*cast.askers, *(p.name for p in cast.people)]
    if "?" in m.rest:
        return False
    if any(m.rest.startswith(n) and label_key(m.label or "") != label_key(n) for n in names):
        return True
    # one who asks, named nowhere else: "Host: Fiona Garside (FG)." above "FG: Janek, …"
    return is_asking_label(m.label or "") and bool(_NAME_HEADER.fullmatch(m.rest.strip()))


#: A header's name, its initials or title after it: "Fiona Garside (FG).", "Ellen Park,
#: Senior Programmer".
_NAME_HEADER = re.compile(
    r"[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]+){1,3}(?:[ \t]*\([^()\n]{1,30}\))?"
    r"(?:,[^.!?\n]{1,80})?\.?"
)


def _asking_share(turns: Sequence[_Turn]) -> float:
    return sum(is_question(" ".join(t.lines)) for t in turns) / len(turns)


def _part_recurs(label: str, counts: Counter[str]) -> bool:
    """Is a label used once the same speaker's as another label, one a part of the other's
    name ("OREN WRENFIELD:", then "WRENFIELD:")?"""
    key = label_key(label)
    if " " in key:
        return any(counts[part] for part in key.split())
    return any(key in other.split() for other in counts if " " in other)


def _only_questions_labelled(marked: Sequence[Marked], cast: Cast) -> bool:
    """Do labels mark the questions only ("Q:", "Moderator:"), every answer unlabelled?"""
    labels = {label_key(m.label): m.label for m in marked if m.label}
    kinds = [cast.resolve(label) for label in labels.values()]
    return bool(kinds) and all(k is not None and k[0] == "ask" for k in kinds)


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+(?=\S)")


def _closes_asking(turn: _Turn) -> bool:
    return is_question(" ".join(turn.lines))


def _asked_each_other(turns: list[_Turn], cast: Cast) -> list[_Turn]:
    """The turns of two or more people who interview each other, nobody else asking (a
    press kit's director and composer, "gegenseitig befragt"): a turn that closes with a
    question asks the next speaker it; the words before it answer the question put to
    the speaker, or, when none was, ask too ("Jakob, ich fange einfach an. … Was war da
    los?")."""
    if len(cast.from_heading) < 2 or any(t.kind == "ask" for t in turns):
        return turns  # (a heading names them: "Im Gespräch: Tamara Wendling und Jakob …")
    if len({t.person.name for t in turns if t.kind == "answer" and t.person}) < 2:
        return turns
    askers = {t.person.name for t in turns if t.kind == "answer" and t.person and _closes_asking(t)}
    if len(askers) < 2:
        return turns  # both must ask: one question in a conversation is no interview
    out: list[_Turn] = []
    asked = False
    for i, turn in enumerate(turns):
        out.append(turn)
        if turn.kind != "answer":
            continue
        after = next((t for t in turns[i + 1 :] if t.kind != "intro"), None)
        start, end = _last_block(turn.lines)
        sentences = _SENTENCE_END.split(" ".join(turn.lines[start:end]).strip())
        k = len(sentences)
        while k and is_question(sentences[k - 1]):
            k -= 1
        if after is None or after.person == turn.person or k == len(sentences):
            asked = False
            continue
        if not asked or (start == 0 and k == 0):
            turn.kind, turn.person = "ask", None
        else:
            turn.lines[start:] = [" ".join(sentences[:k])] if k else []
            out.append(_Turn("ask", turn.label, lines=[" ".join(sentences[k:])]))
        asked = True
    return out


def _detach_questions(turns: list[_Turn], lang: str) -> None:
    """Unlabelled questions printed before an answer label ("Comment vous êtes-vous
    rencontrées ?" then "Claire Vasseur : …") are cut from the end of the turn before.

    Where the questions carry labels ("Moderator:", "Q:"), a question closing an answer is
    the speaker's own ("… Who would choose to shoot in Hokkaido in February?")."""
    labelled = any(t.kind == "ask" and t.label for t in turns)
    i = 1
    while i < len(turns):
        turn, before = turns[i], turns[i - 1]
        if turn.kind == "answer" and (
            before.kind == "intro" or (before.kind == "answer" and not labelled)
        ):
            tail = _question_tail(before, lang)
            if tail:
                turns.insert(i, _Turn("ask", lines=tail))
                i += 1
        i += 1


def _question_tail(turn: _Turn, lang: str) -> list[str]:
    """The lines at the end of a turn that form a question, removed from it; [] if none.

    A block of its own (after a blank line) is the question whole when it ends with one;
    in the block that holds the turn's label line, only a last unit that is a question is.
    """
    lines = turn.lines
    start, end = _last_block(lines)
    block = lines[start:end]
    if not block:
        return []
    units = line_units(block) if len(block) > 1 else [block]
    last = " ".join(units[-1])
    shares_label = turn.kind == "answer" and start == 0 and turn.label is not None
    # Press kits print some questions in capitals and without a question mark, and some
    # as statements ("Vous avez travaillé avec des dockers."), alone in their paragraph.
    statement = not shares_label and start > 0 and is_prompt_alone(" ".join(block), lang)
    if not is_question(last) and not (last.isupper() and len(last.split()) >= 3) and not statement:
        return []
    if shares_label or turn.kind == "intro" or len(" ".join(block).split()) > 60:
        if len(units) < 2 and (
            shares_label or (turn.kind == "intro" and start == 0 and len(block) > 1)
        ):
            return []
        tail = units[-1]
    else:
        tail = block
    cut = end - len(tail)
    del turn.lines[cut:end]
    return tail


def _units(lines: Sequence[str], hyphenated: set[str]) -> list[str]:
    """A turn's text as paragraphs, wrapped lines rejoined, emphasis marks removed."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
        elif block:
            if is_hard_wrapped(block) or len(block) <= 3:
                out.append(join_lines(block, hyphenated))
            else:
                out.extend(join_lines(unit, hyphenated) for unit in line_units(block))
            block = []
    return [strip_emphasis(u).strip() for u in out if strip_emphasis(u).strip()]


def _answer_passages(units: list[str]) -> Iterator[str]:
    """An answer that fits stays whole; a longer one is cut at unit or sentence seams."""
    whole = " ".join(units)
    if len(whole) <= MAX_CHARS:
        yield whole
    else:
        yield from pack(units, joiner=" ")
