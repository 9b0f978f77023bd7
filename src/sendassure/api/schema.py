"""The API's OpenAPI 3 schema, built from the measure registry so it always lists every
registered measure."""

from __future__ import annotations

from sendassure.figures.registry import MEASURES, UNITS
from sendassure.kpis.periods import KEY_EXAMPLES

from .params import MAX_POINTS, SERIES_KINDS

VERSION = "1.0.0"
DATE = r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _param(name, description, schema, required=False):
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema}


def _error(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ok(description, schema):
    return {"description": description,
            "content": {"application/json": {"schema": schema}}}


def _operation(summary, description, parameters, ok, operation_id):
    return {"get": {
        "operationId": operation_id, "summary": summary, "description": description,
        "parameters": parameters,
        "responses": {"200": ok, "400": _error("A parameter is missing or not valid."),
                      "401": _error("No token, or a token that is not valid."),
                      "403": _error("The area is not one of yours, or your role may not.")},
    }}


def openapi() -> dict:
    measure = _param("measure", "A registered measure (its DfE name): see /api/v1/measures.",
                     {"type": "string", "enum": sorted(MEASURES)}, True)
    area = _param("area", "A 3-digit LA code, one of your areas.",
                  {"type": "string", "pattern": "^[0-9]{3}$"}, True)
    as_of = _param("as_of", "Figures as known on this date (default: the data's end). "
                   "Aggregate roles see month ends, review dates and the data's end only: "
                   "another date is moved back to the latest of those before it.",
                   {"type": "string", "format": "date", "pattern": DATE})
    breakdown = _param("breakdown", "One group of a breakdown, dimension=value, e.g. "
                       "sex=Male. Aggregate roles see breakdowns of complete calendar years "
                       "(and of dates, for measures taken at a date).",
                       {"type": "string", "pattern": "^[a-z_]+=.+$", "maxLength": 120})
    figure = {"$ref": "#/components/schemas/Figure"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "sendassure API", "version": VERSION,
                 "description": "Read-only figures of a local area's SEND partnership, "
                                "computed as DfE does and disclosure-controlled for "
                                "aggregate roles. Send Authorization: Bearer TOKEN (made "
                                "with `sendassure tokens add USER`). Each response with "
                                "figures carries the data's end in the X-Data-To header."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/measures": _operation(
                "Every registered measure", "Name, label, unit, polarity, numerator and "
                "denominator, family, period kind, breakdowns and definition.", [],
                _ok("The measures.", {"type": "array",
                                      "items": {"$ref": "#/components/schemas/Measure"}}),
                "listMeasures"),
            "/api/v1/figures": _operation(
                "One figure", "A measure for an area and a period (year=YYYY, or "
                f"period=KEY with a key such as {KEY_EXAMPLES}), as known on a date.",
                [measure, area,
                 _param("year", "A calendar year (give this or period).",
                        {"type": "string", "pattern": "^(199[0-9]|20[0-9]{2}|2100)$"}),
                 _param("period", "A period key (give this or year).",
                        {"type": "string", "maxLength": 16}), as_of, breakdown,
                 _param("withheld", "1: add what validation problems hold back from the "
                        "measure's family (Withheld).", {"type": "string", "enum": ["0", "1"]})],
                _ok("The figure.", figure), "getFigure"),
            "/api/v1/series": _operation(
                "A series of figures", f"A measure for every period of a kind from a date "
                f"to a date (at most {MAX_POINTS} points), each with its counts.",
                [measure, area,
                 _param("kind", "The kind of period.",
                        {"type": "string", "enum": list(SERIES_KINDS)}),
                 _param("from", "The first date.", {"type": "string", "format": "date",
                                                   "pattern": DATE}, True),
                 _param("to", "The last date.", {"type": "string", "format": "date",
                                                "pattern": DATE}, True),
                 as_of, breakdown],
                _ok("The series.", {"$ref": "#/components/schemas/Series"}), "getSeries"),
            "/api/v1/benchmarks": _operation(
                "Published benchmarks", "DfE's published values for the area, its region, "
                "England and its statistical neighbours' median, by year.",
                [measure, area], _ok("The benchmarks.",
                                     {"$ref": "#/components/schemas/Benchmarks"}),
                "getBenchmarks"),
            "/api/v1/plans": _operation(
                "Plan status", "Each improvement plan you may see: its next review, open "
                "evidence requests and each area's latest rating.", [],
                _ok("The plans.", {"type": "array",
                                   "items": {"$ref": "#/components/schemas/Plan"}}),
                "listPlans"),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": _schemas(),
        },
    }


