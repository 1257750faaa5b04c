"""Train the learned-attribution model (attribute/learned.py) from gold attributions.

Each candidate the rules leave is labelled by the gold: it is a positive when it covers at least 0.3
of a gold content that no rule row matched (the GGT criterion `quotekit eval` scores), its verb is
that gold's cue, and its speaker is the gold's source (none when the gold names none). A logistic
regression over the candidates' features is fitted; the probability threshold with the best
cross-validated F1 that lowers speaker accuracy by at most half a point is kept, and the model is
then fitted on every document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import evaluate as ev
from .attribute.engine import Attribution, attribute_parse, repaired
from .attribute.learned import Candidate, LearnedModel, candidates, kept
from .attribute.media import Gazetteer
from .attribute.parse import Parse
from .attribute.subjects import speaker_mention

THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
DEFAULT_L2 = 3.0
MAX_SPEAKER_DROP = 0.005  # how much speaker accuracy the learned rows may cost, at most


@dataclass(frozen=True)
class LabelledDocument:
    """A gold document with the rules' rows and the candidates around them, each labelled."""

    gold: ev.GoldDocument
    parse: Parse  # repaired, as the engine reads it
    rows: tuple[Attribution, ...]
    candidates: tuple[Candidate, ...]
    labels: tuple[int, ...]
    speakers: tuple[tuple[int, int] | None, ...]  # each candidate's speaker mention, as its row would name it


def predicted(rows: Sequence[Attribution]) -> list[ev.PredictedAttribution]:
    """The engine's rows as the scorer reads them (before ``ev.relations`` joins continued quotations)."""
    return [ev.PredictedAttribution(content=((a.quote_start, a.quote_end),), quote_type=a.quote_type,
                                    speaker=ev.optional_span(a.speaker_start, a.speaker_end),
                                    cue=ev.optional_span(a.cue_start, a.cue_end)) for a in rows]


def label_document(gold: ev.GoldDocument, parse: Parse, gazetteer: Gazetteer) -> LabelledDocument:
    """The rules' rows on ``parse`` and their candidates, labelled against the gold the rows missed."""
    rows = tuple(attribute_parse(parse, gazetteer))
    text = gold.text
    gold_sets = [frozenset(ev.significant_positions(text, g.content)) for g in gold.attributions]
    rule_predictions = ev.relations(predicted(rows), text)
    predicted_sets = [frozenset(ev.significant_positions(text, p.content)) for p in rule_predictions]
    matched = {g for g, _ in ev.match_one_to_one(gold_sets, predicted_sets, 0.3)}
    missed = [(g, gold.attributions[i].cue, frozenset(ev.significant_positions(text, gold.attributions[i].source)))
              for i, g in enumerate(gold_sets) if i not in matched and g]
    engine_parse = repaired(parse)
    found = tuple(candidates(engine_parse, rows))
    labels, speakers = [], []
    for cand in found:
        span = frozenset(ev.significant_positions(text, [(cand.start, cand.end)]))
        mention = None if cand.subject is None else speaker_mention(engine_parse, cand.subject, cand.verb)
        speakers.append(None if mention is None else (mention.start, mention.end))
        speaker = frozenset(ev.significant_positions(text, speakers[-1:] if mention is not None else []))
        labels.append(int(any(
            len(g & span) / len(g) >= 0.3 and ev.span_correct(source, speaker)
            and (not cue or any(s < cand.verb.end and cand.verb.start < e for s, e in cue))
            for g, cue, source in missed)))
    return LabelledDocument(gold, engine_parse, rows, found, tuple(labels), tuple(speakers))


def parse_and_label(gold_docs: Sequence[ev.GoldDocument],
                    on_document: Callable[[ev.GoldDocument], None] | None = None) -> list[LabelledDocument]:
    """Parse each gold text with the shipped English models and label it (``label_document``)."""
    from . import nlp
    from .attribute.media import load_gazetteer
    from .attribute.parse import from_stanza

    gazetteer = load_gazetteer(None)
    out = []
    for document in gold_docs:
        if document.text.strip():
            out.append(label_document(document, from_stanza(nlp.parse(document.text, "en"), document.text), gazetteer))
        if on_document is not None:
            on_document(document)
    return out


