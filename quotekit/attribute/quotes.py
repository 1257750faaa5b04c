"""Find quoted spans from quote marks alone, in any of the styles news text uses.

Works on raw text (no parse), so it is cheap, total, and safe on hostile input: it never raises,
every span lies inside the text, and an unclosed quote ends at its paragraph's end (or continues
into the next paragraph only when that paragraph opens with a quote mark, the print convention for
multi-paragraph quotes), so one stray mark never swallows the rest of a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> closing marks accepted for it. Closers include the "wrong" curly mark because
# scraped and machine-translated text often closes “ with “ (see the seed article).
PAIRS: dict[str, str] = {
    "\u201c": "\u201d\u201c\"",  # “ ... ” (or “ ... “ or “ ... " in scraped text)
    "\u201e": "\u201c\u201d\"",  # „ ... “ (German, Russian, Ukrainian) or „ ... ”
    "\u00ab": "\u00bb",  # « ... »
    "\u00bb": "\u00ab",  # » ... « (Danish, German books)
    "\u2039": "\u203a",  # ‹ ... ›
    "\u201f": "\u201d",  # ‟ ... ”
    "\u300c": "\u300d",  # 「 ... 」
    "\u300e": "\u300f",  # 『 ... 』
    "\u2018": "\u2019\u2018",  # ‘ ... ’ (only where it cannot be an apostrophe; see below)
    '"': '"\u201d',
}
DASHES = "\u2014\u2015\u2013"  # — ― – opening a line of dialogue
ALL_MARKS = set("".join(PAIRS) + "".join(PAIRS.values()) + "'\u2019\u201a\u201b")
_MIN_QUOTE_CHARS = 1


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``start:end`` is the quoted text without marks; ``open_start:close_end`` with them.

    ``closed`` is False when the closing mark was missing and the span stops at a paragraph end.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    mark: str
    closed: bool = True


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


# What follows an apostrophe that starts a word: a year ('08, '16) or a common elision.
_ELISION = re.compile(r"(?:\d\d(?!\d)|(?i:bout|em|cause|cuz|til|tis|twas|n)\b)")


def _can_open(text: str, i: int) -> bool:
    """A mark opens a quote when it is not glued to the word before it."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and ch in "\"'\u2018":
        return False
    if ch in "\u2018'":  # single marks double as apostrophes: be strict
        if _ELISION.match(text, i + 1):
            return False  # "the class of ‘08", "‘bout", "rock ‘n’ roll"
        return not _is_word_char(prev) and (_is_word_char(nxt) or nxt in "\u201c\"")
    if ch == '"':
        return not _is_word_char(prev)
    return True


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "\u2019'":
        return not _is_word_char(nxt)
    return True


_BLANK_LINE = re.compile(r"\n\s*\n")  # what ends a paragraph
# ... and, inside a quotation left open, a line that opens with a quote mark: text with one line a paragraph
_REOPENED_LINE = re.compile(r"\n\s*\n|\n[ \t\u00a0]*(?=[\u201c\u201e\u00ab\"])")


def _reopens_line(text: str, j: int) -> bool:
    """The mark at ``j`` opens a line (only spaces before it since the last line break)."""
    k = j - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    return k >= 0 and text[k] == "\n"


def _paragraph_end(text: str, i: int) -> int:
    """Index of the end of the paragraph containing i (a blank line, or end of text)."""
    m = _BLANK_LINE.search(text, i)
    return m.start() if m else len(text)


def _next_paragraph_opens_quote(text: str, para_end: int) -> int | None:
    """If the paragraph after ``para_end`` starts with an opening mark, return that mark's index."""
    j = para_end
    while j < len(text) and text[j].isspace():
        j += 1
    if j < len(text) and text[j] in PAIRS and j != para_end:
        return j
    return None


