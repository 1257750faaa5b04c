"""Where models live and how they get there: Stanza model sets and Argos translation packages.

Everything is offline by default. Installing validates first (no archive member may escape the
target folder, metadata must be sane, the model must load) into a staging folder beside the
destination, then swaps it into place with renames, so a bad archive never changes what is
installed. quotekit never imports argostranslate: an Argos package is read as plain files.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import ModelError

STANZA_MODEL_FILES = ("tokenize.pt", "mwt.pt", "pos.pt", "lemma.pt", "depparse.pt", "ner.pt", "pretrain.pt")
STANZA_REQUIRED_FILES = STANZA_MODEL_FILES  # quotekit/nlp.py loads all seven
STANZA_EXTRA_FILES = ("MODEL_CARD.md",)
# Optional: which word-vector file each processor reads ({"ner": "glove.pt"}); unnamed ones read pretrain.pt
PRETRAIN_MANIFEST = "pretrains.json"
PRETRAIN_READERS = ("pos", "depparse", "ner")
_PRETRAIN_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+\.pt$")
DEFAULT_ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
MAX_ARCHIVE_BYTES = 4 * 1024**3  # uncompressed; real Argos packages are ~100 MB
MAX_INDEX_BYTES = 20 * 1024**2
LANG_CODE_RE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]{1,8})?$")
PAIR_RE = re.compile(r"^([a-z]{2,3})(?:->|→|[-_:/])([a-z]{2,3})$")
PACKAGE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
INSTALL_HINT = "quotekit models install FILE.argosmodel"


@dataclass(frozen=True)
class ArgosPackage:
    """An installed Argos translation package, read from its metadata.json."""

    name: str
    path: Path
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    package_version: str
    argos_version: str
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"

    @property
    def model_id(self) -> str:
        """Changes whenever the package is (re)installed; keys the translation cache."""
        model_bin = self.path / "model" / "model.bin"
        try:
            info = model_bin.stat()
        except OSError:
            return f"{self.name}@{self.package_version}:missing"
        return f"{self.name}@{self.package_version}:{info.st_size}:{info.st_mtime_ns}"


@dataclass(frozen=True)
class StanzaModelSet:
    """The Stanza model files installed for one language."""

    lang: str
    path: Path
    processors: tuple[str, ...]


@dataclass(frozen=True)
class BrokenModel:
    """An installed folder that cannot be used, and why."""

    kind: str
    path: Path
    problem: str


@dataclass(frozen=True)
class InstalledModels:
    """What ``quotekit models list`` shows."""

    root: Path
    stanza: tuple[StanzaModelSet, ...]
    argos: tuple[ArgosPackage, ...]
    broken: tuple[BrokenModel, ...]

    def to_json(self) -> dict:
        return {
            "root": str(self.root),
            "stanza": [{"lang": s.lang, "path": str(s.path), "processors": list(s.processors)} for s in self.stanza],
            "argos": [
                {"name": p.name, "path": str(p.path), "from_code": p.from_code, "to_code": p.to_code,
                 "from_name": p.from_name, "to_name": p.to_name, "package_version": p.package_version}
                for p in self.argos
            ],
            "broken": [{"kind": b.kind, "path": str(b.path), "problem": b.problem} for b in self.broken],
        }


# -- locations -------------------------------------------------------------------------------------

def models_root() -> Path:
    """``QUOTEKIT_MODELS`` if set, else the ``models/`` folder next to the quotekit package."""
    configured = os.environ.get("QUOTEKIT_MODELS")
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parent.parent / "models"


def argos_root() -> Path:
    return models_root() / "argos"


def stanza_root() -> Path:
    return models_root() / "stanza"


def cache_root() -> Path:
    return models_root() / "cache"


# -- reading what is installed ----------------------------------------------------------------------

def parse_pretrain_manifest(text: str, where: str) -> dict[str, str]:
    """The word-vector file each processor reads, from a ``pretrains.json`` text."""
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise ModelError(f"{where}: not valid JSON ({exc})") from exc
    if not isinstance(manifest, dict) or any(
            key not in PRETRAIN_READERS or not isinstance(name, str) or not _PRETRAIN_NAME_RE.match(name)
            for key, name in manifest.items()):
        raise ModelError(f"{where}: expected {{processor: file.pt}} for processors {', '.join(PRETRAIN_READERS)}")
    return {reader: manifest.get(reader, "pretrain.pt") for reader in PRETRAIN_READERS}


def stanza_pretrains(folder: Path) -> dict[str, str]:
    """Processor -> word-vector file name in a Stanza model folder (pretrain.pt unless the manifest says)."""
    manifest = folder / PRETRAIN_MANIFEST
    if not manifest.is_file():
        return dict.fromkeys(PRETRAIN_READERS, "pretrain.pt")
    return parse_pretrain_manifest(manifest.read_text(encoding="utf-8"), str(manifest))


def stanza_set_files(folder: Path) -> tuple[str, ...]:
    """Every model file a Stanza set in ``folder`` needs: the seven, and the vector files its manifest names."""
    try:
        named = set(stanza_pretrains(folder).values())
    except ModelError:
        named = set()
    return STANZA_REQUIRED_FILES + tuple(sorted(named - set(STANZA_REQUIRED_FILES)))


def installed_models() -> InstalledModels:
    """Scan the models root; unusable folders are reported, not raised."""
    argos, stanza, broken = [], [], []
    for folder in _visible_dirs(argos_root()):
        try:
            argos.append(read_argos_package(folder))
        except ModelError as exc:
            broken.append(BrokenModel("argos", folder, str(exc)))
    for folder in _visible_dirs(stanza_root()):
        present = tuple(name[:-3] for name in STANZA_MODEL_FILES if (folder / name).is_file())
        missing = [name for name in stanza_set_files(folder) if not (folder / name).is_file()]
        if missing:
            broken.append(BrokenModel("stanza", folder, f"missing {', '.join(missing)}"))
        else:
            stanza.append(StanzaModelSet(folder.name, folder, tuple(p for p in present if p != "pretrain")))
    return InstalledModels(models_root(), tuple(stanza), tuple(argos), tuple(broken))


def argos_packages() -> tuple[ArgosPackage, ...]:
    """The usable installed Argos packages."""
    return installed_models().argos


def read_argos_package(folder: Path) -> ArgosPackage:
    """Read and check one installed package folder."""
    metadata_path = folder / "metadata.json"
    if not metadata_path.is_file():
        raise ModelError(f"{metadata_path}: missing; reinstall the package with: {INSTALL_HINT}")
    try:
        metadata = parse_metadata(metadata_path.read_bytes(), str(metadata_path))
    except OSError as exc:
        raise ModelError(f"{metadata_path}: unreadable ({exc}); reinstall with: {INSTALL_HINT}") from exc
    for needed in ("model/model.bin", "sentencepiece.model"):
        if not (folder / needed).is_file():
            raise ModelError(f"{folder / needed}: missing; reinstall the package with: {INSTALL_HINT}")
    return _package_from_metadata(folder.name, folder, metadata)


def parse_metadata(data: bytes, where: str) -> dict:
    """Check an Argos metadata.json: a JSON object with sane language codes."""
    try:
        metadata = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{where}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(metadata, dict):
        raise ModelError(f"{where}: metadata.json must hold a JSON object")
    if metadata.get("type", "translate") != "translate":
        raise ModelError(f"{where}: package type {metadata.get('type')!r} is not a translation package")
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not LANG_CODE_RE.match(value):
            raise ModelError(f"{where}: metadata.json has no valid {key} (got {value!r})")
    if metadata["from_code"] == metadata["to_code"]:
        raise ModelError(f"{where}: metadata.json translates {metadata['from_code']} into itself")
    for key in ("from_name", "to_name", "package_version", "argos_version", "target_prefix"):
        if key in metadata and not isinstance(metadata[key], str):
            raise ModelError(f"{where}: metadata.json field {key} must be a string")
    return metadata


def _package_from_metadata(name: str, path: Path, metadata: dict) -> ArgosPackage:
    return ArgosPackage(
        name=name, path=path, from_code=metadata["from_code"], to_code=metadata["to_code"],
        from_name=metadata.get("from_name", ""), to_name=metadata.get("to_name", ""),
        package_version=metadata.get("package_version", ""), argos_version=metadata.get("argos_version", ""),
        target_prefix=metadata.get("target_prefix", ""),
    )


def stanza_model_dir(lang: str, files: tuple[str, ...] | None = None) -> Path:
    """The folder holding ``lang``'s Stanza models; ModelError naming the missing or corrupt file."""
    folder = stanza_root() / lang
    for name in files if files is not None else stanza_set_files(folder):
        check_model_file(folder / name, f"quotekit models install-stanza {lang} --from DIR|URL")
    return folder


