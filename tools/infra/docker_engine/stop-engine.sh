#!/usr/bin/env bash
# Stop the private Docker engine started by start-engine.sh DIR: removes its containers and
# networks, stops dockerd and its containerd, unmounts and deletes DIR.
# Usage: tools/infra/docker_engine/stop-engine.sh DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"; [ -x "$py" ] || py=python3
cd "$root"
exec "$py" -m tools.infra.docker_engine.engine stop --dir "${1:?usage: stop-engine.sh DIR}"
