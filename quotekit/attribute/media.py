"""Outlets (who published or relayed it) and channels (the medium it was said on).

A curated gazetteer (``quotekit/data/gazetteer.tsv``, extensible with ``--gazetteer FILE``) names
agencies, papers, broadcasters, TV channels and platforms; noun phrases that are not in it are still
classified by their head noun ("the national defense newspaper" is an outlet, "a press conference"
a channel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

OUTLET_KINDS = frozenset({"agency", "newspaper", "magazine", "broadcaster", "website", "outlet"})
CHANNEL_KINDS = frozenset({"tv_channel", "radio", "platform", "medium", "channel"})

OUTLET_HEADS = frozenset(
    """newspaper paper daily weekly tabloid magazine agency outlet broadcaster network journal
    gazette newsletter wire service publication website site portal courier times post herald tribune
    chronicle observer mirror express telegraph record inquirer bulletin dispatch""".split()
)
CHANNEL_HEADS = frozenset(
    """channel channels tv television radio broadcast show programme program podcast conference
    briefing interview interviews video livestream stream post posts tweet tweets account page
    app blog statement speech address appearance talk show hearing""".split()
)


@dataclass(frozen=True)
class Gazetteer:
    """Known media names (lowercased) mapped to their kind."""

    kinds: tuple[tuple[str, str], ...]

    @property
    def lookup(self) -> dict[str, str]:
        return _as_dict(self.kinds)

    def kind_of(self, name: str) -> str | None:
        """Kind of a known name, matching the whole name or its longest known part."""
        table = self.lookup
        key = _norm(name)
        if key in table:
            return table[key]
        best: tuple[int, str] | None = None
        for known, kind in table.items():
            if len(known) < 3 and known != key:
                continue  # two-letter names (AP, VK, X) only match whole
            if re.search(r"(?<!\w)" + re.escape(known) + r"(?!\w)", key):
                if best is None or len(known) > best[0]:
                    best = (len(known), kind)
        return best[1] if best else None

    def find_in(self, text: str) -> list[tuple[int, int, str]]:
        """All known names in ``text`` as (start, end, kind), longest first where they overlap."""
        hits: list[tuple[int, int, str]] = []
        lowered = text.lower()
        for known, kind in sorted(self.lookup.items(), key=lambda kv: -len(kv[0])):
            if len(known) < 3:
                pattern = r"(?<!\w)" + re.escape(known) + r"(?!\w)"
                for m in re.finditer(pattern, text):  # short names: case-sensitive
                    if text[m.start():m.end()].lower() == known and text[m.start():m.end()].isupper():
                        hits.append((m.start(), m.end(), kind))
                continue
            for m in re.finditer(r"(?<!\w)" + re.escape(known) + r"(?!\w)", lowered):
                if not any(s <= m.start() < e for s, e, _ in hits):
                    hits.append((m.start(), m.end(), kind))
        return sorted(hits)


@lru_cache(maxsize=8)
def _as_dict(kinds: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(kinds)


def _norm(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().lower())
    return re.sub(r"^the ", "", name)


def _parse_tsv(text: str) -> list[tuple[str, str]]:
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        name = parts[0].strip()
        kind = parts[1].strip() if len(parts) > 1 and parts[1].strip() else "outlet"
        entries.append((_norm(name), kind))
        if name.lower().startswith("the "):
            entries.append((_norm(name[4:]), kind))
    return entries


@lru_cache(maxsize=16)
def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The shipped gazetteer, plus a user TSV (``name<TAB>kind``) whose entries win."""
    shipped = resources.files("quotekit").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    entries = _parse_tsv(shipped)
    if extra is not None:
        from ..errors import InputError

        try:
            entries += _parse_tsv(Path(extra).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{extra}: cannot read gazetteer ({exc})") from exc
    return Gazetteer(tuple(dict(entries).items()))


def role_of_kind(kind: str | None) -> str | None:
    """'outlet' or 'channel' for a gazetteer kind."""
    if kind in OUTLET_KINDS:
        return "outlet"
    if kind in CHANNEL_KINDS:
        return "channel"
    return None


def classify_head(head_lemma: str) -> str | None:
    """'outlet' / 'channel' from a noun phrase's head noun, or None."""
    head = head_lemma.lower()
    if head in OUTLET_HEADS:
        return "outlet"
    if head in CHANNEL_HEADS:
        return "channel"
    return None
