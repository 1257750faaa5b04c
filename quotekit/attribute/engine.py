"""Attribution rules over a dependency parse: direct, indirect, mixed, "according to", floating quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .cues import (
    COGNITION_VERBS,
    CUE_VERBS,
    LINE_LABELS,
    SPEECH_VERBS,
    WEAK_CUES,
    cue_lemma,
    cue_span,
    is_according,
    is_cue,
)
from .learned import LearnedModel
from .learned import kept as kept_candidates
from .media import Gazetteer, classify_head, role_of_kind
from .parse import Parse, Word
from .quotes import QuoteSpan, find_quote_spans, inside_long_quote, paragraph_pieces
from .repair import (
    repair_participle_complements,
    repair_participles_read_as_nouns,
    repair_poll_shares,
    repair_relative_complements,
    repair_verbs_read_as_nouns,
)
from .reported import (
    QUOTE_CLOSERS,
    SMALL_CLAUSE_CUES,
    after_connective,
    introduces_quote,
    reported_contents,
    span_of,
    strip_punct,
    unnamed_asker,
    verb_form,
)
from .speakers import Resolver, SpeakerMention, describe_subject, noun_phrase, trim_np
from .subjects import HEARER_CUES, TIME_WORDS, cue_subject, dominates, speaker_mention

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
    method: str = "rules"  # rules | learned (a row a trained model added: attribute/learned.py)


@dataclass(frozen=True)
class _Cue:
    word: Word
    start: int
    end: int


def _typed_span(start: int, end: int, quotes: list[QuoteSpan]) -> tuple[str, int, int]:
    """The quote type of content [start, end) and its span; content inside a quotation is that
    quotation (a direct row always spans exactly one quotation)."""
    for q in quotes:
        if q.start <= start and end <= q.end + 1 and q.start < q.end:
            return "direct", q.start, q.end
    for q in quotes:
        if q.start < end and start < q.end:
            return "mixed", start, end
    return "indirect", start, end


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
            # 'by the news agency Regnum', however the parser attached the 'by'
            marked = w.deprel == "obl:agent" or any(c.lemma.lower() in ("by", "to") for c in self.parse.subtree(w)
                                                     if c.rel == "case" and c.index < w.index)
            if w.rel in ("obl", "nmod", "obj") and marked:
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


def _dummy_subject(parse: Parse, subj: Word, cue: Word) -> bool:
    """'it is worth remembering that ...', 'it's hard not to wonder whether ...', 'there is no reason to
    presume that ...': a dummy subject of the predicate the cue hangs from speaks for nobody named."""
    head = parse.head_of(subj)
    return subj.text.lower() in ("it", "there") and head is not None and head is not cue and (
        subj.rel == "expl" or head.upos in ("ADJ", "NOUN") or head.lemma.lower() == "be")


def _colon_led(text: str, start: int, q: QuoteSpan, cue: Word) -> bool:
    """'Murphy lamented fundraising: "There's a ton of it," he said': a quotation a colon opens, closing
    what a later cue reports, is what the cue says; the words before the colon are the writer's."""
    return q.close_end <= cue.start and text[start:q.open_start].rstrip().endswith(":")


def _unquoted_words(parse: Parse, start: int, end: int, q: QuoteSpan) -> int:
    return len([w for w in parse.words_in(start, end)
                if w.upos != "PUNCT" and not (q.open_start <= w.start < q.close_end)])


def repaired(parse: Parse) -> Parse:
    """The parse with the mistakes the rules know how to undo undone."""
    parse = repair_verbs_read_as_nouns(parse)  # 'Trump plans to be back' tagged as a noun phrase
    parse = repair_participle_complements(parse)  # 'said, adding that ...' with 'adding' as what was said
    parse = repair_participles_read_as_nouns(parse)  # 'a statement saying ...' with 'saying' tagged a noun
    parse = repair_relative_complements(parse)  # 'told the Times that ...' parsed as a relative clause
    return repair_poll_shares(parse)  # 'Six in 10 say he is ...' with 'say' read as a noun


