"""Attribution rules over a dependency parse: direct, indirect, mixed, "according to", floating quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import COGNITION_VERBS, CUE_VERBS, LINE_LABELS, MAKE_CLEAR, OBJECT_CUE_PREPOSITIONS, OBJECT_CUES, WEAK_CUES
from .media import Gazetteer, classify_head, role_of_kind
from .parse import Parse, Word
from .quotes import QuoteSpan, find_quote_spans, inside_long_quote
from .speakers import Resolver, SpeakerMention, describe_subject, noun_phrase, trim_np

XCOMP_CUES = frozenset({"promise", "threaten", "vow", "plan", "want", "intend", "hope", "urge", "pledge",
                        "refuse", "agree", "decide", "seek", "wish", "expect", "aim", "offer"})
MIN_DIRECT_WORDS = 3  # shorter quoted fragments are scare quotes or parts of mixed quotes
COMPLEMENT_RELS = {"ccomp", "parataxis"}
MEDIA_CASES = {"on", "through", "via", "in", "to", "with", "by", "from", "during", "at"}


@dataclass(frozen=True)
class Attribution:
    """One attribution; every span indexes the text the parse was made from."""

    quote_type: str  # direct | indirect | mixed
    quote_start: int
    quote_end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    speaker_role: str | None
    cue_start: int | None
    cue_end: int | None
    outlet: str | None
    channel: str | None
    sentence_index: int


@dataclass(frozen=True)
class _Cue:
    word: Word
    start: int
    end: int


def _is_according(parse: Parse, w: Word) -> bool:
    nxt = parse.words[w.index + 1] if w.index + 1 < len(parse.words) else None
    return w.text.lower() == "according" and nxt is not None and nxt.text.lower() == "to"


IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
             "thought": "think", "felt": "feel", "knew": "know", "known": "know", "heard": "hear",
             "saw": "see", "seen": "see", "found": "find", "understood": "understand", "spoke": "speak",
             "spoken": "speak", "made": "make", "began": "begin", "begun": "begin", "forecast": "forecast"}


def cue_lemma(w: Word) -> str:
    """The word's lemma, or a rule-based one when the lemmatizer left an inflected form."""
    lemma = w.lemma.lower()
    if lemma in CUE_VERBS:
        return lemma
    text = w.text.lower()
    if text in IRREGULAR:
        return IRREGULAR[text]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("es", ""), ("s", ""), ("d", "")):
        if text.endswith(suffix):
            stem = text[: -len(suffix)] + repl
            if stem in CUE_VERBS:
                return stem
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in CUE_VERBS:  # "quipped"
                return stem[:-1]
    return lemma


def _is_cue(parse: Parse, w: Word) -> bool:
    if _is_according(parse, w):
        return True
    if w.upos not in ("VERB", "AUX"):
        return False
    return cue_lemma(w) in CUE_VERBS or _make_clear(parse, w) is not None


def _make_clear(parse: Parse, w: Word) -> Word | None:
    """'made it clear that ...': the adjective that turns 'make' into a speech cue."""
    if cue_lemma(w) != "make" and w.text.lower() not in ("make", "makes", "made", "making"):
        return None
    for c in parse.children(w):
        if c.lemma.lower() in MAKE_CLEAR and c.rel in ("xcomp", "obj", "advmod", "ccomp"):
            return c
    return None


def _cue_span(parse: Parse, w: Word) -> tuple[int, int]:
    end = w.end
    adj = _make_clear(parse, w)
    if adj is not None and adj.index > w.index:
        end = adj.end
    for c in parse.children(w):
        if c.deprel == "compound:prt" and c.index == w.index + 1:
            end = max(end, c.end)
    return w.start, end


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
DATELINE = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*(?:\([^)]{1,40}\)\s*)?[\u2014\u2013-]")


def _subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = ()) -> Word | None:
    """Subject of a cue verb; a relative pronoun stands for the noun it modifies ('Benford, who says'),
    and an all-caps dateline ('WASHINGTON (AP) —') is never the subject."""
    subj = _parsed_subject(parse, verb, quotes)
    if subj is not None and _is_dateline(parse, subj):
        subj = _fallback_subject(parse, verb, quotes)
        return None if subj is None or _is_dateline(parse, subj) else subj
    return subj


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
    if k >= 0 and parse.words[k].sent == subj.sent and parse.words[k].upos in ("PROPN", "NOUN"):
        return parse.words[k]
    return None


def _speaker(parse: Parse, subj: Word, cue: Word) -> SpeakerMention:
    """The speaker mention for a cue's subject, with its role; a relative pronoun keeps its own span
    (what the text says) but names the person it stands for."""
    antecedent = _antecedent(parse, subj)
    if antecedent is not None and antecedent.upos in ("PROPN", "NOUN"):
        named = describe_subject(parse, antecedent, subj.start)
        return replace(named, start=subj.start, end=subj.end)
    limit = cue.start if subj.index < cue.index else None
    named = _name_before_role(parse, subj)
    if named is not None:
        # 'Bush, Florida's former governor, also attacked ...' parsed with the role as the subject
        role_words = trim_np([w for w in parse.subtree(subj) if w.upos != "PUNCT" or w.text in ("'s", "\u2019s")])
        mention = describe_subject(parse, named, subj.start)
        return replace(mention, role=parse.text[role_words[0].start:role_words[-1].end] if role_words else None)
    speaker = _with_sibling_role(parse, subj, describe_subject(parse, subj, limit))
    return _surface_role(parse, speaker, cue)


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


