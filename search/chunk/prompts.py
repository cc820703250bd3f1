"""Telling an interviewer's prompts from the interviewee's answers.

Press kits print prompts in bold; once exported to text the bold is gone, and many prompts
are statements rather than questions ("Andreï and your character are very close."). We
classify *units* (runs of whole lines that begin and end on a sentence boundary, see
``text.line_units``), because a prompt always starts and ends at a line break, while
sentences inside answers usually do not.

Each unit gets a score from cues that hold across press kits and languages: a question mark,
addressing the interviewee (you/vous/Sie), speaking in the first person (answers do), length,
an answer opener in the next unit ("Yes", "Absolutely", "Oui", "Genau"). A small state
machine then applies the shape of an interview: a section opens with a prompt, a prompt that
ended in a question is followed by an answer, and a prompt needs an answer after it.

Explicit labels ("Q:", "A:", "R :", "F:") win over all of this when a kit uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .text import ends_sentence, join_lines, word_count

# Per-language cue words. Keys are ISO 639-1 codes; "en" is the fallback.
_SECOND_PERSON = {
    # Bare "you" addresses the interviewee only as a subject outside generic turns
    # ("if you", "you can", "you'd call"); those score as ``_GENERIC_YOU`` instead.
    "en": r"your|yours|yourself|you've|you're|(?<!if )(?<!when )(?<!unless )you"
    r"(?= (?!can|can't|could|couldn't|would|will|must|should|need|know|have to)\w)",
    "fr": r"vous|votre|vos|tu|ton|ta|tes|toi|t'",
    "de": r"Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen|du|dich|dir|dein|deine|deinen",
    "it": r"lei|voi|tu|tuo|tua|tuoi|sua|suo|vostro|vostra",
    "es": r"usted|ustedes|tú|tu|tus|su|vosotros",
    "pt": r"você|vocês|o senhor|a senhora|seu|sua|seus|suas|teu|tua|te",
    "nl": r"je|jij|jou|jouw|jullie|u|uw",
}
_GENERIC_YOU = {
    "en": r"you|you'd|you'll",
    "fr": r"on",
    "de": r"man",
    "it": r"si",
    "es": r"uno",
    "pt": r"a gente",
    "nl": r"men",
}
_FIRST_PERSON = {
    "en": r"I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself",
    "fr": r"je|j'|me|m'|moi|mon|ma|mes",
    "de": r"ich|mich|mir|mein|meine|meinen|meinem|meiner",
    "it": r"io|mi|mio|mia|miei|mie",
    "es": r"yo|me|mí|mi|mis|mío|mía|míos|mías|conmigo",
    "pt": r"eu|me|mim|meu|minha|meus|minhas|comigo",
    "nl": r"ik|me|mij|mijn",
}
_INTERROGATIVE = {
    "en": "how|what|why|when|where|who|whom|which|whose|did|do|does|was|were|is|are|can|could|"
    "would|will|have|has|had|should",
    "fr": "comment|pourquoi|quel|quelle|quels|quelles|qu'est-ce|que|qui|quand|où|combien|"
    "est-ce|avez-vous|êtes-vous|pouvez-vous",
    "de": "wie|was|warum|wann|wo|wer|welche|welcher|welches|wieso|weshalb|haben|hatten|sind|"
    "waren|war|ist|können|konnten|würden",
    "it": "come|perché|quale|quali|quando|dove|chi|cosa|che",
    "es": "cómo|por qué|cuál|cuáles|cuándo|dónde|quién|qué",
    "pt": "como|por que|porque|qual|quais|quando|onde|quem|o que|que",
    "nl": "hoe|wat|waarom|wanneer|waar|wie|welke|welk|is|was|heeft|had|hebt|heb|kun|kan|zou|wilde",
}
_OPENERS = {
    "en": "yes|no|absolutely|exactly|of course|not at all|not really|probably|certainly|indeed|"
    "definitely|sure|unfortunately|very well",
    "fr": "oui|non|absolument|exactement|bien sûr|pas du tout|pas vraiment|tout à fait|"
    "effectivement|en effet|certainement|probablement",
    "de": "ja|nein|genau|natürlich|absolut|sicher|überhaupt nicht|eigentlich|doch",
    "it": "sì|si|no|assolutamente|esatto|certo|certamente",
    "es": "sí|no|absolutamente|exacto|claro|por supuesto",
    "pt": "sim|não|claro|exatamente|com certeza|absolutamente|nem por isso",
    "nl": "ja|nee|zeker|precies|natuurlijk|absoluut|inderdaad|helemaal niet",
}
_CONTINUATIONS = {
    "en": "and|but|so|because|therefore|then|also|moreover|besides|however|in this view|"
    "that is why|this is why|for example|for instance|in the end",
    "fr": "et|mais|donc|parce|car|alors|aussi|d'ailleurs|pourtant|c'est pourquoi|par exemple",
    "de": "und|aber|also|denn|deshalb|dann|auch|außerdem|trotzdem|zum Beispiel",
    "it": "e|ma|quindi|perché|poi|anche|inoltre|per esempio",
    "es": "y|pero|así|porque|entonces|también|además|por ejemplo",
    "pt": "e|mas|então|porque|pois|também|além disso|por exemplo",
    "nl": "en|maar|dus|want|omdat|toen|ook|bovendien|bijvoorbeeld",
}
_WE = {
    "en": r"we|our|us|we've|we're",
    "fr": r"nous|notre|nos|on",
    "de": r"wir|uns|unser|unsere|unseren",
    # (Italian, Spanish and Portuguese drop the pronoun: "Abbiamo girato …", "Buscamos …")
    "it": r"noi|nostro|nostra|ci|[^\W\d_]+(?:iamo|vamo)",
    "es": r"nosotros|nuestro|nuestra|[^\W\dáéíóú_]+(?:amos|emos|imos)",
    "pt": r"nós|nosso|nossa|nossos|nossas|[^\W\dáéíóúâêôãõ_]+(?:amos|emos|imos)",
    "nl": r"we|wij|ons|onze",
}
# A question that points back at what was just said ("Is this difficult to play?") belongs
# to the statement before it.
_ANAPHORIC_QUESTION = {
    "en": r"(is|was|are|were|do|does|did|could|can|would|will|have|has|had)\s+"
    r"(this|that|it|he|she|they|one)\b",
    "fr": r"(est-ce|\w+-(il|elle|on|ils|elles)\b)",
    "de": r"(ist|war|sind|waren|hat|haben|hatte|hatten|kann|können|konnte|würde|würden)\s+"
    r"(das|es|er|sie|man)\b",
    "it": r"(è|era|sono|erano|ha|hanno|può|potrebbe)\b",
    "es": r"(es|era|son|eran|ha|han|puede|podría)\b",
    "pt": r"(é|era|são|eram|tem|têm|pode|poderia)\b",
    "nl": r"(is|was|zijn|waren|heeft|hebben|kan|kon|zou)\s+(dat|het|hij|zij|ze)\b",
}
_FILM = {
    "en": r"the (film|movie|script|screenplay)",
    "fr": r"(le|ce) (film|scénario)",
    "de": r"(der|den|dem|das|dieser|diesen) (Film|Drehbuch)",
    "it": r"il (film|copione)",
    "es": r"la película|el guion",
    "pt": r"o filme|o argumento|o roteiro",
    "nl": r"de film|het scenario",
}
_LABEL = re.compile(
    r"^\s*(?P<label>Q|A|R|F|V|Question|Réponse|Frage|Antwort|Domanda|Risposta|Pregunta|Respuesta|"
    r"Vraag|Antwoord|Fråga|Svar|Pytanie|Odpowiedź)"
    r"\s*[:.–—-]\s+",
    re.IGNORECASE,
)
_PROMPT_LABELS = {
    "q",
    "question",
    "f",
    "frage",
    "domanda",
    "pregunta",
    "v",
    "vraag",
    "fråga",
    "pytanie",
}

#: A unit scoring above this is a prompt.
THRESHOLD = 0.0


def _starts(spec: str) -> re.Pattern[str]:
    """A pattern for a unit that starts with one of the '|'-separated words or phrases."""
    phrases = sorted(spec.split("|"), key=len, reverse=True)
    return re.compile(r"^\W*(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Cues:
    second: re.Pattern[str]
    first: re.Pattern[str]
    interrogative: re.Pattern[str]
    opener: re.Pattern[str]
    continuation: re.Pattern[str]
    film: re.Pattern[str]
    we: re.Pattern[str]
    anaphoric: re.Pattern[str]
    past: re.Pattern[str]
    generic_you: re.Pattern[str]


def _cues(lang: str) -> _Cues:
    key = lang if lang in _SECOND_PERSON else "en"
    case = 0 if key == "de" else re.IGNORECASE  # German "Sie" (you) vs "sie" (she)
    return _Cues(
        second=re.compile(r"(?<![\w'’])(" + _SECOND_PERSON[key] + r")(?![\w'’])", case),
        first=re.compile(
            r"(?<![\w'’])(" + _FIRST_PERSON[key] + r")(?![\w'’])",
            0 if key == "en" else re.IGNORECASE,
        ),
        interrogative=_starts(_INTERROGATIVE[key]),
        opener=_starts(_OPENERS[key]),
        continuation=_starts(_CONTINUATIONS[key]),
        film=re.compile(r"\b" + _FILM[key] + r"\b", re.IGNORECASE),
        we=re.compile(r"(?<![\w'’])(" + _WE[key] + r")(?![\w'’])", re.IGNORECASE),
        anaphoric=re.compile(r"^\W*" + _ANAPHORIC_QUESTION[key], case),
        generic_you=re.compile(r"(?<![\w'’])(" + _GENERIC_YOU[key] + r")(?![\w'’])", case),
        past=re.compile(r"(?<![\w'’])(" + _PAST[key] + r")(?![\w'’])", re.IGNORECASE),
    )


_PAST = {
    "en": r"was|were|had|did|wasn't|weren't|hadn't|didn't",
    "fr": r"était|étaient|avait|avaient|fut|furent",
    "de": r"war|waren|hatte|hatten",
    "it": r"era|erano|aveva|avevano",
    "es": r"era|eran|había|habían|fue|fueron",
    "pt": r"era|eram|tinha|tinham|foi|foram",
    "nl": r"was|waren|had|hadden",
}
_QUOTED = re.compile(r"[“«\"][^”»\"]*[”»\"]")


def _unquoted(text: str) -> str:
    """Quoted speech inside an answer says nothing about who is talking."""
    return _QUOTED.sub(" ", text).replace("’", "'")


@dataclass(frozen=True)
class Unit:
    """A run of whole lines, rejoined."""

    text: str

    @property
    def is_question(self) -> bool:
        return ends_sentence(self.text) and self.text.rstrip(" \"'”’»)").endswith("?")


def score(unit: Unit, nxt: Unit | None, cues: _Cues) -> float:
    """How much a unit looks like an interviewer's prompt (positive) or an answer (negative)."""
    text = _unquoted(unit.text)
    words = word_count(unit.text)
    tail = unit.text.rstrip(" \"'”’»)")
    value = -1.5
    if unit.is_question:
        value += 3.0
    elif tail.endswith(("…", "...", "!")):
        value += 1.0
    addressed = bool(cues.second.search(text))
    if addressed:
        value += 2.0
    elif cues.generic_you.search(text):
        value += 0.5
    if cues.first.search(text):
        value -= 3.0
    if cues.interrogative.search(text) and unit.is_question:
        value += 1.0
    if re.search(r"\?\W*\s+\w", unit.text) and not unit.is_question:
        value -= 2.0  # a question answered in the same breath is rhetorical
    if cues.opener.search(text) and not text.lstrip().startswith("¿"):
        value -= 3.0  # "¿No teme …?" opens with "no" and asks
    if cues.continuation.search(text) and not unit.is_question:
        value -= 2.0
    if cues.film.search(text):
        value += 1.0
    if not unit.is_question and not addressed and cues.past.search(text):
        value -= 0.75  # statement prompts characterise the film in the present tense
    if words <= 20:
        value += 1.5
    elif words <= 35:
        value += 0.5
    elif words > 70:
        value -= 5.0
    elif words > 45:
        value -= 2.0
    if nxt is not None:
        following = _unquoted(nxt.text)
        opening = " ".join(re.split(r"(?<=[.?!…])\s", following, maxsplit=2)[:2])
        if cues.opener.search(following):
            value += 1.5
        elif cues.continuation.search(following):
            value -= 1.5
        elif cues.first.search(opening) or cues.we.search(opening):
            value += 0.75
        else:
            value -= 0.5
    return value


