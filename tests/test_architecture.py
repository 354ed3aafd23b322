"""Checks on the shape of the code base itself."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wgdesk import config

ROOT = Path(__file__).resolve().parent.parent
ENGINE_PACKAGES = ("screening", "rules")


def _imported_modules(path: Path) -> set[str]:
    """Return every module name a Python file imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ENGINE_PACKAGES)
def test_engine_never_imports_django_or_the_web_app(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / "wgdesk" / package).rglob("*.py")):
        for module in _imported_modules(path):
            if module.split(".")[0] == "django" or module.startswith("wgdesk.web"):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_engine_imports_cleanly_without_django_loaded() -> None:
    # A fresh interpreter proves that importing every engine module pulls in no Django.
    code = (
        "import sys, pkgutil, importlib\n"
        "import wgdesk.screening, wgdesk.rules\n"
        "for pkg in (wgdesk.screening, wgdesk.rules):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "prefixes = ('django.', 'wgdesk.web')\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith(prefixes))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_every_setting_is_documented() -> None:
    documented = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [
        s.name
        for s in config.SETTINGS
        if f"`{s.name}`" not in documented or f"`{s.env}`" not in documented
    ]
    assert missing == []


def test_settings_are_only_read_through_the_registry() -> None:
    # Environment variables named WGDESK_* are read in config.py only (one place).
    pattern = re.compile(r"environ(?:\.get)?\s*[\[(]\s*[\"']WGDESK_")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "wgdesk").rglob("*.py")
        if p.name != "config.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
