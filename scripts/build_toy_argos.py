"""Build tiny but real Argos Translate packages for the tests (no downloads).

Two invented languages, each a strict word-for-word substitution that keeps English word order:
  xx -> en   (the main test pair)
  yy -> xx   (so yy -> en must pivot through xx)

For each pair we train a SentencePiece model and a small pre-norm Transformer (torch, CPU, one
thread), copy its weights into a CTranslate2 ``TransformerSpec`` and zip it with ``metadata.json``
as a real ``.argosmodel``. Training stops only when greedy CTranslate2 decoding (int8, as
quotekit runs it) is exact on held-out template sentences and fragments.

Run:  OMP_NUM_THREADS=1 python scripts/build_toy_argos.py   (writes tests/fixtures/argos/)
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import io
import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "argos"
sys.path.insert(0, str(REPO))

from quotekit.translate import model_inputs  # noqa: E402  (what quotekit sends the model)

NAMES = ["Rossi", "Bianchi", "Ferrari", "Conte", "Marino", "Greco", "Ricci", "Costa", "Ivanov", "Petrov",
         "Smirnova", "Kovalenko", "Schmidt", "Weber", "Dubois", "Moreau", "Garcia", "Lopez", "Novak", "Berg"]
NOUNS = ["minister", "president", "mayor", "government", "council", "city", "school", "law", "tax", "budget",
         "report", "company", "bank", "union", "worker", "police", "court", "judge", "army", "border",
         "election", "vote", "party", "plan", "project", "price", "market", "road", "bridge", "hospital",
         "doctor", "teacher", "student", "family", "river", "village", "station", "meeting", "press", "country"]
PAST_VERBS = ["approved", "rejected", "signed", "opened", "closed", "built", "blocked", "cut", "raised", "won",
              "lost", "visited", "announced", "criticized", "defended", "supported", "ignored", "changed",
              "delayed", "funded", "paid", "checked", "found", "left", "started"]
BASE_VERBS = ["approve", "reject", "sign", "open", "close", "build", "block", "raise", "win", "lose", "visit",
              "support", "defend", "change", "need", "want", "fear", "expect", "accept"]
SPEECH_VERBS = ["said", "declared", "stated", "told", "added", "explained", "claimed", "warned", "insisted",
                "replied"]
ADJECTIVES = ["new", "old", "big", "small", "strong", "weak", "good", "bad", "public", "private", "local",
              "national", "fair", "unfair", "wrong", "right", "clear", "serious", "difficult", "simple",
              "dangerous", "safe", "important", "expensive", "cheap"]
FUNCTION_WORDS = ["the", "a", "that", "this", "is", "was", "are", "were", "not", "will", "and", "but", "of",
                  "in", "to", "for", "with", "on", "by", "from", "we", "i", "they", "it", "he", "she", "our",
                  "their", "very", "today", "yesterday", "tomorrow", "never", "also", "again", "no", "all"]
ENGLISH_WORDS = NOUNS + PAST_VERBS + BASE_VERBS + SPEECH_VERBS + ADJECTIVES + FUNCTION_WORDS

XX_SYLLABLES = ["ka", "lo", "mi", "ta", "re", "zu", "no", "ve", "si", "pa", "do", "ri", "gu", "be", "fo", "la",
                "ne", "to", "mu", "sa"]
YY_SYLLABLES = ["xo", "qui", "yan", "vek", "oth", "ush", "ik", "wel", "dra", "zim", "orf", "ply", "gax",
                "hum", "jex", "tor"]
PREPOSITIONS = ["in", "of", "for", "with", "on", "by", "from", "to"]
TIMES = ["Today", "Yesterday", "Tomorrow"]
SUBJECTS = ["We", "They", "I"]
QUOTES = [("«", "»"), ('"', '"'), ("“", "”"), ("„", "“")]
WORD_RE = re.compile(r"[A-Za-z]+")


def make_lexicon(words: list[str], syllables: list[str], seed: int, avoid: set[str]) -> dict[str, str]:
    """A fixed one-to-one word mapping built from invented syllables."""
    rng = random.Random(seed)
    used = set(avoid)
    mapping: dict[str, str] = {}
    for word in words:
        while True:
            candidate = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3))))
            if candidate not in used:
                break
        used.add(candidate)
        mapping[word] = candidate
    return mapping


def substitute(sentence: str, lexicon: dict[str, str]) -> str:
    """Word-for-word substitution; names and punctuation pass through, capitals are kept."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        mapped = lexicon.get(word.lower())
        if mapped is None:
            return word
        return mapped[0].upper() + mapped[1:] if word[0].isupper() else mapped

    return WORD_RE.sub(swap, sentence)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _np(rng: random.Random) -> str:
    det = rng.choice(("the", "the", "a", "this", "our", "their"))
    if rng.random() < 0.5:
        return f"{det} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    return f"{det} {rng.choice(NOUNS)}"


