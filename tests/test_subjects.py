"""Who speaks when the parser errs: hand-built parses (as the parser gets them wrong), so these rules
are checked independently of the shipped models."""

from __future__ import annotations

from dataclasses import replace

from quotekit.attribute.engine import attribute_parse
from quotekit.attribute.media import load_gazetteer
from quotekit.attribute.parse import Parse, Sentence, Word
from quotekit.attribute.repair import repair_verbs_read_as_nouns


def hand_parse(text: str, rows: list[tuple[str, str, int, str]]) -> Parse:
    """One sentence from (token, upos, head, deprel) rows; offsets are found in ``text`` in order."""
    for i, (_, _, head, _) in enumerate(rows, start=1):  # a tree: every head chain reaches the root
        seen, node = {i}, head
        while node:
            assert node not in seen, f"head cycle at word {i}"
            seen.add(node)
            node = rows[node - 1][2]
    words, position = [], 0
    for i, (token, upos, head, deprel) in enumerate(rows):
        start = text.index(token, position)
        position = start + len(token)
        words.append(Word(index=i, sent=0, id=i + 1, text=token, lemma=token.lower(), upos=upos, head=head,
                          deprel=deprel, start=start, end=position))
    sentence = Sentence(index=0, start=words[0].start, end=words[-1].end, first=0, last=len(words))
    return Parse(text=text, words=tuple(words), sentences=(sentence,))


def attributions(parse: Parse):
    return attribute_parse(parse, load_gazetteer(None))


def speaker(parse: Parse, attribution) -> str | None:
    if attribution.speaker_start is None:
        return None
    return parse.text[attribution.speaker_start:attribution.speaker_end]


def test_subject_inside_the_quote_is_not_the_speaker():
    # the parser made "We" (inside the quotation) the subject of "said"; Smith is the speaker
    text = '"We will win," Smith said.'
    parse = hand_parse(text, [('"', "PUNCT", 4, "punct"), ("We", "PRON", 8, "nsubj"), ("will", "AUX", 4, "aux"),
                              ("win", "VERB", 8, "ccomp"), (",", "PUNCT", 4, "punct"), ('"', "PUNCT", 4, "punct"),
                              ("Smith", "PROPN", 8, "dep"), ("said", "VERB", 0, "root"), (".", "PUNCT", 8, "punct")])
    [row] = attributions(parse)
    assert row.quote_type == "direct" and speaker(parse, row) == "Smith"


def test_cue_parsed_as_a_clause_on_the_noun_before_it():
    # '"...," the judge exclaimed' with "exclaimed" hung on "judge" as a clause (acl)
    text = '"It has totally overlapped," the judge exclaimed.'
    parse = hand_parse(text, [('"', "PUNCT", 5, "punct"), ("It", "PRON", 5, "nsubj"), ("has", "AUX", 5, "aux"),
                              ("totally", "ADV", 5, "advmod"), ("overlapped", "VERB", 10, "ccomp"),
                              (",", "PUNCT", 5, "punct"), ('"', "PUNCT", 5, "punct"), ("the", "DET", 9, "det"),
                              ("judge", "NOUN", 0, "root"), ("exclaimed", "VERB", 9, "acl"),
                              (".", "PUNCT", 9, "punct")])
    [row] = attributions(parse)
    assert speaker(parse, row) == "judge" and parse.text[row.cue_start:row.cue_end] == "exclaimed"


def test_subjectless_cue_takes_the_noun_right_before_it():
    text = '"Spending goes up, taxes go up," a narrator says.'
    parse = hand_parse(text, [('"', "PUNCT", 3, "punct"), ("Spending", "NOUN", 3, "nsubj"),
                              ("goes", "VERB", 13, "ccomp"), ("up", "ADV", 3, "advmod"), (",", "PUNCT", 7, "punct"),
                              ("taxes", "NOUN", 7, "nsubj"),
                              ("go", "VERB", 3, "conj"), ("up", "ADV", 7, "advmod"), (",", "PUNCT", 3, "punct"),
                              ('"', "PUNCT", 3, "punct"), ("a", "DET", 12, "det"), ("narrator", "NOUN", 13, "dep"),
                              ("says", "VERB", 0, "root"), (".", "PUNCT", 13, "punct")])
    [row] = attributions(parse)
    assert speaker(parse, row) == "narrator"


