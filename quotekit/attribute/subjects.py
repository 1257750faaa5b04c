"""Who speaks: the subject of a cue verb, with fallbacks for a weak parse, and the speaker mention
(name, role) it stands for."""

from __future__ import annotations

import re
from dataclasses import replace

from .cues import CUE_VERBS, MESSAGE_NOUNS, cue_lemma, finite_as_participle
from .parse import Parse, Word
from .quotes import QuoteSpan
from .speakers import QUANTITY_HEADS, SpeakerMention, describe_subject, role_phrase, trim_np

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


DATELINE = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?:\([^)]{1,40}\)\s*)?[\u2014\u2013-]")


# Days and times: a parser's subject, never a speaker ('A news report published Wednesday said').
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow week month year morning afternoon evening night day time""".split())


def cue_subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = (),
                content: tuple[int, int] | None = None) -> Word | None:
    """Subject of a cue verb; a relative pronoun stands for the noun it modifies ('Benford, who says'),
    and an all-caps dateline ('WASHINGTON (AP) —') is never the subject, nor is a word of what was
    said (``content``, a character span)."""
    def inside(w: Word) -> bool:
        return content is not None and content[0] <= w.start < content[1]

    def quoted(w: Word) -> bool:  # a word of a quotation, when the cue is outside it
        return any(q.start <= w.start < q.end for q in quotes) and not any(
            q.open_start <= verb.start < q.close_end for q in quotes)

    noun = parse.head_of(verb) if verb.deprel == "acl" and verb.text.lower().endswith("ing") else None
    sender = parse.head_of(noun) if noun is not None and noun.rel in ("obj", "iobj") and noun.head else None
    issued = sender is not None and sender.lemma.lower() in ISSUING_VERBS | MESSAGE_VERBS
    if issued and noun.lemma.lower() in MESSAGE_NOUNS and noun.index < verb.index and all(
            x.upos == "PUNCT" or x.lemma.lower() in TIME_WORDS for x in parse.words[noun.index + 1:verb.index]):
        # 'The town released a statement Wednesday saying ...': who issued it says it
        return _parsed_subject(parse, sender, quotes)
    if noun is not None and noun.index == verb.index - 1:
        if sender is not None and sender.lemma.lower() in MESSAGE_VERBS:
            # 'The senator emailed supporters saying: "..."': the sender says it, not the ones sent to
            return _parsed_subject(parse, sender, quotes)
        if noun.upos in ("NOUN", "PROPN"):
            return noun  # 'a group backing Bush', 'executives supporting her campaign': the participle's noun
    subj = _parsed_subject(parse, verb, quotes)
    if subj is not None and subj.text.lower() in RELATIVE_PRONOUNS and subj.end <= verb.start \
            and "," in parse.text[subj.end:verb.start]:
        # 'Trump, who has a commanding lead, mocked Rubio': the relative clause closed before the cue,
        # so its pronoun is not the cue's subject (a parse error); the noun it modifies is
        subj = _antecedent(parse, subj) or subj
    if subj is not None and _is_party_code(parse, subj):
        subj = parse.words[subj.index - 2]  # 'Sen. Bernie Sanders (I-Vt.) defended': the name, not 'I'
    if subj is not None and (_is_dateline(parse, subj) or inside(subj) or quoted(subj)):
        subj = _fallback_subject(parse, verb, quotes, content)
        return None if subj is None or _is_dateline(parse, subj) or inside(subj) or quoted(subj) else subj
    return subj


def _is_party_code(parse: Parse, w: Word) -> bool:
    """'(I-Vt.)', '(D-N.Y.)': a party and state after a name, whatever the tagger made of 'I'."""
    return w.text in ("I", "D", "R") and w.index >= 2 and parse.words[w.index - 1].text == "(" \
        and parse.text[w.end:w.end + 1] == "-" and parse.words[w.index - 2].upos == "PROPN"


def _antecedent(parse: Parse, subj: Word) -> Word | None:
    """The noun a relative pronoun subject stands for: 'Woodrow Benford, who says ...' -> Benford."""
    if subj.text.lower() not in RELATIVE_PRONOUNS or subj.upos != "PRON":
        return None
    clause = parse.head_of(subj)
    while clause is not None and clause.rel not in ("acl", "root") and clause.head:
        clause = parse.head_of(clause)
    if clause is not None and clause.deprel.startswith("acl") and clause.head:
        return parse.head_of(clause)
    # the parser missed the relative clause: the noun right before 'who' (and its comma)
    k = subj.index - 1
    if k >= 0 and parse.words[k].text == ",":
        k -= 1
    if k >= 0 and parse.words[k].sent == subj.sent and _nominal(parse, parse.words[k]):
        return parse.words[k]
    return None


def _nominal(parse: Parse, w: Word) -> bool:
    """A noun, or a name the tagger took for something else ('Podesta, who ...' tagged ADJ) that the
    NER found as a person."""
    if w.upos in ("PROPN", "NOUN"):
        return True
    entity = parse.entity_at(w.start, w.end)
    return entity is not None and entity.type in ("PER", "PERSON") \
        and entity.start <= w.start and w.end <= entity.end


def speaker_mention(parse: Parse, subj: Word, cue: Word) -> SpeakerMention:
    """The speaker mention for a cue's subject, with its role; a relative pronoun names the person it
    stands for, and its span runs from that noun phrase to the pronoun ('Woodrow Benford, who'), so it
    holds both what the text says and who is meant."""
    antecedent = _antecedent(parse, subj)
    if antecedent is not None and _nominal(parse, antecedent):
        named = describe_subject(parse, antecedent, subj.start)
        return replace(named, start=min(named.start, subj.start), end=subj.end)
    limit = cue.start if subj.index < cue.index else None
    named = _name_before_role(parse, subj)
    if named is not None:
        # 'Bush, Florida's former governor, also attacked ...' parsed with the role as the subject
        role_words = trim_np([w for w in parse.subtree(subj) if w.upos != "PUNCT" or w.text in ("'s", "\u2019s")])
        mention = describe_subject(parse, named, subj.start)
        return replace(mention, role=parse.text[role_words[0].start:role_words[-1].end] if role_words else None)
    speaker = _with_sibling_role(parse, subj, describe_subject(parse, subj, limit))
    speaker = _name_before_cue(parse, speaker, cue) or speaker
    return _surface_role(parse, speaker, cue)


def _name_before_cue(parse: Parse, speaker: SpeakerMention, cue: Word) -> SpeakerMention | None:
    """'Sirius XM Vice President for news programming Dave Gorab called ...' however the parse split the
    title: a person's name the NER found right before the cue, after the mention, is the speaker, and
    the words from the mention to the name are the role."""
    if speaker.is_pronoun or speaker.end > cue.start:
        return None
    before = [w for w in parse.sentence_words(cue.sent) if speaker.end <= w.start and w.end <= cue.start]
    while before and before[-1].upos == "ADV":
        before = before[:-1]  # 'Dave Gorab also called'
    if not before or any(w.upos in ("AUX", "PUNCT") and w.text not in ("-", ".") for w in before[-3:]):
        return None
    entity = parse.entity_at(before[-1].start, before[-1].end)
    if entity is None or entity.type not in ("PER", "PERSON") or entity.start <= speaker.start \
            or entity.end != before[-1].end:
        return None
    gap = [w for w in parse.words_in(speaker.start, entity.start) if w.upos != "PUNCT"]
    first = parse.entity_at(speaker.start, speaker.end)
    joined = any(w.upos == "CCONJ" for w in gap) and (gap[-1].upos == "CCONJ" or (
        first is not None and first.type in ("PER", "PERSON")))
    if not gap or joined or gap[-1].upos == "ADP" or any(w.lemma.lower() in ("like", "include", "such") for w in gap):
        return None  # 'Trump and Sanders blame', 'critics like Huffman say', 'one of the lawyers for Petraeus said'
    title = trim_np(gap)
    role = role_phrase(parse, title) if title else None
    if len(gap) > 12 or any(w.upos == "AUX" or (w.upos == "VERB" and not w.text.endswith("ing")) for w in gap) \
            or re.search(r"[\"\u201c\u201d,;:]", parse.text[speaker.start:entity.start]):
        role = None  # not a title before the name ('"The basic problem is ...," Vladeck said')
    return replace(speaker, start=entity.start, end=entity.end, text=entity.text, role=role, kind="PER")


def _name_before_role(parse: Parse, subj: Word) -> Word | None:
    """The name in 'NAME, <role noun phrase>, <cue>' when the parser made the role the subject."""
    if subj.upos != "NOUN" or parse.entity_at(subj.start, subj.end) is not None:
        return None
    phrase = [w for w in parse.subtree(subj) if w.upos != "PUNCT"]
    k = phrase[0].index - 1
    if k < 1 or parse.words[k].text != "," or parse.words[k].sent != subj.sent:
        return None
    name = parse.words[k - 1]
    if name.upos != "PROPN" or not name.text[:1].isupper():
        return None
    after = phrase[-1].index + 1
    following = parse.words[after] if after < len(parse.words) else None
    return name if following is not None and following.text == "," else None


def _is_dateline(parse: Parse, w: Word) -> bool:
    """'WASHINGTON (AP) —', 'MACAU, China —': a place name in capitals opening a paragraph."""
    if not (w.text.isupper() and len(w.text) > 1):
        return False
    line_start = parse.text.rfind("\n", 0, w.start) + 1
    if parse.text[line_start:w.start].strip(" *_#"):
        return False
    return DATELINE.match(parse.text[w.end:w.end + 60]) is not None


def _main_clause_subject(parse: Parse, verb: Word) -> Word | None:
    """'Sanders has denounced supporters that level attacks, saying ...': a participle after a comma
    shares the subject of the sentence's main verb, wherever the parser attached it."""
    if not verb.text.lower().endswith("ing") or verb.rel not in ("advcl", "conj", "xcomp", "acl"):
        return None
    before = parse.words[verb.index - 2:verb.index] if verb.index >= 2 else []
    if not before or not (before[-1].text == "," or (before[0].text == "," and before[-1].upos == "PUNCT")):
        return None  # ', saying' or ',” claiming'

    head = parse.head_of(verb) if verb.head else None
    if head is not None and head.rel == "parataxis" \
            and head.index < verb.index and cue_lemma(head) in CUE_VERBS:
        # 'X, a Chinese official said, adding that ...': the participle goes on from the set-off cue
        own = [c for c in parse.children(head) if c.deprel == "nsubj" and c.index < head.index
               and c.lemma.lower() not in TIME_WORDS]
        if own:
            return own[-1]
    root = next((w for w in parse.sentence_words(verb.sent) if w.head == 0), None)
    if root is None or root.index >= verb.index or root.upos not in ("VERB", "AUX"):
        return None
    subjects = [c for c in parse.children(root) if c.deprel == "nsubj" and c.index < root.index
                and c.lemma.lower() not in TIME_WORDS]
    return subjects[-1] if subjects else None