def _clause(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return f"{rng.choice(SUBJECTS)} {rng.choice(BASE_VERBS)} {_np(rng)}"
    if kind == 1:
        return f"{_cap(_np(rng))} is {rng.choice(('', 'not ', 'very '))}{rng.choice(ADJECTIVES)}".replace("  ", " ")
    if kind == 2:
        return f"{rng.choice(SUBJECTS)} will {rng.choice(('', 'never ', 'not '))}{rng.choice(BASE_VERBS)} {_np(rng)}"
    if kind == 3:
        return f"{rng.choice(('They', 'He', 'She', 'It'))} {rng.choice(PAST_VERBS)} {_np(rng)}"
    if kind == 4:
        return f"No {rng.choice(NOUNS)} will {rng.choice(BASE_VERBS)} {_np(rng)}"
    return f"{_cap(_np(rng))} {rng.choice(PAST_VERBS)} {_np(rng)} {rng.choice(PREPOSITIONS)} {_np(rng)}"


def english_sentence(rng: random.Random) -> str:
    """One English sentence from a template (plain, reported speech, direct quotes)."""
    name, speech = rng.choice(NAMES), rng.choice(SPEECH_VERBS)
    opening, closing = rng.choice(QUOTES)
    kind = rng.randrange(10)
    if kind == 0:
        return f"{name} {speech} that {_np(rng)} {rng.choice(('is', 'was'))} {rng.choice(ADJECTIVES)}."
    if kind == 1:
        return f"{opening}{_clause(rng)}{closing}, {name} {speech}."
    if kind == 2:
        return f"{name} {speech}: {opening}{_clause(rng)}.{closing}"
    if kind == 3:
        return f"{_cap(_np(rng))} {rng.choice(PAST_VERBS)} {_np(rng)} {rng.choice(PREPOSITIONS)} {_np(rng)}."
    if kind == 4:
        return f"{name} {speech} {_np(rng)}: {opening}{_clause(rng)}.{closing}"
    if kind == 5:
        return f"{rng.choice(TIMES)}, {_np(rng)} of {_np(rng)} {rng.choice(PAST_VERBS)} {_np(rng)}."
    if kind == 6:
        return f"{opening}{_clause(rng)}. {_clause(rng)}{closing}, {speech} {name}."
    if kind == 7:
        return f"{name} and {rng.choice(NAMES)} {rng.choice(PAST_VERBS)} {_np(rng)} in {_np(rng)}."
    if kind == 8:
        return f"{_clause(rng)}."
    return f"Is {_np(rng)} {rng.choice(ADJECTIVES)}?"


def fragment(sentence: str, rng: random.Random) -> str:
    """A contiguous run of words (quotekit translates quote contents and frames separately)."""
    words = sentence.split(" ")
    start = rng.randrange(len(words))
    end = rng.randrange(start + 1, len(words) + 1)
    return " ".join(words[start:end])


@dataclass(frozen=True)
class Pair:
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    source_lexicon: dict[str, str]  # English word -> source-language word
    target_lexicon: dict[str, str] | None  # English word -> target word (None: target is English)
    seed: int

    @property
    def package_name(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}-1_0"

    def example(self, rng: random.Random, fragments: bool = True) -> tuple[str, str]:
        """A full sentence, or (fragments=True) often one of the pieces quotekit actually sends the
        model (quote contents and the words around them, marks removed), or any run of words."""
        english = english_sentence(rng)
        if fragments:
            draw = rng.random()
            if draw < 0.4:
                english = rng.choice(model_inputs(english))
            elif draw < 0.55:
                english = fragment(english, rng)
        source = substitute(english, self.source_lexicon)
        target = english if self.target_lexicon is None else substitute(english, self.target_lexicon)
        return source, target


def train_sentencepiece(pairs: list[Pair], workdir: Path) -> Path:
    """One SentencePiece model for all toy languages, so the second model can start from the first."""
    import sentencepiece as spm

    lines = []
    for pair in pairs:
        rng = random.Random(pair.seed)
        for _ in range(8000):
            source, target = pair.example(rng, fragments=False)
            lines += [source, target]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, model_type="bpe", vocab_size=1600,
        hard_vocab_limit=False, character_coverage=1.0, pad_id=0, unk_id=1, bos_id=2, eos_id=3,
        pad_piece="<blank>", normalization_rule_name="identity", num_threads=1, minloglevel=2,
    )
    path = workdir / "sentencepiece.model"
    path.write_bytes(model.getvalue())
    return path


