"""The OpenAPI schema is true of every route: generated requests, good and bad, against the real app.

For every operation the schema lists, schemathesis sends requests built from the schema (and requests
that break it) and checks each answer: never a server error, only documented status codes and content
types, JSON bodies that match their schema, `Allow` on a 405 naming every method of the path, and
requests that break the schema refused. Not checked: that every schema-valid request succeeds, since
some rules are not in the schema (a role must be one starcoach knows; a story needs a title).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from starcoach.web.app import create_app

# Loaded at collection: the operations to test come from the schema. (Loading it from a fixture
# would be neater, but that loader does not work with the pytest this project uses.)
_DATA = tempfile.TemporaryDirectory(prefix="starcoach-schema-")
schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(f"sqlite:///{Path(_DATA.name) / 'web.db'}")
)


@pytest.fixture(scope="module", autouse=True)
def _remove_the_database() -> Iterator[None]:
    yield
    _DATA.cleanup()


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_as_its_schema_says(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
