"""The quotekit command line: a thin typer layer over the library."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .errors import OutputError, QuotekitError

app = typer.Typer(help="Offline quote attribution: who said what, in which outlet, on which channel.",
                  no_args_is_help=True, add_completion=False)
models_app = typer.Typer(help="List, install and remove Stanza and Argos models.", no_args_is_help=True)
app.add_typer(models_app, name="models")

stderr = Console(stderr=True)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Same as --format csv.")]
NlOption = Annotated[bool, typer.Option("--nl", help="Same as --format jsonl (newline-delimited JSON).")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")]
LearnedOption = Annotated[Path | None, typer.Option(
    "--learned", help="Add the rows a model trained by `quotekit learn` keeps (ledger column method=learned).")]


def output_format(fmt: OutputFormat, as_csv: bool, as_nl: bool) -> OutputFormat:
    """--csv / --nl are shortcuts for --format; more than one different choice is a usage error."""
    chosen = {OutputFormat.csv} if as_csv else set()
    chosen |= {OutputFormat.jsonl} if as_nl else set()
    if fmt != OutputFormat.table:
        chosen.add(fmt)
    if len(chosen) > 1:
        fail("choose one output format (--format, --csv, --nl)", code=2)
    return chosen.pop() if chosen else fmt


def fail(message: str, code: int = 1) -> None:
    """One line on stderr, then exit."""
    stderr.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: FormatOption = OutputFormat.table,
    as_csv: CsvOption = False,
    as_nl: NlOption = False,
    output: OutputOption = None,
    lang: Annotated[str | None, typer.Option("--from", help="Source language (default: detect).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Outlet that published the documents.")] = None,
    gazetteer: Annotated[Path | None, typer.Option(help="Extra outlets/channels (TSV: name, kind).")] = None,
    learned: LearnedOption = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Errors CSV (source_file, stage, error); default: NAME.errors.csv beside --output.")
    ] = None,
    raw: Annotated[bool, typer.Option(
        "--raw", help="CSV: keep cells starting with = + - @ as they are (no ' prefix against formulas).")
    ] = False,
    resume: Annotated[bool, typer.Option(
        "--resume/--no-resume", help="Continue an interrupted batch writing the same --output.")] = True,
    max_mb: Annotated[float, typer.Option(
        "--max-mb", min=0.001, help="Refuse input files larger than this many megabytes.")] = 100.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Full tracebacks on errors.")] = False,
) -> None:
    """Extract a quote ledger from news text.

    Exit code 0: every file succeeded; 1: some files failed (see --errors); 2: usage error.
    """
    from rich.markup import escape

    from . import __version__
    from .batch import ExtractRun, file_fingerprint, printable, run_extract
    from .pipeline import ExtractOptions, extract_source

    fmt = output_format(fmt, as_csv, as_nl)
    _check_learned(learned)
    options = ExtractOptions(lang=lang, publisher=publisher, gazetteer=gazetteer, learned=learned)
    run = ExtractRun(fmt=fmt.value, output=output, errors_path=errors, raw=raw, resume=resume,
                     max_bytes=int(max_mb * 1024 * 1024), verbose=verbose,
                     fingerprint=f"quotekit {__version__}|{options!r}|{file_fingerprint(gazetteer)}"
                                 f"|{file_fingerprint(learned)}")
    try:
        result = run_extract(paths, lambda source: extract_source(source, options), run, console=stderr)
    except OutputError as exc:
        fail(escape(printable(str(exc))), code=2)
    except KeyboardInterrupt:
        resumable = " (rerun the same command to continue)" if output is not None else ""
        fail(f"interrupted{resumable}", code=130)
    except (QuotekitError, OSError) as exc:  # e.g. the disk filled while writing the ledger
        fail(escape(printable(str(exc))), code=1)
    raise typer.Exit(result.exit_code)


def _check_learned(path: Path | None) -> None:
    """A learned model that cannot be read fails the run once, before any file is touched."""
    if path is None:
        return
    from rich.markup import escape

    from .attribute.learned import load_model

    try:
        load_model(path)
    except QuotekitError as exc:
        fail(escape(str(exc)))


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold attributions: PolNeAR-style JSONL.")],
    ledger_path: Annotated[Path | None, typer.Option(
        "--ledger", help="Score this ledger (CSV, JSONL, Parquet; rows matched by doc).")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Score only the first N documents.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    baseline: Annotated[str | None, typer.Option(hidden=True, help="Score a peer baseline: regex.")] = None,
    learned: LearnedOption = None,
) -> None:
    """Score quote attributions against gold (GGT detection, exact content, characters, speaker, cue)."""
    from rich.markup import escape
    from rich.progress import Progress

    from . import evaluate

    if baseline is not None and ledger_path is not None:
        fail("--baseline and --ledger are exclusive")
    if learned is not None and (baseline is not None or ledger_path is not None):
        fail("--learned scores quotekit's own extraction: not with --ledger or --baseline")
    _check_learned(learned)
    try:
        gold_docs = evaluate.read_gold(gold, limit=limit)
        if baseline is not None:
            run = evaluate.baseline_predictions(gold_docs, baseline)
        elif ledger_path is not None:
            run = evaluate.predictions_from_ledger(evaluate.read_ledger(ledger_path), gold_docs)
        else:
            with Progress(console=stderr, transient=True) as progress:
                task = progress.add_task("extracting", total=len(gold_docs))
                run = evaluate.predictions_from_extraction(gold_docs, lambda _: progress.advance(task), learned)
        report = evaluate.score(gold_docs, run.predictions)
    except QuotekitError as exc:
        fail(escape(str(exc)))
    for line in (*map(escape, run.notes), *(f"[red]error:[/red] {escape(f)}" for f in run.failures)):
        stderr.print(line, highlight=False)
    if as_json:
        sys.stdout.write(evaluate.report_to_json(report) + "\n")
    else:
        Console().print(*evaluate.report_tables(report, title=f"quotekit eval {gold.name}"))
    if run.failures:
        raise typer.Exit(1)


@app.command("learn")
def learn_command(
    gold: Annotated[Path, typer.Argument(help="Gold attributions: PolNeAR-style JSONL (English).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model (JSON).")],
    limit: Annotated[int | None, typer.Option(min=1, help="Learn from the first N documents only.")] = None,
    max_speaker_drop: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Speaker accuracy the added rows may cost, at most (cross-validated).")] = 0.005,
) -> None:
    """Train a model that adds the attributions the rules miss; use it with --learned.

    quotekit ships no such model: train it on gold you may use (PolNeAR has no licence, so a model
    trained on it stays on your machine). Parsing takes a few seconds a document.
    """
    from rich.markup import escape
    from rich.progress import Progress

    from . import evaluate, learn
    from .attribute.learned import save_model

    try:
        gold_docs = evaluate.read_gold(gold, limit=limit)
        with Progress(console=stderr, transient=True) as progress:
            task = progress.add_task("parsing", total=len(gold_docs))
            documents = learn.parse_and_label(gold_docs, lambda _: progress.advance(task))
        model = learn.train(documents, max_speaker_drop=max_speaker_drop,
                            about=f"{gold.name}: {len(documents)} documents",
                            on_step=lambda line: stderr.print(line, highlight=False))
        save_model(model, output)
    except QuotekitError as exc:
        fail(escape(str(exc)))
    except OSError as exc:
        fail(escape(f"cannot write {output}: {exc}"))
    kept = "keeps nothing (no threshold beat the rules alone)" if model.threshold >= 1.0 \
        else f"threshold {model.threshold}"
    stderr.print(f"wrote {escape(str(output))}: {len(model.weights)} weights, {kept}", highlight=False)


# -- translation and models (quotekit/translate*.py, quotekit/models.py) ---------------------------

def _error_line(message: str, exit_code: int | None = 1) -> None:
    """One unwrapped line on stderr (paths are long), then exit unless exit_code is None."""
    from rich.markup import escape

    stderr.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    if exit_code is not None:
        raise typer.Exit(exit_code)


@app.command()
def translate(
    src_dir: Annotated[Path, typer.Argument(help="Folder of text/HTML files to translate.")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", help="Mirror folder for translations.")],
    lang: Annotated[str | None, typer.Option("--from", help="Source language (default: detect per file).")] = None,
    target: Annotated[str, typer.Option("--to", help="Target language.")] = "en",
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Errors CSV (source_file, stage, error); default: errors.csv inside --output.")
    ] = None,
) -> None:
    """Translate a folder offline into a mirror tree (+ .align.json sidecars); resumable.

    Exit code 0: every file succeeded; 1: some files failed (see --errors); 2: usage error.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .batch import printable
    from .translate_folder import ERRORS_NAME, translate_folder

    columns = (TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=stderr) as progress:
        task = progress.add_task("translate", total=None, rate="")
        started, sentences = [0.0], [0.0]

        def on_progress(count: float, files: int) -> None:
            import time

            started[0] = started[0] or time.monotonic()
            sentences[0] += count
            elapsed = max(time.monotonic() - started[0], 1e-6)
            progress.update(task, advance=files, rate=f"{sentences[0] / elapsed:,.0f} sentences/s")

        try:
            report = translate_folder(src_dir, out_dir, source_lang=lang, target_lang=target,
                                      errors_path=errors if errors is not None else out_dir / ERRORS_NAME,
                                      on_progress=on_progress, on_total=lambda n: progress.update(task, total=n))
        except QuotekitError as exc:  # only usage problems escape: unusable folders or errors file
            _error_line(printable(str(exc)), exit_code=2)
        except KeyboardInterrupt:
            _error_line("interrupted (rerun the same command to continue)", exit_code=130)
        except OSError as exc:  # e.g. the disk filled while writing the errors file
            _error_line(printable(str(exc)))
    if not report.files:
        stderr.print("warning: no .txt/.md/.text/.html/.htm files in the source folder", highlight=False)
    for failure in report.failed:
        _error_line(f"{printable(failure.source_file)}: ({failure.stage}) {printable(failure.error)}", exit_code=None)
    where = f"; see {printable(str(report.errors_path))}" if report.failed and report.errors_path else ""
    stderr.print(f"translated {len(report.translated)}, already done {len(report.skipped)}, "
                 f"failed {len(report.failed)} ({report.sentences} sentences in {report.seconds:.1f}s){where}",
                 highlight=False, soft_wrap=True)
    raise typer.Exit(report.exit_code)


