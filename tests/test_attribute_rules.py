"""Attribution rules added for real news patterns, each checked end to end on the shipped models.

One hand-written text holds every pattern (parsed once); each test looks up its own sentence.
"""

from __future__ import annotations

import pytest

import quotekit
from quotekit.nlp import parser_form

TEXT = """Graham: Trump's rhetoric is destroying the party's chance to win.

The GOP presidential candidate says he’ll work to overturn the executive actions.

“We were wrong not to confront him from the beginning,” Ramos, 58, told AFP in an interview on Monday.

“First, in every clash it was the other candidate picking a fight with Trump,” Bozell notes.

On Twitter, former Florida Gov. Jeb Bush called Trump “unhinged.”

The latest Reuters poll showed Trump leading the field with 31 percent of Republican voters.

This campaign, he says, is different from every other race.

Wilson told The Post and Courier newspaper of Charleston on Saturday that he cast his ballot for Rubio.

When Putin launched his invasion, North Korea voted against a UN resolution condemning the invasion.

WASHINGTON (AP) — Senator Ann Lowe pledged that the bill would pass before the summer recess.

Residents cheered Anna Pike, who said that the school will stay open.

Rival Hillary Clinton’s campaign says it raised roughly $15 million in January.

Bush, Florida’s former governor, also attacked billionaire Donald Trump.

EXCLUSIVE – Roger Stone: Don’t trust the voting machines in November.

TAPPER: And obviously, you’re supporting Donald Trump, and I think voters are skeptical.

“I have always said that I expect to be vetted,” he said on “Meet the Press.”

Donald Trump, a regular in recent years, isn’t expected to attend the dinner this year.

Asked whether the tax would hurt small firms, the minister said no.
"""


@pytest.fixture(scope="module")
def ledger(english_pipeline):
    return quotekit.extract_text(TEXT, doc="rules").to_dicts()


def row_for(ledger: list[dict], needle: str) -> dict:
    for row in ledger:
        if needle in row["quote"]:
            return row
    raise AssertionError(f"no row with {needle!r}: {[r['quote'] for r in ledger]}")


def test_parser_form_keeps_offsets():
    text = "He said “we’ll go”\u00a0now."
    assert len(parser_form(text)) == len(text)
    assert parser_form(text) == 'He said "we\'ll go" now.'


def test_headline_colon(ledger):
    row = row_for(ledger, "Trump's rhetoric is destroying")
    assert row["speaker"] == "Graham"
    assert row["cue"] == ":"
    assert row["quote"] == "Trump's rhetoric is destroying the party's chance to win"


def test_curly_contraction_keeps_the_whole_complement(ledger):
    row = row_for(ledger, "work to overturn the executive actions")
    assert row["quote"].startswith("he’ll work")
    assert row["speaker"] == "GOP presidential candidate"  # the whole phrase, not the ORG inside it


def test_fallback_subject_is_not_the_hearer(ledger):
    row = row_for(ledger, "We were wrong not to confront him")
    assert row["speaker"] == "Ramos"
    assert row["cue"] == "told"


def test_speech_verb_tagged_as_noun_after_a_quote(ledger):
    row = row_for(ledger, "it was the other candidate picking a fight")
    assert row["speaker"] == "Bozell"
    assert row["cue"] == "notes"


def test_call_object_predicate(ledger):
    row = row_for(ledger, "Trump “unhinged")
    assert row["cue"] == "called"
    assert "Jeb Bush" in row["speaker_resolved"]
    assert row["quote"].startswith("Trump")


def test_polls_show(ledger):
    row = row_for(ledger, "Trump leading the field")
    assert row["cue"] == "showed"
    assert "poll" in row["speaker"]


def test_parenthetical_cue(ledger):
    row = row_for(ledger, "is different from every other race")
    assert row["quote"].startswith("This campaign")
    assert row["cue"] == "says"


def test_that_clause_parsed_as_adverbial(ledger):
    row = row_for(ledger, "he cast his ballot for Rubio")
    assert row["speaker"] == "Wilson"
    assert row["cue"] == "told"


def test_participle_inside_a_noun_phrase_is_not_a_cue(ledger):
    assert not any("the invasion" == row["quote"] for row in ledger)
    assert not any(row["cue"] == "condemning" for row in ledger)


def test_dateline_is_not_the_speaker(ledger):
    row = row_for(ledger, "the bill would pass")
    assert row["speaker_resolved"] == "Ann Lowe"


def test_relative_pronoun_speaker_names_its_antecedent(ledger):
    row = row_for(ledger, "the school will stay open")
    # the span runs from the noun phrase to the pronoun (PolNeAR marks either as the source) ...
    assert row["speaker"] == "Anna Pike, who"
    assert row["speaker_resolved"] == "Anna Pike"  # ... the name is who it stands for


def test_say_with_a_bare_clause(ledger):
    row = row_for(ledger, "raised roughly $15 million")
    assert row["quote"] == "it raised roughly $15 million in January"
    assert row["cue"] == "says" and row["quote_type"] == "indirect"


def test_stance_verb_with_its_object(ledger):
    row = row_for(ledger, "billionaire Donald Trump")
    assert row["cue"] == "attacked" and row["speaker"] == "Bush"


def test_colon_label_after_a_line_label(ledger):
    row = row_for(ledger, "trust the voting machines")
    assert row["speaker"] == "Roger Stone" and row["cue"] == ":"


def test_transcript_turn_is_one_attribution_with_nested_ones(ledger):
    turn = row_for(ledger, "And obviously, you’re supporting")
    assert turn["speaker"] == "TAPPER" and turn["quote"].endswith("voters are skeptical")


def test_a_show_title_in_quote_marks_is_not_a_quote(ledger):
    assert row_for(ledger, "I expect to be vetted")["quote_type"] == "direct"
    assert not any("Meet the Press" in row["quote"] for row in ledger)


def test_agentless_passive_expectation_has_no_named_source(ledger):
    # PolNeAR annotates 'X is expected to Y' as an attribution whose source is not named
    row = row_for(ledger, "to attend the dinner")
    assert row["speaker"] is None and row["cue"] == "expected"
    assert row["quote"] == "Donald Trump, a regular in recent years, isn’t expected to attend the dinner this year"


def test_asked_question_and_one_word_answer(ledger):
    question = row_for(ledger, "the tax would hurt small firms")
    assert question["quote"] == "whether the tax would hurt small firms"
    assert question["cue"] == "Asked" and question["speaker"] is None  # the asker is not named
    answer = next(row for row in ledger if row["quote"] == "no")
    assert answer["cue"] == "said" and answer["speaker"] == "minister"


