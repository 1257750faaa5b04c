"""Learned attributions: rows the rules miss, proposed from the parse and kept by a trained classifier.

The rules find the attributions their cue lexicons name. Annotated news also attributes beliefs,
plans and stances through a long tail of verbs ('relished the fight', 'hopes to win', 'blocked the
bill'). For each verb the rules did not use, this module proposes each complement's subtree as what
its subject said, thought or did, and the whole clause from the subject on as a view nobody is named
for ('Clinton looks much weaker'); the verb is the cue. A logistic-regression model over parse
features (quotekit.learn trains it from gold attributions) keeps at most one per verb.

No model ships with quotekit: the only gold at hand (PolNeAR) has no licence, so a user trains one
locally (`quotekit learn GOLD.jsonl -o MODEL.json`) and passes it with `--learned MODEL.json`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ModelError
from .cues import is_cue
from .parse import Parse, Word
from .subjects import cue_subject

MODEL_FORMAT = "quotekit-learned-attributions-1"

# relations of a verb's dependents whose subtree can be what the verb's subject said, thought or did
CANDIDATE_RELS = frozenset({"nmod", "acl", "ccomp", "xcomp", "obj", "obl", "advcl", "parataxis", "iobj", "csubj"})
FUNCTION_POS = frozenset({"SCONJ", "ADP", "PART", "PRON", "DET"})
QUOTE_CHARS = "\"\u201c\u201d"


@dataclass(frozen=True)
class Candidate:
    """One proposed attribution: ``verb`` is the cue, ``subject`` the speaker (None: nobody named holds
    it), [start, end) the content."""

    verb: Word
    subject: Word | None
    start: int
    end: int
    features: tuple[str, ...]


@dataclass(frozen=True)
class LearnedModel:
    """Feature weights of a logistic regression and the probability a candidate needs to become a row."""

    weights: dict[str, float]
    threshold: float
    about: str = ""

    def probability(self, features: tuple[str, ...]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"format": MODEL_FORMAT, "threshold": self.threshold, "about": self.about,
                           "weights": self.weights}, indent=0, sort_keys=True)


def save_model(model: LearnedModel, path: Path) -> None:
    """Write the model whole or not at all (a temporary file renamed over the target)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(model.to_json() + "\n", encoding="utf-8")
    tmp.replace(path)


def load_model(path: Path) -> LearnedModel:
    """A model written by ``save_model``; anything else is a ModelError naming the file. Read once per
    version of the file (a batch loads it for every document)."""
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise ModelError(f"cannot read learned model {path}: {exc.strerror}", stage="attribute") from exc
    return _load_model(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_model(path: str, mtime_ns: int, size: int) -> LearnedModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read learned model {path}: {exc.strerror}", stage="attribute") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"cannot read learned model {path}: not JSON ({exc})", stage="attribute") from exc
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path} is not a quotekit learned model (train one with `quotekit learn`)",
                         stage="attribute")
    weights, threshold = data.get("weights"), data.get("threshold")
    if not isinstance(weights, dict) or not isinstance(threshold, (int, float)) or not all(
            isinstance(k, str) and isinstance(v, (int, float)) for k, v in weights.items()):
        raise ModelError(f"{path}: weights or threshold missing or malformed", stage="attribute")
    return LearnedModel({k: float(v) for k, v in weights.items()}, float(threshold), str(data.get("about", "")))


