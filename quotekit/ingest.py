"""Read input (files, folders, stdin) into decoded text, or a one-line error per file.

Scraped news folders hold mixed encodings, junk and half-written downloads, so every check here
ends in either a ``Source`` or an ``InputError`` that names the file and the reason; nothing
in this module lets a bad file stop a batch.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

# Bigger inputs are refused, not read: memory while reading is a small multiple of this.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
# Documents longer than this go through extraction in paragraph-aligned chunks (see iter_chunks).
DEFAULT_CHUNK_CHARS = 50_000

# How much of a file the binary/encoding sniffers look at.
SNIFF_BYTES = 64 * 1024

# Key in Source.metadata for a non-fatal remark about how the file was read (empty, truncated, ...).
NOTE_KEY = "ingest_note"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF media file (WAV/AVI/WebP)"),
    (b"\x00asm", "a WebAssembly module"),
)

# Bytes that never appear in text files (everything below 0x20 except tab, LF, VT, FF, CR, ESC).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)) + b"\x7f"
_MAX_CONTROL_RATIO = 0.05


@dataclass(frozen=True)
class Source:
    """One document as read: offsets in the ledger are indices into ``text``."""

    text: str
    doc: str
    path: str | None = None
    encoding: str = "utf-8"
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Chunk:
    """A paragraph-aligned slice of a long document: ``source.text == whole[offset:offset+len]``."""

    source: Source
    offset: int


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding) or raises InputError for binary/undecodable data."""
    text, encoding, _note = _decode(data, path or "input")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str, str | None]:
    """Decode with BOM, binary and encoding checks; returns (text, encoding, note or None)."""
    if not data:
        return "", "utf-8", "empty file"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, note = _decode_lenient(data[len(bom):], encoding)
            label = "utf-8-sig" if encoding == "utf-8" else encoding
            return text, label, note
    sample = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            raise InputError(f"{name}: binary file ({kind}), not text")
    if sample.count(0) * 20 >= len(sample):
        guessed = _sniff_utf16(data)
        if guessed is not None:
            return guessed
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if control > _MAX_CONTROL_RATIO * len(sample):
        raise InputError(f"{name}: binary file ({control} control bytes in {len(sample)}), not text")
    try:
        text, note = _decode_strict_or_truncated(data, "utf-8")
        return text, "utf-8", note
    except UnicodeDecodeError:
        pass
    return _detect_with_charset_normalizer(data, name)


# What scraped news actually comes in; limiting the detector to these avoids exotic code pages
# (cp1006, EBCDIC, ...) winning on short inputs. Earlier entries win ties.
CANDIDATE_ENCODINGS: tuple[str, ...] = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253", "cp1254",
    "cp1255", "cp1256", "cp1257", "iso8859_5", "iso8859_7", "iso8859_9", "cp866", "mac_cyrillic",
    "gb18030", "big5", "cp932", "shift_jis", "euc_jp", "euc_kr", "cp949", "tis_620", "cp874",
)


def _detect_with_charset_normalizer(data: bytes, name: str) -> tuple[str, str, str | None]:
    """charset-normalizer picks the encoding; on short texts it ties, and plausibility decides."""
    from charset_normalizer import from_bytes

    # The detector's own search first (it ranks multi-byte CJK encodings well), keeping only
    # encodings news uses; if that leaves nothing, search again restricted to those.
    allowed = {codecs.lookup(candidate).name for candidate in CANDIDATE_ENCODINGS}
    matches = [match for match in from_bytes(data) if codecs.lookup(match.encoding).name in allowed]
    if not matches:
        matches = list(from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)))
    if not matches:
        raise InputError(f"{name}: cannot detect the text encoding (not UTF-8/16 or a known 8-bit encoding)")
    least_chaos = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= least_chaos + 0.01]
    sample = data[:SNIFF_BYTES]

    def rank(match) -> tuple[int, float, int]:
        encoding = codecs.lookup(match.encoding).name
        return (_implausibility(sample.decode(encoding, errors="ignore")), -match.coherence,
                _priority(encoding))

    encoding = codecs.lookup(min(tied, key=rank).encoding).name
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # the detector only samples the file
        raise InputError(f"{name}: not valid {encoding} at byte {exc.start}") from exc
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise InputError(f"{name}: binary file (decodes as {encoding} only to control characters), not text")
    for preferred in CANDIDATE_ENCODINGS[:_priority(encoding)]:  # name it as the more common alias
        if data.decode(preferred, errors="replace") == text:
            return text, codecs.lookup(preferred).name, None
    return text, encoding, None


