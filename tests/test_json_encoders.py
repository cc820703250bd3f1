"""The two JSON encoders write the same bytes: the standard library's, which a one-query
search uses (importing orjson would cost more than it saves), and orjson, which a batch
and an export switch to (``render.fast_json``). A consumer must not be able to tell which
process wrote a line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from search import render

# What the records hold: text from documents (any character but a lone surrogate, which
# no decoded text carries), counts and offsets, scores rounded to four places, flags,
# nulls, and lists and objects of those; objects keyed by text or by a number. Integers
# fit 64 bits, as orjson requires: the only integer a user writes, a film.toml's year, is
# checked to be a year (films.read_sidecar).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
SCALARS = (
    TEXT
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 4))
    | st.floats(min_value=1e9, max_value=2e9, allow_nan=False)  # timestamps (stats)
    | st.booleans()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(TEXT | st.integers(min_value=0, max_value=10**6), inner, max_size=4)
    ),
    max_leaves=12,
)
RECORDS = st.dictionaries(TEXT, VALUES, max_size=8) | st.lists(VALUES, max_size=4)


@settings(max_examples=1500, deadline=None)
@given(RECORDS)
def test_json_and_orjson_write_the_same_line(record: dict[str, Any] | list[Any]) -> None:
    line = render._json_dumps(record)
    assert line == render._orjson_dumps(record)
    assert line.endswith("\n") and "\n" not in line[:-1]
    assert json.loads(line) == json.loads(json.dumps(record))


def test_hostile_text_is_written_alike_and_escaped() -> None:
    record = {
        "text": '\x1b[2J\x9b31m\x7f\u202e\u2028\u2029"\\\t\n\x00é漢😀',
        1: None,
        "score": 14.3101,
    }
    plain = render.json_line(record)
    render.fast_json()
    try:
        fast = render.json_line(record)
    finally:
        render._encode = render._json_dumps
    assert plain == fast
    assert "\x1b" not in plain and "\x9b" not in plain and "\x7f" not in plain
    assert json.loads(plain)["text"] == record["text"]