def attribute_parse(parse: Parse, gazetteer: Gazetteer, learned: LearnedModel | None = None) -> list[Attribution]:
    """All attributions in a parsed English text, in text order; with a ``learned`` model, also the rows it
    keeps among the candidates the rules left (see learned.py)."""
    parse = repaired(parse)
    text = parse.text
    quotes = paragraph_pieces(text, find_quote_spans(text))
    resolver = Resolver(parse)
    media = _Media(parse, gazetteer, quotes)
    found: list[tuple[Attribution, SpeakerMention | None]] = []
    used_cues: set[int] = set()
    cues_after_quote: set[int] = set()

    def continues(q: QuoteSpan, cue: Word) -> bool:
        """'"A," he said of X, "B."': after a comma, a cue's second quotation continues its first."""
        return cue.index in cues_after_quote and cue.end <= q.open_start \
            and text[cue.end:q.open_start].rstrip().endswith(",")
    covered: list[tuple[int, int]] = []

    cues = [w for w in parse.words if is_cue(parse, w)]
    reported = reported_contents(parse, cues, quotes)
    quote_cues = sorted(cues + _mistagged_cues(parse, quotes), key=lambda w: w.index)

    # 1. direct quotes, linked to the nearest cue that governs or neighbours them; a quote inside
    #    reported speech with words of its own around it is part of a mixed quote instead
    for q in quotes:
        q_words = [w for w in parse.words if w.start >= q.start and w.end <= q.end]
        if not q_words or text[:q.open_start].endswith("="):
            continue  # nothing quoted, or a markup attribute: <tweet id="...">
        cue = _cue_for_quote(parse, q, q_words, quote_cues)
        own = cue if _own_shout(parse, q, q_words, cue) else None
        if any(r.start <= q.open_start + 1 and q.close_end - 1 <= r.end and not continues(q, r.cue)
               and _unquoted_words(parse, r.start, r.end, q) >= 2
               and not _colon_led(text, r.start, q, r.cue)
               and (own is None or (own.index == r.cue.index and r.start >= own.start))
               for r in reported):
            continue  # (a cue an earlier quotation took makes no mixed row: '"A," he said of X, "B."'; nor does
            # the words before a shout's own cue: 'X said A, and when asked B, he said, "I hope not."')
        marker = NAMING_MARKER.search(text, max(0, q.open_start - 40), q.open_start)
        if marker is not None:  # 'a memo titled "The Facts"', 'the slogan "Axe the tax"': a name given
            found.append(_named_quotation_row(parse, q, q_words[0].sent, marker, media))
            covered.append((q.open_start, q.close_end))
            continue
        if _is_title(text, q, q_words):
            continue
        if cue is None and q.mark in "\u2014\u2013-":
            continue  # a dash-led line with no cue is a list item in English news, not dialogue
        if len([w for w in q_words if w.upos != "PUNCT"]) < MIN_DIRECT_WORDS and not _right_by_cue(parse, q, cue):
            continue  # a short quoted fragment is a scare quote unless a cue verb stands right by it
        sent = (cue.sent if cue is not None else q_words[0].sent)
        qtype, q_start = "direct", q.start
        q_end: int | None = None
        if cue is not None and cue.end <= q.open_start and cue.sent == q_words[0].sent \
                and not continues(q, cue):
            between = [w for w in parse.words_in(cue_span(parse, cue)[1], q.open_start) if w.upos != "PUNCT"]
            naming = cue_lemma(cue) in SMALL_CLAUSE_CUES and any(w.rel in ("obj", "iobj") for w in between)
            # 'called him "a total stiff"': what is named belongs to the content (PolNeAR)
            lead = [w for w in between if w.text.lower() != "that" and (naming or w.rel not in ("obj", "iobj"))]
            if len(lead) < 2 and not naming and not (
                    lead and lead[-1].rel == "nsubj" and _in_quoted_clause(parse, lead[-1], q_words)):
                lead = []
            if introduces_quote(parse, cue.end, q):
                lead = []  # 'said of the episode, "I don't like it"': a preamble, not part of what was said
            if between and between[-1].text.lower() == "that" and (len(between) == 1 or not lead):
                lead = between[-1:]  # 'tells Trump supporters that "he loves you"
            that_first = bool(between) and between[0].text.lower() == "that" and between[0].index == cue.index + 1 \
                and not ("," in text[cue.end:q.open_start] and ":" in text[cue.end:q.open_start])
            if that_first:
                # 'added that he was the only one "fighting"', 'adds that Muslims have two choices: "..."',
                # 'continues that, in "...': what was said runs from 'that'
                lead = between
            if lead and (that_first or ":" not in text[cue.end:q.open_start]):
                # 'said the workers were "ready to talk"', 'said that "he loves you"', 'says Kasich "has ..."'
                qtype, q_start = "mixed", lead[0].start
        if cue is not None and cue.start >= q.close_end:
            lead = _quoted_clause_lead(parse, q, q_words)  # 'Voters "think this guy's ...," he said'
            if lead is not None:
                qtype, q_start = "mixed", lead
            embedded = _embedding_clause(parse, q, cue)  # 'X further "a mob mentality" fostered by Y, they say'
            if embedded is not None:
                qtype, q_start, q_end = "mixed", embedded[0], embedded[1]
        speaker = None
        if cue is not None:
            used_cues.add(cue.index)
            if q.close_end <= cue.start:
                cues_after_quote.add(cue.index)
            subj = cue_subject(parse, cue, quotes, (q.open_start, q.close_end)) if cue.upos in ("VERB", "AUX") \
                else parse.words[cue.index - 1]
            if unnamed_asker(parse, cue):
                subj = None  # 'Blumenthal was asked, "..."': the asker is not named
            if subj is not None:
                speaker = speaker_mention(parse, subj, cue)
        elif q.open_start > 0 and text[:q.open_start].rstrip().endswith(":"):
            speaker = _colon_speaker(parse, q)
            sent = parse.sentence_at(max(text.rfind(":", 0, q.open_start), 0))
        cue_start, cue_end = cue_span(parse, cue) if cue is not None else (None, None)
        outlet, channel = media.around(cue, sent, skip=(q.open_start, q.close_end))
        att = Attribution(qtype, q_start, q_end or (q.close_end if qtype == "mixed" else q.end),
                          speaker.start if speaker else None,
                          speaker.end if speaker else None, None, speaker.role if speaker else None,
                          cue_start, cue_end, outlet, channel, sent)
        found.append((att, speaker))
        covered.append((q.open_start, q.close_end))

    # 2. reported speech: cue verb + clausal complement; "according to X"
    for w in cues:
        if is_according(parse, w) and not any(s <= w.start < e for s, e in covered):
            att_sp = _according_to(parse, w, quotes, media)
            if att_sp is not None:
                found.append(att_sp)
    # 'Asked if he was ever bullied, ...': a question put by someone the text does not name
    asked = []
    for s in parse.sentences:
        att_sp = _asked_question(parse, s.index, used_cues)
        if att_sp is not None:
            found.append(att_sp)
            asked.append(att_sp[0])

    for r in reported:
        w = r.cue
        if w.index in used_cues or any(s <= w.start < e for s, e in covered):
            continue
        if any(a.cue_start == w.start or a.quote_start <= r.start < a.quote_end for a in asked):
            continue  # 'Asked whether X, the minister said no': the question is not what the minister said
        if any(s <= r.start and r.end <= e for s, e in covered):
            continue  # the complement is a direct quote already attributed
        cue_start, cue_end = cue_span(parse, w)
        outlet, channel = media.around(w, w.sent, skip=(r.start, r.end))
        qtype, q_start, q_end = _typed_span(r.start, r.end, quotes)
        if qtype == "indirect" and w.end <= q_start:
            q_start = _after_leading_day(parse, q_start, q_end)
        subj = None
        if not r.unnamed:
            # a subject inside what was said is the parser's mistake; with no other candidate, keep it
            lead = r.joined_to or w  # 'said X and accused Y': the first cue's source
            subj = cue_subject(parse, lead, quotes, (r.start, r.end)) or cue_subject(parse, lead, quotes)
            if subj is None:
                continue
        if subj is None or _dummy_subject(parse, subj, lead):  # nobody named ('it is worth remembering that')
            found.append((Attribution(qtype, q_start, q_end, None, None, None, None, cue_start, cue_end,
                                      outlet, channel, w.sent), None))
            continue
        speaker = speaker_mention(parse, subj, w)
        att = Attribution(qtype, q_start, q_end, speaker.start, speaker.end, None, speaker.role,
                          cue_start, cue_end, outlet, channel, w.sent)
        found.append((att, speaker))

    # 'Trump's criticism of the deal', 'took swipes at Rubio', 'a fierce supporter of Cruz'
    for w in parse.words:
        if not _is_noun_cue(w) or any(s <= w.start < e for s, e in covered) \
                or inside_long_quote(quotes, w.start, w.end):
            continue
        att_sp = _noun_cue(parse, w, quotes, media)
        if att_sp is not None:
            found.append(att_sp)

    # 'made the case that Clinton is uniquely qualified', 'Trump's proposal to ban Muslims'
    for w in parse.words:
        if w.upos != "NOUN" or w.lemma.lower() not in CLAUSE_NOUNS or any(s <= w.start < e for s, e in covered) \
                or inside_long_quote(quotes, w.start, w.end):
            continue
        att_sp = _noun_clause_cue(parse, w, quotes, media)
        if att_sp is not None and not any(a.quote_start < att_sp[0].quote_end and att_sp[0].quote_start < a.quote_end
                                          for a, _ in found):
            found.append(att_sp)

    # headline style 'Graham: Trump's rhetoric destroying GOP's chance', 'Blackwell Endorses Ted Cruz'
    for s in parse.sentences:
        att_sp = _headline_colon(parse, s.index, quotes)
        if att_sp is not None and not any(a.quote_start <= att_sp[0].cue_start < a.quote_end for a, _ in found):
            found.append(att_sp)
        elif att_sp is None:
            att_sp = _title_case_headline(parse, s.index, quotes)
            if att_sp is not None and not any(a.sentence_index == s.index or a.quote_start <= att_sp[0].cue_start
                                              < a.quote_end for a, _ in found):
                found.append(att_sp)

    # a speaker that is itself a known outlet ("Reuters reported ...") is the outlet
    for i, (att, sp) in enumerate(found):
        if att.outlet is None and sp is not None and not sp.is_pronoun:
            if role_of_kind(gazetteer.kind_of(sp.text)) == "outlet":
                found[i] = (replace(att, outlet=sp.text), sp)

    found = _drop_nested(found)
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

    if learned is not None:
        found += _learned_rows(parse, [att for att, _ in found], learned, media)
        found.sort(key=lambda pair: pair[0].quote_start)
    return _resolve(parse, found, resolver)


