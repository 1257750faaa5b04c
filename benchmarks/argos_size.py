"""A translation package with the size of a real Argos one, built in seconds, for benchmarks only.

Real Argos packages (argos-train: OpenNMT-py ``config.yml`` and ``ct2-opennmt-py-converter
--quantization int8``) are pre-norm Transformer-base models: d_model 512, 8 heads, 6 encoder and 6
decoder layers, feed-forward 2048, ReLU, sinusoidal positions, one shared 50,000-piece
SentencePiece vocabulary with separate source embeddings, target embeddings and output
projection, stored int8. This package has exactly those shapes (121M parameters, int8, ~125 MB),
so every matrix product costs what it costs in a real package, but no training: the weights are
random except for one wired path that makes the length of each output realistic.

Why wired: a random model decides arbitrarily when to stop (usually never, running to
max_decoding_length), so throughput would measure the stopping rule, not the batching. Here the
model always stops after exactly as many tokens as its input has (a 1:1 length ratio), whatever
the batch: the source gets an end token (``add_source_eos``); decoder layer 0's cross-attention
head 0 matches the decoder position to the same source position through 64 reserved
sinusoidal dimensions, and reads a flag that only the source end token carries; that flag drives
the end token's logit. All other weights are random (small output projections, so the reserved
dimensions stay clean), and the reserved rows are zeros, which cost the same as any other weight.
Beam search sees the same lengths (the end token is certain at that step and impossible before).

Output pieces are restricted (by the projection bias) to the SentencePiece model's own pieces,
so the decoded text is readable word salad of realistic length; the other ~48,000 vocabulary rows
are still computed at every step. Never used by tests; built in a temporary folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

D_MODEL = 512
HEADS = 8
LAYERS = 6
FFN = 2048
VOCAB = 50_000  # argos-train: spm_train --vocab_size=50000, shared source/target vocabulary
MAX_POSITIONS = 1024
POSITION_DIMS = 64  # dims 0..63: the 32 highest sinusoid frequencies, kept free of everything else
FLAG_DIM = 64  # set only by the source end token's embedding
STOP_DIM = 65  # written by the wired cross-attention head, read by the end token's logit
RESERVED = POSITION_DIMS + 2
MATCH_GAIN = 4.0  # query and key scale of the wired head: neighbours get ~e^-16 of the attention
FLAG_VALUE = 6.0
STOP_WEIGHT, STOP_BIAS = 10.0, -30.0


def sinusoids(positions: int, depth: int) -> np.ndarray:
    """OpenNMT-py's position encodings: interleaved sin/cos, frequencies 10000^(-2i/depth)."""
    rates = 10000.0 ** (-np.arange(0, depth, 2, dtype=np.float64) / depth)
    angles = np.arange(positions, dtype=np.float64)[:, None] * rates[None, :]
    table = np.empty((positions, depth), dtype=np.float32)
    table[:, 0::2], table[:, 1::2] = np.sin(angles), np.cos(angles)
    return table


