"""The fast paths of yamlio: the C loader gives the pure loader's data, and the alias walk is skipped
only where it cannot find anything."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import yamlio
from generator.model.yamlio import MAX_EXPANDED_NODES, YamlError, dump_yaml, parse_yaml


def _walk_must_not_run(root: yaml.Node) -> None:
    raise AssertionError("the alias walk ran on a document that cannot expand")


def test_a_record_without_aliases_skips_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "_refuse_alias_bombs", _walk_must_not_run)
    text = "id: invented-2031\ntitle: Bicycle couriers and winter injuries\nauthors:\n- Varga, Ilona\nyear: 2031\n"
    assert parse_yaml(text).data["authors"] == ["Varga, Ilona"]


def test_a_star_anywhere_still_runs_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[yaml.Node] = []
    monkeypatch.setattr(yamlio, "_refuse_alias_bombs", walked.append)
    parse_yaml("title: 'p < 0.05*'\n")
    assert len(walked) == 1


def test_a_long_document_without_aliases_is_still_walked_and_bounded() -> None:
    """Without aliases a document can still hold more nodes than allowed: it is refused as before."""
    text = "[" + "0," * (MAX_EXPANDED_NODES + 10) + "]\n"
    assert "*" not in text
    with pytest.raises(YamlError) as refused:
        parse_yaml(text)
    assert refused.value.line == 1


def test_a_small_alias_bomb_is_refused() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 8)}]\n" for prev, name in zip("abcdefg", "bcdefgh"))
    with pytest.raises(YamlError) as refused:
        parse_yaml(text)
    assert "aliases" in refused.value.message


def test_the_c_loader_and_dumper_are_used_when_the_wheel_has_libyaml() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML was built without libyaml")
    assert yamlio._Loader is yaml.CSafeLoader and yamlio._Dumper is yaml.CSafeDumper


#: Text as records hold it (letters, digits, punctuation, symbols, spaces, newlines). Outside it libyaml and
#: the pure dumper were seen to differ (characters beyond U+FFFF escaped, NEL, line breaks in keys); records
#: are written by the C dumper, and what it writes reads back the same (next test).
_prose = st.text(st.characters(max_codepoint=0xFFFF, whitelist_categories=("L", "N", "P", "S", "Zs"),
                               whitelist_characters="\n"), max_size=140)
_any_text = st.text(st.characters(codec="utf-8"), max_size=60)  # no lone surrogates
_keys = st.from_regex(r"[a-z][a-z_]{0,19}", fullmatch=True)  # record keys are schema names


def _pure_dump(data: object) -> str:
    """What yamlio.dump_yaml writes, by the pure-Python dumper."""
    return yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def _records(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, object]]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=False, allow_infinity=True), text)
    return st.dictionaries(_keys, st.one_of(scalars, st.lists(scalars, max_size=5),
                                            st.dictionaries(_keys, scalars, max_size=4)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(_records(_prose))
def test_c_and_pure_dumpers_write_the_same_bytes(record: dict[str, object]) -> None:
    """Records are written by the C dumper when present; a machine without libyaml must write the same."""
    assert dump_yaml(record) == _pure_dump(record)


@settings(max_examples=150, deadline=None)
@given(_records(_any_text))
def test_what_is_written_reads_back_the_same_through_every_loader(record: dict[str, object]) -> None:
    text = dump_yaml(record)
    assert parse_yaml(text).data == yaml.load(text, Loader=yaml.SafeLoader) == record


@pytest.mark.parametrize("text", [
    "id: walk-2030\nyear: 2030\nratio: 0.75\nflag: yes\nnothing: ~\nwhen: 2030-04-01\nat: 2030-04-01 10:20:00\n",
    "hex: 0x1F\nsexagesimal: 1:30\nunderscored: 1_000\nexponent: 1e3\ninfinite: -.inf\nquoted: '12'\n",
    "'=': kept\n2031: numeric key\nnull: null key\ntrue: bool key\n? complex\n: value\n",
    "base: &base {design: trial}\nchild:\n  <<: *base\n  sample_size: 12\n",
    "blob: !!binary aGVsbG8=\nset: !!set {a, b}\nordered: !!omap [{x: 1}, {y: 2}]\n",
    "plain: !!str 123\nlist: !!seq [1, two]\nnested: {a: [1, {b: [c, d]}]}\nempty: {}\nnone: []\n",
    "- one\n- - two\n  - three\n- {four: 4}\n",
    "just a string\n",
    "42\n",
])
def test_the_quick_constructor_builds_what_pyyaml_builds(text: str) -> None:
    assert repr(parse_yaml(text).data) == repr(yaml.load(text, Loader=yaml.SafeLoader))


@pytest.mark.parametrize("text", ["? [a, b]\n: value\n", "a: !!str [x, y]\n", "a: !!map [x]\n", "a: !!seq {x: 1}\n",
                                  "a: !!python/name:os.system\n", "a: !custom 1\n"])
def test_unusual_documents_still_get_pyyaml_errors(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as expected:
        yaml.load(text, Loader=yaml.SafeLoader)
    with pytest.raises(YamlError) as refused:
        parse_yaml(text)
    assert refused.value.line == expected.value.problem_mark.line + 1  # type: ignore[attr-defined]


def test_the_briefs_own_records_load_as_pyyaml_loads_them() -> None:
    for path in sorted((Path(__file__).parents[2] / "content" / "studies").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert repr(parse_yaml(text).data) == repr(yaml.load(text, Loader=yaml.SafeLoader)), path.name
