"""`quotekit extract` on non-English text: translate, attribute in English, map spans back."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotekit import extract_text
from quotekit.cli import app

from .conftest import EN_MODELS
from .toy_argos import fresh_toy_root, to_xx

ENGLISH = "Rossi said: «We will support the new plan.» The council approved the budget."


@pytest.fixture
def toy_with_english_parser(tmp_path_factory, tmp_path, monkeypatch, no_network):
    """Toy translation packages plus the shipped English Stanza models, in a private models root."""
    root = fresh_toy_root(tmp_path_factory, tmp_path, monkeypatch)
    (root / "stanza").mkdir()
    (root / "stanza" / "en").symlink_to(EN_MODELS, target_is_directory=True)
    return root


def test_extract_translates_then_maps_the_quote_back_to_the_original(toy_with_english_parser):
    source = to_xx(ENGLISH)
    ledger = extract_text(source, lang="xx")
    direct = ledger.filter(ledger["quote_type"] == "direct").to_dicts()
    assert len(direct) == 1
    row = direct[0]
    assert row["lang"] == "xx"
    assert row["quote"] == "We will support the new plan."
    assert row["quote_original"] == to_xx("We will support the new plan.")
    assert source[row["quote_start"]:row["quote_end"]] == row["quote_original"]
    assert row["speaker_resolved"] == "Rossi"
    assert source[row["speaker_start"]:row["speaker_end"]] == "Rossi"
    assert source[row["cue_start"]:row["cue_end"]] == to_xx("said")


def test_cli_extract_from_toy_language(toy_with_english_parser, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(to_xx(ENGLISH), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--from", "xx", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [(r["quote_type"], r["quote"], r["quote_original"]) for r in rows if r["quote_type"] == "direct"] == [
        ("direct", "We will support the new plan.", to_xx("We will support the new plan."))
    ]
