"""Reading hostile input: encodings, binary junk, truncation, odd files in folders, stdin, chunking."""

from __future__ import annotations

import codecs
import ctypes
import io
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quotekit.errors import InputError
from quotekit.ingest import (
    NOTE_KEY,
    Source,
    decode_bytes,
    iter_chunks,
    iter_input_files,
    read_source,
)

REPO = Path(__file__).resolve().parents[1]

RUSSIAN = ("Президент заявил: «Мы не отступим ни на шаг», — сообщает агентство. "
           "Министр добавил, что переговоры продолжатся на следующей неделе в Москве.")
FRENCH = ("Le ministre a déclaré : « Nous ne céderons pas », selon l'agence. "
          "Les négociations reprendront la semaine prochaine à Genève, a-t-il ajouté.")
GERMAN = "Der Minister sagte: „Wir werden nicht nachgeben“, berichtete die Agentur in Zürich."
CHINESE = "外交部发言人表示：“我们不会退让。”他还说，「谈判将继续」。"
ARABIC = "قال الوزير: «لن نتراجع عن موقفنا» في مؤتمر صحفي اليوم."


@pytest.mark.parametrize(
    ("text", "encoding", "expected_names"),
    [
        (RUSSIAN, "utf-8", {"utf-8"}),
        (RUSSIAN, "utf-8-sig", {"utf-8-sig"}),
        (RUSSIAN, "utf-16", {"utf-16-le", "utf-16-be"}),  # Python writes a BOM
        (FRENCH, "utf-16-be", {"utf-16-be"}),  # no BOM
        (RUSSIAN, "utf-16-le", {"utf-16-le"}),  # no BOM, Cyrillic: NULs only on spaces and punctuation
        (RUSSIAN, "utf-32", {"utf-32-le", "utf-32-be"}),
        (RUSSIAN, "cp1251", {"cp1251"}),
        (FRENCH, "latin-1", {"cp1252", "iso8859-1", "iso8859-15"}),
        (GERMAN, "cp1252", {"cp1252"}),
        (CHINESE, "gb18030", {"gb18030"}),
        (ARABIC, "cp1256", {"cp1256"}),
        ("Café", "latin-1", {"cp1252", "iso8859-1"}),  # too short for statistics: plausibility decides
        ("Привет, мир", "cp1251", {"cp1251"}),
    ],
)
def test_decode_bytes_recovers_the_text(text: str, encoding: str, expected_names: set[str]) -> None:
    decoded, name = decode_bytes(text.encode(encoding), "sample")
    assert decoded == text
    assert name in expected_names


def test_utf8_bom_is_not_part_of_the_text() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + b'He said "yes".')
    assert text == 'He said "yes".'
    assert encoding == "utf-8-sig"


def test_latin1_whose_only_accent_is_the_last_byte_is_not_taken_for_cut_off_utf8() -> None:
    assert decode_bytes("Il est allé au café".encode("latin-1"))[0] == "Il est allé au café"


def test_utf8_cut_inside_the_last_character_keeps_the_rest(tmp_path: Path) -> None:
    whole = "Он сказал: «Да»".encode()
    path = tmp_path / "cut.txt"
    path.write_bytes(whole[:-1])  # the closing » is two bytes; drop one
    source = read_source(path)
    assert source.text == "Он сказал: «Да"
    assert "truncated" in source.metadata[NOTE_KEY]


def test_bom_file_with_bad_bytes_is_read_with_replacement_characters() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF8 + b"ok \xff\xfe ok")
    assert encoding == "utf-8-sig"
    assert text == "ok \ufffd\ufffd ok"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "ZIP archive"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
        (b"\x7fELF\x02\x01\x01" + bytes(100), "executable"),
        (bytes(range(256)) * 20, "binary file"),
        (b"text\x00with\x00nul\x00bytes\x00everywhere\x00" * 50, "NUL bytes"),
    ],
)
def test_binary_data_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        decode_bytes(data, "junk.txt")
    assert str(caught.value).startswith("junk.txt: binary file")
    assert caught.value.stage == "ingest"


def test_random_bytes_are_refused() -> None:
    data = bytes((i * 7919 + 13) % 256 for i in range(20_000))  # deterministic noise, all byte values
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(data, "noise.txt")


def test_empty_and_blank_files_are_read_as_empty_documents(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    source = read_source(empty)
    assert source == Source(text="", doc="empty", path=str(empty), encoding="utf-8",
                            metadata={NOTE_KEY: "empty file"})
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    assert read_source(blank).text == " \n\n\t\n"


def test_line_endings_are_kept_so_offsets_match_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b'First line.\r\nHe said "yes".\r\n')
    assert read_source(path).text == 'First line.\r\nHe said "yes".\r\n'


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="above the 0.0 MB limit"):
        read_source(path, max_bytes=1024)
    assert read_source(path, max_bytes=2048).text == "a" * 2048


