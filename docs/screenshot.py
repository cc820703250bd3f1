"""Redraw docs/search.svg, the README's picture, from the bundled seeds.

Run ``python docs/screenshot.py``; it builds a throwaway index of seeds/ in a temporary
folder.
"""

from __future__ import annotations

import io
import shlex
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

from search.cli_entry import main
from search.context import Environment
from search.engine import SEEDS_DIR, Engine

COMMANDS = [
    'tutti search "ultimate harmony" --speaker Laurent',
    "tutti search Tschaikowski -n 2",
    "tutti search violin --speaker Laurent -n 1 --cite",
]
WIDTH = 96


def run(command: str, index: Path) -> str:
    out = io.StringIO()
    env = Environment(
        stdin=io.StringIO(),
        stdout=out,
        stderr=io.StringIO(),
        stdout_isatty=True,
        stderr_isatty=False,
        vars={},
        width=WIDTH,
    )
    main([*shlex.split(command)[1:], "--index-dir", str(index)], env=env)
    return out.getvalue()


def draw(target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "ix"
        Engine(index).index([SEEDS_DIR])
        screen = Console(record=True, width=WIDTH, force_terminal=True, file=io.StringIO())
        for command in COMMANDS:
            screen.print(Text(f"$ {command}", style="bold"))
            screen.print(Text.from_ansi(run(command, index)))
        screen.save_svg(str(target), title="tutti")


if __name__ == "__main__":
    draw(Path(__file__).resolve().parent / "search.svg")
