"""Conservative sentence splitting and quote pairing that keep Python str offsets.

Translation works sentence by sentence, and a direct quote must reach English intact, so the
splitter never breaks inside a paired quote and prefers a missed boundary to a false one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> marks that may close it. Single curly quotes are left out: ’ is also an apostrophe.
QUOTE_CLOSERS: dict[str, str] = {
    "«": "»",
    "‹": "›",
    "„": "“”",
    "“": "”",
    "”": "”",  # Swedish/Finnish style ”...”; only opens after whitespace (see _pair_quotes)
    "「": "」",
    "『": "』",
    '"': '"',
}
OPENING_MARKS = frozenset("«‹„“「『\"")
CLOSING_MARKS = frozenset("»›“”」』\"")
TERMINATOR_RE = re.compile(r"[.!?…。！？]+")
CJK_TERMINATORS = frozenset("。！？")
CLOSING_AFTER_TERMINATOR = frozenset(")]’'") | CLOSING_MARKS
BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr sen rep gen col lt sgt capt gov no nr vs etc inc ltd co corp dept
    jan feb mar apr jun jul aug sep sept oct nov dec fig approx ca cf al e.g i.e
    sig sigg dott dott.ssa ing avv on pres arch geom rag cav mons
    hr hrn fr frau bzw ca evtl ggf usw vgl z.b u.a d.h s.o
    mme mlle mm me st ste
    sra srta dña dn ud uds
    т.е т.д т.п им ул г гг тов др проф акад
    ім вул пан""".split()
)


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in the text as read."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteSpan:
    """A paired quotation: marks at [open_start, content_start) and [content_end, close_end)."""

    open_start: int
    content_start: int
    content_end: int
    close_end: int

    @property
    def open_mark(self) -> Span:
        return Span(self.open_start, self.content_start)

    @property
    def close_mark(self) -> Span:
        return Span(self.content_end, self.close_end)


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Hard boundaries: every line break, or only blank lines when the text is hard-wrapped."""
    end = len(text) if end is None else end
    breaker = BLANK_LINE_RE if _is_hard_wrapped(text[start:end]) else LINE_BREAK_RE
    spans = []
    cursor = start
    for match in breaker.finditer(text, start, end):
        spans.append(_trim(text, cursor, match.start()))
        cursor = match.end()
    spans.append(_trim(text, cursor, end))
    return tuple(span for span in spans if span.end > span.start)


def find_quotes(text: str, start: int = 0, end: int | None = None) -> tuple[QuoteSpan, ...]:
    """Every paired quotation (nested ones too) in text[start:end], sorted by position.

    Quotes never cross a paragraph boundary; an opening mark that is never closed is ignored.
    """
    end = len(text) if end is None else end
    quotes: list[QuoteSpan] = []
    for paragraph in paragraph_spans(text, start, end):
        quotes.extend(_pair_quotes(text, paragraph.start, paragraph.end))
    return tuple(sorted(quotes, key=lambda q: (q.open_start, -q.close_end)))


def top_level_quotes(text: str, start: int = 0, end: int | None = None) -> tuple[QuoteSpan, ...]:
    """The outermost paired quotations in text[start:end]."""
    outer: list[QuoteSpan] = []
    for quote in find_quotes(text, start, end):
        if not outer or quote.open_start >= outer[-1].close_end:
            outer.append(quote)
    return tuple(outer)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> tuple[Span, ...]:
    """Sentence spans in text[start:end], trimmed of surrounding whitespace.

    A boundary needs terminal punctuation (optionally followed by closing marks), whitespace,
    then a capital or caseless letter, a digit or an opening mark; never inside a quote, never
    after a known abbreviation, an initial or a one/two-digit number ("3. Oktober").
    """
    end = len(text) if end is None else end
    sentences: list[Span] = []
    for paragraph in paragraph_spans(text, start, end):
        quotes = top_level_quotes(text, paragraph.start, paragraph.end)
        cursor = paragraph.start
        for boundary in _boundaries(text, paragraph, quotes):
            span = _trim(text, cursor, boundary)
            if span.end > span.start:
                sentences.append(span)
            cursor = boundary
        span = _trim(text, cursor, paragraph.end)
        if span.end > span.start:
            sentences.append(span)
    return tuple(sentences)


def _boundaries(text: str, paragraph: Span, quotes: tuple[QuoteSpan, ...]) -> list[int]:
    inside = [(q.content_start, q.content_end) for q in quotes]
    candidates: list[int] = []
    for match in TERMINATOR_RE.finditer(text, paragraph.start, paragraph.end):
        if any(a <= match.start() < b for a, b in inside):
            continue
        if match.group()[-1] in CJK_TERMINATORS:
            candidates.append(match.end())
            continue
        if match.group() == "." and _is_abbreviation(text, paragraph.start, match.start()):
            continue
        position = match.end()
        while position < paragraph.end and text[position] in CLOSING_AFTER_TERMINATOR and not any(
            q.content_end == position for q in quotes
        ):
            position += 1
        if any(q.open_start < position < q.close_end for q in quotes):
            continue  # the closers skipped opened a quote ('?"“» „...”'): a boundary never cuts one
        if _starts_sentence(text, position, paragraph.end):
            candidates.append(position)
    for quote in quotes:
        content = text[quote.content_start:quote.content_end].rstrip()
        if content and content[-1] in ".!?…" and _starts_sentence(text, quote.close_end, paragraph.end):
            candidates.append(quote.close_end)
    return sorted(set(candidates))


def _starts_sentence(text: str, position: int, end: int) -> bool:
    if position >= end or not text[position].isspace():
        return False
    while position < end and text[position].isspace():
        position += 1
    if position >= end:
        return False
    char = text[position]
    return (char.isalpha() and not char.islower()) or char.isdigit() or char in OPENING_MARKS or char in "(["


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation, an initial or a short number."""
    start = dot
    while start > floor and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    last = word.rsplit(".", 1)[-1]
    if len(last) == 1 and last.isalpha():
        return True  # an initial: "J. Smith", "U.S."
    if last.isdigit() and len(last) <= 2:
        return True  # "3. Oktober", list numbers
    return word.lower() in ABBREVIATIONS or last.lower() in ABBREVIATIONS


