"""The toy Argos packages built by scripts/build_toy_argos.py, and helpers to write toy text.

xx and yy are invented word-for-word substitutions of English (same word order, names unchanged),
so the expected English of any toy sentence is known exactly.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "argos"
XX_EN = FIXTURES / "translate-xx_en-1_0.argosmodel"
YY_XX = FIXTURES / "translate-yy_xx-1_0.argosmodel"
LEXICON = json.loads((FIXTURES / "toy_lexicon.json").read_text(encoding="utf-8"))
WORD_RE = re.compile(r"[A-Za-z]+")


def _substitute(english: str, mapping: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        mapped = mapping.get(word.lower())
        if mapped is None:
            assert word in LEXICON["names"], f"{word!r} is not in the toy vocabulary"
            return word
        return mapped[0].upper() + mapped[1:] if word[0].isupper() else mapped

    return WORD_RE.sub(swap, english)


def to_xx(english: str) -> str:
    """English written in toy language xx."""
    return _substitute(english, LEXICON["xx"])


def to_yy(english: str) -> str:
    """English written in toy language yy (translated to English only by pivoting through xx)."""
    return _substitute(english, LEXICON["yy"])


_INSTALLED: dict[str, Path] = {}


def installed_toy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models root with both toy packages installed, built once per test session."""
    if "root" not in _INSTALLED:
        from quotekit.models import install_argos_package

        root = tmp_path_factory.mktemp("toy-models")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("QUOTEKIT_MODELS", str(root))
            install_argos_package(XX_EN)
            install_argos_package(YY_XX)
        _INSTALLED["root"] = root
    return _INSTALLED["root"]


def fresh_toy_root(tmp_path_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the installed toy root (own cache), set as QUOTEKIT_MODELS."""
    root = tmp_path / "models"
    shutil.copytree(installed_toy_root(tmp_path_factory), root)
    monkeypatch.setenv("QUOTEKIT_MODELS", str(root))
    return root


def rewrite_archive(source: Path, target: Path, *, replace: dict[str, bytes] | None = None,
                    drop: tuple[str, ...] = (), extra: list[zipfile.ZipInfo | str] | None = None,
                    extra_data: bytes = b"payload") -> Path:
    """Copy an archive member by member, replacing, dropping or adding members."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in drop:
                continue
            new.writestr(info, replace.get(info.filename, old.read(info.filename)))
        for member in extra or []:
            new.writestr(member, extra_data)
    return target
