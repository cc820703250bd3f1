"""Cold `tutti search` in a normal install (``pip install .``) beside the editable one.

    python benchmarks/cold_installed.py [--rounds 21] [--venv DIR] [--query "ultimate harmony"]

The README installs tutti editable (``pip install -e .``). That install adds a finder that
every Python start in its venv loads, with ``pathlib``, ``re`` and ``urllib.parse``, so
``python -c pass`` there takes about twice as long as in a venv where tutti is installed
as a package, as ``pip install .`` and ``pipx`` leave it. ``speed.py`` judges the cold
target in the venv it runs from; this prints bare Python and a one-query ``tutti search
--json`` over the seeds in both, alternating, so the ratio can be read in either.

The normal install is made once in ``--venv`` (default: a folder in the temporary
directory) from this checkout's files; pass ``--reinstall`` after changing them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def install(venv: Path, again: bool) -> None:
    if again and venv.exists():
        shutil.rmtree(venv)
    if not (venv / "bin" / "tutti").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", str(ROOT)],
            check=True,
            cwd=tempfile.gettempdir(),
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "tutti-installed")
    ap.add_argument("--reinstall", action="store_true")
    ap.add_argument("--query", default="ultimate harmony")
    args = ap.parse_args()
    install(args.venv, args.reinstall)
    editable = Path(sys.executable).parent  # the venv this runs from (the README's install)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "TUTTI_INDEX_DIR")
    }
    with tempfile.TemporaryDirectory(prefix="tutti-installed-") as tmp:
        index = Path(tmp) / "seeds-index"
        subprocess.run(
            [
                str(args.venv / "bin" / "tutti"),
                "index",
                str(ROOT / "seeds"),
                "--index-dir",
                str(index),
            ],
            check=True,
            capture_output=True,
            env=env,
        )
        search = ["search", args.query, "--json", "--index-dir", str(index)]
        commands = {
            "pip install -e .: python -c pass": [str(editable / "python"), "-c", "pass"],
            "pip install -e .: tutti search --json": [str(editable / "tutti"), *search],
            "pip install .: python -c pass": [str(args.venv / "bin" / "python"), "-c", "pass"],
            "pip install .: tutti search --json": [str(args.venv / "bin" / "tutti"), *search],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(args.rounds + 2):
            order = list(commands) if i % 2 == 0 else list(reversed(commands))
            for name in order:
                start = time.perf_counter()
                subprocess.run(
                    commands[name], stdout=subprocess.DEVNULL, check=True, env=env, cwd=tmp
                )
                if i >= 2:  # two warm-up rounds: bytecode written, files in the page cache
                    times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(xs) * 1000 for name, xs in times.items()}
    print(f"{'command':45} {'median':>9}  ratio to its venv's python -c pass")
    for name, ms in med.items():
        install_kind = name.split(":")[0]
        ratio = ms / med[f"{install_kind}: python -c pass"]
        print(f"{name:45} {ms:7.1f} ms  {ratio:.1f}x")
    print(f"{args.rounds} rounds alternated; load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
