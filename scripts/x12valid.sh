#!/usr/bin/env bash
# Validates X12 files with pyx12's x12valid (from .tools/venv, or $X12VALID) and exits
# non-zero when any file fails. x12valid's own exit status is meaningless (its console
# script exits 1 on success too), so the verdict is read from its "<file>: OK" line, its
# ERROR log lines and the 999 it writes beside each file (<file>.997, kept for reading).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
x12valid="${X12VALID:-$root/.tools/venv/bin/x12valid}"
if [ ! -x "$x12valid" ]; then
  echo "x12valid not found at $x12valid (npm run tools:install)" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  echo "usage: scripts/x12valid.sh <file.x12>..." >&2
  exit 2
fi
failed=0
for file in "$@"; do
  rm -f "$file.997"
  out="$("$x12valid" "$file" 2>&1)"
  ack="$(tr -d '\r\n' < "$file.997" 2>/dev/null | tr '~' '\n')"
  if grep -qxF "$file: OK" <<<"$out" && ! grep -q 'ERROR' <<<"$out" \
    && grep -q '^AK9\*A' <<<"$ack" && ! grep -q '^IK[34]\*' <<<"$ack" && ! grep -q '^IK5\*[^A]' <<<"$ack"; then
    echo "ok      $file"
  else
    echo "FAILED  $file"
    grep -E 'ERROR|Failure|Error' <<<"$out" | sed 's/^/        /'
    grep -E '^IK[345]\*|^AK9\*' <<<"$ack" | sed 's/^/        /'
    failed=1
  fi
done
exit "$failed"
