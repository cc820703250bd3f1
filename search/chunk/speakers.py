"""Who speaks in an interview: this is where a passage's speaker is decided.

Three sources name people, in this order of trust:

1. **The heading** ("Q&A with Maren Oduya, Tobias Achebe-Park, and Lin Hsu", "Rencontre
   croisée avec la réalisatrice Claire Vasseur et la comédienne Inès Morel", "INTERVIEW
   WITH DAVID WOLFE, COMPOSER", "Intervista a Giulia Ferri, regista di …"):
   ``parse_heading`` turns it into a list of ``Person`` (full name in natural case, role
   normalised to English). Roles, articles, film titles in brackets and "of <film>" tails are
   not part of a name. A one-word "name" ("An interview with Variety") names nobody: a
   publication or a mononym cannot be told apart from the heading alone.
2. **The intro**: "the director Nadia Petrova", "Zu Gast: die Regisseurin Hanna Weiss"
   (``mentions``) give roles and full names; "By Kate Marsh", "moderated by Dana Whitfield",
   "Modera Elena Guidi" (``interviewers``) name the people who ask.
3. **Turn labels** ("Oduya:", "DW:", "[OB]", "NADIA PETROVA:", "Q:", "R :", "kinokompass:"):
   ``Cast.resolve`` maps a label to the full name of an interviewee (by full name, surname
   or first name alone, or initials), to an asker (a letter such as Q/D/P/F, a word such
   as "Moderator", "Dal pubblico", an interviewer named in the intro), or to nothing known.

What a label that nobody introduced means is decided from how it is used (``Cast.settle``):
a lower-case label ("kinokompass") is a publication asking; a label whose turns are mostly
questions asks; any other is a new interviewee, under the one full name the text writes for
it ("ROURKE:" where a headline says "Sam Rourke's") or else as the label writes it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..names import in_capitals, natural_case, speaker_matches
from .prompts import addresses
from .text import strip_emphasis

# Role words of every language tutti tags, as they stand before or after a name, mapped to
# the English word users filter by (``--role director``). German inflects the masculine role
# after a preposition ("mit dem Komponisten", "des Regisseurs"): those forms are listed too,
# or the role word would be read as the first word of the name.
ROLES: dict[str, str] = {
    # director
    "director": "director",
    "filmmaker": "director",
    "film-maker": "director",
    "réalisateur": "director",
    "réalisatrice": "director",
    "cinéaste": "director",
    "metteur en scène": "director",
    "metteuse en scène": "director",
    "regisseur": "director",
    "regisseurin": "director",
    "regisseurs": "director",
    "filmemachers": "director",
    "filmemacher": "director",
    "filmemacherin": "director",
    "regista": "director",
    "directora": "director",
    "cineasta": "director",
    "realizador": "director",
    "realizadora": "director",
    "diretor": "director",  # Portuguese
    "yönetmen": "director",  # Turkish
    "režisér": "director",  # Czech
    "režisérka": "director",
    "diretora": "director",
    "dokumentarfilmer": "director",
    "dokumentarfilmerin": "director",
    "documentariste": "director",
    "documentarian": "director",
    "documentary-maker": "director",
    "documentalista": "director",
    "documentarista": "director",
    "regisseuse": "director",  # Dutch
    "regissör": "director",  # Swedish, with its article
    "regissören": "director",
    "regissør": "director",  # Norwegian, Danish
    "regissøren": "director",
    "instruktør": "director",
    "instruktøren": "director",
    "reżyser": "director",  # Polish (not declined: "z reżyserką Marią …" declines the name too)
    "reżyserka": "director",
    "filmmaakster": "director",
    # cinematographer (before "director": "director of photography" is not a director)
    "director of photography": "cinematographer",
    "cinematographer": "cinematographer",
    "directeur de la photographie": "cinematographer",
    "directrice de la photographie": "cinematographer",
    "chef opérateur": "cinematographer",
    "cheffe opératrice": "cinematographer",
    "kameramann": "cinematographer",
    "kamerafrau": "cinematographer",
    "kameramanns": "cinematographer",
    "direttore della fotografia": "cinematographer",
    "direttrice della fotografia": "cinematographer",
    "director de fotografía": "cinematographer",
    "directora de fotografía": "cinematographer",
    # composer
    "composer": "composer",
    "compositeur": "composer",
    "compositrice": "composer",
    "komponist": "composer",
    "komponistin": "composer",
    "komponisten": "composer",
    "compositore": "composer",
    "compositor": "composer",
    "compositora": "composer",
    "kompositör": "composer",  # Swedish
    "kompositören": "composer",
    "kompozytor": "composer",  # Polish
    # actor
    "actor": "actor",
    "actress": "actor",
    "comédien": "actor",
    "comédienne": "actor",
    "acteur": "actor",
    "actrice": "actor",
    "interprète": "actor",
    "schauspieler": "actor",
    "schauspielerin": "actor",
    "schauspielers": "actor",
    "darsteller": "actor",
    "darstellerin": "actor",
    "hauptdarsteller": "actor",
    "hauptdarstellerin": "actor",
    "lead actor": "actor",
    "lead actress": "actor",
    "protagonista": "actor",
    "attore": "actor",
    "attrice": "actor",
    "actriz": "actor",
    "atriz": "actor",  # Portuguese
    "ator": "actor",
    "actriu": "actor",  # Catalan
    "oyuncu": "actor",  # Turkish
    "herec": "actor",  # Czech
    "herečka": "actor",
    "skådespelare": "actor",  # Swedish
    "skådespelaren": "actor",
    "skådespelerska": "actor",
    "skådespelerskan": "actor",
    "skuespiller": "actor",  # Danish, Norwegian
    "skuespilleren": "actor",
    "aktor": "actor",  # Polish
    "aktorka": "actor",
    "star": "actor",
    # producer
    "producer": "producer",
    "co-producer": "producer",
    "producteur": "producer",
    "productrice": "producer",
    "produzent": "producer",
    "produzentin": "producer",
    "produzenten": "producer",
    "produttore": "producer",
    "produttrice": "producer",
    "productor": "producer",
    "productora": "producer",
    "producent": "producer",  # Dutch, Swedish, Danish, Polish
    "producenten": "producer",
    "producentka": "producer",
    "produtor": "producer",  # Portuguese
    "produtora": "producer",
    "yapımcı": "producer",  # Turkish
    # screenwriter
    "screenwriter": "screenwriter",
    "writer": "screenwriter",
    "co-writer": "screenwriter",
    "scénariste": "screenwriter",
    "co-scénariste": "screenwriter",
    "drehbuchautor": "screenwriter",
    "drehbuchautorin": "screenwriter",
    "drehbuchautors": "screenwriter",
    "drehbuchautoren": "screenwriter",
    "autor": "screenwriter",
    "autorin": "screenwriter",
    "sceneggiatore": "screenwriter",
    "sceneggiatrice": "screenwriter",
    "guionista": "screenwriter",
    "manusförfattare": "screenwriter",  # Swedish
    "manusförfattaren": "screenwriter",
    "scenarzysta": "screenwriter",  # Polish
    "scenarzystka": "screenwriter",
    "roteirista": "screenwriter",  # Portuguese
    "senarist": "screenwriter",  # Turkish
    # production and costume designer
    "production designer": "production designer",
    "chef décorateur": "production designer",
    "cheffe décoratrice": "production designer",
    "szenenbildner": "production designer",
    "szenenbildnerin": "production designer",
    "scenografo": "production designer",
    "scenografa": "production designer",
    "director de arte": "production designer",
    "directora de arte": "production designer",
    "costume designer": "costume designer",
    "costumière": "costume designer",
    "kostümbildner": "costume designer",
    "kostümbildnerin": "costume designer",
    "costumista": "costume designer",
    # editor
    "editor": "editor",
    "monteur": "editor",
    "monteuse": "editor",
    "cutter": "editor",
    "cutterin": "editor",
    "monteurs": "editor",
    "montatore": "editor",
    "montatrice": "editor",
    "montador": "editor",
    "montadora": "editor",
    # author of the book adapted
    "novelist": "author",
    "author": "author",
    "écrivain": "author",
    "écrivaine": "author",
    "romancier": "author",
    "romancière": "author",
    "schriftsteller": "author",
    "schriftstellerin": "author",
    "schriftstellers": "author",
    "scrittore": "author",
    "scrittrice": "author",
    "escritor": "author",
    "escritora": "author",
}
# Plural role words, before a list of names: "the actors Tom Reyes and Ada Lindqvist".
PLURAL_ROLES: dict[str, str] = {
    "directors": "director",
    "réalisateurs": "director",
    "réalisatrices": "director",
    "registi": "director",
    "directores": "director",
    "directoras": "director",
    "realizadores": "director",
    "realizadoras": "director",
    "diretores": "director",
    "regisseure": "director",
    "regisseuren": "director",
    "regisseurinnen": "director",
    "filmmakers": "director",
    "actors": "actor",
    "actresses": "actor",
    "acteurs": "actor",
    "actrices": "actor",
    "comédiens": "actor",
    "comédiennes": "actor",
    "schauspielerinnen": "actor",
    "attori": "actor",
    "attrici": "actor",
    "actores": "actor",
    "producers": "producer",
    "producteurs": "producer",
    "productrices": "producer",
    "produttori": "producer",
    "productores": "producer",
    "screenwriters": "screenwriter",
    "writers": "screenwriter",
    "scénaristes": "screenwriter",
    "sceneggiatori": "screenwriter",
    "guionistas": "screenwriter",
    "composers": "composer",
    "compositeurs": "composer",
    "compositori": "composer",
    "compositores": "composer",
}
ROLES.update(PLURAL_ROLES)
_ROLE_ALT = "|".join(re.escape(k) for k in sorted(ROLES, key=len, reverse=True))
# One role, or two held together ("writer-director", "Autorin und Regisseurin").
_ROLE_AT_START = re.compile(
    rf"^(?P<first>{_ROLE_ALT})(?:(?:[ \t]*[-/&][ \t]*|[ \t]+(?:and|und|et|y|e)[ \t]+)"
    rf"(?P<second>{_ROLE_ALT}))?(?![\w-])",
    re.IGNORECASE,
)

# Words before a name or role that belong to neither ("the director", "dem Regisseur").
_ARTICLES = frozenset(
    [
        "the",
        "a",
        "an",
        "her",
        "his",
        "their",
        "our",
        "its",
        "la",
        "le",
        "les",
        "l'",
        "l’",
        "un",
        "une",
        "sa",
        "son",
        "ses",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "ein",
        "eine",
        "einem",
        "einer",
        "ihre",
        "ihrem",
        "ihren",
        "seine",
        "seinem",
        "seinen",
        "il",
        "lo",
        "gli",
        "i",
        "el",
        "los",
        "las",
        "su",
        "sus",
        "del",
        "della",
        "dello",
        "co",
    ]
)
# Words that say what kind of interview, before its noun: "Radio interview with",
# "Exclusive Q&A with", "Radio-Interview mit", and German's compounds ("Telefoninterview",
# "Filmgespräch"). Any word joined by a hyphen is one ("Kurz-Interview").
_QUALIFIER = (
    r"(?:(?:radio|video|vidéo|tv|télé|tele|telephone|phone|telefon|fernseh|exclusive|exklusiv|"
    r"esclusiva|exclusiva|festival|press|presse|podcast|live|online|e-?mail|written|joint|"
    r"double|doppel|kurz|short|long|extended|in-depth|film|werkstatt|publikums|[^\W\d_]+(?=-))"
    r"(?:[ \t]+|-|(?=interview|gespräch))){0,2}"
)
# Heading words that name an interview, in every language tutti tags.
_INTERVIEW_NOUN = (
    _QUALIFIER
    + r"(?:conversation|interview|entretien|rencontre|dialogue|questions|gespräch|unterhaltung|"
    r"dialog|fragen|intervista|conversazione|incontro|dialogo|entrevista|conversación|charla|"
    r"encuentro|domande|preguntas|perguntas|conversa|vragen|gesprek|minutes|minuten|minuti|"
    r"minutos|questionnaire|questionario|intervju|samtal|samtale|wywiad|rozmowa|"
    r"cuestionario|fragebogen|q\s*&\s*a|q\s*and\s*a)"
)
# "Three questions for X", "Tre domande a X", "Five minutes with X": a number before it.
_COUNT = (
    r"(?:(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|deux|trois|quatre|cinq|"
    r"six|sept|huit|neuf|dix|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|due|tre|"
    r"quattro|cinque|sei|sette|otto|nove|dieci|dos|tres|cuatro|cinco|seis|siete|ocho|"
    r"nueve|diez|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+)?"
)
_HEADING = re.compile(
    r"^[\s#*>]*(?:(?P<kicker>[^:|–—]{1,80}?)\s*[:|–—]\s+)?"
    r"(?:(?P<host>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+(?:\s+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+){1,3})\s+(?:in|im|en)\s+)?"
    r"(?:(?:an?|une?|ein|eine|im|in|l['’]|la|el|un|una|the)\s+)?"
    + _COUNT
    + _INTERVIEW_NOUN
    + r"(?:\s+(?:croisée?s?|exclusive|exclusif|exclusiva|esclusiva|radio|radiophonique|vidéo|"
    r"video|télévisée?|téléphonique|filmée?|telefónica|radiofónica|radiofonica))?"
    r"\s+(?P<prep>with|avec|mit|con|com|met|aan|a|ad|à|an|for|to|pour|para|per|al|alla|allo|ai|"
    r"agli|alle|au|aux|zu|zum|zur|med)"
    r"(?:\.{3}|…)?\s+(?P<rest>.+?)[\s*#:]*$",  # "FIVE QUESTIONS FOR... RUTH …"
    re.IGNORECASE,
)
# Words one of which every interview heading holds: a substring test per line is much
# cheaper than the heading patterns, and almost every line of a document fails it.
_NOUN_STEMS = (
    "conversation",
    "interview",
    "entretien",
    "rencontre",
    "dialog",
    "question",
    "gespräch",
    "unterhaltung",
    "fragen",
    "fragebogen",
    "intervista",
    "conversazione",
    "incontro",
    "entrevista",
    "conversación",
    "charla",
    "encuentro",
    "domande",
    "preguntas",
    "perguntas",
    "conversa",
    "vragen aan",  # "Vijf vragen aan …", not a FAQ's "Veelgestelde vragen"
    "gesprek met",
    "intervju",  # Swedish, Norwegian
    "samtal",  # Swedish, Danish, Norwegian ("samtale")
    "wywiad",  # Polish
    "rozmowa",
    "minute",
    "q&a",
    "q & a",
    "q and a",
)
_NOUN_THEN_NAMES = re.compile(
    r"^[\s#*>]*(?:(?:an?|une?|ein|eine|im|in|l['’]|la|el|un|una|the)\s+)?"
    + _INTERVIEW_NOUN
    + r"\s*[:–—|-]\s*(?P<rest>.+?)[\s*#]*$",
    re.IGNORECASE,
)
_NAMES_THEN_NOUN = re.compile(
    r"^[\s#*>]*(?P<rest>.+?),?\s+(?:im|in|en|a|an)\s+(?:einem\s+|an\s+)?"
    + _INTERVIEW_NOUN
    + r"[\s*#]*$",
    re.IGNORECASE,
)
# "Moreau, l'entretien", "Kowalczyk: The Interview". Not after a dash or a bar: a
# magazine's rubric is set so ("SPETTACOLI — L'INTERVISTA", "CINÉMA | RENCONTRE").
_NAMES_COMMA_NOUN = re.compile(
    r"^[\s#*>]*(?P<rest>[^,:–—|]+?)\s*[,:]\s*(?:(?:the|l['’]|das|el|la|il|an?|une?)\s*)?"
    + _INTERVIEW_NOUN
    + r"[\s*#]*$",
    re.IGNORECASE,
)
# A heading that says "interview" and names nobody: "DIRECTOR'S Q&A", "L'ENTRETIEN".
_GENERIC_HEADING = re.compile(
    r"^[\s#*>]*(?:(?:the|l['’]|el|la|das|il)\s*)?(?P<who>[\w'’]+(?:['’]s)?\s+)?"
    + _INTERVIEW_NOUN
    + r"[\s*#:]*$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"\s*[,;]\s*(?:(?:and|et|und|e|y|&)\s+)?|\s+(?:and|et|und|e|y|&)\s+", re.IGNORECASE
)
_BRACKETED = re.compile(
    r"\([^)]*\)|\[[^\]]*\]|«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|"
    # single quotes only where no word touches them outside: "O'Brien" keeps its name
    r"(?<!\w)['‘][^'‘’]*['’](?!\w)"
)
# What a heading says the talk is about, after the names: "X on 'The Ninth Wave'",
# "X über ihren neuen Film".
_TOPIC_TAIL = re.compile(
    r"\s+(?:on|about|über|sur|sobre|sul|sulla|zu|zum|à propos de)(?:\s.*)?$", re.IGNORECASE
)
# Who a heading talks to without naming anyone: "the cast of …", "l'équipe du film".
_GROUP = re.compile(
    r"(?i)^(?:the\s+|l['’]|il\s+|el\s+|das\s+)?(?:cast|crew|team|filmmakers|ensemble|équipe|"
    r"reparto|elenco|darsteller|makers)\b"
)
_TITLE_TAIL = re.compile(
    r"\s+(?:of|de|du|des|di|del|della|von|vom|für|for|in|dans|im)\b.*$", re.IGNORECASE
)
_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "dos",
        "das",
        "y",
        "ben",
        "bin",
        "al",
        "el",
    ]
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")


@dataclass(frozen=True)
class Person:
    """Someone an interview names: full name in natural case, role as an English word."""

    name: str
    role: str | None = None


def role_of(text: str) -> str | None:
    """The English role a phrase starts with ("réalisatrice" → director), or None."""
    match = _ROLE_AT_START.match(text.strip())
    return _role_said(match) if match else None


def _role_said(match: re.Match[str]) -> str:
    """The role a match of ``_ROLE_AT_START`` says: of two, a writer-director or an
    actor-director is asked as the director, any other pair by the first."""
    roles = [ROLES[part.lower()] for part in match.group("first", "second") if part]
    return "director" if "director" in roles else roles[0]


def role_label(label: str) -> str | None:
    """The English role when a turn label is nothing but one, after its article
    ("Director:", "THE DIRECTOR:", "Die Regisseurin:", "Le réalisateur :"), else None."""
    text = " ".join(_strip_articles(label.strip(" []().:*").split()))
    match = _ROLE_AT_START.match(text)
    return _role_said(match) if match and match.end() == len(text) else None


# Portuguese and Dutch articles, stripped only before a role: "Entrevista com o realizador
# …", "met de regisseurs …" ("Uma Thurman" is a name).
_ROLE_ARTICLES = frozenset(["o", "os", "um", "uma", "de", "het", "een"])


def _strip_articles(words: list[str]) -> list[str]:
    while words and (
        words[0].lower() in _ARTICLES
        or (words[0].lower() in _ROLE_ARTICLES and role_of(" ".join(words[1:3])))
    ):
        words = words[1:]
    if words and re.match(r"(?i)(?:l|d|dell|dall|all)['’]\w", words[0]):
        words = [re.sub(r"^\w+['’]", "", words[0]), *words[1:]]  # "L'ATTRICE", "l’actrice"
    return words


def _after_owner(words: list[str]) -> list[str]:
    """The words after a company's possessive, when a full name follows it: "Northlight's
    Ingrid Vasquez-Thorne", "Northlight Sales' Priya Velankar"."""
    owner = next((i for i, w in enumerate(words[:3]) if w.endswith(("'s", "’s", "s'", "s’"))), None)
    return words[owner + 1 :] if owner is not None and len(words) - owner > 2 else words


