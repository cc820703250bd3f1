"""Querying, in the order a query goes through it:

- ``parse``: text to a query tree per language field, rewritten and pruned;
- ``filters``: resolved filter values, and the Whoosh filter they make;
- ``execute``: run, rank (score, then id), decorate hits, count facets;
- ``highlight``: which characters matched, and the snippet shown;
- ``suggest``: did-you-mean from the index's vocabulary.

Only what other packages use is named here: the Engine's filters and results, and what
the OpenSearch backend shares with the embedded one (boosts, query syntax, snippets).
"""

from __future__ import annotations

from .execute import SearchResult
from .filters import Filters, resolve
from .highlight import snippet
from .parse import (
    NAMES_BOOST,
    QUESTION_BOOST,
    TEXT_BOOST,
    exclusions,
    has_words,
    normalise_operators,
    plain_words,
)

__all__ = [
    "NAMES_BOOST",
    "QUESTION_BOOST",
    "TEXT_BOOST",
    "Filters",
    "SearchResult",
    "exclusions",
    "has_words",
    "normalise_operators",
    "plain_words",
    "resolve",
    "snippet",
]
