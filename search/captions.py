"""Subtitle files (SubRip ``.srt``, WebVTT ``.vtt``) as the transcript they hold.

A festival Q&A or a radio interview often reaches an archive as the captions of its
recording: numbered cues, timings, a sentence cut across three cues, the speaker in a
WebVTT voice tag (``<v Maya Lind>``), after a caption's ``>>`` or as a label
(``MODERATOR:``). Read as plain text, the timings became words of every passage and the
speakers were lost. Here the cues become paragraphs, one per turn, which the interview
reader then reads as any transcript: a voice tag's name becomes the paragraph's label
(``Maya Lind: …``); a label the captions write (``MODERATOR:``, ``Speaker 1:``, ``Q:``)
stays as written and opens a paragraph, and so do ``>>`` and a dialogue dash. No word of
a cue is dropped but a line that only repeats the line before it (rolling captions).
"""

from __future__ import annotations

import html
import re

#: A cue's timing line: "00:00:01,000 --> 00:00:04,000" (SubRip), "00:01.000 --> 00:04.000
#: align:start" (WebVTT, hours optional, settings after), spaces round the arrow optional.
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?P<after>.*)$")
#: A cue's settings after its timing: "align:start position:10%", SubRip's "X1:40 Y1:20".
_SETTINGS = re.compile(r"^(?:[ \t]+[\w-]+:[^\s:]+)*[ \t]*$")
#: WebVTT blocks that are no cue: comments, styles, regions (to the next blank line).
_NOT_A_CUE = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
#: A voice tag, "<v Maya Lind>" or "<v.loud Maya Lind>".
_VOICE = re.compile(r"<v(?:\.[\w.-]{1,40})?[ \t]+([^<>]{1,100})>")  # (bounded: linear time)
#: The tags captions use (<i>, <b>, <u>, <c.yellow>, <font color=…>, <lang en>, ruby, the
#: word timings <00:00:02.000>) and SubRip's {\an8} positions; other text in angle
#: brackets is text ("<Untitled Choir Project>").
_TAG = re.compile(
    r"</?(?:[ibu]|c|v|lang|ruby|rt|font|span)(?:[ .][^<>]{0,200})?>|<\d[\d:.]{0,20}>|"
    r"\{\\[^{}]{0,200}\}",
    re.IGNORECASE,
)
#: A caption's speaker change: ">>" opening a line or inside it (broadcast captions).
_CHEVRONS = re.compile(r"(?:^|[ \t]+)>>+[ \t]*")
#: A label opening a caption line, kept as written for the interview reader: up to four
#: capitalised words, numbers or name particles ("MODERATOR:", "Speaker 1:", "Jan van
#: Dijk:", "Q:"), then a colon at the end of the line or before the words; not a
#: sentence's start ("The answer is simple: …").
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|du|des|la|le|ten|ter|bin|al|el|y)"
_LABEL = re.compile(
    rf"^[A-ZÀ-ÖØ-Þ][\w.'’-]{{0,24}}(?:[ \t]+(?:[A-ZÀ-ÖØ-Þ\d][\w.'’-]{{0,24}}|{_PARTICLE})){{0,3}}"
    r"[ \t]*:(?:[ \t]|$)"
)
#: A name in brackets opening a caption line, as subtitles for the deaf write the speaker
#: ("[MODERATOR] Why …", "(Maya) Because …"): kept as written, it opens a turn.
_BRACKETED_LABEL = re.compile(r"^[\[(][A-ZÀ-ÖØ-Þ][\w .'’-]{0,30}[\])][ \t]+(?=\S)")
#: A dialogue dash opening a caption line: a hyphen with a space after it ("- No."), or an
#: en or em dash (French and Spanish subtitles: "— Au port."), never a minus ("-20").
_DASH = re.compile(r"^(?:-[ \t]+|[–—][ \t]*)(?=[^\W\d]|[¿¡\"“«(\[])")

#: At least this many cues, and timing lines making this share of the non-blank lines,
#: make a file captions (a WebVTT header or a first cue numbered 1 is enough alone).
MIN_CUES = 2
MIN_TIMING_SHARE = 0.15
#: Lines of text before the first cue (a title) that a subtitle file may have.
MAX_LEAD_LINES = 3


