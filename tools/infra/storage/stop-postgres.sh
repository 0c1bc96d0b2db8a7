#!/usr/bin/env bash
# Stop the postgres started by start-postgres.sh DIR (the directory is kept; remove it yourself).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-$here/../../.venv/bin/python}"; [ -x "$py" ] || py=python3
exec "$py" "$here/servers.py" stop postgres --dir "${1:?usage: $0 DIR}"
