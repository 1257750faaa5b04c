"""What was said: the content of reported speech for a cue verb, from its clausal complement or,
where the parse missed it, from surface patterns (one function each)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import (
    ADJ_CUE_PREPOSITIONS,
    AS_CUES,
    CUE_VERBS,
    EVIDENTIAL_VERBS,
    MESSAGE_NOUNS,
    OBJECT_CUE_PREPOSITIONS,
    OBJECT_CUES,
    SPEECH_VERBS,
    WEAK_CUES,
    cue_lemma,
    finite_as_participle,
    is_according,
    is_cue,
    make_clear,
    put_it,
)
from .parse import Parse, Word
from .quotes import QuoteSpan, inside_long_quote
from .subjects import HEARER_CUES, RELATIVE_PRONOUNS, TIME_WORDS, cue_subject, dominates, is_passive, passive_agent

XCOMP_CUES = frozenset({"promise", "threaten", "vow", "plan", "want", "intend", "hope", "urge", "pledge",
                        "refuse", "agree", "decide", "seek", "wish", "expect", "aim", "offer",
                        "ask", "tell", "encourage", "invite", "instruct", "advise", "remind", "warn", "order",
                        "vote", "like", "claim", "prefer",
                        "decline"})  # 'voted to ban', 'would like to make', 'claim to object', 'declined to comment'

REFUSAL_CUES = frozenset({"decline", "refuse"})

# 'asked the workers if they planned to attend': a question reported with if/whether.
QUESTION_CUES = frozenset({"ask", "wonder", "question", "inquire", "enquire"})


NAMING_CUES = frozenset({"call", "label", "brand", "dub", "term"})

# Verbs whose object and what is predicated of it form the content: 'considers Clinton honest'.
SMALL_CLAUSE_CUES = NAMING_CUES | {"consider", "deem", "declare", "pronounce"}

# 'accused Trump of using divisive rhetoric', 'criticized Clinton for her email use': the clause after
# the object belongs to the content.
OBJECT_REASON_MARKS = frozenset({"of", "for"})


STANCE_CUES = frozenset({"support", "endorse", "back", "oppose", "praise", "criticize", "criticise", "attack",
                         "slam", "blast", "condemn", "denounce", "defend", "applaud", "hail", "thank", "prefer",
                         "favor", "favour", "reject", "mock", "dismiss"})


# 'a group backing Bush', 'executives supporting her campaign': who backs whom, even inside a noun phrase.
BACKING_CUES = frozenset({"support", "back", "endorse", "oppose", "favor", "favour"})


EVIDENCE_CUES = frozenset({"show", "find", "suggest", "indicate", "reveal", "put"})


# Verbs that, joined to a reported clause ('said X and predicted Y'), start a statement of their own.
NEW_STATEMENT_CUES = frozenset({"say", "add", "tell", "predict", "question", "claim", "insist", "argue", "note",
                                "warn", "state", "explain", "write", "declare", "suggest", "deny", "admit", "accuse",
                                "criticize", "vow", "promise", "urge", "concede", "acknowledge", "blame", "praise",
                                "call"})


QUOTE_CLOSERS = "\"\u201d\u2019'"
QUOTE_OPENERS = "\"\u201c\u2018"


# Verbs that take a cue as their complement ('is continuing to insist ...'); the parse may hang what
# was said on them.
CONTROL_VERBS = frozenset({"continue", "try", "seek", "begin", "start", "need", "have", "want", "decide",
                           "attempt", "appear", "seem", "go", "keep", "refuse", "hesitate", "dare"})

# Cues whose gerund complement is what was said: 'has opposed defunding Planned Parenthood'.
GERUND_CUES = frozenset({"oppose", "support", "report", "deny", "admit", "recommend", "propose", "suggest",
                         "consider", "defend", "favor", "favour", "back", "endorse", "criticize", "criticise",
                         "condemn", "reject", "mention", "discuss", "acknowledge", "describe", "urge"})


def _complement(parse: Parse, verb: Word) -> Word | None:
    """The clausal complement that holds what was said."""
    holders = [verb]
    adj = make_clear(parse, verb)
    if adj is not None:
        holders.append(adj)
    for h in holders:
        for c in parse.children(h):
            if c.rel == "ccomp" and _relative_before(parse, c, verb):
                continue  # 'Cox, who runs the NRA's lobbying arm, says ...': a clause on the subject
            if c.rel == "ccomp" or (c.rel == "xcomp" and cue_lemma(h) in XCOMP_CUES):
                if c.rel == "ccomp" and c.index < verb.index:
                    # 'Making the rounds on the Sunday shows, Carson said he was ...' with an opening phrase
                    # parsed as a complement too: the one after the verb
                    later = next((x for x in parse.children(h) if x.rel == "ccomp" and x.index > verb.index), None)
                    if later is not None:
                        return later
                return c
            # 'has opposed defunding Planned Parenthood', 'reported holding investments in ...'
            if c.rel == "xcomp" and c.index > verb.index and cue_lemma(h) in GERUND_CUES and c.upos == "VERB" \
                    and c.text.lower().endswith("ing") and not _has_mark(parse, c):
                return c
    if cue_lemma(verb) in HEARER_CUES:  # 'asked white actors to act "whiter."' with the to-clause as advcl
        kids = parse.children(verb)
        obj = next((c for c in kids if c.rel == "obj" and c.index > verb.index), None)
        clause = next((c for c in kids if c.rel == "advcl" and obj is not None and c.index > obj.index
                       and _has_mark(parse, c, "to")), None)
        if clause is not None:
            return clause
        if obj is not None:
            told = _told_clause_on_hearer(parse, obj)
            if told is not None:
                return told
    if cue_lemma(verb) in XCOMP_CUES:
        for obj in parse.children(verb):
            if obj.rel == "obj" and obj.index > verb.index:
                # 'asked the congregation to stand' parsed with the to-clause on the object
                clause = next((c for c in parse.children(obj) if c.rel == "acl" and _has_mark(parse, c, "to")), None)
                if clause is not None:
                    return clause
    for c in parse.children(verb):
        # 'told the Post and Courier on Saturday that he cast ...': a that-clause parsed as advcl
        if c.rel == "advcl" and c.index > verb.index and (_has_mark(parse, c, "that") or (
                cue_lemma(verb) in QUESTION_CUES and (_has_mark(parse, c, "if") or _has_mark(parse, c, "whether")))):
            return c
    if verb.rel == "xcomp":
        # 'is continuing to insist she will release ...' with the clause hung on 'continuing'
        head = parse.head_of(verb)
        if head is not None and head.lemma.lower() in CONTROL_VERBS:
            return next((c for c in parse.children(head) if c.rel == "ccomp" and c.index > verb.index), None)
    return None


def _told_clause_on_hearer(parse: Parse, hearer: Word) -> Word | None:
    """'assured voters he would win' parsed with 'he would win' as a relative clause on 'voters': a clause
    with its own subject (no relative pronoun) right after the one told is what they were told."""
    clause = next((c for c in parse.children(hearer) if c.deprel == "acl:relcl" and c.index > hearer.index), None)
    if clause is None:
        return None
    opening = parse.subtree(clause)[0]
    subject = next((c for c in parse.children(clause) if c.rel == "nsubj"), None)
    if subject is None or subject.index != opening.index or subject.lemma.lower() in RELATIVE_PRONOUNS \
            or subject.text.lower() in RELATIVE_PRONOUNS:
        return None
    before = parse.words[opening.index - 1]
    if before.sent != hearer.sent or before.upos == "PUNCT" or not dominates(parse, hearer, before):
        return None
    if not any(c.rel in ("aux", "cop", "obj", "ccomp", "xcomp") for c in parse.children(clause)):
        return None  # 'told the people he met about the plan': a real relative clause, its object gapped
    return clause


def _subject_hung_on_cue(parse: Parse, cue: Word, comp: Word, content: list[Word], start: int) -> int:
    """'said Patricia Smith, the mother of Sean Smith, is "absolutely wrong"', 'told the Times that Carter
    believes his use of email was a mistake': when the complement has no subject, the parse hung it on
    the cue (a second subject) or in a relative clause on the hearer; the content starts there."""
    if any(c.rel in ("nsubj", "csubj", "expl") for c in parse.children(comp)):
        return start
    hung = [c for c in parse.children(cue) if c.rel in ("nsubj", "obj") and cue.index < c.index < comp.index]
    if not hung:
        return start
    last = hung[-1]
    if last.rel == "nsubj":  # (not '... , said Doyle and others, would be clear': the speaker, inverted)
        if parse.subtree(last)[-1].index + 3 >= content[0].index and parse.words[cue.index - 1].text != ",":
            return min(start, parse.subtree(last)[0].start)
        return start
    clause = next((c for c in parse.children(last) if c.deprel == "acl:relcl" and c.index > last.index), None)
    if clause is not None and parse.subtree(clause)[-1].index + 1 >= content[0].index:
        return min(start, parse.subtree(clause)[0].start)
    return start


def _from_that(parse: Parse, cue: Word, comp: Word, start: int) -> int:
    """'recalled that the last time she saw Freddy, one night in the 1960s, he looked gaunt': a 'that' right
    after the cue, which the parse hung elsewhere, opens what was said; the words up to the clause are its own."""
    if cue.index + 1 >= len(parse.words):
        return start
    that = parse.words[cue.index + 1]
    if that.text.lower() != "that" or that.upos != "SCONJ" or that.sent != cue.sent or that.start >= start \
            or that.head == comp.id or parse.words[that.index + 1].lemma.lower() in TIME_WORDS:
        return start  # (not 'reported that night')
    between = [x for x in parse.words if that.index < x.index and x.end <= start]
    if any(x.text in (";", ":") or x.upos == "PUNCT" and x.text in QUOTE_OPENERS + QUOTE_CLOSERS for x in between):
        return start
    return that.start


def _two_subjects(parse: Parse, cue: Word, comp: Word, content: list[Word]) -> tuple[Word, Word] | None:
    """'Other efforts to expand it will also be expanded, officials said': a clause before its cue whose
    subject the parse hung on the cue, beside the cue's own subject; (the clause's subject, the speaker)."""
    if comp.rel != "ccomp" or not comp.index < cue.index \
            or any(c.rel in ("nsubj", "csubj", "expl") for c in parse.children(comp)):
        return None
    subjects = [c for c in parse.children(cue) if c.rel == "nsubj"]
    if len(subjects) != 2 or not subjects[0].index < comp.index < subjects[1].index < cue.index:
        return None
    if parse.subtree(subjects[0])[-1].index + 2 < content[0].index:
        return None
    return subjects[0], subjects[1]


def _relative_before(parse: Parse, clause: Word, cue: Word) -> bool:
    """A clause before the cue that opens with 'who'/'which' after a comma: a relative clause on the
    subject that the parser hung on the cue."""
    first = strip_punct(parse.subtree(clause))[0]
    return clause.index < cue.index and first.text.lower() in ("who", "which") and first.index > 0 \
        and parse.words[first.index - 1].text == ","


def _parenthetical(parse: Parse, subj: Word, cue: Word) -> bool:
    """'This campaign, he says, is different': subject and cue set off by commas inside the clause."""
    if not 0 < subj.index < cue.index or cue.index - subj.index > 4:
        return False
    before = parse.words[subj.index - 1]
    after = parse.words[cue.index + 1] if cue.index + 1 < len(parse.words) else None
    return before.text == "," and after is not None and after.text == ","


def _parenthetical_content(parse: Parse, cue: Word) -> _Reported | None:
    """'This campaign, he says, is different': a cue set off inside the clause it reports."""
    head = parse.head_of(cue)
    if cue.rel != "parataxis" or head is None or head.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
        return None
    kids = parse.children(cue)
    if not any(c.rel == "nsubj" for c in kids) or any(
            c.rel in ("obj", "ccomp", "xcomp") and c.lemma.lower() not in TIME_WORDS for c in kids):
        return None
    words = parse.sentence_words(cue.sent)
    subj = next(c for c in kids if c.rel == "nsubj")
    first = min(parse.subtree(subj)[0].index, cue.index)  # 'the airline said': from 'the'
    before = words[first - words[0].index - 1] if first > words[0].index else None
    # the cue's own words, without the sentence's final stop the parser may hang on it, nor a participle
    # that goes on after a comma ('..., a Chinese official said, adding that ...'): a statement of its own
    going_on = frozenset(c.index for c in kids if c.rel == "advcl" and c.index > cue.index + 1
                         and parse.words[c.index - 1].text == "," and c.text.lower().endswith("ing")
                         and cue_lemma(c) in PARTICIPLE_CUES)
    last = max(x.index for x in parse.subtree(cue, exclude=going_on) if x.upos != "PUNCT" or x.index < cue.index)
    after = words[last - words[0].index + 1] if last + 1 < words[0].index + len(words) else None
    if not (before is not None and before.text == "," and after is not None and after.text in (",", ".")):
        return None
    content = [x for x in parse.subtree(head) if x.upos != "PUNCT" or x.index < last]
    if after.text == "." or going_on or not any(x.upos != "PUNCT" for x in words if x.index > last):
        # '..., the airline said.' at the end: what was said is everything before it
        content = [x for x in content if x.index < first]
        content = _after_own_statement(parse, head, content)
    content = strip_punct(content)
    if len([x for x in content if x.upos != "PUNCT" and not first <= x.index <= last]) < 3:
        return None
    return _Reported(cue, content[0].start, content[-1].end)


# Verbs of reporting in 'as X noted, ...' (not 'as he spoke', 'as the primaries begin': a time)
AS_REPORTING_VERBS = frozenset("""say report note observe write reveal point explain argue suggest tell remark recall
    speculate show predict mention acknowledge admit claim warn declare state announce conclude recount document
    detail describe quip joke insist add emphasize stress comment testify confirm indicate find discover
    learn""".split())


def _after_own_statement(parse: Parse, head: Word, content: list[Word]) -> list[Word]:
    """'Other candidates said they support vouchers, but they would not advocate them, they said.': the
    head cue's own complement is its statement; the trailing cue reports what comes after it."""
    if cue_lemma(head) not in NEW_STATEMENT_CUES or not any(c.rel == "nsubj" for c in parse.children(head)):
        return content
    comp = next((c for c in parse.children(head) if c.rel == "ccomp" and c.index > head.index), None)
    if comp is None:
        return content
    comp_end = parse.subtree(comp)[-1].index
    rest = [x for x in content if x.index > comp_end]
    if len([x for x in rest if x.upos != "PUNCT"]) < 3:
        return content
    return rest


