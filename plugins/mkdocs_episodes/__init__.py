"""Commentary episodes for MkDocs: transcript, positions and commentary as structured pages."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
