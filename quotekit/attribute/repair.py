"""Repairs of tagger errors the rules cannot see past, made on the parse before the rules run."""

from __future__ import annotations

from dataclasses import replace

from .cues import CUE_VERBS, WEAK_CUES, cue_lemma
from .parse import Parse, Word
from .subjects import RELATIVE_PRONOUNS, TIME_WORDS

# Verbs of intention the tagger reads as plural nouns before a to-infinitive: 'Trump plans to be back',
# 'Cruz hopes to make a statement' (parsed as a noun phrase 'Trump plans' with a relative infinitive).
INTENTION_NOUN_VERBS = frozenset({"plan", "hope", "vow", "pledge", "promise", "aim"})


def _complement(parse: Parse, w: Word) -> tuple[Word, str] | None:
    """The clause a noun-read verb governs, with the relation it should have: its to-infinitive (xcomp),
    or, for a speech verb, its that-clause (ccomp) or a clause whose pronoun subject follows at once
    ('Exit polling shows he won 83%': the sentence has no other verb)."""
    nxt = parse.words[w.index + 1]
    lemma = w.lemma.lower()
    for c in parse.children(w):
        if c.index <= w.index or nxt.head != c.id:
            continue  # (only the clause that the next word opens)
        if nxt.deprel == "mark":
            if lemma in INTENTION_NOUN_VERBS and c.deprel == "acl" and nxt.text.lower() == "to":
                return c, "xcomp"
            if lemma in CUE_VERBS and lemma not in WEAK_CUES \
                    and c.rel in ("acl", "ccomp") and nxt.text.lower() == "that":
                return c, "ccomp"
        elif c.deprel == "acl:relcl" and lemma in CUE_VERBS and nxt.rel == "nsubj" and nxt.upos == "PRON":
            return c, "ccomp"
    return None


def repair_verbs_read_as_nouns(parse: Parse) -> Parse:
    """The same parse with each verb the tagger read as the plural noun heading its sentence ('Viguerie
    notes that ...', 'Trump plans to ...') made the verb: the name before it its subject, the clause
    after it its complement."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if not (w.upos == "NOUN" and w.head == 0 and w.text.lower().endswith("s") and 0 < w.index < len(words) - 2):
            continue
        before = parse.words[w.index - 1]
        found = _complement(parse, w)
        if found is None or before.sent != w.sent or before.head != w.id or before.deprel != "compound" \
                or before.upos not in ("PROPN", "NOUN"):
            continue
        clause, relation = found
        words[w.index] = replace(w, upos="VERB")
        words[before.index] = replace(before, deprel="nsubj")
        words[clause.index] = replace(clause, deprel=relation)
        for c in parse.children(w):  # 'The Sanders campaign plans': what modified the noun modifies the subject
            if c.index < before.index and c.deprel in ("det", "compound", "amod", "nmod:poss"):
                words[c.index] = replace(c, head=before.id)
        changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse


def repair_participle_complements(parse: Parse) -> Parse:
    """'..., a Chinese official said, adding that ...' parsed with 'adding' as what was said (a ccomp of
    'said'): a cue participle after the cue and a comma is the speaker's next act (advcl), not content."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.deprel != "ccomp" or not w.head or w.upos != "VERB" or not w.text.lower().endswith("ing") \
                or w.lemma.lower() not in CUE_VERBS or w.index < 2:
            continue
        head = parse.head_of(w)
        if head.index < w.index and head.lemma.lower() in CUE_VERBS and parse.words[w.index - 1].text == "," \
                and all(x.upos == "PUNCT" or x.head == head.id and x.deprel.startswith("advmod")
                        for x in parse.words[head.index + 1:w.index]):
            words[w.index] = replace(w, deprel="advcl")
            changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse


def repair_participles_read_as_nouns(parse: Parse) -> Parse:
    """'released a statement saying he would not attend' with 'saying' tagged a noun that 'statement'
    modifies, and what was said a relative clause on it: 'saying' is a participle on 'statement', the
    clause its complement."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.upos != "NOUN" or not w.text.lower().endswith("ing") or w.index < 1 or w.index + 1 >= len(words) \
                or cue_lemma(w) not in CUE_VERBS - WEAK_CUES:
            continue
        before, nxt = parse.words[w.index - 1], parse.words[w.index + 1]
        clause = parse.head_of(nxt) if nxt.rel in ("nsubj", "mark") and nxt.head and nxt.sent == w.sent else None
        if before.sent != w.sent or before.head != w.id or before.deprel != "compound" \
                or before.upos not in ("NOUN", "PROPN") or clause is None or clause.head != w.id \
                or clause.deprel not in ("acl:relcl", "acl", "ccomp"):
            continue
        words[before.index] = replace(before, head=w.head, deprel=w.deprel)
        words[w.index] = replace(w, upos="VERB", head=before.id, deprel="acl")
        words[clause.index] = replace(clause, deprel="ccomp")
        for c in parse.children(w):  # 'a statement': what modified the noun modifies 'statement'
            if c.index < before.index:
                words[c.index] = replace(c, head=before.id)
        changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse


def repair_relative_complements(parse: Parse) -> Parse:
    """What a cue reports, parsed as a relative clause on a noun after the cue: on its object when 'that' is a
    subordinator, not a relative pronoun ('told the Times that Carter believes ...'), or on a time with the
    clause's subject right after it ('said in a statement Thursday night they pulled the listing'). The clause
    becomes the cue's complement."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.deprel != "acl:relcl" or not w.head:
            continue
        noun = parse.head_of(w)
        cue = parse.head_of(noun) if noun.head else None
        if cue is None or cue.upos != "VERB" or cue_lemma(cue) not in CUE_VERBS or cue.index > noun.index:
            continue
        if _that_clause_on_object(parse, w, noun) or _clause_on_time(parse, w, noun, cue):
            words[w.index] = replace(w, head=cue.id, deprel="ccomp")
            changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse


