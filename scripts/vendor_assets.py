#!/usr/bin/env python3
"""Copy the front-end files npm installed into supportdesk/static/vendor.

Why a copy and not a CDN or a committed file: self-hosted installs run behind firewalls with a
strict CSP (script-src 'self'), and nothing third-party is committed to the repository. The exact
versions come from package-lock.json through `npm ci`; this script only puts them where Django's
static files finder serves them. It is stdlib-only so it runs before the virtualenv exists.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# source inside node_modules -> file name inside supportdesk/static/vendor
ASSETS: dict[str, str] = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "@alpinejs/csp/dist/cdn.min.js": "alpine-csp.min.js",
    "chart.js/dist/chart.umd.min.js": "chart.umd.min.js",
}


def vendor_assets(node_modules: Path, target: Path) -> list[Path]:
    """Copy every asset in ASSETS; raise FileNotFoundError naming the first missing source."""
    missing = [source for source in ASSETS if not (node_modules / source).is_file()]
    if missing:
        raise FileNotFoundError(f"not installed: {', '.join(missing)} (run `npm ci` first)")
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for source, name in ASSETS.items():
        destination = target / name
        shutil.copyfile(node_modules / source, destination)
        copied.append(destination)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--target", type=Path, default=ROOT / "supportdesk" / "static" / "vendor")
    args = parser.parse_args(argv)
    try:
        copied = vendor_assets(args.node_modules, args.target)
    except FileNotFoundError as exc:
        print(f"vendor_assets: {exc}", file=sys.stderr)
        return 1
    for path in copied:
        print(f"vendor_assets: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