# Session 3 patterns: objects with what is said of them, passives with an agent, questions, and the
# speaker never taken from inside what was said.
TEXT_OBJECTS = """Clinton has repeatedly accused Trump of using divisive rhetoric.

The senator’s move was first reported by MSNBC.

New fundraising reports show Conservative Solutions PAC spending heavily on ads in Iowa.

Pastor Charles Elliott asked the congregation to stand for a moment of silence.

He asked the workers whether they planned to attend the caucuses.

Thirty percent of voters consider Clinton honest.

Sanders says the obvious response was to break up the banks and says he introduced legislation to do it.

Weaver says he expects two candidates to drop out over the next week.

Christie called the statement “offensive and outlandish.”

Melania Trump tells Trump supporters that “he loves you.”

Most voters said they would prefer an outsider, while 13 percent were unsure.

Most Democrats want a continuation of Obama’s policies.

Rubio took several swipes at Trump on Sunday.

Ann Lowe, a fierce supporter of Cruz, spoke first.

The senator’s criticism of the Iran deal was sharp.

“We have had a city drinking bad water,” she said, adding, “I’ll tell you what, there would have been action.”

The FBI appears to have abandoned the crime scene.

On Saturday, Sen. Bernie Sanders called on Michigan Gov. Rick Snyder to resign over the crisis.

Several veterans took to social media to complain about the actor attending the convention.

Spokesman Greg Burke said the pope would be honored to meet him, but no meeting has been arranged.

In March, Trump blasted Disney for its outrageous practices.

During an interview in August, the actress was asked if she had ever been discriminated against.

Blumenthal was asked, “Would you have told her it is not a good idea?”

Clinton thanked supporters, declaring it “another super Tuesday for us” and said it was a step closer to the presidency.

And Mr. Christie gloated: “I told you he wouldn’t be ready.”

Assem had logged 2,766 flying hours with EgyptAir, the airline said Thursday.

Mr. Trump said of the episode, “I don’t like it,” adding that “they have anger that’s unbelievable.”

The governor told reporters on Monday, “We will rebuild the bridge.”

“I have no idea how they voted,” he said of people whose rights were restored, “But I know they made an investment.”

“Donald is, and always has been, an amazing leader,” said the 46-year-old.

“Trump says what people want to hear,” Rubio said. “But presidents can’t say anything they want.

“I’m interested in being correct,” he continued.

They want new rules. According to the newspaper, “America’s gun laws let dealers sell weapons to any adult.”

Trump, who has a commanding lead in delegates, mocked Marco Rubio for “having a tough night.”

Courted by every candidate, Adelson said earlier Friday that he may wait until February to decide who to back.

Party leader Ann Moss said the memo was proof that the mayor did not know what he was doing, and accused
the council of hiding the figures.

Rubio is congratulating Trump for his victory in the Nevada caucuses.

Among Democrats, 41 percent would vote for Sanders.

Chris Hale, who runs the group’s lobbying arm, says the new rules would not have stopped any of the attacks.

In fact, neither candidate’s tax plan would change what the middle class pays, analysts say.

Even so, the campaign raised $5.7 million in February, according to its filings.

Cruz added that he was the only candidate “fighting to defend the Constitution and the Bill of Rights. I’ll
tell you this, we will see our rights taken away.”

More than half of the respondents who support Sanders are in college.

He adds that voters now have two choices: “You either vote or you stay quiet.”

The narrator continues that, in “Trump’s America, families get tax relief. Small businesses thrive.”

Campaign chair Paul Manafort dismissed the whole dispute as “absurd” in a statement.

Her liberal friends have mocked the senator’s campaign, calling him “an orange buffoon.”

Sirius XM Vice President for news programming Dave Gorab called the show “the conservative news show of record.”

“The basic problem here is that the laws are a patchwork,” Vladeck said.

Maine Sen. Susan Collins and Texas Rep. Louis Gohmert suggested they would not endorse anyone.

Ted Cruz is highlighting his win in the Iowa caucuses.

Younger Democrats prefer Bernie Sanders.

At a stop in Onawa, the candidate repeated his promise to repeal the new rules.

Last year, the firm gave $10 million to a group backing Bush.

The senator has not yet responded to the governor’s remarks.

One member voted against the resolution.

While serving in the House, Sanders voted to ban the practice in 2001.

The New York Times made the same allegations against the group.

Trump has taken a firm stance against illegal immigration.

The governor made a statement on Tuesday.

Conservative Icon Morton Blackwell Endorses Ted Cruz

BREAKING NEWS RULES THE EVENING

“The distraction gets you off message a little,” said Republican party boss Reince Priebus, though he added that \
he expected the flap to fade quickly.

When Putin launched his invasion, North Korea was one of five countries to vote against \
a UN resolution condemning the invasion.

Republicans have been critical of Clinton's use of personal email.

Many voters remained skeptical of the new health plan.

Sen. Lindsey Graham has come out in defense of the plan.

Cooper has spoken out in favor of gun control.

Other Republicans joined Pence's call for a special prosecutor.

Audit files from NGP VAN show that four different Sanders-linked accounts conducted 24 separate searches of \
Clinton data during a 40-minute period.

The reporter asked Sanders about the race. “Have I started writing my inauguration speech, as opposed to the \
speech I have to give tomorrow?” Sanders replied. “Look, the answer is yes.”

“Show me somebody, even from your business, the media, who is 100 percent accurate in everything that they say \
that happened 40 or 50 years ago,” Carson told ABC’s George Stephanopoulos by phone.

Retired neurosurgeon Ben Carson told a crowded banquet hall at a hotel in downtown Baltimore that he’s not giving \
up, despite trailing behind all the other Republican candidates on Super Tuesday.

Trump spoke to the crowd. “We are going to win so much,” Trump said. “You will get tired of winning.” The crowd \
cheered.

The Vermont senator emailed supporters saying: “The struggle continues.”

Kasich cautioned “let’s not get ahead of ourselves,” before optimistically predicting that a contested \
convention could actually have a healing effect on the party.

Sanders called the DNC’s suspension “arbitrary.” Trump later called her “third-rate” and boycotted one of the debates.

Democratic voters in all five states see Clinton as the candidate with the better chance to beat Trump in November.
Sanders has portrayed the Clintons as part of the Democratic establishment.

As a senator, Kaine has opposed defunding Planned Parenthood and restrictions on abortion.
With the help of the host, the actor held a fake audition and asked white actors to act “whiter.”
Hillary Clinton is continuing to insist she will release transcripts of her paid speeches only when other \
candidates do the same.

Calderon intimated disappointment that the American people have given Trump a real shot at the presidency.
Trump's proposal to ban Muslims from entering the United States drew wide criticism.
Sanders will make the case that Clinton is too close to Wall Street banks.

He is talking to voters about health care and getting big money out of politics.

Vice President Joe Biden trashed Donald Trump as unqualified for the White House. The senator has billed himself as \
an outsider. Bush is panning Obama’s new measures.
"""


@pytest.fixture(scope="module")
def objects_ledger(english_pipeline):
    return quotekit.extract_text(TEXT_OBJECTS, doc="objects").to_dicts()


def test_accused_of_keeps_the_charge(objects_ledger):
    row = row_for(objects_ledger, "divisive rhetoric")
    assert (row["speaker"], row["cue"], row["quote"]) == ("Clinton", "accused", "Trump of using divisive rhetoric")


def test_passive_with_agent_reports_its_subject(objects_ledger):
    row = row_for(objects_ledger, "move")
    assert (row["speaker"], row["cue"], row["quote"]) == ("MSNBC", "reported", "The senator’s move")


def test_evidence_subject_with_an_object(objects_ledger):
    row = row_for(objects_ledger, "Solutions PAC")
    assert row["speaker"] == "New fundraising reports" and row["cue"] == "show"
    assert row["quote"] == "Conservative Solutions PAC spending heavily on ads in Iowa"


def test_asked_someone_to_do_something(objects_ledger):
    row = row_for(objects_ledger, "to stand")
    assert row["cue"] == "asked" and row["quote"] == "the congregation to stand for a moment of silence"
    assert "Charles Elliott" in row["speaker"]


def test_asked_whether(objects_ledger):
    row = row_for(objects_ledger, "whether they planned")
    assert (row["speaker"], row["cue"]) == ("He", "asked")
    assert row["quote"] == "whether they planned to attend the caucuses"


def test_consider_with_a_small_clause(objects_ledger):
    row = row_for(objects_ledger, "honest")
    assert row["cue"] == "consider" and row["quote"] == "Clinton honest"
    assert row["speaker"].startswith("Thirty percent")


def test_second_cue_in_a_coordination_starts_its_own_row(objects_ledger):
    first = row_for(objects_ledger, "obvious response")
    second = row_for(objects_ledger, "introduced legislation")
    assert first["quote"] == "the obvious response was to break up the banks"
    assert second["quote"] == "he introduced legislation to do it"
    assert first["speaker"] == second["speaker"] == "Sanders"


def test_attribution_inside_reported_speech_is_not_a_row_of_its_own(objects_ledger):
    rows = [r for r in objects_ledger if "drop out" in r["quote"]]
    assert [(r["speaker"], r["cue"], r["quote"]) for r in rows] == [
        ("Weaver", "says", "he expects two candidates to drop out over the next week")]


