#!/usr/bin/env bash
# Install what att-docs needs, only what is missing, then return quickly on later runs.
#   scripts/setup.sh runtime   Python venv + packages, the PDF fonts and their fallbacks
#   scripts/setup.sh test      the above, plus test packages, LibreOffice, poppler and OmegaT
#   scripts/setup.sh uv        the venv and the pinned uv only (for scripts/upgrade-lock.sh)
# Works on a fresh Debian machine with Python 3.11+; system packages come from apt
# (as root, or through sudo), which waits up to ATT_DOCS_APT_LOCK_TIMEOUT seconds (300)
# for another apt or dpkg holding its lock.
# Exit codes: 0 ready; 3 a tool or package is missing and could not be installed (the
# message names it).
set -euo pipefail

mode="${1:-runtime}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
say() { printf 'setup: %s\n' "$*" >&2; }

# --- system packages --------------------------------------------------------------
# Fast path: this mode was set up from these exact pins, and the system had what this
# version of the script checks for then (the build still checks its fonts itself).
pins_hash() { cat "$root/uv.lock" "$root/scripts/uv-requirements.txt" "$root/pyproject.toml" \
  | sha256sum | cut -c1-16; }
system_stamp() { echo "$venv/.system-$1-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"; }
[ -f "$venv/.installed-$(pins_hash)-$mode" ] && [ -f "$(system_stamp "$mode")" ] && exit 0

missing=()  # Debian packages to install
tools=()    # what each one is for, as a message names it: "soffice (libreoffice-writer-nogui)"
need() { missing+=("$1"); tools+=("$2 ($1)"); }
have_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "$1" 2>/dev/null)" ]; }
# The fonts of templates/styles.yaml: the body and heading fonts' stand-ins, then the
# fallbacks for other scripts (Arabic and others), emoji and CJK Extension B ideographs.
have_font "Noto Serif CJK SC:style=Bold" || need fonts-noto-cjk "the font Noto Serif CJK SC"
have_font "Liberation Serif" || need fonts-liberation2 "the font Liberation Serif"
{ have_font "Noto Naskh Arabic" && have_font "Noto Sans"; } || need fonts-noto-core "the Noto fonts"
have_font "Noto Color Emoji" || need fonts-noto-color-emoji "the font Noto Color Emoji"
have_font "HanaMinB" || need fonts-hanazono "the font HanaMinB"
command -v fc-list >/dev/null 2>&1 || need fontconfig "fc-list"
if [ "$mode" = test ]; then
  command -v soffice >/dev/null 2>&1 || need libreoffice-writer-nogui soffice
  [ -e /usr/lib/libreoffice/program/libsclo.so ] \
    || need libreoffice-calc-nogui "LibreOffice Calc"  # CSV test
  command -v pdftotext >/dev/null 2>&1 || need poppler-utils pdftotext
  command -v omegat >/dev/null 2>&1 || need omegat omegat  # the CAT tool round trip tests
  command -v chromium >/dev/null 2>&1 || need chromium chromium  # index page test
  command -v git >/dev/null 2>&1 || need git git  # the quick start in a fresh clone
fi
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || [ -x "$venv/bin/python" ] \
  || need python3-venv "Python's venv module"

# apt-get waits this many seconds for another apt or dpkg holding its lock (an unattended
# upgrade, another install), then gives up.
apt_lock_timeout="${ATT_DOCS_APT_LOCK_TIMEOUT:-300}"
apt_options=(-o "DPkg::Lock::Timeout=$apt_lock_timeout")

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    say "missing: ${tools[*]}; install them as root (apt-get install ${missing[*]})"
    exit 3
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing: ${tools[*]}; this script installs them with apt-get only"
    exit 3
  fi
  say "installing ${missing[*]} (apt-get; once; waits up to ${apt_lock_timeout}s for" \
    "another apt or dpkg to finish)"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get "${apt_options[@]}" update -qq >&2 \
    || ! "${sudo[@]}" apt-get "${apt_options[@]}" install -y -qq "${missing[@]}" >&2; then
    say "missing: ${tools[*]}; apt-get could not install ${missing[*]} (another apt or" \
      "dpkg held its lock for over ${apt_lock_timeout}s, or the network or a package" \
      "failed: see apt-get's message above); install them as root and run this again"
    exit 3
  fi
  if command -v fc-cache >/dev/null 2>&1; then fc-cache -f >/dev/null 2>&1 || true; fi
fi

# --- Python -------------------------------------------------------------------------
python3 - <<'PY' || { say "Python 3.11 or newer is needed (found $(python3 --version 2>&1))"; exit 3; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if [ ! -x "$venv/bin/python" ]; then
  say "creating the virtual environment in .venv"
  python3 -m venv "$venv"
fi

# Exactly the packages of uv.lock (versions and hashes), installed by uv. uv itself is
# pinned with its hashes in scripts/uv-requirements.txt and lives in .venv/uv, outside the
# environment it manages. The stamp is keyed on both files, so later runs return at once.
uv_pins="$root/scripts/uv-requirements.txt"
uv="$venv/uv/bin/uv"
log="$venv/install.log"
fail() { tail -n 20 "$log" >&2; say "$1; the full log is in $log"; exit 3; }

ensure_uv() {
  local want
  want="$(sed -n 's/^uv==\([^ ]*\).*/\1/p' "$uv_pins")"
  [ "$("$uv" --version 2>/dev/null | cut -d' ' -f2)" = "$want" ] && return 0
  say "installing uv $want (once)"
  { "$venv/bin/python" -m pip --version || "$venv/bin/python" -m ensurepip --default-pip; } \
    >>"$log" 2>&1 || fail "pip is missing from .venv"
  rm -rf "$venv/uv"
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-deps --require-hashes \
    --target "$venv/uv" -r "$uv_pins" >>"$log" 2>&1 || fail "installing uv failed"
}

if [ "$mode" = uv ]; then  # only the pinned uv (scripts/upgrade-lock.sh)
  ensure_uv
  exit 0
fi
hash="$(pins_hash)"
stamp="$venv/.installed-$hash-$mode"
if [ ! -f "$stamp" ]; then
  : >"$log"
  ensure_uv
  extras=()
  [ "$mode" = test ] && extras=(--extra test)
  say "installing the locked Python packages${extras:+ with the test extras} (once)"
  # --compile-bytecode: every later command starts from .pyc files, not from source (about
  # half a second per process where the environment forbids writing bytecode at import)
  UV_PROJECT_ENVIRONMENT="$venv" "$uv" sync --locked --compile-bytecode --project "$root" \
    "${extras[@]}" >>"$log" 2>&1 \
    || fail "uv sync failed (after editing pyproject.toml run scripts/upgrade-lock.sh)"
  "$venv/bin/python" -m compileall -q "$root/att_docs" >>"$log" 2>&1 || true
  rm -f "$venv"/.installed-*
  touch "$stamp"
  # the test set includes everything the runtime needs
  [ "$mode" = test ] && touch "$venv/.installed-$hash-runtime"
fi
rm -f "$venv"/.system-*
touch "$(system_stamp "$mode")"
[ "$mode" = test ] && touch "$(system_stamp runtime)"
exit 0
