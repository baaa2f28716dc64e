"""The OpenAPI document is true: schemathesis against the live server finds no 500 and no
response that breaks its documented schema or status codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from deungdae.central import auth
from tests.central.conftest import Central, Desktop
from tests.central.records_to_wire import post
from tests.central.servers import central_server, new_database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("openapi")
    url = (f"sqlite:///{root / 'central.db'}" if request.param == "sqlite"
           else new_database(request.getfixturevalue("pg_server")))
    mp = pytest.MonkeyPatch()
    mp.setenv("DEUNGDAE_KEYRING", "off")
    mp.setenv("DEUNGDAE_HOME", str(root / "site"))
    with central_server(url) as (base, _proc):
        central = Central(base, url, request.param)
        desktop = Desktop(Path(root / "site" / "deungdae.db"))
        try:
            desktop.fill(blocks=2, per_block=100)
            token = central.register(desktop.store)
            with central.client(token) as c:
                for b in desktop.batches(10):
                    assert post(c, b).status_code == 200
        finally:
            desktop.close()
        db = central.db()
        operator = auth.new_operator_token(db)
        db.dispose()
        yield {"schema": schemathesis.openapi.from_url(base + "/openapi.json"),
               "token": token, "operator": operator}
    mp.undo()


CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


def _fuzz(op, token: str) -> None:
    @given(case=op.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def check(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    check()


def test_api_matches_its_document(live):
    ops = [r.ok() for r in live["schema"].get_all_operations()]
    assert len(ops) == 12  # with POST /fork-report
    for op in ops:
        _fuzz(op, live["operator"] if op.path.endswith("/cluster") else live["token"])