def _name(words: Sequence[str]) -> str | None:
    """The words as a person's name, or None when they do not look like one."""
    if not 1 <= len(words) <= 5:
        return None
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    if not (
        words[0][0].isupper() and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
    ):
        return None
    name = " ".join(words).strip(" .")
    return natural_case(name) if in_capitals(name) else name


def _piece(piece: str) -> tuple[str | None, str | None, bool]:
    """(name, role, understood) for one comma- or "and"-separated part of a heading."""
    text = _TOPIC_TAIL.sub("", _BRACKETED.sub(" ", piece)).strip(" .:…–—-")
    if not text or _GROUP.match(text):
        return None, None, True
    role = None
    words = _strip_articles(text.split())
    match = _ROLE_AT_START.match(" ".join(_after_owner(words)))
    if words and words[0] != text.split()[0] and not match:
        return None, None, True  # "Interview – THE SILENT ORCHARD": a title, nobody's name
    words = _after_owner(words)
    if match:
        role = _role_said(match)
        rest = " ".join(words)[match.end() :]
        if not rest.strip() or _TITLE_TAIL.match(rest):
            return None, role, True  # "regista di «…»", "COMPOSER": a role only
        words = _strip_articles(rest.split())
    name = _name(words)
    if name is None:
        # A role after the name without a comma: "Petra Lang Regisseurin".
        if len(words) > 1 and role_of(words[-1]):
            role, name = role_of(words[-1]), _name(words[:-1])
        if name is None:
            return None, None, False
    return name, role, True


_SECTION_NUMBER = re.compile(r"^\d{1,2}[.)]\s+(?=\D)")


def parse_heading(line: str) -> list[Person] | None:
    """The people an interview heading names, or None when the line is no interview heading.

    An empty list is a heading that names nobody ("DIRECTOR'S Q&A", "An interview with
    Variety"): the interviewee is then found in the intro or the labels.
    """
    # "1. Q&A: RAFAELA STRUMM ON …", "### 2. Im Gespräch: …"
    stripped = _SECTION_NUMBER.sub("", line.strip().lstrip("#").strip())
    if not stripped or len(stripped) > 200:
        return None
    low = stripped.lower()
    if not any(stem in low for stem in _NOUN_STEMS):
        return None
    if stripped.endswith((".", "?", "!")) and not stripped.endswith("..."):
        return None
    generic = _GENERIC_HEADING.match(stripped)
    if generic:
        who = (generic.group("who") or "").strip()
        if who and not (who.isupper() or who[0].isupper() or role_of(who.rstrip("'’s"))):
            return None
        return []
    match = _HEADING.match(stripped)
    if match:
        rest = match.group("rest")
        people = _people(rest)
        if people is None:  # "Questions for Maja Lindqvist – THE GLASS HARVEST": a title after
            rest = _TITLE_AFTER.sub("", rest)
            people = _people(rest)
        # "Interview with Anna Berg in Berlin": the place is no person. French and Spanish
        # "en" is "in" ("avec Marc Olivier en Haute Savoie"), where Dutch "en" joins two
        # names ("met Pim de Boer en Sara Vos"): only a Dutch heading keeps it as "and".
        place = _PLACE_AFTER.search(rest)
        if place and (
            people is None or (place["in"].lower() in ("en", "em") and not _dutch(match))
        ):
            there = _people(rest[: place.start()])
            people = people if there is None else there
        # naming nobody, it must look like a heading: in title case, or marked as one
        # ("## Interview with the director", where a sentence could start so)
        marked = line.lstrip().startswith("#")
        if people is None or (not people and not (_is_title_case(stripped) or marked)):
            return None
        return people
    # "INTERVIEW: MAREN ODUYA", "Interview – Lukas Brandt", "Maren Oduya im Interview",
    # "Moreau, l'entretien": without "with", the line must name someone, and may name
    # them by one word (a publication is not "Interview: Variety").
    match = (
        _NOUN_THEN_NAMES.match(stripped)
        or _NAMES_THEN_NOUN.match(stripped)
        or _NAMES_COMMA_NOUN.match(stripped)
    )
    people = _people(match.group("rest"), mononyms=True) if match else None
    return people or None


