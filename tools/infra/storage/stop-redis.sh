#!/usr/bin/env bash
# Stop the redis started by start-redis.sh DIR (the directory is kept; remove it yourself).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"; [ -x "$py" ] || py=python3
cd "$root"
exec "$py" -m tools.infra.storage.servers stop redis --dir "${1:?usage: $0 DIR}"
