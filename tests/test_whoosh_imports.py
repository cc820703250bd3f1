"""Whoosh is imported without the standard modules it loads and never uses
(search/backend/whoosh/_whoosh.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from search import Engine

UNUSED = [
    "urllib.request",
    "asyncio",
    "whoosh.lang.morph_en",
    "whoosh.lang.porter",
    "whoosh.lang.dmetaphone",
    "hashlib",
    "html",
    "whoosh.sorting",
    "whoosh.automata.lev",
    "whoosh.util.times",
    "calendar",
    "locale",
    "shutil",
    "tempfile",
    "random",
    "datetime",
]


def test_a_search_loads_none_of_whooshs_unused_modules(tmp_path: Path):
    press = tmp_path / "press"
    press.mkdir()
    (press / "note_en.txt").write_text(
        "The orchestra rehearsed the violin concerto in an empty church in Paris.\n",
        encoding="utf-8",
    )
    Engine(tmp_path / "ix").index([press])  # here: a build may load more (hashlib, say)
    script = (
        "import json, sys\n"
        "from search import Engine\n"
        f"engine = Engine({str(tmp_path / 'ix')!r})\n"
        "hits = engine.search('violin').hits\n"
        f"print(json.dumps([len(hits)] + [name in sys.modules for name in {UNUSED!r}]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [1] + [False] * len(UNUSED)


def test_the_stand_ins_forward_to_the_real_functions():
    script = (
        "import json, search.backend.whoosh._whoosh\n"
        "from whoosh.query import terms\n"
        "from whoosh.analysis import morph\n"
        "from whoosh.lang.porter import stem\n"
        "from whoosh.lang.dmetaphone import double_metaphone\n"
        "from whoosh.filedb import filetables\n"
        "import hashlib, html\n"
        "from whoosh import compat\n"
        "words = ['running', 'generalization', 'Tchaikovsky']\n"
        "print(json.dumps([sorted(terms.variations('running')),\n"
        "                  [morph.stem(w) == stem(w) != w for w in words[:2]],\n"
        "                  [morph.double_metaphone(w) == double_metaphone(w) for w in words],\n"
        "                  morph.stem is not stem,\n"
        "                  filetables.md5(b'x').hexdigest() == hashlib.md5(b'x').hexdigest(),\n"
        "                  compat.htmlescape('<a&b>') == html.escape('<a&b>') != '<a&b>']))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    variations, stems, metaphones, stood_in, md5, escape = json.loads(out.stdout)
    assert {"run", "runs", "ran"} <= set(variations)
    assert (
        stems == [True, True] and metaphones == [True, True, True] and stood_in and md5 and escape
    )


def test_the_modules_stood_in_load_when_first_used():
    """Whoosh's modules hold the stand-ins: each gives the real module's attributes, so
    sorting, fuzzy terms, dates, copies, temporary folders and random names still work."""
    script = (
        "import io, json, search.backend.whoosh._whoosh\n"
        "import whoosh.collectors, whoosh.codec.base, whoosh.fields, whoosh.util\n"
        "import datetime  # after Whoosh: its modules hold the stand-in\n"
        "from whoosh.filedb import compound, filestore\n"
        "out = io.BytesIO()\n"
        "compound.copyfileobj(io.BytesIO(b'abc'), out)\n"
        "when = datetime.datetime(2009, 11, 24, 12, 30)\n"
        "print(json.dumps([\n"
        "    whoosh.collectors.sorting.FieldFacet('x').fieldname,\n"
        "    whoosh.codec.base.lev.levenshtein_automaton('ab', 1) is not None,\n"
        "    str(whoosh.fields.long_to_datetime(whoosh.fields.datetime_to_long(when))),\n"
        "    out.getvalue().decode(),\n"
        "    len(whoosh.util.random_name(12)),\n"
        "    filestore.tempfile.gettempdir() != '',\n"
        "    whoosh.fields.datetime is not datetime\n"
        "    and whoosh.fields.DATETIME().from_bytes(whoosh.fields.DATETIME().to_bytes(when))\n"
        "    == when,\n"
        "]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == ["x", True, "2009-11-24 12:30:00", "abc", 12, True, True]


def test_a_stand_in_reads_what_it_was_not_given_from_the_real_module():
    """Code that meets a stand-in while Whoosh loads (another thread's import, say) gets
    the real module's behaviour; the import system's own questions load nothing."""
    script = (
        "import json, sys\n"
        "from search.backend.whoosh import _whoosh\n"
        "stand_in = _whoosh._stand_in('shutil', {'copyfileobj': len})\n"
        "sys.modules['shutil'] = stand_in  # as while Whoosh loads\n"
        "from shutil import copyfileobj\n"
        "given = copyfileobj is len and sys.modules['shutil'] is stand_in\n"
        "rmtree = stand_in.rmtree\n"
        "import shutil\n"
        "print(json.dumps([given, shutil is not stand_in, rmtree is shutil.rmtree]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [True, True, True]
