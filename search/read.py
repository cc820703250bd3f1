"""Turn files into decoded text plus a format, and say why when a file cannot be read.

Every file the indexer meets either becomes a RawDocument or raises a ReadError whose
message a user can act on: nothing is dropped silently. Heavy libraries (pypdf,
trafilatura, python-docx, charset-normalizer) are imported inside the functions that
need them, so that `tutti search` does not pay for them at start-up.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import json
import os
import re
import stat
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .mail import RawMessage, as_letter, raw_message
from .model import Skipped

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch
    from docx.table import _Row
    from docx.text.paragraph import Paragraph
    from lxml.etree import _Element
    from pypdf import PageObject

LARGE_TEXT_BYTES = 8 << 20  # plain text above this is streamed with iter_text_blocks
#: Deeper JSON is skipped: parsing it, and every walk over its value, recurses per level.
MAX_JSON_DEPTH = 100
#: A DOCX whose parts expand to more than this is skipped: python-docx inflates every part
#: into memory, so a small zip of repeated bytes (a zip bomb) would take gigabytes.
MAX_DOCX_EXPANDED = 256 << 20
INDEX_MARKER = ".tutti-index"  # a folder holding this file is an index, never indexed itself

_HEAD_BYTES = 64 << 10  # what format and encoding sniffing look at
_READ_BYTES = 1 << 20  # raw read size while streaming
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")  # \t \n \f \r are text
_ANY_TAG = re.compile(r"<[!/?]?[A-Za-z]")
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:(?:page|pag\.|p\.|s\.|seite|pagina|página)\s*)?\d{1,4}"
    r"(?:\s*(?:/|of|sur|von|de|di|\|)\s*\d{1,4})?(?:\s*[-–—])?",
    re.IGNORECASE,
)
_RUNNING_MAX = 100  # running headers and footers are short; body lines repeat too
# PDF fonts often draw 'fi' as one glyph; searching 'film' must still find 'ﬁlm'.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)

# Legacy code pages that charset-normalizer may pick for short Western text but that
# press material never uses (DOS, EBCDIC, Mac's but Mac Roman, which is weighed apart:
# ``_reads_better_as_mac_roman``); excluding them avoids 'Élève' -> '╔l×ve'.
_UNLIKELY_CODEPAGES = [
    "cp037",
    "cp273",
    "cp424",
    "cp437",
    "cp500",
    "cp737",
    "cp775",
    "cp850",
    "cp852",
    "cp855",
    "cp856",
    "cp857",
    "cp858",
    "cp860",
    "cp861",
    "cp862",
    "cp863",
    "cp864",
    "cp865",
    "cp866",
    "cp869",
    "cp875",
    "cp1006",
    "cp1026",
    "cp1125",
    "cp1140",
    "hp_roman8",
    "kz1048",
    "mac_cyrillic",
    "mac_greek",
    "mac_iceland",
    "mac_latin2",
    "mac_roman",
    "mac_turkish",
    "ptcp154",
]
# Windows-1252 and the Latin-1 family it extends: favoured when detection is unsure.
_PREFERRED = ["cp1252", "iso8859_15", "latin_1"]
_WESTERN_BONUS = 0.05


class ReadError(Exception):
    """A file that cannot be read; str(err) is a short reason a user can act on."""


@dataclass
class RawDocument:
    """A file's text before chunking; for large plain text, a promise to stream it."""

    path: Path
    format: str  # 'text' | 'markdown' | 'json' | 'html' | 'pdf' | 'docx' | 'captions'
    text: str  # '\n' line ends; PDF pages joined with '\f'; '' when stream is True
    encoding: str | None  # detected encoding for text formats
    meta: dict[str, str] = field(default_factory=dict)  # title/author where the file has them
    json: object | None = None  # the parsed value for format 'json'
    stream: bool = False  # too large to hold: read it with iter_text_blocks(path, encoding)
    sender: str | None = None  # an e-mail's: who sent the message holding the answers


# ---------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes to clean text and name the encoding used."""
    return _decode(data)


def _decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    data = _without_stray_nuls(data)
    if not data.strip():
        raise ReadError("empty file")
    encoding = _detect_encoding(data, hint=hint)
    if encoding == _MIXED:
        encoding = "utf-8"
        text = _clean(data.decode("utf-8", errors=_CP1252_FALLBACK))
    else:
        text = _clean(data.decode(encoding))
    if not text.strip():
        raise ReadError("empty file")
    if _looks_binary(text):
        raise ReadError("binary file")
    return text, encoding


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _without_stray_nuls(data: bytes) -> bytes:
    """The text without the NUL bytes an editor or a crash left in it (padding at the end,
    one NUL in a paragraph), which made the whole file "binary". UTF-16 (a NUL in every
    other byte) and real binaries (NULs throughout) keep theirs."""
    if b"\x00" not in data or data.startswith(_UTF16_BOMS) or _utf16_by_nuls(data):
        return data
    stripped = data.rstrip(b"\x00")
    nuls = stripped.count(0)
    return stripped.replace(b"\x00", b"") if nuls <= len(stripped) // 1000 + 1 else data


