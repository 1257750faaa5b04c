"""Score quote attributions against gold, with the field's conventions so numbers compare with published ones.

The conventions, defined once here:

* **Normalisation.** A span is scored as the set of its character positions, keeping only significant
  characters: whitespace, Unicode punctuation (which covers quote marks) and the quote-like symbols
  `` ` `` and ``´`` are ignored. A span made only of ignored characters keeps all its positions.
  So ``“We won,”`` and ``We won`` at the same place are the same quote.
* **Quote detection** (Gender Gap Tracker): a prediction p can match gold g when
  ``|g ∩ p| / |g| >= threshold`` (0.3 and 0.8). Matching is one-to-one and greedy: candidate pairs
  are taken best ratio first (ties: the tighter prediction, then document order). GGT walks the gold
  in document order instead; best-first does not depend on order and never finds fewer matches.
* **Exact content** (PARC / CofeNet): one-to-one pairs whose normalised position sets are equal.
* **Character overlap** (Citron): per document, the union G of gold content positions against the
  union P of predicted ones; ``precision = |G ∩ P| / |P|``, ``recall = |G ∩ P| / |G|``, counts summed
  over documents.
* **Speaker and cue accuracy**, over the matches at 0.3: correct when the predicted span shares a
  significant character with the gold one; when the gold has no span (PolNeAR attributions without a
  source), correct only if the prediction has none either (GGT's rule for floating quotes).
* **Types.** PolNeAR gold has no type: :func:`classify_quote_type` derives it from the quote marks.
  Recall by type buckets gold by its own type; precision by type buckets predictions by their own
  ``quote_type``. Speaker and cue accuracy are bucketed by the gold type of the match.
* **Relations.** Ledger rows in one paragraph that share both their speaker span and their cue
  span are one attribution relation quoted in pieces (``“A,” he said. “B.”``): PolNeAR annotates
  that as one attribution with discontinuous content, so such rows are scored as one prediction
  (:func:`relations`); in a new paragraph the quotation is a new attribution. Rows without a
  speaker or cue span are never merged.
* A ratio with a zero denominator is reported as 0 (the counts are in the report to tell apart).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .errors import InputError, ModelError, QuotekitError

Span = tuple[int, int]

QUOTE_TYPES: tuple[str, ...] = ("direct", "mixed", "indirect")
DETECTION_THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
ATTRIBUTION_THRESHOLD = 0.3  # speaker and cue are scored on the matches at this threshold
EXTRA_IGNORED = frozenset("`´")  # quote-like symbols that Unicode files as symbols, not punctuation


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution; spans are ``[start, end)`` ranges into the text, possibly discontinuous.

    ``quote_type`` None means: derive it from the quote marks in the text when scoring.
    """

    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    quote_type: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """A document and every attribution annotated in it."""

    doc: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class PredictedAttribution:
    """One predicted attribution; empty ``speaker`` / ``cue`` means none was predicted."""

    content: tuple[Span, ...]
    speaker: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    quote_type: str = "direct"


@dataclass(frozen=True)
class PRF:
    """Counts behind precision and recall (in quotes, or in characters for the overlap metric)."""

    gold: int
    gold_matched: int
    predicted: int
    predicted_matched: int

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.gold_matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Accuracy:
    """Correct out of total matches."""

    correct: int
    total: int

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Scores:
    """Every metric for one bucket (all quotes, or one quote type)."""

    detection: tuple[PRF, ...]  # one per EvalReport.thresholds
    exact: PRF
    characters: PRF
    speaker: Accuracy
    cue: Accuracy


@dataclass(frozen=True)
class EvalReport:
    """The scores of one run over a gold set, overall and by quote type."""

    documents: int
    thresholds: tuple[float, ...]
    overall: Scores
    direct: Scores
    mixed: Scores
    indirect: Scores

    def bucket(self, name: str) -> Scores:
        """Scores for ``all`` or one of QUOTE_TYPES."""
        return self.overall if name == "all" else getattr(self, name)


# ---------------------------------------------------------------- quote marks and gold types


@dataclass(frozen=True)
class QuotedRegion:
    """Text between quote marks (marks excluded); ``closed`` False: ran to the paragraph end unclosed."""

    start: int
    end: int
    closed: bool
    double: bool


