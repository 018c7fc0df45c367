"""``evidence-brief check``: everything a build would report, without writing anything (for CI).

The build's own pipeline (generator/pipeline.py) with a sink that writes nothing, so the two never
disagree: records against the schema, ids used twice, site.yaml, theme files, the brief's own text
and findings, records waiting for review or whose sources have gone, incoming extractions, and
every page rendered in memory so template errors show too. Only ingest's reading of seeds/ is left
to ``ingest`` and ``build`` (reading them is what writes records).
"""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic
from .pipeline import NoSink, Pipeline


def check_project(project: Path) -> list[Diagnostic]:
    """All problems in the brief's sources, each naming its file, line, field and fix."""
    pipeline = Pipeline(project, keep_caches=False)
    with pipeline.memo.citations:
        return list(dict.fromkeys(pipeline.run(NoSink()).diagnostics))
