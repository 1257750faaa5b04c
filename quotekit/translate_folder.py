"""Translate a folder tree into a mirror tree, resumably, with an alignment sidecar per file.

Each output is written atomically (temp file + rename), the translation first and the sidecar
last: a sidecar whose recorded source hash matches the current source marks the file as done,
so a crashed batch resumes where it stopped (and the sentence cache makes redone work instant).
Files are translated in groups so sentences from many documents share the model's batches.
A file that fails becomes one ``FileError`` (as in extract batches: source_file, stage, error) and
the batch goes on; ``errors_path`` gets them as the same errors CSV ``quotekit extract`` writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .batch import FileError, file_error, write_errors
from .errors import InputError, OutputError, QuotekitError, TranslationError
from .export import check_destination
from .ingest import HTML_SUFFIXES, Source, iter_input_files, read_source
from .translate import Translation, translate_documents

SIDECAR_SUFFIX = ".align.json"
ERRORS_NAME = "errors.csv"  # default errors CSV, inside the output folder (never an input: not .txt/.md/.html)
GROUP_CHARS = 400_000  # source text handed to one translate_documents call


@dataclass(frozen=True)
class FolderReport:
    """What a folder run did; ``errors_path`` is where the errors CSV went (None: not written)."""

    translated: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: tuple[FileError, ...]
    sentences: int
    seconds: float
    files: int = 0
    errors_path: Path | None = None

    @property
    def exit_code(self) -> int:
        """As for extract batches: 0 when every file succeeded, 1 when some failed."""
        return 1 if self.failed else 0


@dataclass(frozen=True)
class _Job:
    path: Path
    output: Path
    sidecar: Path
    digest: str


def output_paths(src_dir: Path, out_dir: Path, path: Path) -> tuple[Path, Path]:
    """Where a source file's translation and sidecar go (HTML pages become .txt next to the name)."""
    relative = path.relative_to(src_dir)
    output = out_dir / relative
    if path.suffix.lower() in HTML_SUFFIXES:
        output = output.with_name(output.name + ".txt")
    return output, output.with_name(output.name + SIDECAR_SUFFIX)


def is_done(job: _Job, source_lang: str | None, target_lang: str) -> bool:
    """Done: the translation exists and the sidecar records this exact source and target."""
    if not (job.output.is_file() and job.sidecar.is_file()):
        return False
    try:
        sidecar = json.loads(job.sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(sidecar, dict)
        and sidecar.get("source_sha256") == job.digest
        and sidecar.get("target_lang") == target_lang
        and (source_lang is None or sidecar.get("source_lang") == source_lang)
    )


