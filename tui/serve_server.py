"""The textual-serve server, adapted: our own Korean page (with fonts for Hangul), quiet logs,
and addresses taken from the request so a tab opened from another computer connects back to
the address it used."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int


class AimathServer(Server):
    """textual-serve's Server with aimath's page; one app process per browser tab."""

    def __init__(self, command: str, *, host: str, port: int, title: str, page: Path):
        super().__init__(command, host=host, port=port, title=title)
        self.page = page

    def initialize_logging(self) -> None:
        # aiohttp's access log and textual-serve's info lines are English; keep only problems.
        logging.basicConfig(level=logging.WARNING, format="aimath serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        loader = jinja2.FileSystemLoader(str(self.page.parent))
        aiohttp_jinja2.setup(app, loader=loader)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """The command line has already said where to open it (in Korean)."""

    async def handle_index(self, request: web.Request) -> web.Response:
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss" if request.scheme == "https" else "ws") + base.split(":", 1)[1]
        context: dict[str, Any] = {
            "font_size": max(8, min(40, to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": f"{websocket}{request.app.router['websocket'].url_for()}",
            "static_url": f"{base}/static/",
            "title": self.title,
        }
        return aiohttp_jinja2.render_template(self.page.name, request, context)
