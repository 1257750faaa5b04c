from quotekit.attribute.quotes import find_quote_spans, paragraph_pieces


def quoted(text):
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_every_mark_style():
    assert quoted('He said "no way" and left.') == ["no way"]
    assert quoted("“Curly,” she said.") == ["Curly,"]
    assert quoted("«Ciao» disse. «Secondo»") == ["Ciao", "Secondo"]
    assert quoted("Er sagte: „Wir kommen.“ Dann") == ["Wir kommen."]
    assert quoted("Sie sagte: »Nein.« Dann") == ["Nein."]
    assert quoted("‹Oui›, dit-il.") == ["Oui"]
    assert quoted("He called it ‘a disaster’ twice.") == ["a disaster"]


def test_apostrophes_are_not_quotes():
    assert quoted("It’s Bob’s idea, isn’t it?") == []
    assert quoted("The ’90s were ‘different’ then.") == ["different"]
    # a curly opening mark before a year or an elision is an apostrophe, not an unclosed quotation
    assert quoted("The class of ‘08 said it. He said ‘no way’ to that.") == ["no way"]
    assert quoted("Tell ‘em ‘bout it, he said ‘yes’.") == ["yes"]


def test_scraped_wrong_closing_mark():
    text = "He stated: “There are reports that volunteers are ready“. Then he left."
    assert quoted(text) == ["There are reports that volunteers are ready"]


def test_scraped_straight_mark_closes_a_curly_quote():
    # left open, the quotation would run to the paragraph's end and swallow the next sentence's attribution
    text = "CNN, Cruz said, called the announcement “highly significant.\" Cruz said he had apologized to Carson."
    assert quoted(text) == ["highly significant."]
    text = "“He said \"no\" to me twice,” she said."
    assert quoted(text) == ["He said \"no\" to me twice,"]


def test_nested_quotes_stay_inside():
    text = "“He told me “never again” yesterday,” she said."
    assert quoted(text) == ["He told me “never again” yesterday,"]


def test_unclosed_quote_stops_at_paragraph_end():
    text = "Intro “this never closes\n\nNext paragraph has no quote. And “a real one” here."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["this never closes", "a real one"]
    assert spans[0].closed is False and spans[1].closed is True


def test_quote_continues_over_paragraphs():
    text = "“First paragraph of the quote.\n\n“Second paragraph,” he said."
    assert quoted(text) == ["First paragraph of the quote.\n\n“Second paragraph,"]


def test_dash_dialogue():
    text = "— Мы придём, — сказал он. — Обязательно.\n— Да! — ответила она."
    assert quoted(text) == ["Мы придём", "Обязательно.", "Да!"]
    assert quoted("Text — not dialogue — here.") == []


def test_offsets_include_marks():
    text = 'x "abc def" y'
    (span,) = find_quote_spans(text)
    assert text[span.open_start:span.close_end] == '"abc def"'
    assert text[span.start:span.end] == "abc def"


def test_degenerate_input_never_raises():
    for text in ["", "“", "\"\"", "«««", "»", "— ", "‘’", "\n\n“\n\n”", "“" * 1000]:
        for s in find_quote_spans(text):
            assert 0 <= s.open_start <= s.start <= s.end <= len(text)


def test_newswire_double_apostrophes():
    text = "He said, ''We will not back down,'' and left. It's ''fine''."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["We will not back down,", "fine"]
    assert text[spans[0].open_start:spans[0].close_end] == "''We will not back down,''"


def test_headline_single_quotes_after_a_colon():
    assert quoted("Reid: 'Never, ever, ever underestimate Trump.'\n\nHarry Reid has advice.") == [
        "Never, ever, ever underestimate Trump."]
    assert quoted("Carly Fiorina: 'Bill Clinton's fair game.'") == ["Bill Clinton's fair game."]
    assert quoted("'We are going to win so much,' Trump says") == ["We are going to win so much,"]
    # apostrophes elsewhere stay apostrophes
    assert quoted("The students' union met in the '90s and Trump's team won.") == []
    assert quoted("'Tis the season: rock 'n' roll") == []


def test_paragraphs_of_a_quotation_attributed_after_it_are_pieces():
    text = ("“Trump says what people want,” Rubio said. “But presidents can’t say anything.\n\n"
            "“I’m interested in being correct,” he continued.")
    assert quoted(text) == ["Trump says what people want,",
                            "But presidents can’t say anything.\n\n“I’m interested in being correct,"]
    pieces = paragraph_pieces(text, find_quote_spans(text))
    assert [text[p.start:p.end] for p in pieces] == [
        "Trump says what people want,", "But presidents can’t say anything.", "I’m interested in being correct,"]
    assert [p.closed for p in pieces] == [True, False, True]
    assert text[pieces[2].open_start] == "“" and text[pieces[2].close_end - 1] == "”"


def test_a_block_quote_closing_its_paragraph_stays_one_quotation():
    text = "According to the report: “First part.\n\n“Second part.”\n\nNext story."
    spans = find_quote_spans(text)
    assert paragraph_pieces(text, spans) == spans


def test_a_quotation_reopened_on_the_next_line_is_a_new_paragraph():
    # scraped text often puts one paragraph on each line: the reopening mark starts a paragraph, it is not nested
    text = ("“One I would describe as hate,” Sexton said. “Trump events are outlets — and they revel in it.\n"
            "“There’s another side,” Sexton said. “I don’t know. But it was obvious.”\n"
            "Sexton was quick to point out that not all supporters agree.")
    pieces = paragraph_pieces(text, find_quote_spans(text))
    assert [text[p.start:p.end] for p in pieces] == [
        "One I would describe as hate,", "Trump events are outlets — and they revel in it.", "There’s another side,",
        "I don’t know. But it was obvious."]
    assert [p.closed for p in pieces] == [True, False, True, True]
