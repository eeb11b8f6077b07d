"""The web app: server-rendered pages and a JSON API on the same core as the CLI.

Import `starcoach.web.app` (it pulls in FastAPI); importing this package alone stays cheap so the CLI
can name it without paying for the web stack.
"""

ENV_SECRET = "STARCOACH_WEB_SECRET"
"""Hex key that signs CSRF tokens; `starcoach serve` sets it so every worker process shares one."""

ENV_ALLOWED_HOSTS = "STARCOACH_WEB_ALLOWED_HOSTS"
"""Comma-separated Host names the app answers to ("*" for any)."""

ENV_TEAM = "STARCOACH_WEB_TEAM"
"""Set to "1" by `starcoach serve --team`: every worker builds the app in team mode."""

ENV_SECURE_COOKIES = "STARCOACH_WEB_SECURE_COOKIES"
"""Set to "1" by `starcoach serve --team --behind-tls`: cookies are marked Secure."""
