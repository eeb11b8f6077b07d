"""The user's config file, applied to every request: the rules it switches off are left out of every
analysis a route runs (`analysis.switches`)."""

from __future__ import annotations

from starcoach.analysis.switches import rules_switched_off
from starcoach.config import switched_off_rules
from starcoach.web.security import ASGIApp, Receive, Scope, Send


class UserConfig:
    """ASGI middleware: run the request with the config's switched-off rules installed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with rules_switched_off(switched_off_rules):
            await self.app(scope, receive, send)