def _length(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16+"


@dataclass(frozen=True)
class _Verb:
    """What the features of every candidate of one verb share."""

    word: Word
    own_subject: Word | None  # its nsubj, passive or not
    negated: bool
    aux: str
    in_row: bool  # inside a rule row's content
    in_lexicon: bool  # a cue the rules know (used elsewhere, or here without a content they accept)
    sentence_has_row: bool


def _candidate(text: str, spans, verb: _Verb, holder: Word | None, said: Word, words: list[Word], rel: str,
               family: str) -> Candidate | None:
    start, end = words[0].start, words[-1].end
    if any(s <= start and end <= e for s, e in spans):
        return None
    subj = holder or verb.own_subject
    lemma = verb.word.lemma.lower()
    subject_kind = subj.lemma.lower() if subj.upos in ("NOUN", "PRON") else subj.upos
    subject_ner = subj.ner.split("-")[-1] if subj.ner != "O" else "O"
    overlaps = any(s < end and start < e for s, e in spans)
    first = words[0].lemma.lower() if words[0].upos in FUNCTION_POS else words[0].upos
    length = _length(len(words))
    lexicon = int(verb.in_lexicon)
    features = (
        "b", "L=" + lemma, "R=" + rel, f"LR={lemma}|{rel}", "S=" + subj.upos, "SN=" + subject_ner,
        "SL=" + subject_kind, f"SLL={subject_kind}|{lemma}", "VR=" + verb.word.rel, f"LVR={lemma}|{verb.word.rel}",
        "LEN=" + length, f"RLEN={rel}|{length}", "CU=" + said.upos, "F=" + first, f"RF={rel}|{first}",
        f"LF={lemma}|{first}", f"IN={int(verb.in_row)}", f"OV={int(overlaps)}", f"NEG={int(verb.negated)}",
        "AUX=" + verb.aux, f"CL={rel}|{said.lemma.lower()}", f"LCL={lemma}|{rel}|{said.lemma.lower()}",
        f"ORD={int(said.index > verb.word.index)}", f"SNL={subject_ner}|{lemma}", "FAM=" + family,
        f"SROW={int(verb.sentence_has_row)}", f"LEX={lexicon}", f"LEXR={lexicon}|{rel}",
        f"QM={int(any(ch in text[start:end] for ch in QUOTE_CHARS))}", f"FL={family}|{lemma}",
    )
    return Candidate(verb.word, holder, start, end, features)


def candidates(parse: Parse, rows) -> list[Candidate]:
    """Candidates around the rules' ``rows`` (Attributions) for every verb that is not already a row's cue
    and has a subject: one per complement (the subject holds it), and one for the whole clause from the
    subject on, held by nobody ('Clinton looks much weaker', 'A decision is expected in May'); none whose
    words all lie inside a row's content."""
    text = parse.text
    used = {r.cue_start for r in rows if r.cue_start is not None}
    spans = [(r.quote_start, r.quote_end) for r in rows]
    sentences_with_rows = {r.sentence_index for r in rows}
    out: list[Candidate | None] = []
    for word in parse.words:
        if word.upos != "VERB" or word.start in used:
            continue
        kids = parse.children(word)
        own = next((k for k in kids if k.rel == "nsubj"), None)
        subject = own if own is not None and own.deprel != "nsubj:pass" else None
        family = "own"
        if subject is None:
            family, subject = "inherited", cue_subject(parse, word)  # 'wants to X and hopes to Y'
        if subject is None and own is None:
            continue
        verb = _Verb(word, own, any(k.rel == "advmod" and k.lemma.lower() in ("not", "never") for k in kids),
                     ",".join(k.lemma.lower() for k in kids if k.rel == "aux"),
                     any(s <= word.start < e for s, e in spans), is_cue(parse, word),
                     word.sent in sentences_with_rows)
        if subject is not None:
            for child in kids:
                if child.rel in CANDIDATE_RELS and child.index != subject.index:
                    words = [w for w in parse.subtree(child) if w.upos != "PUNCT" or w.text == "'s"]
                    if words:
                        out.append(_candidate(text, spans, verb, subject, child, words, child.rel, family))
        if own is not None and own.index < word.index:
            first = parse.subtree(own)[0].index
            clause = [w for w in parse.subtree(word) if w.index >= first]
            while clause and clause[-1].upos == "PUNCT":
                clause.pop()
            if clause:
                out.append(_candidate(text, spans, verb, None, word, clause, "clause", "unheld"))
    return [c for c in out if c is not None]


def kept(parse: Parse, rows, model: LearnedModel, proposed: Sequence[Candidate] | None = None) -> list[Candidate]:
    """The candidates the model keeps (of ``proposed``, by default ``candidates(parse, rows)``): per verb,
    its most probable complement at or above the threshold."""
    best: dict[int, tuple[float, Candidate]] = {}
    for cand in candidates(parse, rows) if proposed is None else proposed:
        p = model.probability(cand.features)
        if p >= model.threshold and (cand.verb.index not in best or best[cand.verb.index][0] < p):
            best[cand.verb.index] = (p, cand)
    return [cand for _, cand in sorted(best.values(), key=lambda pc: pc[1].start)]
