"""quotekit: offline, multilingual quote attribution (who said what, where, on which channel)."""

from .pipeline import ExtractOptions, extract_source, extract_text

__all__ = ["ExtractOptions", "extract_source", "extract_text"]
__version__ = "0.1.0"
