"""Gold statistics of PolNeAR, to tune cue lists: quote types and the most frequent cue words.

Usage: python scripts/polnear_stats.py [GOLD.jsonl] [--top 60] [--top-by-type 15]
(default GOLD: ../shared/data/polnear_train.jsonl next to the repository). Reads the gold with the
same code as `quotekit eval`, so the types are the ones the scorer buckets by. Prints counts only:
nothing from PolNeAR is written anywhere.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotekit.evaluate import QUOTE_TYPES, read_gold  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear_train.jsonl"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def cue_words(text: str) -> list[str]:
    """Lowercased words of a cue span (``has learned`` -> ``has``, ``learned``)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--top", type=int, default=60, help="How many cue words to list.")
    parser.add_argument("--top-by-type", type=int, default=15, help="How many cue words per quote type.")
    args = parser.parse_args()

    documents = read_gold(args.gold)
    types: Counter[str] = Counter()
    words: Counter[str] = Counter()
    phrases: Counter[str] = Counter()
    words_by_type: dict[str, Counter[str]] = {t: Counter() for t in QUOTE_TYPES}
    no_source = no_cue = discontinuous = 0
    for document in documents:
        for attribution in document.attributions:
            types[attribution.quote_type] += 1
            no_source += not attribution.source
            no_cue += not attribution.cue
            discontinuous += len(attribution.content) > 1
            cue = " ".join(document.text[s:e] for s, e in attribution.cue)
            found = cue_words(cue)
            words.update(found)
            words_by_type[attribution.quote_type].update(found)
            if found:
                phrases[" ".join(found)] += 1

    total = sum(types.values())
    print(f"{args.gold.name}: {len(documents)} documents, {total} attributions with content")
    print(f"  without source: {no_source}, without cue: {no_cue}, discontinuous content: {discontinuous}")
    print("\nquote types (derived from quote marks, as `quotekit eval` does):")
    for quote_type in QUOTE_TYPES:
        print(f"  {quote_type:<9}{types[quote_type]:>7}  {types[quote_type] / max(total, 1):6.1%}")
    print(f"\ntop {args.top} cue words (lowercased; {sum(words.values())} words in cues):")
    ranked = words.most_common(args.top)
    for row in range(0, len(ranked), 4):
        print("  " + "".join(f"{word:<16}{count:>6}    " for word, count in ranked[row:row + 4]).rstrip())
    print(f"\ntop {args.top} whole cues:")
    ranked = phrases.most_common(args.top)
    for row in range(0, len(ranked), 3):
        print("  " + "".join(f"{phrase:<24}{count:>6}    " for phrase, count in ranked[row:row + 3]).rstrip())
    for quote_type in QUOTE_TYPES:
        top = ", ".join(f"{w} {c}" for w, c in words_by_type[quote_type].most_common(args.top_by_type))
        print(f"\n{quote_type} cue words: {top}")


if __name__ == "__main__":
    main()
