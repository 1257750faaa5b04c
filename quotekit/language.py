"""Offline language identification per document (lingua), as ISO 639-1 codes.

The detector is built once per process from the languages our users write in, not from all 75
lingua knows: fewer candidates is faster and makes fewer confusions on short news text. It runs in
lingua's low-accuracy mode (trigram models only): that loads in under a second instead of about a
second per candidate language, and is reliable on the paragraph-length text we classify; text
too short or too close to call falls back to English.
"""

from __future__ import annotations

import re
from functools import lru_cache

DETECTABLE_CODES = (
    "en", "it", "ru", "uk", "de", "fr", "es", "pt", "nl", "pl", "cs", "ro", "tr", "ar", "zh", "ja",
    "ko", "el", "hu", "sv", "bg", "he", "fa", "hi",
)
FALLBACK = "en"
MIN_LETTERS = 12  # fewer letters than this is too short to call
SAMPLE_CHARS = 4000  # a news story's language is clear from its opening paragraphs
MIN_RELATIVE_DISTANCE = 0.05
LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTABLE_CODES]
    return (
        LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
        .with_low_accuracy_mode()
        .with_minimum_relative_distance(MIN_RELATIVE_DISTANCE)
        .build()
    )


def detect_language(text: str) -> str:
    """The document's language as an ISO 639-1 code; "en" when the text is too short or ambiguous."""
    sample = text[:SAMPLE_CHARS]
    if len(LETTER_RE.findall(sample)) < MIN_LETTERS:
        return FALLBACK
    language = _detector().detect_language_of(sample)
    if language is None:
        return FALLBACK
    return language.iso_code_639_1.name.lower()
