#!/usr/bin/env bash
# The Debian packages the desk and its tests need, installed when missing (`make install`
# runs this first, so `make run` and `make test` work on a machine with only Python, git
# and make). When every package is installed it does nothing: one `dpkg -s` per package.
#
# As root it runs apt-get itself; otherwise through `sudo` when sudo needs no password;
# otherwise it prints the one command to run and stops. WGDESK_SKIP_SYSTEM_PACKAGES=1
# skips the check (PDF export then answers 503 and the browser tests skip).
set -euo pipefail

PACKAGES=(
  python3-venv       # `python3 -m venv` (Debian ships ensurepip and venv apart from python3)
  tzdata             # the IANA zone database that meetings and readers' time zones come from
  chromium           # the browser tests drive Debian's Chromium (never `playwright install`)
  libatomic1         # needed by the Node.js binary of Playwright's driver, in the wheel
  fonts-noto-cjk     # Hangul in the browser and in the PDF exports
  fontconfig         # finds those fonts for WeasyPrint
  libpango-1.0-0     # WeasyPrint lays PDF pages out with Pango
  libpangoft2-1.0-0
  gettext            # xgettext, for the test that the Korean catalogue is current
  unicode-data       # Unihan: the test that the committed hanja readings are regenerated exactly
  pkg-config         # with libicu-dev, g++ and the Python headers: building PyICU, which
  libicu-dev         # rigour (name symbols, organisation types) needs through normality;
  g++                # PyPI ships it as source only; g++ brings gcc, which (with the
  python3-dev        # headers) also compiles the screening engine's hot path (mypyc)
)

if [ "${WGDESK_SKIP_SYSTEM_PACKAGES:-0}" = 1 ]; then
  exit 0
fi
if ! command -v dpkg >/dev/null 2>&1; then
  echo "system-packages: this is not a Debian system (no dpkg); install the equivalents of:" \
    "${PACKAGES[*]}" >&2
  exit 0
fi

installed() {
  # "install ok installed"; a removed package whose configuration files remain is not.
  dpkg -s "$1" 2>/dev/null | grep -qx 'Status: install ok installed'
}

missing=()
for package in "${PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

# Another job may hold dpkg's lock (unattended upgrades, a parallel CI job): wait for it.
apt=(apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
else
  {
    echo "system-packages: these Debian packages are missing: ${missing[*]}"
    echo "Install them as root, then run make again:"
    echo ""
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    echo ""
    echo "(WGDESK_SKIP_SYSTEM_PACKAGES=1 goes on without them: PDF export answers 503 and"
    echo "the browser tests skip.)"
  } >&2
  exit 1
fi

echo "system-packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" "${apt[@]}" update -qq
"${run[@]}" "${apt[@]}" install -y -qq "${missing[@]}"

still=()
for package in "${missing[@]}"; do
  installed "$package" || still+=("$package")
done
if [ ${#still[@]} -ne 0 ]; then
  echo "system-packages: apt-get did not install: ${still[*]}" >&2
  exit 1
fi
