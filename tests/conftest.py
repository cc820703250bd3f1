"""Shared fixtures: a small made-up press folder in four languages, indexed once per session.

Everything is written by the fixtures themselves in tmp directories; nothing reads seeds/
except the one CLI test that checks an index is built from them when none exists.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from search.cli_entry import main
from search.context import Environment
from search.engine import Engine

PRESSKIT_EN = """\
SYNOPSIS

A disgraced conductor gathers his old musicians for one last concert in Paris. The orchestra
travels under a false name and plays for the memory of a lost friend.

A CONVERSATION WITH JANE DOE

How did you prepare for the role of the violinist?

I practised the violin every morning for six months. The harmony of the orchestra mattered
more to me than my own solo, and I wanted every gesture to look true.

What was it like to work with the director?

He trusted us completely. We rehearsed the final concert scene for two days, and the whole
crew cried when the music stopped.

INTERVIEW WITH JOHN ROE

Your character is a cab driver who used to play in a brass band. Why did you accept the part?

I loved the idea of a man who has lost everything but his music. The ultimate harmony of the
film is that these broken people find each other again on stage.

Did you learn to play the trumpet?

Yes, a little. My teacher was patient, but the neighbours were not. The trumpet is a cruel
instrument for a beginner, and a trumpet never forgives a wrong note.

A CONVERSATION WITH ANNE-SOPHIE LÉVÊQUE

You play the young soloist. How did you approach the final scene?

I listened to the recording of the concerto again and again, until the violin felt like a
voice. The trumpet in the orchestra gave me the tempo.
"""

CRITIQUE_FR = (
    "Le film est une comédie émouvante sur la musique. L'orchestre joue à Paris sous un faux "
    "nom, et le chef d'orchestre retrouve enfin la paix. Les musiciens juifs chassés par le "
    "régime se retrouvent pour un dernier concert. La réalisation est généreuse, même si le "
    "scénario manque parfois de rigueur. Une œuvre sur l'amitié et la mémoire.\n"
)

INHALT_DE = """\
Inhalt: Ein ehemaliger Dirigent des Bolschoi-Orchesters arbeitet heute als Putzmann. Als er eine Einladung nach Paris abfängt, versammelt er seine alten Musiker und gibt sich mit ihnen als das echte Orchester aus. Das Konzert wird zu einer Reise in die Vergangenheit.
Regie: Hans Beispiel
Darsteller: Jane Doe, John Roe, Karl Muster
Musik: Peter Tschaikowski
"""

TRAMA_IT = (
    "Un direttore d'orchestra caduto in disgrazia lavora come uomo delle pulizie al teatro. "
    "Un giorno intercetta un invito a suonare a Parigi e decide di riunire i suoi vecchi "
    "musicisti. Insieme partono per la Francia fingendosi la vera orchestra, e il concerto "
    "diventa una festa della memoria e dell'amicizia.\n"
)

FILES = {
    "presskit_en.txt": PRESSKIT_EN,
    "critique_fr.txt": CRITIQUE_FR,
    "inhalt_de.txt": INHALT_DE,
    "trama_it.txt": TRAMA_IT,
}

# Passage ids the chunkers give this folder (checked by test_engine's layout test).
DOE_VIOLIN = "presskit_en.txt:doe:01"
DOE_CONCERT = "presskit_en.txt:doe:02"
ROE_HARMONY = "presskit_en.txt:roe:01"
ROE_TRUMPET = "presskit_en.txt:roe:02"
LEVEQUE = "presskit_en.txt:leveque:01"
REVIEW_FR = "critique_fr.txt:review:01"


def write_press(folder: Path, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files or FILES).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def press_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture folder; read-only for tests (copy it to change it)."""
    return write_press(tmp_path_factory.mktemp("press"))


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory, press_dir: Path) -> Path:
    """An index of ``press_dir``, built once; read-only for tests (see ``index_copy``)."""
    root = tmp_path_factory.mktemp("shared") / "ix"
    report = Engine(root).index([press_dir])
    assert not report.skipped
    return root


@pytest.fixture(scope="session")
def engine(shared_index: Path) -> Engine:
    return Engine(shared_index)


@pytest.fixture()
def index_copy(shared_index: Path, tmp_path: Path) -> Path:
    """A private copy of the shared index, for tests that damage or rewrite it."""
    dst = tmp_path / "ix"
    shutil.copytree(shared_index, dst)
    return dst


# -- running the CLI -------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class InterruptingStdin(io.StringIO):
    """A stdin that behaves like a terminal where the user presses Ctrl-C while we read."""

    def __iter__(self):  # type: ignore[override]
        raise KeyboardInterrupt

    def read(self, *args: object) -> str:  # pragma: no cover - iteration is what the CLI uses
        raise KeyboardInterrupt

    def readline(self, *args: object) -> str:  # pragma: no cover
        raise KeyboardInterrupt


@pytest.fixture()
def cli() -> Callable[..., Run]:
    """Call ``search.cli_entry.main`` in-process with StringIO streams (no terminal, no colour)."""

    def run(
        *argv: str,
        stdin: str | io.StringIO = "",
        tty: bool = False,
        err_tty: bool = False,
        vars: dict[str, str] | None = None,
    ) -> Run:
        out, err = io.StringIO(), io.StringIO()
        env = Environment(
            stdin=stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin),
            stdout=out,
            stderr=err,
            stdout_isatty=tty,
            stderr_isatty=err_tty,
            vars=dict(vars or {}),
            width=100,
        )
        code = main(list(argv), env=env)
        return Run(int(code), out.getvalue(), err.getvalue())

    return run


def run_on_a_terminal(argv: list[str], env: dict[str, str], columns: int | None = None) -> str:
    """Run ``python -m search`` with stdout on a pseudo-terminal (``columns`` wide, if
    given); return what it printed there."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    if columns is not None:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "search", *argv],
            stdout=slave,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def subprocess_env(index_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update(TUTTI_INDEX_DIR=str(index_dir), NO_COLOR="1", PYTHONIOENCODING="utf-8", **extra)
    return env


@pytest.fixture()
def tutti(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m search`` for real, in tmp_path, against a given index."""

    def run(
        index_dir: Path, *argv: str, input: str | None = None, **extra_env: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "search", *argv],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=subprocess_env(index_dir, **extra_env),
            timeout=120,
            check=False,  # the tests assert the exit status, with stderr in the message
        )

    return run
