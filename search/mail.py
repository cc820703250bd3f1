"""E-mail, as a press office passes an interview on: the answers came back by mail and
were forwarded, saved as text (headers pasted above each message) or as an ``.eml`` file.

The headers are no words of the document: left in, "To: Tom Whitcombe" reads as a turn
label and the From/Date/Subject lines glue the covering note to the first answer. Here
each header block is taken out, the subject (without its "Re:"/"Fwd:") becomes the title
line the chunker reads ("Questions for Maja Lindqvist – THE GLASS HARVEST" names the
interviewee), and the date of the first message, the one that holds the answers, becomes
the document's date. The messages' own words are all kept, in the order they came.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parsedate_tz

# Header names as mail programs print them in en/de/fr/es/it/nl/pt, by what they say.
_FROM = {"from", "von", "de", "da", "van", "sender", "absender", "expéditeur", "remitente"}
_TO = {"to", "an", "à", "a", "para", "aan", "cc", "bcc", "kopie", "cci", "cco", "reply-to"}
_DATE = {
    "date",
    "sent",
    "datum",
    "gesendet",
    "envoyé",
    "fecha",
    "enviado",
    "enviada",
    "data",
    "inviato",
    "verzonden",
}
_SUBJECT = {"subject", "betreff", "objet", "asunto", "oggetto", "onderwerp", "assunto"}
_NAMES = _FROM | _TO | _DATE | _SUBJECT
_HEADER = re.compile(
    r"^\s*\**(?P<name>[^\W\d_][\w-]{0,12}(?: [\w-]{1,8})?)\**\s?:\**\s*(?P<value>.*)$"
)
# "---------- Forwarded message ---------", "-----Original Message-----", Apple Mail's
# "Begin forwarded message:", in the languages mail programs are set to.
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*)?(?:forwarded message|original message|begin forwarded message|"
    r"weitergeleitete nachricht|ursprüngliche nachricht|anfang der weitergeleiteten nachricht|"
    r"message transféré|message d'origine|début du message réexpédié|mensaje reenviado|"
    r"mensaje original|messaggio inoltrato|messaggio originale|inizio messaggio inoltrato|"
    r"doorgestuurd bericht|oorspronkelijk bericht|mensagem encaminhada|mensagem original)"
    r"\s*:?\s*(?:-{2,})?\s*$",
    re.IGNORECASE,
)
# The line a reply puts above the message it quotes: "On Mon, 7 Apr 2025, Maja … wrote:".
_ATTRIBUTION = re.compile(
    r"^\s*(?:on|am|le|el|il|op|em)\s.{4,200}\s(?:wrote|schrieb|a écrit|escribió|ha scritto|"
    r"schreef|escreveu)\s?:\s*$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^\s*(?:>\s?)+")
# Reply and forward marks a subject collects ("Re: Fwd: AW: WG: TR: RV: R: I:").
_SUBJECT_MARKS = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|tr|rv|r|i|sv|vs|antw|enc|res)\s*:\s*)+", re.I)
#: Headers a raw message file (``.eml``) carries that a pasted one does not.
_RAW_HEADERS = {"mime-version", "content-type", "message-id", "received", "return-path"}


@dataclass
class Letter:
    """A mail's text with its headers out, and what they said."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class _Block:
    start: int
    end: int  # the line after the block
    fields: dict[str, str]