def test_a_complement_of_nothing_but_punctuation_does_not_crash():
    # a second clausal complement that is only a quote mark (seen with a retrained parser)
    text = 'He said they won ".'
    parse = hand_parse(
        text,
        [("He", "PRON", 2, "nsubj"), ("said", "VERB", 0, "root"), ("they", "PRON", 4, "nsubj"),
         ("won", "VERB", 2, "ccomp"), ('"', "PUNCT", 2, "ccomp"), (".", "PUNCT", 2, "punct")],
    )
    [row] = attributions(parse)
    assert parse.text[row.quote_start:row.quote_end] == "they won" and speaker(parse, row) == "He"


def test_time_phrase_before_that_with_the_clause_read_as_a_relative_clause():
    # 'said on Friday during a news conference that he may wait', the clause parsed as a relative
    # clause on 'conference' ('that' as its object), so 'said' has no complement
    text = "Adelson said on Friday during a news conference that he may wait."
    parse = hand_parse(text, [("Adelson", "PROPN", 2, "nsubj"), ("said", "VERB", 0, "root"),
                              ("on", "ADP", 4, "case"), ("Friday", "PROPN", 2, "obl"),
                              ("during", "ADP", 8, "case"), ("a", "DET", 8, "det"), ("news", "NOUN", 8, "compound"),
                              ("conference", "NOUN", 4, "nmod"), ("that", "PRON", 12, "obj"),
                              ("he", "PRON", 12, "nsubj"), ("may", "AUX", 12, "aux"), ("wait", "VERB", 8, "acl:relcl"),
                              (".", "PUNCT", 2, "punct")])
    [row] = attributions(parse)
    assert parse.text[row.quote_start:row.quote_end] == "that he may wait"
    assert speaker(parse, row) == "Adelson" and parse.text[row.cue_start:row.cue_end] == "said"


def test_object_of_say_before_its_clause_belongs_to_what_was_said():
    # 'says his friend Rubio ran ...' with 'his friend' parsed as the object of 'says'
    text = "Cruz says his friend Rubio ran a good campaign."
    parse = hand_parse(text, [("Cruz", "PROPN", 2, "nsubj"), ("says", "VERB", 0, "root"),
                              ("his", "PRON", 4, "nmod:poss"), ("friend", "NOUN", 2, "obj"),
                              ("Rubio", "PROPN", 6, "nsubj"), ("ran", "VERB", 2, "ccomp"), ("a", "DET", 9, "det"),
                              ("good", "ADJ", 9, "amod"), ("campaign", "NOUN", 6, "obj"), (".", "PUNCT", 2, "punct")])
    [row] = attributions(parse)
    assert parse.text[row.quote_start:row.quote_end] == "his friend Rubio ran a good campaign"


def test_a_cue_inside_a_condition_does_not_end_what_was_said():
    # 'said that he has no idea if he would have told her': 'told' opens a condition, not a new statement
    text = "Blumenthal said that he has no idea if he would have told her."
    parse = hand_parse(text, [("Blumenthal", "PROPN", 2, "nsubj"), ("said", "VERB", 0, "root"),
                              ("that", "SCONJ", 5, "mark"), ("he", "PRON", 5, "nsubj"), ("has", "VERB", 2, "ccomp"),
                              ("no", "DET", 7, "det"), ("idea", "NOUN", 5, "obj"), ("if", "SCONJ", 12, "mark"),
                              ("he", "PRON", 12, "nsubj"), ("would", "AUX", 12, "aux"), ("have", "AUX", 12, "aux"),
                              ("told", "VERB", 2, "advcl"), ("her", "PRON", 12, "obj"), (".", "PUNCT", 2, "punct")])
    rows = [r for r in attributions(parse) if parse.text[r.cue_start:r.cue_end] == "said"]
    assert [parse.text[r.quote_start:r.quote_end] for r in rows] == ["that he has no idea if he would have told her"]


def test_stance_object_parsed_as_two_objects():
    # 'attacked billionaire Donald Trump' with 'billionaire' and 'Donald' both objects of the verb
    text = "Bush also attacked billionaire Donald Trump."
    parse = hand_parse(text, [("Bush", "PROPN", 3, "nsubj"), ("also", "ADV", 3, "advmod"),
                              ("attacked", "VERB", 0, "root"), ("billionaire", "NOUN", 3, "obj"),
                              ("Donald", "PROPN", 3, "obj"), ("Trump", "PROPN", 5, "flat"), (".", "PUNCT", 3, "punct")])
    [row] = attributions(parse)
    assert parse.text[row.quote_start:row.quote_end] == "billionaire Donald Trump" and speaker(parse, row) == "Bush"


