#!/usr/bin/env python3
"""How `awsls check` compares with cfn-lint and cloudformation-validate on the same templates.

    python3 tests/bench/parity.py [PATH ...] [--awsls BIN] [--registry FILE] [--venv PATH]
                                  [--json OUT] [--only-errors]

It runs the three tools over the same templates, in the same run, and prints (as Markdown):

1. per cfn-lint rule id (errors first, then warnings): how many findings cfn-lint reports,
   how many of those awsls reports within one line with a code whose registry entry lists
   that rule id (strict), or with any code (loose), and how many cloudformation-validate
   reports within one line with the same rule number;
2. the headline: the share of cfn-lint's errors each of them finds;
3. the errors awsls reports where neither peer reports an error or a warning within one
   line, by awsls code, with examples;
4. the wall time of each tool over all the templates, and the ratios.

Paths default to ../shared/corpus/cfn-samples and ../shared/corpus/sam-patterns next to
the repository (those that exist). Templates are the .json, .yaml, .yml and .template files
(outside hidden folders) whose text holds `Resources` or `AWSTemplateFormatVersion`
(but not CodeDeploy AppSpec files, which start with `version: 0.0`).

The peers run from a virtual environment holding cfn-lint 1.58.0 and cloudformation-validate
1.14.0: `--venv PATH`, or one this script creates under ~/.cache/awsls-bench/peers-venv.
The mapping from awsls codes to cfn-lint rule ids is awsls's rule registry
(`awsls rules --format json`, or `--registry FILE`). Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import registry as registry_mod  # noqa: E402  (tests/bench/registry.py)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATHS = [REPO.parent / "shared/corpus/cfn-samples", REPO.parent / "shared/corpus/sam-patterns"]
DEFAULT_VENV = Path.home() / ".cache/awsls-bench/peers-venv"
PEERS = {"cfn-lint": "1.58.0", "cloudformation-validate": "1.14.0"}
TEMPLATE_SUFFIXES = {".json", ".yaml", ".yml", ".template"}
TEMPLATE_MARKERS = ("Resources", "AWSTemplateFormatVersion")
# CodeDeploy AppSpec files have `Resources` too; their `version` is always 0.0.
APPSPEC_VERSION = re.compile(r"^\s*[\"']?version[\"']?\s*:\s*[\"']?0\.0\b", re.MULTILINE)
LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}
CFN_LINT_LEVELS = {"Error": "error", "Warning": "warning", "Informational": "info"}
VALIDATE_LEVELS = {"FATAL": "error", "ERROR": "error", "WARN": "warning", "INFO": "info", "DEBUG": "info"}
EXAMPLES = 5
# How cfn-lint words a finding that is an exception raised inside one of its rules.
CFN_LINT_INTERNAL_ERROR = re.compile(r"^(Exception [\"'].*[\"'] raised while validating|Unknown exception while processing rule)")


@dataclass
class Finding:
    tool: str
    file: str  # real path
    line: int | None
    rule: str  # awsls code or rule id
    level: str  # error, warning or info
    message: str

    def to_json(self) -> dict:
        return {"file": relative(self.file), "line": self.line, "rule": self.rule, "level": self.level,
                "message": self.message}


@dataclass
class Run:
    findings: list[Finding] = field(default_factory=list)
    wall: float = 0.0  # seconds, over all processes
    processes: int = 0
    failed: list[dict] = field(default_factory=list)  # {"file", "reason"}: templates the tool could not check
    extra: dict = field(default_factory=dict)


def relative(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("../..") else rel


def norm(path: str | Path) -> str:
    return os.path.realpath(path)


# ---------------------------------------------------------------- templates

def looks_like_template(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(marker in text for marker in TEMPLATE_MARKERS) and not APPSPEC_VERSION.search(text)


def find_templates(paths: list[Path]) -> list[Path]:
    found: dict[str, Path] = {}
    for path in paths:
        if path.is_file():
            candidates = [path]
        else:
            candidates = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                candidates.extend(Path(root) / n for n in sorted(names))
        for candidate in candidates:
            if candidate.suffix.lower() in TEMPLATE_SUFFIXES and looks_like_template(candidate):
                found.setdefault(norm(candidate), candidate.resolve())
    return list(found.values())


# ---------------------------------------------------------------- peers' virtual environment

def venv_versions(venv: Path) -> dict[str, str] | None:
    python = venv / "bin/python"
    if not python.exists() or not (venv / "bin/cfn-lint").exists():
        return None
    code = ("import importlib.metadata as m, json; "
            f"print(json.dumps({{n: m.version(n) for n in {sorted(PEERS)!r}}}))")
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout)


def peers_venv(explicit: Path | None) -> tuple[Path, dict[str, str]]:
    venv = explicit or DEFAULT_VENV
    versions = venv_versions(venv)
    if versions == PEERS:
        return venv, versions
    if explicit is not None:
        if versions is None:
            raise SystemExit(f"{venv} has no cfn-lint and cloudformation-validate "
                             f"(pip install {' '.join(f'{n}=={v}' for n, v in PEERS.items())})")
        print(f"warning: {venv} holds {versions}, not the pinned {PEERS}", file=sys.stderr)
        return venv, versions
    print(f"installing {', '.join(f'{n} {v}' for n, v in PEERS.items())} into {venv} ...", file=sys.stderr)
    venv.parent.mkdir(parents=True, exist_ok=True)
    if not (venv / "bin/python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "--quiet",
                    *(f"{n}=={v}" for n, v in PEERS.items())], check=True)
    versions = venv_versions(venv)
    if versions is None:
        raise SystemExit(f"could not install the peers into {venv}")
    return venv, versions


# ---------------------------------------------------------------- awsls

def awsls_binary(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    built = REPO / "target/release/awsls"
    if not built.exists():
        print("building awsls (cargo build --release -p awsls) ...", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "-p", "awsls"], cwd=REPO, check=True)
    return built


def run_awsls(binary: Path, paths: list[Path], templates: set[str], timeout: float) -> Run:
    """One awsls process over the given folders and files; findings outside the templates are dropped."""
    command = [str(binary), "check", "--format", "json", *(str(p.resolve()) for p in paths)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, timeout=timeout)
    wall = time.perf_counter() - start
    try:
        items = json.loads(done.stdout)
    except json.JSONDecodeError as err:
        raise SystemExit(f"awsls printed no JSON (exit code {done.returncode}): {err}\n"
                         f"{done.stderr.decode(errors='replace')[:2000]}") from err
    run = Run(wall=wall, processes=1)
    for item in items:
        path = norm(item["file"])
        if path in templates:
            run.findings.append(Finding("awsls", path, int(item["line"]), item["code"],
                                        item["severity"], item["message"]))
    run.extra["findings_outside_templates"] = len(items) - len(run.findings)
    return run


def awsls_version(binary: Path) -> str:
    done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


# ---------------------------------------------------------------- cfn-lint

def cfn_lint_once(exe: Path, files: list[Path], timeout: float) -> tuple[list[dict] | None, float, str]:
    """One cfn-lint process over the files: its JSON items (None when it printed none), wall time, why not."""
    start = time.perf_counter()
    try:
        done = subprocess.run([str(exe), "--format", "json", "--", *map(str, files)],
                              capture_output=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - start, "timeout"
    wall = time.perf_counter() - start
    if done.returncode == 0 and not done.stdout.strip():
        return [], wall, ""
    try:
        items = json.loads(done.stdout)
    except json.JSONDecodeError:
        items = None
    if isinstance(items, list):
        return items, wall, ""
    return None, wall, f"exit code {done.returncode}, no JSON output"


def run_cfn_lint(venv: Path, files: list[Path], chunk: int, timeout: float) -> Run:
    """cfn-lint over the files, `chunk` files per process (`cfn-lint --format json -- FILE...`).
    A template that makes cfn-lint crash loses its whole batch's output: such a batch is
    split in halves until the crashing templates are found, then run again without them.
    The wall time counts the batches that gave the findings (full batches, minus crashing
    templates); `search_wall` is the time spent finding the crashing ones."""
    exe = venv / "bin/cfn-lint"
    run = Run()
    search_wall = 0.0
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    done_files = 0
    for batch in batches:
        items, wall, _ = cfn_lint_once(exe, batch, timeout)
        if items is None:
            search_wall += wall
            crashing: set[Path] = set()
            pending = [batch[:len(batch) // 2], batch[len(batch) // 2:]] if len(batch) > 1 else [batch]
            while pending:
                part = pending.pop(0)
                found, part_wall, reason = cfn_lint_once(exe, part, timeout)
                search_wall += part_wall
                if found is not None:
                    continue
                if len(part) > 1:
                    pending[:0] = [part[:len(part) // 2], part[len(part) // 2:]]
                else:
                    crashing.add(part[0])
                    run.failed.append({"file": norm(part[0]), "reason": reason})
            rest = [f for f in batch if f not in crashing]
            items, wall = [], 0.0
            if rest:
                items, wall, reason = cfn_lint_once(exe, rest, timeout)
                if items is None:
                    raise SystemExit(f"cfn-lint failed again on a batch without its crashing templates ({reason})")
        run.wall += wall
        run.processes += 1
        done_files += len(batch)
        for item in items:
            finding = Finding(
                "cfn-lint", norm(item["Filename"]), int(item["Location"]["Start"]["LineNumber"]),
                item["Rule"]["Id"], CFN_LINT_LEVELS.get(item["Level"], item["Level"].lower()), item["Message"])
            # cfn-lint reports its own exceptions as findings: they say nothing of the template.
            if CFN_LINT_INTERNAL_ERROR.match(finding.message):
                run.extra.setdefault("internal_errors", []).append(finding.to_json())
            else:
                run.findings.append(finding)
        print(f"  cfn-lint: {done_files}/{len(files)} templates, {run.wall:.0f} s "
              f"(+{search_wall:.0f} s finding {len(run.failed)} crashing templates)", file=sys.stderr)
    run.extra["search_wall"] = search_wall
    return run


# ---------------------------------------------------------------- cloudformation-validate

# Runs in the peers' venv: reads the list of files as JSON on stdin, builds one engine and
# validates every template with it, printing one JSON object per line as it goes (a line
# before each template, so that a crash of the process tells which template caused it).
VALIDATE_WORKER = r"""
import json, sys, time
t0 = time.perf_counter()
from cloudformation_validate import CelEngine
imported = time.perf_counter() - t0
files = json.load(sys.stdin)
t0 = time.perf_counter()
engine = CelEngine()
construct = time.perf_counter() - t0
print(json.dumps({"event": "engine", "import": imported, "construct": construct}), flush=True)
loop0 = time.perf_counter()
for path in files:
    print(json.dumps({"event": "start", "file": path}), flush=True)
    t0 = time.perf_counter()
    try:
        report = engine.validate_template(path)
        record = {"event": "done", "file": path, "status": report.status.name, "diagnostics": [
            {"rule_id": d.rule_id, "severity": d.severity.name, "line": d.start_line, "message": d.message}
            for d in report.diagnostics]}
    except Exception as err:
        record = {"event": "error", "file": path, "error": f"{type(err).__name__}: {err}"}
    record["seconds"] = time.perf_counter() - t0
    print(json.dumps(record), flush=True)
