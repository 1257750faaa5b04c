"""Run extraction over many files: one bad file never stops the batch, and a killed batch resumes.

Every input ends as either a ledger part (possibly with zero rows) or a ``FileError``. With an
output file, finished parts are kept in a hidden work folder beside it::

    .<output name>.quotekit/manifest.jsonl   one JSON line per finished file (path, content hash, part)
    .<output name>.quotekit/parts/<key>.parquet

Parts are written atomically before their manifest line is appended, so after ``kill -9`` the
manifest lists only complete parts. A rerun skips inputs whose (path, SHA-256 of bytes) is in the
manifest and assembles the ledger in input order, so it equals an uninterrupted run's. The work
folder is removed after a run in which every file succeeded; it is kept when some failed, so the
next run retries only those.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from . import ledger
from .errors import OutputError, QuotekitError
from .export import atomic_write, atomic_write_text, check_destination, neutralise_frame, write_ledger
from .ingest import (
    DEFAULT_CHUNK_CHARS,
    DEFAULT_MAX_BYTES,
    NOTE_KEY,
    Source,
    iter_chunks,
    iter_input_files,
    read_bytes,
    source_from_bytes,
)

Extractor = Callable[[Source], pl.DataFrame]

MANIFEST_VERSION = 1
ERROR_COLUMNS = ("source_file", "stage", "error")
# Offsets into the document text; shifted by the chunk offset when a document is chunked.
TEXT_OFFSET_COLUMNS = ("quote_start", "quote_end", "speaker_start", "speaker_end", "cue_start", "cue_end")
ENGLISH_OFFSET_COLUMNS = ("quote_en_start", "quote_en_end")


@dataclass(frozen=True)
class FileError:
    """Why one input produced no rows: ``stage`` is where it failed (ingest, translate, extract, ...)."""

    source_file: str
    stage: str
    error: str


@dataclass(frozen=True)
class BatchResult:
    """What a batch produced: the ledger (input order), per-file errors, and counts for the summary."""

    ledger: pl.DataFrame
    errors: tuple[FileError, ...]
    files: int
    resumed: int

    @property
    def exit_code(self) -> int:
        """0 when every file succeeded, 1 when some failed."""
        return 1 if self.errors else 0


@dataclass(frozen=True)
class _Finished:
    source_file: str
    sha256: str
    part: str
    rows: int


def file_error(source_file: str, exc: BaseException) -> FileError:
    """Turn an exception from one file into its error record (the one line a user sees)."""
    if isinstance(exc, QuotekitError):
        stage, message = exc.stage, str(exc)
        for prefix in (f"{source_file}: ", "stdin: "):
            if message.startswith(prefix):
                message = message[len(prefix):]
                break
    elif isinstance(exc, MemoryError):
        stage, message = "extract", "out of memory on this document"
    else:
        stage, message = "extract", f"internal error ({type(exc).__name__}: {exc})"
    return FileError(source_file=source_file, stage=stage, error=message)


# C0/C1 controls (escape sequences) and bidi overrides (which reorder what the terminal shows).
_CONTROL = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))} | {
    code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(value: str) -> str:
    """``value`` with control and bidi-override characters escaped: file names must not drive the terminal."""
    return value.translate(_CONTROL)


def errors_frame(errors: Iterable[FileError]) -> pl.DataFrame:
    """The errors ledger: one row per failed file."""
    rows = [{"source_file": e.source_file, "stage": e.stage, "error": e.error} for e in errors]
    return pl.DataFrame(rows, schema={name: pl.String for name in ERROR_COLUMNS})


def write_errors(errors: Sequence[FileError], path: Path, *, raw: bool = False) -> None:
    """Write the errors CSV atomically (formula-neutralised like the ledger: file names are input)."""
    frame = errors_frame(errors)
    atomic_write_text(path, (frame if raw else neutralise_frame(frame)).write_csv())


def extract_chunked(source: Source, extractor: Extractor,
                    chunk_chars: int = DEFAULT_CHUNK_CHARS) -> pl.DataFrame:
    """Run ``extractor`` on paragraph-aligned chunks of a long document; offsets index the whole text.

    Short documents (the usual case) go through in one call. For chunked documents quote ids are
    renumbered across chunks, and sentence_index is made to increase across chunks (each chunk
    continues after the highest index seen so far), so it orders sentences but is not an exact count.
    quote_en_* offsets are shifted for English rows (where the English text is the text as read);
    for translated rows they index that chunk's translation.
    """
    chunks = list(iter_chunks(source, chunk_chars))
    if len(chunks) == 1:
        return extractor(source)
    frames = []
    sentence_base = 0
    for chunk in chunks:
        frame = extractor(chunk.source)
        if not frame.height:
            continue
        shift = pl.lit(chunk.offset, dtype=pl.Int64)
        frame = frame.with_columns(
            *[(pl.col(name) + shift).alias(name) for name in TEXT_OFFSET_COLUMNS],
            *[pl.when(pl.col("lang") == "en").then(pl.col(name) + shift).otherwise(pl.col(name)).alias(name)
              for name in ENGLISH_OFFSET_COLUMNS],
            (pl.col("sentence_index") + sentence_base).alias("sentence_index"),
        )
        highest = frame["sentence_index"].max()
        if highest is not None:
            sentence_base = int(highest) + 1  # type: ignore[arg-type]
        frames.append(frame)
    combined = ledger.concat(frames)
    if combined.height:
        ids = [f"{doc}:{number}" for number, doc in enumerate(combined["doc"].to_list(), start=1)]
        combined = combined.with_columns(pl.Series("quote_id", ids, dtype=pl.String))
    return combined


class WorkFolder:
    """The hidden folder of finished parts and their manifest (see module docstring)."""

    def __init__(self, folder: Path, fingerprint: str, *, resume: bool, console: Console):
        self.folder = folder
        self.parts = folder / "parts"
        self.manifest = folder / "manifest.jsonl"
        self.finished: dict[tuple[str, str], _Finished] = {}
        if not resume and folder.exists():
            shutil.rmtree(folder)
        if folder.exists():
            self._load(fingerprint, console)
        if not self.manifest.exists():
            self.parts.mkdir(parents=True, exist_ok=True)
            header = json.dumps({"quotekit_batch": MANIFEST_VERSION, "fingerprint": fingerprint})
            atomic_write_text(self.manifest, header + "\n")

    def _load(self, fingerprint: str, console: Console) -> None:
        try:
            lines = self.manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        header = _parse_json(lines[0]) if lines else None
        if header is None or header.get("fingerprint") != fingerprint:
            if lines:
                console.print(Text(f"note: {printable(str(self.folder))} is from a run with other "
                                   "options; starting over"), soft_wrap=True)
            shutil.rmtree(self.folder)
            return
        valid = [lines[0]]
        for line in lines[1:]:
            record = _parse_json(line)
            try:
                finished = _Finished(**record) if record else None
            except TypeError:
                finished = None
            if finished is None:
                continue  # the line a kill cut short
            valid.append(line)
            self.finished[(finished.source_file, finished.sha256)] = finished
        if len(valid) != len(lines):
            atomic_write_text(self.manifest, "\n".join(valid) + "\n")

    def lookup(self, source_file: str, sha256: str) -> pl.DataFrame | None:
        """The part of a file finished by an earlier run, or None (never finished, or part unreadable)."""
        finished = self.finished.get((source_file, sha256))
        if finished is None:
            return None
        try:
            frame = pl.read_parquet(self.parts / finished.part)
        except Exception:  # noqa: BLE001 - a damaged part just means: extract this file again
            return None
        return frame if frame.height == finished.rows else None

    def save(self, source_file: str, sha256: str, frame: pl.DataFrame) -> None:
        """Store one file's part, then record it as finished (in that order: see module docstring)."""
        key = hashlib.sha256(f"{source_file}\0{sha256}".encode()).hexdigest()[:32]
        part = f"{key}.parquet"
        atomic_write(self.parts / part, lambda handle: frame.write_parquet(handle), durable=False)
        finished = _Finished(source_file=source_file, sha256=sha256, part=part, rows=frame.height)
        with open(self.manifest, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(finished.__dict__, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.finished[(source_file, sha256)] = finished

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _parse_json(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def file_fingerprint(path: Path | str | None) -> str:
    """A short content hash of an option file (gazetteer), so editing it invalidates resumed parts."""
    if path is None:
        return "none"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return f"unreadable:{path}"


def work_folder_for(output: Path) -> Path:
    """Where a batch writing ``output`` keeps its parts: hidden, beside the output, never elsewhere."""
    return output.parent / f".{output.name}.quotekit"


def default_errors_path(output: Path) -> Path:
    """``ledger.csv`` -> ``ledger.errors.csv`` in the same folder."""
    return output.parent / f"{output.stem}.errors.csv"


def run_batch(
    inputs: Sequence[str],
    extractor: Extractor,
    *,
    work: WorkFolder | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    console: Console | None = None,
    verbose: bool = False,
) -> BatchResult:
    """Extract every input in turn; each ends as a ledger part or a FileError (reported as it happens)."""
    console = console or Console(stderr=True)
    frames: list[pl.DataFrame] = []
    errors: list[FileError] = []
    resumed = 0
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    with progress:
        task = progress.add_task("extract", total=len(inputs))
        for path in inputs:
            try:
                data = read_bytes(path, max_bytes=max_bytes)
                digest = hashlib.sha256(data).hexdigest()
                frame = work.lookup(path, digest) if work is not None else None
                if frame is not None:
                    resumed += 1
                else:
                    source = source_from_bytes(data, path)
                    del data
                    note = source.metadata.get(NOTE_KEY)
                    if note:
                        console.print(Text(f"warning: {printable(path)}: {note}"), soft_wrap=True)
                    if source.text.strip():
                        frame = _check_frame(extract_chunked(source, extractor, chunk_chars), path)
                    else:  # nothing to attribute; no reason to load models for it
                        frame = ledger.empty()
                    if work is not None:
                        try:
                            work.save(path, digest, frame)
                        except OSError as exc:  # disk full, folder removed: this file is not saved
                            raise OutputError(f"cannot save this file's rows ({exc.strerror or exc})") from exc
                frames.append(frame)
            except Exception as exc:  # noqa: BLE001 - per-file isolation is the point of this module
                error = file_error(path, exc)
                errors.append(error)
                console.print(Text.assemble(("error:", "red"), f" {printable(path)}: ({error.stage}) "
                                            f"{printable(error.error)}"), soft_wrap=True)
                if verbose:
                    console.print(Text("".join(traceback.format_exception(exc)).rstrip()), soft_wrap=True)
            finally:
                progress.advance(task)
    return BatchResult(ledger=ledger.concat(frames), errors=tuple(errors), files=len(inputs), resumed=resumed)


def _check_frame(frame: pl.DataFrame, path: str) -> pl.DataFrame:
    """An extractor must return a ledger; anything else is that file's error, not a crash later."""
    if not isinstance(frame, pl.DataFrame) or list(frame.columns) != list(ledger.COLUMNS):
        raise QuotekitError(f"{path}: extractor returned something other than a ledger frame")
    return frame.cast(ledger.SCHEMA)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ExtractRun:
    """Everything a user chose for one ``quotekit extract`` invocation except the documents' content."""

    fmt: str = "table"
    output: Path | None = None
    errors_path: Path | None = None
    raw: bool = False
    resume: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    fingerprint: str = ""
    verbose: bool = False


def run_extract(paths: Sequence[str], extractor: Extractor, run: ExtractRun,
                console: Console | None = None) -> BatchResult:
    """The whole extract command: expand inputs, run the batch, write ledger and errors atomically.

    Raises OutputError (a usage problem) before any extraction when the destination is unusable.
    """
    console = console or Console(stderr=True)
    check_destination(run.fmt, run.output)
    errors_path = run.errors_path
    if errors_path is None and run.output is not None:
        errors_path = default_errors_path(Path(run.output))
    if errors_path is not None:
        check_destination("csv", errors_path)
        if run.output is not None and Path(errors_path).resolve() == Path(run.output).resolve():
            raise OutputError(f"{errors_path}: --errors must differ from --output")
    inputs = list(iter_input_files(list(paths)))
    if not inputs:
        console.print(Text("warning: no .txt/.md/.text/.html/.htm files in the inputs"), soft_wrap=True)
    work = None
    if run.output is not None:
        fingerprint = f"{run.fingerprint}|max_bytes={run.max_bytes}|chunk_chars={run.chunk_chars}"
        work = WorkFolder(work_folder_for(Path(run.output)), fingerprint, resume=run.resume, console=console)
    result = run_batch(inputs, extractor, work=work, max_bytes=run.max_bytes, chunk_chars=run.chunk_chars,
                       console=console, verbose=run.verbose)
    write_ledger(result.ledger, run.fmt, run.output, raw=run.raw)
    if errors_path is not None:
        write_errors(result.errors, Path(errors_path), raw=run.raw)
    if work is not None and not result.errors:
        work.remove()
    _summarise(result, errors_path, console)
    return result


def _summarise(result: BatchResult, errors_path: Path | None, console: Console) -> None:
    ok = result.files - len(result.errors)
    line = f"{result.ledger.height} rows from {ok} of {result.files} files"
    if result.resumed:
        line += f" ({result.resumed} carried over from an interrupted run)"
    if result.errors:
        where = f"; see {printable(str(errors_path))}" if errors_path is not None else ""
        line += f"; {len(result.errors)} failed{where}"
    console.print(Text(line), soft_wrap=True)
