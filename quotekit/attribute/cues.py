"""Words that introduce attributions (speech, writing, cognition and reporting cues, English lemmas),
and how to recognise them in a parse."""

from __future__ import annotations

from .parse import Parse, Word

# Verbs whose subject is the source and whose clausal complement (or an adjacent quote) is the content.
SPEECH_VERBS = frozenset(
    """
    say tell state insist claim add explain report write note argue warn announce confirm deny
    declare assert stress emphasize emphasise reiterate repeat remark comment reply respond answer
    ask admit acknowledge concede suggest propose recommend urge demand call describe predict
    promise pledge vow threaten boast complain lament protest allege charge accuse testify
    observe point mention reveal disclose signal indicate hint imply maintain contend counter
    retort quip joke exclaim shout cry scream whisper mutter murmur tweet post blog publish
    announce brief inform advise caution recall recount relate narrate conclude agree disagree
    estimate project forecast calculate specify clarify elaborate summarize summarise stress
    underline underscore highlight acknowledge affirm reaffirm guarantee assure reassure
    continue begin start order instruct direct rule decide determine find show prove
    demonstrate suggest notify complain criticize criticise praise welcome condemn speak talk
    label brand dub yell holler chant bark interject echo read title headline write invite encourage
    gloat marvel muse scoff sneer fume rave gush plead implore grouse grumble gripe opine posit speculate
    taunt brag bemoan rebut confess divulge swear chide scold lambaste decline
    """.split()
)

# Cognition / intention verbs: PolNeAR counts them as attributions ("X believes that ...").
COGNITION_VERBS = frozenset(
    """
    believe think feel know hope fear worry expect doubt suspect assume presume suppose guess
    wonder consider regard reckon imagine understand realize realise recognize recognise learn
    hear see want plan intend wish prefer seek aim try remember anticipate foresee deem
    """.split()
)

# 'Trump appears to be winning': a view with no named holder (PolNeAR annotates these without a source).
EVIDENTIAL_VERBS = frozenset({"appear", "seem"})

CUE_VERBS_BASE = SPEECH_VERBS | COGNITION_VERBS | EVIDENTIAL_VERBS

# Verbs whose object and its 'as' phrase are what was said: 'see Clinton as the stronger candidate', 'regards
# all of Jerusalem as its capital', 'described Trump as a demagogue'. Those cues only with 'as' are weak.
AS_ONLY_CUES = frozenset({"view", "portray", "paint", "cast", "characterize", "characterise", "depict", "perceive",
                          "pitch", "position", "present", "frame", "style", "bill", "market", "sell", "name"})
AS_CUES = AS_ONLY_CUES | {"see", "regard", "describe", "brand", "label", "hail", "tout", "dismiss"}

# Verbs that are cues only with a clausal complement, never with just a quote next to them.
WEAK_CUES = frozenset({"see", "find", "show", "learn", "hear", "know", "understand", "want", "try",
                       "continue", "begin", "start", "decide", "determine", "seek", "aim", "order",
                       "feel", "prove", "call", "rule", "direct", "consider", "regard",
                       "label", "brand", "dub", "appear", "seem", "decline", "deem"}) | AS_ONLY_CUES

# Labels that open a line with a colon but attribute nothing ("Update: ...", "Photo: ...").
LINE_LABELS = frozenset("""question answer q a update updated editor note photo photos video watch related read
    more source sources note breaking exclusive live opinion analysis by via correction clarification
    disclosure warning caption transcript listen see also contact email tags topics latest""".split())

# Adjectives in "make it clear/known that ..." style cues.
MAKE_CLEAR = frozenset({"clear", "known", "plain", "public", "evident", "obvious"})

# Pronouns resolved to the nearest suitable named source.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
NEUTER_PRONOUNS = frozenset({"it"})

REPORTING_PHRASES = ("according to",)

# Speech-act and stance verbs whose object noun phrase is the content ("X criticized Y's email use",
# "X called for new elections"): PolNeAR annotates these as attributions too.
OBJECT_CUES = frozenset(
    """
    criticize criticise defend dismiss announce deny reject condemn praise welcome endorse support
    oppose propose demand mock denounce embrace describe mention discuss blame accuse question
    dispute challenge back applaud slam attack decry hail promise pledge threaten urge recommend
    acknowledge admit confirm predict cite offer express thank tout blast congratulate refuse remind
    apologize cheer boo target like dislike
    trash pan rip bash berate rebuke fault assail excoriate skewer ridicule deride disparage belittle insult
    laud commend extol champion
    detail list outline share promote
    favor favour ignore address debate identify reference disavow
    """.split()
)
OBJECT_CUE_PREPOSITIONS = {
    "call": ("for", "on", "upon"), "push": ("for",), "argue": ("for", "against"),
    "warn": ("of", "about", "against"), "complain": ("about",), "talk": ("about",),
    "speak": ("about", "on", "of", "against"), "worry": ("about",), "ask": ("for",),
    "vote": ("for", "against"), "refer": ("to",), "apologize": ("for",), "point": ("to",), "focus": ("on",),
    "joke": ("about",), "comment": ("on",), "respond": ("to",), "reply": ("to",), "tweet": ("about",),
    "write": ("about",), "post": ("about",), "testify": ("about",), "advocate": ("for",), "rail": ("against",),
    "campaign": ("for", "against"), "lobby": ("for", "against"), "look": ("for",),
    # talk about a topic: 'hinting at his playbook', 'bragged about his negotiating skills'
    "chime": ("on",), "hint": ("at",), "balk": ("at",), "muse": ("about", "on"), "rant": ("about", "against"),
    "brag": ("about",), "boast": ("about", "of"), "gripe": ("about",), "fret": ("about", "over"), "vent": ("about",),
    "elaborate": ("on",), "riff": ("on",), "harp": ("on",), "pontificate": ("on", "about"), "opine": ("on", "about"),
    # agreeing with someone, thinking or wondering about something: 'agreed with the analysis'
    "agree": ("with",), "disagree": ("with",), "think": ("about", "of"), "wonder": ("about",),
    "allude": ("to",),
}