def test_what_a_naming_verb_names_belongs_to_the_quote(objects_ledger):
    row = row_for(objects_ledger, "outlandish")
    assert row["quote_type"] == "mixed" and row["quote"] == "the statement “offensive and outlandish.”"


def test_that_before_a_quotation_makes_it_mixed(objects_ledger):
    row = row_for(objects_ledger, "he loves you")
    assert row["quote_type"] == "mixed" and row["quote"].startswith("that “he loves you")


def test_contrasting_while_clause_is_not_what_was_said(objects_ledger):
    row = row_for(objects_ledger, "outsider")
    assert row["quote"] == "they would prefer an outsider"


def test_want_with_an_object(objects_ledger):
    row = row_for(objects_ledger, "continuation")
    assert (row["speaker"], row["cue"]) == ("Most Democrats", "want")
    assert row["quote"] == "a continuation of Obama’s policies"


@pytest.mark.parametrize("needle, speaker, cue, quote", [
    ("Trump", "Rubio", "swipes", "Trump"),  # the subject of a light verb
    ("Cruz", "Ann Lowe", "supporter", "Cruz"),  # a supporter is the source
    ("Iran deal", "senator", "criticism", "the Iran deal"),  # the possessor
])
def test_stance_nouns_with_their_prepositional_content(objects_ledger, needle, speaker, cue, quote):
    rows = [r for r in objects_ledger if r["cue"] == cue]
    assert [(r["speaker"], r["quote"]) for r in rows] == [(speaker, quote)]


def test_a_cue_right_before_a_quotation_is_its_cue(objects_ledger):
    first, second = row_for(objects_ledger, "bad water"), row_for(objects_ledger, "would have been action")
    assert (first["cue"], second["cue"]) == ("said", "adding")
    assert first["speaker"] == second["speaker"] == "she"


def test_appears_to_is_a_view_with_no_named_holder(objects_ledger):
    row = row_for(objects_ledger, "abandoned the crime scene")
    assert (row["speaker"], row["cue"]) == (None, "appears")
    assert row["quote"] == "The FBI appears to have abandoned the crime scene"


def test_called_on_someone_to_do_something(objects_ledger):
    row = row_for(objects_ledger, "to resign")
    assert (row["speaker"], row["cue"]) == ("Bernie Sanders", "called")
    assert row["quote"] == "Michigan Gov. Rick Snyder to resign over the crisis"


def test_a_stance_in_a_purpose_clause(objects_ledger):
    row = row_for(objects_ledger, "the actor")
    assert (row["speaker"], row["cue"]) == ("Several veterans", "complain")


@pytest.mark.parametrize("needle, quote", [
    ("honored to meet him", "the pope would be honored to meet him, but no meeting has been arranged"),
    ("Disney", "Disney for its outrageous practices"),
])
def test_what_was_said_runs_to_the_end_of_its_sentence(objects_ledger, needle, quote):
    assert row_for(objects_ledger, needle)["quote"] == quote


@pytest.mark.parametrize("needle", ["discriminated against", "not a good idea"])
def test_the_one_asked_is_not_the_speaker(objects_ledger, needle):
    row = row_for(objects_ledger, needle)
    assert (row["speaker"], row["cue"]) == (None, "asked")


def test_a_second_speech_verb_joined_by_and_is_its_own_row(objects_ledger):
    declared, said = row_for(objects_ledger, "super Tuesday"), row_for(objects_ledger, "a step closer")
    assert (declared["cue"], declared["quote_type"]) == ("declaring", "mixed")
    assert declared["quote"] == "it “another super Tuesday for us”"
    assert (said["cue"], said["quote"]) == ("said", "it was a step closer to the presidency")
    assert declared["speaker"] == said["speaker"] == "Clinton"


def test_less_common_speech_verbs_are_cues(objects_ledger):
    row = row_for(objects_ledger, "wouldn’t be ready")
    assert (row["speaker"], row["cue"], row["quote_type"]) == ("Christie", "gloated", "direct")


def test_a_cue_closing_its_sentence_reports_what_came_before(objects_ledger):
    row = row_for(objects_ledger, "flying hours")
    assert (row["speaker"], row["cue"]) == ("airline", "said")
    assert row["quote"] == "Assem had logged 2,766 flying hours with EgyptAir"


def test_a_scene_setting_phrase_before_a_quotation_is_not_what_was_said(objects_ledger):
    liked = row_for(objects_ledger, "like it")
    assert (liked["quote"], liked["quote_type"], liked["cue"], liked["speaker"]) == (
        "I don’t like it,", "direct", "said", "Trump")
    bridge = row_for(objects_ledger, "rebuild the bridge")
    assert (bridge["quote"], bridge["quote_type"], bridge["cue"]) == ("We will rebuild the bridge.", "direct", "told")


def test_a_participle_after_a_closing_quote_starts_its_own_row(objects_ledger):
    anger = row_for(objects_ledger, "anger that’s unbelievable")
    assert anger["quote"].startswith("that “they have anger")
    assert anger["cue"] == "adding"
    assert anger["speaker_resolved"] != "I"


def test_a_second_quotation_after_the_cue_continues_the_first(objects_ledger):
    first, second = row_for(objects_ledger, "how they voted"), row_for(objects_ledger, "made an investment")
    assert second["quote"] == "But I know they made an investment."
    assert (second["quote_type"], second["cue"], second["speaker"]) == ("direct", "said", "he")
    assert (first["cue_start"], first["speaker_start"]) == (second["cue_start"], second["speaker_start"])


def test_an_inverted_determiner_phrase_after_the_cue_speaks(objects_ledger):
    row = row_for(objects_ledger, "an amazing leader")
    assert (row["quote_type"], row["cue"], row["speaker"]) == ("direct", "said", "46-year-old")


def test_each_paragraph_of_a_quotation_attributed_after_it_is_a_row(objects_ledger):
    first = row_for(objects_ledger, "presidents can’t")
    assert (first["quote"], first["quote_type"], first["speaker"]) == (
        "But presidents can’t say anything they want.", "direct", "Rubio")
    second = row_for(objects_ledger, "being correct")
    assert (second["quote"], second["cue"]) == ("I’m interested in being correct,", "continued")
    assert second["speaker_resolved"] == first["speaker_resolved"]
    assert first["speaker_resolved"].endswith("Rubio")  # 'Marco Rubio' when the text names him in full


def test_a_quotation_after_according_to_is_one_row_of_that_source(objects_ledger):
    rows = [r for r in objects_ledger if "gun laws let dealers" in r["quote"]]
    assert [(r["speaker"], r["cue"], r["quote_type"]) for r in rows] == [("newspaper", "According to", "direct")]


def test_a_closed_relative_clause_does_not_give_the_cue_its_subject(objects_ledger):
    row = row_for(objects_ledger, "tough night")
    assert (row["speaker"], row["cue"]) == ("Trump", "mocked")


def test_a_time_phrase_between_the_cue_and_that_is_not_what_was_said(objects_ledger):
    row = row_for(objects_ledger, "may wait until February")
    assert (row["speaker"], row["cue"]) == ("Adelson", "said")
    assert row["quote"] == "that he may wait until February to decide who to back"


def test_a_second_cue_joined_by_and_keeps_the_first_source(objects_ledger):
    said, accused = row_for(objects_ledger, "the memo was proof"), row_for(objects_ledger, "the council of")
    assert said["quote"] == "the memo was proof that the mayor did not know what he was doing"
    assert (accused["cue"], accused["quote"]) == ("accused", "the council of hiding the figures")
    assert said["speaker"] == accused["speaker"] == "Ann Moss"
    assert said["speaker_role"] == "Party leader"  # the title before the name, not the speaker


def test_the_reason_after_a_stance_object_belongs_to_it(objects_ledger):
    row = row_for(objects_ledger, "Nevada caucuses")
    assert (row["speaker"], row["cue"]) == ("Rubio", "congratulating")
    assert row["quote"] == "Trump for his victory in the Nevada caucuses"


