"""Only the CLI and the render layer know Typer and Rich (ARCHITECTURE.md): the library
under them stays usable, and cheap to import, without a terminal toolkit."""

from __future__ import annotations

import ast
from pathlib import Path

import search

PACKAGE = Path(search.__file__).resolve().parent
ALLOWED = {"cli.py", "cli_entry.py", "cli_search.py", "render.py"}
TOOLKITS = ("typer", "rich", "click")


def toolkit_imports(source: str) -> list[str]:
    """The Typer, Rich or Click modules ``source`` imports, at any depth (a function's
    lazy import counts)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in TOOLKITS]
    return found


def test_the_check_sees_top_level_lazy_and_from_imports():
    source = "import os\nimport rich.console\ndef f():\n    from typer import Exit\n"
    assert toolkit_imports(source) == ["rich.console", "typer"]
    assert toolkit_imports("from .render import clean\nimport richtext\n") == []


def test_only_cli_and_render_import_typer_or_rich():
    offenders = {
        str(path.relative_to(PACKAGE)): imports
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in ALLOWED
        and (imports := toolkit_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert toolkit_imports((PACKAGE / "cli.py").read_text(encoding="utf-8"))
