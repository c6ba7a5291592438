#!/usr/bin/env bash
# Writes a migration for the change in prisma/schema/ (the schema, one file per part of the
# domain), offline: the SQL that takes the schema as committed (at REV, default HEAD) to the
# schema as it is now. Prisma's JS schema engine opens a connection to DATABASE_URL (default:
# the local PostgreSQL) but changes nothing.
# Usage: scripts/new-migration.sh <name> [REV]
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh <name> [REV]}"
rev="${2:-HEAD}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PRISMA_HIDE_UPDATE_MESSAGE=1 PRISMA_SCHEMA_ENGINE_BINARY=/dev/null PRISMA_QUERY_ENGINE_LIBRARY=/dev/null
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
before="$(mktemp -d)"
if git cat-file -e "$rev:prisma/schema" 2>/dev/null; then
  git archive "$rev" prisma/schema | tar -x -C "$before"
  before="$before/prisma/schema"
else
  # Before the schema was split into parts: one file.
  git show "$rev:prisma/schema.prisma" > "$before/schema.prisma"
  before="$before/schema.prisma"
fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
sql="$(npx prisma migrate diff --from-schema-datamodel "$before" --to-schema-datamodel prisma/schema --script)"
if [ -z "$(grep -v '^--' <<<"$sql" | tr -d '[:space:]')" ]; then
  echo "no schema change since $rev: nothing written"
  exit 0
fi
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
