"""A small, immutable view of a dependency parse with character offsets into the text.

The attribution rules read this view, not stanza objects, so they can be tested on CoNLL-U
fixtures and stay independent of stanza's internals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Word:
    index: int  # position in Parse.words
    sent: int  # sentence index
    id: int  # 1-based id within the sentence
    text: str
    lemma: str
    upos: str
    head: int  # 0 for the root, else id within the sentence
    deprel: str
    start: int
    end: int
    ner: str = "O"  # BIOES tag of the word's token

    @property
    def rel(self) -> str:
        """Deprel without subtype (nsubj:pass -> nsubj)."""
        return self.deprel.split(":")[0]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str
    text: str


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    first: int  # index of the first word in Parse.words
    last: int  # index after the last word


@dataclass(frozen=True)
class Parse:
    text: str
    words: tuple[Word, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = field(default=())

    def sentence_words(self, sent: int) -> tuple[Word, ...]:
        s = self.sentences[sent]
        return self.words[s.first:s.last]

    def head_of(self, word: Word) -> Word | None:
        if word.head == 0:
            return None
        return self.words[self.sentences[word.sent].first + word.head - 1]

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.words]
        for w in self.words:
            if w.head:
                kids[self.sentences[w.sent].first + w.head - 1].append(w.index)
        return tuple(tuple(k) for k in kids)

    def children(self, word: Word) -> list[Word]:
        return [self.words[i] for i in self._children[word.index]]

    def subtree(self, word: Word, exclude: frozenset[int] = frozenset()) -> list[Word]:
        """Word and all its descendants (skipping the subtrees rooted at ``exclude``), in text order."""
        out, stack = [], [word.index]
        while stack:
            i = stack.pop()
            if i in exclude:
                continue
            out.append(self.words[i])
            stack.extend(self._children[i])
        return sorted(out, key=lambda w: w.index)

    def sentence_at(self, offset: int) -> int:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s.index
        for s in reversed(self.sentences):
            if s.start <= offset:
                return s.index
        return 0

    def words_in(self, start: int, end: int) -> list[Word]:
        return [w for w in self.words if w.start >= start and w.end <= end]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity overlapping [start, end) the most."""
        best, best_overlap = None, 0
        for e in self.entities:
            overlap = min(end, e.end) - max(start, e.start)
            if overlap > best_overlap:
                best, best_overlap = e, overlap
        return best


GLUED_NAME_SUFFIX = re.compile(r"-([a-z]{2,3})(?![\w-])")
NOT_NAME_SUFFIXES = frozenset({"era", "led", "run", "ish", "ite", "ism"})


def from_stanza(doc, text: str) -> Parse:
    """Convert a stanza Document (from the pipeline or CoNLL-U with offsets) into a Parse."""
    words: list[Word] = []
    sentences: list[Sentence] = []
    for si, sent in enumerate(doc.sentences):
        first = len(words)
        for token in sent.tokens:
            t_start = token.start_char if token.start_char is not None else 0
            t_end = token.end_char if token.end_char is not None else t_start
            ner = getattr(token, "ner", None) or "O"
            n = len(token.words)
            for k, w in enumerate(token.words):
                # multi-word tokens (don't -> do + n't) share their token's offsets; split them when
                # the word texts concatenate to the token text, so spans stay exact
                start, end = t_start, t_end
                if n > 1:
                    start, end = _mwt_offsets(token.text, [x.text for x in token.words], k, t_start, t_end)
                words.append(
                    Word(
                        index=len(words), sent=si, id=int(w.id), text=w.text, lemma=(w.lemma or w.text),
                        upos=w.upos or "X", head=int(w.head or 0), deprel=w.deprel or "dep",
                        start=start, end=end, ner=ner,
                    )
                )
        if len(words) == first:
            continue
        sentences.append(Sentence(index=len(sentences), start=words[first].start, end=words[-1].end,
                                  first=first, last=len(words)))
        if si != len(sentences) - 1:
            # keep sentence index == position when a sentence was skipped
            words[first:] = [_renumber(w, len(sentences) - 1) for w in words[first:]]
    entities = []
    for ent in getattr(doc, "ents", []) or []:
        if ent.start_char is None:
            continue
        end = ent.end_char
        if ent.type in ("PER", "PERSON"):
            glued = GLUED_NAME_SUFFIX.match(text, end)
            if glued and glued.group(1).lower() not in NOT_NAME_SUFFIXES:
                end = glued.end()  # 'Kim Jong-un' when the tagger stopped at the hyphen
        entities.append(Entity(ent.start_char, end, ent.type, text[ent.start_char:end]))
    return Parse(text=text, words=tuple(words), sentences=tuple(sentences), entities=tuple(entities))


def _renumber(w: Word, sent: int) -> Word:
    return Word(w.index, sent, w.id, w.text, w.lemma, w.upos, w.head, w.deprel, w.start, w.end, w.ner)


def _mwt_offsets(token_text: str, parts: list[str], k: int, t_start: int, t_end: int) -> tuple[int, int]:
    if "".join(parts).lower() == token_text.lower():
        start = t_start + sum(len(p) for p in parts[:k])
        return start, start + len(parts[k])
    return t_start, t_end
