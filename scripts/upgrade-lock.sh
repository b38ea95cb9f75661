#!/usr/bin/env bash
# Move every locked Python package to the newest release that pyproject.toml allows, then run
# the tests against the new lock:
#   scripts/upgrade-lock.sh            uv.lock, uv itself and the build backend pin
#   scripts/upgrade-lock.sh babel      only these packages (uv lock --upgrade-package)
# The diff of uv.lock, scripts/uv-requirements.txt and pyproject.toml is what changed;
# commit it when the tests pass. Run it too after editing the dependencies in pyproject.toml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" uv  # the pinned uv, in .venv/uv
uv="$root/.venv/uv/bin/uv"
cd "$root"
if [ "$#" -gt 0 ]; then
  args=()
  for name in "$@"; do args+=(--upgrade-package "$name"); done
  "$uv" lock "${args[@]}"
else
  "$uv" lock --upgrade
  echo uv | "$uv" pip compile - --quiet --universal --generate-hashes --upgrade \
    --no-header -o scripts/uv-requirements.txt
  backend="$(echo setuptools | "$uv" pip compile - --quiet --no-header --no-annotate --upgrade)"
  sed -i "s/^build-constraint-dependencies = .*/build-constraint-dependencies = [\"$backend\"]/" \
    pyproject.toml
  "$uv" lock  # the lock records the build constraint
fi
git --no-pager diff --stat -- uv.lock scripts/uv-requirements.txt pyproject.toml || true
exec "$root/run-tests"