def _as_parenthetical(parse: Parse, cue: Word) -> _Reported | None:
    """'As Breitbart News reported, the White House was refusing ...', 'As Vulture put it, ...', '..., as the
    Times noted.': a speech verb in an 'as' clause that says nothing of its own reports the clause it hangs on."""
    head = parse.head_of(cue)
    if cue.rel != "advcl" or head is None or not (cue_lemma(cue) in AS_REPORTING_VERBS or put_it(parse, cue)):
        return None
    kids = parse.children(cue)
    if not any(c.rel == "mark" and c.lemma.lower() == "as" and c.index < cue.index for c in kids) \
            or not any(c.deprel == "nsubj" and c.index < cue.index for c in kids):
        return None
    last = [x for x in parse.subtree(cue) if x.upos != "PUNCT"][-1]
    following = parse.words[last.index + 1] if last.index + 1 < len(parse.words) else None
    if following is None or following.text not in (",", ".", ";") \
            or parse.text[following.end:following.end + 3].lstrip()[:1] in ("\u201c", '"', ":"):
        return None  # ('as she angrily said, "I am so sick ..."': the quotation is what was said)
    for c in kids:
        if c.rel in ("mark", "nsubj", "advmod", "punct", "aux", "cc"):
            continue
        if c.rel == "obj" and c.lemma.lower() == "it" and c.index == cue.index + 1:
            continue  # 'put it'
        if c.rel == "obl" and (c.lemma.lower() in TIME_WORDS or any(
                g.rel == "case" and g.lemma.lower() in ("in", "on") for g in parse.children(c))):
            continue  # 'as the Times reported on Friday', 'as he wrote in a memo'
        return None
    own = {x.index for x in parse.subtree(cue)}
    content = strip_punct([x for x in parse.subtree(head) if x.index not in own])
    lead = [x for x in content if x.index < min(own)]
    if all(x.upos in ("CCONJ", "ADV", "PUNCT") for x in lead):
        content = strip_punct([x for x in content if x.index > max(own)])  # 'But as Clyburn noted, those ...'
    elif not any(x.index > max(own) and x.upos != "PUNCT" for x in content):
        content = strip_punct(lead)
    if len([x for x in content if x.upos != "PUNCT"]) < 3:
        return None
    return _Reported(cue, content[0].start, content[-1].end)


def _inverted_parenthetical(parse: Parse, cue: Word) -> _Reported | None:
    """'The breaking point, Ash wrote, came on Friday' parsed with the cue as the sentence's head: the
    words around ', <name> <cue>,' are what was said."""
    if cue.rel != "root" or cue_lemma(cue) not in SPEECH_VERBS:
        return None
    words = parse.sentence_words(cue.sent)
    at = cue.index - words[0].index
    if at + 1 >= len(words) or words[at + 1].text != ",":
        return None
    comma = next((k for k in range(at - 1, max(at - 6, 0) - 1, -1) if words[k].upos == "PUNCT"), None)
    if comma is None or words[comma].text != "," or comma < 2 or comma == at - 1:
        return None
    subject = words[comma + 1:at]
    if not any(x.rel == "nsubj" and x.head == cue.id for x in subject):
        return None
    before = strip_punct(list(words[:comma]))
    after = strip_punct(list(words[at + 2:]))
    if len(before) < 2 or len(after) < 3:
        return None
    return _Reported(cue, before[0].start, after[-1].end)


def span_of(words: list[Word]) -> tuple[int, int]:
    return words[0].start, words[-1].end


def strip_punct(words: list[Word]) -> list[Word]:
    """``words`` without punctuation at either edge."""
    start, end = 0, len(words)
    while start < end and words[start].upos == "PUNCT":
        start += 1
    while end > start and words[end - 1].upos == "PUNCT":
        end -= 1
    return words[start:end]