def check_model_file(path: Path, restore: str) -> None:
    """A model file must exist, be non-empty and look like a torch zip or pickle."""
    if not path.is_file():
        raise ModelError(f"{path}: model file missing; restore it with: {restore}")
    problem = _torch_file_problem(path)
    if problem:
        raise ModelError(f"{path}: corrupt model file ({problem}); restore it with: {restore}")


# -- installing Argos packages -----------------------------------------------------------------------

def install_argos_package(archive_path: str | Path) -> ArgosPackage:
    """Install a ``.argosmodel`` file; replaces an installed package for the same language pair."""
    archive_path = Path(archive_path)
    where = str(archive_path)
    if not archive_path.is_file():
        raise ModelError(f"{where}: no such file")
    if not zipfile.is_zipfile(archive_path):
        raise ModelError(f"{where}: not an Argos package (an .argosmodel must be a zip archive)")
    root = argos_root()
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".staging-{uuid.uuid4().hex}"
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = _checked_members(archive, where)
            prefix, name = _package_layout(members, archive_path)
            metadata = parse_metadata(archive.read(prefix + "metadata.json"), where)
            _extract(archive, members, prefix, staging)
        _check_package_files(staging, where)
        package = _package_from_metadata(name, root / name, metadata)
        replaced = [p for p in argos_packages() if (p.from_code, p.to_code) == (package.from_code, package.to_code)
                    and p.name != name]
        _swap_into_place(staging, root / name)
        for old in replaced:
            _remove_tree(old.path)
        return read_argos_package(root / name)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"{where}: damaged archive ({_one_line(exc)})") from exc
    except OSError as exc:
        raise ModelError(f"{where}: cannot install ({_one_line(exc)})") from exc
    finally:
        _remove_tree(staging)