# Headlines quote with single ASCII marks after a colon: "Reid: 'Never underestimate Trump.'". Only
# there, and within the line, is a straight apostrophe taken as a quote mark (an apostrophe inside
# a word, "Clinton's", is never a closing mark because a letter follows it).
_HEADLINE_SINGLE = re.compile(r"(?m)(?:^|:[ \t]+)(')(?=[^\W_])([^\n]*?[^\s'])'(?=[\s.,;:!?]|$)")


def _headline_single_quotes(text: str, found: list[QuoteSpan]) -> list[QuoteSpan]:
    extra = []
    for m in _HEADLINE_SINGLE.finditer(text):
        open_start, close_end = m.start(1), m.end()
        if re.search(r"\s'|'\s", m.group(2)):
            continue  # another mark inside: "'Tis the season: rock 'n' roll" is no quotation
        if not any(q.open_start < close_end and open_start < q.close_end for q in found):
            extra.append(QuoteSpan(m.start(2), m.end(2), open_start, close_end, "'", True))
    return sorted([*found, *extra], key=lambda q: q.open_start) if extra else found


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quotations in ``text`` in document order (nested marks stay inside).

    Two apostrophes ('' ... '', the newswire convention for double quotes) count as a double mark;
    single straight marks count after a headline's colon.
    """
    spans = _find_double_apostrophe_spans(text)
    return _headline_single_quotes(text, spans) if "'" in text else spans


def _find_double_apostrophe_spans(text: str) -> list[QuoteSpan]:
    if "''" not in text:
        return _find_quote_spans(text)
    normalized = text.replace("''", '"\x01')  # same length, so offsets are unchanged
    out = []
    for span in _find_quote_spans(normalized):
        start, open_start, close_end, mark = span.start, span.open_start, span.close_end, span.mark
        if text[open_start:open_start + 2] == "''":
            start = max(start, open_start + 2)
            mark = "'"  # the first of the two apostrophes, as it stands in the text
        if span.closed and text[close_end - 1:close_end + 1] == "''":
            close_end += 1
        if start < span.end:
            out.append(QuoteSpan(start, span.end, open_start, close_end, mark, span.closed))
    return out


def _find_quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in PAIRS and _can_open(text, i):
            span, resume = _scan_quote(text, i)
            if span is not None:
                spans.append(span)
                i = resume
                continue
        elif ch in DASHES and _dash_opens_dialogue(text, i):
            dialogue = _scan_dash_quotes(text, i)
            if dialogue:
                spans.extend(dialogue)
                i = dialogue[-1].close_end
                continue
        i += 1
    return spans


def _scan_quote(text: str, open_index: int) -> tuple[QuoteSpan | None, int]:
    opener = text[open_index]
    closers = PAIRS[opener]
    para_end = _paragraph_end(text, open_index)
    nested: list[str] = []  # double-style marks opened inside this quote
    j = open_index + 1
    content_start = j
    while True:
        while j < para_end:
            ch = text[j]
            if ch == opener and ch != "\u2018" and j > content_start \
                    and _reopens_line(text, j) and _opens_here(text, j) and not nested:
                para_end = text.rfind("\n", 0, j)  # the quotation is reopened on a new line: a new paragraph
                break
            if nested and ch in PAIRS[nested[-1]] and _can_close(text, j) and not _opens_here(text, j):
                nested.pop()
            elif not nested and ch in closers and _can_close(text, j) and not (
                ch == opener and ch != '"' and _opens_here(text, j)
            ) and not (ch == '"' and opener != '"' and _opens_here(text, j)):  # ('“He said "no" to me”')
                if j > content_start:
                    return QuoteSpan(content_start, j, open_index, j + 1, opener, True), j + 1
                return None, j + 1
            elif ch in PAIRS and ch not in "\u2018'" and _opens_here(text, j):
                nested.append(ch)
            j += 1
        # paragraph ended without a closing mark
        nxt = _next_paragraph_opens_quote(text, para_end)
        if nxt is not None and text[nxt] == opener:
            # print convention: a quote running over paragraphs reopens each one and closes once
            para_end = _paragraph_end(text, nxt + 1)
            j = nxt + 1
            nested.clear()
            continue
        end = _trim_end(text, content_start, para_end)
        if end - content_start < _MIN_QUOTE_CHARS:
            return None, open_index + 1
        return QuoteSpan(content_start, end, open_index, end, opener, False), max(end, open_index + 1)


def _opens_here(text: str, j: int) -> bool:
    """True when the mark at j sits before a word with a space before it (an opening, not a closing)."""
    prev = text[j - 1] if j > 0 else " "
    nxt = text[j + 1] if j + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{-\u2014") and (nxt.isalnum() or nxt in "\u2018'\u2026.")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _dash_opens_dialogue(text: str, i: int) -> bool:
    """A dash at the start of a line followed by text opens a line of dialogue (ru/uk/it/fr/es)."""
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    at_line_start = k < 0 or text[k] == "\n"
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return at_line_start and nxt in " \u00a0" and i + 2 < len(text)


def _scan_dash_quotes(text: str, dash_index: int) -> list[QuoteSpan]:
    """— Quote, — said he. — More quote.  Dialogue alternates quote / narration at spaced dashes."""
    line_end = text.find("\n", dash_index)
    if line_end < 0:
        line_end = len(text)
    separator = re.compile(r"\s[" + DASHES + r"]\s")
    spans: list[QuoteSpan] = []
    mark_index = dash_index
    start = dash_index + 1
    is_quote = True
    while start < line_end:
        while start < line_end and text[start] in " \u00a0":
            start += 1
        m = separator.search(text, start, line_end)
        seg_end = m.start() if m else line_end
        if is_quote:
            end = _trim_end(text, start, seg_end)
            while end > start and text[end - 1] in ",":
                end -= 1
            if end > start:
                spans.append(QuoteSpan(start, end, mark_index, end, text[mark_index], True))
        if m is None:
            break
        mark_index = m.start() + 1
        start = m.end()
        is_quote = not is_quote
    return spans


def paragraph_pieces(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Each paragraph of a quotation that runs over several, as a quotation of its own, when its last
    paragraph goes on after the closing mark: news reopens the quote in each paragraph and may
    attribute each one ('..." Rubio said. "...world. / "I'm not ...," he continued.')."""
    out: list[QuoteSpan] = []
    for span in spans:
        start, open_start = span.start, span.open_start
        tail = text[span.close_end:_paragraph_end(text, span.close_end)]
        if not re.search(r"[^\W\d_]", tail):
            out.append(span)  # a block quote closing its paragraph is one quotation (an excerpt)
            continue
        for m in _REOPENED_LINE.finditer(text, span.start, span.end):
            end = _trim_end(text, start, m.start())
            if end > start:
                out.append(QuoteSpan(start, end, open_start, end, span.mark, False))
            open_start = m.end()
            while open_start < span.end and text[open_start].isspace():
                open_start += 1
            start = open_start + 1 if text[open_start:open_start + 1] in PAIRS else open_start
        if span.end > start:
            out.append(QuoteSpan(start, span.end, open_start, span.close_end, span.mark, span.closed))
    return out


def inside_any(spans: list[QuoteSpan], start: int, end: int) -> QuoteSpan | None:
    """The quote span that contains [start, end), marks included, if any."""
    for span in spans:
        if span.open_start <= start and end <= span.close_end:
            return span
    return None


LONG_QUOTE_CHARS = 30  # shorter quoted text is a name, a title or a scare quote, not someone's words


def inside_long_quote(spans: list[QuoteSpan], start: int, end: int) -> bool:
    """Whether [start, end) lies within the marks of a quotation long enough to be someone's words:
    a cue verb or a media name there belongs to the quote, not to the sentence around it."""
    return any(span.open_start <= start and end <= span.close_end and span.end - span.start > LONG_QUOTE_CHARS
               for span in spans)