def test_a_single_name_after_a_prepositional_cue_is_the_content(objects_ledger):
    rows = [r for r in objects_ledger if r["cue"] == "vote" and "invasion" not in r["quote"]]
    assert [(r["speaker"], r["quote"]) for r in rows] == [("41 percent", "Sanders")]


def test_a_relative_clause_on_the_subject_is_not_what_was_said(objects_ledger):
    row = row_for(objects_ledger, "the new rules")
    assert (row["speaker"], row["cue"]) == ("Chris Hale", "says")
    assert row["quote"] == "the new rules would not have stopped any of the attacks"


@pytest.mark.parametrize("needle, quote", [
    ("tax plan", "neither candidate’s tax plan would change what the middle class pays"),
    ("$5.7 million", "the campaign raised $5.7 million in February"),
])
def test_a_leading_connective_is_not_what_was_said(objects_ledger, needle, quote):
    assert row_for(objects_ledger, needle)["quote"] == quote


@pytest.mark.parametrize("needle, cue, start", [
    ("only candidate", "added", "that he was the only candidate “fighting to defend the Constitution"),
    ("two choices", "adds", "that voters now have two choices: “You either vote"),  # a colon before the quote
    ("tax relief", "continues", "that, in “Trump’s America"),  # one word between 'that' and the quote
])
def test_a_mixed_quote_starts_at_that(objects_ledger, needle, cue, start):
    row = row_for(objects_ledger, needle)
    assert (row["quote_type"], row["cue"]) == ("mixed", cue)
    assert row["quote"].startswith(start)


def test_what_was_said_in_a_clause_on_the_subject_stops_at_the_main_clause(objects_ledger):
    rows = [r for r in objects_ledger if r["cue"] == "support"]
    assert [r["quote"] for r in rows] == ["Sanders"]


def test_a_quotation_inside_a_phrase_goes_on_with_what_was_said(objects_ledger):
    row = row_for(objects_ledger, "whole dispute")
    assert (row["speaker"], row["cue"], row["quote_type"]) == ("Paul Manafort", "dismissed", "mixed")
    assert row["quote"].startswith("the whole dispute as “absurd”")


def test_a_naming_participle_after_a_comma_starts_its_own_row(objects_ledger):
    mocked, calling = row_for(objects_ledger, "senator’s campaign"), row_for(objects_ledger, "orange buffoon")
    assert (mocked["cue"], mocked["quote"]) == ("mocked", "the senator’s campaign")
    assert (calling["cue"], calling["quote"]) == ("calling", "him “an orange buffoon.”")
    assert mocked["speaker"] == calling["speaker"] == "liberal friends"


def test_a_name_right_before_the_cue_is_the_speaker_after_a_long_title(objects_ledger):
    row = row_for(objects_ledger, "news show of record")
    assert (row["speaker"], row["speaker_role"]) == ("Dave Gorab", "Sirius XM Vice President for news programming")


def test_a_quoted_clause_before_the_speaker_is_not_a_role(objects_ledger):
    row = row_for(objects_ledger, "patchwork")
    assert (row["speaker"], row["speaker_role"]) == ("Vladeck", None)


def test_two_joined_names_keep_the_first_as_the_speaker(objects_ledger):
    row = row_for(objects_ledger, "endorse anyone")
    assert row["speaker"] == "Susan Collins"


@pytest.mark.parametrize("cue, speaker, quote", [
    ("highlighting", "Ted Cruz", "his win in the Iowa caucuses"),
    ("prefer", "Younger Democrats", "Bernie Sanders"),
    ("repeated", "candidate", "his promise to repeal the new rules"),
    ("backing", "group", "Bush"),  # a stance participle on a noun: the noun holds the stance
    ("responded", "senator", "the governor’s remarks"),  # with the verb's preposition
    ("voted", "One member", "the resolution"),
])
def test_the_object_of_a_speech_verb_is_what_was_said(objects_ledger, cue, speaker, quote):
    rows = [r for r in objects_ledger if r["cue"] == cue and r["speaker"] == speaker]
    assert [r["quote"] for r in rows] == [quote]


def test_an_infinitive_after_a_stance_verb_is_what_was_intended(objects_ledger):
    row = row_for(objects_ledger, "ban the practice")
    assert (row["speaker"], row["cue"], row["quote"]) == ("Sanders", "voted", "to ban the practice in 2001")


@pytest.mark.parametrize("cue, speaker, quote", [
    ("allegations", "New York Times", "the group"),
    ("stance", "Trump", "illegal immigration"),
])
def test_a_stance_noun_after_a_light_verb_takes_its_prepositional_object(objects_ledger, cue, speaker, quote):
    rows = [r for r in objects_ledger if r["cue"] == cue]
    assert [(r["speaker"], r["quote"]) for r in rows] == [(speaker, quote)]


def test_a_day_after_a_stance_noun_is_not_what_was_said(objects_ledger):
    assert not any(r["cue"] == "statement" for r in objects_ledger)


def test_a_title_case_headline_with_a_cue_verb_is_an_attribution(objects_ledger):
    row = row_for(objects_ledger, "Ted Cruz")
    assert (row["speaker"], row["speaker_role"], row["cue"]) == ("Morton Blackwell", "Conservative Icon", "Endorses")
    assert not any(r["cue"] == "RULES" for r in objects_ledger)  # an all-capitals line is not title case


def test_a_title_and_name_after_the_cue_speak(objects_ledger):
    row = row_for(objects_ledger, "The distraction gets you off message")
    assert (row["quote_type"], row["speaker"]) == ("direct", "Reince Priebus")
    assert row["speaker_role"] == "Republican party boss"


def test_a_name_in_an_opening_when_clause_is_not_the_speaker(objects_ledger):
    row = row_for(objects_ledger, "a UN resolution condemning")
    assert (row["cue"], row["speaker"]) == ("vote", "North Korea")


@pytest.mark.parametrize("cue, speaker, quote", [
    ("critical", "Republicans", "Clinton's use of personal email"),  # a stance adjective after a copula
    ("skeptical", "Many voters", "the new health plan"),  # after a linking verb
    ("defense", "Lindsey Graham", "the plan"),  # 'in defense of X' takes the verb's subject
    ("favor", "Cooper", "gun control"),
])
def test_a_stance_adjective_or_in_phrase_takes_its_prepositional_object(objects_ledger, cue, speaker, quote):
    rows = [r for r in objects_ledger if r["cue"] == cue]
    assert [(r["speaker"], r["quote"]) for r in rows] == [(speaker, quote)]


def test_the_phrase_right_after_a_stance_noun_is_its_content(objects_ledger):
    # 'joined Pence's call | for a special prosecutor', the phrase parsed as the verb's
    row = row_for(objects_ledger, "special prosecutor")
    assert (row["speaker"], row["cue"], row["quote"]) == ("Pence", "call", "a special prosecutor")


def test_a_that_clause_after_an_evidence_verb_is_what_was_shown(objects_ledger):
    # the parse hangs 'that' below the complement's head ('accounts'), not on it
    row = row_for(objects_ledger, "Sanders-linked accounts")
    assert (row["speaker"], row["cue"]) == ("Audit files", "show")
    assert row["quote"].startswith("that four different") and row["quote"].endswith("a 40-minute period")


@pytest.mark.parametrize("speaker, quote", [
    ("Sanders", "the DNC’s suspension “arbitrary.”"),  # the parse takes the quoted word for the object
    ("Trump", "her “third-rate”"),  # a second predicate ('and boycotted ...') is not what was named
])
def test_what_a_naming_verb_names_runs_to_the_quotation(objects_ledger, speaker, quote):
    row = row_for(objects_ledger, quote)
    assert (row["quote_type"], row["speaker"], row["cue"], row["quote"]) == ("mixed", speaker, "called", quote)