def _parsed_subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = ()) -> Word | None:
    """Subject of a cue verb, following conjunctions, xcomp chains and passive agents."""
    seen = 0
    w: Word | None = verb
    while w is not None and seen < 4:
        subjects = [c for c in parse.children(w) if c.rel == "nsubj" and c.deprel != "nsubj:pass"]
        if subjects:
            # several subjects (a name split by the parser, "Korotchenko however he"): prefer the
            # pronoun nearest the verb, then a name, then the last one
            pron = [c for c in subjects if c.upos == "PRON"]
            if pron:
                return pron[-1]
            named = [c for c in subjects if c.upos == "PROPN"]
            return named[-1] if named else subjects[-1]
        for c in parse.children(w):
            if c.deprel == "obl:agent" or (c.rel == "obl" and any(
                    g.lemma.lower() == "by" and g.rel == "case" for g in parse.children(c))):
                if any(x.deprel == "nsubj:pass" or x.deprel == "aux:pass" for x in parse.children(w)):
                    return c
        if w.rel in ("conj", "xcomp", "advcl") and w.head:
            w = parse.head_of(w)
            seen += 1
            continue
        break
    return _fallback_subject(parse, verb, quotes)


APPOSITION = re.compile(r"\s*,\s*([^,:;\u201c\u201d\"]{3,160}?)\s*,\s*(?:[a-z]+ly\s+)?$")


def _surface_role(parse: Parse, speaker: SpeakerMention, cue: Word) -> SpeakerMention:
    """'Korotchenko, editor-in-chief of the ... newspaper, specifically stated': the text between
    the commas after the name is the role, whatever the parser did with it."""
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
    if speaker.role is not None or speaker.is_pronoun or subj.head == 0:
        return speaker
    head = parse.head_of(subj)
    siblings = [c for c in parse.children(head) if c.rel == "nsubj" and c.index < subj.index
                and c.upos in ("NOUN", "PROPN") and c.end <= speaker.start]
    if not siblings:
        return speaker
    from .speakers import role_phrase

    first = siblings[0]
    words = [w for w in parse.sentence_words(subj.sent) if first.index <= w.index and w.end <= speaker.start]
    while words and words[0].upos == "DET":
        words = words[1:]
    role = role_phrase(parse, words)
    return replace(speaker, role=role) if role else speaker


HEARER_CUES = frozenset({"tell", "inform", "brief", "ask", "urge", "warn", "assure", "remind", "advise"})


def _fallback_subject(parse: Parse, verb: Word, quotes: list[QuoteSpan] = ()) -> Word | None:
    """When the parse gives the cue no subject: the name nearest before it in its clause (then in its
    sentence), or the name right after it ("..., said Korotchenko"); never a word inside quote marks,
    nor the hearer of 'told AFP'."""
    words = parse.sentence_words(verb.sent)

    def quoted(w: Word) -> bool:
        return any(q.open_start <= w.start < q.close_end for q in quotes)

    before = [w for w in words if w.index < verb.index and w.upos in ("PROPN", "PRON")
              and w.rel not in ("obl", "nmod", "obj", "iobj", "compound")
              and not any(c.rel == "case" for c in parse.children(w)) and not quoted(w)]
    people = [w for w in before if w.upos == "PRON" or (w.ner[2:] in ("PER", "PERSON"))]
    if people:
        before = people
    same_clause = [w for w in before if _dominates(parse, _clause_head(parse, w), verb)]
    quote_chars = "\u201c\u201d\u00ab\u00bb\"\u201e"
    for pool in (same_clause, before):
        if pool and not any(ch in parse.text[pool[-1].end:verb.start] for ch in quote_chars):
            return pool[-1]
    hearer = cue_lemma(verb) in HEARER_CUES
    after = [w for w in words if verb.index < w.index <= verb.index + 3 and w.upos in ("PROPN", "PRON")
             and not quoted(w) and not (hearer and w.rel in ("obj", "iobj"))]
    if after:
        return after[0]
    if before:
        return before[0]
    return None


NAMING_CUES = frozenset({"call", "label", "brand", "dub", "term"})
STANCE_CUES = frozenset({"support", "endorse", "back", "oppose", "praise", "criticize", "criticise", "attack",
                         "slam", "blast", "condemn", "denounce", "defend", "applaud", "hail", "thank", "prefer",
                         "favor", "favour", "reject", "mock", "dismiss"})
EVIDENCE_CUES = frozenset({"show", "find", "suggest", "indicate", "reveal", "put"})
QUOTE_CLOSERS = "\"\u201d\u2019'"
CLAUSE_RELS = frozenset({"advcl", "acl", "ccomp", "xcomp", "csubj", "parataxis"})


def _clause_head(parse: Parse, w: Word) -> Word:
    """The head of the clause ``w`` belongs to (a subordinate clause's verb, or the sentence root)."""
    node = w
    while node.head and node.rel not in CLAUSE_RELS:
        node = parse.head_of(node)
    return node


