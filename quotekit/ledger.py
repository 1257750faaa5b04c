"""The quote ledger: one polars row per attribution, its schema defined once, here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String,
    "doc": pl.String,
    "lang": pl.String,
    "quote_id": pl.String,
    "quote_type": pl.String,
    "quote": pl.String,
    "quote_original": pl.String,
    "quote_start": pl.Int64,
    "quote_end": pl.Int64,
    "quote_en_start": pl.Int64,
    "quote_en_end": pl.Int64,
    "speaker": pl.String,
    "speaker_start": pl.Int64,
    "speaker_end": pl.Int64,
    "speaker_resolved": pl.String,
    "speaker_role": pl.String,
    "cue": pl.String,
    "cue_start": pl.Int64,
    "cue_end": pl.Int64,
    "outlet": pl.String,
    "channel": pl.String,
    "published_by": pl.String,
    "sentence_index": pl.Int64,
    "method": pl.String,  # rules, or learned: a row a locally trained model added (--learned)
}

COLUMNS: tuple[str, ...] = tuple(SCHEMA)


@dataclass(frozen=True)
class LedgerRow:
    """One attribution with every span already mapped into the text as read."""

    source_file: str | None
    doc: str
    lang: str
    quote_id: str
    quote_type: str
    quote: str
    quote_original: str
    quote_start: int
    quote_end: int
    quote_en_start: int
    quote_en_end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    speaker_role: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    outlet: str | None
    channel: str | None
    published_by: str | None
    sentence_index: int | None
    method: str = "rules"


def empty() -> pl.DataFrame:
    """A ledger with no rows and the full schema."""
    return pl.DataFrame(schema=SCHEMA)


def build(rows: Iterable[LedgerRow]) -> pl.DataFrame:
    """Turn rows into a ledger frame with the canonical column order and types."""
    records = [{name: getattr(row, name) for name in COLUMNS} for row in rows]
    if not records:
        return empty()
    return pl.DataFrame(records, schema=SCHEMA)


def concat(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """Stack per-document ledgers into one."""
    frames = [f for f in frames if f.height]
    if not frames:
        return empty()
    return pl.concat(frames, how="vertical")
