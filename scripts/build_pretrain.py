"""Train small word vectors from the openly licensed training text and save a Stanza pretrain.

No pretrained vectors can be downloaded here, so the embeddings Stanza's POS tagger, parser and
NER tagger expect are built from the same CC BY-SA / CC BY text they are trained on (UD EWT
train, Wikigold, Broad Twitter Corpus). Dev and test text are never used.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def read_conllu_sentences(path: Path):
    sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
                sentence = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        sentence.append(cols[1])
    if sentence:
        yield sentence


def read_column_sentences(path: Path, sep: str | None):
    sentence = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if sentence:
                yield sentence
                sentence = []
            continue
        cols = line.split(sep)
        sentence.append(cols[0])
    if sentence:
        yield sentence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--out", type=Path, required=True, help="output .pt pretrain file")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args()

    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    sentences = list(read_conllu_sentences(args.data / "ud_english_ewt" / "en_ewt-ud-train.conllu"))
    sentences += list(read_column_sentences(args.data / "ner_extra" / "wikigold" / "wikigold.conll.txt", " "))
    for part in "abefgh":
        sentences += list(read_column_sentences(args.data / "ner_extra" / "btc" / f"{part}.conll", "\t"))
    sentences = [[w.lower() for w in s] for s in sentences]
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens")

    model = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=args.min_count, sg=1,
                     epochs=args.epochs, workers=int(os.environ.get("OMP_NUM_THREADS", "2")), seed=1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    txt = args.out.with_suffix(".txt")
    model.wv.save_word2vec_format(str(txt), binary=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.out.exists():
        args.out.unlink()
    pretrain = Pretrain(str(args.out), str(txt))
    pretrain.load()
    print(f"saved {args.out}: {len(pretrain.vocab)} words x {pretrain.emb.shape[1]}")
    txt.unlink()


if __name__ == "__main__":
    main()