APPROXIMATORS = frozenset({"about", "around", "nearly", "almost", "over", "some", "roughly", "approximately",
                           "than", "under", "just", "only"})


def _count_as_oblique(parse: Parse, verb: Word) -> Word | None:
    """'About four out of 10 voters said ...', 'More than half of respondents said ...' with the count
    parsed as an oblique ('About' read as a preposition): the count is the subject."""
    for c in parse.children(verb):
        if c.rel != "obl" or c.index > verb.index or not (c.upos == "NUM" or c.lemma.lower() in QUANTITY_HEADS):
            continue
        cases = [g for g in parse.children(c) if g.rel == "case" and g.index < c.index]
        last = parse.subtree(c)[-1]
        if all(g.lemma.lower() in APPROXIMATORS for g in cases) and not any(
                x.upos == "PUNCT" for x in parse.words[last.index + 1:verb.index]):
            return c
    return None


def _parsed_subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = ()) -> Word | None:
    """Subject of a cue verb, following conjunctions, xcomp chains (also "likely to say" parsed as a clausal
    subject) and passive agents."""
    main = _main_clause_subject(parse, verb)
    if main is not None:
        return main
    seen = 0
    w: Word | None = verb
    while w is not None and seen < 4:
        subjects = [c for c in parse.children(w) if c.rel == "nsubj" and c.deprel != "nsubj:pass"
                    and c.lemma.lower() not in TIME_WORDS]  # 'a report published Wednesday said
        # 'Trump University is what former employees have called ...': the copula's subject is not the cue's
        subjects = [c for c in subjects if c.deprel != "nsubj:outer"] or subjects
        before = [c for c in subjects if c.index < w.index]
        if before and (cue_lemma(w) in HEARER_CUES or (
                w.index + 1 < len(parse.words) and parse.words[w.index + 1].text == ",")):
            # a second subject after the cue is a misparse: 'Carson told ABC's George Stephanopoulos' (the
            # hearer), 'X, federal officials said, the first by ...' (what follows the comma)
            subjects = before
        elif before:
            # 'candidate Hillary Clinton said Patricia Smith ... is wrong' with a second subject after the cue:
            # that one belongs to the subjectless clause after it
            clauses = [c for c in parse.children(w) if c.rel == "ccomp" and c.index > w.index
                       and not any(g.rel in ("nsubj", "csubj", "expl") for g in parse.children(c))]
            subjects = [c for c in subjects if c.index < w.index or not any(k.index > c.index for k in clauses)
                        or parse.subtree(c)[0].index != w.index + 1 or parse.words[w.index - 1].text == ","]
        if subjects:
            # several subjects (a name split by the parser, "Korotchenko however he"): prefer the
            # pronoun nearest the verb, then a name, then the last one
            pron = [c for c in subjects if c.upos == "PRON"]
            if pron:
                return pron[-1]
            named = [c for c in subjects if c.upos == "PROPN"]
            return named[-1] if named else subjects[-1]
        agent = passive_agent(parse, w) if is_passive(parse, w) else None
        if agent is not None:
            return agent
        count = _count_as_oblique(parse, w)
        if count is not None:
            return count
        if w.rel == "acl" and w.head and not is_passive(parse, w):
            # '"...," the judge exclaimed' parsed as a clause on 'judge': the noun right before is the subject
            noun = parse.head_of(w)
            between = [x for x in parse.words[noun.index + 1:w.index] if x.upos != "ADV"]
            if noun.index < w.index and not between and noun.upos in ("NOUN", "PROPN", "PRON") \
                    and not any(c.rel == "case" for c in parse.children(noun)):
                return noun
        if finite_as_participle(parse, w):
            # 'A majority of voters looking for an outsider candidate supported Trump' with 'supported' hung on
            # 'candidate': the top of the noun phrase, when that is the sentence's subject (or its root)
            noun = parse.head_of(w)
            for _ in range(6):
                if noun.rel not in ("nmod", "acl", "amod", "appos", "obl") or not noun.head:
                    break
                noun = parse.head_of(noun)
            if noun.upos in ("NOUN", "PROPN", "PRON", "NUM") and noun.rel in ("root", "nsubj") and noun.index < w.index:
                return noun
        if w.rel in ("conj", "xcomp", "advcl", "csubj") and w.head:
            head = parse.head_of(w)
            outer = parse.head_of(head) if head.rel == "ccomp" and head.head else None
            if w.rel == "conj" and outer is not None and cue_lemma(outer) in CUE_VERBS \
                    and cue_lemma(w) in CUE_VERBS and cue_lemma(head) not in CUE_VERBS:
                # 'He says the response was X and says he ...': the second cue joins the first, not
                # the clause that the first one reports
                head = outer
            w = head
            seen += 1
            continue
        break
    return _fallback_subject(parse, verb, quotes)


