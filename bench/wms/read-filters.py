#!/usr/bin/env python3
"""Derives src/main/resources/wms/read-filters.json from Trackstar's reads OpenAPI (the test copy in
src/test/resources/contract/). The output is reviewed data: WmsReadFiltersTest derives the same table in Java and
fails when the two differ. Run: python3 bench/wms/read-filters.py > src/main/resources/wms/read-filters.json"""
import json
import re
import sys

SPEC = sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/contract/trackstar-wms-reads-openapi.json"
COMMON = {"page_token", "limit", "ids[in]"}
spec = json.load(open(SPEC))
paths = {}
for path, item in spec["paths"].items():
    params = [p for p in item["get"].get("parameters", []) if p["in"] == "query" and p["name"] not in COMMON]
    if not any(p["name"] == "page_token" for p in item["get"].get("parameters", [])):
        continue  # a single-item route
    fields = {}
    for p in params:
        m = re.fullmatch(r"([a-z_]+)(?:\[([a-z_-]+)\])?", p["name"])
        field, op = m.group(1), m.group(2) or ""
        schema = p["schema"]
        scalar = schema["items"] if schema.get("type") == "array" else schema
        kind = "date-time" if scalar.get("format") == "date-time" else scalar["type"]
        entry = fields.setdefault(field, {"type": kind, "operators": []})
        assert entry["type"] == kind, (path, p["name"])
        entry["operators"].append(op)
        if "enum" in scalar:
            assert entry.get("enum", scalar["enum"]) == scalar["enum"], (path, p["name"])
            entry["enum"] = scalar["enum"]
    paths[path] = fields
out = {
    "_comment": "The query filters of each list route of Trackstar's WMS read API, derived from "
                "trackstar-wms-reads-openapi.json by bench/wms/read-filters.py and checked against it by "
                "WmsReadFiltersTest. Operator \"\" is the bare parameter (field=value, meaning eq). page_token, limit "
                "and ids[in] are on every list, and so are trackstar_created_date and trackstar_updated_date (2026 "
                "docs), which the reference does not declare: dev.switchboard.wms.api.ReadFilters adds them.",
    "paths": paths,
}
json.dump(out, sys.stdout, indent=2)
sys.stdout.write("\n")
