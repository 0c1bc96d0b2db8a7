"""Permiso reference service: the embedded default target of the acceptance suite.

Run it with ``python -m sut``; build it in code with :func:`sut.app.create_app`.
"""

__version__ = "1.0.0"
SERVICE_NAME = "Permiso"
