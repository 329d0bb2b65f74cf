"""The kit's domain vocabularies are enums whose values are the words the JSON reports and the
content files already use, so a report reads the same byte for byte; and no module compares
one of these fields with a bare string."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

import mopskit
from mopskit import InputError
from mopskit.change.plan import lint, load_plan, review
from mopskit.change.plan.lint import SEVERITIES
from mopskit.content import knowledge
from mopskit.content.schemas import SCHEMAS
from mopskit.course.vocabulary import LEVELS, Level
from mopskit.findings import Severity
from mopskit.frameworks import personas
from mopskit.frameworks.personas import Quadrant, score_persona, team_mix
from mopskit.ops.postmortem import PostMortem, review as review_postmortem
from mopskit.stack import PRICING_MODELS, Pricing, ToolContract, audit, load_inventory
from mopskit.stack import inventory as inventory_module
from mopskit.stack import model as model_module

PACKAGE = Path(mopskit.__file__).resolve().parent
SAMPLE_INVENTORY = PACKAGE / "data" / "sample-company" / "inventory.csv"
BROKEN_PLANS = sorted((Path(__file__).resolve().parent / "data" / "plan").glob("*.yaml"))


def same_json(member: object, word: str) -> None:
    """An enum member serialises exactly as its word, with either JSON encoder."""
    for indent in (None, 2):
        for ascii_only in (True, False):
            written = json.dumps({"value": [member]}, indent=indent, ensure_ascii=ascii_only)
            assert written == json.dumps({"value": [word]}, indent=indent, ensure_ascii=ascii_only)


# --------------------------------------------------------------------------- pricing


def test_pricing_is_the_three_words_of_the_inventory_and_the_audit_json():
    assert [member.value for member in Pricing] == ["per-seat", "flat", "usage"]
    assert PRICING_MODELS == tuple(Pricing) == inventory_module.PRICING_MODELS == model_module.PRICING_MODELS
    for member in Pricing:
        same_json(member, member.value)
        assert f"{member}" == str(member) == member.value


def test_the_audit_json_writes_the_pricing_words_it_always_wrote():
    inventory = load_inventory(SAMPLE_INVENTORY)
    result = audit(inventory, None, as_of="2026-11-01")
    assert {tool.pricing for tool in result.tools} == set(Pricing)
    assert all(type(tool.pricing) is Pricing for tool in result.tools)
    written = json.loads(result.to_json())
    assert {tool["pricing"] for tool in written["tools"]} == {"per-seat", "flat", "usage"}
    assert all(type(tool["pricing"]) is str for tool in written["tools"])


HEADER = "tool,vendor,category,owner,annual_cost,currency,seats,renewal_date,notice_days,pricing\n"


@pytest.mark.parametrize("cell", ["per seat", "Per-Seat", "PER_SEAT", "per-seat", "seats", ""])
def test_an_inventory_spelling_reads_as_the_member(tmp_path, cell):
    path = tmp_path / "inventory.csv"
    path.write_text(HEADER + f"Slack,Salesforce,Collab,Ana,100,EUR,2,2027-01-15,30,{cell}\n", encoding="utf-8")
    (contract,) = load_inventory(path).tools
    assert contract.pricing is Pricing.PER_SEAT
    assert contract.pricing == "per-seat"


def test_a_contract_built_in_code_with_the_word_holds_the_member():
    from datetime import date

    contract = ToolContract(
        tool="Mailchimp", vendor="Intuit", category="Email", owner="Ana", department=None, annual_cost=1.0,
        seats=1, renewal_date=date(2027, 1, 1), notice_days=0, currency="EUR", billing=None, sso_app=None,
        integrations=(), pricing="usage",  # type: ignore[arg-type]
    )
    assert contract.pricing is Pricing.USAGE
    with pytest.raises(ValueError):
        ToolContract(
            tool="X", vendor="X", category="X", owner="X", department=None, annual_cost=1.0, seats=1,
            renewal_date=date(2027, 1, 1), notice_days=0, currency="EUR", billing=None, sso_app=None,
            integrations=(), pricing="subscription",  # type: ignore[arg-type]
        )


# --------------------------------------------------------------------------- severity


def test_severity_is_the_three_words_of_the_lint_and_the_review_json():
    assert [member.value for member in Severity] == ["error", "warning", "info"]
    assert SEVERITIES == tuple(Severity)
    for member in Severity:
        same_json(member, member.value)


def test_plan_findings_carry_members_and_write_the_same_words():
    seen = set()
    for path in BROKEN_PLANS:
        result = review(load_plan(path))
        for finding, written in zip(result.findings, json.loads(json.dumps(result.to_dict()))["findings"], strict=True):
            assert type(finding.severity) is Severity
            assert written["severity"] == finding.severity.value
            assert str(finding).startswith(f"{finding.code} {finding.severity.value} ")
            seen.add(finding.severity)
    assert seen == set(Severity)
    assert not any(finding.severity is Severity.ERROR for finding in lint(load_plan(BROKEN_PLANS[0].with_name("base.yaml"))))


def test_postmortem_findings_share_the_severity():
    empty = PostMortem(title="Outage", summary="", impact="", timeline=(), causes=(), contributing_factors=(),
                       actions=())
    result = review_postmortem(empty)
    assert {finding.severity for finding in result.findings} == {Severity.ERROR, Severity.WARNING}
    assert all(type(finding.severity) is Severity for finding in result.findings)
    assert {f["severity"] for f in result.to_dict()["findings"]} == {"error", "warning"}
    assert str(result.findings[0]).startswith("error ")


# --------------------------------------------------------------------------- quadrant


def test_quadrant_is_the_ids_of_personas_yaml_in_its_order():
    content = knowledge.load("personas")
    assert [entry["id"] for entry in content["quadrants"]] == [member.value for member in Quadrant]
    assert {entry["quadrant"] for entry in content["roles"]} == set(Quadrant)
    assert [profile.id for profile in personas.quadrants()] == list(Quadrant)
    assert all(type(role.quadrant) is Quadrant for role in personas.roles())


def test_scores_and_team_mixes_hold_members_and_write_the_ids():
    score = score_persona({"q1": 3, "q2": 3})
    assert type(score.primary) is Quadrant and all(type(q) is Quadrant for q in score.secondary)
    written = json.loads(json.dumps(score.to_dict()))
    assert written["quadrant"] == score.primary.value
    assert written["secondary"] == [q.value for q in score.secondary]
    mix = team_mix([score])
    assert [q for q, _ in mix.primary_counts] == list(Quadrant)
    assert json.dumps(mix.to_dict()) == json.dumps(json.loads(json.dumps(mix.to_dict())))
    assert type(mix.hire_for) is Quadrant


def _personas_with(quadrant_ids: list[str], role_quadrant: str | None = None) -> Any:
    content = knowledge.load("personas")
    quadrants = tuple(MappingProxyType({**entry, "id": new}) for entry, new in zip(content["quadrants"], quadrant_ids))
    roles = content["roles"]
    if role_quadrant is not None:
        roles = (MappingProxyType({**roles[0], "quadrant": role_quadrant}), *roles[1:])
    return MappingProxyType({**content, "quadrants": quadrants, "roles": roles})


@pytest.mark.parametrize("ids", [
    ["modernizers", "orchestrators", "psychologists", "statisticians"],
    ["modernizers", "orchestrators", "scientists", "scientists"],
])
def test_personas_yaml_must_name_exactly_the_kits_quadrants(monkeypatch, ids):
    real, fake = knowledge.load, _personas_with(ids)
    monkeypatch.setattr(knowledge, "load", lambda name: fake if name == "personas" else real(name))
    with pytest.raises(InputError) as error:
        personas.quadrants()
    assert error.value.file == "mopskit/content/personas.yaml"
    assert "modernizers, orchestrators, psychologists and scientists" in str(error.value)


def test_a_role_next_to_an_unknown_quadrant_is_refused(monkeypatch):
    real = knowledge.load
    fake = _personas_with([q.value for q in Quadrant], role_quadrant="statisticians")
    monkeypatch.setattr(knowledge, "load", lambda name: fake if name == "personas" else real(name))
    with pytest.raises(InputError, match="role 'maestros' names the quadrant 'statisticians'"):
        personas.roles()


# --------------------------------------------------------------------------- level


def test_level_is_the_syllabus_levels_in_order():
    assert [level.name for level in knowledge.syllabus().levels] == [member.value for member in Level]
    assert LEVELS == tuple(Level)
    for member in Level:
        same_json(member, member.value)


def test_the_content_schema_allows_exactly_the_levels():
    allowed = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if "enum" in node and "Foundations" in node["enum"]:
                allowed.append(list(node["enum"]))
            for value in node.values():
                collect(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                collect(value)

    collect(SCHEMAS["syllabus"])
    assert allowed and all(values == list(LEVELS) for values in allowed)


# --------------------------------------------------------------------------- no bare strings

WATCHED = frozenset({"pricing", "severity", "quadrant"})


def _words(node: ast.expr) -> list[str] | None:
    """The text literals a comparison names: one string, or a tuple, list or set of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts:
        words = [_words(item) for item in node.elts]
        if all(word is not None for word in words):
            return [text for word in words for text in word or ()]
    return None