# Asking the interviewee to tell, in every language: the imperative prompts of a press kit.
_TELL = (
    "tell|describe|explain|talk|parlez|racontez|décrivez|expliquez|erzählen|erzähl|"
    "beschreiben|parlaci|raccontaci|descrivi|cuéntenos|cuéntanos|háblenos|háblanos|describa"
)
_TELLS = _starts(_TELL)
_ASKS = _starts("|".join(_INTERROGATIVE.values()))
# A verb first or right after the question word, as a question has it and a heading does
# not ("WHAT WAS IT LIKE …", "DID THE KEEPERS …" ask; "HOW THE FILM WAS MADE" heads).
_AUXILIARY = re.compile(
    r"^\W*(?:\w+(?:['’]\w+)?\s+)?(?:was|were|did|do|does|is|are|can|could|would|will|has|have|had|"
    r"est|était|avez|êtes|a|ist|war|kam|haben|hat|sind|waren|wurde|è|era|hai|ha|sono|nasce|"
    r"nacque|es|fue|nació|surgió)\b",
    re.IGNORECASE,
)
# Words that speak to someone in any language: Portuguese and Dutch only by their own
# ("você", "jij"), since their "je", "u", "te" and "seu" are other languages' "I" or "his".
_ADDRESSING = [
    *(words for lang, words in _SECOND_PERSON.items() if lang not in ("pt", "nl")),
    r"você|vocês|jij|jouw|jullie",
]
_ADDRESSED = re.compile(r"(?<![\w'’])(?:" + "|".join(_ADDRESSING) + r")(?![\w'’])", re.IGNORECASE)