# A sentence of the text that opens an interview by saying whom it asked: "We asked
# director Maya Lind a few questions about the film.", "Nous avons posé trois questions à
# la réalisatrice …", "Wir haben Regisseurin … ein paar Fragen gestellt.", "Abbiamo fatto
# qualche domanda alla regista …", "Le hicimos unas preguntas a …", "X answered our
# questions." The people are in ``rest``; what the talk is about is cut by ``_piece``.
_UNTIL_STOP = r"(?P<rest>[^.:;!?]+)"
_ALSO = r"(?:(?:also|aussi|également|auch|anche|también)\s+)?"
_ASKED = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:we|i)\s+" + _ALSO + r"asked\s+(?P<rest>.+?)\s+(?:a\s+few|a\s+couple\s+of|some|"
        r"several|[\w-]+)\s+questions\b",
        r"^(?:we|i)\s+" + _ALSO + r"put\s+(?:[\w-]+\s+){0,2}questions\s+to\s+" + _UNTIL_STOP,
        r"^(?:nous\s+avons|j['’]ai)\s+"
        + _ALSO
        + r"posé\s+(?:[\w-]+\s+)?questions\s+"
        + _ALSO
        + r"(?:à|au|aux)\s+"
        + _UNTIL_STOP,
        r"^wir\s+haben\s+" + _ALSO + r"(?P<rest>.+?)\s+(?:ein\s+paar|einige|[\w-]+)\s+fragen\s+"
        r"gestellt\b",
        r"^(?:abbiamo|ho)\s+" + _ALSO + r"(?:fatto|rivolto|posto)\s+(?:qualche\s+domanda|"
        r"[\w-]+\s+domande)\s+" + _ALSO + r"(?:a|al|alla|allo|ai|agli)\s+" + _UNTIL_STOP,
        r"^" + _ALSO + r"(?:le\s+|les\s+)?(?:hicimos|hemos\s+hecho|planteamos)\s+"
        r"(?:[\w-]+\s+)?preguntas\s+" + _ALSO + r"(?:a|al)\s+" + _UNTIL_STOP,
        r"^(?P<rest>[^.:;!?]+?)\s+(?:" + _ALSO + r"answered|a\s+" + _ALSO + r"répondu\s+à|"
        r"hat|ha\s+" + _ALSO + r"risposto\s+a|respondió\s+" + _ALSO + r"a|responde\s+a)\s+"
        r"(?:our|nos|unsere|alle\s+nostre|nuestras)\s+(?:questions|fragen|domande|preguntas)\b",
    )
]
_ASKED_STEMS = ("question", "fragen", "domand", "pregunta")


def parse_asked(line: str) -> list[Person] | None:
    """The people a sentence opening an interview says were asked ("We asked director
    Maya Lind a few questions."), or None when the line says no such thing."""
    low = line.lower()
    if len(line) > 220 or not any(stem in low for stem in _ASKED_STEMS):
        return None  # almost every line: said without a regex
    stripped = strip_emphasis(line).strip()
    for pattern in _ASKED:
        match = pattern.match(stripped)
        if match:
            # "… alla montatrice Sara Conti, che ha lavorato al film": a clause after the
            # name is no part of the list.
            rest = match.group("rest")
            return _people(rest) or _people(rest.split(",", 1)[0]) or None
    return None


# Who asked, after the names of a heading: "Conversazione con Lorenza Quaglieri, a cura di
# Paolo Venturelli", "…, interviewed by Kate Marsh", "…, propos recueillis par …".
_INTERVIEWER_TAIL = re.compile(
    r"(?i),?\s+(?:a cura di|interviewed by|interview by|propos recueillis par|entretien réalisé "
    r"par|das gespräch führte|entrevista de|moderated by|modéré par|moderiert von)\s+\S.*$"
)


def _people(rest: str, *, mononyms: bool = False) -> list[Person] | None:
    """The people of a heading's list of names ("A, B, and C", "la réalisatrice X et …"),
    or None when a part of it is neither a name nor a role. A name of one word is kept
    only with ``mononyms`` (see ``Cast.complete_mononyms``)."""
    if len(rest.split()) > 24:
        return None
    rest = _ROLE_BRACKET.sub(_role_after, rest)
    rest = _DUTCH_AND.sub(" & ", _INTERVIEWER_TAIL.sub("", rest))
    people: list[Person] = []
    pieces = [_piece(piece) for piece in _SEPARATOR.split(rest)]
    joins = [m.group() for m in _SEPARATOR.finditer(rest)]
    for i, (name, role, understood) in enumerate(pieces):
        if not understood:
            return None
        if name is None:
            if role and people and people[-1].role is None:
                people[-1] = Person(people[-1].name, role)
            continue
        if len(name.split()) == 1:
            # "Paolo and Vittorio Ranieri": a first name joined to a full name shares its
            # surname; anything else of one word is a publication or a mononym.
            after = pieces[i + 1][0] if i + 1 < len(pieces) else None
            if after and len(after.split()) > 1 and "," not in joins[i]:
                name = f"{name} {after.split(maxsplit=1)[1]}"
            elif not mononyms:
                continue
        people.append(Person(name, role))
    return people


# A role in brackets after a name, "Rafael Osei (director) and Lena Morrow (producer)": it
# becomes the role after a comma, which the name before it takes. Any other bracket (a
# film, "(FILM)", "(Regie und Buch)") goes, before its "und" could split a name from it.
_ROLE_BRACKET = re.compile(r"[ \t]*\((?P<said>[^()\n]{1,40})\)")


def _role_after(match: re.Match[str]) -> str:
    role = role_label(match.group("said"))
    return f", {role}" if role else " "


# Dutch "en" between two names ("PIM DE BOER EN SARA VOS"), where French and Spanish "en"
# is "in": only before two capitalised words, not before an article ("en el festival") or
# a single word ("en Sevilla").
_DUTCH_AND = re.compile(
    r"(?<=\w)\s+(?:en|EN)\s+(?!(?i:el|la|los|las|le|les|het|un|una|une)\b)"
    r"(?=[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]+\s+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я])"
)
# What follows the names of a heading after a dash, a bar or a colon: the film's title.
_TITLE_AFTER = re.compile(r"(?:\s+[–—|-]|:)\s+\S.*$")
# Where the talk took place, after the names: "in Berlin", "à Paris", "en Haute-Savoie",
# "a Roma", "no Porto", "in the Scottish Highlands", with a date after a comma.
_PLACE_AFTER = re.compile(
    # (not after "and": "a Luca Bianchi e a Marta Rossi")
    r"(?<!\se)(?<!\sy)(?<!\set)(?<!\sand)(?<!\sund)(?<!&)"
    r"\s+(?P<in>in|im|at|à|au|aux|a|en|em|no|na|nel|nella)\s+"
    r"(?:(?:the|la|le|les|der|die|dem|den|el|los|las|o|a)\s+|l['’])?"
    r"[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’.-]*(?:\s+(?:(?:de|di|du|del|della|sur|am|an|upon|on)\s+)?[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’.-]*){0,3}"
    r"(?:,\s*[^,]{1,40})?$"
)


def _dutch(heading: re.Match[str]) -> bool:
    """Whether an interview heading is Dutch ("Interview met …", "Vragen aan …")."""
    return heading["prep"].lower() in ("met", "aan")


def _is_title_case(line: str) -> bool:
    """A heading is short and in capitals or title case; a sentence with 'interview with
    the director was ...' is not."""
    words: list[str] = re.findall(r"[^\W\d_][\w'’-]*", line)
    return bool(words) and (line.isupper() or sum(w[0].isupper() for w in words) * 2 >= len(words))


def person_of_heading(line: str, text: str) -> list[Person] | None:
    """The person a heading is nothing but, with a role ("DESMOND ACHTERBERG, PRODUCER",
    "The composer: Lina Sørensen"), or hears on something ("MAEVE CORRIGAN ON PLAYING
    ISLA"): a press kit's next interviewee. None otherwise."""
    said = line.strip(" #*_").replace(":", ",")
    if not said or len(said.split()) > 8 or said.endswith((".", "?", "!")):
        return None
    on = _NAME_ON.match(said)  # "MAEVE CORRIGAN ON PLAYING ISLA"
    if on:
        name = _name(on.group("name").split())
        # a person the text names again ("FILM NOTES ON CASTING" names nobody)
        again = name is not None and text.casefold().count(name.casefold()) >= 2
        return [Person(name)] if again and name and _first_name_like(name.split()[0]) else None
    people = _people(said)
    return people if people and len(people) == 1 and people[0].role else None


_NAME_ON = re.compile(
    r"^(?P<name>[^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+){1,2})[ \t]+(?i:on|über|sur|su|sobre)[ \t]"
)


def host_of_heading(line: str) -> str | None:
    """Who asks, when the heading says it: "Kate Marsh in conversation with David Wolfe"."""
    if parse_heading(line) is None:  # first: it turns away a long line before any pattern
        return None
    match = _HEADING.match(line.strip())
    return match.group("host") if match else None


def speaker_of_heading(line: str) -> str | None:
    """The one interviewee a heading names (the first when it names several), or None."""
    people = parse_heading(line)
    return people[0].name if people else None


def film_of_heading(line: str) -> str | None:
    """The film an interview heading names after its people ("Questions for Maja
    Lindqvist – THE GLASS HARVEST", "Q&A with X | «Salt»"), or None."""
    return title_after(line) if speaker_of_heading(line) else None


def title_after(line: str) -> str | None:
    """The title a line gives after a dash, bar or colon, in capitals or quotes, the words
    before it not in capitals ("Entrevista Público – O ÚLTIMO VERÃO EM ALFAMA", "… |
    «Salt»"), or None ("Interview with X – director" names a role, "… – Part 2" no
    title, "THE NIGHT FERRY – PRESS KIT" is one line in capitals)."""
    text = line.strip().lstrip("#").strip()
    if len(text) > TITLE_LINE_CHARS:
        return None  # no title line (and the patterns below stay linear)
    tail = _TITLE_AFTER.search(text)
    if tail is None:
        # "Entretien « Les Heures claires »", "Ihre Fragen zu „Die stille Grenze“"
        quoted = _QUOTED_END.search(text) or _ITALIC_END.search(text)
        title = quoted.group("title").strip() if quoted else ""
        return title if 0 < len(title.split()) <= QUOTED_TITLE_WORDS + 2 else None
    if text[: tail.start()].isupper():
        return None
    title = tail.group(0).lstrip(" –—|-:").strip()
    quoted = _QUOTED_TITLE.match(title)
    if quoted:
        title = quoted.group("title").strip()
        if tail.group(0).lstrip().startswith(":") and len(title.split()) > QUOTED_TITLE_WORDS:
            return None  # "Kofi Mensah: 'London is my Western'" quotes him
    elif not (title.isupper() and any(c.isalpha() for c in title)):
        return None
    return None if role_of(title) or not title else title


def hears_someone(line: str) -> bool:
    """Is a line a headline hearing someone on something ("Till Becker über Geduld")? It
    is then no film's cover line, whatever it is about."""
    return _HEADLINE_ON.match(line.strip()) is not None