def _content_words(parse: Parse, head: Word) -> list[Word]:
    """The complement's words without edge punctuation; a leading 'that'/'whether' stays, as in
    PolNeAR and PARC ('said that the race is over'), so the content reads as the source has it."""
    subtree = parse.subtree(head)
    words = subtree
    for c in subtree:
        if c.index == head.index:
            continue
        kids = parse.children(c)
        previous = parse.words[c.index - 1]
        if c.upos == "VERB" and cue_lemma(c) in NEW_STATEMENT_CUES \
                and not any(g.rel in ("nsubj", "mark") for g in kids) and (
                    (c.rel == "conj" and any(g.rel == "cc" and g.lemma.lower() in ("and", "but") for g in kids))
                    or (c.rel in ("conj", "advcl") and c.text.lower().endswith("ing") and previous.text == ",")):
            # 'says the response was X and says he ...', '..., saying "we faced ..."': the second
            # cue starts a new attribution
            cut = min(x.index for x in parse.subtree(c))
            words = [x for x in words if x.index < cut]
            while words and words[-1].upos in ("CCONJ", "PUNCT"):
                words = words[:-1]
    return strip_punct(words)


@dataclass(frozen=True)
class _Reported:
    """A cue verb with the clausal complement that holds what was said."""

    cue: Word
    start: int
    end: int
    unnamed: bool = False  # 'Trump is expected to attend': nobody is named as the source
    joined_to: Word | None = None  # 'said X and accused Y': the earlier cue whose source this cue shares
    whole: bool = False  # the content ends where it should ('called her "third-rate"'): not run to the sentence end


def reported_contents(parse: Parse, cues: list[Word], quotes: list[QuoteSpan]) -> list[_Reported]:
    out = []
    for w in cues:
        if is_according(parse, w) or inside_long_quote(quotes, w.start, w.end):
            continue
        if cue_lemma(w) in ("expect", "believe", "think", "consider", "see", "know", "regard", "find", "say",
                            "report", "rumor", "rumour", "allege", "estimate", "project") \
                and _agentless_passive(parse, w):
            unnamed = _unnamed_source(parse, w)  # 'Trump is widely expected to attend'
            if unnamed is not None:
                out.append(unnamed)
            continue
        if cue_lemma(w) in CHARGE_VERBS and _agentless_passive(parse, w):
            charged = _charged_clause(parse, w)  # 'Roof is accused of killing nine people'
            if charged is not None:
                out.append(charged)
                continue
        if cue_lemma(w) in EVIDENTIAL_VERBS:
            unnamed = _unnamed_source(parse, w)  # 'The FBI appears to have abandoned the scene'
            if unnamed is not None:
                out.append(unnamed)
            continue
        answer = _one_word_answer(parse, w)  # 'the minister said no.', however the parse hung 'no'
        if answer is not None:
            out.append(answer)
            continue
        small_clause = _object_predicate(parse, w)
        if small_clause is None:
            small_clause = _as_predicate(parse, w)
        named = _named_quotation(parse, w, quotes)
        if named is not None and (small_clause is None or small_clause.end <= named.end or re.match(
                r"[\s,]*(?:and|but)\b", parse.text[named.end:small_clause.end])):
            small_clause = named  # (the parse's clause goes on past the quotation only as a relative clause)
        if small_clause is not None:
            out.append(small_clause)
            continue
        comp = _complement(parse, w)
        if comp is None:
            surface = (_as_parenthetical(parse, w) or _passive_content(parse, w)
                       or _parenthetical_content(parse, w)
                       or _inverted_parenthetical(parse, w)
                       or _relative_content(parse, w) or _surface_complement(parse, w)
                       or _object_content(parse, w) or _surface_clause(parse, w, quotes)
                       or _surface_object(parse, w))
            if surface is not None:
                out.append(surface)
            continue
        content = _content_words(parse, comp)
        if _word_count(content) < 2:
            # 'insisted that lifting | the embargo was not a response': the parse split the clause in two
            later = next((c for c in parse.children(w) if c.rel == "ccomp" and c.index > comp.index), None)
            if later is not None:
                rest = _content_words(parse, later)
                if rest:
                    first = min(content[0].index, rest[0].index)  # (the 'that' went to the second half)
                    content = [x for x in parse.words if first <= x.index <= rest[-1].index]
        refused = comp.rel == "xcomp" and cue_lemma(w) in REFUSAL_CUES and _has_mark(parse, comp, "to") \
            and comp.upos == "VERB"  # 'declined to comment': a refusal is whole with one verb
        if _word_count(content) < 2 and not refused:
            continue
        # 'Audit files show that four accounts conducted ...' with 'that' hung below the complement's head
        opens = content[0].text.lower() in ("that", "whether", "if")
        if cue_lemma(w) in WEAK_CUES and comp.rel == "ccomp" and not _has_mark(parse, comp) \
                and not _evidence_subject(parse, w) and not opens:
            continue
        c_start, c_end = span_of(content)
        if comp.deprel == "acl":  # 'asked the congregation | to stand': the object with its to-clause
            c_start = parse.subtree(parse.head_of(comp))[0].start
        if comp.rel == "ccomp" and cue_lemma(w) not in HEARER_CUES:
            # 'says his "friend and colleague" Marco Rubio ran ...': an object of a say-verb right
            # before its clause is the clause's subject, misparsed
            obj = next((c for c in parse.children(w) if c.rel == "obj" and w.index < c.index < comp.index
                        and c.lemma.lower() not in TIME_WORDS), None)
            if obj is not None and not _has_mark(parse, comp) \
                    and parse.subtree(obj)[-1].index + 3 >= content[0].index:  # (content has no edge punctuation)
                c_start = min(c_start, parse.subtree(obj)[0].start)
        if comp.rel == "ccomp":
            c_start = _subject_hung_on_cue(parse, w, comp, content, c_start)
            c_start = _from_that(parse, w, comp, c_start)
        two_subjects = _two_subjects(parse, w, comp, content)
        if two_subjects is not None:
            c_start = min(c_start, parse.subtree(two_subjects[0])[0].start)
        if comp.rel == "xcomp" or (comp.rel == "advcl" and _has_mark(parse, comp, "to")):
            # 'urged conservatives to unite': who is urged belongs to the content
            obj = next((c for c in parse.children(w) if c.rel == "obj" and w.index < c.index < comp.index), None)
            if obj is not None:
                c_start = parse.subtree(obj)[0].start
        for sibling in parse.children(w):  # 'said he'll go, and the talks would resume': two complements
            sibling_words = _content_words(parse, sibling) if sibling.rel == "ccomp" and sibling.index > comp.index \
                else []
            if sibling_words:
                c_end = max(c_end, sibling_words[-1].end)
        subj = cue_subject(parse, w, quotes) if two_subjects is None else two_subjects[1]
        if subj is not None and subj.start < c_start and _parenthetical(parse, subj, w):
            # 'This campaign, he says, is different' parsed with 'campaign' on the cue: the clause
            # starts where the sentence does
            opening = [x for x in parse.sentence_words(w.sent) if x.upos != "PUNCT"]
            c_start = min(c_start, opening[0].start)
        if subj is not None and c_start <= subj.start < c_end and not _parenthetical(parse, subj, w):
            # the parse hung an earlier clause on the cue ('X walked out, and the mayor said ...'):
            # the content is what follows the cue in its sentence
            after = [x for x in parse.sentence_words(w.sent) if x.index > w.index]
            while after and (after[0].upos == "PUNCT" or after[0].text.lower() == "that"):
                after = after[1:]
            while after and after[-1].upos == "PUNCT":
                after = after[:-1]
            if len(after) < 3:
                continue
            c_start, c_end = span_of(after)
        out.append(_with_closing_mark(_Reported(w, c_start, c_end), quotes))  # 'was "a mandate for change"'
    # 'the actress was asked if ...': the one asked is not the speaker, and the asker is not named
    out = [_to_sentence_edges(parse, r, quotes) for r in out]
    out = [_with_closing_mark(r, quotes) for r in out]  # (again: the sentence edges may have moved the end)
    out = [replace(r, start=after_connective(parse, r.start, r.end)) for r in out]
    out = _join_statements(parse, out, quotes)
    return [replace(r, unnamed=True) if unnamed_asker(parse, r.cue) else r for r in out]


# 'In fact, neither plan would ...': a sentence adverb that links to the text before is not what was said.
CONNECTIVES = ("in fact", "even so", "of course", "however", "still", "indeed", "meanwhile", "moreover", "instead",
               "nevertheless", "nonetheless", "yet", "but", "and", "so", "now", "besides", "plus", "rather")


def _word_count(content: list[Word]) -> int:
    """Words of a content that say something (no punctuation, no 'that'/'to')."""
    return sum(1 for x in content if x.upos != "PUNCT" and x.rel != "mark")


def _with_closing_mark(r: _Reported, quotes: list[QuoteSpan]) -> _Reported:
    """'dismissed the whole dispute as “absurd”': a quotation opened inside the content closes inside it
    (the parse may leave the closing mark outside, and a stop before it
    in newswire marks: ''a new low.'')."""
    for q in quotes:
        if r.start <= q.open_start < r.end < q.close_end and (q.close_end <= r.end + 2 or q.end - r.end <= 1):
            return replace(r, end=q.close_end)
    return r


