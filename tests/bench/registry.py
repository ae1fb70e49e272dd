"""The awsls rule registry, as the benchmark scripts read it.

`awsls rules --format json` prints a JSON array with one object per awsls code:

    {"code": "unknown-resource-type", "kind": "cloudformation", "severity": "error",
     "cfn_lint": ["E3006"], "fix": true, "summary": "..."}

`cfn_lint` lists the cfn-lint rule ids that check the same thing as the code; the
benchmarks pair an awsls finding with a cfn-lint (or cloudformation-validate)
finding through it. A JSON file of the same shape can stand in for the command
(`--registry FILE`). Python 3.11 standard library only.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


class RegistryError(Exception):
    pass


@dataclass
class Registry:
    source: str  # "awsls rules" or the file it was read from
    entries: dict[str, dict] = field(default_factory=dict)  # code -> entry
    # cfn-lint rule id -> awsls codes whose entry lists it
    by_cfn_lint: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_items(cls, items: object, source: str) -> "Registry":
        if not isinstance(items, list):
            raise RegistryError(f"{source}: expected a JSON array of rules")
        registry = cls(source)
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise RegistryError(f"{source}: every rule needs a string `code`: {item!r}")
            ids = item.get("cfn_lint") or []
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise RegistryError(f"{source}: `cfn_lint` of {item['code']} must be a list of rule ids")
            registry.entries[item["code"]] = item
            for rule_id in ids:
                registry.by_cfn_lint.setdefault(rule_id, set()).add(item["code"])
        return registry

    def cfn_lint_ids(self, code: str) -> list[str]:
        """The cfn-lint rule ids the registry lists for an awsls code (none for unknown codes)."""
        return list(self.entries.get(code, {}).get("cfn_lint") or [])

    def codes_for(self, rule_id: str) -> set[str]:
        """The awsls codes whose registry entry lists the cfn-lint rule id."""
        return self.by_cfn_lint.get(rule_id, set())

    def covers(self, code: str, rule_id: str) -> bool:
        return code in self.by_cfn_lint.get(rule_id, ())


def load(awsls: Path | str | None = None, registry_file: Path | str | None = None) -> Registry:
    """Reads the registry from `registry_file` when given, else from `awsls rules --format json`."""
    if registry_file is not None:
        path = Path(registry_file)
        try:
            items = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as err:
            raise RegistryError(f"cannot read the rule registry {path}: {err}") from err
        return Registry.from_items(items, str(path))
    if awsls is None:
        raise RegistryError("no awsls binary to ask for its rule registry")
    command = [str(awsls), "rules", "--format", "json"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    except OSError as err:
        raise RegistryError(f"cannot run {' '.join(command)}: {err}") from err
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[:1]
        raise RegistryError(f"`{' '.join(command)}` failed ({detail[0] if detail else f'exit code {done.returncode}'}); "
                            "build a newer awsls or pass --registry FILE")
    try:
        items = json.loads(done.stdout)
    except json.JSONDecodeError as err:
        raise RegistryError(f"`{' '.join(command)}` printed no JSON: {err}") from err
    return Registry.from_items(items, "awsls rules --format json")
