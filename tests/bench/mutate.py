#!/usr/bin/env python3
"""Make bad templates from good ones, one mistake each, to compare linters on errors nobody here wrote.

Reads the CloudFormation templates under the given folders (JSON, and YAML when
PyYAML is importable: run it with the peers' virtual environment of
parity.py, which has it), keeps those that hold resources, and writes for each
up to N copies as JSON, each with one seeded mistake of the kind people make:
a misspelt property, resource type, Ref, GetAtt attribute, condition, mapping
or DependsOn target; a property removed; a value of the wrong type, an enum
value or number out of range; a broken intrinsic function; a bad parameter
type, deletion policy or section. `MANIFEST.tsv` in the output folder names the
mistake of each file. Compare the linters on the result with parity.py:

    ~/.cache/awsls-bench/peers-venv/bin/python tests/bench/mutate.py \\
        ../shared/corpus/cfn-samples --out /tmp/mutants --per-template 3
    python3 tests/bench/parity.py /tmp/mutants --json /tmp/mutants.json
    python3 tests/bench/mutate.py --report /tmp/mutants.json --out /tmp/mutants

`--report` prints, per mistake, how many of cfn-lint's errors awsls and
cloudformation-validate report at the same line (within one).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

try:
    import yaml
except ImportError:  # JSON templates only
    yaml = None

SUFFIXES = {".json", ".yaml", ".yml", ".template"}


def load_yaml(text: str):
    """Loads CloudFormation YAML: short-form functions become their long form, dates stay text."""

    class Loader(yaml.SafeLoader):
        pass

    def construct(loader, suffix, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node) or ""  # `!GetAZs` alone is the empty string
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if suffix == "Ref" or suffix == "Condition":
            return {suffix: value}
        if suffix == "GetAtt" and isinstance(value, str):
            return {"Fn::GetAtt": value.split(".", 1)}
        return {"Fn::" + suffix: value}

    Loader.add_multi_constructor("!", construct)
    Loader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    return yaml.load(text, Loader=Loader)  # noqa: S506 (the loader is SafeLoader's)


def load(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if "Rain::" in text:  # Rain's directives are not CloudFormation
        return None
    if text.lstrip().startswith("{"):
        return json.loads(text)
    if yaml is None:
        return None
    return load_yaml(text)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word + "x"
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # drop one
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # double one


def resources(t):
    r = t.get("Resources")
    return r if isinstance(r, dict) else {}


def with_props(t):
    return [
        (name, r)
        for name, r in resources(t).items()
        if isinstance(r, dict) and isinstance(r.get("Properties"), dict) and r["Properties"]
    ]


def walk(value, path=()):
    """Every (container, key, value) under value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield value, k, v, path + (k,)
            yield from walk(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield value, i, v, path + (i,)
            yield from walk(v, path + (i,))


def intrinsic_sites(t, function):
    return [
        (c, k, v, p)
        for c, k, v, p in walk(t)
        if isinstance(v, dict) and len(v) == 1 and function in v
    ]


# Each mutation changes t in place and returns a description, or None when it has no site.


def m_property_typo(t, rng):
    sites = with_props(t)
    if not sites:
        return None
    name, r = rng.choice(sites)
    props = r["Properties"]
    key = rng.choice(list(props))
    props[typo(key, rng)] = props.pop(key)
    return f"Resources/{name}/Properties/{key}"


def m_property_removed(t, rng):
    sites = with_props(t)
    if not sites:
        return None
    name, r = rng.choice(sites)
    key = rng.choice(list(r["Properties"]))
    del r["Properties"][key]
    return f"Resources/{name}/Properties/{key}"


def m_resource_type_typo(t, rng):
    sites = [(n, r) for n, r in resources(t).items() if isinstance(r, dict) and isinstance(r.get("Type"), str)]
    sites = [(n, r) for n, r in sites if r["Type"].startswith("AWS::")]
    if not sites:
        return None
    name, r = rng.choice(sites)
    parts = r["Type"].split("::")
    parts[-1] = typo(parts[-1], rng)
    r["Type"] = "::".join(parts)
    return f"Resources/{name}/Type"


def m_ref_typo(t, rng):
    sites = [s for s in intrinsic_sites(t, "Ref") if isinstance(s[2]["Ref"], str) and not s[2]["Ref"].startswith("AWS::")]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    v["Ref"] = typo(v["Ref"], rng)
    return "/".join(map(str, p))


def m_getatt_attribute(t, rng):
    sites = [s for s in intrinsic_sites(t, "Fn::GetAtt") if isinstance(s[2]["Fn::GetAtt"], list) and len(s[2]["Fn::GetAtt"]) == 2 and isinstance(s[2]["Fn::GetAtt"][1], str)]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    v["Fn::GetAtt"][1] = typo(v["Fn::GetAtt"][1], rng)
    return "/".join(map(str, p))


def m_getatt_resource(t, rng):
    sites = [s for s in intrinsic_sites(t, "Fn::GetAtt") if isinstance(s[2]["Fn::GetAtt"], list) and s[2]["Fn::GetAtt"] and isinstance(s[2]["Fn::GetAtt"][0], str)]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    v["Fn::GetAtt"][0] = typo(v["Fn::GetAtt"][0], rng)
    return "/".join(map(str, p))


def m_sub_variable(t, rng):
    sites = [s for s in intrinsic_sites(t, "Fn::Sub") if isinstance(s[2]["Fn::Sub"], str) and "${" in s[2]["Fn::Sub"]]
    sites = [s for s in sites if any(not part.startswith("AWS::") for part in s[2]["Fn::Sub"].split("${")[1:])]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    text = v["Fn::Sub"]
    start = text.index("${") + 2
    end = text.find("}", start)
    if end < 0:
        return None
    v["Fn::Sub"] = text[:start] + typo(text[start:end], rng) + text[end:]
    return "/".join(map(str, p))


def m_condition_typo(t, rng):
    sites = [(n, r) for n, r in resources(t).items() if isinstance(r, dict) and isinstance(r.get("Condition"), str)]
    if not sites:
        sites2 = intrinsic_sites(t, "Fn::If")
        sites2 = [s for s in sites2 if isinstance(s[2]["Fn::If"], list) and s[2]["Fn::If"] and isinstance(s[2]["Fn::If"][0], str)]
        if not sites2:
            return None
        c, k, v, p = rng.choice(sites2)
        v["Fn::If"][0] = typo(v["Fn::If"][0], rng)
        return "/".join(map(str, p))
    name, r = rng.choice(sites)
    r["Condition"] = typo(r["Condition"], rng)
    return f"Resources/{name}/Condition"


def m_mapping_typo(t, rng):
    sites = [s for s in intrinsic_sites(t, "Fn::FindInMap") if isinstance(s[2]["Fn::FindInMap"], list) and s[2]["Fn::FindInMap"] and isinstance(s[2]["Fn::FindInMap"][0], str)]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    v["Fn::FindInMap"][0] = typo(v["Fn::FindInMap"][0], rng)
    return "/".join(map(str, p))


def m_depends_on(t, rng):
    sites = [(n, r) for n, r in resources(t).items() if isinstance(r, dict)]
    if len(sites) < 2:
        return None
    name, r = rng.choice(sites)
    other = rng.choice([n for n, _ in sites if n != name])
    r["DependsOn"] = typo(other, rng)
    return f"Resources/{name}/DependsOn"


def scalar_sites(t):
    out = []
    for name, r in with_props(t):
        for c, k, v, p in walk(r["Properties"]):
            if isinstance(v, (str, int, float, bool)) and not isinstance(c, list):
                out.append((c, k, v, (name,) + p))
    return out


def m_wrong_type(t, rng):
    sites = scalar_sites(t)
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    c[k] = rng.choice([{"Key": "Value"}, ["a", "b"]])
    return "Resources/" + "/".join(map(str, p))


def m_bad_scalar(t, rng):
    sites = scalar_sites(t)
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    if isinstance(v, bool) or v in ("true", "false", "True", "False"):
        c[k] = "yes please"
    elif isinstance(v, (int, float)) or (isinstance(v, str) and v.isdigit()):
        c[k] = rng.choice([-5, 99999999999, "many"])
    else:
        c[k] = rng.choice(["NOT_A_VALID_VALUE", "", "x" * 3000, "bad value with spaces!"])
    return "Resources/" + "/".join(map(str, p))


def m_function_shape(t, rng):
    functions = ["Fn::Join", "Fn::Select", "Fn::If", "Fn::Split", "Fn::FindInMap", "Fn::Sub", "Fn::GetAtt"]
    sites = [s for f in functions for s in intrinsic_sites(t, f)]
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    (name,) = v.keys()
    arg = v[name]
    if isinstance(arg, list) and len(arg) > 1:
        v[name] = arg[:-1]
    else:
        v[name] = {"Unexpected": arg}
    return "/".join(map(str, p))


def m_unknown_function(t, rng):
    sites = scalar_sites(t)
    if not sites:
        return None
    c, k, v, p = rng.choice(sites)
    c[k] = {rng.choice(["Fn::Concat", "Fn::GetAttribute", "Fn::Reference", "Fn::Substitute"]): v}
    return "Resources/" + "/".join(map(str, p))


def m_parameter(t, rng):
    params = t.get("Parameters")
    if not isinstance(params, dict) or not params:
        return None
    name = rng.choice(list(params))
    p = params[name]
    if not isinstance(p, dict):
        return None
    choice = rng.randrange(3)
    if choice == 0 and isinstance(p.get("Type"), str):
        p["Type"] = typo(p["Type"], rng)
        return f"Parameters/{name}/Type"
    if choice == 1 and isinstance(p.get("AllowedValues"), list) and "Default" in p:
        p["Default"] = "not-allowed-value"
        return f"Parameters/{name}/Default"
    p[rng.choice(["Defualt", "Descripton", "AllowedValue", "MinLenght"])] = "x"
    return f"Parameters/{name}"


def m_attribute(t, rng):
    sites = [(n, r) for n, r in resources(t).items() if isinstance(r, dict)]
    if not sites:
        return None
    name, r = rng.choice(sites)
    choice = rng.randrange(3)
    if choice == 0:
        r["DeletionPolicy"] = rng.choice(["Keep", "Remove", "Snapshots"])
        return f"Resources/{name}/DeletionPolicy"
    if choice == 1:
        r[rng.choice(["Dependson", "Metdata", "Condtion", "UpdatePolicies"])] = "x"
        return f"Resources/{name}"
    r.pop("Type", None)
    return f"Resources/{name}/Type"


def m_output(t, rng):
    outputs = t.get("Outputs")
    if not isinstance(outputs, dict) or not outputs:
        return None
    name = rng.choice(list(outputs))
    o = outputs[name]
    if not isinstance(o, dict):
        return None
    choice = rng.randrange(3)
    if choice == 0:
        o.pop("Value", None)
        return f"Outputs/{name}/Value"
    if choice == 1:
        o["Value"] = {"Ref": "NoSuchThing"}
        return f"Outputs/{name}/Value"
    o["Export"] = {"Nmae": "x"}
    return f"Outputs/{name}/Export"


def m_section(t, rng):
    choice = rng.randrange(3)
    if choice == 0:
        t[rng.choice(["Resource", "Output", "Paramters", "Condition"])] = {}
        return "/"
    if choice == 1:
        t["AWSTemplateFormatVersion"] = "2010-09-10"
        return "AWSTemplateFormatVersion"
    cond = t.get("Conditions")
    if isinstance(cond, dict) and cond:
        name = rng.choice(list(cond))
        cond[name] = {"Fn::Equals": ["a"]}
        return f"Conditions/{name}"
    return None


MUTATIONS = {
    "property-typo": m_property_typo,
    "property-removed": m_property_removed,
    "resource-type-typo": m_resource_type_typo,
    "ref-typo": m_ref_typo,
    "getatt-attribute-typo": m_getatt_attribute,
    "getatt-resource-typo": m_getatt_resource,
    "sub-variable-typo": m_sub_variable,
    "condition-typo": m_condition_typo,
    "mapping-typo": m_mapping_typo,
    "depends-on-typo": m_depends_on,
    "wrong-type": m_wrong_type,
    "bad-scalar": m_bad_scalar,
    "function-shape": m_function_shape,
    "unknown-function": m_unknown_function,
    "parameter": m_parameter,
    "resource-attribute": m_attribute,
    "output": m_output,
    "section": m_section,
}


def templates(paths):
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES)
        for f in files:
            if any(part.startswith(".") for part in f.relative_to(root).parts if root.is_dir()):
                continue
            try:
                t = load(f)
            except Exception:  # not a template this script can read
                continue
            if isinstance(t, dict) and resources(t) and not t.get("Transform"):
                for _, _, v, _ in walk(t):  # `Fn::GetAZs: null` in some samples: the mistake is not ours
                    if isinstance(v, dict) and "Fn::GetAZs" in v and v["Fn::GetAZs"] is None:
                        v["Fn::GetAZs"] = ""
                yield f, t


