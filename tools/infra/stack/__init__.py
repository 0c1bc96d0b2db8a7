"""A production-shaped Permiso stack on the project's private Docker engine (``stack.py``)."""
