#!/usr/bin/env python3
"""Write requirements.lock: exact pins of everything `pip install -e '.[dev]'` installs.

Why walk the dependency metadata instead of `pip freeze`: freeze also pins whatever somebody
installed into the venv by hand, and such a package would then silently become part of every
install. Walking from the project's own declared requirements (with extras and environment
markers evaluated) pins exactly the closure the project needs, at the versions in this venv.

Run it with the venv's interpreter: `.venv/bin/python scripts/lock_requirements.py`.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Exact pins of every package `pip install -e '.[dev]'` installs; used as a constraints file:
#   pip install -c requirements.lock -e '.[dev]'
# Regenerate after changing dependencies in pyproject.toml: `make lock`.
"""


def _requirements(dist: metadata.Distribution, extras: set[str]) -> list[Requirement]:
    """The requirements of `dist` that apply on this interpreter with the given extras."""
    selected = []
    for line in dist.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None or any(requirement.marker.evaluate({"extra": extra}) for extra in extras or {""}):
            selected.append(requirement)
    return selected


def project_requirements(pyproject: Path, extras: set[str]) -> list[Requirement]:
    """The project's own requirements, read from pyproject.toml (the installed metadata may be stale)."""
    project = tomllib.loads(pyproject.read_text())["project"]
    lines = list(project.get("dependencies", []))
    for extra in sorted(extras):
        lines += project.get("optional-dependencies", {}).get(extra, [])
    return [Requirement(line) for line in lines if Requirement(line).marker is None or Requirement(line).marker.evaluate()]  # type: ignore[union-attr]


def closure(pyproject: Path, extras: set[str]) -> dict[str, str]:
    """Map each distribution the project needs (project excluded) to its installed version."""
    pins: dict[str, str] = {}
    queue: list[tuple[str, set[str]]] = [(r.name, set(r.extras)) for r in project_requirements(pyproject, extras)]
    seen: set[tuple[str, frozenset[str]]] = set()
    while queue:
        name, wanted = queue.pop()
        key = (canonicalize_name(name), frozenset(wanted))
        if key in seen:
            continue
        seen.add(key)
        dist = metadata.distribution(name)
        pins[dist.metadata["Name"]] = dist.version
        for requirement in _requirements(dist, wanted):
            queue.append((requirement.name, set(requirement.extras)))
    return pins


def render(pins: dict[str, str]) -> str:
    lines = [f"{name}=={version}" for name, version in sorted(pins.items(), key=lambda item: canonicalize_name(item[0]))]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write requirements.lock from the installed venv.")
    parser.add_argument("--output", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    args = parser.parse_args(argv)
    try:
        text = render(closure(ROOT / "pyproject.toml", {"dev"}))
    except metadata.PackageNotFoundError as exc:
        print(f"lock_requirements: not installed: {exc} (run `make install`)", file=sys.stderr)
        return 1
    if args.check:
        current = args.output.read_text() if args.output.exists() else ""
        if current != text:
            print(f"lock_requirements: {args.output.name} is out of date; run `make lock`", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text)
    print(f"lock_requirements: wrote {args.output.name} ({len(pins_of(text))} pins)")
    return 0


def pins_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


if __name__ == "__main__":
    sys.exit(main())
