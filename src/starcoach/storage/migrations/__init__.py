"""Alembic migrations for the starcoach database, shipped inside the package."""
