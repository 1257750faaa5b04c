"""One document through every stage: language -> translate -> parse -> attribute -> ledger."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import ledger
from .ingest import Source


@dataclass(frozen=True)
class ExtractOptions:
    """What the user chose for a run; the same for every file in a batch."""

    lang: str | None = None  # None: detect per document
    publisher: str | None = None
    gazetteer: Path | None = None
    learned: Path | None = None  # a model `quotekit learn` trained: its rows join the rules' (method=learned)


def extract_source(source: Source, options: ExtractOptions = ExtractOptions()) -> pl.DataFrame:
    """Attribute every quote in one document; spans index ``source.text``."""
    from .attribute import attribute_text, load_gazetteer
    from .language import detect_language

    text = source.text
    if not text.strip():
        return ledger.empty()
    lang = options.lang or detect_language(text)
    translation = None
    english = text
    if lang != "en":
        from .translate import translate_document

        translation = translate_document(text, lang)
        english = translation.english
    gazetteer = load_gazetteer(options.gazetteer)
    learned = None
    if options.learned is not None:
        from .attribute.learned import load_model

        learned = load_model(options.learned)
    attributions = attribute_text(english, gazetteer=gazetteer, learned=learned)
    publisher = options.publisher or source.metadata.get("sitename")

    rows = []
    for number, att in enumerate(attributions, start=1):
        if translation is None:
            q_start, q_end = att.quote_start, att.quote_end
            s_start, s_end = att.speaker_start, att.speaker_end
            c_start, c_end = att.cue_start, att.cue_end
        else:
            q_start, q_end = translation.to_source(att.quote_start, att.quote_end)
            s_start, s_end = _map_optional(translation, att.speaker_start, att.speaker_end)
            c_start, c_end = _map_optional(translation, att.cue_start, att.cue_end)
        rows.append(
            ledger.LedgerRow(
                source_file=source.path,
                doc=source.doc,
                lang=lang,
                quote_id=f"{source.doc}:{number}",
                quote_type=att.quote_type,
                quote=english[att.quote_start:att.quote_end],
                quote_original=text[q_start:q_end],
                quote_start=q_start,
                quote_end=q_end,
                quote_en_start=att.quote_start,
                quote_en_end=att.quote_end,
                speaker=english[att.speaker_start:att.speaker_end] if att.speaker_start is not None else None,
                speaker_start=s_start,
                speaker_end=s_end,
                speaker_resolved=att.speaker_resolved,
                speaker_role=att.speaker_role,
                cue=english[att.cue_start:att.cue_end] if att.cue_start is not None else None,
                cue_start=c_start,
                cue_end=c_end,
                outlet=att.outlet,
                channel=att.channel,
                published_by=publisher,
                sentence_index=att.sentence_index,
                method=att.method,
            )
        )
    return ledger.build(rows)


def _map_optional(translation, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    if start is None or end is None:
        return None, None
    return translation.to_source(start, end)


def extract_text(text: str, *, lang: str | None = "en", doc: str = "text", publisher: str | None = None,
                 gazetteer: Path | None = None, learned: Path | None = None) -> pl.DataFrame:
    """The Python front door: text in, ledger out (``lang=None`` detects the language)."""
    source = Source(text=text, doc=doc)
    return extract_source(source, ExtractOptions(lang=lang, publisher=publisher, gazetteer=gazetteer,
                                                 learned=learned))
