"""A fast, deterministic stand-in for pipeline.extract_source, for batch/resume/hostile-input tests.

It uses the real quote-mark scanner (quotekit.attribute.quotes) but no neural models: one ledger row
per quoted span, offsets into ``source.text``. Optional slowness and a trail of finished documents
let the kill test stop a batch mid-way. Run as a script it is a tiny batch driver for subprocesses.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import polars as pl

from quotekit import ledger
from quotekit.attribute.quotes import find_quote_spans
from quotekit.ingest import Source

DELAY_ENV = "QK_FAKE_DELAY"  # seconds to sleep per document
TRAIL_ENV = "QK_FAKE_TRAIL"  # folder: one empty file per document extracted


def fake_extract(source: Source) -> pl.DataFrame:
    """One row per quote-mark span, with the sentence index counted as preceding line breaks."""
    delay = float(os.environ.get(DELAY_ENV, "0") or 0)
    if delay:
        time.sleep(delay)
    text = source.text
    rows = []
    for number, span in enumerate(find_quote_spans(text), start=1):
        rows.append(ledger.LedgerRow(
            source_file=source.path, doc=source.doc, lang="en", quote_id=f"{source.doc}:{number}",
            quote_type="direct", quote=text[span.start:span.end], quote_original=text[span.start:span.end],
            quote_start=span.start, quote_end=span.end, quote_en_start=span.start, quote_en_end=span.end,
            speaker=None, speaker_start=None, speaker_end=None, speaker_resolved=None, speaker_role=None,
            cue=None, cue_start=None, cue_end=None, outlet=None, channel=None,
            published_by=source.metadata.get("sitename"), sentence_index=text.count("\n", 0, span.start),
        ))
    trail = os.environ.get(TRAIL_ENV)
    if trail:
        Path(trail, f"{len(os.listdir(trail)):05d}").touch()
    return ledger.build(rows)


def main(argv: list[str]) -> int:
    """``python fake_extractor.py OUTPUT INPUT...``: a CSV batch with resume, like ``quotekit extract``."""
    from quotekit.batch import ExtractRun, run_extract

    output, *inputs = argv
    result = run_extract(inputs, fake_extract, ExtractRun(fmt="csv", output=Path(output), fingerprint="fake"))
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