def _learned_rows(parse: Parse, rows: list[Attribution], model: LearnedModel, media: _Media):
    """Indirect rows for the candidates ``model`` keeps: the verb is the cue, its subject the speaker."""
    out = []
    for cand in kept_candidates(parse, rows, model):
        speaker = speaker_mention(parse, cand.subject, cand.verb) if cand.subject is not None else None
        cue_start, cue_end = cue_span(parse, cand.verb)
        outlet, channel = media.around(cand.verb, cand.verb.sent, skip=(cand.start, cand.end))
        out.append((Attribution("indirect", cand.start, cand.end, speaker and speaker.start, speaker and speaker.end,
                                None, speaker and speaker.role, cue_start, cue_end, outlet, channel, cand.verb.sent,
                                method="learned"), speaker))
    return out


LEADING_DAYS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight""".split())


def _after_leading_day(parse: Parse, start: int, end: int) -> int:
    """'said Tuesday his actions are consistent ...', 'announced Monday to begin taking ...': a day the parse
    hung on what was said is when it was said."""
    words = parse.words_in(start, end)
    k = 1 if words and words[0].text.lower() == "on" else 0
    if len(words) < k + 4 or words[k].text.lower() not in LEADING_DAYS or words[k + 1].text in ("'s", "\u2019s"):
        return start  # ('Saturday's Nevada caucuses will set her on a clear path': the day is the subject's)
    k += 1
    if words[k].text == ",":
        k += 1
    return words[k].start


def _drop_nested(found):
    """Reported speech whose cue lies inside another attribution's content ('He says he expects her to
    win'): PolNeAR, like most readers, takes the outer attribution as the claim. On PolNeAR train, 141
    of 181 such inner rows matched no gold attribution."""
    def nested(att: Attribution) -> bool:
        return att.quote_type != "direct" and att.cue_start is not None and any(
            other is not att and other.quote_start <= att.cue_start < other.quote_end
            and other.quote_start <= att.quote_start for other, _ in found)

    def duplicate(att: Attribution) -> bool:
        # 'According to the newspaper, "..."': the quote loop found the quotation without a cue
        return att.cue_start is None and any(
            other is not att and other.cue_start is not None and (other.quote_start, other.quote_end)
            == (att.quote_start, att.quote_end) for other, _ in found)

    return [(att, sp) for att, sp in found if not nested(att) and not duplicate(att)]


QUESTION_WORDS = frozenset({"if", "whether", "about", "who", "what", "why", "how", "when", "where", "which"})


def _asked_question(parse: Parse, sentence: int, used_cues: set[int]):
    """'Asked if it had appeared he was encouraging violence, Trump said ...': the question (up to the
    comma) is an attribution whose asker is not named. Returns (attribution, None) or None."""
    words = [w for w in parse.sentence_words(sentence) if w.upos != "PUNCT" or w.text == ","]
    if len(words) < 4 or words[0].text != "Asked" or words[0].index in used_cues:
        return None
    k = 1
    if words[k].text.lower() == "by":  # 'Asked by Stephanopoulos to respond ...'
        return None
    if words[k].text.lower() not in QUESTION_WORDS:
        return None
    comma = next((w for w in words[k:] if w.text == ","), None)
    content = [w for w in words[k:] if comma is None or w.index < comma.index]
    if len(content) < 3:
        return None
    start, end = cue_span(parse, words[0])
    att = Attribution("indirect", content[0].start, content[-1].end, None, None, None, None, start, end,
                      None, None, sentence)
    return att, None


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
    qtype, c_start, c_end = _typed_span(c_start, c_end, quotes)
    att = Attribution(qtype, c_start, c_end, speaker.start, speaker.end, None, speaker.role,
                      colon.start, colon.end, None, None, sentence)
    return att, speaker


def _headline_source(parse: Parse, source: list[Word]) -> SpeakerMention:
    """The speaker of a title-case headline: the last name the NER found in the words before the cue,
    with the words before it as the role ('Conservative Icon Morton Blackwell'), else all those words."""
    start, end = source[0].start, source[-1].end
    names = [e for e in parse.entities if start <= e.start and e.end <= end and e.type in ("PER", "PERSON", "ORG")]
    if not names:
        return SpeakerMention(start, end, parse.text[start:end], None, None, kind="ORG")
    name = names[-1]
    role = parse.text[start:name.start].strip(" ,:") or None
    return SpeakerMention(name.start, name.end, name.text, None, role,
                          kind="PER" if name.type in ("PER", "PERSON") else "ORG")


HEADLINE_PREPOSITIONS = frozenset({"for", "against", "about", "on", "with", "to"})


def _title_case_headline(parse: Parse, sentence: int, quotes: list[QuoteSpan]):
    """'Conservative Icon Morton Blackwell Endorses Ted Cruz': a line in title case whose capitalised
    cue verb ('Endorses', 'Praises', 'Calls for') stands between a name and what was said; the parse of
    such lines is unreliable, so the words are read as they stand. Returns (attribution, speaker) or None."""
    words = parse.sentence_words(sentence)
    text = parse.text
    if not words or text[text.rfind("\n", 0, words[0].start) + 1:words[0].start].strip():
        return None
    line_end = text.find("\n", words[-1].end)
    if text[words[-1].end:len(text) if line_end < 0 else line_end].strip():
        return None  # not a whole line
    long_words = [w for w in words if w.text.isalpha() and len(w.text) > 3]
    if not 3 <= len([w for w in words if w.upos != "PUNCT"]) <= 20 or len(long_words) < 3 \
            or sum(w.text[:1].isupper() and not w.text.isupper() for w in long_words) < 0.8 * len(long_words):
        return None  # (not an all-capitals line)
    if any(q.open_start < words[-1].end and words[0].start < q.close_end and q.open_start <= words[0].start
           for q in quotes):
        return None
    for k, w in enumerate(words[1:-1], start=1):
        lower = replace(w, text=w.text.lower(), lemma=w.text.lower())
        if not (w.text[:1].isupper() and verb_form(w.text) == "s" and cue_lemma(lower) in CUE_VERBS):
            continue
        source = [x for x in words[:k] if x.upos != "PUNCT"]
        colon = max((x.index for x in words[:k] if x.text == ":"), default=None)
        if colon is not None:
            source = [x for x in source if x.index > colon]
        content = [x for x in words[k + 1:] if x.upos != "PUNCT" or x.text in QUOTE_CLOSERS]
        if content and content[0].text.lower() in HEADLINE_PREPOSITIONS and len(content) > 1:
            content = content[1:]
        while content and content[-1].upos == "PUNCT" and content[-1].text not in QUOTE_CLOSERS:
            content = content[:-1]
        if not source or not content or not source[-1].text[:1].isupper():
            return None
        speaker = _headline_source(parse, source)
        qtype, c_start, c_end = _typed_span(content[0].start, content[-1].end, quotes)
        return Attribution(qtype, c_start, c_end, speaker.start, speaker.end, None, speaker.role,
                           w.start, w.end, None, None, sentence), speaker
    return None


# 'titled "...", 'known as "...", 'the slogan "...": words that give a quotation as a name (PolNeAR annotates it).
NAMING_MARKER = re.compile(r"\b(titled|entitled|dubbed|nicknamed|known as|billed as|slogan|the (?:phrase|term))"
                           r"\s*[,:]?\s*$", re.IGNORECASE)

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


def _quoted_clause_lead(parse: Parse, q: QuoteSpan, q_words: list[Word]) -> int | None:
    """'The new plans "will not solve this challenge," he said': unquoted words opening the sentence that
    belong to the quoted clause (its subject) are part of what was said."""
    before = [w for w in parse.sentence_words(q_words[0].sent) if w.end <= q.open_start]
    if not before or parse.text[before[-1].end:q.open_start].strip():
        return None
    if any(w.upos in ("VERB", "AUX") or w.text in (":", ";") for w in before):
        return None
    words = [w for w in before if w.upos != "PUNCT"]
    if not words or not all(_in_quoted_clause(parse, w, q_words) for w in words):
        return None
    quoted = {x.index for x in q_words}
    if not any(w.rel in ("nsubj", "nsubj:pass", "expl") and (head := parse.head_of(w)) is not None
               and head.index in quoted for w in words):
        return None
    return words[0].start


def _embedding_clause(parse: Parse, q: QuoteSpan, cue: Word) -> tuple[int, int] | None:
    """'Clark's comments further "the anti-Muslim mob mentality" fostered by Trump, the groups say': a
    quotation inside a clause that runs on past it to ', <source> <cue>' at the sentence end: what was
    said is the whole clause (start, end)."""
    words = parse.sentence_words(cue.sent)
    if parse.sentence_at(q.open_start) != cue.sent:
        return None
    before = [w for w in words if w.end <= q.open_start]
    after = [w for w in words if q.close_end <= w.start and w.end <= cue.start]
    if any(w.text in (":", ";") for w in before) or any(
            w.text in ("\u201c", "\u201d", '"') for w in before + after):
        return None
    commas = [k for k, w in enumerate(after) if w.text == ","]
    if not commas:
        return None
    tail, source = after[:commas[-1]], after[commas[-1] + 1:]
    if len([w for w in tail if w.upos != "PUNCT"]) < 2 or not source or len(source) > 6 or not all(
            w.upos in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART", "ADV", "PUNCT") for w in source) \
            or not any(w.upos in ("NOUN", "PROPN", "PRON") for w in source):
        return None  # (not 'with 650 likes')
    if any(is_cue(parse, w) for w in tail):
        return None  # a cue of its own in the tail is another attribution
    rest = [w for w in words if w.start > cue.end and w.upos != "PUNCT"]
    if rest:
        return None  # the cue must close the sentence
    return (before[0].start if before else q.open_start), strip_punct(tail)[-1].end


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


def _named_quotation_row(parse: Parse, q: QuoteSpan, sent: int, marker: re.Match, media: _Media):
    """The direct row of a quotation given as a name, with the naming words as its cue; its speaker is the
    subject of the naming verb ('he dubbed'), or of the verb whose object the naming noun is ('ran on the
    slogan'), and nobody for a bare participle ('a memo titled')."""
    marked = parse.words_in(marker.start(1), marker.end(1))
    verb = next((w for w in marked if w.upos == "VERB"), None)
    noun = next((w for w in marked if w.upos == "NOUN"), None)
    while noun is not None and noun.deprel == "compound" and noun.head:
        noun = parse.head_of(noun)  # ('the slogan | "Experience Counts"' read as one noun phrase)
    if verb is None and noun is not None and noun.head and noun.rel in ("obj", "obl"):
        verb = parse.head_of(noun)
        verb = verb if verb.upos == "VERB" else None
    subj = next((c for c in parse.children(verb) if c.deprel == "nsubj"), None) if verb is not None else None
    speaker = speaker_mention(parse, subj, verb) if subj is not None else None
    outlet, channel = media.around(verb, sent, skip=(q.open_start, q.close_end))
    return Attribution("direct", q.start, q.end, speaker.start if speaker else None, speaker.end if speaker else None,
                       None, speaker.role if speaker else None, marker.start(1), marker.end(1), outlet, channel,
                       sent), speaker


def _own_shout(parse: Parse, q: QuoteSpan, q_words: list[Word], cue: Word | None) -> bool:
    """'said it was great to be home, a man yelled "Stay there!"': a speech verb with a subject of its own right
    before a quotation inside another's reported words gives that quotation its own row."""
    words = [w for w in q_words if w.upos != "PUNCT"]
    if len(words) < 2 or not words[0].text[:1].isupper():
        return False  # (a quoted sentence, not a phrase: 'yell "fire"', 'demonstrating "extreme carelessness"')
    return cue is not None and cue.end <= q.open_start and cue_lemma(cue) in SPEECH_VERBS \
        and _right_by_cue(parse, q, cue) and any(c.rel == "nsubj" and c.index < cue.index for c in parse.children(cue))


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
    if "\n" in parse.text[lo:hi]:
        return False
    if cue.start >= q.close_end and 2 < len(between) <= 5:  # the cue's own subject, titled, may stand between
        subject = next((c for c in parse.children(cue) if c.rel == "nsubj"), None)
        inside = {x.index for x in parse.subtree(subject)} if subject is not None else set()
        return all(w.index in inside for w in between)  # '"Why not?" reporter Jackie Nespral asked'
    return len(between) <= 2


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


def _cue_for_quote(parse: Parse, q: QuoteSpan, q_words: list[Word], cues: list[Word]) -> Word | None:
    sents = {q_words[0].sent, q_words[-1].sent}
    best = _best_cue(parse, q, q_words, cues, sents)
    following = q_words[-1].sent + 1
    if best is None and following < len(parse.sentences) \
            and parse.text[q.close_end:parse.sentences[following].start] in ("", " "):
        # '"Have I started writing my speech?" Sanders replied.': a short speaker-and-cue sentence the
        # splitter cut off after the question mark
        words = [w for w in parse.sentence_words(following) if w.upos != "PUNCT"]
        cue = next((w for w in words[:4] if w in cues and cue_lemma(w) in SPEECH_VERBS
                    and cue_lemma(w) not in WEAK_CUES), None)  # ('"..." The crowd cheered.' is no attribution)
        if cue is not None and len(words) <= 8 and not any(
                c.rel in ("ccomp", "xcomp") or (c.rel == "obj" and cue_lemma(cue) not in HEARER_CUES)
                for c in parse.children(cue)):
            return cue  # (a cue with what was said of its own is another attribution: 'Sanders called X "Y."')
    return best


def _best_cue(parse: Parse, q: QuoteSpan, q_words: list[Word], cues: list[Word], sents: set[int]) -> Word | None:
    best, best_score = None, None
    for cue in cues:
        if q.open_start <= cue.start < q.close_end:
            continue
        if cue.sent not in sents:
            continue
        if is_according(parse, cue):
            continue
        if cue.start < q.open_start:
            gap = q.open_start - cue.end
            between = parse.text[cue.end:q.open_start]
            if any(cue.end <= c.start and c.end <= q.open_start and _participle_cue(c)
                   and parse.words[c.index - 1].text == "," for c in parse.children(cue)):
                continue  # 'Mr. Murphy said, adding that he hoped "...": the quotation is the next statement's
        else:
            gap = cue.start - q.close_end
            between = parse.text[q.close_end:cue.start]
        if any(ch in between for ch in "\u201c\u201d\u00ab\u00bb\"") and gap > 0:
            gap += 200  # another quote lies between
        governs = any(dominates(parse, cue, x) for x in q_words[:3]) or any(
            dominates(parse, x, cue) for x in q_words[:1])
        score = gap - (100 if governs else 0)
        # the clauses a cue after the quotation reports outside it
        clauses = [c for c in parse.children(cue) if c.rel == "ccomp" and not q.open_start <= c.start < q.close_end
                   ] if cue.start > q.close_end else []
        own_clause = bool(clauses)
        if (between.strip() in ("", ",", ":") and not own_clause) or (
                cue.start < q.open_start and introduces_quote(parse, cue.end, q)):
            # '..., she said, adding, "I'll tell you what"', 'said of the episode, "..."': the cue right by
            # the quote wins, unless it reports a clause of its own ('"...," adding that ...')
            score -= 150
        reports_clause = any(not _participle_cue(c) and not any(m in parse.text[cue.end:c.start] for m in "\u201c\"")
                             for c in clauses)  # ('"...," he said, adding, "..."': the parse's ccomp is 'adding')
        if cue.start > q.close_end and not reports_clause \
                and parse.text[:q.close_end].rstrip("\"\u201d\u2019' ").endswith(",") \
                and _only_subject_between(parse, q, cue):
            # '..., telling Mic in an interview published on Monday, "Q," he said': a quotation that ends
            # in a comma goes on with its cue, so the cue right after it wins over one that led into it
            score -= 200
        if best_score is None or score < best_score:
            best, best_score = cue, score
    if best is not None and best_score is not None and best_score > 150:
        return None
    return best


def _participle_cue(w: Word) -> bool:
    return w.text.lower().endswith("ing") and cue_lemma(w) in CUE_VERBS


def _only_subject_between(parse: Parse, q: QuoteSpan, cue: Word) -> bool:
    """'"...," he said', '"...," said Biden', '"...," the senator told reporters': between the quotation
    and the cue after it there is nothing but the cue's subject."""
    between = [w for w in parse.words_in(q.close_end, cue.start) if w.upos != "PUNCT"]
    subj = next((c for c in parse.children(cue) if c.rel in ("nsubj", "nsubj:pass")), None)
    if subj is None:
        return not between
    span = {w.index for w in parse.subtree(subj)}
    return len(between) <= 6 and all(w.index in span for w in between)


def _colon_speaker(parse: Parse, q: QuoteSpan) -> SpeakerMention | None:
    """'Russia, airlines to pilots: “...”': the first name or noun before the colon speaks. A label
    before a colon is a compressed headline, so its apposition is no role ('airlines to pilots')."""
    colon = parse.text.rfind(":", 0, q.open_start)
    sent = parse.sentence_at(max(colon, 0))
    words = [w for w in parse.sentence_words(sent) if w.end <= colon]
    dash = max((k for k, w in enumerate(words) if w.text in ("-", "\u2013", "\u2014")), default=None)
    if dash is not None and any(w.upos in ("PROPN", "NOUN") for w in words[dash + 1:]):
        # 'Media shares blame in Iowa poll overhype - HuffPollster: "..."': a headline, then its source
        words = words[dash + 1:]
    head = next((w for w in words if w.rel == "nsubj" or (w.head == 0 and w.upos in ("NOUN", "PROPN"))), None)
    if head is None:  # a headline the parser read loosely ('Russia' as a vocative): its first name or noun
        head = next((w for w in words if w.upos in ("PROPN", "NOUN")
                     and not any(c.rel == "case" for c in parse.children(w))), None)
    return None if head is None else replace(describe_subject(parse, head), role=None)


# Nouns of stance and speech whose prepositional phrase is the content, with the prepositions.
NOUN_CUE_PREPOSITIONS = {
    "support": ("for", "of"), "supporter": ("of",), "criticism": ("of",), "endorsement": ("of", "for"),
    "call": ("for",), "swipe": ("at",), "attack": ("on", "against"), "mention": ("of",), "praise": ("for", "of"),
    "opposition": ("to",), "condemnation": ("of",), "defense": ("of",), "defence": ("of",),
    "case": ("for", "against"), "question": ("about",), "complaint": ("about",), "demand": ("for",),
    "allegation": ("against", "about"), "shot": ("at",), "jab": ("at",), "dig": ("at",), "statement": ("on", "about"),
    "stance": ("on", "against"), "contrast": ("with", "between"), "comment": ("on", "about"), "reference": ("to",),
    "remark": ("about", "on"), "accusation": ("against",), "favor": ("of",), "favour": ("of",),
    "argument": ("for", "against"), "secret": ("of",),  # 'made no secret of' (with a light verb only)
}
LIGHT_ONLY_NOUNS = frozenset({"shot", "secret"})
# Of those, the ones whose phrase after 'in' takes the verb's subject: 'came out in support of Cruz'.
IN_NOUN_CUES = frozenset({"support", "favor", "favour", "defense", "defence", "opposition", "praise"})
# Verbs that lend their subject to such a noun: 'X took a swipe at', 'X made the case for'.
LIGHT_VERBS = frozenset({"make", "take", "offer", "voice", "express", "issue", "launch", "renew", "level",
                         "have", "give", "lend", "throw", "deliver", "raise", "keep", "repeat", "continue"})


def _is_noun_cue(w: Word) -> bool:
    return w.upos == "NOUN" and w.lemma.lower() in NOUN_CUE_PREPOSITIONS


def _noun_cue(parse: Parse, w: Word, quotes, media: _Media):
    """A stance or speech noun (``_is_noun_cue``) with its prepositional content: the possessor, the
    subject of a light verb ('made the case for'), or, for 'supporter', the noun phrase itself is the
    source."""
    lemma = w.lemma.lower()
    def with_preposition(c: Word) -> bool:  # (never a day: 'his statement on Tuesday')
        first = parse.subtree(c)[0]  # ('swipes at fellow GOP contender Jeb Bush' with 'at' on the title)
        return c.index > w.index and c.lemma.lower() not in TIME_WORDS and any(
            g.rel == "case" and g.lemma.lower() in NOUN_CUE_PREPOSITIONS[lemma]
            for g in [*parse.children(c), *([first] if first.rel == "case" and first.head != c.id else [])])

    pp = next((c for c in parse.children(w) if c.rel == "nmod" and with_preposition(c)), None)
    head = parse.head_of(w)
    if lemma in LIGHT_ONLY_NOUNS and (head is None or w.rel != "obj" or cue_lemma(head) not in (
            "take", "fire", "land", "make")):
        return None  # 'gave Trump a real shot at the presidency' is a chance, not a jab
    if lemma == "secret" and not any(c.lemma.lower() == "no" for c in parse.children(w)):
        return None  # only 'made no secret of'
    if pp is None and head is not None and w.rel == "obj" and cue_lemma(head) in LIGHT_VERBS:
        # 'took several swipes | at Trump' with the phrase hung on the verb
        pp = next((c for c in parse.children(head) if c.rel == "obl" and with_preposition(c)), None)
    if pp is None and head is not None and w.rel in ("obj", "obl", "nsubj"):
        # 'joined Pence's call | for a special prosecutor': the phrase right after the noun is its own,
        # wherever the parser hung it
        last = max(x.index for x in parse.subtree(w))
        pp = next((c for c in parse.children(head) if c.rel == "obl" and with_preposition(c)
                   and min(x.index for x in parse.subtree(c)) == last + 1), None)
    if pp is None:
        return None
    # a verb hung on the noun phrase ('criticism of the deal drew applause') is not part of it
    clauses = frozenset(x.index for x in parse.subtree(pp) if x.upos in ("VERB", "AUX")
                        and x.deprel in ("acl", "parataxis", "ccomp", "advcl", "conj"))
    content = [x for x in parse.subtree(pp, clauses)
               if not (x.rel == "case" and x.head == pp.id and x.index < pp.index)]
    while content and content[-1].upos == "PUNCT":
        content = content[:-1]
    if content and content[0].rel == "case" and content[0].lemma.lower() in NOUN_CUE_PREPOSITIONS[lemma]:
        content = content[1:]  # (the preposition hung lower down: 'at fellow GOP contender Jeb Bush')
    if not content or any(q.open_start <= content[0].start < q.close_end for q in quotes):
        return None
    source = next((c for c in parse.children(w) if c.deprel == "nmod:poss"), None)
    if source is None and lemma == "supporter":
        source = w
    if source is None and lemma in IN_NOUN_CUES and w.rel == "obl" and head is not None \
            and any(g.rel == "case" and g.lemma.lower() == "in" for g in parse.children(w)):
        source = cue_subject(parse, head, quotes)  # 'has come out in support of Cruz'
    if source is None and head is not None and w.rel == "obj" and cue_lemma(head) in LIGHT_VERBS:
        source = cue_subject(parse, head, quotes)
    return None if source is None else _noun_row(parse, w, source, content, media)


def _noun_row(parse: Parse, w: Word, source: Word, content: list[Word], media: _Media):
    """The indirect row of a stance or speech noun ``w``: (attribution, speaker), or None when the content
    starts inside the speaker's name."""
    speaker = speaker_mention(parse, source, w)
    c_start, c_end = span_of(content)
    if speaker.start <= c_start < speaker.end:
        return None
    outlet, channel = media.around(w, w.sent, skip=(c_start, c_end))
    att = Attribution("indirect", c_start, c_end, speaker.start, speaker.end, None, speaker.role,
                      w.start, w.end, outlet, channel, w.sent)
    return att, speaker


# Nouns whose that-clause is what was said or thought ('the claim that ...', 'made the case that ...'), and
# those whose to-clause is what was promised or intended ('his pledge to repeal ...').
CLAUSE_NOUNS_THAT = frozenset("""statement claim remark comment announcement report warning promise pledge assertion
    allegation accusation admission denial belief view opinion argument suggestion insistence assurance prediction
    case hope fear concern worry disappointment doubt conviction confidence expectation contention charge
    complaint message notion idea sense feeling impression theory point""".split())
CLAUSE_NOUNS_TO = frozenset("""promise pledge vow threat plan proposal call demand bid offer commitment intention
    decision determination desire request push effort refusal""".split())
CLAUSE_NOUNS = CLAUSE_NOUNS_THAT | CLAUSE_NOUNS_TO
# Verbs that lend their subject to a noun of speech or thought: 'X expressed disappointment that ...'.
CLAUSE_NOUN_VERBS = LIGHT_VERBS | frozenset({"express", "voice", "share", "state", "reiterate", "announce",
                                             "unveil", "outline", "intimate", "dismiss", "reject", "hold",
                                             "cling", "harbor", "harbour", "put", "lay", "press", "push"})


def _noun_clause_cue(parse: Parse, w: Word, quotes, media: _Media):
    """A noun of speech, thought or intention with its that- or to-clause ('Trump's pledge to repeal
    Obamacare', 'made the case that ...'); the possessor or the subject of the verb the noun is the
    object of is the source."""
    lemma = w.lemma.lower()
    marks = (("that",) if lemma in CLAUSE_NOUNS_THAT else ()) + (("to",) if lemma in CLAUSE_NOUNS_TO else ())

    def opens(c: Word) -> bool:
        return c.index > w.index and c.upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON") and any(
            g.rel == "mark" and g.lemma.lower() in marks and g.index < c.index
            and g.index == min(x.index for x in parse.subtree(c)) for g in parse.children(c))

    clause = next((c for c in parse.children(w) if c.rel in ("acl", "ccomp") and opens(c)), None)
    head = parse.head_of(w)
    light = head is not None and w.rel == "obj" and cue_lemma(head) in CLAUSE_NOUN_VERBS
    if clause is None and light:
        # 'will make the case | that Clinton is ...' with the clause hung on the verb, right after the noun
        last = max(x.index for x in parse.subtree(w))
        clause = next((c for c in parse.children(head) if c.rel in ("ccomp", "advcl", "xcomp") and opens(c)
                       and min(x.index for x in parse.subtree(c)) == last + 1), None)
    if clause is None:
        return None
    content = parse.subtree(clause)
    if w.head == 0 or w.rel == "nsubj":
        # 'Trump's proposal to ban Muslims ... drew wide criticism' with the sentence's verb hung inside the
        # clause: a bare verb there (no subordinator, no subject) is the main predicate, not the content
        main = next((x for x in content if x.index > clause.index and (
            x.upos == "VERB" and x.rel in ("advcl", "parataxis") and not x.text.lower().endswith("ing")
            and not any(g.rel in ("mark", "nsubj") for g in parse.children(x))
            or _verb_read_as_preposition(x))), None)
        if main is not None:
            content = [x for x in content if x.index < min(y.index for y in parse.subtree(main))]
    content = strip_punct(content)
    if len(content) < 3 or any(q.open_start <= content[0].start < q.close_end for q in quotes):
        return None
    source = next((c for c in parse.children(w) if c.deprel == "nmod:poss"), None)
    if source is None and light:
        source = cue_subject(parse, head, quotes)
    row = None if source is None else _noun_row(parse, w, source, content, media)
    if row is not None and row[0].quote_start <= row[1].start < row[0].quote_end:
        return None  # the source inside its own clause
    return row


