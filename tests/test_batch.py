"""Batches: per-file isolation, errors ledger, exit codes, resume after kill -9, chunked documents."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from quotekit import ledger
from quotekit.batch import (
    ExtractRun,
    WorkFolder,
    extract_chunked,
    run_batch,
    run_extract,
    work_folder_for,
)
from quotekit.cli import app
from quotekit.errors import ModelError, TranslationError
from quotekit.ingest import Source

from .fake_extractor import DELAY_ENV, TRAIL_ENV, fake_extract

REPO = Path(__file__).resolve().parents[1]
STANZA_EN = REPO / "models" / "stanza" / "en" / "tokenize.pt"


def quiet() -> Console:
    return Console(file=StringIO(), width=200)


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"doc{number:02d}.txt"
        quotes = " ".join(f'Speaker {k} said "quote {number}-{k} here".' for k in range(number % 4 + 1))
        path.write_text(f"Story {number}.\n\n{quotes}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_every_file_yields_rows_or_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = make_corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))

    def picky(source: Source) -> pl.DataFrame:
        if source.doc == "doc01":
            raise TranslationError("no Argos package for xx->en")
        if source.doc == "doc02":
            raise ZeroDivisionError("boom")
        return fake_extract(source)

    console = quiet()
    result = run_batch([str(p) for p in [*good, tmp_path / "in" / "junk.txt"]], picky, console=console)
    assert result.exit_code == 1
    assert result.ledger["doc"].unique().to_list() == ["doc00"]
    errors = {Path(e.source_file).name: (e.stage, e.error) for e in result.errors}
    assert errors == {
        "doc01.txt": ("translate", "no Argos package for xx->en"),
        "doc02.txt": ("extract", "internal error (ZeroDivisionError: boom)"),
        "junk.txt": ("ingest", "binary file (a PNG image), not text"),
    }
    shown = console.file.getvalue()
    assert "error: " in shown and "(translate) no Argos package" in shown


def test_an_extractor_returning_garbage_is_that_files_error(tmp_path: Path) -> None:
    (path,) = make_corpus(tmp_path, 1)
    result = run_batch([str(path)], lambda source: pl.DataFrame({"x": [1]}), console=quiet())
    assert [e.error for e in result.errors] == ["extractor returned something other than a ledger frame"]


def test_errors_csv_beside_the_output_and_summary(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "=evil.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out" / "ledger.csv"
    out.parent.mkdir()
    console = quiet()
    result = run_extract([str(tmp_path / "in")], fake_extract, ExtractRun(fmt="csv", output=out), console)
    assert result.exit_code == 1
    errors = pl.read_csv(out.parent / "ledger.errors.csv")
    assert errors.columns == ["source_file", "stage", "error"]
    assert errors.rows() == [(str(tmp_path / "in" / "=evil.txt"), "ingest",
                              "binary file (216 control bytes in 2048), not text")]
    assert pl.read_csv(out).height == 1 + 2
    assert "3 rows from 2 of 3 files; 1 failed; see" in console.file.getvalue()
    assert work_folder_for(out).is_dir()  # kept: the next run retries only the failed file


def test_errors_csv_cells_are_neutralised_too(tmp_path: Path) -> None:
    evil = tmp_path / "=HYPERLINK(1).txt"
    evil.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "ledger.csv"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        run_extract([evil.name], fake_extract, ExtractRun(fmt="csv", output=out), quiet())
        run_extract([evil.name], fake_extract, ExtractRun(fmt="csv", output=out, raw=True,
                                                          errors_path=tmp_path / "raw.csv"), quiet())
    finally:
        os.chdir(cwd)
    assert pl.read_csv(tmp_path / "ledger.errors.csv")["source_file"].to_list() == ["'=HYPERLINK(1).txt"]
    assert pl.read_csv(tmp_path / "raw.csv")["source_file"].to_list() == ["=HYPERLINK(1).txt"]


def test_resume_after_interruption_extracts_only_the_rest(tmp_path: Path) -> None:
    inputs = [str(p) for p in make_corpus(tmp_path / "in", 6)]
    reference = tmp_path / "ref.csv"
    run_extract(inputs, fake_extract, ExtractRun(fmt="csv", output=reference), quiet())

    seen: list[str] = []

    def interrupted(source: Source) -> pl.DataFrame:
        if len(seen) == 3:
            raise KeyboardInterrupt
        seen.append(source.doc)
        return fake_extract(source)

    out = tmp_path / "ledger.csv"
    with pytest.raises(KeyboardInterrupt):
        run_extract(inputs, interrupted, ExtractRun(fmt="csv", output=out), quiet())
    assert not out.exists()
    seen.clear()

    def counting(source: Source) -> pl.DataFrame:
        seen.append(source.doc)
        return fake_extract(source)

    console = quiet()
    result = run_extract(inputs, counting, ExtractRun(fmt="csv", output=out), console)
    assert seen == ["doc03", "doc04", "doc05"]
    assert result.resumed == 3
    assert out.read_bytes() == reference.read_bytes()
    assert "3 carried over from an interrupted run" in console.file.getvalue()
    assert not work_folder_for(out).exists()  # all done: nothing left to resume


def test_a_manifest_line_cut_by_a_kill_is_ignored(tmp_path: Path) -> None:
    inputs = [str(p) for p in make_corpus(tmp_path / "in", 3)]
    folder = tmp_path / ".work"
    work = WorkFolder(folder, "fp", resume=True, console=quiet())
    run_batch(inputs[:2], fake_extract, work=work, console=quiet())
    with open(folder / "manifest.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"source_file": "' + inputs[2] + '", "sha2')  # the kill hit mid-line
    reopened = WorkFolder(folder, "fp", resume=True, console=quiet())
    assert sorted(key[0] for key in reopened.finished) == inputs[:2]
    lines = (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("source_file") for line in lines[1:]] == inputs[:2]
    result = run_batch(inputs, fake_extract, work=reopened, console=quiet())
    assert result.resumed == 2 and result.ledger.height == 1 + 2 + 3


def test_changed_files_options_and_no_resume_start_over(tmp_path: Path) -> None:
    inputs = [str(p) for p in make_corpus(tmp_path / "in", 3)]
    folder = tmp_path / ".work"
    run_batch(inputs, fake_extract, work=WorkFolder(folder, "fp", resume=True, console=quiet()),
              console=quiet())
    Path(inputs[1]).write_text('Changed: "new words".\n', encoding="utf-8")
    result = run_batch(inputs, fake_extract, work=WorkFolder(folder, "fp", resume=True, console=quiet()),
                       console=quiet())
    assert result.resumed == 2
    assert "new words" in result.ledger["quote"].to_list()
    console = quiet()
    result = run_batch(inputs, fake_extract, work=WorkFolder(folder, "other", resume=True, console=console),
                       console=quiet())
    assert result.resumed == 0
    assert "from a run with other options; starting over" in console.file.getvalue()
    result = run_batch(inputs, fake_extract, work=WorkFolder(folder, "other", resume=False, console=quiet()),
                       console=quiet())
    assert result.resumed == 0


def test_a_damaged_part_is_extracted_again(tmp_path: Path) -> None:
    inputs = [str(p) for p in make_corpus(tmp_path / "in", 2)]
    folder = tmp_path / ".work"
    first = run_batch(inputs, fake_extract, work=WorkFolder(folder, "fp", resume=True, console=quiet()),
                      console=quiet())
    for part in (folder / "parts").iterdir():
        part.write_bytes(b"not parquet")
    again = run_batch(inputs, fake_extract, work=WorkFolder(folder, "fp", resume=True, console=quiet()),
                      console=quiet())
    assert again.resumed == 0
    assert again.ledger.equals(first.ledger)


def test_a_full_disk_while_saving_progress_is_that_files_error(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [str(p) for p in make_corpus(tmp_path / "in", 2)]
    work = WorkFolder(tmp_path / ".work", "fp", resume=True, console=quiet())

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(work, "save", full_disk)
    result = run_batch(inputs, fake_extract, work=work, console=quiet())
    assert {(e.stage, e.error) for e in result.errors} == {("export", "cannot save this file's rows "
                                                                     "(No space left on device)")}
    assert len(result.errors) == 2


def test_kill_9_mid_batch_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    count = 12
    corpus = tmp_path / "in"
    make_corpus(corpus, count)
    reference = tmp_path / "ref" / "ledger.csv"
    reference.parent.mkdir()
    run_extract([str(corpus)], fake_extract, ExtractRun(fmt="csv", output=reference, fingerprint="fake"),
                quiet())

    out = tmp_path / "run" / "ledger.csv"
    out.parent.mkdir()
    trail = tmp_path / "trail1"
    trail.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), DELAY_ENV: "0.25", TRAIL_ENV: str(trail)}
    command = [sys.executable, "-m", "tests.fake_extractor", str(out), str(corpus)]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(os.listdir(trail)) < 4:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "batch made no progress"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not out.exists()
    manifest = (work_folder_for(out) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    finished = len(manifest) - 1
    assert 3 <= finished < count

    trail2 = tmp_path / "trail2"
    trail2.mkdir()
    env.update({DELAY_ENV: "0", TRAIL_ENV: str(trail2)})
    rerun = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert len(os.listdir(trail2)) == count - finished  # finished files were not extracted again
    frame = pl.read_csv(out)
    assert frame.height == sum(number % 4 + 1 for number in range(count))
    assert frame["quote_id"].n_unique() == frame.height  # no duplicates
    assert f"({finished} carried over from an interrupted run)" in rerun.stderr


def test_long_documents_are_chunked_with_offsets_into_the_whole_text() -> None:
    paragraphs = [f'Paragraph {i}: she said "point number {i}" and left.' for i in range(400)]
    text = "\n\n".join(paragraphs)
    source = Source(text=text, doc="long", path="long.txt")
    calls: list[int] = []

    def recording(chunk: Source) -> pl.DataFrame:
        calls.append(len(chunk.text))
        return fake_extract(chunk)

    chunked = extract_chunked(source, recording, chunk_chars=2_000)
    assert len(calls) > 10 and max(calls) <= 2_000
    whole = fake_extract(source)
    assert chunked.select("quote_start", "quote_end", "quote_en_start", "quote_en_end").equals(
        whole.select("quote_start", "quote_end", "quote_en_start", "quote_en_end"))
    assert chunked["quote_id"].to_list() == [f"long:{n}" for n in range(1, 401)]
    for start, end, quote in chunked.select("quote_start", "quote_end", "quote_original").iter_rows():
        assert text[start:end] == quote
    indexes = chunked["sentence_index"].to_list()
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)


def test_a_file_of_tens_of_megabytes_is_processed_in_bounded_chunks(tmp_path: Path) -> None:
    paragraph = "Ordinary reporting without any quotation marks at all, just words. " * 15 + "\n\n"
    big = tmp_path / "big.txt"
    with open(big, "w", encoding="utf-8") as handle:
        for _ in range(30 * 1024 * 1024 // len(paragraph) + 1):
            handle.write(paragraph)
    (tmp_path / "small.txt").write_text('He said "hello".', encoding="utf-8")
    assert big.stat().st_size > 30 * 1024 * 1024
    sizes: list[int] = []

    def measuring(chunk: Source) -> pl.DataFrame:
        sizes.append(len(chunk.text))
        return ledger.empty()

    result = run_batch([str(big)], measuring, chunk_chars=1_000_000, console=quiet())
    assert result.exit_code == 0
    assert max(sizes) <= 1_000_000 and sum(sizes) == big.stat().st_size
    refused = run_batch([str(big), str(tmp_path / "small.txt")], fake_extract, max_bytes=10 * 1024 * 1024,
                        console=quiet())
    assert [e.error for e in refused.errors] == ["file is 30.0 MB, above the 10.0 MB limit"]
    assert refused.ledger["quote"].to_list() == ["hello"]


# --- the extract command -------------------------------------------------------------------------

def fake_pipeline(source: Source, options: object = None) -> pl.DataFrame:
    if "model-missing" in source.text:
        raise ModelError("no Stanza model for xx")
    return fake_extract(source)


@pytest.fixture
def no_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI with the fast extractor in place of the neural pipeline."""
    monkeypatch.setattr("quotekit.pipeline.extract_source", fake_pipeline)


