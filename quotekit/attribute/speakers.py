"""Speaker noun phrases, their roles, and resolving pronouns and short names to full names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import NEUTER_PRONOUNS, PERSON_PRONOUNS, PLURAL_PRONOUNS
from .parse import Parse, Word

NP_KEEP = {"compound", "flat", "amod", "det", "nummod", "nmod:poss", "fixed", "goeswith"}
ROLE_RELS = {"appos"}
ORG_HEADS = frozenset("""newspaper paper daily agency gazette times post herald tribune courier journal news
    ministry government office department party council committee union company corporation bank court
    army police service agency group network channel""".split())
GLUED_SUFFIX = re.compile(r"^([A-Z][a-z]+?)(would|has|had|said|says|was|is|will|also|then)$")


@dataclass(frozen=True)
class SpeakerMention:
    """A speaker as written: its span, the name it resolves to, and a role if one is given."""

    start: int
    end: int
    text: str
    resolved: str | None
    role: str | None
    is_pronoun: bool = False
    kind: str = "PER"  # PER / ORG / OTHER


LEADING_WORDS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that",
                           "these", "those"})


def trim_np(words: list[Word]) -> list[Word]:
    """A phrase without its leading determiners, possessives, prepositions and punctuation and its
    trailing punctuation: 'the Russian newspaper Regnum,' -> 'Russian newspaper Regnum'. May be empty."""
    while words and (words[0].upos in ("DET", "PUNCT", "CCONJ") or words[0].rel == "case"
                     or (words[0].upos == "PRON" and words[0].text.lower() in LEADING_WORDS)):
        words = words[1:]
    while words and words[-1].upos in ("PUNCT", "CCONJ"):
        words = words[:-1]
    return words


def noun_phrase(parse: Parse, head: Word) -> list[Word]:
    """The core noun phrase of ``head``: modifiers that name it, without clauses or appositions."""
    keep = {head.index}
    stack = [head]
    while stack:
        w = stack.pop()
        for c in parse.children(w):
            if c.deprel in NP_KEEP or c.rel in ("compound", "flat", "amod", "det", "nummod", "fixed"):
                keep.add(c.index)
                stack.append(c)
    words = sorted((parse.words[i] for i in keep), key=lambda w: w.index)
    # keep it contiguous around the head
    contiguous = [head]
    by_index = {w.index: w for w in words}
    i = head.index - 1
    while i in by_index:
        contiguous.insert(0, by_index[i])
        i -= 1
    i = head.index + 1
    while i in by_index:
        contiguous.append(by_index[i])
        i += 1
    return contiguous


def role_phrase(parse: Parse, words: list[Word]) -> str | None:
    """Text of a role phrase, cut at a colon, dash or quote mark (the quote is not the role)."""
    if not any(w.upos in ("NOUN", "PROPN") for w in words):
        return None  # 'A desperate Vladimir Putin': an adjective alone is not a role
    start, end = words[0].start, words[-1].end
    text = parse.text[start:end]
    cut = re.search(r"[:\u201c\u201d\u201e\u00ab\u00bb\"\u2014]|\s[-\u2013]\s", text)
    if cut:
        text = text[:cut.start()]
    text = text.strip(" ,;:-\u2014")
    if not re.search(r"[^\W\d_]{3}", text):
        return None  # ages and numbers ("Lang, 54,") are not roles
    if re.match(r"(?i)(?:the |a )?(?:one|someone|somebody|those|a man|a woman) (?:who|that|whose)\b", text):
        return None  # 'Kim Jong-un, one who rarely leaves his borders,': a description, not a role
    return re.sub(r"\s+", " ", text) or None


def is_name(parse: Parse, words: list[Word]) -> bool:
    """A proper name: a capitalised PROPN, or a PER/ORG entity the NER found."""
    if any(w.upos == "PROPN" and w.text[:1].isupper() for w in words):
        return True
    ent = parse.entity_at(words[0].start, words[-1].end)
    return ent is not None and ent.type in ("PER", "PERSON", "ORG")


def clean_name(text: str, known_tokens: set[str]) -> str:
    """Repair glued words from scraped text ("Igor Korotchenkowould" -> "Igor Korotchenko")."""
    parts = text.split()
    if parts:
        m = GLUED_SUFFIX.match(parts[-1])
        if m and (m.group(1) in known_tokens or len(parts) > 1):
            parts[-1] = m.group(1)
    return " ".join(parts)


def _with_hyphenated_start(parse: Parse, np: list[Word]) -> list[Word]:
    """'the 46-year-old' split by the parser into '46 - year - old': the words glued to the phrase's
    first word by hyphens belong to it."""
    k = np[0].index
    sent = np[0].sent
    while k > 0:
        prev, cur = parse.words[k - 1], parse.words[k]
        if prev.sent != sent or prev.end != cur.start or "-" not in (prev.text, cur.text):
            break
        k -= 1
    if k == np[0].index:
        return np
    return [*parse.words[k:np[0].index], *np]


# Heads that count a group rather than name a speaker: '6 in 10 voters', 'a third of Republicans'.
QUANTITY_HEADS = frozenset("""third thirds half quarter majority minority plurality percent percentage most many
    some share number fraction all none few several""".split())


def _with_quantified_group(parse: Parse, head: Word, np: list[Word]) -> list[Word]:
    """'About 6 in 10 Democratic voters said': a count is a speaker together with the group it counts."""
    while head.upos == "NUM" or head.lemma.lower() in QUANTITY_HEADS:  # ('6 in 10 | of the voters')
        group = next((c for c in parse.children(head) if c.rel == "nmod" and c.index > head.index), None)
        if group is None:
            return np
        case = [g for g in parse.children(group) if g.rel == "case" and g.index > np[-1].index]
        if not case or case[0].index != np[-1].index + 1 or any(
                g.lemma.lower() not in ("of", "in", "among", "out") for g in case):  # ('four out of 10 voters')
            return np
        words = np + case + [w for w in noun_phrase(parse, group) if w.index > case[-1].index]
        if any(b.index != a.index + 1 for a, b in zip(words, words[1:], strict=False)):
            return np
        np, head = words, group
    return np


def describe_subject(parse: Parse, head: Word, limit: int | None = None) -> SpeakerMention:
    """The speaker mention for a subject word: name span, role from appositions/titles, pronoun flag.

    ``limit``: an offset (the cue) that the role phrase must not run past.
    """
    lower = head.text.lower()
    if head.upos == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | NEUTER_PRONOUNS:
        kind = "PER" if lower in PERSON_PRONOUNS else ("ORG" if lower in PLURAL_PRONOUNS else "OTHER")
        return SpeakerMention(head.start, head.end, head.text, None, None, is_pronoun=True, kind=kind)
    head_entity = parse.entity_at(head.start, head.end)
    np = trim_np(noun_phrase(parse, head))
    if not np:
        np = [head]
    np = _with_hyphenated_start(parse, np)
    np = _with_quantified_group(parse, head, np)
    if head_entity is not None and head_entity.start <= head.start and head.end <= head_entity.end:
        # a name the NER found: take it whole even when the parse split it
        ent_words = [w for w in parse.sentence_words(head.sent)
                     if w.start >= head_entity.start and w.end <= head_entity.end]
        if ent_words:
            np = sorted({w.index: w for w in [*np, *ent_words]}.values(), key=lambda w: w.index)
            np = [w for w in np if w.start >= min(head_entity.start, np[0].start)]
    appos = [c for c in parse.children(head) if c.rel in ROLE_RELS]
    role_words: list[Word] = []
    name_words = np
    if appos:
        appos_np = trim_np([w for w in parse.subtree(appos[0]) if limit is None or w.end <= limit])
        appos_core = trim_np(noun_phrase(parse, appos[0]))
        # 'Party leader Ann Moss said' parsed with the name as an apposition of 'leader': a title
        titled = head.upos == "NOUN" and appos_core and appos_core[0].index == np[-1].index + 1
        if (not is_name(parse, np) or titled) and appos_core and is_name(parse, appos_core):
            # "the defense expert journalist, Igor Korotchenko": name in the apposition; a bare noun
            # phrase before it is a headline's topic, not a role ("Nuclear war, Kim Jong-un threatens")
            name_words = appos_core
            if titled or np[0].upos == "DET" or any(w.deprel == "nmod:poss" for w in np):
                role_words = np
        else:
            role_words = appos_np
    if not is_name(parse, name_words) and not role_words:
        # "The defense expert journalist, Igor Korotchenko would ...": the name follows the title
        stop = limit if limit is not None else name_words[-1].end + 60
        for e in parse.entities:
            gap = parse.text[name_words[-1].end:e.start]
            if e.type in ("PER", "PERSON") and name_words[-1].end <= e.start < stop and (
                    not gap.strip(" ,") or re.fullmatch(r"\s*,\s*(?:[a-z-]+\s+){1,4}", gap)):
                ent_words = [w for w in parse.words if w.start >= e.start and w.end <= e.end]
                if ent_words:
                    title = [w for w in parse.words if name_words[-1].end < w.start and w.end <= e.start
                             and w.upos != "PUNCT"]
                    role_words, name_words = name_words + title, ent_words
                break
    # titles inside the phrase: "defense expert journalist Igor Korotchenko"
    ent = parse.entity_at(name_words[0].start, name_words[-1].end)
    if ent is not None and ent.start <= name_words[-1].start < ent.end < parse.sentences[head.sent].end + 1:
        # the name as the NER found it, when the parse cut it short ('Kim Jong | -un')
        name_words = name_words + [w for w in parse.sentence_words(head.sent)
                                   if name_words[-1].end <= w.start and w.end <= ent.end]
    if ent is not None and not (ent.start <= name_words[-1].start and name_words[-1].end <= ent.end):
        ent = None  # the name only modifies the head: 'the GOP presidential candidate'
    if ent is not None and ent.type in ("PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "MISC"):
        inside = [w for w in name_words if w.start >= ent.start and w.end <= ent.end]
        before = [w for w in name_words if w.end <= ent.start]
        if inside:
            if before and not role_words:
                role_words = trim_np(before)
            name_words = inside
    kind = "OTHER"
    if ent is not None:
        kind = "PER" if ent.type in ("PER", "PERSON") else "ORG"
    elif any(w.upos == "PROPN" for w in name_words):
        kind = "PER" if len(name_words) >= 2 else "ORG"
    if kind == "PER" and name_words[-1].lemma.lower() in ORG_HEADS:
        kind = "ORG"
    start, end = name_words[0].start, name_words[-1].end
    text = parse.text[start:end]
    cleaned = clean_name(text, set())
    if cleaned != text and text.startswith(cleaned):
        end = start + len(cleaned)
        text = cleaned
    role = role_phrase(parse, role_words)
    return SpeakerMention(start, end, text, None, role, kind=kind)


class Resolver:
    """Maps pronouns and short names to the full name of a person already mentioned."""

    def __init__(self, parse: Parse):
        self.parse = parse
        self.full_names: list[tuple[int, str, str]] = []  # (offset, name, kind)
        for e in parse.entities:
            name = clean_name(e.text, set())
            kind = "PER" if e.type in ("PER", "PERSON") else "ORG"
            self.full_names.append((e.start, name, kind))
        self.roles: dict[str, str] = {}

    def remember(self, offset: int, name: str, kind: str, role: str | None) -> None:
        self.full_names.append((offset, name, kind))
        if role and name not in self.roles:
            self.roles[name] = role

    def expand(self, name: str, offset: int) -> str:
        """A short name ("Korotchenko") -> a full name containing it ("Igor Korotchenko"). Of several
        ("Trump": "Donald Trump", "Melania Trump"), one introduced before ``offset``, then the one the text
        names most, then the first introduced, then the longest."""
        tokens = name.split()
        seen: dict[str, tuple[int, int]] = {}  # full name -> (mentions, first offset)
        for off, full, _ in self.full_names:
            full_tokens = full.split()
            if len(full_tokens) > len(tokens) and _contains_tokens(full_tokens, tokens):
                count, first = seen.get(full, (0, off))
                seen[full] = (count + 1, min(first, off))
        if not seen:
            return name
        return max(seen, key=lambda full: (seen[full][1] <= offset, seen[full][0], -seen[full][1], len(full)))

    def pronoun(self, mention: SpeakerMention, offset: int, previous: list[tuple[int, str, str]]) -> str | None:
        """Nearest earlier speaker (then named entity) compatible with the pronoun."""
        want = mention.kind
        candidates = [(off, name) for off, name, kind in previous if off < offset and (kind == want or want == "OTHER")]
        candidates += [(off, self.expand(name, off)) for off, name, kind in self.full_names
                       if off < offset and kind == want]
        if not candidates:
            return None
        return max(candidates)[1]

    def role_for(self, name: str | None) -> str | None:
        """The role given anywhere in the document to this person (full name or its short form)."""
        if name is None:
            return None
        if name in self.roles:
            return self.roles[name]
        for known, role in self.roles.items():
            if self.expand(known, 0) == name:
                return role
        return None

    def learn_entity_roles(self) -> None:
        """Titles and appositions around every PER entity: 'Senator Marta Quinn' -> Senator."""
        for e in self.parse.entities:
            if e.type not in ("PER", "PERSON"):
                continue
            inside = [w for w in self.parse.words if w.start >= e.start and w.end <= e.end]
            if not inside:
                continue
            ids = {w.index for w in inside}
            heads = [w for w in inside if self.parse.head_of(w) is None or self.parse.head_of(w).index not in ids]
            mention = describe_subject(self.parse, heads[0])
            name = clean_name(e.text, set())
            if mention.role and name not in self.roles:
                self.roles[name] = mention.role


def _contains_tokens(full: list[str], part: list[str]) -> bool:
    if not part:
        return False
    n = len(part)
    return any(full[i:i + n] == part for i in range(len(full) - n + 1))
