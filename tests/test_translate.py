"""Offline sentence-aligned translation with real (toy) Argos packages (quotekit/translate.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from quotekit import translate as translate_module
from quotekit.errors import ModelError, TranslationError
from quotekit.models import ArgosPackage
from quotekit.translate import (
    DecodeSettings,
    find_route,
    load_package_model,
    translate_document,
    translate_documents,
    translation_cache,
)

from .toy_argos import fresh_toy_root, to_xx, to_yy

ENGLISH = (
    "Rossi said: «We will support the new plan. The tax is not fair.» The council approved the budget.\n"
    "«They ignored our local school», Bianchi warned. Weber declared: „They rejected the plan.“\n"
    'Today, the mayor of the city visited a hospital. Costa told the press: "We need a strong bank."'
)


@pytest.fixture
def toy(tmp_path_factory, tmp_path, monkeypatch, no_network):
    """Both toy packages installed in a private models root (its own translation cache)."""
    return fresh_toy_root(tmp_path_factory, tmp_path, monkeypatch)


def test_translates_real_sentences_word_for_word(toy):
    english = "Rossi told the press that the new law is unfair."
    translation = translate_document(to_xx(english), "xx")
    assert translation.english == english
    assert translation.models == ("translate-xx_en-1_0",)
    assert (translation.source_lang, translation.target_lang) == ("xx", "en")


def test_document_with_quotes_and_paragraphs(toy):
    source = to_xx(ENGLISH)
    translation = translate_document(source, "xx")
    assert translation.english == ENGLISH
    # segments tile both texts in order; copied segments are identical on both sides
    assert translation.segments[0].src_start == 0 and translation.segments[0].en_start == 0
    for before, after in zip(translation.segments, translation.segments[1:], strict=False):
        assert (before.src_end, before.en_end) == (after.src_start, after.en_start)
    assert (translation.segments[-1].src_end, translation.segments[-1].en_end) == (len(source), len(ENGLISH))
    for segment in translation.segments:
        if segment.kind in ("copy", "mark"):
            assert source[segment.src_start:segment.src_end] == ENGLISH[segment.en_start:segment.en_end]
    assert "\n" in "".join(source[s.src_start:s.src_end] for s in translation.segments if s.kind == "copy")


def test_quotes_survive_and_map_exactly_to_the_original_words(toy):
    source = to_xx(ENGLISH)
    translation = translate_document(source, "xx")
    english_quotes = [ENGLISH[q.en_open:q.en_close] for q in translation.quotes]
    assert english_quotes == ["«We will support the new plan. The tax is not fair.»", "«They ignored our local school»",
                              "„They rejected the plan.“", '"We need a strong bank."']
    for quote in translation.quotes:
        content = (quote.en_content_start, quote.en_content_end)
        assert translation.to_source(*content) == (quote.src_content_start, quote.src_content_end)
        assert translation.to_source(quote.en_open, quote.en_close) == (quote.src_open, quote.src_close)
        original = source[quote.src_content_start:quote.src_content_end]
        assert original == to_xx(ENGLISH[content[0]:content[1]])
    # segments inside quotes are marked as such; quote marks are copied, never translated
    kinds = {s.kind for s in translation.segments}
    assert {"quote", "mark", "text", "copy"} <= kinds


def test_to_source_for_sentences_words_and_the_inverse(toy):
    source = to_xx(ENGLISH)
    translation = translate_document(source, "xx")
    assert len(translation.sentences) == 6
    for sentence in translation.sentences:
        assert translation.to_source(sentence.en_start, sentence.en_end) == (sentence.src_start, sentence.src_end)
        assert translation.to_english(sentence.src_start, sentence.src_end) == (sentence.en_start, sentence.en_end)
        assert source[sentence.src_start:sentence.src_end] == to_xx(ENGLISH[sentence.en_start:sentence.en_end])
    for word in ("Bianchi", "warned", "mayor", "visited a hospital"):
        start = ENGLISH.index(word)
        src_start, src_end = translation.to_source(start, start + len(word))
        assert source[src_start:src_end] == to_xx(word)  # word-for-word: words map by position
    inside = ENGLISH.index("arne")  # part of a word widens to the whole word
    assert source[slice(*translation.to_source(inside, inside + 2))] == to_xx("warned")


def test_pivots_through_an_intermediate_language(toy):
    english = "Petrov warned: «No court will accept the plan.» The army left the village."
    translation = translate_document(to_yy(english), "yy")
    assert translation.english == english
    assert translation.models == ("translate-yy_xx-1_0", "translate-xx_en-1_0")
    quote = translation.quotes[0]
    assert translation.to_source(quote.en_content_start, quote.en_content_end) == (
        quote.src_content_start, quote.src_content_end)


def test_route_is_shortest_and_prefers_english_as_pivot():
    def package(source: str, target: str) -> ArgosPackage:
        return ArgosPackage(f"{source}-{target}", None, source, target, "", "", "1", "1")

    packages = [package("it", "fr"), package("fr", "de"), package("it", "en"), package("en", "de"),
                package("de", "ru"), package("it", "de")]
    assert [p.name for p in find_route("it", "de", packages)] == ["it-de"]
    assert [p.name for p in find_route("it", "de", packages[:-1])] == ["it-en", "en-de"]
    assert [p.name for p in find_route("it", "ru", packages[:-1])] == ["it-en", "en-de", "de-ru"]
    with pytest.raises(TranslationError):
        find_route("ru", "it", packages)


def test_missing_pair_is_a_one_line_translation_error(toy):
    with pytest.raises(TranslationError) as caught:
        translate_document("Il sindaco ha parlato.", "it")
    assert str(caught.value) == (
        "no translation model installed for it->en; install one with: quotekit models install FILE.argosmodel"
    )


def test_damaged_package_is_a_model_error_naming_the_file(toy):
    package_dir = toy / "argos" / "translate-xx_en-1_0"
    (package_dir / "model" / "model.bin").write_bytes(b"\0" * 64)
    with pytest.raises(ModelError) as caught:
        translate_document(to_xx("The army left the village."), "xx")
    assert str(package_dir / "model" / "model.bin") in str(caught.value)
    assert "quotekit models install" in str(caught.value) and "\n" not in str(caught.value)
    (package_dir / "sentencepiece.model").unlink()
    with pytest.raises(ModelError, match="sentencepiece.model: missing; reinstall the package with: quotekit"):
        translate_document(to_xx("The army left the village."), "xx")


def test_same_language_is_returned_unchanged_with_identity_alignment(toy):
    text = 'The mayor said: "We will win." Then he left.'
    translation = translate_document(text, "en")
    assert translation.english == text
    assert translation.to_source(4, 9) == (4, 9)
    assert translate_document("", "xx").english == ""


def test_cache_makes_reruns_skip_the_model(toy, monkeypatch):
    source = to_xx(ENGLISH)
    first = translate_document(source, "xx")
    assert translation_cache().count() >= len([s for s in first.segments if s.kind in ("text", "quote")])
    translate_module._CACHES.clear()  # a new process: the cache is read back from disk

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded although every sentence is cached")

    monkeypatch.setattr(translate_module, "load_package_model", no_model)
    assert translate_document(source, "xx") == first
    with pytest.raises(AssertionError, match="model was loaded"):
        translate_document(source, "xx", use_cache=False)


def test_many_documents_share_batches_and_long_runs_are_chunked(toy, monkeypatch):
    # the toy model only ever saw short inputs, so shrink the chunk limits to its scale
    monkeypatch.setattr(translate_module, "SOFT_UNIT_WORDS", 3)
    monkeypatch.setattr(translate_module, "MAX_UNIT_WORDS", 8)
    long_english = ("Rossi told the press: Bianchi told the judge: Conte told the court: "
                    "Weber warned the council: the plan is not fair.")
    documents = [ENGLISH, long_english, "Yesterday, the police closed the road.", ENGLISH]
    reported = []
    translations = translate_documents([to_xx(d) for d in documents], "xx", progress=reported.append,
                                       use_cache=False)
    assert [t.english for t in translations] == documents
    long_units = [translations[1].english[s.en_start:s.en_end] for s in translations[1].segments if s.kind == "text"]
    assert long_units == ["Rossi told the press:", "Bianchi told the judge:", "Conte told the court:",
                          "Weber warned the council:", "the plan is not fair."]  # cut at clause punctuation
    assert sum(reported) == pytest.approx(sum(len(t.sentences) for t in translations))  # progress in sentences
    units = {t.source[s.src_start:s.src_end] for t in translations for s in t.segments if s.kind in ("text", "quote")}
    assert len(reported) == 2  # nothing cached, then one model call for the distinct runs of all documents
    assert reported[0] == 0 and len(units) < sum(len(t.segments) for t in translations)


def test_runs_without_punctuation_are_cut_at_the_hard_limit(monkeypatch):
    monkeypatch.setattr(translate_module, "SOFT_UNIT_WORDS", 6)
    monkeypatch.setattr(translate_module, "MAX_UNIT_WORDS", 8)
    text = " ".join(f"w{i}" for i in range(20)) + "."
    plan = translate_module._plan(text)
    units = [text[p.start:p.end] for p in plan.pieces if p.kind == "text"]
    assert [len(unit.split()) for unit in units] == [8, 8, 4]
    assert "".join(text[p.start:p.end] for p in plan.pieces) == text


def test_models_load_once_with_int8(toy):
    package = find_route("xx", "en")[0]
    settings = DecodeSettings()
    model = load_package_model(package, settings)
    assert load_package_model(package, settings) is model
    assert model.translator.compute_type.startswith("int8")  # int8 weights (int8_float32 on this CPU)


def test_alignment_json_round_trips_offsets(toy):
    translation = translate_document(to_xx(ENGLISH), "xx")
    data = translation.alignment_json()
    assert data["models"] == ["translate-xx_en-1_0"]
    assert len(data["segments"]) == len(translation.segments)
    assert data["quotes"][0][:4] == [translation.quotes[0].src_open, translation.quotes[0].src_content_start,
                                     translation.quotes[0].src_content_end, translation.quotes[0].src_close]


def test_quotekit_never_imports_argostranslate_minisbd_or_spacy(toy):
    code = textwrap.dedent(
        """
        import sys
        sys.path.insert(0, sys.argv[1])
        from quotekit.translate import translate_document
        from quotekit.cli import app
        from tests.toy_argos import to_xx
        english = "Rossi said: «We will win.»"
        assert translate_document(to_xx(english), "xx").english == english
        print(sorted(m for m in ("argostranslate", "minisbd", "spacy") if m in sys.modules))
        """
    )
    import os
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[1])
    result = subprocess.run([sys.executable, "-c", code, repo], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
