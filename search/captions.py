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
#: align:start" (WebVTT, hours optional, settings after), spaces round the arrow optional.
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?$")
#: WebVTT blocks that are no cue: comments, styles, regions (to the next blank line).
_NOT_A_CUE = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
#: A voice tag, "<v Maya Lind>" or "<v.loud Maya Lind>".
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^>]+)>")
#: Any other tag (<i>, <b>, <c.yellow>, <00:00:02.000>), and SubRip's {\an8} positions.
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
#: A caption's speaker change: ">>" (broadcast captions).
_CHEVRONS = re.compile(r"^>>+[ \t]*")
#: A label opening a caption line: one to three capitalised words or a single capital
#: ("MODERATOR:", "Maya Lind:", "Q:"), never a sentence's start ("We shot it at 10:30").
_LABEL = re.compile(
    r"^(?P<label>[A-ZÀ-ÖØ-Þ](?:[\w.'’-]{0,20}(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w.'’-]{0,20}){0,2})?)"
    r"[ \t]*:[ \t]+(?=\S)"
)
#: Words of a sentence, never of a name: a capitals label holding one says something.
_SAYS = re.compile(
    r"(?i)\b(?:the|a|an|is|was|are|were|and|or|to|my|our|we|it|this|that|what|why|how|est|"
    r"et|les|une|ist|und|die|das|es|los|las|una)\b"
)
#: A dash opening a caption line: another speaker's line (SubRip's convention; French and
#: Spanish subtitles use the en or em dash).
_DASH = re.compile(r"^[-–—](?![-–—])[ \t]*(?=\S)")

#: At least this many cues, and timing lines making this share of the non-blank lines,
#: make a file captions.
MIN_CUES = 2
MIN_TIMING_SHARE = 0.15


def as_transcript(text: str) -> str | None:
    """The transcript a subtitle file holds, or None when ``text`` is not one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    filled = [line for line in lines if line.strip()]
    timings = [i for i, line in enumerate(lines) if _TIMING.match(line)]
    if len(timings) < MIN_CUES or len(timings) < MIN_TIMING_SHARE * len(filled):
        return None
    vtt = filled[0].strip().startswith("WEBVTT")
    if not vtt and sum(1 for line in lines[: timings[0]] if line.strip()) > 1:
        return None  # text before the first cue that is no cue number: not a subtitle file
    turns: list[tuple[str | None, list[str]]] = []
    for cue in _cues(lines, timings[0]):
        for line in cue:
            speaker, words, new_turn = _speaker(line)
            if not words or (turns and turns[-1][1][-1] == words):
                continue  # (rolling captions repeat the line before)
            goes_on = speaker is None and not new_turn  # the turn before, continued
            if turns and (goes_on or (speaker is not None and speaker == turns[-1][0])):
                turns[-1][1].append(words)
            else:
                turns.append((speaker, [words]))
    paragraphs = [f"{who}: {' '.join(said)}" if who else " ".join(said) for who, said in turns]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else None


def _cues(lines: list[str], first: int) -> list[list[str]]:
    """Each cue's lines of text, from the first timing line on. A line alone before a
    timing line is that cue's number or identifier; a WebVTT note, style or region block
    runs to a blank line. Blank lines inside a cue (a stray one, or the space-only line
    of some generated captions) end nothing: a cue runs to the next timing line."""
    cues: list[list[str]] = []
    skipping = False
    for i in range(first, len(lines)):
        line = lines[i].strip()
        if _TIMING.match(lines[i]):
            before = lines[i - 1].strip() if i > first else ""
            alone = i < 2 or not lines[i - 2].strip()
            if cues and cues[-1] and before and (before.isdigit() or alone):
                cues[-1].pop()  # the next cue's number or identifier
            cues.append([])
            skipping = False
        elif not line:
            skipping = False
        elif skipping or (not lines[i - 1].strip() and _NOT_A_CUE.match(line)):
            skipping = True
        elif cues:
            cues[-1].append(line)
    return cues


def _speaker(line: str) -> tuple[str | None, str, bool]:
    """A caption line as (its speaker if it names one, its words, whether it opens a
    turn without naming whose)."""
    speaker = None
    voice = _VOICE.search(line)
    if voice:
        speaker = voice.group(1).strip()
    words = html.unescape(_TAG.sub("", line)).strip()
    new_turn = False
    if chevrons := _CHEVRONS.match(words):
        new_turn = True
        words = words[chevrons.end() :].strip()
    label = _LABEL.match(words)
    name = label.group("label") if label else ""
    if label and len(name) == 1:  # "Q:", "A:": the interview reader's labels, kept as written
        new_turn = True
    elif label and (name.isupper() or " " in name or new_turn) and not _SAYS.search(name):
        # "MODERATOR:", "Maya Lind:", ">> Maya:"; not one word in natural case, a place
        # or a note as often as a name ("Paris: …", "Note: …"), nor a capitals sentence's
        # start (">> THE RULE WAS: NO VIOLINS")
        speaker = speaker or _name(name)
        words = words[label.end() :].strip()
    elif dash := _DASH.match(words):
        new_turn = True
        words = words[dash.end() :].strip()
    return speaker, words, new_turn


def _name(found: str) -> str:
    """A speaker's name as captions write it: "MAYA LIND" is "Maya Lind"."""
    name = " ".join(found.split())
    return name.title() if name.isupper() else name
