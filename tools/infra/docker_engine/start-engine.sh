#!/usr/bin/env bash
# Start a private Docker engine (own socket, data root, exec root; no host networking changes)
# with its files under DIR, and build the offline busybox test image in it. Prints
# DOCKER_HOST=unix://DIR/docker.sock. Stop it with: tools/docker_engine/stop-engine.sh DIR
# Usage: tools/docker_engine/start-engine.sh [DIR]     (default: a new temp dir)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-$here/../../.venv/bin/python}"; [ -x "$py" ] || py=python3
dir="${1:-$(mktemp -d /tmp/permiso-docker-XXXXXX)}"
"$py" "$here/engine.py" start --dir "$dir"
"$py" "$here/engine.py" image --dir "$dir" >&2
