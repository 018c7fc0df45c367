"""The wheel alone is the tool: built, installed in a fresh venv, it makes a brief with `new` and builds it
from a folder outside the repository, with the templates, static files, schema and appraisal tools it carries.

No network at test time: the wheel is built without build isolation (setuptools comes with the test
extra), and the fresh venv reaches the dependencies through a .pth line naming this venv's
site-packages. A .pth line adds a folder but does not run the .pth files inside it, so the
editable install of the checkout stays out of the fresh venv, which imports the wheel's copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv in a temporary folder with only the wheel installed; returns its bin/ folder."""
    root = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                 root / "dist", REPO, cwd=root)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("evidence_brief-*.whl"))
    venv.create(root / "venv", with_pip=False)
    python = root / "venv/bin/python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root).stdout.strip()
    Path(purelib, "dependencies-from-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q",
                   wheel, cwd=root)
    assert install.returncode == 0, install.stderr
    return root / "venv/bin"


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(installed / "python", "-c", "import generator; print(generator.__file__)", cwd=tmp_path)
    assert where.stdout.strip().startswith(str(installed.parent)), where.stdout + where.stderr


def test_version(installed: Path, tmp_path: Path) -> None:
    shown = _run(installed / "evidence-brief", "--version", cwd=tmp_path)
    assert shown.returncode == 0
    assert shown.stdout.strip() == "evidence-brief 0.1.0"


def test_the_wheel_carries_templates_static_files_schema_and_tools(installed: Path, tmp_path: Path) -> None:
    code = ("from importlib import resources as r\n"
            "names = ['default_templates/base.html', 'default_templates/static/style.css', 'model/study.schema.json',"
            " 'model/appraisal_tools/casp-qualitative.yaml', 'scaffold/files/seeds/example-study.ris',"
            " 'scaffold/files/github/workflows/brief.yml', 'scaffold/files/gitignore']\n"
            "print(all(r.files('generator').joinpath(n).is_file() for n in names))")
    assert _run(installed / "python", "-c", code, cwd=tmp_path).stdout.strip() == "True"


def test_new_then_build_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    made = _run(installed / "evidence-brief", "new", "brief", "--title", "Loneliness in later life", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "brief/.github/workflows/brief.yml").is_file()
    built = _run(installed / "evidence-brief", "build", "--project", "brief", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    output = tmp_path / "brief/output"
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "Loneliness in later life" in home
    assert (output / "studies/okonkwo-2022-shared-walking-groups/index.html").is_file()
    assert (output / "themes/welcome/index.html").is_file()
    assert any(output.rglob("style*.css")), "the packaged stylesheet was not copied"
