"""Throughput: quotekit's batched translation vs Argos-style per-paragraph translation.

Same model (the toy xx->en package in tests/fixtures/argos), same 2,000 sentences, one run each,
same decoding (beam 4, length penalty 0.2, as Argos does), no translation cache for either.

Baseline. argostranslate.translate() itself cannot run offline here: for a package without its
own sentence-splitter model, argostranslate 1.11 makes MiniSBD download one (its issue #512), and
quotekit must never call MiniSBD or spaCy. So the baseline reproduces argostranslate's
apply_packaged_translation exactly, minus that splitter: for every paragraph, split sentences
(with quotekit's rule splitter, which is cheaper than MiniSBD, so this favours the baseline),
SentencePiece-encode each sentence, one translate_batch call with max_batch_size=32 tokens, and
a model loaded with compute_type "auto" (Argos's defaults).

Note: the toy model is tiny (d_model 64), so fixed per-call costs weigh more than they would
with a real 60M-parameter Argos model; expect a smaller ratio on real packages.

Run:  python benchmarks/bench_translate.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

SENTENCES = 2000
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_DOCUMENT = 4


def make_documents() -> tuple[list[str], int]:
    import json

    from build_toy_argos import english_sentence, substitute

    lexicon = json.loads((REPO / "tests" / "fixtures" / "argos" / "toy_lexicon.json").read_text(encoding="utf-8"))
    rng = random.Random(7)
    sentences = [substitute(english_sentence(rng), lexicon["xx"]) for _ in range(SENTENCES)]
    paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                  for i in range(0, SENTENCES, SENTENCES_PER_PARAGRAPH)]
    documents = ["\n".join(paragraphs[i:i + PARAGRAPHS_PER_DOCUMENT])
                 for i in range(0, len(paragraphs), PARAGRAPHS_PER_DOCUMENT)]
    return documents, len(sentences)


def argos_style(documents: list[str], package_path: Path, threads: int) -> list[str]:
    """argostranslate's per-paragraph path (translate.py: hypotheses + apply_packaged_translation)."""
    import ctranslate2
    import sentencepiece

    from quotekit.segment import split_sentences

    translator = ctranslate2.Translator(str(package_path / "model"), device="cpu", inter_threads=1,
                                        intra_threads=threads, compute_type="auto")
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package_path / "sentencepiece.model"))
    outputs = []
    for document in documents:
        translated_paragraphs = []
        for paragraph in document.split("\n"):
            sentences = [paragraph[s.start:s.end] for s in split_sentences(paragraph)]
            tokenized = [tokenizer.encode(sentence, out_type=str) for sentence in sentences]
            results = translator.translate_batch(
                tokenized, replace_unknowns=True, max_batch_size=32, batch_type="tokens", beam_size=4,
                num_hypotheses=1, length_penalty=0.2, return_scores=True,
            )
            tokens = [token for result in results for token in result.hypotheses[0]]
            translated_paragraphs.append(tokenizer.decode(tokens).lstrip(" "))
        outputs.append("\n".join(translated_paragraphs))
    return outputs


def main() -> int:
    threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    documents, sentence_count = make_documents()
    with tempfile.TemporaryDirectory() as root:
        os.environ["QUOTEKIT_MODELS"] = root
        from quotekit.models import install_argos_package
        from quotekit.translate import DecodeSettings, translate_documents

        package = install_argos_package(REPO / "tests" / "fixtures" / "argos" / "translate-xx_en-1_0.argosmodel")
        settings = DecodeSettings(beam_size=4, length_penalty=0.2, threads=threads)

        started = time.perf_counter()
        baseline = argos_style(documents, package.path, threads)
        baseline_seconds = time.perf_counter() - started

        started = time.perf_counter()
        ours = translate_documents(documents, "xx", use_cache=False, settings=settings)
        ours_seconds = time.perf_counter() - started

        translate_documents(documents, "xx", settings=settings)  # fill the cache
        started = time.perf_counter()
        translate_documents(documents, "xx", settings=settings)
        cached_seconds = time.perf_counter() - started

    same = sum(a == b.english for a, b in zip(baseline, ours, strict=True))
    print(f"sentences: {sentence_count} in {len(documents)} documents "
          f"({len(documents) * PARAGRAPHS_PER_DOCUMENT} paragraphs), threads={threads or 'default'}")
    print(f"argos-style per paragraph (batch 32 tokens): {sentence_count / baseline_seconds:10.0f} sentences/s "
          f"({baseline_seconds:.2f}s)")
    print(f"quotekit batched (4096 tokens, int8):        {sentence_count / ours_seconds:10.0f} sentences/s "
          f"({ours_seconds:.2f}s)")
    print(f"ratio quotekit / argos-style:                {baseline_seconds / ours_seconds:10.1f}x (target >= 5x)")
    print(f"quotekit re-run from the sentence cache:     {sentence_count / cached_seconds:10.0f} sentences/s "
          f"({cached_seconds:.2f}s)")
    print(f"documents with identical output in both paths: {same}/{len(documents)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