def build_model(vocab_size: int, d_model: int, max_len: int):
    import torch
    from torch import nn

    class ToyTransformer(nn.Module):
        """Pre-norm Transformer laid out exactly like CTranslate2's TransformerSpec."""

        def __init__(self):
            super().__init__()
            self.d_model = d_model
            self.src_emb = nn.Embedding(vocab_size, d_model)
            self.tgt_emb = nn.Embedding(vocab_size, d_model)
            position = torch.arange(max_len).unsqueeze(1)
            rate = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
            pe = torch.cat([torch.sin(position * rate), torch.cos(position * rate)], dim=1)
            self.register_buffer("pe", pe)
            self.transformer = nn.Transformer(
                d_model=d_model, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                dim_feedforward=4 * d_model, dropout=0.0, batch_first=True, norm_first=True,
                layer_norm_eps=1e-6,
            )
            self.generator = nn.Linear(d_model, vocab_size)
            # Unit-variance embeddings after the sqrt(d) scale, so positions are not drowned out
            # and the monotonic alignment is learned in a few hundred steps.
            for table in (self.src_emb, self.tgt_emb):
                nn.init.normal_(table.weight, std=d_model**-0.5)

        def embed(self, table, ids):
            return table(ids) * math.sqrt(self.d_model) + self.pe[: ids.shape[1]]

        def forward(self, src, tgt_in):
            src_pad = src == 0
            tgt_pad = tgt_in == 0
            causal = torch.triu(torch.ones(tgt_in.shape[1], tgt_in.shape[1], dtype=torch.bool), diagonal=1)
            hidden = self.transformer(
                self.embed(self.src_emb, src), self.embed(self.tgt_emb, tgt_in), tgt_mask=causal,
                src_key_padding_mask=src_pad, tgt_key_padding_mask=tgt_pad, memory_key_padding_mask=src_pad,
            )
            return self.generator(hidden)

    return ToyTransformer()