def _detect_encoding(data: bytes, *, partial: bool = False, hint: str | None = None) -> str:
    """Pick the encoding of `data`; `partial` means it is only the head of a file.

    Strict UTF-8 is tried before any statistics: it is fast, and a short UTF-8 text is
    easy to misdetect as something else.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            if not _decodes(data, name, partial):
                raise ReadError(f"not valid {name} despite its byte-order mark")
            return name
    utf16 = _utf16_by_nuls(data)
    if utf16 and _decodes(data, utf16, partial):
        return utf16
    if b"\x00" in data:
        raise ReadError("binary file")
    if _decodes(data, "utf-8", partial):
        return "utf-8"
    if hint and _decodes(data, hint, partial):
        return hint
    if not partial and _mostly_utf8(data):
        # UTF-8 with a paragraph pasted from a Windows-1252 file: each is read as written,
        # where any single guess garbles one or the other ("AndreÃŊ" as ISO-8859-10).
        return _MIXED
    return _guess_legacy(data)


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "tutti-cp1252"
_MIXED = "utf-8, some bytes windows-1252"  # _detect_encoding's answer for such a text
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    """The bytes UTF-8 could not decode, read as Windows-1252 (undefined ones as U+FFFD)."""
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _mostly_utf8(data: bytes) -> bool:
    """Text written in UTF-8 with some bytes that are not: it holds more valid multi-byte
    UTF-8 sequences than bytes outside them (text in one legacy encoding holds few or
    none, by chance)."""
    rest, valid = _UTF8_SEQUENCE.subn(b"", data)
    stray = len(rest) - len(rest.translate(None, _HIGH_BYTES))
    return valid >= 3 and valid >= stray


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16, BOM or not, shows as NULs in every other byte for Latin-script text."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str, partial: bool) -> bool:
    """Whether `data` decodes strictly; a head may end inside a multi-byte character."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _guess_legacy(data: bytes) -> str:
    """Ask charset-normalizer, weighing its language fit against its mess score.

    On short or repetitive text its scores differ by hundredths between decodings
    ('Bolchoï' in cp1252 vs 'Bolchoļ' in cp1257), and its first pick is often wrong.
    Fit minus mess, with a small bonus for windows-1252 (by far the commonest legacy
    encoding of Western press material), picks the right one on our samples.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=_UNLIKELY_CODEPAGES))
    if not matches:  # (it finds none for some Mac Roman text)
        if _reads_better_as_mac_roman(data, None):
            return _MAC_ROMAN
        raise ReadError("binary file")

    def rank(match: CharsetMatch) -> tuple[float, int]:
        names = match.could_be_from_charset
        prior = min(
            (i for i, name in enumerate(_PREFERRED) if name in names), default=len(_PREFERRED)
        )
        bonus = _WESTERN_BONUS if prior < len(_PREFERRED) else 0.0
        return (-round(match.coherence - match.chaos + bonus, 3), prior)

    best = min(matches, key=rank)
    names = best.could_be_from_charset
    guess = next((name for name in _PREFERRED if name in names), best.encoding)
    return _MAC_ROMAN if _reads_better_as_mac_roman(data, guess) else guess


#: The Macintosh's own encoding, which press kits written on a Mac before OS X (1990s
#: archives) are in. charset-normalizer ranks it below code pages that spell its
#: accented letters as other letters ("MŽlanie", "GesprŠch"), so it is weighed apart.
_MAC_ROMAN = "mac_roman"
#: Characters Western prose holds almost never and misread legacy text holds often:
#: spacing accents, a dagger or a per-mille sign where a letter was meant.
_ODD = frozenset("†‡‰∞≠≤≥∂∑∏π∫Ω√ƒ≈∆◊⁄‹›ﬁﬂıˆ˜¯˘˙˚¸˝˛ˇ¬´¨¤¦")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_MAC_LETTER_BYTES = re.compile(rb"[\x80-\x9f]")


def _misreadings(text: str) -> int:
    """How many characters of ``text`` look misread: an odd sign (``_ODD``), a capital
    inside a lower-case word ("MŽlanie", "trËs"), or a sign between two letters ("C—mo")."""
    bad = 0
    for m in _NON_ASCII.finditer(text):
        c, i = m.group(), m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if c in _ODD:
            bad += 1
        elif c.isalpha():
            bad += c.isupper() and before.isalpha() and after.islower()
        elif before.isalpha() and after.isalpha():
            bad += c not in "’‘·\u00ad"
    return bad


def _reads_better_as_mac_roman(data: bytes, guess: str | None) -> bool:
    """Whether ``data`` is Mac Roman rather than ``guess`` (None: nothing else fits). Its
    accented letters lie where Windows-1252 has punctuation (0x80-0x9F), so a Mac file
    read as any Windows code page shows misread characters that read as Mac Roman
    vanish: it must show fewer, and few of its own."""
    if not _MAC_LETTER_BYTES.search(data):
        return False
    mac = data.decode(_MAC_ROMAN)
    mac_bad = _misreadings(mac)
    if guess is not None:
        guessed = data.decode(guess, errors="replace")  # (a head may end inside a character)
        if mac_bad >= _misreadings(guessed) + guessed.count("\ufffd"):
            return False
    return mac_bad * 20 <= len(_NON_ASCII.findall(mac))


def _clean(text: str) -> str:
    """One convention for every format: no BOM, '\\n' line ends, NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > 0.1 * len(sample)


# ---------------------------------------------------------------------------- reading


#: Formats tutti does not read, which a user may still find in a press folder: their
#: "binary file" says so, and what to convert them to.
_OTHER_FORMATS = frozenset(
    [
        ".doc",
        ".odt",
        ".pages",
        ".epub",
        ".zip",
        ".7z",
        ".rar",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".ods",
        ".odp",
        ".key",
    ]
)


def read_document(path: Path) -> RawDocument:
    """Read one file, recognising its format by content first and extension second."""
    path = Path(path)
    try:
        return _read_document(path)
    except ReadError as err:
        suffix = path.suffix.lower()
        if str(err) == "binary file" and suffix in _OTHER_FORMATS:
            raise ReadError(
                f"binary file: tutti does not read {suffix} files (save it as DOCX, PDF or text)"
            ) from err
        raise


