"""Files a press folder holds beside its texts: stills, trailers, music, fonts, layouts.

They are not errors, so ``tutti index`` ignores them quietly (and counts them) instead of
listing each as "skipped: binary file": exit 3 keeps meaning that something which should
have been read could not be. A file is ignored by its extension, without opening it (a
trailer may be gigabytes), or, when its extension says nothing (no extension, or a wrong
one), by the magic bytes of a known media format once reading it found it binary.

Archives (``.zip``, ``.rar``) are deliberately *not* ignored: a press kit often arrives
zipped, and a user should hear that its texts were not read.
"""

from __future__ import annotations

from pathlib import Path

#: Extensions of media and other non-text files a press folder holds, lower case.
IGNORED_SUFFIXES: frozenset[str] = frozenset(
    {
        # images and layouts
        ".jpg",
        ".jpeg",
        ".jpe",
        ".png",
        ".gif",
        ".tif",
        ".tiff",
        ".bmp",
        ".webp",
        ".heic",
        ".heif",
        ".avif",
        ".ico",
        ".psd",
        ".ai",
        ".eps",
        ".indd",
        ".raw",
        ".cr2",
        ".nef",
        ".dng",
        ".svg",
        # video
        ".mp4",
        ".m4v",
        ".mov",
        ".avi",
        ".mkv",
        ".webm",
        ".mpg",
        ".mpeg",
        ".wmv",
        ".flv",
        ".mxf",
        ".3gp",
        ".vob",
        # audio
        ".mp3",
        ".wav",
        ".aif",
        ".aiff",
        ".flac",
        ".m4a",
        ".aac",
        ".ogg",
        ".oga",
        ".opus",
        ".wma",
        # fonts
        ".ttf",
        ".otf",
        ".woff",
        ".woff2",
        ".eot",
        # programs and disk images
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".dmg",
        ".iso",
        ".app",
        ".msi",
    }
)

#: Files operating systems drop into folders.
IGNORED_NAMES: frozenset[str] = frozenset({"thumbs.db", "desktop.ini", "icon\r"})

#: (offset, bytes) signatures of media formats, for files whose extension says nothing.
_MAGIC: tuple[tuple[int, bytes], ...] = (
    (0, b"\xff\xd8\xff"),  # JPEG
    (0, b"\x89PNG\r\n\x1a\n"),  # PNG
    (0, b"GIF87a"),
    (0, b"GIF89a"),
    (0, b"II*\x00"),
    (0, b"MM\x00*"),  # TIFF (and camera raw)
    (0, b"RIFF"),  # WAV, AVI, WebP
    (0, b"ID3"),  # MP3 with tags
    (0, b"\xff\xfb"),
    (0, b"\xff\xf3"),
    (0, b"\xff\xf2"),  # MP3 frames
    (4, b"ftyp"),  # MP4, MOV, M4A, HEIC
    (0, b"\x1aE\xdf\xa3"),  # Matroska, WebM
    (0, b"OggS"),
    (0, b"fLaC"),
    (0, b"FORM"),  # Ogg, FLAC, AIFF
    (0, b"wOFF"),
    (0, b"wOF2"),
    (0, b"OTTO"),
    (0, b"\x00\x01\x00\x00\x00"),  # fonts
    (0, b"8BPS"),  # Photoshop
    (0, b"\x00\x00\x01\xba"),
    (0, b"\x00\x00\x01\xb3"),  # MPEG
)


def ignored_by_name(path: Path) -> bool:
    """A file to ignore without opening it: a known media extension or system file."""
    name = path.name.lower()
    return path.suffix.lower() in IGNORED_SUFFIXES or name in IGNORED_NAMES


def ignored_by_content(path: Path) -> bool:
    """A file whose first bytes are a known media format's (asked once it read as binary)."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return any(head[offset : offset + len(magic)] == magic for offset, magic in _MAGIC)