def export_ctranslate2(model, vocab: list[str], out_dir: Path) -> None:
    """Copy the torch weights into a CTranslate2 TransformerSpec and save it."""
    from ctranslate2.specs import transformer_spec

    def arr(tensor):
        return tensor.detach().cpu().float().numpy().copy()

    def norm(spec, layer_norm):
        spec.gamma, spec.beta = arr(layer_norm.weight), arr(layer_norm.bias)

    def linear(spec, weight, bias):
        spec.weight, spec.bias = arr(weight), arr(bias)

    d = model.d_model
    spec = transformer_spec.TransformerSpec.from_config((2, 2), 4, pre_norm=True)
    spec.config.layer_norm_epsilon = 1e-6
    encoder, decoder = spec.encoder, spec.decoder
    encoder.embeddings[0].weight = arr(model.src_emb.weight)
    encoder.position_encodings.encodings = arr(model.pe)
    norm(encoder.layer_norm, model.transformer.encoder.norm)
    for layer_spec, layer in zip(encoder.layer, model.transformer.encoder.layers, strict=True):
        norm(layer_spec.self_attention.layer_norm, layer.norm1)
        linear(layer_spec.self_attention.linear[0], layer.self_attn.in_proj_weight, layer.self_attn.in_proj_bias)
        linear(layer_spec.self_attention.linear[1], layer.self_attn.out_proj.weight, layer.self_attn.out_proj.bias)
        norm(layer_spec.ffn.layer_norm, layer.norm2)
        linear(layer_spec.ffn.linear_0, layer.linear1.weight, layer.linear1.bias)
        linear(layer_spec.ffn.linear_1, layer.linear2.weight, layer.linear2.bias)
    decoder.embeddings.weight = arr(model.tgt_emb.weight)
    decoder.position_encodings.encodings = arr(model.pe)
    norm(decoder.layer_norm, model.transformer.decoder.norm)
    for layer_spec, layer in zip(decoder.layer, model.transformer.decoder.layers, strict=True):
        norm(layer_spec.self_attention.layer_norm, layer.norm1)
        linear(layer_spec.self_attention.linear[0], layer.self_attn.in_proj_weight, layer.self_attn.in_proj_bias)
        linear(layer_spec.self_attention.linear[1], layer.self_attn.out_proj.weight, layer.self_attn.out_proj.bias)
        cross = layer.multihead_attn
        norm(layer_spec.attention.layer_norm, layer.norm2)
        linear(layer_spec.attention.linear[0], cross.in_proj_weight[:d], cross.in_proj_bias[:d])
        linear(layer_spec.attention.linear[1], cross.in_proj_weight[d:], cross.in_proj_bias[d:])
        linear(layer_spec.attention.linear[2], cross.out_proj.weight, cross.out_proj.bias)
        norm(layer_spec.ffn.layer_norm, layer.norm3)
        linear(layer_spec.ffn.linear_0, layer.linear1.weight, layer.linear1.bias)
        linear(layer_spec.ffn.linear_1, layer.linear2.weight, layer.linear2.bias)
    linear(decoder.projection, model.generator.weight, model.generator.bias)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="float16")  # halves the fixture; quotekit loads it as int8/float32
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def held_out_accuracy(model_dir: Path, sp, pairs: list[tuple[str, str]]) -> tuple[float, list[str]]:
    import ctranslate2

    translator = ctranslate2.Translator(str(model_dir), device="cpu", compute_type="int8", intra_threads=1)
    batch = [sp.encode(source, out_type=str) for source, _ in pairs]
    results = translator.translate_batch(batch, beam_size=1, max_batch_size=2048, batch_type="tokens")
    errors = []
    for (source, target), result in zip(pairs, results, strict=True):
        output = sp.decode(result.hypotheses[0])
        if output != target:
            errors.append(f"{source!r} -> {output!r} (want {target!r})")
    return 1 - len(errors) / len(pairs), errors


def learning_rate(step: int, peak: float, schedule_steps: int) -> float:
    """Short warm-up, cosine decay to 5% of the peak over schedule_steps, then flat."""
    if step < 100:
        return peak * step / 100
    progress = min(1.0, (step - 100) / max(1, schedule_steps - 100))
    return peak * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * progress)))


