"""Score the shipped English Stanza models for the model card.

UD EWT test (end to end from raw text, CoNLL 2018 shared-task scorer): tokens, sentences, UPOS,
lemmas, UAS, LAS. The raw text is the shared task's: sentences of a paragraph joined by spaces,
paragraphs (``# newpar``) and documents separated by a blank line, as published scores (Stanza's,
the shared task's) use it. The same text without paragraph breaks (documents only) is scored too,
as the harder case of sentence splitting (``..._no_paragraphs``).
UNER EWT test: entity-level NER F1 on gold tokens. Speed: words/second for a 10,000-word news
text on the CPU threads available.

    python scripts/score_stanza.py [--data ../shared/data] [--models models/stanza/en]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def entity_spans(labels: list[str]) -> set[tuple[int, int, str]]:
    spans, start, kind = set(), None, None
    for i, label in enumerate([*labels, "O"]):
        if label.startswith(("B-", "S-")) or label == "O" or (label.startswith(("I-", "E-")) and label[2:] != kind):
            if start is not None:
                spans.add((start, i, kind))
                start, kind = None, None
            if label.startswith(("B-", "S-", "I-", "E-")):
                start, kind = i, label[2:]
        if label.startswith(("S-", "E-")) and start is not None:
            spans.add((start, i + 1, kind))
            start, kind = None, None
    return spans


def read_iob2(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        label = cols[2] if cols[2] not in ("B-O", "I-O") and not cols[2].endswith("OTH") else "O"
        cur.append((cols[1], label))
    if cur:
        sents.append(cur)
    return sents


def raw_text(gold_path: Path, paragraphs: bool = True) -> str:
    """The test text as a reader gets it: a blank line between paragraphs (or only documents)."""
    breaks = ("# newdoc", "# newpar") if paragraphs else ("# newdoc",)
    raw: list[str] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.startswith(breaks) and raw and raw[-1] != "\n":
            raw.append("\n")
        if line.startswith("# text = "):
            raw.append(line[len("# text = "):])
    return " ".join(raw).replace(" \n ", "\n\n")


def restore_unk(doc, text: str) -> None:
    """The tokenizer writes very long tokens (URLs) as <UNK>; restore them for the scorer."""
    for sent in doc.sentences:
        for token in sent.tokens:
            if token.text == "<UNK>" and token.start_char is not None:
                original = text[token.start_char:token.end_char]
                token.text = original
                for word in token.words:
                    word.text = original


def conll_f1(doc, gold_path: Path, metrics: tuple[str, ...]) -> dict[str, float]:
    """CoNLL 2018 scorer F1 (percent, 2 decimals) of a parsed stanza Document against the gold file."""
    from stanza.utils.conll import CoNLL
    from stanza.utils.conll18_ud_eval import evaluate, load_conllu_file

    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False, encoding="utf-8") as out:
        CoNLL.write_doc2conll(doc, out.name)
    try:
        result = evaluate(load_conllu_file(str(gold_path)), load_conllu_file(out.name))
    finally:
        os.unlink(out.name)
    return {metric: round(100 * result[metric].f1, 2) for metric in metrics}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--models", type=Path, default=REPO / "models" / "stanza" / "en")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    args = parser.parse_args()
    os.environ["QUOTEKIT_MODELS"] = str(args.models.resolve().parents[1])
    sys.path.insert(0, str(REPO))
    import stanza
    import torch
    from stanza.utils.conll import CoNLL

    from quotekit import nlp

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
    scores: dict[str, float] = {}
    pipe = nlp.pipeline("en")

    gold_path = args.data / "ud_english_ewt" / "en_ewt-ud-test.conllu"
    text = raw_text(gold_path)
    start = time.time()
    doc = pipe(text)
    elapsed = time.time() - start
    restore_unk(doc, text)
    for metric, f1 in conll_f1(doc, gold_path, ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas",
                                                 "UAS", "LAS")).items():
        scores[f"ewt_test_{metric.lower()}_f1"] = f1
    scores["ewt_test_seconds"] = round(elapsed, 1)
    print(json.dumps(scores), flush=True)

    # without paragraph breaks: the splitter alone decides every sentence boundary inside a document
    flat = raw_text(gold_path, paragraphs=False)
    flat_doc = pipe(flat)
    restore_unk(flat_doc, flat)
    for metric, f1 in conll_f1(flat_doc, gold_path, ("Sentences", "UPOS", "LAS")).items():
        scores[f"ewt_test_{metric.lower()}_f1_no_paragraphs"] = f1
    print(json.dumps({k: v for k, v in scores.items() if "no_paragraphs" in k}), flush=True)

    # the same text through quotekit.nlp.parse, which undoes sentence splits that have neither
    # terminal punctuation nor a line break (right for news, not for web text without punctuation)
    repaired = nlp.parse(text)
    for sent in repaired.sentences:  # word forms as in the text (parse() shows the parser ASCII quotes)
        for token in sent.tokens:
            if token.start_char is None:
                continue
            original = text[token.start_char:token.end_char]
            if len(token.words) == 1:
                token.words[0].text = original
            elif "".join(w.text for w in token.words) == nlp.parser_form(original):
                offset = 0
                for word in token.words:
                    word.text = original[offset:offset + len(word.text)]
                    offset += len(word.text)
            token.text = original
    try:
        for metric, f1 in conll_f1(repaired, gold_path, ("Sentences", "UPOS", "LAS")).items():
            scores[f"ewt_test_{metric.lower()}_f1_with_split_repair"] = f1
        print(json.dumps({k: v for k, v in scores.items() if "repair" in k}), flush=True)
    except Exception as exc:  # the scorer needs the same characters as the gold
        print(f"split-repair scoring skipped: {exc}", file=sys.stderr)

    # the tagger and parser alone: the same pipeline on the gold words and sentences (each processor overwrites
    # what it predicts), so tokenizer and splitter errors cannot reach them
    gold_doc = pipe(CoNLL.conll2doc(str(gold_path)), processors="pos,lemma,depparse")
    for metric, f1 in conll_f1(gold_doc, gold_path, ("UPOS", "XPOS", "UAS", "LAS")).items():
        scores[f"ewt_test_{metric.lower()}_f1_gold_words"] = f1
    print(json.dumps({k: v for k, v in scores.items() if "gold_words" in k}), flush=True)

    paths = nlp.check_stanza_files("en")
    ner_pipe = stanza.Pipeline(lang="en", processors="tokenize,ner", tokenize_pretokenized=True,
                               download_method=None, use_gpu=False, logging_level="WARN",
                               tokenize_model_path=str(paths["tokenize"]),
                               ner_model_path=str(paths["ner"]),
                               ner_pretrain_path=str(paths["ner_pretrain"]),
                               ner_charlm_forward_file=None, ner_charlm_backward_file=None,
                               allow_unknown_language=True, resources_filepath=str(nlp._empty_resources()),
                               foundation_cache=nlp.word_vector_cache(paths))
    gold_sents = read_iob2(args.data / "uner_english_ewt" / "en_ewt-ud-test.iob2")
    ner_doc = ner_pipe([[tok for tok, _ in s] for s in gold_sents])
    tp = fp = fn = 0
    for gold, sent in zip(gold_sents, ner_doc.sentences, strict=True):
        g = entity_spans([label for _, label in gold])
        p = entity_spans([t.ner for t in sent.tokens])
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    scores["uner_test_ner_precision"] = round(100 * prec, 2)
    scores["uner_test_ner_recall"] = round(100 * rec, 2)
    scores["uner_test_ner_f1"] = round(100 * (2 * prec * rec / (prec + rec) if prec + rec else 0.0), 2)

    # speed: the first 10,000 words of news text (PolNeAR dev articles, used only to time)
    news = []
    count = 0
    polnear = args.data / "polnear_dev.jsonl"
    for line in polnear.read_text(encoding="utf-8").splitlines():
        body = json.loads(line)["text"]
        news.append(body)
        count += len(body.split())
        if count >= 10000:
            break
    news_text = "\n\n".join(news)
    words = news_text.split()[:10000]
    news_text = " ".join(words)
    start = time.time()
    parsed = pipe(news_text)
    elapsed = time.time() - start
    n_words = sum(len(s.words) for s in parsed.sentences)
    scores["news_words"] = n_words
    scores["news_words_per_second"] = round(n_words / elapsed, 1)
    scores["threads"] = torch.get_num_threads()
    print(json.dumps(scores, indent=2))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
