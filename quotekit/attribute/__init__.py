"""The attribution engine: quote marks, reported speech, speakers, outlets and channels.

quotes.py finds quoted spans from marks alone; parse.py is an immutable view of a dependency parse;
cues.py holds cue lexicons; speakers.py finds speaker phrases, roles and resolves pronouns/short
names; media.py classifies outlets and channels; engine.py combines them into Attributions.
"""

from .engine import Attribution, attribute_parse, attribute_text
from .media import Gazetteer, load_gazetteer
from .quotes import QuoteSpan, find_quote_spans

__all__ = ["Attribution", "Gazetteer", "QuoteSpan", "attribute_parse", "attribute_text", "find_quote_spans",
           "load_gazetteer"]