APPOSITION = re.compile(r"\s*,\s*([^,:;\u201c\u201d\"]{3,160}?)\s*,\s*(?:[a-z]+ly\s+)?$")


def _surface_role(parse: Parse, speaker: SpeakerMention, cue: Word) -> SpeakerMention:
    """'Korotchenko, editor-in-chief of the ... newspaper, specifically stated': the text between
    the commas after the name is the role, whatever the parser did with it."""
    if speaker.start >= cue.end and speaker.role is None and not speaker.is_pronoun:
        # '"...," said Republican party boss Reince Priebus': the title between the cue and the name
        title = parse.words_in(cue.end, speaker.start)
        while title and title[0].upos == "DET":
            title = title[1:]
        if title and all(w.upos in ("ADJ", "NOUN", "PROPN") or w.text == "-" for w in title) \
                and any(w.upos == "NOUN" for w in title):
            return replace(speaker, role=parse.text[title[0].start:title[-1].end])
    if speaker.is_pronoun or speaker.end > cue.start:
        return speaker
    m = APPOSITION.match(parse.text[speaker.end:cue.start])
    if m and re.search(r"[A-Za-z]{3}", m.group(1)) and (speaker.role is None or len(m.group(1)) > len(speaker.role)):
        role = MEDIA_TAIL.sub("", m.group(1))  # '... newspaper on Rossiya 1 channel': the channel is not the role
        return replace(speaker, role=re.sub(r"\s+", " ", role))
    if speaker.role is None:
        # 'The union's spokesman, David Okafor, insisted': a title phrase opening the sentence
        sentence = parse.sentences[cue.sent]
        m = PRECEDING_TITLE.match(parse.text[sentence.start:speaker.start])
        if m and parse.text[speaker.end:cue.start].strip().startswith(","):
            return replace(speaker, role=m.group(1))
    return speaker


