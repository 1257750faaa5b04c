"""Write a ledger as a table, CSV, JSON Lines or Parquet, atomically and safe to open in a spreadsheet.

Every file is written to a temporary file in the destination folder and renamed over the target,
so a crash or kill leaves either the old file or the new one, never half of one. CSV cells that a
spreadsheet would run as a formula get a leading apostrophe (see ``neutralise_cell``).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import polars as pl

from .errors import OutputError

FORMATS = ("table", "csv", "jsonl", "parquet")

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and
# Google Sheets: "=HYPERLINK(...)", "+1+cmd|...", "-2+3", "@SUM(...)", or a tab/CR before any of them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

def neutralise_cell(value: str) -> str:
    """Prefix a risky cell with ``'`` so spreadsheets show it as text instead of evaluating it."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Apply ``neutralise_cell`` to every string column (numbers are never formulas)."""
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype == pl.String:
            column = pl.col(name)
            condition = pl.lit(False)
            for trigger in FORMULA_TRIGGERS:
                condition = condition | column.str.starts_with(trigger)
            exprs.append(pl.when(condition).then(pl.lit("'") + column).otherwise(column).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def write_ledger(frame: pl.DataFrame, fmt: str, output: Path | str | None, *, raw: bool = False) -> None:
    """Write ``frame`` to ``output`` (stdout when None) in ``fmt``; files are replaced atomically.

    ``raw=True`` skips CSV formula neutralisation (for tools that read CSV as data, not sheets).
    """
    check_destination(fmt, output)
    if fmt == "parquet":
        atomic_write(Path(output), lambda handle: frame.write_parquet(handle))  # type: ignore[arg-type]
        return
    if fmt == "table":
        data = render_table(frame, width=None if output is None else 160)
    elif fmt == "csv":
        data = (frame if raw else neutralise_frame(frame)).write_csv()
    else:
        data = frame.write_ndjson()
    if output is None:
        sys.stdout.write(data)
        sys.stdout.flush()
    else:
        atomic_write_text(Path(output), data)


def check_destination(fmt: str, output: Path | str | None) -> None:
    """Fail before any work is done when the format/destination pair cannot be written."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if output is None:
        if fmt == "parquet":
            raise OutputError("parquet is binary: give --output FILE")
        return
    target = Path(output)
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name for --output")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{folder}: output folder does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: output folder is not writable")


WIDE_TABLE = 120  # narrower terminals get one block per row instead of a cramped table


def _speaker_cell(row: dict) -> str:
    name = row.get("speaker_resolved") or row.get("speaker") or "(unnamed)"
    role = row.get("speaker_role")
    return f"{name} ({role})" if role else name


def _via_cell(row: dict) -> str:
    speaker = row.get("speaker_resolved") or row.get("speaker")
    return " / ".join(value for value in (row.get("outlet"), row.get("channel")) if value and value != speaker)


def _quote_cell(row: dict) -> str:
    quote = row.get("quote") or ""
    return f"\u201c{quote}\u201d" if row.get("quote_type") == "direct" else quote


def render_table(frame: pl.DataFrame, width: int | None = None) -> str:
    """The human-readable view, fitted to the terminal (or ``width``): a table when it is wide,
    else one block per attribution (number, type, speaker and role, cue, outlet/channel, then the
    quote wrapped below), so an 80-column terminal shows whole words, not a column of fragments."""
    from rich.console import Console

    if width is None:
        width = Console(file=sys.stdout).width  # the terminal's, or $COLUMNS, or 80
    rows = frame.to_dicts()
    several_docs = len({row.get("doc") for row in rows}) > 1
    show_via = any(_via_cell(row) for row in rows)
    if width < WIDE_TABLE:
        return _render_blocks(rows, width, several_docs)
    from rich.table import Table

    table = Table(show_lines=False)
    if several_docs:
        table.add_column("doc", overflow="fold", max_width=24)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("speaker", overflow="fold", ratio=2)
    table.add_column("cue", overflow="fold", max_width=18)
    table.add_column("quote", overflow="fold", ratio=5)
    if show_via:
        table.add_column("outlet / channel", overflow="fold", ratio=1)
    for row in rows:
        cells = [str(row.get("doc") or "")] if several_docs else []
        cells += [_row_number(row), row.get("quote_type") or "", _speaker_cell(row), row.get("cue") or "",
                  _quote_cell(row)]
        if show_via:
            cells.append(_via_cell(row))
        table.add_row(*cells)
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=False, color_system=None,
            highlight=False).print(table)
    return buffer.getvalue()


def _row_number(row: dict) -> str:
    quote_id = str(row.get("quote_id") or "")
    return quote_id.rsplit(":", 1)[-1] if quote_id else ""


def _render_blocks(rows: list[dict], width: int, several_docs: bool) -> str:
    import textwrap

    width = max(width, 40)
    blocks = []
    for row in rows:
        label = str(row.get("quote_id") or "") if several_docs else _row_number(row)
        head = [f"{label} {row.get('quote_type') or ''}".strip(), _speaker_cell(row)]
        if row.get("cue"):
            head.append(row["cue"])
        if _via_cell(row):
            head.append(_via_cell(row))
        lines = textwrap.wrap(" | ".join(head), width=width, subsequent_indent="    ")
        lines += textwrap.wrap(_quote_cell(row), width=width, initial_indent="    ",
                               subsequent_indent="    ")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def atomic_write_text(path: Path | str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) so readers never see a partial file."""
    data = text.encode("utf-8")
    atomic_write(Path(path), lambda handle: handle.write(data))


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers never see a partial file."""
    atomic_write(Path(path), lambda handle: handle.write(data))


def atomic_write(path: Path, write: Callable[[BinaryIO], object], *, durable: bool = True) -> None:
    """Run ``write`` on a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    The temporary file lives in the same folder (a rename across file systems is not atomic) and is
    created with O_EXCL, so a symlink planted at a predictable name cannot redirect the write. If
    ``path`` itself is a symlink, the link is replaced, not the file it points to.
    """
    path = Path(path)
    handle_fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            write(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp_name, 0o666 & ~_UMASK)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_folder(path.parent)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # once, at import: os.umask is process-wide and not thread-safe


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def safe_output_path(folder: Path | str, name: str) -> Path:
    """``folder/name`` for a name derived from input (a doc name, an archive member), or OutputError.

    Refuses absolute names, ``..`` components, and anything that resolves -- through symlinks
    already in ``folder`` -- to a place outside ``folder``.
    """
    root = Path(folder).resolve()
    relative = Path(name)
    if not name or "\x00" in name or relative.is_absolute() or relative.drive or ".." in relative.parts:
        raise OutputError(f"{name!r}: output name would leave the output folder {root}")
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        raise OutputError(f"{name!r}: output name would leave the output folder {root}")
    if candidate == root:
        raise OutputError(f"{name!r}: output name is the output folder itself")
    return candidate
