"""The general vocabulary of scholarly pages, entry by entry, on lines written for this test.

Each case is UI wording that many sites share (cookie buttons, journal-metric boxes, labels in several
languages); the lines are invented, so a vocabulary entry kept only for one document's words would show
up here as an entry nothing general needs.
"""

from __future__ import annotations

import pytest

from generator.ingest.webpage.vocabulary import (
    ASIDE_HEADING,
    DISCLAIMER,
    LABEL_LANGUAGE,
    NOT_PEER_REVIEWED,
    SELF_CITATION,
    SITE_WORDS,
    date_kind,
    field_of_label,
    is_chrome_line,
    is_stop_heading,
)

CHROME = [
    "Accept all cookies", "Alerts", "More", "Order by: newest first", "Permissions", "Previous", "Select...",
    "Show more", "View full text", "复制", "导出", "打印", "确定", "取消", "关闭",
    # journal-metric boxes, in English and on Chinese journal directories
    "Impact factor: 2.4", "CiteScore 4.7", "JCR category rank Q2", "IF 3.105", "影响因子：1.62", "自引率 0.08",
    "发文量 312", "审稿时长 60天",
]
NOT_CHROME = [
    "Volunteer visits and delirium among older inpatients",
    "We interviewed 24 ward managers about more flexible visiting hours.",
    "Ingrid Solberg, Tomasz Wrona",
]


@pytest.mark.parametrize("line", CHROME)
def test_shared_ui_wording_is_chrome(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", NOT_CHROME)
def test_titles_sentences_and_names_are_not_chrome(line: str) -> None:
    assert not is_chrome_line(line)


@pytest.mark.parametrize("line", ["Ethics declarations", "Grants and funding", "References"])
def test_back_matter_headings_stop_the_head(line: str) -> None:
    assert is_stop_heading(line)


@pytest.mark.parametrize("line", ["Plain language summary", "What is already known on this topic", "Highlights"])
def test_side_panels_before_the_abstract(line: str) -> None:
    assert ASIDE_HEADING.match(line)


@pytest.mark.parametrize("line", ["特别声明：以上内容由用户上传", "本页面信息仅供参考",
                                  "Disclaimer: content is provided as is"])
def test_site_disclaimers(line: str) -> None:
    assert DISCLAIMER.search(line)


@pytest.mark.parametrize("line", [
    "This working paper has not been published in a peer-reviewed journal.",
    "Note: not yet peer reviewed.",
    "This preprint has not been certified by peer review.",
])
def test_statements_that_an_article_is_not_peer_reviewed(line: str) -> None:
    assert NOT_PEER_REVIEWED.search(line)


def test_a_journal_calling_itself_peer_reviewed_is_not_a_statement_against_review() -> None:
    assert not NOT_PEER_REVIEWED.search("A peer-reviewed journal of community nursing.")


@pytest.mark.parametrize("line", ["Cómo citar este artículo", "Como citar este artigo", "引用本文",
                                  "Cite this article"])
def test_self_citation_labels(line: str) -> None:
    assert SELF_CITATION.match(line)


@pytest.mark.parametrize("site", ["Research Square", "BMJ", "CNKI", "Nature", "PLOS", "Wiley Online Library"])
def test_site_and_publisher_names_in_browser_titles(site: str) -> None:
    assert SITE_WORDS.search(f"Volunteer visits and delirium - {site}")


def test_ordinary_title_words_are_not_site_names() -> None:
    assert not SITE_WORDS.search("Volunteer visits and delirium among older inpatients")


@pytest.mark.parametrize(("label", "field"), [
    ("Resumo", "abstract"), ("Zusammenfassung", "abstract"), ("Palavras-chave", "keywords"), ("Tags", "keywords"),
    ("Pages", "pages"), ("Grants", "funding"), ("来源期刊", "journal"), ("Record permalink", "url"),
    ("【作者】", "authors"), ("Mots-clés", "keywords"), ("Volunteer visits", None),
])
def test_field_labels_in_several_languages(label: str, field: str | None) -> None:
    assert field_of_label(label) == field


@pytest.mark.parametrize(("label", "lang"), [("resumo", "pt"), ("palavras-chave", "pt"), ("zusammenfassung", "de")])
def test_labels_name_the_language_of_their_block(label: str, lang: str) -> None:
    assert LABEL_LANGUAGE[label] == lang


@pytest.mark.parametrize(("label", "kind"), [
    ("Epub", "epub"), ("Epub date", "epub"), ("Published online", "online"), ("Received", "received"),
    ("Publicado", "published"), ("收稿日期", "received"), ("Volunteer visits", None),
])
def test_date_labels(label: str, kind: str | None) -> None:
    assert date_kind(label) == kind


@pytest.mark.parametrize("line", ["Total Views 3,107", "Total Downloads 88", "All-time citations: 14", "Past Issues",
                                  "List of issues", "Table of Contents", "1,204 total downloads"])
def test_metric_and_issue_menu_lines_are_chrome(line: str) -> None:
    assert is_chrome_line(line)