def _that_clause_on_object(parse: Parse, clause: Word, noun: Word) -> bool:
    """(a relative 'that' is a pronoun; one tagged a subordinator marks a complement)"""
    return noun.rel in ("obj", "iobj") and any(
        c.rel == "mark" and c.text.lower() == "that" and c.upos == "SCONJ" and c.index == noun.index + 1
        for c in parse.children(clause))


def _clause_on_time(parse: Parse, clause: Word, noun: Word, cue: Word) -> bool:
    """('telling reporters on Thursday he viewed Obama as ...'; not when the cue has a complement already)"""
    first = parse.subtree(clause)[0]
    return noun.lemma.lower() in TIME_WORDS and noun.rel in ("obl", "nmod", "obj") \
        and not any(c.rel == "ccomp" for c in parse.children(cue)) and first.index == noun.index + 1 \
        and first.rel == "nsubj" and first.head == clause.id and first.text.lower() not in RELATIVE_PRONOUNS


# Words that make a poll's share of respondents: 'Six in 10 say', 'a third say', 'Most say'.
SHARE_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "most",
                         "percent", "%", "many", "few", "plurality", "minority"})


def repair_poll_shares(parse: Parse) -> Parse:
    """'Six in 10 say he is decisive', 'Nearly a third say they don't know': a poll's share of respondents
    before 'say', which the tagger reads as a noun the share modifies (or a verb with no subject): 'say'
    heads the sentence, the share is its subject and what follows its complement."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.text.lower() not in ("say", "says", "said") or w.upos not in ("NOUN", "VERB"):
            continue
        sent = parse.sentence_words(w.sent)
        pre = [x for x in sent if x.index < w.index]
        post = [x for x in sent if x.index > w.index]
        content = [x for x in pre if x.upos != "PUNCT"]
        if not content or len(content) > 7 or any(x.upos in ("VERB", "AUX") for x in content) \
                or not any(x.upos == "NUM" or x.lemma.lower() in SHARE_WORDS for x in content):
            continue
        if w.upos == "VERB" and any(c.rel == "nsubj" for c in parse.children(w)):
            continue
        if len([x for x in post if x.upos != "PUNCT"]) < 3 or post[0].upos in ("PUNCT", "ADP") \
                or not any(x.upos in ("VERB", "AUX") for x in post):
            continue
        inside_pre = {x.id for x in pre}
        inside_post = {x.id for x in post}
        pre_roots = [x for x in pre if x.upos != "PUNCT" and x.head not in inside_pre]
        share = next((x for x in pre_roots if x.upos in ("NUM", "NOUN", "ADJ", "SYM", "PRON")), None)
        if share is None:
            continue
        clause = post[0]
        while clause.head in inside_post:
            clause = parse.head_of(clause)
        words[w.index] = replace(w, upos="VERB", head=0, deprel="root")
        words[share.index] = replace(share, head=w.id, deprel="nsubj")
        for k, x in enumerate(pre):
            if x is share or x.head in inside_pre:
                continue
            if x.upos == "PUNCT":
                words[x.index] = replace(x, head=w.id)
            elif x.upos == "ADP" and k + 1 < len(pre) and pre[k + 1].upos in ("ADP", "NUM", "NOUN", "DET"):
                noun = next((y for y in pre[k + 1:] if y.upos != "ADP"), None)  # 'out of | 10'
                words[x.index] = replace(x, head=noun.id if noun is not None else share.id, deprel="case")
            elif k > 0 and pre[k - 1].upos == "ADP":
                words[x.index] = replace(x, head=share.id, deprel="nmod")  # 'Six | in 10'
            else:
                words[x.index] = replace(x, head=share.id)
        words[clause.index] = replace(clause, head=w.id, deprel="ccomp")
        for x in post:
            if x is not clause and x.head not in inside_post:
                words[x.index] = replace(x, head=clause.id if x.upos != "PUNCT" else w.id)
        changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse
