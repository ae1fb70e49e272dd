#!/usr/bin/env python3
"""Compare the findings of `awsls check` with those of cfn-lint over folders of templates.

For each template it counts the errors each tool reports, pairs them up by rule
(an awsls code whose entry in awsls's rule registry lists the cfn-lint rule id) and
line (within one line of each other), and lists what only one of the tools reports.
It also measures the wall time and peak memory of both tools.

    python3 tests/bench/compare-findings.py [FOLDER ...]
        [--cfn-lint-results FILE ...] [--run-cfn-lint] [--awsls BIN] [--registry FILE] [--json OUT]

The registry is the output of `awsls rules --format json`, or FILE (see registry.py).
tests/bench/parity.py also compares with cloudformation-validate.

Without folders it uses ../shared/corpus/cfn-samples and ../shared/corpus/sam-patterns
next to the repository, with the precomputed cfn-lint results beside them when they
exist. `--run-cfn-lint` runs cfn-lint 1.58.0 itself, from a virtual environment it
creates under ~/.cache/awsls-bench/cfnlint-venv. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import registry as registry_mod  # noqa: E402  (tests/bench/registry.py)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FOLDERS = [REPO.parent / "shared/corpus/cfn-samples", REPO.parent / "shared/corpus/sam-patterns"]
DEFAULT_RESULTS = REPO.parent / "shared/corpus/cfn-lint-1.58.0-results"
CFN_LINT_VERSION = "1.58.0"
VENV = Path.home() / ".cache/awsls-bench/cfnlint-venv"
TEMPLATE_SUFFIXES = {".json", ".yaml", ".yml", ".template"}
LINE_SLACK = 1

# Rule families come from awsls's rule registry (`awsls rules --format json`, or
# `--registry FILE`; see registry.py): a cfn-lint finding's family is its rule id, an awsls
# finding's families are the cfn-lint rule ids its code's registry entry lists (the first
# one names it in the summaries), or `awsls:CODE` when the entry lists none. A cfn-lint
# finding and an awsls finding can be paired when they share a family.
REGISTRY: registry_mod.Registry | None = None
AWSLS_ONLY_PREFIX = "awsls:"


def cfn_lint_families(rule_id: str) -> list[str]:
    return [rule_id]


def awsls_families(code: str) -> list[str]:
    ids = REGISTRY.cfn_lint_ids(code) if REGISTRY is not None else []
    return ids or [AWSLS_ONLY_PREFIX + code]


def family_order(name: str) -> tuple:
    """cfn-lint rule ids first (errors, warnings, informational, by number), then awsls codes."""
    if name.startswith(AWSLS_ONLY_PREFIX):
        return (1, 0, name)
    return (0, "EWI".find(name[:1]) % 4, name)


@dataclass
class Finding:
    tool: str
    file: str
    line: int
    rule: str
    level: str  # "error", "warning" or "info"
    message: str
    families: list[str] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.families[0]

    def to_json(self) -> dict:
        return {"file": self.file, "line": self.line, "rule": self.rule, "level": self.level,
                "family": self.family, "message": self.message}


@dataclass
class Measure:
    wall: float = 0.0
    max_rss_kb: int = 0
    runs: int = 0
    # For cfn-lint: runs aborted by a crash (a crash on one template loses the output
    # of its whole batch), and the pass that searched for the crashing templates.
    aborted: int = 0
    search_wall: float = 0.0
    search_runs: int = 0
    # For awsls: the wall time of each repeated run (`wall` is their median).
    walls: list[float] = field(default_factory=list)

    def add(self, wall: float, rss: int) -> None:
        self.wall += wall
        self.max_rss_kb = max(self.max_rss_kb, rss)
        self.runs += 1


# A fresh interpreter runs the measured command, so that RUSAGE_CHILDREN covers that
# command alone (and not, say, a cargo build run earlier by this script).
MEASURE_WRAPPER = r"""
import json, resource, subprocess, sys, time
out_path, timeout, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
start = time.perf_counter()
with open(out_path, "wb") as out:
    try:
        rc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        rc = "timeout"
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "max_rss_kb": rss, "rc": rc}))
"""


def measured_run(cmd: list[str], timeout: float) -> tuple[bytes, dict]:
    """Runs cmd, returning its stdout and {wall, max_rss_kb, rc}."""
    with tempfile.NamedTemporaryFile(prefix="awsls-bench-", delete=False) as tmp:
        out_path = tmp.name
    try:
        done = subprocess.run([sys.executable, "-c", MEASURE_WRAPPER, out_path, str(timeout), *cmd],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"could not run {cmd[0]}: {done.stderr.strip()}")
        stats = json.loads(done.stdout)
        return Path(out_path).read_bytes(), stats
    finally:
        os.unlink(out_path)


def norm(path: str | Path) -> str:
    return os.path.realpath(path)


def template_files(folders: list[Path]) -> list[Path]:
    files = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
            continue
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            files.extend(Path(root) / n for n in sorted(names) if Path(n).suffix.lower() in TEMPLATE_SUFFIXES)
    return files


# ---------------------------------------------------------------- awsls

def awsls_binary(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    built = REPO / "target/release/awsls"
    if not built.exists():
        print("building awsls (cargo build --release -p awsls) ...", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "-p", "awsls"], cwd=REPO, check=True)
    return built


def run_awsls(binary: Path, folders: list[Path], timeout: float, repeat: int) -> tuple[list[Finding], Measure]:
    """Runs awsls `repeat` times; the findings are the first run's, the time the median."""
    measure = Measure()
    items = None
    for _ in range(repeat):
        out, stats = measured_run([str(binary), "check", "--format", "json", *map(str, folders)], timeout)
        if stats["rc"] == "timeout":
            raise SystemExit(f"awsls did not finish within {timeout:.0f} s")
        if items is None:
            try:
                items = json.loads(out)
            except json.JSONDecodeError as err:
                raise SystemExit(f"awsls printed no JSON (exit code {stats['rc']}): {err}") from err
        measure.walls.append(stats["wall"])
        measure.max_rss_kb = max(measure.max_rss_kb, stats["max_rss_kb"])
    measure.runs = 1
    measure.wall = statistics.median(measure.walls)
    findings = [Finding("awsls", norm(i["file"]), int(i["line"]), i["code"], i["severity"], i["message"],
                        awsls_families(i["code"])) for i in items]
    return findings, measure


