"""The FastAPI application: one per `serve` process, stateless between requests."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from server import __doc__ as about
from server.accounts.views import router as accounts_router
from server.config import DATABASE_ENV
from server.database import Database
from server.errors import ServerError
from server.meta import EPOCH, MetaCache, read_meta
from server.sync.views import router as sync_router

API_VERSION = 1


def create_app(database_url: str | None = None) -> FastAPI:
    """The app on `database_url` (else $BRANCHDESK_SERVER_DATABASE_URL, as `serve` sets it for
    every worker process). The schema must be migrated (`branchdesk-server migrate`)."""
    url = database_url or os.environ[DATABASE_ENV]
    database = Database(url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        database.dispose()

    app = FastAPI(
        title="BranchDesk sync server", description=about, version=str(API_VERSION), lifespan=lifespan
    )
    app.state.database = database
    app.state.meta = MetaCache(database)
    app.include_router(accounts_router)
    app.include_router(sync_router)

    @app.get("/v1/health")
    def health() -> dict:
        with app.state.database.snapshot() as session:
            epoch = read_meta(session=session, key=EPOCH)
        return {"status": "ok", "api": API_VERSION, "epoch": epoch}

    @app.exception_handler(ServerError)
    def refused(_request: Request, error: ServerError) -> JSONResponse:
        headers = {"Retry-After": str(error.extra["retry_after"])} if "retry_after" in error.extra else None
        return JSONResponse({"error": error.body()}, status_code=error.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    def malformed(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:5])
        body = {"code": "malformed", "message": f"The request is not what this server expects: {problems}"}
        return JSONResponse({"error": body}, status_code=422)

    return app