_MARK = re.compile(r"''|``|[\"“”„«»‘’']")
_OPENING_CONTEXT = frozenset("([{<—–-/")  # a straight mark after these opens a quote
_CLOSING_CONTEXT = frozenset(")]}>.,;:!?—–-/…")  # a straight mark before these closes one


def _double_direction(token: str, before: str, after: str, depth: int, top: str | None) -> str | None:
    """Whether a double quote mark opens or closes here (None: not a double mark)."""
    if token in ("„", "«", "``"):
        return "open"
    if token in ("”", "»"):
        return "close"
    if token == "“":
        return "close" if top == "„" else "open"  # „…“ (German) closes with “
    if token in ('"', "''"):  # straight marks: decide from the characters around them
        if (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace():
            return "open"
        if not before.isspace() and (after.isspace() or after in _CLOSING_CONTEXT):
            return "close"
        return "close" if depth else "open"
    return None


def quoted_regions(text: str) -> tuple[QuotedRegion, ...]:
    """Find quoted stretches, paragraph by paragraph.

    Double marks: “…”, "…", ''…'' (NYT style), „…“, «…», nested quotes inside them included; a
    straight mark opens or closes depending on the characters around it. A double quote left open at
    the end of a paragraph runs to that end (news style opens each paragraph of a long quote and
    closes only the last). Single marks ‘…’ and '…' count only outside double quotes and when closed,
    and must open after a non-letter and close before one, so apostrophes (don't, Clinton's) are not
    quotes.
    """
    regions: list[QuotedRegion] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, p_end = paragraph.span()
        stack: list[str] = []  # open double marks, innermost last
        open_at = 0  # where the outermost open quote (double, or single when single_open) starts
        single_open = False
        for mark in _MARK.finditer(text, p_start, p_end):
            token, m_start, m_end = mark.group(), mark.start(), mark.end()
            before = text[m_start - 1] if m_start > p_start else " "
            after = text[m_end] if m_end < p_end else " "
            direction = _double_direction(token, before, after, len(stack), stack[-1] if stack else None)
            if direction is None:  # a single mark
                if stack:
                    continue
                if single_open and not before.isspace() and not after.isalnum():
                    regions.append(QuotedRegion(open_at, m_start, closed=True, double=False))
                    single_open = False
                elif not single_open and token != "’" and not before.isalnum() and not after.isspace():
                    single_open, open_at = True, m_end
                continue
            if direction == "open":
                if not stack:
                    single_open = False  # a double quote inside a "single quote": that was an apostrophe
                    open_at = m_end
                stack.append(token)
            elif stack:
                stack.pop()
                if not stack:
                    regions.append(QuotedRegion(open_at, m_start, closed=True, double=True))
        if stack:
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end > open_at:
                regions.append(QuotedRegion(open_at, end, closed=False, double=True))
    return tuple(regions)


def quoted_mask(text: str, regions: Sequence[QuotedRegion] | None = None) -> bytearray:
    """One flag per character of ``text``: 1 inside quote marks (see :func:`quoted_regions`)."""
    mask = bytearray(len(text))
    for region in quoted_regions(text) if regions is None else regions:
        mask[region.start:region.end] = b"\x01" * (region.end - region.start)
    return mask


def classify_quote_type(text: str, content: Sequence[Span], in_quotes: Sequence[int] | None = None) -> str:
    """Gold quote type from quote marks: all content quoted = direct, some = mixed, none = indirect.

    Counts significant characters only (see module docstring), so the marks themselves and the
    punctuation next to them do not matter: ``“We won,” she said`` with content ``We won,`` is direct,
    ``that the plan was “dead”`` is mixed, ``that the plan failed`` is indirect. Pass ``in_quotes``
    (:func:`quoted_mask`) when classifying many spans of one text.
    """
    if in_quotes is None:
        in_quotes = quoted_mask(text)
    positions = significant_positions(text, content)
    if not positions:
        return "indirect"
    quoted = sum(1 for i in positions if in_quotes[i])
    if quoted == len(positions):
        return "direct"
    return "mixed" if quoted else "indirect"


# ---------------------------------------------------------------- normalisation and matching


def is_significant(char: str) -> bool:
    """Whether a character counts in span comparisons (not whitespace, punctuation or a quote mark)."""
    return not (char.isspace() or unicodedata.category(char).startswith("P") or char in EXTRA_IGNORED)


def significant_positions(text: str, spans: Iterable[Span],
                          mask: Sequence[bool] | None = None) -> frozenset[int]:
    """Positions of the significant characters in ``spans``; all positions when none is significant."""
    spans = tuple(spans)
    if mask is None:
        kept = [i for start, end in spans for i in range(start, end) if is_significant(text[i])]
    else:
        kept = [i for start, end in spans for i in range(start, end) if mask[i]]
    if kept:
        return frozenset(kept)
    return frozenset(i for start, end in spans for i in range(start, end))


def match_one_to_one(gold: Sequence[frozenset[int]], predicted: Sequence[frozenset[int]],
                     threshold: float) -> tuple[tuple[int, int], ...]:
    """Greedy one-to-one (gold index, predicted index) matches where ``|g ∩ p| / |g| >= threshold``.

    Best ratio first; ties go to the prediction covering less outside the gold, then document order.
    """
    candidates = []
    for gi, g in enumerate(gold):
        if not g:
            continue
        for pi, p in enumerate(predicted):
            shared = len(g & p)
            if shared and shared >= threshold * len(g) - 1e-9:
                candidates.append((-shared / len(g), -shared / len(p), gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            matches.append((gi, pi))
    return tuple(sorted(matches))


def match_exact(gold: Sequence[frozenset[int]],
                predicted: Sequence[frozenset[int]]) -> tuple[tuple[int, int], ...]:
    """One-to-one matches between identical (normalised) spans, in document order."""
    used: set[int] = set()
    matches = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g and pi not in used and g == p:
                used.add(pi)
                matches.append((gi, pi))
                break
    return tuple(matches)


# ---------------------------------------------------------------- scoring


@dataclass
class _Counts:
    """Mutable tally behind one PRF while scoring."""

    gold: int = 0
    gold_matched: int = 0
    predicted: int = 0
    predicted_matched: int = 0

    def frozen(self) -> PRF:
        return PRF(self.gold, self.gold_matched, self.predicted, self.predicted_matched)


@dataclass
class _Tally:
    """Mutable tally behind one Scores while scoring."""

    thresholds: int
    detection: list[_Counts] = field(init=False)
    exact: _Counts = field(default_factory=_Counts)
    characters: _Counts = field(default_factory=_Counts)
    speaker: list[int] = field(default_factory=lambda: [0, 0])
    cue: list[int] = field(default_factory=lambda: [0, 0])

    def __post_init__(self) -> None:
        self.detection = [_Counts() for _ in range(self.thresholds)]

    def frozen(self) -> Scores:
        return Scores(
            detection=tuple(c.frozen() for c in self.detection),
            exact=self.exact.frozen(),
            characters=self.characters.frozen(),
            speaker=Accuracy(*self.speaker),
            cue=Accuracy(*self.cue),
        )


def _count_matches(counts: dict[str, _Counts], gold_types: Sequence[str], predicted_types: Sequence[str],
                   matches: Iterable[tuple[int, int]]) -> None:
    for bucket in ("all", *QUOTE_TYPES):
        counts[bucket].gold += sum(1 for t in gold_types if bucket in ("all", t))
        counts[bucket].predicted += sum(1 for t in predicted_types if bucket in ("all", t))
    for gi, pi in matches:
        for bucket in ("all", gold_types[gi]):
            counts[bucket].gold_matched += 1
        for bucket in ("all", predicted_types[pi]):
            counts[bucket].predicted_matched += 1


def span_correct(gold: frozenset[int], predicted: frozenset[int]) -> bool:
    """A speaker or cue is right when it overlaps the gold span, or when neither exists."""
    if not gold:
        return not predicted
    return bool(gold & predicted)


def score(gold_docs: Sequence[GoldDocument],
          predictions: Mapping[str, Sequence[PredictedAttribution]],
          thresholds: Sequence[float] = DETECTION_THRESHOLDS) -> EvalReport:
    """Score predictions (by document id; a missing id means no predictions) against the gold."""
    thresholds = tuple(thresholds)
    if ATTRIBUTION_THRESHOLD not in thresholds:
        raise ValueError(
            f"thresholds must include {ATTRIBUTION_THRESHOLD}: speaker and cue are scored there")
    tallies = {bucket: _Tally(len(thresholds)) for bucket in ("all", *QUOTE_TYPES)}
    for document in gold_docs:
        text = document.text
        mask = [is_significant(ch) for ch in text]
        in_quotes = None
        gold_types = []
        for attribution in document.attributions:
            quote_type = attribution.quote_type
            if quote_type is None:
                in_quotes = quoted_mask(text) if in_quotes is None else in_quotes
                quote_type = classify_quote_type(text, attribution.content, in_quotes)
            gold_types.append(quote_type)
        predicted = list(predictions.get(document.doc, ()))
        predicted_types = [p.quote_type for p in predicted]
        for quote_type in (*gold_types, *predicted_types):
            if quote_type not in QUOTE_TYPES:
                raise InputError(f"{document.doc}: unknown quote type {quote_type!r} "
                                 f"(expected one of {', '.join(QUOTE_TYPES)})", stage="eval")
        for p in predicted:
            for start, end in (*p.content, *p.speaker, *p.cue):
                if not 0 <= start <= end <= len(text):
                    raise InputError(f"{document.doc}: predicted span [{start}, {end}) is outside the text "
                                     f"(length {len(text)})", stage="eval")
        gold_content = [significant_positions(text, a.content, mask) for a in document.attributions]
        predicted_content = [significant_positions(text, p.content, mask) for p in predicted]

        for index, threshold in enumerate(thresholds):
            matches = match_one_to_one(gold_content, predicted_content, threshold)
            _count_matches({b: t.detection[index] for b, t in tallies.items()}, gold_types, predicted_types,
                           matches)
            if threshold != ATTRIBUTION_THRESHOLD:
                continue
            for gi, pi in matches:
                gold_att, predicted_att = document.attributions[gi], predicted[pi]
                speaker_ok = span_correct(significant_positions(text, gold_att.source, mask),
                                           significant_positions(text, predicted_att.speaker, mask))
                cue_ok = span_correct(significant_positions(text, gold_att.cue, mask),
                                       significant_positions(text, predicted_att.cue, mask))
                for bucket in ("all", gold_types[gi]):
                    tallies[bucket].speaker[0] += speaker_ok
                    tallies[bucket].speaker[1] += 1
                    tallies[bucket].cue[0] += cue_ok
                    tallies[bucket].cue[1] += 1

        _count_matches({b: t.exact for b, t in tallies.items()}, gold_types, predicted_types,
                       match_exact(gold_content, predicted_content))

        all_gold = frozenset().union(*gold_content)
        all_predicted = frozenset().union(*predicted_content)
        for bucket, tally in tallies.items():
            gold_here = frozenset().union(
                *(g for g, t in zip(gold_content, gold_types, strict=True) if bucket in ("all", t)))
            predicted_here = frozenset().union(
                *(p for p, t in zip(predicted_content, predicted_types, strict=True) if bucket in ("all", t)))
            tally.characters.gold += len(gold_here)
            tally.characters.gold_matched += len(gold_here & all_predicted)
            tally.characters.predicted += len(predicted_here)
            tally.characters.predicted_matched += len(predicted_here & all_gold)

    return EvalReport(
        documents=len(gold_docs),
        thresholds=thresholds,
        overall=tallies["all"].frozen(),
        direct=tallies["direct"].frozen(),
        mixed=tallies["mixed"].frozen(),
        indirect=tallies["indirect"].frozen(),
    )


# ---------------------------------------------------------------- baseline


def regex_baseline_predictions(text: str) -> tuple[PredictedAttribution, ...]:
    """The quote-mark peer baseline: every span between matching double quote marks, as a direct quote
    with no speaker and no cue."""
    return tuple(
        PredictedAttribution(content=((r.start, r.end),), quote_type="direct")
        for r in quoted_regions(text)
        if r.closed and r.double and r.end > r.start
    )


# ---------------------------------------------------------------- reading gold and predictions


def _ranges(value: object, where: str, length: int) -> tuple[Span, ...]:
    """Flatten PolNeAR span objects ``[{"ranges": [[s, e], ...], "text": ...}]`` into sorted ranges."""
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list of spans", stage="eval")
    spans: list[Span] = []
    for item in value:
        ranges = item.get("ranges") if isinstance(item, dict) else None
        if not isinstance(ranges, list):
            raise InputError(f"{where}: a span has no 'ranges' list", stage="eval")
        for pair in ranges:
            if (not isinstance(pair, list | tuple) or len(pair) != 2
                    or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)):
                raise InputError(f"{where}: a range is not a pair of integers: {pair!r}", stage="eval")
            start, end = pair
            if not 0 <= start <= end <= length:
                raise InputError(f"{where}: range [{start}, {end}) is outside the text (length {length})",
                                 stage="eval")
            if end > start:
                spans.append((start, end))
    return tuple(sorted(spans))


def parse_gold_line(line: str, where: str) -> GoldDocument:
    """One PolNeAR JSONL line into a GoldDocument with derived quote types."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg})", stage="eval") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object", stage="eval")
    doc, text, raw = record.get("doc"), record.get("text"), record.get("attributions", [])
    if not isinstance(doc, str) or not isinstance(text, str):
        raise InputError(f"{where}: needs string fields 'doc' and 'text'", stage="eval")
    if not isinstance(raw, list):
        raise InputError(f"{where}: 'attributions' must be a list", stage="eval")
    in_quotes = quoted_mask(text)
    attributions = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{where}: attribution {number} is not an object", stage="eval")
        here = f"{where}: attribution {number}"
        content = _ranges(item.get("content", []), here, len(text))
        if not content:
            continue  # nothing quoted: nothing to detect
        attributions.append(GoldAttribution(
            content=content,
            source=_ranges(item.get("source", []), here, len(text)),
            cue=_ranges(item.get("cue", []), here, len(text)),
            quote_type=classify_quote_type(text, content, in_quotes),
        ))
    return GoldDocument(doc=doc, text=text, attributions=tuple(attributions))


def read_gold(path: str | Path, limit: int | None = None) -> tuple[GoldDocument, ...]:
    """Read PolNeAR-style gold JSONL (one document a line), the first ``limit`` documents if given."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file ({exc.strerror or exc})", stage="eval") from exc
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if limit is not None and len(documents) >= limit:
                    break
                if not line.strip():
                    continue
                document = parse_gold_line(line, f"{path}:{number}")
                if document.doc in seen:
                    raise InputError(f"{path}:{number}: document {document.doc!r} appears twice",
                                     stage="eval")
                seen.add(document.doc)
                documents.append(document)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text", stage="eval") from exc
    return tuple(documents)


LEDGER_REQUIRED = ("doc", "quote_start", "quote_end", "quote_type")
LEDGER_SPANS = ("quote_start", "quote_end", "speaker_start", "speaker_end", "cue_start", "cue_end")


def read_ledger(path: str | Path) -> pl.DataFrame:
    """Read a ledger written by ``quotekit extract`` (CSV, JSONL or Parquet, by file suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: ledger file not found", stage="eval")
    try:
        if suffix == ".csv":
            frame = pl.read_csv(path, infer_schema_length=None, schema_overrides={"doc": pl.String})
        elif suffix in (".jsonl", ".ndjson", ".json"):
            frame = pl.read_ndjson(path, infer_schema_length=None)
        elif suffix == ".parquet":
            frame = pl.read_parquet(path)
        else:
            raise InputError(f"{path}: unknown ledger format {suffix or '(no suffix)'} "
                             "(use .csv, .jsonl or .parquet)", stage="eval")
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot read ledger ({first_line})", stage="eval") from exc
    missing = [name for name in LEDGER_REQUIRED if name not in frame.columns]
    if missing:
        raise InputError(f"{path}: ledger lacks column(s) {', '.join(missing)}", stage="eval")
    for name in LEDGER_SPANS:
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Int64).alias(name))
    try:
        return frame.with_columns(pl.col("doc").cast(pl.String), pl.col("quote_type").cast(pl.String),
                                  *(pl.col(name).cast(pl.Int64, strict=True) for name in LEDGER_SPANS))
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"{path}: ledger span columns must hold integers", stage="eval") from exc


def optional_span(start: int | None, end: int | None) -> tuple[Span, ...]:
    if start is None or end is None or end <= start:
        return ()
    return ((start, end),)


@dataclass(frozen=True)
class PredictionRun:
    """Predictions by document id, plus what to tell the user on stderr."""

    predictions: Mapping[str, tuple[PredictedAttribution, ...]]
    failures: tuple[str, ...] = ()  # one line per document that could not be processed
    notes: tuple[str, ...] = ()


def relations(predictions: Iterable[PredictedAttribution], text: str | None = None) -> tuple[PredictedAttribution, ...]:
    """Merge predictions with the same speaker and cue spans into one relation with discontinuous
    content, in order of first appearance; the merged type is direct only when every piece is.

    With ``text``, pieces are merged only within a paragraph: PolNeAR annotators make a quotation
    continued after "he said" in the same paragraph one attribution, and a new paragraph a new one.
    """
    groups: dict[object, list[list[PredictedAttribution]]] = {}
    for number, prediction in enumerate(predictions):
        key: object = (prediction.speaker, prediction.cue) if prediction.speaker and prediction.cue else number
        runs = groups.setdefault(key, [])
        if runs and text is not None and prediction.content and runs[-1][-1].content:
            gap = text[runs[-1][-1].content[-1][1]:prediction.content[0][0]]
            if "\n" in gap:
                runs.append([])
        if not runs:
            runs.append([])
        runs[-1].append(prediction)
    out = []
    for runs in groups.values():
        for pieces in runs:
            if len(pieces) == 1:
                out.append(pieces[0])
                continue
            types = {piece.quote_type for piece in pieces}
            out.append(PredictedAttribution(
                content=tuple(sorted(span for piece in pieces for span in piece.content)),
                speaker=pieces[0].speaker, cue=pieces[0].cue,
                quote_type=pieces[0].quote_type if len(types) == 1 else "mixed"))
    return tuple(out)


def predictions_from_ledger(frame: pl.DataFrame, gold_docs: Sequence[GoldDocument]) -> PredictionRun:
    """Ledger rows as predictions, matched to gold documents by ``doc``."""
    lengths = {d.doc: len(d.text) for d in gold_docs}
    grouped: dict[str, list[PredictedAttribution]] = {d.doc: [] for d in gold_docs}
    unknown: set[str] = set()
    columns = ("doc", "quote_type", *LEDGER_SPANS)
    for number, row in enumerate(frame.select(columns).iter_rows(), start=1):
        doc, quote_type, q_start, q_end, s_start, s_end, c_start, c_end = row
        if doc not in grouped:
            unknown.add(str(doc))
            continue
        if quote_type not in QUOTE_TYPES:
            raise InputError(f"ledger row {number} ({doc}): unknown quote_type {quote_type!r}", stage="eval")
        length = lengths[doc]
        spans = (("quote", q_start, q_end), ("speaker", s_start, s_end), ("cue", c_start, c_end))
        for name, start, end in spans:
            if start is not None and end is not None and not 0 <= start <= end <= length:
                raise InputError(f"ledger row {number} ({doc}): {name} span [{start}, {end}) is outside the "
                                 f"gold text (length {length})", stage="eval")
        if q_start is None or q_end is None:
            raise InputError(f"ledger row {number} ({doc}): no quote span", stage="eval")
        grouped[doc].append(PredictedAttribution(
            content=optional_span(q_start, q_end),
            speaker=optional_span(s_start, s_end),
            cue=optional_span(c_start, c_end),
            quote_type=quote_type,
        ))
    notes = ()
    if unknown:
        notes = (f"ignored ledger rows of {len(unknown)} document(s) not in the gold set",)
    texts = {d.doc: d.text for d in gold_docs}
    return PredictionRun({doc: relations(rows, texts[doc]) for doc, rows in grouped.items()}, notes=notes)


def predictions_from_extraction(gold_docs: Sequence[GoldDocument],
                                on_document: Callable[[GoldDocument], None] | None = None,
                                learned: Path | None = None) -> PredictionRun:
    """Run quotekit's own extraction on each gold text (English), with a ``learned`` model if given.

    A document that fails scores as empty and is listed in ``failures``; a missing model or module
    stops the run, as it would fail every document.
    """
    from .pipeline import extract_text

    grouped: dict[str, tuple[PredictedAttribution, ...]] = {}
    failures = []
    for document in gold_docs:
        try:
            frame = extract_text(document.text, lang="en", doc=document.doc, learned=learned)
        except (ModelError, ImportError):
            raise  # the same for every document: stop now
        except QuotekitError as exc:
            failures.append(f"{document.doc}: {exc}")
            frame = None
        except Exception as exc:  # an engine bug on one text must not lose a long run: report, go on
            failures.append(f"{document.doc}: {type(exc).__name__}: {exc}")
            frame = None
        rows = () if frame is None else frame.iter_rows(named=True)
        grouped[document.doc] = relations([
            PredictedAttribution(
                content=optional_span(row["quote_start"], row["quote_end"]),
                speaker=optional_span(row["speaker_start"], row["speaker_end"]),
                cue=optional_span(row["cue_start"], row["cue_end"]),
                quote_type=row["quote_type"],
            )
            for row in rows
        ], document.text)
        if on_document is not None:
            on_document(document)
    return PredictionRun(grouped, failures=tuple(failures))


def baseline_predictions(gold_docs: Sequence[GoldDocument], baseline: str) -> PredictionRun:
    """Predictions of a named peer baseline (``regex``: quote marks only)."""
    if baseline != "regex":
        raise InputError(f"unknown baseline {baseline!r} (available: regex)", stage="eval")
    return PredictionRun({d.doc: regex_baseline_predictions(d.text) for d in gold_docs})


# ---------------------------------------------------------------- output


def _prf_json(prf: PRF) -> dict[str, float | int]:
    return {"precision": round(prf.precision, 4), "recall": round(prf.recall, 4), "f1": round(prf.f1, 4),
            "gold": prf.gold, "gold_matched": prf.gold_matched,
            "predicted": prf.predicted, "predicted_matched": prf.predicted_matched}


def _scores_json(scores: Scores, thresholds: Sequence[float]) -> dict[str, object]:
    result: dict[str, object] = {
        f"detection@{t:g}": _prf_json(prf) for t, prf in zip(thresholds, scores.detection, strict=True)
    }
    result["exact"] = _prf_json(scores.exact)
    result["characters"] = _prf_json(scores.characters)
    for name, accuracy in (("speaker_accuracy", scores.speaker), ("cue_accuracy", scores.cue)):
        result[name] = {"accuracy": round(accuracy.value, 4), "correct": accuracy.correct,
                        "matches": accuracy.total}
    return result


def report_to_json(report: EvalReport) -> str:
    """The report as one JSON object (ratios rounded to 4 places, counts exact)."""
    payload = {
        "documents": report.documents,
        "gold_quotes": report.overall.detection[0].gold,
        "predicted_quotes": report.overall.detection[0].predicted,
        "overall": _scores_json(report.overall, report.thresholds),
        "by_type": {t: _scores_json(report.bucket(t), report.thresholds) for t in QUOTE_TYPES},
    }
    return json.dumps(payload, indent=2)


def report_tables(report: EvalReport, title: str = "quotekit eval") -> tuple:
    """Two rich tables: span metrics (P/R/F1) and attribution accuracy, each by quote type."""
    from rich.table import Table

    buckets = ("all", *QUOTE_TYPES)
    spans = Table(title=f"{title}: {report.documents} documents", title_justify="left")
    for name in ("metric", "type", "P", "R", "F1", "gold", "pred"):
        spans.add_column(name, justify="left" if name in ("metric", "type") else "right")
    metrics = [(f"GGT@{t:g}", lambda s, i=i: s.detection[i]) for i, t in enumerate(report.thresholds)]
    metrics += [("exact content", lambda s: s.exact), ("characters", lambda s: s.characters)]
    for m_index, (label, pick) in enumerate(metrics):
        for b_index, bucket in enumerate(buckets):
            prf = pick(report.bucket(bucket))
            spans.add_row(label if b_index == 0 else "", bucket, f"{prf.precision:.3f}", f"{prf.recall:.3f}",
                          f"{prf.f1:.3f}", str(prf.gold), str(prf.predicted),
                          end_section=b_index == len(buckets) - 1 and m_index < len(metrics) - 1)
    accuracy = Table(title=f"attribution, over matches at {ATTRIBUTION_THRESHOLD:g}", title_justify="left")
    for name in ("type", "matches", "speaker acc", "cue acc"):
        accuracy.add_column(name, justify="left" if name == "type" else "right")
    for bucket in buckets:
        scores = report.bucket(bucket)
        accuracy.add_row(bucket, str(scores.speaker.total), f"{scores.speaker.value:.3f}",
                         f"{scores.cue.value:.3f}")
    return spans, accuracy

