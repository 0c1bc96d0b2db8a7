#!/usr/bin/env bash
# Start a throwaway redis-server on 127.0.0.1 (free port, no persistence) with its files under
# DIR; prints the redis URL. Stop: stop-redis.sh DIR.
# Usage: tools/storage/start-redis.sh [DIR]     (default: a new temp dir)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-$here/../../.venv/bin/python}"; [ -x "$py" ] || py=python3
dir="${1:-$(mktemp -d /tmp/permiso-redis-XXXXXX)}"
exec "$py" "$here/servers.py" start redis --dir "$dir"
