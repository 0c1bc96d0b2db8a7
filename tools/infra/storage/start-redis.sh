#!/usr/bin/env bash
# Start a throwaway redis-server on 127.0.0.1 (free port, no persistence) with its files under
# DIR; prints the redis URL. Stop: stop-redis.sh DIR.
# Usage: tools/infra/storage/start-redis.sh [DIR]     (default: a new temp dir)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"; [ -x "$py" ] || py=python3
cd "$root"
dir="${1:-$(mktemp -d /tmp/permiso-redis-XXXXXX)}"
exec "$py" -m tools.infra.storage.servers start redis --dir "$dir"