def argos_index_url() -> str:
    """``QUOTEKIT_ARGOS_INDEX`` or ``ARGOS_PACKAGE_INDEX`` (a base URL or an index.json URL)."""
    url = os.environ.get("QUOTEKIT_ARGOS_INDEX") or os.environ.get("ARGOS_PACKAGE_INDEX")
    if not url:
        return DEFAULT_ARGOS_INDEX
    if url.endswith(".json"):
        return url
    return url.rstrip("/") + "/index.json"


def parse_pair(pair: str) -> tuple[str, str]:
    """'it-en', 'it_en' or 'it->en' -> ('it', 'en')."""
    match = PAIR_RE.match(pair.strip().lower())
    if not match:
        raise ModelError(f"{pair!r} is not a language pair; write it like it-en")
    return match.group(1), match.group(2)


def install_argos_from_index(pair: str, index_url: str | None = None) -> ArgosPackage:
    """Download the package for ``pair`` listed in an Argos index.json, then install it."""
    from_code, to_code = parse_pair(pair)
    url = index_url or argos_index_url()
    root = argos_root()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".download-") as tmp:
        index_file = Path(tmp) / "index.json"
        _download(url, index_file, MAX_INDEX_BYTES)
        try:
            index = json.loads(index_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{url}: the package index is not valid JSON ({exc})") from exc
        if not isinstance(index, list):
            raise ModelError(f"{url}: the package index must be a JSON list")
        entries = [e for e in index if isinstance(e, dict) and e.get("from_code") == from_code
                   and e.get("to_code") == to_code and e.get("type", "translate") == "translate"]
        if not entries:
            raise ModelError(f"{url}: no package for {from_code}->{to_code} in the index")
        entry = max(entries, key=lambda e: _version_key(str(e.get("package_version", ""))))
        links = [link for link in entry.get("links", []) if isinstance(link, str)]
        if not links:
            raise ModelError(f"{url}: the {from_code}->{to_code} entry has no download links")
        errors = []
        for link in links:
            link = urllib.parse.urljoin(url, link)
            target = Path(tmp) / "package.argosmodel"
            try:
                _download(link, target, MAX_ARCHIVE_BYTES)
            except ModelError as exc:
                errors.append(str(exc))
                continue
            return install_argos_package(target)
        raise ModelError(errors[-1])


# -- installing Stanza model sets -------------------------------------------------------------------

def install_stanza(lang: str, source: str) -> StanzaModelSet:
    """Install a Stanza model set from a folder, a zip, or an http(s) URL to either."""
    if not LANG_CODE_RE.match(lang):
        raise ModelError(f"{lang!r} is not a language code (e.g. it, de, ru)")
    root = stanza_root()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".staging-") as tmp:
        staging = Path(tmp) / lang
        staging.mkdir()
        if re.match(r"^https?://", source):
            _fetch_stanza_url(source, Path(tmp), staging)
        elif Path(source).is_dir():
            _copy_stanza_folder(Path(source), staging)
        elif Path(source).is_file() and zipfile.is_zipfile(source):
            _extract_stanza_zip(Path(source), staging, source)
        else:
            raise ModelError(f"{source}: not a folder, a zip file or an http(s) URL")
        if (staging / PRETRAIN_MANIFEST).is_file():
            stanza_pretrains(staging)  # a broken manifest is refused here, not at parse time
        for name in stanza_set_files(staging):
            if not (staging / name).is_file():
                raise ModelError(f"{source}: no {name} found (expected files: {', '.join(STANZA_MODEL_FILES)})")
        for path in sorted(staging.iterdir()):
            if path.suffix == ".pt":
                problem = _torch_file_problem(path)
                if problem:
                    raise ModelError(f"{source}: {path.name} is not a model file ({problem})")
        _swap_into_place(staging, root / lang)
    return next(s for s in installed_models().stanza if s.lang == lang)


