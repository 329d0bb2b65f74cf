"""The operating-model content: two frameworks whose dimensions a team can score by evidence."""

from __future__ import annotations

import re

import pytest

from mopskit import InputError
from mopskit.content import knowledge
from mopskit.content.schemas import validate

GHANTOUS = ("strategic-planning", "financial-management", "performance-measurement", "martech-infrastructure",
            "marketing-sales-alignment", "operational-excellence", "learning-development")
SIRIUS = ("planning", "infrastructure", "enablement", "accountability")


def model():
    return knowledge.load("operating-model")


def test_the_two_frameworks_have_their_published_dimensions_in_order():
    frameworks = {framework["id"]: framework for framework in model()["frameworks"]}
    assert tuple(d["id"] for d in frameworks["ghantous"]["dimensions"]) == GHANTOUS
    assert tuple(d["id"] for d in frameworks["siriusdecisions"]["dimensions"]) == SIRIUS
    assert frameworks["ghantous"]["source"] == "seed-002"


def test_dimension_ids_are_unique_across_frameworks_so_answers_name_their_framework():
    ids = [d["id"] for framework in model()["frameworks"] for d in framework["dimensions"]]
    assert len(ids) == len(set(ids))


def test_levels_are_the_five_cmm_levels_and_stages_the_four_pedowitz_stages():
    content = model()
    assert [level["name"] for level in content["levels"]] == [
        "Initial", "Repeatable", "Defined", "Managed", "Optimizing"]
    assert [level["level"] for level in content["levels"]] == [1, 2, 3, 4, 5]
    assert [stage["name"] for stage in content["stages"]] == [
        "Traditional", "Lead Generation", "Demand Generation", "Revenue Marketing"]
    for key in ("levels_source", "stages_source"):
        knowledge.source(content[key])


VAGUE = re.compile(r"^(poor|basic|good|very good|excellent|advanced|mature|immature|average)\.?$", re.I)


def test_every_anchor_names_evidence_not_an_adjective():
    for framework in model()["frameworks"]:
        for dimension in framework["dimensions"]:
            anchors = dimension["anchors"]
            assert len(anchors) == 5
            assert len(set(anchors)) == 5, dimension["id"]
            for anchor in anchors:
                assert not VAGUE.match(anchor.strip()), (dimension["id"], anchor)
                assert len(anchor.split()) >= 6, (dimension["id"], anchor)


def test_a_dimension_without_five_anchors_is_refused_by_the_schema():
    import copy

    import yaml
    from importlib import resources

    data = yaml.safe_load((resources.files("mopskit.content") / "operating-model.yaml").read_text("utf-8"))
    broken = copy.deepcopy(data)
    broken["frameworks"][0]["dimensions"][0]["anchors"].pop()
    with pytest.raises(InputError, match="anchors"):
        validate("operating-model", broken, file="operating-model.yaml")
    broken = copy.deepcopy(data)
    broken["frameworks"][0]["dimensions"][0]["weight"] = 0
    with pytest.raises(InputError, match="weight"):
        validate("operating-model", broken, file="operating-model.yaml")
