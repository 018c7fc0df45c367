"""The benchmark's studies as a Hugo site, so Hugo renders the same studies our build does.

Each study becomes one Markdown file with front matter (title, authors, year, journal, DOI and a
``themes`` taxonomy) and its abstract as the body; a config declares the taxonomy, and minimal layouts
written here (base, single, list, home, taxonomy and term pages) give pages comparable to ours: a page
a study, a list of all studies, a page a theme. Themes are given by the brief's own theme signals
(content/themes/*.md), so a study sits under the same themes in both sites.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from corpus import Fake

CONFIG = """baseURL = "https://bench.example.org/"
languageCode = "en"
title = {title}

[taxonomies]
  theme = "themes"
"""

BASEOF = """<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ if not .IsHome }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
  {{ with .Params.doi }}<meta name="citation_doi" content="{{ . }}">{{ end }}
</head>
<body>
  <header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
    <nav><a href="{{ "/studies/" | relURL }}">Studies</a> <a href="{{ "/themes/" | relURL }}">Themes</a></nav>
  </header>
  <main>{{ block "main" . }}{{ end }}</main>
  <footer>{{ .Site.Title }}</footer>
</body>
</html>
"""

SINGLE = """{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  <p class="authors">{{ delimit .Params.authors "; " }}</p>
  <p class="source">{{ .Params.journal }}, {{ .Params.year }}.
    {{ with .Params.doi }}<a href="https://doi.org/{{ . }}">doi:{{ . }}</a>{{ end }}</p>
  {{ with .GetTerms "themes" }}<ul class="themes">{{ range . }}
    <li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
  <section class="abstract"><h2>Abstract</h2>{{ .Content }}</section>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} studies</p>
<ol>{{ range .Pages.ByTitle }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.year }}) {{ index .Params.authors 0 }}</li>{{ end }}
</ol>
{{ end }}
"""

HOME = """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<p>{{ len (where .Site.RegularPages "Section" "studies") }} studies.</p>
<ul>{{ range .Site.Taxonomies.themes.ByCount }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"""

FRONT_MATTER = re.compile(r"---\n(.*?)\n---", re.DOTALL)
LAYOUTS = {"_default/baseof.html": BASEOF, "_default/single.html": SINGLE, "_default/list.html": LIST,
           "index.html": HOME, "_default/taxonomy.html": TAXONOMY, "_default/term.html": LIST}


def theme_settings(themes_dir: Path) -> dict[str, dict[str, Any]]:
    """Each theme's front matter, by theme slug (the file name)."""
    settings = {}
    for path in sorted(themes_dir.glob("*.md")):
        front = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        settings[path.stem] = (yaml.safe_load(front.group(1)) if front else None) or {}
    return settings


def theme_signals(themes_dir: Path) -> dict[str, list[re.Pattern[str]]]:
    """Each theme's signal patterns (regular expressions, case-insensitive, as the brief reads them)."""
    return {theme: [re.compile(pattern, re.IGNORECASE) for pattern in settings.get("signals") or []]
            for theme, settings in theme_settings(themes_dir).items()}


def theme_titles(themes_dir: Path) -> dict[str, str]:
    """Each theme's title, its slug when it has none."""
    return {theme: str(settings.get("title") or theme) for theme, settings in theme_settings(themes_dir).items()}


def study_themes(study: Fake, signals: dict[str, list[re.Pattern[str]]]) -> list[str]:
    """The themes whose signals occur in the study's title, abstract or keywords."""
    text = " ".join([study.title, *(body for _, body in study.sections), *study.keywords])
    return [theme for theme, patterns in signals.items() if any(p.search(text) for p in patterns)]


def front_matter(study: Fake, themes: list[str]) -> str:
    """YAML front matter; every value written as JSON, which YAML reads as is (no quoting rules to get wrong)."""
    fields = {"title": study.title, "authors": [f"{family}, {given}" for family, given in study.authors],
              "year": study.year, "date": f"{study.year}-{study.month:02d}-01", "journal": study.journal,
              "doi": study.doi, "themes": themes}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def study_markdown(study: Fake, themes: list[str]) -> str:
    """One study's Markdown file: front matter, then the abstract's sections as headed paragraphs."""
    body = "\n".join(f"### {heading}\n\n{text}\n" for heading, text in study.sections)
    return front_matter(study, themes) + "\n" + body


def write_hugo_site(target: Path, studies: list[Fake], themes_dir: Path, title: str) -> list[Path]:
    """Write the Hugo project into ``target`` (replacing it); returns the study content files."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "content" / "studies").mkdir(parents=True)
    (target / "config.toml").write_text(CONFIG.format(title=json.dumps(title)), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = target / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (target / "content" / "studies" / "_index.md").write_text('---\ntitle: "Studies"\n---\n', encoding="utf-8")
    signals = theme_signals(themes_dir)
    for theme, name in theme_titles(themes_dir).items():  # term pages titled as the brief titles its themes
        page = target / "content" / "themes" / theme / "_index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: {json.dumps(name, ensure_ascii=False)}\n---\n", encoding="utf-8")
    written = []
    for number, study in enumerate(studies, start=1):
        path = target / "content" / "studies" / f"study-{number:05d}.md"
        path.write_text(study_markdown(study, study_themes(study, signals)), encoding="utf-8")
        written.append(path)
    return written