MEDIA_TAIL = re.compile(r"\s+(?:on|in an interview with|speaking to|during)\s+.*\b(?:channel|TV|television|radio|show|"
                        r"programme|program|broadcast|network|podcast|interview|air)\b.*$", re.IGNORECASE)


PRECEDING_TITLE = re.compile(r"^(?:The |A |An )?([^,:;\u201c\u201d\"]{3,80}?)\s*,\s*$")


def _with_sibling_role(parse: Parse, subj: Word, speaker: SpeakerMention) -> SpeakerMention:
    """'The defense expert journalist, Igor Korotchenko would ...' parsed as two subjects: the common-noun
    subject before the name is the name's role."""
    if speaker.role is not None or speaker.is_pronoun or subj.head == 0 or subj.deprel != "nsubj":
        return speaker
    head = parse.head_of(subj)
    # only another active subject ('the army was supported by the USSR' has a passive one), that
    # opens with a determiner or possessive ('Nuclear war, Kim Jong-un threatens' is a headline)
    siblings = [c for c in parse.children(head) if c.deprel == "nsubj" and c.index < subj.index
                and c.upos in ("NOUN", "PROPN") and c.end <= speaker.start]
    if not siblings:
        return speaker

    first = min(w.index for w in parse.subtree(siblings[0]))
    words = [w for w in parse.sentence_words(subj.sent) if first <= w.index and w.end <= speaker.start]
    if not words or not (words[0].upos == "DET" or words[0].deprel == "nmod:poss") \
            or parse.text[words[-1].end:speaker.start].strip(" ,") \
            or any(w.upos in ("VERB", "AUX") for w in words) or re.search(r"[\"\u201c\u201d]", parse.text[
                words[0].start:speaker.start]):
        return speaker  # ('"The basic problem is that ...," Vladeck said': a clause, not a role)
    while words and words[0].upos == "DET":
        words = words[1:]
    role = role_phrase(parse, words)
    return replace(speaker, role=role) if role else speaker


