"""Docker helpers for the project's own tests: a private engine and an offline test image.

``tools.infra.docker_engine.engine.PrivateEngine`` starts and stops a throwaway dockerd;
``tools.infra.docker_engine.image.build_test_image`` builds a ``FROM scratch`` busybox image without a registry.
"""