def _fetch_stanza_url(url: str, tmp: Path, staging: Path) -> None:
    if url.endswith("/"):
        names = STANZA_MODEL_FILES + STANZA_EXTRA_FILES + (PRETRAIN_MANIFEST,)
        for name in names:
            try:
                _download(url + name, staging / name, MAX_ARCHIVE_BYTES)
            except ModelError as exc:
                if "HTTP 404" not in str(exc):
                    raise
        for name in _manifest_files(staging, names):
            _download(url + name, staging / name, MAX_ARCHIVE_BYTES)
        return
    download = tmp / "download.zip"
    _download(url, download, MAX_ARCHIVE_BYTES)
    if not zipfile.is_zipfile(download):
        raise ModelError(f"{url}: not a zip archive (for a folder URL, end it with /)")
    _extract_stanza_zip(download, staging, url)


def _manifest_files(staging: Path, have: tuple[str, ...]) -> list[str]:
    """Vector files a downloaded or copied ``pretrains.json`` names beyond the standard ones."""
    if not (staging / PRETRAIN_MANIFEST).is_file():
        return []
    return sorted(set(stanza_pretrains(staging).values()) - set(have))


def _copy_stanza_folder(folder: Path, staging: Path) -> None:
    names = STANZA_MODEL_FILES + STANZA_EXTRA_FILES + (PRETRAIN_MANIFEST,)
    for name in names:
        path = folder / name
        if path.is_file() and not path.is_symlink():
            shutil.copyfile(path, staging / name)
    for name in _manifest_files(staging, names):
        path = folder / name
        if path.is_file() and not path.is_symlink():
            shutil.copyfile(path, staging / name)