# Verbs of sending a message: a participle on what they send or whom they address speaks for the sender.
MESSAGE_VERBS = frozenset({"email", "e-mail", "send", "write", "text", "tweet", "message", "mail", "tell", "call"})
# ... and what issues one ('The senator released a statement saying ...': the senator says it).
# (not 'run', 'air': 'a super PAC is running ads attacking Clinton' has the ads as the source, as PolNeAR has it)
ISSUING_VERBS = frozenset({"issue", "release", "put", "publish", "post", "sign", "unveil", "deliver", "give",
                           "circulate", "distribute", "pen"})
HEARER_CUES = frozenset({"tell", "inform", "brief", "ask", "urge", "warn", "assure", "remind", "advise"})


def _fallback_subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = (),
                      content: tuple[int, int] | None = None) -> Word | None:
    """When the parse gives the cue no subject: the name nearest before it in its clause (then in its
    sentence), or the name right after it ("..., said Korotchenko"); never a word inside quote marks,
    nor the hearer of 'told AFP'."""
    words = parse.sentence_words(verb.sent)

    def quoted(w: Word) -> bool:
        return any(q.open_start <= w.start < q.close_end for q in quotes) or (
            content is not None and content[0] <= w.start < content[1])

    before = [w for w in words if w.index < verb.index and w.upos in ("PROPN", "PRON")
              and w.rel not in ("obl", "nmod", "obj", "iobj", "compound") and w.lemma.lower() not in TIME_WORDS
              and not any(c.rel == "case" for c in parse.children(w)) and not quoted(w)
              and _outside_opening_clause(parse, w, verb)]
    people = [w for w in before if w.upos == "PRON" or (w.ner[2:] in ("PER", "PERSON"))]
    if people:
        before = people
    same_clause = [w for w in before if dominates(parse, _clause_head(parse, w), verb)]
    quote_chars = "\u201c\u201d\u00ab\u00bb\"\u201e"
    for pool in (same_clause, before):
        if pool and not any(ch in parse.text[pool[-1].end:verb.start] for ch in quote_chars):
            return pool[-1]
    # 'Some chanted', 'a narrator says': a noun or pronoun right before the verb
    previous = [w for w in words if w.index < verb.index and w.upos != "ADV"]
    if previous and previous[-1].upos in ("NOUN", "DET", "NUM") and previous[-1].index >= verb.index - 2 \
            and previous[-1].rel not in ("obl", "nmod", "obj", "compound", "det") and not quoted(previous[-1]):
        return previous[-1]
    # 'about half of voters say': a noun the parser hung on another noun, right before the verb
    if previous and previous[-1].index == verb.index - 1 \
            and previous[-1].upos in ("NOUN", "PROPN") and previous[-1].rel == "nmod" and not quoted(previous[-1]) \
            and previous[-1].lemma.lower() not in TIME_WORDS:
        return previous[-1]
    hearer = cue_lemma(verb) in HEARER_CUES
    clauses = [c for c in parse.children(verb) if c.rel in ("ccomp", "xcomp", "parataxis")]
    after = [w for w in words if verb.index < w.index <= verb.index + 3 and w.upos in ("PROPN", "PRON")
             and not quoted(w) and not (hearer and w.rel in ("obj", "iobj"))]
    # 'say they prefer ...': a word of the cue's own complement is what was said, a speaker only as a last resort
    reported = [w for w in after if any(dominates(parse, c, w) for c in clauses)]
    after = [w for w in after if w not in reported]
    closer = parse.words[verb.index - 1] if verb.index > 0 else None
    if not after and closer is not None and closer.text in (",", "\u201d", '"') :
        # '"...," said the 46-year-old': an inverted subject after the cue
        after = [w for w in words if verb.index < w.index <= verb.index + 4 and w.upos == "NOUN"
                 and w.rel in ("nsubj", "obj", "root", "dep", "appos") and not quoted(w)][:1] \
            or _inverted_phrase(parse, verb, words, quoted)
        after = after or _inverted_titled_name(parse, verb, words, quoted)
    if after:
        return after[0]
    if before:
        return before[0]
    if reported:
        return reported[0]
    return None


def _outside_opening_clause(parse: Parse, w: Word, verb: Word) -> bool:
    """False for a word in an opening subordinate clause ('When Putin launched his invasion, North Korea
    was one of five countries to vote against ...') that closed at a comma before the cue."""
    head = _clause_head(parse, w)
    if head.head == 0 or head.rel != "advcl" or dominates(parse, head, verb):
        return True
    clause = {x.index for x in parse.subtree(head)}
    opener = parse.words[min(clause)]
    if not (opener.lemma.lower() in SUBORDINATORS and opener.rel in ("mark", "advmod")):
        return True
    comma = next((x for x in parse.words[w.index + 1:verb.index] if x.text == ","), None)
    # the clause closes at a comma before the cue (a parse that swallowed the main clause does not)
    return comma is None or comma.index + 1 in clause


SUBORDINATORS = frozenset({"when", "if", "after", "before", "because", "while", "as", "since", "although",
                           "though", "once", "until", "unless", "whereas"})


def _inverted_titled_name(parse: Parse, verb: Word, words, quoted) -> list[Word]:
    """'"...," said Republican party boss Reince Priebus, though ...': a title and a person's name closing
    the clause after the cue, however the parser split them; the name's first word stands for it."""
    run = []
    for w in (w for w in words if w.index > verb.index):
        if w.upos not in ("ADJ", "NOUN", "PROPN", "DET") and w.text != "-":
            break
        run.append(w)
    if not run or len(run) > 8 or any(quoted(w) for w in run):
        return []
    names = [w for w in run if w.upos == "PROPN" and w.ner[2:] in ("PER", "PERSON")]
    if not names or names[-1].index != run[-1].index:
        return []
    first = names[-1]
    while first.index - 1 >= run[0].index and parse.words[first.index - 1] in names:
        first = parse.words[first.index - 1]
    return [first]


def _inverted_phrase(parse: Parse, verb: Word, words, quoted) -> list[Word]:
    """'"...," said the 46-year-old.': a short determiner phrase closing the clause after the cue,
    however the parser split it; its last word heads it."""
    tail = [w for w in words if w.index > verb.index]
    if not tail or tail[0].upos != "DET" or quoted(tail[0]):
        return []
    run = []
    for w in tail:
        if w.text in (",", ".", ";", ":", "!", "?") or w.upos in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            break
        run.append(w)
    kept = [w for w in run if w.upos != "PUNCT"]
    if 2 <= len(kept) <= 6 and kept[-1].upos in ("NOUN", "ADJ", "PROPN") and len(run) == len(
            [w for w in tail if w.index <= run[-1].index]):
        return [kept[-1]]
    return []


CLAUSE_RELS = frozenset({"advcl", "acl", "ccomp", "xcomp", "csubj", "parataxis"})


def _clause_head(parse: Parse, w: Word) -> Word:
    """The head of the clause ``w`` belongs to (a subordinate clause's verb, or the sentence root)."""
    node = w
    while node.head and node.rel not in CLAUSE_RELS:
        node = parse.head_of(node)
    return node


def dominates(parse: Parse, a: Word, b: Word) -> bool:
    w: Word | None = b
    steps = 0
    while w is not None and steps < 12:
        if w.index == a.index:
            return True
        w = parse.head_of(w)
        steps += 1
    return False


def is_passive(parse: Parse, verb: Word) -> bool:
    return any(c.deprel in ("nsubj:pass", "aux:pass") for c in parse.children(verb))


def passive_agent(parse: Parse, verb: Word) -> Word | None:
    """The 'by' phrase of a verb ('was condemned by the UN' -> UN), if it has one."""
    for c in parse.children(verb):
        if c.deprel == "obl:agent" or (c.rel == "obl" and any(
                g.lemma.lower() == "by" and g.rel == "case" for g in parse.children(c))):
            return c
    return None
