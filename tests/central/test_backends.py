"""Stateless app processes: two servers on one database, and a database that goes away."""

from __future__ import annotations

import signal
import threading

import httpx
import pytest

from deungdae.central import auth
from deungdae.central.db import Database
from tests.central.conftest import API, Central
from tests.central.records_to_wire import post
from tests.central.servers import (
    PrivatePostgres,
    central_server,
    new_database,
    start_central,
    stop_central,
)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_servers_one_database(backend, desktop, tmp_path, request):
    desktop.fill(blocks=8, per_block=200)
    url = (f"sqlite:///{tmp_path / 'shared.db'}" if backend == "sqlite"
           else new_database(request.getfixturevalue("pg_server")))
    with central_server(url) as (base1, _p1), central_server(url) as (base2, _p2):
        token = Central(base1, url, backend).register(desktop.store)
        batches = desktop.batches(size=4)
        acks: list[dict] = []
        failures: list[str] = []

        def send(base: str) -> None:
            with httpx.Client(base_url=base + API, timeout=60,
                              headers={"Authorization": f"Bearer {token}"}) as c:
                for b in batches:  # both send everything: the row lock decides who stores
                    r = post(c, b)
                    if r.status_code == 200:
                        acks.append(r.json())
                    else:
                        failures.append(r.text)

        threads = [threading.Thread(target=send, args=(b,)) for b in (base1, base2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        total = desktop.store.heads()["seq"]
        assert sum(a["accepted"] for a in acks) == total
        assert sum(a["duplicates"] for a in acks) == total
        assert sum(a["readings"] for a in acks) == desktop.store.count_readings() == 3200
        for base in (base1, base2):
            pos = httpx.get(base + API + "/position",
                            headers={"Authorization": f"Bearer {token}"}).json()
            assert (pos["stored_seq"], pos["head_mac"], pos["chain_ok"]) == \
                (total, desktop.store.heads()["mac"], True)


def test_database_down_is_503_and_recovers(desktop):
    pg = PrivatePostgres()
    pg.start()
    try:
        url = new_database(pg.url)
        db = Database(url)
        db.init()
        code = auth.add_plant(db, "flaky")[1]
        db.dispose()
        desktop.fill(blocks=2, per_block=50)
        with central_server(url) as (base, _proc):
            c = Central(base, url, "postgresql")
            token = c.register(desktop.store, code)
            batches = desktop.batches(size=5)
            with c.client(token) as cl:
                assert post(cl, batches[0]).status_code == 200
                pg.stop()
                for r in (cl.get("/position"), post(cl, batches[1]), cl.get("/chain")):
                    assert r.status_code == 503, r.text
                    assert r.headers["retry-after"] == "5"
                    assert "database unavailable" in r.json()["detail"]
                pg.start()
                for b in batches[1:]:
                    r = post(cl, b)
                    assert r.status_code == 200, r.text
                assert cl.get("/position").json()["head_mac"] == desktop.store.heads()["mac"]
    finally:
        pg.remove()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_what_was_acked_survives_a_kill(backend, desktop, tmp_path, request):
    desktop.fill(blocks=4, per_block=100)
    url = (f"sqlite:///{tmp_path / 'kill.db'}" if backend == "sqlite"
           else new_database(request.getfixturevalue("pg_server")))
    batches = desktop.batches(size=3)
    base, proc = start_central(url)
    try:
        c = Central(base, url, backend)
        token = c.register(desktop.store)
        with c.client(token) as cl:
            acks = [post(cl, b).json() for b in batches[:4]]
        proc.send_signal(signal.SIGKILL)  # no shutdown: only what was committed remains
        proc.wait(10)
    finally:
        stop_central(proc)
    with central_server(url) as (base2, _p), Central(base2, url, backend).client(token) as cl:
        pos = cl.get("/position").json()
        assert (pos["stored_seq"], pos["head_mac"]) == (acks[-1]["stored_seq"],
                                                        acks[-1]["head_mac"])
        for b in batches[4:]:
            assert post(cl, b).status_code == 200
        assert cl.get("/position").json()["head_mac"] == desktop.store.heads()["mac"]


def test_a_missing_table_is_the_servers_problem_not_a_refusal():
    """A ProgrammingError (a missing table: a schema not migrated) is 503-retry for the
    plant, never a 400 it would take as final."""
    import psycopg

    from deungdae.central.db import DatabaseUnavailable, classify

    exc = psycopg.errors.UndefinedTable('relation "reading" does not exist')
    assert isinstance(classify(exc), DatabaseUnavailable)