def _extract_stanza_zip(archive_path: Path, staging: Path, where: str) -> None:
    wanted = set(STANZA_MODEL_FILES + STANZA_EXTRA_FILES + (PRETRAIN_MANIFEST,))
    try:
        with zipfile.ZipFile(archive_path) as archive:
            members = [m for m in _checked_members(archive, where) if not m.is_dir()]
            for member in members:
                if PurePosixPath(member.filename).name == PRETRAIN_MANIFEST and member.file_size < 10_000:
                    text = archive.read(member).decode("utf-8", errors="replace")
                    wanted |= set(parse_pretrain_manifest(text, f"{where}: {member.filename}").values())
            chosen = [m for m in members if PurePosixPath(m.filename).name in wanted]
            folders = {str(PurePosixPath(m.filename).parent) for m in chosen}
            if len(folders) > 1:
                raise ModelError(f"{where}: model files are spread over several folders: {', '.join(sorted(folders))}")
            for member in chosen:
                _copy_member(archive, member, staging / PurePosixPath(member.filename).name, staging)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"{where}: damaged archive ({exc})") from exc


# -- removing ------------------------------------------------------------------------------------------

def remove_model(name: str) -> Path:
    """Remove an Argos package (folder name or pair like it-en) or a Stanza set (stanza/LANG)."""
    installed = installed_models()
    if name.startswith(("stanza/", "stanza:")):
        lang = name.split("/", 1)[-1].split(":", 1)[-1]
        folder = stanza_root() / lang
        if lang and PACKAGE_NAME_RE.match(lang) and folder.is_dir():
            _remove_tree(folder)
            return folder
    else:
        for folder in [p.path for p in installed.argos] + [b.path for b in installed.broken if b.kind == "argos"]:
            if folder.name == name:
                _remove_tree(folder)
                return folder
        if PAIR_RE.match(name.strip().lower()):
            pair = parse_pair(name)
            for package in installed.argos:
                if (package.from_code, package.to_code) == pair:
                    _remove_tree(package.path)
                    return package.path
    names = [p.name for p in installed.argos] + [f"stanza/{s.lang}" for s in installed.stanza]
    raise ModelError(f"no installed model named {name!r}; installed: {', '.join(names) or 'none'}")


# -- helpers -------------------------------------------------------------------------------------------

def _visible_dirs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _checked_members(archive: zipfile.ZipFile, where: str) -> list[zipfile.ZipInfo]:
    """Refuse members that could escape the target folder (zip-slip), links, and zip bombs."""
    members = archive.infolist()
    total = 0
    for member in members:
        name = member.filename
        path = PurePosixPath(name)
        if (name.startswith(("/", "\\")) or "\\" in name or re.match(r"^[A-Za-z]:", name)
                or ".." in path.parts or "\x00" in name):
            raise ModelError(f"{where}: refusing archive member {name!r} that escapes the install folder")
        mode = member.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise ModelError(f"{where}: refusing archive member {name!r}: symbolic links are not allowed")
        total += member.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise ModelError(f"{where}: archive expands to {total} bytes, more than the {MAX_ARCHIVE_BYTES} allowed")
    return members


