"""Shared fixtures: a network guard and the shipped English pipeline (loaded once per session)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "seed_article.txt"
SAMPLES = REPO / "samples"
EN_MODELS = REPO / "models" / "stanza" / "en"


class NetworkBlocked(RuntimeError):
    pass


def _guarded_connect(original):
    def connect(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
            return original(self, address, *args, **kwargs)
        raise NetworkBlocked(f"network access attempted: {address!r}")

    return connect


@pytest.fixture
def no_network(monkeypatch):
    """Any connection to a non-loopback address fails the test."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect(socket.socket.connect_ex))

    def no_dns(*args, **kwargs):
        host = args[0] if args else kwargs.get("host")
        if host in ("localhost", "127.0.0.1", "::1", None):
            return real_getaddrinfo(*args, **kwargs)
        raise NetworkBlocked(f"DNS lookup attempted: {host!r}")

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    yield


@pytest.fixture(scope="session")
def english_pipeline():
    """The shipped English Stanza pipeline, built once, with the network blocked while it loads."""
    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
    try:
        from quotekit import nlp

        yield nlp.pipeline("en")
    finally:
        mp.undo()