def _priority(encoding: str) -> int:
    names = [codecs.lookup(candidate).name for candidate in CANDIDATE_ENCODINGS]
    return names.index(encoding) if encoding in names else len(names)


def _implausibility(text: str) -> int:
    """Count words a wrong 8-bit code page produces: mixed scripts, or Latin made of mostly accents."""
    score = 0
    for word in re.findall(r"[^\W\d_]+", text):
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            score += 1
        elif scripts == {"LATIN"} and len(word) > 1 and sum(not ch.isascii() for ch in word) * 2 > len(word):
            score += 1
    score += sum(1 for ch in text if not ch.isascii() and unicodedata.category(ch)[0] in "SC")
    return score


def _decode_strict_or_truncated(data: bytes, encoding: str) -> tuple[str, str | None]:
    """Strict decode that tolerates one incomplete character at the very end (a cut-off download).

    For UTF-8 that needs evidence: earlier multi-byte characters. Otherwise a latin-1 file whose
    only accented letter is the last byte ("Caf\\xe9") would pass as cut-off UTF-8.
    """
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        width = 2 if encoding.startswith("utf-16") else 4
        if exc.end < len(data) or exc.start < len(data) - width:
            raise
        head = data[:exc.start]
        if encoding == "utf-8" and head.isascii():
            raise
        return head.decode(encoding), "incomplete character at the end dropped (truncated file?)"


