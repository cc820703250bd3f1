"""A letter's own lines in an interview that came by e-mail: the greeting ("Hi Tom,",
"Liebe Frau Berg,") and the closing ("Best,\nMaja", "Cordiali saluti, Paola").

They are the covering note's or the signature's, no part of a prompt or an answer: read
as text, "Hi Sophie, here you go." opens the first question and "Best, Maja" closes the
last answer. The chunkers ask these two questions of the first and last paragraphs, and
the mail reader asks the second of a message's last lines, for the name it signs with.
"""

from __future__ import annotations

import re

# (Each pattern takes the marks before its first word at once, "(?=(?P<lead>\W*))(?P=lead)",
# as Python 3.11's possessive "\W*+" would: else a line of spaces is read in quadratic time.)
# The words a greeting opens with, in en/de/fr/es/it/nl/pt; the ambiguous ones ("Liebe ist
# …", "Cara" as a word of an answer) greet only a name or a title.
_GREETING_WORDS = re.compile(
    r"^(?=(?P<lead>\W*))(?P=lead)(?P<word>hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|hallo|"
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
    "zusammen allemaal iedereen and und et e y en & amis amigos amici there colleagues "
    "kollegen collègues colleghi colegas collega's redactie redaktion rédaction redacción "
    "redazione redação"
)
_EVERYONE = frozenset(_EVERYONE_WORDS.split())
# A closing formula alone on its line (or before the name, on one joined line).
_SIGN_OFF = re.compile(
    r"^(?=(?P<lead>\W*))(?P=lead)(?:(?:all\s+the\s+|with\s+)?best(?:\s+(?:wishes|regards))?|(?:kind|warm|warmest|best)?"
    r"\s*regards|cheers|(?:many\s+)?thanks(?:\s+again)?|thank\s+you|yours(?:\s+sincerely)?|"
    r"sincerely|warmly|warm\s+wishes|speak\s+soon|talk\s+soon|"
    r"(?:viele|liebe|beste|herzliche|freundliche|schöne)\s+grüße|herzlichst|"
    r"mit\s+(?:freundlichen|besten)\s+grüßen|bien\s+cordialement|cordialement|"
    r"bien\s+à\s+(?:vous|toi)|amitiés|bises|(?:un\s+)?saludos?(?:\s+cordiales)?|"
    r"(?:un\s+)?abrazos?|atentamente|cordialmente|(?:cordiali\s+)?saluti|un\s+saluto|a\s+presto|"
    r"(?:un\s+)?abbracci[oa]?|un\s+caro\s+saluto|cari\s+saluti|bonne\s+journée|à\s+bientôt|"
    r"(?:met\s+)?(?:vriendelijke\s+)?groet(?:en|jes)?|hartelijke\s+groet(?:en)?|"
    r"(?:viele|liebe|beste|herzliche)?\s*gru(?:ß|ss)|"
    r"(?:um\s+)?abraços?|atenciosamente|beijos?)[ \t]*[,!.]?(?=\s|$)",
    re.IGNORECASE,
)
# What a phone adds under a mail ("Sent from my iPhone", "Von meinem iPhone gesendet").
_DEVICE = re.compile(
    r"^(?=(?P<lead>\W*))(?P=lead)(?:sent from my|get outlook for|von meinem|envoyé de mon|enviado desde mi|"
    r"inviato da|verzonden (?:vanaf|met) mijn|enviado do meu)\b[^.!?]{0,40}$",
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


def is_closing_line(line: str) -> bool:
    """Is ``line`` a closing formula alone ("Best,", "Many thanks,", "Viele Grüße") or a
    phone's line ("Sent from my iPhone")?"""
    match = _SIGN_OFF.match(line)
    return (match is not None and not line[match.end() :].strip()) or bool(_DEVICE.match(line))


def is_sign_off(text: str) -> bool:
    """Is ``text`` a letter's closing: the formula and at most a name ("Best,\\nMaja",
    "Viele Grüße, Jonas Ek", "Cheers!")?"""
    match = _SIGN_OFF.match(text)
    if match is None:
        return bool(_DEVICE.match(text))
    return len(text[match.end() :].split()) <= SIGNATURE_WORDS
