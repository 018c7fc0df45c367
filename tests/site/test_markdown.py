"""The brief's own Markdown: citations become links, nothing can inject markup."""

from __future__ import annotations

from generator.render.markdown import render_markdown


def _render(text: str):
    return render_markdown(text, "content/index.md", known_ids={"smith-2020-a", "lee-2021-b"},
                           study_href=lambda i: f"studies/{i}/", study_label=lambda i: i.split("-")[0].title())


def test_citations_become_links() -> None:
    rendered = _render("Stigma hinders training [@smith-2020-a; @lee-2021-b].")
    assert '<cite class="refs">(<a href="studies/smith-2020-a/">Smith</a>; ' \
           '<a href="studies/lee-2021-b/">Lee</a>)</cite>' in rendered.html
    assert rendered.cited == ("smith-2020-a", "lee-2021-b")
    assert rendered.diagnostics == ()


def test_unknown_citation_is_an_error_with_its_line() -> None:
    rendered = _render("Line one.\n\nA claim [@nobody-1999].")
    [problem] = rendered.diagnostics
    assert problem.format() == ("content/index.md:3: error: citation '@nobody-1999' names no published study. "
                                "Use the id of an included record in content/studies/ (its file name).")


def test_raw_html_and_script_links_are_neutralised() -> None:
    rendered = _render('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>')
    assert "<script" not in rendered.html
    assert "<img" not in rendered.html  # shown as text, never as an element
    assert 'href="javascript' not in rendered.html


def test_tables_are_enabled() -> None:
    assert "<table>" in _render("| a | b |\n|---|---|\n| 1 | 2 |\n").html