def translate_folder(
    src_dir: str | Path,
    out_dir: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str = "en",
    errors_path: str | Path | None = None,
    on_progress: Callable[[float, int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> FolderReport:
    """Translate every text/HTML file under ``src_dir`` into the same tree under ``out_dir``.

    ``on_total(n_files)`` is called once, then ``on_progress(sentences, files_finished)`` as work
    completes. Files that fail are reported and the batch goes on; with ``errors_path`` the errors
    CSV is written (atomically, header only when nothing failed) at the end of every run.
    Raises InputError/OutputError (usage problems) before any work when the folders or the errors
    path are unusable.
    """
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    if not src_dir.is_dir():
        raise InputError(f"{src_dir}: not a folder")
    started = time.monotonic()
    src_resolved, out_resolved = src_dir.resolve(), out_dir.resolve()
    if src_resolved == out_resolved:
        raise InputError(f"{out_dir}: the output folder must differ from the source folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    if errors_path is not None:
        errors_path = Path(errors_path)
        try:
            errors_path.parent.mkdir(parents=True, exist_ok=True)  # the default one is inside out_dir
        except OSError as exc:
            raise OutputError(f"{errors_path.parent}: cannot create the folder ({exc.strerror or exc})") from exc
        check_destination("csv", errors_path)
    nested = out_resolved.is_relative_to(src_resolved)  # then skip our own outputs on reruns
    paths = [Path(p) for p in iter_input_files([str(src_dir)])
             if not (nested and Path(p).resolve().is_relative_to(out_resolved))]
    if errors_path is not None and errors_path.resolve() in {path.resolve() for path in paths}:
        raise OutputError(f"{errors_path}: is one of the files to translate; give another --errors file")
    if on_total:
        on_total(len(paths))
    translated: list[str] = []
    skipped: list[str] = []
    failed: list[FileError] = []
    sentences = 0
    pending: list[tuple[_Job, Source]] = []

    def progress(count: float) -> None:
        if on_progress:
            on_progress(count, 0)

    def flush() -> None:
        nonlocal sentences
        by_lang: dict[str, list[tuple[_Job, Source]]] = {}
        for job, source in pending:
            try:
                lang = source_lang or _detect(source.text)
            except Exception as exc:  # noqa: BLE001 - one file's detection failure is that file's error
                fail(job.path, exc if isinstance(exc, QuotekitError)
                     else TranslationError(f"language detection failed ({type(exc).__name__}: {exc})"))
                continue
            by_lang.setdefault(lang, []).append((job, source))
        pending.clear()
        for lang, group in by_lang.items():
            for job, result in _translate_group(group, lang, target_lang, progress):
                if isinstance(result, Translation):
                    try:
                        _write_outputs(job, result, src_dir)
                    except OSError as exc:
                        result = OutputError(f"{job.output}: cannot write ({exc.strerror or exc})")
                    else:
                        translated.append(str(job.path))
                        sentences += len(result.sentences)
                        if on_progress:
                            on_progress(0, 1)
                        continue
                fail(job.path, result)

    def fail(path: Path, exc: BaseException) -> None:
        failed.append(file_error(str(path), exc))
        if on_progress:
            on_progress(0, 1)

    pending_chars = 0
    for path in paths:
        output, sidecar = output_paths(src_dir, out_dir, path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            fail(path, InputError(f"cannot read file ({exc.strerror or exc})"))
            continue
        job = _Job(path, output, sidecar, hashlib.sha256(data).hexdigest())
        if is_done(job, source_lang, target_lang):
            skipped.append(str(path))
            if on_progress:
                on_progress(0, 1)
            continue
        try:
            source = read_source(path)
        except QuotekitError as exc:
            fail(path, exc)
            continue
        pending.append((job, source))
        pending_chars += len(source.text)
        if pending_chars >= GROUP_CHARS:
            flush()
            pending_chars = 0
    flush()
    if errors_path is not None:
        write_errors(failed, errors_path)
    return FolderReport(tuple(translated), tuple(skipped), tuple(failed), sentences, time.monotonic() - started,
                        files=len(paths), errors_path=errors_path)


def _detect(text: str) -> str:
    from .language import detect_language

    return detect_language(text)


def _translate_group(group: list[tuple[_Job, Source]], lang: str, target_lang: str,
                     progress) -> list[tuple[_Job, Translation | QuotekitError]]:
    """Translate a group together; on failure retry one by one so one bad file cannot sink the rest."""
    texts = [source.text for _, source in group]
    try:
        results = translate_documents(texts, lang, target_lang, progress=progress)
        return list(zip((job for job, _ in group), results, strict=True))
    except QuotekitError as exc:
        first_error = exc
    except Exception as exc:  # noqa: BLE001 - an unexpected model failure must not stop the batch
        first_error = TranslationError(f"translation failed ({type(exc).__name__}: {exc})")
    if len(group) == 1 or "no translation model installed" in str(first_error):
        return [(job, first_error) for job, _ in group]
    outcomes = []
    for job, source in group:
        outcomes.extend(_translate_group([(job, source)], lang, target_lang, progress))
    return outcomes


def _write_outputs(job: _Job, translation: Translation, src_dir: Path) -> None:
    sidecar = {
        "source": str(job.path.relative_to(src_dir)),
        "source_sha256": job.digest,
        "translation": job.output.name,
        **translation.alignment_json(),
    }
    _atomic_write(job.output, translation.english)
    _atomic_write(job.sidecar, json.dumps(sidecar, ensure_ascii=False) + "\n")


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as sink:
            sink.write(text)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
