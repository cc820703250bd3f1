"""E-mail, as a press office passes an interview on: the answers came back by mail and
were forwarded or replied to, saved as text (headers pasted above each message) or as an
``.eml`` file.

The headers are no words of the document: left in, "To: Tom Whitcombe" reads as a turn
label and the From/Date/Subject lines glue the covering note to the first answer. Here
each header block is taken out, and the messages are told apart: the one holding the
answers (the longest) is read under its subject as a heading ("Questions for Maja
Lindqvist – THE GLASS HARVEST" names the interviewee), the messages around it come
first, its date is the document's and its sender the interviewee when the text names
none. Every word of the messages is kept.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_tz

from .letters import is_closing_line

# Header names as mail programs print them in en/de/fr/es/it/nl/pt, by what they say.
# ("Sender:" is left out: in German it is the broadcaster a radio transcript names.)
_FROM = {"from", "von", "de", "da", "van", "expéditeur", "remitente"}
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
# Outlook's other lines in a saved message ("Attachments:", "Importance: High").
_OTHER = {
    "attachments",
    "importance",
    "anlagen",
    "wichtigkeit",
    "pièces jointes",
    "datos adjuntos",
    "importancia",
    "allegati",
    "priorità",
    "bijlagen",
    "urgentie",
    "prioriteit",
    "anexos",
    "importância",
}
_NAMES = _FROM | _TO | _DATE | _SUBJECT | _OTHER
# Any other header a mail program may paste among the known ones: one word, or two joined
# by a hyphen ("Organization", "Reply-To", "User-Agent").
_OTHER_NAME = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
# A line opening with a sender's header, quoted or not: every mail has one.
_SENDER_LINE = re.compile(
    r"^[ \t>]*\**(?:" + "|".join(sorted(_FROM)) + r")\**\s?:", re.IGNORECASE | re.MULTILINE
)
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
    r"\s*:?\s*(?:-{2,})?\s*$"
    r"|^\s*_{10,}\s*$",  # Outlook's rule above a reply's headers
    re.IGNORECASE,
)
# The line a reply puts above the message it quotes: "On Mon, 7 Apr 2025, Maja … wrote:".
# ("Am 10.03.2025 um 09:15 schrieb Paul Brandt <…>:" names the writer after the verb.)
_ATTRIBUTION = re.compile(
    r"^\s*(?:on|am|le|el|il|op|em)\s.{4,200}\s(?:wrote|schrieb|a écrit|escribió|ha scritto|"
    r"schreef|escreveu)(?:\s[^:]{0,200})?\s?:\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION_START = re.compile(r"^\s*(?:on|am|le|el|il|op|em)\s.{4,200}$", re.IGNORECASE)
_WROTE = re.compile(
    r"^\s*(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|escreveu)\b[^:]{0,200}:\s*$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^\s*(?:>\s?)+")
# Reply and forward marks a subject collects ("Re: Fwd: AW: WG: TR: RV: R: I:").
_SUBJECT_MARKS = re.compile(r"^(?:(?:re|fwd?|aw|wg|tr|rv|r|i|sv|vs|antw|enc|res)\s*:\s*)+", re.I)
#: Headers a raw message file (``.eml``) carries that a pasted one does not.
_RAW_HEADERS = {"mime-version", "content-type", "message-id", "received", "return-path"}


@dataclass
class Letter:
    """A mail's text with its headers out, and what they said: ``title`` and ``date`` in
    ``meta``, ``sender`` the name on the message holding the answers (the interviewee,
    when the text names nobody else)."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    sender: str | None = None


@dataclass
class RawMessage:
    """A raw message file's headers (as a mail program pastes them) and its body, as text
    or, when it has no text part, as HTML for the HTML reader."""

    headers: str
    body: str
    html: bool = False


@dataclass
class _Block:
    start: int
    end: int  # the line after the block
    fields: dict[str, str]


@dataclass
class _Message:
    fields: dict[str, str]
    lines: list[str] = field(default_factory=list)
    own: int = 0  # words the message's writer wrote, here or between the lines they quote

    @property
    def words(self) -> int:
        return sum(len(line.split()) for line in self.lines)


def as_letter(text: str) -> Letter | None:
    """The messages of a mail saved as text, or None when ``text`` holds no header block.

    The message holding the answers is the longest; the messages around it (a covering
    note that forwards it, the questions a reply quotes) come first, as narration above
    the subject's heading, and its numbered answers take the numbered questions of the
    message they reply to ("1. Mein Großvater …" under "1. Wie kamen Sie …?")."""
    if not _SENDER_LINE.search(text):
        return None  # (one search of the text, where most files are no mail)
    messages = _messages(text.split("\n"))
    if messages is None:
        return None
    answers = max(messages, key=lambda m: m.words)
    # who wrote them: the writer of the most unquoted words (a reply that answers between
    # the questions it quotes writes its answers into the quoted message)
    writer = max(messages, key=lambda m: m.own)
    others = [m for m in messages if m is not answers]
    body = _paired(answers, others) or answers.lines
    headed = [writer, answers, *others]
    subject = next((s for m in headed[1:] if (s := _subject(m.fields))), None)
    date = next((d for m in headed if (d := _date(m.fields))), None)
    meta = {k: v for k, v in (("title", subject), ("date", date)) if v}
    around = "\n\n".join("\n".join(m.lines).strip("\n") for m in others if m.words)
    said = "\n".join(body).strip("\n")
    text = f"{around}\n\n# {subject}\n\n{said}" if subject else f"{around}\n\n{said}"
    sender = _sender(writer.fields) or _signed(answers.lines)
    return Letter(text.strip("\n"), meta, sender)


