#!/usr/bin/env bash
# The project's own tests: pytest for libraries/ and sut/ (SQLite and PostgreSQL + Redis, a real
# Docker engine), Robocop, a Robot dry run of every suite, then the full acceptance run against
# the embedded reference service. Ends with one line "N passed, N failed".
#
# Usage: ./run-project-tests.sh            (everything; .ci/run calls this)
#        ./run-project-tests.sh --quick    (no acceptance run, no PostgreSQL/Docker set-up)
set -euo pipefail
cd "$(dirname "$0")"
source tools/venv.sh
ensure_venv requirements-dev.txt
ensure_system_packages
exec "$VENV_PY" -m tools.checks.project_tests "$@"
