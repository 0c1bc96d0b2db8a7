#!/usr/bin/env bash
# Stop the private Docker engine started by start-engine.sh DIR: removes its containers and
# networks, stops dockerd and its containerd, unmounts and deletes DIR.
# Usage: tools/docker_engine/stop-engine.sh DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-$here/../../.venv/bin/python}"; [ -x "$py" ] || py=python3
exec "$py" "$here/engine.py" stop --dir "${1:?usage: stop-engine.sh DIR}"