def film_of_headline(line: str) -> str | None:
    """The film a headline hears someone on, in quotes, italics or title case ("# Mira
    Halvorsen on The Apple Thieves", "Beatrix Nwosu-Lang on *The Quiet Year*"), or None
    (a topic: "Till Becker über Geduld")."""
    match = _HEADLINE_ON.match(line.strip())
    if match is None:
        return None
    # (after a colon comes what they say: "über „Die Salzwiesen“: „Ich wollte …“")
    rest = line.strip()[match.end() :].split(": ", 1)[0].strip()
    # the whole rest quoted, or its end: "über seinen Film „Eisland“", "on pre-selling
    # 'Glass Orchard'"
    quoted = (
        _QUOTED_TITLE.match(rest)
        or _QUOTED_END.search(f" {rest}")
        or _ITALIC_END.search(f" {rest}")
        or _SINGLE_QUOTED_END.search(f" {rest}")
    )
    if quoted:
        rest = quoted.group("title").strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", rest)
    if not quoted and not (words and all(w[0].isupper() or w in _PARTICLES for w in words)):
        return None
    if not quoted and len(words) < 2 and match.group("verb") != "on":
        return None  # a German noun is capitalised: "über Geduld" is a topic
    return rest if 0 < len(words) <= 8 and not role_of(rest) else None


#: After a colon, words in quotes are a title up to this many ("Werkstattgespräch:
#: „Kaltfront“"), and a headline's quote beyond it.
QUOTED_TITLE_WORDS = 3
#: A line giving a title is no longer than this.
TITLE_LINE_CHARS = 200
_QUOTED_END = re.compile(r"\s[«\"“„]\s*(?P<title>[^«»\"“”„]{1,80}?)\s*[»\"”“]\s*$")
_SINGLE_QUOTED_END = re.compile(r"\s['‘](?P<title>[^'‘’\s][^'‘’]{0,79}?)['’]\s*$")
# "Coloquio tras la proyección de *La ceniza del volcán*": a title in Markdown italics.
_ITALIC_END = re.compile(r"\s(?P<mark>[*_]{1,2})(?P<title>[^*_\s][^*_]{0,79}?)(?P=mark)\s*$")
_QUOTED_TITLE = re.compile(r"^[«\"“„'‘*_]+\s*(?P<title>[^«»\"“”„'‘’*_]+?)\s*[»\"”“'’*_]+$")


# Role words by their first word, for ``mentions`` (a regex alternation of every role word
# tried at every position of a long document is slow).
_ROLE_STARTS: dict[str, list[str]] = {}
for _role in sorted(ROLES, key=lambda r: -len(r.split())):
    _ROLE_STARTS.setdefault(_role.split()[0], []).append(_role)
_TOKEN = re.compile(r"\S+")
_ELIDED = re.compile(r"^(?:l|d|dell|dall|all|nell|sull)['’]")
_NAME_PARTICLES = frozenset(["de", "du", "la", "le", "von", "van", "der", "di", "da", "del"])
_BREAK = "\n"  # stands between two tokens a name may not join


def mentions(text: str) -> list[Person]:
    """People an intro names with their role, a role word then a name written with capitals:
    "the director Nadia Petrova", "Regisseurin Hanna Weiss", "la cinéaste Claire Vasseur"."""
    tokens: list[str] = []
    end = 0
    for match in _TOKEN.finditer(text):
        token, lines = match.group(), text.count("\n", end, match.start())
        # A name ends with its paragraph, and never takes in the label that opens the next
        # line ("mit dem Komponisten Armand Amar" followed by "Moderator: Warum …") or a
        # line of a word or two ("Transkript", "Press notes") under a heading.
        if lines > 1 or (lines and (token.endswith(":") or _short_line(text, match.start()))):
            tokens.append(_BREAK)
        tokens.append(token)
        end = match.end()
    # "l'attrice", "dell'attore": the role after an elided article.
    # A bracket ending a sentence, "(composer).", holds a role like any other.
    bare = [
        _ELIDED.sub("", t.lower().strip(',;:()«»"“”*_' + ("." if t[0] in "([" else "")))
        for t in tokens
    ]
    out: list[Person] = []
    for i, word in enumerate(bare):
        roles = _ROLE_STARTS.get(word)
        if not roles:
            continue
        for role in roles:
            size = len(role.split())
            if " ".join(bare[i : i + size]) == role:
                if tokens[i + size - 1].endswith(":"):
                    break  # a label ("Die Regisseurin: Weil der Schnee …"), not a mention
                if tokens[i].startswith(("(", "[")):
                    # "Hollis Brandt (director), Priya …": the name before the bracket's
                    person = _name_before(tokens[max(0, i - 4) : i], ROLES[role])
                    if person and not any(speaker_matches(person.name, p.name) for p in out):
                        out.append(person)
                    break
                at = i + size
                while True:
                    person, used = _name_after(tokens[at : at + 6], ROLES[role])
                    if person and not any(speaker_matches(person.name, p.name) for p in out):
                        out.append(person)
                    # a plural role names a list: "the actors A, B and C"
                    at += used
                    if not (person and role in PLURAL_ROLES):
                        break
                    if bare[at : at + 1] in _AND:
                        at += 1
                    elif not tokens[at - 1].endswith(","):
                        break
                break
    return out


# A capitalised word of a name as the headline, credit and intro patterns read it ("Okonkwo-
# Reyes", "O'Brien"); ``_NAME_OF`` is two to four such words. At most 41 characters (a
# longer word is no name's, even hyphenated): a pattern that tries one at every capital
# ran to the end of a hyphenated run from each ("A-A-A-…", 40,000 characters: 7 s).
_CAPITALISED = r"[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]{1,40}"
_NAME_OF = rf"{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,3}}"

# A credit names the director with no role word before the name: "*A film by Lise
# Tamborra*", "Un film de …", "Ein Film von …", "Una película de …", "Written and directed
# by …", and a crew list's line or table row ("Regie und Buch: …", "| Réalisation | … |").
_CREDIT = re.compile(
    r"(?:(?i:\b(?:a\s+film\s+by|directed\s+by|un\s+film\s+(?:d['’](?=\w)|de|di|réalisé\s+par)|"
    r"ein\s+film\s+von|una\s+pel[íi]cula\s+de|réalisé\s+par|regia\s+di|dirigid[oa]\s+por|"
    r"inszeniert\s+von))"
    r"|^[ \t|*_]*(?i:regie|réalisation|regia|dirección|direction|director)"
    r"(?:[ \t]+(?i:und|et|e|y|and|&)[ \t]+\w+)?[ \t*_]*(?=[|:]))"
    r"[ \t]*[|:]?[ \t*_]*"
    rf"(?P<name>{_CAPITALISED}(?:[ \t]+(?:(?:de|du|van|von|der|di|da|del|la|le)[ \t]+)?"
    rf"{_CAPITALISED}){{1,3}})",
    re.MULTILINE,
)


def credited_directors(text: str) -> list[Person]:
    """The directors a film's credits name ("A film by Lise Tamborra"): whom a heading
    naming only a role ("Director's Interview") interviews, when no intro names her."""
    out: list[Person] = []
    for match in _CREDIT.finditer(text):
        name = match.group("name")
        name = natural_case(name) if name.isupper() else name
        if not any(speaker_matches(name, p.name) for p in out):
            out.append(Person(name, "director"))
    return out


def _short_line(text: str, start: int) -> bool:
    """Is the line starting at ``start`` a word or two and nothing else, as a heading's
    second line is ("Transkript")? A wrapped name's last part runs on ("Petrova, who")."""
    end = text.find("\n", start)
    words = text[start : end if end >= 0 else len(text)].split()
    return len(words) <= 2 and all(w.isalpha() for w in words)


_AND = (["and"], ["et"], ["und"], ["e"], ["y"], ["&"])
#: Words written in capitals that end a name rather than continue it.
_NOT_NAME_WORDS = frozenset(["and", "et", "und", "e", "y", "with", "avec", "mit", "con", "about"])
# A nationality after the role word, as French, Italian and Spanish write it ("la
# réalisatrice sénégalaise Amara Diallo", "il regista napoletano …", "el director chileno …").
_NATIONALITY = re.compile(
    r"^[a-zà-ÿ]{3,}(?:aise?|aine?|ienne|ien|oise?|ano|ana|ese|esa|eno|ena|eño|eña|ino|ina|ense|és)$"
)


_NAME_PUNCT = ',;:.!?()«»"“”*_'


def _name_after(tokens: list[str], role: str) -> tuple[Person | None, int]:
    """Two to four capitalised words (particles allowed) right after a role word, and how
    many tokens they took."""
    words: list[str] = []
    skipped = 0
    if len(tokens) > 1 and _NATIONALITY.match(tokens[0]) and tokens[1][:1].isupper():
        tokens, skipped = tokens[1:], 1
    used = skipped
    for token in tokens:
        word = token.strip(_NAME_PUNCT)
        if not word or (words and token.startswith(("(", "["))):
            break  # "Theresa Kranewitter (TK)": what a bracket holds is no part of the name
        if not (word[0].isupper() and _NAME_WORD.match(word)) and not (
            words and word in _NAME_PARTICLES
        ):
            break
        if word.lower() in _NOT_NAME_WORDS or role_of(word):
            break  # a heading in capitals: "WITH DIRECTOR SOFIA LINDQVIST AND COMPOSER …"
        possessive = re.sub(r"['’]s$", "", word)  # "Director Anna Berg's second feature"
        words.append(possessive)
        used += 1
        if token.rstrip(_NAME_PUNCT) != token or possessive != word or len(words) == 4:
            break  # punctuation after the word ends the name ("**Paul" opens one)
    while words and words[-1] in _NAME_PARTICLES:
        words.pop()
        used -= 1
    if not 2 <= len(words) <= 4:
        return None, used
    name = " ".join(words)
    return Person(natural_case(name) if name.isupper() else name, role), used


def _name_before(tokens: list[str], role: str) -> Person | None:
    """Two to four capitalised words (particles allowed) right before a bracketed role,
    the last with nothing after it: "Participants: Janek Rosłowski (director)"."""
    words: list[str] = []
    for token in reversed(tokens):
        word = token.strip(_NAME_PUNCT)
        if token == _BREAK or not word or (words and token.rstrip(_NAME_PUNCT) != token):
            break  # "Participants:", "… (producer), Marcus": punctuation ends the name
        if not (word[0].isupper() and _NAME_WORD.match(word)) and word not in _NAME_PARTICLES:
            break
        if word.lower() in _NOT_NAME_WORDS or role_of(word):
            break
        words.insert(0, word)
    while words and words[0] in _NAME_PARTICLES:
        words.pop(0)
    if not 2 <= len(words) <= 4:
        return None
    name = " ".join(words)
    return Person(natural_case(name) if name.isupper() else name, role)