# Speaking as oneself in any language ("I", "my", "je", "ich", "mio", "mi", "eu", "mijn").
_ANY_FIRST = re.compile(r"(?<![\w'’])(?:" + "|".join(_FIRST_PERSON.values()) + r")(?![\w'’])")


def speaks_for_oneself(text: str) -> bool:
    """Does the text speak in the first person, in any language?"""
    return _ANY_FIRST.search(_unquoted(text)) is not None


def addresses(text: str) -> bool:
    """Does the text speak to someone (you, vous, Sie, tu, usted …)?"""
    return _ADDRESSED.search(_unquoted(text)) is not None


def is_capitals_question(line: str) -> bool:
    """A question a press kit prints in capitals without its question mark ("TELL US
    HOW THE PROJECT STARTED", "WHAT WAS IT LIKE TO FILM IN THE DARK", "DID THE KEEPERS
    EVER ASK YOU …"), not a section's heading ("HOW THE FILM WAS MADE")."""
    text = line.strip(" *_#")
    if not (text.isupper() and len(text.split()) >= 3 and not ends_sentence(text)):
        return False
    if _TELLS.search(text):
        return True
    return bool(_ASKS.search(text) and (_AUXILIARY.match(text) or _ADDRESSED.search(text)))


#: A paragraph read on its own, with no neighbour to weigh, is a prompt above this score.
ALONE_THRESHOLD = 1.0
#: ... and only when it is this short: a statement prompt is a sentence or two.
ALONE_MAX_WORDS = 30


