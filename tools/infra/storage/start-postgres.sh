#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 on 127.0.0.1 (free port, trust auth, run as the postgres
# OS user) with its data under DIR; prints the SQLAlchemy URL. Stop: stop-postgres.sh DIR.
# Usage: tools/infra/storage/start-postgres.sh [DIR]     (default: a new temp dir)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"; [ -x "$py" ] || py=python3
cd "$root"
dir="${1:-$(mktemp -d /tmp/permiso-pg-XXXXXX)}"
exec "$py" -m tools.infra.storage.servers start postgres --dir "$dir"
