"""The project's own tools, one package per role, run as ``python -m tools.<role>.<tool>``:

- ``tools.run``: the acceptance runner (``run-acceptance.sh``) and sharded runs;
- ``tools.checks``: the project's own tests (``run-project-tests.sh``) and the checks of the
  suite itself (hygiene, degradations, defect harness, route coverage);
- ``tools.bench``: benchmarks that print figures;
- ``tools.build``: generators (authorization matrix, keyword and configuration docs);
- ``tools.report``: the run history and its dashboard, page rendering in Chromium;
- ``tools.infra``: throwaway PostgreSQL and Redis, the private Docker engine, the container stack.

The virtual environment imports ``libraries/`` and ``variables/`` modules by name (a ``.pth``
file written by ``tools/venv.sh``), as Robot does for the suites: no tool edits ``sys.path``.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project root."""
