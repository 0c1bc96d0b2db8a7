"""Root routes: ``GET /`` and ``GET /health``."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from sut import SERVICE_NAME, __version__, defects, schemas
from sut.db import utcnow

router = APIRouter(tags=["root"])


def probe(request: Request) -> dict[str, tuple[bool, float]]:
    """Probe database (SELECT 1) and cache (PING): name -> (healthy, milliseconds)."""
    results: dict[str, tuple[bool, float]] = {}
    state = request.app.state
    for name, check in (("database", state.db.ping), ("cache", state.store.ping)):
        start = time.perf_counter()
        try:
            if not (name == "cache" and defects.active("health-ignores-cache")):
                check()
            ok = True
        except Exception:  # noqa: BLE001 - any failure means unhealthy; details stay in the log
            ok = False
        results[name] = (ok, round((time.perf_counter() - start) * 1000, 3))
    return results


@router.get("/", response_model=schemas.RootResponse, summary="Service information")
def root() -> schemas.RootResponse | JSONResponse:
    if defects.active("root-health-link-missing"):
        return JSONResponse({"message": f"{SERVICE_NAME} authentication service", "version": __version__})
    return schemas.RootResponse(message=f"{SERVICE_NAME} authentication service", version=__version__, health="/health")


@router.get(
    "/health",
    response_model=schemas.HealthResponse,
    responses={503: {"model": schemas.HealthResponse, "description": "A component does not answer"}},
    summary="Health of the service and its storage",
)
def health(request: Request):
    if defects.active("slow-health"):
        time.sleep(0.15)
    results = probe(request)
    healthy = all(ok for ok, _ in results.values())
    body = schemas.HealthResponse(
        status="healthy" if healthy else "unhealthy",
        service=SERVICE_NAME,
        version=__version__,
        environment=request.app.state.settings.environment,
        timestamp=utcnow(),
        components={name: "healthy" if ok else "unhealthy" for name, (ok, _) in results.items()},
    )
    answer = body.model_dump(mode="json")
    if defects.active("health-status-ok") and healthy:
        answer["status"] = "ok"
    if defects.active("health-version-missing"):
        del answer["version"]
    return JSONResponse(answer, status_code=200 if healthy else 503)
