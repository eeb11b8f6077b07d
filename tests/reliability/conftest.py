"""Fixtures for the reliability suite: databases of both kinds (see tests/storage/conftest.py)."""

from __future__ import annotations

from tests.storage.conftest import database_url, db, store

__all__ = ["database_url", "db", "store"]
