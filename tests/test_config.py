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