# ---------------------------------------------------------------- cfn-lint

LEVELS = {"Error": "error", "Warning": "warning", "Informational": "info"}


def cfn_lint_finding(item: dict, base: Path) -> Finding:
    name = Path(item["Filename"])
    path = name if name.is_absolute() else base / name
    rule = item["Rule"]["Id"]
    return Finding("cfn-lint", norm(path), int(item["Location"]["Start"]["LineNumber"]), rule,
                   LEVELS.get(item["Level"], item["Level"].lower()), item["Message"], cfn_lint_families(rule))


def results_base(results_file: Path, items: list[dict]) -> Path:
    """The folder the result's relative file names start from: the working directory,
    or the results file's folder or one of its parents."""
    names = [i["Filename"] for i in items[:20] if not Path(i["Filename"]).is_absolute()]
    candidates = [Path.cwd(), *results_file.resolve().parents]
    for base in candidates:
        if all((base / n).exists() for n in names):
            return base
    return Path.cwd()


def load_cfn_lint_results(paths: list[Path]) -> tuple[list[Finding], list[dict]]:
    findings: list[Finding] = []
    crashes: list[dict] = []
    for path in paths:
        try:
            items = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as err:
            raise SystemExit(f"cannot read cfn-lint results {path}: {err}") from err
        if not isinstance(items, list):
            raise SystemExit(f"{path}: expected a JSON array as printed by cfn-lint --format json")
        results = [i for i in items if isinstance(i, dict) and "Rule" in i]
        base = results_base(path, results)
        findings.extend(cfn_lint_finding(i, base) for i in results)
        # A list of {"file": ..., "exception": ...} records templates cfn-lint could not check.
        for item in items:
            if isinstance(item, dict) and "file" in item and "Rule" not in item:
                crash_base = results_base(path, [{"Filename": item["file"]}])
                crashes.append({"file": norm(crash_base / item["file"]), "reason": item.get("exception", "")})
    return findings, crashes