# Who asks, as an intro or byline says it: "By Kate Marsh" opening a line, "moderated by".
_INTERVIEWER_CUES = (
    "moderated by",
    "hosted by",
    "interviewed by",
    "interview by",
    "interview:",
    "propos recueillis par",
    "entretien réalisé par",
    "animé par",
    "animée par",
    "modéré par",
    "modérée par",
    "moderiert von",
    "moderation:",
    "présentation :",
    "chronique :",
    "moderator:",
    "moderatorin:",
    "moderatore:",
    "moderatrice:",
    "modérateur :",
    "modératrice :",
    "moderador:",
    "moderadora:",
    "das gespräch führte",
    "modera",
    "moderata da",
    "moderato da",
    "a cura di",
    "moderado por",
    "moderada por",
    "entrevista de",
)
# Words that may stand between a cue and the asker's name: articles and the trades of
# those who ask (not a film's roles: "a Q&A moderated by our programmer with director
# Anna Berg" names the interviewee after them).
_ASKER_TRADES = (
    *("the", "our", "a", "la", "le", "der", "die", "dem", "il", "el", "and", "et", "und"),
    *("e", "y", "critic", "programmer", "journalist", "editor", "curator", "critique"),
    *("programmateur", "programmatrice", "journaliste", "kritiker", "kritikerin"),
    *("journalistin", "filmkritikerin", "filmkritiker", "giornalista", "critico", "critica"),
    *("periodista", "crítico", "crítica", "programadora", "programador"),
)
# (The byline's leading spaces and marks stop at its line's end, as ``_GUESTS``'s do.)
_INTERVIEWER = re.compile(
    r"(?:^(?:[^\S\n]|[*_])*(?P<lead>(?i:by|par|von|di|por|de))|(?<![\w-])(?i:"
    + "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in _INTERVIEWER_CUES)
    # a cue may name the asker's trade first: "Moderated by the critic and programmer Helen …"
    + r")(?:\s+(?:"
    + "|".join(_ASKER_TRADES)
    + r")){0,5})\s+(?P<name>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+){1,2})",
    re.MULTILINE,
)
# Labels that stand for the one person who runs the interview (not the audience).
_HOST_LABELS = frozenset(
    {
        "moderator",
        "moderatorin",
        "moderatrice",
        "moderatore",
        "modérateur",
        "modératrice",
        "moderadora",
        "moderador",
        "interviewer",
        "intervieweuse",
        "host",
        "gastgeber",
        "gastgeberin",
        "presentatore",
        "presentatrice",
        "presenter",
        "animateur",
        "animatrice",
        "journalist",
        "journaliste",
        "periodista",
        "giornalista",
        "entrevistador",
        "entrevistadora",
        "intervistatore",
        "intervistatrice",
        "locutor",
        "locutora",
        "presentador",
        "presentadora",
        "sprecher",
        "sprecherin",
        "présentateur",
        "présentatrice",
        "conduttore",
        "conduttrice",
        "q",
        "f",
        "d",
        "p",
        "question",
        "frage",
        "domanda",
        "pregunta",
        "v",
        "vraag",
    }
)


# Overlapping (a lookahead): in "Regisseur Karl Ostermann" both pairs are found. A word
# runs whole through hyphens and apostrophes ("Wilk-Hartley", "O'Brien").
# (Words end at an underscore: a recording's file name writes "The Chalk Line_Halvard
# Quist_interview.m4a".)
_NAME_PAIR = re.compile(
    r"(?=(?<![^\W_])(?<!['’-])([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я](?:[^\W_]|['’-])*[^\W_])[ \t]+"
    r"([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я](?:[^\W_]|['’-])*[^\W_])(?![^\W_]|['’-]))"
)
_POSSESSIVE = re.compile(r"['’]s$")
_SHARED_SURNAME = re.compile(
    r"(?<![^\W_])([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+)?)[ \t]+(?:and|&|e|et|und|y)[ \t]+"
    r"([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+)?)[ \t]+([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][^\W\d_]+)(?![^\W_])"
)
# Courtesy titles, which pair with a surname as a first name would ("Frau Doğan").
_COURTESY = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "mme",
        "mlle",
        "miss",
        "herr",
        "frau",
        "signor",
        "signora",
        "sig",
        "sr",
        "sra",
        "srta",
        "don",
        "doña",
        "monsieur",
        "madame",
    ]
)


def name_pairs(text: str) -> list[tuple[str, str]]:
    """Pairs of capitalised words, as full names are written ("Sam Rourke's" → Sam, Rourke).

    A pair opening with a role, an article or a courtesy title is none: German writes its
    nouns with a capital ("Gastgeberin Lena Koch" is no "Gastgeberin Lena"), a sentence
    opens with one ("Der Bademeister"), and "Frau Doğan" names nobody new."""
    pairs = []
    for first, last in _NAME_PAIR.findall(text):
        first, last = _POSSESSIVE.sub("", first), _POSSESSIVE.sub("", last)
        if _first_name_like(first):
            pairs.append((first, last))
    # Siblings or a couple sharing a surname: "Nicola e Pietro Sgarbossa" writes Nicola's.
    for match in _SHARED_SURNAME.finditer(text):
        first, last = match.group(1), match.group(3)
        before = text[max(0, match.start() - 40) : match.start()].split()[-1:]
        # "Álvaro Garrido y Nerea Ulloa": Garrido is a surname, not Ulloa's sibling
        if (
            _first_name_like(first)
            and _first_name_like(match.group(2))
            and not (before and before[0][:1].isupper())
        ):
            pairs.append((first, last))
    return pairs


# Words that open a sentence before a name and are no first name: "And Santiago, you …",
# "Und Hanna, …", "Mais Léa …", "Pero Nerea …", "Ma Giulia …".
_SENTENCE_OPENERS = frozenset(
    {
        *("and", "but", "or", "now", "then", "well", "yes", "thanks", "thank", "also"),
        *("und", "aber", "oder", "jetzt", "dann", "ja", "danke", "auch"),
        *("et", "mais", "ou", "donc", "alors", "puis", "oui", "merci"),
        *("y", "pero", "o", "pues", "entonces", "sí", "gracias"),
        *("e", "oppure", "quindi", "allora", "poi", "grazie"),  # not "So", "Ma": names too
        # prepositions ("Neben Osterhagens Doppelsieg …"), not those that are names too
        # ("Per Dahl", "Bei Dao", "Im Kwon-taek", "Su Tong")
        *("after", "before", "with", "for", "from", "since", "during", "about", "like"),
        *("neben", "nach", "mit", "für", "über", "unter", "vor", "seit", "während", "trotz"),
        *("wegen", "gegen", "durch", "aus", "beim", "vom", "zum", "zur", "ohne"),
        *("après", "avant", "avec", "pour", "dans", "chez", "depuis", "pendant", "selon"),
        *("sans", "entre", "después", "antes", "con", "para", "desde", "durante", "según"),
        *("sin", "sobre", "tras", "dopo", "prima", "senza", "tra", "secondo"),
        # a question's verb before a name ("Could Kofi Mensah answer …?", "Würde Lena …";
        # not "Will", "May" or "Can", which are first names too)
        *("could", "would", "should", "did", "does", "has", "have", "might", "please"),
        *("könnte", "könnten", "würde", "würden", "kann", "bitte"),
        *("pourrait", "pourriez", "podría", "podrías", "puede", "potrebbe", "può"),
    }
)


@functools.lru_cache(maxsize=4096)
def _first_name_like(word: str) -> bool:
    """Can this capitalised word open a full name (not a role, article, title or a word
    that opens a sentence)?"""
    low = word.lower()
    return not (
        low.endswith(("'s", "’s", "s'", "s’"))  # "Northlight's Ingrid Vasquez-Thorne"
        or low in _ARTICLES
        or low in _COURTESY
        or low in _ASKING_LABELS
        or low in _SENTENCE_OPENERS
        or role_label(word)
    )


# A magazine's headline: a name, a colon, a quotation ("# Anatole Verdier : « Je n'ai
# jamais … »", "Benedetta Sangiorgi: «Ho imparato …»").
_HEADLINE_NAME = re.compile(
    # (after the film's title and a role: "‘The Brass Year’ director Nkechi Odumosu: “…”")
    r"^[\s#*_>]*(?:[‘'\"“«][^\n]{1,80}?[’'\"”»][ \t]+)?(?:[a-zà-öø-ÿά-ώа-џ][\w'’-]*[ \t]+){0,2}"
    # (a role after a comma, "Aarni Lehtovaara, cinéaste : « … »"; French spaces)
    rf"(?P<name>{_NAME_OF})(?:[ \t]*,[ \t]*[^\n,:]{{1,40}}?)?[ \t\u00a0\u202f]*:[ \t\u00a0\u202f]*[«\"“„‘']",
    re.MULTILINE,
)
#: A headline names the interviewee only in the opening lines of a page.
_HEADLINE_LINES = 12


def quote_headline(lines: Sequence[str]) -> int | None:
    """The index of a page's "Name: «quotation»" headline among its opening lines, not
    set as a Markdown heading (a plain text's, under a rubric: "SPETTACOLI")."""
    for i, line in enumerate(lines[:_HEADLINE_LINES]):
        if not line.lstrip().startswith("#") and _HEADLINE_NAME.match(line):
            return i
    return None


#: How far an intro runs, for the fuller name it gives ("Julián Arrieta Montalvo (…)").
_INTRO_CHARS = 3000
# A heading saying whom it hears on what: "# Beatrix Nwosu-Lang on *The Quiet Year*",
# "# “I wanted …”: Corinne Abara on The Velvet Hours", "# Till Becker über Geduld",
# "## Tobias Ncube, breakout star of *Glasshouse Season*, on charm".
# A plain text's headline too, a line that ends no sentence: "Lucrezia Bonfanti racconta
# «Le stanze di via Nizza»", "Till Becker erzählt von …".
_HEADLINE_ON = re.compile(
    r"^(?:(?P<mark>#+)[ \t]*)?(?:[«\"“„‘][^\n]{1,200}?[»\"”“’][ \t]*[:—–-][ \t]*)?"
    rf"(?P<name>{_NAME_OF})(?:,[^\n.!?,]{{1,120}}(?:,[^\n.!?,]{{1,120}})?,)?[ \t]+"
    r"(?P<verb>on|über|talks about|reflects on|racconta|raconte|parle de|erzählt|spricht über|"
    r"cuenta|habla de|fala de|conta)[ \t](?=[^\n]*[^\s.!?:]\s*$)",
    re.MULTILINE,
)
# An intro saying who talks with whom, the interviewee first: "Production designer Greta
# Holloway-Baines in conversation with the unit publicist, …", "… im Gespräch mit …".
_IN_CONVERSATION = re.compile(
    rf"(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,4}})[ \t]+(?:in[ \t]+"
    r"conversation[ \t]+with|im[ \t]+Gespräch[ \t]+mit|en[ \t]+conversation[ \t]+avec|in[ \t]+"
    r"conversazione[ \t]+con|a[ \t]+colloquio[ \t]+con|en[ \t]+conversación[ \t]+con|talks[ \t]+to)"
    r"[ \t]",
)

# A host saying whom the programme has as its guest: "My guest today is Dana Whitcomb",
# "Mein Gast ist heute …", "Mon invitée ce soir : …", "Mi invitada de hoy es …".
_GUEST_INTRO = re.compile(
    r"(?i:\bmy[ \t]+guest(?:[ \t]+(?:today|tonight|this[ \t]+week))?[ \t]+is|\bjoining[ \t]+"
    r"(?:me|us)(?:[ \t]+(?:today|tonight|now))?[ \t]+is|\bmein(?:e)?[ \t]+(?:heutige[rn]?[ \t]+)?"
    r"gast(?:[ \t]+(?:heute|ist))*|\bbei[ \t]+(?:mir|uns)[ \t]+im[ \t]+studio[ \t]+(?:ist|sitzt)"
    r"(?:[ \t]+(?:jetzt|heute))?|\bzu[ \t]+gast[ \t]+(?:ist|bei[ \t]+(?:mir|uns))"
    r"(?:[ \t]+(?:heute|ist))*|\bmon[ \t]+invitée?(?:[ \t]+(?:aujourd['’]hui|ce[ \t]+soir))?"
    r"[ \t]*(?:est|:)|\bmi[ \t]+invitad[oa](?:[ \t]+de[ \t]+hoy)?[ \t]+es|\bil[ \t]+mio[ \t]+ospite|"
    r"\bla[ \t]+mia[ \t]+ospite)(?:[ \t]+(?:oggi|stasera|è))*"
    rf"(?:[ \t]+[a-zà-öø-ÿά-ώа-џ][\w'’-]*){{0,4}}[ \t]+(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,3}})"
)

