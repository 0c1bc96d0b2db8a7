#!/usr/bin/env bash
# Run the Permiso acceptance suites and write results/report.html and results/log.html.
#
#   ./run-acceptance.sh                    all suites against the embedded reference service
#   PERMISO_BASE_URL=https://… ./run-acceptance.sh   against a deployment (or set it in .env)
#   ./run-acceptance.sh --include smoke    extra arguments go to pabot/robot
#
# On first use it creates .venv (python3.11, else python3) and installs requirements.txt, plus
# sut/requirements.txt when the embedded reference service is the target and Locust
# (requirements-load.txt) when the load tests are asked for; a stamp of the requirements files'
# hash skips the installation while they are unchanged. Exit code: 0 all tests passed, 1 tests
# failed, 2 invalid configuration, 3 target not ready, 130 interrupted.
set -euo pipefail
cd "$(dirname "$0")"
source tools/venv.sh

target_configured() {
    [ -n "${PERMISO_BASE_URL:-}" ] && return 0
    [ -f .env ] && grep -Eq '^[[:space:]]*(export[[:space:]]+)?PERMISO_BASE_URL[[:space:]]*=[[:space:]]*[^[:space:]#]' .env
}

# Locust only when the load tests are asked for (--include load).
load_asked_for() {
    local previous="" arg
    for arg in "$@"; do
        case "$previous:$arg" in
            --include:*load* | -i:*load* | *:--include=*load*) return 0 ;;
        esac
        previous=$arg
    done
    return 1
}

requirements=(requirements.txt)
load_asked_for "$@" && requirements=(requirements-load.txt)
target_configured || requirements+=(sut/requirements.txt)
ensure_venv "${requirements[@]}"
exec "$VENV_PY" -m tools.run.acceptance "$@"
