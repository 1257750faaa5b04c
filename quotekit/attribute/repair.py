"""Repairs of tagger errors the rules cannot see past, made on the parse before the rules run."""

from __future__ import annotations

from dataclasses import replace

from .cues import CUE_VERBS, WEAK_CUES, cue_lemma
from .parse import Parse, Word

# Verbs of intention the tagger reads as plural nouns before a to-infinitive: 'Trump plans to be back',
# 'Cruz hopes to make a statement' (parsed as a noun phrase 'Trump plans' with a relative infinitive).
INTENTION_NOUN_VERBS = frozenset({"plan", "hope", "vow", "pledge", "promise", "aim"})


def _complement(parse: Parse, w: Word) -> tuple[Word, str] | None:
    """The clause a noun-read verb governs, with the relation it should have: its to-infinitive (xcomp),
    or, for a speech verb, its that-clause (ccomp)."""
    nxt = parse.words[w.index + 1]
    lemma = w.lemma.lower()
    for c in parse.children(w):
        if c.index <= w.index or nxt.head != c.id or nxt.deprel != "mark":
            continue
        if lemma in INTENTION_NOUN_VERBS and c.deprel == "acl" and nxt.text.lower() == "to":
            return c, "xcomp"
        if lemma in CUE_VERBS and lemma not in WEAK_CUES \
                and c.rel in ("acl", "ccomp") and nxt.text.lower() == "that":
            return c, "ccomp"
    for c in parse.children(w):
        # 'Exit polling shows he won 83%': a clause whose subject follows at once (the sentence has no other verb)
        if c.index > w.index and c.deprel == "acl:relcl" and lemma in CUE_VERBS and nxt.head == c.id \
                and nxt.rel == "nsubj" and nxt.upos == "PRON":
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
                or cue_lemma(w) not in CUE_VERBS or cue_lemma(w) in WEAK_CUES:
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


def repair_that_clauses_on_objects(parse: Parse) -> Parse:
    """'told the Times that Carter believes ...' with the that-clause parsed as a relative clause on 'Times':
    a clause opened by 'that' tagged as a subordinator (a relative 'that' is a pronoun) on the object of a
    cue is what the cue reports."""
    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.deprel != "acl:relcl" or not w.head:
            continue
        obj = parse.head_of(w)
        cue = parse.head_of(obj) if obj.rel in ("obj", "iobj") and obj.head else None
        if cue is None or cue.upos != "VERB" or cue_lemma(cue) not in CUE_VERBS or not any(
                c.rel == "mark" and c.text.lower() == "that" and c.upos == "SCONJ" and c.index == obj.index + 1
                for c in parse.children(w)):
            continue
        words[w.index] = replace(w, head=cue.id, deprel="ccomp")
        changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse


def repair_clauses_on_times(parse: Parse) -> Parse:
    """'said in a statement Thursday night they pulled the listing', 'telling reporters on Thursday he viewed
    Obama as ...': what was said, parsed as a relative clause on the time before it, is the cue's complement."""
    from .subjects import RELATIVE_PRONOUNS, TIME_WORDS

    words = list(parse.words)
    changed = False
    for w in parse.words:
        if w.deprel != "acl:relcl" or not w.head:
            continue
        time = parse.head_of(w)
        cue = parse.head_of(time) if time.head else None
        if time.lemma.lower() not in TIME_WORDS or time.rel not in ("obl", "nmod", "obj") or cue is None \
                or cue.upos != "VERB" or cue_lemma(cue) not in CUE_VERBS or cue.index > time.index \
                or any(c.rel == "ccomp" for c in parse.children(cue)):
            continue
        first = parse.subtree(w)[0]
        if first.index != time.index + 1 or first.rel != "nsubj" or first.head != w.id \
                or first.text.lower() in RELATIVE_PRONOUNS:
            continue
        words[w.index] = replace(w, head=cue.id, deprel="ccomp")
        changed = True
    return Parse(parse.text, tuple(words), parse.sentences, parse.entities) if changed else parse