def _complement(parse: Parse, verb: Word) -> Word | None:
    """The clausal complement that holds what was said."""
    holders = [verb]
    adj = _make_clear(parse, verb)
    if adj is not None:
        holders.append(adj)
    for h in holders:
        for c in parse.children(h):
            if c.rel == "ccomp" or (c.rel == "xcomp" and cue_lemma(h) in XCOMP_CUES):
                return c
    for c in parse.children(verb):
        # 'told the Post and Courier on Saturday that he cast ...': a that-clause parsed as advcl
        if c.rel == "advcl" and c.index > verb.index and any(
                m.rel == "mark" and m.lemma.lower() == "that" for m in parse.children(c)):
            return c
    return None


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
    if not any(c.rel == "nsubj" for c in kids) or any(c.rel in ("obj", "ccomp", "xcomp") for c in kids):
        return None
    words = parse.sentence_words(cue.sent)
    subj = next(c for c in kids if c.rel == "nsubj")
    first = min(subj.index, cue.index)
    before = words[first - words[0].index - 1] if first > words[0].index else None
    last = max(x.index for x in parse.subtree(cue))
    after = words[last - words[0].index + 1] if last + 1 < words[0].index + len(words) else None
    if not (before is not None and before.text == "," and after is not None and after.text in (",", ".")):
        return None
    content = [x for x in parse.subtree(head) if x.upos != "PUNCT" or x.index < last]
    while content and content[-1].upos == "PUNCT":
        content = content[:-1]
    while content and content[0].upos == "PUNCT":
        content = content[1:]
    if len([x for x in content if x.upos != "PUNCT" and not first <= x.index <= last]) < 3:
        return None
    return _Reported(cue, content[0].start, content[-1].end)


def _span_of(words: list[Word]) -> tuple[int, int]:
    return words[0].start, words[-1].end


def _content_words(parse: Parse, head: Word) -> list[Word]:
    """The complement's words without edge punctuation; a leading 'that'/'whether' stays, as in
    PolNeAR and PARC ('said that the race is over'), so the content reads as the source has it."""
    words = parse.subtree(head)
    while words and words[0].upos == "PUNCT":
        words = words[1:]
    while words and words[-1].upos == "PUNCT":
        words = words[:-1]
    return words