def after_connective(parse: Parse, start: int, end: int) -> int:
    """Where a content from ``start`` to ``end`` begins once a leading connective and its comma are left out."""
    words = parse.words_in(start, end)
    for n in (2, 1):
        if len(words) > n + 2 and words[n].text == "," and " ".join(w.text.lower() for w in words[:n]) in CONNECTIVES:
            return words[n + 1].start
    return start


def _join_statements(parse: Parse, out: list[_Reported], quotes: list[QuoteSpan]) -> list[_Reported]:
    """'said X, and accused Y of Z': a content cut at a second cue hands on its source, whatever clause the
    parse hung that cue in; a second cue the rules found no content for gets the rest of the sentence."""
    by_cue = {r.cue.index: k for k, r in enumerate(out)}
    for r in list(out):
        following = [x for x in parse.sentence_words(r.cue.sent) if x.start >= r.end]
        if r.unnamed or len(following) < 3:
            continue
        comma = following[0].text == ","
        joiner, x = following[1:3] if comma else following[:2]
        if not _starts_statement(parse, r.cue, x, joiner.lemma.lower() in ("and", "but"), comma):
            continue
        if x.index in by_cue:
            out[by_cue[x.index]] = replace(out[by_cue[x.index]], joined_to=r.cue)
            continue
        rest = strip_punct([y for y in parse.sentence_words(x.sent) if y.index > x.index])
        if rest and rest[0].deprel == "compound:prt" and parse.head_of(rest[0]) is x:
            rest = rest[1:]  # 'followed up with ...': the particle is the cue's
        if len(rest) >= 2:
            out.append(_to_sentence_edges(parse, _Reported(x, rest[0].start, rest[-1].end, joined_to=r.cue), quotes))
    return out


def introduces_quote(parse: Parse, start: int, q: QuoteSpan) -> bool:
    """'said of the episode, "I don't like it"', 'told reporters on Monday, "We will win"': words
    between ``start`` and a quotation that end in a comma and hold no verb only set the scene, so what
    was said is the quotation."""
    if q.open_start <= start or not parse.text[start:q.open_start].rstrip().endswith(","):
        return False
    words = [w for w in parse.words_in(start, q.open_start) if w.upos != "PUNCT"]
    return bool(words) and len(words) <= 8 and not any(w.upos in ("VERB", "AUX") for w in words) \
        and not any(w.text.lower() in ("that", "whether", "if") for w in words)


def _to_sentence_edges(parse: Parse, r: _Reported, quotes: list[QuoteSpan]) -> _Reported:
    if r.unnamed or r.whole:
        return r
    if r.start > r.cue.start:
        q = next((q for q in quotes if r.start < q.open_start < r.end and q.closed), None)
        if q is not None and introduces_quote(parse, r.start, q):
            return replace(r, start=q.start, end=q.end)
        end = _trim_tail(parse, r.start, _to_sentence_end(parse, r.cue, r.end, quotes), quotes)
        return replace(r, end=_cut_at_next_statement(parse, r.start, end, quotes, r.cue))
    return r


def _end_before(words: list[Word], k: int, minimum: int, default: int, keep: str = "") -> int:
    """Where content ends if cut before ``words[k]``: the end of the last kept word (punctuation only
    if in ``keep``), or ``default`` when fewer than ``minimum`` words would remain."""
    kept = [w for w in words[:k] if w.upos != "PUNCT" or w.text in keep]
    return kept[-1].end if len(kept) >= minimum else default


def verb_form(text: str) -> str:
    """The inflection a verb's spelling shows: 'ing', 's', 'ed' (irregular pasts too) or 'base'."""
    text = text.lower()
    if text.endswith("ing"):
        return "ing"
    if text.endswith("ed") or text in PAST_FORMS:
        return "ed"
    if text.endswith("s") and not text.endswith("ss"):
        return "s"
    return "base"


PAST_FORMS = frozenset({"said", "told", "wrote", "thought", "felt", "knew", "heard", "saw", "found", "spoke",
                        "made", "began", "swore", "chose", "took", "gave", "sought"})

# Cues that start a statement of their own when joined to a content in the first cue's inflection.
JOINED_CUES = (SPEECH_VERBS | OBJECT_CUES) - WEAK_CUES
# ... and, as a participle after a comma, in any inflection.
PARTICIPLE_CUES = NEW_STATEMENT_CUES | JOINED_CUES | NAMING_CUES


def _starts_statement(parse: Parse, cue: Word, x: Word, and_but: bool, comma: bool) -> bool:
    """Whether ``x``, joined by 'and'/'but' or a comma to what ``cue`` introduced, is a second cue of
    the same source: 'said X and predicted Y', 'said X, adding Y', 'said X, and accused Y of Z',
    'says she respects X but argues that ...' (the parse may tag it a noun)."""
    if any(c.rel in ("nsubj", "mark") for c in parse.children(x)):
        return False
    lemma = cue_lemma(x)
    if x.upos == "VERB" and ((and_but and lemma in NEW_STATEMENT_CUES) or (
            comma and x.text.lower().endswith("ing") and lemma in PARTICIPLE_CUES)):
        return True  # (', calling Trump "an orange buffoon"')
    if comma and x.upos == "NOUN" and x.text.lower().endswith("ing") \
            and lemma in NEW_STATEMENT_CUES and x.index + 1 < len(parse.words):
        # '..., adding, "He lost ..."' with 'adding' tagged a noun: what follows it is said, not named
        nxt = parse.words[x.index + 1]
        return nxt.text in (",", ":", "that") or nxt.text in QUOTE_OPENERS
    if and_but and _past_after_modal(parse, x):
        return True
    if and_but and _bare_conjunct(parse, x) and x.head == cue.id and x.sent == cue.sent \
            and verb_form(x.text) == verb_form(cue.text) in ("ed", "s"):
        return True  # 'said she would consider the plan, and followed up with a letter': the cue's own next act
    return and_but and x.upos in ("VERB", "NOUN") and lemma in JOINED_CUES \
        and verb_form(x.text) == verb_form(cue.text) != "base"


MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})


def _bare_conjunct(parse: Parse, x: Word) -> bool:
    """A verb joined by a conjunction, with no auxiliary or copula of its own."""
    return x.upos == "VERB" and x.rel == "conj" and not any(c.rel in ("aux", "aux:pass", "cop")
                                                            for c in parse.children(x))


def _past_after_modal(parse: Parse, x: Word) -> bool:
    """'saying he would appoint judges who ..., and reminded the audience ...': a past form joined to a
    clause with a modal cannot share 'would', so it is the speaker's next act, not what was said (a
    passive's or copula's participle can: 'should not be cut but propped up')."""
    if not _bare_conjunct(parse, x) or verb_form(x.text) != "ed":
        return False
    joined_to = parse.children(parse.head_of(x))
    return any(c.rel == "aux" and c.lemma.lower() in MODALS for c in joined_to) \
        and not any(c.rel == "aux:pass" or c.lemma.lower() == "be" for c in joined_to)


def _cut_at_next_statement(parse: Parse, start: int, end: int, quotes: list[QuoteSpan], cue: Word) -> int:
    """'declaring it "another super Tuesday" and said it was ...': a second cue joined by 'and', 'but'
    or a comma starts an attribution of its own, whatever the parse made of it."""
    words = parse.words_in(start, end)
    for k, x in enumerate(words[2:], start=2):
        previous = words[k - 1]
        if previous.text == ":" and any(q.open_start == x.start for q in quotes):
            # 'confirmed the alliance on state TV: "We should ..."': the quotation is a direct quote
            return _end_before(words, k - 1, 2, end)
        comma = previous.text == "," or (previous.text in QUOTE_CLOSERS and words[k - 2].text == ",")  # ',” adding'
        if x.lemma.lower() in ("before", "after", "while"):
            # 'cautioned "let's not get ahead of ourselves," before optimistically predicting that ...'
            following = next((y for y in words[k + 1:] if y.upos != "ADV"), None)
            if following is not None and following.text.lower().endswith("ing") and cue_lemma(following) in CUE_VERBS \
                    and (previous.text in QUOTE_CLOSERS + "," or parse.head_of(following) is cue):
                # ('endorsed Graham and Bush before backing Rubio': the parse hangs 'backing' on the cue)
                return _end_before(words, k, 2, end, keep=QUOTE_CLOSERS)
        if _starts_own_statement(parse, words, k, cue):  # ', but he did not apologize for his remarks'
            cut = k - 1 if previous.text == ";" or words[k - 2].text != "," else k - 2
            if cut > 0 and words[cut - 1].text.lower() == "even":
                cut -= 1  # 'even though he found ...'
            return _end_before(words, cut, 2, end, keep=QUOTE_CLOSERS)
        if _starts_statement(parse, cue, x, previous.lemma.lower() in ("and", "but"), comma):
            cut = k if previous.text in QUOTE_CLOSERS else k - 1  # keep the closing mark: 'be "messy,"'
            # (a name alone is enough: 'opposed Assad and proposed a safe zone'; not a day: 'Friday, saying')
            minimum = 1 if cut == 1 and words[0].upos == "PROPN" and words[0].lemma.lower() not in TIME_WORDS else 2
            return _end_before(words, cut, minimum, end, keep=QUOTE_CLOSERS)
    return end