def train_pair(pair: Pair, workdir: Path, sp_path: Path, schedule_steps: int, max_steps: int, log,
               start_from=None):
    """Train until exact on held-out sentences; ``start_from`` warm-starts from another pair's model."""
    import sentencepiece as spm
    import torch

    warnings.filterwarnings("ignore", message=".*nested.*")
    torch.set_num_threads(1)
    torch.manual_seed(pair.seed)
    package_dir = workdir / pair.package_name
    package_dir.mkdir(parents=True)
    shutil.copyfile(sp_path, package_dir / "sentencepiece.model")
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    bos, eos = sp.bos_id(), sp.eos_id()
    model = build_model(len(vocab), d_model=64, max_len=256)
    if start_from is not None:
        model.load_state_dict(start_from.state_dict())
    peak = 2e-3 if start_from is None else 1e-3
    optimizer = torch.optim.Adam(model.parameters(), lr=peak, betas=(0.9, 0.98))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=0)
    rng = random.Random(pair.seed + 1)
    held_rng = random.Random(pair.seed + 999)
    held_out = [pair.example(held_rng, fragments=False) for _ in range(300)]
    held_out += [(substitute(unit, pair.source_lexicon),
                  unit if pair.target_lexicon is None else substitute(unit, pair.target_lexicon))
                 for _ in range(150) for unit in model_inputs(english_sentence(held_rng))]
    started = time.time()
    for step in range(1, max_steps + 1):
        examples = [pair.example(rng) for _ in range(64)]
        sources = [sp.encode(s) for s, _ in examples]
        targets = [sp.encode(t) for _, t in examples]
        src = torch.zeros(len(sources), max(map(len, sources)), dtype=torch.long)
        tgt = torch.zeros(len(targets), max(map(len, targets)) + 2, dtype=torch.long)
        for row, (s, t) in enumerate(zip(sources, targets, strict=True)):
            src[row, : len(s)] = torch.tensor(s)
            tgt[row, : len(t) + 2] = torch.tensor([bos, *t, eos])
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, peak, schedule_steps)
        logits = model(src, tgt[:, :-1])
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        if step % 250 == 0 and step >= schedule_steps // 2:
            model_dir = package_dir / "model"
            shutil.rmtree(model_dir, ignore_errors=True)
            model.eval()
            export_ctranslate2(model, vocab, model_dir)
            model.train()
            accuracy, errors = held_out_accuracy(model_dir, sp, held_out)
            log(f"{pair.package_name} step {step} loss {loss.item():.4f} held-out exact {accuracy:.3f} "
                f"({time.time() - started:.0f}s)")
            if accuracy == 1.0:
                return package_dir, model
            for line in errors[:2]:
                log("   " + line)
    raise SystemExit(f"{pair.package_name}: not exact on held-out sentences after {max_steps} steps")


def write_package(pair: Pair, package_dir: Path, out_path: Path) -> None:
    """Zip a package directory as Argos does: one top-level folder holding metadata.json."""
    metadata = {
        "package_version": "1.0", "argos_version": "1.9.0", "type": "translate",
        "from_code": pair.from_code, "from_name": pair.from_name,
        "to_code": pair.to_code, "to_name": pair.to_name,
        "links": [f"http://127.0.0.1/{pair.package_name}.argosmodel"],
    }
    (package_dir / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    (package_dir / "README.md").write_text(
        f"# Toy {pair.from_name} -> {pair.to_name}\n\nBuilt by scripts/build_toy_argos.py for quotekit's tests: "
        "a word-for-word substitution language, not a real language.\n", encoding="utf-8")
    tmp = out_path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{pair.package_name}/{path.relative_to(package_dir).as_posix()}",
                                       date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    tmp.replace(out_path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXTURES)
    parser.add_argument("--steps", type=int, default=2400, help="learning-rate schedule length (first pair)")
    parser.add_argument("--max-steps", type=int, default=5000)
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    english_names = {w.lower() for w in NAMES} | set(ENGLISH_WORDS)
    xx_lexicon = make_lexicon(ENGLISH_WORDS, XX_SYLLABLES, seed=11, avoid=english_names)
    yy_lexicon = make_lexicon(ENGLISH_WORDS, YY_SYLLABLES, seed=23, avoid=english_names | set(xx_lexicon.values()))
    pairs = [
        Pair("xx", "en", "Toy Xx", "English", xx_lexicon, None, seed=101),
        Pair("yy", "xx", "Toy Yy", "Toy Xx", yy_lexicon, xx_lexicon, seed=202),
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sp_path = train_sentencepiece(pairs, Path(tmp))
        model = None
        for pair in pairs:
            schedule = args.steps if model is None else args.steps // 2  # the second pair starts warm
            package_dir, model = train_pair(pair, Path(tmp), sp_path, schedule, args.max_steps, log,
                                            start_from=model)
            write_package(pair, package_dir, args.out / f"{pair.package_name}.argosmodel")
    lexicon = {"names": NAMES, "xx": xx_lexicon, "yy": yy_lexicon}
    (args.out / "toy_lexicon.json").write_text(json.dumps(lexicon, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
