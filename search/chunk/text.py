"""Prose plumbing shared by the chunkers: rejoining wrapped lines, sentences, packing.

Press material reaches us hard-wrapped (PDF exports break a line every few words), double
spaced, or as one paragraph per line. These helpers turn any of those into clean paragraphs,
then pack paragraphs into passages of bounded length, so every chunker cuts the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

#: A passage aims at this many characters and never exceeds MAX_CHARS unless one sentence does.
TARGET_CHARS = 700
MAX_CHARS = 1100
#: Paragraphs shorter than this are merged with a neighbour rather than standing alone.
MIN_CHARS = 250

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TERMINAL = ".?!…"
_CLOSERS = "\"'”’»)]*_"  # Markdown emphasis closes too: "**Why Lyon?**"
_OPENERS = "\"'“‘«(["
# Prefixes that keep their hyphen when a word is broken at a line end ("self-" + "confidence").
_HYPHEN_PREFIXES = frozenset(
    [
        "self",
        "co",
        "ex",
        "non",
        "post",
        "pre",
        "re",
        "anti",
        "semi",
        "well",
        "half",
        "so",
        "multi",
        "inter",
        "extra",
        "ultra",
        "mini",
        "vice",
        "quasi",
        "pseudo",
        "neo",
        "post-",
    ]
)
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "mt",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "no",
        "vol",
        "pp",
        "p",
        "ca",
        "approx",
        "dept",
        "m",
        "mme",
        "mlle",
        "mm",
        "dr",
        "st",
        "ste",
        "av",
        "bd",
        "hr",
        "fr",
        "frau",
        "herr",
        "bzw",
        "ca",
        "usw",
        "z.b",
        "d.h",
        "nr",
        "s",
        "vgl",
    ]
)
# Every pattern run over document text must work in linear time, whatever the text: a
# match may only start where a run begins (a lookbehind), so that a long run of dots or
# letters is walked once, not once per position in it.
_SENTENCE_END = re.compile(
    r"(?<![.?!…])([.?!…]+[\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-ÞΆ-ΫЀ-ЯА-ЯЁ0-9¿¡])"
)
_HYPHENATED = re.compile(r"(?<!\w)\w+-\w+")
_BROKEN_WORD = re.compile(r"(?<!\w)(\w+)-\Z")
#: A word broken at a line end is looked for in this many last characters: a longer one
#: is no word to repair, and looking further back made each line cost the whole paragraph.
_BROKEN_WORD_CHARS = 64


_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
#: A Markdown heading's marks: "## Title", and the closing "##" some writers add.
MARKDOWN_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+(?=\S)|\s+#+\s*$")


def strip_emphasis(text: str) -> str:
    """Markdown bold and italics out of the text; the words stay."""
    return _EMPHASIS.sub("", text)


def heading_text(line: str) -> str:
    """A heading line as a title is shown: no Markdown marks, single spaces."""
    return clean_spaces(strip_emphasis(MARKDOWN_HEADING_MARK.sub("", line))).strip(" _")


def clean_spaces(text: str) -> str:
    """Collapse every run of blanks (including no-break and thin spaces) into one space."""
    return _SPACES.sub(" ", text).strip()


def ends_sentence(line: str) -> bool:
    """Does the line end with terminal punctuation, allowing closing quotes after it?"""
    stripped = line.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def starts_sentence(line: str) -> bool:
    """Does the line start like a new sentence: a capital, a digit or an opening quote?"""
    stripped = line.lstrip().lstrip(_OPENERS + "–—-•* ")
    if not stripped:
        return False
    first = stripped[0]
    return first.isupper() or first.isdigit() or first in "¿¡"


def join_lines(lines: Iterable[str], hyphenated: set[str] | None = None) -> str:
    """Rejoin hard-wrapped lines into one paragraph, repairing hyphenation at line breaks.

    A trailing hyphen is dropped ("per-" + "fection") unless the first part is a prefix that
    keeps its hyphen ("self-" + "confidence") or the hyphenated form occurs elsewhere in the
    document (``hyphenated``: ``hyphenated_words`` of it).
    """
    out = ""
    for raw in lines:
        line = clean_spaces(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        match = _BROKEN_WORD.search(out, max(0, len(out) - _BROKEN_WORD_CHARS))
        if match and line[0].islower():
            head = match.group(1)
            tail = re.match(r"\w+", line)
            tail_word = tail.group(0) if tail else ""
            word = f"{head}-{tail_word}".lower()
            keep = head.lower() in _HYPHEN_PREFIXES or (
                hyphenated is not None and word in hyphenated
            )
            out = out + line if keep else out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences on terminal punctuation followed by a capital.

    Deliberately simple and language-neutral: abbreviations ("Mr.", "z.B.", "Mme.") and
    single initials ("A. Attal") do not end a sentence.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        word_start = end
        while word_start > start and not text[word_start - 1].isspace():
            word_start -= 1  # back over the last word only: the sentence may be long
        token = text[word_start:end].rstrip(".?!…\"'”’»)]").lower()
        if match.group(1).startswith(".") and (
            token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
        ):
            continue
        sentences.append(text[start:end].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def is_double_spaced(lines: Sequence[str]) -> bool:
    """True when a blank line follows almost every text line, so blank lines mean nothing."""
    text_lines = sum(1 for line in lines if line.strip())
    if text_lines < 3:
        return False
    singles = 0
    for i, line in enumerate(lines[:-1]):
        if line.strip() and not lines[i + 1].strip():
            singles += 1
    return singles >= 0.8 * text_lines


def wrap_width(lines: Sequence[str]) -> int:
    """The column a hard-wrapped text breaks at: the 90th percentile of line lengths."""
    lengths = sorted(len(clean_spaces(line)) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def is_hard_wrapped(lines: Sequence[str]) -> bool:
    """Hard-wrapped text has many lines of similar, moderate length that end mid-sentence."""
    # Markdown headings stand alone whatever the layout (a web page's <h2>)
    text = [clean_spaces(line) for line in lines if line.strip()]
    text = [line for line in text if not MARKDOWN_HEADING_MARK.match(line)]
    if len(text) < 3:
        return False
    width = wrap_width(text)
    if width > 110 or width < 25:
        return False
    mid_sentence = sum(1 for line in text if not ends_sentence(line))
    return mid_sentence >= 0.4 * len(text)


def line_units(lines: Sequence[str]) -> list[list[str]]:
    """Group hard-wrapped lines into units that start and end on a sentence boundary at a
    line break: a new unit starts after a line that ends a sentence when the next line starts
    one. Prompts in interviews and paragraphs in PDF exports are always whole units."""
    units: list[list[str]] = []
    current: list[str] = []
    text = [line for line in lines if line.strip()]
    for i, line in enumerate(text):
        current.append(line)
        nxt = text[i + 1] if i + 1 < len(text) else None
        if (
            nxt is None
            or (ends_sentence(line) and starts_sentence(nxt))
            or MARKDOWN_HEADING_MARK.match(line)
            or MARKDOWN_HEADING_MARK.match(nxt)
        ):
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


def blocks(text: str) -> list[list[str]]:
    """Split text into blocks of lines separated by blank lines (blank lines kept meaningful
    unless the text is double spaced, in which case it is one block)."""
    lines = text.split("\n")
    if is_double_spaced(lines):
        return [[line for line in lines if line.strip()]]
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def hyphenated_words(text: str) -> set[str]:
    """Lower-cased hyphenated words of a document ("co-production"), to decide whether a
    hyphen at a line break is part of the word (``join_lines``)."""
    return {w.lower() for w in _HYPHENATED.findall(text)}


def paragraphs(text: str) -> list[str]:
    """Clean paragraphs from any layout: blank-line separated, one per line, hard-wrapped,
    or double spaced."""
    hyphenated = hyphenated_words(text)
    out: list[str] = []
    for block in blocks(text):
        if is_hard_wrapped(block):
            for unit in line_units(block):
                out.append(join_lines(unit, hyphenated))
        else:
            out.extend(_continued(block, hyphenated))
    return [p for p in out if p]


def _continued(block: Sequence[str], hyphenated: set[str]) -> list[str]:
    """One paragraph per line, except that a line going on in lower case after a line that
    ends mid-sentence continues it (a short block wrapped by hand: "moderated" / "by …")."""
    out: list[list[str]] = []
    for line in block:
        if not line.strip():
            continue
        if out and not ends_sentence(out[-1][-1]) and line.lstrip()[:1].islower():
            out[-1].append(line)
        else:
            out.append([line])
    return [join_lines(lines, hyphenated) for lines in out]


def split_long(paragraph: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Cut a paragraph longer than ``max_chars`` at sentence boundaries into near-equal parts
    (a "sentence" of more than ``LONGEST_SENTENCE`` at words: text with no full stops)."""
    if len(paragraph) <= max_chars:
        return [paragraph]
    sentences = [
        piece
        for sentence in split_sentences(paragraph)
        for piece in (
            _at_words(sentence, max_chars) if len(sentence) > LONGEST_SENTENCE else [sentence]
        )
    ]
    parts = -(-len(paragraph) // TARGET_CHARS)
    goal = len(paragraph) / parts
    out: list[str] = []
    current = ""
    for sentence in sentences:
        if current and (len(current) + 1 + len(sentence) > max_chars or len(current) >= goal):
            out.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    return out


#: A sentence longer than this is no sentence (a list of words, a JSON string of two
#: million words with no full stop, 14 MB as one passage): it is cut at words.
LONGEST_SENTENCE = 4 * MAX_CHARS


def _at_words(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut at the last space before
    each limit (at the limit itself in a run of ``size`` characters without one)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind(" ", start + 1, start + size + 1)
        end = cut if cut > start else start + size
        out.append(text[start:end].strip())
        start = end
    out.append(text[start:].strip())
    return [piece for piece in out if piece]


def pack(
    paragraphs_: Iterable[str],
    *,
    target: int = TARGET_CHARS,
    max_chars: int = MAX_CHARS,
    min_chars: int = MIN_CHARS,
    joiner: str = "\n\n",
) -> Iterator[str]:
    """Pack paragraphs into passages near ``target`` characters, never above ``max_chars``
    (a single longer paragraph is cut at sentences), and fold a short tail into the previous
    passage so no passage is a lone line."""
    pieces: list[str] = []
    for para in paragraphs_:
        pieces.extend(split_long(para, max_chars))
    current: list[str] = []
    size = 0
    pending: str | None = None
    for piece in pieces:
        if current and (size + len(piece) > max_chars or size >= target):
            passage = joiner.join(current)
            if pending is not None:
                yield pending
            pending = passage
            current, size = [], 0
        current.append(piece)
        size += len(piece) + len(joiner)
    if current:
        tail = joiner.join(current)
        if (
            pending is not None
            and len(tail) < min_chars
            and len(pending) + len(tail) + len(joiner) <= max_chars
        ):
            pending = f"{pending}{joiner}{tail}"
        else:
            if pending is not None:
                yield pending
            pending = tail
    if pending is not None:
        yield pending


def slug(text: str) -> str:
    """ASCII slug for readable passage ids: 'Mélanie Laurent' -> 'melanie-laurent'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"
