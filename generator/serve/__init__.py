"""Live preview: incremental rebuilds, a static server with a reload endpoint, and file watching."""

from __future__ import annotations

from .preview import Preview, serve_project

__all__ = ["Preview", "serve_project"]