def as_transcript(text: str) -> str | None:
    """The transcript a subtitle file holds, or None when ``text`` is not one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    filled = [line.strip() for line in lines if line.strip()]
    matches = [(i, m) for i, line in enumerate(lines) if (m := _TIMING.match(line))]
    timings = [i for i, _ in matches]
    if not timings:
        return None
    vtt = filled[0].startswith("WEBVTT")
    first_numbered = len(filled) > 1 and filled[0] == "1" and bool(_TIMING.match(filled[1]))
    many = len(timings) >= MIN_CUES and len(timings) >= MIN_TIMING_SHARE * len(filled)
    if not (vtt or first_numbered or many):
        return None
    if sum(1 for _, m in matches if not _SETTINGS.match(m.group("after"))) * 2 > len(matches):
        return None  # notes on most timings ("00:01 --> 00:02 late by two frames"): a log
    lead = _lead(lines[: timings[0]], vtt)
    cues = _cues(lines, dict(matches))
    if lead is None or not any(cues):
        return None  # too much text before the cues, or timings with no text at all
    turns: list[tuple[str | None, list[str]]] = [(None, [line]) for line in lead]
    last: tuple[int, str] | None = None  # the cue and the words of the line kept last
    for number, cue in enumerate(cues):
        for place, line in enumerate(cue):
            for speaker, words, new_turn in _pieces(line):
                if not words:
                    continue
                # rolling captions: a cue opening with the line that ended the cue before
                rolling = place == 0 and last == (number - 1, words)
                if rolling and not new_turn and speaker in (None, turns[-1][0]):
                    last = (number, words)
                    continue
                goes_on = speaker is None and not new_turn  # the turn before, continued
                if turns and (goes_on or (speaker is not None and speaker == turns[-1][0])):
                    turns[-1][1].append(words)
                else:
                    turns.append((speaker, [words]))
                last = (number, words)
    paragraphs = [f"{who}: {' '.join(said)}" if who else " ".join(said) for who, said in turns]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else None


def _lead(lines: list[str], vtt: bool) -> list[str] | None:
    """The text before the first cue worth keeping (a title), without the first cue's
    number and WebVTT's header block and notes; None when there is too much of it for a
    subtitle file (prose that shows a cue, a document quoting captions)."""
    kept: list[str] = []
    block_start = True
    skipping = vtt  # WebVTT's header block: "WEBVTT", "Kind: captions", "Language: en"
    for line in lines:
        stripped = line.strip()
        if not stripped:
            block_start, skipping = True, False
            continue
        if skipping or (block_start and _NOT_A_CUE.match(stripped)):
            skipping = True
        else:
            kept.append(stripped)
        block_start = False
    if kept and not vtt and kept[-1].isdigit():
        kept.pop()  # the first cue's number
    if kept and vtt and kept[-1] == lines[-1].strip():
        kept.pop()  # the first cue's identifier, right above its timing
    return kept if len(kept) <= MAX_LEAD_LINES else None


def _cues(lines: list[str], timings: dict[int, re.Match[str]]) -> list[list[str]]:
    """Each cue's lines of text, from the first timing line on (``timings``: the timing
    lines, by number). A line standing alone right above a timing line is that cue's
    number or identifier; a WebVTT note, style or region block runs to a blank line.
    Blank lines inside a cue (a stray one, or the space-only line of some generated
    captions) end nothing: a cue runs to the next timing line. Text after a timing that
    is no cue setting is the cue's first line."""
    first = min(timings)
    cues: list[list[str]] = []
    skipping = False
    for i in range(first, len(lines)):
        line = lines[i].strip()
        timing = timings.get(i)
        if timing:
            above = lines[i - 1].strip() if i > first else ""
            alone = i - 2 < first or not lines[i - 2].strip()
            if cues and cues[-1] and above and alone and cues[-1][-1] == above:
                cues[-1].pop()  # the next cue's number or identifier
            after = timing.group("after")
            cues.append([] if _SETTINGS.match(after) else [after.strip()])
            skipping = False
        elif not line:
            skipping = False
        elif skipping or (not lines[i - 1].strip() and _NOT_A_CUE.match(line)):
            skipping = True
        elif cues:
            cues[-1].append(line)
    return cues


def _pieces(line: str) -> list[tuple[str | None, str, bool]]:
    """A caption line as its pieces, each (the speaker a voice tag names, its words,
    whether it opens a turn): a line holding two voices, or a ">>" inside it, is two."""
    pieces: list[tuple[str | None, str, bool]] = []
    voices = list(_VOICE.finditer(line))
    starts = [0] + [v.start() for v in voices if v.start() > 0]
    for start, end in zip(starts, [*starts[1:], len(line)], strict=True):
        part = line[start:end]
        voice = _VOICE.search(part)
        speaker = voice.group(1).strip() if voice else None
        words = html.unescape(_TAG.sub("", part)).strip()
        for k, said in enumerate(_CHEVRONS.split(words)):
            said = said.strip()
            new_turn = k > 0 or (start > 0 and voice is not None)
            if _LABEL.match(said) or _BRACKETED_LABEL.match(said):
                new_turn = True  # "MODERATOR: …", "Speaker 1: …", "[MAYA] …": as written
            elif dash := _DASH.match(said):
                new_turn = True
                said = said[dash.end() :].strip()
            pieces.append((speaker, said, new_turn))
    return pieces