# English prepositions (a closed class): a word tagged ADP that is none of them is a mistagged word, often the
# sentence's verb ('... the United States drew wide criticism' with 'drew' read as a preposition).
PREPOSITIONS = frozenset("""aboard about above across after against ago ahead along alongside amid amidst among amongst
    apart around as aside astride at atop away because before behind below beneath beside besides between beyond but by
    circa despite down due during except for from given in including inside instead into less like minus near next
    notwithstanding of off on onto opposite out outside over past pending per plus regarding round save since than
    through throughout till to toward towards under underneath unlike until unto up upon versus via vs with within
    without worth""".split())


def _verb_read_as_preposition(w: Word) -> bool:
    return w.upos == "ADP" and w.text.isalpha() and w.text.islower() \
        and w.text not in PREPOSITIONS


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
    c_start, c_end = span_of(content)
    c_start = after_connective(parse, c_start, c_end)  # 'Even so, he raised $5.7 million, according to ...'
    head = _np_head(source_words)
    speaker = describe_subject(parse, head)
    s_words = trim_np(source_words) or source_words
    speaker = replace(speaker, start=s_words[0].start, end=s_words[-1].end,
                      text=parse.text[s_words[0].start:s_words[-1].end])
    qtype, c_start, c_end = _typed_span(c_start, c_end, quotes)
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
        elif att.cue_start is None and (  # a floating quote goes on with the last rules row, not a learned one
                prev := next((a for a in reversed(out) if a.method == "rules"), None)) is not None:
            if prev.quote_type == "indirect" and not _speech_clause(parse, prev):
                # '"A," said Rendell, referring to X. "B."': B goes on with the last quotation, A (but
                # '"A," Christie said, adding that X. "B."': B is what he added)
                quoted = next((a for a in reversed(out) if a.quote_type != "indirect" and a.speaker_resolved), None)
                if quoted is not None and quoted.sentence_index == prev.sentence_index:
                    prev = quoted
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


def _speech_clause(parse: Parse, att: Attribution) -> bool:
    """'"A," Christie said, adding that X. "B."': a speech verb's reported clause is a statement that a
    quotation after it can go on with (B is what he added); 'referring to X' is not."""
    cue = parse.words_in(att.cue_start, att.cue_end)[:1]
    return bool(cue) and cue_lemma(cue[0]) in SPEECH_VERBS - WEAK_CUES \
        and parse.text[att.quote_start:att.quote_start + 5].lower() == "that "


def attribute_text(text: str, gazetteer: Gazetteer | None = None, lang: str = "en",
                   learned: LearnedModel | None = None) -> list[Attribution]:
    """Parse English ``text`` with the shipped models and attribute it."""
    from .. import nlp
    from .media import load_gazetteer
    from .parse import from_stanza

    if not text.strip():
        return []
    doc = nlp.parse(text, lang)
    return attribute_parse(from_stanza(doc, text), gazetteer or load_gazetteer(None), learned)