def _quote_type(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> str:
    for q in quotes:
        if q.start <= start and end <= q.end + 1:
            return "direct"
    for q in quotes:
        if q.start < end and start < q.end:
            return "mixed"
    return "indirect"


class _Media:
    """Finds outlets and channels around a cue, in its sentence, or in 'this is according to X'."""

    def __init__(self, parse: Parse, gazetteer: Gazetteer, quotes: list[QuoteSpan]):
        self.parse = parse
        self.gazetteer = gazetteer
        self.quotes = quotes

    def name_for(self, np_words: list[Word]) -> tuple[str | None, str | None]:
        """(role, name) of a noun phrase: role is 'outlet' or 'channel'."""
        np_words = trim_np(np_words)
        if not np_words:
            return None, None
        start, end = np_words[0].start, np_words[-1].end
        text = self.parse.text[start:end]
        hits = self.gazetteer.find_in(text)
        if hits:
            s, e, kind = max(hits, key=lambda h: h[1] - h[0])
            role = role_of_kind(kind)
            head = max(np_words, key=lambda w: 1 if w.head == 0 or w.head not in [x.id for x in np_words] else 0)
            head_role = classify_head(head.lemma)
            if head_role == "outlet" and role == "channel" and kind == "medium":
                role = "outlet"
            name = text[s:e]
            if kind == "medium":
                name = text.strip(" \u201c\u201d\"'")
            return role, name
        head = _np_head(np_words)
        role = classify_head(head.lemma)
        if role is None:
            return None, None
        return role, text.strip(" \u201c\u201d\"',")

    def around(self, cue: Word | None, sentence: int,
               skip: tuple[int, int] | None = None) -> tuple[str | None, str | None]:
        """Outlet and channel for an attribution whose cue is ``cue`` in ``sentence``."""
        outlet = channel = None
        candidates: list[Word] = []
        if cue is not None:
            candidates += [c for c in self.parse.children(cue) if c.rel in ("obl", "nmod", "iobj", "obj")]
        words = self.parse.sentence_words(sentence)
        candidates += [w for w in words if w.rel in ("obl", "nmod") and w not in candidates]
        for w in candidates:
            if skip and skip[0] <= w.start < skip[1]:
                continue
            if inside_long_quote(self.quotes, w.start, w.end):
                continue
            cases = [c.lemma.lower() for c in self.parse.children(w) if c.rel == "case"]
            np_start = _media_np(self.parse, w)[0]
            if not cases and np_start.index > 0 and self.parse.words[np_start.index - 1].upos == "ADP":
                cases = [self.parse.words[np_start.index - 1].text.lower()]  # 'on Channel 4' parsed loosely
            is_told = cue is not None and w.head == cue.id and w.sent == cue.sent and w.rel in ("obj", "iobj") \
                and cue_lemma(cue) in ("tell", "inform", "brief")
            if not cases and not is_told:
                continue
            if cases and not set(cases) & MEDIA_CASES:
                continue
            np = _media_np(self.parse, w)
            role, name = self.name_for(np)
            if role is None:
                continue
            if is_told or "with" in cases and any(x.lemma.lower() == "interview" for x in words):
                role = "outlet" if role in ("outlet", "channel") else role
            if role == "outlet" and outlet is None:
                outlet = name
            elif role == "channel" and channel is None:
                channel = name
        return outlet, channel

    def this_is_according_to(self, sentence: int) -> str | None:
        """'This is according to what was reported by Regnum.' -> 'Regnum' (an outlet for the previous sentence)."""
        words = self.parse.sentence_words(sentence)
        lowered = [w.text.lower() for w in words]
        if not words or lowered[0] not in ("this", "that", "these", "it"):
            return None
        if "according" not in lowered and not any(w.lemma.lower() in ("report", "say", "write") for w in words):
            return None
        for w in words:
            if w.rel in ("obl", "nmod", "obj") and any(c.lemma.lower() in ("by", "to") for c in self.parse.children(w)
                                                        if c.rel == "case"):
                role, name = self.name_for(_media_np(self.parse, w))
                if role == "outlet":
                    return name
                ent = self.parse.entity_at(w.start, w.end)
                if ent is not None and ent.type == "ORG":
                    return ent.text
        return None


def _np_head(words: list[Word]) -> Word:
    ids = {w.id for w in words}
    for w in words:
        if w.head not in ids:
            return w
    return words[-1]


def _media_np(parse: Parse, w: Word) -> list[Word]:
    """The naming core of a media phrase: 'its “diplomatic channels”' -> 'diplomatic channels'."""
    words = noun_phrase(parse, w)
    nxt = parse.words[words[-1].index + 1] if words and words[-1].index + 1 < len(parse.words) else None
    if nxt is not None and nxt.upos == "NUM" and nxt.sent == w.sent and nxt.start - words[-1].end <= 1:
        words = [*words, nxt]  # 'Channel 4', 'Rai 1'
    while words and (words[0].upos in ("DET", "PRON", "PUNCT", "ADP") or words[0].rel == "case"):
        words = words[1:]
    while words and words[-1].upos in ("PUNCT", "PART"):
        words = words[:-1]
    return words or [w]


@dataclass(frozen=True)
class _Reported:
    """A cue verb with the clausal complement that holds what was said."""

    cue: Word
    start: int
    end: int


def _reported_contents(parse: Parse, cues: list[Word], quotes: list[QuoteSpan]) -> list[_Reported]:
    out = []
    for w in cues:
        if _is_according(parse, w) or inside_long_quote(quotes, w.start, w.end):
            continue
        if cue_lemma(w) in ("expect", "believe", "think", "consider", "see", "know", "regard", "find") \
                and _agentless_passive(parse, w):
            continue  # 'is widely expected to attend': nobody is said to expect it
        small_clause = _object_predicate(parse, w)
        if small_clause is not None:
            out.append(small_clause)
            continue
        comp = _complement(parse, w)
        if comp is None:
            surface = (_parenthetical_content(parse, w) or _relative_content(parse, w) or _surface_complement(parse, w)
                       or _object_content(parse, w) or _surface_clause(parse, w, quotes)
                       or _surface_object(parse, w))
            if surface is not None:
                out.append(surface)
            continue
        content = _content_words(parse, comp)
        if len([x for x in content if x.upos != "PUNCT" and x.rel != "mark"]) < 2:
            continue
        if cue_lemma(w) in WEAK_CUES and comp.rel == "ccomp" and not _has_that(parse, comp) \
                and not _evidence_subject(parse, w):
            continue
        c_start, c_end = _span_of(content)
        if comp.rel == "xcomp":  # 'urged conservatives to unite': who is urged belongs to the content
            obj = next((c for c in parse.children(w) if c.rel == "obj" and w.index < c.index < comp.index), None)
            if obj is not None:
                c_start = parse.subtree(obj)[0].start
        for sibling in parse.children(w):  # 'said he'll go, and the talks would resume': two complements
            if sibling.rel == "ccomp" and sibling.index > comp.index:
                c_end = max(c_end, _span_of(_content_words(parse, sibling))[1])
        subj = _subject(parse, w, quotes)
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
            c_start, c_end = _span_of(after)
        for q in quotes:  # keep a closing mark the parse left outside: 'was "a mandate for change"'
            if c_start <= q.open_start < c_end < q.close_end <= c_end + 2:
                c_end = q.close_end
        out.append(_Reported(w, c_start, c_end))
    return out


def _surface_complement(parse: Parse, cue: Word) -> _Reported | None:
    """'insisted that ...', 'told the BBC that ...' when the parse missed the clausal complement:
    a 'that' within a few words after the cue opens the content, which runs to the sentence end."""
    words = parse.sentence_words(cue.sent)
    adj = _make_clear(parse, cue)
    start_after = adj.index if adj is not None and adj.index > cue.index else cue.index
    after = [w for w in words if w.index > start_after]
    window = 14 if cue_lemma(cue) in HEARER_CUES else 8  # 'told The Post and Courier newspaper of ... that'
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
        if w.upos in ("VERB", "AUX") or w.text in (".", ";", ":", "!", "?"):
            return None
    return None


CLAUSE_CUES = frozenset("""say claim insist argue warn predict believe think suggest note add estimate contend
    acknowledge admit explain report write tweet state declare assert expect fear hope worry feel maintain stress
    agree complain concede reply respond announce confirm reckon guess recall reveal indicate signal""".split())
CLAUSE_OPENERS = frozenset({"PRON", "DET", "PROPN", "NOUN", "NUM", "ADJ"})


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
        after = after[1:]
    while after and after[-1].upos == "PUNCT":
        after = after[:-1]
    if len(after) < 3 or after[0].upos not in CLAUSE_OPENERS or after[0].text.lower() in ("what", "which"):
        return None
    if not any(w.upos in ("VERB", "AUX") for w in after[1:]):
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
    if _modifies_noun(parse, cue) or cue.text.lower().endswith("ing") or any(
            m.rel == "mark" and m.lemma.lower() == "to" for m in parse.children(cue)):
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
    return previous is not None and previous.sent == cue.sent and previous.upos in ("NOUN", "PROPN") and (
        cue.deprel == "acl" or cue.text.lower().endswith("ing"))


def _object_predicate(parse: Parse, cue: Word) -> _Reported | None:
    """'called Trump "unhinged"', 'calling them rapists', 'the poll showed Trump leading the field':
    an object and what is said of it (a small clause) are the content together."""
    lemma = cue_lemma(cue)
    if lemma not in NAMING_CUES and not (lemma in EVIDENCE_CUES and _evidence_subject(parse, cue)):
        return None
    kids = parse.children(cue)
    obj = next((c for c in kids if c.rel == "obj" and c.index > cue.index), None)
    if obj is None:
        return None
    pred = next((c for c in kids if c.rel in ("xcomp", "ccomp") and c.index > obj.index), None)
    if pred is None:
        return None
    words = sorted(parse.subtree(obj) + parse.subtree(pred), key=lambda w: w.index)
    while words and words[-1].upos == "PUNCT" and words[-1].text not in QUOTE_CLOSERS:
        words = words[:-1]
    return _Reported(cue, words[0].start, words[-1].end) if words else None


def _object_content(parse: Parse, cue: Word) -> _Reported | None:
    """'criticized Clinton's email use', 'called for new elections': the object is the content."""
    if _modifies_noun(parse, cue):
        return None  # a participle inside a noun phrase: 'a UN resolution condemning the invasion'
    lemma = cue_lemma(cue)
    prep = OBJECT_CUE_PREPOSITIONS.get(lemma)
    if any(m.rel == "mark" and m.lemma.lower() == "to" for m in parse.children(cue)):
        return None  # 'came to support Sanders', 'took to social media to complain about': a purpose, not a stance
    for c in parse.children(cue):
        if lemma in OBJECT_CUES and lemma not in HEARER_CUES and c.rel == "obj" and c.index > cue.index:
            pass
        elif prep and c.rel == "obl" and c.index > cue.index and any(
                g.rel == "case" and g.lemma.lower() == prep for g in parse.children(c)):
            pass
        else:
            continue
        words = [w for w in parse.subtree(c) if not (w.rel == "case" and w.head == c.id and w.index < c.index)]
        for more in parse.children(cue):  # 'called for all candidates | to lay out specifics'
            if more.rel in ("xcomp", "advcl") and more.index > c.index and any(
                    m.rel == "mark" and m.lemma.lower() == "to" for m in parse.children(more)):
                words = sorted(words + parse.subtree(more), key=lambda w: w.index)
        while words and words[-1].upos == "PUNCT":
            words = words[:-1]
        content = [w for w in words if w.upos != "PUNCT"]
        if len(content) >= 2 or (content and content[0].upos in ("PROPN", "PRON") and lemma in STANCE_CUES
                                 and content[0].lemma.lower() not in ("it", "this", "that", "what")):
            return _Reported(cue, words[0].start, words[-1].end)  # 'Christie endorsed Trump'
    return None


def _unquoted_words(parse: Parse, start: int, end: int, q: QuoteSpan) -> int:
    return len([w for w in parse.words_in(start, end)
                if w.upos != "PUNCT" and not (q.open_start <= w.start < q.close_end)])


def attribute_parse(parse: Parse, gazetteer: Gazetteer) -> list[Attribution]:
    """All attributions in a parsed English text, in text order."""
    text = parse.text
    quotes = find_quote_spans(text)
    resolver = Resolver(parse)
    media = _Media(parse, gazetteer, quotes)
    found: list[tuple[Attribution, SpeakerMention | None]] = []
    used_cues: set[int] = set()
    covered: list[tuple[int, int]] = []

    cues = [w for w in parse.words if _is_cue(parse, w)]
    reported = _reported_contents(parse, cues, quotes)
    quote_cues = sorted(cues + _mistagged_cues(parse, quotes), key=lambda w: w.index)

    # 1. direct quotes, linked to the nearest cue that governs or neighbours them; a quote inside
    #    reported speech with words of its own around it is part of a mixed quote instead
    for q in quotes:
        q_words = [w for w in parse.words if w.start >= q.start and w.end <= q.end]
        if not q_words or text[:q.open_start].endswith("="):
            continue  # nothing quoted, or a markup attribute: <tweet id="...">
        if any(r.start <= q.open_start + 1 and q.close_end - 1 <= r.end
               and _unquoted_words(parse, r.start, r.end, q) >= 2 for r in reported):
            continue
        if _is_title(text, q, q_words):
            continue
        cue = _cue_for_quote(parse, q, q_words, quote_cues)
        if cue is None and q.mark in "\u2014\u2013-":
            continue  # a dash-led line with no cue is a list item in English news, not dialogue
        if len([w for w in q_words if w.upos != "PUNCT"]) < MIN_DIRECT_WORDS and not _right_by_cue(parse, q, cue):
            continue  # a short quoted fragment is a scare quote unless a cue verb stands right by it
        sent = (cue.sent if cue is not None else q_words[0].sent)
        qtype, q_start = "direct", q.start
        if cue is not None and cue.end <= q.open_start and cue.sent == q_words[0].sent:
            between = [w for w in parse.words_in(cue.end, q.open_start) if w.upos != "PUNCT"]
            lead = [w for w in between if w.text.lower() != "that" and w.rel not in ("obj", "iobj")]
            if len(lead) < 2 and not (lead and lead[-1].rel == "nsubj" and _in_quoted_clause(parse, lead[-1], q_words)):
                lead = []
            if between and between[-1].text.lower() == "that" and len(between) == 1:
                lead = between
            if lead and ":" not in text[cue.end:q.open_start]:
                # 'said the workers were "ready to talk"', 'said that "he loves you"', 'says Kasich "has ..."'
                qtype, q_start = "mixed", lead[0].start
        speaker = None
        if cue is not None:
            used_cues.add(cue.index)
            subj = _subject(parse, cue, quotes) if cue.upos in ("VERB", "AUX") else parse.words[cue.index - 1]
            if subj is not None:
                speaker = _speaker(parse, subj, cue)
        elif q.open_start > 0 and text[:q.open_start].rstrip().endswith(":"):
            speaker = _colon_speaker(parse, q)
            sent = parse.sentence_at(max(text.rfind(":", 0, q.open_start), 0))
        cue_start, cue_end = _cue_span(parse, cue) if cue is not None else (None, None)
        outlet, channel = media.around(cue, sent, skip=(q.open_start, q.close_end))
        att = Attribution(qtype, q_start, q.close_end if qtype == "mixed" else q.end,
                          speaker.start if speaker else None,
                          speaker.end if speaker else None, None, speaker.role if speaker else None,
                          cue_start, cue_end, outlet, channel, sent)
        found.append((att, speaker))
        covered.append((q.open_start, q.close_end))

    # 2. reported speech: cue verb + clausal complement; "according to X"
    for w in cues:
        if _is_according(parse, w) and not any(s <= w.start < e for s, e in covered):
            att_sp = _according_to(parse, w, quotes, media)
            if att_sp is not None:
                found.append(att_sp)
    for r in reported:
        w = r.cue
        if w.index in used_cues or any(s <= w.start < e for s, e in covered):
            continue
        if any(s <= r.start and r.end <= e for s, e in covered):
            continue  # the complement is a direct quote already attributed
        subj = _subject(parse, w, quotes)
        if subj is None:
            continue
        speaker = _speaker(parse, subj, w)
        qtype = _quote_type(text, r.start, r.end, quotes)
        cue_start, cue_end = _cue_span(parse, w)
        outlet, channel = media.around(w, w.sent, skip=(r.start, r.end))
        att = Attribution(qtype, r.start, r.end, speaker.start, speaker.end, None, speaker.role,
                          cue_start, cue_end, outlet, channel, w.sent)
        found.append((att, speaker))

    # headline style 'Graham: Trump's rhetoric destroying GOP's chance'
    for s in parse.sentences:
        att_sp = _headline_colon(parse, s.index, quotes)
        if att_sp is not None and not any(a.quote_start <= att_sp[0].cue_start < a.quote_end for a, _ in found):
            found.append(att_sp)

    # a speaker that is itself a known outlet ("Reuters reported ...") is the outlet
    for i, (att, sp) in enumerate(found):
        if att.outlet is None and sp is not None and not sp.is_pronoun:
            if role_of_kind(gazetteer.kind_of(sp.text)) == "outlet":
                found[i] = (replace(att, outlet=sp.text), sp)

    found.sort(key=lambda pair: pair[0].quote_start)
    # 3. 'This is according to X' gives the previous sentence's attributions an outlet
    for s in parse.sentences:
        outlet = media.this_is_according_to(s.index)
        if outlet is None:
            continue
        prev = s.index - 1
        while prev > 0 and all(w.upos == "PUNCT" for w in parse.sentence_words(prev)):
            prev -= 1
        for i, (att, sp) in enumerate(found):
            if att.sentence_index == prev and att.outlet is None:
                found[i] = (replace(att, outlet=outlet), sp)

    return _resolve(parse, found, resolver)


EVIDENCE_NOUNS = frozenset({"poll", "survey", "study", "report", "record", "data", "figure", "result", "document",
                            "filing", "analysis", "research", "statistic", "number", "count", "tally", "review"})


def _evidence_subject(parse: Parse, cue: Word) -> bool:
    """'The latest poll showed Trump leading', 'records show Pate gave': polls and records speak too."""
    subj = next((c for c in parse.children(cue) if c.rel == "nsubj"), None)
    return subj is not None and subj.lemma.lower() in EVIDENCE_NOUNS


def _headline_colon(parse: Parse, sentence: int, quotes: list[QuoteSpan]):
    """'Lynch: No outside influence on FBI probe' at the start of a line: a short name, a colon, and
    what they said (headlines and news summaries). Returns (attribution, speaker) or None."""
    words = parse.sentence_words(sentence)
    text = parse.text
    if not words:
        return None
    line_start = text.rfind("\n", 0, words[0].start) + 1
    if text[line_start:words[0].start].strip():
        return None
    colon = next((w for w in words[:8] if w.text == ":"), None)
    if colon is None:
        return None
    prefix = [w for w in words if w.index < colon.index]
    if len(prefix) > 2 and prefix[0].text.lower() in LINE_LABELS and prefix[1].text in ("-", "\u2013", "\u2014"):
        prefix = prefix[2:]  # 'EXCLUSIVE – Roger Stone: ...'
    if not 1 <= len([w for w in prefix if w.upos != "PUNCT"]) <= 6 or not prefix[0].text[:1].isupper():
        return None
    if any(w.upos in ("VERB", "AUX", "NUM") for w in prefix) or prefix[-1].upos == "PUNCT":
        return None
    if any(w.text.lower().strip(".'’s") in LINE_LABELS for w in prefix):
        return None
    line_end = text.find("\n", colon.end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[colon.end:line_end]
    body = after.strip()
    if not body or body[0] in "\"\u201c\u00ab'\u2018" or len(body.split()) < 3:
        return None  # a quote after the colon is a direct quote, attributed elsewhere
    c_start = colon.end + (len(after) - len(after.lstrip()))
    c_end = colon.end + len(after.rstrip().rstrip("."))
    if any(q.open_start <= colon.start < q.close_end for q in quotes):
        return None
    head = _np_head(prefix)
    speaker = describe_subject(parse, head, limit=colon.start)
    qtype = _quote_type(text, c_start, c_end, quotes)
    att = Attribution(qtype, c_start, c_end, speaker.start, speaker.end, None, speaker.role,
                      colon.start, colon.end, None, None, sentence)
    return att, speaker


TITLE_LEAD = re.compile(r"(?:\b(?:on|in|of|from|at|for|called|titled|named|show|program|series|film|book)"
                        r"|['\u2019]s)\s*$", re.IGNORECASE)
SMALL_WORDS = frozenset("a an the of on in at to for and or with by from as is the".split())


def _is_title(text: str, q: QuoteSpan, q_words: list[Word]) -> bool:
    """'on “Meet the Press,”', 'WTMJ’s “Midday with Charlie Sykes”': a short title-cased quotation
    after a preposition or possessive names a show, book or film; nobody is quoted."""
    if not TITLE_LEAD.search(text[max(0, q.open_start - 30):q.open_start]):
        return False
    words = [w.text for w in q_words if w.text[:1].isalpha()]
    if not words or len(words) > 8:
        return False
    capitalised = [w for w in words if w[0].isupper() or w.lower() in SMALL_WORDS]
    return len(capitalised) == len(words) and words[0][0].isupper()


def _agentless_passive(parse: Parse, cue: Word) -> bool:
    kids = parse.children(cue)
    return any(c.deprel in ("nsubj:pass", "aux:pass") for c in kids) and not any(
        c.deprel == "obl:agent" or (c.rel == "obl" and any(g.lemma.lower() == "by" and g.rel == "case"
                                                            for g in parse.children(c))) for c in kids)


def _in_quoted_clause(parse: Parse, w: Word, q_words: list[Word]) -> bool:
    """Whether ``w`` hangs (within a few links) from a word inside the quotation: it belongs to the
    quoted clause ('Kasich' in 'says Kasich "has a track record"'), not to the cue's own sentence."""
    inside = {x.index for x in q_words}
    node: Word | None = parse.head_of(w)
    for _ in range(6):
        if node is None:
            return False
        if node.index in inside:
            return True
        node = parse.head_of(node)
    return False


def _right_by_cue(parse: Parse, q: QuoteSpan, cue: Word | None) -> bool:
    """'a man yelled "Stay there!"', '"Denver," he answered': at most the speaker's name (two words)
    between a short quotation and a speech verb that is not merely a thought or stance."""
    if cue is None or cue_lemma(cue) in COGNITION_VERBS or cue_lemma(cue) in WEAK_CUES:
        return False
    preceding = [w for w in parse.words_in(max(0, q.open_start - 60), q.open_start) if w.sent == cue.sent]
    if preceding and preceding[-1].upos != "PUNCT" and preceding[-1].index != cue.index:
        return False  # 'on ABC's "This Week,"', 'called the agreement "historic"': a title or a fragment
    lo, hi = (cue.end, q.open_start) if cue.end <= q.open_start else (q.close_end, cue.start)
    between = [w for w in parse.words_in(lo, hi) if w.upos != "PUNCT"]
    return len(between) <= 2 and "\n" not in parse.text[lo:hi]


def _mistagged_cues(parse: Parse, quotes: list[QuoteSpan]) -> list[Word]:
    """'..., Bozell notes.' / '..., he answers.': a speech verb the tagger read as a noun, right after a
    quotation and a name, closing the sentence or clause."""
    out = []
    for q in quotes:
        words = [w for w in parse.words if q.close_end <= w.start <= q.close_end + 40][:5]
        for k in range(1, len(words) - 1):
            w, name, nxt = words[k], words[k - 1], words[k + 1]
            if w.upos in ("VERB", "AUX") or name.upos not in ("PROPN", "PRON") or nxt.text not in (".", ",", ";"):
                continue
            lemma = cue_lemma(w)
            if w.text.lower().endswith(("s", "ed")) and lemma in CUE_VERBS and lemma not in WEAK_CUES:
                out.append(w)
                break
    return out


def _has_that(parse: Parse, comp: Word) -> bool:
    return any(c.rel == "mark" for c in parse.children(comp))


def _cue_for_quote(parse: Parse, q: QuoteSpan, q_words: list[Word], cues: list[Word]) -> Word | None:
    sents = {q_words[0].sent, q_words[-1].sent}
    best, best_score = None, None
    for cue in cues:
        if q.open_start <= cue.start < q.close_end:
            continue
        if cue.sent not in sents:
            continue
        if _is_according(parse, cue):
            continue
        if cue.start < q.open_start:
            gap = q.open_start - cue.end
            between = parse.text[cue.end:q.open_start]
        else:
            gap = cue.start - q.close_end
            between = parse.text[q.close_end:cue.start]
        if any(ch in between for ch in "\u201c\u201d\u00ab\u00bb\"") and gap > 0:
            gap += 200  # another quote lies between
        governs = any(_dominates(parse, cue, x) for x in q_words[:3]) or any(
            _dominates(parse, x, cue) for x in q_words[:1])
        score = gap - (100 if governs else 0)
        if best_score is None or score < best_score:
            best, best_score = cue, score
    if best is not None and best_score is not None and best_score > 150:
        return None
    return best


def _dominates(parse: Parse, a: Word, b: Word) -> bool:
    w: Word | None = b
    steps = 0
    while w is not None and steps < 12:
        if w.index == a.index:
            return True
        w = parse.head_of(w)
        steps += 1
    return False


def _colon_speaker(parse: Parse, q: QuoteSpan) -> SpeakerMention | None:
    """'Russia, airlines to pilots: “...”': the first name or noun before the colon speaks."""
    colon = parse.text.rfind(":", 0, q.open_start)
    sent = parse.sentence_at(max(colon, 0))
    words = [w for w in parse.sentence_words(sent) if w.end <= colon]
    for w in words:
        if w.rel == "nsubj" or (w.head == 0 and w.upos in ("NOUN", "PROPN")):
            return describe_subject(parse, w)
    for w in words:  # a headline the parser read loosely ('Russia' as a vocative): its first name or noun
        if w.upos in ("PROPN", "NOUN") and not any(c.rel == "case" for c in parse.children(w)):
            return describe_subject(parse, w)
    return None


def _according_to(parse: Parse, w: Word, quotes, media: _Media):
    """'According to X, <content>.' / '<content>, according to X.' -> (attribution, speaker X).

    The source phrase runs from after 'to' to the next comma (or sentence end); the content is the
    rest of the sentence, which does not depend on how the parser attached 'according'."""
    words = [x for x in parse.sentence_words(w.sent)]
    first = words[0]
    if first.text.lower() in ("this", "that", "it") and w.index - first.index <= 3:
        return None  # 'This is according to X': handled as an outlet for the previous sentence
    to_word = parse.words[w.index + 1]
    rest = [x for x in words if x.index > to_word.index]
    source_words: list[Word] = []
    for x in rest:
        if x.text in (",", ";", ":", ".", "\u2014") or x.upos == "PUNCT" and x.text not in ("-", "'", "\u2019"):
            break
        source_words.append(x)
    if not source_words:
        return None
    before = [x for x in words if x.index < w.index and x.upos != "PUNCT"]
    after = [x for x in rest[len(source_words):] if x.upos != "PUNCT"]
    content = before if len(before) >= len(after) else after
    if len([x for x in content if x.upos != "PUNCT"]) < 2:
        return None
    c_start, c_end = _span_of(content)
    head = _np_head(source_words)
    speaker = describe_subject(parse, head)
    s_words = trim_np(source_words) or source_words
    speaker = replace(speaker, start=s_words[0].start, end=s_words[-1].end,
                      text=parse.text[s_words[0].start:s_words[-1].end])
    qtype = _quote_type(parse.text, c_start, c_end, quotes)
    role, name = media.name_for(_media_np(parse, head) if head in source_words else source_words)
    if role is None:
        role, name = media.name_for(s_words)
    outlet = name if role == "outlet" else None
    channel = name if role == "channel" else None
    att = Attribution(qtype, c_start, c_end, speaker.start, speaker.end, None, speaker.role, w.start,
                      to_word.end, outlet, channel, w.sent)
    return att, replace(speaker, kind="ORG" if outlet else speaker.kind)


def _resolve(parse: Parse, found, resolver: Resolver) -> list[Attribution]:
    """Resolve pronouns and short names, fill roles, and give floating quotes their speaker."""
    out: list[Attribution] = []
    history: list[tuple[int, str, str]] = []
    # first pass: remember named speakers and their roles
    resolver.learn_entity_roles()
    for _, sp in found:
        if sp is not None and not sp.is_pronoun and sp.kind in ("PER", "ORG"):
            resolver.remember(sp.start, sp.text, sp.kind, sp.role)
    for att, sp in found:
        resolved = None
        role = att.speaker_role
        if sp is not None:
            if sp.is_pronoun:
                resolved = resolver.pronoun(sp, sp.start, history)
            else:
                resolved = resolver.expand(sp.text, sp.start)
            if role is None:
                role = resolver.role_for(resolved)
        elif att.cue_start is None and out:
            prev = out[-1]
            if prev.speaker_resolved and att.sentence_index - prev.sentence_index <= 2:
                # floating quote: continues the previous speaker
                resolved = prev.speaker_resolved
                role = prev.speaker_role
                # the same mention and cue verb ('"A," he said. "B."') attribute both quotations
                att = replace(att, outlet=att.outlet or prev.outlet, channel=att.channel or prev.channel,
                              speaker_start=prev.speaker_start, speaker_end=prev.speaker_end,
                              cue_start=prev.cue_start, cue_end=prev.cue_end)
        if resolved is not None and sp is not None:
            history.append((sp.start, resolved, sp.kind if not sp.is_pronoun else sp.kind))
        elif resolved is not None:
            history.append((att.quote_start, resolved, "PER"))
        out.append(replace(att, speaker_resolved=resolved, speaker_role=role))
    return out


def attribute_text(text: str, gazetteer: Gazetteer | None = None, lang: str = "en") -> list[Attribution]:
    """Parse English ``text`` with the shipped models and attribute it."""
    from .. import nlp
    from .media import load_gazetteer
    from .parse import from_stanza

    if not text.strip():
        return []
    doc = nlp.parse(text, lang)
    return attribute_parse(from_stanza(doc, text), gazetteer or load_gazetteer(None))
