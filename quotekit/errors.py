"""Errors quotekit reports to users: one line each, with the stage that failed."""

from __future__ import annotations


class QuotekitError(Exception):
    """A failure we expect and explain in one line (bad input, missing model, ...)."""

    stage = "extract"

    def __init__(self, message: str, *, stage: str | None = None):
        super().__init__(message)
        if stage is not None:
            self.stage = stage


class InputError(QuotekitError):
    """The input file cannot be read as text (binary, unreadable, undecodable)."""

    stage = "ingest"


class ModelError(QuotekitError):
    """A model is missing, corrupt, or not installed for the requested language."""

    stage = "models"


class TranslationError(QuotekitError):
    """Translation failed or no translation package covers the language pair."""

    stage = "translate"


class OutputError(QuotekitError):
    """The output cannot be written as asked (format/destination mismatch, missing folder, unsafe path)."""

    stage = "export"