def as_letter(text: str) -> Letter | None:
    """The messages of a mail saved as text, or None when ``text`` does not open with a
    header block (or a forwarding line and one)."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    opening = _block(lines, first)
    if opening is None and _SEPARATOR.match(lines[first]):
        opening = _block(lines, _next_filled(lines, first + 1))
    if opening is None:
        return None
    blocks = [opening]
    kept: list[str] = []
    i = opening.end
    while i < len(lines):
        line = lines[i]
        if _SEPARATOR.match(line) or _ATTRIBUTION.match(line):
            nxt = _block(lines, _next_filled(lines, i + 1))
            if nxt is not None:
                blocks.append(nxt)
                i = nxt.end
            else:
                i += 1
            continue
        block = _block(lines, i) if line.strip() and _starts_block(lines, i) else None
        if block is not None:
            blocks.append(block)
            i = block.end
            continue
        kept.append(_QUOTED.sub("", line))
        i += 1
    subject = next((s for b in reversed(blocks) if (s := _subject(b.fields))), None)
    meta: dict[str, str] = {}
    if subject:
        meta["title"] = subject
    date = next((d for b in reversed(blocks) if (d := _date(b.fields))), None)
    if date:
        meta["date"] = date
    body = "\n".join(kept).strip("\n")
    return Letter(_titled(subject, body), meta)


def parse_raw(data: bytes) -> Letter | None:
    """A raw message file (``.eml``): its text part, read as a mail saved as text, or
    None when ``data`` is not one. The HTML part, when it is the only one, is returned
    as markup in ``meta['html']`` for the HTML reader; a message with neither has no
    text (its attachments are files of their own to tutti, not read from inside it)."""
    head = data[:4096].decode("latin-1").split("\n", 30)
    names = {m.group("name").casefold() for line in head if (m := _HEADER.match(line))}
    if not (names & _RAW_HEADERS and names & _FROM):
        return None
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        return None
    fields = {name.casefold(): str(message.get(name, "")) for name in ("from", "date", "subject")}
    part = message.get_body(preferencelist=("plain", "html"))
    content = _content(part) if isinstance(part, EmailMessage) else ""
    meta: dict[str, str] = {}
    if subject := _subject(fields):
        meta["title"] = subject
    if date := _date(fields):
        meta["date"] = date
    if not content.strip():
        return Letter("", meta)  # attachments only: the reader says so
    if part is not None and part.get_content_subtype() == "html":
        return Letter("", {**meta, "html": content})
    inner = as_letter(content)
    if inner is not None:
        # a message that forwards another: the inner one holds the answers
        return Letter(inner.text, {**meta, **inner.meta})
    return Letter(_titled(subject, content), meta)


def _titled(subject: str | None, body: str) -> str:
    """The body under its subject, marked as the heading it is (a plain "Questions for
    the director" above "Dear Kate," would be read as the first line of the letter)."""
    return f"# {subject}\n\n{body}" if subject else body


def _content(part: EmailMessage) -> str:
    try:
        value = part.get_content()
    except (LookupError, ValueError):  # an unknown charset, a damaged transfer encoding
        payload = part.get_payload(decode=True)
        value = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _starts_block(lines: list[str], i: int) -> bool:
    """A header line at the start of a paragraph: a pasted message without a forwarding
    line above it."""
    return (i == 0 or not lines[i - 1].strip()) and _name(lines[i]) in _FROM


def _name(line: str) -> str | None:
    match = _HEADER.match(line)
    return match.group("name").casefold() if match else None


def _block(lines: list[str], start: int) -> _Block | None:
    """The header block at ``start``: two or more known headers, one naming the sender
    and one the subject or the date, on consecutive lines (a long value may wrap onto
    indented lines)."""
    fields: dict[str, str] = {}
    i = start
    last: str | None = None
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        match = _HEADER.match(line)
        name = match.group("name").casefold() if match else None
        if match and name in _NAMES and name not in fields:
            fields[name] = match.group("value").strip(" *")
            last = name
        elif last is not None and line[:1] in (" ", "\t"):
            fields[last] += " " + line.strip()
        else:
            break
        i += 1
    if len(fields) < 2 or not fields.keys() & _FROM or not fields.keys() & (_SUBJECT | _DATE):
        return None
    if i < len(lines) and lines[i].strip():
        return None  # the headers run into text: a paragraph that starts "From: …", not mail
    return _Block(start, i, fields)


def _subject(fields: dict[str, str]) -> str | None:
    value = next((fields[n] for n in fields if n in _SUBJECT), "")
    return _SUBJECT_MARKS.sub("", " ".join(value.split())).strip() or None


def _date(fields: dict[str, str]) -> str | None:
    """``YYYY-MM-DD`` of a Date header in the mail format ("Tue, 8 Apr 2025 16:42",
    Gmail's "Mon, 7 Apr 2025 at 23:15"); any other wording as it stands, for the
    document's metadata to read as a written date ("Montag, 7. April 2025 23:15")."""
    value = " ".join(next((fields[n] for n in fields if n in _DATE), "").split())
    parsed = parsedate_tz(re.sub(r"\s+at\s+", " ", value))
    if parsed is not None:
        try:
            return datetime.date(parsed[0], parsed[1], parsed[2]).isoformat()
        except ValueError:
            pass
    return value or None