def _read_document(path: Path) -> RawDocument:
    size = _regular_file_size(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError as err:
        raise ReadError(os_reason(err)) from err
    if not head:
        raise ReadError("empty file")
    suffix = path.suffix.lower()
    # Content decides: a name ending in .pdf or .docx only settles a file whose content
    # could be one (a damaged PDF without its header, any zip); a text file so named is text.
    if b"%PDF-" in head[:1024] or (suffix == ".pdf" and not _looks_textual(head)):
        return _read_pdf(path)
    if _is_docx(path, head) or (suffix == ".docx" and head.startswith(b"PK")):
        return _read_docx(path)
    if size > LARGE_TEXT_BYTES and suffix != ".json":
        encoding = _detect_encoding(head, partial=True)
        sample = _clean(codecs.getincrementaldecoder(encoding)().decode(head))
        if not sample.strip():
            raise ReadError("empty file")
        if _looks_binary(sample):
            raise ReadError("binary file")
        if not _is_html(sample, suffix):
            _check_decodes(path, encoding)
            fmt = "markdown" if suffix in (".md", ".markdown") else "text"
            return RawDocument(path, fmt, "", encoding, stream=True)
    data = _read_bytes(path)
    raw_mail = raw_message(data, lambda part: decode_bytes(part)[0])
    if raw_mail is not None:
        return _read_raw_mail(path, raw_mail)
    if _is_html(_markup_view(head), suffix):
        return _read_html(path, data)
    text, encoding = decode_bytes(data)
    if text.lstrip()[:1] in ("{", "["):
        # JSON too deep to read is skipped with its reason, whatever the file's name.
        if suffix == ".json" or json_depth(text) > MAX_JSON_DEPTH:
            return RawDocument(path, "json", text, encoding, json=_parse_json(text))
        try:
            return RawDocument(path, "json", text, encoding, json=_parse_json(text))
        except ReadError:
            pass  # braces, but not JSON: plain text
    # a cue's timing, or WebVTT's header: a subtitle file's captions, read as a transcript
    markdown = suffix in (".md", ".markdown")  # (which may show captions in a code block)
    if not markdown and ("-->" in text[:4096] or text.lstrip("\ufeff \t\r\n").startswith("WEBVTT")):
        from .captions import as_transcript

        transcript = as_transcript(text)
        if transcript is not None:
            return RawDocument(path, "captions", transcript, encoding)
    fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    letter = as_letter(text)
    if letter is not None:
        return RawDocument(path, fmt, letter.text, encoding, letter.meta, sender=letter.sender)
    return RawDocument(path, fmt, text, encoding)


def _read_raw_mail(path: Path, message: RawMessage) -> RawDocument:
    """A raw message file, read as the mail a program would paste: its headers above
    its text part, or above its HTML part as the HTML reader gives it."""
    meta: dict[str, str] = {}
    body = message.body
    if message.html and body.strip():
        page = _read_html(path, body.encode("utf-8"))
        body, meta = page.text, page.meta
    if not body.strip():
        raise ReadError("no text in the e-mail (attachments are not read: save them as files)")
    fmt = "html" if message.html else "text"
    letter = as_letter(f"{message.headers}\n\n{_clean(body)}")
    if letter is None:  # headers that say too little to be told from text: the body alone
        return RawDocument(path, fmt, _clean(body), "utf-8", meta)
    return RawDocument(
        path, fmt, letter.text, "utf-8", {**meta, **letter.meta}, sender=letter.sender
    )


def _looks_textual(head: bytes) -> bool:
    """Whether a file's head decodes as text (so a '.pdf' that is not a PDF is read as text)."""
    try:
        encoding = _detect_encoding(head, partial=True)
    except ReadError:
        return False
    return not _looks_binary(codecs.getincrementaldecoder(encoding)().decode(head))


def _check_decodes(path: Path, encoding: str) -> None:
    """Decode a file to be streamed once, up front: a stream that failed half-way would
    have indexed part of the file (the writer cannot take passages back)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    consumed = 0
    try:
        with path.open("rb") as handle:
            while raw := handle.read(_READ_BYTES):
                try:
                    decoder.decode(raw)
                except UnicodeDecodeError as err:
                    raise ReadError(
                        f"not valid {encoding} near byte {consumed + err.start}"
                    ) from err
                consumed += len(raw)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as err:
        raise ReadError(f"not valid {encoding}: the file ends inside a character") from err
    except OSError as err:
        raise ReadError(os_reason(err)) from err


def _regular_file_size(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError as err:
        raise ReadError("broken symlink" if path.is_symlink() else "no such file") from err
    except OSError as err:
        raise ReadError(os_reason(err)) from err
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as err:
            raise ReadError(f"unreadable folder: {err.strerror}") from err
        raise ReadError("is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file")  # a FIFO or device would block or never end
    if info.st_size == 0:
        raise ReadError("empty file")
    return info.st_size


def os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    return f"unreadable: {err.strerror or err}"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise ReadError(os_reason(err)) from err


def _is_docx(path: Path, head: bytes) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _markup_view(head: bytes) -> str:
    """Enough of the head to spot ASCII markup, whatever the encoding."""
    return head[:4096].decode(_utf16_by_nuls(head) or "latin-1", "ignore")


def _is_html(head: str, suffix: str) -> bool:
    """HTML when markup opens the file: a Markdown file *mentioning* <html> stays Markdown.
    A name ending in .html counts when the file holds any tag at all."""
    if suffix in (".html", ".htm", ".xhtml") and _ANY_TAG.search(head):
        return True
    start = head.lstrip("\ufeff \t\r\n")[:1024]
    return start.startswith("<") and _HTML_START.search(start) is not None


def _parse_json(text: str) -> object:
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ReadError(f"JSON nested {depth} levels deep, over the limit of {MAX_JSON_DEPTH}")
    try:
        value = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as err:
        # (Python's message for a control character ends "at", before a position we give)
        detail = err.msg.removesuffix(" at")
        reason = f"malformed JSON at line {err.lineno}, column {err.colno}: {detail}"
        # JSON strings cannot span lines, so an unterminated one ran into the end of file.
        if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
            reason += " (the file ends early: truncated?)"
        raise ReadError(reason) from err
    # "\ud800" alone (a tool cut a string inside an emoji) decodes to a lone surrogate,
    # which no UTF-8 writer takes: the index, the manifest and the terminal all refuse it.
    return _without_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


def _whole_number(digits: str) -> int | str:
    """A JSON integer; one too long for Python to convert (over 4,300 digits) as the text
    it is, so the rest of the file is still read."""
    return int(digits) if len(digits) <= _INT_DIGITS else digits


_INT_DIGITS = 4300  # sys.int_info.str_digits_check_threshold's default limit
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: object) -> object:
    """The JSON value with every lone surrogate replaced by U+FFFD (its depth is bounded
    by MAX_JSON_DEPTH, so recursion is safe)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_SURROGATE.sub("\ufffd", k): _without_surrogates(v) for k, v in value.items()}
    return value


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deeply a JSON text nests its arrays and objects (brackets inside strings do not
    count), found without parsing: a parser and every walk over its value recurse once
    per level."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


# ---------------------------------------------------------------------------- streaming


