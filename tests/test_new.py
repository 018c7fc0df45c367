"""`evidence-brief new`: a brief that checks clean (but for the base_url still to be set) and builds at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import SiteConfig, load_config
from generator.scaffold.brief import create_brief, default_title
from generator.scaffold.settings import field_help, settings, site_yaml


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "school-meals"
    assert main(["new", str(folder), "--title", "Free school meals: what the studies say", "-q"]) == 0
    return folder


def test_new_writes_every_part_of_a_brief(brief: Path) -> None:
    for name in ("site.yaml", "vocabulary.yaml", ".gitignore", "README.md", ".github/workflows/brief.yml",
                 "content/index.md", "content/about.md", "content/themes/welcome.md", "seeds/example-study.ris"):
        assert (brief / name).is_file(), name
    assert [p.name for p in (brief / "content/studies").glob("*.yaml")] == ["okonkwo-2022-shared-walking-groups.yaml"]


def test_examples_cite_the_example_record_by_its_id(brief: Path) -> None:
    for name in ("content/index.md", "content/themes/welcome.md"):
        text = (brief / name).read_text(encoding="utf-8")
        assert "[@okonkwo-2022-shared-walking-groups]" in text
        assert "__" not in text  # no placeholder left


def test_site_yaml_sets_the_title_and_lists_every_setting_commented(brief: Path) -> None:
    text = (brief / "site.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data == {"title": "Free school meals: what the studies say", "base_url": None, "language": "en"}
    for name in ("scope", "organisation", "home_studies", "page_size", "sources", "prisma", "exclusion_reasons"):
        assert f"\n# {name}:" in text, name
    assert "# Studies shown on the home page" in text  # the field's own #: help


def test_the_new_brief_checks_with_only_the_base_url_warning(brief: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--project", str(brief)]) == 0
    printed = capsys.readouterr().err
    assert "0 error(s), 1 warning(s)" in printed and "base_url" in printed


def test_the_new_brief_builds(brief: Path) -> None:
    assert main(["build", "--project", str(brief), "-q"]) == 0
    assert (brief / "output/index.html").is_file()
    assert (brief / "output/studies/okonkwo-2022-shared-walking-groups/index.html").is_file()
    assert (brief / "output/themes/welcome/index.html").is_file()
    home = (brief / "output/index.html").read_text(encoding="utf-8")
    assert "Free school meals: what the studies say" in home


def test_workflow_checks_builds_and_deploys_to_pages(brief: Path) -> None:
    workflow = yaml.safe_load((brief / ".github/workflows/brief.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", step.get("uses", "")) for step in workflow["jobs"]["build"]["steps"]]
    assert "evidence-brief check --strict" in steps and "evidence-brief build" in steps
    assert any(step.startswith("actions/upload-pages-artifact") for step in steps)
    assert workflow["jobs"]["build"]["steps"][-1]["with"]["path"] == "output/"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_gitignore_keeps_built_and_local_files_out(brief: Path) -> None:
    lines = (brief / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"output/", ".cache/", ".venv/"} <= set(lines)


def test_a_folder_that_holds_anything_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_empty_folder_is_filled_and_a_title_made_from_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "air_quality-in-schools"
    folder.mkdir()
    made = create_brief(folder)
    assert not made.diagnostics
    assert yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))["title"] == "Air quality in schools"
    assert default_title(Path("x/.")) == "X"


def test_new_takes_no_project_option() -> None:
    with pytest.raises(SystemExit):
        main(["new", "--project", "x"])


def test_help_comments_are_read_from_above_each_field() -> None:
    source = ("class C:\n    #: First line\n    #: and second.\n    a: int = 1\n    b: str = ''\n"
              "    # plain\n    c: int = 2\n")
    assert field_help(source) == {"a": "First line and second."}


def test_generated_site_yaml_loads_to_the_defaults(tmp_path: Path) -> None:
    """Uncommenting nothing but title and base_url gives SiteConfig's own defaults: the listing is true."""
    (tmp_path / "site.yaml").write_text(site_yaml({"title": "T", "base_url": "https://example.org/t/"}),
                                        encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert not [p for p in problems if p.is_error]
    defaults = SiteConfig()
    for field in dataclasses.fields(SiteConfig):
        if field.name not in ("title", "base_url", "vocabulary", "local_only"):
            assert getattr(config, field.name) == getattr(defaults, field.name), field.name


def test_every_listed_default_is_a_valid_value_equal_to_the_default(tmp_path: Path) -> None:
    """Setting every listed default (as if each were uncommented) loads without a problem to SiteConfig's defaults."""
    names = tuple(f"# {setting.name}:" for setting in settings())
    lines = site_yaml({"title": "T", "base_url": "https://example.org/t/"}).splitlines()
    in_value = False
    uncommented = []
    for line in lines:
        in_value = line.startswith(names) or (in_value and line.startswith("#   "))
        uncommented.append(line[2:] if in_value else line)
    assert sum(line.startswith(("scope:", "prisma:", "exclusion_reasons:")) for line in uncommented) == 3
    (tmp_path / "site.yaml").write_text("\n".join(uncommented), encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert [p for p in problems if p.is_error] == []
    assert dataclasses.replace(config, title=SiteConfig().title, base_url=SiteConfig().base_url) == SiteConfig()
