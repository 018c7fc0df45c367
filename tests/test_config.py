"""site.yaml settings: defaults, and whole-number settings validated with the key's name and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config


def _load(tmp_path: Path, text: str) -> tuple[SiteConfig, list[str]]:
    (tmp_path / "site.yaml").write_text("base_url: https://example.org/brief/\n" + text, encoding="utf-8")
    config, problems = load_config(tmp_path)
    return config, [p.format() for p in problems]


def test_theme_quotes_defaults_to_ten(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "")
    assert config.theme_quotes == 10 and problems == []


def test_theme_quotes_is_read(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "theme_quotes: 3\npage_size: 20\n")
    assert (config.theme_quotes, config.page_size) == (3, 20) and problems == []


@pytest.mark.parametrize("value", ["0", "-2", "true", "ten", "2.5", "[1]"])
@pytest.mark.parametrize("key", ["theme_quotes", "page_size"])
def test_whole_number_settings_must_be_positive(tmp_path: Path, key: str, value: str) -> None:
    config, problems = _load(tmp_path, f"{key}: {value}\n")
    assert getattr(config, key) == getattr(SiteConfig(), key)  # the default is kept
    assert len(problems) == 1
    assert problems[0].startswith("site.yaml:2: error:") and f"'{key}' must be a positive whole number" in problems[0]


def test_a_misspelt_setting_suggests_the_right_one(tmp_path: Path) -> None:
    _, problems = _load(tmp_path, "theme_quote: 3\n")
    assert problems == ["site.yaml:2: warning: unknown setting 'theme_quote'. Did you mean 'theme_quotes'?"]


# --- PRISMA settings: sources, prisma counts, exclusion reasons (issue 13) ---

def test_prisma_sources_and_reasons_are_read(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "sources:\n  seeds/kestrel-*.ris: Kestrel Index\nprisma:\n"
                                       "  identified:\n    Kestrel Index: 120\n  not_retrieved: 2\n"
                                       "  registers: [Heron Trials]\nexclusion_reasons:\n  too-small: Too small\n")
    assert problems == []
    assert config.sources == (("seeds/kestrel-*.ris", "Kestrel Index"),)
    assert config.prisma.identified == (("Kestrel Index", 120),) and config.prisma.count("not_retrieved") == 2
    assert config.prisma.registers == ("Heron Trials",) and config.exclusion_reasons == (("too-small", "Too small"),)


def test_exclusion_reasons_default_to_a_prisma_style_list(tmp_path: Path) -> None:
    config, _ = _load(tmp_path, "")
    assert ("wrong-population", "Wrong population") in config.exclusion_reasons


@pytest.mark.parametrize(("text", "expected"), [
    ("prisma:\n  not_retreived: 3\n", "site.yaml:3: error: unknown PRISMA count 'prisma.not_retreived'. "
                                      "Did you mean 'not_retrieved'?"),
    ("prisma:\n  screened: -1\n", "site.yaml:3: error: 'prisma.screened' must be a whole number (0 or more)"),
    ("prisma:\n  identified:\n    Kestrel: many\n", "site.yaml:3: error: 'prisma.identified' must be a mapping"),
])
def test_prisma_counts_are_checked_with_their_line(tmp_path: Path, text: str, expected: str) -> None:
    _, problems = _load(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


# --- base_url, language and dates (issue 11, point 5) ---

def test_base_url_is_required(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: Speech therapy waits\n", encoding="utf-8")
    _, problems = load_config(tmp_path)
    [problem] = [p.format() for p in problems]
    assert problem.startswith("site.yaml:1: error: 'base_url' is missing") and "'base_url: null'" in problem


def test_base_url_null_is_a_local_only_site(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: Speech therapy waits\nbase_url: null\n", encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert config.local_only
    [problem] = problems
    assert problem.severity.value == "warning" and problem.location.line == 2 and "local use only" in problem.message


@pytest.mark.parametrize("value", ["English", "en_GB", "xx-nowhere-0"])
def test_language_must_be_a_bcp47_tag(tmp_path: Path, value: str) -> None:
    config, problems = _load(tmp_path, f"language: {value}\n")
    assert config.language == "en"
    assert len(problems) == 1 and problems[0].startswith("site.yaml:2: error: 'language' must be a BCP 47")


@pytest.mark.parametrize("value", ["en", "en-GB", "pt-BR", "zh-Hant"])
def test_valid_language_tags_are_kept(tmp_path: Path, value: str) -> None:
    config, problems = _load(tmp_path, f"language: {value}\n")
    assert (config.language, problems) == (value, [])


def test_updated_is_a_date(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "updated: 2025-03-09\n")
    assert (config.updated, problems) == ("2025-03-09", [])
    _, problems = _load(tmp_path, "updated: 'last spring'\n")
    assert len(problems) == 1 and problems[0].startswith("site.yaml:2: error: 'updated' must be a date")
    _, problems = _load(tmp_path, "updated: 2025-13-40\n")
    assert len(problems) == 1 and "error: invalid YAML" in problems[0]


# --- Design settings: logo, accent_colour, nav, footer (generator/design.py) -----------------------------

def test_contrast_ratio_is_wcag_2() -> None:
    from generator.design import contrast_ratio

    assert round(contrast_ratio("#000", "#ffffff"), 2) == 21.0
    assert round(contrast_ratio("#777777", "#fff"), 2) == 4.48  # the well-known just-failing grey
    assert round(contrast_ratio("#767676", "#fff"), 2) == 4.54


def test_accent_colour_passing_aa_is_kept(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "accent_colour: '#0A55B8'\n")
    assert problems == [] and config.accent_colour == (("light", "#0a55b8"),)
    config, problems = _load(tmp_path, "accent_colour:\n  light: '#1d5e20'\n  dark: '#9fd8a2'\n")
    assert problems == [] and config.accent_colour == (("light", "#1d5e20"), ("dark", "#9fd8a2"))


def test_accent_colour_failing_aa_names_line_and_ratio(tmp_path: Path) -> None:
    # #999999 against the lighter of the two light backgrounds (#f3f5f7), by the WCAG formula: 2.61:1.
    config, problems = _load(tmp_path, "title: T\naccent_colour: '#999999'\n")
    assert config.accent_colour == ()
    assert len(problems) == 1 and problems[0].startswith("site.yaml:3: error: 'accent_colour' #999999 has a "
                                                         "contrast of 2.61:1 on the light background")
    _, problems = _load(tmp_path, "accent_colour:\n  dark: '#203040'\n")
    assert len(problems) == 1 and "on the dark background" in problems[0] and "lighter" in problems[0]


@pytest.mark.parametrize("value", ["blue", "'#12345'", "12", "{sepia: '#000000'}", "[a]"])
def test_accent_colour_must_be_hex(tmp_path: Path, value: str) -> None:
    config, problems = _load(tmp_path, f"accent_colour: {value}\n")
    assert config.accent_colour == () and len(problems) == 1 and problems[0].startswith("site.yaml:2: error:")


def test_nav_links_http_or_inside_the_site(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "nav:\n  - label: Handbook\n    url: https://example.net/handbook\n"
                                       "  - label: ' Data  files '\n    url: /data/studies.csv\n")
    assert problems == []
    assert config.nav == (("Handbook", "https://example.net/handbook"), ("Data files", "data/studies.csv"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/x", "data:text/html,x", "ftp://x.example/",
                                 "../../etc/passwd", "a b"])
def test_nav_refuses_other_links_at_the_items_line(tmp_path: Path, url: str) -> None:
    config, problems = _load(tmp_path, f"nav:\n  - label: Fine\n    url: methods/\n  - label: Bad\n    url: '{url}'\n")
    assert config.nav == (("Fine", "methods/"),)
    assert len(problems) == 1 and problems[0].startswith("site.yaml:5: error: 'nav' item 2")


def test_logo_must_be_an_svg_or_png_inside_the_brief(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (tmp_path / "img" / "fake.png").write_text("not an image", encoding="utf-8")
    (tmp_path / "img" / "mark.gif").write_bytes(b"GIF89a")
    config, problems = _load(tmp_path, "logo: img/mark.svg\n")
    assert problems == [] and config.logo == "img/mark.svg"
    for value, expected in (("img/missing.svg", "not found"), ("img/mark.gif", "not an SVG or PNG"),
                            ("img/fake.png", "does not hold PNG data"), ("../outside.svg", "outside the brief"),
                            ("/etc/logo.svg", "outside the brief")):
        config, problems = _load(tmp_path, f"logo: {value}\n")
        assert config.logo == "" and len(problems) == 1 and expected in problems[0], (value, problems)


def test_footer_is_one_line_of_text(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "footer: |\n  Funded by <b>us</b>\n  & friends.\n")
    assert problems == [] and config.footer == "Funded by <b>us</b> & friends."  # escaped when rendered
    _, problems = _load(tmp_path, "footer: [a, b]\n")
    assert problems and "'footer' must be text" in problems[0]
