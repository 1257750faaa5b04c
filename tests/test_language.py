"""Offline language identification (quotekit/language.py)."""

from __future__ import annotations

import pytest

from quotekit import language
from quotekit.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Il sindaco ha detto che la nuova legge è ingiusta per le famiglie della città.", "it"),
        ("Мэр заявил, что новый закон несправедлив по отношению к семьям города.", "ru"),
        ("Мер заявив, що новий закон несправедливий щодо родин нашого міста.", "uk"),
        ("Der Bürgermeister sagte, das neue Gesetz sei ungerecht für die Familien der Stadt.", "de"),
        ("Le maire a déclaré que la nouvelle loi est injuste pour les familles de la ville.", "fr"),
        ("El alcalde dijo que la nueva ley es injusta para las familias de la ciudad.", "es"),
        ("The mayor said the new law is unfair to the families of the city.", "en"),
    ],
)
def test_detects_the_languages_our_sources_are_in(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Ok.", "12345 678 90", "«Sì»", "   \n  "])
def test_short_or_letterless_text_falls_back_to_english(text):
    assert detect_language(text) == "en"


def test_long_documents_are_classified_from_their_opening():
    text = "Il governo ha approvato il bilancio della regione. " * 400
    assert detect_language(text) == "it"


def test_detector_is_built_once():
    assert language._detector() is language._detector()


def test_returns_iso_639_1_codes_from_the_configured_set():
    code = detect_language("Президент заявил журналистам, что переговоры продолжатся завтра утром.")
    assert code in language.DETECTABLE_CODES and len(code) == 2
