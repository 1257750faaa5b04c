"""`quotekit extract` end to end through the CLI (typer's CliRunner), on the shipped models."""

from __future__ import annotations

import polars as pl
from typer.testing import CliRunner

from quotekit.cli import app

from .conftest import SAMPLES, SEED_ARTICLE

runner = CliRunner()


def test_extract_seed_to_csv(tmp_path, english_pipeline):
    out = tmp_path / "ledger.csv"
    result = runner.invoke(app, ["extract", str(SEED_ARTICLE), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ledger = pl.read_csv(out)
    assert {"source_file", "doc", "quote_type", "speaker_resolved", "outlet", "channel"} <= set(ledger.columns)
    assert set(ledger["doc"].to_list()) == {"seed_article"}
    by_channel = {row["channel"]: row for row in ledger.to_dicts() if row["channel"]}
    assert by_channel["Rossiya 1"]["speaker_resolved"] == "Igor Korotchenko"
    assert by_channel["Russian state TV"]["speaker_resolved"] == "Igor Korotchenko"
    assert by_channel["diplomatic channels"]["outlet"] == "Regnum"


def test_extract_folder_writes_one_jsonl_ledger(tmp_path, english_pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("harbour_strike.txt", "election_night.md"):
        (folder / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "ledger.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "--format", "jsonl", "-o", str(out), "--from", "en"])
    assert result.exit_code == 0, result.output
    ledger = pl.read_ndjson(out)
    assert set(ledger["doc"].to_list()) == {"harbour_strike", "election_night"}
    assert ledger.filter(pl.col("speaker_resolved") == "Elena Marsh").height >= 2


def test_extract_stdin_table(english_pipeline):
    result = runner.invoke(app, ["extract", "-", "--from", "en"],
                           input='"We will rebuild the bridge by May," the mayor, Anna Keller, said.\n')
    assert result.exit_code == 0, result.output
    assert "Anna Keller" in result.stdout


def test_extract_csv_and_nl_shortcuts(english_pipeline):
    text = '"We will rebuild the bridge by May," the mayor, Anna Keller, said.\n'
    as_csv = runner.invoke(app, ["extract", "-", "--from", "en", "--csv"], input=text)
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.stdout.splitlines()[0].startswith("source_file,doc,lang")
    assert "Anna Keller" in as_csv.stdout
    as_nl = runner.invoke(app, ["extract", "-", "--from", "en", "--nl"], input=text)
    assert as_nl.exit_code == 0, as_nl.output
    assert pl.read_ndjson(as_nl.stdout.encode())["speaker_resolved"].to_list() == ["Anna Keller"]
    clash = runner.invoke(app, ["extract", "-", "--csv", "--format", "jsonl"], input=text)
    assert clash.exit_code == 2
    assert "choose one output format" in clash.output
