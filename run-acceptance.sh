#!/usr/bin/env bash
# Run the Permiso acceptance suites and write results/report.html and results/log.html.
#
#   ./run-acceptance.sh                    all suites against the embedded reference service
#   PERMISO_BASE_URL=https://… ./run-acceptance.sh   against a deployment (or set it in .env)
#   ./run-acceptance.sh --include smoke    extra arguments go to pabot/robot
#
# On first use it creates .venv (python3.11, else python3) and installs requirements.txt, plus
# sut/requirements.txt when the embedded reference service is the target; a stamp of the
# requirements files' hash skips the installation while they are unchanged. Exit code: pabot's
# (0 = all tests passed), 2 when the target is not ready or the configuration is invalid.
set -euo pipefail
cd "$(dirname "$0")"
source tools/venv.sh

target_configured() {
    [ -n "${PERMISO_BASE_URL:-}" ] && return 0
    [ -f .env ] && grep -Eq '^[[:space:]]*(export[[:space:]]+)?PERMISO_BASE_URL[[:space:]]*=[[:space:]]*[^[:space:]#]' .env
}

if target_configured; then
    ensure_venv requirements.txt
else
    ensure_venv requirements.txt sut/requirements.txt
fi
exec "$VENV_PY" tools/run_acceptance.py "$@"