def test_cli_exit_0_when_all_files_succeed(tmp_path: Path, no_models: None) -> None:
    make_corpus(tmp_path / "in", 3)
    out = tmp_path / "ledger.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 2 + 3
    assert pl.read_csv(tmp_path / "ledger.errors.csv").height == 0
    assert "6 rows from 3 of 3 files" in result.stderr


def test_cli_exit_1_with_errors_file_and_raw(tmp_path: Path, no_models: None) -> None:
    make_corpus(tmp_path / "in", 2)
    (tmp_path / "in" / "bad.txt").write_text("model-missing", encoding="utf-8")
    (tmp_path / "in" / "formula.txt").write_text('Then: "=1+2" he typed.', encoding="utf-8")
    errors = tmp_path / "errs.csv"
    out = tmp_path / "ledger.csv"
    args = ["extract", str(tmp_path / "in"), "-f", "csv", "-o", str(out), "--errors", str(errors)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    bad = str(tmp_path / "in" / "bad.txt")
    assert pl.read_csv(errors).rows() == [(bad, "models", "no Stanza model for xx")]
    assert "'=1+2" in pl.read_csv(out)["quote"].to_list()
    result = CliRunner().invoke(app, [*args, "--raw", "--no-resume"])
    assert result.exit_code == 1
    assert "=1+2" in pl.read_csv(out)["quote"].to_list()


def test_cli_stdin_to_stdout(no_models: None) -> None:
    russian = "Она сказала: «Нет».".encode("cp1251")
    result = CliRunner().invoke(app, ["extract", "-", "-f", "csv"], input=russian)
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(StringIO(result.stdout))
    assert frame.select("source_file", "quote").rows() == [("'-", "Нет")]  # "-" is neutralised like "-1+2"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "parquet"], "parquet is binary"),
        (["-o", "{tmp}/missing/ledger.csv"], "output folder does not exist"),
        (["-o", "{tmp}/l.csv", "--errors", "{tmp}/l.csv"], "--errors must differ from --output"),
        (["--max-mb", "0"], "Invalid value"),
        (["--format", "xlsx"], "Invalid value"),
    ],
)
def test_cli_exit_2_for_usage_errors(tmp_path: Path, no_models: None, args: list[str], message: str) -> None:
    make_corpus(tmp_path / "in", 1)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_missing_input_is_a_file_error_not_a_crash(tmp_path: Path, no_models: None) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt"), "-f", "csv"])
    assert result.exit_code == 1
    assert "nope.txt: (ingest) no such file or folder" in result.stderr


