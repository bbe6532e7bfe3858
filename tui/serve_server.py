"""The textual-serve server, adapted: our own Korean page (with fonts for Hangul), quiet logs,
and addresses taken from the request so a tab opened from another computer connects back to
the address it used."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("textual-serve")


class AimathServer(Server):
    """textual-serve's Server with aimath's page; one app process per browser tab."""

    def __init__(self, command: str, *, host: str, port: int, title: str, page: Path):
        super().__init__(command, host=host, port=port, title=title)
        self.page = page
        self.sockets: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        # aiohttp's access log and textual-serve's info lines are English; keep only problems.
        logging.basicConfig(level=logging.WARNING, format="aimath serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        loader = jinja2.FileSystemLoader(str(self.page.parent))
        aiohttp_jinja2.setup(app, loader=loader)
        app.router.add_get("/favicon.ico", lambda request: web.Response(status=204))
        return app

    async def on_startup(self, app: web.Application) -> None:
        """The command line has already said where to open it (in Korean)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: close every tab's connection, so each app saves and quits now (aiohttp would
        otherwise wait a minute for open websockets)."""
        await asyncio.gather(*(socket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")
                               for socket in list(self.sockets)), return_exceptions=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the socket remembered for ``on_shutdown``."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None
        self.sockets.add(websocket)
        try:
            await websocket.prepare(request)
            service = AppService(self.command, write_bytes=websocket.send_bytes,
                                 write_str=websocket.send_str, close=websocket.close,
                                 download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken tab must not stop the server
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await service.stop()
                await _reap(service)
        return websocket

    async def handle_index(self, request: web.Request) -> web.Response:
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss:" if request.scheme == "https" else "ws:") + base.split(":", 1)[1]
        context: dict[str, Any] = {
            "font_size": max(8, min(40, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": f"{websocket}{request.app.router['websocket'].url_for()}",
            "static_url": f"{base}/static/",
            "title": self.title,
        }
        return aiohttp_jinja2.render_template(self.page.name, request, context)


async def _reap(service: AppService, timeout: float = 10.0) -> None:
    """Wait for the tab's app process to end (kill it if it hangs), so nothing outlives the
    server and no subprocess transport is left for the garbage collector after the loop closed."""
    process = getattr(service, "_process", None)
    if process is None or process.returncode is not None:
        return
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
