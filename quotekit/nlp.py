"""Stanza pipelines built from quotekit's own model files, never from the network."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from .errors import ModelError
from .models import models_root, stanza_root

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
    """Paths of every model file for ``lang``; one clear error naming a missing or empty file."""
    folder = stanza_dir(lang)
    paths = {}
    for processor, name in REQUIRED_FILES.items():
        path = folder / name
        if not path.is_file() or path.stat().st_size == 0:
            if lang == "en":
                how = "restore it with `git checkout -- models/stanza/en` or retrain with scripts/train_stanza.py"
            else:
                how = f"install it with `quotekit models install-stanza {lang} --from DIR|URL`"
            raise ModelError(f"Stanza model file missing: {path} ({processor}); {how}")
        paths[processor] = path
    return paths


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
        "pos_pretrain_path": str(paths["pretrain"]),
        "lemma_model_path": str(paths["lemma"]),
        "depparse_model_path": str(paths["depparse"]),
        "depparse_pretrain_path": str(paths["pretrain"]),
        "ner_model_path": str(paths["ner"]),
        "ner_pretrain_path": str(paths["pretrain"]),
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
        return stanza.Pipeline(**config)
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
    return pipeline(lang)(parser_form(text))