def is_prompt_alone(text: str, lang: str) -> bool:
    """Does a paragraph, alone, read as an interviewer's statement prompt ("Vous avez
    travaillé avec des dockers.")? Used where the page marks the answers but not the
    questions, so the paragraph before an answer label is either a prompt or the end of the
    previous answer."""
    return (
        word_count(text) <= ALONE_MAX_WORDS
        and score(Unit(text), None, _cues(lang)) > ALONE_THRESHOLD
    )


@dataclass
class Exchange:
    """One prompt and the answer to it (the answer as its units, to split at their seams)."""

    question: str | None
    answer: list[str]


def _labelled(units: Sequence[Unit]) -> list[Exchange] | None:
    """Use explicit Q:/A: labels when most units carry one."""
    labels = [_LABEL.match(u.text) for u in units]
    if sum(1 for m in labels if m) < max(2, len(units) // 3):
        return None
    exchanges: list[Exchange] = []
    for unit, match in zip(units, labels, strict=True):
        body = unit.text[match.end() :] if match else unit.text
        is_prompt = bool(match and match.group("label").lower() in _PROMPT_LABELS)
        if is_prompt:
            exchanges.append(Exchange(body, []))
        elif exchanges:
            exchanges[-1].answer.append(body)
        else:
            exchanges.append(Exchange(None, [body]))
    return [e for e in exchanges if e.answer]


def split_exchanges(
    lines: Sequence[list[str]], lang: str, hyphenated: set[str] | None = None
) -> list[Exchange]:
    """Turn an interview section (as line units) into prompt/answer exchanges."""
    units = [Unit(join_lines(u, hyphenated)) for u in lines]
    units = [u for u in units if u.text]
    labelled = _labelled(units)
    if labelled is not None:
        return labelled
    cues = _cues(lang)
    scores = [
        score(u, units[i + 1] if i + 1 < len(units) else None, cues) for i, u in enumerate(units)
    ]
    exchanges: list[Exchange] = []
    prompt: list[str] = []
    answer: list[str] = []
    state = "start"  # start | prompt-open | prompt-closed | answer

    def close() -> None:
        nonlocal prompt, answer
        if answer:
            exchanges.append(Exchange(" ".join(prompt) or None, answer))
        elif prompt:
            # A prompt with nothing after it is really the end of the previous answer.
            if exchanges:
                exchanges[-1].answer.extend(prompt)
            else:
                exchanges.append(Exchange(None, prompt))
        prompt, answer = [], []

    for i, unit in enumerate(units):
        last = i + 1 == len(units)
        s = scores[i]
        nxt = units[i + 1] if not last else None
        if state == "start":
            is_prompt = s > -3.0 and not last
        elif state == "prompt-closed":
            is_prompt = False  # a question is always followed by its answer
        elif state == "prompt-open":
            # A statement prompt may be followed by the question it leads to.
            is_prompt = s > 1.0 and unit.is_question and not last
        elif nxt is not None and not unit.is_question and nxt.is_question and scores[i + 1] >= 2.0:
            # A statement right before a question prompt opens that prompt only when the
            # question points back at it; otherwise it closes the previous answer.
            is_prompt = s > 1.0 or (s > -1.0 and bool(cues.anaphoric.search(nxt.text)))
        else:
            is_prompt = s > THRESHOLD and not last
        if is_prompt:
            if state == "answer":
                close()
            prompt.append(unit.text)
            state = "prompt-closed" if unit.is_question else "prompt-open"
        else:
            answer.append(unit.text)
            state = "answer"
    close()
    return exchanges
