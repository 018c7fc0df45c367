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