def generate(args) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    rows = []
    count = 0
    for path, template in templates(args.paths):
        if args.limit and count >= args.limit:
            break
        count += 1
        kinds = list(MUTATIONS)
        rng.shuffle(kinds)
        made = 0
        for kind in kinds:
            if made >= args.per_template:
                break
            t = copy.deepcopy(template)
            where = MUTATIONS[kind](t, rng)
            if where is None:
                continue
            made += 1
            stem = path.stem.replace(" ", "_")
            name = f"{count:04d}-{stem}-{kind}.json"
            (out / name).write_text(json.dumps(t, indent=2, default=str) + "\n")
            rows.append((name, str(path), kind, where))
    with open(out / "MANIFEST.tsv", "w") as f:
        f.write("file\tsource\tmistake\twhere\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} templates with one mistake each from {count} sources in {out}", file=sys.stderr)


def report(args) -> None:
    manifest = {}
    with open(Path(args.out) / "MANIFEST.tsv") as f:
        next(f)
        for line in f:
            name, _, kind, _ = line.rstrip("\n").split("\t")
            manifest[name] = kind
    data = json.load(open(args.report))
    per = defaultdict(lambda: [0, 0, 0, 0])
    per_rule = defaultdict(lambda: [0, 0])
    for finding in data.get("cfn_lint_findings", []):
        if finding.get("level") != "error":
            continue
        kind = manifest.get(Path(finding["file"]).name)
        if kind is None:
            continue
        row = per[kind]
        row[0] += 1
        row[1] += bool(finding.get("awsls_strict"))
        row[2] += bool(finding.get("awsls_at_line"))
        row[3] += bool(finding.get("validate_at_line"))
        rule = per_rule[finding["rule"]]
        rule[0] += 1
        rule[1] += bool(finding.get("awsls_at_line"))
    print("| mistake | cfn-lint errors | awsls strict | awsls loose | cloudformation-validate |")
    print("|---|--:|--:|--:|--:|")
    total = [0, 0, 0, 0]
    for kind, row in sorted(per.items()):
        total = [a + b for a, b in zip(total, row)]
        print(f"| {kind} | {row[0]} | {row[1]} | {row[2]} | {row[3]} |")
    pct = lambda n: f"{n} ({100 * n / max(total[0], 1):.0f}%)"  # noqa: E731
    print(f"| **all** | {total[0]} | {pct(total[1])} | {pct(total[2])} | {pct(total[3])} |")
    print()
    print("| cfn-lint rule | errors | awsls loose |")
    print("|---|--:|--:|")
    for rule, (n, found) in sorted(per_rule.items(), key=lambda x: -x[1][0]):
        print(f"| {rule} | {n} | {found} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="folders or files of good templates")
    parser.add_argument("--out", required=True, help="folder for the bad templates and MANIFEST.tsv")
    parser.add_argument("--per-template", type=int, default=2, help="bad copies of each template (default 2)")
    parser.add_argument("--limit", type=int, default=0, help="read at most this many templates")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--report", help="a parity.py --json result for --out: print recall per mistake")
    args = parser.parse_args()
    if args.report:
        report(args)
    else:
        if not args.paths:
            parser.error("give folders of templates, or --report")
        generate(args)


if __name__ == "__main__":
    main()
