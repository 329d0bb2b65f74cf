"""The one YAML loader: what people type in plans, answers and content files, read safely."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mopskit.errors import InputError
from mopskit.io import yamlfile
from mopskit.io.yamlfile import MAX_NODES, load_yaml, parse_yaml


def refused(text: str, **options) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        parse_yaml(text, file="plan.yaml", **options)
    return caught.value


def test_a_key_written_twice_names_the_key_and_both_lines():
    error = refused("tasks:\n  - a\nname: x\ntasks:\n  - b\n")
    assert str(error) == "plan.yaml: line 4: 'tasks' is written twice (also on line 1); keep one"
    assert error.row == 4


def test_keys_compare_as_the_caller_says():
    assert parse_yaml("Ana: 1\nana: 2\n") == {"Ana": 1, "ana": 2}
    assert "'ana' is written twice" in str(refused("Ana: 1\nana: 2\n", same_key=str.casefold))


def test_times_ratios_yes_no_and_leading_zeros_stay_text():
    data = parse_yaml("start: 9:00\nchannel: 1:1\nok: yes\nnorway: no\nzip: 007\nn: 12\nf: 1.5\nb: true\nneg: -3\n")
    assert data == {"start": "9:00", "channel": "1:1", "ok": "yes", "norway": "no", "zip": "007", "n": 12,
                    "f": 1.5, "b": True, "neg": -3}


def test_an_impossible_date_is_named_not_a_traceback():
    error = refused("end: 2027-06-30\ndue: 2027-02-30\n")
    assert str(error) == "plan.yaml: line 2: 2027-02-30 is not a date"


def test_aliases_that_expand_past_the_limit_are_refused_at_once():
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for this, before in zip("bcdefghi", "abcdefgh"):
        levels.append(f"{this}: &{this} [" + ", ".join([f"*{before}"] * 9) + "]")
    started = time.perf_counter()
    error = refused("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 1
    assert f"past {MAX_NODES:,} values" in str(error)
    assert parse_yaml("base: &b {x: 1}\nother: *b\n") == {"base": {"x": 1}, "other": {"x": 1}}


@pytest.mark.parametrize(("text", "words"), [
    ("a:\n\tb: 1\n", "line 2: a tab is used to indent; YAML needs spaces"),
    ("owner: @maria\n", 'line 1: text starting with @ or ` must be in quotes, e.g. "@maria"'),
    ("owner: `x`\n", "must be in quotes"),
    ("note: Step 1: agree\n", "line 1: a colon followed by a space inside the text; put the whole text in quotes"),
    ("", "is empty (or holds only comments)"),
    ("# a comment\n\n", "is empty (or holds only comments)"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    ("a: [1, 2\n", "this is not valid YAML"),
])
def test_syntax_errors_say_what_to_do(text, words):
    assert words in str(refused(text))


def test_a_file_is_read_as_utf8_with_or_without_a_byte_order_mark(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes("\ufeffname: Café\n".encode())
    assert load_yaml(path) == {"name": "Café"}
    path.write_bytes("name: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="is not UTF-8 text"):
        load_yaml(path)
    with pytest.raises(InputError, match="file not found"):
        load_yaml(tmp_path / "missing.yaml")


def test_every_yaml_the_kit_reads_goes_through_this_loader():
    """No other module parses YAML: one set of protections for every file."""
    import re
    from pathlib import Path

    import mopskit

    package = Path(mopskit.__file__).parent
    loaders = re.compile(r"yaml\.(safe_load|load|full_load|unsafe_load|load_all|safe_load_all)\(|yaml\.SafeLoader")
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py")
                 if path.name != "yamlfile.py" and loaders.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def every_yaml_file_of_the_kit() -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    return sorted(path for folder in ("mopskit", "exercises", "notebooks") for path in (root / folder).rglob("*.yaml"))


@pytest.mark.skipif(yamlfile._FastLoader is None, reason="PyYAML built without libyaml")
def test_the_quick_reader_reads_every_file_of_the_kit_as_the_careful_one_does():
    """Files that read cleanly go through libyaml's parser; the rules (no duplicate keys, YAML 1.2
    scalars, checked dates) are the same Python code over both, so the values must be equal."""
    files = every_yaml_file_of_the_kit()
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        quick = yamlfile._read(yamlfile._FastLoader, text, str(path), None)
        careful = yamlfile._read(yamlfile._Loader, text, str(path), None)
        assert quick == careful, path


@pytest.mark.parametrize("text", ["key:\tvalue\n", "a: 1\t\n", "name: Ana\t# lead\n", "a: !\nb: 1\n", "owner: Ana\n"])
def test_a_file_people_write_never_goes_through_the_quick_reader(text, monkeypatch):
    """libyaml's parser accepts a little more than PyYAML's (a tab between tokens, a bare tag), so a
    plan or an answers file is always read by the careful reader: it reads the same wherever it runs."""
    used = []
    real = yamlfile._read

    def spying(kind, *args):  # noqa: ANN001, ANN202
        used.append(kind)
        return real(kind, *args)

    monkeypatch.setattr(yamlfile, "_read", spying)
    try:
        parse_yaml(text, file="plan.yaml")
    except InputError:
        pass
    assert used == [yamlfile._Loader]
    used.clear()
    assert parse_yaml("owner: Ana\n", file="syllabus.yaml", kit_file=True) == {"owner": "Ana"}
    assert used == [yamlfile._FastLoader or yamlfile._Loader]


@pytest.mark.parametrize("text", ["&a [*a]\n", "a: &a {b: *a}\n", "a: &a [1, [2, *a]]\n"])
@pytest.mark.parametrize("kit_file", [False, True])
def test_an_alias_inside_its_own_value_is_refused_at_once(text, kit_file):
    started = time.perf_counter()
    with pytest.raises(InputError, match="line 1: an alias .* is itself part of"):
        parse_yaml(text, file="plan.yaml", kit_file=kit_file)
    assert time.perf_counter() - started < 1


@pytest.mark.skipif(yamlfile._FastLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", ["owner: Ana\nowner: Luca\n", "when: 2027-02-30\n", "a: &x [1]\nb: *x\nc: 9:00\n",
                                  "a: \udc80\n"])
def test_the_quick_reader_keeps_the_rules_and_their_words(text):
    assert _outcome(text, kit_file=True) == _outcome(text, kit_file=False)


def _outcome(text: str, *, kit_file: bool) -> object:
    try:
        return parse_yaml(text, file="plan.yaml", kit_file=kit_file)
    except InputError as error:
        return str(error)
