"""`deungdae-central` as an operator uses it: plants, codes, tokens, bad databases."""

from __future__ import annotations

import ssl

import httpx
import pytest

from tests.central.conftest import API, Desktop
from tests.central.records_to_wire import post
from tests.central.servers import central_server, run_cli


def test_plants_codes_and_operator_tokens(tmp_path, monkeypatch):
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    added = run_cli("plant", "add", "Busan cold store", "--db", db)
    assert added.returncode == 0, added.stderr
    code = added.stdout.splitlines()[1].strip()
    assert len(code) >= 16
    again = run_cli("plant", "add", "Busan cold store", "--db", db)
    assert again.returncode == 2 and "already exists" in again.stderr
    op = run_cli("operator-token", "--db", db)
    operator = op.stdout.splitlines()[1].strip()
    record = Desktop(tmp_path / "site" / "deungdae.db")
    other = Desktop(tmp_path / "other" / "deungdae.db")
    try:
        record.fill(blocks=1, per_block=10)
        with central_server(db) as (base, _proc):
            def reg(code: str, d: Desktop) -> httpx.Response:
                return httpx.post(base + API + "/register", json={
                    "code": code, "key_id": d.store.key_id, "chain_key": d.store.key.hex()})

            r = reg(code, record)
            assert r.status_code == 200 and r.json()["plant_name"] == "Busan cold store"
            token = r.json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base + API, headers=auth) as c:
                for b in record.batches(50):
                    assert post(c, b).status_code == 200
            listed = run_cli("plant", "list", "--db", db).stdout
            assert "Busan cold store" in listed and " ok" in listed
            assert f"{record.store.heads()['seq']:>10}" in listed
            # a fresh code rotates the token; the old one stops working
            new = run_cli("plant", "code", "Busan cold store", "--db", db)
            code2 = new.stdout.splitlines()[1].strip()
            # ... but not for another record once this plant holds data
            refused = reg(code2, other)
            assert refused.status_code == 409 and "already holds data" in refused.json()["detail"]
            r2 = reg(code2, record)
            assert r2.status_code == 200
            assert httpx.get(base + API + "/position", headers=auth).status_code == 401
            assert httpx.get(base + API + "/position", headers={
                "Authorization": f"Bearer {r2.json()['token']}"}).json()["stored_seq"] > 0
            cl = httpx.get(base + API + "/cluster",
                           headers={"Authorization": f"Bearer {operator}"})
            assert cl.status_code == 200 and cl.json()["plants"][0]["name"] == "Busan cold store"
    finally:
        record.close()
        other.close()
    missing = run_cli("plant", "code", "Nowhere", "--db", db)
    assert missing.returncode == 2 and "no plant named 'Nowhere'" in missing.stderr


def test_bad_databases_get_one_clear_line(tmp_path):
    for url, words in (("mysql://x@y/z", "unsupported database kind"),
                       ("postgresql://postgres@127.0.0.1:1/none", "cannot open"),
                       (f"sqlite:///{tmp_path}/file.txt/c.db", "cannot create")):
        if "file.txt" in url:
            (tmp_path / "file.txt").write_text("not a dir")
        for args in (("plant", "list"), ("serve", "--port", "0")):
            r = run_cli(*args, "--db", url, timeout=30)
            assert r.returncode == 2, (url, r.stdout, r.stderr)
            assert words in r.stderr and r.stderr.count("\n") == 1, r.stderr
            assert "Traceback" not in r.stderr


def test_env_database_and_ports(tmp_path):
    db = f"sqlite:///{tmp_path / 'env.db'}"
    r = run_cli("plant", "add", "From env", env={"DEUNGDAE_CENTRAL_DB": db})
    assert r.returncode == 0, r.stderr
    assert "From env" in run_cli("plant", "list", "--db", db).stdout


def test_tls_and_several_workers(tmp_path):
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    key_file, cert_file, ca_file = (tmp_path / "key.pem", tmp_path / "cert.pem",
                                    tmp_path / "ca.pem")
    cert.private_key_pem.write_to_path(str(key_file))
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    ca.cert_pem.write_to_path(str(ca_file))
    db = f"sqlite:///{tmp_path / 'tls.db'}"
    code = run_cli("plant", "add", "TLS plant", "--db", db).stdout.splitlines()[1].strip()
    with central_server(db, "--workers", "2", "--ssl-keyfile", str(key_file),
                        "--ssl-certfile", str(cert_file)) as (base, _proc):
        assert base.startswith("https://127.0.0.1:")
        with httpx.Client(base_url=base + API,
                          verify=ssl.create_default_context(cafile=str(ca_file))) as c:
            for _ in range(3):
                assert c.get("/health").status_code == 200
            r = c.post("/register", json={"code": code, "key_id": "abcdef01",
                                          "chain_key": "00" * 32})
            assert r.status_code == 200 and r.json()["plant_name"] == "TLS plant"
        with pytest.raises(httpx.ConnectError):
            httpx.get(base + API + "/health")  # not trusted without the CA