def test_cli_ctrl_c_exits_130_and_keeps_finished_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path / "in", 3)
    done: list[str] = []

    def interrupted(source: Source, options: object = None) -> pl.DataFrame:
        if len(done) == 2:
            raise KeyboardInterrupt
        done.append(source.doc)
        return fake_extract(source)

    monkeypatch.setattr("quotekit.pipeline.extract_source", interrupted)
    out = tmp_path / "ledger.csv"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 130
    assert "interrupted (rerun the same command to continue)" in result.stderr
    assert len((work_folder_for(out) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 1 + 2


@pytest.mark.slow
@pytest.mark.skipif(not STANZA_EN.is_file(), reason="English Stanza models not installed (models/stanza/en)")
def test_cli_extract_with_the_real_models(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        '"We will not raise taxes this year," the finance minister told reporters on Monday.\n',
        encoding="utf-8")
    (folder / "b.txt").write_text(
        "The mayor said the bridge would reopen in May, according to the city's website.\n",
        encoding="utf-16")
    (folder / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = tmp_path / "ledger.csv"
    result = CliRunner().invoke(app, ["extract", str(folder), "--from", "en", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 1, result.output  # c.txt is an image
    frame = pl.read_csv(out, schema=ledger.SCHEMA)
    assert set(frame["doc"].to_list()) == {"a", "b"}
    texts = {"a": (folder / "a.txt").read_text(encoding="utf-8"),
             "b": (folder / "b.txt").read_text(encoding="utf-16")}
    spans = frame.select("doc", "quote_start", "quote_end", "quote_original")
    for doc, start, end, quote in spans.iter_rows():
        assert texts[doc][start:end] == quote
    assert any("raise taxes" in quote for quote in frame["quote"].to_list())
    assert pl.read_csv(tmp_path / "ledger.errors.csv").rows() == [
        (str(folder / "c.txt"), "ingest", "binary file (a PNG image), not text")]