def _pair_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    stack: list[tuple[str, int]] = []
    found: list[QuoteSpan] = []

    def close_to(level: int, position: int) -> None:
        mark, opened = stack[level]
        del stack[level:]
        found.append(QuoteSpan(opened, opened + len(mark), position, position + 1))

    for position in range(start, end):
        char = text[position]
        if char == '"':
            if stack and stack[-1][0] == '"':
                close_to(len(stack) - 1, position)
            elif _looks_opening(text, position, start, end):
                stack.append((char, position))
            elif (level := _matching_level(stack, char)) is not None:
                close_to(level, position)
            continue
        level = _matching_level(stack, char) if char in CLOSING_MARKS else None
        if level is not None:
            close_to(level, position)
        elif char in "«‹„「『" or (char in "“”" and _looks_opening(text, position, start, end)):
            stack.append((char, position))
    return found


def _matching_level(stack: list[tuple[str, int]], char: str) -> int | None:
    for level in range(len(stack) - 1, -1, -1):
        if char in QUOTE_CLOSERS[stack[level][0]]:
            return level
    return None


def _looks_opening(text: str, position: int, start: int, end: int) -> bool:
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < end else " "
    return (before.isspace() or before in "([{—–-:/" or before in OPENING_MARKS) and not after.isspace()


def _is_hard_wrapped(text: str) -> bool:
    """Text wrapped at a fixed width, paragraphs separated by blank lines (e-mail, plain-text wires)."""
    if not BLANK_LINE_RE.search(text):
        return False
    lines = [line for line in LINE_BREAK_RE.split(text) if line.strip()]
    if len(lines) < 4:
        return False
    longest = max(len(line) for line in lines)
    if longest > 100:
        return False
    full = sum(1 for line in lines if len(line) >= 0.6 * longest)
    return full >= 0.6 * len(lines)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
