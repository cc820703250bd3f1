"""A letter's own lines in an interview that came by e-mail: the greeting ("Hi Tom,",
"Liebe Frau Berg,") and the closing ("Best,\nMaja", "Cordiali saluti, Paola").

They are the covering note's or the signature's, no part of a prompt or an answer: read
as text, "Hi Sophie, here you go." opens the first question and "Best, Maja" closes the
last answer. The chunkers ask these two questions of the first and last paragraphs.
"""

from __future__ import annotations

import re

# The words a greeting opens with, in en/de/fr/es/it/nl/pt; the ambiguous ones ("Liebe ist
# …", "Cara" as a word of an answer) greet only a name or a title.
_GREETING_WORDS = re.compile(
    r"^\W*(?P<word>hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|hallo|"
    r"sehr\s+geehrte[rs]?|guten\s+(?:tag|morgen|abend)|liebe[rs]?|bonjour|bonsoir|salut|"
    r"cher|chère|chers|chères|hola|buen[oa]s\s+(?:días|tardes|noches)|querid[oa]s?|"
    r"estimad[oa]s?|ciao|salve|buongiorno|buonasera|gentile|car[oa]|car[ie]|beste|hoi|"
    r"goedemorgen|goedemiddag|olá|oi|prezad[oa]s?|bom\s+dia|boa\s+tarde)"
    r"(?P<rest>(?:[ \t]+[^\s,!:;.?]+){0,4}?)[ \t]*[,!:]",
    re.IGNORECASE,
)
# The lower-case words a greeting's names may hold ("Hi all,", "Liebe Kolleginnen und
# Kollegen,", "Chers amis et collègues,").
_EVERYONE_WORDS = (
    "all everyone everybody both team guys folks tous toutes todos todas tutti alle "
    "zusammen allemaal iedereen and und et e y en & amis amigos amici"
)
_EVERYONE = frozenset(_EVERYONE_WORDS.split())
# A closing formula alone on its line (or before the name, on one joined line).
_SIGN_OFF = re.compile(
    r"^\W*(?:(?:all\s+the\s+|with\s+)?best(?:\s+(?:wishes|regards))?|(?:kind|warm|warmest|best)?"
    r"\s*regards|cheers|(?:many\s+)?thanks(?:\s+again)?|thank\s+you|yours(?:\s+sincerely)?|"
    r"sincerely|(?:viele|liebe|beste|herzliche|freundliche|schöne)\s+grüße|"
    r"mit\s+(?:freundlichen|besten)\s+grüßen|bien\s+cordialement|cordialement|"
    r"bien\s+à\s+(?:vous|toi)|amitiés|bises|(?:un\s+)?saludos?(?:\s+cordiales)?|"
    r"(?:un\s+)?abrazos?|atentamente|(?:cordiali\s+)?saluti|un\s+saluto|a\s+presto|"
    r"(?:met\s+)?(?:vriendelijke\s+)?groet(?:en)?|hartelijke\s+groet(?:en)?|"
    r"(?:um\s+)?abraços?|atenciosamente|beijos?)[ \t]*[,!.]?(?=\s|$)",
    re.IGNORECASE,
)
#: A closing is the formula and a name (or nothing): at most this many words after it.
SIGNATURE_WORDS = 4


def is_greeting(text: str) -> bool:
    """Does ``text`` open by greeting someone ("Hi Tom,", "Dear Ms Lindqvist,", "Liebe
    Frau Berg:", "Hi all,")? A question that opens so ("Hello Maja, what drew you …?")
    is an interviewer's prompt, no covering note."""
    match = _GREETING_WORDS.match(text)
    if not match or text.rstrip(" \"'”’»)").endswith("?"):
        return False
    names = match.group("rest").split()
    if not names:
        return match.group("word").casefold() not in ("liebe", "lieber", "liebes", "cara", "caro")
    return all(n[:1].isupper() or n.casefold() in _EVERYONE for n in names)


def is_sign_off(text: str) -> bool:
    """Is ``text`` a letter's closing: the formula and at most a name ("Best,\\nMaja",
    "Viele Grüße, Jonas Ek", "Cheers!")?"""
    match = _SIGN_OFF.match(text)
    return match is not None and len(text[match.end() :].split()) <= SIGNATURE_WORDS