def _decode_lenient(data: bytes, encoding: str) -> tuple[str, str | None]:
    """A BOM states the encoding, so bad sequences become U+FFFD instead of rejecting the file."""
    try:
        return _decode_strict_or_truncated(data, encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace"), f"invalid {encoding} sequences replaced with U+FFFD"


def _sniff_utf16(data: bytes) -> tuple[str, str, str | None] | None:
    """UTF-16 without a BOM: NUL high bytes all on one side (ASCII spaces, digits, punctuation)."""
    sample = data[:SNIFF_BYTES]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    candidates = []
    if odd_nul >= 0.05 and even_nul <= 0.01:
        candidates.append("utf-16-le")
    if even_nul >= 0.05 and odd_nul <= 0.01:
        candidates.append("utf-16-be")
    for encoding in candidates:
        try:
            text, note = _decode_strict_or_truncated(data, encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _control_ratio(text) <= _MAX_CONTROL_RATIO:
            return text, encoding, note
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:SNIFF_BYTES]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\x0b\x0c\r\x1b") or ch == "\x7f")
    return bad / len(sample)


def read_source(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one file (or ``-`` for stdin) into a Source; InputError with a one-line reason otherwise."""
    return source_from_bytes(read_bytes(str(path), max_bytes=max_bytes), str(path))


def source_from_bytes(data: bytes, path: str, *, doc: str | None = None) -> Source:
    """Decode bytes already read into a Source (the batch hashes the bytes before decoding them)."""
    if path == "-":
        return _make_source(data, "stdin", "-", doc or "stdin")
    p = Path(path)
    return _make_source(data, path, path, doc or p.stem or p.name, html=p.suffix.lower() in HTML_SUFFIXES)


def read_bytes(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of one input (``-`` is stdin), refusing folders, pipes and oversized files."""
    if path == "-":
        return _read_limited(sys.stdin.buffer, max_bytes, "stdin")
    p = Path(path)
    try:
        info = os.stat(p)
    except OSError as exc:
        raise InputError(f"{path}: {_stat_problem(p, exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(p)
        except OSError as exc:
            raise InputError(f"{path}: cannot read folder ({exc.strerror or exc})") from exc
        raise InputError(f"{path}: is a folder; pass it as an input to read the text files inside")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > max_bytes:
        raise InputError(f"{path}: file is {_mb(info.st_size)}, above the {_mb(max_bytes)} limit")
    try:
        with open(p, "rb") as handle:
            return _read_limited(handle, max_bytes, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror or exc})") from exc


def _make_source(data: bytes, name: str, path: str, doc: str, *, html: bool = False) -> Source:
    text, encoding, note = _decode(data, name)
    metadata: dict[str, str] = {}
    if html and text.strip():
        text, metadata = html_to_text(text, name)
    if note:
        metadata[NOTE_KEY] = note
    return Source(text=text, doc=doc, path=path, encoding=encoding, metadata=metadata)


def _read_limited(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is above the {_mb(max_bytes)} limit")
    return data


def _stat_problem(p: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and p.is_symlink():
        return f"broken symbolic link (to {os.readlink(p)})"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read ({exc.strerror or exc})"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def html_to_text(html: str, path: str) -> tuple[str, dict[str, str]]:
    """Extract the article body and its metadata (site name, author) from an HTML page."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # noqa: BLE001 - a parser crash on junk HTML is one file's problem
        raise InputError(f"{path}: cannot parse the HTML page ({type(exc).__name__}: {exc})") from exc
    metadata: dict[str, str] = {}
    if meta is not None:
        for key in ("sitename", "author", "title", "date", "url"):
            value = getattr(meta, key, None)
            if value:
                metadata[key] = str(value)
    if not text.strip():
        raise InputError(f"{path}: no article text found in the HTML page")
    return text, metadata


def iter_input_files(paths: list[str]) -> Iterator[str]:
    """Expand folders into the text/HTML files they hold, in a stable order, each file once.

    Symbolic links are followed, but a folder already visited (a link loop) is not entered again.
    Hidden entries (``.name``) are skipped. Things that cannot be read -- a folder without
    permission, a broken link, a pipe named ``x.txt`` -- are still yielded so that read_source
    reports them as errors rather than the batch skipping them silently.
    """
    seen_files: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        if os.path.isdir(raw):
            for found in _walk(raw, set()):
                key = os.path.realpath(found)
                if key not in seen_files:
                    seen_files.add(key)
                    yield found
        else:
            key = os.path.realpath(raw)
            if key not in seen_files:
                seen_files.add(key)
                yield raw


def _walk(folder: str, visited: set[tuple[int, int]]) -> Iterator[str]:
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        yield folder  # read_source explains why the folder cannot be read
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        return
    visited.add(key)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(entry.path).st_mode)
        except OSError:  # broken link, link loop, vanished file
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, visited)
        elif Path(entry.name).suffix.lower() in INPUT_SUFFIXES:
            yield entry.path


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


def iter_chunks(source: Source, max_chars: int = DEFAULT_CHUNK_CHARS) -> Iterator[Chunk]:
    """Split a long document at paragraph breaks so extraction memory stays bounded.

    Each chunk is an exact slice of ``source.text`` (so ``offset`` maps chunk spans back to the
    whole text). A paragraph longer than ``max_chars`` is cut at a line break, then at a space,
    and only as a last resort mid-word. A short document is one chunk at offset 0.
    """
    text = source.text
    if len(text) <= max_chars:
        yield Chunk(source, 0)
        return
    start = 0
    while start < len(text):
        end = _chunk_end(text, start, max_chars)
        yield Chunk(replace(source, text=text[start:end]), start)
        start = end


def _chunk_end(text: str, start: int, max_chars: int) -> int:
    limit = start + max_chars
    if limit >= len(text):
        return len(text)
    window = text[start:limit]
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(window)]
    if breaks and breaks[-1] > max_chars // 4:
        return start + breaks[-1]
    for separator in ("\n", ". ", " "):
        cut = window.rfind(separator)
        if cut > max_chars // 4:
            return start + cut + len(separator)
    # No break anywhere: cut mid-run, but not between a character and its combining marks.
    end = limit
    while end > start + 1 and _is_combining(text[end]):
        end -= 1
    return end


# Scripts that share words in real text (Japanese mixes kanji and kana) count as one.
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "UNKNOWN ?").split()[0]
    return _SCRIPT_GROUPS.get(first, first)


def _is_combining(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or unicodedata.category(ch) in {"Mn", "Me", "Cf"}