def build_package(sentencepiece_model: Path, out_dir: Path, *, from_code: str = "xx", to_code: str = "en",
                  seed: int = 0) -> Path:
    """Write an installed-package folder (metadata.json, sentencepiece.model, model/) at ``out_dir``."""
    import sentencepiece
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sentencepiece_model))
    pieces = [tokenizer.id_to_piece(i) for i in range(tokenizer.get_piece_size())]
    vocabulary = pieces + [f"<extra_{i}>" for i in range(VOCAB - len(pieces))]
    eos = pieces.index("</s>")

    def random(rows: int, cols: int, scale: float = 1.0) -> np.ndarray:
        return (rng.standard_normal((rows, cols), dtype=np.float32) * (scale / np.sqrt(cols))).astype(np.float32)

    def writer(rows: int, cols: int) -> np.ndarray:
        """A sublayer's output projection: small, and silent on the reserved dimensions."""
        weight = random(rows, cols, 0.1)
        weight[:RESERVED] = 0.0
        return weight

    def norm(spec) -> None:
        spec.gamma, spec.beta = np.ones(D_MODEL, np.float32), np.zeros(D_MODEL, np.float32)

    def linear(spec, weight: np.ndarray) -> None:
        spec.weight, spec.bias = weight, np.zeros(weight.shape[0], np.float32)

    def embeddings() -> np.ndarray:
        table = random(VOCAB, D_MODEL, 0.5)  # times sqrt(512) in the model: per-dim std 0.5
        table[:, :RESERVED] = 0.0
        return table

    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)
    spec.config.add_source_eos = True
    positions = sinusoids(MAX_POSITIONS, D_MODEL)
    # Zero-mean rows, shifting only the free dimensions: layer norm must not move the reserved ones.
    positions[:, RESERVED:] -= positions.sum(axis=1, keepdims=True) / (D_MODEL - RESERVED)
    encoder, decoder = spec.encoder, spec.decoder

    source_embeddings = embeddings()
    source_embeddings[eos, FLAG_DIM] = FLAG_VALUE / np.sqrt(D_MODEL)
    encoder.embeddings[0].weight = source_embeddings
    encoder.position_encodings.encodings = positions
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        norm(layer.self_attention.layer_norm)
        qkv = random(3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[0], qkv)
        linear(layer.self_attention.linear[1], writer(D_MODEL, D_MODEL))
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, random(FFN, D_MODEL))
        linear(layer.ffn.linear_1, writer(D_MODEL, FFN))

    decoder.embeddings.weight = embeddings()
    decoder.position_encodings.encodings = positions
    norm(decoder.layer_norm)
    for index, layer in enumerate(decoder.layer):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], random(3 * D_MODEL, D_MODEL))
        linear(layer.self_attention.linear[1], writer(D_MODEL, D_MODEL))
        norm(layer.attention.layer_norm)
        queries, keys_values, out = random(D_MODEL, D_MODEL), random(2 * D_MODEL, D_MODEL), writer(D_MODEL, D_MODEL)
        if index == 0:  # the wired head: rows 0..63 of queries/keys/values are head 0
            head = slice(0, D_MODEL // HEADS)
            queries[head] = 0.0
            keys_values[head] = 0.0
            keys_values[D_MODEL:D_MODEL + D_MODEL // HEADS] = 0.0
            diagonal = np.arange(POSITION_DIMS)
            queries[diagonal, diagonal] = MATCH_GAIN
            keys_values[diagonal, diagonal] = MATCH_GAIN
            keys_values[D_MODEL, FLAG_DIM] = 1.0  # head 0's first value slot: the flag
            out[:, head] = 0.0
            out[STOP_DIM, 0] = 1.0
        linear(layer.attention.linear[0], queries)
        linear(layer.attention.linear[1], keys_values)
        linear(layer.attention.linear[2], out)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, random(FFN, D_MODEL))
        linear(layer.ffn.linear_1, writer(D_MODEL, FFN))

    projection = random(VOCAB, D_MODEL, 2.0)
    projection[:, :RESERVED] = 0.0
    projection[eos] = 0.0
    projection[eos, STOP_DIM] = STOP_WEIGHT
    bias = np.zeros(VOCAB, np.float32)
    bias[len(pieces):] = -1e4  # decodable output: only the SentencePiece model's pieces win
    for special in ("<blank>", "<unk>", "<s>", "<pad>"):
        if special in pieces:
            bias[pieces.index(special)] = -1e4
    bias[eos] = STOP_BIAS
    decoder.projection.weight, decoder.projection.bias = projection, bias

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="int8")  # what argos-train ships
    (out_dir / "model").mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir / "model"))
    shutil.copyfile(sentencepiece_model, out_dir / "sentencepiece.model")
    metadata = {"package_version": "1.0", "argos_version": "1.9.0", "type": "translate",
                "from_code": from_code, "from_name": "Toy Xx (Argos-sized random model)",
                "to_code": to_code, "to_name": "English"}
    (out_dir / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return out_dir
