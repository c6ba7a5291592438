#!/usr/bin/env bash
# Part of `npm ci` (postinstall): builds the staff page into web/dist, which the API serves
# under /app/. SKIP_WEB=1 skips it (the Dockerfile builds it once the sources are copied).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${SKIP_WEB:-}" = "1" ] || [ ! -f web/index.html ]; then
  echo "build-web: skipped"
  exit 0
fi
npm run --silent web:build
