"""`make install` installs the Debian packages the desk needs (scripts/system-packages.sh).

The script runs here against fake `dpkg`, `apt-get`, `sudo` and `id` on its PATH, which
record how they were called: nothing is installed on this machine.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages.sh"
NEEDED = {
    "python3-venv",
    "tzdata",
    "chromium",
    "libatomic1",
    "fonts-noto-cjk",
    "fontconfig",
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "gettext",
    "unicode-data",
    "pkg-config",
    "libicu-dev",
    "g++",
    "python3-dev",
}
FAKES = {
    # dpkg -s PKG: the package's last "package status" line in $FAKE_STATE, if any.
    "dpkg": """#!/bin/bash
[ "$1" = "-s" ] || exit 2
line=""
while read -r name status; do [ "$name" = "$2" ] && line="$name $status"; done < "$FAKE_STATE"
[ -n "$line" ] || { echo "dpkg-query: package '$2' is not installed" >&2; exit 1; }
echo "Package: $2"
echo "Status: ${line#* }"
""",
    # apt-get: log the call; "install" marks its packages installed unless told to fail.
    "apt-get": """#!/bin/bash
echo "apt-get $*" >> "$FAKE_LOG"
seen=0
for arg in "$@"; do
  if [ "$seen" = 1 ] && [ "${arg#-}" = "$arg" ] && [ -z "${FAKE_APT_BROKEN:-}" ]; then
    echo "$arg install ok installed" >> "$FAKE_STATE"
  fi
  [ "$arg" = install ] && seen=1
done
exit 0
""",
    "sudo": """#!/bin/bash
if [ "$1" = "-n" ] && [ "$2" = "true" ]; then exit "${FAKE_SUDO_RC:-1}"; fi
echo "sudo $1" >> "$FAKE_LOG"
exec "$@"
""",
    "id": """#!/bin/bash
echo "${FAKE_UID:-1000}"
""",
}


@pytest.fixture
def machine(tmp_path: Path) -> Path:
    """A PATH with the fakes and only the real tools the script uses (grep)."""
    fakes = tmp_path / "bin"
    fakes.mkdir()
    for name, body in FAKES.items():
        path = fakes / name
        path.write_text(body)
        path.chmod(0o755)
    (fakes / "grep").symlink_to("/bin/grep" if Path("/bin/grep").exists() else "/usr/bin/grep")
    (tmp_path / "state").write_text("")
    (tmp_path / "log").write_text("")
    return tmp_path


def _run(machine: Path, installed: set[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run the script with some packages installed; the others missing."""
    state = machine / "state"
    state.write_text("".join(f"{p} install ok installed\n" for p in sorted(installed)))
    path = str(machine / "bin")
    if env.pop("no_dpkg", ""):
        (machine / "bin" / "dpkg").unlink()
    return subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={"PATH": path, "FAKE_STATE": str(state), "FAKE_LOG": str(machine / "log"), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _calls(machine: Path) -> list[str]:
    """The apt-get and sudo calls the script made."""
    return (machine / "log").read_text().splitlines()


def test_the_script_lists_every_package_the_desk_needs() -> None:
    block = SCRIPT.read_text().split("PACKAGES=(", 1)[1].split("\n)", 1)[0]
    listed = set(re.findall(r"^  ([a-z0-9.+-]+)", block, re.MULTILINE))
    assert listed == NEEDED


def test_nothing_happens_when_everything_is_installed(machine: Path) -> None:
    result = _run(machine, NEEDED, FAKE_UID="0")
    assert result.returncode == 0, result.stderr
    assert _calls(machine) == [] and result.stderr == ""


def test_root_installs_what_is_missing_after_an_update(machine: Path) -> None:
    result = _run(machine, NEEDED - {"chromium", "gettext"}, FAKE_UID="0")
    assert result.returncode == 0, result.stderr
    assert _calls(machine) == [
        "apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 update -qq",
        "apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 install -y -qq chromium gettext",
    ]
    assert "installing chromium gettext" in result.stderr


def test_without_root_or_sudo_it_prints_the_command_and_stops(machine: Path) -> None:
    result = _run(machine, NEEDED - {"chromium", "fonts-noto-cjk"}, FAKE_UID="1000")
    assert result.returncode == 1
    assert _calls(machine) == []
    assert "sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk" in (
        result.stderr
    )


def test_passwordless_sudo_is_used_when_not_root(machine: Path) -> None:
    result = _run(machine, NEEDED - {"libicu-dev"}, FAKE_UID="1000", FAKE_SUDO_RC="0")
    assert result.returncode == 0, result.stderr
    assert _calls(machine) == [
        "sudo apt-get",
        "apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 update -qq",
        "sudo apt-get",
        "apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 install -y -qq libicu-dev",
    ]


def test_a_removed_package_with_config_files_left_counts_as_missing(machine: Path) -> None:
    state_line = "gettext deinstall ok config-files"
    result = _run(machine, NEEDED - {"gettext"}, FAKE_UID="1000")
    assert result.returncode == 1  # sanity: missing when absent
    (machine / "log").write_text("")
    state = machine / "state"
    state.write_text(
        "".join(f"{p} install ok installed\n" for p in sorted(NEEDED - {"gettext"}))
        + state_line
        + "\n"
    )
    again = subprocess.run(
        ["/bin/bash", str(SCRIPT)],
        env={
            "PATH": str(machine / "bin"),
            "FAKE_STATE": str(state),
            "FAKE_LOG": str(machine / "log"),
            "FAKE_UID": "0",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert _calls(machine)[-1].endswith("install -y -qq gettext")


def test_a_failed_install_is_an_error(machine: Path) -> None:
    result = _run(machine, NEEDED - {"chromium"}, FAKE_UID="0", FAKE_APT_BROKEN="1")
    assert result.returncode == 1
    assert "apt-get did not install: chromium" in result.stderr


def test_it_can_be_skipped_and_stands_aside_off_debian(machine: Path) -> None:
    skipped = _run(machine, set(), FAKE_UID="0", WGDESK_SKIP_SYSTEM_PACKAGES="1")
    assert skipped.returncode == 0 and _calls(machine) == []
    elsewhere = _run(machine, set(), FAKE_UID="0", no_dpkg="1")
    assert elsewhere.returncode == 0 and _calls(machine) == []
    assert "not a Debian system" in elsewhere.stderr


def test_make_install_runs_it_and_ci_does_not_duplicate_it() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^install: system-packages ", makefile, re.MULTILINE)
    assert "scripts/system-packages.sh" in makefile
    assert re.search(r"^\$\(STAMP\): pyproject.toml \| system-packages$", makefile, re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "apt-get" not in ci and "dpkg" not in ci
    assert os.access(SCRIPT, os.X_OK)
