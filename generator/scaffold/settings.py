"""The site.yaml of a new brief: every setting of SiteConfig, explained by the field's own ``#:`` comment.

The text is generated from the dataclass, not kept as a copy, so a setting added to SiteConfig
appears in the next brief made with ``new`` (and in docs/) with its help and default, and the two
never drift apart.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import textwrap
from dataclasses import dataclass

import yaml

# _FIELDS: the keys load_config accepts (a few fields are set from elsewhere, e.g. vocabulary.yaml).
from ..config import _FIELDS as SITE_YAML_KEYS
from ..config import SiteConfig

_FIELD_LINE = re.compile(r"^    (?P<name>[a-z_][a-z0-9_]*)\s*:")
_HELP_LINE = re.compile(r"^    #:\s?(?P<text>.*)$")


@dataclass(frozen=True)
class Setting:
    """One site.yaml key: its name, the help its ``#:`` comment gives ("" when none), and its default."""

    name: str
    help: str
    default: object


def settings() -> list[Setting]:
    """SiteConfig's fields in their declared order, each with its help comment and plain default."""
    helps = field_help(inspect.getsource(SiteConfig))
    return [Setting(f.name, helps.get(f.name, ""), plain(_default_of(f))) for f in dataclasses.fields(SiteConfig)
            if f.name in SITE_YAML_KEYS]


def field_help(class_source: str) -> dict[str, str]:
    """``#:`` comment lines directly above a field, joined: the help Sphinx's autodoc also reads."""
    helps: dict[str, str] = {}
    pending: list[str] = []
    for line in class_source.splitlines():
        comment = _HELP_LINE.match(line)
        field = _FIELD_LINE.match(line)
        if comment:
            pending.append(comment["text"].strip())
        elif field and pending:
            helps[field["name"]] = " ".join(pending)
            pending = []
        else:
            pending = []
    return helps


def _default_of(field: dataclasses.Field[object]) -> object:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None


def plain(value: object) -> object:
    """A default as YAML would write it: pairs become a mapping, tuples a list, a settings object a mapping."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) not in ((), "", None)}
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {str(k): plain(v) for k, v in value}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def site_yaml(values: dict[str, object]) -> str:
    """site.yaml with ``values`` set and every other setting shown, commented out, at its default."""
    lines = ["# The settings of this brief's website. Every setting is listed: the ones set are in use;",
             "# remove the '# ' before any other to set it. Unknown keys get a \"did you mean\" warning.", ""]
    for setting in settings():
        if setting.help:
            lines.extend(f"# {text}" for text in textwrap.wrap(setting.help, width=98))
        if setting.name in values:
            lines.extend(_yaml_lines(setting.name, values[setting.name], blank_when_empty=False))
        else:
            lines.extend(f"# {line}" for line in _yaml_lines(setting.name, setting.default))
        lines.append("")
    return "\n".join(lines)


def _yaml_lines(name: str, value: object, *, blank_when_empty: bool = True) -> list[str]:
    """``name: value`` as YAML; an empty default as a bare ``name:``, which loads as the default."""
    if blank_when_empty and value in ((), [], {}, "", None):
        return [f"{name}:"]
    text = yaml.safe_dump({name: value}, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return text.rstrip("\n").splitlines()

