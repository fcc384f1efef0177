"""Every server endpoint fuzzed from its own OpenAPI spec (schemathesis), over HTTP on 127.0.0.1."""

from __future__ import annotations

import pool_kinds  # noqa: F401  (the kinds the server may be asked for)
import pytest
from hypothesis import HealthCheck, given, settings

from prorl_gym.server import ServerConfig
from tests.support.server_harness import app_server

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (the [dev] extra)")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


@pytest.fixture(scope="module")
def api():
    # small limits, so the fuzzer reaches the 413 paths too; sampling capped to keep examples quick
    config = ServerConfig(workers=2, max_batch=20, max_body_bytes=100_000, max_sample=5)
    with app_server(config) as url:
        yield schemathesis.openapi.from_url(url + "/openapi.json")


def _check(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call(timeout=120)
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:2000]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error", "detail"} and body["error"] and body["detail"], body
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_5xx_and_every_error_names_its_problem(api, mode):
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.path for op in operations} >= {"/verify", "/verify/batch", "/sample", "/envs", "/health"}
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and operation.method.upper() != "POST":
            continue  # a GET without parameters has no invalid form
        fuzz = settings(
            max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )(given(case=operation.as_strategy(generation_mode=mode))(_check))
        fuzz()
