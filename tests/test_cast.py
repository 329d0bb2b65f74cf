"""One cast: a person has one name and one role in every lesson, exercise, template and data
file, and Aurora Living's figures are the same wherever the course uses them."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mopskit.content import knowledge
from mopskit.content.cast import Cast
from mopskit.io.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
CAST = knowledge.cast()
TEXT_SUFFIXES = {".ipynb", ".md", ".yaml", ".yml", ".csv", ".py", ".txt"}
READ = [
    *ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/**/*"), *ROOT.glob("mopskit/templates/**/*"),
    *ROOT.glob("mopskit/data/**/*"), *ROOT.glob("mopskit/lessons/**/*"), *ROOT.glob("mopskit/content/*.yaml"),
    *ROOT.glob("docs/*.md"), ROOT / "README.md",
]
FILES = sorted({path for path in READ if path.is_file() and path.suffix in TEXT_SUFFIXES
                and "__pycache__" not in path.parts and path.name != "cast.yaml"
                and not path.name.startswith("my-")})  # a learner's own copy, written by an exercise
NAME_WORD = r"[A-ZÀ-Ý][\w’'-]*"
SAME = {"mops": "marketing operations"}


def text_of(path: Path) -> str:
    """What a reader of the file sees: a notebook's cells and their text outputs, else the file."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return raw
    parts = []
    for cell in json.loads(raw)["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", ()):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def surname_word(word: str) -> str:
    return re.sub(r"(’s|'s|’|')$", "", word)


def real_people() -> set[str]:
    """The authors the kit cites: real people, who may share a surname with the cast."""
    return {author.strip() for source in knowledge.sources().values() if source.author
            for author in re.split(r",| and |;", source.author)}


def name_problems(text: str, cast: Cast) -> Iterator[str]:
    """A cast first name followed by another surname; a cast surname after a first name the cast
    does not give it (a stray person who shares a surname, 'Stefano Conti')."""
    by_first = {person.first_name: person for person in cast.people}
    full_names = {person.name for person in cast.people} | real_people()
    surnames = {person.surname for person in cast.people}
    for match in re.finditer(rf"\b({NAME_WORD}) ({NAME_WORD})", text):
        first, second = match.group(1), surname_word(match.group(2))
        person = by_first.get(first)
        if person is not None and second != person.surname and second in surnames | _surname_like(second):
            yield f"'{first} {second}': {first} is {person.name}"
        elif person is None and second in surnames and f"{first} {second}" not in full_names and _first_name_like(first):
            yield f"'{first} {second}': no one of that name in the cast ({second} is " + \
                ", ".join(p.name for p in cast.people if p.surname == second) + ")"


def _surname_like(word: str) -> set[str]:
    """A capitalised word after a first name reads as a surname unless it starts a new clause."""
    return {word} if word not in COMMON_WORDS else set()


def _first_name_like(word: str) -> bool:
    return word not in COMMON_WORDS and not word.isupper()


COMMON_WORDS = {
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "Her", "His", "How", "I", "If", "In", "Is",
    "It", "Its", "No", "Not", "Of", "On", "Or", "She", "So", "That", "The", "Their", "Then", "They", "This", "To",
    "We", "What", "When", "Where", "Who", "Why", "With", "Yes", "You", "Your", "Aurora", "Living", "MOps", "Head",
    "Team", "Owner", "Sponsor", "Marketing", "Sales", "Finance", "IT", "E-commerce", "Customer", "Service",
}


def role_problems(text: str, cast: Cast) -> Iterator[str]:
    """'Name (Role)' where the words in brackets are neither the person's role nor their team."""
    for person in cast.people:
        for match in re.finditer(rf"{re.escape(person.name)} \(([^()\n…]{{1,40}})\)", text):
            said = _norm(match.group(1))
            known = [_norm(person.role), _norm(person.team)]
            if not any(said in item or item in said for item in known):
                yield f"'{match.group(0)}': {person.name} is {person.role} ({person.team})"


def _norm(text: str) -> str:
    text = text.casefold().strip()
    for short, long in SAME.items():
        text = re.sub(rf"\b{short}\b", long, text)
    return text


def structured_problems(path: Path, cast: Cast) -> Iterator[str]:
    """A data file that pairs a name with a role or a department: each pair as the cast has it."""
    known = {person.name: person for person in cast.people}
    if path.suffix in {".yaml", ".yml"}:
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"), file=str(path))
        except Exception:  # noqa: BLE001  (a deliberately broken exercise file: its text is checked above)
            return
        for mapping in _mappings(data):
            person = known.get(str(mapping.get("name")))
            if person is not None and "role" in mapping and mapping["role"] != person.role:
                yield f"{person.name} has role '{mapping['role']}'; the cast says '{person.role}'"
    if path.suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        for row in rows:
            person = known.get(row.get("owner") or "")
            if person is not None and row.get("department") and row["department"] != person.team:
                yield f"{person.name} is in '{row['department']}'; the cast says '{person.team}'"


def _mappings(data: object) -> Iterator[dict]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _mappings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _mappings(item)


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_person_has_one_name_and_one_role(path: Path) -> None:
    text = text_of(path)
    problems = sorted({*name_problems(text, CAST), *role_problems(text, CAST), *structured_problems(path, CAST)})
    assert not problems, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


def test_the_checks_catch_a_second_surname_a_stray_person_and_a_wrong_role() -> None:
    text = "Elena Bianchi signed off. Stefano Conti agreed. Giulia Rossi (Events) asked. Elena Dumitru (E-commerce) too."
    assert list(name_problems(text, CAST)) == [
        "'Elena Bianchi': Elena is Elena Dumitru",
        "'Stefano Conti': no one of that name in the cast (Conti is Sofia Conti)",
    ]
    assert list(role_problems(text, CAST)) == [
        "'Giulia Rossi (Events)': Giulia Rossi is Marketing Operations Manager (Marketing)"]
    assert not list(name_problems("When Elena Dumitru’s team and The Head of Sales met", CAST))


def test_a_first_name_belongs_to_one_person() -> None:
    firsts = [person.first_name for person in CAST.people]
    assert len(firsts) == len(set(firsts))


def test_the_sample_inventory_owners_are_people_of_the_cast() -> None:
    rows = csv.DictReader((ROOT / "mopskit/data/sample-company/inventory.csv").open(encoding="utf-8"))
    owners = {row["owner"] for row in rows}
    assert owners <= {person.name for person in CAST.of("aurora")}
