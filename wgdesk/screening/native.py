"""The screening engine's hot modules compiled to C with mypyc, and the pure-Python fallback.

The engine is plain, strictly typed Python. `make install` also compiles its hot path
(analysis, retrieval, scoring, the word rules and the Korean tables) with mypyc, the
compiler mypy ships, into extension modules beside the sources: the same code, the same
answers, about a third faster (docs/benchmarks.md). A test screens with both builds and
asserts identical results.

Python imports an extension module before a source file of the same name, so a build
older than its sources would run old code. This module guards against that. The build
records a digest of the sources it compiled; when the sources no longer match (a
developer edited one), or when ``WGDESK_PURE_PYTHON=1`` is set, a finder makes every
compiled module load from its source instead, all together: compiled modules call each
other directly in C, so mixing builds is never safe. A stale build also warns once.

    wgdesk engine build    # compile (a no-op when up to date); `make install` runs it
    wgdesk engine status   # compiled, pure, stale or forced-pure
    wgdesk engine clean    # remove the compiled modules

This module itself is never compiled, and imports nothing of the engine (only the
settings).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import os
import shutil
import sys
import sysconfig
import tempfile
import warnings
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from types import ModuleType

from wgdesk import config

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = "wgdesk.screening"
# The hot path. Modules whose classes cross process boundaries (results and list
# entries are pickled to Dask workers) or are weakly referenced (the screener) stay pure
# Python: mypyc's native classes support neither.
COMPILED = (
    "cache",
    "text",
    "symbols",
    "terms",
    "analyse",
    "features",
    "retrieve",
    "index",
    "score",
    "countries",
    "compare.terms",
    "compare.korean",
    "compare.entity",
    "korean.hangul",
    "korean.names",
    "korean.readings",
    "korean.romanize",
    "korean.tables",
    "korean.hanja",
)
GROUP = f"{PACKAGE}._engine"  # the shared library holding every compiled module's code
STAMP = PACKAGE_DIR / "native.stamp"
EXTENSION_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


class State(StrEnum):
    """Which build of the engine an import gets."""

    COMPILED = "compiled"  # the compiled modules, built from the sources as they are
    PURE = "pure"  # nothing compiled: the sources
    STALE = "stale"  # compiled from other sources: the sources, with a warning
    FORCED_PURE = (
        "forced-pure"  # compiled and current, but WGDESK_PURE_PYTHON=1 asks for the sources
    )


def source_path(module: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """Return the source file of one compiled module (``compare.terms`` -> compare/terms.py)."""
    return package_dir.joinpath(*module.split(".")).with_suffix(".py")


def extension_path(module: str, package_dir: Path = PACKAGE_DIR) -> Path:
    """Return where a module's compiled extension lives, beside its source."""
    return package_dir.joinpath(*module.split(".")).with_name(
        module.split(".")[-1] + EXTENSION_SUFFIX
    )


def source_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Return a digest of the engine's sources (and the two modules it imports), as built.

    Every file, not only the compiled ones: compiled code is built against the types of
    the modules it imports, so a change anywhere asks for a rebuild.
    """
    digest = hashlib.sha256()
    files = sorted(package_dir.rglob("*.py"))
    imported = (package_dir.parent / "config.py", package_dir.parent / "yamlio.py")
    files += [p for p in imported if p.exists()]
    for path in files:
        digest.update(path.relative_to(package_dir.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def extensions(package_dir: Path = PACKAGE_DIR) -> set[Path]:
    """Return every extension module under the package, whatever built it."""
    return set(package_dir.rglob("*" + EXTENSION_SUFFIX))


def expected(package_dir: Path = PACKAGE_DIR, modules: Sequence[str] = COMPILED) -> set[Path]:
    """Return the extension modules a build of ``modules`` leaves: one each and the group's."""
    group = package_dir / (GROUP.rsplit(".", 1)[1] + "__mypyc" + EXTENSION_SUFFIX)
    return {group} | {extension_path(m, package_dir) for m in modules}


def state(
    package_dir: Path = PACKAGE_DIR, modules: Sequence[str] = COMPILED, pure: bool | None = None
) -> State:
    """Return which build an import gets: compiled only when it is whole and current."""
    found = extensions(package_dir)
    if not found:
        return State.PURE
    stamp = package_dir / STAMP.name
    recorded = stamp.read_text("ascii").strip() if stamp.exists() else ""
    # Anything but the very files of this build from these very sources is stale: a
    # module missing, or one left over from a build that compiled more.
    if found != expected(package_dir, modules) or recorded != source_digest(package_dir):
        return State.STALE
    if pure is None:
        pure = config.get_bool("pure_python")
    if pure:
        return State.FORCED_PURE
    return State.COMPILED


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Load the package's modules from their sources, ahead of any extension module."""

    def __init__(self, package_dir: Path) -> None:
        self.package_dir = package_dir

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        """Return a source spec for a module of the package; leave the rest to Python."""
        if not fullname.startswith(PACKAGE + "."):
            return None
        source = source_path(fullname.removeprefix(PACKAGE + "."), self.package_dir)
        if not source.is_file():
            return None  # a sub-package (its __init__ is never compiled) or no such module
        return importlib.util.spec_from_file_location(fullname, source)