def test_relative_clause_with_its_own_cue_is_not_part_of_a_stance_object():
    text = "Residents cheered Pike, who said that the school will stay open."
    parse = hand_parse(text, [("Residents", "NOUN", 2, "nsubj"), ("cheered", "VERB", 0, "root"),
                              ("Pike", "PROPN", 2, "obj"), (",", "PUNCT", 6, "punct"), ("who", "PRON", 6, "nsubj"),
                              ("said", "VERB", 3, "acl:relcl"), ("that", "SCONJ", 11, "mark"), ("the", "DET", 9, "det"),
                              ("school", "NOUN", 11, "nsubj"), ("will", "AUX", 11, "aux"), ("stay", "VERB", 6, "ccomp"),
                              ("open", "ADJ", 11, "xcomp"), (".", "PUNCT", 2, "punct")])
    said = [r for r in attributions(parse) if parse.text[r.cue_start:r.cue_end] == "said"]
    assert [parse.text[r.quote_start:r.quote_end] for r in said] == ["that the school will stay open"]


def test_long_scene_phrase_with_a_participle_before_that():
    # 'said in an interview with The Associated Press last week that ...', 'Associated' tagged VERB (amod)
    # and the clause read as a relative clause on 'week'
    text = "Ginsburg said in an interview with The Associated Press last week that she did not want it."
    parse = hand_parse(text, [("Ginsburg", "PROPN", 2, "nsubj"), ("said", "VERB", 0, "root"), ("in", "ADP", 5, "case"),
                              ("an", "DET", 5, "det"), ("interview", "NOUN", 2, "obl"), ("with", "ADP", 9, "case"),
                              ("The", "DET", 9, "det"), ("Associated", "VERB", 9, "amod"),
                              ("Press", "PROPN", 5, "nmod"),
                              ("last", "ADJ", 11, "amod"), ("week", "NOUN", 2, "obl:unmarked"),
                              ("that", "PRON", 16, "mark"), ("she", "PRON", 16, "nsubj"), ("did", "AUX", 16, "aux"),
                              ("not", "PART", 16, "advmod"), ("want", "VERB", 11, "acl:relcl"),
                              ("it", "PRON", 16, "obj"), (".", "PUNCT", 2, "punct")])
    said = [r for r in attributions(parse) if parse.text[r.cue_start:r.cue_end] == "said"]
    assert [parse.text[r.quote_start:r.quote_end] for r in said] == ["that she did not want it"]
    assert speaker(parse, said[0]) == "Ginsburg"


def test_verb_of_intention_read_as_a_plural_noun_is_repaired():
    # 'The Sanders campaign plans to spend money.' parsed as a noun phrase with 'plans' as its root
    text = "The Sanders campaign plans to spend money."
    parse = hand_parse(text, [("The", "DET", 4, "det"), ("Sanders", "PROPN", 3, "compound"),
                              ("campaign", "NOUN", 4, "compound"), ("plans", "NOUN", 0, "root"),
                              ("to", "PART", 6, "mark"), ("spend", "VERB", 4, "acl"), ("money", "NOUN", 6, "obj"),
                              (".", "PUNCT", 4, "punct")])
    parse = replace(parse, words=tuple(replace(w, lemma="plan") if w.text == "plans" else w for w in parse.words))
    repaired = repair_verbs_read_as_nouns(parse)
    assert [(w.upos, w.head, w.deprel) for w in repaired.words[:6]] == [
        ("DET", 3, "det"), ("PROPN", 3, "compound"), ("NOUN", 4, "nsubj"), ("VERB", 0, "root"),
        ("PART", 6, "mark"), ("VERB", 4, "xcomp")]
    [row] = attributions(parse)
    assert speaker(parse, row) == "Sanders campaign"
    assert parse.text[row.quote_start:row.quote_end] == "to spend money"
    # a plural noun that is no verb stays as it is: 'the plans to spend money'
    noun = hand_parse("the plans to spend money", [("the", "DET", 2, "det"), ("plans", "NOUN", 0, "root"),
                                                   ("to", "PART", 4, "mark"), ("spend", "VERB", 2, "acl"),
                                                   ("money", "NOUN", 4, "obj")])
    assert repair_verbs_read_as_nouns(noun) is noun