def fit(examples: Sequence[tuple[tuple[str, ...], int]], l2: float = DEFAULT_L2) -> dict[str, float]:
    """Logistic-regression weights (L2-regularised, full-batch L-BFGS) for feature tuples and 0/1 labels."""
    import torch

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for n, (features, _) in enumerate(examples):
        for f in set(features):
            rows.append(n)
            cols.append(vocabulary.setdefault(f, len(vocabulary)))
    if not vocabulary:
        return {}
    size = (len(examples), len(vocabulary))  # indices built above are valid: skip torch's invariant checks
    x = torch.sparse_coo_tensor(torch.tensor([rows, cols]), torch.ones(len(rows), dtype=torch.float64), size,
                                check_invariants=False).coalesce()
    y = torch.tensor([label for _, label in examples], dtype=torch.float64)
    w = torch.zeros(len(vocabulary), dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([w], max_iter=500, tolerance_grad=1e-6, tolerance_change=1e-9,
                                  history_size=20, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        z = torch.sparse.mm(x, w.unsqueeze(1)).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y, reduction="sum") + 0.5 * l2 * (w * w).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    weights = w.detach().tolist()
    return {f: round(weights[i], 5) for f, i in vocabulary.items() if abs(weights[i]) >= 1e-5}


def _examples(documents: Sequence[LabelledDocument]) -> list[tuple[tuple[str, ...], int]]:
    return [(c.features, label) for d in documents for c, label in zip(d.candidates, d.labels, strict=True)]


def _predictions(document: LabelledDocument, model: LearnedModel | None) -> tuple[ev.PredictedAttribution, ...]:
    """The rules' rows plus the rows ``model`` keeps, as the scorer reads them."""
    rows = list(predicted(document.rows))
    if model is not None:
        speaker_of = dict(zip(document.candidates, document.speakers, strict=True))
        rows += [ev.PredictedAttribution(content=((c.start, c.end),), cue=((c.verb.start, c.verb.end),),
                                         speaker=(speaker_of[c],) if speaker_of[c] else (), quote_type="indirect")
                 for c in kept(document.parse, document.rows, model, document.candidates)]
    return ev.relations(rows, document.gold.text)


def scores(documents: Sequence[LabelledDocument], model: LearnedModel | None) -> ev.Scores:
    """The scorer's overall numbers for the rules' rows plus the rows ``model`` keeps."""
    predictions = {d.gold.doc: _predictions(d, model) for d in documents}
    return ev.score([d.gold for d in documents], predictions).bucket("all")


def train(documents: Sequence[LabelledDocument], l2: float = DEFAULT_L2, folds: int = 5,
          max_speaker_drop: float = MAX_SPEAKER_DROP, about: str = "",
          on_step: Callable[[str], None] | None = None) -> LearnedModel:
    """Choose the threshold by cross-validation (each fold scored by a model fitted on the others, numbers
    pooled over every document): the best GGT@0.3 F1 among thresholds whose speaker accuracy is at most
    ``max_speaker_drop`` below the rules' alone (more rows must not make the ledger's speakers much less
    trustworthy). Then fit on every document."""
    say = on_step or (lambda _: None)
    folds = max(1, min(folds, len(documents)))
    by_threshold: dict[float, dict[str, tuple[ev.PredictedAttribution, ...]]] = {t: {} for t in THRESHOLDS}
    for k in range(folds):
        held = documents[k::folds]
        rest = [d for i, d in enumerate(documents) if i % folds != k] or list(documents)
        weights = fit(_examples(rest), l2)
        for threshold in THRESHOLDS:
            for d in held:
                by_threshold[threshold][d.gold.doc] = _predictions(d, LearnedModel(weights, threshold))
        say(f"fold {k + 1} of {folds} fitted")
    golds = [d.gold for d in documents]
    rules = scores(documents, None)
    best_threshold, best_f1 = 1.0, rules.detection[0].f1  # 1.0: keep nothing, unless a threshold does better
    say(f"cross-validated, rules alone: F1 {best_f1:.4f}, speaker accuracy {rules.speaker.value:.4f}")
    for threshold, predictions in by_threshold.items():
        found = ev.score(golds, predictions).bucket("all")
        f1, speaker = found.detection[0].f1, found.speaker.value
        say(f"cross-validated, threshold {threshold}: F1 {f1:.4f}, speaker accuracy {speaker:.4f}")
        if f1 > best_f1 and speaker >= rules.speaker.value - max_speaker_drop:
            best_threshold, best_f1 = threshold, f1
    return LearnedModel(fit(_examples(documents), l2), best_threshold, about)