# An intro saying the writer talked to someone: "This week I spoke to **Maud Lindqvist-Ray**,
# who edited …", "J'ai rencontré la cinéaste …", "Hablamos con …", "Ho incontrato …".
_SPOKE_TO = re.compile(
    r"(?:(?:\b(?:I|We)|(?i:\bwe))[ \t]+(?:spoke|talked|sat[ \t]+down|caught[ \t]+up)[ \t]+(?:to|with)"
    r"|(?i:\b(?:j['’]ai|nous[ \t]+avons)[ \t]+(?:rencontré|parlé[ \t]+avec|interrogé)|\b(?:hablé|hablamos|"
    r"conversamos|charlamos)[ \t]+con|\b(?:ho|abbiamo)[ \t]+(?:incontrato|parlato[ \t]+con|intervistato)|"
    r"\b(?:ich|wir)[ \t]+(?:traf|trafen|sprach[ \t]+mit|sprachen[ \t]+mit)))"
    rf"(?:[ \t]+[a-zà-öø-ÿά-ώа-џ][\w'’-]*){{0,4}}[ \t]+[*_]{{0,2}}(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,3}})"
)

# A covering note's "Voici l'entretien avec Renée Lacroix", "here is the interview with …",
# "anbei das Interview mit …" (the article makes it a sentence's, no heading's "Interview
# with …"): a name in natural case, after lower-case words at most.
_INTERVIEW_WITH = re.compile(
    r"(?i:(?:\bthe|\bl['’]|\bla|\bdas|\bhet)[ \t]*(?:interview|entretien|entrevista|intervista|"
    r"gespräch)[ \t]+(?:with|avec|con|mit|met|com))"
    r"(?:[ \t]+[a-zà-öø-ÿά-ώа-џ][\w'’-]*){0,3}[ \t]+(?P<name>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][a-zß-öø-ÿ'’-]+"
    r"(?:[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][a-zß-öø-ÿ'’-]+){1,3})"
)

# The same, of a person the sentence before named: "Lucía Arrieta estrena … Hablamos con
# ella …", "… We spoke to her in Almería.", "L'abbiamo incontrata al Lido.", "Wir haben
# sie in Dresden getroffen."
_SPOKE_TO_PRONOUN = re.compile(
    r"(?i)\b(?:(?:I|we)[ \t]+(?:(?:spoke|talked|sat[ \t]+down)[ \t]+(?:to|with)|met)[ \t]+(?:her|him)|"
    r"(?:hablé|hablamos|conversamos|charlamos)[ \t]+con[ \t]+(?:ella|él)|"
    r"(?:conversamos|falamos)[ \t]+com[ \t]+(?:ela|ele)|"
    r"(?:l['’]|la[ \t]+|lo[ \t]+)(?:ho|abbiamo)[ \t]+(?:incontrat|sentit|intervistat)[ao]|"
    r"(?:je[ \t]+l['’]ai|nous[ \t]+l['’]avons)[ \t]+(?:rencontré|interrogé)e?|"
    r"(?:ich|wir)[ \t]+(?:habe|haben)[ \t]+(?:sie|ihn)(?:[ \t]+[\w'’-]+){0,4}?[ \t]+"
    r"(?:getroffen|gesprochen))\b"
)
# A paragraph opening with a person's full name and a verb: "Lucía Arrieta estrena …",
# the newspaper's birthplace and year or age between them: "Inés Garrido (Zamora, 1989)
# pasó …", "Jonas Berg, 41, grew up …".
_NAME_OPENS = re.compile(
    rf"^[ \t*_]*(?P<name>{_NAME_OF})(?:[ \t]+\([^()\n]{{1,60}}\)|,[ \t]*\d{{1,3}},)?"
    r"[ \t]+[a-zà-öø-ÿά-ώа-џ]"
)


def _intro_subject_spoken_to(intro: str) -> str | None:
    """The full name an intro paragraph opens with, when the paragraph goes on to say it
    spoke to that person ("… We spoke to her a week before the release.")."""
    for paragraph in intro.split("\n\n"):
        if not _SPOKE_TO_PRONOUN.search(paragraph):
            continue
        match = _NAME_OPENS.match(paragraph)
        words = match.group("name").split() if match else []
        while words and (role_of(words[0]) or not _first_name_like(words[0])):
            words = words[1:]
        return " ".join(words) if len(words) >= 2 else None
    return None


def page_interviewee(text: str, askers: Sequence[str], *, by_role: bool = True) -> Person | None:
    """Whom a page of questions and answers with no labels interviews: the one person its
    questions call by title, else the name its headline quotes or hears "on" something,
    or who its intro says is "in conversation with" someone, else the one person its intro
    names with a role (an actor the intro of a director's interview names is not
    the interviewee; not without ``by_role``: a review names its director so too), never
    one who asks. (The full name a page writes most is no answer: a film's title is written
    more.)"""
    addressed = _addressed_in_full(text)
    if addressed and not any(_same(addressed, a) for a in askers):
        return Person(addressed)
    head = "\n".join(text.lstrip().split("\n")[:_HEADLINE_LINES])
    intro = text[:_INTRO_CHARS]
    for found, where in (
        (_HEADLINE_NAME, head),
        (_HEADLINE_ON, head),
        (_IN_CONVERSATION, head),
        (_GUEST_INTRO, intro),
        (_SPOKE_TO, intro),
        (_INTERVIEW_WITH, intro),
    ):
        match = found.search(where)
        if (
            match
            and found is _HEADLINE_ON
            and not match.group("mark")
            and (
                match.group("verb") in ("on", "über")
                or not _interview_marks(text)
                or asked_about(match.group("name"), text)
            )
        ):
            # a caption, "Anna Berg on the set of …"; "Anna Berg talks about her new film"
            # over an explainer's "Who is Anna Berg?": a plain line must tell, over turns
            match = None
        words = match.group("name").split() if match else []
        words = _after_owner(words)  # "Northlight Sales' Priya Velankar"
        while words and (role_of(words[0]) or not _first_name_like(words[0])):
            words = words[1:]  # "Production designer Greta …", "Regisseurin Hanna Weiss"
        name = " ".join(words)
        if found in (_HEADLINE_ON, _IN_CONVERSATION) and text.count(name) < 2:
            continue  # "# Film Critics on the Year": a person's name is written again
        if found is _GUEST_INTRO and not _written_again(name, text):
            continue
        if found is _SPOKE_TO and not (_written_again(name, text) and asks_someone(text)):
            continue  # "I spoke to Hanna Lutz, …" above the writer's own "Why bells?"
        if len(words) >= 2 and not any(_same(name, a) for a in askers):
            return Person(fuller_name(name, intro))
    marked = _interview_marks(text) or len(_SET_APART_QUESTIONS.findall(text)) >= 2
    spoken_to = _intro_subject_spoken_to(intro) if marked else None
    if spoken_to and not any(_same(spoken_to, a) for a in askers):
        return Person(fuller_name(spoken_to, intro))
    sender = _SENDER.search(text) if _QUOTED_SENDER.search(text) else None  # a reply, quoting
    others = [p for p in mentions(text) if sender and not _same(p.name, sender.group("name"))]
    if others:  # a press officer sending "the director Anna Berg's answers"
        sender = None
    if sender and not any(_same(sender.group("name"), a) for a in askers):
        return Person(sender.group("name"))
    subject = _headline_subject(head)
    if subject and not (_part_alone(subject, text) or _given_role(subject, head)):
        subject = None  # "# Salt Choir Brings the Harbour …": a title, never "Salt" alone
    # Its questions speak to someone, or the headline gives the name a role ("Benedetta
    # Galimberti Oddo, l'attrice che …": Italian asks "Rifarebbe …?" with no pronoun).
    if (
        subject
        and text.count(subject) >= 2
        and not any(_same(subject, a) for a in askers)
        and (asks_someone(text) or _given_role(subject, head))
    ):
        return Person(subject)
    named = mentions(text) if by_role else []
    return named[0] if len(named) == 1 else None


# A company's word after a person's name: "Anna Berg Film", "… Filmproduktion", "… Pictures".
_COMPANY = re.compile(
    r"(?i)(?:films?|filmproduktion|produktion|productions?|producciones|produzioni|pictures|"
    r"studios?|entertainment|media|distribution|verleih|gmbh|ltd|inc|srl|sl|sarl|cinema|kino)$"
)


def fuller_name(name: str, text: str) -> str:
    """A headline's name as the intro writes it in full before the person's dates: "Julián
    Arrieta Montalvo (Donostia, 1963)" under "Julián Arrieta: «…»" (not a company's "Anna
    Berg Film (Kiel)")."""
    longer = re.search(rf"\b{re.escape(name)}[ \t]+({_CAPITALISED})[ \t]*\(", text[:_INTRO_CHARS])
    if longer is None or role_of(longer.group(1)) or _COMPANY.match(longer.group(1)):
        return name  # "Anna Berg Regisseurin (…)", "Anna Berg Filmproduktion (Kiel)"
    return f"{name} {longer.group(1)}"


def _given_role(name: str, head: str) -> bool:
    """Does the text give the name a role right after it ("Benedetta Galimberti Oddo,
    l'attrice che …", "Jana Berg, Regisseurin")?"""
    after = re.search(rf"{re.escape(name)}[ \t]*,[ \t]*([^\n,]+)", head)
    return bool(after and role_of(" ".join(_strip_articles(after.group(1).split()))))


_FIRST_HEADLINE = re.compile(r"^#{1,2}[ \t]+(?P<title>\S.*)$", re.MULTILINE)


_LETTER_TURN = re.compile(r"^[ \t*]*(?:Q|A|D|R|F|P)[ \t]*[:.][ \t]", re.MULTILINE)


def asked_about(name: str, text: str) -> bool:
    """Does a question of the text name the person in the third person ("Who is Anna
    Berg?"): an explainer about them, not their interview. Called by name first, "Octave
    Vermeil, d'où vient …?", they are asked."""
    return any(
        name in x
        and x.rstrip(" *_").endswith("?")
        and not re.match(rf"\W*{re.escape(name)}\s*,", x)
        for x in text.split("\n")
    )


# Questions set apart in bold or italics, "**Why set a film on a ferry?**": an interview's,
# whomever they address.
_SET_APART_QUESTIONS = re.compile(
    r"^[ \t]*(?:\*\*|__|\*|_)[^\n*_]{3,300}\?(?:\*\*|__|\*|_)[ \t]*$", re.MULTILINE
)


def _interview_marks(text: str) -> bool:
    """Does the text ask someone, or mark its turns with letters ("D: …", "Q. …")?"""
    return asks_someone(text) or bool(_LETTER_TURN.search(text))


def _written_again(name: str, text: str) -> bool:
    """Is the name written twice, or its first name or surname again on its own?"""
    return text.count(name) >= 2 or max(_part_counts(name, text)) >= 2


def _part_alone(name: str, text: str) -> bool:
    """Does the text write the name's first or last word without the other ("Constance
    Ferrer-Hale" … "the 30-year-old Constance")?"""
    return max(_part_counts(name, text)) > text.count(name)


def _part_counts(name: str, text: str) -> tuple[int, int]:
    """How often the text writes the name's first and last word, as whole words."""
    parts = name.split()
    first, last = (
        len(re.findall(rf"(?<![\w'’-]){re.escape(part)}(?![\w'’-])", text))
        for part in (parts[0], parts[-1])
    )
    return first, last


def asks_someone(text: str) -> bool:
    """Does a line of the text ask someone a question ("… did you …?")?"""
    return any(x.rstrip(" *_").endswith("?") and addresses(x) for x in text.split("\n"))