# Words that, after a comma, can join a clause with a source of its own: ', though he added that ...'.
STATEMENT_JOINERS = frozenset({"and", "but", "though", "although", "while", "whereas", "because", "as", "when"})
# ... and, with no comma, after what a stance verb is about ('backing Clinton because he worries ...'); not
# inside a reported clause ('said that she asked for it because she wanted ...'), which goes on with its reason.
SUBORDINATE_JOINERS = frozenset({"because", "as", "although", "though", "while", "whereas", "since"})


def _starts_own_statement(parse: Parse, words: list[Word], k: int, cue: Word) -> bool:
    """', but he did not apologize for his remarks', ', though he added that ...', '; Mrs. Clinton aims to
    build on ...': a clause with a subject and a cue of its own, after a comma and a joining word
    (``STATEMENT_JOINERS``) or a semicolon, is a new attribution; so is one after 'because' or 'as' that
    follows the object of a ``cue`` with no clausal complement (``SUBORDINATE_JOINERS``), and one after a
    bare 'and'/'but' that the parse joins to a clause ('said X hacked the computers and she accused ...')."""
    previous = words[k - 1]
    bare_and = previous.lemma.lower() in ("and", "but") and words[k - 2].text != ","
    joined = previous.text == ";" or (words[k - 2].text == "," and previous.lemma.lower() in STATEMENT_JOINERS) \
        or bare_and \
        or (previous.lemma.lower() in SUBORDINATE_JOINERS and words[k - 2].text != ","
            and not any(c.rel == "ccomp" for c in parse.children(cue))
            and words[0].text.lower() not in ("that", "whether", "if"))
    if not joined:
        return False
    x = words[k]
    for z in words[k + 1:k + 12]:
        subj = next((c for c in parse.children(z) if c.rel == "nsubj"), None)
        if subj is None or parse.subtree(subj)[0].index != x.index:
            continue
        if bare_and and not _joins_clauses(parse, words[:k - 1], z, subj, cue):
            return False
        return subj.text.lower() not in RELATIVE_PRONOUNS and z.upos == "VERB" and is_cue(parse, z)
    return False


def _joins_clauses(parse: Parse, before: list[Word], verb: Word, subj: Word, cue: Word) -> bool:
    """Whether a bare 'and'/'but' before ``subj`` ``verb`` joins two clauses, not two noun phrases ('said
    four of his kids and his wife will speak') or the parts of a relative clause ('who lean Republican but
    in many cases voted ...', with 'cases' misparsed as the subject)."""
    governor = parse.head_of(verb)
    if verb.rel != "conj" or governor is None or governor.rel == "acl" or governor.index < before[0].index - 3:
        return False
    opening = parse.subtree(subj)[0]
    if opening.rel == "case" and opening.lemma.lower() != "about":  # ('about the same numbers would ...')
        return False
    return cue_lemma(cue) not in ("say", "add", "write", "tell") or any(w.upos in ("VERB", "AUX") for w in before)


CONDITION_MARKS = frozenset({"if", "whether", "because", "when", "unless", "although", "though"})


def _to_sentence_end(parse: Parse, cue: Word, end: int, quotes: list[QuoteSpan]) -> int:
    """What was said usually runs to the end of its sentence ('said the talks went well, but no meeting
    has been arranged'): the parse often hangs the last clause elsewhere. Not past another cue, a new
    quotation or an 'according to'."""
    words = parse.sentence_words(cue.sent)
    tail = [x for x in words if x.start >= end]
    content_tail = [x for x in tail if x.upos != "PUNCT"]
    if not content_tail:
        return end
    if _is_setting(parse, content_tail, cue):
        return end  # 'attacked Trump | by name', 'criticized Sanders | during a rally on Monday'
    for x in tail:
        if x.upos in ("VERB", "AUX") and cue_lemma(x) in STATEMENT_ENDERS and not any(
                c.rel == "mark" and c.text.lower() in CONDITION_MARKS for c in parse.children(x)):
            return end  # (not 'that he has "no idea" if he would have told her ...': a condition)
        if is_according(parse, x) or any(q.open_start == x.start and _starts_new_quotation(parse, q)
                                         for q in quotes):
            return end
    branch = _branch_before_main_clause(parse, cue, end)
    if branch is not None:
        k = next((k for k, x in enumerate(content_tail) if x.index not in branch), len(content_tail))
        content_tail = content_tail[:k]
        if not content_tail:
            return end
    return content_tail[-1].end


def _starts_new_quotation(parse: Parse, q: QuoteSpan) -> bool:
    """A quotation after a comma, colon, stop or dash starts something new; one inside a phrase
    ('dismissed the row as "absurd"', 'asked them to "cease and desist" from using it') goes on with it."""
    before = parse.text[:q.open_start].rstrip()
    return not before or before[-1] in ",:;.!?\u2014"


def _branch_before_main_clause(parse: Parse, cue: Word, end: int) -> set[int] | None:
    """'Among those who want a change, most back Clinton': when a word governing the cue comes after
    what was said, the sentence's main clause follows; the content may run on only through the
    branch that holds the cue (word indices), not into that clause."""
    child, a = cue, parse.head_of(cue)
    while a is not None:
        if a.start >= end:
            return {x.index for x in parse.subtree(child)}
        child, a = a, parse.head_of(a)
    return None


TAIL_OPENERS = frozenset({"while", "whereas"})


def _trim_tail(parse: Parse, start: int, end: int, quotes: list[QuoteSpan]) -> int:
    """A contrasting clause hung on the content (', while 13 percent were unsure') is not part of it, nor is
    a clause with a subject of its own after a semicolon."""
    words = [w for w in parse.words_in(start, end)]
    if len(words) < 4 or any(q.open_start <= words[-1].start < q.close_end for q in quotes):
        return end
    for k in range(len(words) - 1, 1, -1):
        if words[k].text.lower() in TAIL_OPENERS and words[k - 1].text in (",", "\u2014", "\u2013", "-"):
            return _end_before(words, k - 1, 3, end)
    for k in range(2, len(words) - 2):  # '... than defending the nation; that's a surefire ticket to ...'
        if words[k].text == ";" and not any(q.open_start < words[k].start < q.close_end for q in quotes) \
                and any(c.rel == "nsubj" for w in words[k + 1:] for c in parse.children(w)
                        if c.index > words[k].index):
            return _end_before(words, k, 3, end, keep=QUOTE_CLOSERS)
    return end


def _surface_complement(parse: Parse, cue: Word) -> _Reported | None:
    """'insisted that ...', 'told the BBC that ...' when the parse missed the clausal complement:
    a 'that' within a few words after the cue opens the content, which runs to the sentence end."""
    words = parse.sentence_words(cue.sent)
    adj = make_clear(parse, cue)
    start_after = adj.index if adj is not None and adj.index > cue.index else cue.index
    after = [w for w in words if w.index > start_after]
    window = 20 if cue_lemma(cue) in HEARER_CUES else 8  # 'told The Post and Courier newspaper of ... that'
    for k, w in enumerate(after[:window]):
        if w.text.lower() == "that" and (w.upos in ("SCONJ", "PRON") or w.rel == "mark"):
            if k > 0 and after[k - 1].upos in ("NOUN", "PROPN") and w.rel != "mark" and cue_lemma(cue) not in (
                    "tell", "inform", "remind", "assure", "warn", "convince", "persuade", "promise"):
                return None  # 'find jobs that ...': a relative clause on the object, not what was said
            content = [x for x in after[k:]]  # from 'that' on
            while content and content[-1].upos == "PUNCT":
                content = content[:-1]
            if len(content) >= 3:
                return _Reported(cue, content[0].start, content[-1].end)
            return None
        adjectival = w.rel == "amod"  # 'told a crowded banquet hall that'
        if (w.upos in ("VERB", "AUX") and not adjectival) or w.text in (".", ";", ":", "!", "?"):
            return None
    return None


CLAUSE_CUES = frozenset("""say claim insist argue warn predict believe think suggest note add estimate contend
    acknowledge admit explain report write tweet state declare assert expect fear hope worry feel maintain stress
    agree complain concede reply respond announce confirm reckon guess recall reveal indicate signal""".split())


# Cues that end the content of an earlier cue in the same sentence (`_to_sentence_end`).
STATEMENT_ENDERS = CLAUSE_CUES | NEW_STATEMENT_CUES


CLAUSE_OPENERS = frozenset({"PRON", "DET", "PROPN", "NOUN", "NUM", "ADJ"})
# 'tweeted when Clinton ended the debate': a clause these open says when or where, not what was said
TIME_CLAUSE_OPENERS = frozenset({"when", "whenever", "where", "wherever", "while", "once"})


