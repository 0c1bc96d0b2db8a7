#!/usr/bin/env bash
# Start a private Docker engine (own socket, data root, exec root; no host networking changes)
# with its files under DIR, and build the offline busybox test image in it. Prints
# DOCKER_HOST=unix://DIR/docker.sock. Stop it with: tools/infra/docker_engine/stop-engine.sh DIR
# Usage: tools/infra/docker_engine/start-engine.sh [DIR]     (default: a new temp dir)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
py="${PYTHON:-$root/.venv/bin/python}"; [ -x "$py" ] || py=python3
cd "$root"
dir="${1:-$(mktemp -d /tmp/permiso-docker-XXXXXX)}"
"$py" -m tools.infra.docker_engine.engine start --dir "$dir"
"$py" -m tools.infra.docker_engine.engine image --dir "$dir" >&2
