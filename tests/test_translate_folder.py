"""`quotekit translate SRC -o OUT`: mirrored tree, sidecars, resume, failures (quotekit/translate_folder.py)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from quotekit import translate_folder as folder_module
from quotekit.cli import app
from quotekit.translate_folder import translate_folder

from .toy_argos import fresh_toy_root, to_xx, to_yy

runner = CliRunner()
DOCS = {
    "one.txt": "Rossi said: «We will support the new plan.» The council approved the budget.",
    "sub/two.txt": "«They ignored our local school», Bianchi warned.\nThe army left the village.",
    "sub/deeper/three.md": 'Costa told the press: "We need a strong bank."',
}


@pytest.fixture
def corpus(tmp_path_factory, tmp_path, monkeypatch, no_network):
    fresh_toy_root(tmp_path_factory, tmp_path, monkeypatch)
    src = tmp_path / "src"
    for name, english in DOCS.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_xx(english), encoding="utf-8")
    return src, tmp_path / "out"


def test_cli_mirrors_the_tree_with_sidecars(corpus):
    src, out = corpus
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"])
    assert result.exit_code == 0, result.output
    for name, english in DOCS.items():
        assert (out / name).read_text(encoding="utf-8") == english
        sidecar = json.loads((out / f"{name}.align.json").read_text(encoding="utf-8"))
        assert sidecar["source"] == name and sidecar["source_lang"] == "xx" and sidecar["target_lang"] == "en"
        source = (src / name).read_text(encoding="utf-8")
        for src_start, src_end, en_start, en_end, kind in sidecar["segments"]:
            if kind in ("copy", "mark"):
                assert source[src_start:src_end] == english[en_start:en_end]
        assert sidecar["quotes"] or '"' not in english and "«" not in english
    assert "sentences/s" in result.stderr
    assert "translated 3, already done 0, failed 0" in result.stderr
    assert not list(out.rglob("*.tmp"))


def test_rerun_skips_done_files_and_redoes_changed_ones(corpus):
    src, out = corpus
    assert runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"]).exit_code == 0
    again = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"])
    assert again.exit_code == 0 and "translated 0, already done 3, failed 0" in again.stderr
    (src / "one.txt").write_text(to_xx("The police closed the road."), encoding="utf-8")
    changed = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"])
    assert "translated 1, already done 2, failed 0" in changed.stderr
    assert (out / "one.txt").read_text(encoding="utf-8") == "The police closed the road."


def test_resume_after_an_interrupted_batch(corpus, monkeypatch):
    src, out = corpus
    monkeypatch.setattr(folder_module, "GROUP_CHARS", 1)  # one file per group: writes happen one by one
    finished = []

    def crash_after_first_file(sentences: float, files: int) -> None:
        finished.append(files)
        if sum(finished) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        translate_folder(src, out, source_lang="xx", on_progress=crash_after_first_file)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == ["one.txt", "one.txt.align.json"]  # nothing half-written
    report = translate_folder(src, out, source_lang="xx")
    assert report.skipped == (str(src / "one.txt"),)
    assert len(report.translated) == 2 and report.failed == ()
    assert (out / "sub" / "two.txt").read_text(encoding="utf-8") == DOCS["sub/two.txt"]


def test_failures_are_reported_and_the_batch_goes_on(corpus):
    src, out = corpus
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"])
    assert result.exit_code == 1
    assert f"{src / 'binary.txt'}: (ingest) binary file" in result.stderr
    assert "translated 3, already done 0, failed 1" in result.stderr
    assert f"see {out / 'errors.csv'}" in result.stderr
    assert (out / "one.txt").is_file() and not (out / "binary.txt").exists()


def test_errors_csv_is_the_extract_batch_format_and_is_rewritten_on_resume(corpus):
    src, out = corpus
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    assert runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"]).exit_code == 1
    errors = pl.read_csv(out / "errors.csv")
    assert errors.columns == ["source_file", "stage", "error"]
    assert errors.height == 1
    source_file, stage, error = errors.row(0)
    assert (source_file, stage) == (str(src / "binary.txt"), "ingest")
    assert error.startswith("binary file") and str(src) not in error  # the path is in its own column

    (src / "binary.txt").write_text(to_xx("The court closed the bank."), encoding="utf-8")
    again = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx"])
    assert again.exit_code == 0, again.output
    assert "translated 1, already done 3, failed 0" in again.stderr  # only the failed file is redone
    assert pl.read_csv(out / "errors.csv").height == 0  # no stale failure left behind
    assert (out / "binary.txt").read_text(encoding="utf-8") == "The court closed the bank."


def test_every_stage_that_can_fail_has_its_row(corpus, tmp_path):
    src, out = corpus
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (out / "sub").mkdir(parents=True)
    (out / "sub" / "two.txt").mkdir()  # the translation cannot be written where it belongs
    errors_csv = tmp_path / "reports" / "translate-errors.csv"
    report = translate_folder(src, out, source_lang="xx", errors_path=errors_csv)
    stages = {Path(e.source_file).name: e.stage for e in report.failed}
    assert stages == {"binary.txt": "ingest", "two.txt": "export"}
    assert report.exit_code == 1 and len(report.translated) == 2
    written = pl.read_csv(errors_csv)
    assert sorted(written.rows()) == sorted((e.source_file, e.stage, e.error) for e in report.failed)
    assert "cannot write" in dict(zip(written["stage"], written["error"], strict=True))["export"]
    assert not (out / "errors.csv").exists()  # --errors replaces the default, it does not add to it


def test_missing_pair_is_a_translate_stage_row(corpus, tmp_path):
    src, out = tmp_path / "news", tmp_path / "news_en"
    src.mkdir()
    (src / "italiano.txt").write_text("Il sindaco ha detto che la nuova legge è ingiusta per le famiglie.",
                                      encoding="utf-8")
    (src / "english.txt").write_text("The mayor said the new law is unfair to the families of the city.",
                                     encoding="utf-8")
    result = runner.invoke(app, ["translate", str(src), "-o", str(out)])
    assert result.exit_code == 1
    rows = pl.read_csv(out / "errors.csv").rows()
    assert [(f, stage) for f, stage, _ in rows] == [(str(src / "italiano.txt"), "translate")]
    assert rows[0][2].startswith("no translation model installed for it->en")
    assert (out / "english.txt").is_file()


def test_detected_languages_and_missing_pairs(corpus):
    src, out = corpus
    (src / "italiano.txt").write_text("Il sindaco ha detto che la nuova legge è ingiusta per le famiglie.",
                                      encoding="utf-8")
    (src / "english.txt").write_text("The mayor said the new law is unfair to the families of the city.",
                                     encoding="utf-8")
    report = translate_folder(src, out, source_lang=None)
    failed = {Path(f.source_file).name: f.error for f in report.failed}
    assert "no translation model installed for it->en" in failed["italiano.txt"]
    english = (src / "english.txt").read_text(encoding="utf-8")
    assert (out / "english.txt").read_text(encoding="utf-8") == english  # already English: copied as is
    sidecar = json.loads((out / "english.txt.align.json").read_text(encoding="utf-8"))
    assert sidecar["source_lang"] == "en" and sidecar["segments"] == [[0, len(english), 0, len(english), "copy"]]


def test_pivot_pair_from_the_command_line(corpus):
    src, out = corpus
    (src / "one.txt").write_text(to_yy("The judge checked the report."), encoding="utf-8")
    (src / "sub" / "two.txt").unlink()
    (src / "sub" / "deeper" / "three.md").unlink()
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "yy"])
    assert result.exit_code == 0, result.output
    assert (out / "one.txt").read_text(encoding="utf-8") == "The judge checked the report."
    sidecar = json.loads((out / "one.txt.align.json").read_text(encoding="utf-8"))
    assert sidecar["models"] == ["translate-yy_xx-1_0", "translate-xx_en-1_0"]


def test_all_good_exits_0_with_an_empty_errors_csv(corpus):
    src, out = corpus
    report = translate_folder(src, out, source_lang="xx", errors_path=out / "errors.csv")
    assert report.exit_code == 0 and report.failed == ()
    assert pl.read_csv(out / "errors.csv").columns == ["source_file", "stage", "error"]
    assert pl.read_csv(out / "errors.csv").height == 0


def test_not_a_folder_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["translate", str(tmp_path / "missing"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "not a folder" in result.stderr
    same = runner.invoke(app, ["translate", str(tmp_path), "-o", str(tmp_path)])
    assert same.exit_code == 2 and "must differ from the source folder" in same.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("errors_arg", "message"), [
    ("{src}", "is a folder"),
    ("{src}/one.txt", "is one of the files to translate"),
])
def test_unusable_errors_file_is_a_usage_error_before_any_work(corpus, errors_arg, message):
    src, out = corpus
    before = (src / "one.txt").read_bytes()
    result = runner.invoke(app, ["translate", str(src), "-o", str(out), "--from", "xx",
                                 "--errors", errors_arg.format(src=src)])
    assert result.exit_code == 2 and message in result.stderr
    assert (src / "one.txt").read_bytes() == before
    assert not list(out.rglob("*.txt"))


def test_output_folder_inside_the_source_is_not_translated_again(corpus):
    src, _ = corpus
    out = src / "english"
    first = translate_folder(src, out, source_lang="xx")
    second = translate_folder(src, out, source_lang="xx")
    assert len(first.translated) == 3 and len(second.skipped) == 3 and second.translated == ()