def _surface_clause(parse: Parse, cue: Word, quotes: list[QuoteSpan]) -> _Reported | None:
    """'the campaign says it raised $15 million' parsed without a clausal complement: after a
    say-type verb with a subject before it, a clause (a subject-like word, later a verb) to the end
    of the sentence is what was said."""
    if cue_lemma(cue) not in CLAUSE_CUES or cue.upos != "VERB":
        return None
    words = parse.sentence_words(cue.sent)
    before = [w for w in words if w.index < cue.index and w.upos != "PUNCT"]
    if not before or before[-1].upos not in ("PRON", "PROPN", "NOUN", "ADV", "AUX"):
        return None
    after = [w for w in words if w.index > cue.index]
    while after and after[0].upos == "ADV":
        if after[0].text.lower() in TIME_CLAUSE_OPENERS:
            return None
        after = after[1:]
    while after and after[-1].upos == "PUNCT":
        after = after[:-1]
    that = next((k for k, w in enumerate(after[:12]) if w.text.lower() == "that"), None)
    if that and not any((w.upos in ("VERB", "AUX") and w.deprel != "amod") or w.text in ("\u201c", '"')
                        for w in after[:that]):
        after = after[that:]  # 'said earlier Friday that he may wait': the time phrase is not what was said
    # 'say taxing consumption encourages growth' (a gerund subject; the tagger may read the verb as a
    # plural noun), 'said about half of the adjustment reflected ...' (a quantity read as a preposition)
    gerund = cue_lemma(cue) == "say" and len(after) >= 3 and after[0].upos == "VERB" \
        and after[0].text.lower().endswith("ing") and after[1].upos in ("NOUN", "PROPN", "DET", "ADJ", "PRON")
    quantity = len(after) >= 4 and after[0].text.lower() in ("about", "around", "nearly", "almost") \
        and (after[1].upos == "NUM" or after[1].text.lower() in ("half", "a", "one", "two", "three"))
    if gerund:
        if not any(w.upos in ("VERB", "AUX") or (w.upos == "NOUN" and w.text.endswith("s")) for w in after[2:]):
            return None
    elif not quantity and (len(after) < 3 or after[0].upos not in CLAUSE_OPENERS
                           or after[0].text.lower() in ("what", "which")):
        return None
    elif not any(w.upos in ("VERB", "AUX") for w in after[1:]):
        return None
    if any(q.open_start <= after[0].start < q.close_end for q in quotes):
        return None  # a quotation: attributed as a direct quote
    return _Reported(cue, after[0].start, after[-1].end)


def _relative_content(parse: Parse, cue: Word) -> _Reported | None:
    """'a sentence, which I said was not a prison sentence': the cue sits inside a relative clause
    whose pronoun is what was said about; the content is the relative clause, cue included (PolNeAR)."""
    if cue_lemma(cue) not in CLAUSE_CUES:
        return None
    nxt = parse.words[cue.index + 1] if cue.index + 1 < len(parse.words) else None
    if nxt is None or nxt.sent != cue.sent or nxt.upos not in ("AUX", "VERB"):
        return None
    subj = next((c for c in parse.children(cue) if c.rel == "nsubj" and c.index < cue.index), None)
    if subj is None:
        return None
    first = parse.subtree(subj)[0]
    rel = parse.words[first.index - 1] if first.index > 0 else None
    if rel is None or rel.sent != cue.sent or rel.text.lower() not in ("which", "that", "who", "what"):
        return None
    words = [w for w in parse.sentence_words(cue.sent) if w.index >= rel.index]
    while words and words[-1].upos == "PUNCT" and words[-1].text not in QUOTE_CLOSERS:
        words = words[:-1]
    return _Reported(cue, words[0].start, words[-1].end) if len(words) >= 4 else None


def _surface_object(parse: Parse, cue: Word) -> _Reported | None:
    """'Bush also attacked billionaire Donald Trump' when the parse gave the stance verb no object: the
    noun phrase right after it (to a preposition, punctuation or verb) is the content."""
    lemma = cue_lemma(cue)
    if lemma not in OBJECT_CUES or cue.upos != "VERB" or any(c.rel == "obj" for c in parse.children(cue)):
        return None
    if _modifies_noun(parse, cue) or cue.text.lower().endswith("ing") or _has_mark(parse, cue, "to"):
        return None
    words = parse.sentence_words(cue.sent)
    before = [w for w in words if w.index < cue.index and w.upos != "PUNCT"]
    if not before or before[-1].upos not in ("PRON", "PROPN", "NOUN", "ADV", "AUX"):
        return None
    np: list[Word] = []
    for w in (w for w in words if w.index > cue.index):
        if w.upos in ("DET", "ADJ", "PROPN", "NOUN", "NUM") or (w.upos == "PRON" and w.text.lower() != "that") \
                or (w.upos == "PART" and w.text in ("'s", "\u2019s")):
            np.append(w)
            continue
        break
    if not np or not any(w.upos in ("PROPN", "NOUN") for w in np):
        return None
    if len(np) == 1 and not (np[0].upos == "PROPN" and lemma in STANCE_CUES):
        return None
    return _Reported(cue, np[0].start, np[-1].end)


def _modifies_noun(parse: Parse, cue: Word) -> bool:
    """A participle right after a noun ('a resolution condemning the invasion', 'a letter signed by'),
    not a verb the parser hung on a noun ('Bush, Florida's former governor, also attacked ...')."""
    previous = parse.words[cue.index - 1] if cue.index > 0 else None
    if finite_as_participle(parse, cue):
        return False
    return previous is not None and previous.sent == cue.sent and previous.upos in ("NOUN", "PROPN") and (
        cue.deprel == "acl" or cue.text.lower().endswith("ing"))


def _named_quotation(parse: Parse, cue: Word, quotes: list[QuoteSpan]) -> _Reported | None:
    """'called the DNC's suspension "arbitrary."', 'called her "third-rate" and boycotted ...': what a
    naming verb names and the quotation naming it, read from the words, not the parse (which often
    takes the quoted word for the object)."""
    if cue_lemma(cue) not in NAMING_CUES:
        return None
    q = next((q for q in quotes if q.open_start >= cue.end), None)
    if q is None or parse.sentence_at(q.start) != cue.sent:
        return None
    between = parse.words_in(cue.end, q.open_start)
    quoted = [x for x in parse.words_in(q.start, q.end) if x.upos != "PUNCT"]
    if len(between) <= 2 and all(x.upos in ("DET", "ADJ") for x in between) and _relative_naming(parse, cue):
        # 'which Mr. Trump called "a disgrace"': what is named stands before the cue; the quotation is its name
        inside = {x.index for x in quoted}
        if 1 <= len(quoted) <= 8 and not any(x.head and parse.head_of(x).index not in inside
                                             and parse.head_of(x).start >= q.close_end for x in quoted):
            return _Reported(cue, between[0].start if between else q.open_start, q.close_end, whole=True)
    if not 1 <= len(between) <= 12 or any(x.upos in ("VERB", "AUX", "PUNCT", "SCONJ")
                                         and x.text not in ("'s", "\u2019s", "-") for x in between):
        return None
    if not any(x.upos in ("NOUN", "PROPN", "PRON") for x in between) or between[-1].upos == "ADP":
        return None
    if not 1 <= len(quoted) <= 6:
        return None
    after = [x for x in parse.sentence_words(cue.sent) if x.start >= q.close_end and x.upos != "PUNCT"]
    # 'called her "third-rate" and boycotted one of the debates': a second predicate is not what was named
    ends = len(after) >= 2 and after[0].lemma.lower() in ("and", "but") and after[1].upos == "VERB"
    return _Reported(cue, between[0].start, q.close_end, whole=ends)


def _relative_naming(parse: Parse, cue: Word) -> bool:
    """'what former employees have called a "fraudulent scheme"', 'which Mr. Trump called "a disgrace"',
    'a campaign - one he calls "Confident America"': what is named stands before the cue, as a relative."""
    if not any(c.rel == "nsubj" for c in parse.children(cue)):
        return False
    if cue.deprel == "acl:relcl":
        return True
    first = parse.sentences[cue.sent].first
    return any(x.text.lower() in ("what", "which", "whom") for x in parse.words[max(first, cue.index - 6):cue.index])


def _object_predicate(parse: Parse, cue: Word) -> _Reported | None:
    """'called Trump "unhinged"', 'calling them rapists', 'the poll showed Trump leading the field':
    an object and what is said of it (a small clause) are the content together."""
    lemma = cue_lemma(cue)
    if lemma not in SMALL_CLAUSE_CUES and not (lemma in EVIDENCE_CUES and _evidence_subject(parse, cue)):
        return None
    kids = parse.children(cue)
    obj = next((c for c in kids if c.rel in ("obj", "iobj") and c.index > cue.index), None)
    if obj is None:
        # 'consider [Clinton honest]' parsed as a clause with its own subject
        pred = next((c for c in kids if c.rel == "xcomp" and c.index > cue.index
                     and any(g.rel == "nsubj" for g in parse.children(c))), None)
        if pred is None or lemma not in SMALL_CLAUSE_CUES:
            return None
        words = _content_words(parse, pred)
        return _Reported(cue, words[0].start, words[-1].end) if len(words) >= 2 else None
    # the predicate: a clause, or (naming verbs, parsed either way) a second noun phrase or a quoted word
    rels = ("xcomp", "ccomp") if lemma not in SMALL_CLAUSE_CUES else ("xcomp", "ccomp", "obj", "advmod")
    pred = next((c for c in kids if (c.rel in rels or (lemma in SMALL_CLAUSE_CUES and c.deprel == "obl:unmarked"))
                 and c.index > obj.index), None)  # ('deemed certain releases a reasonable trade-off')
    if pred is None:
        return None
    words = sorted(parse.subtree(obj) + parse.subtree(pred), key=lambda w: w.index)
    while words and words[-1].upos == "PUNCT" and words[-1].text not in QUOTE_CLOSERS:
        words = words[:-1]
    return _Reported(cue, words[0].start, words[-1].end) if words else None


