"""What `--learned` costs: attribution with and without a learned model, on the same parses.

Parsing dominates extraction and is the same with or without a model, so this times only the
attribution step (`attribute_parse`) on texts parsed once: the rules alone (the baseline) against the
rules plus the learned candidates. The model is built here with no weights and threshold 0.5, so
every candidate scores 0.5 and is kept: the worst case, every candidate turned into a row (a
trained model keeps far fewer). Prints seconds and the ratio to the baseline, run in one process,
and the parsing time for scale.

    python benchmarks/bench_learned.py                 # the seed article and samples/*.txt
    python benchmarks/bench_learned.py FILE ... --repeat 5
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    from quotekit import nlp
    from quotekit.attribute.engine import attribute_parse
    from quotekit.attribute.learned import LearnedModel
    from quotekit.attribute.media import load_gazetteer
    from quotekit.attribute.parse import from_stanza
    from quotekit.language import detect_language

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or [REPO.parent / "shared" / "seed_article.txt", *sorted((REPO / "samples").glob("*.txt"))]
    texts = [t for t in (f.read_text(encoding="utf-8") for f in files if f.exists()) if detect_language(t) == "en"]
    start = time.perf_counter()
    parses = [from_stanza(nlp.parse(t, "en"), t) for t in texts]
    parsing = time.perf_counter() - start
    words = sum(len(p.words) for p in parses)
    gazetteer = load_gazetteer(None)
    keep_all = LearnedModel({}, 0.5)

    def run(model) -> tuple[float, int]:
        best, rows = float("inf"), 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            rows = sum(len(attribute_parse(p, gazetteer, model)) for p in parses)
            best = min(best, time.perf_counter() - start)
        return best, rows

    base, base_rows = run(None)
    learned, learned_rows = run(keep_all)
    print(f"{len(parses)} English texts, {words} words; best of {args.repeat} runs")
    print(f"rules alone                   {base:7.3f} s  {base_rows:4d} rows  1.00x")
    print(f"rules + learned (keeps every) {learned:7.3f} s  {learned_rows:4d} rows  {learned / base:.2f}x")
    print(f"for scale, parsing them once  {parsing:7.3f} s (includes loading the models)")


if __name__ == "__main__":
    main()