def cfn_lint_venv() -> Path:
    exe = VENV / "bin/cfn-lint"
    if exe.exists():
        return exe
    print(f"installing cfn-lint=={CFN_LINT_VERSION} into {VENV} ...", file=sys.stderr)
    VENV.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin/pip"), "install", "--quiet", f"cfn-lint=={CFN_LINT_VERSION}"], check=True)
    return exe


def cfn_lint_pass(exe: Path, files: list[Path], chunk: int, timeout: float) -> tuple[list[Finding], list[dict], Measure]:
    """Runs cfn-lint over the files, `chunk` files per process. cfn-lint aborts the whole
    run when one template makes it crash; such a chunk is split in halves until the
    template is found."""
    findings: list[Finding] = []
    crashes: list[dict] = []
    measure = Measure()
    pending = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    while pending:
        part = pending.pop(0)
        out, stats = measured_run([str(exe), "--format", "json", "--", *map(str, part)], timeout)
        measure.add(stats["wall"], stats["max_rss_kb"])
        items = None
        if stats["rc"] == 0 and not out.strip():
            items = []
        elif stats["rc"] != "timeout":
            try:
                items = json.loads(out)
            except json.JSONDecodeError:
                items = None
        if isinstance(items, list):
            findings.extend(cfn_lint_finding(i, Path.cwd()) for i in items)
            continue
        measure.aborted += 1
        if len(part) > 1:
            half = len(part) // 2
            pending[:0] = [part[:half], part[half:]]
        else:
            reason = "timeout" if stats["rc"] == "timeout" else f"exit code {stats['rc']}, no JSON output"
            crashes.append({"file": norm(part[0]), "reason": reason})
    return findings, crashes, measure


def run_cfn_lint(files: list[Path], chunk: int, timeout: float) -> tuple[list[Finding], list[dict], Measure]:
    """Runs cfn-lint over the files. When some templates crash it, the batches split to
    find them distort the time, so a second pass over the other templates, in full
    batches, gives the findings and the time."""
    exe = cfn_lint_venv()
    findings, crashes, measure = cfn_lint_pass(exe, files, chunk, timeout)
    if not crashes:
        return findings, crashes, measure
    crashed = {c["file"] for c in crashes}
    rest = [f for f in files if norm(f) not in crashed]
    print(f"cfn-lint crashed on {len(crashes)} templates; timing it again without them ...", file=sys.stderr)
    again, new_crashes, timed = cfn_lint_pass(exe, rest, chunk, timeout)
    if new_crashes:
        return findings, crashes, measure
    timed.search_wall = measure.wall
    timed.search_runs = measure.runs
    return again, crashes, timed


# ---------------------------------------------------------------- comparison

def pair(awsls: list[Finding], cfn: list[Finding]) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    """Pairs findings of one file: same family, lines at most LINE_SLACK apart, closest first."""
    candidates = []
    for i, a in enumerate(awsls):
        for j, c in enumerate(cfn):
            distance = abs(a.line - c.line)
            if distance <= LINE_SLACK and set(a.families) & set(c.families):
                candidates.append((distance, i, j))
    used_a, used_c, pairs = set(), set(), []
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_c:
            used_a.add(i)
            used_c.add(j)
            pairs.append((awsls[i], cfn[j]))
    only_a = [a for i, a in enumerate(awsls) if i not in used_a]
    only_c = [c for j, c in enumerate(cfn) if j not in used_c]
    return pairs, only_a, only_c


