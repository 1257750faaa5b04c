"""Tune the attribution rules on PolNeAR train in seconds: parse once, then score the engine on the cache.

Run by hand, never by CI. The cache holds parses of PolNeAR text (no licence: it stays in work/, which
git ignores). Tune on train only; run `quotekit eval ../shared/data/polnear_dev.jsonl` to report.

    python scripts/tune_attribution.py parse --limit 150     # ~2-3 s a document on one core
    python scripts/tune_attribution.py parse --start 150 --limit 300 --cache work/tune/b.pkl   # in parallel
    python scripts/tune_attribution.py merge --merge-from work/tune/b.pkl

The rules are tuned on the first 150 train documents (the default cache); documents 151-400
(`--cache work/tune/parses_train_151_400.pkl`) and 401-560 (`parse --start 400 --limit 560 --cache
work/tune/parses_train_401_560.pkl`) are kept as checks that a rule generalises. Re-parse the caches
after the shipped models change: the rules meet the parses the models make.
    python scripts/tune_attribution.py score                 # the eval metrics, by type
    python scripts/tune_attribution.py misses --show 40      # gold attributions nothing matched, by cue
    python scripts/tune_attribution.py false-positives --show 40
    python scripts/tune_attribution.py speakers --show 40       # matches whose speaker is wrong

Train the learned-attribution model (quotekit/learn.py) on cached parses instead of re-parsing, as
`quotekit learn` would (kept in work/: a model trained on PolNeAR is never shipped):
    python scripts/tune_attribution.py learn --cache work/tune/parses_train.pkl \
        --merge-from work/tune/parses_train_151_400.pkl ... --out work/learned/polnear_train.json
"""

from __future__ import annotations

import argparse
import collections
import pickle
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from quotekit import evaluate as ev  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "data" / "polnear_train.jsonl"
DEFAULT_CACHE = REPO / "work" / "tune" / "parses_train.pkl"


def parse_documents(gold: Path, cache: Path, limit: int, start: int = 0) -> None:
    """Parse gold texts ``start`` to ``limit`` with the shipped models (resumable: done ones are kept).
    Two processes with separate caches can share the work; ``merge`` joins the caches."""
    from quotekit import nlp
    from quotekit.attribute.parse import from_stanza

    parses = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    cache.parent.mkdir(parents=True, exist_ok=True)
    for number, document in enumerate(ev.read_gold(gold, limit=limit), start=1):
        if number > start and document.doc not in parses:
            parses[document.doc] = from_stanza(nlp.parse(document.text, "en"), document.text)
        if number % 10 == 0:
            cache.write_bytes(pickle.dumps(parses))
            print(f"{number} documents parsed", file=sys.stderr)
    cache.write_bytes(pickle.dumps(parses))


def predict(gold: Path, cache: Path):
    """Gold documents in the cache, the engine's attributions for each, and the scorer's predictions."""
    from quotekit.attribute.engine import attribute_parse
    from quotekit.attribute.media import load_gazetteer
    from quotekit.learn import predicted

    parses = pickle.loads(cache.read_bytes())
    documents = [d for d in ev.read_gold(gold) if d.doc in parses]
    gazetteer = load_gazetteer(None)
    attributions, predictions = {}, {}

    for document in documents:
        found = attribute_parse(parses[document.doc], gazetteer)
        attributions[document.doc] = found
        predictions[document.doc] = ev.relations(predicted(found), document.text)
    return documents, attributions, predictions


def learn_from_caches(gold: Path, caches: list[Path], out: Path) -> None:
    """Label every cached gold document, train, and write the model to ``out``."""
    from quotekit import learn
    from quotekit.attribute.learned import save_model
    from quotekit.attribute.media import load_gazetteer

    parses = {}
    for cache in caches:
        parses.update(pickle.loads(cache.read_bytes()))
    gazetteer = load_gazetteer(None)
    documents = [learn.label_document(d, parses[d.doc], gazetteer) for d in ev.read_gold(gold) if d.doc in parses]
    print(f"{len(documents)} documents, {sum(len(d.candidates) for d in documents)} candidates", file=sys.stderr)
    model = learn.train(documents, about=f"{gold.name}: {len(documents)} documents (cached parses)",
                        on_step=lambda line: print(line, file=sys.stderr))
    out.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, out)
    print(f"threshold {model.threshold}, {len(model.weights)} weights -> {out}", file=sys.stderr)