def _headline_subject(head: str) -> str | None:
    """The full name a page's headline opens with, the longest run of two or three of its
    capitalised words that the page writes again: a magazine's "# Constance Ferrer-Hale
    Isn't Done Yet" over her questions and answers."""
    match = _FIRST_HEADLINE.search(head)
    if match is None or ":" in match.group("title"):
        return None  # a kicker, "Salt Choir Review: Anna Berg Finds …", names a film first
    run: list[str] = []
    for word in match.group("title").strip(" *_").split()[:3]:
        bare = word.rstrip(",;:")
        if not re.fullmatch(_CAPITALISED, bare):
            break
        run.append(bare)
        if bare != word:  # "Benedetta Galimberti Oddo, l'attrice che …"
            break
    if len(run) < 2 or not _first_name_like(run[0]) or role_of(run[0]):
        return None
    body = head[match.end() :]
    for n in (3, 2):
        name = _POSSESSIVE.sub("", " ".join(run[:n]))
        if len(run) >= n and name in body:
            return name
    return None


# Speaking to someone by title and surname: "Frau Kessler, Sie stammen …", "Mr Abara, …"
# (the comma: a character "called „Frau Wendt“" is talked about, not to).
_ADDRESS = re.compile(
    r"\b(?:Frau|Herr|Mr\.?|Mrs\.?|Ms\.?|Madame|Monsieur|Signora|Signor|Señora|Señor)"
    r"[ \t]+([A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’-]*\w)(?=,)"
)


def _addressed_in_full(text: str) -> str | None:
    """The full name of the one person a page's questions call by title and surname,
    when the page writes it ("Frau Kessler" and "Ronja Kessler"): surer than a role the
    intro mentions, which may be someone else's ("von Regisseur Mathis Grauert")."""
    surnames = {m.group(1) for m in _ADDRESS.finditer(text)}
    if len(surnames) != 1:
        return None
    surname = surnames.pop()
    # German writes the genitive with a bare s: "Mirjam Osterhagens Film"
    full = {
        f"{first} {surname}" for first, last in name_pairs(text) if last in (surname, surname + "s")
    }
    return full.pop() if len(full) == 1 else None


# A header line listing whom a transcript hears: "Gast: Emre Kalkan (Regie und Buch)",
# "Guests: A (writer-director), B (actor)", "Invité : …", "Ospiti: …", "Invitada: …".
# (A line's leading spaces and marks stop at its end: ``\s`` would run from every line
# start over all the blank lines below it, quadratic in a run of them.)
_GUESTS = re.compile(
    r"^(?:[^\S\n]|[*_])*(?i:zu\s+gast|(?:studio)?gast|(?:studio)?gäste|(?:studio\s+)?guests?|"
    r"invitée?s?|ospiti|ospite|invitad[oa]s?)"
    r"[\s*_]*:[\s*_]*(?P<rest>\S.*)$",
    re.MULTILINE,
)


_FULL_NAME_FIRST = re.compile(rf"{_CAPITALISED}[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]")


def guests(text: str) -> list[Person]:
    """The people a header line says a transcript has as guests; those who speak and are
    none of them host it. Nobody, unless every guest line is read whole: a list half read
    would make the guest left out a host."""
    out: list[Person] = []
    for match in _GUESTS.finditer(text[:3000]):
        if not _FULL_NAME_FIRST.match(match.group("rest")):
            break  # the guest's own turn, "INVITADO: Nervioso.": the header is over
        people = _people(re.split(r"[.;]\s", match.group("rest"))[0])
        if not people:
            return []
        out.extend(people)
    return out


def interviewers(text: str, mentioned: Sequence[Person] = ()) -> list[str]:
    """People an intro or byline names as asking ("By Kate Marsh", "Modera Elena Guidi").

    A line opening with "by" that continues the sentence of the line above is no byline:
    hard-wrapped text breaks "written and directed / by Tobias Ferreira" anywhere. Nor is a
    bare "di Nicola Arduini" under a title that the intro ``mentioned`` with a film role:
    that is the film's credit ("SCIROCCO / di Nicola Arduini"); a cue ("Moderated by
    Kate Marsh") stays one, whatever else she does."""
    names = []
    for match in _INTERVIEWER.finditer(text):
        if match.group("lead") and (
            _continues_sentence(text, match.start("lead"))
            or any(_same(match.group("name"), p.name) for p in mentioned)
        ):
            continue
        names.append(match.group("name"))
    guests = {m.group("name") for m in _GUEST_INTRO.finditer(text[:_INTRO_CHARS])}
    for line in text[:_INTRO_CHARS].split("\n"):
        programme = _WELCOME.search(line) and (_PROGRAMME.search(line) or _GUEST_INTRO.search(line))
        host = _HOST_INTRO.search(line) if programme else None
        if host and not any(_same(host.group("name"), g) for g in guests):
            names.append(host.group("name"))  # (the guest welcoming listeners too is no host)
    names.extend(m.group("name") for m in _QUOTED_SENDER.finditer(text))
    return list(dict.fromkeys(names))


# The sender of an e-mail, and of the message a reply quotes ("On Mon, 1 Jul 2024 at
# 10:15, Rachel Dunmore <r.dunmore@…> wrote:"): in an interview by e-mail, the one who
# answers and the one who asked.
_EMAIL_NAME = rf"(?P<name>{_CAPITALISED}(?:[ \t]+{_CAPITALISED}){{1,3}})[ \t]*<[^<>@\s]+@[^<>\s]+>"
_SENDER = re.compile(rf"^(?i:from|von|de|da)[ \t]*:[ \t]*{_EMAIL_NAME}", re.MULTILINE)
#: How a reply introduces the message it quotes, before its sender: "On Mon, 1 Jul 2024 at
#: 10:15," / "Am 3. Mai," and after: "wrote:", "schrieb:", "a écrit :".
REPLY_OPENS = r"^(?:On|Am|Le|El|Il)\b"
REPLY_WROTE = r"(?:wrote|schrieb|a écrit|escribió|ha scritto)\s*:"
_QUOTED_SENDER = re.compile(
    rf"{REPLY_OPENS}[^\n]{{0,60}}?,?[ \t]+{_EMAIL_NAME}[ \t]*{REPLY_WROTE}", re.MULTILINE
)


# A host welcoming listeners and naming themselves in one breath: "Hey everybody, welcome
# back to The Cutting Room Floor … I'm Marcus Bell.", "Willkommen bei … Ich bin Lena Koch."
_WELCOME = re.compile(r"(?i)\b(?:welcome|willkommen|bienvenue|bienvenid[oa]s?|benvenut[ie])\b")
# What a host welcomes listeners to (a press kit's "Welcome to the press notes … I'm Anna
# Berg" is its director's letter).
_PROGRAMME = re.compile(
    r"(?i)\b(?:podcast|show|programme|program|episode|broadcast|studio|sendung|folge|"
    r"émission|épisode|programa|episodio|puntata|trasmissione)\b"
)
_HOST_INTRO = re.compile(
    r"(?:\bI['’]m|\bI[ \t]+am|(?i:\bmy[ \t]+name[ \t]+is|\bich[ \t]+bin|\bmein[ \t]+name[ \t]+ist|"
    r"\bje[ \t]+suis|\bici|\bsoy|\bme[ \t]+llamo|\bsono|\bmi[ \t]+chiamo))"
    r"[ \t]+(?P<name>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+(?:[ \t]+[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я][\w'’\-]+){1,2})"
)


def _continues_sentence(text: str, start: int) -> bool:
    """Is the line right above the one holding ``start`` prose cut mid-sentence (it ends
    with a lower-case word or a comma)? A heading or a title above a byline is not."""
    line_start = text.rfind("\n", 0, start)
    if line_start < 0:
        return False
    above = text[:line_start].rsplit("\n", 1)[-1].rstrip(" \t\r")
    return bool(above) and (above[-1].islower() or above[-1] == ",")


# ---------------------------------------------------------------------------- labels

# Labels that ask, whoever wrote them: letters and words for the interviewer, the moderator,
# the audience, in every language tutti tags (lower case, without brackets or dots).
_ASKING_LABELS = frozenset(
    {
        "q",
        "question",
        "questions",
        "f",
        "frage",
        "d",
        "domanda",
        "p",
        "pregunta",
        "v",  # Dutch: "V:" (vraag), "A:" (antwoord)
        "vraag",
        "fråga",  # Swedish: "F:" (fråga), "S:" (svar)
        "spørsmål",
        "spørgsmål",
        "pytanie",
        "interviewer",
        "intervieweuse",
        "journalist",
        "journaliste",
        "moderator",
        "moderatorin",
        "moderatrice",
        "moderatore",
        "modérateur",
        "modératrice",
        "moderadora",
        "moderador",
        "presenter",
        "host",
        "gastgeber",
        "gastgeberin",
        "presentatore",
        "presentatrice",
        "animateur",
        "animatrice",
        "audience",
        "audience member",
        "public",
        "publikum",
        "zuschauer",
        "zuschauerin",
        "pubblico",
        "dal pubblico",
        "spettatore",
        "spettatrice",
        "spectateur",
        "spectatrice",
        "member of the audience",
        "público",
        "del público",
        "espectador",
        "espectadora",
        "periodista",
        "entrevistador",
        "entrevistadora",
        "giornalista",
        "intervistatore",
        "intervistatrice",
        "redaktion",
        "rédaction",
        "question from the floor",
        "question du public",
        "question de la salle",
        "frage aus dem publikum",
        "domanda dal pubblico",
        "pregunta del público",
        "locutor",
        "locutora",
        "presentador",
        "presentadora",
        "sprecher",
        "sprecherin",
        "présentateur",
        "présentatrice",
        "conduttore",
        "conduttrice",
    }
)
# Letters that answer: A(nswer/ntwort), R(éponse/isposta/espuesta), Swedish S(var).
_ANSWER_LABELS = frozenset(
    [
        *["a", "r", "answer", "réponse", "antwort", "risposta", "respuesta", "antwoord"],
        *["s", "svar", "odpowiedź"],
        # a transcript's "INVITADO:", when it has one guest
        *["guest", "gast", "invité", "invitée", "ospite", "invitado", "invitada"],
    ]
)


def label_key(label: str) -> str:
    """A label as compared: no brackets, dots or outer spaces, lower case."""
    return " ".join(label.strip(" []().:*").lower().split())


# What a transcription service calls a voice it has not named: "Speaker 1", "SPEAKER_00",
# "Sprecher 2", "Intervenant 1", "Hablante 2", "Unknown Speaker".
#: (as a pattern: ``coverage`` lets these labels' words vanish)
GENERIC_LABEL = (
    r"(?:speaker|sprecher(?:in)?|intervenante?|locut(?:eur|rice)|orador(?:a)?|hablante|"
    r"interlocutor(?:a)?|participante?|teilnehmer(?:in)?|partecipante|spk)[ _]?\d{1,2}|"
    r"unknown[ _]speaker(?:[ _]?\d{1,2})?"
)
_GENERIC_LABEL = re.compile(GENERIC_LABEL)


def is_generic_label(label: str) -> bool:
    """A label a transcription service gave a voice ("Speaker 2"): it says neither who
    speaks nor whether they ask."""
    return bool(_GENERIC_LABEL.fullmatch(label_key(label)))


def is_asking_label(label: str) -> bool:
    """A label that says its turn asks (Q, Frage, Moderator, Dal pubblico)."""
    return _without_article(label_key(label)) in _ASKING_LABELS


def is_role_label(label: str) -> bool:
    """A label that says what a turn is (Q, R, Moderator, Dal pubblico), not who speaks."""
    key = _without_article(label_key(label))
    return key in _ANSWER_LABELS or key in _ASKING_LABELS


