"""The shape of every content file, written once: the loader checks each file against it
when it reads it, and the tests check the shipped files with the same definitions.

Schemas are JSON Schema (draft 2020-12) for the structure; rules a schema cannot express
(ids unique, references that resolve, sort order) are tests. Quiz banks are the one format
with their own loader (``mopskit.exercises.quiz.Quiz.from_dict``), whose friendly checks
are their schema.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from mopskit.errors import InputError

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SOURCE_ID = {"type": "string", "pattern": SLUG}
NULLABLE_TEXT = {"type": ["string", "null"], "minLength": 1}
TEXT = {"type": "string", "minLength": 1}


def _strict(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


SCHEMAS: dict[str, dict[str, Any]] = {
    "sources": {
        "type": "object",
        "propertyNames": {"pattern": SLUG},
        "additionalProperties": _strict(
            {
                "title": TEXT,
                "author": NULLABLE_TEXT,
                "publisher": NULLABLE_TEXT,
                "year": {"type": ["integer", "null"], "minimum": 1900, "maximum": 2100},
                "date": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"},
                "url": {"type": ["string", "null"], "pattern": "^https://"},
                "language": {"enum": ["en", "it", "ro"]},
                "seed": {"type": ["string", "null"], "pattern": "^00[0-9]$"},
            },
            required=["title", "author", "publisher", "year", "url", "language", "seed"],
        ),
    },
    "definitions": _strict(
        {
            "definitions": {
                "type": "array",
                "minItems": 3,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "organisation": TEXT,
                        "aliases": {"type": "array", "items": TEXT},
                        "text": TEXT,
                        "wording": {"enum": ["verbatim", "translated"]},
                        "focus": TEXT,
                        "source": SOURCE_ID,
                        "via": SOURCE_ID,
                    },
                    required=["id", "organisation", "aliases", "text", "wording", "focus",
                              "source"],
                ),
            }
        }
    ),
    "facts": _strict(
        {
            "figures": {
                "type": "array",
                "minItems": 1,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "claim": TEXT,
                        "low": {"type": "number", "minimum": 0},
                        "high": {"type": "number", "minimum": 0},
                        "unit": {"enum": ["share", "tools", "days"]},
                        "qualifier": {"enum": ["exactly", "range", "up-to", "more-than",
                                               "about"]},
                        "year": {"type": "integer"},
                        "note": TEXT,
                        "source": SOURCE_ID,
                        "via": SOURCE_ID,
                    },
                    required=["id", "claim", "low", "high", "unit", "qualifier", "source"],
                ),
            }
        }
    ),
    "pillars": _strict(
        {
            "source": SOURCE_ID,
            "via": SOURCE_ID,
            "pillars": {
                "type": "array",
                "minItems": 3,
                "maxItems": 3,
                "items": _strict({"id": {"enum": ["people", "process", "technology"]},
                                  "name": TEXT, "summary": TEXT}),
            },
            "duties": {
                "type": "array",
                "minItems": 1,
                "items": _strict({"id": {"type": "string", "pattern": SLUG}, "text": TEXT,
                                  "pillar": {"enum": ["people", "process", "technology"]}}),
            },
            "reasons": {
                "type": "array",
                "items": _strict({"id": {"type": "string", "pattern": SLUG}, "text": TEXT}),
            },
            "strategy_steps": {
                "type": "array",
                "minItems": 2,
                "items": _strict({"id": {"type": "string", "pattern": SLUG},
                                  "order": {"type": "integer", "minimum": 1}, "text": TEXT}),
            },
        }
    ),
    "glossary": _strict(
        {
            "terms": {
                "type": "array",
                "minItems": 1,
                "items": _strict(
                    {
                        "term": TEXT,
                        "definition": TEXT,
                        "see_also": {"type": "array", "items": TEXT},
                        "source": {"oneOf": [SOURCE_ID, {"type": "null"}]},
                    }
                ),
            }
        }
    ),
    "personas": _strict(
        {
            "source": SOURCE_ID,
            "axes": _strict(
                {
                    axis: _strict({"negative": TEXT, "positive": TEXT, "question": TEXT})
                    for axis in ("x", "y")
                }
            ),
            "quadrants": {
                "type": "array",
                "minItems": 4,
                "maxItems": 4,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "name": TEXT,
                        "x": {"enum": ["technology", "arts"]},
                        "y": {"enum": ["emotional", "rational"]},
                        "traits": TEXT,
                        "typical_work": TEXT,
                    }
                ),
            },
            "roles": {
                "type": "array",
                "minItems": 4,
                "maxItems": 4,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "name": TEXT,
                        "summary": TEXT,
                        "quadrant": {"type": "string", "pattern": SLUG},
                        "crosswalk": TEXT,
                    }
                ),
            },
            "scale": {
                "type": "array",
                "minItems": 5,
                "maxItems": 5,
                "items": _strict({"value": {"type": "integer", "minimum": 1, "maximum": 5},
                                  "label": TEXT}),
            },
            "statements": {
                "type": "array",
                "minItems": 8,
                "maxItems": 12,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "text": TEXT,
                        "axis": {"enum": ["x", "y"]},
                        "sign": {"enum": [-1, 1]},
                    }
                ),
            },
            "sample_team": {
                "type": "array",
                "minItems": 2,
                "items": _strict(
                    {
                        "title": TEXT,
                        "answers": {
                            "type": "object",
                            "propertyNames": {"pattern": SLUG},
                            "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5},
                        },
                    }
                ),
            },
        }
    ),
    "operating-model": _strict(
        {
            "levels_source": SOURCE_ID,
            "levels": {
                "type": "array",
                "minItems": 5,
                "maxItems": 5,
                "items": _strict({"level": {"type": "integer", "minimum": 1, "maximum": 5},
                                  "name": TEXT, "summary": TEXT}),
            },
            "stages_source": SOURCE_ID,
            "stages": {
                "type": "array",
                "minItems": 2,
                "items": _strict({"id": {"type": "string", "pattern": SLUG}, "name": TEXT, "summary": TEXT}),
            },
            "frameworks": {
                "type": "array",
                "minItems": 1,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "name": TEXT,
                        "summary": TEXT,
                        "source": SOURCE_ID,
                        "dimensions": {
                            "type": "array",
                            "minItems": 2,
                            "items": _strict(
                                {
                                    "id": {"type": "string", "pattern": SLUG},
                                    "name": TEXT,
                                    "description": TEXT,
                                    "weight": {"type": "number", "exclusiveMinimum": 0},
                                    "anchors": {"type": "array", "minItems": 5, "maxItems": 5, "items": TEXT},
                                }
                            ),
                        },
                    }
                ),
            },
            "crosswalk_note": TEXT,
            "crosswalk": {
                "type": "array",
                "minItems": 1,
                "items": _strict({"dimension": {"type": "string", "pattern": SLUG},
                                  "counterparts": {"type": "array", "minItems": 1,
                                                   "items": {"type": "string", "pattern": SLUG}}}),
            },
        },
        required=["levels_source", "levels", "stages_source", "stages", "frameworks"],
    ),
    "strategy": _strict(
        {
            "steps": {
                "type": "array",
                "minItems": 5,
                "maxItems": 5,
                "items": _strict({"id": {"type": "string", "pattern": SLUG}, "name": TEXT, "question": TEXT,
                                  "section": TEXT, "lesson": TEXT}),
            },
            "rubric": _strict(
                {
                    "levels": {"type": "array", "minItems": 2, "items": TEXT},
                    "criteria": {
                        "type": "array",
                        "minItems": 1,
                        "items": _strict({"id": {"type": "string", "pattern": SLUG},
                                          "step": {"type": "string", "pattern": SLUG},
                                          "criterion": TEXT,
                                          "levels": {"type": "array", "minItems": 2, "items": TEXT},
                                          "good": TEXT}),
                    },
                }
            ),
        }
    ),
    "modernization": _strict(
        {
            "source": SOURCE_ID,
            "pairs": {
                "type": "array",
                "minItems": 1,
                "items": _strict({"established": TEXT, "modernized": TEXT, "why": TEXT}),
            },
        }
    ),
    "martech-taxonomy": _strict(
        {
            "title": TEXT,
            "source": SOURCE_ID,
            "categories": {
                "type": "array",
                "minItems": 1,
                "items": _strict({"name": TEXT,
                                  "subcategories": {"type": "array", "minItems": 1, "uniqueItems": True,
                                                    "items": TEXT}}),
            },
        }
    ),
    "cast": _strict(
        {
            "companies": {
                "type": "array",
                "minItems": 1,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": SLUG},
                        "name": TEXT,
                        "what": TEXT,
                        "people": {"type": "integer", "minimum": 1},
                        "contracts": {"type": "integer", "minimum": 1},
                        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                        "fiscal_year_start_month": {"type": "integer", "minimum": 1, "maximum": 12},
                        "audit_date": {},
                    },
                    required=["id", "name", "what"],
                ),
            },
            "aurora": _strict(
                {
                    "average_deal": {"type": "integer", "minimum": 1},
                    "marketing_sourced_revenue": {"type": "integer", "minimum": 0},
                    "revenue_ask": {"type": "integer", "minimum": 0},
                    "inquiry_capacity": {"type": "integer", "minimum": 1},
                    "new_trade_revenue": {"type": "integer", "minimum": 0},
                    "plan_year_end": {},
                    "annual_licence_spend": {"type": "integer", "minimum": 0},
                }
            ),
            "people": {
                "type": "array",
                "minItems": 1,
                "items": _strict({"name": {"type": "string", "pattern": r"^\S+( \S+)+$"},
                                  "company": {"type": "string", "pattern": SLUG}, "role": TEXT, "team": TEXT,
                                  "mops": {"type": "boolean"}},
                                 required=["name", "company", "role", "team"]),
            },
        }
    ),
    "syllabus": _strict(
        {
            "levels": {
                "type": "array",
                "items": _strict({"name": {"enum": ["Foundations", "Practitioner", "Leader"]},
                                  "summary": TEXT}),
            },
            "lessons": {
                "type": "array",
                "minItems": 1,
                "items": _strict(
                    {
                        "id": {"type": "string", "pattern": "^[0-9]{2}$"},
                        "slug": {"type": "string", "pattern": SLUG},
                        "title": TEXT,
                        "level": {"enum": ["Foundations", "Practitioner", "Leader"]},
                        "minutes": {"type": "integer", "minimum": 1},
                        "pause": _strict({"after_section": {"type": "integer", "minimum": 1},
                                          "minutes": {"type": "integer", "minimum": 1}, "why": TEXT},
                                         required=["after_section", "minutes", "why"]),
                        "prerequisites": {"type": "array", "uniqueItems": True,
                                          "items": {"type": "string", "pattern": "^[0-9]{2}$"}},
                        "status": {"enum": ["available", "planned"]},
                        "summary": TEXT,
                        "sources": {"type": "array", "minItems": 1, "items": SOURCE_ID},
                        "objectives": {"type": "array", "minItems": 1, "items": TEXT},
                    },
                    required=["id", "slug", "title", "level", "minutes", "status", "summary"],
                ),
            },
        }
    ),
}


def validate(name: str, data: Any, *, file: str) -> None:
    """Raise ``InputError`` naming ``file`` and the place inside it when ``data`` breaks the
    schema of content ``name`` (content without a schema passes)."""
    schema = SCHEMAS.get(name)
    if schema is None:
        return
    import fastjsonschema  # compiles the schema to Python once; loads in milliseconds, not seconds

    try:
        _validator(name)(data)
    except fastjsonschema.JsonSchemaValueException as error:
        where = "".join(f"[{part}]" if str(part).isdigit() else f".{part}" for part in error.path[1:])
        message = error.message.removeprefix(error.name).strip() if error.name else error.message
        raise InputError(f"{where.lstrip('.') or 'the file'} {message}", file=file,
                         column=where.lstrip(".") or None) from None


@cache
def _validator(name: str) -> Callable[[Any], Any]:
    import fastjsonschema

    return fastjsonschema.compile(SCHEMAS[name])
