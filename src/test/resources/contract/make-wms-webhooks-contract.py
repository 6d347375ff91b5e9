#!/usr/bin/env python3
"""Builds trackstar-wms-webhooks.json (the test copy of the WMS webhooks' contract) from
shared/reference/trackstar-wms-openapi.json: the x-webhooks section and every schema it references, with two
documented amendments:

1. Each record schema gains trackstar_created_date and trackstar_updated_date (Trackstar 2026: every record carries
   them, and data is the record as the read API serves it).
2. previous_attributes of the *.updated envelopes is an open object: Trackstar's prose and examples key it by dot
   paths with indexes ("line_items.1.received_quantity"), which the S1 file's record schema (additionalProperties
   false) cannot hold. The tests check separately that each path starts with a field of the record's schema.

Usage: make-wms-webhooks-contract.py ../shared/reference/trackstar-wms-openapi.json > trackstar-wms-webhooks.json
"""
import json
import sys

spec = json.load(open(sys.argv[1]))
schemas = spec["components"]["schemas"]
hooks = spec["x-webhooks"]
keep = {}


def walk(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            name = ref.split("/")[-1]
            if name not in keep:
                keep[name] = schemas[name]
                walk(schemas[name])
        for v in node.values():
            walk(v)
    elif isinstance(node, list):
        for v in node:
            walk(v)


walk(hooks)
record_schemas = set()
for name, hook in hooks.items():
    envelope = hook["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    data = keep[envelope]["properties"]["data"].get("$ref")
    if data and name.split(".")[0] not in ("connection", "connection-error"):
        record_schemas.add(data.split("/")[-1])
    if name.endswith(".updated") and name.split(".")[0] not in ("connection-error",):
        keep[envelope] = json.loads(json.dumps(keep[envelope]))
        keep[envelope]["properties"]["previous_attributes"] = {
            "type": "object", "description": "Changed fields before the change, by dot path (test amendment 2)."}
for name in record_schemas:
    keep[name] = json.loads(json.dumps(keep[name]))
    for field in ("trackstar_created_date", "trackstar_updated_date"):
        keep[name]["properties"][field] = {"type": "string", "format": "date-time"}

out = {"openapi": "3.0.3", "info": {"title": "Trackstar WMS webhooks (test copy)", "version": "0.1.0"},
       "paths": {}, "x-webhooks": hooks, "components": {"schemas": dict(sorted(keep.items()))}}
json.dump(out, sys.stdout, indent=1)
