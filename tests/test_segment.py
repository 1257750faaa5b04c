"""The conservative sentence splitter and quote pairing (quotekit/segment.py)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from quotekit.segment import find_quotes, paragraph_spans, split_sentences, top_level_quotes


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def quotes(text: str) -> list[str]:
    return [text[q.open_start:q.close_end] for q in find_quotes(text)]


def test_splits_plain_sentences_and_keeps_offsets():
    text = "Il sindaco è arrivato. Poi è uscito!  Davvero? Sì."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["Il sindaco è arrivato.", "Poi è uscito!", "Davvero?", "Sì."]
    assert spans[1].start == text.index("Poi")


def test_never_splits_inside_guillemets():
    text = "Il sindaco ha detto: «Non ci sto. Lo dico chiaramente.» Poi è uscito."
    assert sentences(text) == ["Il sindaco ha detto: «Non ci sto. Lo dico chiaramente.»", "Poi è uscito."]


def test_never_splits_inside_german_low_high_quotes():
    text = "„Wir kommen. Morgen früh.“, sagte Weber. Dann ging er."
    assert sentences(text) == ["„Wir kommen. Morgen früh.“, sagte Weber.", "Dann ging er."]
    assert quotes(text) == ["„Wir kommen. Morgen früh.“"]


def test_english_curly_and_straight_quotes():
    text = 'He said "yes. No." and left. “Really? Now?” she asked. Then she left.'
    assert sentences(text) == ['He said "yes. No." and left.', "“Really? Now?” she asked.", "Then she left."]
    assert quotes(text) == ['"yes. No."', "“Really? Now?”"]


def test_quote_that_ends_a_sentence_is_a_boundary_only_before_a_capital():
    text = "«Vado via.» Poi è uscito. «Vado via.» ha detto lui."
    assert sentences(text) == ["«Vado via.»", "Poi è uscito.", "«Vado via.» ha detto lui."]


def test_russian_dash_after_quote_and_line_breaks_are_hard_boundaries():
    text = "Первый абзац. «Мы не уступим», — заявил он.\nВторой абзац! Третье предложение?"
    assert sentences(text) == ["Первый абзац.", "«Мы не уступим», — заявил он.", "Второй абзац!",
                               "Третье предложение?"]


def test_abbreviations_initials_and_ordinals_do_not_end_sentences():
    text = "Il Sig. Rossi e J. Smith sono negli U.S. da ieri. Am 3. Oktober kam Dr. Weber. Fine."
    assert sentences(text) == ["Il Sig. Rossi e J. Smith sono negli U.S. da ieri.", "Am 3. Oktober kam Dr. Weber.",
                               "Fine."]


def test_lowercase_after_period_is_not_a_boundary():
    assert sentences("Costa 3 euro ca. al giorno. e poi basta.") == ["Costa 3 euro ca. al giorno. e poi basta."]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "Unclosed «quote here. Next sentence starts. Yes."
    assert quotes(text) == []
    assert sentences(text) == ["Unclosed «quote here.", "Next sentence starts.", "Yes."]


def test_quotes_do_not_cross_paragraphs():
    text = "«Open here\nand closed» there."
    assert quotes(text) == []


def test_nested_quotes_and_top_level():
    text = "Lui ha detto: «Lei ha risposto \"no\" subito», poi basta."
    assert quotes(text) == ["«Lei ha risposto \"no\" subito»", '"no"']
    assert [text[q.open_start:q.close_end] for q in top_level_quotes(text)] == ["«Lei ha risposto \"no\" subito»"]


def test_inch_marks_and_apostrophes_are_not_quotes():
    assert quotes("A 5\" screen, l'uomo e l’altro.") == []


def test_cjk_terminators_split_without_spaces():
    assert sentences("我们来了。他们走了。") == ["我们来了。", "他们走了。"]


def test_hard_wrapped_text_splits_on_blank_lines_only():
    line = "word " * 14
    text = f"{line}\n{line}end.\n\n{line}\n{line}more."
    spans = paragraph_spans(text)
    assert len(spans) == 2
    assert sentences(text)[0].endswith("end.") and "\n" in sentences(text)[0]


def test_range_arguments_split_inside_a_quote():
    text = "Disse: «Non ci sto. Lo dico chiaramente.» Fine."
    quote = find_quotes(text)[0]
    inner = split_sentences(text, quote.content_start, quote.content_end)
    assert [text[s.start:s.end] for s in inner] == ["Non ci sto.", "Lo dico chiaramente."]


def test_a_boundary_never_falls_inside_a_quote_that_the_closers_opened():
    # found by the property test below: after '?', the marks '"“»' were skipped as closers, but '“' opens a
    # quotation that closes at the end; the boundary before '„' fell inside it
    text = '?"\u201c\u00bb \u201e\u201e\u201c\u201c\u201d'
    quote = find_quotes(text)[0]
    assert [s for s in split_sentences(text) if s.start <= quote.open_start < s.end][0].end >= quote.close_end


@example(text='?"\u201c\u00bb \u201e\u201e\u201c\u201c\u201d')
@given(st.text(alphabet="ab .!?«»\"„“”\n", max_size=60))
def test_spans_are_ordered_disjoint_trimmed_and_quotes_whole(text):
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        previous_end = span.end
    for quote in find_quotes(text):
        assert quote.open_start < quote.content_start <= quote.content_end < quote.close_end
        inside = [s for s in spans if s.start <= quote.open_start < s.end]
        assert inside and inside[0].end >= quote.close_end  # a quote is never cut by a boundary