def _messages(lines: list[str]) -> list[_Message] | None:
    """The messages of a mail saved as text, each with its headers; None without any.
    Quoted lines are read without their ">", so that a forward or a reply quoted in a
    reply is a message too."""
    quoted = [(m.group().count(">") if (m := _QUOTED.match(line)) else 0) for line in lines]
    lines = [_QUOTED.sub("", line) for line in lines]
    blocks: dict[int, _Block] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        block = None
        if _SEPARATOR.match(line) or _attribution(lines, i):
            block = _block(lines, _next_filled(lines, i + max(1, _attribution(lines, i))))
        elif line.strip() and (i == 0 or not lines[i - 1].strip()):
            block = _block(lines, i)
        if block is not None:
            blocks[i] = block
            i = block.end
        else:
            i += 1
    if not blocks:
        return None
    messages = [_Message({})]
    writer = messages[0]  # the message whose own, unquoted words these are
    i = 0
    while i < len(lines):
        if i in blocks:
            messages.append(_Message(blocks[i].fields))
            writer = messages[-1] if not quoted[i] else writer
            i = blocks[i].end
            continue
        said = _attribution(lines, i)
        if said:
            # the message a reply quotes ("On … wrote:"), under the reply's headers: its
            # questions, or the answers written in between them
            messages.append(_Message(dict(messages[-1].fields)))
            i += said
            continue
        if not _SEPARATOR.match(lines[i]):
            messages[-1].lines.append(lines[i])
            if not quoted[i]:  # an answer written between a quoted mail's questions
                writer.own += len(lines[i].split())
        i += 1
    return [m for m in messages if m.fields or m.words]


def _attribution(lines: list[str], i: int) -> int:
    """How many lines at ``i`` say who wrote the message quoted below: "On …, Maja
    <…> wrote:" on one line, or wrapped before its "wrote:" (Gmail); 0 for none."""
    if _ATTRIBUTION.match(lines[i]):
        return 1
    if i + 1 < len(lines) and _WROTE.match(lines[i + 1]) and _ATTRIBUTION_START.match(lines[i]):
        return 2
    return 0


_NUMBER = re.compile(r"^\s*(?:\*\*)?(?P<n>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$")


def _paired(answers: _Message, others: list[_Message]) -> list[str] | None:
    """The answers' lines, each numbered paragraph under the question of its number, when
    another message numbers two or more questions and the answers repeat only numbers;
    the questions leave that message (they are the answers' now). None otherwise."""
    numbered = {
        int(m.group("n")): i
        for i, line in enumerate(answers.lines)
        if (m := _NUMBER.match(line)) and (i == 0 or not answers.lines[i - 1].strip())
    }
    if len(numbered) < 2 or any(answers.lines[i].rstrip().endswith("?") for i in numbered.values()):
        return None
    for other in others:
        asked = {
            int(m.group("n")): i
            for i, line in enumerate(other.lines)
            if (m := _NUMBER.match(line)) and line.rstrip().endswith("?")
        }
        if not numbered.keys() <= asked.keys():
            continue
        out = list(answers.lines)
        for n, at in sorted(numbered.items(), reverse=True):
            out[at : at + 1] = [
                other.lines[asked[n]].strip(),
                "",
                _NUMBER.sub(r"\g<rest>", out[at]),
            ]
        other.lines = [line for i, line in enumerate(other.lines) if i not in asked.values()]
        return out
    return None


def raw_message(data: bytes, decode: Callable[[bytes], str]) -> RawMessage | None:
    """A raw message file (``.eml``) as headers and body, or None when ``data`` is not
    one. The body is the text part, else the HTML part; a message forwarded as an
    attachment (``message/rfc822``) follows it as a forwarded message; ``decode`` reads a
    part whose declared charset is wrong or unknown. Other attachments are files of
    their own to tutti, not read from inside the message."""
    head = data[:4096].decode("latin-1").split("\n", 30)
    names = {m.group("name").casefold() for line in head if (m := _HEADER.match(line))}
    if not (names & _RAW_HEADERS and names & _FROM):
        return None
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        return None
    part = message.get_body(preferencelist=("plain", "html"))
    html = isinstance(part, EmailMessage) and part.get_content_subtype() == "html"
    body = _content(part, decode) if isinstance(part, EmailMessage) else ""
    for attached in message.iter_attachments():
        inner = attached.get_content() if attached.get_content_type() == "message/rfc822" else None
        if isinstance(inner, EmailMessage) and not html:
            inner_part = inner.get_body(preferencelist=("plain",))
            text = _content(inner_part, decode) if isinstance(inner_part, EmailMessage) else ""
            body += f"\n\n-----Original Message-----\n{_pasted(inner)}\n\n{text}"
    return RawMessage(_pasted(message), body, html)