@dataclass
class Counts:
    awsls: int = 0
    cfn_lint: int = 0
    matched: int = 0
    awsls_only: int = 0
    cfn_lint_only: int = 0

    def add(self, other: "Counts") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def compare(files: list[str], awsls: list[Finding], cfn: list[Finding], levels: set[str]) -> dict:
    by_file: dict[str, tuple[list[Finding], list[Finding]]] = {f: ([], []) for f in files}
    for f in awsls:
        if f.level in levels and f.file in by_file:
            by_file[f.file][0].append(f)
    for f in cfn:
        if f.level in levels and f.file in by_file:
            by_file[f.file][1].append(f)
    per_file: dict[str, Counts] = {}
    per_family: dict[str, Counts] = {}
    total = Counts()
    details: dict[str, dict] = {}

    def family(name: str) -> Counts:
        return per_family.setdefault(name, Counts())

    for name, (a_list, c_list) in by_file.items():
        pairs, only_a, only_c = pair(a_list, c_list)
        counts = Counts(len(a_list), len(c_list), len(pairs), len(only_a), len(only_c))
        per_file[name] = counts
        total.add(counts)
        for a, c in pairs:
            family(c.family).matched += 1
            family(c.family).awsls += 1
            family(c.family).cfn_lint += 1
        for a in only_a:
            family(a.family).awsls += 1
            family(a.family).awsls_only += 1
        for c in only_c:
            family(c.family).cfn_lint += 1
            family(c.family).cfn_lint_only += 1
        if a_list or c_list:
            details[name] = {
                "counts": vars(counts),
                "matched": [{"awsls": a.to_json(), "cfn_lint": c.to_json()} for a, c in pairs],
                "awsls_only": [a.to_json() for a in only_a],
                "cfn_lint_only": [c.to_json() for c in only_c],
            }
    return {"total": total, "per_file": per_file, "per_family": per_family, "details": details}


# ---------------------------------------------------------------- output

COLUMNS = ["awsls", "cfn-lint", "matched", "awsls-only", "cfn-lint-only"]


def row(label: str, c: Counts, width: int) -> str:
    values = [c.awsls, c.cfn_lint, c.matched, c.awsls_only, c.cfn_lint_only]
    return f"{label:<{width}} " + " ".join(f"{v:>13}" for v in values)


def header(label: str, width: int) -> str:
    return f"{label:<{width}} " + " ".join(f"{c:>13}" for c in COLUMNS)


def relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def print_report(result_errors: dict, result_all: dict, files: list[str], measures: dict,
                 crashes: list[dict], all_templates: bool) -> None:
    width = max([40, *(len(relative(f)) for f in files)])
    print(f"Errors per template ({'all' if all_templates else 'templates with an error from either tool'}):")
    print(header("template", width))
    for name in files:
        c = result_errors["per_file"][name]
        if all_templates or c.awsls or c.cfn_lint:
            print(row(relative(name), c, width))
    print()
    print(f"Templates: {len(files)}; cfn-lint could not check {len(crashes)}")
    for title, result in (("Errors", result_errors), ("Errors and warnings", result_all)):
        print()
        print(f"{title} by rule (a cfn-lint rule id, or awsls:CODE for awsls codes the registry maps to none;")
        print(f"a pair is a cfn-lint finding and an awsls finding whose code lists its rule, lines at most {LINE_SLACK} apart):")
        label = max([24, *(len(n) for n in result["per_family"])])
        print(header("rule", label))
        for name in sorted(result["per_family"], key=family_order):
            print(row(name, result["per_family"][name], label))
        print(row("total", result["total"], label))
    print()
    print("Time and memory:")
    for tool, m in measures.items():
        if m is None:
            print(f"  {tool:<9} not run (precomputed results)")
        else:
            print(f"  {tool:<9} wall {m.wall:8.2f} s   peak RSS {m.max_rss_kb / 1024:8.1f} MiB   processes {m.runs}")
            if len(m.walls) > 1:
                print(f"  {'':<9} median of {len(m.walls)} runs: " + ", ".join(f"{w:.2f}" for w in m.walls) + " s")
            if m.search_runs:
                print(f"  {'':<9} without the templates that crash it; finding those took "
                      f"{m.search_runs} more runs and {m.search_wall:.2f} s")
            elif m.aborted:
                print(f"  {'':<9} {m.aborted} runs aborted by a crash")
    a, c = measures.get("awsls"), measures.get("cfn-lint")
    if a and c and a.wall > 0 and a.max_rss_kb > 0:
        print(f"  cfn-lint / awsls: wall x{c.wall / a.wall:.1f}, peak RSS x{c.max_rss_kb / a.max_rss_kb:.1f}")