def _as_predicate(parse: Parse, cue: Word) -> _Reported | None:
    """'Democratic voters see Clinton as the candidate with the better chance': the object with its 'as'
    phrase, wherever the parse hung the phrase (on the verb or inside the object)."""
    if cue_lemma(cue) not in AS_CUES:
        return None
    kids = parse.children(cue)
    obj = next((c for c in kids if c.rel == "obj" and c.index > cue.index), None)
    if obj is None:
        return None

    def opens_with_as(w: Word) -> bool:
        return any(g.rel in ("case", "mark") and g.lemma.lower() == "as" and g.index < w.index
                   for g in parse.children(w))

    words = parse.subtree(obj)
    pred = next((c for c in kids if c.rel in ("obl", "advcl", "xcomp") and c.index > obj.index
                 and opens_with_as(c)), None)
    if pred is not None:
        # not a second predicate conjoined to the phrase ('as unqualified and accused her of ...')
        verbs = frozenset(c.index for c in parse.children(pred) if c.rel == "conj" and c.upos == "VERB")
        words = sorted(words + parse.subtree(pred, verbs), key=lambda x: x.index)
    elif not any(x.lemma.lower() == "as" and x.rel in ("case", "mark") for x in words[1:]):
        return None
    words = strip_punct(words)
    return _Reported(cue, words[0].start, words[-1].end) if len(words) >= 3 else None


PASSIVE_CONTENT_CUES = frozenset({"report", "announce", "confirm", "deny", "criticize", "criticise", "condemn",
                                  "praise", "endorse", "support", "oppose", "reject", "dismiss", "propose",
                                  "reveal", "disclose", "mention", "cite", "question", "dispute", "challenge",
                                  "back", "welcome", "hail", "applaud", "attack", "slam", "blast", "denounce",
                                  "echo", "favor", "favour", "prefer", "fund", "finance", "sponsor", "tout"})
PERSONAL_SUBJECTS = frozenset({"he", "she", "they", "i", "we"})


def _passive_content(parse: Parse, cue: Word) -> _Reported | None:
    """'The move was first reported by MSNBC': with a 'by' agent, the passive subject is the content."""
    if cue_lemma(cue) not in PASSIVE_CONTENT_CUES or passive_agent(parse, cue) is None:
        return None
    subjects = [c for c in parse.children(cue) if c.deprel == "nsubj:pass" and c.index < cue.index]
    if not subjects or (subjects[0].upos == "PRON" and subjects[0].text.lower() not in PERSONAL_SUBJECTS):
        return None  # ('He was backed by 6 in 10 liberals' names who is backed; 'it', 'that' do not)
    # (all of it when the parse split it into two subjects: 'Sanders’ | stridency was echoed by ...')
    words = strip_punct([w for c in subjects for w in parse.subtree(c) if w.index < cue.index])
    return _Reported(cue, words[0].start, words[-1].end) if words else None


# Speech acts about someone, reported in the agentless passive: PolNeAR annotates 'X was criticized for Y' as a
# whole clause with no source.
CHARGE_VERBS = frozenset({"accuse", "charge", "criticize", "criticise", "blame", "condemn", "suspect", "declare",
                          "deem", "fault", "praise", "credit", "challenge", "question", "attack", "slam"})


def _charged_clause(parse: Parse, cue: Word) -> _Reported | None:
    """'Three commissioners were charged with receiving bribes', 'Obama has been criticized for using the
    term': the passive subject, the verb and what it is charged with (a with/of/for/as phrase or clause)."""
    kids = parse.children(cue)
    subj = next((c for c in kids if c.deprel == "nsubj:pass" and c.index < cue.index), None)
    what = next((c for c in kids if c.index > cue.index and c.rel in ("obl", "advcl", "xcomp") and any(
        g.rel in ("case", "mark") and g.lemma.lower() in ("of", "for", "with", "as", "to") for g in parse.children(c))),
        None)
    if subj is None or what is None or subj.lemma.lower() in RELATIVE_PRONOUNS \
            or any(c.rel == "obj" for c in kids):  # (a passive has no object: 'Palmieri accused Sanders of ...')
        return None
    first, last = parse.subtree(subj)[0].index, parse.subtree(what)[-1].index
    words = strip_punct([x for x in parse.words if first <= x.index <= last])
    return _Reported(cue, words[0].start, words[-1].end, unnamed=True) if len(words) >= 4 else None


def _unnamed_source(parse: Parse, cue: Word) -> _Reported | None:
    """'Trump is expected to deliver a speech tonight', 'He is said to be furious': an agentless
    passive with an infinitive reports a view without naming whose; PolNeAR annotates the whole
    clause as the content, with no source."""
    kids = parse.children(cue)
    subj = next((c for c in kids if c.rel == "nsubj" and c.index < cue.index), None)
    xcomp = next((c for c in kids if c.rel == "xcomp" and c.index > cue.index and _has_mark(parse, c, "to")), None)
    if subj is None or xcomp is None or subj.text.lower() in ("which", "who", "that"):
        return None
    subject_words = parse.subtree(subj)
    words = sorted(set(subject_words) | set(parse.subtree(xcomp))
                   | {c for c in kids if c.index < xcomp.index and c.rel in ("aux", "advmod")} | {cue},
                   key=lambda x: x.index)
    words = strip_punct([x for x in words if x.index >= subject_words[0].index])
    return _Reported(cue, words[0].start, words[-1].end, unnamed=True) if len(words) >= 4 else None


# 'said the same thing', 'want a continuation of Obama's policies', 'are expecting a record turnout'
SAID_OBJECT_CUES = frozenset({"say", "want", "expect"})


# Speech verbs whose object noun phrase is what was said ('highlighted his Iowa win', 'repeated his promise
# to repeal ...', 'voters prefer Sanders'); not those whose object is usually something else ('added 3
# points', 'maintained a lead', 'called a meeting', 'claimed 41 percent of the vote'), measured on PolNeAR train.
STATEMENT_OBJECT_CUES = (SPEECH_VERBS - WEAK_CUES - HEARER_CUES - frozenset(
    """write read post publish title headline continue begin start order direct rule answer project calculate
    chant echo invite encourage instruct maintain add demonstrate signal reaffirm argue call concede claim""".split())
) | {"prefer"}


