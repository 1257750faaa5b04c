"""Words that introduce attributions: speech, writing, cognition and reporting cues (English lemmas)."""

from __future__ import annotations

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
    label brand dub yell holler chant bark interject echo read title headline write
    """.split()
)

# Cognition / intention verbs: PolNeAR counts them as attributions ("X believes that ...").
COGNITION_VERBS = frozenset(
    """
    believe think feel know hope fear worry expect doubt suspect assume presume suppose guess
    wonder consider regard reckon imagine understand realize realise recognize recognise learn
    hear see want plan intend wish prefer seek aim try
    """.split()
)

CUE_VERBS_BASE = SPEECH_VERBS | COGNITION_VERBS

# Verbs that are cues only with a clausal complement, never with just a quote next to them.
WEAK_CUES = frozenset({"see", "find", "show", "learn", "hear", "know", "understand", "want", "try",
                       "continue", "begin", "start", "decide", "determine", "seek", "aim", "order",
                       "feel", "prove", "call", "rule", "direct", "consider", "regard",
                       "label", "brand", "dub"})

# Labels that open a line with a colon but attribute nothing ("Update: ...", "Photo: ...").
LINE_LABELS = frozenset("""question answer q a update updated editor note photo photos video watch related read
    more source sources note breaking exclusive live opinion analysis by via correction clarification
    disclosure warning caption transcript listen see also contact email tags topics latest""".split())

# Nouns that head an attribution: "the minister's statement that ...", "in a statement, X said".
CUE_NOUNS = frozenset(
    """
    statement claim remark comment announcement report warning promise pledge assertion allegation
    accusation admission denial belief view opinion argument suggestion proposal insistence
    assurance prediction testimony interview speech tweet post message letter
    """.split()
)

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
    apologize cheer boo target
    """.split()
)
OBJECT_CUE_PREPOSITIONS = {"call": "for", "push": "for", "argue": "for", "warn": "of", "complain": "about",
                           "talk": "about", "speak": "about", "worry": "about", "ask": "for",
                           "vote": "for", "refer": "to", "apologize": "for", "point": "to"}

CUE_VERBS = CUE_VERBS_BASE | OBJECT_CUES | frozenset(OBJECT_CUE_PREPOSITIONS)