def test_a_speaker_and_cue_split_off_after_a_question_mark_attribute_the_quotation(objects_ledger):
    for needle in ("Have I started writing", "the answer is yes"):
        row = row_for(objects_ledger, needle)
        assert (row["quote_type"], row["speaker"], row["cue"]) == ("direct", "Sanders", "replied")


def test_the_one_told_after_the_verb_is_not_the_speaker(objects_ledger):
    # parsed with two subjects of 'told', the hearer after the verb among them
    row = row_for(objects_ledger, "Show me somebody")
    assert (row["speaker"], row["cue"]) == ("Carson", "told")


def test_that_after_a_long_hearer_phrase_opens_what_was_told(objects_ledger):
    # 'a crowded banquet hall at a hotel in downtown Baltimore that ...', 'that' parsed as a relative pronoun
    row = row_for(objects_ledger, "not giving up")
    assert (row["speaker"], row["cue"]) == ("Ben Carson", "told")
    assert row["quote"].startswith("that he’s not giving up") and row["quote"].endswith("on Super Tuesday")


def test_a_sentence_of_applause_after_a_quotation_does_not_take_it(objects_ledger):
    # '"..." The crowd cheered.': only a speech verb in a short sentence after the quotation attributes it
    row = row_for(objects_ledger, "You will get tired of winning")
    assert (row["speaker"], row["cue"]) == ("Trump", "said")


def test_a_surname_names_the_person_introduced_first_not_the_longest_name(english_pipeline):
    text = ("Donald Trump said he would win the state. Melania Trump said she was proud of him. "
            "Trump said the polls were wrong.")
    rows = quotekit.extract_text(text, doc="names").to_dicts()
    assert [(r["speaker"], r["speaker_resolved"]) for r in rows] == [
        ("Donald Trump", "Donald Trump"), ("Melania Trump", "Melania Trump"), ("Trump", "Donald Trump")]


def test_a_participle_on_the_ones_sent_to_speaks_for_the_sender(objects_ledger):
    row = row_for(objects_ledger, "The struggle continues")
    assert (row["speaker"], row["cue"]) == ("Vermont senator", "saying")


def test_before_a_second_cue_after_a_quotation_ends_the_first(objects_ledger):
    first = row_for(objects_ledger, "ahead of ourselves")
    assert (first["speaker"], first["cue"]) == ("Kasich", "cautioned")
    assert "predicting" not in first["quote"]
    second = row_for(objects_ledger, "a healing effect")
    assert (second["speaker"], second["cue"]) == ("Kasich", "predicting")
    assert second["quote"] == "that a contested convention could actually have a healing effect on the party"


@pytest.mark.parametrize("needle, speaker, cue, quote", [
    # a verb's subject lends itself to the noun (and 'a real shot at' a chance is no jab)
    ("real shot", "Calderon", "disappointment",
     "that the American people have given Trump a real shot at the presidency"),
    # the possessor; the sentence's verb, hung inside the clause by the parse, is not part of it
    ("to ban Muslims", "Trump", "proposal", "to ban Muslims from entering the United States"),
    ("too close", "Sanders", "case", "that Clinton is too close to Wall Street banks"),
])
def test_a_noun_of_speech_or_intention_with_its_clause(objects_ledger, needle, speaker, cue, quote):
    rows = [r for r in objects_ledger if needle in r["quote"]]
    assert [(r["speaker"], r["cue"], r["quote"]) for r in rows] == [(speaker, cue, quote)]


def test_a_count_speaks_with_the_group_it_counts(english_pipeline):
    text = ("About 6 in 10 Democratic voters said the economy was the top issue. "
            "Nearly a third of Republicans said they would not vote for Trump. "
            # 'About' read as a preposition makes the count an oblique, not the subject
            "About four out of 10 voters said life for the next generation would be worse than life today.")
    rows = quotekit.extract_text(text, doc="poll").to_dicts()
    assert [r["speaker"] for r in rows] == ["6 in 10 Democratic voters", "third of Republicans",
                                            "four out of 10 voters"]


@pytest.mark.parametrize("needle, speaker, cue, quote", [
    # an object with its 'as' phrase
    ("better chance", "Democratic voters", "see",
     "Clinton as the candidate with the better chance to beat Trump in November"),
    ("the Clintons", "Sanders", "portrayed", "the Clintons as part of the Democratic establishment"),
    ("himself as an outsider", "senator", "billed", "himself as an outsider"),
    # verbs of attack with their object
    ("unqualified", "Joe Biden", "trashed", "Donald Trump as unqualified for the White House"),
    ("new measures", "Bush", "panning", "Obama’s new measures"),
    # complements the parse hung elsewhere: a gerund, a to-clause parsed as adverbial, the clause hung on the
    # verb that 'insist' complements, 'about health care' parsed as a modifier of 'voters'
    ("defunding", "Kaine", "opposed", "defunding Planned Parenthood and restrictions on abortion"),
    ("white actors", "actor", "asked", "white actors to act “whiter.”"),
    ("transcripts", "Hillary Clinton", "insist",
     "she will release transcripts of her paid speeches only when other candidates do the same"),
    ("health care", "He", "talking", "health care and getting big money out of politics"),
])
def test_speaker_cue_and_content_of_a_row(objects_ledger, needle, speaker, cue, quote):
    row = row_for(objects_ledger, needle)
    assert (row["speaker"], row["cue"], row["quote"]) == (speaker, cue, quote)


