"""The helper scripts `make install` and `make test` rely on (scripts/ is not a package)."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[3]


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendor_assets_copies_each_file_under_its_vendor_name(tmp_path: Path) -> None:
    vendor = load_script("vendor_assets")
    node_modules = tmp_path / "node_modules"
    (node_modules / "htmx.org/dist").mkdir(parents=True)
    (node_modules / "htmx.org/dist/htmx.min.js").write_text("htmx();")
    (node_modules / "@alpinejs/csp/dist").mkdir(parents=True)
    (node_modules / "@alpinejs/csp/dist/cdn.min.js").write_text("alpine();")
    (node_modules / "chart.js/dist").mkdir(parents=True)
    (node_modules / "chart.js/dist/chart.umd.min.js").write_text("chart();")

    copied = vendor.vendor_assets(node_modules, tmp_path / "static" / "vendor")

    assert [path.name for path in copied] == ["htmx.min.js", "alpine-csp.min.js", "chart.umd.min.js"]
    assert (tmp_path / "static/vendor/htmx.min.js").read_text() == "htmx();"
    assert (tmp_path / "static/vendor/alpine-csp.min.js").read_text() == "alpine();"


def test_vendor_assets_names_what_npm_did_not_install(tmp_path: Path) -> None:
    vendor = load_script("vendor_assets")
    (tmp_path / "htmx.org/dist").mkdir(parents=True)
    (tmp_path / "htmx.org/dist/htmx.min.js").write_text("htmx();")

    with pytest.raises(FileNotFoundError, match=r"@alpinejs/csp/dist/cdn\.min\.js"):
        vendor.vendor_assets(tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert vendor.main(["--node-modules", str(tmp_path), "--target", str(tmp_path / "out")]) == 1


def test_service_check_reports_a_closed_port_and_a_wrong_scheme_as_unavailable() -> None:
    check = load_script("service_check")
    with socket.socket() as sock:  # a port nobody listens on: bind, read the number, close
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    ok, reason = check.postgres_reachable(f"postgres://postgres@127.0.0.1:{port}/x", timeout=2)

    assert ok is False
    assert reason
    assert check.postgres_reachable("sqlite:///tmp/x.sqlite3") == (False, "not a PostgreSQL URL: sqlite://")
    assert check.main(["service_check.py"]) == 2


def test_lock_covers_the_declared_dependencies_and_not_the_project(tmp_path: Path) -> None:
    lock = load_script("lock_requirements")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["Django>=5.2"]\n[project.optional-dependencies]\ndev = ["pytest>=8"]\n')

    pins = lock.closure(pyproject, {"dev"})

    names = {name.lower() for name in pins}
    assert {"django", "asgiref", "sqlparse", "pytest", "pluggy", "iniconfig"} <= names
    assert "supportdesk" not in names
    assert lock.closure(pyproject, set()).keys() == {"Django", "asgiref", "sqlparse"}
    assert lock.render({"b-pkg": "2", "A_pkg": "1"}).splitlines()[-2:] == ["A_pkg==1", "b-pkg==2"]