def iter_text_blocks(path: Path, encoding: str, block_chars: int = 1 << 20) -> Iterator[str]:
    """Yield a large text file as blocks of about `block_chars` in bounded memory.

    Each block ends at a blank line when the block holds one (else at a line end), so a
    chunker never sees a paragraph cut in two; the blocks join back to the whole text.
    Raises ReadError if the file stops decoding part way, so no text is lost unnoticed.
    """
    decoder = codecs.getincrementaldecoder(encoding)()
    buffer, pending_cr, consumed, first = "", "", 0, True
    try:
        with Path(path).open("rb") as handle:
            while True:
                raw = handle.read(_READ_BYTES)
                held = len(decoder.getstate()[0])  # bytes of a character split by the last read
                try:
                    piece = decoder.decode(raw, final=not raw)
                except UnicodeDecodeError as err:
                    offset = consumed - held + err.start
                    raise ReadError(f"not valid {encoding} near byte {offset}") from err
                consumed += len(raw)
                if first and piece:
                    piece, first = piece.removeprefix("\ufeff"), False
                piece = pending_cr + piece
                pending_cr = ""
                if raw and piece.endswith("\r"):  # its '\n' may come with the next read
                    piece, pending_cr = piece[:-1], "\r"
                buffer += piece.replace("\r\n", "\n").replace("\r", "\n")
                while len(buffer) >= block_chars:
                    cut = _block_end(buffer, block_chars)
                    yield unicodedata.normalize("NFC", buffer[:cut])
                    buffer = buffer[cut:]
                if not raw:
                    break
    except OSError as err:
        raise ReadError(os_reason(err)) from err
    if buffer:
        yield unicodedata.normalize("NFC", buffer)


def _block_end(buffer: str, limit: int) -> int:
    """Where to cut: after the last blank line, else line end, else space, within limit."""
    window = buffer[:limit]
    last_end = None
    for blank in _BLANK_LINE.finditer(window):
        last_end = blank.end()
    if last_end is not None:
        return last_end
    for separator in ("\n", " "):
        index = window.rfind(separator)
        if index >= 0:
            return index + 1
    return limit


# ---------------------------------------------------------------------------- HTML


def _read_html(path: Path, data: bytes) -> RawDocument:
    """Main text via trafilatura (no menus, banners, comments); bare <p> text as fallback."""
    declared = _META_CHARSET.search(data[:4096])
    hint = _html_charset(declared.group(1).decode("ascii", "ignore")) if declared else None
    html, encoding = _decode(data, hint=hint)
    text, meta = _trafilatura_text(_definitions_as_paragraphs(_asides_kept(html)))
    if not text:
        text, meta = _paragraph_text(html)
    if not text:
        raise ReadError("no text found in HTML")
    meta = {**meta, **_html_meta(html)}
    return RawDocument(path, "html", _clean(text), encoding, meta)


_ASIDE_OPEN = re.compile(r"<aside\b", re.IGNORECASE)
_ASIDE_CLOSE = re.compile(r"</aside\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")  # ([^<>]: a run of "<" is read in linear time)
_SENTENCE_END = re.compile(r"[.?!…][\"'”’»)]*(?:\s|$)")
#: An ``<aside>`` under a heading holding this many words, in sentences, is part of the page.
ASIDE_WORDS = 25


def _asides_kept(html: str) -> str:
    """The page with each ``<aside>`` that holds prose moved, as a ``<div>``, to the end of
    what holds it (before the next ``</article>``, ``</main>`` or ``</body>``).

    trafilatura drops every ``<aside>``: a review's boxed interview with the director went
    with the related links and the newsletter sign-up. A box under its own heading that
    holds prose is kept (``_titled_prose``); one holding another aside is left as it is.
    Read where it stood, the box's last answer ran on into the review's next paragraph;
    a reader reads a box beside the text, and after it here.
    """
    opens = [m.start() for m in _ASIDE_OPEN.finditer(html)]
    if not opens:
        return html
    closes = [(m.start(), m.end()) for m in _ASIDE_CLOSE.finditer(html)]
    close_starts = [start for start, _ in closes]
    kept: list[str] = []  # the page without the boxes kept
    boxes: list[tuple[int, str]] = []  # (where each stood in that page, the box as a <div>)
    done = length = 0
    for i, start in enumerate(opens):
        j = bisect_left(close_starts, start)
        if start < done or j == len(closes):
            continue
        inner_start, end = closes[j]
        if i + 1 < len(opens) and opens[i + 1] < inner_start:
            continue  # it holds another aside
        tag_end = html.find(">", start, inner_start)
        body = html[tag_end + 1 : inner_start]
        if tag_end < 0 or not _titled_prose(body):
            continue
        kept.append(html[done:start])
        length += start - done
        boxes.append((length, f"<div{html[start + 6 : tag_end + 1]}{body}</div>"))
        done = end
    if not boxes:
        return html
    kept.append(html[done:])
    page = "".join(kept)
    ends = [m.start() for m in _CONTAINER_CLOSE.finditer(page)]
    out: list[str] = []
    at = 0
    for where, box in boxes:
        k = bisect_left(ends, where)
        to = ends[k] if k < len(ends) else len(page)
        out += [page[at:to], box]
        at = to
    return "".join(out) + page[at:]


_CONTAINER_CLOSE = re.compile(r"</(?:article|main|body)\s*>", re.IGNORECASE)


def _titled_prose(fragment: str) -> bool:
    """A box that opens with a heading and holds ``ASIDE_WORDS`` words in two sentences
    or more (a box of links is then trafilatura's to drop, as it drops them anywhere).
    Without its own heading a box would read as part of what comes before it: a
    profile's boxed biography ("X (b. 1950, Lagos) is a production designer …") as the
    interviewee's last answer."""
    heading = _HEADING_TAG.search(fragment)
    if heading is None or _TAG.sub("", fragment[: heading.start()]).strip():
        return False
    text = _TAG.sub(" ", fragment)
    return len(text.split()) >= ASIDE_WORDS and len(_SENTENCE_END.findall(text)) >= 2


_HEADING_TAG = re.compile(r"<h[1-6]\b", re.IGNORECASE)


_DEFINITION_TAG = re.compile(r"<(/?)(dt|dd)\b[^>]*>", re.IGNORECASE)


