"""Start the production-shaped container stack by hand, print the settings the suite needs to test
it, and stop it (with its private Docker engine) on Enter::

    .venv/bin/python -m tools.run.stack

``./run-acceptance.sh --stack docker`` does the same around a whole run.
"""

from __future__ import annotations

import contextlib
import sys

from tools.run import acceptance as run_acceptance


def main() -> int:
    """Start the stack, print the suite's settings for it, stop it on Enter."""
    environment: dict[str, str] = {}
    try:
        stack, _values = run_acceptance.start_stack("docker", environment, run_acceptance.config.read_dotenv())
    except run_acceptance.RunnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        print("The suite's settings for this stack (TOKEN_SIGNING_KEY left out):")
        for name, value in environment.items():
            if name != "TOKEN_SIGNING_KEY":
                print(f"  {name}={value}", flush=True)
        with contextlib.suppress(KeyboardInterrupt, EOFError):
            input("Press Enter to stop the stack. ")
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
