"""The window's side of sync: registering from Settings against a real central platform,
and the status bar telling the operator whether the record has reached it."""

from __future__ import annotations

import httpx
import pytest

from deungdae.records.chain import heads
from deungdae.sync import wire
from deungdae.sync.outbox import open_record
from deungdae.sync.state import load
from deungdae.sync.token_store import TokenStore
from tests.desktop.ui.conftest import shoot
from tests.sync.central_server import Central


@pytest.fixture
def central(tmp_path, monkeypatch):
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    c = Central(tmp_path / "central-srv")
    (tmp_path / "central-srv").mkdir()
    c.start()
    yield c
    c.stop()


def _stored_seq(central: Central, data_dir) -> int:
    st = load(data_dir)
    token = TokenStore(data_dir).load(st.key_id)
    r = httpx.get(central.url + wire.API_PREFIX + "/position",
                  headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return r.json()["stored_seq"]


def test_register_in_settings_then_status_bar_follows_sync(make_main_window, qtbot, central,
                                                           data_dir) -> None:
    w = make_main_window(speed=30)
    qtbot.waitUntil(lambda: w.engine.status().readings_written > 0, timeout=8000)
    assert "not set up" in w.sync_label.text()
    w.show_page(w.settings_page)
    tab = w.settings_page.central_tab
    w.settings_page.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.address.text() != "", timeout=5000)
    assert tab.address.text() == "not registered"

    # a wrong code is refused in words, and nothing is registered
    tab.url_edit.setText(central.url)
    tab.code_edit.setText("not-a-real-code")
    tab.register_button.click()
    qtbot.waitUntil(lambda: tab.result.text().startswith("Not registered:"), timeout=10000)
    assert load(data_dir) is None

    tab.code_edit.setText(central.plant_add("Window plant"))
    tab.register_button.click()
    qtbot.waitUntil(lambda: tab.result.text().startswith("Registered as Window plant"),
                    timeout=10000)
    assert tab.address.text() == central.url
    assert w.engine.sync is not None and w.engine.sync.running

    # the engine's background sync reaches the platform while recording goes on
    qtbot.waitUntil(lambda: _stored_seq(central, data_dir) > 0, timeout=20000)
    w.refresh_sync_status()
    qtbot.waitUntil(lambda: w.sync_label.status is not None and w.sync_label.status.configured,
                    timeout=5000)
    assert w.sync_label.text().startswith("Sync:")
    assert "not set up" not in w.sync_label.text()
    tab.refresh()
    qtbot.wait(300)
    shoot(w, "settings_central_en")

    # stopping the window flushes the record; one more drain leaves nothing behind
    w.shutdown()
    from deungdae.sync.service import SyncService

    svc = SyncService(data_dir)
    svc.acquire()
    try:
        svc.drain()
    finally:
        svc.release()
    con = open_record(data_dir / "deungdae.db")
    try:
        local_head = heads(con)
    finally:
        con.close()
    assert _stored_seq(central, data_dir) == local_head["seq"]
