"""Subtitle files (SubRip ``.srt``, WebVTT ``.vtt``) as the transcript they hold.

A festival Q&A or a radio interview often reaches an archive as the captions of its
recording: numbered cues, timings, a sentence cut across three cues, the speaker in a
WebVTT voice tag (``<v Maya Lind>``), after a caption's ``>>`` or as a label
(``MODERATOR:``). Read as plain text, the timings became words of every passage and the
speakers were lost. Here the cues become paragraphs, one per turn, each opening with its
speaker's name as a label when the captions give one (``Maya Lind: …``), which the
interview reader then reads as any transcript.
"""

from __future__ import annotations

import html
import re

#: A cue's timing line: "00:00:01,000 --> 00:00:04,000" (SubRip), "00:01.000 --> 00:04.000
#: align:start" (WebVTT, hours optional, settings after).
_TIMING = re.compile(
    r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
    r"(?:[ \t].*)?$"
)
_CUE_NUMBER = re.compile(r"^[ \t]*\d+[ \t]*$")
#: WebVTT blocks that are no cue: comments, styles, regions.
_NOT_A_CUE = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
#: A voice tag, "<v Maya Lind>" or "<v.loud Maya Lind>", and its end.
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
#: Any other tag (<i>, <b>, <c.yellow>, <00:00:02.000>), and SubRip's {\an8} positions.
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
#: A caption's speaker change: ">>" (broadcast captions), with a name before a colon or not.
_CHEVRONS = re.compile(r"^>>+[ \t]*(?:(?P<name>[^\W\d_][\w .'’-]{0,40}?)[ \t]*:[ \t]*)?")
#: A label in capitals opening a cue: "MODERATOR: …", "MAYA LIND: …".
_CAPS_LABEL = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,40}):[ \t]+")
#: A dash opening a cue's line: another speaker's line (SubRip's convention).
_DASH = re.compile(r"^-[ \t]+")

#: At least this many cues, and this share of the blocks, make a file captions.
MIN_CUES = 2
MIN_CUE_SHARE = 0.8


def as_transcript(text: str) -> str | None:
    """The transcript a subtitle file holds, or None when ``text`` is not one."""
    body = text.lstrip("\ufeff \t\r\n")
    vtt = body.startswith("WEBVTT")
    blocks = [b for b in re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n")) if b.strip()]
    if vtt:
        blocks = blocks[1:]  # the header ("WEBVTT" and its metadata lines)
    cues = [_cue_text(b) for b in blocks if not _NOT_A_CUE.match(b)]
    found = [c for c in cues if c is not None]
    if len(found) < MIN_CUES or len(found) < MIN_CUE_SHARE * len(cues):
        return None
    turns: list[tuple[str | None, list[str]]] = []
    for lines in found:
        for line in lines:
            speaker, words, new_turn = _speaker(line)
            if not words:
                continue
            goes_on = speaker is None and not new_turn  # the turn before, continued
            if turns and (goes_on or (speaker is not None and speaker == turns[-1][0])):
                turns[-1][1].append(words)
            else:
                turns.append((speaker, [words]))
    paragraphs = []
    for speaker, parts in turns:
        said = " ".join(parts)
        paragraphs.append(f"{speaker}: {said}" if speaker else said)
    return "\n\n".join(paragraphs) + "\n" if paragraphs else None


def _cue_text(block: str) -> list[str] | None:
    """A cue's lines of text, or None for a block that is no cue (no timing line)."""
    lines = block.split("\n")
    if lines and _CUE_NUMBER.match(lines[0]) and len(lines) > 1:
        lines = lines[1:]
    elif lines and not _TIMING.match(lines[0]) and len(lines) > 1 and _TIMING.match(lines[1]):
        lines = lines[1:]  # a WebVTT cue's own identifier
    if not lines or not _TIMING.match(lines[0]):
        return None
    return [line.strip() for line in lines[1:] if line.strip()]


def _speaker(line: str) -> tuple[str | None, str, bool]:
    """A caption line as (its speaker if it names one, its words, whether it opens a
    turn without naming whose)."""
    speaker = None
    voice = _VOICE.search(line)
    if voice:
        speaker = voice.group(1).strip()
    words = html.unescape(_TAG.sub("", line)).strip()
    new_turn = False
    chevrons = _CHEVRONS.match(words)
    if chevrons:
        new_turn = True
        speaker = speaker or _name(chevrons.group("name"))
        words = words[chevrons.end() :].strip()
    label = _CAPS_LABEL.match(words)
    if label:
        speaker = speaker or _name(label.group("name"))
        words = words[label.end() :].strip()
    elif dash := _DASH.match(words):
        new_turn = True
        words = words[dash.end() :].strip()
    return speaker, words, new_turn


def _name(found: str | None) -> str | None:
    """A speaker's name as captions write it: "MAYA LIND" is "Maya Lind"."""
    if not found or not found.strip():
        return None
    name = " ".join(found.split())
    return name.title() if name.isupper() else name