def _pasted(message: EmailMessage) -> str:
    """A message's headers as a mail program pastes them above a forwarded message."""
    return "\n".join(
        f"{name}: {' '.join(str(message[name]).split())}"
        for name in ("From", "Date", "Subject", "To")
        if message[name] is not None
    )


def _content(part: EmailMessage, decode: Callable[[bytes], str]) -> str:
    """A part's text: as its charset says, unless the charset is unknown or wrong (bytes
    that are not ASCII under "us-ascii", or that do not decode), then as ``decode``
    reads the bytes."""
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    try:
        value = part.get_content()
    except (LookupError, ValueError):
        value = None
    if (
        not isinstance(value, str)
        or "\ufffd" in value
        or (raw and not raw.isascii() and value.isascii())
    ):
        value = decode(raw)
    return value.replace("\r\n", "\n")


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _block(lines: list[str], start: int) -> _Block | None:
    """The header block at ``start``: known headers on consecutive lines (a long value
    may wrap onto indented lines), one naming the sender and one the subject."""
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
        elif fields and match and name and _OTHER_NAME.match(name):
            last = None  # "Organization:", "Reply-To:", "X-Mailer:": a header tutti passes over
        else:
            break
        i += 1
    if not fields.keys() & _FROM or not fields.keys() & _SUBJECT:
        return None
    # an address or a dated date: a screenplay's "FROM: Nora / TO: Eli / SUBJECT: the
    # tapes" is no mail, nor a clipping's "Da: la Repubblica / Data: …"
    dated = any(any(c.isdigit() for c in fields[n]) for n in fields.keys() & _DATE)
    if not dated and "@" not in " ".join(fields.values()):
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
    us = _US_DATE.search(value)
    if us:  # Outlook in the United States: "Sent: 3/12/2025 10:15 AM" is 12 March
        try:
            return datetime.date(int(us["year"]), int(us["month"]), int(us["day"])).isoformat()
        except ValueError:
            return None
    parsed = parsedate_tz(re.sub(r"\s+at\s+", " ", value))
    if parsed is not None:
        try:
            return datetime.date(parsed[0], parsed[1], parsed[2]).isoformat()
        except ValueError:
            pass
    return value or None


_US_DATE = re.compile(
    r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b.*\b[AP]\.?M\b", re.IGNORECASE
)
_PERSON = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,3}$")


def _sender(fields: dict[str, str]) -> str | None:
    """The name a From header gives ("Jonas Ekholm <jonas@…>", Outlook's "Ekholm, Jonas",
    "Till Becker [mailto:…]"), when it is a person's: two to four words, no address."""
    value = " ".join(next((fields[n] for n in fields if n in _FROM), "").split())
    if len(value) > SIGNATURE_CHARS * 2:
        return None  # no sender's line (and the patterns below stay linear)
    value = re.sub(r"\s*\[mailto:[^\]]*\]", "", value)
    bracketed = re.match(r"^(?P<name>[^<]*?)\s*<(?P<address>[^>]*)>", value)
    if bracketed:  # "Lund, Karl <karl@…>", which parseaddr cuts at the comma
        name, address = bracketed["name"], bracketed["address"]
    else:
        name, address = parseaddr(value)
    name = " ".join((name or ("" if "@" in address else value)).split()).strip("\"' ")
    if name.count(",") == 1:  # "Ekholm, Jonas"
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}"
    return name if _PERSON.match(name) and "@" not in name else None


def _signed(lines: list[str]) -> str | None:
    """The name a message signs with, when its sender is an address alone: the line
    under the last closing ("Best," / "Tomás Echeverría / director") or the first line of
    a signature ("-- " / "Tomás Echeverría"), a person's name before any "/" or ","; else
    a last line that is a name and a role."""
    filled = [line.strip() for line in lines if line.strip()]
    last = range(len(filled) - 1, max(-1, len(filled) - SIGNATURE_LINES - 1), -1)
    for i in last:
        if i + 1 < len(filled) and (filled[i] in ("--", "-- ") or is_closing_line(filled[i])):
            name = re.split(r"\s*[/,|]\s*", filled[i + 1])[0]
            return name if _PERSON.match(name) else None
    for i in last:  # no closing: a line that is a name and a role ("Tomás Echeverría / director")
        signed = _NAME_AND_ROLE.match(filled[i]) if len(filled[i]) <= SIGNATURE_CHARS else None
        if signed and _PERSON.match(signed["name"]):
            return signed["name"]
    return None


_NAME_AND_ROLE = re.compile(r"^(?P<name>[^/,|]+?)\s*[/|,]\s*[^\W\d_][\w-]*(?:\s+\S+){0,2}$")


#: A signature is looked for in a message's last lines, this many, each this long at most.
SIGNATURE_LINES = 6
SIGNATURE_CHARS = 80
