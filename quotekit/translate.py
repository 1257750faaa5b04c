"""Offline, sentence-aligned translation with Argos packages; every English span maps back.

We load each package's CTranslate2 model and SentencePiece model ourselves, once per process, and
never call argostranslate (its translate path pulls in minisbd/spaCy and may download a sentence
splitter). Text is split by our own conservative splitter; quote marks are never sent to the
model: each quotation's content is translated on its own and the original marks are put back, so
a direct quote in the source is still a direct quote in English, and its English content maps
exactly onto the original words. Sentences from many documents are translated together in large
token batches, and every (model, sentence) result is kept in a sqlite cache so re-runs are instant.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelError, TranslationError
from .models import INSTALL_HINT, ArgosPackage, argos_packages, cache_root, installed_models
from .segment import LINE_BREAK_RE, Span, split_sentences, top_level_quotes

PIVOT_LANGUAGE = "en"
MAX_UNIT_WORDS = 80  # longer runs are cut at clause punctuation: models degrade on long inputs
SOFT_UNIT_WORDS = 40
MAX_UNIT_CHARS = 400
UNITS_PER_CALL = 2048  # sentences handed to one translate_batch call (CTranslate2 sub-batches by tokens)
MAX_DECODING_LENGTH = 256
LEADING_SEPARATORS = frozenset(",;:—–-")
CLAUSE_END_RE = re.compile(r"[,;:，、；]$")
TOKEN_RE = re.compile(r"\w+|[^\w\s]")

ProgressCallback = Callable[[float], None]


@dataclass(frozen=True)
class AlignedSegment:
    """source[src_start:src_end] became english[en_start:en_end].

    kind: "text" (translated, outside quotes), "quote" (translated, inside a quotation),
    "mark" (a quote mark, copied) or "copy" (whitespace/punctuation, copied).
    """

    src_start: int
    src_end: int
    en_start: int
    en_end: int
    kind: str = "text"


@dataclass(frozen=True)
class AlignedQuote:
    """A quotation in both texts: marks are copied, so the content spans correspond exactly."""

    src_open: int
    src_content_start: int
    src_content_end: int
    src_close: int
    en_open: int
    en_content_start: int
    en_content_end: int
    en_close: int


@dataclass(frozen=True)
class Translation:
    """A document and its translation, with segments that tile both texts in order."""

    source: str
    english: str
    segments: tuple[AlignedSegment, ...]
    sentences: tuple[AlignedSegment, ...] = ()
    quotes: tuple[AlignedQuote, ...] = ()
    source_lang: str = ""
    target_lang: str = "en"
    models: tuple[str, ...] = ()

    def to_source(self, en_start: int, en_end: int) -> tuple[int, int]:
        """Map an English span to the original text span it was translated from.

        Exact for quotations (content or content with marks) and whole segments; inside a
        translated segment, words map by their relative position (exact for word-for-word
        translations, approximate otherwise) and never cut a word.
        """
        quote_spans = [((q.en_content_start, q.en_content_end), (q.src_content_start, q.src_content_end))
                       for q in self.quotes]
        quote_spans += [((q.en_open, q.en_close), (q.src_open, q.src_close)) for q in self.quotes]
        ends = [(s.en_start, s.en_end, s.src_start, s.src_end, s.kind) for s in self.segments]
        return _map_span(ends, quote_spans, self.english, self.source, en_start, en_end)

    def to_english(self, src_start: int, src_end: int) -> tuple[int, int]:
        """The inverse of :meth:`to_source`."""
        quote_spans = [((q.src_content_start, q.src_content_end), (q.en_content_start, q.en_content_end))
                       for q in self.quotes]
        quote_spans += [((q.src_open, q.src_close), (q.en_open, q.en_close)) for q in self.quotes]
        ends = [(s.src_start, s.src_end, s.en_start, s.en_end, s.kind) for s in self.segments]
        return _map_span(ends, quote_spans, self.source, self.english, src_start, src_end)

    def alignment_json(self) -> dict:
        """The alignment as plain JSON (the sidecar written next to a translated file)."""
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "models": list(self.models),
            "segments": [[s.src_start, s.src_end, s.en_start, s.en_end, s.kind] for s in self.segments],
            "sentences": [[s.src_start, s.src_end, s.en_start, s.en_end] for s in self.sentences],
            "quotes": [[q.src_open, q.src_content_start, q.src_content_end, q.src_close,
                        q.en_open, q.en_content_start, q.en_content_end, q.en_close] for q in self.quotes],
        }


@dataclass(frozen=True)
class DecodeSettings:
    """How CTranslate2 decodes.

    Greedy by default: for attribution (who said what) its output is good enough and it runs 2-4x
    faster than Argos's beam 4 (benchmarks/bench_translate.py); QUOTEKIT_BEAM_SIZE=4 restores it.
    """

    beam_size: int = 1
    length_penalty: float = 0.2
    max_batch_tokens: int = 2048
    compute_type: str = "int8"
    threads: int = 0

    @classmethod
    def from_env(cls) -> DecodeSettings:
        threads = os.environ.get("QUOTEKIT_THREADS") or os.environ.get("OMP_NUM_THREADS") or "0"
        return cls(
            beam_size=int(os.environ.get("QUOTEKIT_BEAM_SIZE", str(cls.beam_size))),
            max_batch_tokens=int(os.environ.get("QUOTEKIT_BATCH_TOKENS", str(cls.max_batch_tokens))),
            compute_type=os.environ.get("QUOTEKIT_COMPUTE_TYPE", "int8"),
            threads=int(threads) if threads.isdigit() else 0,
        )

    @property
    def cache_key(self) -> str:
        return f"beam={self.beam_size},lp={self.length_penalty}"


# -- the public entry points -----------------------------------------------------------------------

def translate_document(text: str, source_lang: str, target_lang: str = "en", *,
                       use_cache: bool = True) -> Translation:
    """Translate one document; TranslationError when no installed package covers the pair."""
    return translate_documents([text], source_lang, target_lang, use_cache=use_cache)[0]


def translate_documents(texts: Sequence[str], source_lang: str, target_lang: str = "en", *,
                        use_cache: bool = True, progress: ProgressCallback | None = None,
                        settings: DecodeSettings | None = None) -> list[Translation]:
    """Translate many documents of one language together (one batched pass per model).

    ``progress(n)`` is called as work completes; the calls add up to the number of sentences.
    """
    source_lang, target_lang = source_lang.strip().lower(), target_lang.strip().lower()
    if source_lang == target_lang:
        return [_identity(text, source_lang) for text in texts]
    route = find_route(source_lang, target_lang)
    plans = [_plan(text) for text in texts]
    units = list(dict.fromkeys(_unit_text(plan.text, piece) for plan in plans for piece in plan.pieces
                               if piece.kind in ("text", "quote")))
    settings = settings or DecodeSettings.from_env()
    if progress is not None and units:  # report progress in source sentences, not model inputs
        per_unit = sum(len(plan.sentences) for plan in plans) / len(units)
        report = progress
        progress = lambda count: report(count * per_unit)  # noqa: E731
    outputs = translate_units(units, route, settings=settings, use_cache=use_cache, progress=progress)
    models = tuple(package.name for package in route)
    return [_assemble(plan, outputs, source_lang, target_lang, models) for plan in plans]


def model_inputs(text: str) -> list[str]:
    """The strings quotekit sends to a translation model for ``text`` (quote marks removed)."""
    plan = _plan(text)
    return [_unit_text(text, piece) for piece in plan.pieces if piece.kind in ("text", "quote")]


def find_route(source_lang: str, target_lang: str,
               packages: Sequence[ArgosPackage] | None = None) -> tuple[ArgosPackage, ...]:
    """The shortest chain of installed packages from source to target, pivoting through English."""
    installed = packages is None
    packages = argos_packages() if packages is None else packages
    outgoing: dict[str, list[ArgosPackage]] = {}
    for package in packages:
        outgoing.setdefault(package.from_code, []).append(package)
    for choices in outgoing.values():  # direct hits first, then English as the pivot
        choices.sort(key=lambda p: (p.to_code != target_lang, p.to_code != PIVOT_LANGUAGE, p.name))
    came_from: dict[str, tuple[str, ArgosPackage] | None] = {source_lang: None}
    frontier = [source_lang]
    while frontier and target_lang not in came_from:
        next_frontier = []
        for lang in frontier:
            for package in outgoing.get(lang, []):
                if package.to_code not in came_from:
                    came_from[package.to_code] = (lang, package)
                    next_frontier.append(package.to_code)
        frontier = next_frontier
    if target_lang not in came_from:
        if installed:
            _raise_if_broken(source_lang)
        raise TranslationError(
            f"no translation model installed for {source_lang}->{target_lang}; install one with: {INSTALL_HINT}"
        )
    route = []
    lang = target_lang
    while (step := came_from[lang]) is not None:
        lang, package = step
        route.append(package)
    return tuple(reversed(route))


def _raise_if_broken(source_lang: str) -> None:
    """A package for this language that is installed but damaged deserves its own error."""
    import json

    for broken in installed_models().broken:
        try:
            metadata = json.loads((broken.path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if broken.kind == "argos" and isinstance(metadata, dict) and metadata.get("from_code") == source_lang:
            raise ModelError(broken.problem)


def translate_units(units: Sequence[str], route: Sequence[ArgosPackage], *, settings: DecodeSettings,
                    use_cache: bool = True, progress: ProgressCallback | None = None) -> dict[str, str]:
    """Translate unique strings through every package of the route; cached strings skip the model."""
    cache = translation_cache() if use_cache else None
    current = {unit: unit for unit in units}
    for package in route:
        wanted = list(dict.fromkeys(current.values()))
        model_key = f"{package.model_id}|{settings.cache_key}"
        done = cache.get_many(model_key, wanted) if cache else {}
        if progress:
            progress(len(done) / len(route))
        missing = [text for text in wanted if text not in done]
        if missing:
            model = load_package_model(package, settings)
            missing.sort(key=len)  # similar lengths together: less padding per batch
            for start in range(0, len(missing), UNITS_PER_CALL):
                chunk = missing[start:start + UNITS_PER_CALL]
                results = model.translate(chunk)
                done.update(zip(chunk, results, strict=True))
                if cache:
                    cache.put_many(model_key, list(zip(chunk, results, strict=True)))
                if progress:
                    progress(len(chunk) / len(route))
        current = {unit: done[text] for unit, text in current.items()}
    return current


# -- models, loaded once per process ----------------------------------------------------------------

class PackageModel:
    """One package's CTranslate2 translator and SentencePiece processor."""

    def __init__(self, package: ArgosPackage, settings: DecodeSettings):
        import ctranslate2
        import sentencepiece

        self.package = package
        self.settings = settings
        sp_path = package.path / "sentencepiece.model"
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        except Exception as exc:  # sentencepiece raises bare RuntimeError/OSError
            raise ModelError(f"{sp_path}: cannot load ({_one_line(exc)}); reinstall with: {INSTALL_HINT}") from exc
        model_dir = package.path / "model"
        supported = ctranslate2.get_supported_compute_types("cpu")
        compute_types = [settings.compute_type] if settings.compute_type in supported else []
        compute_types.append("default")
        error: Exception | None = None
        for compute_type in compute_types:
            try:
                self.translator = ctranslate2.Translator(
                    str(model_dir), device="cpu", compute_type=compute_type,
                    inter_threads=1, intra_threads=settings.threads,
                )
                break
            except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError
                error = exc
        else:
            raise ModelError(
                f"{model_dir / 'model.bin'}: cannot load the translation model ({_one_line(error)}); "
                f"reinstall with: {INSTALL_HINT}"
            )

    def translate(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        tokens = self.tokenizer.encode(texts, out_type=str)
        prefix = self.package.target_prefix
        try:
            results = self.translator.translate_batch(
                tokens,
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
                max_batch_size=self.settings.max_batch_tokens,
                batch_type="tokens",
                beam_size=self.settings.beam_size,
                length_penalty=self.settings.length_penalty,
                max_decoding_length=MAX_DECODING_LENGTH,
                replace_unknowns=True,
            )
        except Exception as exc:  # a broken model surfaces only when used
            raise TranslationError(f"{self.package.name}: translation failed ({_one_line(exc)})") from exc
        outputs = []
        for result in results:
            pieces = result.hypotheses[0]
            if prefix and pieces and pieces[0] == prefix:
                pieces = pieces[1:]
            outputs.append(self.tokenizer.decode(pieces).strip())
        return outputs


_MODELS: dict[tuple[str, str, DecodeSettings], PackageModel] = {}
_MODELS_LOCK = threading.Lock()


def load_package_model(package: ArgosPackage, settings: DecodeSettings) -> PackageModel:
    """The process-wide PackageModel for this package version and settings."""
    key = (str(package.path), package.model_id, settings)
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            model = _MODELS[key] = PackageModel(package, settings)
        return model


# -- the persistent cache ---------------------------------------------------------------------------

class TranslationCache:
    """(model id, sentence) -> translation, in sqlite under the models cache folder."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS translations (model TEXT NOT NULL, source TEXT NOT NULL, "
            "target TEXT NOT NULL, PRIMARY KEY (model, source)) WITHOUT ROWID"
        )
        self._db.commit()

    def get_many(self, model: str, sources: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(sources), 500):
                chunk = sources[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT source, target FROM translations WHERE model = ? AND source IN ({marks})",
                    [model, *chunk],
                )
                found.update(rows)
        return found

    def put_many(self, model: str, pairs: Sequence[tuple[str, str]]) -> None:
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (model, source, target) VALUES (?, ?, ?)",
                [(model, source, target) for source, target in pairs],
            )
            self._db.commit()

    def count(self, model_prefix: str = "") -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM translations WHERE model LIKE ?",
                                   [model_prefix + "%"]).fetchone()
        return int(row[0])


_CACHES: dict[Path, TranslationCache | None] = {}


def translation_cache() -> TranslationCache | None:
    """The cache for the current models root; None (with one warning) when it cannot be opened."""
    path = cache_root() / "translations.sqlite"
    if path not in _CACHES:
        try:
            _CACHES[path] = TranslationCache(path)
        except (sqlite3.Error, OSError) as exc:
            print(f"warning: translation cache disabled ({path}: {exc})", file=sys.stderr)
            _CACHES[path] = None
    return _CACHES[path]


# -- planning a document: what gets translated, what gets copied ----------------------------------

@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    kind: str  # text | quote | mark | copy


@dataclass(frozen=True)
class _Plan:
    text: str
    pieces: tuple[_Piece, ...]  # tile the whole text in order
    sentences: tuple[Span, ...]
    quotes: tuple[tuple[int, int, int, int], ...]  # (open, content start, content end, close)


def _plan(text: str) -> _Plan:
    pieces: list[_Piece] = []
    quotes: list[tuple[int, int, int, int]] = []
    sentences = split_sentences(text)
    cursor = 0
    for sentence in sentences:
        _copy(pieces, cursor, sentence.start)
        _layout(text, sentence.start, sentence.end, False, pieces, quotes)
        cursor = sentence.end
    _copy(pieces, cursor, len(text))
    return _Plan(text, tuple(pieces), sentences, tuple(quotes))


def _layout(text: str, start: int, end: int, in_quote: bool, pieces: list[_Piece],
            quotes: list[tuple[int, int, int, int]]) -> None:
    """Lay out one sentence: runs of words, and each quotation as marks around its content."""
    cursor = start
    for quote in top_level_quotes(text, start, end):
        _run(text, cursor, quote.open_start, in_quote, pieces)
        pieces.append(_Piece(quote.open_start, quote.content_start, "mark"))
        quotes.append((quote.open_start, quote.content_start, quote.content_end, quote.close_end))
        inner = quote.content_start
        for sentence in split_sentences(text, quote.content_start, quote.content_end):
            _copy(pieces, inner, sentence.start)
            _layout(text, sentence.start, sentence.end, True, pieces, quotes)
            inner = sentence.end
        _copy(pieces, inner, quote.content_end)
        pieces.append(_Piece(quote.content_end, quote.close_end, "mark"))
        cursor = quote.close_end
    _run(text, cursor, end, in_quote, pieces)


def _run(text: str, start: int, end: int, in_quote: bool, pieces: list[_Piece]) -> None:
    """A stretch without quote marks: separators and spaces are copied, words are translated."""
    core_start, core_end = start, end
    while core_start < core_end and (text[core_start].isspace() or text[core_start] in LEADING_SEPARATORS):
        core_start += 1
    while core_end > core_start and text[core_end - 1].isspace():
        core_end -= 1
    _copy(pieces, start, core_start)
    if any(char.isalnum() for char in text[core_start:core_end]):
        cursor = core_start
        for chunk in _chunks(text, core_start, core_end):
            _copy(pieces, cursor, chunk.start)
            pieces.append(_Piece(chunk.start, chunk.end, "quote" if in_quote else "text"))
            cursor = chunk.end
    else:
        _copy(pieces, core_start, core_end)
    _copy(pieces, core_end, end)


def _chunks(text: str, start: int, end: int) -> list[Span]:
    """Cut over-long runs at clause punctuation (or hard limits) so the model sees short inputs."""
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= SOFT_UNIT_WORDS and end - start <= MAX_UNIT_CHARS:
        return [Span(start, end)]
    chunks, first = [], 0
    for index, (_, word_end) in enumerate(words):
        count = index - first + 1
        chunk_chars = word_end - words[first][0]
        at_clause = CLAUSE_END_RE.search(text[start + words[index][0]:start + word_end]) is not None
        if (count >= SOFT_UNIT_WORDS and at_clause) or count >= MAX_UNIT_WORDS or chunk_chars >= MAX_UNIT_CHARS:
            chunks.append(Span(start + words[first][0], start + word_end))
            first = index + 1
    if first < len(words):
        chunks.append(Span(start + words[first][0], start + words[-1][1]))
    return chunks


def _copy(pieces: list[_Piece], start: int, end: int) -> None:
    if end > start:
        pieces.append(_Piece(start, end, "copy"))


def _unit_text(text: str, piece: _Piece) -> str:
    return LINE_BREAK_RE.sub(" ", text[piece.start:piece.end])


def _assemble(plan: _Plan, outputs: dict[str, str], source_lang: str, target_lang: str,
              models: tuple[str, ...]) -> Translation:
    parts: list[str] = []
    segments: list[AlignedSegment] = []
    position = 0
    for piece in plan.pieces:
        if piece.kind in ("text", "quote"):
            out = outputs[_unit_text(plan.text, piece)]
        else:
            out = plan.text[piece.start:piece.end]
        segments.append(AlignedSegment(piece.start, piece.end, position, position + len(out), piece.kind))
        parts.append(out)
        position += len(out)
    by_start = {s.src_start: s for s in segments if s.src_end > s.src_start}
    by_end = {s.src_end: s for s in segments if s.src_end > s.src_start}
    sentences = tuple(
        AlignedSegment(s.start, s.end, by_start[s.start].en_start, by_end[s.end].en_end, "sentence")
        for s in plan.sentences
    )
    quotes = tuple(
        AlignedQuote(o, cs, ce, c, by_start[o].en_start, by_start[o].en_end, by_start[ce].en_start, by_start[ce].en_end)
        for o, cs, ce, c in plan.quotes
    )
    return Translation(plan.text, "".join(parts), tuple(segments), sentences, quotes, source_lang, target_lang,
                       models)


def _identity(text: str, lang: str) -> Translation:
    plan = _plan(text)
    segments = (AlignedSegment(0, len(text), 0, len(text), "copy"),) if text else ()
    sentences = tuple(AlignedSegment(s.start, s.end, s.start, s.end, "sentence") for s in plan.sentences)
    quotes = tuple(AlignedQuote(o, cs, ce, c, o, cs, ce, c) for o, cs, ce, c in plan.quotes)
    return Translation(text, text, segments, sentences, quotes, lang, lang, ())


# -- mapping spans between the two texts ------------------------------------------------------------

def _map_span(segments: list[tuple[int, int, int, int, str]], quote_spans, from_text: str, to_text: str,
              start: int, end: int) -> tuple[int, int]:
    """Map [start, end) from one side to the other; ``segments`` are (from_s, from_e, to_s, to_e, kind)."""
    start, end = max(0, min(start, len(from_text))), max(0, min(end, len(from_text)))
    if end < start:
        start, end = end, start
    if not segments:
        return 0, 0
    stripped = _strip(from_text, start, end)
    for (a_start, a_end), (b_start, b_end) in quote_spans:
        if stripped == _strip(from_text, a_start, a_end) and stripped[1] > stripped[0]:
            return b_start, b_end
    ends = [segment[1] for segment in segments]
    mapped_start = _map_point(segments, ends, from_text, to_text, start, is_end=False)
    mapped_end = _map_point(segments, ends, from_text, to_text, end, is_end=True) if end > start else mapped_start
    return mapped_start, max(mapped_start, mapped_end)


def _map_point(segments, ends: list[int], from_text: str, to_text: str, point: int, is_end: bool) -> int:
    """One endpoint: exact in copied text, by word position inside a translated segment."""
    index = bisect_left(ends, point) if is_end else bisect_right(ends, point)
    if index >= len(segments):
        return segments[-1][3]
    a_start, a_end, b_start, b_end, kind = segments[index]
    if point <= a_start:
        return b_start
    if point >= a_end:
        return b_end
    if kind in ("copy", "mark"):
        return min(b_start + point - a_start, b_end)
    a_tokens = [m.span() for m in TOKEN_RE.finditer(from_text, a_start, a_end)]
    b_tokens = [m.span() for m in TOKEN_RE.finditer(to_text, b_start, b_end)]
    if not a_tokens or not b_tokens:
        return b_end if is_end else b_start
    if is_end:  # the last token starting before the point, and the token at the same relative position
        last = max(i for i, (s, _) in enumerate(a_tokens) if s < point) if a_tokens[0][0] < point else 0
        mapped = -(-(last + 1) * len(b_tokens) // len(a_tokens)) - 1
        return b_tokens[min(mapped, len(b_tokens) - 1)][1]
    first = next((i for i, (_, e) in enumerate(a_tokens) if e > point), len(a_tokens) - 1)
    return b_tokens[min(first * len(b_tokens) // len(a_tokens), len(b_tokens) - 1)][0]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _one_line(exc: BaseException | None) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
