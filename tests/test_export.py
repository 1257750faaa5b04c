"""Exports: atomic replacement, spreadsheet formula neutralisation, output paths that stay put."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import polars as pl
import pytest

from quotekit import ledger
from quotekit.errors import OutputError
from quotekit.export import (
    atomic_write,
    atomic_write_text,
    check_destination,
    neutralise_cell,
    render_table,
    safe_output_path,
    write_ledger,
)

RISKY = ['=HYPERLINK("http://evil","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1",
         "\r=1+1"]


def _row(quote: str, speaker: str | None = "Ann", start: int = 0) -> ledger.LedgerRow:
    return ledger.LedgerRow(
        source_file="news/a.txt", doc="a", lang="en", quote_id=f"a:{start}", quote_type="direct", quote=quote,
        quote_original=quote, quote_start=start, quote_end=start + len(quote), quote_en_start=start,
        quote_en_end=start + len(quote), speaker=speaker, speaker_start=None, speaker_end=None,
        speaker_resolved=speaker, speaker_role=None, cue="said", cue_start=None, cue_end=None, outlet=None,
        channel=None, published_by=None, sentence_index=0,
    )


def _frame() -> pl.DataFrame:
    rows = [_row(text, start=10 * i) for i, text in enumerate(RISKY)]
    rows.append(_row("Plain words, = inside is fine", speaker="=cmd()", start=99))
    return ledger.build(rows)


@pytest.mark.parametrize("value", RISKY)
def test_risky_cells_get_an_apostrophe(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "plain", " =1+1 with a space first", "a=b", "'already quoted", "1-2"])
def test_ordinary_cells_are_untouched(value: str) -> None:
    assert neutralise_cell(value) == value


def test_csv_export_neutralises_every_string_column(tmp_path: Path) -> None:
    out = tmp_path / "ledger.csv"
    write_ledger(_frame(), "csv", out)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    quotes = [row["quote"] for row in rows]
    assert quotes == ["'" + value for value in RISKY] + ["Plain words, = inside is fine"]
    assert rows[-1]["speaker"] == "'=cmd()"
    assert rows[-1]["speaker_resolved"] == "'=cmd()"
    assert [row["quote_start"] for row in rows] == ["0", "10", "20", "30", "40", "50", "99"]  # numbers stay


def test_raw_csv_and_other_formats_keep_cells_verbatim(tmp_path: Path) -> None:
    frame = _frame()
    write_ledger(frame, "csv", tmp_path / "raw.csv", raw=True)
    assert pl.read_csv(tmp_path / "raw.csv", schema=ledger.SCHEMA).equals(frame)
    write_ledger(frame, "jsonl", tmp_path / "l.jsonl")
    lines = (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["quote"] for line in lines][:len(RISKY)] == RISKY
    write_ledger(frame, "parquet", tmp_path / "l.parquet")
    assert pl.read_parquet(tmp_path / "l.parquet").equals(frame)


def test_stdout_output_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_ledger(_frame(), "csv", None)
    printed = capsys.readouterr().out
    assert printed.splitlines()[0].split(",")[:3] == ["source_file", "doc", "lang"]
    assert "'=HYPERLINK" in printed
    write_ledger(_frame(), "table", tmp_path / "t.txt")
    table = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert "speaker" in table and "SUM(A1:A9)" in table


def test_table_fits_the_terminal_width() -> None:
    long_quote = "We cannot keep the harbour closed for another week, and every single day matters to us " * 2
    frame = _frame().head(1).with_columns(pl.lit(long_quote).alias("quote"), pl.lit("direct").alias("quote_type"),
                                          pl.lit("Elena Marsh").alias("speaker_resolved"),
                                          pl.lit("harbour master").alias("speaker_role"))
    for width in (60, 80, 100, 140, 200):
        shown = render_table(frame, width=width)
        assert max(len(line) for line in shown.splitlines()) <= width
        assert "Elena Marsh (harbour master)" in " ".join(shown.split())
    narrow = render_table(frame, width=80)
    # a narrow terminal keeps the quote's words whole, in quote marks because it is direct
    assert "\u201cWe cannot keep the harbour closed for another week, and every single day" in " ".join(narrow.split())
    assert all(word in narrow.split() for word in ("harbour", "closed", "another", "matters"))


def test_destination_problems_are_output_errors_raised_before_work(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="parquet is binary"):
        check_destination("parquet", None)
    with pytest.raises(OutputError, match="output folder does not exist"):
        check_destination("csv", tmp_path / "missing" / "x.csv")
    with pytest.raises(OutputError, match="is a folder"):
        check_destination("csv", tmp_path)
    with pytest.raises(OutputError, match="unknown format"):
        check_destination("xlsx", tmp_path / "x.xlsx")
    check_destination("csv", tmp_path / "fine.csv")


def test_a_failed_write_leaves_the_old_file_and_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "ledger.csv"
    target.write_text("old complete ledger\n", encoding="utf-8")

    def half_then_crash(handle: io.BufferedWriter) -> None:
        handle.write(b"new partial le")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(target, half_then_crash)
    assert target.read_text(encoding="utf-8") == "old complete ledger\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv"]


def test_atomic_write_replaces_content_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second, longer text")
    assert target.read_text(encoding="utf-8") == "second, longer text"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


def test_a_symlink_at_the_output_path_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("must survive", encoding="utf-8")
    link = tmp_path / "ledger.csv"
    link.symlink_to(victim)
    write_ledger(_frame(), "csv", link)
    assert victim.read_text(encoding="utf-8") == "must survive"
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("source_file,")


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd", "a/../../b.txt", "", "sub/../..", ".",
                                  "x\x00y", "link_out/file.txt"])
def test_output_names_cannot_leave_the_output_folder(tmp_path: Path, name: str) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "link_out").symlink_to(outside)
    with pytest.raises(OutputError):
        safe_output_path(folder, name)


def test_safe_output_path_allows_names_inside(tmp_path: Path) -> None:
    assert safe_output_path(tmp_path, "doc.en.txt") == tmp_path.resolve() / "doc.en.txt"
    root = tmp_path.resolve()
    assert safe_output_path(tmp_path, "sub/deeper/doc.txt") == root / "sub" / "deeper" / "doc.txt"
    assert safe_output_path(tmp_path, "..name-with-dots..txt") == tmp_path.resolve() / "..name-with-dots..txt"