def print_scores(report: ev.EvalReport) -> None:
    for name in ("all", *ev.QUOTE_TYPES):
        scores = report.bucket(name)
        loose, strict = scores.detection[0], scores.detection[-1]
        print(f"{name:9s} @0.3 P {loose.precision:.3f} R {loose.recall:.3f} F {loose.f1:.3f} | @0.8 F {strict.f1:.3f}"
              f" | exact F {scores.exact.f1:.3f} | speaker {scores.speaker.value:.3f} cue {scores.cue.value:.3f}")


def content_matches(document, predicted):
    """The (gold index, prediction index) pairs the scorer matches at 0.3 for one document."""
    gold = [frozenset(ev.significant_positions(document.text, g.content)) for g in document.attributions]
    content = [frozenset(ev.significant_positions(document.text, p.content)) for p in predicted]
    return ev.match_one_to_one(gold, content, 0.3)


def unmatched(documents, predictions):
    """(document, gold attribution) pairs no prediction matched at 0.3, and the unmatched predictions."""
    missed, spurious = [], []
    for document in documents:
        pairs = content_matches(document, predictions[document.doc])
        gold_hit, predicted_hit = {g for g, _ in pairs}, {p for _, p in pairs}
        missed += [(document, g) for i, g in enumerate(document.attributions) if i not in gold_hit]
        spurious += [(document, p) for i, p in enumerate(predictions[document.doc]) if i not in predicted_hit]
    return missed, spurious


def wrong_speakers(documents, predictions):
    """(kind, document, gold, prediction) for matches at 0.3 whose speaker the scorer counts wrong."""
    wrong = []
    for document in documents:
        predicted = predictions[document.doc]
        for gi, pi in content_matches(document, predicted):
            g, p = document.attributions[gi], predicted[pi]
            gold_source = frozenset(ev.significant_positions(document.text, g.source))
            predicted_source = frozenset(ev.significant_positions(document.text, p.speaker))
            if ev.span_correct(gold_source, predicted_source):
                continue
            kind = "no-gold" if not gold_source else "none" if not predicted_source else "other"
            wrong.append((kind, document, g, p))
    return wrong


def excerpt(text: str, spans) -> str:
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return (text[max(0, start - 70):start] + " [[" + text[start:min(end, start + 120)] + "]]").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("parse", "merge", "score", "misses", "false-positives", "speakers",
                                                   "learn"))
    parser.add_argument("--start", type=int, default=0, help="parse: skip the first START documents")
    parser.add_argument("--merge-from", type=Path, nargs="*", default=[], help="merge: caches to add to --cache")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--limit", type=int, default=150, help="documents to parse")
    parser.add_argument("--show", type=int, default=30, help="examples to print")
    parser.add_argument("--out", type=Path, help="learn: where to write the model")
    args = parser.parse_args()
    if args.step == "learn":
        learn_from_caches(args.gold, [args.cache, *args.merge_from], args.out)
        return
    if args.step == "parse":
        parse_documents(args.gold, args.cache, args.limit, args.start)
        return
    if args.step == "merge":
        parses = pickle.loads(args.cache.read_bytes()) if args.cache.exists() else {}
        for other in args.merge_from:
            parses.update(pickle.loads(other.read_bytes()))
        args.cache.write_bytes(pickle.dumps(parses))
        print(f"{len(parses)} documents in {args.cache}")
        return
    documents, _, predictions = predict(args.gold, args.cache)
    if args.step == "score":
        print(f"{len(documents)} documents")
        print_scores(ev.score(documents, predictions))
        return
    rng = random.Random(1)
    if args.step == "speakers":
        wrong = wrong_speakers(documents, predictions)
        kinds = collections.Counter(kind for kind, *_ in wrong)
        print(f"{len(wrong)} matches with a wrong speaker: {dict(kinds)}")
        rng.shuffle(wrong)
        for kind, document, g, p in wrong[:args.show]:
            gold_source = " ".join(document.text[s:e] for s, e in g.source)
            predicted = " ".join(document.text[s:e] for s, e in p.speaker)
            print(f"{kind} | gold {gold_source!r} | predicted {predicted!r} | {excerpt(document.text, g.content)}")
        return
    missed, spurious = unmatched(documents, predictions)
    if args.step == "misses":
        cues = collections.Counter(" ".join(d.text[s:e] for s, e in g.cue).lower() for d, g in missed)
        print(f"{len(missed)} gold attributions unmatched; most common cues: {cues.most_common(30)}")
        rng.shuffle(missed)
        for document, g in missed[:args.show]:
            print(" ".join(document.text[s:e] for s, e in g.cue), "|", excerpt(document.text, g.content))
    else:
        print(f"{len(spurious)} predictions unmatched")
        rng.shuffle(spurious)
        for document, p in spurious[:args.show]:
            print(p.quote_type, "|", excerpt(document.text, p.content))


if __name__ == "__main__":
    main()