def bare_comparisons(source: str) -> list[tuple[int, str, str]]:
    """(line, attribute, word) for each comparison of a watched attribute with text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for left, right in zip(operands, operands[1:]):
            for field, other in ((left, right), (right, left)):
                words = _words(other)
                if isinstance(field, ast.Attribute) and field.attr in WATCHED and words is not None:
                    found += [(node.lineno, field.attr, word) for word in words]
    return found


@pytest.mark.parametrize("source", [
    'person.quadrant != "manage closely"',
    'tool.pricing == "per-seat"',
    'if finding.severity != "error": pass',
    'x = role.quadrant in ("scientists", "modernizers")',
    '"info" == f.severity',
])
def test_the_scan_sees_a_bare_comparison(source):
    assert bare_comparisons(source)


@pytest.mark.parametrize("source", [
    "tool.pricing is Pricing.PER_SEAT",
    "finding.severity == Severity.ERROR",
    "person.quadrant is Attention.MANAGE_CLOSELY",
    'name == "per-seat"',
])
def test_the_scan_lets_members_and_other_fields_pass(source):
    assert not bare_comparisons(source)


def test_no_module_compares_pricing_severity_or_quadrant_with_a_bare_string():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: .{attribute} compared with '{word}'"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, attribute, word in bare_comparisons(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "compare with the enum's member instead:\n" + "\n".join(offenders)