def _number_or_symbol(description):
    return {"description": description, "nullable": True,
            "oneOf": [{"type": "number"}, {"type": "string", "enum": ["c", "x"]}]}


def _count_or_c():
    return {"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["c"]}]}


def _schemas() -> dict:
    text = {"type": "string"}
    nullable_text = {"type": "string", "nullable": True}
    return {
        "Error": {"type": "object", "required": ["error"],
                  "properties": {"error": text}},
        "Figure": {
            "type": "object", "additionalProperties": False,
            "required": ["measure", "area", "period", "as_of", "value", "numerator",
                         "denominator", "status"],
            "properties": {
                "measure": text, "area": text, "period": text,
                "as_of": {"type": "string", "format": "date"},
                "value": _number_or_symbol("null: no value; c: controlled; x: not available"),
                "numerator": _number_or_symbol("of a percentage; null if none"),
                "denominator": _number_or_symbol("of a percentage or mean; null if none"),
                "status": {"type": "string", "enum": ["final", "partial", "no_data"]},
                "withheld": {"$ref": "#/components/schemas/Withheld"},
            },
        },
        "Withheld": {
            "type": "object", "additionalProperties": False,
            "description": "Records a validation problem holds back from this measure's "
                           "family, across all the records held (not one period): stored "
                           "requests barred from it, and records quarantined whole by the "
                           "latest return, in total and by rule code. c: 1 to 4, controlled.",
            "required": ["excluded", "quarantined", "excluded_by_rule", "quarantined_by_rule"],
            "properties": {
                "excluded": _count_or_c(), "quarantined": _count_or_c(),
                "excluded_by_rule": {"type": "object", "additionalProperties": _count_or_c()},
                "quarantined_by_rule": {"type": "object",
                                        "additionalProperties": _count_or_c()},
            },
        },
        "Series": {"type": "object", "required": ["measure", "area", "as_of", "points"],
                   "properties": {"measure": text, "area": text,
                                  "as_of": {"type": "string", "format": "date"},
                                  "points": {"type": "array",
                                             "items": {"$ref": "#/components/schemas/Figure"}}}},
        "Measure": {"type": "object",
                    "required": ["name", "label", "unit", "polarity", "family", "definition"],
                    "properties": {"name": text, "label": text,
                                   "unit": {"type": "string",
                                            "enum": list(UNITS)},
                                   "polarity": {"type": "string",
                                                "enum": ["up", "down", "neither"]},
                                   "numerator": nullable_text, "denominator": nullable_text,
                                   "family": text, "stream": text, "period_kind": text,
                                   "breakdowns": {"type": "array", "items": text},
                                   "definition": text}},
        "Benchmarks": {"type": "object", "required": ["measure", "area", "values"],
                       "properties": {"measure": text, "area": text, "values": {
                           "type": "array", "items": {"type": "object", "properties": {
                               "year": text, "group": text,
                               "value": {"type": "number", "nullable": True}}}}}},
        "Plan": {"type": "object", "required": ["id", "title", "la", "areas"],
                 "properties": {"id": {"type": "integer"}, "title": text, "la": text,
                                "next_review": nullable_text,
                                "open_evidence_requests": {"type": "integer"},
                                "areas": {"type": "array", "items": {
                                    "type": "object", "properties": {
                                        "number": {"type": "integer"}, "title": text,
                                        "rating": nullable_text,
                                        "rated_at_review": nullable_text}}}}},
    }
