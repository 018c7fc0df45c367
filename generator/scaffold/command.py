"""The ``new`` subcommand's arguments and what it prints: which files it wrote, and what to do next."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import Diagnostic


def add_new_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """``new DIR [--title ...]``. It takes the folder to create rather than ``--project``; the
    defaults set here let the shared entry point run it like the other commands."""
    sub = commands.add_parser(
        "new", help="start a new brief in DIR: settings, an example source and theme, a CI workflow",
        description="Creates DIR (or fills it when it is empty) with a brief that builds at once: site.yaml "
                    "listing every setting, vocabulary.yaml, seeds/ with one invented example study (already "
                    "ingested into content/studies/), an example theme, content/index.md and content/about.md "
                    "with guidance, a .gitignore, a README for curators and a GitHub Actions workflow that "
                    "checks the brief and publishes it to GitHub Pages. A folder that holds anything is refused.")
    sub.add_argument("directory", type=Path, metavar="DIR", help="the folder to create the brief in")
    sub.add_argument("--title", help="the brief's title (default: made from the folder's name)")
    sub.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    sub.add_argument("--debug", action="store_true", help="show tracebacks of unexpected failures")
    sub.set_defaults(project=Path("."), strict=False)
    return sub


def run_new(args: argparse.Namespace) -> list[Diagnostic]:
    """Make the brief, then say where it is and the commands that come next."""
    from .brief import create_brief  # ingest is loaded only when a brief is made

    made = create_brief(args.directory, args.title)
    if made.written and not args.quiet:
        print(f"new: {len(made.written)} files written to {made.directory}\n\nNext:\n"
              f"  cd {made.directory}\n"
              "  evidence-brief build     # the site, in output/\n"
              "  evidence-brief serve     # a live preview while you edit\n"
              "Then put your own exports in seeds/ and read README.md.", file=sys.stderr)
    return made.diagnostics
