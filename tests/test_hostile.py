"""A generated hostile corpus (one folder of scraped-news horrors) through one batch: per-file outcomes.

The batch runs once per module with the fast extractor (real quote scanner, no neural models); each
case then checks its own file: rows whose offsets index the text as read, an error record with the
right stage and reason, or (junk suffixes, hidden files) no trace at all.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from quotekit.batch import BatchResult, ExtractRun, run_extract
from quotekit.ingest import read_source

from .fake_extractor import fake_extract

MAX_BYTES = 512 * 1024
CHUNK_CHARS = 20_000


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it, and what the batch must do with it."""

    name: str
    make: Callable[[Path], None]
    outcome: str  # "rows" (some quotes), "empty" (no quotes), "read" (either), "error", "skipped"
    detail: str = ""  # rows: a quote that must be found; error: "stage: reason substring"


def data(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def text(content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return data(content.encode(encoding))


def symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(path.parent / target)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder_named_like_a_file(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text('Inside a folder called .txt: "still read".', encoding="utf-8")


def link_loop_folder(path: Path) -> None:
    path.mkdir()
    (path / "deep.txt").write_text('Reached once: "only once".', encoding="utf-8")
    (path / "back_to_top").symlink_to(path.parent)


def long_line() -> bytes:
    filler = "word " * 4_000
    return (filler + '"a quote in a 200k-char line" ' + filler) .encode() * 5


def many_paragraphs() -> bytes:
    paragraphs = (f'Paragraph {i}: the spokesman said "statement {i}" flatly.\n\n' for i in range(2_000))
    return "".join(paragraphs).encode()


RUSSIAN = "Министр заявил: «Мы не отступим ни на шаг», — сообщает агентство. Переговоры продолжатся."
FRENCH = "Le ministre a déclaré : « Nous ne céderons pas », selon l'agence, à Genève."
HTML_ARTICLE = (
    "<html><head><title>Bridge</title><meta property='og:site_name' content='Daily Planet'></head><body>"
    "<article><h1>Bridge to reopen</h1><p>" + "The council met again on Monday to discuss the budget. " * 6
    + '</p><p>"We will rebuild the bridge by spring," the mayor said at the meeting.</p>'
    "</article></body></html>"
)

CASES = [
    Case("plain_utf8.txt", text('The mayor said "We will rebuild the bridge." Then he left.'), "rows",
         "We will rebuild the bridge."),
    Case("bom_utf8.txt", data(codecs.BOM_UTF8 + b'She said "yes, indeed" today.'), "rows",
         "yes, indeed"),
    Case("utf16_bom.txt", text("He told them “we are ready” at noon.", "utf-16"), "rows", "we are ready"),
    Case("utf16be_bom.txt", data(codecs.BOM_UTF16_BE + "They said “not yet” again.".encode("utf-16-be")),
         "rows", "not yet"),
    Case("utf16le_no_bom.txt", text('Officials said "talks continue" on Friday.', "utf-16-le"), "rows",
         "talks continue"),
    Case("utf32_bom.txt", text('A "four-byte" story.', "utf-32"), "rows", "four-byte"),
    Case("cp1251_russian.txt", text(RUSSIAN, "cp1251"), "rows", "Мы не отступим ни на шаг"),
    Case("latin1_french.txt", text(FRENCH, "latin-1"), "rows", "Nous ne céderons pas"),
    Case("cp1252_smart_quotes.txt", data(b"Le maire a dit \x93il faut agir\x94 hier soir, \xe0 Paris."),
         "rows", "il faut agir"),
    Case("empty.txt", data(b""), "empty"),
    Case("blank.txt", text("\n \n\t\r\n"), "empty"),
    Case("random_binary.txt", data(bytes((i * 7919 + 13) % 256 for i in range(8192))), "error",
         "ingest: binary file"),
    Case("png_renamed.txt", data(b"\x89PNG\r\n\x1a\n" + bytes(500)), "error", "ingest: a PNG image"),
    Case("pdf_renamed.txt", data(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>"), "error",
         "ingest: a PDF document"),
    Case("docx_renamed.md", data(b"PK\x03\x04" + bytes(300)), "error", "ingest: a ZIP archive"),
    Case("nul_riddled.txt", data(b"a\x00b\x00c\x00\x00\x00d" * 100), "error", "ingest: contains NUL bytes"),
    Case("truncated_utf8.txt", data('Он сказал: "всё хорошо" и ушёл'.encode()[:-1]), "rows", "всё хорошо"),
    Case("half_written_quote.txt", text('The minister said "we will never surrender and we will'), "rows"),
    Case("unbalanced_marks.txt", text('" « » „ “ ” ‘ ’ 「 」 "" »« said "who"? ” “ „ «« »»» \'\' ‘'), "rows"),
    Case("nested_quotes.txt",
         text("“He said ‘no way’ twice,” she recalled. «Он сказал: „нет“ и ушёл», — пишет газета."),
         "rows", "He said ‘no way’ twice,"),
    Case("rtl_arabic.txt", text("قال الوزير: «لن نتراجع عن موقفنا» في مؤتمر صحفي."), "rows",
         "لن نتراجع عن موقفنا"),
    Case("rtl_hebrew_bidi.txt", text("\u202bהשר אמר: \u200f\"אנחנו לא נוותר\"\u200f היום.\u202c"), "rows",
         "אנחנו לא נוותר"),
    Case("cjk_chinese.txt", text("外交部发言人表示：“我们不会退让。”他还说，「谈判将继续」。"),
         "rows", "我们不会退让。"),
    Case("cjk_japanese_sjis.txt", text("首相は「増税は行わない」と述べた。記者会見で語った。", "shift_jis"),
         "rows", "増税は行わない"),
    Case("emoji_astral.txt", text('🎉 He said "go 🚀 now" 👍 and left.'), "rows", "go 🚀 now"),
    Case("combining_marks.txt", text('Cafe\u0301 owner said "ve\u0301rite\u0301 first".'), "rows",
         "ve\u0301rite\u0301 first"),
    Case("crlf.txt", text('Line one.\r\nShe said "windows endings".\r\n'), "rows", "windows endings"),
    Case("cr_only.txt", text('Old Mac.\rHe said "carriage returns".\r'), "rows", "carriage returns"),
    Case("very_long_line.txt", data(long_line()), "rows", "a quote in a 200k-char line"),
    Case("many_paragraphs.txt", data(many_paragraphs()), "rows", "statement 1999"),
    Case("oversize.txt", data(b"x" * (MAX_BYTES + 1)), "error", "ingest: above the 0.5 MB limit"),
    Case("broken_link.txt", symlink("does_not_exist.txt"), "error", "ingest: broken symbolic link"),
    Case("self_loop.txt", symlink("self_loop.txt"), "error", "ingest: symbolic link loop"),
    Case("named_pipe.txt", fifo, "error", "ingest: not a regular file (a named pipe)"),
    Case("folder.txt", folder_named_like_a_file, "skipped"),
    Case("folder.txt/inside.txt", lambda path: None, "rows", "still read"),
    Case("loop_folder", link_loop_folder, "skipped"),
    Case("loop_folder/deep.txt", lambda path: None, "rows", "only once"),
    Case("article.html", text(HTML_ARTICLE), "rows", "We will rebuild the bridge by spring,"),
    Case("script_only.html", text("<html><head><title>T</title></head><body><script>x</script></body>"),
         "error", "ingest: no article text"),
    Case("binary.html", data(bytes(range(256)) * 4), "error", "ingest: binary file"),
    Case("escape\x1b[31mname.txt", data(b"\x7fELF\x02\x01" + bytes(100)), "error", "ingest: an executable"),
    Case("formula_quote.txt", text('He typed "=HYPERLINK(1+1)" and "@SUM(A1)" into the sheet.'), "rows",
         "=HYPERLINK(1+1)"),
    Case("mojibake_mix.txt", data("Le maire a dit « très bien » hier soir.".encode() + b" caf\xe9 " * 3),
         "rows"),
    Case("only_quote_marks.txt", text('"' * 5000 + "«" * 3000 + "“" * 3000), "read"),
    Case("short_latin1.txt", text("Café", "latin-1"), "empty"),
    Case("photo.jpg", data(b"\xff\xd8\xff\xe0" + bytes(100)), "skipped"),
    Case("data.json", text('{"quote": "not news"}'), "skipped"),
    Case("no_suffix", text('He said "no suffix".'), "skipped"),
    Case(".hidden.txt", text('He said "hidden".'), "skipped"),
    Case("partial.txt.part", text('He said "half downloaded".'), "skipped"),
]


@dataclass(frozen=True)
class Run:
    folder: Path
    output: Path
    result: BatchResult
    stderr: str


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("hostile") / "news"
    folder.mkdir()
    for case in CASES:
        case.make(folder / case.name)
    output = folder.parent / "out" / "ledger.csv"
    output.parent.mkdir()
    console = Console(file=StringIO(), width=300)
    result = run_extract([str(folder)], fake_extract,
                         ExtractRun(fmt="csv", output=output, max_bytes=MAX_BYTES, chunk_chars=CHUNK_CHARS),
                         console)
    return Run(folder, output, result, console.file.getvalue())


def test_the_corpus_is_big_enough() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name.encode("unicode_escape").decode() for case in CASES])
def test_per_file_outcome(run: Run, case: Case) -> None:
    path = str(run.folder / case.name)
    errors = [e for e in run.result.errors if e.source_file == path]
    rows = run.result.ledger.filter(pl.col("source_file") == path)
    if case.outcome == "skipped":
        assert not errors and rows.height == 0
        return
    if case.outcome == "error":
        stage, reason = case.detail.split(": ", 1)
        assert [(e.stage, reason in e.error) for e in errors] == [(stage, True)], errors
        return
    assert not errors, errors
    text = read_source(path).text
    for start, end, quote, en_start, en_end in rows.select(
            "quote_start", "quote_end", "quote_original", "quote_en_start", "quote_en_end").iter_rows():
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == quote
        assert (en_start, en_end) == (start, end)
    if case.outcome == "empty":
        assert rows.height == 0
    elif case.outcome == "rows":
        assert rows.height >= 1
        if case.detail:
            assert case.detail in [quote.strip() for quote in rows["quote"].to_list()]


def test_every_input_file_is_accounted_for_exactly_once(run: Run) -> None:
    expected = {str(run.folder / case.name) for case in CASES if case.outcome != "skipped"}
    produced = set(run.result.ledger["source_file"].to_list())
    failed = [e.source_file for e in run.result.errors]
    assert len(failed) == len(set(failed))
    assert not produced & set(failed)
    with_rows_or_errors = produced | set(failed)
    assert with_rows_or_errors <= expected
    empty = {str(run.folder / case.name) for case in CASES if case.outcome == "empty"}
    maybe_empty = {str(run.folder / case.name) for case in CASES if case.outcome == "read"}
    assert empty <= expected - with_rows_or_errors <= empty | maybe_empty
    assert run.result.files == len(expected)
    assert run.result.exit_code == 1


def test_outputs_are_complete_and_safe(run: Run) -> None:
    written = pl.read_csv(run.output, infer_schema=False)
    assert written.height == run.result.ledger.height
    assert {"'=HYPERLINK(1+1)", "'@SUM(A1)"} <= set(written["quote"].to_list())
    errors = pl.read_csv(run.output.parent / "ledger.errors.csv")
    assert errors.height == sum(case.outcome == "error" for case in CASES)
    assert "\x1b" not in run.stderr  # a file name cannot colour or move the terminal
    assert "escape\\x1b[31mname.txt" in run.stderr
    assert sorted(p.name for p in run.output.parent.iterdir()) == [
        ".ledger.csv.quotekit", "ledger.csv", "ledger.errors.csv"]  # kept for retrying the failed files