def _without_article(key: str) -> str:
    """ "une journaliste" → "journaliste", "audience member 2" → "audience member": a role
    label may come with its article, or numbered."""
    key = re.sub(r"\s+\d{1,2}$", "", key)
    first, _, rest = key.partition(" ")
    return rest if rest and first in _LABEL_ARTICLES else key


_LABEL_ARTICLES = frozenset(
    [
        "a",
        "an",
        "the",
        "un",
        "une",
        "ein",
        "eine",
        "uno",
        "una",
        "el",
        "la",
        "le",
        "il",
        "der",
        "die",
        "das",
    ]
)


def _initials(name: str) -> set[str]:
    """A name's initials, with and without the parts after its hyphens: "Jean-Pierre Roux"
    is "JPR", "Paul Okonkwo-Reyes" is "POR" and, as often written, "PO"."""
    whole = "".join(p[0] for p in re.split(r"[\s\-]+", name) if p and p[0].isupper())
    words = "".join(p[0] for p in name.split() if p[0].isupper())
    return {whole, words}


_INITIALLED = re.compile(
    r"^(?P<initials>[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]\.(?:(?:[ \t]|[ \t]?-[ \t]?)?[A-ZÀ-ÖØ-ÞΆ-ΫЀ-Я]\.)*)[ \t]+"
    r"(?P<surname>[^\W\d_][\w'’-]+)$"
)


def label_initials(label: str) -> str | None:
    """ "DW", "J.-P. R.", "[OB]" as their letters; None when the label is not initials."""
    core = label.strip(" []():")
    letters = re.sub(r"[\s.\-]", "", core)
    if (
        2 <= len(letters) <= 4
        and letters.isupper()
        and letters.isalpha()
        and (len(core) <= 4 or "." in core)
    ):
        return letters
    return None


def _same(one: str, other: str) -> bool:
    return speaker_matches(one, other) or speaker_matches(other, one)


#: How the answers of people interviewed together name them: "Anna Berg & Lukas Feld".
JOINT = " & "
#: ... when a heading names this many at most: a panel's "A:" is no one's in particular.
JOINT_SPEAKERS = 3


@dataclass
class Cast:
    """The people of one interview and what each turn label means."""

    people: list[Person] = field(default_factory=list)  # the interviewees
    askers: list[str] = field(default_factory=list)  # interviewers named in the intro
    others: list[Person] = field(default_factory=list)  # people the intro mentions
    settled: dict[str, tuple[str, Person | None]] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # labels resolve found nobody for, yet
    name_pairs: list[tuple[str, str]] = field(default_factory=list)  # see ``name_pairs``
    # Interviewers whose own name labels their turns: a "JOURNALIST:" is then someone else.
    askers_by_name: set[str] = field(default_factory=set)
    # The interviewees are all known (a transcript's "Gast:" line): any other label asks.
    closed: bool = False
    intro: str = ""  # the text's opening, which may write a name in full (``fuller_name``)
    # Whom the page's headline or intro says it interviews, though a second person joins
    # later (a producer's labelled turns): the answers before any label are theirs.
    headliner: Person | None = None
    # The asker a heading names ("A in conversation with B"), and whom it interviews.
    heading_host: str | None = None
    from_heading: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Whom the heading interviews is not asking, whatever the intro seemed to say:
        # "## Interview: Lena Hartmann" reads like the byline "Interview: Kate Marsh".
        self.askers = [a for a in self.askers if not any(_same(a, p.name) for p in self.people)]
        self.people = [
            Person(fuller_name(self.written_in_full(p.name) or p.name, self.intro), p.role)
            for p in self.people
        ]

    def complete_mononyms(self) -> None:
        """A heading naming one word ("Interview: Kowalczyk") was completed from the text
        when it writes the full name ("Élise Moreau"); when it does not, and the intro
        names someone with a role, the word was no person (a title, a place) and the intro's
        is the interviewee."""
        if self.others:
            self.people = [p for p in self.people if " " in p.name]

    def add(self, person: Person) -> Person:
        """Add an interviewee, or complete the one already known under that name."""
        for i, known in enumerate(self.people):
            if _same(person.name, known.name):
                if known.role is None and person.role is not None:
                    self.people[i] = Person(known.name, person.role)
                return self.people[i]
        self.people.append(person)
        return person

    def with_roles(self, mentioned: Iterable[Person]) -> None:
        """Give interviewees the role the intro mentions them with; keep the rest as others."""
        for person in mentioned:
            if any(speaker_matches(person.name, p.name) for p in self.people):
                self.add(person)
            else:
                self.others.append(person)

    def sole(self) -> Person | None:
        return self.people[0] if len(self.people) == 1 else None

    def together(self) -> Person | None:
        """The two or three people a heading interviews together ("Interview with directors
        Anna Berg and Lukas Feld"), as the one speaker of the answers labelled only "A:":
        they answer as a pair, and each is found by their own name."""
        if not 2 <= len(self.people) <= JOINT_SPEAKERS or len(self.from_heading) < 2:
            return None
        if {p.name for p in self.people} != set(self.from_heading):
            return None
        roles = {p.role for p in self.people}
        role = roles.pop() if len(roles) == 1 else None
        return Person(JOINT.join(p.name for p in self.people), role)

    def _match(self, label: str, candidates: Iterable[Person]) -> Person | None:
        text = label.strip(" []():*")
        letters = label_initials(label)
        candidates = list(candidates)
        # "DW" is David Wolfe's initials; "LIN" may be initials too, or Lin Hsu's first name.
        found = [p for p in candidates if letters and letters in _initials(p.name)] or [
            p for p in candidates if speaker_matches(text, p.name)
        ]
        return found[0] if len(found) == 1 else None

    def names(self, label: str, name: str) -> bool:
        """Does a label stand for this person (name, surname, initials)?"""
        return self._match(label, [Person(name)]) is not None

    def resolve(self, label: str) -> tuple[str, Person | None] | None:
        """("ask", None), ("answer", person or None when unknown), or None: not known yet."""
        key = label_key(label)
        if key in self.settled:
            return self.settled[key]
        if key in self.unknown:
            return None
        if _without_article(key) in _ASKING_LABELS:
            return ("ask", None)
        if key in _ANSWER_LABELS:
            return ("answer", self.sole() or self.together())
        if self._match(label, (Person(a) for a in self.askers)):
            return ("ask", None)
        person = (
            self._by_role(label)
            or self._match(label, self.people)
            or self._match(label, self.others)
        )
        if person is None:
            self.unknown.add(key)
            return None
        # Decided once per label: a long transcript repeats its few labels thousands of times.
        self.settled[key] = ("answer", self.add(person))
        return self.settled[key]

    def _by_role(self, label: str) -> Person | None:
        """The interviewee a label naming only a role stands for ("Composer:", "Die
        Regisseurin:"): the one the heading or intro gives that role, else the only one."""
        role = role_label(label)
        if role is None:
            return None
        fitting = [p for p in self.people if p.role == role] or [
            p for p in self.others if p.role == role
        ]
        if len(fitting) == 1:
            return fitting[0]
        sole = self.sole()
        if not fitting and sole is not None and sole.role in (None, role):
            return Person(sole.name, role)
        return None

    def asker_name(self, label: str) -> str:
        """How an asking label is kept in the metadata: the full name when the intro gives it."""
        for name in self.askers:
            if self._match(label, [Person(name)]):
                self.askers_by_name.add(name)
                return name
        if (
            label_key(label) in _HOST_LABELS
            and len(self.askers) == 1
            and self.askers[0] not in self.askers_by_name
        ):
            # "MODERATOR:" where the intro says "moderated by Grace Liu": both are kept.
            return f"{self.askers[0]} ({label.strip(' []():*')})"
        return label.strip(" []():*")

    def written_elsewhere(self, label: str) -> bool:
        """Is a label a full name the text also writes outside it ("Maëlle Dufresne :"
        where the intro says "En présence de … Maëlle Dufresne"), or the initials of one
        ("DP:" where a list of participants writes "Dragan Pešić (DP)")?"""
        key = label_key(label)
        if len(key.split()) != 2:
            return self.initials_written(label.strip(" []():*")) is not None
        return sum(" ".join(pair).casefold() == key for pair in self.name_pairs) >= 2

    def written_in_full(self, core: str) -> str | None:
        """The one full name the text writes for a one-word label ("ROURKE:" where the
        headline says "Sam Rourke On …"): a surname is looked for last in a pair of
        capitalised words, a first name first. A surname after initials ("J.-S.
        THIBODEAU:" where the list of guests writes "Jean-Sébastien Thibodeau") is the
        name whose first name has those initials."""
        initialled = _INITIALLED.match(core)
        if initialled:
            letters = re.sub(r"[^\w]", "", initialled.group("initials"))
            last = initialled.group("surname").casefold()
            found = self._names_where(
                lambda pair: pair[1].casefold() == last and letters in _initials(pair[0])
            )
            return found[0] if len(found) == 1 else None
        if len(core.split()) != 1:
            return None
        key = core.casefold()
        for position in (1, 0):

            def fits(pair: tuple[str, str], at: int = position) -> bool:
                return pair[at].casefold() == key

            found = self._names_where(fits)
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def initials_written(self, core: str) -> str | None:
        """The one full name the text writes whose initials a label is ("PH:" where the
        profile is of "Petra Holloway")."""
        letters = label_initials(core)
        if letters is None:
            return None
        found = self._names_where(lambda pair: letters in _initials(" ".join(pair)))
        return found[0] if len(found) == 1 else None

    def _names_where(self, fits: Callable[[tuple[str, str]], bool]) -> list[str]:
        """The distinct full names the text writes whose pair ``fits``, in natural case:
        "OREN WRENFIELD:" and "Oren Wrenfield (writer-director)" are one name."""
        found: dict[str, str] = {}
        for pair in self.name_pairs:
            if fits(pair):
                name = natural_case(" ".join(pair))
                found.setdefault(name.casefold(), name)
        return list(found.values())

    def _addresses(self, core: str, turns: Sequence[str]) -> bool:
        """Do the turns of the label ``core`` name an interviewee who is someone else?"""
        names = {
            part
            for p in self.people
            if not _same(core, p.name)
            for part in (p.name, *p.name.split())
            if len(part) > 2 and part[0].isupper()
        }
        return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", t) for n in names for t in turns)

    def settle(
        self, label: str, turns: Sequence[str], *, asks_most: bool = False
    ) -> tuple[str, Person | None]:
        """Decide what an unknown label means from its turns (see the module docstring).
        A label that asks more than the others of its section (``asks_most``) asks if it
        asks at all. A transcription service's "Speaker 2" answers unless it asks so or
        like a host; it is then the one interviewee known, or nobody known."""
        core = label.strip(" []():*")
        questions = sum(1 for t in turns if t.rstrip(" \"'”»*").endswith("?"))
        decided: tuple[str, Person | None]
        if is_generic_label(core):
            asks = (questions and asks_most) or questions * 2 > len(turns)
            decided = ("ask", None) if asks else ("answer", self.sole())
        # A host also welcomes, hands over and thanks, so fewer than half their turns may
        # ask; but one who asks and calls the interviewee by name is a host too ("Nadia,
        # how did you …?", "Frau Vogel, wie kam es …?").
        elif (
            core[:1].islower()
            or self.closed
            or questions * 2 > len(turns)
            or (questions and (asks_most or self._addresses(core, turns)))
        ):
            decided = ("ask", None)
        else:
            words = core.split()
            full = next((p for p in self.others if speaker_matches(core, p.name)), None)
            name = (
                full.name
                if full
                else self.written_in_full(core)
                or self.initials_written(core)
                or (natural_case(core) if core.isupper() else core)
            )
            found = full or Person(fuller_name(name, self.intro))
            decided = ("answer", self.add(found) if len(words) <= 4 else None)
        self.settled[label_key(label)] = decided
        return decided
