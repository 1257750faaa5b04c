"""Installing, listing and removing models (quotekit/models.py and `quotekit models ...`)."""

from __future__ import annotations

import functools
import http.server
import json
import pickle
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotekit.cli import app
from quotekit.errors import ModelError
from quotekit.models import (
    STANZA_MODEL_FILES,
    argos_index_url,
    install_argos_from_index,
    install_argos_package,
    install_stanza,
    installed_models,
    models_root,
    parse_pair,
    remove_model,
    stanza_model_dir,
    stanza_pretrains,
)

from .toy_argos import XX_EN, YY_XX, rewrite_archive

PACKAGE = "translate-xx_en-1_0"
runner = CliRunner()


@pytest.fixture
def root(tmp_path, monkeypatch, no_network) -> Path:
    """An empty models root; nothing touches the repository's models/ folder."""
    path = tmp_path / "models"
    monkeypatch.setenv("QUOTEKIT_MODELS", str(path))
    monkeypatch.delenv("QUOTEKIT_ARGOS_INDEX", raising=False)
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return path


@pytest.fixture
def http_root(tmp_path):
    """A loopback HTTP server over a temporary folder: (folder, base URL)."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def everything_under(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*")) if path.exists() else []


# -- Argos packages -----------------------------------------------------------------------------------

def test_models_root_defaults_to_the_folder_beside_the_package(monkeypatch):
    monkeypatch.delenv("QUOTEKIT_MODELS", raising=False)
    assert models_root() == Path(__file__).resolve().parents[1] / "models"


def test_install_list_and_remove_an_argos_package(root):
    package = install_argos_package(XX_EN)
    assert (package.name, package.pair, package.package_version) == (PACKAGE, "xx->en", "1.0")
    assert package.path == root / "argos" / PACKAGE
    assert (package.path / "model" / "model.bin").is_file() and (package.path / "sentencepiece.model").is_file()
    assert [p.pair for p in installed_models().argos] == ["xx->en"]
    assert remove_model("xx-en") == package.path
    assert installed_models().argos == ()
    assert everything_under(root / "argos") == []  # no staging or trash left behind


def test_reinstall_replaces_the_package_for_the_same_pair(root):
    first = install_argos_package(XX_EN)
    first_id = first.model_id
    second = install_argos_package(XX_EN)
    assert [p.name for p in installed_models().argos] == [PACKAGE]
    assert second.model_id != first_id  # fresh files: cached translations of the old copy do not apply


@pytest.mark.parametrize(
    "member",
    [f"{PACKAGE}/../../evil.txt", "../evil.txt", "/tmp/quotekit-evil.txt", f"{PACKAGE}\\..\\evil.txt", "C:/evil.txt"],
)
def test_zip_slip_is_refused_and_nothing_changes(root, tmp_path, member):
    install_argos_package(YY_XX)
    before = everything_under(root)
    evil = rewrite_archive(XX_EN, tmp_path / "evil.argosmodel", extra=[member])
    with pytest.raises(ModelError, match="escapes the install folder") as caught:
        install_argos_package(evil)
    assert "\n" not in str(caught.value)
    assert everything_under(root) == before
    assert not (tmp_path / "evil.txt").exists() and not (root / "evil.txt").exists()
    assert not Path("/tmp/quotekit-evil.txt").exists()


def test_symlink_members_are_refused(root, tmp_path):
    link = zipfile.ZipInfo(f"{PACKAGE}/link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    archive = rewrite_archive(XX_EN, tmp_path / "link.argosmodel", extra=[link], extra_data=b"/etc/passwd")
    with pytest.raises(ModelError, match="symbolic links"):
        install_argos_package(archive)
    assert installed_models().argos == ()


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"from_code": "xx", "package_version": "1.0"}).encode(), "no valid to_code"),
        (json.dumps({"from_code": "xx", "to_code": "../en"}).encode(), "no valid to_code"),
        (json.dumps({"from_code": "xx", "to_code": "xx"}).encode(), "into itself"),
        (json.dumps({"from_code": "xx", "to_code": "en", "type": "sbd"}).encode(), "not a translation package"),
        (json.dumps({"from_code": "xx", "to_code": "en", "package_version": 1}).encode(), "must be a string"),
    ],
)
def test_bad_metadata_is_refused_and_the_installed_package_is_kept(root, tmp_path, metadata, message):
    good = install_argos_package(XX_EN)
    model_bytes = (good.path / "model" / "model.bin").read_bytes()
    before = everything_under(root)
    bad = rewrite_archive(XX_EN, tmp_path / "bad.argosmodel", replace={f"{PACKAGE}/metadata.json": metadata})
    with pytest.raises(ModelError, match=message):
        install_argos_package(bad)
    assert everything_under(root) == before
    assert (good.path / "model" / "model.bin").read_bytes() == model_bytes


def test_missing_metadata_corrupt_model_and_non_zip_are_refused(root, tmp_path):
    no_metadata = rewrite_archive(XX_EN, tmp_path / "a.argosmodel", drop=(f"{PACKAGE}/metadata.json",))
    with pytest.raises(ModelError, match="no metadata.json"):
        install_argos_package(no_metadata)
    corrupt = rewrite_archive(XX_EN, tmp_path / "b.argosmodel",
                              replace={f"{PACKAGE}/model/model.bin": b"not a model" * 100})
    with pytest.raises(ModelError, match="does not load as a CTranslate2 model"):
        install_argos_package(corrupt)
    not_zip = tmp_path / "c.argosmodel"
    not_zip.write_text("hello", encoding="utf-8")
    with pytest.raises(ModelError, match="must be a zip archive"):
        install_argos_package(not_zip)
    with pytest.raises(ModelError, match="no such file"):
        install_argos_package(tmp_path / "missing.argosmodel")
    assert everything_under(root / "argos") == []


def test_broken_installed_package_is_listed_not_used(root):
    package = install_argos_package(XX_EN)
    (package.path / "sentencepiece.model").unlink()
    found = installed_models()
    assert found.argos == ()
    assert [(b.kind, b.path.name) for b in found.broken] == [("argos", PACKAGE)]
    assert "sentencepiece.model: missing" in found.broken[0].problem
    assert "quotekit models install" in found.broken[0].problem


def test_install_from_index_over_loopback_http(root, http_root, monkeypatch):
    folder, base = http_root
    (folder / "pkgs").mkdir()
    (folder / "pkgs" / "xx_en.argosmodel").write_bytes(XX_EN.read_bytes())
    index = [
        {"from_code": "xx", "to_code": "en", "package_version": "0.9", "links": [f"{base}/pkgs/gone.argosmodel"]},
        {"from_code": "xx", "to_code": "en", "package_version": "1.0",
         "links": [f"{base}/pkgs/missing.argosmodel", "pkgs/xx_en.argosmodel"]},
        {"from_code": "yy", "to_code": "xx", "package_version": "1.0", "links": [f"{base}/pkgs/none"]},
    ]
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/")
    assert argos_index_url() == f"{base}/index.json"
    package = install_argos_from_index("xx-en")  # 1.0 is newest; its first link 404s, the relative one works
    assert package.pair == "xx->en"
    with pytest.raises(ModelError, match="no package for en->xx"):
        install_argos_from_index("en_xx")
    with pytest.raises(ModelError, match="HTTP 404"):
        install_argos_from_index("yy->xx")
    assert [p.pair for p in installed_models().argos] == ["xx->en"]


def test_index_url_env_override_and_unreachable_index(root, http_root, monkeypatch):
    folder, base = http_root
    monkeypatch.setenv("QUOTEKIT_ARGOS_INDEX", f"{base}/custom.json")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://ignored.invalid/")
    assert argos_index_url() == f"{base}/custom.json"
    with pytest.raises(ModelError, match="HTTP 404"):
        install_argos_from_index("xx-en")
    (folder / "custom.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="must be a JSON list"):
        install_argos_from_index("xx-en")


def test_parse_pair():
    assert parse_pair("it-en") == parse_pair("it_en") == parse_pair("it->en") == ("it", "en")
    with pytest.raises(ModelError, match="not a language pair"):
        parse_pair("italian")


def test_remove_unknown_name_lists_what_is_installed(root):
    install_argos_package(XX_EN)
    with pytest.raises(ModelError, match=f"no installed model named 'nope'; installed: {PACKAGE}"):
        remove_model("nope")
    assert remove_model(PACKAGE).name == PACKAGE


# -- Stanza model sets --------------------------------------------------------------------------------

def write_stanza_files(folder: Path, names=STANZA_MODEL_FILES, extra: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(pickle.dumps({"model": name}, protocol=4))
    (folder / "MODEL_CARD.md").write_text("# card\n", encoding="utf-8")
    for name, data in (extra or {}).items():
        (folder / name).write_bytes(data)
    return folder


def zip_folder(folder: Path, archive: Path, prefix: str = "", extra: list[str] = ()) -> Path:
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(folder.iterdir()):
            zipped.write(path, prefix + path.name)
        for name in extra:
            zipped.writestr(name, b"x")
    return archive


def test_install_stanza_from_a_folder(root, tmp_path):
    source = write_stanza_files(tmp_path / "src", extra={"notes.txt": b"ignored"})
    installed = install_stanza("it", str(source))
    assert installed.path == root / "stanza" / "it"
    assert installed.processors == ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
    assert sorted(p.name for p in installed.path.iterdir()) == sorted([*STANZA_MODEL_FILES, "MODEL_CARD.md"])
    assert stanza_model_dir("it") == installed.path


def test_install_stanza_from_zip_and_folder_urls(root, tmp_path, http_root):
    folder, base = http_root
    files = write_stanza_files(tmp_path / "src")
    zip_folder(files, folder / "it.zip", prefix="it/")
    assert install_stanza("it", f"{base}/it.zip").processors[0] == "tokenize"
    write_stanza_files(folder / "de")
    installed = install_stanza("de", f"{base}/de/")
    assert len(list(installed.path.glob("*.pt"))) == len(STANZA_MODEL_FILES)
    with pytest.raises(ModelError, match="HTTP 404"):
        install_stanza("fr", f"{base}/missing.zip")
    assert sorted(s.lang for s in installed_models().stanza) == ["de", "it"]


def test_install_stanza_refuses_bad_sets_and_keeps_the_old_one(root, tmp_path):
    good = install_stanza("it", str(write_stanza_files(tmp_path / "good")))
    before = {p.name: p.read_bytes() for p in good.path.iterdir()}
    not_a_model = write_stanza_files(tmp_path / "text", extra={"pos.pt": b"hello, I am text"})
    with pytest.raises(ModelError, match="pos.pt is not a model file"):
        install_stanza("it", str(not_a_model))
    empty = write_stanza_files(tmp_path / "empty", extra={"ner.pt": b""})
    with pytest.raises(ModelError, match="ner.pt is not a model file \\(empty file\\)"):
        install_stanza("it", str(empty))
    incomplete = write_stanza_files(tmp_path / "incomplete", names=STANZA_MODEL_FILES[:-1])
    with pytest.raises(ModelError, match="no pretrain.pt found"):
        install_stanza("it", str(incomplete))
    slip = zip_folder(write_stanza_files(tmp_path / "slip"), tmp_path / "slip.zip", extra=["../../evil.pt"])
    with pytest.raises(ModelError, match="escapes the install folder"):
        install_stanza("it", str(slip))
    with pytest.raises(ModelError, match="not a language code"):
        install_stanza("../it", str(tmp_path / "good"))
    assert {p.name: p.read_bytes() for p in good.path.iterdir()} == before
    assert [p.name for p in (root / "stanza").iterdir()] == ["it"]


def test_install_stanza_carries_the_vector_files_its_manifest_names(root, tmp_path, http_root):
    manifest = {"pretrains.json": b'{"ner": "glove.pt", "depparse": "glove.pt"}'}
    vectors = {"glove.pt": pickle.dumps({"emb": "vectors"}, protocol=4)}
    source = write_stanza_files(tmp_path / "src", extra={**manifest, **vectors})
    installed = install_stanza("it", str(source))
    assert (installed.path / "glove.pt").read_bytes() == vectors["glove.pt"]
    assert stanza_pretrains(installed.path) == {"pos": "pretrain.pt", "depparse": "glove.pt", "ner": "glove.pt"}
    folder, base = http_root
    write_stanza_files(folder / "de", extra={**manifest, **vectors})
    assert (install_stanza("de", f"{base}/de/").path / "glove.pt").is_file()
    zip_folder(source, folder / "fr.zip", prefix="fr/")
    assert (install_stanza("fr", f"{base}/fr.zip").path / "glove.pt").is_file()
    (installed.path / "glove.pt").unlink()
    assert [b.path.name for b in installed_models().broken] == ["it"]
    with pytest.raises(ModelError, match="glove.pt: model file missing"):
        stanza_model_dir("it")
    with pytest.raises(ModelError, match="no glove.pt found"):
        install_stanza("es", str(write_stanza_files(tmp_path / "es", extra=manifest)))
    bad = write_stanza_files(tmp_path / "bad", extra={"pretrains.json": b'{"ner": "../evil.pt"}'})
    with pytest.raises(ModelError, match="expected {processor: file.pt}"):
        install_stanza("es", str(bad))
    assert not (root / "stanza" / "es").exists()


def test_missing_or_corrupt_stanza_file_names_the_file_and_the_fix(root, tmp_path):
    with pytest.raises(ModelError) as caught:
        stanza_model_dir("ru")
    message = str(caught.value)
    assert str(root / "stanza" / "ru" / "tokenize.pt") in message
    assert "quotekit models install-stanza ru --from DIR|URL" in message
    installed = install_stanza("ru", str(write_stanza_files(tmp_path / "ru")))
    (installed.path / "lemma.pt").write_bytes(b"")
    with pytest.raises(ModelError, match=r"lemma\.pt: corrupt model file \(empty file\)"):
        stanza_model_dir("ru", STANZA_MODEL_FILES)


# -- the CLI --------------------------------------------------------------------------------------------

def test_cli_install_list_json_and_remove(root, tmp_path):
    result = runner.invoke(app, ["models", "install", str(XX_EN)])
    assert result.exit_code == 0, result.output
    install_stanza("it", str(write_stanza_files(tmp_path / "it")))
    listed = runner.invoke(app, ["models", "list", "--json"])
    assert listed.exit_code == 0
    data = json.loads(listed.stdout)
    assert data["root"] == str(root)
    assert [(p["name"], p["from_code"], p["to_code"]) for p in data["argos"]] == [(PACKAGE, "xx", "en")]
    assert [s["lang"] for s in data["stanza"]] == ["it"]
    table = runner.invoke(app, ["models", "list"])
    assert table.exit_code == 0 and "xx->en" in table.stdout and "stanza" in table.stdout
    removed = runner.invoke(app, ["models", "remove", "stanza/it"])
    assert removed.exit_code == 0 and not (root / "stanza" / "it").exists()


def test_cli_bad_archive_is_one_line_and_exit_1(root, tmp_path):
    evil = rewrite_archive(XX_EN, tmp_path / "evil.argosmodel", extra=["../evil.txt"])
    result = runner.invoke(app, ["models", "install", str(evil)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "escapes the install folder" in result.stderr
    assert installed_models().argos == ()


def test_cli_install_stanza_and_from_index(root, tmp_path, http_root, monkeypatch):
    folder, base = http_root
    (folder / "xx.argosmodel").write_bytes(XX_EN.read_bytes())
    (folder / "index.json").write_text(json.dumps([{"from_code": "xx", "to_code": "en",
                                                      "links": [f"{base}/xx.argosmodel"]}]), encoding="utf-8")
    monkeypatch.setenv("QUOTEKIT_ARGOS_INDEX", base)
    result = runner.invoke(app, ["models", "install", "xx-en", "--from-index"])
    assert result.exit_code == 0, result.output
    source = write_stanza_files(tmp_path / "stanza-src")
    result = runner.invoke(app, ["models", "install-stanza", "it", "--from", str(source)])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["models", "install-stanza", "de", "--from", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "not a folder, a zip file or an http(s) URL" in missing.stderr
    assert [p.pair for p in installed_models().argos] == ["xx->en"]