def test_stdin_is_read_and_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "Она сказала: «Нет»".encode("cp1251") * 5
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    source = read_source("-")
    assert (source.doc, source.path, source.encoding) == ("stdin", "-", "cp1251")
    assert source.text == "Она сказала: «Нет»" * 5
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    with pytest.raises(InputError, match="stdin: input is above"):
        read_source("-", max_bytes=10)


def test_html_pages_yield_article_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join(["The minister spoke at length about the budget and the coming elections."] * 8)
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Budget row</title><meta property='og:site_name' content='Daily Planet'></head>"
        f"<body><article><h1>Budget row</h1><p>{body}</p>"
        '<p>"We will not back down," the minister said on Tuesday in the capital city.</p>'
        "</article></body></html>", encoding="utf-8")
    source = read_source(page)
    assert '"We will not back down," the minister said' in source.text
    assert source.metadata["sitename"] == "Daily Planet"
    junk = tmp_path / "nav.html"
    junk.write_text("<html><body><nav></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_source(junk)


def test_missing_files_links_pipes_and_folders_get_one_line_reasons(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "folder.txt").mkdir()
    expected = {
        "missing.txt": "no such file",
        "broken.txt": "broken symbolic link",
        "loop_a.txt": "symbolic link loop",
        "pipe.txt": "not a regular file (a named pipe)",
        "folder.txt": "is a folder",
    }
    for name, reason in expected.items():
        with pytest.raises(InputError, match=re.escape(reason)):
            read_source(tmp_path / name)


def test_folders_expand_to_text_files_once_in_order_through_link_loops(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "page.HTML").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "notes").write_text("no suffix", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.text").write_text("c", encoding="utf-8")
    (sub / "up").symlink_to(tmp_path)  # a loop back to the top
    (sub / "same.txt").symlink_to(tmp_path / "b.txt")  # the same file under a second name
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")
    found = list(iter_input_files([str(tmp_path), str(tmp_path / "b.txt")]))
    names = [Path(p).relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.md", "b.txt", "broken.txt", "page.HTML", "sub/c.text"]


def _drop_root_file_powers() -> None:
    """In the child: without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, root obeys file modes like anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_unreadable_files_and_folders_are_reported_not_fatal(tmp_path: Path) -> None:
    """Runs in a child process that cannot bypass permissions (we may be root here)."""
    (tmp_path / "secret.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0o000)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("x", encoding="utf-8")
    (tmp_path / "locked").chmod(0o000)
    (tmp_path / "fine.txt").write_text("fine", encoding="utf-8")
    script = textwrap.dedent(f"""
        from quotekit.errors import InputError
        from quotekit.ingest import iter_input_files, read_source
        for path in iter_input_files([{str(tmp_path)!r}]):
            try:
                print(path, "OK", read_source(path).text)
            except InputError as exc:
                print(path, "ERROR", exc)
    """)
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)},
                              preexec_fn=_drop_root_file_powers if os.geteuid() == 0 else None, timeout=120)
    finally:
        (tmp_path / "locked").chmod(0o755)
        (tmp_path / "secret.txt").chmod(0o644)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{tmp_path}/fine.txt OK fine",
        f"{tmp_path}/locked ERROR {tmp_path}/locked: cannot read folder (Permission denied)",
        f"{tmp_path}/secret.txt ERROR {tmp_path}/secret.txt: cannot read file (Permission denied)",
    ]


def _chunks_cover(text: str, max_chars: int) -> list[int]:
    source = Source(text=text, doc="d")
    chunks = list(iter_chunks(source, max_chars))
    assert "".join(chunk.source.text for chunk in chunks) == text
    position = 0
    for chunk in chunks:
        assert chunk.offset == position
        assert text[chunk.offset:chunk.offset + len(chunk.source.text)] == chunk.source.text
        assert 0 < len(chunk.source.text) <= max_chars
        position += len(chunk.source.text)
    return [len(chunk.source.text) for chunk in chunks]


def test_short_documents_are_one_chunk() -> None:
    assert _chunks_cover("one paragraph\n\ntwo", 1000) == [18]


def test_long_documents_are_cut_at_paragraph_breaks() -> None:
    paragraph = "x" * 90 + ".\n\n"  # 93 chars
    sizes = _chunks_cover(paragraph * 30, 400)
    assert all(size % 93 == 0 for size in sizes[:-1])  # every cut falls after a blank line


def test_a_single_huge_line_is_cut_at_spaces_then_anywhere() -> None:
    words = "word " * 1000
    sizes = _chunks_cover(words, 333)
    assert all(size % 5 == 0 for size in sizes[:-1])  # cut after a space, never inside a word
    _chunks_cover("y" * 1000, 128)  # no break at all: hard cuts still cover the text


def test_hard_cuts_do_not_split_combining_marks() -> None:
    text = "e\u0301" * 500  # é as e + combining acute
    for chunk in iter_chunks(Source(text=text, doc="d"), 101):
        assert not chunk.source.text.startswith("\u0301")
    _chunks_cover(text, 101)