print(json.dumps({"event": "end", "loop": time.perf_counter() - loop0}), flush=True)
"""


def run_validate(venv: Path, files: list[Path], timeout: float) -> Run:
    """cloudformation-validate over the files in one process (a new one after a crash)."""
    run = Run()
    construct = imported = loop = 0.0
    statuses: Counter = Counter()
    pending = [str(f) for f in files]
    while pending:
        start = time.perf_counter()
        try:
            done = subprocess.run([str(venv / "bin/python"), "-c", VALIDATE_WORKER], input=json.dumps(pending).encode(),
                                  capture_output=True, check=False, timeout=timeout)
            out, rc = done.stdout, done.returncode
        except subprocess.TimeoutExpired as err:
            out, rc = err.stdout or b"", "timeout"
        run.wall += time.perf_counter() - start
        run.processes += 1
        finished: set[str] = set()
        current = None
        ended = False
        for line in out.decode(errors="replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            event = record.get("event")
            if event == "engine":
                construct += record["construct"]
                imported += record["import"]
            elif event == "start":
                current = record["file"]
            elif event == "done":
                finished.add(record["file"])
                statuses[record["status"]] += 1
                for d in record["diagnostics"]:
                    run.findings.append(Finding("cloudformation-validate", norm(record["file"]), d["line"],
                                                d["rule_id"], VALIDATE_LEVELS.get(d["severity"], "info"),
                                                d["message"]))
            elif event == "error":
                finished.add(record["file"])
                run.failed.append({"file": norm(record["file"]), "reason": record["error"]})
            elif event == "end":
                loop += record["loop"]
                ended = True
        if ended:
            break
        if current is None or current in finished:
            detail = done.stderr.decode(errors="replace")[-2000:] if rc != "timeout" else "timeout"
            raise SystemExit(f"cloudformation-validate stopped before its first template (exit code {rc}):\n{detail}")
        reason = "timeout" if rc == "timeout" else f"process died (exit code {rc})"
        run.failed.append({"file": norm(current), "reason": reason})
        finished.add(current)
        pending = [p for p in pending if p not in finished]
        print(f"  cloudformation-validate: {reason} on {current}; going on with {len(pending)} templates",
              file=sys.stderr)
    run.extra.update({"engine_construction": construct, "import": imported, "validation": loop,
                      "statuses": dict(statuses)})
    return run


# ---------------------------------------------------------------- comparison

class LineIndex:
    """The findings of one tool, by file and line."""

    def __init__(self, findings: list[Finding]):
        self.at: dict[tuple[str, int], list[Finding]] = defaultdict(list)
        for f in findings:
            if f.line is not None:
                self.at[(f.file, f.line)].append(f)

    def near(self, file: str, line: int | None, slack: int) -> list[Finding]:
        if line is None:
            return []
        return [f for n in range(line - slack, line + slack + 1) for f in self.at.get((file, n), ())]


def rule_number(rule_id: str) -> str:
    return rule_id[1:]


def compare(templates: list[str], awsls: Run, cfn: Run, validate: Run, registry: registry_mod.Registry,
            only_errors: bool, slack: int) -> dict:
    crashed = {f["file"] for f in cfn.failed}
    compared = set(templates) - crashed
    levels = {"error"} if only_errors else {"error", "warning", "info"}
    peer_levels = {"error"} if only_errors else {"error", "warning"}

    def keep(findings: list[Finding], allowed: set[str]) -> list[Finding]:
        return [f for f in findings if f.file in compared and f.level in allowed]

    a_all = keep(awsls.findings, levels)
    c_all = keep(cfn.findings, levels)
    v_all = keep(validate.findings, levels)
    a_index, v_index = LineIndex(a_all), LineIndex(v_all)
    a_codes_by_file: dict[str, set[str]] = defaultdict(set)
    for a in a_all:
        a_codes_by_file[a.file].add(a.rule)

    # 1. Every cfn-lint finding: does awsls (strict, loose) or cloudformation-validate report it?
    rules: dict[str, dict] = {}
    cfn_lint_findings: list[dict] = []
    for c in c_all:
        row = rules.setdefault(c.rule, {
            "rule": c.rule, "level": c.level, "cfn_lint": 0, "awsls_strict": 0, "awsls_loose": 0, "awsls_file": 0,
            "validate": 0, "validate_same_id": 0, "files": set(),
            "awsls_codes": sorted(registry.codes_for(c.rule)), "unmapped_codes_at_line": Counter(),
            "validate_ids": Counter(), "missed_examples": []})
        row["cfn_lint"] += 1
        row["files"].add(c.file)
        near_a = a_index.near(c.file, c.line, slack)
        strict = any(registry.covers(a.rule, c.rule) for a in near_a)
        row["awsls_strict"] += strict
        row["awsls_loose"] += bool(near_a)
        in_file = any(registry.covers(code, c.rule) for code in a_codes_by_file.get(c.file, ()))
        row["awsls_file"] += in_file
        if near_a and not strict:
            row["unmapped_codes_at_line"].update({a.rule for a in near_a})
        if not near_a and len(row["missed_examples"]) < EXAMPLES:
            row["missed_examples"].append(c.to_json())
        same_number = [v for v in v_index.near(c.file, c.line, slack) if rule_number(v.rule) == rule_number(c.rule)]
        row["validate"] += bool(same_number)
        row["validate_same_id"] += any(v.rule == c.rule for v in same_number)
        row["validate_ids"].update({v.rule for v in same_number})
        cfn_lint_findings.append({**c.to_json(), "awsls_strict": strict, "awsls_mapped_in_file": in_file,
                                  "awsls_at_line": sorted({a.rule for a in near_a}),
                                  "validate_at_line": sorted({v.rule for v in same_number})})
    per_rule = sorted(rules.values(), key=lambda r: (LEVEL_ORDER.get(r["level"], 3), -r["cfn_lint"], r["rule"]))
    for row in per_rule:
        row["files"] = len(row["files"])
        row["unmapped_codes_at_line"] = dict(row["unmapped_codes_at_line"].most_common())
        row["validate_ids"] = dict(row["validate_ids"].most_common())

    # 2. Headline: cfn-lint's errors.
    errors = [r for r in per_rule if r["level"] == "error"]
    total = sum(r["cfn_lint"] for r in errors)

    def share(key: str) -> dict:
        found = sum(r[key] for r in errors)
        return {"found": found, "of": total, "recall": found / total if total else None}

    # 3. awsls errors with no error (or warning) from either peer within `slack` lines.
    c_peer = LineIndex([f for f in cfn.findings if f.file in compared and f.level in peer_levels])
    v_peer = LineIndex([f for f in validate.findings if f.file in compared and f.level in peer_levels])
    by_code: dict[str, dict] = {}
    awsls_error_findings: list[dict] = []
    # cfn-lint's rule ids and lines per file, to tell the same problem reported at another line.
    c_rules_by_file: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for c in cfn.findings:
        if c.file in compared:
            c_rules_by_file[c.file].append((c.rule, c.line))
    for a in sorted((f for f in a_all if f.level == "error"), key=lambda f: (f.file, f.line or 0)):
        row = by_code.setdefault(a.rule, {"code": a.rule, "errors": 0, "cfn_lint_at_line": 0,
                                          "validate_at_line": 0, "no_peer_error": 0, "neither": 0,
                                          "neither_mapped_elsewhere": 0, "examples": [],
                                          "mapped_cfn_lint": registry.cfn_lint_ids(a.rule),
                                          "in_registry": a.rule in registry.entries})
        row["errors"] += 1
        near_c = c_peer.near(a.file, a.line, slack)
        near_v = v_peer.near(a.file, a.line, slack)
        awsls_error_findings.append({**a.to_json(), "cfn_lint_at_line": sorted({c.rule for c in near_c}),
                                     "validate_at_line": sorted({v.rule for v in near_v})})
        row["cfn_lint_at_line"] += bool(near_c)
        row["validate_at_line"] += bool(near_v)
        row["no_peer_error"] += not any(f.level == "error" for f in (*near_c, *near_v))
        mapped = set(registry.cfn_lint_ids(a.rule))
        elsewhere = sorted({f"{rule} at line {line}" for rule, line in c_rules_by_file.get(a.file, ()) if rule in mapped})
        awsls_error_findings[-1]["cfn_lint_mapped_in_file"] = elsewhere
        if not near_c and not near_v:
            row["neither"] += 1
            row["neither_mapped_elsewhere"] += bool(elsewhere)
            if len(row["examples"]) < EXAMPLES:
                row["examples"].append({**a.to_json(), "cfn_lint_mapped_in_file": elsewhere})
    awsls_errors = sorted(by_code.values(), key=lambda r: (-r["neither"], -r["errors"], r["code"]))
    awsls_error_total = sum(r["errors"] for r in awsls_errors)
    neither_total = sum(r["neither"] for r in awsls_errors)
    no_peer_error_total = sum(r["no_peer_error"] for r in awsls_errors)
    elsewhere_total = sum(r["neither_mapped_elsewhere"] for r in awsls_errors)

    return {
        "templates": len(templates),
        "compared": len(compared),
        "cfn_lint_could_not_check": [{"file": relative(f["file"]), "reason": f["reason"]} for f in cfn.failed],
        "validate_could_not_check": [{"file": relative(f["file"]), "reason": f["reason"]} for f in validate.failed],
        "cfn_lint_internal_errors": cfn.extra.get("internal_errors", []),
        "counts": {tool: Counter(f.level for f in findings)
                   for tool, findings in (("awsls", a_all), ("cfn-lint", c_all), ("cloudformation-validate", v_all))},
        "headline": {
            "cfn_lint_errors": total,
            "awsls_strict": share("awsls_strict"),
            "awsls_loose": share("awsls_loose"),
            "awsls_file": share("awsls_file"),
            "validate": share("validate"),
            "validate_same_id": share("validate_same_id"),
            "awsls_errors": awsls_error_total,
            "awsls_errors_neither_peer": neither_total,
            "awsls_errors_no_peer_error": no_peer_error_total,
            "awsls_errors_neither_peer_but_cfn_lint_mapped_rule_in_file": elsewhere_total,
        },
        "per_rule": per_rule,
        "awsls_errors_by_code": awsls_errors,
        "cfn_lint_findings": cfn_lint_findings,
        "awsls_error_findings": awsls_error_findings,
    }


# ---------------------------------------------------------------- output

def pct(found: int, of: int) -> str:
    return f"{100 * found / of:.0f}%" if of else "-"


def timing(awsls: Run, cfn: Run, validate: Run, templates: int) -> dict:
    v = validate.extra
    rows = {
        "awsls": awsls.wall,
        "cfn-lint": cfn.wall,
        "cloudformation-validate (process: start-up, import, engine, validation)": validate.wall,
        "cloudformation-validate (engine construction and validation)": v["engine_construction"] + v["validation"],
        "cloudformation-validate (validation only, engine built)": v["validation"],
    }
    return {
        "templates": templates,
        "wall_seconds": rows,
        "processes": {"awsls": awsls.processes, "cfn-lint": cfn.processes, "cloudformation-validate": validate.processes},
        "cfn_lint_crash_search_seconds": cfn.extra.get("search_wall", 0.0),
        "validate_engine_construction_seconds": v["engine_construction"],
        "validate_import_seconds": v["import"],
        "ratios_to_awsls": {name: (wall / awsls.wall if awsls.wall else None) for name, wall in rows.items()},
    }


def markdown(result: dict, times: dict, meta: dict) -> str:
    out: list[str] = []
    w = out.append
    head = result["headline"]
    w("# awsls, cfn-lint and cloudformation-validate on the same templates")
    w("")
    w(f"- Command: `{meta['command']}`")
    w(f"- Paths: {', '.join(f'`{p}`' for p in meta['paths'])}")
    w(f"- Tools: {meta['awsls_version']} (`{meta['awsls']}`), cfn-lint {meta['peers']['cfn-lint']}, "
      f"cloudformation-validate {meta['peers']['cloudformation-validate']} (venv `{meta['venv']}`)")
    w(f"- Rule registry: {meta['registry']} ({meta['registry_codes']} awsls codes, "
      f"{meta['registry_rule_ids']} cfn-lint rule ids)")
    w(f"- Templates: {result['templates']}; cfn-lint could not check {len(result['cfn_lint_could_not_check'])} "
      f"(left out of the comparison), cloudformation-validate could not check "
      f"{len(result['validate_could_not_check'])}; **{result['compared']} compared**")
    if result["cfn_lint_internal_errors"]:
        w(f"- cfn-lint reported {len(result['cfn_lint_internal_errors'])} exceptions raised inside its own rules "
          "as findings (\"Exception '...' raised while validating\"); they say nothing of the templates and "
          "are left out")
    w(f"- Findings compared ({'errors only' if meta['only_errors'] else 'all levels'}): " + "; ".join(
        f"{tool} " + ", ".join(f"{n} {lvl}" for lvl, n in sorted(c.items(), key=lambda x: LEVEL_ORDER.get(x[0], 3)))
        for tool, c in result["counts"].items()))
    w(f"- A finding is reported \"at the same line\" when the other tool's finding is at most {meta['slack']} "
      "line away. **awsls strict**: an awsls finding whose code's registry entry lists the cfn-lint rule id; "
      "**awsls loose**: any awsls finding; **awsls in file**: an awsls finding with a mapped code anywhere in "
      "the same template (the same problem reported at another line, or another instance of it); **validate**: a cloudformation-validate finding with the same rule "
      "number (it writes schema errors as `F3002` where cfn-lint writes `E3002`, and some rules with another "
      "letter, so the letter is ignored).")
    w("")
    w("## Headline: cfn-lint's errors found by the others")
    w("")
    w("| | found | of cfn-lint's errors | recall |")
    w("|---|--:|--:|--:|")
    for label, key in (("awsls, strict (mapped code)", "awsls_strict"), ("awsls, loose (any finding)", "awsls_loose"),
                       ("awsls, mapped code anywhere in the file", "awsls_file"),
                       ("cloudformation-validate (same rule number)", "validate"),
                       ("cloudformation-validate (same rule id, letter too)", "validate_same_id")):
        s = head[key]
        w(f"| {label} | {s['found']} | {s['of']} | {pct(s['found'], s['of'])} |")
    w("")
    if meta["only_errors"]:
        first = (f"awsls reports {head['awsls_errors']} errors; {head['awsls_errors_neither_peer']} of them have "
                 "no error from either peer at the same line")
    else:
        first = (f"awsls reports {head['awsls_errors']} errors; {head['awsls_errors_no_peer_error']} of them have "
                 f"no error from either peer at the same line, and {head['awsls_errors_neither_peer']} no error or "
                 "warning")
    w(f"{first} ({head['awsls_errors_neither_peer_but_cfn_lint_mapped_rule_in_file']} of those with a cfn-lint "
      "finding of a mapped rule elsewhere in the template).")
    w("")
    w("## Per cfn-lint rule")
    w("")
    w("| rule | level | cfn-lint | files | awsls strict | awsls loose | awsls in file | validate | "
      "awsls codes in the registry | other awsls codes at the line |")
    w("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
    for r in result["per_rule"]:
        n = r["cfn_lint"]
        codes = ", ".join(r["awsls_codes"]) or "-"
        other = ", ".join(f"{c} ({k})" for c, k in r["unmapped_codes_at_line"].items()) or ""
        w(f"| {r['rule']} | {r['level']} | {n} | {r['files']} | {r['awsls_strict']} ({pct(r['awsls_strict'], n)}) | "
          f"{r['awsls_loose']} ({pct(r['awsls_loose'], n)}) | {r['awsls_file']} ({pct(r['awsls_file'], n)}) | "
          f"{r['validate']} ({pct(r['validate'], n)}) | "
          f"{codes} | {other} |")
    w("")
    w("## awsls errors neither peer reports at that line")
    w("")
    w(f"Per awsls code: its errors, how many have a cfn-lint / cloudformation-validate "
      f"{'error' if meta['only_errors'] else 'error or warning'} at the same line (any rule), how many have "
      "no error from either peer there, how many have nothing from either (**neither**; examples below), and "
      "how many of those have a cfn-lint finding of a mapped rule elsewhere in the template (**elsewhere**: "
      "likely the same problem, reported at another line).")
    w("")
    w("| awsls code | errors | cfn-lint at line | validate at line | no peer error | neither | elsewhere | registry lists |")
    w("|---|--:|--:|--:|--:|--:|--:|---|")
    for r in result["awsls_errors_by_code"]:
        mapped = ", ".join(r["mapped_cfn_lint"]) or ("-" if r["in_registry"] else "(not in the registry)")
        w(f"| {r['code']} | {r['errors']} | {r['cfn_lint_at_line']} | {r['validate_at_line']} | "
          f"{r['no_peer_error']} | {r['neither']} | {r['neither_mapped_elsewhere']} | {mapped} |")
    for r in result["awsls_errors_by_code"]:
        if r["examples"]:
            w("")
            w(f"`{r['code']}` ({r['neither']}):")
            w("")
            for e in r["examples"]:
                note = f" (cfn-lint: {', '.join(e['cfn_lint_mapped_in_file'])})" if e["cfn_lint_mapped_in_file"] else ""
                w(f"- {e['file']}:{e['line']}: {e['message']}{note}")
    w("")
    w("## Wall time")
    w("")
    w(f"Over the {times['templates']} templates, measured in this run, one tool after the other.")
    w("")
    w("| tool | processes | wall (s) | ms per template | × awsls |")
    w("|---|--:|--:|--:|--:|")
    procs = times["processes"]
    for name, wall in times["wall_seconds"].items():
        tool = name.split(" (")[0]
        n = procs.get(tool, "") if "process" in name or tool != "cloudformation-validate" else ""
        ratio = times["ratios_to_awsls"][name]
        w(f"| {name} | {n} | {wall:.2f} | {1000 * wall / max(times['templates'], 1):.1f} | "
          f"{'-' if ratio is None else f'{ratio:.1f}'} |")
    if times["cfn_lint_crash_search_seconds"]:
        w("")
        w(f"cfn-lint's time is that of its batches without the templates that crash it; it leaves out the "
          f"{times['cfn_lint_crash_search_seconds']:.1f} s spent finding those (a batch with one aborts with no "
          "output, and is split in halves until it is found).")
    w("")
    w(f"cloudformation-validate: import {times['validate_import_seconds']:.2f} s, engine construction "
      f"{times['validate_engine_construction_seconds']:.2f} s.")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, help="folders or files of templates")
    parser.add_argument("--awsls", help="awsls binary (default: target/release/awsls, built if missing)")
    parser.add_argument("--registry", type=Path, metavar="FILE",
                        help="rule registry JSON (default: the output of `awsls rules --format json`)")
    parser.add_argument("--venv", type=Path, metavar="PATH",
                        help=f"virtual environment with the peers (default: {DEFAULT_VENV}, created when missing)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the full comparison as JSON to OUT")
    parser.add_argument("--only-errors", action="store_true",
                        help="compare error-level findings only (cfn-lint Error, validate FATAL/ERROR, awsls error)")
    parser.add_argument("--chunk", type=int, default=200, help="templates per cfn-lint process (default 200)")
    parser.add_argument("--slack", type=int, default=1, help="lines two findings may be apart (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per tool process (default 1800)")
    args = parser.parse_args()

    paths = args.paths or [p for p in DEFAULT_PATHS if p.exists()]
    if not paths:
        parser.error("no path given and the default corpus is not next to the repository")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.chunk < 1 or args.slack < 0:
        parser.error("--chunk must be at least 1 and --slack at least 0")

    binary = awsls_binary(args.awsls)
    try:
        registry = registry_mod.load(binary, args.registry)
    except registry_mod.RegistryError as err:
        raise SystemExit(str(err)) from err
    venv, versions = peers_venv(args.venv.resolve() if args.venv else None)

    template_paths = find_templates(paths)
    if not template_paths:
        raise SystemExit("no templates under the given paths")
    templates = [norm(p) for p in template_paths]
    print(f"{len(templates)} templates; running awsls ...", file=sys.stderr)
    awsls = run_awsls(binary, paths, set(templates), args.timeout)
    print(f"running cloudformation-validate ({awsls.wall:.2f} s for awsls) ...", file=sys.stderr)
    validate = run_validate(venv, template_paths, args.timeout)
    print(f"running cfn-lint ({validate.wall:.2f} s for cloudformation-validate) ...", file=sys.stderr)
    cfn = run_cfn_lint(venv, template_paths, args.chunk, args.timeout)

    result = compare(templates, awsls, cfn, validate, registry, args.only_errors, args.slack)
    times = timing(awsls, cfn, validate, len(templates))
    meta = {
        "command": " ".join(["python3", "tests/bench/parity.py", *sys.argv[1:]]),
        "paths": [relative(norm(p)) for p in paths],
        "awsls": relative(str(binary)),
        "awsls_version": awsls_version(binary),
        "venv": str(venv),
        "peers": versions,
        "registry": registry.source,
        "registry_codes": len(registry.entries),
        "registry_rule_ids": len(registry.by_cfn_lint),
        "only_errors": args.only_errors,
        "slack": args.slack,
    }
    sys.stdout.write(markdown(result, times, meta))
    if args.json:
        report = {"meta": meta, "timing": times, **result,
                  "awsls_findings_outside_templates": awsls.extra["findings_outside_templates"],
                  "validate_statuses": validate.extra["statuses"],
                  "findings": {name: [f.to_json() for f in run.findings]
                               for name, run in (("awsls", awsls), ("cfn-lint", cfn), ("cloudformation-validate", validate))}}
        args.json.write_text(json.dumps(report, indent=1, default=dict) + "\n")
        print(f"full comparison written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
