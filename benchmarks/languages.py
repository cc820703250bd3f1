"""How often a passage's language tag is right, with and without the inherit rule.

Truth is the language each document is written in (the bundled seeds and the test fixtures
are monolingual documents; a passage that quotes another language is still in its
document's language). Prints, per source, passages, how many were detected vs inherited,
accuracy of tutti's tag, and accuracy of raw langdetect on the same passages.

    python benchmarks/languages.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import iter_passages  # noqa: E402
from search.lang import detect, tag  # noqa: E402

TRUTH = {
    "seeds/presskit_en.txt": "en", "seeds/review_en.txt": "en", "seeds/moviepage_en.txt": "en",
    "seeds/film_record_fr.json": "fr", "seeds/synopsis_de.txt": "de",
    "tests/fixtures/docs/presskit_fr.txt": "fr", "tests/fixtures/docs/presskit_de.txt": "de",
    "tests/fixtures/docs/synopsis_it.txt": "it",
}


def main() -> int:
    print(f"{'source':38} {'passages':>8} {'detected':>9} {'inherited':>9} {'tag right':>10} {'raw right':>10}")
    totals = [0, 0, 0, 0, 0]
    for rel, truth in TRUTH.items():
        passages = list(iter_passages([ROOT / rel]))
        detected = sum(p.lang_detected for p in passages)
        right = sum(p.lang == truth for p in passages)
        raw = sum(detect(p.text)[0] == truth for p in passages)
        row = [len(passages), detected, len(passages) - detected, right, raw]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{rel:38} {row[0]:8} {row[1]:9} {row[2]:9} {right / row[0]:10.1%} {raw / row[0]:10.1%}")
    n = totals[0]
    print(f"{'ALL':38} {n:8} {totals[1]:9} {totals[2]:9} {totals[3] / n:10.1%} {totals[4] / n:10.1%}")
    # Short texts are where the rule matters: the interview prompts, tagged on their own.
    short = [(p.question, truth) for rel, truth in TRUTH.items()
             for p in iter_passages([ROOT / rel]) if p.question]
    rule = sum(tag(q, truth)[0] == truth for q, truth in short)
    raw = sum(detect(q)[0] == truth for q, truth in short)
    print(f"\ninterview prompts tagged alone ({len(short)}, mostly under 12 words): "
          f"tag right {rule / len(short):.1%}, raw langdetect right {raw / len(short):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
