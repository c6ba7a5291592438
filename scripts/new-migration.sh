#!/usr/bin/env bash
# Writes a migration for the change in prisma/schema.prisma, offline: diffs the schema
# against a scratch database with every existing migration applied.
# Usage: scripts/new-migration.sh <name>   (needs a PostgreSQL at $SCRATCH_DATABASE_URL,
# default postgresql://postgres@127.0.0.1:5432/postgres, to create a scratch database in)
set -euo pipefail
name="${1:?usage: scripts/new-migration.sh <name>}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
admin="${SCRATCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
scratch="scx_scratch_$$"
export PRISMA_HIDE_UPDATE_MESSAGE=1 PRISMA_SCHEMA_ENGINE_BINARY=/dev/null PRISMA_QUERY_ENGINE_LIBRARY=/dev/null
psql "$admin" -qc "CREATE DATABASE $scratch"
trap 'psql "$admin" -qc "DROP DATABASE IF EXISTS $scratch"' EXIT
export DATABASE_URL="${admin%/*}/$scratch"
cd "$root"
npx prisma migrate deploy >/dev/null
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
npx prisma migrate diff --from-url "$DATABASE_URL" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
echo "wrote $dir/migration.sql"