CUE_VERBS = CUE_VERBS_BASE | OBJECT_CUES | frozenset(OBJECT_CUE_PREPOSITIONS) | AS_ONLY_CUES

# Adjectives of stance after a copula, with the prepositions that take what the stance is about:
# 'Republicans have been critical of Clinton's email use', 'voters are split on whether ...'.
ADJ_CUE_PREPOSITIONS = {
    "critical": ("of",), "skeptical": ("of", "about"), "sceptical": ("of", "about"), "supportive": ("of",),
    "wary": ("of",), "dismissive": ("of",), "fond": ("of",), "tired": ("of",), "opposed": ("to",),
    "split": ("on", "over"), "divided": ("on", "over"), "mum": ("on", "about"), "silent": ("on", "about"),
    "vocal": ("about", "on"), "outspoken": ("about", "on"), "optimistic": ("about",), "pessimistic": ("about",),
    "confident": ("about", "of"), "sure": ("about", "of"), "worried": ("about",), "concerned": ("about",),
    "angry": ("at", "about", "over"), "upset": ("about", "over", "with"), "frustrated": ("with", "by"),
    "disappointed": ("in", "with", "by"), "unhappy": ("with", "about"), "enthusiastic": ("about",),
    "bullish": ("on", "about"), "bearish": ("on", "about"), "hopeful": ("about", "of"), "clear": ("about", "on"),
}
LINKING_VERBS = frozenset({"remain", "seem", "appear", "become", "grow", "stay", "sound", "look", "get", "feel"})


def adjective_cue(parse: Parse, w: Word) -> bool:
    """'have been critical of X', 'remained mum on X': a stance adjective after a copula or a linking
    verb, with its prepositional object."""
    preps = ADJ_CUE_PREPOSITIONS.get(w.lemma.lower()) if w.upos == "ADJ" else None
    if not preps:
        return False
    linked = w.rel == "xcomp" and w.head and parse.head_of(w).lemma.lower() in LINKING_VERBS
    if not (linked or any(c.rel == "cop" for c in parse.children(w))):
        return False
    return any(c.rel == "obl" and c.index > w.index and any(
        g.rel == "case" and g.lemma.lower() in preps for g in parse.children(c)) for c in parse.children(w))


# ---------------------------------------------------------------- recognising cues in a parse

def is_according(parse: Parse, w: Word) -> bool:
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


def is_cue(parse: Parse, w: Word) -> bool:
    if is_according(parse, w):
        return True
    if w.upos not in ("VERB", "AUX"):
        return adjective_cue(parse, w)
    return cue_lemma(w) in CUE_VERBS or make_clear(parse, w) is not None or put_it(parse, w)


def put_it(parse: Parse, w: Word) -> bool:
    """'as one voter put it': 'put it' is a way of saying."""
    if w.text.lower() not in ("put", "puts", "putting"):
        return False
    return any(c.rel == "obj" and c.lemma.lower() == "it" and c.index == w.index + 1 for c in parse.children(w)) \
        and any(c.rel in ("mark", "advmod") and c.lemma.lower() in ("as", "how") for c in parse.children(w))


def make_clear(parse: Parse, w: Word) -> Word | None:
    """'made it clear that ...': the adjective that turns 'make' into a speech cue."""
    if cue_lemma(w) != "make" and w.text.lower() not in ("make", "makes", "made", "making"):
        return None
    for c in parse.children(w):
        if c.lemma.lower() in MAKE_CLEAR and c.rel in ("xcomp", "obj", "advmod", "ccomp"):
            return c
    return None


def cue_span(parse: Parse, w: Word) -> tuple[int, int]:
    end = w.end
    adj = make_clear(parse, w)
    if adj is not None and adj.index > w.index:
        end = adj.end
    for c in parse.children(w):
        if c.deprel == "compound:prt" and c.index == w.index + 1:
            end = max(end, c.end)
    if put_it(parse, w):
        end = parse.words[w.index + 1].end
    return w.start, end


# Nouns of messages whose participle says what they say: 'ads attacking Rubio', 'a statement condemning ...'.
MESSAGE_NOUNS = frozenset("""ad advertisement commercial spot statement op-ed editorial video letter report poll survey
    email tweet post message memo speech column book petition resolution release""".split())


# Participles that name what they follow ('a program called Sandy Hook Promise', 'a memo titled "..."').
NAMING_PARTICIPLES = frozenset({"call", "title", "entitle", "name", "label", "brand", "dub", "term", "headline"})


def finite_as_participle(parse: Parse, w: Word) -> bool:
    """'about 6 in 10 white men supported Sanders' parsed with 'supported' as a participle on 'men': a
    past form hung on a noun that still takes an object, with no auxiliary and no 'by' agent, is the
    sentence's verb (a passive participle takes no object)."""
    if w.deprel != "acl" or not w.head or cue_lemma(w) in NAMING_PARTICIPLES or not w.text.lower().endswith("ed"):
        return False
    kids = parse.children(w)
    if any(k.deprel in ("aux", "aux:pass", "obl:agent", "mark") for k in kids):
        return False
    return any(k.rel in ("obj", "xcomp") and k.index > w.index and k.upos in ("NOUN", "PROPN", "PRON")
               for k in kids)
