"""Throughput: quotekit's batched translation vs Argos-style per-paragraph translation.

Same model (the toy xx->en package in tests/fixtures/argos), same 2,000 sentences, one run each,
no translation cache (except the last row, a re-run).

Baseline. argostranslate.translate() itself cannot run offline here: for a package without its
own sentence-splitter model, argostranslate 1.11 makes MiniSBD download one (its issue #512), and
quotekit must never call MiniSBD or spaCy. So the baseline reproduces argostranslate's
apply_packaged_translation exactly, minus that splitter: for every paragraph, split sentences
(with quotekit's rule splitter, which is cheaper than MiniSBD, so this favours the baseline),
SentencePiece-encode each sentence, one translate_batch call with max_batch_size=32 tokens, and
a model loaded with compute_type "auto" (Argos's defaults).

quotekit is run with Argos's decoding (beam 4), beam 2, and greedy (quotekit's default), so the
gain from batching alone (equal beams) is visible apart from the gain from decoding choice.

Note: the toy model is tiny (d_model 64, 2+2 layers): its cost is dominated by per-token work
that does not shrink with bigger batches, so this benchmark understates what batching gains on a
real 60M-parameter Argos model (bigger matrix products), and the baseline leaves out MiniSBD's own
per-paragraph cost. Measure on a real package before quoting a ratio for one.

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


def make_documents() -> tuple[list[str], list[str], int]:
    """Toy-language documents and their exact English (the toy language is word-for-word)."""
    import json

    from build_toy_argos import english_sentence, substitute

    lexicon = json.loads((REPO / "tests" / "fixtures" / "argos" / "toy_lexicon.json").read_text(encoding="utf-8"))
    rng = random.Random(7)
    english = [english_sentence(rng) for _ in range(SENTENCES)]

    def layout(sentences: list[str]) -> list[str]:
        paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                      for i in range(0, SENTENCES, SENTENCES_PER_PARAGRAPH)]
        return ["\n".join(paragraphs[i:i + PARAGRAPHS_PER_DOCUMENT])
                for i in range(0, len(paragraphs), PARAGRAPHS_PER_DOCUMENT)]

    return layout([substitute(s, lexicon["xx"]) for s in english]), layout(english), len(english)


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
    documents, references, sentence_count = make_documents()
    rows = []
    with tempfile.TemporaryDirectory() as root:
        os.environ["QUOTEKIT_MODELS"] = root
        from quotekit.models import install_argos_package
        from quotekit.translate import DecodeSettings, translate_documents

        package = install_argos_package(REPO / "tests" / "fixtures" / "argos" / "translate-xx_en-1_0.argosmodel")

        started = time.perf_counter()
        baseline = argos_style(documents, package.path, threads)
        baseline_seconds = time.perf_counter() - started

        default = DecodeSettings.from_env()
        for beam in (4, 2, 1):
            settings = DecodeSettings(beam_size=beam, max_batch_tokens=default.max_batch_tokens, threads=threads)
            label = f"beam {beam}" + (" (Argos's setting)" if beam == 4 else "")
            label += " (quotekit default)" if beam == default.beam_size else ""
            started = time.perf_counter()
            translated = translate_documents(documents, "xx", use_cache=False, settings=settings)
            rows.append((label, time.perf_counter() - started, [t.english for t in translated]))

        translate_documents(documents, "xx", settings=default)  # fill the cache
        started = time.perf_counter()
        translate_documents(documents, "xx", settings=default)
        cached_seconds = time.perf_counter() - started

    def exact(outputs: list[str]) -> str:
        return f"{sum(a == b for a, b in zip(outputs, references, strict=True))}/{len(references)} docs exact"

    print(f"{sentence_count} sentences in {len(documents)} documents "
          f"({len(documents) * PARAGRAPHS_PER_DOCUMENT} paragraphs), threads={threads or 'default'}, one run each")
    print(f"{'argos-style per paragraph, beam 4, batch 32 tokens':58} {sentence_count / baseline_seconds:7.0f} "
          f"sentences/s ({baseline_seconds:5.2f}s)  1.0x  {exact(baseline)}")
    for label, seconds, outputs in rows:
        print(f"{'quotekit batched, ' + label:58} {sentence_count / seconds:7.0f} sentences/s "
              f"({seconds:5.2f}s) {baseline_seconds / seconds:4.1f}x  {exact(outputs)}")
    print(f"{'quotekit re-run from the sentence cache':58} {sentence_count / cached_seconds:7.0f} sentences/s "
          f"({cached_seconds:5.2f}s) {baseline_seconds / cached_seconds:4.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
