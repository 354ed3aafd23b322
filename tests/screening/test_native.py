"""The compiled engine (mypyc): the same answers as the sources, and never a stale build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from wgdesk.cli import main as cli
from wgdesk.screening import native

ROOT = Path(__file__).resolve().parents[2]


def _package(tmp_path: Path, modules: tuple[str, ...]) -> Path:
    """Make a package folder holding one source per module, as a build would find it."""
    package = tmp_path / "pkg"
    for module in modules:
        source = native.source_path(module, package)
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(f"VALUE = {module!r}\n", "utf-8")
    return package


def _build(package: Path, modules: tuple[str, ...]) -> None:
    """Stand in for a build: its extension modules and the sources' digest as the stamp."""
    for path in native.expected(package, modules):
        path.write_bytes(b"")
    (package / native.STAMP.name).write_text(native.source_digest(package) + "\n", "ascii")


def test_nothing_built_reads_as_the_sources(tmp_path: Path) -> None:
    package = _package(tmp_path, ("a", "sub.b"))
    assert native.state(package, ("a", "sub.b"), pure=False) is native.State.PURE


def test_a_current_build_is_used_unless_the_sources_are_asked_for(tmp_path: Path) -> None:
    modules = ("a", "sub.b")
    package = _package(tmp_path, modules)
    _build(package, modules)
    assert native.state(package, modules, pure=False) is native.State.COMPILED
    assert native.state(package, modules, pure=True) is native.State.FORCED_PURE


@pytest.mark.parametrize(
    "change", ["edit", "new file", "missing extension", "left-over extension", "no stamp"]
)
def test_a_build_older_than_its_sources_is_stale(tmp_path: Path, change: str) -> None:
    modules = ("a", "sub.b")
    package = _package(tmp_path, modules)
    _build(package, modules)
    if change == "edit":
        native.source_path("sub.b", package).write_text("VALUE = 'edited'\n", "utf-8")
    elif change == "new file":
        (package / "c.py").write_text("", "utf-8")  # not compiled, but compiled code imports it
    elif change == "missing extension":
        native.extension_path("sub.b", package).unlink()
    elif change == "left-over extension":
        # A module an older build compiled and this one does not: imported first, it
        # would call into a group library that no longer has its code.
        (package / "c.py").write_text("", "utf-8")
        native.extension_path("c", package).write_bytes(b"")
        (package / native.STAMP.name).write_text(native.source_digest(package), "ascii")
    else:
        (package / native.STAMP.name).unlink()
    assert native.state(package, modules, pure=False) is native.State.STALE


def test_a_stale_build_warns_and_loads_every_compiled_module_from_its_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(native, "state", lambda: native.State.STALE)
    before = list(sys.meta_path)
    try:
        with pytest.warns(RuntimeWarning, match="does not match its sources"):
            assert native.activate() is native.State.STALE
        finder = sys.meta_path[0]
        assert finder not in before
        spec = finder.find_spec("wgdesk.screening.compare.terms", None)
        assert spec is not None and spec.origin == str(ROOT / "wgdesk/screening/compare/terms.py")
        assert finder.find_spec("wgdesk.screening.compare", None) is None  # a sub-package
        assert finder.find_spec("wgdesk.screening.nothing", None) is None
        assert finder.find_spec("json", None) is None
    finally:
        sys.meta_path[:] = before


def test_a_current_build_neither_warns_nor_redirects_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(native, "state", lambda: native.State.COMPILED)
    before = list(sys.meta_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert native.activate() is native.State.COMPILED
    assert sys.meta_path == before


def test_the_removal_takes_the_stamp_first_and_every_extension(tmp_path: Path) -> None:
    package = _package(tmp_path, (*native.COMPILED, "old"))
    _build(package, native.COMPILED)
    native.extension_path("old", package).write_bytes(b"")  # left by an older build
    removed = native.remove(package)
    assert removed[0].name == native.STAMP.name
    assert set(removed[1:]) == native.expected(package) | {native.extension_path("old", package)}
    assert native.state(package, pure=False) is native.State.PURE


def _imports(pure: bool) -> dict[str, str]:
    """Return where a fresh interpreter loads each compiled module from."""
    code = (
        "import importlib, json\n"
        "from wgdesk.screening import native\n"
        "print(json.dumps({m: importlib.import_module('wgdesk.screening.' + m).__file__"
        " for m in native.COMPILED}))\n"
    )
    env = {**os.environ, "WGDESK_PURE_PYTHON": "1" if pure else "0"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    loaded: dict[str, str] = json.loads(done.stdout)
    return loaded


def test_the_sources_can_always_be_asked_for() -> None:
    loaded = _imports(pure=True)
    assert all(path.endswith(".py") for path in loaded.values()), loaded


def test_a_current_build_loads_every_module_compiled() -> None:
    if native.state(pure=False) is not native.State.COMPILED:
        pytest.skip("the compiled engine is not built here (`wgdesk engine build`)")
    loaded = _imports(pure=False)
    assert all(path.endswith(native.EXTENSION_SUFFIX) for path in loaded.values()), loaded


@pytest.mark.slow
def test_the_sources_give_the_committed_golden_answers_too() -> None:
    # The suite itself screens with the compiled build when there is one, so the golden
    # tests check that build; this checks the sources against the same committed answers.
    env = {**os.environ, "WGDESK_PURE_PYTHON": "1"}
    done = subprocess.run(
        [sys.executable, "benchmarks/screening_golden.py", "--check", "--only", "fixture"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_engine_command_reports_the_build() -> None:
    result = CliRunner().invoke(cli, ["engine", "status"])
    assert result.exit_code == 0
    assert result.output.strip() in {s.value for s in native.State}