@pytest.mark.parametrize("text, expected", [
    # a passive's named agent echoed its split subject
    ("Sanders’ stridency was echoed by former Maryland Gov. Martin O’Malley.",
     [("Martin O’Malley", "echoed", "Sanders’ stridency")]),
    # an opening phrase parsed as a complement gives way to the clause after the verb
    ("Making the rounds on the Sunday morning shows, Carson said he was facing a unique level of scrutiny.",
     [("Carson", "said", "he was facing a unique level of scrutiny")]),
    # exit polling shows like a poll
    ("Exit polling shows he won 83% of voters under 30 in Pennsylvania last month.",
     [("Exit polling", "shows", "he won 83% of voters under 30 in Pennsylvania last month")]),
    # a parenthetical cue parsed as the head of its sentence
    ("The breaking point, Ash wrote, came on Friday, when the RNC counsel’s office sent out an agenda "
     "for this week’s meeting.",
     [("Ash", "wrote", "The breaking point, Ash wrote, came on Friday, when the RNC counsel’s office sent out an "
                       "agenda for this week’s meeting")]),
    # verbs of talking about a topic
    ("Cruz is hinting at his playbook for locking down the nomination. The candidate bragged about his skills.",
     [("Cruz", "hinting", "his playbook for locking down the nomination"), ("candidate", "bragged", "his skills")]),
    # what a story told is of
    ("At the rally he told the largely unsubstantiated tale of Gen. John Pershing halting attacks "
     "in the Philippines.",
     [("he", "told", "Gen. John Pershing halting attacks in the Philippines")]),
    # a topic verb's gerund or how-clause, parsed as an adverbial clause
    ("In an interview with The New York Times, she joked about moving to New Zealand if Trump is elected.",
     [("she", "joked", "moving to New Zealand if Trump is elected")]),
    # a short quotation, then its speaker with a title, then the cue
    ("“But why?” reporter Jackie Nespral asked him.", [("Jackie Nespral", "asked", "But why?")]),
    # verbs of setting out, sharing or seeking, with their object
    ("The NRA isn’t detailing what steps, if any, it will take to oppose Obama’s plan. Rubio is looking for a "
     "strong performance in South Carolina.",
     [("NRA", "detailing", "what steps, if any, it will take to oppose Obama’s plan"),
      ("Rubio", "looking", "a strong performance in South Carolina")]),
    # 'call out' takes its object; a free relative with a cue of its own is still the object
    ("Rubio called out his rival Donald Trump for alienating Hispanics. Cruz has railed against what he calls "
     "the “Washington cartel.”",
     [("Rubio", "called out", "his rival Donald Trump for alienating Hispanics"),
      ("Cruz", "railed", "what he calls the “Washington cartel.”")]),
    # a verb of intention the tagger read as a plural noun
    ("Trump plans to be back in South Carolina later Saturday to await the results.",
     [("Trump", "plans", "to be back in South Carolina later Saturday to await the results")]),
    ("Viguerie notes that Reagan Democrats can play a key role in a 2016 Republican victory.",
     [("Viguerie", "notes", "that Reagan Democrats can play a key role in a 2016 Republican victory")]),
    # a day the parse hung on what was said is when it was said
    ("The president said Tuesday his actions are consistent with the constitutional right to bear arms.",
     [("president", "said", "his actions are consistent with the constitutional right to bear arms")]),
    # a name alone is what the first of two joined cues was about
    ("Clinton opposed Assad and proposed a safe zone inside Syria for the refugees.",
     [("Clinton", "opposed", "Assad"), ("Clinton", "proposed", "a safe zone inside Syria for the refugees")]),
    # where or how it was said closes the sentence but is not part of what was said
    ("Bill Clinton criticized Sanders during a rally in Brooklyn on Monday. Rubio attacked Donald Trump, on a "
     "conference call with reporters.",
     [("Bill Clinton", "criticized", "Sanders"), ("Rubio", "attacked", "Donald Trump")]),
    # a clause with its own subject and cue, after ', but' or ';', is an attribution of its own
    ("Clinton said she is not running for her husband's third term, but she has also cited his economic record. "
     "Sanders backs a single-payer health care system; Mrs. Clinton aims to build on the Affordable Care Act.",
     [("Clinton", "said", "she is not running for her husband's third term"), ("she", "cited", "his economic record"),
      ("Sanders", "backs", "a single-payer health care system"),
      ("Clinton", "aims", "to build on the Affordable Care Act")]),
    ("Carson criticized the news media, though he added that the negative coverage has helped his campaign raise "
     "more money.",
     [("Carson", "criticized", "the news media"),
      ("he", "added", "that the negative coverage has helped his campaign raise more money")]),
    # a message's participle says what the message says
    ("A super PAC is running online ads attacking Clinton on immigration.",
     [("online ads", "attacking", "Clinton on immigration")]),
    # the quoted clause's own subject, before the quotation, is part of what was said
    ("Teachers “get why the union endorsed her, and many, many many, people believe in that,” Weingarten said.",
     [("Weingarten", "said",
       "Teachers “get why the union endorsed her, and many, many many, people believe in that,”")]),
    # agreeing with, wondering about, speaking of
    ("Former President Bill Clinton agreed with the analysis. Some of his admirers wonder about his more subdued "
     "style. Republican leaders speak affectionately of Mr. Rubio's gifts as an orator.",
     [("Bill Clinton", "agreed", "the analysis"), ("Some of his admirers", "wonder", "his more subdued style"),
      ("Republican leaders", "speak", "Mr. Rubio's gifts as an orator")]),
    # with no subject in the parse, the speaker is not a word of what was said
    ("In each of the five states, about half of voters say they prefer a candidate who's an outsider.",
     [("voters", "say", "they prefer a candidate who's an outsider")]),
    ("Democratic voters are slightly more likely to say that Clinton represents their positions on the issues.",
     [("Democratic voters", "say", "that Clinton represents their positions on the issues")]),
    # after a stance verb's object, 'because' or 'as' with a subject and cue of its own starts a new row; a
    # reported clause keeps its reason
    ("Marvin Teske is backing Hillary Clinton because he worries Sanders would have trouble winning in the fall. "
     "Kelly said she asked for the interview because she wanted to get her interactions with Trump on a "
     "professional footing.",
     [("Marvin Teske", "backing", "Hillary Clinton"),
      ("he", "worries", "Sanders would have trouble winning in the fall"),
      ("Kelly", "said", "she asked for the interview because she wanted to get her interactions with Trump on a "
                        "professional footing")]),
    # 'as X noted' reports the clause it hangs on; 'put it' is a way of saying
    ("As the International Business Times noted, Clinton raised more than $1.1 million from the securities "
     "industry. But as Clyburn noted, those voters will give Sanders a second look. As one voter put it, "
     "“He tells it like it is.”",
     [("International Business Times", "noted", "Clinton raised more than $1.1 million from the securities industry"),
      ("Clyburn", "noted", "those voters will give Sanders a second look"),
      ("one voter", "put it", "He tells it like it is.")]),
    # a quotation inside a clause that runs on to ', <source> <cue>.' makes the whole clause a mixed quote
    ("Clark’s comments further “the anti-Muslim mob mentality” fostered by Trump and other GOP presidential "
     "hopefuls, the groups say.",
     [("groups", "say", "Clark’s comments further “the anti-Muslim mob mentality” fostered by Trump and other GOP "
                        "presidential hopefuls")]),
    # a quotation with no cue of its own goes on with the last quotation, not with the participle after it
    ("\"It is good political strategy for electoral votes in the fall,\" said Ed Rendell, a former Pennsylvania "
     "governor, referring to the campaign's long list of mayoral endorsements. \"In a general election, cities "
     "can be crucial.\"",
     [("Ed Rendell", "said", "It is good political strategy for electoral votes in the fall,"),
      ("Ed Rendell", "referring", "the campaign's long list of mayoral endorsements"),
      ("Ed Rendell", "said", "In a general election, cities can be crucial.")]),
    # a party code after a name is not the speaker
    ("WASHINGTON — Sen. Bernie Sanders (I-Vt.) defended his call to raise the federal minimum wage. "
     "On Saturday, Sen. Bernie Sanders (I-Vt.) called on Michigan Gov. Rick Snyder to resign.",
     [("Bernie Sanders", "defended", "his call to raise the federal minimum wage"),
      ("Bernie Sanders", "called", "Michigan Gov. Rick Snyder to resign")]),
    # a bare 'and' before a subject and a cue of its own starts a new row; one that joins noun phrases does not
    ("U.S. Democratic presidential candidate Hillary Clinton said Russian intelligence services hacked into "
     "Democratic National Committee computers and she accused Republican contender Donald Trump of showing "
     "support for Russian President Vladimir Putin. Donald Trump said four of his kids and his wife will also "
     "speak at the convention.",
     [("Hillary Clinton", "said", "Russian intelligence services hacked into Democratic National Committee computers"),
      ("she", "accused", "Republican contender Donald Trump of showing support for Russian President Vladimir Putin"),
      ("Donald Trump", "said", "four of his kids and his wife will also speak at the convention")]),
    # a past form parsed as a participle on a noun but taking an object is the sentence's verb
    ("A majority of voters looking for an outsider candidate supported Trump. People involved in the lobbying "
     "project offered contradictory descriptions of how it came about. Barden leads a program called Sandy Hook "
     "Promise.",
     [("majority of voters", "supported", "Trump"),
      ("People", "offered", "contradictory descriptions of how it came about")]),
    # who issues a statement says what it says
    ("The senator released a statement saying he would not attend the convention. Trump and Ryan issued a "
     "statement Thursday describing their meeting as a positive step.",
     [("senator", "saying", "he would not attend the convention"),
      ("Trump", "describing", "their meeting as a positive step")]),
    # a complement with no subject of its own gets back the subject the parse hung on the cue
    ("Carter’s press secretary, Peter Cook, told the Times that Carter believes his use of personal email for "
     "work-related business was a mistake. During the debate, candidate Hillary Clinton said Patricia Smith, the "
     "mother of Sean Smith, is “absolutely wrong” for saying that.",
     [("Peter Cook", "told", "that Carter believes his use of personal email for work-related business was a mistake"),
      ("Hillary Clinton", "said", "Patricia Smith, the mother of Sean Smith, is “absolutely wrong” for saying that")]),
    # a clause with a subject of its own after a semicolon is not part of what was said
    ("Democratic politicians oppose taxing consumption on fairness grounds; lower earners spend a greater "
     "proportion of their income than higher earners. He thinks that reducing the deficit is more important than "
     "defending the nation; that’s a surefire ticket to defeat.",
     [("Democratic politicians", "oppose", "taxing consumption on fairness grounds"),
      ("He", "thinks", "that reducing the deficit is more important than defending the nation")]),
    # a quotation opened inside what was said closes inside it, however the parse hung the closing mark
    ("He described the field of Republican candidates as “all very good”. Moore thanked him for “stepping up and "
     "taking action when Congress won’t.”",
     [("He", "described", "the field of Republican candidates as “all very good”"),
      ("Moore", "thanked", "him for “stepping up and taking action when Congress won’t.”")]),
    # stances PolNeAR annotates: favouring, ignoring, anticipating
    ("Most progressives favor spending projects like building infrastructure. She ignored clear evidence of a "
     "massive tax evasion scandal. Rubio anticipated that the session with business leaders would focus on terrorism.",
     [("Most progressives", "favor", "spending projects like building infrastructure"),
      ("She", "ignored", "clear evidence of a massive tax evasion scandal"),
      ("Rubio", "anticipated", "that the session with business leaders would focus on terrorism")]),
    # what the one told heard, parsed as a relative clause on them; a real relative clause stays out
    ("Graham assured voters he would win. Graham told the people he met about the plan.",
     [("Graham", "assured", "he would win"), ("Graham", "told", "the plan")]),
    # a complement the parse split in two ('lifting' | 'the embargo was not a response') is read whole
    ("Obama repeatedly insisted that lifting the embargo was not a response to Beijing's assertiveness in the South "
     "China Sea.",
     [("Obama", "insisted", "that lifting the embargo was not a response to Beijing's assertiveness in the South "
       "China Sea")]),
    # the one asked in a participle ('when asked whether ...') is not who asked: the asker is not named
    ("Sanders, when asked whether he would fundraise for other candidates, said he would.",
     [(None, "asked", "whether he would fundraise for other candidates"), ("Sanders", "said", "he would")]),
    # a charge in the agentless passive is the whole clause, with nobody named as its source
    ("Dylann Roof is accused of killing nine people inside the church. Palmieri accused Sanders of taking cues "
     "from Republicans.",
     [(None, "accused", "Dylann Roof is accused of killing nine people inside the church"),
      ("Palmieri", "accused", "Sanders of taking cues from Republicans")]),
    # declining to comment is an attribution, whole with one verb; declining sales are not
    ("Mr. Thiel declined to comment. Sales declined sharply last year. Trump refused to endorse Ryan.",
     [("Thiel", "declined", "to comment"), ("Trump", "refused", "to endorse Ryan")]),
    # a jab's target with the preposition hung on its title; 'made no secret of' (but not any secret)
    ("Trump also took multiple swipes at fellow GOP contender Jeb Bush. Ted Cruz has made no secret of his disdain "
     "for the party. The secret of his success is hard work.",
     [("Trump", "swipes", "fellow GOP contender Jeb Bush"), ("Ted Cruz", "secret", "his disdain for the party")]),
    # 'says X and calls her Y': calling someone something starts a statement of its own
    ("He says he respects Clinton and calls her “an extremely intelligent woman.”",
     [("He", "says", "he respects Clinton"), ("He", "calls", "her “an extremely intelligent woman.”")]),
    ("Cruz said the deal was a disaster and accuses Obama of weakness.",
     [("Cruz", "said", "the deal was a disaster"), ("Cruz", "accuses", "Obama of weakness")]),
    # a judgement: what is deemed what
    ("President Obama has deemed certain releases a reasonable trade-off.",
     [("President Obama", "deemed", "certain releases a reasonable trade-off")]),
    # naming something as something is a view; naming someone to a post is not
    ("Carly Fiorina named a Washington favorite as her guilty pleasure. The governor named her to the court.",
     [("Carly Fiorina", "named", "a Washington favorite as her guilty pleasure")]),
    # a quotation a colon opens, with the cue after it: the cue says the quotation, not the lead-in
    ("A few minutes later, Murphy followed up by lamenting the churn of meaningless tasks his job entails, "
     "especially fundraising: \u201cThere\u2019s just a ton of bullshit with this job,\u201d he said.",
     [("Murphy", "lamenting", "the churn of meaningless tasks his job entails"),
      ("he", "said", "There\u2019s just a ton of bullshit with this job,")]),
    # a clause 'when' opens says when it was said, not what
    ("He tweeted when Clinton ended a Democratic debate last December with a reference to the sequel.", []),
    # a gerund subject, a quantity the tagger read as a preposition
    ("Yet Democratic economists, like their Republican counterparts, say taxing consumption encourages savings, "
     "investment and greater economic growth.",
     [("Democratic economists", "say",
       "taxing consumption encourages savings, investment and greater economic growth")]),
    ("The budget office said about half of the higher adjustment in its deficit projections reflected revenue losses "
     "from the compromise tax cuts.",
     [("budget office", "said", "about half of the higher adjustment in its deficit projections reflected revenue "
       "losses from the compromise tax cuts")]),
    # 'before' + a cue hung on the first cue: a second statement of the same source
    ("She criticized the Republican front-runner Trump on foreign policy before also ripping Ted Cruz.",
     [("She", "criticized", "the Republican front-runner Trump on foreign policy"), ("She", "ripping", "Ted Cruz")]),
    # a set-off cue's subject is before it, whatever the parse hung on it after the comma
    ("Ms. Malik also had two in-person interviews, federal officials said, the first by a consular officer in "
     "Pakistan, and the second by an immigration officer in the United States.",
     [("federal officials", "said", "Ms. Malik also had two in-person interviews")]),
    # a dummy 'it' of the predicate the cue hangs from names nobody
    ("It is worth remembering that the state is defined by a vast agricultural economy.",
     [(None, "remembering", "that the state is defined by a vast agricultural economy")]),
    ("It's hard not to wonder whether Republican officials are looking enviously at the other party.",
     [(None, "wonder", "whether Republican officials are looking enviously at the other party")]),
    # a name the tagger took for an adjective before 'who': the NER's person is who the pronoun stands for
    ("Podesta, who said the project was vetted by his firm's counsel, said he was unaware of any such disagreements.",
     [("Podesta, who", "said", "the project was vetted by his firm's counsel"),
      ("Podesta", "said", "he was unaware of any such disagreements")]),
    # 'reference', 'disavow' and 'allude to' take what they are about as their object
    ("He also alluded to her failings in the speech.", [("He", "alluded", "her failings")]),
    ("Sanders referenced the Clintons' tactics from eight years ago.",
     [("Sanders", "referenced", "the Clintons' tactics from eight years ago")]),
    ("The senator disavowed his plan for a religious test.",
     [("senator", "disavowed", "his plan for a religious test")]),
    # ', adding, "..."' with 'adding' tagged a noun still starts a statement of its own
    ("To wit, Trump told Newsmax that Mitt Romney \u201chad a crazy policy of self-deportation which was "
     "maniacal,\u201d adding, \u201cHe lost all of the Latino vote \u2026 he lost everybody who is inspired "
     "to come into this country.\u201d",
     [("Trump", "told", "that Mitt Romney \u201chad a crazy policy of self-deportation which was maniacal,\u201d"),
      ("Trump", "adding", "He lost all of the Latino vote \u2026 he lost everybody who is inspired to come into this "
       "country.")]),
    # a past form joined to a clause with a modal cannot share the modal: it is the speaker's next act
    ("She added that she understands people may have concerns but downplayed any impact her private server may "
     "have in November.",
     [("She", "added", "that she understands people may have concerns"),
      ("She", "downplayed", "any impact her private server may have in November")]),
    ("Clinton attacked Trump, saying he would appoint Supreme Court judges who would overturn Roe v. Wade, and "
     "reminded the audience of comments Trump made.",
     [("Clinton", "attacked", "Trump"),
      ("Clinton", "saying", "he would appoint Supreme Court judges who would overturn Roe v. Wade"),
      ("Clinton", "reminded", "the audience of comments Trump made")]),
    # a passive's participle shares its auxiliaries: 'should not be cut but propped up'
    ("Trump argued that Medicare shouldn't be cut but propped up with money saved from military spending.",
     [("Trump", "argued", "that Medicare shouldn't be cut but propped up with money saved from military spending")]),
    # a quotation ending in a comma goes on with the cue after it, not with a participle that led into it
    ("Vice President Joe Biden weighed in as well, telling Mic in an interview published on Monday, \u201cBut gosh "
     "almighty, they\u2019re both qualified,\u201d he said, adding, \u201cHillary\u2019s overwhelmingly qualified "
     "to be president.\u201d",
     [("he", "said", "But gosh almighty, they\u2019re both qualified,"),
      ("he", "adding", "Hillary\u2019s overwhelmingly qualified to be president.")]),
    # '..., X said, adding that ...': the participle is X's next statement, not what X said
    ("Washington did not complain when China's spending helped global growth, a Chinese official said, adding that "
     "the impact of closing factories was hard to estimate.",
     [("Chinese official", "said", "Washington did not complain when China's spending helped global growth"),
      ("Chinese official", "adding", "that the impact of closing factories was hard to estimate")]),
    ("Ryan and Trump will meet sometime next week, Spicer said, adding, \"They need to sit down and have a good "
     "talk.\"",
     [("Spicer", "said", "Ryan and Trump will meet sometime next week"),
      ("Spicer", "adding", "They need to sit down and have a good talk.")]),
    # a phrasal cue's particle is the cue's, never the start of a mixed quote's lead ('out the "...')
    ("He pointed out the \u201cglaring flaws in the plan.\u201d",
     [("He", "pointed out", "glaring flaws in the plan.")]),
    # the particle of a joined cue is the cue's, not what was said
    ("Clinton said she would consider the plan, and followed up with a letter to the committee.",
     [("Clinton", "said", "she would consider the plan"),
      ("Clinton", "followed up", "with a letter to the committee")]),
    # a quotation after 'X said, adding that ...' is the participle's statement, whatever the parse hung it on
    ("''You are not going to win this general election by proposing incremental changes,'' Mr. Murphy said, "
     "adding that he hoped Mrs. Clinton ''doesn't shy away from proposing some big ideas.''",
     [("Murphy", "said", "You are not going to win this general election by proposing incremental changes,"),
      ("Murphy", "adding", "that he hoped Mrs. Clinton ''doesn't shy away from proposing some big ideas.''")]),
    # a newswire quotation closing the content keeps its final stop and closing marks
    ("A spokesman, Brian Fallon, said Mr. Trump had reached a ''new low.''",
     [("Brian Fallon", "said", "Mr. Trump had reached a ''new low.''")]),
    # a quotation naming a relative that stands before the naming verb; the copula's subject is not the speaker
    ("Trump University is what former employees have called a \u201cfraudulent scheme\u201d that took money from "
     "students.",
     [("former employees", "called", "a \u201cfraudulent scheme\u201d")]),
    ("Bloomberg pegged his fortune at $2.9 billion, which Mr. Trump called ''a disgrace.''",
     [("Trump", "called", "''a disgrace.''")]),
    ("He is at the center of a campaign - one he calls \u201cConfident America\u201d - but it failed.",
     [("he", "calls", "\u201cConfident America\u201d")]),
    # ... not a quoted word that modifies a noun after it
    ("Williamson assails what he calls the \u201cimmoral\u201d lie of the current political moment.",
     [("Williamson", "assails", "what he calls the \u201cimmoral\u201d lie of the current political moment")]),
    # a quotation with no cue of its own goes on with the reported clause a speech verb just added
    ("\"It is abundantly clear that he did not fight for the legislation,\" Christie said, adding that he had fought "
     "for bills in his time as governor. \"A leader must fight for what they believe in.\"",
     [("Christie", "said", "It is abundantly clear that he did not fight for the legislation,"),
      ("Christie", "adding", "that he had fought for bills in his time as governor"),
      ("Christie", "adding", "A leader must fight for what they believe in.")]),
    # a headline, a dash, then the source before the colon: the source speaks, not the headline's subject
    ("Estimates of minorities\u2019 opinions are particularly problematic - Pew Research: \u201cAll the samples "
     "evaluated include more engaged individuals.\u201d",
     [("Pew Research", None, "All the samples evaluated include more engaged individuals.")]),
    # what was said, parsed as a relative clause on the time before it
    ("United Gun Group said in a statement Thursday night they pulled Zimmerman's listing from the site.",
     [("United Gun Group", "said", "they pulled Zimmerman's listing from the site")]),
    # a cue with its own complement, then a trailing 'they said' for what follows that complement
    ("Other Republican candidates said they support charter schools, but they wouldn\u2019t advocate for them on "
     "the federal level, because those decisions should be left to states, they said.",
     [("Other Republican candidates", "said", "they support charter schools"),
      ("they", "said", "but they wouldn\u2019t advocate for them on the federal level, because those decisions "
       "should be left to states")]),
    # a poll's share of respondents before 'say', which the tagger reads as a noun
    ("Since December, Sanders has gained on other measures, too. Six in 10 say he\u2019s at least somewhat decisive.",
     [("Six in 10", "say", "he\u2019s at least somewhat decisive")]),
    ("Nearly nine out of 10 say they will need to continually develop new skills to advance their careers.",
     [("nine out of 10", "say", "they will need to continually develop new skills to advance their careers")]),
    # the clause's subject and the speaker both hung on a cue after the clause
    ("Other efforts to supplement the Central American Minors program will also be expanded, officials said.",
     [("officials", "said", "Other efforts to supplement the Central American Minors program will also be expanded")]),
    # a 'that' right after the cue opens what was said, however the parse hung it
    ("Ms. Schifano recalled that the last time she saw Freddy, one night in the late 1960s, he looked gaunt.",
     [("Schifano", "recalled", "that the last time she saw Freddy, one night in the late 1960s, he looked gaunt")]),
    # a quotation given as a name: a title, a slogan, a term
    ("Clinton campaign manager Robby Mook released a memo titled \"The Facts on Where the Race Stands.\"",
     [(None, "titled", "The Facts on Where the Race Stands.")]),
    ("Richard Nixon ran on the slogan \"Experience Counts\" in 1960.",
     [("Richard Nixon", "slogan", "Experience Counts")]),
])
def test_rows_of_a_sentence(english_pipeline, text, expected):
    rows = quotekit.extract_text(text, doc="sentence").to_dicts()
    assert [(r["speaker"], r["cue"], r["quote"]) for r in rows] == expected


def test_a_shout_inside_reported_words_has_its_own_row(english_pipeline):
    """The quotation has its own speech verb and speaker, though it lies inside Rubio's reported words."""
    text = ("Some in the crowd booed, and when Rubio thanked Miami and said it was great to be home, "
            "a man yelled \u201cStay there!\u201d")
    rows = quotekit.extract_text(text, doc="sentence").to_dicts()
    assert ("man", "yelled", "Stay there!", "direct") in [(r["speaker"], r["cue"], r["quote"], r["quote_type"])
                                                          for r in rows]


def test_a_shout_after_its_own_cue_is_not_the_end_of_what_came_before(english_pipeline):
    """The parse hangs the first clause on the second 'said'; the quotation after it is still direct."""
    text = ("Trump said he was not responsible for the violence at his rally, and when asked whether he was "
            "encouraging his supporters' fury, he said, \u201cI hope not.\u201d")
    rows = [(r["speaker"], r["cue"], r["quote"], r["quote_type"])
            for r in quotekit.extract_text(text, doc="sentence").to_dicts()]
    assert ("he", "said", "I hope not.", "direct") in rows
    assert rows[0][:2] == ("Trump", "said") and rows[0][2].startswith("he was not responsible")