@models_app.command("list")
def models_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show installed Stanza languages and Argos translation pairs, and where they are."""
    import json

    from rich.table import Table

    from .models import installed_models

    found = installed_models()
    if as_json:
        sys.stdout.write(json.dumps(found.to_json(), indent=2) + "\n")
        return
    table = Table(title=f"models in {found.root}")
    for column in ("kind", "name", "languages", "version / processors"):
        table.add_column(column, no_wrap=column != "version / processors")
    table.add_column("path", overflow="fold")
    for stanza in found.stanza:
        table.add_row("stanza", stanza.lang, stanza.lang, ",".join(stanza.processors), str(stanza.path))
    for package in found.argos:
        table.add_row("argos", package.name, package.pair, package.package_version, str(package.path))
    for broken in found.broken:
        table.add_row(f"{broken.kind} (broken)", broken.path.name, "", broken.problem, str(broken.path))
    Console().print(table)


@models_app.command("install")
def models_install(
    target: Annotated[str, typer.Argument(help="FILE.argosmodel, or a pair like it-en with --from-index.")],
    from_index: Annotated[bool, typer.Option(
        "--from-index", help="Download TARGET pair from the Argos index (QUOTEKIT_ARGOS_INDEX/ARGOS_PACKAGE_INDEX).")
    ] = False,
    index_url: Annotated[str | None, typer.Option("--index-url", help="Package index URL.")] = None,
) -> None:
    """Install an Argos translation package (validated; nothing changes if it is bad)."""
    from .models import install_argos_from_index, install_argos_package

    try:
        package = install_argos_from_index(target, index_url) if from_index else install_argos_package(target)
    except QuotekitError as exc:
        _error_line(str(exc))
    stderr.print(f"installed {package.name} ({package.pair}) in {package.path}", highlight=False, soft_wrap=True)


@models_app.command("install-stanza")
def models_install_stanza(
    lang: Annotated[str, typer.Argument(help="Language code, e.g. it.")],
    source: Annotated[str, typer.Option("--from", help="Folder, zip file, or http(s) URL (zip, or folder/).")],
) -> None:
    """Install a Stanza model set (tokenize.pt, pos.pt, ...) for one language."""
    from .models import install_stanza

    try:
        installed = install_stanza(lang, source)
    except QuotekitError as exc:
        _error_line(str(exc))
    stderr.print(f"installed stanza {installed.lang} ({', '.join(installed.processors)}) in {installed.path}",
                 highlight=False, soft_wrap=True)


@models_app.command("remove")
def models_remove(name: Annotated[str, typer.Argument(help="Package folder, pair (it-en) or stanza/LANG.")]) -> None:
    """Remove an installed model."""
    from .models import remove_model

    try:
        removed = remove_model(name)
    except QuotekitError as exc:
        _error_line(str(exc))
    stderr.print(f"removed {removed}", highlight=False, soft_wrap=True)


def main() -> None:
    try:
        app()
    except QuotekitError as exc:  # pragma: no cover - last resort
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
