"""Property tests: random text with random quote marks never breaks the attribution engine.

Two layers, both without neural models: the quote-mark scanner on raw text, and the rule engine
(attribute_parse) on random dependency trees over random text, so the rules meet shapes a parser
would rarely produce. Every reported offset must lie inside the text.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute import attribute_parse, find_quote_spans, load_gazetteer
from quotekit.attribute.parse import Entity, Parse, Sentence, Word
from quotekit.attribute.quotes import DASHES, PAIRS, inside_any, paragraph_pieces

QUOTE_MARKS = sorted(set("".join(PAIRS) + "".join(PAIRS.values()) + "'\u2019\u201a\u201b" + DASHES))
WORDS = ["the", "minister", "said", "said", "told", "says", "according", "to", "that", "he", "she", "they",
         "it", "Smith", "Reuters", "Twitter", "BBC", "we", "will", "not", "go", "made", "clear", "on", "in",
         "a", "Путин", "заявил", "قال", "外交部", "said:", "spokesman", "x"]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "\t", "\u00a0", "\r\n", " \u2014 "]
PUNCT = [".", ",", ":", ";", "?", "!", "(", ")", "\u2026"]

# Moderate: the whole module runs in seconds; set locally so other modules keep their own settings.
# The same examples on every run, so CI is reproducible; QUOTEKIT_EXPLORE=1 draws new ones (a run by hand
# found the two straight-apostrophe closers the span checks below allow).
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=not os.environ.get("QUOTEKIT_EXPLORE"))

# Random unicode plus an over-supply of quote marks, dashes, line breaks and spaces.
marked_text = st.text(
    alphabet=st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from([" ", "\n", "\n", ".", ",", "\u00a0"]),
                       st.characters(codec="utf-8", exclude_categories=("Cs",))),
    max_size=300,
)
# Newsy token soup: words, marks and punctuation glued by random separators.
token_text = st.lists(
    st.tuples(st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.sampled_from(PUNCT)),
              st.sampled_from(SEPARATORS)),
    max_size=80,
).map(lambda pairs: "".join(token + separator for token, separator in pairs))


def check_spans(text: str) -> None:
    spans = find_quote_spans(text)
    assert spans == find_quote_spans(text)  # deterministic
    previous_end = 0
    for span in spans:
        assert 0 <= span.open_start < span.start < span.end <= span.close_end <= len(text)
        assert text[span.open_start] == span.mark
        content = text[span.start:span.end]
        assert len(content) == span.end - span.start > 0
        if span.mark in DASHES or not span.closed:
            assert span.close_end == span.end
        elif text[span.end:span.close_end] == "''":
            assert span.close_end == span.end + 2  # two apostrophes close a quotation as one mark
        else:
            assert span.close_end == span.end + 1
            assert text[span.end] in PAIRS.get(span.mark, span.mark)  # a headline's ' closes itself
        assert span.open_start >= previous_end  # in order, never overlapping
        previous_end = span.close_end
        assert inside_any(spans, span.start, span.end) is span


@PROPERTY
@given(marked_text)
def test_quote_spans_lie_inside_random_text(text: str) -> None:
    check_spans(text)


@PROPERTY
@given(token_text)
def test_quote_spans_lie_inside_token_soup(text: str) -> None:
    check_spans(text)


@PROPERTY
@given(token_text, st.integers(min_value=0, max_value=3))
def test_quote_spans_survive_a_prefix(text: str, blank_lines: int) -> None:
    check_spans("Lead paragraph." + "\n\n" * blank_lines + text)


LEMMAS = {"said": "say", "says": "say", "said:": "say", "told": "tell", "made": "make", "заявил": "заявить"}
UPOS = ["NOUN", "PROPN", "PRON", "VERB", "AUX", "ADP", "DET", "ADJ", "ADV", "SCONJ", "CCONJ", "NUM"]
DEPRELS = ["nsubj", "nsubj:pass", "obj", "iobj", "ccomp", "xcomp", "parataxis", "mark", "case", "det", "amod",
           "compound", "flat", "flat:name", "appos", "obl", "nmod", "advmod", "conj", "cc", "acl:relcl",
           "advcl", "csubj", "expl", "nmod:poss", "aux", "cop", "punct"]
CUE_CHILD_DEPRELS = ["nsubj", "nsubj", "ccomp", "ccomp", "parataxis", "obj", "iobj", "obl", "xcomp", "mark",
                     "advmod"]
NER = ["O", "O", "O", "S-PERSON", "S-ORG", "B-PERSON", "E-PERSON", "S-GPE"]
_TOKEN = re.compile(r"\w+|[^\w\s]")


@st.composite
def random_parses(draw: st.DrawFn) -> Parse:
    """A text and an arbitrary (but well-formed) dependency forest with offsets into it."""
    text = draw(token_text)
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in tokens:
        groups[-1].append((start, end))
        if text[start:end] in {".", "!", "?"} or draw(st.integers(0, 30)) == 0:
            groups.append([])
    groups = [group for group in groups if group]
    words: list[Word] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for sent, group in enumerate(groups):
        order = list(draw(st.permutations(range(1, len(group) + 1))))
        if draw(st.booleans()):  # cue verbs high in the tree, so they govern subjects and complements
            order.sort(key=lambda word_id: text[slice(*group[word_id - 1])] not in LEMMAS)
        heads = {order[0]: 0}
        for position, word_id in enumerate(order[1:], start=1):
            heads[word_id] = order[draw(st.just(0) | st.integers(0, position - 1))]  # bushy near the root
        first = len(words)
        for word_id, (start, end) in enumerate(group, start=1):
            surface = text[start:end]
            punct = not surface[0].isalnum() and surface[0] != "_"
            lemma = LEMMAS.get(surface, surface.lower())
            upos = "PUNCT" if punct else ("VERB" if lemma in LEMMAS.values() else draw(st.sampled_from(UPOS)))
            head_text = text[slice(*group[heads[word_id] - 1])] if heads[word_id] else ""
            relations = CUE_CHILD_DEPRELS if head_text in LEMMAS else DEPRELS
            deprel = "punct" if punct else draw(st.sampled_from(relations))
            deprel = "root" if heads[word_id] == 0 else deprel
            ner = "O" if punct else draw(st.sampled_from(NER))
            words.append(Word(index=len(words), sent=sent, id=word_id, text=surface, lemma=lemma, upos=upos,
                              head=heads[word_id], deprel=deprel, start=start, end=end, ner=ner))
            if ner.startswith("S-"):
                entities.append(Entity(start, end, ner[2:], surface))
        sentences.append(Sentence(index=sent, start=group[0][0], end=group[-1][1], first=first,
                                  last=len(words)))
    return Parse(text=text, words=tuple(words), sentences=tuple(sentences), entities=tuple(entities))


SUBJECTS = [["the", "minister"], ["Smith"], ["he"], ["she"], ["a", "spokesman", "for", "Reuters"], ["they"],
            ["Путин"], ["the", "BBC"]]
CUES = {"said": "say", "told": "tell", "says": "say", "warned": "warn", "claimed": "claim"}
FILLER = [*WORDS, "taxes", "rise", "war", "ends", "soon", "won't", "never", "\u00ab", "\u201c", '"', "\u201d"]
MARK_PAIRS = [("", ""), ('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c")]
MARK_CHARS = "".join(opening + closing for opening, closing in MARK_PAIRS) + ","


@st.composite
def reported_speech_parses(draw: st.DrawFn) -> Parse:
    """Sentences shaped like reported speech -- 'S said (that) C.' or '"C," S said.' -- with random
    quote marks glued to words and random spacing, so the rules needing a subject and a complement fire."""
    text = ""
    words: list[Word] = []
    sentences: list[Sentence] = []
    for sent in range(draw(st.integers(1, 4))):
        subject = draw(st.sampled_from(SUBJECTS))
        cue = draw(st.sampled_from(sorted(CUES)))
        content = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=8))
        opening, closing = draw(st.sampled_from(MARK_PAIRS))
        that = ["that"] if draw(st.booleans()) else []
        inverted = draw(st.booleans())
        # (surface, upos, deprel, head id); ids are 1-based positions in the sentence
        if inverted:  # "C," S said.
            cue_id = len(content) + len(subject) + 1
            tokens = [*content, *subject, cue]
            roles = ([("NOUN", "ccomp", cue_id)] + [("NOUN", None, 1)] * (len(content) - 1)
                     + [("PROPN", "compound", cue_id - 1)] * (len(subject) - 1) + [("PROPN", "nsubj", cue_id)]
                     + [("VERB", "root", 0)])
            first_quoted, last_quoted = 0, len(content) - 1
        else:  # S said (that) "C".
            cue_id = len(subject) + 1
            head_id = cue_id + len(that) + 1
            tokens = [*subject, cue, *that, *content]
            roles = ([("PROPN", "compound", len(subject))] * (len(subject) - 1) + [("PROPN", "nsubj", cue_id)]
                     + [("VERB", "root", 0)] + [("SCONJ", "mark", head_id)] * len(that)
                     + [("NOUN", "ccomp", cue_id)] + [("NOUN", None, head_id)] * (len(content) - 1))
            first_quoted, last_quoted = cue_id + len(that), len(tokens) - 1
        tokens[first_quoted] = opening + tokens[first_quoted]
        tokens[last_quoted] = tokens[last_quoted] + ("," if inverted else "") + closing
        tokens.append(".")
        roles.append(("PUNCT", "punct", cue_id))
        first, sentence_start = len(words), len(text)
        for word_id, (surface, (upos, deprel, head)) in enumerate(zip(tokens, roles, strict=True), start=1):
            if word_id > 1:
                text += draw(st.sampled_from(SEPARATORS))
            start = len(text)
            text += surface
            lemma = CUES.get(surface) or surface.strip(MARK_CHARS).lower() or surface
            words.append(Word(index=len(words), sent=sent, id=word_id, text=surface, lemma=lemma, upos=upos,
                              head=head, deprel=deprel or draw(st.sampled_from(DEPRELS)), start=start,
                              end=len(text)))
        sentences.append(Sentence(index=sent, start=sentence_start, end=len(text), first=first,
                                  last=len(words)))
        text += draw(st.sampled_from([" ", "\n\n", "\n"]))
    return Parse(text=text, words=tuple(words), sentences=tuple(sentences))


GAZETTEER = load_gazetteer(None)


@PROPERTY
@given(st.one_of(random_parses(), reported_speech_parses()))
def test_attribution_engine_never_raises_and_offsets_index_the_text(parse: Parse) -> None:
    text = parse.text
    attributions = attribute_parse(parse, GAZETTEER)
    starts = [att.quote_start for att in attributions]
    assert starts == sorted(starts)
    for att in attributions:
        assert att.quote_type in {"direct", "indirect", "mixed"}
        assert 0 <= att.quote_start < att.quote_end <= len(text)
        if att.quote_type != "direct":  # reported speech runs from a word's start to a word's end
            assert not text[att.quote_start].isspace() and not text[att.quote_end - 1].isspace()
        for start, end in ((att.speaker_start, att.speaker_end), (att.cue_start, att.cue_end)):
            assert (start is None) == (end is None)
            if start is not None:
                assert 0 <= start < end <= len(text)
        assert 0 <= att.sentence_index < len(parse.sentences)
        if att.quote_type == "direct":
            # one quotation, or one paragraph of a quotation that runs over several
            assert any((span.start, span.end) == (att.quote_start, att.quote_end)
                       for span in paragraph_pieces(text, find_quote_spans(text)))