def _package_layout(members: list[zipfile.ZipInfo], archive_path: Path) -> tuple[str, str]:
    """(member prefix, install folder name): Argos zips one top folder holding metadata.json."""
    names = {m.filename for m in members}
    if "metadata.json" in names:
        name = archive_path.name.removesuffix(".argosmodel").removesuffix(".zip")
        prefix = ""
    else:
        tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
        if len(tops) != 1:
            raise ModelError(f"{archive_path}: no metadata.json at the top of the archive")
        name = tops.pop()
        prefix = name + "/"
        if prefix + "metadata.json" not in names:
            raise ModelError(f"{archive_path}: no metadata.json in the package folder {name}/")
    if not PACKAGE_NAME_RE.match(name):
        raise ModelError(f"{archive_path}: unusable package folder name {name!r}")
    return prefix, name


def _extract(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], prefix: str, staging: Path) -> None:
    staging.mkdir(parents=True)
    for member in members:
        if member.is_dir() or not member.filename.startswith(prefix):
            continue
        relative = member.filename[len(prefix):]
        if relative:
            _copy_member(archive, member, staging / relative, staging)


def _copy_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, folder: Path) -> None:
    resolved = target.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise ModelError(f"refusing archive member {member.filename!r} that escapes the install folder")
    resolved.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(resolved, "wb") as sink:
        shutil.copyfileobj(source, sink, 1024 * 1024)


def _check_package_files(folder: Path, where: str) -> None:
    """The package must hold a loadable CTranslate2 model and SentencePiece model."""
    if (folder / "bpe.model").is_file() and not (folder / "sentencepiece.model").is_file():
        raise ModelError(f"{where}: BPE-tokenized packages are not supported (need sentencepiece.model)")
    for needed in ("model/model.bin", "sentencepiece.model"):
        if not (folder / needed).is_file():
            raise ModelError(f"{where}: the package has no {needed}")
    import ctranslate2
    import sentencepiece

    try:
        sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except Exception as exc:  # sentencepiece raises plain RuntimeError/OSError
        raise ModelError(f"{where}: sentencepiece.model does not load ({_one_line(exc)})") from exc
    compute_type = "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "default"
    try:
        ctranslate2.Translator(str(folder / "model"), device="cpu", compute_type=compute_type, intra_threads=1)
    except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError for bad models
        raise ModelError(f"{where}: model/ does not load as a CTranslate2 model ({_one_line(exc)})") from exc


def _swap_into_place(staging: Path, destination: Path) -> None:
    """Rename staging over destination; the old folder is renamed away first, then deleted."""
    trash = destination.parent / f".trash-{uuid.uuid4().hex}"
    had_old = destination.exists()
    if had_old:
        destination.rename(trash)
    try:
        staging.rename(destination)
    except OSError:
        if had_old:
            trash.rename(destination)
        raise
    if had_old:
        _remove_tree(trash)


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        doomed = path.parent / f".trash-{uuid.uuid4().hex}"
        path.rename(doomed)
        shutil.rmtree(doomed, ignore_errors=True)


def _download(url: str, target: Path, limit: int) -> None:
    """Stream ``url`` to ``target``; one-line ModelError on any failure."""
    if not re.match(r"^https?://", url):
        raise ModelError(f"{url}: only http(s) URLs can be downloaded")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(target, "wb") as sink:
            size = 0
            while chunk := response.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ModelError(f"{url}: download larger than {limit} bytes")
                sink.write(chunk)
    except urllib.error.HTTPError as exc:
        raise ModelError(f"{url}: download failed (HTTP {exc.code})") from exc
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"{url}: download failed ({reason})") from exc


def _torch_file_problem(path: Path) -> str | None:
    """None when ``path`` looks like a torch.save file (zip or pickle); never unpickles it."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        return str(exc)
    if size == 0:
        return "empty file"
    if zipfile.is_zipfile(path) or head[:1] == b"\x80":
        return None
    return "neither a zip nor a pickle file"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
