"""Display data for templates: what a reader sees of a study, computed once, outside Jinja.

Templates stay dumb: every label, link and "not reported in the source" decision is made here,
where it can be tested without rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..model.study import Study, TranslationView
from ..model.vocabulary import DEFAULT_VOCABULARY, Vocabulary
from . import urls
from .citation_cache import CitationCache
from .citations import format_citation
from .identifiers import IdentifierView, identifier_views
from .metadata import coins, doi_link, source_link

LANGUAGE_NAMES = {"zh": "Chinese", "ja": "Japanese", "ko": "Korean", "es": "Spanish", "fr": "French",
                  "de": "German", "pt": "Portuguese", "en": "English", "ru": "Russian", "it": "Italian"}
FIELD_LABELS = {"title": "Title", "authors": "Authors", "year": "Year", "journal": "Journal", "volume": "Volume",
                "issue": "Issue", "pages": "Pages", "doi": "DOI", "abstract": "Abstract", "keywords": "Keywords",
                "design": "Design", "sample_size": "Sample size", "participants": "Participants",
                "settings": "Setting", "peer_reviewed": "Peer review", "publication_type": "Publication type"}
CITED_BY_LABELS = {"publications": "Citing publications", "citation_statements": "Citation statements",
                   "supporting": "Supporting", "mentioning": "Mentioning", "contrasting": "Contrasting"}

Link = Callable[[str], str]
_DOWNLOADS = (("RIS", "ris", "application/x-research-info-systems"), ("BibTeX", "bibtex", "application/x-bibtex"),
              ("CSL-JSON", "csl-json", "application/vnd.citationstyles.csl+json"))


@dataclass(frozen=True)
class StudyRow:
    """One line of a study table."""

    id: str
    href: str
    title: str
    authors_short: str
    year: int | None
    design: str | None
    design_label: str
    settings: tuple[str, ...]
    settings_text: str
    sample_size: int | None
    journal: str | None
    preprint: bool
    themes: tuple[str, ...]

    @property
    def settings_attr(self) -> str:
        """Space-separated slugs for the row's data-settings (what the table filter reads)."""
        return " ".join(self.settings)

    @property
    def themes_attr(self) -> str:
        return " ".join(self.themes)


@dataclass(frozen=True)
class LabelledTranslation:
    translation: TranslationView
    lang_label: str

    def __getattr__(self, name: str) -> object:
        return getattr(self.translation, name)


@dataclass(frozen=True)
class StudyView:
    """Everything study.html shows beyond the Study's own fields."""

    authors_text: str
    design_label: str
    setting_labels: list[tuple[str, str]]
    facts: list[tuple[str, object, str | None]]
    apa_html: Markup
    vancouver_html: Markup
    apa_text: str
    vancouver_text: str
    downloads: list[tuple[str, str, str]]
    doi_url: str | None
    source_url: str | None  # the record's url, only when it is an http(s) link (see metadata.source_link)
    coins: str
    cited_by: list[tuple[str, int]]
    themes: list[tuple[str, str, bool]]
    missing_labels: list[str]
    translations: list[LabelledTranslation]
    source_rows: list[tuple[str, str, tuple[str, ...]]]
    key_finding: str | None
    #: "Other identifiers": registry labels (PMID, not "Pmid") and PubMed/PMC/arXiv links where they resolve.
    identifiers: tuple[IdentifierView, ...] = ()


def design_label(design: str | None, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> str:
    """The brief's label for a design, or what a reader needs to know when the source gives none."""
    return vocabulary.design_label(design) if design else "Not reported in the source"


def settings_text(settings: tuple[str, ...], vocabulary: Vocabulary, empty: str = "Not reported") -> str:
    """The brief's labels of a study's settings, in the record's order."""
    return ", ".join(vocabulary.setting_label(s) for s in settings) or empty


def authors_short(authors: tuple[str, ...]) -> str:
    """"Klusaritz et al.", "Lee and Kim", "Lee": enough to recognise a study in a table or a citation."""
    if not authors:
        return "Authors not reported"
    families = [name.split(",")[0] for name in authors[:2]]
    return families[0] if len(authors) == 1 else " and ".join(families) if len(authors) == 2 \
        else f"{families[0]} et al."


def study_row(study: Study, link: Link, themes: tuple[str, ...] = (),
              vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> StudyRow:
    return StudyRow(
        id=study.id, href=link(urls.study(study.id)), title=study.title, authors_short=authors_short(study.authors),
        year=study.year, design=study.design, design_label=design_label(study.design, vocabulary),
        settings=study.settings, settings_text=settings_text(study.settings, vocabulary),
        sample_size=study.sample_size, journal=study.journal, preprint=study.is_preprint, themes=themes)


def study_view(study: Study, link: Link, themes: list[tuple[str, str, bool]],
               vocabulary: Vocabulary = DEFAULT_VOCABULARY, *, citations: CitationCache | None = None) -> StudyView:
    """The display data of one study page; ``themes`` are (title, href, assigned by hand). The
    references come from ``citations`` (the build's cache) when given."""
    apa, vancouver = format_citation(study, "apa", citations), format_citation(study, "vancouver", citations)
    doi_url = doi_link(study.doi)
    return StudyView(
        authors_text="; ".join(study.authors),
        design_label=design_label(study.design, vocabulary),
        setting_labels=[(vocabulary.setting_label(s), link(urls.facet("setting", s))) for s in study.settings],
        facts=_facts(study, link, doi_url, vocabulary),
        apa_html=apa.html, vancouver_html=vancouver.html, apa_text=apa.text, vancouver_text=vancouver.text,
        downloads=[(label, link(urls.study_download(study.id, kind)), mime) for label, kind, mime in _DOWNLOADS],
        doi_url=doi_url,
        source_url=source_link(study.url),
        coins=coins(study),
        cited_by=[(CITED_BY_LABELS.get(k, k.replace("_", " ").capitalize()), v) for k, v in study.cited_by],
        themes=themes,
        missing_labels=[FIELD_LABELS.get(m, m) for m in study.missing],
        translations=[LabelledTranslation(t, LANGUAGE_NAMES.get(t.lang, t.lang)) for t in study.translations],
        source_rows=[(s.file, s.format, s.stripped) for s in study.sources],
        key_finding=_key_finding(study),
        identifiers=tuple(identifier_views(study.identifiers)),
    )


def _facts(study: Study, link: Link, doi_url: str | None,
           vocabulary: Vocabulary) -> list[tuple[str, object, str | None]]:
    volume = study.volume + (f"({study.issue})" if study.issue else "") if study.volume else study.issue
    peer = {True: "Peer reviewed", False: "Preprint — not peer reviewed", None: None}[study.peer_reviewed]
    return [
        ("Design", vocabulary.design_label(study.design) if study.design else None,
         link(urls.facet("design", study.design)) if study.design else None),
        ("Sample size", study.sample_size, None),
        ("Participants", study.participants, None),
        ("Setting", settings_text(study.settings, vocabulary, "") or None, None),
        ("Setting detail", study.setting_detail, None),
        ("Journal", study.journal, None),
        ("Year", study.year, link(urls.facet("year", str(study.year))) if study.year else None),
        ("Volume (issue)", volume, None),
        ("Pages", study.pages, None),
        ("DOI", study.doi, doi_url),
        ("Peer review", peer, None),
    ]


def _key_finding(study: Study) -> str | None:
    """The first sentence of the conclusions, when the abstract has a section so named."""
    for section in study.abstract:
        if section.heading and section.heading.lower().startswith(("conclusion", "interpretation")):
            return section.text.split(". ")[0].rstrip(".") + "."
    return None