def to_json(result_errors: dict, result_all: dict, files: list[str], measures: dict,
            crashes: list[dict], command: list[str]) -> dict:
    def counts(result: dict) -> dict:
        return {"total": vars(result["total"]),
                "per_family": {k: vars(v) for k, v in result["per_family"].items()},
                "per_file": {relative(k): vars(v) for k, v in result["per_file"].items()},
                "details": {relative(k): v for k, v in result["details"].items()}}

    return {
        "command": command,
        "templates": len(files),
        "cfn_lint_could_not_check": [{"file": relative(c["file"]), "reason": c["reason"]} for c in crashes],
        "registry": {"source": REGISTRY.source if REGISTRY else None,
                     "cfn_lint_by_code": {c: REGISTRY.cfn_lint_ids(c) for c in sorted(REGISTRY.entries)}
                     if REGISTRY else {}},
        "timing": {k: (vars(v) if v else None) for k, v in measures.items()},
        "errors": counts(result_errors),
        "errors_and_warnings": counts(result_all),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders (or files) of templates")
    parser.add_argument("--cfn-lint-results", nargs="+", type=Path, metavar="FILE",
                        help="cfn-lint --format json output to compare with (relative file names are "
                             "resolved from the working directory or the results file's folder and its parents)")
    parser.add_argument("--run-cfn-lint", action="store_true",
                        help=f"run cfn-lint {CFN_LINT_VERSION} (installed into {VENV}) instead of reading results")
    parser.add_argument("--awsls", help="awsls binary (default: target/release/awsls, built if missing)")
    parser.add_argument("--registry", type=Path, metavar="FILE",
                        help="rule registry JSON (default: the output of `awsls rules --format json`)")
    parser.add_argument("--chunk", type=int, default=200, help="templates per cfn-lint process (default 200)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per tool run (default 900)")
    parser.add_argument("--repeat", type=int, default=3, help="awsls runs to take the median time of (default 3)")
    parser.add_argument("--all-templates", action="store_true", help="list templates without errors too")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the full comparison to OUT")
    args = parser.parse_args()

    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.exists()]
    if not folders:
        parser.error("no folder given and the default corpus is not next to the repository")
    missing = [str(f) for f in folders if not f.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    if args.chunk < 1 or args.repeat < 1:
        parser.error("--chunk and --repeat must be at least 1")

    paths = template_files(folders)
    files = [norm(p) for p in paths]
    global REGISTRY
    binary = awsls_binary(args.awsls)
    try:
        REGISTRY = registry_mod.load(binary, args.registry)
    except registry_mod.RegistryError as err:
        raise SystemExit(str(err)) from err
    awsls, awsls_measure = run_awsls(binary, folders, args.timeout, args.repeat)

    cfn_measure = None
    if args.run_cfn_lint:
        cfn, crashes, cfn_measure = run_cfn_lint(paths, args.chunk, args.timeout)
    else:
        results = args.cfn_lint_results
        if not results and not args.folders and DEFAULT_RESULTS.exists():
            results = sorted(DEFAULT_RESULTS.glob("*.json"))
        if not results:
            parser.error("give --cfn-lint-results FILE ... or --run-cfn-lint")
        cfn, crashes = load_cfn_lint_results(results)
    known = set(files)
    crashes = [c for c in crashes if c["file"] in known]
    # Templates cfn-lint could not check are left out of the comparison.
    crashed = {c["file"] for c in crashes}
    compared = [f for f in files if f not in crashed]

    result_errors = compare(compared, awsls, cfn, {"error"})
    result_all = compare(compared, awsls, cfn, {"error", "warning"})
    measures = {"awsls": awsls_measure, "cfn-lint": cfn_measure}
    print_report(result_errors, result_all, compared, measures, crashes, args.all_templates)
    if args.json:
        args.json.write_text(json.dumps(to_json(result_errors, result_all, compared, measures, crashes,
                                                sys.argv), indent=1) + "\n")
        print(f"\nFull comparison written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