def _object_content(parse: Parse, cue: Word) -> _Reported | None:
    """'criticized Clinton's email use', 'called for new elections': the object is the content."""
    lemma = cue_lemma(cue)
    gerund = cue.text.lower().endswith("ing")
    if _modifies_noun(parse, cue) and not (gerund and lemma in BACKING_CUES) and not (
            gerund and parse.words[cue.index - 1].lemma.lower() in MESSAGE_NOUNS):
        # a participle inside a noun phrase names the noun ('the 2002 law banning soft money'), but one of
        # backing reports the noun's stance ('a group backing Bush'), and a message's says what it says
        # ('ads attacking Rubio', 'a statement condemning the test')
        return None
    prep = OBJECT_CUE_PREPOSITIONS.get(lemma) or (ADJ_CUE_PREPOSITIONS.get(lemma) if cue.upos == "ADJ" else None)
    # a purpose clause still reports a stance, as PolNeAR annotates it: 'took to social media to complain
    # about the actor attending', 'will come on the show to talk about immigration'
    evidence = lemma in EVIDENCE_CUES and _evidence_subject(parse, cue)  # 'the reports show Solutions PAC ...'
    takes_object = (lemma in OBJECT_CUES and lemma not in HEARER_CUES) or evidence or lemma in SAID_OBJECT_CUES \
        or lemma in STATEMENT_OBJECT_CUES
    if lemma == "call" and any(c.deprel == "compound:prt" and c.lemma.lower() == "out" for c in parse.children(cue)):
        takes_object = True  # 'called out his rival Donald Trump for alienating Hispanics'
    for c in parse.children(cue):
        if takes_object and c.rel == "obj" and c.index > cue.index and c.lemma.lower() not in TIME_WORDS:
            pass
        elif takes_object and c.rel == "xcomp" and c.upos in ("NOUN", "PROPN", "PRON") and c.index > cue.index \
                and finite_as_participle(parse, cue):
            pass
        elif prep and c.rel == "obl" and c.index > cue.index and c.lemma.lower() not in TIME_WORDS and any(
                g.rel == "case" and g.lemma.lower() in prep for g in parse.children(c)):
            pass
        elif prep and c.rel == "advcl" and c.index > cue.index and any(  # 'joked about moving to New Zealand'
                g.rel == "mark" and g.lemma.lower() in prep and g.lemma.lower() != "to" and g.index < c.index
                for g in parse.children(c)):
            pass
        else:
            continue
        # a relative clause with an attribution of its own is not part of the object ('cheered Anna Pike,
        # who said that the school will stay open')
        # (but 'railed against what he calls the "Washington cartel"': a free relative is the object itself)
        own = frozenset(x.index for x in parse.subtree(c) if x.deprel == "acl:relcl" and is_cue(parse, x)
                        and not (x.head == c.id and c.lemma.lower() == "what"))
        opener = ("case", "mark") if c.rel == "advcl" else ("case",)  # the preposition is not content
        words = [w for w in parse.subtree(c, own) if not (w.rel in opener and w.head == c.id and w.index < c.index)]
        nxt = next((o for o in parse.children(cue) if o.rel == "obj" and o.index > c.index), None)
        if c.rel == "obj" and nxt is not None and nxt.index == words[-1].index + 1:
            words += parse.subtree(nxt)  # 'attacked billionaire | Donald Trump' parsed as two objects
        for more in parse.children(cue):  # 'called for all candidates | to lay out specifics'
            if more.rel in ("xcomp", "advcl") and more.index > c.index and (
                    _has_mark(parse, more, "to") or (c.rel == "obj" and any(
                        _has_mark(parse, more, m) for m in OBJECT_REASON_MARKS))):
                words = sorted(words + parse.subtree(more), key=lambda w: w.index)
        if c.rel == "obj":  # 'congratulated Trump | for his victory': the reason too
            reason = next((o for o in parse.children(cue) if o.rel == "obl" and o.index > words[-1].index
                           and any(g.rel == "case" and g.lemma.lower() in OBJECT_REASON_MARKS
                                   and g.index == words[-1].index + 1 for g in parse.children(o))), None)
            if reason is not None:
                words = sorted(words + parse.subtree(reason), key=lambda w: w.index)
        while words and words[-1].upos == "PUNCT":
            words = words[:-1]
        content = [w for w in words if w.upos != "PUNCT"]
        if len(content) >= 2 or (content and content[0].upos in ("PROPN", "PRON")
                                 and content[0].lemma.lower() not in ("it", "this", "that", "what")):
            return _Reported(cue, words[0].start, words[-1].end)  # 'Christie endorsed Trump', 'voted for Cruz'
    story = _story_told(parse, cue)
    if story is not None:
        return story
    # (only 'about': 'spoke on Wednesday', 'spoke on condition of anonymity' are no topics)
    return _topic_after_hearer(parse, cue, ("about",) if "about" in (prep or ()) or lemma in TOPIC_HEARER_CUES else ())


# Where or how something was said, after what was said: 'attacked Trump by name', 'criticized Clinton during
# a conference call'; what was said does not run on into it.
SETTING_NOUNS = frozenset("""tweet post op-ed oped interview statement speech call rally event appearance video ad
    letter email e-mail name ground grounds debate broadcast show conference""".split())
SETTING_CASES = frozenset({"in", "during", "on", "by", "at", "via", "through"})


def _is_setting(parse: Parse, words: list[Word], cue: Word) -> bool:
    """Whether ``words`` are one phrase saying where or how ``cue`` was said ('in an op-ed in the Gazette'),
    not one inside a clause of what was said ('misrepresenting herself in interviews')."""
    head = words[0] if words[0].rel == "case" and words[0].lemma.lower() in SETTING_CASES else None
    phrase = parse.head_of(head) if head is not None else None
    if phrase is None or phrase.lemma.lower() not in SETTING_NOUNS:
        return False
    node = parse.head_of(phrase)
    while node is not None and node.index != cue.index:
        if node.upos in ("VERB", "AUX") or node.deprel.startswith("acl"):
            return False
        node = parse.head_of(node)
    inside = {t.index for t in parse.subtree(phrase)}
    return all(w.index in inside or w.lemma.lower() in TIME_WORDS or (w.rel == "case" and w.head and parse.head_of(
        w).lemma.lower() in TIME_WORDS) for w in words)  # (and its day: 'during a rally in Brooklyn on Monday')


STORY_NOUNS = frozenset({"story", "tale", "anecdote", "account"})


def _story_told(parse: Parse, cue: Word) -> _Reported | None:
    """'regularly tells the story of how he wooed her', 'told the tale of Gen. Pershing ...': what the
    story is of is what was told."""
    if cue_lemma(cue) not in ("tell", "recount", "relate", "share", "recall"):
        return None
    obj = next((c for c in parse.children(cue) if c.rel == "obj" and c.index > cue.index
                and c.lemma.lower() in STORY_NOUNS), None)
    if obj is None:
        return None
    of = next((c for c in parse.children(obj) if c.rel in ("nmod", "acl") and c.index > obj.index and any(
        g.rel in ("case", "mark") and g.lemma.lower() == "of" for g in parse.children(c))), None)
    if of is None:
        return None
    words = strip_punct([x for x in parse.subtree(of) if not (x.head == of.id and x.rel in ("case", "mark")
                                                                and x.index < of.index)])
    return _Reported(cue, words[0].start, words[-1].end) if len(words) >= 2 else None


# Cues whose topic follows the one addressed: 'is reminding Clinton's campaign about state election laws'.
TOPIC_HEARER_CUES = frozenset({"tell", "remind", "ask", "warn", "inform", "brief", "talk", "speak", "write"})


def _topic_after_hearer(parse: Parse, cue: Word, preps: tuple[str, ...]) -> _Reported | None:
    """'is talking to voters | about health care', 'talks to Megyn Kelly | about bullying': the phrase the parse
    hung on the one addressed (or elsewhere) right after it is still what the cue is about."""
    if not preps:
        return None
    for c in parse.children(cue):
        if c.rel not in ("obj", "obl", "iobj") or c.index < cue.index:
            continue
        last = max(x.index for x in parse.subtree(c))
        if last + 1 >= len(parse.words) or parse.words[last + 1].sent != cue.sent:
            continue
        # the word after the addressee's phrase opens the topic ('about'), wherever its phrase hangs
        after = [x for x in parse.subtree(c) if x.index > c.index] + [parse.words[last + 1]]
        opener = next((x for x in after if x.lemma.lower() in preps and x.rel in ("case", "mark")
                       and x.head), None)
        if opener is None:
            continue
        phrase = parse.head_of(opener)
        if phrase.index < opener.index:
            continue
        words = strip_punct([x for x in parse.subtree(phrase) if x.index > opener.index])
        if words and words[0].index == opener.index + 1:
            return _Reported(cue, words[0].start, words[-1].end)
    return None


EVIDENCE_NOUNS = frozenset({"poll", "survey", "study", "report", "record", "data", "figure", "result", "document",
                            "filing", "analysis", "research", "statistic", "number", "count", "tally", "review",
                            "polling", "estimate", "projection", "finding", "audit", "investigation"})


def _evidence_subject(parse: Parse, cue: Word) -> bool:
    """'The latest poll showed Trump leading', 'records show Pate gave': polls and records speak too."""
    subj = next((c for c in parse.children(cue) if c.rel == "nsubj"), None)
    return subj is not None and subj.lemma.lower() in EVIDENCE_NOUNS


def _agentless_passive(parse: Parse, cue: Word) -> bool:
    return is_passive(parse, cue) and passive_agent(parse, cue) is None


def unnamed_asker(parse: Parse, cue: Word) -> bool:
    """'Blumenthal was asked, ...': the one asked is the passive subject, and nobody asking is named."""
    if cue_lemma(cue) not in HEARER_CUES:
        return False
    if _agentless_passive(parse, cue):
        return True
    # 'Asked about the poll, he said ...', 'when asked who leads the party': a participle whose subject is the
    # one asked
    return cue.text.lower() == "asked" and cue.rel not in ("conj", "root") and passive_agent(parse, cue) is None \
        and not any(c.rel in ("nsubj", "aux", "csubj", "expl", "obj", "iobj") for c in parse.children(cue))


def _has_mark(parse: Parse, word: Word, lemma: str | None = None) -> bool:
    """Whether ``word`` has a subordinator ('that', 'to', ...; any one when ``lemma`` is None)."""
    return any(c.rel == "mark" and (lemma is None or c.lemma.lower() == lemma) for c in parse.children(word))


ANSWER_WORDS = frozenset({"yes", "no", "so"})


def _one_word_answer(parse: Parse, cue: Word) -> _Reported | None:
    """'75 percent of Democrats said yes', 'half said so': the one word is what was said."""
    if cue_lemma(cue) not in ("say", "answer", "reply") or cue.index + 1 >= len(parse.words):
        return None
    word = parse.words[cue.index + 1]
    after = parse.words[word.index + 1] if word.index + 1 < len(parse.words) else None
    if word.sent != cue.sent or word.text.lower() not in ANSWER_WORDS:
        return None
    if after is not None and after.sent == cue.sent and after.upos != "PUNCT" and after.text.lower() not in (
            "in", "on", "at", "after", "when", "while", "during"):
        return None
    return _Reported(cue, word.start, word.end)
