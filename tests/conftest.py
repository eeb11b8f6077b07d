"""Fixtures for every test: the user's own config file never changes what a test sees."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from starcoach.config import ENV_CONFIG


@pytest.fixture(autouse=True, scope="session")
def _no_user_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the config at an empty file, so rules switched off on this machine stay on here."""
    empty = tmp_path_factory.mktemp("config") / "config.toml"
    empty.write_text("", encoding="utf-8")
    before = os.environ.get(ENV_CONFIG)
    os.environ[ENV_CONFIG] = str(empty)
    yield
    if before is None:
        os.environ.pop(ENV_CONFIG, None)
    else:
        os.environ[ENV_CONFIG] = before
