"""Stanza pipelines built from quotekit's own model files, never from the network."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from .errors import ModelError
from .models import PRETRAIN_READERS, models_root, stanza_pretrains, stanza_root

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
REQUIRED_FILES = {
    "tokenize": "tokenize.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
    "ner": "ner.pt",
    "pretrain": "pretrain.pt",
}
_lock = threading.Lock()


def stanza_dir(lang: str = "en") -> Path:
    return stanza_root() / lang


def check_stanza_files(lang: str = "en") -> dict[str, Path]:
    """Paths of every model file for ``lang`` (``<processor>_pretrain``: the word vectors each reader
    uses); one clear error naming a missing or empty file."""
    folder = stanza_dir(lang)
    if lang == "en":
        how = "restore it with `git checkout -- models/stanza/en` or retrain with scripts/train_stanza.py"
    else:
        how = f"install it with `quotekit models install-stanza {lang} --from DIR|URL`"
    wanted = dict(REQUIRED_FILES)
    try:
        wanted.update({f"{reader}_pretrain": name for reader, name in stanza_pretrains(folder).items()})
    except ModelError as exc:
        raise ModelError(f"{exc}; {how}") from exc
    paths = {}
    for processor, name in wanted.items():
        path = folder / name
        if not path.is_file() or path.stat().st_size == 0:
            raise ModelError(f"Stanza model file missing: {path} ({processor}); {how}")
        paths[processor] = path
    return paths


def word_vector_cache(paths: dict[str, Path]):
    """Stanza's cache of word vectors, loaded here once per file and widened to float32: a vector file
    may be stored in half precision to keep the model set small, and the tagger and parser need float32."""
    import torch
    from stanza.models.common.foundation_cache import FoundationCache
    from stanza.models.common.pretrain import Pretrain

    cache = FoundationCache(local_files_only=True)
    for reader in PRETRAIN_READERS:
        path = str(paths[f"{reader}_pretrain"])
        if path not in cache.pretrains:
            vectors = Pretrain(path)
            vectors._emb = vectors.emb.to(torch.float32)
            cache.pretrains[path] = vectors
    return cache


def _empty_resources() -> Path:
    """Stanza insists on a resources.json; ours lists nothing, so nothing is ever resolved or fetched."""
    return Path(__file__).resolve().parent / "data" / "stanza_resources.json"


@lru_cache(maxsize=4)
def _build_pipeline(lang: str, root: str):
    paths = check_stanza_files(lang)
    import stanza

    config = {
        "lang": lang,
        "processors": ",".join(PROCESSORS),
        "download_method": None,
        "tokenize_model_path": str(paths["tokenize"]),
        "mwt_model_path": str(paths["mwt"]),
        "pos_model_path": str(paths["pos"]),
        "pos_pretrain_path": str(paths["pos_pretrain"]),
        "lemma_model_path": str(paths["lemma"]),
        "depparse_model_path": str(paths["depparse"]),
        "depparse_pretrain_path": str(paths["depparse_pretrain"]),
        "tokenize_postprocessor": _merge_false_splits,
        "ner_model_path": str(paths["ner"]),
        "ner_pretrain_path": str(paths["ner_pretrain"]),
        "ner_charlm_forward_file": None,
        "ner_charlm_backward_file": None,
        "pos_forward_charlm_path": None,
        "pos_backward_charlm_path": None,
        "depparse_forward_charlm_path": None,
        "depparse_backward_charlm_path": None,
        "lemma_forward_charlm_path": None,
        "lemma_backward_charlm_path": None,
        "use_gpu": False,
        "logging_level": "ERROR",
        "dir": str(stanza_dir(lang)),
        # every path is explicit: an empty resources file keeps stanza from looking anything up
        "allow_unknown_language": True,
        "resources_filepath": str(_empty_resources()),
    }
    try:
        return stanza.Pipeline(**config, foundation_cache=word_vector_cache(paths))
    except Exception as exc:  # stanza raises many types for a corrupt file
        raise ModelError(
            f"cannot load the Stanza models in {stanza_dir(lang)} ({type(exc).__name__}: {exc}); "
            "restore them with `git checkout -- models/stanza` or reinstall them"
        ) from exc


def pipeline(lang: str = "en"):
    """The process-wide Stanza pipeline for ``lang`` (built once, offline)."""
    with _lock:
        return _build_pipeline(lang, str(models_root()))


# Typographic characters news text is full of but the treebank (web text) rarely has: the parser
# sees "he'll", "don't" and "..." for "he’ll", "don’t" and “...”. One character for one, so every
# offset stanza reports still indexes the original text.
_PARSER_FORMS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u2032": "'",
                               "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                               "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def parser_form(text: str) -> str:
    """``text`` with typographic quotes and spaces replaced one-for-one by the treebank's ASCII forms."""
    return text.translate(_PARSER_FORMS)


def parse(text: str, lang: str = "en"):
    """Parse text into a stanza Document; offsets index ``text`` (word forms may be ASCII-fied)."""
    nlp = pipeline(lang)
    _being_parsed.text = parser_form(text)  # what the tokenizer's postprocessor aligns to
    try:
        return nlp(_being_parsed.text)
    finally:
        _being_parsed.text = None


class _BeingParsed(threading.local):
    text: str | None = None


_being_parsed = _BeingParsed()

# A sentence may end without punctuation in web text (the treebank), hardly ever in news: the
# tokenizer's split before a capital ("Dayton tells | The Associated Press that ...") or after a title
# ("Former Gov. | Jeb Bush said") is undone unless a line break separates the two parts.
_TERMINAL = frozenset(".!?\u2026")
_CLOSERS = frozenset("\"'\u201d\u2019\u00bb)]")
_TITLES = frozenset("""mr mrs ms dr gov sen rep gen lt col sgt capt prof adm maj cmdr st rev hon pres supt
    sens reps govs""".split())


def _ends_sentence(tokens: list[str]) -> bool:
    for token in reversed(tokens):
        if token and all(ch in _CLOSERS for ch in token):
            continue  # '." ' : look at what the closing mark closes
        return bool(token) and token[-1] in _TERMINAL and token.rstrip(".").lower() not in _TITLES
    return True


def merge_false_splits(sentences: list[list[str]], text: str) -> list[list[str]]:
    """Join tokenizer sentences that are not separated by terminal punctuation or a line break.

    ``sentences`` are token texts in order (as stanza's tokenize postprocessor gets them; a token may be
    a ``(text, is_mwt)`` pair); ``text`` is what was tokenized. Unalignable input is left as it is.
    """
    spans, position = [], 0
    for sentence in sentences:
        first = None
        for token in sentence:
            token_text = token if isinstance(token, str) else token[0]
            found = text.find(token_text, position)
            if found < 0:
                return sentences
            first = found if first is None else first
            position = found + len(token_text)
        spans.append((first if first is not None else position, position))
    merged: list[list[str]] = []
    for k, sentence in enumerate(sentences):
        if merged and "\n" not in text[spans[k - 1][1]:spans[k][0]] and not _ends_sentence(
                [t if isinstance(t, str) else t[0] for t in merged[-1]]):
            merged[-1] = merged[-1] + list(sentence)
        else:
            merged.append(list(sentence))
    return merged


def _merge_false_splits(sentences):
    text = _being_parsed.text
    return sentences if text is None else merge_false_splits(sentences, text)
