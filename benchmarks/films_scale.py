"""Film grouping at archive scale: ``films.group`` over invented documents.

    python benchmarks/films_scale.py [--films 500] [--per-film 9]

Each film has a record (its claim and a cast of two); each of its other documents,
in the film's folder, names the title (a third), names two of its cast (a third) or
nothing (a third), in a lead of 200 words drawn from the words titles are made of, so
that many titles share first words and every lead is full of candidates. Prints the
CPU time of the grouping and how many documents each rule placed.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from typing import Any

from search.films import group
from search.names import name_keys

WORDS = [
    "Night",
    "Train",
    "Last",
    "Symphony",
    "Concert",
    "Lighthouse",
    "River",
    "Winter",
    "Summer",
    "Secret",
    "Garden",
    "House",
    "Blue",
    "Red",
    "Silent",
    "Storm",
    "Road",
    "City",
    "Dream",
    "Song",
]
NAMES = [
    "Anna",
    "Boris",
    "Clara",
    "David",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Karla",
    "Lukas",
    "Marta",
    "Nina",
    "Oskar",
    "Paula",
]


class Entry:
    def __init__(self, path: str, meta: dict[str, Any]) -> None:
        self.path, self.meta, self.speakers = path, meta, {}


def corpus(films: int, per_film: int, seed: int = 1) -> tuple[dict[str, Entry], dict[str, Any]]:
    rng = random.Random(seed)
    docs: dict[str, Entry] = {}
    evidence: dict[str, Any] = {}
    for i in range(films):
        title = f"The {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(WORDS)}"
        cast = [f"{rng.choice(NAMES)} {rng.choice(NAMES)}son{i}" for _ in range(2)]
        docs[f"f{i}/record.json"] = Entry(
            f"/p/f{i}/record.json",
            {
                "film_claim": {"title": title},
                "cast": [{"actor": a, "character": None} for a in cast],
            },
        )
        for j in range(per_film):
            source = f"f{i}/d{j}.txt"
            docs[source] = Entry(f"/p/f{i}/d{j}.txt", {})
            lead = " ".join(rng.choice(WORDS).lower() for _ in range(200))
            evidence[source] = {
                "lead": lead + (f" {title}." if j % 3 == 0 else ""),
                "keys": name_keys(" ".join(cast)) if j % 3 == 1 else [],
            }
    return docs, evidence


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--films", type=int, default=500)
    ap.add_argument("--per-film", type=int, default=9)
    args = ap.parse_args()
    docs, evidence = corpus(args.films, args.per_film)
    start = time.process_time()
    films = group(docs, evidence)
    seconds = time.process_time() - start
    rules = Counter(how for f in films for how in f.documents.values())
    print(f"{len(docs)} documents, {len(films)} films: {seconds:.2f} s CPU")
    print(", ".join(f"{how} {n}" for how, n in sorted(rules.items())))


if __name__ == "__main__":
    main()