def activate() -> State:
    """Choose the build for this process's imports; called once, as the package loads."""
    found = state()
    redirected = any(isinstance(f, _SourceFinder) for f in sys.meta_path)
    if found in (State.STALE, State.FORCED_PURE) and not redirected:
        sys.meta_path.insert(0, _SourceFinder(PACKAGE_DIR))
    if found is State.STALE:
        warnings.warn(
            "wgdesk's compiled screening engine does not match its sources; running the "
            "pure-Python engine (same answers, slower). Rebuild with `make install` or "
            "`wgdesk engine build`.",
            RuntimeWarning,
            stacklevel=2,
        )
    return found


def loaded() -> bool:
    """Return whether this process's scoring module is the compiled one."""
    module = sys.modules.get(f"{PACKAGE}.score")
    return module is not None and str(module.__file__).endswith(EXTENSION_SUFFIX)


def remove(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Remove the stamp and every extension module under the package; return them."""
    # The stamp first: a removal cut short leaves a build that reads as stale, not current.
    stamp = package_dir / STAMP.name
    removed = ([stamp] if stamp.exists() else []) + sorted(extensions(package_dir))
    for path in removed:
        path.unlink()
    return removed


def build(jobs: int = 0) -> State:
    """Compile the hot modules into a scratch folder, then put them in place with the stamp.

    A failed build raises and leaves the previous build (or none) as it was.
    """
    if state(pure=False) is State.COMPILED:
        return State.COMPILED
    from mypyc.build import mypycify  # a development tool: imported only to build
    from setuptools import setup

    digest = source_digest()
    root = PACKAGE_DIR.parent.parent
    sources = [str(source_path(m).relative_to(root)) for m in COMPILED]
    with tempfile.TemporaryDirectory(prefix="wgdesk-native-") as scratch:
        work = Path(scratch)
        # A copy of the package's sources to compile, so that neither the repository's
        # pyproject.toml (read by setuptools) nor its mypy settings (the Django plugin)
        # apply, and nothing is written into the repository until the build succeeds.
        shutil.copytree(root / "wgdesk", work / "wgdesk", ignore=_not_sources)
        flags = ["--strict", "--ignore-missing-imports", "--python-version", "3.11"]
        cwd = Path.cwd()
        os.chdir(work)
        try:
            # mypyc prints a note per generator it turns into a list: kept, and shown only
            # when the type check fails.
            notes = io.StringIO()
            try:
                with contextlib.redirect_stdout(notes):
                    modules = mypycify(
                        [*flags, *sources],
                        opt_level="3",
                        multi_file=True,
                        group_name=GROUP,
                        target_dir=str(work / "c"),
                    )
            except (Exception, SystemExit):  # mypy's type errors exit
                print(notes.getvalue(), file=sys.stderr)
                raise
            for module in modules:
                # mypyc puts a dotted group's headers in the group's folder, but a module's
                # own C file at the top (multi_file): the compiler must look in both.
                module.include_dirs.append(str(work / "c" / Path(*GROUP.split(".")[:-1])))
            setup(
                name="wgdesk-engine",
                ext_modules=modules,
                script_args=[
                    "--quiet",
                    "build_ext",
                    "--build-lib",
                    str(work / "lib"),
                    "--build-temp",
                    str(work / "tmp"),
                    "--parallel",
                    str(jobs or os.cpu_count() or 1),
                ],
            )
        finally:
            os.chdir(cwd)
        built = work / "lib" / "wgdesk" / "screening"
        # Unlinked, not overwritten: a running process keeps the old files it has mapped.
        remove()
        for path in sorted(built.rglob("*" + EXTENSION_SUFFIX)):
            shutil.copy2(path, PACKAGE_DIR / path.relative_to(built))
    STAMP.write_text(digest + "\n", "ascii")
    return state(pure=False)


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """Skip what a build does not read: extension modules, caches and the web app."""
    return {n for n in names if n.endswith(EXTENSION_SUFFIX) or n == "__pycache__" or n == "web"}
