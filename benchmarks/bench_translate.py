"""Throughput: quotekit's batched translation vs Argos-style per-paragraph translation.

Same model, same sentences, one timed run per row, no translation cache (except the last row, a
re-run). Two models:

--model toy (default): the toy xx->en package in tests/fixtures/argos (d_model 64, 2+2 layers),
  2,000 template sentences (9 words, 11 tokens on average). Its cost is per-token overhead that
  does not shrink with bigger batches, so it understates what batching gains on a real package;
  its outputs are exact, so the rows also check that the translations are right.

--model argos-size: a package with the shapes of a real Argos package (Transformer base: d_model
  512, 8 heads, 6+6 layers, feed-forward 2048, 50,000-piece shared vocabulary, int8; see
  benchmarks/argos_size.py), built at run time in a temporary folder from the toy SentencePiece
  model, with random weights, so every matrix product costs what it does in a real package.
  Random weights would stop decoding at arbitrary points, so the model is wired to stop after
  exactly as many tokens as each input has (1:1 lengths; checked before timing, batched and one
  by one, greedy and beam 4). Both paths therefore decode the same length for the same input, and
  both keep max_decoding_length 256 (never reached). The wiring appends an end token to every
  input, which costs quotekit (more, shorter inputs: quotes apart) slightly more than the baseline.
  Sentences are news-length: each joins 2-3 template sentences (about 24 words, 29 tokens). The
  default is 400 sentences so a run on a single core takes a few minutes (the per-paragraph
  baseline runs ~2 sentences/s there); --sentences 2000 for the full set (~25 minutes).
  Translations are word salad, so no exactness column.

Baseline. argostranslate.translate() itself cannot run offline here: for a package without its
own sentence-splitter model, argostranslate 1.11 makes MiniSBD download one (its issue #512), and
quotekit must never call MiniSBD or spaCy. So the baseline reproduces argostranslate's
apply_packaged_translation exactly, minus that splitter: for every paragraph, split sentences
(with quotekit's rule splitter, which is cheaper than MiniSBD, so this favours the baseline),
SentencePiece-encode each sentence, one translate_batch call with max_batch_size=32 tokens, beam 4,
and a model loaded with compute_type "auto" (Argos's defaults).

quotekit is run with Argos's decoding (beam 4), beam 2, and greedy (quotekit's default), so the
gain from batching alone (equal beams) is visible apart from the gain from decoding choice.
Threads: OMP_NUM_THREADS (both paths get the same intra_threads).

Run:  OMP_NUM_THREADS=1 python benchmarks/bench_translate.py [--model argos-size] [--sentences N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

TOY_PACKAGE = REPO / "tests" / "fixtures" / "argos" / "translate-xx_en-1_0.argosmodel"
SENTENCES = {"toy": 2000, "argos-size": 400}
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_DOCUMENT = 4
ARGOS_MAX_BATCH_TOKENS = 32


def news_sentence(rng: random.Random) -> str:
    """2-3 template sentences joined by ", and ": about the length of a news sentence."""
    from build_toy_argos import english_sentence

    parts = []
    for _ in range(rng.choice((2, 3)) - 1):
        while not ((part := english_sentence(rng)).endswith(".") and part[-2].isalpha()):
            pass  # one that ends in a plain full stop (not inside a quotation, not a question)
        parts.append(part[:-1])
    parts.append(english_sentence(rng))
    return ", and ".join(parts)


def make_documents(count: int, long: bool) -> tuple[list[str], list[str]]:
    """Toy-language documents and their exact English (the toy language is word-for-word)."""
    from build_toy_argos import english_sentence, substitute

    lexicon = json.loads((TOY_PACKAGE.parent / "toy_lexicon.json").read_text(encoding="utf-8"))
    rng = random.Random(7)
    english = [news_sentence(rng) if long else english_sentence(rng) for _ in range(count)]

    def layout(sentences: list[str]) -> list[str]:
        paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                      for i in range(0, count, SENTENCES_PER_PARAGRAPH)]
        return ["\n".join(paragraphs[i:i + PARAGRAPHS_PER_DOCUMENT])
                for i in range(0, len(paragraphs), PARAGRAPHS_PER_DOCUMENT)]

    return layout([substitute(s, lexicon["xx"]) for s in english]), layout(english)


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
                tokenized, replace_unknowns=True, max_batch_size=ARGOS_MAX_BATCH_TOKENS, batch_type="tokens",
                beam_size=4, num_hypotheses=1, length_penalty=0.2, return_scores=True,
            )
            tokens = [token for result in results for token in result.hypotheses[0]]
            translated_paragraphs.append(tokenizer.decode(tokens).lstrip(" "))
        outputs.append("\n".join(translated_paragraphs))
    return outputs


def install_model(kind: str, root: Path):
    """The package to benchmark, installed under the temporary models root."""
    from quotekit.models import argos_root, install_argos_package, read_argos_package

    if kind == "toy":
        return install_argos_package(TOY_PACKAGE)
    from argos_size import build_package

    with zipfile.ZipFile(TOY_PACKAGE) as archive:
        (root / "sentencepiece.model").write_bytes(archive.read("translate-xx_en-1_0/sentencepiece.model"))
    folder = build_package(root / "sentencepiece.model", argos_root() / "translate-xx_en-argos_size")
    return read_argos_package(folder)


def check_lengths(package_path: Path, documents: list[str], threads: int) -> None:
    """The wired model must decode exactly len(input) tokens, batched or alone, greedy or beam 4."""
    import ctranslate2
    import sentencepiece

    from quotekit.translate import model_inputs

    translator = ctranslate2.Translator(str(package_path / "model"), device="cpu", compute_type="int8",
                                        intra_threads=threads)
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package_path / "sentencepiece.model"))
    inputs = [tokenizer.encode(unit, out_type=str) for unit in model_inputs(documents[0])][:40]
    for beam in (1, 4):
        batched = translator.translate_batch(inputs, beam_size=beam, max_batch_size=2048, batch_type="tokens")
        alone = [translator.translate_batch([tokens], beam_size=beam)[0] for tokens in inputs[:8]]
        for tokens, result in zip(inputs, batched + alone, strict=False):
            if len(result.hypotheses[0]) != len(tokens):
                raise SystemExit(f"argos-size model: {len(tokens)} input tokens decoded to "
                                 f"{len(result.hypotheses[0])} (beam {beam}); lengths would not be comparable")


def input_summary(documents: list[str], package_path: Path, count: int) -> str:
    """What each path sends the model: the baseline whole sentences, quotekit unique quote-free units."""
    import sentencepiece

    from quotekit.segment import split_sentences
    from quotekit.translate import model_inputs

    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(package_path / "sentencepiece.model"))
    sentences = [p[s.start:s.end] for d in documents for p in d.split("\n") for s in split_sentences(p)]
    units = list(dict.fromkeys(u for d in documents for u in model_inputs(d)))
    sentence_tokens = [len(t) for t in tokenizer.encode(sentences)]
    unit_tokens = [len(t) for t in tokenizer.encode(units)]
    return (f"{count} sentences ({statistics.mean(len(s.split()) for s in sentences) * len(sentences) / count:.1f} "
            f"words, {sum(sentence_tokens) / count:.1f} tokens each on average); the baseline sends "
            f"{len(sentences)} split sentences ({sum(sentence_tokens)} tokens), quotekit {len(units)} unique "
            f"quote-free units ({sum(unit_tokens)} tokens)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("toy", "argos-size"), default="toy")
    parser.add_argument("--sentences", type=int, default=None,
                        help="default: 2000 for toy, 400 for argos-size (its baseline runs ~2 sentences/s)")
    args = parser.parse_args()
    count = args.sentences or SENTENCES[args.model]
    if count % (SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_DOCUMENT):
        parser.error(f"--sentences must be a multiple of {SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_DOCUMENT}")
    threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    documents, references = make_documents(count, long=args.model == "argos-size")
    rows = []
    with tempfile.TemporaryDirectory() as root:
        os.environ["QUOTEKIT_MODELS"] = root
        from quotekit.translate import DecodeSettings, translate_documents

        started = time.perf_counter()
        package = install_model(args.model, Path(root))
        setup = f"{args.model} model ready in {time.perf_counter() - started:.1f}s"
        if args.model == "argos-size":
            check_lengths(package.path, documents, threads)
            setup += "; checked: every output has exactly as many tokens as its input"
        summary = input_summary(documents, package.path, count)

        started = time.perf_counter()
        baseline = argos_style(documents, package.path, threads)
        baseline_seconds = time.perf_counter() - started

        default = DecodeSettings.from_env()
        for beam in (4, 2, 1):
            settings = DecodeSettings(beam_size=beam, max_batch_tokens=default.max_batch_tokens,
                                      compute_type=default.compute_type, threads=threads)
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
        if args.model != "toy":
            return ""
        return f"  {sum(a == b for a, b in zip(outputs, references, strict=True))}/{len(references)} docs exact"

    print(setup)
    print(summary)
    print(f"{len(documents)} documents ({len(documents) * PARAGRAPHS_PER_DOCUMENT} paragraphs), "
          f"threads={threads or 'default'}, one run each, rates in source sentences/s")
    print(f"{'argos-style per paragraph, beam 4, batch 32 tokens':58} {count / baseline_seconds:7.1f} "
          f"sentences/s ({baseline_seconds:6.1f}s)  1.0x{exact(baseline)}")
    for label, seconds, outputs in rows:
        print(f"{'quotekit batched, ' + label:58} {count / seconds:7.1f} sentences/s "
              f"({seconds:6.1f}s) {baseline_seconds / seconds:4.1f}x{exact(outputs)}")
    print(f"{'quotekit re-run from the sentence cache':58} {count / cached_seconds:7.1f} sentences/s "
          f"({cached_seconds:6.1f}s) {baseline_seconds / cached_seconds:4.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