def _definitions_as_paragraphs(html: str) -> str:
    """A definition list's terms as bold paragraphs and its definitions as blocks:
    trafilatura drops ``<dt>``, and an interview set as a list (``<dt>`` the question,
    ``<dd>`` the answer) lost its questions."""

    def tag(match: re.Match[str]) -> str:
        closing, name = match.group(1), match.group(2).lower()
        if name == "dt":
            return "</strong></p>" if closing else "<p><strong>"
        return "</p></div>" if closing else "<div><p>"  # trafilatura drops a bare <div>'s text

    return _DEFINITION_TAG.sub(tag, html) if "<d" in html.lower() else html


def _html_charset(name: str) -> str | None:
    """Browsers read a declared Latin-1 as windows-1252, and so do we."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _trafilatura_text(html: str) -> tuple[str, dict[str, str]]:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,  # an interview may be a table of questions and answers
        favor_precision=True,
        include_formatting=True,  # bold questions of an interview (see _xml_blocks)
        with_metadata=True,
        output_format="xml",
    )
    if not xml:
        return "", {}
    root = etree.fromstring(xml.encode("utf-8"))
    # trafilatura's names for what a citation needs: the site is the publication.
    names = {"title": "title", "author": "author", "sitename": "publication", "date": "date"}
    values = {ours: " ".join(root.get(theirs, "").split()) for theirs, ours in names.items()}
    meta = {key: value for key, value in values.items() if value}
    if meta.get("date", "").endswith("-01-01"):
        # a year alone, which trafilatura's search of the text found in "(2019)" of a
        # biography or "since 2009": no page's date, though citations printed it
        del meta["date"]
    main = root.find("main")
    blocks = list(_xml_blocks(main)) if main is not None else []
    # trafilatura moves the page's <h1> into the title and out of the text; an interview's
    # "<h1>Moreau, l'entretien</h1>" is the heading that says whom it interviews.
    h1 = _H1.search(html)
    heading = " ".join(_TAG.sub("", h1.group(1)).split()) if h1 else ""
    lines = _headlines(html, heading) if heading and blocks else []
    if lines and heading == meta.get("title") and heading not in blocks[0]:
        blocks[0:0] = [f"# {line}" for line in lines]
    elif len(lines) > 1:  # the <h1> is in the text; the <title> says something else
        blocks.insert(0, f"# {lines[0]}")
    return "\n\n".join(block for block in blocks if block), meta


_H1 = re.compile(r"<h1\b[^>]*>(.{1,400}?)</h1>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title\b[^>]*>(.{1,600}?)</title>", re.IGNORECASE | re.DOTALL)


def _headlines(html: str, h1: str) -> list[str]:
    """The page's heading lines: its ``<title>``, without the site's name after a bar or
    dash, in place of its ``<h1>`` when it is the ``<h1>`` with more words ("“I wanted …”:
    Corin Abara on The Velvet Hours | Reel Quarterly"), above it when it says something
    else ("In Conversation: Corin & Maeve Haldane on ‘Winterlight’ – Lumen Quarterly" over
    "“We fight about everything except the ending”"): the name is often only there."""
    from html import unescape  # only for web pages: a search never loads it

    match = _TITLE.search(html)
    if not match:
        return [h1]
    title = " ".join(unescape(_TAG.sub("", match.group(1))).split())
    parts = re.split(r"\s+[|–—]\s+|\s+-\s+", title)
    longer = [part for part in parts if h1 in part and len(part) > len(h1)]
    if longer:
        return [longer[0]]
    other = max(parts, key=len)
    if len(other.split()) >= 3 and other not in h1 and not any(h1 in part for part in parts):
        return [other, h1]
    return [h1]


def _xml_blocks(element: _Element) -> Iterator[str]:
    """Paragraph-level text of trafilatura's XML; its plain-text output loses blank lines.

    A paragraph bold as a whole (an interview's question) is written as Markdown bold,
    ``**…**``, which the interview chunker reads as the PDF and text paths' questions (one
    in italics as Markdown italics, ``*…*``). A
    heading (``<h2>``) is written as a Markdown heading, so that it heads what follows
    ("Cast" above the bios) rather than running into the paragraph before; one that ends
    a sentence ("<h3>Whose orchard is it?</h3>") is an interview's question, written bold.
    """
    for child in element:
        if child.tag == "row":
            yield from _table_row(child)
        elif child.tag in ("head", "p", "item", "code", "quote"):
            for br in child.iter("lb"):
                br.tail = "\n" + (br.tail or "")
            # (a line of a paragraph without the page source's indentation)
            text = _INDENT.sub("\n", "".join(child.itertext())).strip()
            if text and child.tag == "head" and "\n" not in text:
                asks = text.rstrip("\"'”’»)] ").endswith((".", "?", "!", "…"))
                yield f"**{text}**" if asks else f"## {text}"
            else:
                mark = _emphasis(child) if text else ""
                yield f"{mark}{text}{mark}"
        else:
            yield from _xml_blocks(child)


_INDENT = re.compile(r"\n[ \t]+")


def _table_row(row: _Element) -> Iterator[str]:
    """A table row as paragraphs. Two cells, the first a short name ("Claire Vasseur" |
    her answer), are a labelled turn; otherwise each cell is a paragraph of its own (a
    question | its answer). A row of column headings ("Question" | "Samuel Tarrant") is
    one line that labels nothing."""
    found = [c for c in row if c.tag == "cell"]
    cells = [" ".join("".join(c.itertext()).split()) for c in found]
    if len(found) > 1 and all(c.get("role") == "head" for c in found):
        yield " | ".join(c for c in cells if c)
        return
    cells = [c for c in cells if c]
    turn = _transcript_turn(cells)
    if turn is not None:
        yield turn
    elif len(cells) == 2 and len(cells[0].split()) <= 4 and cells[0][-1:].isalpha():
        yield f"{cells[0]}: {cells[1]}"
    else:
        yield from cells


_TIMECODE = re.compile(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?")


def _transcript_turn(cells: list[str]) -> str | None:
    """A transcript's table row, a speaker, a time code and what was said in any order
    ("Fiona Gillies | 00:00:04 | Good evening …"), as the labelled turn it is (the time
    code dropped, as a transcript's are); None for any other row."""
    timed = [c for c in cells if _TIMECODE.fullmatch(c)]
    said = [c for c in cells if not _TIMECODE.fullmatch(c)]
    if len(timed) != 1 or len(said) != 2:
        return None
    name, words = said
    if len(name.split()) > 4 or not name[-1:].isalpha() or len(words.split()) < 2:
        return None
    return f"{name}: {words}"


def _emphasis(element: _Element) -> str:
    """Markdown's mark for a trafilatura paragraph set as a whole in bold (``<hi
    rend="#b">``, "**") or in italics ("#i", "*": a magazine's questions, "<em>Il film
    mescola attori …</em>"), else ""."""
    children = list(element)
    if (element.text or "").strip() or not children:
        return ""
    if any(c.tag != "hi" or (c.tail or "").strip() for c in children):
        return ""
    rends = [c.get("rend") or "" for c in children]
    if all("b" in rend for rend in rends):
        return "**"
    return "*" if all("i" in rend for rend in rends) else ""


#: <meta> tags that say who wrote a page, where and when (name or property attribute).
_HTML_META_TAGS = {
    "author": "author",
    "article:author": "author",
    "og:site_name": "publication",
    "application-name": "publication",
    "article:published_time": "date",
    "date": "date",
    "dc.date": "date",
    "pubdate": "date",
    "og:title": "title",
}


def _html_meta(html: str) -> dict[str, str]:
    """Author, publication, date and title from a page's <meta> tags and its schema.org
    JSON-LD (a review's ``itemReviewed`` names the film: ``film``, ``film_year``).
    Preferred over trafilatura's values, which it may guess from the text."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, etree.ParserError):
        return {}
    meta: dict[str, str] = {}
    for tag in root.iter("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        value = " ".join((tag.get("content") or "").split())
        ours = _HTML_META_TAGS.get(name)
        if ours and value and ours not in meta:
            meta[ours] = value
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            for key, value in _json_ld(script.text or "").items():
                meta.setdefault(key, value)
    return meta


#: schema.org types whose JSON-LD says who wrote a page, where and when, and about what.
_LD_TYPES = {"review", "criticreview", "article", "newsarticle", "blogposting", "movie"}


def _json_ld(text: str) -> dict[str, str]:
    """What a JSON-LD block says of the page (untrusted: size-capped, shape-checked)."""
    try:
        data = json.loads(text[:200_000])
    except (ValueError, RecursionError):
        return {}
    items = data if isinstance(data, list) else [data]
    items = [g for i in items if isinstance(i, dict) for g in (i.get("@graph") or [i])]

    def name(value: object) -> str | None:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name")
        if not (isinstance(value, str) and value.strip()):
            return None
        return _SURROGATE.sub("\ufffd", " ".join(value.split()))

    out: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            continue
        kinds = item.get("@type")
        kinds = {
            k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)
        }
        if not kinds & _LD_TYPES:
            continue
        film = item.get("itemReviewed") if "movie" not in kinds else item
        if isinstance(film, dict) and name(film):
            out.setdefault("film", name(film) or "")
            year = film.get("dateCreated") or film.get("datePublished")
            if isinstance(year, str) and year[:4].isdigit():
                out.setdefault("film_year", year[:4])
        if "movie" in kinds:
            continue
        for key, value in (
            ("author", name(item.get("author"))),
            ("publication", name(item.get("publisher"))),
            (
                "date",
                item.get("datePublished") if isinstance(item.get("datePublished"), str) else None,
            ),
            ("title", name({"name": item.get("headline")})),
        ):
            if value:
                out.setdefault(key, value)
    return out


def _paragraph_text(html: str) -> tuple[str, dict[str, str]]:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, etree.ParserError):
        return "", {}
    paragraphs = (" ".join(p.text_content().split()) for p in root.iter("p"))
    title = " ".join((root.findtext(".//title") or "").split())
    return "\n\n".join(p for p in paragraphs if p), {"title": title} if title else {}


# ---------------------------------------------------------------------------- DOCX


def _read_docx(path: Path) -> RawDocument:
    """Body paragraphs and tables in document order; running headers/footers left out."""
    import docx
    from docx.table import Table

    _check_expansion(path)
    try:
        document = docx.Document(str(path))
        blocks = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.append("\n".join(_docx_row(row) for row in item.rows))
            else:
                blocks.append(_docx_paragraph(item))
        props = document.core_properties
        pairs = (("title", props.title), ("author", props.author))
        meta = {key: value.strip() for key, value in pairs if value and value.strip()}
        created = _docx_created(props)
        if created:
            meta["created"] = created
    except Exception as err:  # python-docx raises zip, XML and key errors alike on a bad file
        raise ReadError(f"corrupt DOCX: {err}") from err
    text = _clean("\n\n".join(block for block in blocks if block.strip()))
    if not text.strip():
        raise ReadError("no text in DOCX")
    return RawDocument(path, "docx", text, None, meta)


#: The creation time python-docx's default template carries: the template's date, not the
#: document's.
_DOCX_TEMPLATE_CREATED = datetime.datetime(2013, 12, 23, 23, 15)


def _docx_created(props: Any) -> str | None:
    """A DOCX's creation date (``YYYY-MM-DD``), the weakest source of a document's date."""
    try:
        created = props.created
    except Exception:  # noqa: BLE001
        # A malformed date in core.xml is no date, not a read error; python-docx raises
        # more than ValueError on one (TypeError on an empty element).
        return None
    if not isinstance(created, datetime.datetime):
        return None
    if created.replace(tzinfo=None) == _DOCX_TEMPLATE_CREATED:
        return None
    return created.date().isoformat()


def _pdf_created(info: Any) -> str | None:
    """A PDF's ``/CreationDate`` (``YYYY-MM-DD``); pypdf raises on a malformed one, which
    is no date rather than a read error."""
    try:
        created = info.creation_date
    except Exception:  # noqa: BLE001
        # ValueError on a malformed date, pypdf's own errors on a broken reference to it:
        # either way the document is read, without a date.
        return None
    return created.date().isoformat() if isinstance(created, datetime.datetime) else None


def _check_expansion(path: Path) -> None:
    """Refuse a DOCX whose parts, inflated, would exceed MAX_DOCX_EXPANDED. The sizes are
    the archive's own; zipfile stops inflating a part at its stated size, so they bind."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ReadError(f"corrupt DOCX: {err}") from err
    if expanded > MAX_DOCX_EXPANDED:
        raise ReadError(
            f"DOCX expands to {expanded >> 20} MB, over the limit of "
            f"{MAX_DOCX_EXPANDED >> 20} MB (a zip bomb?)"
        )


def _docx_paragraph(paragraph: Paragraph) -> str:
    """A paragraph's text; bold as a whole (an interview's question) it is written as
    Markdown bold, ``**…**``, as the HTML reader writes it. A paragraph styled as a
    heading is written as a Markdown heading, as the HTML reader writes ``<h2>``, so that
    "Biography" heads what follows instead of running into the last answer above it; one
    that asks ("Whose orchard is it?") is a question, written bold."""
    text = paragraph.text.strip()
    runs = [r for r in paragraph.runs if r.text.strip()]
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if text and name.startswith(("Heading", "Title")) and "\n" not in text:
        if text.rstrip("\"'”’»)] ").endswith((".", "?", "!", "…")):
            return f"**{text}**"
        level = name.removeprefix("Heading").strip()
        return f"{'#' * (min(int(level), 6) if level.isdigit() else 1)} {text}"
    style_bold = bool(style is not None and style.font.bold)
    if text and runs and all(r.bold or (r.bold is None and style_bold) for r in runs):
        return f"**{text}**"
    return text


def _docx_row(row: _Row) -> str:
    cells: list[str] = []
    for cell in row.cells:
        text = " ".join(cell.text.split())
        if text and (not cells or cells[-1] != text):  # merged cells repeat their text
            cells.append(text)
    return _transcript_turn(cells) or " | ".join(cells)


# ---------------------------------------------------------------------------- PDF


def _read_pdf(path: Path) -> RawDocument:
    """Text per page joined by '\\f', without running headers, footers and page numbers."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    # pypdf logs every repair it makes; a damaged file is reported as a ReadError instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as err:
                raise ReadError(
                    "encrypted PDF: opening it needs the 'cryptography' package"
                ) from err
            if not opened:
                raise ReadError("encrypted PDF")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
        meta: dict[str, str] = {}
        if info is not None:
            for key, value in (("title", info.title), ("author", info.author)):
                if value and str(value).strip():
                    meta[key] = " ".join(str(value).split())
            created = _pdf_created(info)
            if created:
                meta["created"] = created
    except ReadError:
        raise
    except Exception as err:  # pypdf raises many exception types on damaged input
        raise ReadError(f"truncated or damaged PDF: {err}") from err
    pages = _strip_running_lines(pages)
    text = "\f".join(_clean(page).translate(_LIGATURES) for page in pages)
    if not text.replace("\f", "").strip():
        raise ReadError("no text in PDF (scanned images?)")
    return RawDocument(path, "pdf", text, None, meta)


class _Frag(NamedTuple):
    """A piece of text pypdf drew, where it drew it, in content-stream order."""

    order: int
    x: float
    y: float
    size: float
    text: str

    def end(self) -> float:
        """Estimated right edge; 0.5 em per character is coarse but enough for columns."""
        return self.x + len(self.text.strip()) * self.size * 0.5


def _page_text(page: PageObject) -> str:
    frags: list[_Frag] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, font_size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (
                (tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2
            ) ** 0.5
            frags.append(_Frag(len(frags), x, y, max(font_size * scale, 1.0), text))

    text = page.extract_text(visitor_text=visit)
    reordered = _column_ordered(frags)
    return (reordered if reordered is not None else text).replace("\f", "\n")


def _column_ordered(frags: list[_Frag]) -> str | None:
    """Re-read a two-column page column by column if its content stream interleaves them.

    pypdf extracts in content-stream order. Most producers write a column at a time,
    which pypdf then gets right; some write both columns line by line, and pypdf
    interleaves them. Returns None (keep pypdf's text) unless the page has a text
    column starting at the same x on several lines that the stream visits alternately.
    """
    import statistics  # only PDF reading needs it; keep it out of start-up

    if any("\n" in frag.text.strip() for frag in frags):
        return None  # a multi-line piece cannot be placed in one column
    rows = _rows(frags)
    x_right = _right_column_x(rows)
    if x_right is None:
        return None
    x_left = min(frag.x for frag in frags)
    width = x_right - x_left
    size = statistics.median(frag.size for frag in frags)
    if width < 15 * size:
        return None
    kinds = [_row_kind(row, x_left, x_right, size) for row in rows]
    aligned = [i for i, row in enumerate(rows) if kinds[i] == "split" and _starts_at(row, x_right)]
    if len(aligned) < 3 or len(aligned) < 0.6 * (aligned[-1] - aligned[0] + 1):
        return None  # few lines start right at x_right: words of one column, not a gutter
    split = [rows[i] for i in aligned]
    fills = [(max(f.end() for f in row if f.x < x_right - 3) - x_left) / width for row in split]
    if statistics.median(fills) < 0.6:
        return None  # short left cells: a label/value table, best read row by row
    sides = [frag.x >= x_right - 3 for row in split for frag in sorted(row, key=lambda f: f.order)]
    switches = sum(a != b for a, b in pairwise(sides))
    if switches < len(split):
        return None  # the stream already goes column by column
    pitch = statistics.median(a[0].y - b[0].y for a, b in pairwise(split)) or size
    lines: list[str] = []
    region: list[list[_Frag]] = []
    previous_y = None
    for row, kind in zip(rows, kinds, strict=True):
        near = previous_y is None or previous_y - row[0].y <= 2.5 * pitch
        previous_y = row[0].y
        if kind != "full" and (near or not region):
            region.append(row)
            continue
        lines += _region_lines(region, x_right)
        region = [] if kind == "full" else [row]
        if kind == "full":
            lines.append(_join(row))
    lines += _region_lines(region, x_right)
    return "\n".join(line for line in lines if line)


def _rows(frags: list[_Frag]) -> list[list[_Frag]]:
    """Group pieces into visual lines, top to bottom, each sorted left to right."""
    rows: list[list[_Frag]] = []
    for frag in sorted(frags, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - frag.y) <= 0.5 * frag.size:
            rows[-1].append(frag)
        else:
            rows.append([frag])
    return [sorted(row, key=lambda f: f.x) for row in rows]


def _right_column_x(rows: list[list[_Frag]]) -> float | None:
    """The x at which the most lines have a later piece start: a column's left edge."""
    bins: Counter[int] = Counter()
    for row in rows:
        bins.update({round(f.x / 3) + shift for f in row[1:] for shift in (-1, 0, 1)})
    if not bins:
        return None
    best, count = bins.most_common(1)[0]
    if count < 3:
        return None
    return min(f.x for row in rows for f in row[1:] if abs(round(f.x / 3) - best) <= 1)


def _row_kind(row: list[_Frag], x_left: float, x_right: float, size: float) -> str:
    """'split' (both columns), 'L' or 'R' (one column), or 'full' (crosses the gutter)."""
    left = [f for f in row if f.x < x_right - 3]
    right = [f for f in row if f.x >= x_right - 3]
    width = x_right - x_left
    if not left:
        return "R"
    reach = max(f.end() for f in left)
    if right and right[0].x <= x_right + 2 * size and reach <= x_right + 0.1 * width:
        return "split"
    if not right and reach <= x_right + 0.25 * width:
        return "L"
    return "full"


def _starts_at(row: list[_Frag], x: float) -> bool:
    return any(abs(frag.x - x) <= 3 for frag in row[1:])


def _region_lines(region: list[list[_Frag]], x_right: float) -> list[str]:
    left = [_join([f for f in row if f.x < x_right - 3]) for row in region]
    right = [_join([f for f in row if f.x >= x_right - 3]) for row in region]
    return left + right


def _join(frags: list[_Frag]) -> str:
    return "".join(frag.text for frag in frags).strip()


def _strip_running_lines(pages: list[str], edge: int = 3) -> list[str]:
    """Drop running headers/footers and bare page numbers from the edges of each page.

    A running line is a short line found among the first (or last) `edge` lines of most
    pages once digits are masked, so 'Le Concert — page 7' matches 'Le Concert — page 8'.
    Only lines at the very top or bottom are removed, stopping at the first body line.
    """
    split = [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]
    with_text = sum(1 for lines in split if lines)
    needed = with_text // 2 + 1 if with_text > 2 else with_text
    tops: Counter[str] = Counter()
    bottoms: Counter[str] = Counter()
    for lines in split:
        tops.update({_line_key(line) for line in lines[:edge] if len(line) <= _RUNNING_MAX})
        bottoms.update({_line_key(line) for line in lines[-edge:] if len(line) <= _RUNNING_MAX})
    top = {key for key, count in tops.items() if count >= needed} if with_text > 1 else set()
    bottom = {key for key, count in bottoms.items() if count >= needed} if with_text > 1 else set()
    result = []
    for lines in split:
        start, end = 0, len(lines)
        while start < min(edge, end) and _running(lines[start], top):
            start += 1
        while end > max(start, len(lines) - edge) and _running(lines[end - 1], bottom):
            end -= 1
        result.append("\n".join(lines[start:end]))
    return result


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def _running(line: str, repeated: set[str]) -> bool:
    return _line_key(line) in repeated or _PAGE_NUMBER.fullmatch(line) is not None


# ---------------------------------------------------------------------------- walking


def iter_files(
    paths: Iterable[Path],
    *,
    skip: Iterable[Path] = (),
    follow_outside: bool = True,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Path]:
    """Every file to index under `paths`, once each, in a deterministic order.

    Hidden entries, the folders in `skip` and any folder holding an index marker are
    left out; directories are tracked by real path so symlink loops end. Symbolic links
    are followed, to files and folders alike, unless `follow_outside` is False and the
    link leads out of the folder given; links come after the real files, so that a file
    reached both ways keeps its own name. What cannot be walked (an unreadable folder, a
    link that loops or leads nowhere, a link not followed) goes to `on_skip` with its
    reason; without `on_skip` it is yielded, so that reading it says why. A path given
    that does not exist is yielded too, so the caller reports it rather than losing it.
    Nothing here raises for a bad entry: one folder's trouble never ends the walk.
    """
    skipped = {_real(Path(p)) for p in skip}
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()

    def report(path: Path, reason: str) -> Iterator[Path]:
        if on_skip is None:
            yield path
        else:
            on_skip(Skipped(str(path), reason))

    def walk(directory: Path, top: str) -> Iterator[Path]:
        real = _real(directory)
        if real in seen_dirs or real in skipped or os.path.lexists(directory / INDEX_MARKER):
            return
        seen_dirs.add(real)
        try:
            children = sorted(os.listdir(directory))
        except OSError as err:
            yield from report(directory, f"unreadable folder: {err.strerror or err}")
            return
        for name in children:
            if name.startswith("."):
                continue
            child = directory / name
            try:
                is_link = os.path.islink(child)
                info = os.stat(child)
            except OSError as err:
                yield from report(child, _walk_reason(err, is_link))
                continue
            if is_link and not follow_outside and not inside(_real(child), top):
                yield from report(child, "links outside the folder given; not followed")
                continue
            if is_link:
                links.append((child, info))  # after the real files: they keep their names
                continue
            if stat.S_ISDIR(info.st_mode):
                yield from walk(child, top)
            elif stat.S_ISREG(info.st_mode):
                yield from once(child)
            else:  # reading a FIFO or a device would block or never end
                yield from report(child, "not a regular file")

    def once(file: Path) -> Iterator[Path]:
        real = _real(file)
        if real not in seen_files:
            seen_files.add(real)
            yield file

    links: list[tuple[Path, os.stat_result]] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield from once(path)
            continue
        top = _real(path)
        yield from walk(path, top)
        while links:
            link, info = links.pop(0)
            if stat.S_ISDIR(info.st_mode):
                yield from walk(link, top)
            elif stat.S_ISREG(info.st_mode):
                yield from once(link)
            else:
                yield from report(link, "not a regular file")


def _walk_reason(err: OSError, is_link: bool) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if is_link and err.errno == errno.ENOENT:
        return "broken symlink"
    return os_reason(err)


def inside(real: str, top: str) -> bool:
    """Whether the real path ``real`` is ``top`` or lies under it."""
    return real == top or real.startswith(top.rstrip("/") + "/")


def _real(path: Path) -> str:
    return os.path.realpath(path)
